/* screen_check.c — 清单: one standard's items for a period, their state and proofs, evaluated live
 * by core/standard.c as `fenxiao check` prints it; items and marks in check_items.c, export in check_export.c. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "check_views.h"
#include "cli.h"
#include "dialog.h"
#include "paths.h"
#include "picker.h"
#include "pinyin.h"
#include "screen.h"
#include "standard.h"
#include "text.h"

#define DEFAULT_STANDARD "bageyi"

static struct check_state chk;

static const struct keymap check_failed_keys;
static const struct keymap *check_keys_now(struct app *app);

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
    chk.table = standard_by_branches(app->db, std, chk.branch_id);
    fx_clear(&chk.err);
    if (chk.table) {
        if (standard_evaluate_branches(app->db, std, &chk.period, today, &chk.sum, &chk.err))
            chk.failed = true;
        else
            chk.have_sum = true;
    } else {
        /* Without the attachments' names: the screen shows none, and a county's year has thousands of proofs
         * (the text export evaluates again with them). */
        if (standard_evaluate_brief(app->db, std, &chk.period, chk.branch_id, today, &chk.res, &chk.err))
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
        if (standard_has_stars(std) && len < sizeof line) {
            char st[64];
            standard_stars_text(chk.res.stars, st, sizeof st);
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

/* Branches × items: ✓/✗ per item, the branch's completion, score and stars. */
static void draw_table(struct rect b, const struct standard *std)
{
    const struct std_branch_summary *s = &chk.sum;
    bool stars = standard_has_stars(std);
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
    chk.cols_hidden = fit < std->nitems;

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
    struct std_rates_text rates;
    standard_rates_text(std, s, &rates);
    text_format(t, sizeof t, "%s%s%s", rates.normal, rates.has_stars ? "  " : "", rates.good);
    draw_fill(y, b.x, b.w, ROLE_HEADER);
    draw_text(y, b.x + 1, b.w - 2, t, ROLE_HEADER);
    int line = 1;
    if (stars) {
        size_t len = 0;
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
        if (std) {
            char hint[256];
            keys_hint(&check_failed_keys, 0, hint, sizeof hint);
            draw_text(b.y + b.h - 1, b.x + 1, b.w - 2, hint, ROLE_DIM);
        }
        return;
    }
    draw_head(app, b, std);
    if (chk.have_sum)
        draw_table(b, std);
    else
        check_draw_items(&chk, b, std);
    char hint[256];
    keys_hint(check_keys_now(app), 0, hint, sizeof hint);
    draw_text(b.y + b.h - 1, b.x + 1, b.w - 2, hint, ROLE_DIM);
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
    const struct std_item_result *r = check_cursor_item(&chk);
    if (!r)
        return SCR_HANDLED;
    if (r->nproofs) {
        /* The brief evaluation titled the first proof only: the list shows them all. */
        struct fx_error err;
        fx_clear(&err);
        if (standard_proof_titles(app->db, &chk.res.items[r - chk.res.items], &err)) {
            app_error(app, &err);
            return SCR_HANDLED | SCR_REDRAW;
        }
        check_proofs_run(app, r);
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (check_markable(r->item))
        return check_mark_item(app, &chk, current_std());
    if (r->item->evidence == STD_LEDGER)
        app_status(app, "本期台账中还没有能证明“%s”的记录", r->item->title);
    else
        app_status(app, "名册中%s %d 个，要求至少 %d 个（在「名册」页维护）", standard_count_name(r->item->count),
                   r->found, r->required);
    return SCR_HANDLED;
}

static int cursor_move(int *cur, int n, int key)
{
    int c = *cur;
    if (key == FXK_UP || key == FXK_CTRL('p') || key == 'k')
        c--;
    else if (key == FXK_DOWN || key == FXK_CTRL('n') || key == 'j')
        c++;
    else if (key == FXK_HOME)
        c = 0;
    else if (key == FXK_END)
        c = n - 1;
    else
        return 0;
    if (c >= n)
        c = n - 1;
    if (c < 0)
        c = 0;
    *cur = c;
    return 1;
}

enum {
    CHECK_OPEN = ACT_LOCAL, /* Enter: an item's proofs, or a branch's items */
    CHECK_PREV_PERIOD,
    CHECK_NEXT_PERIOD,
    CHECK_NEXT_STD,
    CHECK_PREV_STD,
    CHECK_MARK,
    CHECK_UNMARK,
    CHECK_ERRORS,
    CHECK_COLUMNS, /* → ← move the table of branches across its items */
    CHECK_BRANCHES /* back from a branch to the table of branches */
};

static int check_key(struct app *app, int action, int is_key, wint_t ch)
{
    int key = keys_join(is_key, ch);
    switch (action) {
    case ACT_PRINT: return check_export(app, &chk, current_std());
    case ACT_FIND: return chk.list.n ? pick_standard(app) : SCR_HANDLED;
    case ACT_EDIT: return check_mark_item(app, &chk, current_std());
    case ACT_VOID:
    case CHECK_UNMARK: return check_unmark_item(app, &chk, current_std());
    case CHECK_PREV_PERIOD: return step_period(app, -1);
    case CHECK_NEXT_PERIOD: return step_period(app, +1);
    case CHECK_COLUMNS:
        if (key == FXK_RIGHT)
            chk.col0++; /* clamped when drawn */
        else if (chk.col0 > 0)
            chk.col0--;
        return SCR_HANDLED;
    case CHECK_BRANCHES: chk.branch_id = 0; return SCR_HANDLED | SCR_RELOAD;
    case CHECK_OPEN: return chk.have_sum ? open_branch(app) : open_item(app);
    case CHECK_NEXT_STD:
    case CHECK_PREV_STD: {
        if (!chk.list.n)
            return SCR_HANDLED;
        int i = current_index();
        choose(app, (i + (action == CHECK_NEXT_STD ? 1 : chk.list.n - 1)) % chk.list.n);
        return SCR_HANDLED | SCR_RELOAD;
    }
    case CHECK_MARK: {
        const struct std_item_result *r = check_cursor_item(&chk);
        if (!r)
            return SCR_HANDLED;
        /* m toggles: a marked item asks before the mark is withdrawn. */
        return r->marked ? check_unmark_item(app, &chk, current_std()) : check_mark_item(app, &chk, current_std());
    }
    case CHECK_ERRORS: show_file_errors(app); return SCR_HANDLED | SCR_REDRAW;
    case ACT_REFRESH: app_status(app, "已刷新"); return SCR_HANDLED | SCR_RELOAD;
    case ACT_MOVE:
        if (chk.have_sum)
            cursor_move(&chk.bcur, chk.sum.n, key);
        else if (chk.have_res)
            cursor_move(&chk.cur, chk.res.nitems, key);
        return SCR_HANDLED;
    default: return SCR_UNHANDLED;
    }
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

/* What every state of the screen has: another standard, another period, the files with errors. */
#define CHECK_COMMON_KEYS(X)                                                                                           \
    X(FXK_F(7), '/', ACT_FIND, "选标准", "选择标准：名称或拼音首字母（bgy 找到八个一）")                               \
    X('s', 0, CHECK_NEXT_STD, "换标准", "下一个标准")                                                                  \
    X('S', 0, CHECK_PREV_STD, NULL, "上一个标准")                                                                      \
    X('[', FXK_PGUP, CHECK_PREV_PERIOD, "换期间", "上一期")                                                            \
    X(']', FXK_PGDN, CHECK_NEXT_PERIOD, "换期间", "下一期")                                                            \
    X('!', 0, CHECK_ERRORS, NULL, "列出有错误、被跳过的标准文件")                                                      \
    X('r', 'R', ACT_REFRESH, "刷新", "重新核验")
FX_KEYMAP(static, check_failed_keys, "清单：标准读不出时", CHECK_COMMON_KEYS, screen_keys_frame_also);

/* A standard checked over the whole unit (or one branch): its items. */
#define CHECK_ITEM_KEYS(X)                                                                                             \
    X(FXK_ENTER, 0, CHECK_OPEN, "证明记录", "证明这一项的培训记录（再按 Enter 打开一条）；要手工标记的项目：标记")     \
    X('m', 'M', CHECK_MARK, "标记", "标记完成并写说明；已标记的：撤销标记")                                            \
    X(FXK_F(8), 'u', CHECK_UNMARK, "撤销", "撤销手工标记（标记记录仍留在台账里）")                                     \
    X(FXK_F(4), 'e', ACT_EDIT, "改说明", "标记完成，或修改标记的说明")                                                 \
    X(FXK_F(5), 'p', ACT_PRINT, "导出", "导出本页：报表页的 PDF，不成就存文本文件")                                    \
    X('j', 'k', ACT_MOVE, NULL, "j 下移，k 上移（同 ↓ ↑）")                                                            \
    X(FXK_ROWS, 0, ACT_MOVE, NULL, "移动光标：↑ ↓ 一行，Home End 到头到尾")
static const struct keymap *const check_item_also[] = {&check_failed_keys, NULL};
FX_KEYMAP(static, check_item_keys, "清单", CHECK_ITEM_KEYS, check_item_also);

/* Inside one branch of a branch standard: back to the table. */
#define CHECK_BRANCH_KEYS(X) X(FXK_ESC, FXK_BACKSPACE, CHECK_BRANCHES, NULL, "回到各党组织的表")
static const struct keymap *const check_branch_also[] = {&check_item_keys, NULL};
FX_KEYMAP(static, check_branch_keys, "清单：一个党组织", CHECK_BRANCH_KEYS, check_branch_also);

/* A branch standard over every branch: the table of branches × items. */
#define CHECK_TABLE_KEYS(X)                                                                                            \
    X(FXK_ENTER, 0, CHECK_OPEN, "看该党组织", "光标所在党组织的各项")                                                  \
    X(FXK_F(5), 'p', ACT_PRINT, "导出", "导出本页：报表页的 PDF，不成就存文本文件")                                    \
    X('j', 'k', ACT_MOVE, NULL, "j 下移，k 上移（同 ↓ ↑）")                                                            \
    X(FXK_ROWS, 0, ACT_MOVE, NULL, "移动光标：↑ ↓ 一行，Home End 到头到尾")
FX_KEYMAP(static, check_table_keys, "清单：各党组织", CHECK_TABLE_KEYS, check_item_also);

/* …with more items than fit across: → ← move it. */
#define CHECK_WIDE_KEYS(X) X(FXK_RIGHT, FXK_LEFT, CHECK_COLUMNS, "其他条目", "表往右移、往左移，看其他条目")
static const struct keymap *const check_wide_also[] = {&check_table_keys, NULL};
FX_KEYMAP(static, check_wide_keys, "清单：各党组织（条目多时）", CHECK_WIDE_KEYS, check_wide_also);
static const struct keymap *const check_more_keys[] = {&check_branch_keys, &check_table_keys, &check_wide_keys,
                                                       &check_failed_keys, NULL};

static const struct keymap *check_keys_now(struct app *app)
{
    (void)app;
    if (chk.failed || !current_std())
        return &check_failed_keys;
    if (chk.have_sum)
        return chk.cols_hidden ? &check_wide_keys : &check_table_keys;
    return chk.branch_id ? &check_branch_keys : &check_item_keys;
}

const struct screen_ops screen_check_ops = {
    .name = "清单",
    .keys = &check_item_keys,
    .keys_now = check_keys_now,
    .more_keys = check_more_keys,
    .enter = check_enter,
    .leave = check_leave,
    .draw = check_draw,
    .key = check_key,
    .click = check_click,
};
