/* check_items.c — the 清单 screen's item list: an item's state and evidence in words, its row, the cursor
 * item in full, the sessions proving it, and marks; screen_check.c owns the state passed in. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "branch.h"
#include "check_views.h"
#include "dialog.h"
#include "form.h"
#include "ledger.h"
#include "screen.h"
#include "standard.h"
#include "stats.h"
#include "store.h"
#include "teacher.h"
#include "text.h"
#include "venue.h"

/* Items proved by a mark: manual ones, and the contact directory until the program records printing it. */
bool check_markable(const struct std_item *it)
{
    return it->evidence == STD_MANUAL || (it->evidence == STD_ROSTER && it->count == STD_COUNT_DIRECTORY);
}

/* ---- words for one item ------------------------------------------------ */

void check_state_text(const struct std_item_result *r, char *out, size_t n)
{
    const char *w = standard_state_name(r->state);
    switch (r->state) {
    case STD_DONE: snprintf(out, n, "✓ %s", w); break;
    case STD_PARTLY: snprintf(out, n, "%d/%d %s", r->found, r->required, w); break;
    case STD_MISSING:
    case STD_OVERDUE: snprintf(out, n, "✗ %s", w); break;
    default: snprintf(out, n, "%s", w); break;
    }
}

static const char *every_words(int months)
{
    switch (months) {
    case 1: return "每月";
    case 2: return "每两个月";
    case 3: return "每季度";
    case 6: return "每半年";
    case 12: return "每年";
    default: return "每期";
    }
}

static size_t filter_words(const struct std_filter *f, const char *what, char *out, size_t n)
{
    size_t len = 0;
    if (!f->n)
        return 0;
    len += (size_t)snprintf(out, n, "%s为", what);
    for (int i = 0; i < f->n && len < n; i++)
        len += (size_t)snprintf(out + len, n - len, "%s%s", i ? "或" : "", f->word[i]);
    return len < n ? len : n - 1;
}

/* What counts as evidence, in words: the file's hint, else one made from the rule. */
void check_evidence_words(const struct std_item *it, char *out, size_t n)
{
    if (it->evidence == STD_LEDGER) {
        size_t len = (size_t)snprintf(out, n, "台账：");
        const struct std_filter *f[] = {&it->kinds, &it->formats, &it->categories};
        const char *what[] = {"类型", "形式", "类别"};
        bool any = false;
        for (int i = 0; i < 3 && len < n; i++)
            if (f[i]->n) {
                if (any && len < n)
                    len += (size_t)snprintf(out + len, n - len, "，");
                if (len < n)
                    len += filter_words(f[i], what[i], out + len, n - len);
                any = true;
            }
        if (!any && len < n)
            len += (size_t)snprintf(out + len, n - len, "任何培训记录");
        if (it->every && len < n)
            len += (size_t)snprintf(out + len, n - len, "，%s至少 %d 次", every_words(it->every),
                                    it->min_each > 0 ? it->min_each : 1);
        if (it->min > 0 && len < n)
            len += (size_t)snprintf(out + len, n - len, "，全期至少 %d 次", it->min);
        if (it->hint[0] && len < n)
            snprintf(out + len, n - len, "（%s）", it->hint);
    } else if (it->evidence == STD_ROSTER && it->count != STD_COUNT_DIRECTORY) {
        snprintf(out, n, "名册：%s至少 %d 个%s%s", standard_count_name(it->count), it->min > 0 ? it->min : 1,
                 it->hint[0] ? "；" : "", it->hint);
    } else if (it->evidence == STD_FUNDS) {
        snprintf(out, n, "经费台账：%s%s%s", standard_funds_name(it->funds), it->hint[0] ? "；" : "", it->hint);
    } else if (it->evidence == STD_RATE) {
        char least[16];
        stats_percent_text(it->min_rate, least, sizeof least);
        snprintf(out, n, "比率：本期%s不低于 %s%s%s", standard_rate_name(it->rate), least, it->hint[0] ? "；" : "",
                 it->hint);
    } else {
        snprintf(out, n, "手工标记%s%s", it->hint[0] ? "：" : "", it->hint[0] ? it->hint : "，写明依据");
    }
}

