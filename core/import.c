/* import.c — roster import from CSV: the run (file, transaction, result, audit) and the statements it shares.
 * Every line gets an outcome; any refusal rolls the whole file back unless asked otherwise. */
#include "import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "import_internal.h"
#include "paths.h"
#include "plan.h"
#include "register.h"
#include "text.h"
#include "rollaudit.h"

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

const char *import_line_label(int outcome, const struct import_options *opt, const struct import_result *res)
{
    if (!opt->dry_run && !res->written)
        return outcome == IMPORT_ADDED ? "可新增" : outcome == IMPORT_UPDATED ? "可修改" : import_outcome_label(outcome);
    return import_outcome_label(outcome);
}

void import_summary_line(const struct import_options *opt, const struct import_result *res, char *out, size_t outsz)
{
    const char *table = import_table_label(opt->table);
    if (!opt->dry_run && !res->written) {
        char refused[64] = "", would[128] = "";
        if (res->refused)
            text_format(refused, sizeof refused, "有 %d 行被拒绝，", res->refused);
        if (res->added || res->updated)
            text_format(would, sizeof would, "（改正后可新增 %d，修改 %d，不变 %d）", res->added, res->updated,
                        res->unchanged);
        text_format(out, outsz, "未导入%s：%s整个文件都没有写入，账本未改动%s", table, refused, would);
        return;
    }
    char branches[64] = "", sessions[64] = "";
    if (res->branches_created)
        text_format(branches, sizeof branches, "；新建党组织 %d", res->branches_created);
    if (res->sessions_changed)
        text_format(sessions, sizeof sessions, "；%s点名的培训 %d 次", res->written ? "改动了" : "将改动",
                    res->sessions_changed);
    /* A dry run with refused lines: a real run would write nothing at all, unless told to skip them. */
    const char *then = opt->dry_run && res->refused && !opt->skip_bad ? "；有被拒绝的行，照此导入整个文件都不会写入" : "";
    text_format(out, outsz, "%s%s：新增 %d，修改 %d，不变 %d，拒绝 %d%s%s%s", opt->dry_run ? "试运行（未写入）" : "已导入",
                table, res->added, res->updated, res->unchanged, res->refused, branches, sessions, then);
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
    "phone, 'role', role, 'note', note, 'active', active, 'updated_at', updated_at, 'category', category, "           \
    "'post', post, 'mobile', mobile, 'sort_key', sort_key)"

/* The placeholders of ATT_BATCH (128) rows of attendance, spelled out at compile time. */
#define ROWS1   "(?,?,?,?)"
#define ROWS2   ROWS1 "," ROWS1
#define ROWS4   ROWS2 "," ROWS2
#define ROWS8   ROWS4 "," ROWS4
#define ROWS16  ROWS8 "," ROWS8
#define ROWS32  ROWS16 "," ROWS16
#define ROWS64  ROWS32 "," ROWS32
#define ROWS128 ROWS64 "," ROWS64
_Static_assert(ATT_BATCH == 128, "S_ATT_INSERT_BATCH has 128 rows");

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
    [S_MEMBER_INSERT] = "INSERT INTO member (branch_id, name, gender, phone, role, note, active, uuid, updated_at, "
                        "category, post) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?9, ?10)",
    [S_MEMBER_UPDATE] =
        "UPDATE member SET phone = ?2, role = ?3, gender = ?4, note = ?5, updated_at = ?6 WHERE id = ?1",
    [S_MEMBER_JSON] = "SELECT " MEMBER_JSON " FROM member WHERE id = ?1",
    [S_MEMBER_AUDIT_UPDATE] = "INSERT INTO audit (at, who, action, entity, uuid, before, after) "
                              "SELECT ?4, ?1, 'update', 'member', uuid, ?2, " MEMBER_JSON " FROM member WHERE id = ?3",
    [S_NOW] = "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
    [S_TEACHER_MATCH] = "SELECT id, phone FROM teacher WHERE unit_id = ?1 AND name = ?2 "
                        "AND id NOT IN (SELECT id FROM temp.fx_import_seen) ORDER BY active DESC, id",
    /* Attendance (import_attendance.c). A session by date: session_date, then
     * the few of that day compared by unit and title. */
    /* The ledger's own unit first when a merged ledger has two of one name; a handful of rows, no sort. */
    [S_ATT_UNIT] = "SELECT coalesce((SELECT id FROM unit WHERE name = ?1 AND is_local = 1), "
                   "(SELECT min(id) FROM unit WHERE name = ?1))",
    [S_ATT_SESSIONS] = "SELECT id, voided, uuid FROM session WHERE date = ?1 AND unit_id = ?2 "
                       "AND trim(title, char(32, 9, 10, 11, 12, 13, 12288)) = ?3 ORDER BY id",
    [S_ATT_CLOSED] = "SELECT 1 FROM closed_year WHERE year = ?1",
    /* The namesakes of a branch (member_branch) with their row in the roll call (its primary key), in one step. */
    [S_ATT_MEMBER] = "SELECT m.id, m.phone, m.active, a.status, a.reason FROM member m LEFT JOIN attendance a "
                     "ON a.session_id = ?3 AND a.member_id = m.id WHERE m.branch_id = ?1 AND m.name = ?2",
    [S_ATT_SEEN] = "INSERT INTO temp.fx_att_seen (session_id, member_id, line, status, reason) "
                   "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
    [S_ATT_SEEN_LINE] = "SELECT line, status, reason FROM temp.fx_att_seen WHERE session_id = ?1 AND member_id = ?2",
    [S_ATT_INSERT] = "INSERT INTO attendance (session_id, member_id, status, reason) VALUES (?1, ?2, ?3, ?4)",
    /* ATT_BATCH rows: a statement's start and end (its journal, its checks) once per batch, not per row. */
    [S_ATT_INSERT_BATCH] = "INSERT INTO attendance (session_id, member_id, status, reason) VALUES " ROWS128,
    [S_ATT_UPDATE] = "UPDATE attendance SET status = ?3, reason = ?4 WHERE session_id = ?1 AND member_id = ?2",
    [S_ATT_TOUCHED_HAS] = "SELECT 1 FROM temp.fx_att_touched WHERE session_id = ?1",
    [S_ATT_TOUCH] =
        "INSERT INTO temp.fx_att_touched (session_id, uuid, before_row, before_att) VALUES (?1, ?2, ?3, ?4)",
    [S_ATT_TOUCHED] = "SELECT session_id, uuid, before_row, before_att FROM temp.fx_att_touched ORDER BY session_id",
    /* As ledger_save_session sets them when there is a roll call (ledger_expected_for): an 应到 given or read
     * from the register stays; one from the roll call (or from before schema 3) is its size, guests left out. */
    [S_ATT_COUNTS] = "UPDATE session SET expected = CASE WHEN expected_basis = 'given' THEN expected "
                     "WHEN expected_basis = 'register' THEN (SELECT count(*) FROM member m JOIN session_branch sb "
                     "ON sb.branch_id = m.branch_id WHERE sb.session_id = ?1 AND "
                     REGISTER_ON("m.id", "(SELECT date FROM session WHERE id = ?1)") ") "
                     "ELSE (SELECT count(*) FROM attendance WHERE session_id = ?1 AND guest = 0) END, "
                     "present = (SELECT count(*) FROM attendance WHERE session_id = ?1 AND status = " ROLL_SQL_PRESENT "), "
                     "updated_at = ?2 WHERE id = ?1",
    /* store_row_json's and store_audit's, prepared once for every changed session. */
    [S_SESSION_ROW] = "SELECT * FROM session WHERE id = ?",
    [S_AUDIT] = "INSERT INTO audit (who, action, entity, uuid, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [S_SAVEPOINT] = "SAVEPOINT fx_import_line",
    [S_ROLLBACK_TO] = "ROLLBACK TO fx_import_line",
    [S_RELEASE] = "RELEASE fx_import_line",
};

