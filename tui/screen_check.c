/* screen_check.c — 清单: one standard's items for one period, their state, and the sessions that prove them.
 * Everything shown is core/standard.c evaluated live against the ledger, the same result `fenxiao check` prints. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "cli.h"
#include "dialog.h"
#include "form.h"
#include "ledger.h"
#include "paths.h"
#include "picker.h"
#include "pinyin.h"
#include "render.h"
#include "report.h"
#include "report_more.h"
#include "screen.h"
#include "standard.h"
#include "store.h"
#include "text.h"

#define DEFAULT_STANDARD "bageyi"

/* Rows of the body that are not the list: three above it, five below it. */
#define HEAD_ROWS 3
#define FOOT_ROWS 5

static struct {
    struct std_list list;
    char std_id[64];         /* the standard shown; kept by id because the list is re-read on enter */
    struct fx_period period; /* the period shown, of the standard's kind */
    bool have_period;
    /* A branch standard shows its branches × items table; Enter drills into one branch. */
    bool table;
    int64_t branch_id; /* the branch drilled into, 0 = none */
    char branch_name[201];
    struct std_result res;
    bool have_res;
    struct std_branch_summary sum;
    bool have_sum;
    struct fx_error err;
    bool failed;
    int cur, top;          /* cursor and first visible row of the item list */
    int bcur, btop;        /* the same for the branch table (kept while drilled in) */
    int col0;              /* first item column shown in the branch table */
    int list_y, list_rows; /* where the rows were last drawn, for clicks */
} chk;

static const struct standard *current_std(void)
{
    for (int i = 0; i < chk.list.n; i++)
        if (!strcmp(chk.list.std[i].id, chk.std_id))
            return &chk.list.std[i];
    return NULL;
}

static int current_index(void)
{
    const struct standard *s = current_std();
    return s ? (int)(s - chk.list.std) : -1;
}

static bool has_star_table(const struct standard *std)
{
    for (int s = 1; s <= 5; s++)
        if (std->star_min[s] >= 0)
            return true;
    return false;
}

static void stars_text(int stars, char *out, size_t n)
{
    size_t len = 0;
    out[0] = '\0';
    for (int s = 0; s < 5 && len < n; s++)
        len += (size_t)snprintf(out + len, n - len, "%s", s < stars ? "★" : "☆");
}

/* Items proved by a mark: manual ones, and the contact directory until the program records printing it. */
static bool markable(const struct std_item *it)
{
    return it->evidence == STD_MANUAL || (it->evidence == STD_ROSTER && it->count == STD_COUNT_DIRECTORY);
}

/* The shipped standards, then the county's own beside the config file, exactly as `fenxiao check` reads them. */
static void load_list(struct app *app)
{
    standard_list_free(&chk.list);
    memset(&chk.list, 0, sizeof chk.list);
    char shipped[4096], own[4096], cfgdir[4096];
    paths_join(shipped, sizeof shipped, paths_data_dir(), "standards");
    paths_dirname(cfgdir, sizeof cfgdir, app->cli->config_path);
    paths_join(own, sizeof own, cfgdir, "standards");
    const char *dirs[] = {shipped, own, NULL};
    struct fx_error err;
    fx_clear(&err);
    if (standard_load_all(dirs, &chk.list, &err)) {
        chk.err = err;
        chk.failed = true;
    }
}

static void free_results(void)
{
    if (chk.have_res)
        standard_result_free(&chk.res);
    if (chk.have_sum)
        standard_branch_summary_free(&chk.sum);
    chk.have_res = chk.have_sum = false;
}

static void today_text(char out[11])
{
    struct fx_date t;
    date_today(&t);
    date_format(&t, out);
}

/* Evaluate the standard shown for the period shown. A branch standard on a
 * roster with branches is a table of them (as `fenxiao check` prints it);
 * without branches it is checked over the whole unit. */
static void evaluate(struct app *app)
{
    free_results();
    const struct standard *std = current_std();
    if (!std || chk.failed)
        return;
    char today[11];
    today_text(today);
    chk.table = std->scope == STD_SCOPE_BRANCH && !chk.branch_id &&
                store_int(app->db, "SELECT count(*) FROM branch WHERE active = 1", NULL) > 0;
    fx_clear(&chk.err);
    if (chk.table) {
        if (standard_evaluate_branches(app->db, std, &chk.period, today, &chk.sum, &chk.err))
            chk.failed = true;
        else
            chk.have_sum = true;
    } else {
        if (standard_evaluate_at(app->db, std, &chk.period, chk.branch_id, today, &chk.res, &chk.err))
            chk.failed = true;
        else
            chk.have_res = true;
    }
}

static int check_enter(struct app *app)
{
    chk.failed = false;
    fx_clear(&chk.err);
    load_list(app);
    if (chk.failed)
        return SCR_REDRAW;
    if (!current_std()) {
        /* First visit, or the file of the standard shown went away: 八个一, else the first. */
        snprintf(chk.std_id, sizeof chk.std_id, "%s", DEFAULT_STANDARD);
        if (!current_std() && chk.list.n)
            snprintf(chk.std_id, sizeof chk.std_id, "%s", chk.list.std[0].id);
        chk.have_period = false;
        chk.branch_id = 0;
        chk.cur = chk.top = chk.bcur = chk.btop = chk.col0 = 0;
    }
    const struct standard *std = current_std();
    if (!std)
        return SCR_REDRAW;
    if (!chk.have_period || chk.period.kind != std->period) {
        standard_current_period(std, &chk.period);
        chk.have_period = true;
    }
    evaluate(app);
    if (chk.list.nerrors)
        app_status(app, "有 %d 个标准文件有误，已跳过（按 ! 查看）", chk.list.nerrors);
    return SCR_REDRAW;
}

static void check_leave(struct app *app)
{
    (void)app;
    /* Results point into the standards: drop them together, and re-read both on return. */
    free_results();
}

/* ---- words for one item ------------------------------------------------ */

static void state_text(const struct std_item_result *r, char *out, size_t n)
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

/* The sub-periods short of their minimum: "2024-03、2024-07"; with all, also
 * those not yet over, marked （未到期）. Returns how many were listed. */
