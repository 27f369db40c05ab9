/* standard.c — proving a checklist standard from the ledger: sessions, roster counts and marks of a
 * period, per branch or per unit, and the summary over all branches. Nothing is cached between calls. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "branch.h"
#include "funds.h"
#include "standard_internal.h"
#include "stats.h"
#include "store.h"
#include "text.h"
#include "vocab.h"

/* ---- evaluation ------------------------------------------------------- */

void standard_current_period(const struct standard *std, struct fx_period *p)
{
    struct fx_date t;
    date_today(&t);
    int index = std->period == PERIOD_HALF      ? (t.m - 1) / 6 + 1
                : std->period == PERIOD_QUARTER ? (t.m - 1) / 3 + 1
                : std->period == PERIOD_MONTH   ? t.m
                                                : 0;
    period_make(std->period, t.y, index, p);
}

struct live_session {
    int64_t id;
    int64_t unit_id;
    char date[11];
    char title[201];
    char kind[64];
    char format[64];
    char category[64];
};

/* The live sessions of the period (targeted at the branch when one is given,
 * of the unit when one is given), read once per evaluation and matched against
 * every item in memory. When every ledger item names its kinds (八个一 does),
 * only those kinds are read, each by the session_kind index: a county ledger's
 * year holds thousands of meetings the standard never looks at. The unit is a
 * residual test; a township's rows of a kind in a year are few. */
/* Append the rows of st; 0, or FX_EINTERNAL with err filled (no memory), or -1
 * when SQLite failed (the caller reports it). */
static int read_sessions(sqlite3_stmt *st, bool brief, struct live_session **out, int *n, int *cap,
                         struct fx_error *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 64;
            struct live_session *ns = realloc(*out, (size_t)*cap * sizeof *ns);
            if (!ns)
                return fx_fail(err, FX_EINTERNAL, "内存不足");
            *out = ns;
        }
        struct live_session *s = &(*out)[(*n)++];
        s->id = sqlite3_column_int64(st, 0);
        /* text_copy, not store_copy_column's snprintf: a county year's thousands of rows (issue 22). The
         * columns are NOT NULL text; a NULL would read as "". */
        text_copy(s->date, sizeof s->date, (const char *)sqlite3_column_text(st, 1));
        text_copy(s->kind, sizeof s->kind, (const char *)sqlite3_column_text(st, 3));
        if (brief) { /* the brief read's title, format, category and unit are constants: '', '', '', 0 */
            s->title[0] = s->format[0] = s->category[0] = '\0';
            s->unit_id = 0;
            continue;
        }
        text_copy(s->title, sizeof s->title, (const char *)sqlite3_column_text(st, 2));
        text_copy(s->format, sizeof s->format, (const char *)sqlite3_column_text(st, 4));
        text_copy(s->category, sizeof s->category, (const char *)sqlite3_column_text(st, 5));
        s->unit_id = sqlite3_column_int64(st, 6);
    }
    return rc == SQLITE_DONE ? 0 : -1;
}

