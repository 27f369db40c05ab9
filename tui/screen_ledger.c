/* screen_ledger.c — 台账: the month's training sessions (voided ones marked 作废), a session's detail, filters,
 * and the session form with its roll call for new entries, corrections and delivered course orders. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config.h"
#include "date.h"
#include "dialog.h"
#include "form.h"
#include "ledger.h"
#include "menu.h"
#include "picker.h"
#include "pool.h"
#include "rollcall.h"
#include "roster.h"
#include "screen.h"
#include "screen_ledger.h"
#include "table.h"
#include "text.h"
#include "vocab.h"

/* ---- the list ---- */

struct list_src {
    sqlite3 *db;
    struct ledger_filter filter;
    struct fx_error err;
};

static struct {
    bool ready;
    struct fx_period month;
    struct list_src src;
    char branch_name[201]; /* the filter's branch, for the header */
    struct table t;
    int64_t live, voided;
    const struct rollcall *active_rc; /* a roll call open over the list: drawn under its dialogs */
} L;

static int list_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct list_src *ctx = vctx;
    const struct session_row *a = after;
    return ledger_page(ctx->db, &ctx->filter, a ? a->date : NULL, a ? a->id : 0, 0, rows, max, &ctx->err);
}

static void fmt_hours(char *out, size_t outsz, double h)
{
    snprintf(out, outsz, "%g", h);
}

static void list_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct session_row *r = row;
    switch (col) {
    case 0: snprintf(out, outsz, "%s", r->date + 5); break; /* MM-DD: the month is in the header */
    case 1: snprintf(out, outsz, "%s", r->title); break;
    case 2: snprintf(out, outsz, "%s", r->category); break;
    case 3: snprintf(out, outsz, "%s", r->format); break;
    case 4: snprintf(out, outsz, "%s", r->teacher); break;
    case 5: snprintf(out, outsz, "%d/%d", r->expected, r->present); break;
    case 6: fmt_hours(out, outsz, r->hours); break;
    default: snprintf(out, outsz, "%s", r->voided ? "作废" : ""); break;
    }
}

static int list_role(void *vctx, const void *row)
{
    (void)vctx;
    return ((const struct session_row *)row)->voided ? ROLE_DIM : ROLE_NORMAL;
}

static const struct table_col list_cols[] = {
    {"日期", 5, 'l'}, {"标题", 0, 'l'},      {"内容类别", 10, 'l'}, {"形式", 8, 'l'},
    {"教师", 6, 'l'}, {"应到/实到", 9, 'r'}, {"学时", 4, 'r'},      {"状态", 4, 'l'},
};
/* From 110 columns the categories and names show whole (政治教育和政治训练 is 18). */
static const struct table_col list_cols_wide[] = {
    {"日期", 5, 'l'}, {"标题", 0, 'l'},      {"内容类别", 18, 'l'}, {"形式", 14, 'l'},
    {"教师", 8, 'l'}, {"应到/实到", 9, 'r'}, {"学时", 4, 'r'},      {"状态", 4, 'l'},
};

static void set_month(const struct fx_period *p)
{
    L.month = *p;
    snprintf(L.src.filter.from, sizeof L.src.filter.from, "%s", p->from);
    snprintf(L.src.filter.to, sizeof L.src.filter.to, "%s", p->to);
}

static void count_month(void)
{
    struct ledger_filter f = L.src.filter;
    f.include_voided = 0;
    L.live = ledger_count(L.src.db, &f);
    f.include_voided = 1;
    L.voided = ledger_count(L.src.db, &f) - L.live;
}

static int ledger_enter(struct app *app)
{
    if (!L.ready) {
        struct table_source src = {.row_size = sizeof(struct session_row),
                                   .fetch = list_fetch,
                                   .cell = list_cell,
                                   .ctx = &L.src,
                                   .role = list_role};
        if (table_init(&L.t, list_cols, (int)(sizeof list_cols / sizeof list_cols[0]), &src))
            return SCR_REDRAW;
        L.src.filter.include_voided = 1; /* a voided session stays visible, marked */
        set_month(&app->period);
        L.ready = true;
    }
    L.src.db = app->db;
    table_refresh(&L.t);
    count_month();
    return SCR_REDRAW;
}

static bool filtered(void)
{
    const struct ledger_filter *f = &L.src.filter;
    return f->category[0] || f->format[0] || f->branch_id || f->query[0];
}

static void ledger_draw(struct app *app, struct rect b)
{
    (void)app;
    if (L.active_rc) {
        rollcall_draw(L.active_rc, b);
        return;
    }
    char label[32], line[512];
    period_label(&L.month, label, sizeof label);
    snprintf(line, sizeof line, "◀ %s ▶", label);
    int w = draw_text(b.y, b.x + 1, 20, line, ROLE_HEADER);
    snprintf(line, sizeof line, "共 %lld 期", (long long)(L.live > 0 ? L.live : 0));
    if (L.voided > 0)
        snprintf(line + strlen(line), sizeof line - strlen(line), "（另有作废 %lld 条）", (long long)L.voided);
    w += 2 + draw_text(b.y, b.x + 3 + w, b.w - 4 - w, line, ROLE_FIGURE);
    const char *hint = "[ ] 换月  Enter 详情";
    if (filtered()) {
        const struct ledger_filter *f = &L.src.filter;
        snprintf(line, sizeof line, "筛选：%s%s%s%s%s%s%s（Esc 清除）", f->category, f->category[0] ? " " : "", f->format,
                 f->format[0] ? " " : "", f->branch_id ? L.branch_name : "", f->branch_id ? " " : "", f->query);
        draw_text(b.y, b.x + 3 + w, b.w - 4 - w, line, ROLE_ERROR);
    } else {
        draw_text(b.y, b.x + b.w - 1 - text_width(hint), text_width(hint), hint, ROLE_DIM);
    }
    struct rect tr = {b.y + 1, b.x, b.h - 1, b.w};
    L.t.cols = b.w >= 110 ? list_cols_wide : list_cols;
    table_draw(&L.t, tr);
}

/* ---- pickers for the form: courses, teachers, venues, branches ---- */

