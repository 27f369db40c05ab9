/* screen_ledger.c — 台账: the month's sessions (voided ones marked 作废), a session's detail, filters,
 * voiding and restoring (恢复), and the way into the session form and roll call (ledger_form.c, pickers in ledger_pick.c). */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "branch.h"
#include "date.h"
#include "dialog.h"
#include "form.h"
#include "feedback.h"
#include "ledger.h"
#include "ledger_views.h"
#include "member.h"
#include "rollcall_view.h"
#include "teacher.h"
#include "venue.h"
#include "screen.h"
#include "screen_ledger.h"
#include "stats.h"
#include "table.h"
#include "teacher.h"
#include "text.h"
#include "venue.h"
#include "vocab.h"

/* ---- the list ---- */

static const struct keymap ledger_keys; /* the screen's keys, at the end */
enum { LEDGER_PREV_MONTH = ACT_LOCAL, LEDGER_NEXT_MONTH, LEDGER_DETAIL, LEDGER_CLEAR_FILTER, LEDGER_RESTORE };

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
} L;

static int list_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct list_src *ctx = vctx;
    const struct session_row *a = after;
    return ledger_page(ctx->db, &ctx->filter, a ? a->date : NULL, a ? a->id : 0, 0, rows, max, &ctx->err);
}

static void list_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct session_row *r = row;
    switch (col) {
    case 0: snprintf(out, outsz, "%s", r->date + 5); break; /* MM-DD: the month is in the header */
    case 1:
        if (r->voided) /* the reason where the eye reads the row; the 状态 column is too narrow */
            text_format(out, outsz, "%s（作废：%s）", r->title, r->void_reason);
        else
            text_copy(out, outsz, r->title);
        break;
    case 2: snprintf(out, outsz, "%s", r->category); break;
    case 3: snprintf(out, outsz, "%s", r->format); break;
    case 4: snprintf(out, outsz, "%s", r->teacher); break;
    case 5: snprintf(out, outsz, "%d/%d", r->expected, r->present); break;
    case 6: ledger_format_hours(out, outsz, r->hours); break;
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
    ledger_count_apart(L.src.db, &L.src.filter, &L.live, &L.voided);
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
    char label[32], line[512];
    period_label(&L.month, label, sizeof label);
    snprintf(line, sizeof line, "◀ %s ▶", label);
    int w = draw_text(b.y, b.x + 1, 20, line, ROLE_HEADER);
    snprintf(line, sizeof line, "共 %lld 期", (long long)(L.live > 0 ? L.live : 0));
    if (L.voided > 0)
        snprintf(line + strlen(line), sizeof line - strlen(line), "（另有作废 %lld 条）", (long long)L.voided);
    w += 2 + draw_text(b.y, b.x + 3 + w, b.w - 4 - w, line, ROLE_FIGURE);
    char hint[256];
    keys_hint(&ledger_keys, 0, hint, sizeof hint);
    if (filtered()) {
        const struct ledger_filter *f = &L.src.filter;
        snprintf(line, sizeof line, "筛选：%s%s%s%s%s%s%s（Esc 清除）", f->category, f->category[0] ? " " : "",
                 f->format, f->format[0] ? " " : "", f->branch_id ? L.branch_name : "", f->branch_id ? " " : "",
                 f->query);
        draw_text(b.y, b.x + 3 + w, b.w - 4 - w, line, ROLE_ERROR);
    } else {
        draw_text(b.y, b.x + b.w - 1 - text_width(hint), text_width(hint), hint, ROLE_DIM);
    }
    struct rect tr = {b.y + 1, b.x, b.h - 1, b.w};
    L.t.cols = b.w >= 110 ? list_cols_wide : list_cols;
    table_draw(&L.t, tr);
}

/* ---- new and corrected sessions: the form is ledger_form.c ---- */

