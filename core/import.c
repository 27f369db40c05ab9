/* import.c — roster import from CSV: header matching, identity rules, one transaction.
 * Every line gets an outcome; any refusal rolls the whole file back unless asked otherwise. */
#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csvin.h"
#include "ini.h"
#include "menu.h"
#include "paths.h"
#include "roster.h"
#include "store.h"
#include "text.h"
#include "vocab.h"

struct field_def {
    const char *key;   /* as in data/import.ini */
    const char *label; /* for messages */
    bool required;
    size_t max; /* bytes the ledger keeps */
};

#define NFIELDS_MAX 12

/* A line whose write failed after it was found good: the ledger's failure, not the line's. */
enum { IMPORT_FATAL = -2 };

static const struct field_def branch_fields[] = {
    {"name", "党组织名称", true, 200}, {"kind", "类型", false, 31}, {"secretary", "书记", false, 63},
    {"phone", "联系电话", false, 31},  {NULL, NULL, false, 0},
};
static const struct field_def member_fields[] = {
    {"name", "姓名", true, 100},     {"branch", "所在党支部", true, 200}, {"phone", "联系电话", false, 31},
    {"role", "人员类别", false, 31}, {"gender", "性别", false, 7},        {"note", "备注", false, 255},
    {NULL, NULL, false, 0},
};
static const struct field_def teacher_fields[] = {
    {"name", "姓名", true, 100},        {"employment", "专职兼职", false, 15},
    {"type", "类型", false, 15},        {"adviser", "指导员", false, 8},
    {"org", "单位", false, 127},        {"phone", "联系电话", false, 31},
    {"topics", "擅长专题", false, 255}, {NULL, NULL, false, 0},
};
static const struct field_def venue_fields[] = {
    {"name", "名称", true, 200},     {"kind", "类型", false, 15},         {"theme", "主题", false, 127},
    {"address", "地址", false, 255}, {"capacity", "容纳人数", false, 16}, {"guide", "讲解员", false, 63},
    {NULL, NULL, false, 0},
};
static const struct field_def course_fields[] = {
    {"title", "课程名称", true, 200}, {"category", "内容类别", true, 63},  {"module", "模块", false, 63},
    {"format", "形式", true, 63},     {"teacher", "教师", false, 100},     {"venue", "场地", false, 200},
    {"hours", "学时", false, 16},     {"description", "简介", false, 511}, {"featured", "精品课", false, 8},
    {NULL, NULL, false, 0},
};

static const struct {
    const char *section, *label;
    const struct field_def *fields;
} tables[IMPORT_NTABLES] = {
    [IMPORT_BRANCHES] = {"branches", "党组织", branch_fields}, [IMPORT_MEMBERS] = {"members", "党员", member_fields},
    [IMPORT_TEACHERS] = {"teachers", "教师", teacher_fields},  [IMPORT_VENUES] = {"venues", "场地", venue_fields},
    [IMPORT_COURSES] = {"courses", "课程", course_fields},
};

int import_table_parse(const char *name)
{
    static const struct {
        const char *word;
        int table;
    } words[] = {
        {"branches", IMPORT_BRANCHES}, {"branch", IMPORT_BRANCHES},   {"党组织", IMPORT_BRANCHES},
        {"members", IMPORT_MEMBERS},   {"member", IMPORT_MEMBERS},    {"党员", IMPORT_MEMBERS},
        {"名册", IMPORT_MEMBERS},      {"teachers", IMPORT_TEACHERS}, {"teacher", IMPORT_TEACHERS},
        {"教师", IMPORT_TEACHERS},     {"师资", IMPORT_TEACHERS},     {"venues", IMPORT_VENUES},
        {"venue", IMPORT_VENUES},      {"场地", IMPORT_VENUES},       {"courses", IMPORT_COURSES},
        {"course", IMPORT_COURSES},    {"课程", IMPORT_COURSES},      {"菜单", IMPORT_COURSES},
    };
    for (size_t i = 0; name && i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(name, words[i].word))
            return words[i].table;
    return -1;
}

const char *import_table_label(int table)
{
    return table >= 0 && table < IMPORT_NTABLES ? tables[table].label : "?";
}

const char *import_outcome_label(int outcome)
{
    switch (outcome) {
    case IMPORT_ADDED: return "新增";
    case IMPORT_UPDATED: return "修改";
    case IMPORT_UNCHANGED: return "不变";
    case IMPORT_REFUSED: return "拒绝";
    }
    return "?";
}

void import_result_free(struct import_result *res)
{
    if (!res)
        return;
    free(res->lines);
    res->lines = NULL;
    res->nlines = res->cap = 0;
}

/* An audit record's row as JSON, the shape store_row_json gives for SELECT *
 * (tests/unit/test_import.c holds the two together). */
#define MEMBER_JSON                                                                                                    \
    "json_object('id', id, 'uuid', uuid, 'branch_id', branch_id, 'name', name, 'gender', gender, 'phone', "            \
    "phone, 'role', role, 'note', note, 'active', active, 'updated_at', updated_at)"

enum {
    S_SEEN,
    S_SEEN_HAS,
    S_BRANCH_ID,
    S_BRANCH_HAS_MEMBERS,
    S_MEMBER_MATCH,
    S_MEMBER_GET,
    S_MEMBER_INSERT,
    S_MEMBER_UPDATE,
    S_MEMBER_JSON,
    S_MEMBER_AUDIT_UPDATE,
    S_MEMBER_AUDIT_INSERTS,
    S_TEACHER_MATCH,
    S_NOW,
    S_SAVEPOINT,
    S_ROLLBACK_TO,
    S_RELEASE,
    S_COUNT
};

struct ctx {
    sqlite3 *db;
    const struct import_options *opt;
    struct import_result *res;
    struct ini rules;
    bool have_rules;
    const struct field_def *fields;
    int nfields;
    int col[NFIELDS_MAX]; /* column of each field, -1 when absent */
    int ncols;            /* columns of the header */
    struct csvin *in;
    int64_t unit_id;
    char val[NFIELDS_MAX][1024]; /* the cells of the current line, cleaned */
    char tmp[CSVIN_MAX_FIELD + 8];
    struct import_line cur;    /* the line being read; kept in res->lines only within the bounds of import.h */
    int kept_other;            /* lines other than refused ones kept in res->lines */
    sqlite3_stmt *st[S_COUNT]; /* prepared once per import, on first use */
    struct fx_error fatal;     /* a write that failed after its line was found good */
    /* Members: rows above member_max were added by this import, so they are
     * never matched again (two people of one name stay two). */
    int64_t member_max;
    char now[32], now_ms[32]; /* updated_at and audit.at of the rows written */
    struct vocab_list roles;
    char last_branch[256]; /* lines come grouped by branch: the last lookup */
    int64_t last_branch_id;
    int64_t known_branch; /* the branch whose has_members is known */
    bool has_members;     /* … had members before this import (else no line can match one) */
    struct value_memo {
        const char *section;
        char from[64], to[64];
    } memo[2];       /* role_values, gender_values */
    bool uuid_ready; /* new rows' uuids: see new_uuid */
    uint64_t uuid_ms, uuid_b;
    unsigned uuid_a;
};