struct course_src {
    sqlite3 *db;
    struct menu_filter filter;
    struct fx_error err;
};

static int course_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct course_src *c = vctx;
    return menu_course_page(c->db, &c->filter, after, 0, rows, max, &c->err);
}

static void course_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct course *c = row;
    if (col == 3)
        fmt_hours(out, outsz, c->hours);
    else
        snprintf(out, outsz, "%s", col == 0 ? c->title : col == 1 ? c->category : c->teacher);
}

static void course_query(void *vctx, const char *q)
{
    struct course_src *c = vctx;
    snprintf(c->filter.query, sizeof c->filter.query, "%s", q);
}

/* Teachers and venues: the first row offers to add a new one named by the query. */
#define ROW_NEW (-1)

struct teacher_src {
    sqlite3 *db;
    int year;
    char query[129];
    struct fx_error err;
};

static int teacher_fetch(void *vctx, const void *after, void *vrows, int max)
{
    struct teacher_src *c = vctx;
    const struct pool_teacher *a = after;
    struct pool_teacher *rows = vrows;
    if (!a) {
        memset(&rows[0], 0, sizeof rows[0]);
        rows[0].t.id = ROW_NEW;
        if (max == 1)
            return 1;
        int n = pool_teacher_page(c->db, c->year, c->query, "", 0, rows + 1, max - 1, &c->err);
        return n < 0 ? -1 : n + 1;
    }
    if (a->t.id == ROW_NEW)
        return pool_teacher_page(c->db, c->year, c->query, "", 0, rows, max, &c->err);
    return pool_teacher_page(c->db, c->year, c->query, a->t.name, a->t.id, rows, max, &c->err);
}

static void teacher_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    struct teacher_src *c = vctx;
    const struct pool_teacher *t = row;
    if (t->t.id == ROW_NEW) {
        if (col == 0)
            snprintf(out, outsz, "＋ 新增教师");
        else if (col == 1)
            snprintf(out, outsz, "%s", c->query[0] ? c->query : "（师资库里没有时选这一行）");
        return;
    }
    snprintf(out, outsz, "%s", col == 0 ? t->t.name : col == 1 ? t->t.org : col == 2 ? t->t.type : t->t.employment);
}

static void teacher_query(void *vctx, const char *q)
{
    struct teacher_src *c = vctx;
    snprintf(c->query, sizeof c->query, "%s", q);
}

struct venue_src {
    sqlite3 *db;
    char query[129];
    struct fx_error err;
};

static int venue_fetch(void *vctx, const void *after, void *vrows, int max)
{
    struct venue_src *c = vctx;
    const struct venue *a = after;
    struct venue *rows = vrows;
    if (!a) {
        memset(&rows[0], 0, sizeof rows[0]);
        rows[0].id = ROW_NEW;
        if (max == 1)
            return 1;
        int n = pool_venue_page(c->db, c->query, NULL, rows + 1, max - 1, &c->err);
        return n < 0 ? -1 : n + 1;
    }
    return pool_venue_page(c->db, c->query, a->id == ROW_NEW ? NULL : a, rows, max, &c->err);
}

static void venue_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    struct venue_src *c = vctx;
    const struct venue *v = row;
    if (v->id == ROW_NEW) {
        if (col == 0)
            snprintf(out, outsz, "＋ 新增场地");
        else if (col == 1)
            snprintf(out, outsz, "%s", c->query[0] ? c->query : "（没有时选这一行）");
        return;
    }
    snprintf(out, outsz, "%s", col == 0 ? v->name : col == 1 ? v->kind : v->address);
}

static void venue_query(void *vctx, const char *q)
{
    struct venue_src *c = vctx;
    snprintf(c->query, sizeof c->query, "%s", q);
}

struct branch_src {
    sqlite3 *db;
    char query[129];
    const int64_t *chosen; /* ticked in the multi-select */
    int nchosen;
    struct fx_error err;
};

static int branch_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct branch_src *c = vctx;
    const struct branch *a = after;
    return pool_branch_page(c->db, c->query, a ? a->name : "", a ? a->id : 0, rows, max, &c->err);
}

static void branch_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    struct branch_src *c = vctx;
    const struct branch *b = row;
    if (col == 0) {
        bool on = false;
        for (int i = 0; i < c->nchosen; i++)
            on = on || c->chosen[i] == b->id;
        snprintf(out, outsz, "%s", on ? "[✓]" : "[ ]");
    } else {
        snprintf(out, outsz, "%s", col == 1 ? b->name : b->kind);
    }
}

static void branch_query(void *vctx, const char *q)
{
    struct branch_src *c = vctx;
    snprintf(c->query, sizeof c->query, "%s", q);
}

/* A typed letter starts the picker's query, so "zs" on a field goes straight to 张三. */
static void typed_query(int is_key, wint_t ch, char *out, size_t outsz)
{
    out[0] = '\0';
    if (!is_key && ch > ' ' && ch != 127 && outsz > 4)
        out[text_encode((uint32_t)ch, out)] = '\0';
}

static bool is_clear_key(int is_key, wint_t ch)
{
    return (is_key && (ch == KEY_BACKSPACE || ch == KEY_DC)) || (!is_key && (ch == 127 || ch == 8));
}

static bool is_open_key(int is_key, wint_t ch)
{
    return !is_key && ch >= ' ' && ch != 127;
}

/* One branch (the list filter): Backspace clears. */
static bool pick_one_branch(struct app *app, int is_key, wint_t ch, int64_t *id, char *name, size_t namesz)
{
    if (is_clear_key(is_key, ch)) {
        *id = 0;
        name[0] = '\0';
        return true;
    }
    if (!is_open_key(is_key, ch))
        return false;
    static const struct table_col cols[] = {{"", 3, 'l'}, {"党组织", 0, 'l'}, {"类型", 8, 'l'}};
    struct branch_src ctx = {.db = app->db, .chosen = id, .nchosen = *id ? 1 : 0};
    char q[8];
    typed_query(is_key, ch, q, sizeof q);
    struct picker p = {.title = "选择党组织",
                       .hint = "输入名称或拼音首字母",
                       .cols = cols,
                       .ncols = 3,
                       .src = {.row_size = sizeof(struct branch), .fetch = branch_fetch, .cell = branch_cell, .ctx = &ctx},
                       .set_query = branch_query,
                       .initial_query = q};
    struct branch b;
    if (!picker_run(app, &p, &b))
        return false;
    *id = b.id;
    snprintf(name, namesz, "%s", b.name);
    return true;
}