static int short_subs(const struct std_item_result *r, bool all, char *out, size_t n)
{
    size_t len = 0;
    int k = 0;
    out[0] = '\0';
    for (int i = 0; i < r->nsubs && len < n; i++) {
        const struct std_sub *s = &r->subs[i];
        if (s->found >= s->required || (!all && !s->ended))
            continue;
        len += (size_t)snprintf(out + len, n - len, "%s%s%s", k ? "、" : "", s->label, s->ended ? "" : "（未到期）");
        k++;
    }
    return k;
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
static void evidence_words(const struct std_item *it, char *out, size_t n)
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
    } else {
        snprintf(out, n, "手工标记%s%s", it->hint[0] ? "：" : "", it->hint[0] ? it->hint : "，写明依据");
    }
}

/* A sub-period's label without the year the header already shows: "2024-03" → "3月",
 * "2024-01~02" → "1~2月", "2024-Q1" → "Q1". Labels of another year stay whole. */
static void sub_short(const char *label, int year, char *out, size_t n)
{
    char y[8];
    snprintf(y, sizeof y, "%04d-", year);
    if (strncmp(label, y, 5)) {
        snprintf(out, n, "%s", label);
        return;
    }
    const char *r = label + 5;
    if (r[0] >= '0' && r[0] <= '9') {
        int a = atoi(r), b = 0;
        const char *t = strchr(r, '~');
        if (t)
            b = atoi(t + 1);
        if (b)
            snprintf(out, n, "%d~%d月", a, b);
        else
            snprintf(out, n, "%d月", a);
    } else {
        snprintf(out, n, "%s", r);
    }
}

/* The same list as short_subs, compact enough for a row. */
static int short_subs_compact(const struct std_item_result *r, bool all, char *out, size_t n)
{
    size_t len = 0;
    int k = 0;
    out[0] = '\0';
    for (int i = 0; i < r->nsubs && len < n; i++) {
        const struct std_sub *s = &r->subs[i];
        if (s->found >= s->required || (!all && !s->ended))
            continue;
        char lab[32];
        sub_short(s->label, chk.period.year, lab, sizeof lab);
        len += (size_t)snprintf(out + len, n - len, "%s%s", k ? "、" : "", lab);
        k++;
    }
    return k;
}

/* The short note at the end of an item's row. */
static void row_note(const struct std_item_result *r, char *out, size_t n)
{
    const struct std_item *it = r->item;
    char subs[512];
    out[0] = '\0';
    int k = 0;
    if (r->nshort && (k = short_subs_compact(r, false, subs, sizeof subs)) > 3)
        snprintf(out, n, "缺 %d 期：%s", k, subs);
    else if (k)
        snprintf(out, n, "缺：%s", subs);
    else if (r->nshort && short_subs_compact(r, true, subs, sizeof subs))
        snprintf(out, n, "未到期：%s", subs);
    else if (r->marked)
        snprintf(out, n, "%s", r->mark_note[0] ? r->mark_note : "已标记");
    else if (it->evidence == STD_ROSTER && it->count != STD_COUNT_DIRECTORY)
        snprintf(out, n, "%s %d 个", standard_count_name(it->count), r->found);
    else if (r->nproofs == 1)
        snprintf(out, n, "%s", r->proofs[0].title);
    else if (r->nproofs)
        snprintf(out, n, "%d 条，最近 %s", r->nproofs, r->proofs[r->nproofs - 1].date + 5);
    else if (markable(it))
        snprintf(out, n, "按 m 标记");
}

/* ---- drawing ------------------------------------------------------------- */

static void draw_head(struct app *app, struct rect b, const struct standard *std)
{
    (void)app;
    char line[512], label[32];
    period_label(&chk.period, label, sizeof label);
    int x = b.x + 1;
    x += draw_text(b.y, x, 6, "标准：", ROLE_NORMAL);
    x += draw_text(b.y, x, 24, std->name, ROLE_FIGURE);
    x += draw_text(b.y, x, 8, "  期间：", ROLE_NORMAL);
    x += draw_text(b.y, x, 14, label, ROLE_FIGURE);
    /* The period's overall figure on the right: completion, score and stars, or the rates. */
    line[0] = '\0';
    if (chk.have_res) {
        size_t len = (size_t)snprintf(line, sizeof line, "完成 %d/%d 项", chk.res.done, chk.res.nitems);
        if (std->scored && len < sizeof line)
            len += (size_t)snprintf(line + len, sizeof line - len, "  得分 %g/%g", chk.res.score, chk.res.max_score);
        if (has_star_table(std) && len < sizeof line) {
            char st[64];
            stars_text(chk.res.stars, st, sizeof st);
            snprintf(line + len, sizeof line - len, " %s", st);
        }
    } else if (chk.have_sum) {
        snprintf(line, sizeof line, "全部完成 %d/%d 个党组织", chk.sum.all_done, chk.sum.n);
    }
    int w = text_width(line);
    int room = b.x + b.w - 1 - (x + 2);
    if (line[0] && room > 8)
        draw_text(b.y, b.x + b.w - 1 - (w < room ? w : room), room, line, ROLE_FIGURE);

    /* Second line: the title (or the branch drilled into), and skipped files. */
    char right[128] = "";
    if (chk.list.nerrors)
        snprintf(right, sizeof right, "%d 个标准文件有误（! 查看）", chk.list.nerrors);
    int rw = text_width(right);
    if (chk.branch_id)
        snprintf(line, sizeof line, "党组织：%s（Esc 返回各党组织）", chk.branch_name);
    else
        snprintf(line, sizeof line, "%s", std->title);
    draw_text(b.y + 1, b.x + 1, b.w - 2 - (rw ? rw + 2 : 0), line, chk.branch_id ? ROLE_NORMAL : ROLE_DIM);
    if (rw)
        draw_text(b.y + 1, b.x + b.w - 1 - rw, rw, right, ROLE_ERROR);
}

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

