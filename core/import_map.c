/* import_map.c — the import's columns and values: header synonyms from data/import.ini, --map,
 * cells cleaned and checked, and the words for roles, genders, yes and no mapped to the ledger's. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"
#include "text.h"
#include "text_limits.h"

/* Limits in characters, the ledger's own (core/text_limits.h); a number or a date cell is short. */
#define CELL_SHORT 20

static const struct field_def branch_fields[] = {
    {"name", "党组织名称", true, FX_PLACE_CHARS}, {"kind", "类型", false, FX_WORD_CHARS},
    {"secretary", "书记", false, FX_PERSON_CHARS}, {"phone", "联系电话", false, FX_PHONE_CHARS},
    {NULL, NULL, false, 0},
};
static const struct field_def member_fields[] = {
    {"name", "姓名", true, FX_PERSON_CHARS},      {"branch", "所在党支部", true, FX_PLACE_CHARS},
    {"phone", "联系电话", false, FX_PHONE_CHARS}, {"role", "人员类别", false, FX_WORD_CHARS},
    {"gender", "性别", false, FX_WORD_CHARS},     {"note", "备注", false, FX_LINE_CHARS},
    {"category", "类别", false, FX_WORD_CHARS},   {"post", "职务", false, FX_WORD_CHARS},
    {"joined", "入党日期", false, CELL_SHORT},    {"left", "转出日期", false, CELL_SHORT},
    {NULL, NULL, false, 0},
};
static const struct field_def teacher_fields[] = {
    {"name", "姓名", true, FX_PERSON_CHARS},      {"employment", "专职兼职", false, FX_WORD_CHARS},
    {"type", "类型", false, FX_WORD_CHARS},       {"adviser", "指导员", false, FX_WORD_CHARS},
    {"org", "单位", false, FX_PLACE_CHARS},       {"phone", "联系电话", false, FX_PHONE_CHARS},
    {"topics", "擅长专题", false, FX_LINE_CHARS}, {NULL, NULL, false, 0},
};
static const struct field_def venue_fields[] = {
    {"name", "名称", true, FX_PLACE_CHARS},      {"kind", "类型", false, FX_WORD_CHARS},
    {"theme", "主题", false, FX_LINE_CHARS},     {"address", "地址", false, FX_LINE_CHARS},
    {"capacity", "容纳人数", false, CELL_SHORT}, {"guide", "讲解员", false, FX_PERSON_CHARS},
    {NULL, NULL, false, 0},
};
static const struct field_def course_fields[] = {
    {"title", "课程名称", true, FX_TITLE_CHARS},    {"category", "内容类别", true, FX_WORD_CHARS},
    {"module", "模块", false, FX_PLACE_CHARS},      {"format", "形式", true, FX_WORD_CHARS},
    {"teacher", "教师", false, FX_PERSON_CHARS},    {"venue", "场地", false, FX_PLACE_CHARS},
    {"hours", "学时", false, CELL_SHORT},           {"description", "简介", false, FX_DESC_CHARS},
    {"featured", "精品课", false, FX_WORD_CHARS},   {NULL, NULL, false, 0},
};

/* In the order and words of `fenxiao export attendance`, so its file imports back. */
static const struct field_def attendance_fields[] = {
    [AF_SESSION] = {"session", "培训编号", false, CELL_SHORT}, [AF_DATE] = {"date", "日期", true, CELL_SHORT * 2},
    [AF_TITLE] = {"title", "培训标题", true, FX_TITLE_CHARS},  [AF_UNIT] = {"unit", "所属分校", false, FX_PLACE_CHARS},
    [AF_NAME] = {"name", "姓名", true, FX_PERSON_CHARS},       [AF_BRANCH] = {"branch", "所在党支部", true, FX_PLACE_CHARS},
    [AF_PHONE] = {"phone", "联系电话", false, FX_PHONE_CHARS}, [AF_STATUS] = {"status", "出勤", false, FX_WORD_CHARS},
    [AF_REASON] = {"reason", "原因", false, FX_REASON_CHARS},  [AF_COUNT] = {NULL, NULL, false, 0},
};