/* ---- the session form ---- */

enum {
    F_DATE,
    F_START,
    F_END,
    F_COURSE,
    F_TITLE,
    F_CATEGORY,
    F_FORMAT,
    F_KIND,
    F_TEACHER,
    F_VENUE,
    F_BRANCHES,
    F_HOURS,
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
    bool hours_touched;
    struct vocab_list cats, fmts, kinds;
    const char *catp[VOCAB_MAX], *fmtp[VOCAB_MAX], *kindp[VOCAB_MAX];
    struct form_field f[NFIELDS];
    struct form form;
    int64_t saved_id;
    char saved_date[11];
};

static int choice_index(const struct vocab_list *v, const char *name)
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

static void show_attendance(struct sform *c)
{
    int e, p, l, a;
    rollcall_counts(&c->rc, &e, &p, &l, &a);
    if (e == 0 && c->nbranches == 0)
        snprintf(c->f[F_ATT].text, sizeof c->f[F_ATT].text, "（选了参训党组织后点名；空格打开）");
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
    if (vocab_get(app->db, "category", &c->cats, err) || vocab_get(app->db, "format", &c->fmts, err) ||
        vocab_get(app->db, "kind", &c->kinds, err))
        return err->code ? err->code : FX_EINTERNAL;
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
    f[F_DATE] = (struct form_field){.id = "date", .label = "日期", .type = FIELD_DATE, .required = true, .max = 10};
    f[F_START] = (struct form_field){.id = "start", .label = "开始时间", .type = FIELD_TEXT, .max = 8};
    f[F_END] = (struct form_field){.id = "end", .label = "结束时间", .type = FIELD_TEXT, .max = 8};
    f[F_COURSE] = (struct form_field){.id = "course", .label = "菜单课程", .type = FIELD_PICK};
    f[F_TITLE] = (struct form_field){.id = "title", .label = "标题", .type = FIELD_TEXT, .required = true, .max = 200};
    f[F_CATEGORY] = (struct form_field){.id = "category", .label = "内容类别", .type = FIELD_CHOICE};
    f[F_FORMAT] = (struct form_field){.id = "format", .label = "培训形式", .type = FIELD_CHOICE};
    f[F_KIND] = (struct form_field){.id = "kind", .label = "记录类型", .type = FIELD_CHOICE};
    f[F_TEACHER] = (struct form_field){.id = "teacher", .label = "教师", .type = FIELD_PICK};
    f[F_VENUE] = (struct form_field){.id = "venue", .label = "场地", .type = FIELD_PICK};
    f[F_BRANCHES] = (struct form_field){.id = "branches", .label = "参训党组织", .type = FIELD_PICK};
    f[F_HOURS] = (struct form_field){.id = "hours", .label = "学时", .type = FIELD_NUMBER, .required = true, .max = 6};
    f[F_NOTE] = (struct form_field){.id = "note", .label = "备注", .type = FIELD_TEXT, .max = 500};
    f[F_RECORDER] = (struct form_field){.id = "recorder", .label = "记录人", .type = FIELD_TEXT, .max = 60};
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
    f[F_CATEGORY].choice = choice_index(&c->cats, from->category);
    f[F_FORMAT].choice = choice_index(&c->fmts, from->format);
    f[F_KIND].choice = choice_index(&c->kinds, from->kind);
    if (from->id || from->hours > 0 || from->course_id) {
        fmt_hours(f[F_HOURS].text, sizeof f[F_HOURS].text, from->hours);
        c->hours_touched = true;
    }
    snprintf(f[F_NOTE].text, sizeof f[F_NOTE].text, "%s", from->note);
    snprintf(f[F_RECORDER].text, sizeof f[F_RECORDER].text, "%s", from->recorder[0] ? from->recorder : app->cfg->recorder);
    struct fx_error lerr;
    struct course co;
    struct teacher t;
    struct venue v;
    if (from->course_id && !menu_get_course(app->db, from->course_id, &co, &lerr))
        snprintf(f[F_COURSE].text, sizeof f[F_COURSE].text, "《%s》", co.title);
    if (from->teacher_id && !pool_get_teacher(app->db, from->teacher_id, &t, &lerr))
        snprintf(f[F_TEACHER].text, sizeof f[F_TEACHER].text, "%s", t.name);
    if (from->venue_id && !pool_get_venue(app->db, from->venue_id, &v, &lerr))
        snprintf(f[F_VENUE].text, sizeof f[F_VENUE].text, "%s", v.name);
    for (int i = 0; i < from->nbranches; i++) {
        struct branch b;
        if (pool_get_branch(app->db, from->branches[i], &b, &lerr))
            snprintf(b.name, sizeof b.name, "编号 %lld", (long long)from->branches[i]);
        if (add_branch(c, from->branches[i], b.name))
            return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    show_branches(c);
    if (from->id && rollcall_load(&c->rc, app->db, from, err))
        return err->code ? err->code : FX_EINTERNAL;
    /* A prefilled new session (a delivered order) calls the roll of its branch. */
    if (!from->id && rollcall_sync(&c->rc, app->db, c->branches, c->nbranches, err))
        return err->code ? err->code : FX_EINTERNAL;
    show_attendance(c);
    return 0;
}

static void sform_free(struct sform *c)
{
    free(c->branches);
    free(c->branch_names);
    rollcall_free(&c->rc);
}

/* New teacher or venue typed in on the spot: a short form, saved to the pool at once (its own audited transaction). */
struct newpool_ctx {
    struct app *app;
    int64_t id;
    char name[201];
};

static const char *const employments[] = {"兼职", "专职"};
static const char *const teacher_types[] = {"专家型", "领导型", "榜样型"};
static const char *const venue_kinds[] = {"教学点", "主阵地"};

static int newteacher_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct newpool_ctx *c = vctx;
    struct teacher t;
    memset(&t, 0, sizeof t);
    snprintf(t.name, sizeof t.name, "%s", form->fields[0].text);
    snprintf(t.employment, sizeof t.employment, "%s", employments[form->fields[1].choice]);
    snprintf(t.type, sizeof t.type, "%s", teacher_types[form->fields[2].choice]);
    snprintf(t.org, sizeof t.org, "%s", form->fields[3].text);
    int rc = roster_save_teacher(c->app->db, &t, err);
    if (!rc) {
        c->id = t.id;
        snprintf(c->name, sizeof c->name, "%s", t.name);
        app_mark_saved(c->app);
    }
    return rc;
}