static void draw_items(struct rect b, const struct standard *std)
{
    const struct std_result *res = &chk.res;
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
    if (chk.cur >= res->nitems)
        chk.cur = res->nitems - 1;
    if (chk.cur < 0)
        chk.cur = 0;
    if (chk.cur < chk.top)
        chk.top = chk.cur;
    if (chk.cur >= chk.top + rows)
        chk.top = chk.cur - rows + 1;
    chk.list_y = b.y + HEAD_ROWS;
    chk.list_rows = rows;
    for (int i = 0; i < rows && chk.top + i < res->nitems; i++) {
        const struct std_item_result *r = &res->items[chk.top + i];
        const struct std_item *it = r->item;
        bool sel = chk.top + i == chk.cur;
        int role = sel ? ROLE_SELECTED : ROLE_NORMAL;
        char s[512];
        y = chk.list_y + i;
        x = b.x + 1;
        draw_fill(y, b.x, b.w, role);
        x += draw_text_pad(y, x, c.id, it->id, role, 'r') + 1;
        state_text(r, s, sizeof s);
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
        row_note(r, s, sizeof s);
        if (c.note)
            draw_text_pad(y, x, c.note, s, r->nshort && r->state == STD_OVERDUE && !sel ? ROLE_ERROR : role, 'l');
    }
    if (!res->nitems)
        draw_text(chk.list_y, b.x + 2, b.w - 4, "这个标准没有条目", ROLE_DIM);
}

/* The cursor item in full under the list: rule, evidence found or mark, what is short. */
static void draw_detail(struct rect b)
{
    int y = b.y + b.h - FOOT_ROWS;
    if (chk.cur < 0 || chk.cur >= chk.res.nitems)
        return;
    const struct std_item_result *r = &chk.res.items[chk.cur];
    const struct std_item *it = r->item;
    char line[1024], more[768];
    snprintf(line, sizeof line, "第 %s 项：%s%s%s", it->id, it->title, it->area[0] ? "（" : "",
             it->area[0] ? it->area : "");
    if (it->area[0])
        strncat(line, "）", sizeof line - strlen(line) - 1);
    draw_fill(y, b.x, b.w, ROLE_HEADER);
    draw_text(y, b.x + 1, b.w - 2, line, ROLE_HEADER);
    evidence_words(it, line, sizeof line);
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
    } else if (markable(it)) {
        snprintf(line, sizeof line, "未标记：按 m 标记完成并写明说明");
    } else {
        snprintf(line, sizeof line, "名册中%s %d 个，要求至少 %d 个（在「名册」页维护）",
                 standard_count_name(it->count), r->found, r->required);
        role = r->state == STD_DONE ? ROLE_NORMAL : ROLE_ERROR;
    }
    draw_text(y + 2, b.x + 2, b.w - 3, line, role);
    if (r->nsubs) {
        if (short_subs(r, true, more, sizeof more))
            snprintf(line, sizeof line, "缺：%s", more);
        else
            snprintf(line, sizeof line, "共 %d 期，每期都已达标", r->nsubs);
        draw_text(y + 3, b.x + 2, b.w - 3, line, r->state == STD_OVERDUE ? ROLE_ERROR : ROLE_NORMAL);
    }
}

/* Branches × items: ✓/✗ per item, the branch's completion, score and stars. */
static void draw_table(struct rect b, const struct standard *std)
{
    const struct std_branch_summary *s = &chk.sum;
    bool stars = has_star_table(std);
    int namew = 20, cellw = 3, donew = 6, scorew = std->scored ? 7 : 0, starw = stars ? 6 : 0;
    int room = b.w - 2 - namew - 1 - donew - 1 - scorew - starw;
    int fit = room / cellw;
    if (fit < 1)
        fit = 1;
    if (chk.col0 > std->nitems - fit)
        chk.col0 = std->nitems - fit;
    if (chk.col0 < 0)
        chk.col0 = 0;
    int last = chk.col0 + fit < std->nitems ? chk.col0 + fit : std->nitems;

    int y = b.y + 2, x = b.x + 1;
    char t[256];
    draw_fill(y, b.x, b.w, ROLE_HEADER);
    x += draw_text_pad(y, x, namew, "党组织", ROLE_HEADER, 'l') + 1;
    for (int i = chk.col0; i < last; i++) {
        snprintf(t, sizeof t, "%s%s%s", i == chk.col0 && chk.col0 ? "‹" : "", std->items[i].id,
                 i == last - 1 && last < std->nitems ? "›" : "");
        x += draw_text_pad(y, x, cellw, t, ROLE_HEADER, 'c');
    }
    x = b.x + 1 + namew + 1 + (last - chk.col0) * cellw;
    x += draw_text_pad(y, x, donew, "完成", ROLE_HEADER, 'r');
    if (scorew)
        x += draw_text_pad(y, x, scorew, "得分", ROLE_HEADER, 'r');
    if (starw)
        draw_text_pad(y, x, starw, "星级", ROLE_HEADER, 'r');

    int rows = b.h - HEAD_ROWS - FOOT_ROWS;
    if (rows < 1)
        rows = 1;
    if (chk.bcur >= s->n)
        chk.bcur = s->n - 1;
    if (chk.bcur < 0)
        chk.bcur = 0;
    if (chk.bcur < chk.btop)
        chk.btop = chk.bcur;
    if (chk.bcur >= chk.btop + rows)
        chk.btop = chk.bcur - rows + 1;
    chk.list_y = b.y + HEAD_ROWS;
    chk.list_rows = rows;
    for (int k = 0; k < rows && chk.btop + k < s->n; k++) {
        int bi = chk.btop + k;
        const struct std_result *r = &s->results[bi];
        bool sel = bi == chk.bcur;
        int role = sel ? ROLE_SELECTED : ROLE_NORMAL;
        y = chk.list_y + k;
        x = b.x + 1;
        draw_fill(y, b.x, b.w, role);
        x += draw_text_pad(y, x, namew, s->branch_name[bi], role, 'l') + 1;
        for (int i = chk.col0; i < last && i < r->nitems; i++) {
            int st = r->items[i].state;
            int cr = st == STD_OVERDUE ? ROLE_ERROR : st == STD_DONE && !sel ? ROLE_FIGURE : role;
            x += draw_text_pad(y, x, cellw, st == STD_DONE ? "✓" : "✗", cr, 'c');
        }
        x = b.x + 1 + namew + 1 + (last - chk.col0) * cellw;
        snprintf(t, sizeof t, "%d/%d", r->done, r->nitems);
        x += draw_text_pad(y, x, donew, t, role, 'r');
        if (scorew) {
            snprintf(t, sizeof t, "%g", r->score);
            x += draw_text_pad(y, x, scorew, t, role, 'r');
        }
        if (starw) {
            snprintf(t, sizeof t, "%d 星", r->stars);
            draw_text_pad(y, x, starw, t, role, 'r');
        }
    }

    /* Under the table: the shares, then what the item numbers mean. */
    y = b.y + b.h - FOOT_ROWS;
    size_t len = (size_t)snprintf(t, sizeof t, "规范化率 %.1f%%（%d/%d 个党组织全部完成）", s->normal_rate * 100,
                                  s->all_done, s->n);
    if (stars && len < sizeof t)
        snprintf(t + len, sizeof t - len, "  优良率 %.1f%%", s->good_rate * 100);
    draw_fill(y, b.x, b.w, ROLE_HEADER);
    draw_text(y, b.x + 1, b.w - 2, t, ROLE_HEADER);
    int line = 1;
    if (stars) {
        len = 0;
        for (int k = 5; k >= 0 && len < sizeof t; k--)
            len += (size_t)snprintf(t + len, sizeof t - len, "%s%d星 %d 个", k < 5 ? "  " : "", k, s->at_stars[k]);
        draw_text(y + line++, b.x + 2, b.w - 3, t, ROLE_NORMAL);
    }
    /* The legend wraps between items, never inside one. */
    int lx = 0;
    for (int i = 0; i < std->nitems && line < FOOT_ROWS - 1; i++) {
        char part[300];
        snprintf(part, sizeof part, "%s %s", std->items[i].id, std->items[i].title);
        int pw = text_width(part);
        if (lx && lx + 2 + pw > b.w - 3) {
            if (++line >= FOOT_ROWS - 1)
                break;
            lx = 0;
        }
        if (lx)
            lx += 2;
        lx += draw_text(y + line, b.x + 2 + lx, b.w - 3 - lx, part, ROLE_DIM);
    }
    if (!s->n)
        draw_text(chk.list_y, b.x + 2, b.w - 4, "名册中没有党组织", ROLE_DIM);
}