/* The short note at the end of an item's row. */
static void row_note(const struct std_item_result *r, int year, char *out, size_t n)
{
    const struct std_item *it = r->item;
    char subs[512];
    out[0] = '\0';
    int k = 0;
    if (r->nshort && (k = standard_lacking_subs(r, false, year, subs, sizeof subs)) > 3)
        text_format(out, n, "缺 %d 期：%s", k, subs);
    else if (k)
        text_format(out, n, "缺：%s", subs);
    else if (r->nshort && standard_lacking_subs(r, true, year, subs, sizeof subs))
        text_format(out, n, "未到期：%s", subs);
    else if (r->marked)
        snprintf(out, n, "%s", r->mark_note[0] ? r->mark_note : "已标记");
    else if (it->evidence == STD_ROSTER && it->count != STD_COUNT_DIRECTORY)
        snprintf(out, n, "%s %d 个", standard_count_name(it->count), r->found);
    else if (it->evidence == STD_FUNDS)
        snprintf(out, n, "%s", it->funds == STD_FUNDS_BUDGET ? (r->found ? "已列入预算" : "未设预算")
                                                             : r->funds_total ? "有未说明的例外" : "符合规则");
    else if (r->nproofs == 1)
        snprintf(out, n, "%s", r->proofs[0].title);
    else if (r->nproofs)
        snprintf(out, n, "%d 条，最近 %s", r->nproofs, r->proofs[r->nproofs - 1].date + 5);
    else if (check_markable(it))
        snprintf(out, n, "按 m 标记");
}

/* ---- drawing ------------------------------------------------------------- */

/* Item list columns: # 状态 条目 依据 完成 [得分] 说明; the title takes what is left. */
struct cols {
    int id, state, title, evid, count, score, note;
};

static struct cols item_cols(const struct standard *std, int w)
{
    struct cols c = {.id = 3, .state = 9, .evid = 4, .count = 6, .score = std->scored ? 7 : 0};
    int fixed = 1 + c.id + 1 + c.state + 1 + 1 + c.evid + 1 + c.count + 1 + (c.score ? c.score + 1 : 0) + 1;
    /* The note gets two fifths of what is left, and at 80 columns room for four quarters short. */
    int avail = w - fixed, least = std->scored ? 20 : 24;
    c.note = avail * 2 / 5 < least ? least : avail * 2 / 5;
    c.title = avail - c.note;
    if (c.title < 12) {
        c.note -= 12 - c.title;
        c.title = 12;
    }
    if (c.note < 0)
        c.note = 0;
    return c;
}