/* The statements of an import, prepared once (not once per line). */
static const char *const stmt_sql[S_COUNT] = {
    [S_SEEN] = "INSERT OR IGNORE INTO temp.fx_import_seen (id) VALUES (?1)",
    [S_BRANCH_ID] = "SELECT id FROM branch WHERE unit_id = ?1 AND name = ?2",
    [S_BRANCH_HAS_MEMBERS] = "SELECT 1 FROM member WHERE branch_id = ?1 AND id <= ?2 LIMIT 1",
    /* Not "NOT IN (SELECT … seen)": that builds a temporary index on every
     * run; S_SEEN_HAS looks up the few namesakes one by one instead. */
    [S_MEMBER_MATCH] = "SELECT id, phone FROM member WHERE branch_id = ?1 AND name = ?2 AND id <= ?3 "
                       "ORDER BY active DESC, id",
    [S_SEEN_HAS] = "SELECT 1 FROM temp.fx_import_seen WHERE id = ?1",
    [S_MEMBER_GET] = "SELECT phone, role, gender, note, active FROM member WHERE id = ?1",
    /* Times are the import's, formatted once (x->now), not once per row. */
    [S_MEMBER_INSERT] = "INSERT INTO member (branch_id, name, gender, phone, role, note, active, uuid, updated_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8)",
    [S_MEMBER_UPDATE] =
        "UPDATE member SET phone = ?2, role = ?3, gender = ?4, note = ?5, updated_at = ?6 WHERE id = ?1",
    [S_MEMBER_JSON] = "SELECT " MEMBER_JSON " FROM member WHERE id = ?1",
    [S_MEMBER_AUDIT_UPDATE] = "INSERT INTO audit (at, who, action, entity, uuid, before, after) "
                              "SELECT ?4, ?1, 'update', 'member', uuid, ?2, " MEMBER_JSON " FROM member WHERE id = ?3",
    [S_MEMBER_AUDIT_INSERTS] =
        "INSERT INTO audit (at, who, action, entity, uuid, before, after) "
        "SELECT ?3, ?1, 'insert', 'member', uuid, NULL, " MEMBER_JSON " FROM member WHERE id > ?2 ORDER BY id",
    [S_NOW] = "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
    [S_TEACHER_MATCH] = "SELECT id, phone FROM teacher WHERE unit_id = ?1 AND name = ?2 "
                        "AND id NOT IN (SELECT id FROM temp.fx_import_seen) ORDER BY active DESC, id",
    [S_SAVEPOINT] = "SAVEPOINT fx_import_line",
    [S_ROLLBACK_TO] = "ROLLBACK TO fx_import_line",
    [S_RELEASE] = "RELEASE fx_import_line",
};

/* The statement, reset and unbound for this use; NULL (with x->fatal set) if it cannot be prepared. */
static sqlite3_stmt *stmt(struct ctx *x, int which)
{
    if (!x->st[which]) {
        int rc = sqlite3_prepare_v3(x->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT, &x->st[which], NULL);
        if (rc != SQLITE_OK) {
            store_fail(x->db, rc, &x->fatal, "读取账本");
            fx_detail(&x->fatal, "prepare %s: %s", stmt_sql[which], sqlite3_errmsg(x->db));
            x->st[which] = NULL;
            return NULL;
        }
    } else {
        sqlite3_reset(x->st[which]);
        sqlite3_clear_bindings(x->st[which]);
    }
    return x->st[which];
}

/* Run a statement that returns no rows; 0 or a status (x->fatal says why). */
static int stmt_done(struct ctx *x, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return 0;
    return store_fail(x->db, rc, &x->fatal, what);
}

static const char *rule(struct ctx *x, const char *section, const char *key)
{
    if (!x->have_rules)
        return NULL;
    char full[256];
    snprintf(full, sizeof full, "%s:%s", section, key);
    return ini_str(&x->rules, full, NULL);
}

/* Header text as compared: trimmed, without the * that marks a required column. */
static void normalise_header(char *s)
{
    text_trim(s);
    for (;;) {
        size_t n = strlen(s);
        if (n && (s[0] == '*' || s[n - 1] == '*')) {
            if (s[0] == '*')
                memmove(s, s + 1, n);
            else
                s[n - 1] = '\0';
        } else if (n >= 3 && !strncmp(s, "＊", 3)) {
            memmove(s, s + 3, n - 2);
        } else if (n >= 3 && !strcmp(s + n - 3, "＊")) {
            s[n - 3] = '\0';
        } else {
            break;
        }
        text_trim(s);
    }
}

/* Does word appear in the synonym list (separated by , ， 、)? */
static bool list_has(const char *list, const char *word)
{
    if (!list || !*word)
        return false;
    size_t wn = strlen(word);
    const char *p = list;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *end = p;
        while (*end && *end != ',' && strncmp(end, "，", 3) && strncmp(end, "、", 3))
            end++;
        const char *e = end;
        while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        if ((size_t)(e - p) == wn && !memcmp(p, word, wn))
            return true;
        p = *end == ',' ? end + 1 : *end ? end + 3 : end;
    }
    return false;
}

/* Which field a header (or a --map target) names, -1 if none. */
static int field_for(struct ctx *x, const char *name)
{
    for (int f = 0; f < x->nfields; f++)
        if (!strcmp(name, x->fields[f].key) || !strcmp(name, x->fields[f].label))
            return f;
    for (int f = 0; f < x->nfields; f++)
        if (list_has(rule(x, tables[x->opt->table].section, x->fields[f].key), name))
            return f;
    return -1;
}

static void append_text(char *dst, size_t sz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void append_text(char *dst, size_t sz, const char *fmt, ...)
{
    size_t n = strlen(dst);
    if (n + 1 >= sz)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst + n, sz - n, fmt, ap);
    va_end(ap);
}