static void check_draw(struct app *app, struct rect b)
{
    const struct standard *std = current_std();
    if (chk.failed || !std) {
        const char *m = chk.failed ? chk.err.msg : "没有找到任何标准文件（data/standards/*.ini）";
        draw_text(b.y + 1, b.x + 2, b.w - 4, m, ROLE_ERROR);
        if (chk.list.nerrors) {
            char t[600];
            snprintf(t, sizeof t, "有 %d 个标准文件有误，按 ! 查看", chk.list.nerrors);
            draw_text(b.y + 3, b.x + 2, b.w - 4, t, ROLE_NORMAL);
        }
        if (std)
            draw_text(b.y + b.h - 1, b.x + 1, b.w - 2, "s 换标准  [ ] 换期间  r 刷新", ROLE_DIM);
        return;
    }
    draw_head(app, b, std);
    const char *hint;
    if (chk.have_sum) {
        draw_table(b, std);
        hint = "Enter 看该党组织  ←→ 其他条目  s 换标准  [ ] 换期间  p 导出";
    } else {
        draw_items(b, std);
        draw_detail(b);
        hint = "Enter 证明记录  m 标记  u 撤销  s 换标准  [ ] PgUp PgDn 换期间  p 导出";
    }
    draw_text(b.y + b.h - 1, b.x + 1, b.w - 2, hint, ROLE_DIM);
}

/* ---- the proving sessions ------------------------------------------------ */

static void name_of(sqlite3 *db, const char *sql, int64_t id, char *out, size_t n)
{
    sqlite3_stmt *st;
    out[0] = '\0';
    if (!id || store_prepare(db, sql, &st, NULL))
        return;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

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
    char teacher[128], venue[256], targets[512] = "", msg[4096];
    name_of(app->db, "SELECT name FROM teacher WHERE id = ?", s.teacher_id, teacher, sizeof teacher);
    name_of(app->db, "SELECT name FROM venue WHERE id = ?", s.venue_id, venue, sizeof venue);
    size_t tl = 0;
    for (int i = 0; i < s.nbranches && tl < sizeof targets; i++) {
        char bn[201];
        name_of(app->db, "SELECT name FROM branch WHERE id = ?", s.branches[i], bn, sizeof bn);
        tl += (size_t)snprintf(targets + tl, sizeof targets - tl, "%s%s", i ? "、" : "", bn);
    }
    int leave = 0, absent = 0;
    for (int i = 0; i < s.natt; i++) {
        leave += s.att[i].status == ATT_LEAVE;
        absent += s.att[i].status == ATT_ABSENT;
    }
    size_t n = 0;
    n += (size_t)snprintf(msg + n, sizeof msg - n, "日期：%s%s%s%s%s\n", s.date, s.start[0] ? " " : "", s.start,
                          s.end[0] ? "–" : "", s.end);
    n += (size_t)snprintf(msg + n, sizeof msg - n, "题目：%s\n", s.title);
    n += (size_t)snprintf(msg + n, sizeof msg - n, "类型：%s    形式：%s\n", s.kind[0] ? s.kind : "—", s.format);
    n += (size_t)snprintf(msg + n, sizeof msg - n, "类别：%s\n", s.category);
    n +=
        (size_t)snprintf(msg + n, sizeof msg - n, "学时：%g    应到 %d 人，实到 %d 人", s.hours, s.expected, s.present);
    if (leave || absent)
        n += (size_t)snprintf(msg + n, sizeof msg - n, "（请假 %d，缺席 %d）", leave, absent);
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

/* The sessions counted for one item, newest last as core gives them; Enter opens one. */
static void proofs_run(struct app *app, const struct std_item_result *r)
{
    int cur = 0, top = 0;
    char title[300];
    snprintf(title, sizeof title, "证明记录：%s（%d 条）", r->item->title, r->nproofs);
    for (;;) {
        int nvis = r->nproofs;
        draw_begin();
        if (app_draw_background(app)) {
            if (nvis > LINES - 10)
                nvis = LINES - 10;
            if (nvis < 1)
                nvis = 1;
            int w = COLS - 8 < 72 ? COLS - 8 : 72;
            struct rect box = {0, 0, nvis + 5, w};
            box.y = (LINES - box.h) / 2;
            box.x = (COLS - box.w) / 2;
            if (cur < top)
                top = cur;
            if (cur >= top + nvis)
                top = cur - nvis + 1;
            draw_box(box, title, ROLE_DIALOG);
            for (int i = 0; i < nvis && top + i < r->nproofs; i++) {
                const struct std_proof *p = &r->proofs[top + i];
                int role = top + i == cur ? ROLE_SELECTED : ROLE_DIALOG;
                int y = box.y + 2 + i, x = box.x + 2, iw = box.w - 4;
                draw_fill(y, x, iw, role);
                x += draw_text_pad(y, x, 10, p->date, role, 'l') + 2;
                draw_text_pad(y, x, iw - 12 - 12, p->title, role, 'l');
                draw_text_pad(y, box.x + 2 + iw - 10, 10, p->kind, role, 'r');
            }
            draw_text_pad(box.y + box.h - 2, box.x + 1, box.w - 2, "Enter 查看记录  Esc 返回", ROLE_DIALOG, 'c');
        }
        draw_end();
        wint_t ch;
        int k = app_read_key(app, &ch);
        if (app->quit_requested)
            return;
        if (k == ERR || draw_too_small())
            continue;
        if (k == KEY_CODE_YES) {
            switch (ch) {
            case KEY_UP: cur = cur > 0 ? cur - 1 : 0; break;
            case KEY_DOWN: cur = cur + 1 < r->nproofs ? cur + 1 : cur; break;
            case KEY_PPAGE: cur = cur > nvis ? cur - nvis : 0; break;
            case KEY_NPAGE: cur = cur + nvis < r->nproofs ? cur + nvis : r->nproofs - 1; break;
            case KEY_HOME: cur = 0; break;
            case KEY_END: cur = r->nproofs - 1; break;
            case KEY_ENTER: session_view(app, r->proofs[cur].id); break;
            case KEY_F(10): return;
            default: break;
            }
            continue;
        }
        if (ch == 27 || ch == 'q' || ch == 'Q')
            return;
        if (ch == '\n' || ch == '\r')
            session_view(app, r->proofs[cur].id);
        else if (ch == 16 || ch == 'k')
            cur = cur > 0 ? cur - 1 : 0;
        else if (ch == 14 || ch == 'j')
            cur = cur + 1 < r->nproofs ? cur + 1 : cur;
    }
}

/* ---- marks --------------------------------------------------------------- */

struct mark_ctx {
    struct app *app;
    const struct standard *std;
    const struct std_item *item;
};

static int mark_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct mark_ctx *ctx = vctx;
    int rc = standard_mark(ctx->app->db, ctx->std, ctx->item->id, &chk.period, chk.branch_id, form->fields[0].text,
                           false, err);
    if (!rc)
        app_mark_saved(ctx->app);
    return rc;
}