static int cmp_live(const void *a, const void *b)
{
    const struct live_session *x = a, *y = b;
    int c = strcmp(x->date, y->date);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* By unit, then as cmp_live: each unit's sessions a run in date order. */
static int cmp_live_unit(const void *a, const void *b)
{
    const struct live_session *x = a, *y = b;
    return x->unit_id != y->unit_id ? (x->unit_id > y->unit_id) - (x->unit_id < y->unit_id) : cmp_live(a, b);
}

/* The kinds the standard's ledger items look at, or 0 when one of them takes any kind. */
static int ledger_kinds(const struct standard *std, const char **kinds, int max)
{
    int n = 0;
    for (int i = 0; i < std->nitems; i++) {
        const struct std_item *it = &std->items[i];
        if (it->evidence != STD_LEDGER)
            continue;
        if (it->kinds.n == 0)
            return 0;
        for (int k = 0; k < it->kinds.n; k++) {
            int seen = 0;
            for (int j = 0; j < n && !seen; j++)
                seen = !strcmp(kinds[j], it->kinds.word[k]);
            if (!seen && n < max)
                kinds[n++] = it->kinds.word[k];
        }
    }
    return n;
}

/* One kind's live sessions of the period (?5 the kind, ?1–?2 the period, ?3 a branch or 0, ?4 a unit or 0 = every
 * unit): by session_kind, the rest tests on those rows. */
#define STANDARD_SESSIONS_KIND_SQL                                                                                     \
    "SELECT s.id, s.date, s.title, s.kind, s.format, s.category, s.unit_id FROM session s"                             \
    " WHERE s.kind = ?5 AND s.date BETWEEN ?1 AND ?2 AND s.voided = 0"                                                 \
    " AND (?3 = 0 OR EXISTS (SELECT 1 FROM session_branch b WHERE b.session_id = s.id AND b.branch_id = ?3))"         \
    " AND (?4 = 0 OR s.unit_id = ?4)"

/* The same for the brief evaluation of the whole ledger (?4 unused): only the columns of session_kind, the id and
 * voided, so that an index of the live sessions by kind and date answers it without reading a session row. */
#define STANDARD_SESSIONS_KIND_BRIEF_SQL                                                                               \
    "SELECT s.id, s.date, '', s.kind, '', '', 0 FROM session s"                                                        \
    " WHERE s.kind = ?5 AND s.date BETWEEN ?1 AND ?2 AND s.voided = 0"                                                 \
    " AND (?3 = 0 OR EXISTS (SELECT 1 FROM session_branch b WHERE b.session_id = s.id AND b.branch_id = ?3))"         \
    " AND ?4 = 0"

/* Every ledger item picks its sessions by kind alone (no format, no category): the brief read serves it. */
static bool ledger_by_kind_only(const struct standard *std)
{
    for (int i = 0; i < std->nitems; i++) {
        const struct std_item *it = &std->items[i];
        if (it->evidence == STD_LEDGER && (it->kinds.n == 0 || it->formats.n || it->categories.n))
            return false;
    }
    return true;
}

/* brief: no titles, formats or categories are read when the items do not need them (unit_id must be 0). */
static int load_sessions(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                         int64_t unit_id, bool brief, struct live_session **out, int *n, struct fx_error *err)
{
    *out = NULL;
    *n = 0;
    const char *kinds[64];
    int nkinds = ledger_kinds(std, kinds, 64);
    brief = brief && nkinds && !unit_id && ledger_by_kind_only(std);
    sqlite3_stmt *st;
    if (store_prepare(db,
                      brief    ? STANDARD_SESSIONS_KIND_BRIEF_SQL
                      : nkinds ? STANDARD_SESSIONS_KIND_SQL
                             : "SELECT s.id, s.date, s.title, s.kind, s.format, s.category, s.unit_id FROM session s"
                               " WHERE s.voided = 0 AND s.date BETWEEN ?1 AND ?2"
                               " AND (?3 = 0 OR EXISTS (SELECT 1 FROM session_branch b"
                               "                        WHERE b.session_id = s.id AND b.branch_id = ?3))"
                               " AND (?4 = 0 OR s.unit_id = ?4)"
                               " ORDER BY s.date, s.id",
                      &st, err))
        return err ? err->code : FX_EINTERNAL;
    sqlite3_bind_text(st, 1, p->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->to, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, branch_id);
    sqlite3_bind_int64(st, 4, unit_id);
    int cap = 0, rc = 0;
    for (int k = 0; k < (nkinds ? nkinds : 1) && !rc; k++) {
        if (nkinds) {
            sqlite3_reset(st);
            sqlite3_bind_text(st, 5, kinds[k], -1, SQLITE_STATIC);
        }
        rc = read_sessions(st, brief, out, n, &cap, err);
    }
    if (rc < 0)
        rc = store_fail(db, sqlite3_errcode(db), err, "读取培训记录");
    sqlite3_finalize(st);
    if (rc)
        return rc;
    if (nkinds > 1 && *n > 1)
        qsort(*out, (size_t)*n, sizeof **out, cmp_live);
    return 0;
}

static bool filter_match(const struct std_filter *f, const char *v)
{
    if (f->n == 0)
        return true;
    for (int i = 0; i < f->n; i++)
        if (!strcmp(f->word[i], v))
            return true;
    return false;
}

/* A word no session can carry would leave the item undone for ever: say so. */
static int check_vocab(sqlite3 *db, const struct standard *std, struct fx_error *err)
{
    static const char *const kinds[3] = {"kind", "format", "category"};
    static const char *const names[3] = {"类型", "形式", "内容类别"};
    for (int i = 0; i < std->nitems; i++) {
        const struct std_item *it = &std->items[i];
        const struct std_filter *f[3] = {&it->kinds, &it->formats, &it->categories};
        const int lines[3] = {it->kinds_line, it->formats_line, it->categories_line};
        for (int k = 0; k < 3; k++)
            for (int w = 0; w < f[k]->n; w++) {
                bool known;
                int rc = vocab_has(db, kinds[k], f[k]->word[w], &known, err);
                if (rc)
                    return rc;
                if (!known)
                    return standard_fail_at(err, std->path, lines[k],
                                            "账本中没有%s“%s”（见 data/vocab.ini），该条目永远无法完成", names[k],
                                            f[k]->word[w]);
            }
    }
    return 0;
}

static int month_of(const char *date)
{
    return (date[5] - '0') * 10 + (date[6] - '0');
}

static int make_subs(const struct fx_period *p, int every, const char *today, struct std_sub **out, int *n)
{
    int m1 = month_of(p->from), m2 = month_of(p->to);
    *n = (m2 - m1 + 1) / every;
    *out = calloc((size_t)(*n > 0 ? *n : 1), sizeof **out);
    if (!*out)
        return FX_EINTERNAL;
    for (int k = 0; k < *n; k++) {
        struct std_sub *s = &(*out)[k];
        int ms = m1 + k * every, me = ms + every - 1;
        /* Unsigned and cut to each field's width, so every label and date fits its buffer whole. */
        unsigned y = (unsigned)p->year % 10000u, ums = (unsigned)ms % 100u, ume = (unsigned)me % 100u;
        snprintf(s->from, sizeof s->from, "%04u-%02u-01", y, ums);
        snprintf(s->to, sizeof s->to, "%04u-%02u-%02u", y, ume, (unsigned)date_days_in_month(p->year, me) % 100u);
        switch (every) {
        case 1: snprintf(s->label, sizeof s->label, "%04u-%02u", y, ums); break;
        case 3: snprintf(s->label, sizeof s->label, "%04u-Q%u", y, (ums + 2) / 3); break;
        case 6: snprintf(s->label, sizeof s->label, "%04u-H%u", y, (ums + 5) / 6); break;
        case 12: snprintf(s->label, sizeof s->label, "%04u", y); break;
        default: snprintf(s->label, sizeof s->label, "%04u-%02u~%02u", y, ums, ume); break;
        }
        s->ended = strcmp(s->to, today) < 0;
    }
    return 0;
}

/* ?1 is the branch (0 = all), ?2 the unit (0 = all). Members have no unit of
 * their own: they belong to the unit of their branch. */
static int64_t roster_count(sqlite3 *db, int count, int64_t branch_id, int64_t unit_id)
{
    static const char *const sql[] = {
        [STD_COUNT_ADVISERS] = "SELECT count(*) FROM teacher WHERE active = 1 AND is_adviser = 1 AND ?1 >= 0"
                               " AND (?2 = 0 OR unit_id = ?2)",
        [STD_COUNT_TEACHERS] = "SELECT count(*) FROM teacher WHERE active = 1 AND ?1 >= 0 AND (?2 = 0 OR unit_id = ?2)",
        [STD_COUNT_MEMBERS] = "SELECT count(*) FROM member m WHERE m.active = 1 AND (?1 = 0 OR m.branch_id = ?1)"
                              " AND (?2 = 0 OR EXISTS (SELECT 1 FROM branch b"
                              "                        WHERE b.id = m.branch_id AND b.unit_id = ?2))",
        [STD_COUNT_BRANCHES] = "SELECT count(*) FROM branch WHERE active = 1 AND (?1 = 0 OR id = ?1)"
                               " AND (?2 = 0 OR unit_id = ?2)",
        [STD_COUNT_MAIN_VENUES] = "SELECT count(*) FROM venue WHERE active = 1 AND kind = '主阵地' AND ?1 >= 0"
                                  " AND (?2 = 0 OR unit_id = ?2)",
        [STD_COUNT_TEACHING_POINTS] = "SELECT count(*) FROM venue WHERE active = 1 AND kind = '教学点' AND ?1 >= 0"
                                      " AND (?2 = 0 OR unit_id = ?2)",
        [STD_COUNT_COURSES] = "SELECT count(*) FROM course WHERE retired = 0 AND ?1 >= 0 AND (?2 = 0 OR unit_id = ?2)",
        [STD_COUNT_FEATURED] = "SELECT count(*) FROM course WHERE retired = 0 AND featured = 1 AND ?1 >= 0"
                               " AND (?2 = 0 OR unit_id = ?2)",
    };
    if (count < 0 || count >= (int)(sizeof sql / sizeof sql[0]) || !sql[count])
        return 0;
    int64_t v = -1;
    if (store_get_int(db, sql[count], STORE_ARGS(STORE_INT(branch_id), STORE_INT(unit_id)), &v, NULL))
        return -1;
    return v;
}

int standard_check_period(const struct standard *std, const struct fx_period *p, struct fx_error *err)
{
    static const char *const example[] = {
        [PERIOD_YEAR] = "2024", [PERIOD_HALF] = "2024-H1", [PERIOD_QUARTER] = "2024-Q1", [PERIOD_MONTH] = "2024-03"};
    if (p->kind == std->period)
        return 0;
    return fx_fail_field(err, FX_EINPUT, "period", "“%s”按%s检查，期间应写成 %s 这样", std->name,
                         standard_period_name(std->period), example[std->period]);
}

static int eval_ledger(const struct std_item *it, const struct live_session *ss, int nss, const struct fx_period *p,
                       const char *today, struct std_item_result *r)
{
    for (int i = 0; i < nss; i++) {
        const struct live_session *s = &ss[i];
        if (!filter_match(&it->kinds, s->kind) || !filter_match(&it->formats, s->format) ||
            !filter_match(&it->categories, s->category))
            continue;
        if (r->nproofs >= 16 && (r->nproofs & (r->nproofs - 1)) == 0) { /* 16, 32, 64 …: doubling */
            struct std_proof *np = realloc(r->proofs, (size_t)r->nproofs * 2 * sizeof *np);
            if (!np)
                return FX_EINTERNAL;
            r->proofs = np;
        } else if (r->nproofs == 0) {
            struct std_proof *np = realloc(r->proofs, 16 * sizeof *np);
            if (!np)
                return FX_EINTERNAL;
            r->proofs = np;
        }
        struct std_proof *pr = &r->proofs[r->nproofs++];
        pr->id = s->id;
        text_copy(pr->date, sizeof pr->date, s->date);
        text_copy(pr->title, sizeof pr->title, s->title);
        text_copy(pr->kind, sizeof pr->kind, s->kind);
        pr->files[0] = '\0';
    }
    r->found = r->nproofs;
    r->required = it->min;
    bool overdue = false;
    if (it->every) {
        if (make_subs(p, it->every, today, &r->subs, &r->nsubs))
            return FX_EINTERNAL;
        if (r->required < it->min_each * r->nsubs)
            r->required = it->min_each * r->nsubs;
        for (int k = 0; k < r->nsubs; k++) {
            struct std_sub *sub = &r->subs[k];
            sub->required = it->min_each;
            for (int i = 0; i < r->nproofs; i++)
                sub->found += strcmp(r->proofs[i].date, sub->from) >= 0 && strcmp(r->proofs[i].date, sub->to) <= 0;
            sub->lacking = sub->found < sub->required;
            if (sub->lacking) {
                r->nshort++;
                overdue |= sub->ended;
            }
        }
    }
    if (r->found >= r->required && r->nshort == 0)
        r->state = STD_DONE;
    else if (overdue)
        r->state = STD_OVERDUE;
    else
        r->state = r->found > 0 ? STD_PARTLY : STD_MISSING;
    return 0;
}

/* A rate item: the share from the period's figures (stats.h, the same function the
 * summary prints them with) against the least share: done at or above it,
 * 部分 below it, 缺 when nobody counted yet. */
static int eval_rate(sqlite3 *db, const struct std_item *it, const struct fx_period *p, int64_t unit_id,
                     struct std_item_result *r, struct fx_error *err)
{
    struct period_stats ps;
    int rc = stats_period_unit(db, p, unit_id, &ps, err);
    if (rc)
        return rc;
    if (it->rate == STD_RATE_ROTATION) {
        r->rate_num = ps.trained_members;
        r->rate_den = ps.members;
    } else {
        r->rate_num = ps.present;
        r->rate_den = ps.expected;
    }
    r->rate = r->rate_den > 0 ? (double)r->rate_num / (double)r->rate_den : 0;
    /* Compared in tenths of a per cent, as printed: 59.96% shows 60.0% and passes 60%. */
    bool enough = r->rate_den > 0 && llround(r->rate * 1000) >= llround(it->min_rate * 1000);
    r->required = 1;
    r->found = enough;
    r->state = enough ? STD_DONE : r->rate_num > 0 ? STD_PARTLY : STD_MISSING;
    return 0;
}

/* A funds item, over the year of p, from funds_year_summary (the figures the yearly funds report prints). The rule
 * is data/funds.ini's: a county's [funds] rules file is not known here. */
static int eval_funds(sqlite3 *db, const struct std_item *it, const struct fx_period *p, struct std_item_result *r,
                      struct fx_error *err)
{
    struct funds_rules *rules = malloc(sizeof *rules);
    struct funds_year *y = malloc(sizeof *y);
    int rc = rules && y ? 0 : fx_fail(err, FX_EINTERNAL, "内存不足");
    if (!rc)
        rc = funds_rules_load(NULL, NULL, rules, err);
    if (!rc)
        rc = funds_year_summary(db, rules, p->year, y, err);
    if (!rc) {
        r->required = 1;
        if (it->funds == STD_FUNDS_BUDGET) {
            for (int i = 0; i < y->nsources; i++)
                if (y->source[i].budget_set) {
                    r->funds_count++;
                    r->funds_total += y->source[i].budget;
                }
            r->found = r->funds_count > 0;
        } else {
            r->funds_count = y->exceptions;
            r->funds_total = y->unexplained;
            r->found = y->unexplained == 0;
        }
        r->state = r->found ? STD_DONE : STD_MISSING;
    }
    free(rules);
    free(y);
    return rc;
}

/* The attachments' names of row id of entity (the checklist's evidence names them). */
static int item_files(sqlite3 *db, sqlite3_stmt **st, const char *entity, int64_t id, char *out, size_t outsz,
                      struct fx_error *err)
{
    if (!*st && store_prepare(db, ARCHIVE_NAMES_SQL, st, err))
        return err->code;
    return archive_names(*st, entity, id, out, outsz, 60, err);
}

static double earned_points(const struct std_item_result *r)
{
    double pts = r->item->points;
    if (r->state == STD_DONE || pts <= 0)
        return r->state == STD_DONE ? pts : 0;
    if (r->required <= 0)
        return 0;
    double frac = (double)r->found / r->required;
    if (r->nsubs > 0 && (double)(r->nsubs - r->nshort) / r->nsubs < frac)
        frac = (double)(r->nsubs - r->nshort) / r->nsubs;
    if (frac > 1)
        frac = 1;
    /* Panels score in half points; never round a partial item up to full. */
    return floor(pts * frac * 2) / 2;
}

/* Evaluate std for one unit (or branch) over the sessions ss already read for it; files: name the evidence's
 * attachments. The period and the words were checked by the caller. */
static int evaluate_over(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                         int64_t unit_id, const char *today, const struct live_session *ss, int nss, bool files_too,
                         struct std_result *out, struct fx_error *err)
{
    memset(out, 0, sizeof *out);
    out->period = *p;
    out->branch_id = branch_id;
    out->unit_id = unit_id;
    out->items = calloc((size_t)std->nitems, sizeof *out->items);
    if (!out->items)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    out->nitems = std->nitems;
    char period[16];
    period_format(p, period, sizeof period);
    sqlite3_stmt *files = NULL; /* the attachments' names of the evidence, prepared once when first wanted */
    int rc = 0;
    for (int i = 0; i < std->nitems && !rc; i++) {
        const struct std_item *it = &std->items[i];
        struct std_item_result *r = &out->items[i];
        r->item = it;
        if (it->evidence == STD_LEDGER) {
            if (eval_ledger(it, ss, nss, p, today, r))
                rc = fx_fail(err, FX_EINTERNAL, "内存不足");
            for (int k = 0; !rc && files_too && k < r->nproofs; k++)
                rc = item_files(db, &files, "session", r->proofs[k].id, r->proofs[k].files,
                                sizeof r->proofs[k].files, err);
        } else if (it->evidence == STD_RATE) {
            rc = eval_rate(db, it, p, unit_id, r, err);
        } else if (it->evidence == STD_FUNDS) {
            rc = eval_funds(db, it, p, r, err);
        } else if (it->evidence == STD_ROSTER && it->count != STD_COUNT_DIRECTORY) {
            int64_t n = roster_count(db, it->count, branch_id, unit_id);
            if (n < 0) {
                rc = fx_fail(err, FX_EINTERNAL, "读取名册失败");
                break;
            }
            r->found = (int)n;
            r->required = it->min;
            r->state = r->found >= r->required ? STD_DONE : r->found > 0 ? STD_PARTLY : STD_MISSING;
        } else {
            int64_t mark_id;
            rc = standard_find_mark(db, std->id, it->id, period, branch_id, unit_id, &mark_id, r->mark_date,
                                    r->mark_note, sizeof r->mark_note, err);
            r->marked = mark_id > 0;
            if (!rc && r->marked && files_too)
                rc = item_files(db, &files, "mark", mark_id, r->mark_files, sizeof r->mark_files, err);
            r->found = r->marked;
            r->required = 1;
            r->state = r->marked ? STD_DONE : STD_NEEDS_MARK;
        }
        r->points = earned_points(r);
        out->done += r->state == STD_DONE;
        out->score += r->points;
    }
    sqlite3_finalize(files);
    if (rc) {
        standard_result_free(out);
        return rc;
    }
    out->max_score = std->max_points;
    out->stars = standard_stars_for(std, out->score);
    return 0;
}

/* The period and the standard's words checked, then the period's live sessions read (as load_sessions). */
static int read_period(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                       int64_t unit_id, bool brief, struct live_session **ss, int *nss, struct fx_error *err)
{
    int rc = standard_check_period(std, p, err);
    if (!rc)
        rc = check_vocab(db, std, err);
    return rc ? rc : load_sessions(db, std, p, branch_id, unit_id, brief, ss, nss, err);
}

/* The titles of proofs [from, to) of r that have none, by their ids. */
static int proof_titles(sqlite3 *db, struct std_item_result *r, int from, int to, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db, "SELECT title FROM session WHERE id = ?", &st, err))
        return err ? err->code : FX_EINTERNAL;
    int rc = 0;
    for (int k = from; k < to && k < r->nproofs && !rc; k++) {
        struct std_proof *pr = &r->proofs[k];
        if (pr->title[0])
            continue;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, pr->id);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW)
            text_copy(pr->title, sizeof pr->title, (const char *)sqlite3_column_text(st, 0));
        else if (step != SQLITE_DONE)
            rc = store_fail(db, step, err, "读取培训记录");
    }
    sqlite3_finalize(st);
    return rc;
}