/* The statement, reset and unbound for this use; NULL (with x->fatal set) if it cannot be prepared. */
sqlite3_stmt *import_stmt_get(struct import_ctx *x, int which)
{
    if (!x->st[which]) {
        if (store_prepare_persistent(x->db, stmt_sql[which], &x->st[which], &x->fatal))
            return NULL;
    } else {
        sqlite3_reset(x->st[which]);
        sqlite3_clear_bindings(x->st[which]);
    }
    return x->st[which];
}

/* The row of a statement prepared once, as JSON: the same text as
 * store_row_json gives for the same SELECT (tests/unit/test_import.c holds
 * the two together), without preparing the statement for every row. */
char *import_row_json(struct import_ctx *x, int which, int64_t id)
{
    sqlite3_stmt *st = import_stmt_get(x, which);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    char *out = store_step_json(x->db, st);
    sqlite3_reset(st);
    return out;
}

/* Run a statement that returns no rows; 0 or a status (x->fatal says why). */
int import_stmt_run(struct import_ctx *x, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return 0;
    return store_fail(x->db, rc, &x->fatal, what);
}

void import_append_text(char *dst, size_t sz, const char *fmt, ...)
{
    size_t n = strlen(dst);
    if (n + 1 >= sz)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst + n, sz - n, fmt, ap);
    va_end(ap);
}