/* A bank's or a finance office's export: one amount with 收支, or 收入 and 支出 in two columns. */
static const struct field_def funds_fields[] = {
    {"date", "日期", true, CELL_SHORT * 2},       {"direction", "收支", false, FX_WORD_CHARS},
    {"source", "经费来源", false, FX_WORD_CHARS}, {"category", "类别", false, FX_WORD_CHARS},
    {"amount", "金额", false, CELL_SHORT},        {"income", "收入金额", false, CELL_SHORT},
    {"expense", "支出金额", false, CELL_SHORT},   {"counterpart", "对方", false, FX_PLACE_CHARS},
    {"voucher", "凭证号", false, 30},             {"note", "备注", false, FX_NOTE_CHARS},
    {"reason", "例外原因", false, FX_WHY_CHARS},  {NULL, NULL, false, 0},
};

/* The year's plan, in the words of 《镇街党校主体班次和集中培训计划》. */
static const struct field_def plan_fields[] = {
    {"month", "月份", true, CELL_SHORT},            {"title", "标题", true, FX_TITLE_CHARS},
    {"category", "内容类别", true, FX_WORD_CHARS},  {"kind", "类型", true, FX_WORD_CHARS},
    {"hours", "学时", false, CELL_SHORT},           {"target", "参训对象", false, FX_LINE_CHARS},
    {"responsible", "负责人", false, FX_PERSON_CHARS}, {"course", "课程", false, FX_TITLE_CHARS},
    {"note", "备注", false, FX_LINE_CHARS},         {NULL, NULL, false, 0},
};

const struct import_table_def import_tables[IMPORT_NTABLES] = {
    [IMPORT_BRANCHES] = {"branches", "党组织", branch_fields},
    [IMPORT_MEMBERS] = {"members", "党员", member_fields},
    [IMPORT_TEACHERS] = {"teachers", "教师", teacher_fields},
    [IMPORT_VENUES] = {"venues", "场地", venue_fields},
    [IMPORT_COURSES] = {"courses", "课程", course_fields},
    [IMPORT_ATTENDANCE] = {"attendance", "出勤记录", attendance_fields},
    [IMPORT_FUNDS] = {"funds", "经费记录", funds_fields},
    [IMPORT_PLAN] = {"plan", "计划项目", plan_fields},
};

int import_table_parse(const char *name)
{
    static const struct {
        const char *word;
        int table;
    } words[] = {
        {"branches", IMPORT_BRANCHES},     {"branch", IMPORT_BRANCHES},   {"党组织", IMPORT_BRANCHES},
        {"members", IMPORT_MEMBERS},       {"member", IMPORT_MEMBERS},    {"党员", IMPORT_MEMBERS},
        {"名册", IMPORT_MEMBERS},          {"teachers", IMPORT_TEACHERS}, {"teacher", IMPORT_TEACHERS},
        {"教师", IMPORT_TEACHERS},         {"师资", IMPORT_TEACHERS},     {"venues", IMPORT_VENUES},
        {"venue", IMPORT_VENUES},          {"场地", IMPORT_VENUES},       {"courses", IMPORT_COURSES},
        {"course", IMPORT_COURSES},        {"课程", IMPORT_COURSES},      {"菜单", IMPORT_COURSES},
        {"attendance", IMPORT_ATTENDANCE}, {"出勤", IMPORT_ATTENDANCE},   {"考勤", IMPORT_ATTENDANCE},
        {"funds", IMPORT_FUNDS},           {"经费", IMPORT_FUNDS},        {"经费记录", IMPORT_FUNDS},
        {"签到", IMPORT_ATTENDANCE},       {"plan", IMPORT_PLAN},         {"计划", IMPORT_PLAN},
    };
    for (size_t i = 0; name && i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(name, words[i].word))
            return words[i].table;
    return -1;
}

const char *import_table_label(int table)
{
    return table >= 0 && table < IMPORT_NTABLES ? import_tables[table].label : "?";
}

static const char *rule(struct import_ctx *x, const char *section, const char *key)
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
static int field_for(struct import_ctx *x, const char *name)
{
    for (int f = 0; f < x->nfields; f++)
        if (!strcmp(name, x->fields[f].key) || !strcmp(name, x->fields[f].label))
            return f;
    for (int f = 0; f < x->nfields; f++)
        if (list_has(rule(x, import_tables[x->opt->table].section, x->fields[f].key), name))
            return f;
    return -1;
}