/* snprintf(dst, sz, "%s", src) without the cost of a format, for the per-line path. */
static void copy(char *dst, size_t sz, const char *src)
{
    size_t n = strlen(src);
    if (n >= sz)
        n = sz - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Read the header line and decide the column of every field. */
static int map_header(struct ctx *x, struct fx_error *err)
{
    const char *name = csvin_name(x->in);
    int rc = csvin_read(x->in, err);
    if (rc == CSVIN_EOF)
        return fx_fail(err, FX_EINPUT, "%s：文件是空的，没有表头", name);
    if (rc != CSVIN_RECORD)
        return FX_EINPUT;
    x->ncols = csvin_count(x->in);
    char heads[CSVIN_MAX_FIELDS][64];
    for (int c = 0; c < x->ncols; c++) {
        char h[256];
        text_sanitize(h, sizeof h, csvin_field(x->in, c));
        normalise_header(h);
        text_fit(heads[c], sizeof heads[c], h, 30);
    }
    for (int f = 0; f < x->nfields; f++)
        x->col[f] = -1;
    bool used[CSVIN_MAX_FIELDS] = {false};
    /* An explicit map first: it wins over the synonyms. */
    if (x->opt->map && *x->opt->map) {
        char map[2048];
        snprintf(map, sizeof map, "%s", x->opt->map);
        char *p = map;
        while (*p) {
            char *end = p;
            while (*end && *end != ',' && strncmp(end, "，", 3))
                end++;
            char *next = *end == ',' ? end + 1 : *end ? end + 3 : end;
            *end = '\0';
            char *eq = strchr(p, '=');
            if (!eq)
                return fx_fail(err, FX_EUSAGE, "--map 的每一项应为“列名=字段”，而不是“%s”", p);
            *eq = '\0';
            char *colname = p, *fname = eq + 1;
            normalise_header(colname);
            text_trim(fname);
            int f = field_for(x, fname);
            if (f < 0)
                return fx_fail(err, FX_EUSAGE, "--map：%s没有“%s”这一项", tables[x->opt->table].label, fname);
            int c = -1;
            if (*colname && strspn(colname, "0123456789") == strlen(colname)) {
                c = atoi(colname) - 1;
                if (c < 0 || c >= x->ncols)
                    return fx_fail(err, FX_EUSAGE, "--map：文件只有 %d 列，没有第 %s 列", x->ncols, colname);
            } else {
                for (int k = 0; k < x->ncols && c < 0; k++)
                    if (!strcmp(heads[k], colname))
                        c = k;
                if (c < 0)
                    return fx_fail(err, FX_EUSAGE, "--map：文件 %s 的表头中没有“%s”这一列", name, colname);
            }
            x->col[f] = c;
            used[c] = true;
            p = next;
        }
    }
    char ignored[400] = "";
    for (int c = 0; c < x->ncols; c++) {
        if (used[c] || !heads[c][0])
            continue;
        int f = field_for(x, heads[c]);
        if (f >= 0 && x->col[f] < 0) {
            x->col[f] = c;
            used[c] = true;
        } else {
            append_text(ignored, sizeof ignored, "%s%s", ignored[0] ? "、" : "", heads[c]);
        }
    }
    char *cols = x->res->columns;
    cols[0] = '\0';
    for (int f = 0; f < x->nfields; f++)
        if (x->col[f] >= 0)
            append_text(cols, sizeof x->res->columns, "%s%s→%s", cols[0] ? "、" : "", heads[x->col[f]],
                        x->fields[f].label);
    if (ignored[0])
        append_text(cols, sizeof x->res->columns, "；未用的列：%s", ignored);
    for (int f = 0; f < x->nfields; f++) {
        if (!x->fields[f].required || x->col[f] >= 0)
            continue;
        const char *syn = rule(x, tables[x->opt->table].section, x->fields[f].key);
        return fx_fail(err, FX_EINPUT, "%s 第%d行：表头中找不到“%s”列（可用的列名：%s；也可以用 --map 列名=%s 指定）",
                       name, csvin_line(x->in), x->fields[f].label, syn ? syn : x->fields[f].label, x->fields[f].key);
    }
    return 0;
}

static int refuse(struct import_line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int refuse(struct import_line *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(l->message, sizeof l->message, fmt, ap);
    va_end(ap);
    l->outcome = IMPORT_REFUSED;
    return IMPORT_REFUSED;
}

/* Copy the cells of the current record into x->val, cleaned; refuse overlong ones. */
static int read_cells(struct ctx *x, struct import_line *l)
{
    int n = csvin_count(x->in);
    for (int c = x->ncols; c < n; c++)
        if (*text_trim(strcpy(x->tmp, csvin_field(x->in, c))))
            return refuse(l, "这一行有 %d 列，比表头（%d 列）多，可能是某个单元格里有未加引号的逗号", n, x->ncols);
    for (int f = 0; f < x->nfields; f++) {
        x->val[f][0] = '\0';
        if (x->col[f] < 0)
            continue;
        if (x->col[f] >= n)
            return refuse(l, "这一行只有 %d 列，比表头（%d 列）少，缺少“%s”", n, x->ncols, x->fields[f].label);
        /* Line breaks typed inside a cell become spaces; escapes were refused by the reader. */
        text_sanitize(x->tmp, sizeof x->tmp, csvin_field(x->in, x->col[f]));
        char *s = text_trim(x->tmp);
        /* Our own exports mark text that looks like a formula with a leading apostrophe. */
        if (s[0] == '\'' && strchr("=+-@", s[1]) && s[1])
            s++;
        if (strlen(s) > x->fields[f].max)
            return refuse(l, "“%s”太长（%zu 字节，最多 %zu 字节，约 %zu 个汉字）", x->fields[f].label, strlen(s),
                          x->fields[f].max, x->fields[f].max / 3);
        copy(x->val[f], sizeof x->val[f], s);
    }
    return -1;
}

static const char *cell(struct ctx *x, const char *key)
{
    for (int f = 0; f < x->nfields; f++)
        if (!strcmp(x->fields[f].key, key))
            return x->val[f];
    return "";
}

/* A person's name without the spaces typed to line up two-character names. */
static void person_name(char *s)
{
    bool cjk_only = true;
    for (const char *p = s; *p;) {
        uint32_t cp;
        p += text_decode(p, strlen(p), &cp);
        if (cp != ' ' && cp != 0x3000 && cp < 0x2E80)
            cjk_only = false;
    }
    if (!cjk_only)
        return;
    char *w = s;
    for (const char *p = s; *p;) {
        if (*p == ' ') {
            p++;
        } else if (!strncmp(p, "\xE3\x80\x80", 3)) {
            p += 3;
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
}

/* Phone numbers as text: spaces removed, Excel's number damage caught. */
static int clean_phone(char *s, struct import_line *l)
{
    char *w = s;
    for (const char *p = s; *p;) {
        if (*p == ' ')
            p++;
        else if (!strncmp(p, "\xE3\x80\x80", 3))
            p += 3;
        else
            *w++ = *p++;
    }
    *w = '\0';
    size_t n = strlen(s);
    if (n > 2 && !strcmp(s + n - 2, ".0") && strspn(s, "0123456789") == n - 2)
        s[n - 2] = '\0';
    if (strpbrk(s, "Ee") && strspn(s, "0123456789.Ee+") == strlen(s) && strchr(s, '.'))
        return refuse(l, "联系电话“%s”被表格软件改成了科学计数法；请把这一列设为“文本”后重新保存", s);
    return -1;
}

/* A value through a [*_values] section of the rules ("党员" → "普通党员"). */
static void map_value(struct ctx *x, const char *section, char *s, size_t sz)
{
    /* A column holds a handful of words: remember the last one looked up. */
    struct value_memo *m = &x->memo[!strcmp(section, "gender_values")];
    if (m->section == section && !strcmp(m->from, s)) {
        if (m->to[0])
            copy(s, sz, m->to);
        return;
    }
    const char *to = rule(x, section, s);
    m->section = section;
    copy(m->from, sizeof m->from, s);
    copy(m->to, sizeof m->to, to && *to ? to : "");
    if (to && *to)
        copy(s, sz, to);
}

static int yes_no(struct ctx *x, const char *label, char *s, int *out, struct import_line *l)
{
    if (!*s)
        return -1;
    char low[64];
    snprintf(low, sizeof low, "%s", s);
    for (char *p = low; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    const char *v = rule(x, "yesno_values", low);
    if (!v && (!strcmp(low, "是") || !strcmp(low, "否")))
        v = !strcmp(low, "是") ? "1" : "0";
    if (!v || (strcmp(v, "1") && strcmp(v, "0")))
        return refuse(l, "“%s”应为“是”或“否”，而不是“%s”", label, s);
    *out = v[0] == '1';
    return -1;
}

/* "50", "50人"; "2", "2学时". */
static int number(const char *label, const char *s, const char *unit, double lo, double hi, bool integer, double *out,
                  struct import_line *l)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", s);
    size_t n = strlen(buf), u = unit ? strlen(unit) : 0;
    if (u && n > u && !strcmp(buf + n - u, unit))
        buf[n - u] = '\0';
    text_trim(buf);
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (!buf[0] || *end || errno || isnan(v) || v < lo || v > hi || (integer && v != floor(v)))
        return refuse(l, "“%s”应为 %g 到 %g 之间的%s，而不是“%s”", label, lo, hi, integer ? "整数" : "数", s);
    *out = v;
    return -1;
}

static void note_change(char *msg, size_t sz, const char *label, const char *before, const char *after)
{
    append_text(msg, sz, "%s%s：%s → %s", msg[0] ? "；" : "", label, before[0] ? before : "（空）", after);
}

/* Set dst from the file when the file gives a value that differs; note it. */
static void take(char *dst, size_t dsz, const char *from, const char *label, char *msg, size_t msz, bool *changed)
{
    if (!from[0] || !strcmp(dst, from))
        return;
    note_change(msg, msz, label, dst, from);
    copy(dst, dsz, from);
    *changed = true;
}

static int seen(struct ctx *x, int64_t id)
{
    sqlite3_stmt *st = stmt(x, S_SEEN);
    if (!st)
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, id);
    return stmt_done(x, st, "导入");
}

/* Was this ledger row matched by an earlier line of the file? */
static bool was_seen(struct ctx *x, int64_t id)
{
    sqlite3_stmt *st = stmt(x, S_SEEN_HAS);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, id);
    bool yes = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    return yes;
}

/* The identity rule of members and teachers: see import.h. sql selects
 * (id, phone) of same-named rows not yet matched by this file, binding ?1 = the
 * scope (branch or unit) and ?2 = the name. Returns the id, 0 for a new
 * person, or -1 when ambiguous (l is refused). */
static int64_t match_person(struct ctx *x, int which, int64_t scope, const char *name, const char *phone,
                            const char *where, struct import_line *l)
{
    sqlite3_stmt *st = stmt(x, which);
    if (!st) {
        refuse(l, "读取账本失败：%s", x->fatal.msg);
        return -1;
    }
    sqlite3_bind_int64(st, 1, scope);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, x->member_max); /* members only: ?3 is not in the teachers' query */
    int64_t ids[32];
    char phones[32][32];
    int n = 0, total = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (which == S_MEMBER_MATCH && was_seen(x, sqlite3_column_int64(st, 0)))
            continue;
        if (n < 32) {
            ids[n] = sqlite3_column_int64(st, 0);
            const unsigned char *p = sqlite3_column_text(st, 1);
            copy(phones[n], sizeof phones[n], p ? (const char *)p : "");
            n++;
        }
        total++;
    }
    sqlite3_reset(st);
    if (phone[0])
        for (int i = 0; i < n; i++)
            if (!strcmp(phones[i], phone))
                return ids[i];
    if (total == 0)
        return 0;
    if (total == 1)
        return ids[0];
    char list[160] = "";
    for (int i = 0; i < n && i < 6; i++)
        append_text(list, sizeof list, "%s%lld", i ? "、" : "", (long long)ids[i]);
    refuse(l, "%s有 %d 位“%s”（编号 %s），%s无法确定是哪一位；请在文件中写上各人的联系电话，或在名册中修改", where,
           total, name, list, phone[0] ? "联系电话都对不上，" : "");
    return -1;
}

