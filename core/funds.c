/* funds.c — the funds ledger (经费台账): amounts in whole 分, the words and rule of data/funds.ini, entries saved
 * and voided in one audited transaction each, budgets, and every figure of a year against its budget. */
#include "funds.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "entity.h"
#include "ini.h"
#include "paths.h"
#include "store.h"
#include "text.h"
#include "text_limits.h"

/* ---- amounts ---- */

int funds_parse_amount(const char *text, const char *what, int64_t *fen, struct fx_error *err)
{
    char buf[64];
    if (!text_copy(buf, sizeof buf, text ? text : ""))
        return fx_fail_field(err, FX_EINPUT, "amount", "%s太长", what);
    const char *s = text_trim(buf);
    if (!*s)
        return fx_fail_field(err, FX_EINPUT, "amount", "%s不能为空", what);
    if (*s == '-' || *s == '+')
        return fx_fail_field(err, FX_EINPUT, "amount", "%s“%s”不能带正负号（收入或支出由方向决定，金额不能为负）", what, s);
    int64_t yuan = 0;
    int digits = 0, group = -1; /* group: digits since the last comma, -1 before any comma */
    const char *p = s;
    for (; *p && *p != '.'; p++) {
        if (*p == ',') {
            if (digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3))
                return fx_fail_field(err, FX_EINPUT, "amount", "%s“%s”的千分位逗号位置不对（应如 1,234.50）", what, s);
            group = 0;
            continue;
        }
        if (*p < '0' || *p > '9')
            return fx_fail_field(err, FX_EINPUT, "amount", "%s“%s”不是金额（应如 1,234.50，单位元，最多两位小数）", what, s);
        if (yuan > FUNDS_MAX_FEN / 100)
            return fx_fail_field(err, FX_EINPUT, "amount", "%s“%s”太大", what, s);
        yuan = yuan * 10 + (*p - '0');
        digits++;
        if (group >= 0)
            group++;
    }
    if (group >= 0 && group != 3)
        return fx_fail_field(err, FX_EINPUT, "amount", "%s“%s”的千分位逗号位置不对（应如 1,234.50）", what, s);
    int64_t cents = 0;
    int decimals = 0;
    if (*p == '.') {
        for (p++; *p; p++) {
            if (*p < '0' || *p > '9')
                return fx_fail_field(err, FX_EINPUT, "amount", "%s“%s”不是金额（应如 1,234.50，单位元，最多两位小数）", what, s);
            if (++decimals > 2)
                return fx_fail_field(err, FX_EINPUT, "amount", "%s“%s”的小数超过两位（金额精确到分）", what, s);
            cents = cents * 10 + (*p - '0');
        }
        if (decimals == 0)
            return fx_fail_field(err, FX_EINPUT, "amount", "%s“%s”的小数点后没有数字", what, s);
    }
    if (digits == 0)
        return fx_fail_field(err, FX_EINPUT, "amount", "%s“%s”不是金额（应如 0.50）", what, s);
    if (decimals == 1)
        cents *= 10;
    int64_t total = yuan * 100 + cents;
    if (total > FUNDS_MAX_FEN)
        return fx_fail_field(err, FX_EINPUT, "amount", "%s“%s”太大", what, s);
    *fen = total;
    return 0;
}

void funds_format(int64_t fen, char *out, size_t outsz)
{
    bool neg = fen < 0;
    uint64_t v = neg ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    char digits[32];
    snprintf(digits, sizeof digits, "%" PRIu64, v / 100);
    size_t n = strlen(digits);
    char grouped[48];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            grouped[k++] = ',';
        grouped[k++] = digits[i];
    }
    grouped[k] = '\0';
    text_format(out, outsz, "%s%s.%02u", neg ? "-" : "", grouped, (unsigned)(v % 100));
}

void funds_format_wan(int64_t fen, char *out, size_t outsz)
{
    /* 万元 with two decimals: units of 100 元 = 10,000 分, rounded half away from zero. */
    bool neg = fen < 0;
    uint64_t v = neg ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    uint64_t hundreds = (v + 5000) / 10000;
    text_format(out, outsz, "%s%" PRIu64 ".%02u", neg && hundreds ? "-" : "", hundreds / 100,
                (unsigned)(hundreds % 100));
}