/* Decide the column of every field from the record just read, as a header. */
static int map_record(struct import_ctx *x, struct fx_error *err)
{
    const char *name = import_rows_name(x);
    x->ncols = import_rows_count(x);
    char heads[CSVIN_MAX_FIELDS][64];
    for (int c = 0; c < x->ncols; c++) {
        char h[256];
        text_sanitize(h, sizeof h, import_rows_field(x, c));
        normalise_header(h);
        text_fit(heads[c], sizeof heads[c], h, 30);
    }
    for (int f = 0; f < x->nfields; f++)
        x->col[f] = -1;
    bool used[CSVIN_MAX_FIELDS] = {false};
    /* An explicit map first: it wins over the synonyms. */
    if (x->opt->map && *x->opt->map) {
        char map[2048];
        text_copy(map, sizeof map, x->opt->map);
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
                return fx_fail(err, FX_EUSAGE, "--map：%s没有“%s”这一项", import_tables[x->opt->table].label, fname);
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
            import_append_text(ignored, sizeof ignored, "%s%s", ignored[0] ? "、" : "", heads[c]);
        }
    }
    char *cols = x->res->columns;
    cols[0] = '\0';
    for (int f = 0; f < x->nfields; f++)
        if (x->col[f] >= 0)
            import_append_text(cols, sizeof x->res->columns, "%s%s→%s", cols[0] ? "、" : "", heads[x->col[f]],
                               x->fields[f].label);
    if (ignored[0])
        import_append_text(cols, sizeof x->res->columns, "；未用的列：%s", ignored);
    for (int f = 0; f < x->nfields; f++) {
        if (!x->fields[f].required || x->col[f] >= 0)
            continue;
        const char *syn = rule(x, import_tables[x->opt->table].section, x->fields[f].key);
        return fx_fail(err, FX_EINPUT, "%s 第%d行：表头中找不到“%s”列（可用的列名：%s；也可以用 --map 列名=%s 指定）",
                       name, import_rows_line(x), x->fields[f].label, syn ? syn : x->fields[f].label, x->fields[f].key);
    }
    return 0;
}

/* A title above the table ("城关镇党员花名册", merged across it in a workbook):
 * one cell with text, or several with the same text. */
static bool is_title(const struct import_ctx *x)
{
    const char *text = NULL;
    for (int c = 0; c < import_rows_count(x); c++) {
        const char *f = import_rows_field(x, c);
        if (!*f)
            continue;
        if (text && strcmp(text, f))
            return false;
        text = f;
    }
    return true;
}

/* Read the header line and decide the column of every field. The header is
 * the first record, or the first after up to HEADER_TITLES title rows that
 * cannot be one: a sheet's title, as WPS and Excel keep it in CSV too. */
#define HEADER_TITLES 3
int import_map_header(struct import_ctx *x, struct fx_error *err)
{
    struct fx_error first;
    fx_clear(&first);
    for (int titles = 0;; titles++) {
        int rc = import_rows_read(x, err);
        if (rc == CSVIN_EOF && titles == 0)
            return fx_fail(err, FX_EINPUT, "%s：文件是空的，没有表头", import_rows_name(x));
        if (rc == CSVIN_EOF) {
            *err = first;
            return err->code;
        }
        if (rc != CSVIN_RECORD)
            return FX_EINPUT;
        rc = map_record(x, err);
        if (!rc || !is_title(x))
            return rc;
        /* Only titles so far: what was wrong with the first is the news. */
        if (titles == 0)
            first = *err;
        if (titles == HEADER_TITLES) {
            *err = first;
            return err->code;
        }
        fx_clear(err);
    }
}