/* Run the form, then show the saved session: its month, if the list shows another. */
static int64_t session_form(struct app *app, const struct session *from, const char *title)
{
    char saved_date[11] = "";
    int64_t id = ledger_form_run(app, from, title, L.month.year ? L.month.year : app->period.year, saved_date);
    struct fx_period p;
    struct fx_error perr;
    char ym[8];
    snprintf(ym, sizeof ym, "%.7s", saved_date);
    if (id && L.ready && !period_contains(&L.month, saved_date) && !period_parse(ym, &p, &perr)) {
        set_month(&p);
        table_reset(&L.t);
    }
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

/* Voiding and restoring alike: a reason, then the one core call. */
struct void_ctx {
    struct app *app;
    int64_t id;
    int (*act)(sqlite3 *db, int64_t id, const char *reason, struct fx_error *err);
};

static int void_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct void_ctx *c = vctx;
    int rc = c->act(c->app->db, c->id, form->fields[0].text, err);
    if (!rc)
        app_mark_saved(c->app);
    else if (!err->field[0])
        snprintf(err->field, sizeof err->field, "reason");
    return rc;
}

/* The reason form of a void or a restore; true once act has committed, the reason left in reason. */
static bool reason_form(struct app *app, const struct session_row *r, const char *label, const char *title,
                        int (*act)(sqlite3 *, int64_t, const char *, struct fx_error *), char *reason, size_t reasonsz)
{
    struct form_field f[1];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){.id = "reason", .label = label, .type = FIELD_TEXT, .required = true, .max = FX_WHY_CHARS};
    struct void_ctx c = {.app = app, .id = r->id, .act = act};
    struct form form = {.title = title, .fields = f, .nfields = 1, .save = void_save, .ctx = &c};
    if (!form_run(app, &form))
        return false;
    text_copy(reason, reasonsz, f[0].text);
    return true;
}

static int void_session(struct app *app, const struct session_row *r)
{
    if (r->voided) {
        app_status(app, "这条记录已经作废了");
        return SCR_HANDLED;
    }
    char msg[600];
    snprintf(msg, sizeof msg, "作废 %s《%s》？\n作废的记录仍然保留、标明“作废”，但不再计入任何统计。", r->date,
             r->title);
    if (!dialog_confirm(app, "作废培训记录", msg))
        return SCR_HANDLED | SCR_REDRAW;
    char title[300], reason[FX_TEXT_BYTES(FX_WHY_CHARS)];
    text_format(title, sizeof title, "作废：%s %s", r->date, r->title);
    if (!reason_form(app, r, "作废原因", title, ledger_void_session, reason, sizeof reason))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "已作废：%s（原因：%s）", r->title, reason);
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- restore (恢复): undo a void, with a reason ---- */