static const char *guess_branch_kind(const char *name)
{
    static const struct {
        const char *part, *kind;
    } rules[] = {
        {"社区", "社区"}, {"村", "村"},     {"公司", "企业"}, {"企业", "企业"},   {"集团", "企业"}, {"厂", "企业"},
        {"学校", "学校"}, {"小学", "学校"}, {"中学", "学校"}, {"幼儿园", "学校"}, {"机关", "机关"}, {"政府", "机关"},
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (strstr(name, rules[i].part))
            return rules[i].kind;
    return "其他";
}

static int64_t branch_by_name(struct ctx *x, const char *name)
{
    if (x->last_branch_id > 0 && !strcmp(name, x->last_branch))
        return x->last_branch_id;
    sqlite3_stmt *st = stmt(x, S_BRANCH_ID);
    if (!st)
        return -1;
    int64_t id = 0;
    sqlite3_bind_int64(st, 1, x->unit_id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        id = sqlite3_column_int64(st, 0);
    else if (rc != SQLITE_DONE)
        id = -1;
    sqlite3_reset(st);
    if (id > 0) {
        copy(x->last_branch, sizeof x->last_branch, name);
        x->last_branch_id = id;
    }
    return id;
}

/* Saves report through err; the line carries the message. */
static int saved(int rc, struct fx_error *e, struct import_line *l, int outcome)
{
    if (rc)
        return refuse(l, "%s", e->msg);
    l->outcome = outcome;
    return outcome;
}

static int do_branch(struct ctx *x, struct import_line *l)
{
    struct branch b;
    memset(&b, 0, sizeof b);
    struct fx_error e;
    fx_clear(&e);
    char kind[64], phone[64];
    snprintf(kind, sizeof kind, "%s", cell(x, "kind"));
    snprintf(phone, sizeof phone, "%s", cell(x, "phone"));
    snprintf(l->what, sizeof l->what, "%s", cell(x, "name"));
    if (clean_phone(phone, l) >= 0)
        return IMPORT_REFUSED;
    if (kind[0] && !vocab_has(x->db, "branch_kind", kind))
        return refuse(l, "党组织类型“%s”不认识（可用：村、社区、企业、机关、学校、其他）", kind);
    int64_t id = branch_by_name(x, cell(x, "name"));
    bool changed = false;
    if (id > 0) {
        sqlite3_stmt *st;
        if (store_prepare(x->db, "SELECT uuid, name, kind, secretary, phone FROM branch WHERE id = ?", &st, &e))
            return refuse(l, "%s", e.msg);
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            b.id = id;
            snprintf(b.uuid, sizeof b.uuid, "%s", (const char *)sqlite3_column_text(st, 0));
            snprintf(b.name, sizeof b.name, "%s", (const char *)sqlite3_column_text(st, 1));
            snprintf(b.kind, sizeof b.kind, "%s", (const char *)sqlite3_column_text(st, 2));
            snprintf(b.secretary, sizeof b.secretary, "%s", (const char *)sqlite3_column_text(st, 3));
            snprintf(b.phone, sizeof b.phone, "%s", (const char *)sqlite3_column_text(st, 4));
        }
        sqlite3_finalize(st);
        take(b.kind, sizeof b.kind, kind, "类型", l->message, sizeof l->message, &changed);
        take(b.secretary, sizeof b.secretary, cell(x, "secretary"), "书记", l->message, sizeof l->message, &changed);
        take(b.phone, sizeof b.phone, phone, "联系电话", l->message, sizeof l->message, &changed);
        if (!changed) {
            l->outcome = IMPORT_UNCHANGED;
            return IMPORT_UNCHANGED;
        }
        return saved(roster_save_branch(x->db, &b, &e), &e, l, IMPORT_UPDATED);
    }
    snprintf(b.name, sizeof b.name, "%s", cell(x, "name"));
    snprintf(b.kind, sizeof b.kind, "%s", kind[0] ? kind : guess_branch_kind(b.name));
    snprintf(b.secretary, sizeof b.secretary, "%s", cell(x, "secretary"));
    snprintf(b.phone, sizeof b.phone, "%s", phone);
    return saved(roster_save_branch(x->db, &b, &e), &e, l, IMPORT_ADDED);
}

/* Did the branch have members before this import? If not, a line cannot be
 * one of them, and the identity query is skipped (a new township's roster). */
static bool branch_had_members(struct ctx *x, int64_t branch_id)
{
    if (x->known_branch != branch_id) {
        sqlite3_stmt *st = stmt(x, S_BRANCH_HAS_MEMBERS);
        if (!st)
            return true; /* then the query itself reports the failure */
        sqlite3_bind_int64(st, 1, branch_id);
        sqlite3_bind_int64(st, 2, x->member_max);
        x->has_members = sqlite3_step(st) != SQLITE_DONE;
        sqlite3_reset(st);
        x->known_branch = branch_id;
    }
    return x->has_members;
}

static bool is_role(struct ctx *x, const char *role)
{
    for (int i = 0; i < x->roles.n; i++)
        if (!strcmp(x->roles.name[i], role))
            return true;
    return false;
}

/* A new row's uuid. Random (v4) uuids land all over the uuid and audit
 * indexes, and at 75,000 rows that thrashes the page cache; these are laid out
 * as RFC 9562 version 7 (the import's start in Unix milliseconds, then 74 bits
 * that start at a random value and count up), so the rows of one import sort
 * together and each index grows at its end. Unique as v4 ones are: other
 * imports differ in time or in the random start. */
static void new_uuid(struct ctx *x, char out[37])
{
    if (!x->uuid_ready) {
        unsigned char r[16];
        char v4[37];
        store_uuid(v4); /* 122 random bits, from the system's source */
        for (int i = 0, k = 0; i < 16; i++, k += 2) {
            if (v4[k] == '-')
                k++;
            unsigned hi = (unsigned)(v4[k] <= '9' ? v4[k] - '0' : v4[k] - 'a' + 10);
            unsigned lo = (unsigned)(v4[k + 1] <= '9' ? v4[k + 1] - '0' : v4[k + 1] - 'a' + 10);
            r[i] = (unsigned char)(hi << 4 | lo);
        }
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        x->uuid_ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
        x->uuid_a = (unsigned)(r[0] << 8 | r[1]) & 0xfff;
        x->uuid_b = 0;
        for (int i = 2; i < 10; i++)
            x->uuid_b = x->uuid_b << 8 | r[i];
        x->uuid_b &= (UINT64_C(1) << 61) - 1; /* room to count without wrapping */
        x->uuid_ready = true;
    }
    uint64_t b = x->uuid_b++;
    unsigned char u[16];
    for (int i = 0; i < 6; i++)
        u[i] = (unsigned char)(x->uuid_ms >> (40 - 8 * i));
    u[6] = (unsigned char)(0x70 | (x->uuid_a >> 8));
    u[7] = (unsigned char)(x->uuid_a & 0xff);
    u[8] = (unsigned char)(0x80 | ((b >> 56) & 0x3f));
    for (int i = 9; i < 16; i++)
        u[i] = (unsigned char)(b >> (8 * (15 - i)));
    static const char hex[] = "0123456789abcdef";
    char *o = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *o++ = '-';
        *o++ = hex[u[i] >> 4];
        *o++ = hex[u[i] & 15];
    }
    *o = '\0';
}

