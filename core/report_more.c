/* report_more.c — builds the directory (通讯录), checklist-with-evidence and county
 * report models; their rows are read again from the ledger each time they are rendered. */
#include "report_more.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "plan.h"
#include "paths.h"
#include "report_internal.h"
#include "store.h"
#include "text.h"

/* ---- 通讯录 ----------------------------------------------------------------- */

/* Leaders by 职务 head their branch, as a printed directory is read: secretary first, then the
 * committee, then the rest. Only party members on today's roster (正式党员, 预备党员), as its heading
 * says: 入党积极分子 and 发展对象 are not in it. */
#define SQL_LEADER_ORDER "CASE m.post WHEN '书记' THEN 1 WHEN '班子成员' THEN 2 ELSE 1000000 END"
#define SQL_DIRECTORY_FROM                                                                                             \
    "FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.active = 1 AND m.category IN ("                         \
    REGISTER_MEMBER_CATEGORIES ") AND b.active = 1 AND (?1 = 0 OR b.id = ?1) "
#define SQL_DIRECTORY_ROWS                                                                                             \
    "SELECT b.name, m.name, m.gender, m.post, m.phone " SQL_DIRECTORY_FROM "ORDER BY b.name, b.id, " SQL_LEADER_ORDER  \
    ", m.name, m.id LIMIT ?3 OFFSET ?4"
#define SQL_DIRECTORY_COUNT                                                                                            \
    "SELECT count(*), count(DISTINCT b.id), ifnull(sum(trim(m.phone) <> ''), 0) " SQL_DIRECTORY_FROM

static void fill_directory(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)rep;
    report_put_int(r, 0, seq);
    for (int i = 0; i < 5; i++)
        report_put_text(r, i + 1, report_col_text(st, i));
}