static void draw_rows(struct check_state *cs, struct rect b, const struct standard *std)
{
    const struct std_result *res = &cs->res;
    struct cols c = item_cols(std, b.w);
    int y = b.y + 2, x = b.x + 1;
    draw_fill(y, b.x, b.w, ROLE_HEADER);
    x += draw_text_pad(y, x, c.id, "#", ROLE_HEADER, 'r') + 1;
    x += draw_text_pad(y, x, c.state, "状态", ROLE_HEADER, 'l') + 1;
    x += draw_text_pad(y, x, c.title, "条目", ROLE_HEADER, 'l') + 1;
    x += draw_text_pad(y, x, c.evid, "依据", ROLE_HEADER, 'l') + 1;
    x += draw_text_pad(y, x, c.count, "完成", ROLE_HEADER, 'r') + 1;
    if (c.score)
        x += draw_text_pad(y, x, c.score, "得分", ROLE_HEADER, 'r') + 1;
    draw_text_pad(y, x, c.note, "说明", ROLE_HEADER, 'l');

    int rows = b.h - HEAD_ROWS - FOOT_ROWS;
    if (rows < 1)
        rows = 1;
    if (cs->cur >= res->nitems)
        cs->cur = res->nitems - 1;
    if (cs->cur < 0)
        cs->cur = 0;
    if (cs->cur < cs->top)
        cs->top = cs->cur;
    if (cs->cur >= cs->top + rows)
        cs->top = cs->cur - rows + 1;
    cs->list_y = b.y + HEAD_ROWS;
    cs->list_rows = rows;
    for (int i = 0; i < rows && cs->top + i < res->nitems; i++) {
        const struct std_item_result *r = &res->items[cs->top + i];
        const struct std_item *it = r->item;
        bool sel = cs->top + i == cs->cur;
        int role = sel ? ROLE_SELECTED : ROLE_NORMAL;
        char s[512];
        y = cs->list_y + i;
        x = b.x + 1;
        draw_fill(y, b.x, b.w, role);
        x += draw_text_pad(y, x, c.id, it->id, role, 'r') + 1;
        check_state_text(r, s, sizeof s);
        /* Overdue is the one state an inspector will ask about first. */
        int srole = r->state == STD_OVERDUE ? ROLE_ERROR : r->state == STD_DONE ? (sel ? role : ROLE_FIGURE) : role;
        x += draw_text_pad(y, x, c.state, s, srole, 'l') + 1;
        x += draw_text_pad(y, x, c.title, it->title, role, 'l') + 1;
        x += draw_text_pad(y, x, c.evid, standard_evidence_name(it->evidence), role, 'l') + 1;
        snprintf(s, sizeof s, "%d/%d", r->found, r->required);
        x += draw_text_pad(y, x, c.count, s, role, 'r') + 1;
        if (c.score) {
            snprintf(s, sizeof s, "%g/%g", r->points, it->points);
            x += draw_text_pad(y, x, c.score, s, role, 'r') + 1;
        }
        row_note(r, cs->period.year, s, sizeof s);
        if (c.note)
            draw_text_pad(y, x, c.note, s, r->nshort && r->state == STD_OVERDUE && !sel ? ROLE_ERROR : role, 'l');
    }
    if (!res->nitems)
        draw_text(cs->list_y, b.x + 2, b.w - 4, "这个标准没有条目", ROLE_DIM);
}

/* The cursor item in full under the list: rule, evidence found or mark, what is short. */
static void draw_detail(const struct check_state *cs, struct rect b)
{
    int y = b.y + b.h - FOOT_ROWS;
    if (cs->cur < 0 || cs->cur >= cs->res.nitems)
        return;
    const struct std_item_result *r = &cs->res.items[cs->cur];
    const struct std_item *it = r->item;
    char line[1024], more[768];
    snprintf(line, sizeof line, "第 %s 项：%s%s%s", it->id, it->title, it->area[0] ? "（" : "",
             it->area[0] ? it->area : "");
    if (it->area[0])
        strncat(line, "）", sizeof line - strlen(line) - 1);
    draw_fill(y, b.x, b.w, ROLE_HEADER);
    draw_text(y, b.x + 1, b.w - 2, line, ROLE_HEADER);
    check_evidence_words(it, line, sizeof line);
    draw_text(y + 1, b.x + 2, b.w - 3, line, ROLE_DIM);

    int role = ROLE_NORMAL;
    if (it->evidence == STD_LEDGER) {
        if (r->nproofs) {
            const struct std_proof *p = &r->proofs[0];
            snprintf(line, sizeof line, "证明 %d 条（Enter 查看）：%s %s%s", r->nproofs, p->date, p->title,
                     r->nproofs > 1 ? " 等" : "");
        } else {
            snprintf(line, sizeof line, "本期台账中还没有相符的记录");
            role = r->state == STD_OVERDUE ? ROLE_ERROR : ROLE_NORMAL;
        }
    } else if (r->marked) {
        snprintf(line, sizeof line, "已标记 %s%s%s（e 改说明，u 撤销）", r->mark_date, r->mark_note[0] ? "：" : "",
                 r->mark_note);
    } else if (check_markable(it)) {
        snprintf(line, sizeof line, "未标记：按 m 标记完成并写明说明");
    } else {
        standard_requirement_text(r, more, sizeof more);
        snprintf(line, sizeof line, "%s%s", more, it->evidence == STD_ROSTER ? "（在「名册」页维护）" : "");
        role = r->state == STD_DONE ? ROLE_NORMAL : ROLE_ERROR;
    }
    draw_text(y + 2, b.x + 2, b.w - 3, line, role);
    /* The county's reading of the document's words, apart from the rule above it. */
    standard_local_text(it, more, sizeof more);
    if (more[0] && !r->nsubs)
        draw_text(y + 3, b.x + 2, b.w - 3, more, ROLE_DIM);
    if (r->nsubs) {
        if (standard_lacking_subs(r, true, 0, more, sizeof more))
            snprintf(line, sizeof line, "缺：%s", more);
        else
            snprintf(line, sizeof line, "共 %d 期，每期都已达标", r->nsubs);
        if (it->local[0]) {
            char local[300];
            standard_local_text(it, local, sizeof local);
            snprintf(line + strlen(line), sizeof line - strlen(line), "　%s", local);
        }
        draw_text(y + 3, b.x + 2, b.w - 3, line, r->state == STD_OVERDUE ? ROLE_ERROR : ROLE_NORMAL);
    }
}