static const char *column_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

/* A member line. Everything that can refuse it is checked before anything is
 * written, so a refused line leaves nothing behind without a savepoint; a
 * write that fails after that is the ledger's failure (IMPORT_FATAL). */
static int do_member(struct ctx *x, struct import_line *l)
{
    struct fx_error e;
    fx_clear(&e);
    char name[128], bname[256], phone[64], role[64], gender[64];
    copy(name, sizeof name, cell(x, "name"));
    person_name(name);
    copy(bname, sizeof bname, cell(x, "branch"));
    copy(phone, sizeof phone, cell(x, "phone"));
    copy(role, sizeof role, cell(x, "role"));
    copy(gender, sizeof gender, cell(x, "gender"));
    snprintf(l->what, sizeof l->what, "%s（%s）", name, bname);
    if (!name[0])
        return refuse(l, "姓名不能为空");
    if (!bname[0])
        return refuse(l, "没有填写所在党支部");
    if (clean_phone(phone, l) >= 0)
        return IMPORT_REFUSED;
    map_value(x, "role_values", role, sizeof role);
    if (role[0] && !is_role(x, role)) {
        char list[400] = "";
        for (int i = 0; i < x->roles.n; i++)
            append_text(list, sizeof list, "%s%s", i ? "、" : "", x->roles.name[i]);
        return refuse(l, "人员类别“%s”不认识（可用：%s）", role, list);
    }
    map_value(x, "gender_values", gender, sizeof gender);
    if (gender[0] && strcmp(gender, "男") && strcmp(gender, "女"))
        return refuse(l, "性别应为“男”或“女”，而不是“%s”", gender);

    int64_t branch_id = branch_by_name(x, bname);
    if (branch_id < 0)
        return refuse(l, "读取账本失败");
    if (branch_id == 0 && !x->opt->create_branches)
        return refuse(l, "党组织“%s”不在账本中（请先导入党组织，或加 --create-branches 自动新建）", bname);
    int64_t id = 0;
    struct member m; /* the ledger's row, as far as the import changes it */
    memset(&m, 0, sizeof m);
    if (branch_id > 0 && branch_had_members(x, branch_id)) {
        char where[300];
        snprintf(where, sizeof where, "“%s”", bname);
        if ((id = match_person(x, S_MEMBER_MATCH, branch_id, name, phone, where, l)) < 0)
            return IMPORT_REFUSED;
    }
    if (id > 0) {
        sqlite3_stmt *st = stmt(x, S_MEMBER_GET);
        if (!st)
            return IMPORT_FATAL;
        sqlite3_bind_int64(st, 1, id);
        int rc = sqlite3_step(st);
        if (rc != SQLITE_ROW) {
            sqlite3_reset(st);
            return refuse(l, "读取账本失败：%s", rc == SQLITE_DONE ? "记录不存在" : sqlite3_errmsg(x->db));
        }
        copy(m.phone, sizeof m.phone, column_text(st, 0));
        copy(m.role, sizeof m.role, column_text(st, 1));
        copy(m.gender, sizeof m.gender, column_text(st, 2));
        copy(m.note, sizeof m.note, column_text(st, 3));
        m.active = sqlite3_column_int(st, 4);
        sqlite3_reset(st);
        bool changed = false;
        take(m.phone, sizeof m.phone, phone, "联系电话", l->message, sizeof l->message, &changed);
        take(m.role, sizeof m.role, role, "人员类别", l->message, sizeof l->message, &changed);
        take(m.gender, sizeof m.gender, gender, "性别", l->message, sizeof l->message, &changed);
        take(m.note, sizeof m.note, cell(x, "note"), "备注", l->message, sizeof l->message, &changed);
        if (!m.active)
            append_text(l->message, sizeof l->message, "%s此人在名册中已停用，仍保持停用", l->message[0] ? "；" : "");
        if (!m.role[0])
            snprintf(m.role, sizeof m.role, "%s", "普通党员");
        if (changed && !is_role(x, m.role)) /* as roster_save_member would refuse it */
            return refuse(l, "未知的人员类别：%s", m.role);
        if (seen(x, id))
            return IMPORT_FATAL;
        if (!changed)
            return IMPORT_UNCHANGED;
        /* Before, write, after: one audit record per changed row. */
        sqlite3_stmt *js = stmt(x, S_MEMBER_JSON), *up = stmt(x, S_MEMBER_UPDATE), *au = stmt(x, S_MEMBER_AUDIT_UPDATE);
        if (!js || !up || !au)
            return IMPORT_FATAL;
        sqlite3_bind_int64(js, 1, id);
        if ((rc = sqlite3_step(js)) != SQLITE_ROW) {
            sqlite3_reset(js);
            store_fail(x->db, rc == SQLITE_DONE ? SQLITE_ERROR : rc, &x->fatal, "导入");
            return IMPORT_FATAL;
        }
        sqlite3_bind_text(au, 2, column_text(js, 0), -1, SQLITE_TRANSIENT);
        sqlite3_reset(js);
        sqlite3_bind_int64(up, 1, id);
        sqlite3_bind_text(up, 2, m.phone, -1, SQLITE_STATIC);
        sqlite3_bind_text(up, 3, m.role, -1, SQLITE_STATIC);
        sqlite3_bind_text(up, 4, m.gender, -1, SQLITE_STATIC);
        sqlite3_bind_text(up, 5, m.note, -1, SQLITE_STATIC);
        sqlite3_bind_text(up, 6, x->now, -1, SQLITE_STATIC);
        if (stmt_done(x, up, "导入"))
            return IMPORT_FATAL;
        sqlite3_bind_text(au, 1, store_actor(), -1, SQLITE_STATIC);
        sqlite3_bind_int64(au, 3, id);
        sqlite3_bind_text(au, 4, x->now_ms, -1, SQLITE_STATIC);
        if (stmt_done(x, au, "写审计记录"))
            return IMPORT_FATAL;
        return IMPORT_UPDATED;
    }
    if (!role[0])
        snprintf(role, sizeof role, "%s", "普通党员");
    if (!is_role(x, role))
        return refuse(l, "未知的人员类别：%s", role);
    if (branch_id == 0) {
        struct branch b;
        memset(&b, 0, sizeof b);
        snprintf(b.name, sizeof b.name, "%s", bname);
        snprintf(b.kind, sizeof b.kind, "%s", guess_branch_kind(bname));
        if (roster_save_branch(x->db, &b, &e)) {
            fx_fail(&x->fatal, e.code, "新建党组织“%s”失败：%s", bname, e.msg);
            return IMPORT_FATAL;
        }
        branch_id = b.id;
        x->res->branches_created++;
        snprintf(x->last_branch, sizeof x->last_branch, "%s", bname);
        x->last_branch_id = branch_id;
        snprintf(l->message, sizeof l->message, "新建党组织“%s”（%s）", bname, b.kind);
    }
    char uuid[37];
    new_uuid(x, uuid);
    sqlite3_stmt *st = stmt(x, S_MEMBER_INSERT);
    if (!st)
        return IMPORT_FATAL;
    sqlite3_bind_int64(st, 1, branch_id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, gender, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, role, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, cell(x, "note"), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, x->now, -1, SQLITE_STATIC);
    if (stmt_done(x, st, "导入"))
        return IMPORT_FATAL;
    /* Its audit record is written with all the others in audit_members_added. */
    return IMPORT_ADDED;
}