int standard_proof_titles(sqlite3 *db, struct std_item_result *r, struct fx_error *err)
{
    return proof_titles(db, r, 0, r->nproofs, err);
}

/* One unit (0: all) or branch, files_too: with the attachments' names of the evidence; without them the brief
 * read (load_sessions) and only the first proof's title. */
static int evaluate_one(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                        int64_t unit_id, const char *today, bool files_too, struct std_result *out,
                        struct fx_error *err)
{
    memset(out, 0, sizeof *out);
    struct live_session *ss = NULL;
    int nss = 0;
    int rc = read_period(db, std, p, branch_id, unit_id, !files_too, &ss, &nss, err);
    if (rc)
        return rc;
    rc = evaluate_over(db, std, p, branch_id, unit_id, today, ss, nss, files_too, out, err);
    free(ss);
    /* Brief: the first proof of each item has its title (the screens show it); standard_proof_titles the rest. */
    for (int i = 0; !rc && !files_too && i < out->nitems; i++)
        if (out->items[i].nproofs && !out->items[i].proofs[0].title[0])
            rc = proof_titles(db, &out->items[i], 0, 1, err);
    if (rc && !files_too)
        standard_result_free(out);
    return rc;
}

int standard_evaluate_unit_at(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                              int64_t unit_id, const char *today, struct std_result *out, struct fx_error *err)
{
    return evaluate_one(db, std, p, branch_id, unit_id, today, true, out, err);
}