static int newvenue_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct newpool_ctx *c = vctx;
    struct venue v;
    memset(&v, 0, sizeof v);
    snprintf(v.name, sizeof v.name, "%s", form->fields[0].text);
    snprintf(v.kind, sizeof v.kind, "%s", venue_kinds[form->fields[1].choice]);
    snprintf(v.address, sizeof v.address, "%s", form->fields[2].text);
    int rc = roster_save_venue(c->app->db, &v, err);
    if (!rc) {
        c->id = v.id;
        snprintf(c->name, sizeof c->name, "%s", v.name);
        app_mark_saved(c->app);
    }
    return rc;
}

/* A query of only ASCII letters is initials, not a name: do not offer it as one. */
static const char *name_guess(const char *q)
{
    for (const char *p = q; *p; p++)
        if ((unsigned char)*p >= 0x80)
            return q;
    return "";
}

static bool new_teacher(struct app *app, const char *query, struct newpool_ctx *out)
{
    struct form_field f[4];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "name", .label = "姓名", .type = FIELD_TEXT, .required = true, .max = 100};
    f[1] = (struct form_field){.id = "employment", .label = "专职/兼职", .type = FIELD_CHOICE, .choices = employments, .nchoices = 2};
    f[2] = (struct form_field){.id = "type", .label = "类型", .type = FIELD_CHOICE, .choices = teacher_types, .nchoices = 3};
    f[3] = (struct form_field){.id = "org", .label = "工作单位", .type = FIELD_TEXT, .max = 120};
    snprintf(f[0].text, sizeof f[0].text, "%s", name_guess(query));
    out->app = app;
    struct form form = {.title = "新增教师（存入师资库）", .fields = f, .nfields = 4, .save = newteacher_save, .ctx = out};
    return form_run(app, &form);
}

static bool new_venue(struct app *app, const char *query, struct newpool_ctx *out)
{
    struct form_field f[3];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "name", .label = "名称", .type = FIELD_TEXT, .required = true, .max = 200};
    f[1] = (struct form_field){.id = "kind", .label = "类型", .type = FIELD_CHOICE, .choices = venue_kinds, .nchoices = 2};
    f[2] = (struct form_field){.id = "address", .label = "地址", .type = FIELD_TEXT, .max = 250};
    snprintf(f[0].text, sizeof f[0].text, "%s", name_guess(query));
    out->app = app;
    struct form form = {.title = "新增场地", .fields = f, .nfields = 3, .save = newvenue_save, .ctx = out};
    return form_run(app, &form);
}

static bool pick_course(struct sform *c, struct form *form, const char *q)
{
    static const struct table_col cols[] = {{"课程", 0, 'l'}, {"内容类别", 12, 'l'}, {"教师", 8, 'l'}, {"学时", 4, 'r'}};
    struct course_src ctx = {.db = c->app->db};
    struct picker p = {.title = "从培训菜单选课",
                       .hint = "输入课程、模块或教师，可用拼音首字母；选中后填入标题、类别、形式、教师、场地、学时",
                       .cols = cols,
                       .ncols = 4,
                       .src = {.row_size = sizeof(struct course), .fetch = course_fetch, .cell = course_cell, .ctx = &ctx},
                       .set_query = course_query,
                       .initial_query = q};
    struct course co;
    if (!picker_run(c->app, &p, &co))
        return false;
    struct form_field *f = c->f;
    c->s.course_id = co.id;
    snprintf(f[F_COURSE].text, sizeof f[F_COURSE].text, "《%s》", co.title);
    form_set_text(&f[F_TITLE], co.title);
    f[F_CATEGORY].choice = choice_index(&c->cats, co.category);
    f[F_FORMAT].choice = choice_index(&c->fmts, co.format);
    if (co.teacher_id) {
        c->s.teacher_id = co.teacher_id;
        form_set_text(&f[F_TEACHER], co.teacher);
    }
    if (co.venue_id) {
        c->s.venue_id = co.venue_id;
        form_set_text(&f[F_VENUE], co.venue);
    }
    char h[32];
    fmt_hours(h, sizeof h, co.hours);
    form_set_text(&f[F_HOURS], h);
    c->hours_touched = true;
    (void)form;
    return true;
}

static bool pick_teacher(struct sform *c, const char *q)
{
    static const struct table_col cols[] = {{"姓名", 12, 'l'}, {"工作单位", 0, 'l'}, {"类型", 8, 'l'}, {"专兼职", 6, 'l'}};
    struct teacher_src ctx = {.db = c->app->db, .year = L.month.year ? L.month.year : c->app->period.year};
    struct picker p = {.title = "选择教师（师资库）",
                       .hint = "输入姓名、单位或专题，可用拼音首字母；库里没有就选“＋ 新增教师”",
                       .cols = cols,
                       .ncols = 4,
                       .src = {.row_size = sizeof(struct pool_teacher), .fetch = teacher_fetch, .cell = teacher_cell, .ctx = &ctx},
                       .set_query = teacher_query,
                       .initial_query = q};
    struct pool_teacher t;
    if (!picker_run(c->app, &p, &t))
        return false;
    if (t.t.id == ROW_NEW) {
        struct newpool_ctx n = {0};
        if (!new_teacher(c->app, ctx.query, &n))
            return false;
        c->s.teacher_id = n.id;
        snprintf(c->f[F_TEACHER].text, sizeof c->f[F_TEACHER].text, "%s", n.name);
        return true;
    }
    c->s.teacher_id = t.t.id;
    snprintf(c->f[F_TEACHER].text, sizeof c->f[F_TEACHER].text, "%s", t.t.name);
    return true;
}