/* ---- the words and the rule ---- */

static int word_index(char words[][FUNDS_WORD_BYTES], int n, const char *w)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(words[i], w))
            return i;
    return -1;
}

/* Split v on ASCII or Chinese commas (, ， 、) into words, trimmed; a word too long or too many is FX_EINPUT. */
static int split_words(const struct ini *ini, const char *key, const char *v, char words[][FUNDS_WORD_BYTES], int *n,
                       struct fx_error *err)
{
    *n = 0;
    const char *p = v;
    char t[256];
    int got;
    while ((got = text_next_word(&p, t, sizeof t)) != 0) {
        if (got < 0)
            return fx_fail(err, FX_EINPUT, "%s 第%d行：%s 中有一项太长", ini->path, ini_line(ini, key), key);
        if (strlen(t) >= FUNDS_WORD_BYTES)
            return fx_fail(err, FX_EINPUT, "%s 第%d行：%s 中的“%s”太长", ini->path, ini_line(ini, key), key, t);
        if (*n >= FUNDS_MAX_WORDS)
            return fx_fail(err, FX_EINPUT, "%s 第%d行：%s 最多列 %d 项", ini->path, ini_line(ini, key), key,
                           FUNDS_MAX_WORDS);
        text_copy(words[(*n)++], FUNDS_WORD_BYTES, t);
    }
    return 0;
}

static int load_rules(const struct ini *ini, const struct fx_config *cfg, struct funds_rules *r, struct fx_error *err)
{
    int rc = split_words(ini, "sources:names", ini_str(ini, "sources:names", ""), r->source, &r->nsources, err);
    if (!rc)
        rc = split_words(ini, "income:categories", ini_str(ini, "income:categories", ""), r->income, &r->nincome, err);
    if (!rc)
        rc = split_words(ini, "expense:categories", ini_str(ini, "expense:categories", ""), r->expense, &r->nexpense,
                         err);
    if (rc)
        return rc;
    if (!r->nsources || !r->nexpense)
        return fx_fail(err, FX_EINPUT, "%s：[sources] names 和 [expense] categories 不能为空", ini->path);
    for (int i = 0; i < r->nexpense && !rc; i++) {
        char key[128], words[FUNDS_MAX_WORDS][FUNDS_WORD_BYTES];
        int n = 0;
        text_format(key, sizeof key, "allowed:%s", r->expense[i]);
        const char *v = ini_str(ini, key, NULL);
        r->allowed_all[i] = v == NULL;
        if (!v)
            continue;
        if ((rc = split_words(ini, key, v, words, &n, err)) != 0)
            break;
        for (int j = 0; j < n; j++) {
            int s = word_index(r->source, r->nsources, words[j]);
            if (s < 0)
                return fx_fail(err, FX_EINPUT, "%s 第%d行：[allowed] %s 中的“%s”不是 [sources] 中的经费来源", ini->path,
                               ini_line(ini, key), r->expense[i], words[j]);
            r->allowed[i] |= 1u << s;
        }
    }
    for (int i = 0; i < r->nexpense && !rc; i++) {
        char key[128];
        text_format(key, sizeof key, "limit:%s", r->expense[i]);
        const char *v = ini_str(ini, key, NULL);
        if (v && funds_parse_amount(v, "限额", &r->limit[i], err))
            return fx_fail(err, FX_EINPUT, "%s 第%d行：[limit] %s：%s", ini->path, ini_line(ini, key), r->expense[i],
                           err->msg);
    }
    if (rc)
        return rc;
    const char *src = cfg && cfg->funds_budget_source[0] ? cfg->funds_budget_source : ini_str(ini, "budget:source", "");
    const char *amount = cfg && cfg->funds_budget[0] ? cfg->funds_budget : ini_str(ini, "budget:amount", "0");
    if (*src && word_index(r->source, r->nsources, src) < 0)
        return fx_fail(err, FX_EINPUT, "默认预算的经费来源“%s”不是 %s [sources] 中的来源", src, ini->path);
    text_copy(r->budget_source, sizeof r->budget_source, src);
    if (funds_parse_amount(amount, "默认预算", &r->budget_fen, err))
        return fx_fail(err, FX_EINPUT, "默认预算（%s 或配置文件 [funds] budget）：%s", ini->path, err->msg);
    return 0;
}