int import_refuse(struct import_line *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(l->message, sizeof l->message, fmt, ap);
    va_end(ap);
    l->outcome = IMPORT_REFUSED;
    return IMPORT_REFUSED;
}

/* A new row's uuid. Random (v4) uuids land all over the uuid and audit
 * indexes, and at 75,000 rows that thrashes the page cache; these are laid out
 * as RFC 9562 version 7 (the import's start in Unix milliseconds, then 74 bits
 * that start at a random value and count up), so the rows of one import sort
 * together and each index grows at its end. Unique as v4 ones are: other
 * imports differ in time or in the random start. */
void import_new_uuid(struct import_ctx *x, char out[37])
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

const char *import_column_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

static int exec(sqlite3 *db, const char *sql, struct fx_error *err)
{
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : store_fail(db, rc, err, "导入");
}

/* One audit record for the file, only when it changed something: a re-import
 * of the same file must leave the ledger, audit included, as it was.
 *
 * Members the file added are named by this record, not by one record each:
 * their ids are the run above member_max and their uuids count up from one
 * start (import_new_uuid), so the first and last of each say which rows the
 * import wrote. Nothing is lost: an added row stays as written until a change
 * that has its own record, whose "before" holds it. A copy of every row as
 * JSON doubled the size of a county roster in the file and was most of the
 * cost of importing one (tests/bench). Changed rows still get a record each,
 * with the row before and after. */
static int audit_file(struct import_ctx *x, const char *path, struct fx_error *err)
{
    if (x->res->added + x->res->updated + x->res->branches_created == 0)
        return 0;
    sqlite3_stmt *st;
    if (store_prepare(x->db,
                      "SELECT json_object('file', ?1, 'table', ?2, 'encoding', ?3, 'added', ?4, 'updated', ?5, "
                      "'unchanged', ?6, 'refused', ?7, 'branches_created', ?8, 'added_rows', json((SELECT "
                      "json_object('ids', json_array(min(id), max(id)), 'uuids', json_array(min(uuid), max(uuid))) "
                      "FROM member WHERE ?9 AND id > ?10)))",
                      &st, err))
        return err->code;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, import_tables[x->opt->table].section, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, x->res->encoding, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, x->res->added);
    sqlite3_bind_int(st, 5, x->res->updated);
    sqlite3_bind_int(st, 6, x->res->unchanged);
    sqlite3_bind_int(st, 7, x->res->refused);
    sqlite3_bind_int(st, 8, x->res->branches_created);
    sqlite3_bind_int(st, 9, x->opt->table == IMPORT_MEMBERS && x->res->added > 0);
    sqlite3_bind_int64(st, 10, x->member_max);
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        rc = store_audit(x->db, "import", import_tables[x->opt->table].section, "", NULL,
                         (const char *)sqlite3_column_text(st, 0), err);
    sqlite3_finalize(st);
    return rc;
}

/* A workbook is known by its content (a ZIP or OLE2 file), whatever its name;
 * everything else is read as CSV, unless its name says it should have been a
 * workbook: then the CSV reader's complaints about binary bytes would mislead. */
static int open_rows(struct import_ctx *x, const char *path, struct fx_error *err)
{
    struct import_result *res = x->res;
    /* Only a regular file within the cap, checked before a byte is read (sniffing reads): a FIFO or /dev/zero
     * would hang the import for ever (fenxiao(1), IMPORT_MAX_FILE). */
    int fd = paths_open_regular(path, IMPORT_MAX_FILE, "导入文件", err);
    if (fd < 0) {
        if (err->code == FX_ENOTFOUND) /* as before: a file that is not there is the file system's answer (5) */
            return fx_fail(err, FX_EFS, "无法打开文件 %s：文件不存在", path);
        return err->code;
    }
    close(fd);
    if (sheetin_sniff(path) != SHEETIN_NONE) {
        int rc = sheetin_open(path, x->opt->sheet, &x->book, err);
        if (rc)
            return rc;
        text_copy(res->encoding, sizeof res->encoding, sheetin_format(x->book));
        text_copy(res->sheet, sizeof res->sheet, sheetin_sheet(x->book));
        return 0;
    }
    const char *dot = strrchr(path, '.');
    if (dot && (!strcasecmp(dot, ".xlsx") || !strcasecmp(dot, ".xls") || !strcasecmp(dot, ".xlsm")) &&
        access(path, R_OK) == 0)
        return fx_fail(err, FX_EINPUT, "%s：不是 Excel 工作簿（.xlsx 或 .xls），可能已损坏，或是改了扩展名的其他文件",
                       path);
    if (x->opt->sheet && *x->opt->sheet)
        return fx_fail(err, FX_EUSAGE, "--sheet 只用于 Excel 工作簿（.xlsx、.xls）；%s 是文本（CSV）文件", path);
    int rc = csvin_open(path, &x->in, err);
    if (rc)
        return rc;
    text_copy(res->encoding, sizeof res->encoding, csvin_encoding_name(csvin_encoding(x->in)));
    return 0;
}

