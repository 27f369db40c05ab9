/* ledger_form.c — the 台账 screen's session form: new entries, corrections and delivered course orders,
 * with the roll call it opens; the pickers behind its pick fields are in ledger_pick.c. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "branch.h"
#include "config.h"
#include "course.h"
#include "date.h"
#include "dialog.h"
#include "form.h"
#include "ledger.h"
#include "ledger_views.h"
#include "pickers/plan_pick.h"
#include "plan.h"
#include "rollcall_view.h"
#include "teacher.h"
#include "text.h"
#include "store.h"
#include "venue.h"
#include "vocab.h"

enum {
    F_DATE,
    F_START,
    F_END,
    F_COURSE,
    F_TITLE,
    F_CATEGORY,
    F_FORMAT,
    F_KIND,
    F_PLAN,
    F_TEACHER,
    F_VENUE,
    F_BRANCHES,
    F_HOURS,
    F_EXPECTED,
    F_PRESENT,
    F_NOTE,
    F_RECORDER,
    F_ATT,
    NFIELDS
};

struct sform {
    struct app *app;
    struct session s; /* ids, counts and what the form has no field for; s.branches/att unused */
    int64_t *branches;
    char (*branch_names)[201];
    int nbranches, capbranches;
    struct rollcall rc;
    struct rollcall_view rv; /* rc on the screen: keeps its cursor between openings */
    bool hours_touched;
    struct vocab_list cats, fmts, kinds;
    const char *catp[VOCAB_MAX], *fmtp[VOCAB_MAX], *kindp[VOCAB_MAX];
    struct form_field f[NFIELDS];
    struct form form;
    int64_t saved_id;
    char saved_date[11];
    char future_ok[11]; /* a date after today the user said 是 to */
    int year;     /* the teacher picker's */
    bool rc_seen; /* the roll call was on the screen since its list last grew: the save key saves at once */
    bool live;    /* the form runs: a text field's value is its line editor's, not yet its text */
    int saved_expected, saved_present; /* as ledger_save_session stored them */
};

static void sform_to_session(struct sform *c, struct session *s);

int ledger_choice_index(const struct vocab_list *v, const char *name)
{
    for (int i = 0; i < v->n; i++)
        if (!strcmp(v->name[i], name))
            return i;
    return 0;
}

static void show_branches(struct sform *c)
{
    char *out = c->f[F_BRANCHES].text;
    size_t sz = sizeof c->f[F_BRANCHES].text;
    out[0] = '\0';
    for (int i = 0; i < c->nbranches; i++) {
        size_t len = strlen(out);
        if (len + strlen(c->branch_names[i]) + 40 >= sz) {
            snprintf(out + len, sz - len, "等 %d 个", c->nbranches);
            break;
        }
        snprintf(out + len, sz - len, "%s%s", i ? "、" : "", c->branch_names[i]);
    }
}

/* 应到 as the save will store it, reckoned by core (rollcall_expected) from the date, the target branches and any
 * 应到 typed as they stand now; a date not yet readable keeps the last figure. */
static void reckon_expected(struct sform *c)
{
    struct session s;
    sform_to_session(c, &s);
    char date[64], typed[64];
    text_copy(date, sizeof date, c->live ? lineedit_text(&c->f[F_DATE].le) : c->f[F_DATE].text);
    text_copy(typed, sizeof typed, c->live ? lineedit_text(&c->f[F_EXPECTED].le) : c->f[F_EXPECTED].text);
    struct fx_error err;
    fx_clear(&err);
    double given = 0;
    if (date_normalize(text_trim(date), s.date, &err))
        return;
    s.expected_given = text_trim(typed)[0] != '\0';
    if (s.expected_given && (!text_parse_number(typed, true, &given) || given < 0 || given > 1e6))
        return;
    s.expected = (int)given;
    rollcall_expected(&c->rc, c->app->db, &s, &err);
}