int standard_evaluate_brief(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                            const char *today, struct std_result *out, struct fx_error *err)
{
    return evaluate_one(db, std, p, branch_id, 0, today, false, out, err);
}

int standard_evaluate_units_at(sqlite3 *db, const struct standard *std, const struct fx_period *p,
                               const int64_t *units, int nunits, const char *today, struct std_result *out,
                               struct fx_error *err)
{
    memset(out, 0, (size_t)(nunits > 0 ? nunits : 0) * sizeof *out);
    struct live_session *ss = NULL;
    int nss = 0;
    int rc = read_period(db, std, p, 0, 0, false, &ss, &nss, err);
    if (rc)
        return rc;
    bool whole = nunits == 1 && units[0] == 0; /* every unit: the sessions as read */
    if (nss > 1 && !whole)
        qsort(ss, (size_t)nss, sizeof *ss, cmp_live_unit);
    for (int u = 0; u < nunits && !rc && whole; u++)
        rc = evaluate_over(db, std, p, 0, 0, today, ss, nss, false, &out[u], err);
    for (int u = 0; u < nunits && !rc && !whole; u++) {
        int from = 0, to = nss; /* the first session of the unit: ss is by unit */
        while (from < to) {
            int mid = from + (to - from) / 2;
            if (ss[mid].unit_id < units[u])
                from = mid + 1;
            else
                to = mid;
        }
        for (to = from; to < nss && ss[to].unit_id == units[u]; to++)
            ;
        rc = evaluate_over(db, std, p, 0, units[u], today, ss + from, to - from, false, &out[u], err);
    }
    free(ss);
    if (rc)
        for (int u = 0; u < nunits; u++)
            standard_result_free(&out[u]);
    return rc;
}