int funds_rules_load(const char *path, const struct fx_config *cfg, struct funds_rules *rules, struct fx_error *err)
{
    memset(rules, 0, sizeof *rules);
    char file[1024];
    if (path)
        text_copy(file, sizeof file, path);
    else if (cfg && cfg->funds_rules[0])
        text_copy(file, sizeof file, cfg->funds_rules);
    else
        paths_join(file, sizeof file, paths_data_dir(), "funds.ini");
    text_copy(rules->path, sizeof rules->path, file);
    struct ini ini;
    int rc = ini_load(file, &ini, err);
    if (rc) {
        if (rc == FX_ENOTFOUND)
            fx_fail(err, FX_ENOTFOUND, "找不到经费规则文件 %s", file);
        return rc;
    }
    rc = load_rules(&ini, cfg, rules, err);
    ini_free(&ini);
    return rc;
}

bool funds_rule_allows(const struct funds_rules *rules, const char *category, const char *source)
{
    int c = word_index((char(*)[FUNDS_WORD_BYTES])rules->expense, rules->nexpense, category);
    int s = word_index((char(*)[FUNDS_WORD_BYTES])rules->source, rules->nsources, source);
    if (c < 0 || s < 0)
        return false;
    return rules->allowed_all[c] || (rules->allowed[c] & (1u << s));
}

/* The rules file as messages name it: its file name (funds.ini), not the whole path. */
static const char *rules_file(const struct funds_rules *r)
{
    const char *slash = strrchr(r->path, '/');
    return slash ? slash + 1 : r->path;
}

/* ---- entries ---- */

#define FUNDS_COLS                                                                                                     \
    "id, uuid, date, direction, source, category, amount, counterpart, voucher, ifnull(session_id, 0), note, "        \
    "rule_reason, recorder, voided, void_reason"
#define FUNDS_GET "SELECT * FROM funds_entry WHERE id = ?"

static const struct entity_col funds_cols[] = {
    ENTITY_COL(struct funds_entry, id),          ENTITY_COL(struct funds_entry, uuid),
    ENTITY_COL(struct funds_entry, date),        ENTITY_COL(struct funds_entry, direction),
    ENTITY_COL(struct funds_entry, source),      ENTITY_COL(struct funds_entry, category),
    ENTITY_COL(struct funds_entry, amount),      ENTITY_COL(struct funds_entry, counterpart),
    ENTITY_COL(struct funds_entry, voucher),     ENTITY_REF(struct funds_entry, session_id),
    ENTITY_COL(struct funds_entry, note),        ENTITY_COL(struct funds_entry, rule_reason),
    ENTITY_COL(struct funds_entry, recorder),    ENTITY_COL(struct funds_entry, voided),
    ENTITY_COL(struct funds_entry, void_reason),
};

static void read_entry(sqlite3_stmt *st, void *row)
{
    memset(row, 0, sizeof(struct funds_entry));
    entity_read_cols(st, 0, funds_cols, ENTITY_NCOLS(funds_cols), row);
}

int funds_get(sqlite3 *db, int64_t id, struct funds_entry *e, struct fx_error *err)
{
    return entity_get(db, "SELECT " FUNDS_COLS " FROM funds_entry WHERE id = ?", id, read_entry, e, "经费记录", err);
}