static void show_attendance(struct sform *c)
{
    reckon_expected(c);
    int e, p, l, a;
    rollcall_counts(&c->rc, &e, &p, &l, &a);
    if (e == 0 && c->nbranches == 0)
        snprintf(c->f[F_ATT].text, sizeof c->f[F_ATT].text, "（选了参训党组织后点名；空格打开）");
    else if (e != c->rc.n) /* the number called beside 应到, as the roll call shows it (rollcall_view.c) */
        snprintf(c->f[F_ATT].text, sizeof c->f[F_ATT].text, "应到 %d  点名 %d  实到 %d  请假 %d  缺席 %d（空格打开）", e,
                 c->rc.n, p, l, a);
    else
        snprintf(c->f[F_ATT].text, sizeof c->f[F_ATT].text, "应到 %d  实到 %d  请假 %d  缺席 %d（空格打开点名）", e, p,
                 l, a);
}

static int add_branch(struct sform *c, int64_t id, const char *name)
{
    if (c->nbranches == c->capbranches) {
        int cap = c->capbranches ? c->capbranches * 2 : 8;
        int64_t *b = realloc(c->branches, (size_t)cap * sizeof *b);
        if (!b)
            return -1;
        c->branches = b;
        char(*n)[201] = realloc(c->branch_names, (size_t)cap * sizeof *n);
        if (!n)
            return -1;
        c->branch_names = n;
        c->capbranches = cap;
    }
    c->branches[c->nbranches] = id;
    snprintf(c->branch_names[c->nbranches], sizeof c->branch_names[0], "%s", name);
    c->nbranches++;
    return 0;
}

static void toggle_branch(struct sform *c, const struct branch *b)
{
    for (int i = 0; i < c->nbranches; i++)
        if (c->branches[i] == b->id) {
            memmove(&c->branches[i], &c->branches[i + 1], (size_t)(c->nbranches - i - 1) * sizeof c->branches[0]);
            memmove(&c->branch_names[i], &c->branch_names[i + 1],
                    (size_t)(c->nbranches - i - 1) * sizeof c->branch_names[0]);
            c->nbranches--;
            return;
        }
    add_branch(c, b->id, b->name);
}