static int restore_session(struct app *app, const struct session_row *r)
{
    if (!r->voided) {
        app_status(app, "这条记录没有作废，无需恢复");
        return SCR_HANDLED;
    }
    char title[600], reason[FX_TEXT_BYTES(FX_WHY_CHARS)];
    text_format(title, sizeof title, "恢复：%s %s（作废原因：%s）", r->date, r->title, r->void_reason);
    if (!reason_form(app, r, "恢复原因", title, ledger_restore_session, reason, sizeof reason))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "已恢复：%s（原因：%s），重新计入统计", r->title, reason);
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
    if (s->teacher_id && !teacher_get(app->db, s->teacher_id, &t, &lerr))
        snprintf(teacher, sizeof teacher, "%s", t.name);
    if (s->venue_id && !venue_get(app->db, s->venue_id, &v, &lerr))
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
        if (!branch_get(app->db, s->branches[i], &b, &lerr))
            snprintf(names + len, sizeof names - len, "%s%s", i ? "、" : "", b.name);
    }
    add_line(ls, "参训党组织：%s", names[0] ? names : "—");
    struct session_attendance a;
    stats_session_attendance(s, &a);
    add_line(ls, "应到 %d  实到 %d  请假 %d  缺席 %d  参训率 %s", a.expected, a.present, a.leave, a.absent,
             a.rate_text);
    add_line(ls, "记录人：%s   备注：%s", s->recorder[0] ? s->recorder : "—", s->note[0] ? s->note : "—");
    struct session_feedback *fb = calloc(1, sizeof *fb);
    bool rated = false;
    if (fb && !feedback_get(app->db, id, fb, &rated, &lerr) && rated) {
        char line[256];
        feedback_describe(fb, line, sizeof line);
        add_line(ls, "评价：%s", line);
        if (fb->comment[0])
            add_line(ls, "意见建议：%s", fb->comment);
    } else {
        add_line(ls, "评价：未登记（fenxiao session feedback %lld …）", (long long)id);
    }
    free(fb);
    add_line(ls, "%s", "");
    add_line(ls, "点名（%d 人）：", s->natt);
    struct member *ms = s->natt > 0 ? calloc((size_t)s->natt, sizeof *ms) : NULL;
    for (int i = 0; ms && i < s->natt; i++)
        if (member_get(app->db, s->att[i].member_id, &ms[i], &lerr)) {
            snprintf(ms[i].name, sizeof ms[i].name, "编号 %lld", (long long)s->att[i].member_id);
            ms[i].branch[0] = '\0';
        }
    for (int i = 0; ms && i < s->natt; i++) {
        const struct member *m = &ms[i];
        /* Namesakes in one roll call are told apart as the roll call tells them (member_tell_apart). */
        char tell[96] = "";
        for (int j = 0; j < s->natt && !tell[0]; j++)
            if (j != i && !strcmp(ms[j].name, m->name))
                member_tell_apart(m->category, m->phone, tell, sizeof tell);
        char name[200];
        text_fit_pad(name, sizeof name, m->name, 12, 'l');
        char word[40];
        text_fit_pad(word, sizeof word, att_word(s->att[i].status), 4, 'l');
        add_line(ls, "  %s %s %s%s%s%s%s%s%s", word, name, tell, tell[0] ? "（" : "", m->branch, tell[0] ? "）" : "",
                 s->att[i].guest ? "  外" : "", s->att[i].reason[0] ? "  原因：" : "", s->att[i].reason);
    }
    free(ms);
    return 0;
}

enum { DETAIL_CLOSE, DETAIL_EDIT, DETAIL_VOID, DETAIL_RESTORE };

/* A session shown in full: X(key, twin, action, hint, help). */
#define DETAIL_KEYS(X)                                                                                                 \
    X(FXK_F(4), 'e', ACT_EDIT, "修改", "修改这条记录（表单和点名）")                                                   \
    X(FXK_F(8), 'd', ACT_VOID, "作废", "作废这条记录（写明原因，不删除）")                                             \
    X('u', 0, LEDGER_RESTORE, "恢复", "恢复这条作废的记录（写明原因，重新计入统计）")                                  \
    X(FXK_LIST, 0, ACT_MOVE, "翻看", "翻看：↑ ↓ 一行，PgUp PgDn 一页，Home End 到头到尾")                              \
    X(FXK_ESC, 'q', ACT_BACK, "返回", "回到台账")                                                                      \
    X(FXK_ENTER, 0, ACT_BACK, NULL, "回到台账")
static const struct keymap *const detail_also[] = {&keys_modal, NULL};
FX_KEYMAP(, ledger_detail_keys, "培训记录详情", DETAIL_KEYS, detail_also);

/* The detail as a view of the one loop: it covers the body. */
struct detail {
    struct lines ls;
    struct session s;
    int top, result;
};

static const struct keymap *detail_view_keys(struct view *v, struct app *app)
{
    (void)v;
    (void)app;
    return &ledger_detail_keys;
}

static int detail_rows(void)
{
    return app_body().h - 2;
}