void check_draw_items(struct check_state *cs, struct rect b, const struct standard *std)
{
    draw_rows(cs, b, std);
    draw_detail(cs, b);
}

/* ---- the proving sessions ------------------------------------------------ */

/* One session, read-only: what an inspector asks to see behind a tick. */
static void session_view(struct app *app, int64_t id)
{
    struct session s;
    memset(&s, 0, sizeof s);
    struct fx_error err;
    fx_clear(&err);
    if (ledger_get_session(app->db, id, &s, &err)) {
        app_error(app, &err);
        return;
    }
    char teacher[128] = "", venue[256] = "", targets[512] = "", msg[4096];
    struct teacher t;
    struct venue v;
    if (s.teacher_id && !teacher_get(app->db, s.teacher_id, &t, NULL))
        snprintf(teacher, sizeof teacher, "%s", t.name);
    if (s.venue_id && !venue_get(app->db, s.venue_id, &v, NULL))
        snprintf(venue, sizeof venue, "%s", v.name);
    size_t tl = 0;
    for (int i = 0; i < s.nbranches && tl < sizeof targets; i++) {
        struct branch b;
        if (branch_get(app->db, s.branches[i], &b, NULL))
            b.name[0] = '\0';
        tl += (size_t)snprintf(targets + tl, sizeof targets - tl, "%s%s", i ? "、" : "", b.name);
    }
    struct session_attendance a;
    stats_session_attendance(&s, &a);
    size_t n = 0;
    n += (size_t)snprintf(msg + n, sizeof msg - n, "日期：%s%s%s%s%s\n", s.date, s.start[0] ? " " : "", s.start,
                          s.end[0] ? "–" : "", s.end);
    n += (size_t)snprintf(msg + n, sizeof msg - n, "题目：%s\n", s.title);
    n += (size_t)snprintf(msg + n, sizeof msg - n, "类型：%s    形式：%s\n", s.kind[0] ? s.kind : "—", s.format);
    n += (size_t)snprintf(msg + n, sizeof msg - n, "类别：%s\n", s.category);
    n +=
        (size_t)snprintf(msg + n, sizeof msg - n, "学时：%g    应到 %d 人，实到 %d 人", s.hours, a.expected, a.present);
    if (a.leave || a.absent)
        n += (size_t)snprintf(msg + n, sizeof msg - n, "（请假 %d，缺席 %d）", a.leave, a.absent);
    n += (size_t)snprintf(msg + n, sizeof msg - n, "\n");
    if (teacher[0] || venue[0])
        n += (size_t)snprintf(msg + n, sizeof msg - n, "授课：%s    地点：%s\n", teacher[0] ? teacher : "—",
                              venue[0] ? venue : "—");
    if (targets[0])
        n += (size_t)snprintf(msg + n, sizeof msg - n, "对象：%s\n", targets);
    if (s.recorder[0])
        n += (size_t)snprintf(msg + n, sizeof msg - n, "记录人：%s\n", s.recorder);
    if (s.note[0])
        n += (size_t)snprintf(msg + n, sizeof msg - n, "备注：%s\n", s.note);
    if (s.voided)
        n += (size_t)snprintf(msg + n, sizeof msg - n, "已作废：%s\n", s.void_reason);
    if (n < sizeof msg)
        snprintf(msg + n, sizeof msg - n, "记录编号 #%lld（修改请到「台账」页）", (long long)s.id);
    ledger_session_free(&s);
    dialog_message(app, "培训记录", msg);
}