static int do_teacher(struct ctx *x, struct import_line *l)
{
    struct fx_error e;
    fx_clear(&e);
    char name[128], phone[64], employment[64], type[64], adviser[64];
    snprintf(name, sizeof name, "%s", cell(x, "name"));
    person_name(name);
    snprintf(phone, sizeof phone, "%s", cell(x, "phone"));
    snprintf(employment, sizeof employment, "%s", cell(x, "employment"));
    snprintf(type, sizeof type, "%s", cell(x, "type"));
    snprintf(adviser, sizeof adviser, "%s", cell(x, "adviser"));
    snprintf(l->what, sizeof l->what, "%s", name);
    if (clean_phone(phone, l) >= 0)
        return IMPORT_REFUSED;
    if (!strcmp(employment, "专") || !strcmp(employment, "兼"))
        strcat(employment, "职");
    if (employment[0] && strcmp(employment, "专职") && strcmp(employment, "兼职"))
        return refuse(l, "专职兼职应为“专职”或“兼职”，而不是“%s”", employment);
    if (type[0] && strlen(type) == 6 && (!strcmp(type, "领导") || !strcmp(type, "榜样") || !strcmp(type, "专家")))
        strcat(type, "型");
    if (type[0] && strcmp(type, "领导型") && strcmp(type, "榜样型") && strcmp(type, "专家型"))
        return refuse(l, "教师类型应为 领导型、榜样型 或 专家型，而不是“%s”", type);
    int is_adviser = -1;
    if (yes_no(x, "指导员", adviser, &is_adviser, l) >= 0)
        return IMPORT_REFUSED;
    int64_t id = match_person(x, S_TEACHER_MATCH, x->unit_id, name, phone, "师资库中", l);
    if (id < 0)
        return IMPORT_REFUSED;
    struct teacher t;
    memset(&t, 0, sizeof t);
    int outcome = IMPORT_ADDED;
    if (id > 0) {
        sqlite3_stmt *st;
        if (store_prepare(
                x->db, "SELECT uuid, name, employment, type, is_adviser, org, phone, topics FROM teacher WHERE id = ?",
                &st, &e))
            return refuse(l, "%s", e.msg);
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            t.id = id;
            snprintf(t.uuid, sizeof t.uuid, "%s", (const char *)sqlite3_column_text(st, 0));
            snprintf(t.name, sizeof t.name, "%s", (const char *)sqlite3_column_text(st, 1));
            snprintf(t.employment, sizeof t.employment, "%s", (const char *)sqlite3_column_text(st, 2));
            snprintf(t.type, sizeof t.type, "%s", (const char *)sqlite3_column_text(st, 3));
            t.is_adviser = sqlite3_column_int(st, 4);
            snprintf(t.org, sizeof t.org, "%s", (const char *)sqlite3_column_text(st, 5));
            snprintf(t.phone, sizeof t.phone, "%s", (const char *)sqlite3_column_text(st, 6));
            snprintf(t.topics, sizeof t.topics, "%s", (const char *)sqlite3_column_text(st, 7));
        }
        sqlite3_finalize(st);
        bool changed = false;
        take(t.employment, sizeof t.employment, employment, "专职兼职", l->message, sizeof l->message, &changed);
        take(t.type, sizeof t.type, type, "类型", l->message, sizeof l->message, &changed);
        take(t.org, sizeof t.org, cell(x, "org"), "单位", l->message, sizeof l->message, &changed);
        take(t.phone, sizeof t.phone, phone, "联系电话", l->message, sizeof l->message, &changed);
        take(t.topics, sizeof t.topics, cell(x, "topics"), "擅长专题", l->message, sizeof l->message, &changed);
        if (is_adviser >= 0 && is_adviser != t.is_adviser) {
            note_change(l->message, sizeof l->message, "指导员", t.is_adviser ? "是" : "否", is_adviser ? "是" : "否");
            t.is_adviser = is_adviser;
            changed = true;
        }
        outcome = changed ? IMPORT_UPDATED : IMPORT_UNCHANGED;
        if (!changed) {
            if (seen(x, id))
                return refuse(l, "内部错误（记录已匹配的行）");
            l->outcome = outcome;
            return outcome;
        }
    } else {
        snprintf(t.name, sizeof t.name, "%s", name);
        snprintf(t.employment, sizeof t.employment, "%s", employment);
        snprintf(t.type, sizeof t.type, "%s", type);
        snprintf(t.org, sizeof t.org, "%s", cell(x, "org"));
        snprintf(t.phone, sizeof t.phone, "%s", phone);
        snprintf(t.topics, sizeof t.topics, "%s", cell(x, "topics"));
        t.is_adviser = is_adviser > 0;
    }
    if (roster_save_teacher(x->db, &t, &e))
        return refuse(l, "%s", e.msg);
    if (seen(x, t.id))
        return refuse(l, "内部错误（记录已匹配的行）");
    l->outcome = outcome;
    return outcome;
}

static int do_venue(struct ctx *x, struct import_line *l)
{
    struct fx_error e;
    fx_clear(&e);
    char kind[64];
    snprintf(kind, sizeof kind, "%s", cell(x, "kind"));
    snprintf(l->what, sizeof l->what, "%s", cell(x, "name"));
    if (kind[0] && strstr(kind, "教学点"))
        snprintf(kind, sizeof kind, "%s", "教学点");
    if (kind[0] && strcmp(kind, "主阵地") && strcmp(kind, "教学点"))
        return refuse(l, "场地类型应为“主阵地”或“教学点”，而不是“%s”", kind);
    double cap = -1;
    if (cell(x, "capacity")[0] && number("容纳人数", cell(x, "capacity"), "人", 0, 1000000, true, &cap, l) >= 0)
        return IMPORT_REFUSED;
    struct venue v;
    memset(&v, 0, sizeof v);
    sqlite3_stmt *st;
    if (store_prepare(x->db,
                      "SELECT id, uuid, name, kind, theme, address, capacity, guide FROM venue "
                      "WHERE unit_id = ?1 AND name = ?2 ORDER BY active DESC, id LIMIT 1",
                      &st, &e))
        return refuse(l, "%s", e.msg);
    sqlite3_bind_int64(st, 1, x->unit_id);
    sqlite3_bind_text(st, 2, cell(x, "name"), -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        v.id = sqlite3_column_int64(st, 0);
        snprintf(v.uuid, sizeof v.uuid, "%s", (const char *)sqlite3_column_text(st, 1));
        snprintf(v.name, sizeof v.name, "%s", (const char *)sqlite3_column_text(st, 2));
        snprintf(v.kind, sizeof v.kind, "%s", (const char *)sqlite3_column_text(st, 3));
        snprintf(v.theme, sizeof v.theme, "%s", (const char *)sqlite3_column_text(st, 4));
        snprintf(v.address, sizeof v.address, "%s", (const char *)sqlite3_column_text(st, 5));
        v.capacity = sqlite3_column_int(st, 6);
        snprintf(v.guide, sizeof v.guide, "%s", (const char *)sqlite3_column_text(st, 7));
    }
    sqlite3_finalize(st);
    if (v.id) {
        bool changed = false;
        take(v.kind, sizeof v.kind, kind, "类型", l->message, sizeof l->message, &changed);
        take(v.theme, sizeof v.theme, cell(x, "theme"), "主题", l->message, sizeof l->message, &changed);
        take(v.address, sizeof v.address, cell(x, "address"), "地址", l->message, sizeof l->message, &changed);
        take(v.guide, sizeof v.guide, cell(x, "guide"), "讲解员", l->message, sizeof l->message, &changed);
        if (cap >= 0 && (int)cap != v.capacity) {
            char a[16], b[16];
            snprintf(a, sizeof a, "%d", v.capacity);
            snprintf(b, sizeof b, "%d", (int)cap);
            note_change(l->message, sizeof l->message, "容纳人数", a, b);
            v.capacity = (int)cap;
            changed = true;
        }
        if (!changed) {
            l->outcome = IMPORT_UNCHANGED;
            return IMPORT_UNCHANGED;
        }
        return saved(roster_save_venue(x->db, &v, &e), &e, l, IMPORT_UPDATED);
    }
    snprintf(v.name, sizeof v.name, "%s", cell(x, "name"));
    snprintf(v.kind, sizeof v.kind, "%s", kind);
    snprintf(v.theme, sizeof v.theme, "%s", cell(x, "theme"));
    snprintf(v.address, sizeof v.address, "%s", cell(x, "address"));
    snprintf(v.guide, sizeof v.guide, "%s", cell(x, "guide"));
    v.capacity = cap > 0 ? (int)cap : 0;
    return saved(roster_save_venue(x->db, &v, &e), &e, l, IMPORT_ADDED);
}