static void detail_view_draw(struct view *v, struct app *app)
{
    (void)app;
    struct detail *d = v->ctx;
    struct rect b = app_body();
    int rows = detail_rows();
    if (d->top > d->ls.n - rows)
        d->top = d->ls.n - rows;
    if (d->top < 0)
        d->top = 0;
    for (int y = b.y; y < b.y + b.h; y++)
        draw_fill(y, b.x, b.w, ROLE_NORMAL);
    char head[300], hint[256];
    snprintf(head, sizeof head, "培训记录（编号 %lld）%s", (long long)d->s.id, d->s.voided ? " 作废" : "");
    draw_text(b.y, b.x + 1, b.w - 2, head, d->s.voided ? ROLE_ERROR : ROLE_HEADER);
    for (int i = 0; i < rows && d->top + i < d->ls.n; i++)
        draw_text(b.y + 1 + i, b.x + 2, b.w - 3, d->ls.l[d->top + i], ROLE_NORMAL);
    keys_hint(&ledger_detail_keys, KEYS_HINT_FKEYS, hint, sizeof hint);
    draw_text(b.y + b.h - 1, b.x + 1, b.w - 2, hint, ROLE_DIM);
}

static int detail_view_key(struct view *v, struct app *app, int action, int key)
{
    (void)app;
    struct detail *d = v->ctx;
    int rows = detail_rows();
    switch (action) {
    case ACT_BACK: return VIEW_CLOSE;
    case ACT_EDIT: d->result = DETAIL_EDIT; return VIEW_CLOSE;
    case ACT_VOID: d->result = DETAIL_VOID; return VIEW_CLOSE;
    case LEDGER_RESTORE:
        if (!d->s.voided) {
            app_status(app, "这条记录没有作废，无需恢复");
            return VIEW_STAY;
        }
        d->result = DETAIL_RESTORE;
        return VIEW_CLOSE;
    default:
        if (key == FXK_UP || key == FXK_CTRL('p'))
            d->top--;
        else if (key == FXK_DOWN || key == FXK_CTRL('n'))
            d->top++;
        else if (key == FXK_PGUP)
            d->top -= rows;
        else if (key == FXK_PGDN)
            d->top += rows;
        else if (key == FXK_HOME)
            d->top = 0;
        else if (key == FXK_END)
            d->top = d->ls.n;
        return VIEW_STAY;
    }
}

static int show_detail(struct app *app, int64_t id)
{
    struct detail d = {.result = DETAIL_CLOSE};
    struct fx_error err;
    fx_clear(&err);
    if (build_detail(app, id, &d.ls, &d.s, &err)) {
        free(d.ls.l);
        app_error(app, &err);
        return DETAIL_CLOSE;
    }
    struct view v = {
        .keys = detail_view_keys, .draw = detail_view_draw, .key = detail_view_key, .covers_body = true, .ctx = &d};
    app_run_view(app, &v);
    ledger_session_free(&d.s);
    free(d.ls.l);
    return d.result;
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
    if (!ledger_pick_branch(c->app, is_key, ch, &c->branch_id, c->branch_name, sizeof c->branch_name))
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
    text_copy(lf->query, sizeof lf->query, f[3].text);
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
    f[0] = (struct form_field){
        .id = "category", .label = "内容类别", .type = FIELD_CHOICE, .choices = c->catp, .nchoices = c->cats.n + 1};
    f[1] = (struct form_field){
        .id = "format", .label = "培训形式", .type = FIELD_CHOICE, .choices = c->fmtp, .nchoices = c->fmts.n + 1};
    f[2] = (struct form_field){.id = "branch", .label = "参训党组织", .type = FIELD_PICK};
    f[3] = (struct form_field){.id = "query", .label = "标题或教师", .type = FIELD_TEXT};
    f[0].choice = ledger_choice_index(&c->cats, lf->category) + (lf->category[0] ? 1 : 0);
    f[1].choice = ledger_choice_index(&c->fmts, lf->format) + (lf->format[0] ? 1 : 0);
    snprintf(f[2].text, sizeof f[2].text, "%s", c->branch_name);
    snprintf(f[3].text, sizeof f[3].text, "%s", lf->query);
    f[3].max = (sizeof lf->query - 1) / 4;
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
    case ACT_VOID:
    case LEDGER_RESTORE: {
        if (!cur) {
            app_status(app, "没有选中的记录");
            return SCR_HANDLED;
        }
        struct session_row r = *cur; /* the table's row may move under the forms */
        return action == ACT_EDIT ? edit_session(app, r.id)
               : action == ACT_VOID ? void_session(app, &r)
                                    : restore_session(app, &r);
    }
    case ACT_FIND: return filter_list(app);
    case LEDGER_PREV_MONTH: return change_month(-1);
    case LEDGER_NEXT_MONTH: return change_month(1);
    case LEDGER_CLEAR_FILTER:
        clear_filter();
        table_reset(&L.t);
        return SCR_HANDLED | SCR_RELOAD;
    case LEDGER_DETAIL: {
        if (!cur)
            return SCR_HANDLED;
        struct session_row r = *cur;
        switch (show_detail(app, r.id)) {
        case DETAIL_EDIT: return edit_session(app, r.id);
        case DETAIL_VOID: return void_session(app, &r);
        case DETAIL_RESTORE: return restore_session(app, &r);
        default: return SCR_HANDLED | SCR_REDRAW;
        }
    }
    case ACT_REFRESH:
        table_refresh(&L.t);
        app_status(app, "已刷新");
        return SCR_HANDLED | SCR_RELOAD;
    case ACT_MOVE: table_key(&L.t, is_key, ch); return SCR_HANDLED;
    default: return SCR_UNHANDLED;
    }
}