int standard_evaluate_at(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                         const char *today, struct std_result *out, struct fx_error *err)
{
    return standard_evaluate_unit_at(db, std, p, branch_id, 0, today, out, err);
}

int standard_evaluate_unit(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                           int64_t unit_id, struct std_result *out, struct fx_error *err)
{
    struct fx_date t;
    char today[11];
    date_today(&t);
    date_format(&t, today);
    return standard_evaluate_unit_at(db, std, p, branch_id, unit_id, today, out, err);
}

int standard_evaluate(sqlite3 *db, const struct standard *std, const struct fx_period *p, int64_t branch_id,
                      struct std_result *out, struct fx_error *err)
{
    return standard_evaluate_unit(db, std, p, branch_id, 0, out, err);
}

void standard_result_free(struct std_result *r)
{
    for (int i = 0; r->items && i < r->nitems; i++) {
        free(r->items[i].proofs);
        free(r->items[i].subs);
    }
    free(r->items);
    r->items = NULL;
    r->nitems = 0;
}

int standard_evaluate_branches(sqlite3 *db, const struct standard *std, const struct fx_period *p, const char *today,
                               struct std_branch_summary *out, struct fx_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if (store_prepare(db, "SELECT id, name FROM branch WHERE active = 1 ORDER BY name, id", &st, err))
        return err ? err->code : FX_EINTERNAL;
    int cap = 0, rc = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 32;
            int64_t *ni = realloc(out->branch_id, (size_t)cap * sizeof *ni);
            if (ni)
                out->branch_id = ni;
            char(*nn)[201] = realloc(out->branch_name, (size_t)cap * sizeof *nn);
            if (nn)
                out->branch_name = nn;
            if (!ni || !nn) {
                rc = fx_fail(err, FX_EINTERNAL, "内存不足");
                break;
            }
        }
        out->branch_id[out->n] = sqlite3_column_int64(st, 0);
        store_copy_column(out->branch_name[out->n], sizeof out->branch_name[0], st, 1);
        out->n++;
    }
    sqlite3_finalize(st);
    if (!rc && step != SQLITE_DONE)
        rc = store_fail(db, step, err, "读取党组织");
    if (!rc && out->n && !(out->results = calloc((size_t)out->n, sizeof *out->results)))
        rc = fx_fail(err, FX_EINTERNAL, "内存不足");
    bool has_stars = standard_has_stars(std);
    for (int i = 0; i < out->n && !rc; i++) {
        struct std_result *r = &out->results[i];
        rc = standard_evaluate_at(db, std, p, out->branch_id[i], today, r, err);
        if (rc)
            break;
        out->all_done += r->done == r->nitems;
        out->at_stars[r->stars]++;
        out->normal += has_stars ? r->stars >= std->normal_stars : r->done == r->nitems;
        out->good += has_stars && r->stars >= std->good_stars;
    }
    if (rc) {
        standard_branch_summary_free(out);
        return rc;
    }
    if (out->n > 0) {
        out->normal_rate = (double)out->normal / out->n;
        out->good_rate = (double)out->good / out->n;
    }
    return 0;
}

void standard_branch_summary_free(struct std_branch_summary *s)
{
    for (int i = 0; s->results && i < s->n; i++)
        standard_result_free(&s->results[i]);
    free(s->results);
    free(s->branch_id);
    free(s->branch_name);
    memset(s, 0, sizeof *s);
}

bool standard_by_branches(sqlite3 *db, const struct standard *std, int64_t branch_id)
{
    return std->scope == STD_SCOPE_BRANCH && !branch_id && branch_count(db) > 0;
}

bool standard_result_all_done(const struct std_result *r)
{
    return r->done == r->nitems;
}

bool standard_summary_all_done(const struct std_branch_summary *s)
{
    return s->all_done == s->n;
}