int report_directory_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                          struct fx_error *err)
{
    const struct report_directory_params *d = &rep->params.directory;
    sqlite3_stmt *st;
    if (store_prepare(rep->db, SQL_DIRECTORY_ROWS, &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, d->branch_id);
    sqlite3_bind_int64(st, 3, limit < 0 ? -1 : limit);
    sqlite3_bind_int64(st, 4, offset);
    return report_stream(rep, st, offset, fill_directory, fn, ctx, "读取通讯录", err);
}

int report_directory(sqlite3 *db, const struct fx_config *cfg, int64_t branch_id, struct report *rep,
                     struct fx_error *err)
{
    report_begin(db, cfg, REPORT_DIRECTORY, rep);
    struct fx_config defaults;
    rep->params.directory.branch_id = branch_id;
    snprintf(rep->params.directory.leader_roles, sizeof rep->params.directory.leader_roles, "%s",
             report_config(cfg, &defaults)->leader_roles);
    char branch[201] = "";
    sqlite3_stmt *st;
    if (branch_id) {
        if (store_prepare(db, "SELECT name FROM branch WHERE id = ?1", &st, err))
            return FX_EINTERNAL;
        sqlite3_bind_int64(st, 1, branch_id);
        int s = sqlite3_step(st);
        if (s == SQLITE_ROW)
            snprintf(branch, sizeof branch, "%s", report_col_text(st, 0));
        sqlite3_finalize(st);
        if (s != SQLITE_ROW)
            return s == SQLITE_DONE ? fx_fail(err, FX_ENOTFOUND, "没有编号为 %lld 的党组织", (long long)branch_id)
                                    : store_fail(db, s, err, "读取党组织");
    }
    /* A directory has no period: it is the roster as of the day it is made. */
    snprintf(rep->title, sizeof rep->title, "%s党员通讯录", branch);
    snprintf(rep->period_label, sizeof rep->period_label, "截至 %s", rep->made);
    if (branch_id)
        snprintf(rep->slug, sizeof rep->slug, "directory-%lld", (long long)branch_id);
    else
        snprintf(rep->slug, sizeof rep->slug, "directory");
    snprintf(rep->sheet, sizeof rep->sheet, "通讯录");
    report_add_col(rep, "序号", 'r', 4);
    report_add_col(rep, "党组织", 'l', 24);
    report_add_col(rep, "姓名", 'l', 8);
    report_add_col(rep, "性别", 'l', 4);
    report_add_col(rep, "职务", 'l', 10);
    report_add_col(rep, "联系电话", 'l', 13);

    if (store_prepare(db, SQL_DIRECTORY_COUNT, &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, branch_id);
    int s = sqlite3_step(st);
    int64_t members = 0, branches = 0, phones = 0;
    if (s == SQLITE_ROW) {
        members = sqlite3_column_int64(st, 0);
        branches = sqlite3_column_int64(st, 1);
        phones = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    if (s != SQLITE_ROW)
        return store_fail(db, s, err, "统计通讯录");
    rep->nrows = members;
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, 0, "合计");
    report_put_textf(t, 1, "%lld 个党组织", (long long)branches);
    report_put_textf(t, 2, "%lld 人", (long long)members);
    report_add_figure_int(rep, "党组织", branches, "个");
    report_add_figure_int(rep, "党员", members, "人");
    report_add_figure_int(rep, "未登记电话", members - phones, "人");
    report_add_note(rep, "按党组织分组，每个党组织内先列书记和班子成员；只列在册党员（正式党员、预备党员），不含入党积极分子和发展对象。");
    report_add_note(rep, "本通讯录含个人电话，仅供分校工作联系使用，请妥善保管，不得外传或用于其他用途。");
    /* The checklist cannot see paper: item 2 of “八个一” is proved by a mark once it is handed out. The paper
     * says so in words (the command line prints its own hint when it writes the file). */
    report_add_note(rep, "印发后，请在分校台账的“清单”页把“八个一”第2项标记为完成，并写明印发日期和份数。");
    return 0;
}

/* ---- the checklist with its evidence -------------------------------------- */

/* Rows an item takes: itself, and one more for each proving session after the first. */
static int64_t item_rows(const struct std_item_result *r)
{
    return r->nproofs > 1 ? r->nproofs : 1;
}

/* "Q3、Q4（进行中）": the sub-periods already begun and still short; those
 * still to come are not missing yet. */
static void short_subs(const struct report *rep, const struct std_item_result *r, char *out, size_t outsz)
{
    out[0] = '\0';
    for (int i = 0; i < r->nsubs; i++) {
        const struct std_sub *s = &r->subs[i];
        if (s->found >= s->required || strcmp(s->from, rep->made) > 0)
            continue;
        char label[32];
        standard_sub_label(s->label, rep->period.year, label, sizeof label);
        size_t len = strlen(out);
        snprintf(out + len, outsz - len, "%s%s%s", len ? "、" : "", label, s->ended ? "" : "（进行中）");
    }
}

/* The evidence column's text: what proves the item, and the attachments that go with it (issue 17). */
static void put_evidence(struct report_row *row, const char *what, const char *files)
{
    char text[REPORT_CELL_LEN];
    if (files[0])
        text_format(text, sizeof text, "%s（附件：%s）", what, files);
    else
        text_copy(text, sizeof text, what);
    report_put_text(row, 7, text);
}

static void fill_item(const struct report *rep, int n, const struct std_item_result *r, struct report_row *row)
{
    const struct std_item *it = r->item;
    report_put_int(row, 0, n);
    report_put_text(row, 1, it->title);
    report_put_text(row, 2, standard_state_name(r->state));
    report_put_int(row, 3, r->found);
    report_put_int(row, 4, r->required);
    char subs[REPORT_CELL_LEN];
    short_subs(rep, r, subs, sizeof subs);
    report_put_text(row, 5, subs);
    /* The evidence column: the first proving session, else what proves it instead. */
    if (r->nproofs > 0) {
        report_put_text(row, 6, r->proofs[0].date);
        put_evidence(row, r->proofs[0].title, r->proofs[0].files);
    } else if (r->marked) {
        report_put_text(row, 6, r->mark_date);
        char what[REPORT_CELL_LEN];
        text_format(what, sizeof what, "标记：%s", r->mark_note);
        put_evidence(row, what, r->mark_files);
    } else if (it->evidence == STD_ROSTER && it->count != STD_COUNT_DIRECTORY) {
        report_put_textf(row, 7, "名册：%s %d 个", standard_count_name(it->count), r->found);
    } else if (it->evidence == STD_FUNDS) {
        char text[REPORT_CELL_LEN];
        standard_requirement_text(r, text, sizeof text);
        report_put_text(row, 7, text);
    } else if (it->hint[0]) {
        report_put_textf(row, 7, "（%s）", it->hint);
    }
}

static int evaluate_source(const struct report *rep, struct standard *std, struct std_result *res, struct fx_error *err)
{
    memset(std, 0, sizeof *std);
    memset(res, 0, sizeof *res);
    int rc = standard_load(rep->params.standard.source, std, err);
    if (rc)
        return rc;
    if ((rc = standard_evaluate_at(rep->db, std, &rep->period, 0, rep->made, res, err)) != 0)
        standard_free(std);
    return rc;
}

int report_checklist_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                          struct fx_error *err)
{
    struct standard std;
    struct std_result res;
    int rc = evaluate_source(rep, &std, &res, err);
    if (rc)
        return rc;
    struct report_row *row = malloc(sizeof *row);
    if (!row) {
        standard_result_free(&res);
        standard_free(&std);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    int64_t line = 0, end = limit < 0 ? INT64_MAX : offset + limit;
    for (int i = 0; i < res.nitems && line < end && !rc; i++) {
        const struct std_item_result *r = &res.items[i];
        for (int64_t k = 0; k < item_rows(r) && line < end && !rc; k++, line++) {
            if (line < offset)
                continue;
            report_row_clear(rep, row);
            if (k == 0) {
                fill_item(rep, i + 1, r, row);
            } else {
                report_put_text(row, 6, r->proofs[k].date);
                put_evidence(row, r->proofs[k].title, r->proofs[k].files);
            }
            rc = fn(row, ctx);
        }
    }
    free(row);
    standard_result_free(&res);
    standard_free(&std);
    return rc;
}

int report_checklist(sqlite3 *db, const struct fx_config *cfg, const struct standard *std, const struct fx_period *p,
                     struct report *rep, struct fx_error *err)
{
    if (p->kind != std->period) {
        struct fx_period eg;
        standard_current_period(std, &eg);
        char canon[16];
        period_format(&eg, canon, sizeof canon);
        return fx_fail_field(err, FX_EINPUT, "period", "“%s”按%s检查，期间应形如 %s", std->name,
                             standard_period_name(std->period), canon);
    }
    if (!std->path[0])
        return fx_fail(err, FX_EINTERNAL, "标准“%s”没有文件路径，无法生成报表", std->name);
    report_begin(db, cfg, REPORT_CHECKLIST, rep);
    text_copy(rep->params.standard.source, sizeof rep->params.standard.source, std->path);
    char what[128], slug[64];
    snprintf(what, sizeof what, "“%s”核验表（附佐证）", std->name);
    text_format(slug, sizeof slug, "checklist-%s", std->id);
    report_set_period(rep, p, what, slug);
    /* Widths are also the PDF's proportions: a two-character head needs 5. */
    report_add_col(rep, "序号", 'r', 5);
    report_add_col(rep, "项目", 'l', 18);
    report_add_col(rep, "状态", 'l', 6);
    report_add_col(rep, "已有", 'r', 5);
    report_add_col(rep, "要求", 'r', 5);
    report_add_col(rep, "未完成时段", 'l', 12);
    report_add_col(rep, "佐证日期", 'l', 10);
    report_add_col(rep, "佐证内容", 'l', 22);

    struct standard again;
    struct std_result res;
    int rc = evaluate_source(rep, &again, &res, err);
    if (rc)
        return rc;
    int overdue = 0, marks = 0;
    rep->nrows = 0;
    for (int i = 0; i < res.nitems; i++) {
        rep->nrows += item_rows(&res.items[i]);
        overdue += res.items[i].state == STD_OVERDUE;
        marks += res.items[i].state == STD_NEEDS_MARK;
    }
    rep->has_totals = true;
    struct report_row *t = &rep->totals;
    report_row_clear(rep, t);
    report_put_text(t, 0, "合计");
    report_put_textf(t, 1, "完成 %d/%d 项", res.done, res.nitems);
    report_add_figure_int(rep, "项目", res.nitems, "项");
    report_add_figure_int(rep, "已完成", res.done, "项");
    report_add_figure_int(rep, "未完成", res.nitems - res.done, "项");
    report_add_figure_int(rep, "其中逾期", overdue, "项");
    report_add_figure_int(rep, "待标记", marks, "项");
    if (again.scored) {
        struct report_cell *c = report_add_figure(rep, "得分", NULL);
        if (c) {
            c->type = CELL_TEXT;
            snprintf(c->text, sizeof c->text, "%g/%g", res.score, res.max_score);
        }
        if (res.stars > 0)
            report_add_figure_int(rep, "星级", res.stars, "星");
    }
    if (again.source[0])
        report_add_note(rep, "依据：%s", again.source);
    if (again.note[0])
        report_add_note(rep, "%s", again.note);
    report_add_note(rep, "状态：完成 = 数量已够且每个时段都有；部分 = 已有但不够；缺 = 一项也没有；"
                         "逾期 = 已经过去的时段不足；待标记 = 须手工标记并写明依据的项目尚未标记。");
    report_add_note(rep, "佐证为台账中未作废的培训记录（按日期），或手工标记的日期和说明，括号内是归档的附件；"
                         "状态按制表日期 %s 判断。",
                    rep->made);
    standard_result_free(&res);
    standard_free(&again);
    return 0;
}

/* ---- the county report ---------------------------------------------------- */

/* The checklist column is the standard in the report's source (empty: no column),
 * evaluated per township over the period of the standard's own kind that
 * contains the report's period: a yearly standard asked in March is the
 * year so far, which is what each township's `fenxiao check` says. */
#define COUNTY_STD_ID  "bageyi"
#define COUNTY_STD_COL 9

/* The standard of the checklist column, when the report has one. */
struct county_std {
    struct standard std; /* loaded from the report's source when it is set */
    bool have;
    struct fx_period sp; /* the standard's period */
};

/* The period of std's kind containing p's first day; false when p runs past it
 * (a report longer than the standard's period has no single answer). */
static bool std_period_containing(const struct standard *std, const struct fx_period *p, struct fx_period *sp)
{
    int month = atoi(p->from + 5);
    int index = std->period == PERIOD_HALF      ? (month - 1) / 6 + 1
                : std->period == PERIOD_QUARTER ? (month - 1) / 3 + 1
                : std->period == PERIOD_MONTH   ? month
                                                : 0;
    period_make(std->period, p->year, index, sp);
    return strcmp(sp->to, p->to) >= 0;
}

static int county_open_std(const struct report *rep, struct county_std *cs, struct fx_error *err)
{
    const char *source = rep->params.standard.source;
    memset(cs, 0, sizeof *cs);
    if (!source[0])
        return 0;
    int rc = standard_load(source, &cs->std, err);
    if (rc)
        return rc;
    cs->have = true;
    std_period_containing(&cs->std, &rep->period, &cs->sp);
    return 0;
}

static void county_close_std(struct county_std *cs)
{
    if (cs->have)
        standard_free(&cs->std);
    cs->have = false;
}

/* The townships of the report in unit order: each one's figures from one summary of the period. */
struct county_units {
    struct report_county_unit *u;
    int n, cap;
    bool no_memory;
};

static int county_collect(void *ctx, const struct merge_unit_row *r)
{
    struct county_units *g = ctx;
    if (g->n == g->cap) {
        int cap = g->cap ? g->cap * 2 : 32;
        struct report_county_unit *nu = realloc(g->u, (size_t)cap * sizeof *nu);
        if (!nu) {
            g->no_memory = true;
            return -1;
        }
        g->u = nu;
        g->cap = cap;
    }
    memset(&g->u[g->n], 0, sizeof g->u[0]);
    g->u[g->n++].row = *r;
    return 0;
}

/* "x/8" for townships [from, to) of g: only each one's own sessions, roster and marks count, and the
 * period's sessions are read once for all of them (standard_evaluate_units_at). */
static int county_checklists(const struct report *rep, const struct county_std *cs, struct county_units *g,
                             int from, int to, struct fx_error *err)
{
    if (!cs->have || to <= from)
        return 0;
    int n = to - from;
    int64_t *ids = malloc((size_t)n * sizeof *ids);
    struct std_result *res = calloc((size_t)n, sizeof *res);
    int rc = ids && res ? 0 : fx_fail(err, FX_EINTERNAL, "内存不足");
    for (int i = 0; !rc && i < n; i++)
        ids[i] = g->u[from + i].row.unit_id;
    if (!rc)
        rc = standard_evaluate_units_at(rep->db, &cs->std, &cs->sp, ids, n, rep->made, res, err);
    for (int i = 0; !rc && i < n; i++) {
        g->u[from + i].done = res[i].done;
        g->u[from + i].nitems = res[i].nitems;
        standard_result_free(&res[i]);
    }
    free(ids);
    free(res);
    return rc;
}

/* The 年度计划 column (before 经费支出) of townships [from, to): each one's plan items of the period's year done
 * (a live session linked) of those planned, as plan_progress_unit counts them as of the period's end or the day
 * made, whichever is first. */
static int county_plans(const struct report *rep, struct county_units *g, int from, int to, struct fx_error *err)
{
    const char *as_of = strcmp(rep->period.to, rep->made) < 0 ? rep->period.to : rep->made;
    for (int i = from; i < to; i++) {
        struct plan_progress pp;
        int rc = plan_progress_unit(rep->db, atoi(rep->period.from), g->u[i].row.unit_id, as_of, &pp, err);
        if (rc)
            return rc;
        g->u[i].plan_done = pp.month[0].done;
        g->u[i].plan_planned = pp.month[0].planned;
        plan_progress_free(&pp);
    }
    return 0;
}

/* Every township of the period, with the checklist count and the plan of those of index [from, to). */
static int county_read(const struct report *rep, const struct county_std *cs, int from, int to,
                       struct county_units *g, struct fx_error *err)
{
    memset(g, 0, sizeof *g);
    int rc = merge_unit_summary(rep->db, &rep->period, county_collect, g, err);
    if (g->no_memory)
        rc = fx_fail(err, FX_EINTERNAL, "内存不足");
    if (to > g->n)
        to = g->n;
    if (!rc)
        rc = county_checklists(rep, cs, g, from, to, err);
    if (!rc)
        rc = county_plans(rep, g, from, to, err);
    if (rc) {
        free(g->u);
        g->u = NULL;
    }
    return rc;
}

static void fill_county(const struct report *rep, const struct merge_unit_row *u, struct report_row *r)
{
    report_row_clear(rep, r);
    report_put_text(r, 0, u->name);
    report_put_int(r, 1, u->sessions);
    report_put_int(r, 2, u->person_times);
    report_put_int(r, 3, u->people);
    report_put_num(r, 4, u->hours, 1);
    report_put_int(r, 5, u->expected);
    report_put_rate(r, 6, (double)u->present, (double)u->expected);
    report_put_int(r, 7, u->members);
    report_put_rate(r, 8, (double)u->people, (double)u->members);
    report_put_money(r, rep->ncols - 1, u->spent); /* 经费支出, the last column */
}

static int county_emit(const struct report *rep, bool checklist, const struct report_county_unit *u,
                       struct report_row *r, report_row_fn fn, void *ctx)
{
    fill_county(rep, &u->row, r);
    if (checklist)
        report_put_textf(r, COUNTY_STD_COL, "%d/%d", u->done, u->nitems);
    if (u->plan_planned)
        report_put_textf(r, rep->ncols - 2, "%d/%d", u->plan_done, u->plan_planned);
    else
        report_put_text(r, rep->ncols - 2, "未录入");
    return fn(r, ctx);
}

int report_county_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                       struct fx_error *err)
{
    const struct report_standard_params *kept = &rep->params.standard;
    bool checklist = kept->source[0] != '\0';
    int64_t end = limit < 0 || limit > INT_MAX - offset ? INT_MAX : offset + limit;
    struct report_row *row = malloc(sizeof *row);
    if (!row)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    int rc = 0;
    if (kept->all_counted) {
        for (int64_t i = offset; !rc && i < kept->ncounted && i < end; i++)
            rc = county_emit(rep, checklist, &kept->counted[i], row, fn, ctx);
    } else {
        struct county_std cs;
        struct county_units g;
        int from = offset < INT_MAX ? (int)offset : INT_MAX;
        rc = county_open_std(rep, &cs, err);
        if (!rc && !(rc = county_read(rep, &cs, from, (int)end, &g, err))) {
            for (int i = from; !rc && i < g.n && i < end; i++)
                rc = county_emit(rep, checklist, &g.u[i], row, fn, ctx);
            free(g.u);
        }
        county_close_std(&cs);
    }
    free(row);
    return rc;
}

/* The shipped standards and the county's own (beside its config file), as
 * `fenxiao check` reads them; the path of COUNTY_STD_ID goes to the report's source.
 * A standard that will not load leaves the column out with a note, not the report. */
static void county_find_std(struct report *rep, const struct fx_config *cfg)
{
    struct std_list l;
    struct fx_error lerr;
    fx_clear(&lerr);
    int rc;
    if (cfg && cfg->path[0]) {
        rc = report_load_standards(cfg->path, &l, &lerr);
    } else {
        char shipped[4096];
        paths_join(shipped, sizeof shipped, paths_data_dir(), "standards");
        const char *dirs[] = {shipped, NULL};
        memset(&l, 0, sizeof l);
        rc = standard_load_all(dirs, &l, &lerr);
    }
    if (rc)
        return;
    const struct standard *std = standard_find(&l, COUNTY_STD_ID);
    struct fx_period sp;
    if (std && std_period_containing(std, &rep->period, &sp))
        text_copy(rep->params.standard.source, sizeof rep->params.standard.source, std->path);
    standard_list_free(&l);
}

int report_county(sqlite3 *db, const struct fx_config *cfg, const struct fx_period *p, struct report *rep,
                  struct fx_error *err)
{
    report_begin(db, cfg, REPORT_COUNTY, rep);
    report_set_period(rep, p, "各分校培训情况汇总表", "county");
    report_add_col(rep, "分校", 'l', 16);
    report_add_col(rep, "期数", 'r', 4);
    report_add_col(rep, "人次", 'r', 6);
    report_add_col(rep, "人数", 'r', 5);
    report_add_col(rep, "学时", 'r', 6);
    report_add_col(rep, "应到", 'r', 6);
    report_add_col(rep, "参训率", 'r', 6);
    report_add_col(rep, "在册党员", 'r', 8);
    report_add_col(rep, "受训率", 'r', 6);
    county_find_std(rep, cfg);
    struct report_standard_params *kept = &rep->params.standard;
    kept->ncounted = 0;
    kept->all_counted = false;
    struct county_std cs;
    int rc = county_open_std(rep, &cs, err);
    if (rc)
        return rc;
    if (cs.have)
        report_add_col(rep, cs.std.name, 'r', 6);
    report_add_col(rep, "年度计划", 'r', 8);
    report_add_col(rep, "经费支出（元）", 'r', 14);
    struct county_units g;
    if ((rc = county_read(rep, &cs, 0, INT_MAX, &g, err)) != 0) {
        county_close_std(&cs);
        return rc;
    }
    /* The 合计 is the townships' sum; the rows are kept for report_county_rows when they fit. */
    struct merge_unit_row sum;
    memset(&sum, 0, sizeof sum);
    int all_done = 0, plan_done = 0, plan_planned = 0;
    for (int i = 0; i < g.n; i++) {
        const struct report_county_unit *u = &g.u[i];
        sum.sessions += u->row.sessions;
        sum.person_times += u->row.person_times;
        sum.people += u->row.people;
        sum.hours += u->row.hours;
        sum.person_hours += u->row.person_hours;
        sum.expected += u->row.expected;
        sum.present += u->row.present;
        sum.members += u->row.members;
        sum.spent += u->row.spent;
        all_done += u->done == u->nitems;
        plan_done += u->plan_done;
        plan_planned += u->plan_planned;
    }
    kept->all_counted = g.n <= REPORT_COUNTY_CACHED;
    kept->ncounted = kept->all_counted ? g.n : 0;
    if (g.n > 0 && kept->all_counted)
        memcpy(kept->counted, g.u, (size_t)g.n * sizeof g.u[0]);
    int seen = g.n;
    free(g.u);
    rep->nrows = seen;
    rep->has_totals = true;
    fill_county(rep, &sum, &rep->totals);
    report_put_text(&rep->totals, 0, "合计");
    if (plan_planned)
        report_put_textf(&rep->totals, rep->ncols - 2, "%d/%d", plan_done, plan_planned);
    report_add_figure_int(rep, "分校", seen, "个");
    report_add_figure_int(rep, "期数", sum.sessions, "期");
    report_add_figure_int(rep, "人次", sum.person_times, "人次");
    report_add_figure_int(rep, "人数", sum.people, "人");
    report_add_figure_num(rep, "总学时", sum.hours, 1, "学时");
    report_add_figure_rate(rep, "参训率", (double)sum.present, (double)sum.expected);
    report_add_figure_rate(rep, p->kind == PERIOD_YEAR ? "轮训率" : "受训率", (double)sum.people,
                           (double)sum.members);
    report_add_note(rep, "每个分校的数字只按它自己的培训记录和它所属党组织的党员统计，定义与各分校月报相同；"
                         "已作废的记录不计入任何数字。");
    report_add_note(rep, "人次 = 各场次实到人数之和；人数 = 至少参训一次的不同党员数；学时 = 各场次学时之和。");
    report_add_note(rep, "参训率 = 实到 ÷ 应到；受训率 = 人数 ÷ 在册党员；全年的受训率即轮训率。");
    report_add_note(rep, "合计行为各分校之和（一名党员只属于一个分校，人数可以相加）。");
    report_add_note(rep, "年度计划 = 该分校本期所在年度的计划项目中已完成的项数/计划项数（已完成：关联了未作废的培训记录）；"
                         "没有导入年度计划的分校为“未录入”。");
    report_add_note(rep, "经费支出 = 该分校经费台账中本期未作废的支出之和（合并进来的经费记录）；没有记经费台账的分校为 0.00。");
    if (cs.have) {
        report_add_figure_int(rep, "八个一全部完成", all_done, "个分校");
        char label[32], asked[32];
        period_label(&cs.sp, label, sizeof label);
        period_label(p, asked, sizeof asked);
        /* Say which period the column is for when it is not the report's own. */
        if (strcmp(cs.sp.from, p->from) || strcmp(cs.sp.to, p->to))
            report_add_note(rep, "“%s”按%s检查：x/%d 为各分校在%s（含本表的%s）截至制表日期 %s 已完成的项数。",
                            cs.std.name, standard_period_name(cs.std.period), cs.std.nitems, label, asked, rep->made);
        else
            report_add_note(rep, "“%s”按%s检查：x/%d 为各分校在%s截至制表日期 %s 已完成的项数。", cs.std.name,
                            standard_period_name(cs.std.period), cs.std.nitems, label, rep->made);
        report_add_note(rep,
                        "完成项数只计该分校自己的培训记录、师资和场地、党组织和党员以及手工标记，与该分校在自己台账的"
                        "“清单”页按“%s”（%s）核验的结果相同；明细请看各分校的核验表。",
                        cs.std.name, label);
        county_close_std(&cs);
    } else {
        report_add_note(rep,
                        "未找到“八个一”标准文件（data/standards），或本表期间长于其检查期间，故未列清单完成情况。");
    }
    return 0;
}

/* ---- standards and the summary's checklist footnote ----------------------- */

int report_load_standards(const char *config_path, struct std_list *out, struct fx_error *err)
{
    char shipped[4096], own[4096], cfgdir[4096];
    paths_join(shipped, sizeof shipped, paths_data_dir(), "standards");
    paths_dirname(cfgdir, sizeof cfgdir, config_path ? config_path : "");
    paths_join(own, sizeof own, cfgdir, "standards");
    const char *dirs[] = {shipped, own, NULL};
    memset(out, 0, sizeof *out);
    return standard_load_all(dirs, out, err);
}

int report_note_checklist(struct report *rep, const struct standard *std, struct fx_error *err)
{
    struct fx_period sp;
    if (!std_period_containing(std, &rep->period, &sp))
        return 0;
    struct std_result res;
    memset(&res, 0, sizeof res);
    /* the count alone: the brief evaluation's states (no attachment names, no titles beyond the first) */
    int rc = standard_evaluate_brief(rep->db, std, &sp, 0, rep->made, &res, err);
    if (rc)
        return rc;
    char label[32];
    period_label(&sp, label, sizeof label);
    report_add_note(rep, "“%s”完成 %d/%d 项（%s，截至制表日期；明细见“%s”核验表）。", std->name, res.done, res.nitems,
                    label, std->name);
    standard_result_free(&res);
    return 0;
}

void report_note_summary_standard(struct report *rep, const struct fx_config *cfg)
{
    if (!cfg || !cfg->summary_standard[0])
        return;
    struct std_list l;
    struct fx_error err;
    fx_clear(&err);
    if (report_load_standards(cfg->path, &l, &err) == 0) {
        const struct standard *std = standard_find(&l, cfg->summary_standard);
        if (std)
            report_note_checklist(rep, std, &err);
    }
    standard_list_free(&l);
}