static int ledger_click(struct app *app, struct rect body, int y, int x)
{
    (void)app;
    (void)x;
    struct rect tr = {body.y + 1, body.x, body.h - 1, body.w};
    table_click(&L.t, tr, y);
    return SCR_HANDLED;
}

/* The 台账 screen's keys: X(key, twin, action, hint, help). PgUp PgDn change the month, so the list moves by rows. */
#define LEDGER_KEYS(X)                                                                                                 \
    X(FXK_F(2), 'n', ACT_NEW, "新建", "新建培训记录：先填表，再点名")                                                  \
    X(FXK_F(4), 'e', ACT_EDIT, "编辑", "修改光标所在的记录")                                                           \
    X(FXK_F(7), '/', ACT_FIND, "筛选", "筛选：按内容类别、形式、参训党组织，或标题、教师（可用拼音首字母）")           \
    X(FXK_F(8), 'd', ACT_VOID, "作废", "作废光标所在的记录（写明原因，不删除）")                                       \
    X('u', 0, LEDGER_RESTORE, "恢复", "恢复光标所在的作废记录（写明原因，重新计入统计）")                              \
    X('[', FXK_PGUP, LEDGER_PREV_MONTH, "换月", "上个月")                                                              \
    X(']', FXK_PGDN, LEDGER_NEXT_MONTH, "换月", "下个月")                                                              \
    X(FXK_ENTER, 0, LEDGER_DETAIL, "详情", "光标所在记录的详情和点名")                                                 \
    X('r', 'R', ACT_REFRESH, NULL, "重新读取本月的记录")
FX_KEYMAP(static, ledger_keys, "台账", LEDGER_KEYS, screen_keys_rows_also);

/* While a filter is on, Esc clears it. */
#define LEDGER_FILTER_KEYS(X) X(FXK_ESC, 0, LEDGER_CLEAR_FILTER, NULL, "清除筛选（筛选时）")
static const struct keymap *const ledger_filter_also[] = {&ledger_keys, NULL};
FX_KEYMAP(static, ledger_filter_keys, "台账（筛选中）", LEDGER_FILTER_KEYS, ledger_filter_also);
static const struct keymap *const ledger_more_keys[] = {&ledger_filter_keys, NULL};

static const struct keymap *ledger_keys_now(struct app *app)
{
    (void)app;
    return filtered() ? &ledger_filter_keys : &ledger_keys;
}

const struct screen_ops screen_ledger_ops = {
    .name = "台账",
    .keys = &ledger_keys,
    .keys_now = ledger_keys_now,
    .more_keys = ledger_more_keys,
    .enter = ledger_enter,
    .draw = ledger_draw,
    .key = ledger_key,
    .click = ledger_click,
};