static int do_course(struct ctx *x, struct import_line *l)
{
    struct fx_error e;
    fx_clear(&e);
    char title[256];
    snprintf(title, sizeof title, "%s", cell(x, "title"));
    /* Titles are kept without the book-title marks people put around them. */
    size_t tn = strlen(title);
    if (tn > 6 && !strncmp(title, "《", 3) && !strcmp(title + tn - 3, "》")) {
        title[tn - 3] = '\0';
        memmove(title, title + 3, tn - 5);
    }
    snprintf(l->what, sizeof l->what, "《%s》", title);
    int64_t teacher_id = 0, venue_id = 0;
    if (cell(x, "teacher")[0] && roster_find_teacher(x->db, cell(x, "teacher"), &teacher_id, &e))
        return refuse(l, "%s（请先导入教师）", e.msg);
    if (cell(x, "venue")[0] && roster_find_venue(x->db, cell(x, "venue"), &venue_id, &e))
        return refuse(l, "%s（请先导入场地）", e.msg);
    double hours = -1;
    if (cell(x, "hours")[0] && number("学时", cell(x, "hours"), "学时", 0, 24, false, &hours, l) >= 0)
        return IMPORT_REFUSED;
    char featured_text[64];
    snprintf(featured_text, sizeof featured_text, "%s", cell(x, "featured"));
    int featured = -1;
    if (yes_no(x, "精品课", featured_text, &featured, l) >= 0)
        return IMPORT_REFUSED;
    struct course c;
    memset(&c, 0, sizeof c);
    sqlite3_stmt *st;
    if (store_prepare(x->db, "SELECT id FROM course WHERE unit_id = ?1 AND title = ?2 ORDER BY retired, id", &st, &e))
        return refuse(l, "%s", e.msg);
    sqlite3_bind_int64(st, 1, x->unit_id);
    sqlite3_bind_text(st, 2, title, -1, SQLITE_STATIC);
    int64_t id = 0;
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        if (n++ == 0)
            id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (n > 1)
        return refuse(l, "培训菜单中有 %d 门课程都叫《%s》，无法确定是哪一门；请在菜单中修改", n, title);
    int outcome = IMPORT_ADDED;
    if (id) {
        if (menu_get_course(x->db, id, &c, &e))
            return refuse(l, "%s", e.msg);
        bool changed = false;
        take(c.category, sizeof c.category, cell(x, "category"), "内容类别", l->message, sizeof l->message, &changed);
        take(c.module, sizeof c.module, cell(x, "module"), "模块", l->message, sizeof l->message, &changed);
        take(c.format, sizeof c.format, cell(x, "format"), "形式", l->message, sizeof l->message, &changed);
        take(c.description, sizeof c.description, cell(x, "description"), "简介", l->message, sizeof l->message,
             &changed);
        if (teacher_id && teacher_id != c.teacher_id) {
            note_change(l->message, sizeof l->message, "教师", c.teacher, cell(x, "teacher"));
            c.teacher_id = teacher_id;
            changed = true;
        }
        if (venue_id && venue_id != c.venue_id) {
            note_change(l->message, sizeof l->message, "场地", c.venue, cell(x, "venue"));
            c.venue_id = venue_id;
            changed = true;
        }
        if (hours >= 0 && hours != c.hours) {
            char a[32], b[32];
            snprintf(a, sizeof a, "%g", c.hours);
            snprintf(b, sizeof b, "%g", hours);
            note_change(l->message, sizeof l->message, "学时", a, b);
            c.hours = hours;
            changed = true;
        }
        if (featured >= 0 && featured != c.featured) {
            note_change(l->message, sizeof l->message, "精品课", c.featured ? "是" : "否", featured ? "是" : "否");
            c.featured = featured;
            changed = true;
        }
        if (!changed) {
            l->outcome = IMPORT_UNCHANGED;
            return IMPORT_UNCHANGED;
        }
        outcome = IMPORT_UPDATED;
    } else {
        snprintf(c.title, sizeof c.title, "%s", title);
        snprintf(c.category, sizeof c.category, "%s", cell(x, "category"));
        snprintf(c.module, sizeof c.module, "%s", cell(x, "module"));
        snprintf(c.format, sizeof c.format, "%s", cell(x, "format"));
        snprintf(c.description, sizeof c.description, "%s", cell(x, "description"));
        c.teacher_id = teacher_id;
        c.venue_id = venue_id;
        c.hours = hours >= 0 ? hours : 2;
        c.featured = featured > 0;
    }
    return saved(menu_save_course(x->db, &c, &e), &e, l, outcome);
}

static int exec(sqlite3 *db, const char *sql, struct fx_error *err)
{
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : store_fail(db, rc, err, "导入");
}

/* One audit record for the file, only when it changed something: a re-import
 * of the same file must leave the ledger, audit included, as it was. */
static int audit_file(struct ctx *x, const char *path, struct fx_error *err)
{
    if (x->res->added + x->res->updated + x->res->branches_created == 0)
        return 0;
    sqlite3_stmt *st;
    if (store_prepare(x->db,
                      "SELECT json_object('file', ?1, 'table', ?2, 'encoding', ?3, 'added', ?4, 'updated', ?5, "
                      "'unchanged', ?6, 'refused', ?7, 'branches_created', ?8)",
                      &st, err))
        return err->code;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, tables[x->opt->table].section, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, x->res->encoding, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, x->res->added);
    sqlite3_bind_int(st, 5, x->res->updated);
    sqlite3_bind_int(st, 6, x->res->unchanged);
    sqlite3_bind_int(st, 7, x->res->refused);
    sqlite3_bind_int(st, 8, x->res->branches_created);
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        rc = store_audit(x->db, "import", tables[x->opt->table].section, "", NULL,
                         (const char *)sqlite3_column_text(st, 0), err);
    sqlite3_finalize(st);
    return rc;
}

/* The audit records of the members this import added, in one statement over
 * the rows it inserted (ids above member_max): the same record per row that
 * roster_save_member writes, without a round trip per row. */
static int audit_members_added(struct ctx *x)
{
    if (x->opt->table != IMPORT_MEMBERS || x->res->added == 0)
        return 0;
    sqlite3_stmt *st = stmt(x, S_MEMBER_AUDIT_INSERTS);
    if (!st)
        return x->fatal.code;
    sqlite3_bind_text(st, 1, store_actor(), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, x->member_max);
    sqlite3_bind_text(st, 3, x->now_ms, -1, SQLITE_STATIC);
    return stmt_done(x, st, "写审计记录");
}

static int process(struct ctx *x, struct import_line *l)
{
    if (read_cells(x, l) >= 0)
        return IMPORT_REFUSED;
    for (int f = 0; f < x->nfields; f++) {
        if (x->fields[f].required && !x->val[f][0]) {
            snprintf(l->what, sizeof l->what, "%s", x->val[0]);
            return refuse(l, "没有填写“%s”", x->fields[f].label);
        }
    }
    switch (x->opt->table) {
    case IMPORT_BRANCHES: return do_branch(x, l);
    case IMPORT_MEMBERS: return do_member(x, l);
    case IMPORT_TEACHERS: return do_teacher(x, l);
    case IMPORT_VENUES: return do_venue(x, l);
    case IMPORT_COURSES: return do_course(x, l);
    }
    return refuse(l, "未知的表");
}