static int check_entry(sqlite3 *db, const struct funds_rules *rules, struct funds_entry *e, struct fx_error *err)
{
    char norm[11];
    if (date_normalize(e->date, norm, err))
        return fx_fail_field(err, FX_EINPUT, "date", "日期“%s”无效：%s", e->date, err->msg);
    text_copy(e->date, sizeof e->date, norm);
    bool income = !strcmp(e->direction, FUNDS_INCOME);
    if (!income && strcmp(e->direction, FUNDS_EXPENSE))
        return fx_fail_field(err, FX_EINPUT, "direction", "收支方向应为“收入”或“支出”");
    text_trim(e->source);
    text_trim(e->category);
    if (word_index((char(*)[FUNDS_WORD_BYTES])rules->source, rules->nsources, e->source) < 0)
        return fx_fail_field(err, FX_EINPUT, "source", "经费来源“%s”不在 %s 的 [sources] 中", e->source, rules_file(rules));
    if (income) {
        if (e->category[0] &&
            word_index((char(*)[FUNDS_WORD_BYTES])rules->income, rules->nincome, e->category) < 0)
            return fx_fail_field(err, FX_EINPUT, "category", "收入类别“%s”不在 %s 的 [income] 中", e->category,
                                 rules_file(rules));
    } else if (word_index((char(*)[FUNDS_WORD_BYTES])rules->expense, rules->nexpense, e->category) < 0) {
        return fx_fail_field(err, FX_EINPUT, "category", "支出类别“%s”不在 %s 的 [expense] 中", e->category,
                             rules_file(rules));
    }
    if (e->amount <= 0 || e->amount > FUNDS_MAX_FEN)
        return fx_fail_field(err, FX_EINPUT, "amount", "金额应大于零");
    static const struct {
        size_t off, size;
        const char *field, *label;
        unsigned flags;
    } texts[] = {
        {offsetof(struct funds_entry, counterpart), FX_PLACE_CHARS, "counterpart", "对方单位或个人", 0},
        {offsetof(struct funds_entry, voucher), 30, "voucher", "凭证号", 0},
        {offsetof(struct funds_entry, note), FX_NOTE_CHARS, "note", "备注", TEXT_KEEP_LINES},
        {offsetof(struct funds_entry, rule_reason), FX_WHY_CHARS, "reason", "例外原因", 0},
        {offsetof(struct funds_entry, recorder), FX_PERSON_CHARS, "recorder", "记录人", 0},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char *s = (char *)e + texts[i].off;
        text_trim(s);
        if (text_check_field(err, texts[i].field, texts[i].label, s, texts[i].size, texts[i].flags))
            return FX_EINPUT;
    }
    if (!income && !funds_rule_allows(rules, e->category, e->source) && !e->rule_reason[0])
        return fx_fail_field(err, FX_EINPUT, "reason",
                             "按经费规则（%s [allowed]），%s不能支付%s；确需支出请写明原因（--reason），原因会记入明细账",
                             rules_file(rules), e->source, e->category);
    if (e->session_id) {
        bool found = false;
        int rc = store_exists(db, "SELECT 1 FROM session WHERE id = ?1 AND voided = 0",
                              STORE_ARGS(STORE_INT(e->session_id)), &found, err);
        if (rc)
            return rc;
        if (!found)
            return fx_fail_field(err, FX_EINPUT, "session", "没有编号为 %lld 的培训记录（或已作废）",
                                 (long long)e->session_id);
    }
    return 0;
}

int funds_add(sqlite3 *db, const struct funds_rules *rules, struct funds_entry *e, struct fx_error *err)
{
    if (e->id)
        return fx_fail(err, FX_EINTERNAL, "经费记录只能新增（改动请作废后重记）");
    int rc = check_entry(db, rules, e, err);
    if (rc)
        return rc;
    e->voided = 0;
    e->void_reason[0] = '\0';
    if ((rc = store_begin(db, err)) != 0)
        return rc;
    rc = entity_refuse_closed(db, atoi(e->date), "新增经费记录", err);
    if (!rc)
        rc = entity_save(db, "funds", "经费记录",
                         "INSERT INTO funds_entry (date, direction, source, category, amount, counterpart, voucher, "
                         "session_id, note, rule_reason, recorder, uuid, unit_id) "
                         "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, :uuid, :unit)",
                         FUNDS_GET, funds_cols + 2, 11, e, &e->id, e->uuid, err);
    return store_end(db, rc, err);
}