static bool pick_venue(struct sform *c, const char *q)
{
    static const struct table_col cols[] = {{"场地", 0, 'l'}, {"类型", 8, 'l'}, {"地址", 24, 'l'}};
    struct venue_src ctx = {.db = c->app->db};
    struct picker p = {.title = "选择场地",
                       .hint = "输入名称、主题或地址，可用拼音首字母；没有就选“＋ 新增场地”",
                       .cols = cols,
                       .ncols = 3,
                       .src = {.row_size = sizeof(struct venue), .fetch = venue_fetch, .cell = venue_cell, .ctx = &ctx},
                       .set_query = venue_query,
                       .initial_query = q};
    struct venue v;
    if (!picker_run(c->app, &p, &v))
        return false;
    if (v.id == ROW_NEW) {
        struct newpool_ctx n = {0};
        if (!new_venue(c->app, ctx.query, &n))
            return false;
        c->s.venue_id = n.id;
        snprintf(c->f[F_VENUE].text, sizeof c->f[F_VENUE].text, "%s", n.name);
        return true;
    }
    c->s.venue_id = v.id;
    snprintf(c->f[F_VENUE].text, sizeof c->f[F_VENUE].text, "%s", v.name);
    return true;
}

/* Target branches: the picker opens again after each choice, so several are ticked in a row; Esc ends. */
static bool pick_branches(struct sform *c, const char *q)
{
    static const struct table_col cols[] = {{"", 3, 'l'}, {"党组织", 0, 'l'}, {"类型", 8, 'l'}};
    bool changed = false;
    const char *query = q;
    for (;;) {
        struct branch_src ctx = {.db = c->app->db, .chosen = c->branches, .nchosen = c->nbranches};
        char title[128];
        snprintf(title, sizeof title, "参训党组织（已选 %d 个）", c->nbranches);
        struct picker p = {.title = title,
                           .hint = "Enter 选上/取消，可连选几个；Esc 完成。输入名称或拼音首字母查找",
                           .cols = cols,
                           .ncols = 3,
                           .src = {.row_size = sizeof(struct branch), .fetch = branch_fetch, .cell = branch_cell, .ctx = &ctx},
                           .set_query = branch_query,
                           .initial_query = query};
        struct branch b;
        if (!picker_run(c->app, &p, &b))
            break;
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
    L.active_rc = &c->rc;
    int r = rollcall_run(c->app, &c->rc, title);
    L.active_rc = NULL;
    show_attendance(c);
    if (c->rc.changed)
        app_set_save_state(c->app, "未保存");
    return r;
}

static bool sform_pick(void *vctx, struct form *form, struct form_field *f, int is_key, wint_t ch)
{
    struct sform *c = vctx;
    int which = (int)(f - c->f);
    if (is_clear_key(is_key, ch)) {
        switch (which) {
        case F_COURSE: c->s.course_id = 0; break;
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
    if (!is_open_key(is_key, ch))
        return false;
    char q[8];
    typed_query(is_key, ch, q, sizeof q);
    if (ch == ' ')
        q[0] = '\0';
    switch (which) {
    case F_COURSE: return pick_course(c, form, q);
    case F_TEACHER: return pick_teacher(c, q);
    case F_VENUE: return pick_venue(c, q);
    case F_BRANCHES: {
        bool changed = pick_branches(c, q);
        struct fx_error err;
        if (rollcall_sync(&c->rc, c->app->db, c->branches, c->nbranches, &err))
            dialog_error(c->app, &err);
        show_attendance(c);
        return changed;
    }
    case F_ATT: {
        struct fx_error err;
        fx_clear(&err);
        if (run_rollcall(c, &err) < 0) {
            dialog_error(c->app, &err);
            return false;
        }
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
    fmt_hours(h, sizeof h, config_suggest_hours(c->app->cfg, t0, t1));
    form_set_text(&c->f[F_HOURS], h);
}

static void sform_to_session(struct sform *c, struct session *s)
{
    const struct form_field *f = c->f;
    *s = c->s;
    snprintf(s->date, sizeof s->date, "%s", f[F_DATE].text);
    char t[sizeof f[F_START].text];
    normal_time(f[F_START].text, t, sizeof t);
    snprintf(s->start, sizeof s->start, "%s", t);
    normal_time(f[F_END].text, t, sizeof t);
    snprintf(s->end, sizeof s->end, "%s", t);
    snprintf(s->title, sizeof s->title, "%s", f[F_TITLE].text);
    snprintf(s->category, sizeof s->category, "%s", c->cats.n ? c->cats.name[f[F_CATEGORY].choice] : "");
    snprintf(s->format, sizeof s->format, "%s", c->fmts.n ? c->fmts.name[f[F_FORMAT].choice] : "");
    snprintf(s->kind, sizeof s->kind, "%s", c->kinds.n ? c->kinds.name[f[F_KIND].choice] : "");
    s->hours = strtod(f[F_HOURS].text, NULL);
    snprintf(s->note, sizeof s->note, "%s", f[F_NOTE].text);
    snprintf(s->recorder, sizeof s->recorder, "%s", f[F_RECORDER].text);
    s->branches = c->branches;
    s->nbranches = c->nbranches;
    s->att = NULL;
    s->natt = 0;
}

/* Enter on the last field or F2: core checks the fields (errors land at the field),
 * then the roll call, then one transaction. */
static int sform_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct sform *c = vctx;
    struct session s;
    sform_to_session(c, &s);
    if (ledger_validate_session(c->app->db, &s, err))
        return err->code ? err->code : FX_EINPUT;
    if (rollcall_sync(&c->rc, c->app->db, c->branches, c->nbranches, err))
        return err->code ? err->code : FX_EINTERNAL;
    if (c->rc.n > 0) {
        char title[300];
        snprintf(title, sizeof title, "%s %s", s.date, s.title);
        L.active_rc = &c->rc;
        int r = rollcall_run(c->app, &c->rc, title);
        L.active_rc = NULL;
        show_attendance(c);
        if (r != ROLLCALL_SAVE) {
            /* Back in the form with nothing written; Esc there asks before the marks are lost. */
            form->fields[F_ATT].le.tb.changed = true;
            return fx_fail_field(err, FX_EINPUT, "attendance", "还没有保存：按 F2 或在此按 Enter 保存，Esc 放弃");
        }
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
    snprintf(c->saved_date, sizeof c->saved_date, "%s", s.date);
    return 0;
}

/* Run the form (and roll call) for a new session (from NULL or a prefill) or a saved one. */
static int64_t session_form(struct app *app, const struct session *from, const char *title)
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
    c->form = (struct form){.title = title,
                            .fields = c->f,
                            .nfields = NFIELDS,
                            .save = sform_save,
                            .ctx = c,
                            .pick = sform_pick,
                            .changed = sform_changed};
    int64_t id = 0;
    if (form_run(app, &c->form)) {
        id = c->saved_id;
        /* Show the saved session: its month, if the list shows another. */
        struct fx_period p;
        struct fx_error perr;
        char ym[8];
        snprintf(ym, sizeof ym, "%.7s", c->saved_date);
        if (L.ready && !period_contains(&L.month, c->saved_date) && !period_parse(ym, &p, &perr)) {
            set_month(&p);
            table_reset(&L.t);
        }
        int e, pr;
        rollcall_counts(&c->rc, &e, &pr, NULL, NULL);
        if (c->rc.n)
            app_status(app, "已保存：%s（应到 %d，实到 %d）", c->f[F_TITLE].text, e, pr);
        else
            app_status(app, "已保存：%s", c->f[F_TITLE].text);
    }
    sform_free(c);
    free(c);
    return id;
}

int ledger_screen_new_from(struct app *app, const struct session *prefill)
{
    struct session s;
    if (prefill) {
        s = *prefill;
        s.id = 0;
        s.uuid[0] = '\0';
        s.voided = 0;
        s.att = NULL;
        s.natt = 0;
    }
    return session_form(app, prefill ? &s : NULL, "点单交付：录入培训记录") ? 1 : 0;
}

static int new_session(struct app *app)
{
    if (session_form(app, NULL, "新建培训记录"))
        return SCR_HANDLED | SCR_RELOAD;
    return SCR_HANDLED | SCR_REDRAW;
}

static int edit_session(struct app *app, int64_t id)
{
    struct session s;
    struct fx_error err;
    memset(&s, 0, sizeof s);
    if (ledger_get_session(app->db, id, &s, &err)) {
        app_error(app, &err);
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (s.voided) {
        app_status(app, "这条记录已作废，不能再修改");
        ledger_session_free(&s);
        return SCR_HANDLED;
    }
    char title[300];
    snprintf(title, sizeof title, "修改培训记录（编号 %lld）", (long long)s.id);
    int64_t saved = session_form(app, &s, title);
    ledger_session_free(&s);
    return SCR_HANDLED | (saved ? SCR_RELOAD : SCR_REDRAW);
}

/* ---- void ---- */

struct void_ctx {
    struct app *app;
    int64_t id;
};

static int void_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct void_ctx *c = vctx;
    int rc = ledger_void_session(c->app->db, c->id, form->fields[0].text, err);
    if (!rc)
        app_mark_saved(c->app);
    else if (!err->field[0])
        snprintf(err->field, sizeof err->field, "reason");
    return rc;
}

static int void_session(struct app *app, const struct session_row *r)
{
    if (r->voided) {
        app_status(app, "这条记录已经作废了");
        return SCR_HANDLED;
    }
    char msg[600];
    snprintf(msg, sizeof msg, "作废 %s《%s》？\n作废的记录仍然保留、标明“作废”，但不再计入任何统计。", r->date, r->title);
    if (!dialog_confirm(app, "作废培训记录", msg))
        return SCR_HANDLED | SCR_REDRAW;
    struct form_field f[1];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "reason", .label = "作废原因", .type = FIELD_TEXT, .required = true, .max = 250};
    char title[300];
    snprintf(title, sizeof title, "作废：%s %s", r->date, r->title);
    struct void_ctx c = {.app = app, .id = r->id};
    struct form form = {.title = title, .fields = f, .nfields = 1, .save = void_save, .ctx = &c};
    if (!form_run(app, &form))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "已作废：%s（原因：%s）", r->title, f[0].text);
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- the detail view ---- */

struct lines {
    char (*l)[512];
    int n, cap;
};

static void add_line(struct lines *ls, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_line(struct lines *ls, const char *fmt, ...)
{
    if (ls->n == ls->cap) {
        int cap = ls->cap ? ls->cap * 2 : 64;
        char(*l)[512] = realloc(ls->l, (size_t)cap * sizeof *l);
        if (!l)
            return;
        ls->l = l;
        ls->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ls->l[ls->n++], sizeof ls->l[0], fmt, ap);
    va_end(ap);
}

static const char *att_word(int st)
{
    return st == ATT_PRESENT ? "到" : st == ATT_LEAVE ? "请假" : "缺席";
}

static int build_detail(struct app *app, int64_t id, struct lines *ls, struct session *s, struct fx_error *err)
{
    memset(s, 0, sizeof *s);
    if (ledger_get_session(app->db, id, s, err))
        return -1;
    struct fx_error lerr;
    struct teacher t;
    struct venue v;
    char teacher[101] = "—", venue[201] = "—";
    if (s->teacher_id && !pool_get_teacher(app->db, s->teacher_id, &t, &lerr))
        snprintf(teacher, sizeof teacher, "%s", t.name);
    if (s->venue_id && !pool_get_venue(app->db, s->venue_id, &v, &lerr))
        snprintf(venue, sizeof venue, "%s", v.name);
    if (s->voided)
        add_line(ls, "【作废】原因：%s（不计入任何统计）", s->void_reason);
    add_line(ls, "日期：%s%s%s%s%s   学时：%g", s->date, s->start[0] || s->end[0] ? "  " : "", s->start,
             s->start[0] || s->end[0] ? "–" : "", s->end, s->hours);
    add_line(ls, "标题：%s", s->title);
    add_line(ls, "内容类别：%s   形式：%s   类型：%s", s->category, s->format, s->kind);
    add_line(ls, "教师：%s   场地：%s", teacher, venue);
    char names[1500] = "";
    for (int i = 0; i < s->nbranches; i++) {
        struct branch b;
        size_t len = strlen(names);
        if (!pool_get_branch(app->db, s->branches[i], &b, &lerr))
            snprintf(names + len, sizeof names - len, "%s%s", i ? "、" : "", b.name);
    }
    add_line(ls, "参训党组织：%s", names[0] ? names : "—");
    int leave = 0, absent = 0;
    for (int i = 0; i < s->natt; i++) {
        leave += s->att[i].status == ATT_LEAVE;
        absent += s->att[i].status == ATT_ABSENT;
    }
    char rate[32] = "—";
    if (s->expected > 0)
        snprintf(rate, sizeof rate, "%.1f%%", 100.0 * s->present / s->expected);
    add_line(ls, "应到 %d  实到 %d  请假 %d  缺席 %d  参训率 %s", s->expected, s->present, leave, absent, rate);
    add_line(ls, "记录人：%s   备注：%s", s->recorder[0] ? s->recorder : "—", s->note[0] ? s->note : "—");
    add_line(ls, "%s", "");
    add_line(ls, "点名（%d 人）：", s->natt);
    for (int i = 0; i < s->natt; i++) {
        struct member m;
        if (roster_get_member(app->db, s->att[i].member_id, &m, &lerr)) {
            snprintf(m.name, sizeof m.name, "编号 %lld", (long long)s->att[i].member_id);
            m.branch[0] = '\0';
        }
        char name[200];
        text_fit_pad(name, sizeof name, m.name, 12, 'l');
        char word[40];
        text_fit_pad(word, sizeof word, att_word(s->att[i].status), 4, 'l');
        add_line(ls, "  %s %s %s%s%s", word, name, m.branch, s->att[i].reason[0] ? "  原因：" : "", s->att[i].reason);
    }
    return 0;
}

enum { DETAIL_CLOSE, DETAIL_EDIT, DETAIL_VOID };

static int show_detail(struct app *app, int64_t id)
{
    struct lines ls = {0};
    struct session s;
    struct fx_error err;
    fx_clear(&err);
    if (build_detail(app, id, &ls, &s, &err)) {
        free(ls.l);
        app_error(app, &err);
        return DETAIL_CLOSE;
    }
    int top = 0, result = DETAIL_CLOSE;
    for (;;) {
        struct rect b = app_body();
        int rows = b.h - 2;
        if (top > ls.n - rows)
            top = ls.n - rows;
        if (top < 0)
            top = 0;
        draw_begin();
        if (app_draw_background(app)) {
            for (int y = b.y; y < b.y + b.h; y++)
                draw_fill(y, b.x, b.w, ROLE_NORMAL);
            char head[300];
            snprintf(head, sizeof head, "培训记录（编号 %lld）%s", (long long)s.id, s.voided ? " 作废" : "");
            draw_text(b.y, b.x + 1, b.w - 2, head, s.voided ? ROLE_ERROR : ROLE_HEADER);
            for (int i = 0; i < rows && top + i < ls.n; i++)
                draw_text(b.y + 1 + i, b.x + 2, b.w - 3, ls.l[top + i], ROLE_NORMAL);
            draw_text(b.y + b.h - 1, b.x + 1, b.w - 2, "↑↓ 翻看  F4/e 修改  F8/d 作废  Esc 返回", ROLE_DIM);
        }
        draw_end();
        wint_t ch;
        int k = app_read_key(app, &ch);
        if (app->quit_requested)
            break;
        if (k == ERR)
            continue;
        bool is_key = k == KEY_CODE_YES;
        if (is_key && ch == KEY_RESIZE)
            continue;
        if (draw_too_small())
            continue;
        if ((!is_key && (ch == 27 || ch == '\n' || ch == '\r' || ch == 'q')) || (is_key && ch == KEY_ENTER))
            break;
        int act = action_for_key(is_key, ch);
        if (act == ACT_EDIT) {
            result = DETAIL_EDIT;
            break;
        }
        if (act == ACT_VOID) {
            result = DETAIL_VOID;
            break;
        }
        if (is_key && ch == KEY_UP)
            top--;
        else if (is_key && ch == KEY_DOWN)
            top++;
        else if (is_key && ch == KEY_PPAGE)
            top -= rows;
        else if (is_key && ch == KEY_NPAGE)
            top += rows;
        else if (is_key && ch == KEY_HOME)
            top = 0;
        else if (is_key && ch == KEY_END)
            top = ls.n;
    }
    ledger_session_free(&s);
    free(ls.l);
    return result;
}

/* ---- filter ---- */

struct filter_ctx {
    struct app *app;
    struct vocab_list cats, fmts;
    const char *catp[VOCAB_MAX + 1], *fmtp[VOCAB_MAX + 1];
    int64_t branch_id;
    char branch_name[201];
};

static bool filter_pick(void *vctx, struct form *form, struct form_field *f, int is_key, wint_t ch)
{
    struct filter_ctx *c = vctx;
    (void)form;
    if (!pick_one_branch(c->app, is_key, ch, &c->branch_id, c->branch_name, sizeof c->branch_name))
        return false;
    snprintf(f->text, sizeof f->text, "%s", c->branch_name);
    return true;
}

static int filter_save(void *vctx, struct form *form, struct fx_error *err)
{
    (void)err;
    struct filter_ctx *c = vctx;
    struct ledger_filter *lf = &L.src.filter;
    const struct form_field *f = form->fields;
    snprintf(lf->category, sizeof lf->category, "%s", f[0].choice ? c->catp[f[0].choice] : "");
    snprintf(lf->format, sizeof lf->format, "%s", f[1].choice ? c->fmtp[f[1].choice] : "");
    lf->branch_id = c->branch_id;
    snprintf(L.branch_name, sizeof L.branch_name, "%s", c->branch_name);
    snprintf(lf->query, sizeof lf->query, "%s", f[3].text);
    return 0;
}

static int filter_list(struct app *app)
{
    struct filter_ctx *c = calloc(1, sizeof *c);
    struct fx_error err;
    if (!c)
        return SCR_HANDLED;
    c->app = app;
    if (vocab_get(app->db, "category", &c->cats, &err) || vocab_get(app->db, "format", &c->fmts, &err)) {
        app_error(app, &err);
        free(c);
        return SCR_HANDLED | SCR_REDRAW;
    }
    c->catp[0] = c->fmtp[0] = "全部";
    for (int i = 0; i < c->cats.n; i++)
        c->catp[i + 1] = c->cats.name[i];
    for (int i = 0; i < c->fmts.n; i++)
        c->fmtp[i + 1] = c->fmts.name[i];
    const struct ledger_filter *lf = &L.src.filter;
    c->branch_id = lf->branch_id;
    snprintf(c->branch_name, sizeof c->branch_name, "%s", L.branch_name);
    struct form_field f[4];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "category", .label = "内容类别", .type = FIELD_CHOICE, .choices = c->catp, .nchoices = c->cats.n + 1};
    f[1] = (struct form_field){.id = "format", .label = "培训形式", .type = FIELD_CHOICE, .choices = c->fmtp, .nchoices = c->fmts.n + 1};
    f[2] = (struct form_field){.id = "branch", .label = "参训党组织", .type = FIELD_PICK};
    f[3] = (struct form_field){.id = "query", .label = "标题或教师", .type = FIELD_TEXT, .max = 120};
    f[0].choice = choice_index(&c->cats, lf->category) + (lf->category[0] ? 1 : 0);
    f[1].choice = choice_index(&c->fmts, lf->format) + (lf->format[0] ? 1 : 0);
    snprintf(f[2].text, sizeof f[2].text, "%s", c->branch_name);
    snprintf(f[3].text, sizeof f[3].text, "%s", lf->query);
    f[3].max = sizeof lf->query - 1;
    struct form form = {.title = "筛选台账（标题、教师可用拼音首字母）",
                        .fields = f,
                        .nfields = 4,
                        .save = filter_save,
                        .ctx = c,
                        .focus = 3,
                        .pick = filter_pick};
    char state[sizeof app->save_state];
    snprintf(state, sizeof state, "%s", app->save_state);
    bool ok = form_run(app, &form);
    app_set_save_state(app, state); /* a filter saves nothing */
    free(c);
    if (!ok)
        return SCR_HANDLED | SCR_REDRAW;
    table_reset(&L.t);
    return SCR_HANDLED | SCR_RELOAD;
}

static void clear_filter(void)
{
    struct ledger_filter *f = &L.src.filter;
    f->category[0] = f->format[0] = f->query[0] = '\0';
    f->branch_id = 0;
    L.branch_name[0] = '\0';
}

/* ---- keys ---- */

static int change_month(int delta)
{
    struct fx_period p = L.month;
    period_step(&p, delta);
    set_month(&p);
    table_reset(&L.t);
    return SCR_HANDLED | SCR_RELOAD;
}

static int ledger_key(struct app *app, int action, int is_key, wint_t ch)
{
    const struct session_row *cur = table_current(&L.t);
    switch (action) {
    case ACT_NEW: return new_session(app);
    case ACT_EDIT:
        if (!cur) {
            app_status(app, "没有选中的记录");
            return SCR_HANDLED;
        }
        return edit_session(app, cur->id);
    case ACT_VOID:
        if (!cur) {
            app_status(app, "没有选中的记录");
            return SCR_HANDLED;
        }
        {
            struct session_row r = *cur;
            return void_session(app, &r);
        }
    case ACT_FIND: return filter_list(app);
    default: break;
    }
    if ((!is_key && ch == '[') || (is_key && ch == KEY_PPAGE))
        return change_month(-1);
    if ((!is_key && ch == ']') || (is_key && ch == KEY_NPAGE))
        return change_month(1);
    if (!is_key && ch == 27) {
        if (filtered()) {
            clear_filter();
            table_reset(&L.t);
            return SCR_HANDLED | SCR_RELOAD;
        }
        return SCR_HANDLED;
    }
    if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
        if (!cur)
            return SCR_HANDLED;
        struct session_row r = *cur;
        switch (show_detail(app, r.id)) {
        case DETAIL_EDIT: return edit_session(app, r.id);
        case DETAIL_VOID: return void_session(app, &r);
        default: return SCR_HANDLED | SCR_REDRAW;
        }
    }
    if (!is_key && (ch == 'r' || ch == 'R')) {
        table_refresh(&L.t);
        app_status(app, "已刷新");
        return SCR_HANDLED | SCR_RELOAD;
    }
    if (table_key(&L.t, is_key, ch))
        return SCR_HANDLED;
    return SCR_UNHANDLED;
}

static int ledger_click(struct app *app, struct rect body, int y, int x)
{
    (void)app;
    (void)x;
    struct rect tr = {body.y + 1, body.x, body.h - 1, body.w};
    table_click(&L.t, tr, y);
    return SCR_HANDLED;
}

const struct screen_ops screen_ledger_ops = {
    .name = "台账",
    .actions = ACT_BIT(ACT_NEW) | ACT_BIT(ACT_EDIT) | ACT_BIT(ACT_FIND) | ACT_BIT(ACT_VOID),
    .enter = ledger_enter,
    .draw = ledger_draw,
    .key = ledger_key,
    .click = ledger_click,
    .keys = "  [ ] 换月  Enter 详情和点名  / 筛选  Esc 清除筛选\n"
            "  点名：拼音首字母跳到该人  空格 到/未到  * 全到\n"
            "        L 请假  A 缺席（写原因）  + 加人  Enter 保存\n"
            "  n 新建  e 修改  d 作废（写明原因，不删除）",
};