static const struct std_item_result *cursor_item(void)
{
    if (!chk.have_res || chk.cur < 0 || chk.cur >= chk.res.nitems)
        return NULL;
    return &chk.res.items[chk.cur];
}

static bool can_mark(struct app *app, const struct std_item_result *r)
{
    if (!r)
        return false;
    if (!markable(r->item)) {
        app_status(app, "“%s”由%s自动核验，不能手工标记", r->item->title, standard_evidence_name(r->item->evidence));
        return false;
    }
    return true;
}

static int mark_item(struct app *app)
{
    const struct std_item_result *r = cursor_item();
    if (!can_mark(app, r))
        return SCR_HANDLED;
    char label[32], title[300];
    period_label(&chk.period, label, sizeof label);
    snprintf(title, sizeof title, "%s：%s（%s）", r->marked ? "修改标记说明" : "标记完成", r->item->title, label);
    struct form_field f[1];
    memset(f, 0, sizeof f);
    f[0].id = "note";
    f[0].label = "说明";
    f[0].type = FIELD_TEXT;
    f[0].max = 250;
    snprintf(f[0].text, sizeof f[0].text, "%s", r->marked ? r->mark_note : "");
    struct mark_ctx ctx = {.app = app, .std = current_std(), .item = r->item};
    struct form form = {.title = title, .fields = f, .nfields = 1, .save = mark_save, .ctx = &ctx};
    if (!form_run(app, &form))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "已标记：%s", ctx.item->title);
    return SCR_HANDLED | SCR_RELOAD;
}