int funds_void(sqlite3 *db, int64_t id, const char *reason, struct fx_error *err)
{
    char why[401];
    text_copy(why, sizeof why, reason ? reason : "");
    if (!*text_trim(why))
        return fx_fail_field(err, FX_EINPUT, "reason", "作废必须写明原因");
    if (text_check_field(err, "reason", "作废原因", why, FX_WHY_CHARS, 0))
        return FX_EINPUT;
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    struct funds_entry e;
    rc = funds_get(db, id, &e, err);
    if (!rc)
        rc = entity_refuse_closed(db, atoi(e.date), "作废其中的经费记录", err);
    if (!rc && e.voided)
        rc = fx_fail(err, FX_EINPUT, "经费记录 %lld 已经作废", (long long)id);
    char *before = rc ? NULL : store_row_json(db, FUNDS_GET, id);
    if (!rc)
        rc = store_run(db,
                       "UPDATE funds_entry SET voided = 1, void_reason = ?2, "
                       "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                       STORE_ARGS(STORE_INT(id), STORE_TEXT(why)), err);
    if (!rc)
        rc = entity_audit(db, "funds", "void", FUNDS_GET, id, e.uuid, before, err);
    sqlite3_free(before);
    return store_end(db, rc, err);
}

int funds_each(sqlite3 *db, const char *from, const char *to, bool with_voided, funds_entry_fn fn, void *ctx,
               struct fx_error *err)
{
    sqlite3_stmt *st;
    int rc = store_prepare(db,
                           "SELECT " FUNDS_COLS " FROM funds_entry WHERE date BETWEEN ?1 AND ?2 "
                           "AND (?3 OR voided = 0) ORDER BY date, id",
                           &st, err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, with_voided);
    struct funds_entry *e = malloc(sizeof *e);
    if (!e) {
        sqlite3_finalize(st);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        read_entry(st, e);
        if ((rc = fn(e, ctx)) != 0)
            break;
    }
    if (!rc && s != SQLITE_DONE)
        rc = store_fail(db, s, err, "读取经费记录");
    sqlite3_finalize(st);
    free(e);
    return rc;
}

int funds_page(sqlite3 *db, const char *from, const char *to, const char *after_date, int64_t after_id,
               struct funds_entry *rows, int max, struct fx_error *err)
{
    sqlite3_stmt *st;
    if (store_prepare(db,
                      "SELECT " FUNDS_COLS " FROM funds_entry WHERE date BETWEEN ?1 AND ?2 "
                      "AND (?3 IS NULL OR (date, id) > (?3, ?4)) ORDER BY date, id LIMIT ?5",
                      &st, err))
        return -1;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
    if (after_date)
        sqlite3_bind_text(st, 3, after_date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, after_id);
    sqlite3_bind_int(st, 5, max);
    return entity_read_rows(db, st, read_entry, rows, sizeof *rows, max, "读取经费记录", err);
}

int funds_budget_set(sqlite3 *db, const struct funds_rules *rules, int year, const char *source, int64_t fen,
                     struct fx_error *err)
{
    if (year < 1900 || year > 2999)
        return fx_fail_field(err, FX_EINPUT, "year", "年份超出范围：%d", year);
    if (word_index((char(*)[FUNDS_WORD_BYTES])rules->source, rules->nsources, source) < 0)
        return fx_fail_field(err, FX_EINPUT, "source", "经费来源“%s”不在 %s 的 [sources] 中", source, rules_file(rules));
    if (fen < 0 || fen > FUNDS_MAX_FEN)
        return fx_fail_field(err, FX_EINPUT, "amount", "预算金额超出范围");
    int rc = store_begin(db, err);
    if (rc)
        return rc;
    rc = entity_refuse_closed(db, year, "改动预算", err);
    char key[128], before[256] = "", after[256];
    text_format(key, sizeof key, "%d/%s", year, source);
    if (!rc)
        rc = store_get_text(db,
                            "SELECT json_object('year', year, 'source', source, 'amount', amount) FROM funds_budget "
                            "WHERE year = ?1 AND source = ?2",
                            STORE_ARGS(STORE_INT(year), STORE_TEXT(source)), before, sizeof before, err);
    if (!rc)
        rc = store_run(db,
                       "INSERT INTO funds_budget (year, source, amount) VALUES (?1, ?2, ?3) "
                       "ON CONFLICT (year, source) DO UPDATE SET amount = excluded.amount, "
                       "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')",
                       STORE_ARGS(STORE_INT(year), STORE_TEXT(source), STORE_INT(fen)), err);
    if (!rc)
        rc = store_get_text(db, "SELECT json_object('year', ?1, 'source', ?2, 'amount', ?3)",
                            STORE_ARGS(STORE_INT(year), STORE_TEXT(source), STORE_INT(fen)), after, sizeof after, err);
    if (!rc)
        rc = store_audit(db, before[0] ? "update" : "insert", "funds_budget", key, before[0] ? before : NULL, after,
                         err);
    return store_end(db, rc, err);
}

int funds_balance_before(sqlite3 *db, const char *before, int64_t *fen, struct fx_error *err)
{
    *fen = 0;
    return store_get_int(db,
                         "SELECT ifnull(sum(CASE direction WHEN '收入' THEN amount ELSE -amount END), 0) "
                         "FROM funds_entry WHERE voided = 0 AND date < ?1",
                         STORE_ARGS(STORE_TEXT(before)), fen, err);
}

/* ---- the year against the budget ---- */

static struct funds_line *line_for(struct funds_line *lines, int *n, const char *name)
{
    for (int i = 0; i < *n; i++)
        if (!strcmp(lines[i].name, name))
            return &lines[i];
    if (*n >= FUNDS_MAX_WORDS * 2)
        return NULL;
    struct funds_line *l = &lines[(*n)++];
    memset(l, 0, sizeof *l);
    text_copy(l->name, sizeof l->name, name);
    return l;
}

int funds_year_summary(sqlite3 *db, const struct funds_rules *rules, int year, struct funds_year *y,
                       struct fx_error *err)
{
    memset(y, 0, sizeof *y);
    y->year = year;
    for (int i = 0; i < rules->nsources; i++)
        line_for(y->source, &y->nsources, rules->source[i]);
    for (int i = 0; i < rules->nexpense; i++) {
        struct funds_line *c = line_for(y->category, &y->ncategories, rules->expense[i]);
        if (c && rules->limit[i] > 0) {
            c->has_budget = true;
            c->budget = rules->limit[i];
        }
    }
    char from[11], to[11];
    text_format(from, sizeof from, "%04d-01-01", year);
    text_format(to, sizeof to, "%04d-12-31", year);
    /* Budgets: set ones, then the default for its source when none is set for it. */
    sqlite3_stmt *st;
    int rc = store_prepare(db, "SELECT source, amount FROM funds_budget WHERE year = ?1 ORDER BY source", &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int(st, 1, year);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        struct funds_line *l = line_for(y->source, &y->nsources, (const char *)sqlite3_column_text(st, 0));
        if (!l)
            continue;
        l->has_budget = l->budget_set = true;
        l->budget = sqlite3_column_int64(st, 1);
        y->budget_listed = true;
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE)
        return store_fail(db, s, err, "读取预算");
    if (rules->budget_source[0]) {
        struct funds_line *l = line_for(y->source, &y->nsources, rules->budget_source);
        if (l && !l->budget_set) {
            l->has_budget = true;
            l->budget = rules->budget_fen;
        }
    }
    /* Entries, live and voided, grouped by direction, source and category. */
    rc = store_prepare(db,
                       "SELECT direction, source, category, voided, count(*), sum(amount), "
                       "  sum(rule_reason = '') FROM funds_entry WHERE date BETWEEN ?1 AND ?2 "
                       "GROUP BY direction, source, category, voided",
                       &st, err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        const char *dir = (const char *)sqlite3_column_text(st, 0);
        const char *src = (const char *)sqlite3_column_text(st, 1);
        const char *cat = (const char *)sqlite3_column_text(st, 2);
        int64_t count = sqlite3_column_int64(st, 4), sum = sqlite3_column_int64(st, 5);
        int64_t no_reason = sqlite3_column_int64(st, 6);
        if (sqlite3_column_int(st, 3)) {
            y->voided += count;
            continue;
        }
        y->entries += count;
        struct funds_line *l = line_for(y->source, &y->nsources, src);
        bool income = !strcmp(dir, FUNDS_INCOME);
        if (income) {
            y->income += sum;
            if (l) {
                l->income += sum;
                l->entries += count;
            }
            continue;
        }
        y->expense += sum;
        struct funds_line *c = line_for(y->category, &y->ncategories, cat);
        bool outside = !funds_rule_allows(rules, cat, src);
        if (l) {
            l->expense += sum;
            l->entries += count;
        }
        if (c) {
            c->expense += sum;
            c->entries += count;
        }
        if (outside) {
            y->exceptions += count;
            y->unexplained += no_reason;
            if (l) {
                l->exceptions += count;
                l->unexplained += no_reason;
            }
            if (c) {
                c->exceptions += count;
                c->unexplained += no_reason;
            }
        }
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE)
        return store_fail(db, s, err, "统计经费");
    for (int i = 0; i < y->nsources; i++)
        if (y->source[i].has_budget) {
            y->budget += y->source[i].budget;
            y->budgeted_expense += y->source[i].expense;
        }
    /* The training it paid for: live sessions linked from the year's live expense entries. */
    rc = store_prepare(db,
                       "SELECT ifnull(sum(f.amount), 0), count(DISTINCT s.id), "
                       "  ifnull((SELECT sum(present) FROM session WHERE voided = 0 AND id IN (SELECT session_id FROM "
                       "   funds_entry WHERE voided = 0 AND direction = '支出' AND date BETWEEN ?1 AND ?2)), 0) "
                       "FROM funds_entry f JOIN session s ON s.id = f.session_id AND s.voided = 0 "
                       "WHERE f.voided = 0 AND f.direction = '支出' AND f.date BETWEEN ?1 AND ?2",
                       &st, err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
    if ((s = sqlite3_step(st)) == SQLITE_ROW) {
        y->linked_expense = sqlite3_column_int64(st, 0);
        y->linked_sessions = sqlite3_column_int64(st, 1);
        y->linked_person_times = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    if (s != SQLITE_ROW)
        return store_fail(db, s, err, "统计经费");
    return 0;
}

bool funds_line_over(const struct funds_line *l)
{
    return l->has_budget && l->expense > l->budget;
}

bool funds_year_over(const struct funds_year *y)
{
    return y->budget > 0 && y->budgeted_expense > y->budget;
}

double funds_year_used(const struct funds_year *y)
{
    return y->budget > 0 ? (double)y->budgeted_expense / (double)y->budget : -1;
}

int funds_year_warnings(const struct funds_year *y, char lines[][256], int max)
{
    int n = 0;
    char a[32], b[32], c[32];
    if (funds_year_over(y) && n < max) {
        funds_format(y->budgeted_expense, a, sizeof a);
        funds_format(y->budget, b, sizeof b);
        funds_format(y->budgeted_expense - y->budget, c, sizeof c);
        text_format(lines[n++], 256, "警告：%d年列入预算的来源共支出 %s 元，超出全年预算 %s 元，超支 %s 元", y->year, a, b,
                    c);
    }
    for (int i = 0; i < y->nsources && n < max; i++) {
        const struct funds_line *l = &y->source[i];
        if (!funds_line_over(l))
            continue;
        funds_format(l->expense, a, sizeof a);
        funds_format(l->budget, b, sizeof b);
        funds_format(l->expense - l->budget, c, sizeof c);
        text_format(lines[n++], 256, "警告：%s支出 %s 元，超出预算 %s 元，超支 %s 元", l->name, a, b, c);
    }
    for (int i = 0; i < y->ncategories && n < max; i++) {
        const struct funds_line *l = &y->category[i];
        if (!funds_line_over(l))
            continue;
        funds_format(l->expense, a, sizeof a);
        funds_format(l->budget, b, sizeof b);
        text_format(lines[n++], 256, "警告：%s支出 %s 元，超出限额 %s 元", l->name, a, b);
    }
    if (y->unexplained > 0 && n < max)
        text_format(lines[n++], 256, "警告：有 %lld 笔支出不符合经费规则且没有写明原因", (long long)y->unexplained);
    return n;
}

int funds_month_expense(sqlite3 *db, int year, int month, int64_t *fen, struct fx_error *err)
{
    char prefix[8];
    text_format(prefix, sizeof prefix, "%04d-%02d", year, month);
    *fen = 0;
    return store_get_int(db,
                         "SELECT ifnull(sum(amount), 0) FROM funds_entry WHERE voided = 0 AND direction = '支出' "
                         "AND substr(date, 1, 7) = ?1",
                         STORE_ARGS(STORE_TEXT(prefix)), fen, err);
}