/* Copy the cells of the current record into x->val, cleaned; refuse overlong ones. */
int import_read_cells(struct import_ctx *x, struct import_line *l)
{
    int n = import_rows_count(x);
    for (int c = x->ncols; c < n; c++) {
        if (!*text_trim(strcpy(x->tmp, import_rows_field(x, c))))
            continue;
        if (x->book) /* a grid has no quoting to go wrong: say where the stray cell is */
            return import_refuse(l, "第 %d 列有内容，但表头只有 %d 列，这一列没有列名", c + 1, x->ncols);
        return import_refuse(l, "这一行有 %d 列，比表头（%d 列）多，可能是某个单元格里有未加引号的逗号", n, x->ncols);
    }
    for (int f = 0; f < x->nfields; f++) {
        x->val[f][0] = '\0';
        if (x->col[f] < 0)
            continue;
        if (x->col[f] >= n)
            return import_refuse(l, "这一行只有 %d 列，比表头（%d 列）少，缺少“%s”", n, x->ncols, x->fields[f].label);
        /* Line breaks typed inside a cell become spaces; escapes, other controls
         * and broken UTF-8 were refused by the reader, so a cell without a
         * line break or tab is already what text_sanitize would make of it. */
        const char *raw = import_rows_field(x, x->col[f]);
        size_t plain = strcspn(raw, "\t\n\r");
        if (!raw[plain] && plain < sizeof x->tmp)
            memcpy(x->tmp, raw, plain + 1);
        else
            text_sanitize(x->tmp, sizeof x->tmp, raw);
        char *s = text_trim(x->tmp);
        /* Our own exports mark text that looks like a formula with a leading apostrophe. */
        if (s[0] == '\'' && strchr("=+-@", s[1]) && s[1])
            s++;
        /* Refused at the door, per row: an invisible character (zero-width, bidi) would make a look-alike
         * of a name already there; a limit is counted in characters, and never met by cutting. */
        if (text_check(s, 0, 0) == TEXT_INVISIBLE)
            return import_refuse(l, "“%s”含有看不见的字符（零宽字符或文字方向控制符）", x->fields[f].label);
        if (text_count_chars(s) > x->fields[f].max)
            return import_refuse(l, "“%s”太长：最多 %zu 个字，现有 %zu 个字", x->fields[f].label, x->fields[f].max,
                                 text_count_chars(s));
        text_copy(x->val[f], sizeof x->val[f], s);
    }
    return -1;
}

const char *import_cell(struct import_ctx *x, const char *key)
{
    for (int f = 0; f < x->nfields; f++)
        if (!strcmp(x->fields[f].key, key))
            return x->val[f];
    return "";
}

/* A person's name without the spaces typed to line up two-character names. */
void import_clean_name(char *s)
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
int import_clean_phone(char *s, struct import_line *l)
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
        return import_refuse(l, "联系电话“%s”被表格软件改成了科学计数法；请把这一列设为“文本”后重新保存", s);
    return -1;
}

/* A value through a [*_values] section of the rules ("党员" → "普通党员"). */
void import_map_value(struct import_ctx *x, const char *section, char *s, size_t sz)
{
    /* A column holds a handful of words: remember the last one looked up. */
    struct value_memo *m = &x->memo[!strcmp(section, "gender_values")];
    if (m->section == section && !strcmp(m->from, s)) {
        if (m->to[0])
            text_copy(s, sz, m->to);
        return;
    }
    const char *to = rule(x, section, s);
    m->section = section;
    text_copy(m->from, sizeof m->from, s);
    text_copy(m->to, sizeof m->to, to && *to ? to : "");
    if (to && *to)
        text_copy(s, sz, to);
}

int import_parse_yes_no(struct import_ctx *x, const char *label, char *s, int *out, struct import_line *l)
{
    if (!*s)
        return -1;
    char low[64];
    text_copy(low, sizeof low, s);
    for (char *p = low; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    const char *v = rule(x, "yesno_values", low);
    if (!v && (!strcmp(low, "是") || !strcmp(low, "否")))
        v = !strcmp(low, "是") ? "1" : "0";
    if (!v || (strcmp(v, "1") && strcmp(v, "0")))
        return import_refuse(l, "“%s”应为“是”或“否”，而不是“%s”", label, s);
    *out = v[0] == '1';
    return -1;
}

/* "50", "50人"; "2", "2学时". */
int import_parse_number(const char *label, const char *s, const char *unit, double lo, double hi, bool integer,
                        double *out, struct import_line *l)
{
    char buf[64];
    text_copy(buf, sizeof buf, s);
    size_t n = strlen(buf), u = unit ? strlen(unit) : 0;
    if (u && n > u && !strcmp(buf + n - u, unit))
        buf[n - u] = '\0';
    text_trim(buf);
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (!buf[0] || *end || errno || isnan(v) || v < lo || v > hi || (integer && v != floor(v)))
        return import_refuse(l, "“%s”应为 %g 到 %g 之间的%s，而不是“%s”", label, lo, hi, integer ? "整数" : "数", s);
    *out = v;
    return -1;
}