static int unmark_item(struct app *app)
{
    const struct std_item_result *r = cursor_item();
    if (!can_mark(app, r))
        return SCR_HANDLED;
    if (!r->marked) {
        app_status(app, "“%s”没有标记，无需撤销", r->item->title);
        return SCR_HANDLED;
    }
    char label[32], msg[600];
    period_label(&chk.period, label, sizeof label);
    snprintf(msg, sizeof msg, "撤销“%s”在%s的标记？\n标记记录仍留在台账里，条目恢复为待标记。", r->item->title, label);
    if (!dialog_confirm(app, "撤销标记", msg))
        return SCR_HANDLED | SCR_REDRAW;
    struct fx_error err;
    fx_clear(&err);
    const struct std_item *it = r->item;
    if (standard_mark(app->db, current_std(), it->id, &chk.period, chk.branch_id, NULL, true, &err)) {
        app_error(app, &err);
        return SCR_HANDLED | SCR_RELOAD;
    }
    app_mark_saved(app);
    app_status(app, "已撤销标记：%s", it->title);
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- export -------------------------------------------------------------- */

static void put_line(FILE *f, const char *indent, const char *s)
{
    char clean[2048];
    fprintf(f, "%s%s\n", indent, text_sanitize(clean, sizeof clean, s));
}

static void put_cell(FILE *f, const char *s, int cols, char align)
{
    char clean[1024], out[1024];
    text_sanitize(clean, sizeof clean, s);
    text_fit_pad(out, sizeof out, clean, cols, align);
    fputs(out, f);
}

static void export_items(FILE *f, const struct standard *std, const struct std_result *res)
{
    put_cell(f, "#", 4, 'r'), fputs("  ", f), put_cell(f, "状态", 10, 'l'), fputs("  ", f);
    put_cell(f, "条目", 32, 'l'), fputs("  ", f), put_cell(f, "依据", 4, 'l'), fputs("  ", f);
    put_cell(f, "完成/要求", 9, 'r');
    if (std->scored)
        fputs("  ", f), put_cell(f, "得分", 9, 'r');
    fputs("\n", f);
    for (int i = 0; i < res->nitems; i++) {
        const struct std_item_result *r = &res->items[i];
        const struct std_item *it = r->item;
        char s[1024], more[768];
        put_cell(f, it->id, 4, 'r'), fputs("  ", f);
        state_text(r, s, sizeof s);
        put_cell(f, s, 10, 'l'), fputs("  ", f);
        put_cell(f, it->title, 32, 'l'), fputs("  ", f);
        put_cell(f, standard_evidence_name(it->evidence), 4, 'l'), fputs("  ", f);
        snprintf(s, sizeof s, "%d/%d", r->found, r->required);
        put_cell(f, s, 9, 'r');
        if (std->scored) {
            snprintf(s, sizeof s, "%g/%g", r->points, it->points);
            fputs("  ", f), put_cell(f, s, 9, 'r');
        }
        fputs("\n", f);
        evidence_words(it, s, sizeof s);
        put_line(f, "        依据：", s);
        if (r->marked) {
            snprintf(s, sizeof s, "%s%s%s", r->mark_date, r->mark_note[0] ? "：" : "", r->mark_note);
            put_line(f, "        已标记 ", s);
        }
        if (it->evidence == STD_ROSTER && it->count != STD_COUNT_DIRECTORY) {
            snprintf(s, sizeof s, "%s %d 个，要求至少 %d 个", standard_count_name(it->count), r->found, r->required);
            put_line(f, "        名册：", s);
        }
        if (r->nshort && short_subs(r, true, more, sizeof more))
            put_line(f, "        缺：", more);
        for (int k = 0; k < r->nproofs; k++) {
            const struct std_proof *p = &r->proofs[k];
            snprintf(s, sizeof s, "#%lld  %s  %s（%s）", (long long)p->id, p->date, p->title, p->kind);
            put_line(f, "        证明：", s);
        }
    }
    fprintf(f, "\n合计：完成 %d/%d 项", res->done, res->nitems);
    if (std->scored) {
        fprintf(f, "；得分 %g/%g", res->score, res->max_score);
        if (has_star_table(std)) {
            char st[64];
            stars_text(res->stars, st, sizeof st);
            fprintf(f, "；%s %d 星", st, res->stars);
        }
    }
    fputs("\n", f);
}

static void export_table(FILE *f, const struct standard *std, const struct std_branch_summary *s)
{
    put_cell(f, "党组织", 24, 'l');
    for (int i = 0; i < std->nitems; i++)
        fputs(" ", f), put_cell(f, std->items[i].id, 4, 'r');
    fputs("  ", f), put_cell(f, "完成", 7, 'r');
    if (std->scored)
        fputs("  ", f), put_cell(f, "得分", 7, 'r'), fputs("  ", f), put_cell(f, "星级", 4, 'r');
    fputs("\n", f);
    for (int b = 0; b < s->n; b++) {
        const struct std_result *r = &s->results[b];
        char t[64];
        put_cell(f, s->branch_name[b], 24, 'l');
        for (int i = 0; i < r->nitems; i++)
            fputs(" ", f), put_cell(f, r->items[i].state == STD_DONE ? "✓" : "✗", 4, 'r');
        snprintf(t, sizeof t, "%d/%d", r->done, r->nitems);
        fputs("  ", f), put_cell(f, t, 7, 'r');
        if (std->scored) {
            snprintf(t, sizeof t, "%g", r->score);
            fputs("  ", f), put_cell(f, t, 7, 'r');
            snprintf(t, sizeof t, "%d", r->stars);
            fputs("  ", f), put_cell(f, t, 4, 'r');
        }
        fputs("\n", f);
    }
    fputs("\n", f);
    for (int i = 0; i < std->nitems; i++) {
        char t[300];
        snprintf(t, sizeof t, "%s  %s", std->items[i].id, std->items[i].title);
        put_line(f, "条目 ", t);
    }
    fprintf(f, "\n规范化率 %.1f%%（%d/%d 个党组织全部完成）", s->normal_rate * 100, s->all_done, s->n);
    if (has_star_table(std)) {
        fprintf(f, "；优良率 %.1f%%；", s->good_rate * 100);
        for (int k = 5; k >= 0; k--)
            fprintf(f, "%d 星 %d 个%s", k, s->at_stars[k], k ? "、" : "");
    }
    fputs("\n", f);
    /* The evidence behind each branch's ticks, for the inspection file. */
    for (int b = 0; b < s->n; b++) {
        fputs("\n", f);
        put_line(f, "党组织：", s->branch_name[b]);
        export_items(f, std, &s->results[b]);
    }
}

/* Where exports go: beside the PDFs the reports print, $XDG_DATA_HOME/fenxiao/print (0700). */
static int export_path(const struct standard *std, char *out, size_t n, struct fx_error *err)
{
    char dir[4096];
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    if (xdg && *xdg == '/')
        snprintf(dir, sizeof dir, "%s/fenxiao/print", xdg);
    else if (home && *home)
        snprintf(dir, sizeof dir, "%s/.local/share/fenxiao/print", home);
    else
        return fx_fail(err, FX_EFS, "没有 HOME 也没有 XDG_DATA_HOME，不知道把导出的清单放在哪里");
    int rc = paths_mkdir_p(dir, 0700, err);
    if (rc)
        return rc;
    /* The id is meant to be ASCII, but it came from a file: keep only what is safe in a name. */
    char id[64], period[16], stamp[32];
    size_t k = 0;
    for (const char *p = std->id; *p && k < sizeof id - 1; p++)
        id[k++] =
            (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ? *p : '_';
    id[k] = '\0';
    period_format(&chk.period, period, sizeof period);
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    int w = snprintf(out, n, "%s/check-%s-%s%s%lld-%s.txt", dir, id[0] ? id : "standard", period,
                     chk.branch_id ? "-b" : "", (long long)chk.branch_id, stamp);
    if (w < 0 || (size_t)w >= n)
        return fx_fail(err, FX_EFS, "导出文件的路径太长：%s", dir);
    if (!chk.branch_id) /* "-b0" says nothing: drop it */
        snprintf(out, n, "%s/check-%s-%s-%s.txt", dir, id[0] ? id : "standard", period, stamp);
    return 0;
}

static int export_text(struct app *app, const char *why);

/* F5: the unit's checklist as the reports print it (core/report_more.c → PDF),
 * so the paper in the inspection file is the 报表 page's; branch views, which
 * that report does not cover, and a PDF that cannot be made go to a text file. */
static int export_checklist(struct app *app)
{
    const struct standard *std = current_std();
    if (!std || chk.have_sum || chk.branch_id || !chk.have_res)
        return export_text(app, NULL);
    struct report *rep = calloc(1, sizeof *rep);
    char path[4096];
    struct fx_error err;
    fx_clear(&err);
    int rc = rep ? report_checklist(app->db, app->cfg, std, &chk.period, rep, &err)
                 : fx_fail(&err, FX_EINTERNAL, "内存不足");
    if (!rc)
        rc = render_print_path(rep, path, sizeof path, &err);
    if (!rc)
        rc = render_pdf(rep, path, &err);
    free(rep);
    if (rc)
        return export_text(app, err.msg);
    char msg[4400];
    snprintf(msg, sizeof msg, "清单和佐证已生成 PDF：\n%s\n（可以打印或归档；也可在「报表」页选“清单”打印）", path);
    dialog_message(app, "打印清单", msg);
    app_status(app, "PDF：%s", path);
    return SCR_HANDLED | SCR_REDRAW;
}

/* The checklist with its evidence as a text file; why says why not a PDF (NULL: no PDF for this view). */
static int export_text(struct app *app, const char *why)
{
    const struct standard *std = current_std();
    if (!std || (!chk.have_res && !chk.have_sum)) {
        app_status(app, "没有可以导出的清单");
        return SCR_HANDLED;
    }
    char path[4200];
    struct fx_error err;
    fx_clear(&err);
    if (export_path(std, path, sizeof path, &err)) {
        app_error(app, &err);
        return SCR_HANDLED | SCR_REDRAW;
    }
    FILE *f = render_open_file(path, &err);
    if (!f) {
        app_error(app, &err);
        return SCR_HANDLED | SCR_REDRAW;
    }
    char label[32], now[32], line[1024];
    period_label(&chk.period, label, sizeof label);
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%d %H:%M", &tm);
    put_line(f, "", std->title);
    if (std->source[0])
        put_line(f, "依据：", std->source);
    snprintf(line, sizeof line, "单位：%s    期间：%s%s%s    导出：%s", app->unit, label,
             chk.branch_id ? "    党组织：" : "", chk.branch_id ? chk.branch_name : "", now);
    put_line(f, "", line);
    fputs("\n", f);
    if (chk.have_sum)
        export_table(f, std, &chk.sum);
    else
        export_items(f, std, &chk.res);
    fputs("\n检查人：____________    日期：____________\n", f);
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0 || bad) {
        fx_fail(&err, FX_EFS, "写入 %s 失败（磁盘已满？）", path);
        app_error(app, &err);
        return SCR_HANDLED | SCR_REDRAW;
    }
    char msg[4400];
    snprintf(msg, sizeof msg, "%s%s%s清单和证明记录已导出到：\n%s\n（文字文件，可以打开后打印或归档）",
             why ? "未能生成 PDF：" : "", why ? why : "", why ? "\n" : "", path);
    dialog_message(app, "导出清单", msg);
    app_status(app, "已导出：%s", path);
    return SCR_HANDLED | SCR_REDRAW;
}

/* ---- choosing the standard ---------------------------------------------- */

struct pick_row {
    int idx;
};

struct pick_ctx {
    const struct std_list *l;
    char query[129];
};

static bool pick_match(const struct standard *s, const char *q)
{
    return pinyin_match(s->name, q) || pinyin_match(s->title, q) || pinyin_match(s->id, q);
}

static int pick_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct pick_ctx *ctx = vctx;
    struct pick_row *out = rows;
    int n = 0;
    for (int i = after ? ((const struct pick_row *)after)->idx + 1 : 0; i < ctx->l->n && n < max; i++)
        if (pick_match(&ctx->l->std[i], ctx->query))
            out[n++].idx = i;
    return n;
}