int import_rows_read(struct import_ctx *x, struct fx_error *err)
{
    return x->book ? sheetin_read(x->book, err) : csvin_read(x->in, err);
}

int import_rows_count(const struct import_ctx *x)
{
    return x->book ? sheetin_count(x->book) : csvin_count(x->in);
}

const char *import_rows_field(const struct import_ctx *x, int i)
{
    return x->book ? sheetin_field(x->book, i) : csvin_field(x->in, i);
}

int import_rows_line(const struct import_ctx *x)
{
    return x->book ? sheetin_line(x->book) : csvin_line(x->in);
}

const char *import_rows_name(const struct import_ctx *x)
{
    return x->book ? sheetin_name(x->book) : csvin_name(x->in);
}

/* Count the current line, show it to on_line, and keep it if within bounds. */
static int finish_line(struct import_ctx *x, int outcome)
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
        import_append_text(out, sz, "%s%d", shown ? "、" : "", r->lines[i].line);
        shown++;
    }
    if (r->refused > shown)
        import_append_text(out, sz, " 等");
}

int import_run(sqlite3 *db, const char *path, const struct import_options *opt, struct import_result *res,
               struct fx_error *err)
{
    memset(res, 0, sizeof *res);
    if (opt->table < 0 || opt->table >= IMPORT_NTABLES)
        return fx_fail(err, FX_EUSAGE, "未知的导入类型");
    struct import_ctx *x = calloc(1, sizeof *x);
    if (!x)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    x->db = db;
    x->opt = opt;
    x->res = res;
    x->fields = import_tables[opt->table].fields;
    while (x->fields[x->nfields].key)
        x->nfields++;
    x->unit_id = store_unit_id(db);
    int rc = 0;
    char rules[4096];
    if (opt->rules_path)
        text_copy(rules, sizeof rules, opt->rules_path);
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
    if ((rc = open_rows(x, path, err)) != 0)
        goto out;
    if ((rc = import_map_header(x, err)) != 0)
        goto out;
    if ((rc = exec(db, "CREATE TEMP TABLE IF NOT EXISTS fx_import_seen (id INTEGER PRIMARY KEY)", err)) != 0 ||
        (rc = exec(db, "DELETE FROM temp.fx_import_seen", err)) != 0)
        goto out;
    /* Attendance: the (session, person) pairs of the file so far, and the
     * sessions it changed with their row and roll call before (for the audit).
     * Temporary tables, so memory stays bounded however long the file. */
    if (opt->table == IMPORT_ATTENDANCE &&
        ((rc = exec(db,
                    "CREATE TEMP TABLE IF NOT EXISTS fx_att_seen (session_id INTEGER NOT NULL, member_id INTEGER NOT "
                    "NULL, line INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL, "
                    "PRIMARY KEY (session_id, member_id)) WITHOUT ROWID",
                    err)) != 0 ||
         (rc = exec(db,
                    "CREATE TEMP TABLE IF NOT EXISTS fx_att_touched (session_id INTEGER PRIMARY KEY, uuid TEXT, "
                    "before_row TEXT, before_att TEXT)",
                    err)) != 0 ||
         (rc = exec(db, "DELETE FROM temp.fx_att_seen; DELETE FROM temp.fx_att_touched", err)) != 0))
        goto out;
    if (opt->year) {
        x->plan_year = opt->year;
    } else {
        struct fx_date today;
        date_today(&today);
        x->plan_year = today.y;
    }
    if ((rc = store_begin(db, err)) != 0)
        goto out;
    if (opt->table == IMPORT_MEMBERS || opt->table == IMPORT_ATTENDANCE) {
        /* Inside the transaction: no other writer can add a member until the end. */
        x->member_max = store_int(db, "SELECT coalesce(max(id), 0) FROM member", NULL);
        sqlite3_stmt *now = import_stmt_get(x, S_NOW);
        if (now && sqlite3_step(now) == SQLITE_ROW) {
            text_copy(x->now, sizeof x->now, import_column_text(now, 0));
            text_copy(x->now_ms, sizeof x->now_ms, import_column_text(now, 1));
        }
        if (now)
            sqlite3_reset(now);
        if (!x->now[0]) {
            store_rollback(db);
            rc = fx_fail(err, FX_EINTERNAL, "读取时间失败");
            goto out;
        }
        if (opt->table == IMPORT_MEMBERS && vocab_get(db, "role", &x->roles, err)) {
            store_rollback(db);
            rc = err->code;
            goto out;
        }
    }
    bool fatal = false;
    for (;;) {
        struct fx_error rerr;
        fx_clear(&rerr);
        int r = import_rows_read(x, &rerr);
        if (r == CSVIN_EOF)
            break;
        memset(&x->cur, 0, sizeof x->cur);
        x->cur.line = import_rows_line(x);
        int outcome;
        if (r == CSVIN_FATAL || r == CSVIN_BAD) {
            /* The reader's message already names the file and line; keep the reason. */
            const char *why = strstr(rerr.msg, "行：");
            outcome = import_refuse(&x->cur, "%s", why ? why + strlen("行：") : rerr.msg);
            if (r == CSVIN_FATAL) {
                finish_line(x, outcome);
                *err = rerr;
                fatal = true;
                break;
            }
        } else if (opt->table == IMPORT_MEMBERS || opt->table == IMPORT_ATTENDANCE) {
            /* Checked whole before anything is written: see do_member, import_attendance_line. */
            outcome = import_process_line(x, &x->cur);
        } else {
            /* A refused line must leave nothing behind, even a row its save wrote before refusing. */
            sqlite3_stmt *sp = import_stmt_get(x, S_SAVEPOINT);
            if (!sp || import_stmt_run(x, sp, "导入")) {
                outcome = IMPORT_FATAL;
            } else {
                outcome = import_process_line(x, &x->cur);
                if (outcome == IMPORT_REFUSED) {
                    sqlite3_stmt *rb = import_stmt_get(x, S_ROLLBACK_TO);
                    if (!rb || import_stmt_run(x, rb, "导入"))
                        outcome = IMPORT_FATAL;
                }
                sqlite3_stmt *rel = import_stmt_get(x, S_RELEASE);
                if (outcome != IMPORT_FATAL && (!rel || import_stmt_run(x, rel, "导入")))
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
    /* The last rows of an attendance file, written now so that a dry run tries every write too. */
    if (!fatal && x->npending && import_attendance_flush(x)) {
        *err = x->fatal;
        fx_detail(err, "%s line %d", path, x->cur.line);
        rc = err->code;
        fatal = true;
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
        /* Lines refused only because their year is closed: the closed year's own status (6). */
        rc = fx_fail(err, res->refused == x->refused_closed ? FX_ECLOSED : FX_EINPUT,
                     "%s：有 %d 行不能导入（第 %s 行），%s", path, res->refused, lines,
                     opt->dry_run ? "这是试运行，未写入任何内容" : "未写入任何内容");
        goto out;
    }
    if (opt->dry_run) {
        store_rollback(db);
        goto out;
    }
    if (opt->table == IMPORT_ATTENDANCE && (rc = import_attendance_finish(x, err)) != 0) {
        store_rollback(db);
        goto out;
    }
    /* The sessions already entered for the plan's year carry out its new items (plan.h's rule). */
    if (opt->table == IMPORT_PLAN && res->added > 0 &&
        (rc = plan_autolink_year(db, x->plan_year, &res->plan_linked, err)) != 0) {
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
        rc = fx_fail(err, res->refused == x->refused_closed ? FX_ECLOSED : FX_EINPUT,
                     "%s：已导入其余各行，有 %d 行被跳过（第 %s 行）", path, res->refused, lines);
    }
out:
    for (int i = 0; i < S_COUNT; i++)
        sqlite3_finalize(x->st[i]);
    sqlite3_finalize(x->roll_call);
    csvin_close(x->in);
    sheetin_close(x->book);
    if (x->have_rules)
        ini_free(&x->rules);
    free(x->funds);
    free(x);
    return rc;
}