/* The list of an item's proving sessions: X(key, twin, action, hint, help). */
#define PROOFS_KEYS(X)                                                                                                 \
    X(FXK_ENTER, 0, ACT_OK, "查看记录", "查看光标所在的培训记录")                                                      \
    X(FXK_ESC, 'q', ACT_BACK, "返回", "回到清单")                                                                      \
    X(FXK_F(10), 0, ACT_BACK, NULL, "回到清单")                                                                        \
    X('j', 'k', ACT_MOVE, NULL, "j 下移，k 上移（同 ↓ ↑）")                                                            \
    X(FXK_LIST, 0, ACT_MOVE, NULL, "移动光标：↑ ↓ 一行，PgUp PgDn 一页，Home End 到头到尾")
static const struct keymap *const proofs_also[] = {&keys_modal, NULL};
FX_KEYMAP(, check_proofs_keys, "证明记录", PROOFS_KEYS, proofs_also);

/* The list of proofs as a view of the one loop. */
struct proofs {
    const struct std_item_result *r;
    char title[300];
    int cur, top, nvis;
};

static const struct keymap *proofs_view_keys(struct view *v, struct app *app)
{
    (void)v;
    (void)app;
    return &check_proofs_keys;
}

static void proofs_view_draw(struct view *v, struct app *app)
{
    (void)app;
    struct proofs *pv = v->ctx;
    const struct std_item_result *r = pv->r;
    int nvis = r->nproofs;
    if (nvis > LINES - 10)
        nvis = LINES - 10;
    if (nvis < 1)
        nvis = 1;
    pv->nvis = nvis;
    int w = COLS - 8 < 72 ? COLS - 8 : 72;
    struct rect box = {0, 0, nvis + 5, w};
    box.y = (LINES - box.h) / 2;
    box.x = (COLS - box.w) / 2;
    if (pv->cur < pv->top)
        pv->top = pv->cur;
    if (pv->cur >= pv->top + nvis)
        pv->top = pv->cur - nvis + 1;
    draw_box(box, pv->title, ROLE_DIALOG);
    for (int i = 0; i < nvis && pv->top + i < r->nproofs; i++) {
        const struct std_proof *p = &r->proofs[pv->top + i];
        int role = pv->top + i == pv->cur ? ROLE_SELECTED : ROLE_DIALOG;
        int y = box.y + 2 + i, x = box.x + 2, iw = box.w - 4;
        draw_fill(y, x, iw, role);
        x += draw_text_pad(y, x, 10, p->date, role, 'l') + 2;
        draw_text_pad(y, x, iw - 12 - 12, p->title, role, 'l');
        draw_text_pad(y, box.x + 2 + iw - 10, 10, p->kind, role, 'r');
    }
    char hint[128];
    keys_hint(&check_proofs_keys, KEYS_HINT_FKEYS, hint, sizeof hint);
    draw_text_pad(box.y + box.h - 2, box.x + 1, box.w - 2, hint, ROLE_DIALOG, 'c');
}

static int proofs_view_key(struct view *v, struct app *app, int action, int key)
{
    struct proofs *pv = v->ctx;
    int n = pv->r->nproofs, cur = pv->cur;
    switch (action) {
    case ACT_BACK: return VIEW_CLOSE;
    case ACT_OK: session_view(app, pv->r->proofs[cur].id); return VIEW_STAY;
    default:
        if (key == FXK_UP || key == FXK_CTRL('p') || key == 'k')
            cur = cur > 0 ? cur - 1 : 0;
        else if (key == FXK_DOWN || key == FXK_CTRL('n') || key == 'j')
            cur = cur + 1 < n ? cur + 1 : cur;
        else if (key == FXK_PGUP)
            cur = cur > pv->nvis ? cur - pv->nvis : 0;
        else if (key == FXK_PGDN)
            cur = cur + pv->nvis < n ? cur + pv->nvis : n - 1;
        else if (key == FXK_HOME)
            cur = 0;
        else if (key == FXK_END)
            cur = n - 1;
        pv->cur = cur;
        return VIEW_STAY;
    }
}