static void pick_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    struct pick_ctx *ctx = vctx;
    const struct standard *s = &ctx->l->std[((const struct pick_row *)row)->idx];
    if (col == 0)
        snprintf(out, outsz, "%s", s->name);
    else if (col == 1)
        snprintf(out, outsz, "%s%s", standard_period_name(s->period), s->scope == STD_SCOPE_BRANCH ? "·党组织" : "");
    else
        snprintf(out, outsz, "%s", s->title);
}

static void pick_query(void *vctx, const char *q)
{
    struct pick_ctx *ctx = vctx;
    snprintf(ctx->query, sizeof ctx->query, "%s", q);
}

static void choose(struct app *app, int idx)
{
    if (idx < 0 || idx >= chk.list.n)
        return;
    snprintf(chk.std_id, sizeof chk.std_id, "%s", chk.list.std[idx].id);
    chk.have_period = false;
    chk.branch_id = 0;
    chk.cur = chk.top = chk.bcur = chk.btop = chk.col0 = 0;
    (void)app;
}

static int pick_standard(struct app *app)
{
    static const struct table_col cols[] = {
        {"名称", 18, 'l'},
        {"期间", 10, 'l'},
        {"标准", 0, 'l'},
    };
    struct pick_ctx ctx = {.l = &chk.list};
    struct picker p = {
        .title = "选择标准",
        .hint = "输入名称或拼音首字母，如 bgy 找到八个一",
        .cols = cols,
        .ncols = 3,
        .src = {.row_size = sizeof(struct pick_row), .fetch = pick_fetch, .cell = pick_cell, .ctx = &ctx},
        .set_query = pick_query,
    };
    struct pick_row row;
    if (!picker_run(app, &p, &row))
        return SCR_HANDLED | SCR_REDRAW;
    choose(app, row.idx);
    return SCR_HANDLED | SCR_RELOAD;
}

static void show_file_errors(struct app *app)
{
    if (!chk.list.nerrors) {
        app_status(app, "所有标准文件都已读入");
        return;
    }
    char msg[4096];
    size_t n = (size_t)snprintf(msg, sizeof msg, "下列标准文件有误，已跳过（其余照常使用）：");
    for (int i = 0; i < chk.list.nerrors && n < sizeof msg; i++)
        n += (size_t)snprintf(msg + n, sizeof msg - n, "\n%s", chk.list.errors[i].msg);
    dialog_message(app, "标准文件有误", msg);
}

/* ---- keys ---------------------------------------------------------------- */

static int step_period(struct app *app, int delta)
{
    const struct standard *std = current_std();
    if (!std)
        return SCR_HANDLED;
    (void)app;
    period_step(&chk.period, delta);
    return SCR_HANDLED | SCR_RELOAD;
}