/* Fill the form's fields from a session (a new one, a saved one, or a delivered order). */
static int sform_setup(struct sform *c, struct app *app, const struct session *from, struct fx_error *err)
{
    memset(c, 0, sizeof *c);
    c->app = app;
    rollcall_init(&c->rc);
    rollcall_view_init(&c->rv, &c->rc);
    if (vocab_get(app->db, "category", &c->cats, err) || vocab_get(app->db, "format", &c->fmts, err) ||
        vocab_get(app->db, "kind", &c->kinds, err))
        return err->code;
    for (int i = 0; i < VOCAB_MAX; i++) {
        c->catp[i] = c->cats.name[i];
        c->fmtp[i] = c->fmts.name[i];
        c->kindp[i] = c->kinds.name[i];
    }
    if (from) {
        c->s = *from;
        c->s.branches = NULL;
        c->s.att = NULL;
        c->s.nbranches = c->s.natt = 0;
    }
    struct form_field *f = c->f;
    f[F_DATE] = (struct form_field){.id = "date", .label = "日期", .type = FIELD_DATE, .required = true, .max = 24};
    f[F_START] = (struct form_field){.id = "start", .label = "开始时间", .type = FIELD_TEXT, .max = 8};
    f[F_END] = (struct form_field){.id = "end", .label = "结束时间", .type = FIELD_TEXT, .max = 8};
    f[F_COURSE] = (struct form_field){.id = "course", .label = "菜单课程", .type = FIELD_PICK};
    f[F_TITLE] = (struct form_field){.id = "title", .label = "标题", .type = FIELD_TEXT, .required = true,
                                      .max = FX_TITLE_CHARS};
    f[F_CATEGORY] = (struct form_field){.id = "category", .label = "内容类别", .type = FIELD_CHOICE};
    f[F_FORMAT] = (struct form_field){.id = "format", .label = "培训形式", .type = FIELD_CHOICE};
    f[F_KIND] = (struct form_field){.id = "kind", .label = "记录类型", .type = FIELD_CHOICE};
    /* The plan item carried out (issue 15): empty, the rule links a new session (same month, kind and category). */
    f[F_PLAN] = (struct form_field){.id = "plan", .label = "计划项目", .type = FIELD_PICK};
    f[F_TEACHER] = (struct form_field){.id = "teacher", .label = "教师", .type = FIELD_PICK};
    f[F_VENUE] = (struct form_field){.id = "venue", .label = "场地", .type = FIELD_PICK};
    f[F_BRANCHES] = (struct form_field){.id = "branches", .label = "参训党组织", .type = FIELD_PICK};
    f[F_HOURS] = (struct form_field){.id = "hours", .label = "学时", .type = FIELD_NUMBER, .required = true, .max = 6};
    /* Head counts (issue 14): 应到 as given (empty: the register of the target branches, else the roll
     * call's size — ledger_expected_for); 实到 as a number for a 云课堂 or 大讲堂 with no roll call. */
    f[F_EXPECTED] = (struct form_field){.id = "expected", .label = "应到人数", .type = FIELD_NUMBER, .max = 6};
    f[F_PRESENT] = (struct form_field){.id = "present", .label = "实到人数", .type = FIELD_NUMBER, .max = 6};
    f[F_NOTE] = (struct form_field){.id = "note", .label = "备注", .type = FIELD_TEXT, .max = FX_NOTE_CHARS};
    f[F_RECORDER] = (struct form_field){.id = "recorder", .label = "记录人", .type = FIELD_TEXT, .max = FX_PERSON_CHARS};
    f[F_ATT] = (struct form_field){.id = "attendance", .label = "点名", .type = FIELD_PICK};
    f[F_CATEGORY].choices = c->catp;
    f[F_CATEGORY].nchoices = c->cats.n;
    f[F_FORMAT].choices = c->fmtp;
    f[F_FORMAT].nchoices = c->fmts.n;
    f[F_KIND].choices = c->kindp;
    f[F_KIND].nchoices = c->kinds.n;

    if (from && from->date[0]) {
        snprintf(f[F_DATE].text, sizeof f[F_DATE].text, "%s", from->date);
    } else {
        struct fx_date today;
        date_today(&today);
        date_format(&today, f[F_DATE].text);
    }
    if (!from) {
        snprintf(f[F_RECORDER].text, sizeof f[F_RECORDER].text, "%s", app->cfg->recorder);
        show_attendance(c);
        return 0;
    }
    snprintf(f[F_START].text, sizeof f[F_START].text, "%s", from->start);
    snprintf(f[F_END].text, sizeof f[F_END].text, "%s", from->end);
    snprintf(f[F_TITLE].text, sizeof f[F_TITLE].text, "%s", from->title);
    f[F_CATEGORY].choice = ledger_choice_index(&c->cats, from->category);
    f[F_FORMAT].choice = ledger_choice_index(&c->fmts, from->format);
    f[F_KIND].choice = ledger_choice_index(&c->kinds, from->kind);
    if (from->id || from->hours > 0 || from->course_id) {
        ledger_format_hours(f[F_HOURS].text, sizeof f[F_HOURS].text, from->hours);
        c->hours_touched = true;
    }
    if (from->id && !strcmp(from->expected_basis, "given"))
        snprintf(f[F_EXPECTED].text, sizeof f[F_EXPECTED].text, "%d", from->expected);
    int64_t called = 1;
    if (from->id && from->present > 0 &&
        store_get_int(app->db, "SELECT count(*) FROM attendance WHERE session_id = ?1",
                      STORE_ARGS(STORE_INT(from->id)), &called, NULL) == 0 && called == 0)
        snprintf(f[F_PRESENT].text, sizeof f[F_PRESENT].text, "%d", from->present); /* a head count */
    snprintf(f[F_NOTE].text, sizeof f[F_NOTE].text, "%s", from->note);
    snprintf(f[F_RECORDER].text, sizeof f[F_RECORDER].text, "%s",
             from->recorder[0] ? from->recorder : app->cfg->recorder);
    struct fx_error lerr;
    struct course co;
    struct teacher t;
    struct venue v;
    if (from->course_id && !course_get(app->db, from->course_id, &co, &lerr))
        snprintf(f[F_COURSE].text, sizeof f[F_COURSE].text, "《%s》", co.title);
    if (from->teacher_id && !teacher_get(app->db, from->teacher_id, &t, &lerr))
        snprintf(f[F_TEACHER].text, sizeof f[F_TEACHER].text, "%s", t.name);
    int64_t plan_id = 0;
    char how[16] = "";
    struct plan_item pi;
    if (from->id && !plan_session_link(app->db, from->id, &plan_id, how, &lerr) && plan_id &&
        !plan_get(app->db, plan_id, &pi, &lerr)) {
        char label[300];
        plan_pick_label(pi.month_first, pi.month_last, pi.title, label, sizeof label);
        text_format(f[F_PLAN].text, sizeof f[F_PLAN].text, "%s（%s）", label, how);
    }
    if (from->venue_id && !venue_get(app->db, from->venue_id, &v, &lerr))
        snprintf(f[F_VENUE].text, sizeof f[F_VENUE].text, "%s", v.name);
    for (int i = 0; i < from->nbranches; i++) {
        struct branch b;
        if (branch_get(app->db, from->branches[i], &b, &lerr))
            snprintf(b.name, sizeof b.name, "编号 %lld", (long long)from->branches[i]);
        if (add_branch(c, from->branches[i], b.name))
            return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    show_branches(c);
    if (from->id && rollcall_load(&c->rc, app->db, from, err))
        return err->code;
    /* A prefilled new session (a delivered order) calls the roll of its branch. */
    if (!from->id && rollcall_sync(&c->rc, app->db, c->branches, c->nbranches, err))
        return err->code;
    show_attendance(c);
    return 0;
}

static void sform_free(struct sform *c)
{
    free(c->branches);
    free(c->branch_names);
    rollcall_free(&c->rc);
}

/* The pickers fill the session and the field that shows it; the course also fills what it prescribes. */
static bool pick_course(struct sform *c, struct form *form, const char *q)
{
    struct course co;
    if (!ledger_pick_course(c->app, q, &co))
        return false;
    struct form_field *f = c->f;
    c->s.course_id = co.id;
    snprintf(f[F_COURSE].text, sizeof f[F_COURSE].text, "《%s》", co.title);
    form_set_text(&f[F_TITLE], co.title);
    f[F_CATEGORY].choice = ledger_choice_index(&c->cats, co.category);
    f[F_FORMAT].choice = ledger_choice_index(&c->fmts, co.format);
    if (co.teacher_id) {
        c->s.teacher_id = co.teacher_id;
        form_set_text(&f[F_TEACHER], co.teacher);
    }
    if (co.venue_id) {
        c->s.venue_id = co.venue_id;
        form_set_text(&f[F_VENUE], co.venue);
    }
    char h[32];
    ledger_format_hours(h, sizeof h, co.hours);
    form_set_text(&f[F_HOURS], h);
    c->hours_touched = true;
    (void)form;
    return true;
}

/* The plan item of the year the date field names (else the screen's year), chosen by hand. */
static bool pick_plan(struct sform *c, const char *q)
{
    const char *d = lineedit_text(&c->f[F_DATE].le);
    char day[11];
    struct fx_error err;
    int year = date_normalize(d, day, &err) ? c->year : atoi(day);
    int64_t id;
    char label[300];
    if (!plan_pick_run(c->app, year, q, &id, label, sizeof label))
        return false;
    c->s.plan_id = id;
    text_format(c->f[F_PLAN].text, sizeof c->f[F_PLAN].text, "%s（%s）", label, PLAN_HOW_HAND);
    return true;
}

static bool pick_teacher(struct sform *c, const char *q)
{
    return ledger_pick_teacher(c->app, c->year, q, &c->s.teacher_id, c->f[F_TEACHER].text, sizeof c->f[F_TEACHER].text);
}

static bool pick_venue(struct sform *c, const char *q)
{
    return ledger_pick_venue(c->app, q, &c->s.venue_id, c->f[F_VENUE].text, sizeof c->f[F_VENUE].text);
}

/* Target branches: the picker opens again after each choice, so several are ticked in a row; Esc ends. */
static bool pick_branches(struct sform *c, const char *q)
{
    bool changed = false;
    const char *query = q;
    struct branch b;
    while (ledger_pick_target(c->app, query, c->branches, c->nbranches, &b)) {
        toggle_branch(c, &b);
        changed = true;
        query = ""; /* the next choice starts afresh */
    }
    show_branches(c);
    return changed;
}

static void session_title(struct sform *c, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s %s", lineedit_text(&c->f[F_DATE].le), lineedit_text(&c->f[F_TITLE].le));
}

/* Run the roll call after syncing it with the branches chosen so far. */
static int run_rollcall(struct sform *c, struct fx_error *err)
{
    if (rollcall_sync(&c->rc, c->app->db, c->branches, c->nbranches, err))
        return -1;
    char title[300];
    session_title(c, title, sizeof title);
    int r = rollcall_view_run(c->app, &c->rv, title);
    c->rc_seen = true;
    show_attendance(c);
    if (c->rc.changed)
        app_set_save_state(c->app, "未保存");
    return r;
}

static bool sform_pick(void *vctx, struct form *form, struct form_field *f, int is_key, wint_t ch)
{
    struct sform *c = vctx;
    int which = (int)(f - c->f);
    char q[8];
    int key = ledger_pick_key(is_key, ch, q, sizeof q);
    if (key == PICK_KEY_CLEAR) {
        switch (which) {
        case F_COURSE: c->s.course_id = 0; break;
        case F_PLAN: c->s.plan_id = 0; break;
        case F_TEACHER: c->s.teacher_id = 0; break;
        case F_VENUE: c->s.venue_id = 0; break;
        case F_BRANCHES: c->nbranches = 0; break;
        default: return false;
        }
        f->text[0] = '\0';
        if (which == F_BRANCHES) {
            struct fx_error err;
            rollcall_sync(&c->rc, c->app->db, c->branches, c->nbranches, &err);
            show_attendance(c);
        }
        return true;
    }
    if (key != PICK_KEY_OPEN)
        return false;
    if (ch == ' ')
        q[0] = '\0';
    switch (which) {
    case F_COURSE: return pick_course(c, form, q);
    case F_PLAN: return pick_plan(c, q);
    case F_TEACHER: return pick_teacher(c, q);
    case F_VENUE: return pick_venue(c, q);
    case F_BRANCHES: {
        bool changed = pick_branches(c, q);
        struct fx_error err;
        int before = c->rc.n;
        if (rollcall_sync(&c->rc, c->app->db, c->branches, c->nbranches, &err))
            dialog_error(c->app, &err);
        if (c->rc.n > before)
            c->rc_seen = false; /* new names to call: saving shows the roll call first */
        show_attendance(c);
        return changed;
    }
    case F_ATT: {
        struct fx_error err;
        fx_clear(&err);
        int r = run_rollcall(c, &err);
        if (r < 0) {
            dialog_error(c->app, &err);
            return false;
        }
        /* The roll call's save key saves the session, as its hint says. */
        if (r == ROLLCALL_SAVE)
            form->save_now = true;
        return c->rc.changed;
    }
    default: return false;
    }
}

/* People type 9:00, 9：30 (an input method's colon) or 0930; the ledger stores 09:00.
 * Anything else is passed on as typed, for core to refuse with its message. */
static void normal_time(const char *in, char *out, size_t outsz)
{
    char d[4];
    int nd = 0, before = -1; /* digits before the colon, -1: no colon */
    const char *p = in;
    while (*p) {
        if (*p >= '0' && *p <= '9' && nd < 4)
            d[nd++] = *p++;
        else if (*p == ':' && before < 0)
            before = nd, p++;
        else if (!strncmp(p, "：", strlen("：")) && before < 0)
            before = nd, p += strlen("：");
        else
            break;
    }
    bool ok = !*p && (nd == 3 || nd == 4) && (before < 0 || before == nd - 2);
    if (!ok)
        snprintf(out, outsz, "%s", in);
    else if (nd == 3)
        snprintf(out, outsz, "0%c:%c%c", d[0], d[1], d[2]);
    else
        snprintf(out, outsz, "%c%c:%c%c", d[0], d[1], d[2], d[3]);
}

/* Start or end typed: suggest 学时 by the configured counting rule, until the hours are typed by hand. */
static void sform_changed(void *vctx, struct form *form, struct form_field *f)
{
    struct sform *c = vctx;
    (void)form;
    if (f == &c->f[F_DATE] || f == &c->f[F_EXPECTED]) {
        show_attendance(c); /* 应到 follows the register of the day, or the number typed */
        return;
    }
    if (f == &c->f[F_HOURS]) {
        c->hours_touched = true;
        return;
    }
    if (c->hours_touched || (f != &c->f[F_START] && f != &c->f[F_END]))
        return;
    int t0, t1;
    struct fx_error err;
    char a[16], b[16];
    normal_time(lineedit_text(&c->f[F_START].le), a, sizeof a);
    normal_time(lineedit_text(&c->f[F_END].le), b, sizeof b);
    if (time_parse(a, &t0, &err) || time_parse(b, &t1, &err) || t1 <= t0)
        return;
    char h[32];
    ledger_format_hours(h, sizeof h, config_suggest_hours(c->app->cfg, t0, t1));
    form_set_text(&c->f[F_HOURS], h);
}

static void sform_to_session(struct sform *c, struct session *s)
{
    const struct form_field *f = c->f;
    *s = c->s;
    text_copy(s->date, sizeof s->date, f[F_DATE].text);
    char t[sizeof f[F_START].text];
    normal_time(f[F_START].text, t, sizeof t);
    text_copy(s->start, sizeof s->start, t);
    normal_time(f[F_END].text, t, sizeof t);
    text_copy(s->end, sizeof s->end, t);
    text_copy(s->title, sizeof s->title, f[F_TITLE].text); /* room for 100 characters of any script */
    snprintf(s->category, sizeof s->category, "%s", c->cats.n ? c->cats.name[f[F_CATEGORY].choice] : "");
    snprintf(s->format, sizeof s->format, "%s", c->fmts.n ? c->fmts.name[f[F_FORMAT].choice] : "");
    snprintf(s->kind, sizeof s->kind, "%s", c->kinds.n ? c->kinds.name[f[F_KIND].choice] : "");
    s->hours = strtod(f[F_HOURS].text, NULL);
    /* An empty count leaves it to the rule; a typed one is kept as it is (or refused by core). */
    s->expected_given = f[F_EXPECTED].text[0] != '\0';
    s->expected = s->expected_given ? atoi(f[F_EXPECTED].text) : 0;
    s->present_given = f[F_PRESENT].text[0] != '\0';
    s->present = s->present_given ? atoi(f[F_PRESENT].text) : 0;
    if (!s->expected_given)
        s->expected_basis[0] = '\0';
    snprintf(s->note, sizeof s->note, "%s", f[F_NOTE].text);
    text_copy(s->recorder, sizeof s->recorder, f[F_RECORDER].text);
    s->branches = c->branches;
    s->nbranches = c->nbranches;
    s->att = NULL;
    s->natt = 0;
}

/* Before a roll call is saved: nobody present, or absences without a reason (an unmarked name is saved
 * as absent), are more often a slip than the truth, so ask. False leaves the form open with a word at 点名. */
static bool rollcall_confirmed(struct sform *c, struct fx_error *err)
{
    int expected, present;
    rollcall_counts(&c->rc, &expected, &present, NULL, NULL);
    int unexplained = rollcall_unexplained(&c->rc);
    char msg[300];
    if (expected > 0 && present == 0)
        snprintf(msg, sizeof msg, "点名里没有一个人到会（应到 %d 人）。\n仍要这样保存吗？", expected);
    else if (unexplained > 0)
        snprintf(msg, sizeof msg, "有 %d 人缺席，没有写原因（没有标为“到”的都算缺席）。\n仍要这样保存吗？",
                 unexplained);
    else
        return true;
    if (dialog_confirm(c->app, "保存点名", msg))
        return true;
    fx_fail_field(err, FX_EINPUT, "attendance", "没有保存：在这里按空格打开点名，标出到会的人或写上原因");
    return false;
}

/* The save key from any field, or Enter on the last: core checks the fields (errors land at the field),
 * then the roll call (shown first unless it was on the screen already), then one transaction. */
static int sform_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct sform *c = vctx;
    struct session s;
    sform_to_session(c, &s);
    if (ledger_validate_session(c->app->db, &s, err))
        return err->code;
    /* A day that has not come asks once per date typed (the roll call may bring the save back here). */
    char day[11];
    if (!date_normalize(s.date, day, err) && strcmp(c->future_ok, day)) {
        if (!app_confirm_future(c->app, day, "培训日期", "date", err))
            return err->code;
        text_copy(c->future_ok, sizeof c->future_ok, day);
    }
    fx_clear(err);
    if (rollcall_sync(&c->rc, c->app->db, c->branches, c->nbranches, err))
        return err->code;
    if (c->rc.n > 0 && !c->rc_seen) {
        char title[300];
        text_format(title, sizeof title, "%s %s", s.date, s.title);
        int r = rollcall_view_run(c->app, &c->rv, title);
        c->rc_seen = true;
        show_attendance(c);
        if (r != ROLLCALL_SAVE) {
            /* Back in the form with nothing written; Esc there asks before the marks are lost. */
            form->fields[F_ATT].le.tb.changed = true;
            return fx_fail_field(err, FX_EINPUT, "attendance",
                                 "点名已记下，还没有保存：按 F2 或 Ctrl-S 保存，Esc 放弃");
        }
    }
    if (c->rc.n > 0 && !rollcall_confirmed(c, err)) {
        form->fields[F_ATT].le.tb.changed = true;
        return FX_EINPUT;
    }
    struct attendee *att = NULL;
    int natt = rollcall_attendance(&c->rc, &att);
    if (natt < 0)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    s.att = att;
    s.natt = natt;
    int rc = ledger_save_session(c->app->db, &s, err);
    free(att);
    if (rc)
        return rc;
    app_mark_saved(c->app);
    c->saved_id = s.id;
    c->saved_expected = s.expected;
    c->saved_present = s.present;
    snprintf(c->saved_date, sizeof c->saved_date, "%s", s.date);
    return 0;
}

int64_t ledger_form_run(struct app *app, const struct session *from, const char *title, int year, char *saved_date)
{
    struct sform *c = calloc(1, sizeof *c);
    struct fx_error err;
    fx_clear(&err);
    if (!c)
        return 0;
    if (sform_setup(c, app, from, &err)) {
        app_error(app, &err);
        sform_free(c);
        free(c);
        return 0;
    }
    c->year = year;
    c->form = (struct form){.title = title,
                            .fields = c->f,
                            .nfields = NFIELDS,
                            .save = sform_save,
                            .ctx = c,
                            .pick = sform_pick,
                            .changed = sform_changed};
    int64_t id = 0;
    c->live = true;
    if (form_run(app, &c->form)) {
        id = c->saved_id;
        snprintf(saved_date, sizeof c->saved_date, "%s", c->saved_date);
        if (c->rc.n) /* the figures as stored, which the 台账 list shows too */
            app_status(app, "已保存：%s（应到 %d，实到 %d）", c->f[F_TITLE].text, c->saved_expected, c->saved_present);
        else
            app_status(app, "已保存：%s", c->f[F_TITLE].text);
    }
    sform_free(c);
    free(c);
    return id;
}