/* Count the current line, show it to on_line, and keep it if within bounds. */
static int finish_line(struct ctx *x, int outcome)
{
    struct import_result *r = x->res;
    struct import_line *l = &x->cur;
    l->outcome = outcome;
    switch (outcome) {
    case IMPORT_ADDED: r->added++; break;
    case IMPORT_UPDATED: r->updated++; break;
    case IMPORT_UNCHANGED: r->unchanged++; break;
    default: r->refused++; break;
    }
    if (x->opt->on_line)
        x->opt->on_line(x->opt->on_line_arg, l);
    bool keep = outcome == IMPORT_REFUSED ? r->refused <= IMPORT_KEEP_REFUSED : x->kept_other < IMPORT_KEEP_LINES;
    if (!keep) {
        r->omitted++;
        return 0;
    }
    if (r->nlines == r->cap) {
        int cap = r->cap ? r->cap * 2 : 64;
        struct import_line *n = realloc(r->lines, (size_t)cap * sizeof *n);
        if (!n)
            return fx_fail(&x->fatal, FX_EINTERNAL, "内存不足");
        r->lines = n;
        r->cap = cap;
    }
    r->lines[r->nlines++] = *l;
    if (outcome != IMPORT_REFUSED)
        x->kept_other++;
    return 0;
}

static void list_refused(struct import_result *r, char *out, size_t sz)
{
    out[0] = '\0';
    int shown = 0;
    for (int i = 0; i < r->nlines && shown < 8; i++) {
        if (r->lines[i].outcome != IMPORT_REFUSED)
            continue;
        append_text(out, sz, "%s%d", shown ? "、" : "", r->lines[i].line);
        shown++;
    }
    if (r->refused > shown)
        append_text(out, sz, " 等");
}

int import_run(sqlite3 *db, const char *path, const struct import_options *opt, struct import_result *res,
               struct fx_error *err)
{
    memset(res, 0, sizeof *res);
    if (opt->table < 0 || opt->table >= IMPORT_NTABLES)
        return fx_fail(err, FX_EUSAGE, "未知的导入类型");
    struct ctx *x = calloc(1, sizeof *x);
    if (!x)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    x->db = db;
    x->opt = opt;
    x->res = res;
    x->fields = tables[opt->table].fields;
    while (x->fields[x->nfields].key)
        x->nfields++;
    x->unit_id = store_unit_id(db);
    int rc = 0;
    char rules[4096];
    if (opt->rules_path)
        snprintf(rules, sizeof rules, "%s", opt->rules_path);
    else
        paths_join(rules, sizeof rules, paths_data_dir(), "import.ini");
    rc = ini_load(rules, &x->rules, err);
    if (rc == FX_ENOTFOUND && !opt->rules_path) {
        rc = 0; /* without the synonyms, the field names themselves still match */
    } else if (rc) {
        goto out;
    } else {
        x->have_rules = true;
    }
    if (x->unit_id <= 0) {
        rc = fx_fail(err, FX_EINPUT, "账本还没有本单位（分校）的记录，请先运行 fenxiao init");
        goto out;
    }
    if ((rc = csvin_open(path, &x->in, err)) != 0)
        goto out;
    snprintf(res->encoding, sizeof res->encoding, "%s", csvin_encoding_name(csvin_encoding(x->in)));
    if ((rc = map_header(x, err)) != 0)
        goto out;
    if ((rc = exec(db, "CREATE TEMP TABLE IF NOT EXISTS fx_import_seen (id INTEGER PRIMARY KEY)", err)) != 0 ||
        (rc = exec(db, "DELETE FROM temp.fx_import_seen", err)) != 0)
        goto out;
    if ((rc = store_begin(db, err)) != 0)
        goto out;
    if (opt->table == IMPORT_MEMBERS) {
        /* Inside the transaction: no other writer can add a member until the end. */
        x->member_max = store_int(db, "SELECT coalesce(max(id), 0) FROM member", NULL);
        sqlite3_stmt *now = stmt(x, S_NOW);
        if (now && sqlite3_step(now) == SQLITE_ROW) {
            copy(x->now, sizeof x->now, column_text(now, 0));
            copy(x->now_ms, sizeof x->now_ms, column_text(now, 1));
        }
        if (now)
            sqlite3_reset(now);
        if (!x->now[0]) {
            store_rollback(db);
            rc = fx_fail(err, FX_EINTERNAL, "读取时间失败");
            goto out;
        }
        if (vocab_get(db, "role", &x->roles, err)) {
            store_rollback(db);
            rc = err->code;
            goto out;
        }
    }
    bool fatal = false;
    for (;;) {
        struct fx_error rerr;
        fx_clear(&rerr);
        int r = csvin_read(x->in, &rerr);
        if (r == CSVIN_EOF)
            break;
        memset(&x->cur, 0, sizeof x->cur);
        x->cur.line = csvin_line(x->in);
        int outcome;
        if (r == CSVIN_FATAL || r == CSVIN_BAD) {
            /* The reader's message already names the file and line; keep the reason. */
            const char *why = strstr(rerr.msg, "行：");
            outcome = refuse(&x->cur, "%s", why ? why + strlen("行：") : rerr.msg);
            if (r == CSVIN_FATAL) {
                finish_line(x, outcome);
                *err = rerr;
                fatal = true;
                break;
            }
        } else if (opt->table == IMPORT_MEMBERS) {
            /* Checked whole before anything is written: see do_member. */
            outcome = process(x, &x->cur);
        } else {
            /* A refused line must leave nothing behind, even a row its save wrote before refusing. */
            sqlite3_stmt *sp = stmt(x, S_SAVEPOINT);
            if (!sp || stmt_done(x, sp, "导入")) {
                outcome = IMPORT_FATAL;
            } else {
                outcome = process(x, &x->cur);
                if (outcome == IMPORT_REFUSED) {
                    sqlite3_stmt *rb = stmt(x, S_ROLLBACK_TO);
                    if (!rb || stmt_done(x, rb, "导入"))
                        outcome = IMPORT_FATAL;
                }
                sqlite3_stmt *rel = stmt(x, S_RELEASE);
                if (outcome != IMPORT_FATAL && (!rel || stmt_done(x, rel, "导入")))
                    outcome = IMPORT_FATAL;
            }
        }
        if (outcome == IMPORT_FATAL || finish_line(x, outcome)) {
            /* The ledger failed (not the line): nothing of the file is kept. */
            *err = x->fatal;
            fx_detail(err, "%s line %d", path, x->cur.line);
            if (!err->code)
                fx_fail(err, FX_EINTERNAL, "%s 第%d行：写入账本失败", path, x->cur.line);
            rc = err->code;
            fatal = true;
            break;
        }
    }
    if (fatal) {
        store_rollback(db);
        if (!rc)
            rc = FX_EINPUT;
        goto out;
    }
    if (res->refused && !opt->skip_bad) {
        store_rollback(db);
        char lines[200];
        list_refused(res, lines, sizeof lines);
        rc = fx_fail(err, FX_EINPUT, "%s：有 %d 行不能导入（第 %s 行），%s", path, res->refused, lines,
                     opt->dry_run ? "这是试运行，未写入任何内容" : "未写入任何内容");
        goto out;
    }
    if (opt->dry_run) {
        store_rollback(db);
        goto out;
    }
    if ((rc = audit_members_added(x)) != 0) {
        *err = x->fatal;
        store_rollback(db);
        goto out;
    }
    if ((rc = audit_file(x, path, err)) != 0) {
        store_rollback(db);
        goto out;
    }
    if ((rc = store_commit(db, err)) != 0)
        goto out;
    res->written = true;
    if (res->refused) {
        char lines[200];
        list_refused(res, lines, sizeof lines);
        rc = fx_fail(err, FX_EINPUT, "%s：已导入其余各行，有 %d 行被跳过（第 %s 行）", path, res->refused, lines);
    }
out:
    for (int i = 0; i < S_COUNT; i++)
        sqlite3_finalize(x->st[i]);
    csvin_close(x->in);
    if (x->have_rules)
        ini_free(&x->rules);
    free(x);
    return rc;
}