static int open_branch(struct app *app)
{
    if (chk.bcur < 0 || chk.bcur >= chk.sum.n)
        return SCR_HANDLED;
    chk.branch_id = chk.sum.branch_id[chk.bcur];
    snprintf(chk.branch_name, sizeof chk.branch_name, "%s", chk.sum.branch_name[chk.bcur]);
    chk.cur = chk.top = 0;
    (void)app;
    return SCR_HANDLED | SCR_RELOAD;
}

static int open_item(struct app *app)
{
    const struct std_item_result *r = cursor_item();
    if (!r)
        return SCR_HANDLED;
    if (r->nproofs) {
        proofs_run(app, r);
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (markable(r->item))
        return mark_item(app);
    if (r->item->evidence == STD_LEDGER)
        app_status(app, "本期台账中还没有能证明“%s”的记录", r->item->title);
    else
        app_status(app, "名册中%s %d 个，要求至少 %d 个（在「名册」页维护）", standard_count_name(r->item->count),
                   r->found, r->required);
    return SCR_HANDLED;
}

static int cursor_move(int *cur, int n, int is_key, wint_t ch)
{
    int c = *cur;
    if (is_key) {
        switch (ch) {
        case KEY_UP: c--; break;
        case KEY_DOWN: c++; break;
        case KEY_HOME: c = 0; break;
        case KEY_END: c = n - 1; break;
        default: return 0;
        }
    } else if (ch == 16 || ch == 'k') {
        c--;
    } else if (ch == 14 || ch == 'j') {
        c++;
    } else {
        return 0;
    }
    if (c >= n)
        c = n - 1;
    if (c < 0)
        c = 0;
    *cur = c;
    return 1;
}

static int check_key(struct app *app, int action, int is_key, wint_t ch)
{
    switch (action) {
    case ACT_PRINT: return export_checklist(app);
    case ACT_FIND: return chk.list.n ? pick_standard(app) : SCR_HANDLED;
    case ACT_EDIT: return chk.have_res ? mark_item(app) : SCR_HANDLED;
    case ACT_VOID: return chk.have_res ? unmark_item(app) : SCR_HANDLED;
    case ACT_NEW: app_status(app, "新的培训记录请在「台账」页录入（按 2）"); return SCR_HANDLED;
    default: break;
    }
    if (is_key) {
        switch (ch) {
        case KEY_PPAGE: return step_period(app, -1);
        case KEY_NPAGE: return step_period(app, +1);
        case KEY_LEFT:
            if (chk.have_sum && chk.col0 > 0)
                chk.col0--;
            return SCR_HANDLED;
        case KEY_RIGHT:
            if (chk.have_sum)
                chk.col0++; /* clamped when drawn */
            return SCR_HANDLED;
        case KEY_ENTER: break;
        case KEY_BACKSPACE:
            if (chk.branch_id) {
                chk.branch_id = 0;
                return SCR_HANDLED | SCR_RELOAD;
            }
            return SCR_UNHANDLED;
        default:
            if (chk.have_sum && cursor_move(&chk.bcur, chk.sum.n, is_key, ch))
                return SCR_HANDLED;
            if (chk.have_res && cursor_move(&chk.cur, chk.res.nitems, is_key, ch))
                return SCR_HANDLED;
            return SCR_UNHANDLED;
        }
    }
    if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r'))) {
        if (chk.have_sum)
            return open_branch(app);
        return open_item(app);
    }
    if (is_key)
        return SCR_UNHANDLED;
    switch (ch) {
    case 27:
        if (chk.branch_id) {
            chk.branch_id = 0;
            return SCR_HANDLED | SCR_RELOAD;
        }
        return SCR_UNHANDLED;
    case '[': return step_period(app, -1);
    case ']': return step_period(app, +1);
    case 's':
    case 'S': {
        if (!chk.list.n)
            return SCR_HANDLED;
        int i = current_index();
        choose(app, (i + (ch == 's' ? 1 : chk.list.n - 1)) % chk.list.n);
        return SCR_HANDLED | SCR_RELOAD;
    }
    case 'm':
    case 'M': {
        const struct std_item_result *r = cursor_item();
        if (!r)
            return SCR_HANDLED;
        /* m toggles: a marked item asks before the mark is withdrawn. */
        return r->marked ? unmark_item(app) : mark_item(app);
    }
    case 'u':
    case 'U': return chk.have_res ? unmark_item(app) : SCR_HANDLED;
    case '!': show_file_errors(app); return SCR_HANDLED | SCR_REDRAW;
    case 'r':
    case 'R': app_status(app, "已刷新"); return SCR_HANDLED | SCR_RELOAD;
    default: break;
    }
    if (chk.have_sum && cursor_move(&chk.bcur, chk.sum.n, is_key, ch))
        return SCR_HANDLED;
    if (chk.have_res && cursor_move(&chk.cur, chk.res.nitems, is_key, ch))
        return SCR_HANDLED;
    return SCR_UNHANDLED;
}

static int check_click(struct app *app, struct rect body, int y, int x)
{
    (void)body;
    (void)x;
    int row = y - chk.list_y;
    if (row < 0 || row >= chk.list_rows)
        return SCR_HANDLED;
    if (chk.have_sum) {
        int i = chk.btop + row;
        if (i >= chk.sum.n)
            return SCR_HANDLED;
        if (i == chk.bcur)
            return open_branch(app);
        chk.bcur = i;
    } else if (chk.have_res) {
        int i = chk.top + row;
        if (i >= chk.res.nitems)
            return SCR_HANDLED;
        if (i == chk.cur)
            return open_item(app);
        chk.cur = i;
    }
    return SCR_HANDLED;
}

const struct screen_ops screen_check_ops = {
    .name = "清单",
    .actions = ACT_BIT(ACT_EDIT) | ACT_BIT(ACT_PRINT) | ACT_BIT(ACT_FIND) | ACT_BIT(ACT_VOID),
    .enter = check_enter,
    .leave = check_leave,
    .draw = check_draw,
    .key = check_key,
    .click = check_click,
    .keys = "  Enter  证明记录，再按 Enter 打开\n"
            "  m  标记    u/F8  撤销    e/F4  改说明\n"
            "  s S  换标准    [ ] PgUp PgDn  换期间\n"
            "  !  列出有错误的标准文件",
};