/* The sessions counted for one item, newest last as core gives them; Enter opens one. */
void check_proofs_run(struct app *app, const struct std_item_result *r)
{
    struct proofs pv = {.r = r, .nvis = 1};
    snprintf(pv.title, sizeof pv.title, "证明记录：%s（%d 条）", r->item->title, r->nproofs);
    struct view v = {.keys = proofs_view_keys, .draw = proofs_view_draw, .key = proofs_view_key, .ctx = &pv};
    app_run_view(app, &v);
}

/* ---- marks --------------------------------------------------------------- */

struct mark_ctx {
    struct app *app;
    const struct check_state *cs;
    const struct standard *std;
    const struct std_item *item;
};

static int mark_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct mark_ctx *ctx = vctx;
    int rc = standard_mark(ctx->app->db, ctx->std, ctx->item->id, &ctx->cs->period, ctx->cs->branch_id,
                           form->fields[0].text, false, err);
    if (!rc)
        app_mark_saved(ctx->app);
    return rc;
}

const struct std_item_result *check_cursor_item(const struct check_state *cs)
{
    if (!cs->have_res || cs->cur < 0 || cs->cur >= cs->res.nitems)
        return NULL;
    return &cs->res.items[cs->cur];
}

static bool can_mark(struct app *app, const struct std_item_result *r)
{
    if (!r)
        return false;
    if (!check_markable(r->item)) {
        app_status(app, "“%s”由%s自动核验，不能手工标记", r->item->title, standard_evidence_name(r->item->evidence));
        return false;
    }
    return true;
}

int check_mark_item(struct app *app, const struct check_state *cs, const struct standard *std)
{
    const struct std_item_result *r = check_cursor_item(cs);
    if (!can_mark(app, r))
        return SCR_HANDLED;
    char label[32], title[300];
    period_label(&cs->period, label, sizeof label);
    snprintf(title, sizeof title, "%s：%s（%s）", r->marked ? "修改标记说明" : "标记完成", r->item->title, label);
    struct form_field f[1];
    memset(f, 0, sizeof f);
    f[0].id = "note";
    f[0].label = "说明";
    f[0].type = FIELD_TEXT;
    f[0].max = FX_LINE_CHARS;
    snprintf(f[0].text, sizeof f[0].text, "%s", r->marked ? r->mark_note : "");
    struct mark_ctx ctx = {.app = app, .cs = cs, .std = std, .item = r->item};
    struct form form = {.title = title, .fields = f, .nfields = 1, .save = mark_save, .ctx = &ctx};
    if (!form_run(app, &form))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "已标记：%s", ctx.item->title);
    return SCR_HANDLED | SCR_RELOAD;
}

int check_unmark_item(struct app *app, const struct check_state *cs, const struct standard *std)
{
    const struct std_item_result *r = check_cursor_item(cs);
    if (!can_mark(app, r))
        return SCR_HANDLED;
    if (!r->marked) {
        app_status(app, "“%s”没有标记，无需撤销", r->item->title);
        return SCR_HANDLED;
    }
    char label[32], msg[600];
    period_label(&cs->period, label, sizeof label);
    snprintf(msg, sizeof msg, "撤销“%s”在%s的标记？\n标记记录仍留在台账里，条目恢复为待标记。", r->item->title, label);
    if (!dialog_confirm(app, "撤销标记", msg))
        return SCR_HANDLED | SCR_REDRAW;
    struct fx_error err;
    fx_clear(&err);
    const struct std_item *it = r->item;
    if (standard_mark(app->db, std, it->id, &cs->period, cs->branch_id, NULL, true, &err)) {
        app_error(app, &err);
        return SCR_HANDLED | SCR_RELOAD;
    }
    app_mark_saved(app);
    app_status(app, "已撤销标记：%s", it->title);
    return SCR_HANDLED | SCR_RELOAD;
}
