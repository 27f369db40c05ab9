/* rollaudit.c — compact roll-call audit records: writing, reading, replaying (rollaudit.h). */
#include "rollaudit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "text.h"

/* A record of more entries than this is not one fenxiao wrote (a roll call is one or a few branches). */
#define ROLL_MAX_ENTRIES 1000000

void roll_list_free(struct roll_list *l)
{
    for (int i = 0; i < l->n; i++)
        sqlite3_free(l->e[i].reason);
    sqlite3_free(l->e);
    l->e = NULL;
    l->n = l->cap = 0;
}

int roll_code_of(const char *word)
{
    if (!strcmp(word, "present"))
        return ROLL_PRESENT;
    if (!strcmp(word, "leave"))
        return ROLL_LEAVE;
    return ROLL_ABSENT;
}

const char *roll_word_of(int code)
{
    return code == ROLL_PRESENT ? "present" : code == ROLL_LEAVE ? "leave" : "absent";
}

static const char *word_zh(int code)
{
    return code == ROLL_PRESENT ? "出席" : code == ROLL_LEAVE ? "请假" : "缺席";
}

/* Append an entry (reason copied; NULL or "" is none). -1 when out of memory or past ROLL_MAX_ENTRIES. */
static int push(struct roll_list *l, int64_t member, int status, const char *reason)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 64;
        if (cap > ROLL_MAX_ENTRIES)
            return -1;
        struct roll_entry *e = sqlite3_realloc64(l->e, (sqlite3_uint64)cap * sizeof *e);
        if (!e)
            return -1;
        l->e = e;
        l->cap = cap;
    }
    char *r = NULL;
    if (reason && reason[0] && !(r = sqlite3_mprintf("%s", reason)))
        return -1;
    l->e[l->n++] = (struct roll_entry){member, status, r};
    return 0;
}

static const char *reason_of(const struct roll_entry *e)
{
    return e->reason ? e->reason : "";
}

static int same(const struct roll_entry *a, const struct roll_entry *b)
{
    return a->member == b->member && a->status == b->status && !strcmp(reason_of(a), reason_of(b));
}

static int status_of(sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) == SQLITE_INTEGER)
        return sqlite3_column_int(st, col);
    const unsigned char *w = sqlite3_column_text(st, col);
    return roll_code_of(w ? (const char *)w : "");
}

#define ROLL_READ "SELECT member_id, status, reason FROM attendance WHERE session_id = ?1 ORDER BY member_id"

int roll_read(sqlite3 *db, int64_t session_id, sqlite3_stmt **keep, struct roll_list *out, struct fx_error *err)
{
    sqlite3_stmt *st = keep ? *keep : NULL;
    int rc = 0;
    if (!st) {
        rc = keep ? store_prepare_persistent(db, ROLL_READ, &st, err) : store_prepare(db, ROLL_READ, &st, err);
        if (rc)
            return rc;
        if (keep)
            *keep = st;
    }
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, session_id);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW)
        if (push(out, sqlite3_column_int64(st, 0), status_of(st, 1), (const char *)sqlite3_column_text(st, 2))) {
            rc = fx_fail(err, FX_EINTERNAL, "内存不足");
            break;
        }
    if (!rc && s != SQLITE_DONE)
        rc = store_fail(db, s, err, "读取点名");
    if (keep)
        sqlite3_reset(st);
    else
        sqlite3_finalize(st);
    return rc;
}

void roll_append_json_string(sqlite3_str *b, const char *s)
{
    sqlite3_str_appendchar(b, 1, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            sqlite3_str_appendf(b, "\\%c", *p);
        else if (*p < 0x20)
            sqlite3_str_appendf(b, "\\u%04x", *p);
        else
            sqlite3_str_appendchar(b, 1, (char)*p);
    }
    sqlite3_str_appendchar(b, 1, '"');
}

char *roll_encode(const struct roll_list *l)
{
    sqlite3_str *b = sqlite3_str_new(NULL);
    sqlite3_str_appendchar(b, 1, '[');
    int64_t last = 0;
    for (int i = 0; i < l->n;) {
        int j = i + 1;
        while (j < l->n && l->e[j].member == l->e[j - 1].member + 1 && l->e[j].status == l->e[i].status &&
               !strcmp(reason_of(&l->e[j]), reason_of(&l->e[i])))
            j++;
        sqlite3_str_appendf(b, "%s[%d,%lld,%d", i ? "," : "", l->e[i].status, (long long)(l->e[i].member - last),
                            j - i);
        if (l->e[i].reason) {
            sqlite3_str_appendchar(b, 1, ',');
            roll_append_json_string(b, l->e[i].reason);
        }
        sqlite3_str_appendchar(b, 1, ']');
        last = l->e[j - 1].member;
        i = j;
    }
    sqlite3_str_appendchar(b, 1, ']');
    return sqlite3_str_finish(b);
}

/* FNV-1a, 64 bits, of the bytes of text. */
static uint64_t fnv1a64(const char *text)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3u;
    }
    return h;
}

int roll_digest_of(const char *encoded, char out[ROLL_DIGEST_SIZE])
{
    if (!encoded)
        return -1;
    snprintf(out, ROLL_DIGEST_SIZE, "#%016llx", (unsigned long long)fnv1a64(encoded));
    return 0;
}

static int digest_of_list(const struct roll_list *l, char out[ROLL_DIGEST_SIZE])
{
    char *text = roll_encode(l);
    int rc = roll_digest_of(text, out);
    sqlite3_free(text);
    return rc;
}

#define ROLL_DECODE                                                                                                    \
    "SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, json_type(value) FROM json_each(?1) ORDER BY key"

/* roll_decode with a statement of ROLL_DECODE prepared by the caller (verify reads 85,000 records with one). */
static int decode_with(sqlite3_stmt *st, const char *text, struct roll_list *out, struct fx_error *err)
{
    if (!text)
        return 0;
    int rc = 0;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    int s = SQLITE_DONE;
    int64_t last = 0;
    while (!rc && (s = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *type = sqlite3_column_text(st, 4);
        if (!type || strcmp((const char *)type, "array")) {
            rc = FX_EINPUT;
        } else if (sqlite3_column_type(st, 0) != SQLITE_INTEGER) {
            rc = FX_EINPUT;
        } else if (sqlite3_column_type(st, 1) == SQLITE_TEXT) { /* before schema 13: [member, "present", reason] */
            int64_t m = sqlite3_column_int64(st, 0);
            const char *word = (const char *)sqlite3_column_text(st, 1);
            if (m <= last || (strcmp(word, "present") && strcmp(word, "leave") && strcmp(word, "absent")) ||
                sqlite3_column_type(st, 2) != SQLITE_TEXT ||
                push(out, m, roll_code_of(word), (const char *)sqlite3_column_text(st, 2)))
                rc = FX_EINPUT;
            last = m;
        } else {
            int code = sqlite3_column_int(st, 0);
            if (sqlite3_column_type(st, 1) != SQLITE_INTEGER || sqlite3_column_type(st, 2) != SQLITE_INTEGER ||
                (sqlite3_column_type(st, 3) != SQLITE_NULL && sqlite3_column_type(st, 3) != SQLITE_TEXT)) {
                rc = FX_EINPUT;
                break;
            }
            int64_t step = sqlite3_column_int64(st, 1), count = sqlite3_column_int64(st, 2);
            if (code < ROLL_ABSENT || code > ROLL_LEAVE || step < 1 || step > INT64_MAX / 4 || last > INT64_MAX / 4 ||
                count < 1 || count > ROLL_MAX_ENTRIES - out->n) {
                rc = FX_EINPUT;
                break;
            }
            const char *reason = (const char *)sqlite3_column_text(st, 3);
            for (int64_t k = 0; k < count && !rc; k++)
                if (push(out, last + step + k, code, reason))
                    rc = FX_EINPUT;
            last += step + count - 1;
        }
    }
    if (!rc && s != SQLITE_DONE)
        rc = FX_EINPUT;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc) {
        roll_list_free(out);
        return fx_fail(err, FX_EINPUT, "点名的审计记录不是 fenxiao 写的格式");
    }
    return 0;
}

int roll_decode(sqlite3 *db, const char *text, struct roll_list *out, struct fx_error *err)
{
    if (!text)
        return 0;
    sqlite3_stmt *st;
    int rc = store_prepare(db, ROLL_DECODE, &st, err);
    if (!rc)
        rc = decode_with(st, text, out, err);
    sqlite3_finalize(st);
    return rc;
}

/* gone: the entries of a not in b as they are; came: those of b not in a. Both sorted by member. */
static int diff(const struct roll_list *a, const struct roll_list *b, struct roll_list *gone, struct roll_list *came)
{
    int i = 0, j = 0, rc = 0;
    while (!rc && (i < a->n || j < b->n)) {
        if (j == b->n || (i < a->n && a->e[i].member < b->e[j].member)) {
            rc = push(gone, a->e[i].member, a->e[i].status, a->e[i].reason);
            i++;
        } else if (i == a->n || b->e[j].member < a->e[i].member) {
            rc = push(came, b->e[j].member, b->e[j].status, b->e[j].reason);
            j++;
        } else {
            if (!same(&a->e[i], &b->e[j]) && !(rc = push(gone, a->e[i].member, a->e[i].status, a->e[i].reason)))
                rc = push(came, b->e[j].member, b->e[j].status, b->e[j].reason);
            i++;
            j++;
        }
    }
    return rc;
}

int roll_audit(sqlite3 *db, const char *action, const char *uuid, const struct roll_list *before,
               const struct roll_list *after, struct fx_error *err)
{
    struct roll_list gone = {0}, came = {0};
    if (before && diff(before, after, &gone, &came)) {
        roll_list_free(&gone);
        roll_list_free(&came);
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    }
    int rc = 0;
    if (!before || gone.n || came.n) {
        char *b = before ? roll_encode(&gone) : NULL, *a = roll_encode(before ? &came : after);
        if (!a || (before && !b))
            rc = fx_fail(err, FX_EINTERNAL, "内存不足");
        else
            rc = store_audit(db, action, "attendance", uuid, b, a, err);
        sqlite3_free(b);
        sqlite3_free(a);
    }
    roll_list_free(&gone);
    roll_list_free(&came);
    return rc;
}

int roll_audit_texts(sqlite3 *db, const char *action, const char *uuid, const char *before_text, const char *after_text,
                     struct fx_error *err)
{
    if (before_text && after_text && !strcmp(before_text, after_text))
        return 0;
    if (!before_text) /* a whole new roll call: its text is already the record's */
        return store_audit(db, action, "attendance", uuid, NULL, after_text ? after_text : "[]", err);
    struct roll_list b = {0}, a = {0};
    int rc = roll_decode(db, before_text, &b, err);
    if (!rc)
        rc = roll_decode(db, after_text, &a, err);
    if (!rc)
        rc = roll_audit(db, action, uuid, before_text ? &b : NULL, &a, err);
    roll_list_free(&b);
    roll_list_free(&a);
    return rc;
}

/* state := state without gone, with came. 0, or the member at which the record does not follow (-1 on memory). */
static int64_t apply(struct roll_list *state, const struct roll_list *gone, const struct roll_list *came)
{
    struct roll_list out = {0};
    int i = 0, g = 0, c = 0;
    int64_t bad = 0;
    while (!bad && (i < state->n || c < came->n)) {
        const struct roll_entry *e = i < state->n ? &state->e[i] : NULL;
        if (g < gone->n && (!e || gone->e[g].member < e->member)) {
            bad = gone->e[g].member; /* taking out what is not there */
        } else if (e && g < gone->n && gone->e[g].member == e->member) {
            if (!same(e, &gone->e[g]))
                bad = e->member;
            i++;
            g++;
        } else if (c < came->n && (!e || came->e[c].member <= e->member)) {
            if (e && came->e[c].member == e->member)
                bad = e->member; /* putting in what is there */
            else if (push(&out, came->e[c].member, came->e[c].status, came->e[c].reason))
                bad = -1;
            c++;
        } else {
            if (push(&out, e->member, e->status, e->reason))
                bad = -1;
            i++;
        }
    }
    if (!bad && g < gone->n)
        bad = gone->e[g].member;
    if (bad) {
        roll_list_free(&out);
        return bad;
    }
    roll_list_free(state);
    *state = out;
    return 0;
}

/* The first member where a and b differ, 0 when they are the same. */
static int64_t first_difference(const struct roll_list *a, const struct roll_list *b)
{
    int i = 0;
    for (; i < a->n && i < b->n; i++)
        if (!same(&a->e[i], &b->e[i]))
            return a->e[i].member < b->e[i].member ? a->e[i].member : b->e[i].member;
    return i < a->n ? a->e[i].member : i < b->n ? b->e[i].member : 0;
}

static const struct roll_entry *find(const struct roll_list *l, int64_t member)
{
    int lo = 0, hi = l->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (l->e[mid].member < member)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < l->n && l->e[lo].member == member ? &l->e[lo] : NULL;
}

struct fixes {
    int64_t *id;
    int n, cap;
};

static int note(struct fixes *f, int64_t id)
{
    if (f->n == f->cap) {
        int cap = f->cap ? f->cap * 2 : 64;
        int64_t *p = sqlite3_realloc64(f->id, (sqlite3_uint64)cap * sizeof *p);
        if (!p)
            return -1;
        f->id = p;
        f->cap = cap;
    }
    f->id[f->n++] = id;
    return 0;
}

/* The changes recorded since a session's insert record, in order: each record's id, what it took out and what it
 * put in (owned). */
struct change {
    int64_t *id;
    struct roll_list *gone, *came;
    int n, cap;
};

static void change_free(struct change *c)
{
    for (int i = 0; i < c->n; i++) {
        roll_list_free(&c->gone[i]);
        roll_list_free(&c->came[i]);
    }
    sqlite3_free(c->id);
    sqlite3_free(c->gone);
    sqlite3_free(c->came);
    *c = (struct change){0};
}

/* Take gone and came over (they are left empty). -1 when out of memory. */
static int change_push(struct change *c, int64_t id, struct roll_list *gone, struct roll_list *came)
{
    if (c->n == c->cap) {
        int cap = c->cap ? c->cap * 2 : 8;
        int64_t *ids = sqlite3_realloc64(c->id, (sqlite3_uint64)cap * sizeof *ids);
        if (ids)
            c->id = ids;
        struct roll_list *g = ids ? sqlite3_realloc64(c->gone, (sqlite3_uint64)cap * sizeof *g) : NULL;
        if (g)
            c->gone = g;
        struct roll_list *k = g ? sqlite3_realloc64(c->came, (sqlite3_uint64)cap * sizeof *k) : NULL;
        if (!k)
            return -1;
        c->came = k;
        c->cap = cap;
    }
    c->id[c->n] = id;
    c->gone[c->n] = *gone;
    c->came[c->n] = *came;
    c->n++;
    *gone = *came = (struct roll_list){0};
    return 0;
}

static int copy_list(const struct roll_list *from, struct roll_list *to)
{
    roll_list_free(to);
    for (int i = 0; i < from->n; i++)
        if (push(to, from->e[i].member, from->e[i].status, from->e[i].reason))
            return -1;
    return 0;
}

/* Walk the sessions that have roll-call records or attendance rows, in id order, with one statement each
 * (records sorted by session, rows in key order): linear in the file. */
int roll_verify(sqlite3 *db, int fix, void (*report)(void *ctx, const char *line), void *ctx, struct fx_error *err)
{
    sqlite3_stmt *rec = NULL, *att = NULL;
    int rc = store_prepare(db,
                           "SELECT s.id, a.id, a.before, a.after FROM audit a JOIN session s ON s.uuid = a.uuid "
                           "WHERE " ROLL_SQL_CHAIN("a") " ORDER BY s.id, a.id",
                           &rec, err);
    if (!rc)
        rc = store_prepare(db,
                           "SELECT session_id, member_id, status, reason FROM attendance ORDER BY session_id, "
                           "member_id",
                           &att, err);
    sqlite3_stmt *dec = NULL;
    if (!rc)
        rc = store_prepare(db, ROLL_DECODE, &dec, err);
    if (rc) {
        sqlite3_finalize(rec);
        sqlite3_finalize(att);
        return -1;
    }
    struct fixes fx = {0};
    int lines = 0;
    int rs = sqlite3_step(rec), as = sqlite3_step(att);
    char line[512];
    while (!rc && (rs == SQLITE_ROW || as == SQLITE_ROW)) {
        int64_t sid = rs == SQLITE_ROW ? sqlite3_column_int64(rec, 0) : INT64_MAX;
        if (as == SQLITE_ROW && sqlite3_column_int64(att, 0) < sid)
            sid = sqlite3_column_int64(att, 0);
        struct roll_list state = {0}, have = {0};
        /* known: state holds the roll call (a whole one was recorded, then changes applied). Otherwise the last
         * whole record was a digest, and the changes since are kept in later to be undone from the rows. */
        bool known = true; /* before any record: the empty roll call */
        char digest[ROLL_DIGEST_SIZE] = "";
        struct change later = {0};
        int records = 0;
        int64_t broken_at = 0, broken_record = 0;
        const char *problem = NULL;
        for (; rs == SQLITE_ROW && sqlite3_column_int64(rec, 0) == sid; rs = sqlite3_step(rec)) {
            records++;
            if (problem || broken_at)
                continue;
            struct roll_list gone = {0}, came = {0};
            const char *before = (const char *)sqlite3_column_text(rec, 2),
                       *after = (const char *)sqlite3_column_text(rec, 3);
            int64_t id = sqlite3_column_int64(rec, 1);
            struct fx_error ignore = {0};
            if (!before && after && after[0] == '#') {
                roll_list_free(&state);
                change_free(&later);
                known = false;
                if (strlen(after) == ROLL_DIGEST_SIZE - 1)
                    memcpy(digest, after, ROLL_DIGEST_SIZE);
                else
                    problem = "unreadable";
                broken_record = id;
                continue;
            }
            if (decode_with(dec, before, &gone, &ignore) || decode_with(dec, after, &came, &ignore)) {
                problem = "unreadable";
                broken_record = id;
            } else if (!before) {
                roll_list_free(&state);
                change_free(&later);
                state = came;
                came = (struct roll_list){0};
                known = true;
            } else if (!known) {
                if (change_push(&later, id, &gone, &came))
                    rc = fx_fail(err, FX_EINTERNAL, "内存不足");
            } else if ((broken_at = apply(&state, &gone, &came)) != 0) {
                broken_record = id;
            }
            roll_list_free(&gone);
            roll_list_free(&came);
        }
        for (; as == SQLITE_ROW && sqlite3_column_int64(att, 0) == sid; as = sqlite3_step(att))
            if (push(&have, sqlite3_column_int64(att, 1), status_of(att, 2), (const char *)sqlite3_column_text(att, 3)))
                rc = fx_fail(err, FX_EINTERNAL, "内存不足");
        int64_t differs = 0, unwound_at = 0;
        bool digest_differs = false;
        if (!rc && !problem && !broken_at && records && known) {
            differs = first_difference(&have, &state);
        } else if (!rc && !problem && !broken_at && records) {
            /* From the rows back through each change since the insert, newest first; then the digest. */
            if (copy_list(&have, &state))
                rc = fx_fail(err, FX_EINTERNAL, "内存不足");
            for (int k = later.n - 1; !rc && k >= 0 && !unwound_at; k--)
                if ((unwound_at = apply(&state, &later.came[k], &later.gone[k])) != 0)
                    broken_record = later.id[k];
            char now[ROLL_DIGEST_SIZE];
            if (!rc && !unwound_at && unwound_at >= 0) {
                if (digest_of_list(&state, now))
                    rc = fx_fail(err, FX_EINTERNAL, "内存不足");
                else
                    digest_differs = strcmp(now, digest) != 0;
            }
            if (unwound_at < 0)
                rc = fx_fail(err, FX_EINTERNAL, "内存不足");
        }
        int wrong = !rc && (problem || broken_at || differs || unwound_at || digest_differs || !records);
        if (wrong && fix) {
            if (note(&fx, sid))
                rc = fx_fail(err, FX_EINTERNAL, "内存不足");
        } else if (wrong) {
            if (problem)
                text_format(line, sizeof line, "点名审计：培训记录 %lld 的点名审计记录 %lld 读不出来", (long long)sid,
                            (long long)broken_record);
            else if (broken_at)
                text_format(line, sizeof line,
                            "点名审计：培训记录 %lld 的审计记录 %lld 接不上之前的记录（党员 %lld），点名的历史被改动过",
                            (long long)sid, (long long)broken_record, (long long)broken_at);
            else if (unwound_at)
                text_format(line, sizeof line,
                            "点名审计：培训记录 %lld 的审计记录 %lld 与现在的点名接不上（党员 %lld），点名被改动过",
                            (long long)sid, (long long)broken_record, (long long)unwound_at);
            else if (digest_differs)
                text_format(line, sizeof line,
                            "点名审计：培训记录 %lld 的点名与新增时的审计记录不符（摘要不同），点名被改动过",
                            (long long)sid);
            else if (!records)
                text_format(line, sizeof line, "点名审计：培训记录 %lld 有点名，但没有点名的审计记录", (long long)sid);
            else {
                const struct roll_entry *h = find(&have, differs), *r = find(&state, differs);
                text_format(line, sizeof line,
                            "点名审计：培训记录 %lld 的点名与审计记录不符：党员 %lld 账上为%s，审计记录为%s",
                            (long long)sid, (long long)differs, h ? word_zh(h->status) : "（无）",
                            r ? word_zh(r->status) : "（无）");
            }
            if (lines < 20)
                report(ctx, line);
            lines++;
        }
        roll_list_free(&state);
        change_free(&later);
        roll_list_free(&have);
    }
    if (!rc && (rs != SQLITE_DONE || as != SQLITE_DONE))
        rc = store_fail(db, rs != SQLITE_DONE ? rs : as, err, "检查点名的审计记录");
    sqlite3_finalize(rec);
    sqlite3_finalize(att);
    sqlite3_finalize(dec);
    if (!rc && lines > 20) {
        text_format(line, sizeof line, "点名审计：另有 %d 次培训的点名与审计记录不符，没有一一列出", lines - 20);
        report(ctx, line);
    }
    /* The fixes are written once both reads are over. */
    sqlite3_stmt *uuid = NULL;
    if (!rc && fx.n)
        rc = store_prepare(db, "SELECT uuid FROM session WHERE id = ?1", &uuid, err);
    for (int i = 0; !rc && i < fx.n; i++) {
        struct roll_list now = {0};
        sqlite3_reset(uuid);
        sqlite3_bind_int64(uuid, 1, fx.id[i]);
        if (sqlite3_step(uuid) != SQLITE_ROW) {
            rc = store_fail(db, sqlite3_errcode(db), err, "读取培训记录");
            break;
        }
        rc = roll_read(db, fx.id[i], NULL, &now, err);
        if (!rc)
            rc = roll_audit(db, "baseline", (const char *)sqlite3_column_text(uuid, 0), NULL, &now, err);
        roll_list_free(&now);
    }
    sqlite3_finalize(uuid);
    sqlite3_free(fx.id);
    return rc ? -1 : lines;
}

int roll_migrate(sqlite3 *db, struct fx_error *err)
{
    sqlite3_stmt *ids = NULL, *get = NULL, *put = NULL;
    struct fixes all = {0};
    int rc = store_prepare(db, "SELECT id FROM audit WHERE entity = 'attendance' ORDER BY id", &ids, err);
    int s = SQLITE_DONE;
    while (!rc && (s = sqlite3_step(ids)) == SQLITE_ROW)
        if (note(&all, sqlite3_column_int64(ids, 0)))
            rc = fx_fail(err, FX_EINTERNAL, "内存不足");
    if (!rc && s != SQLITE_DONE)
        rc = store_fail(db, s, err, "读取审计记录");
    sqlite3_finalize(ids);
    sqlite3_stmt *dec = NULL;
    if (!rc)
        rc = store_prepare(db, ROLL_DECODE, &dec, err);
    if (!rc)
        rc = store_prepare(db, "SELECT before, after FROM audit WHERE id = ?1", &get, err);
    if (!rc)
        rc = store_prepare(db, "UPDATE audit SET before = ?2, after = ?3 WHERE id = ?1", &put, err);
    for (int i = 0; !rc && i < all.n; i++) {
        sqlite3_bind_int64(get, 1, all.id[i]);
        if ((s = sqlite3_step(get)) != SQLITE_ROW) {
            rc = store_fail(db, s, err, "读取审计记录");
            break;
        }
        const char *before = (const char *)sqlite3_column_text(get, 0),
                   *after = (const char *)sqlite3_column_text(get, 1);
        struct roll_list b = {0}, a = {0}, gone = {0}, came = {0};
        struct fx_error ignore = {0};
        /* A record that cannot be read is left as it is: verify names it. */
        if (!decode_with(dec, before, &b, &ignore) && !decode_with(dec, after, &a, &ignore)) {
            char *nb = NULL, *na = NULL;
            if (before && diff(&b, &a, &gone, &came))
                rc = fx_fail(err, FX_EINTERNAL, "内存不足");
            else if ((before && !(nb = roll_encode(&gone))) || !(na = roll_encode(before ? &came : &a)))
                rc = fx_fail(err, FX_EINTERNAL, "内存不足");
            if (!rc) {
                sqlite3_bind_int64(put, 1, all.id[i]);
                if (nb)
                    sqlite3_bind_text(put, 2, nb, -1, SQLITE_STATIC);
                else
                    sqlite3_bind_null(put, 2);
                sqlite3_bind_text(put, 3, na, -1, SQLITE_STATIC);
                if ((s = sqlite3_step(put)) != SQLITE_DONE)
                    rc = store_fail(db, s, err, "改写审计记录");
                sqlite3_reset(put);
            }
            sqlite3_free(nb);
            sqlite3_free(na);
        }
        sqlite3_reset(get);
        roll_list_free(&b);
        roll_list_free(&a);
        roll_list_free(&gone);
        roll_list_free(&came);
    }
    sqlite3_finalize(get);
    sqlite3_finalize(put);
    sqlite3_finalize(dec);
    sqlite3_free(all.id);
    if (!rc && roll_verify(db, 1, NULL, NULL, err) < 0)
        rc = err->code;
    return rc;
}

int roll_migrate_digests(sqlite3 *db, struct fx_error *err)
{
    /* Each record is rewritten as it is read, so the step holds one roll call at a time, not a digest and an id
     * for every session of the ledger (3.4 MB at county scale, over the 16 MiB budget at the upgrade's peak).
     * Updating the row just read is safe in SQLite; the new text starts with '#', so it never matches again. */
    sqlite3_stmt *get = NULL, *dec = NULL, *put = NULL;
    int rc = store_prepare(db,
                           "SELECT id, after FROM audit WHERE entity = 'session' AND action = 'insert' AND before IS NULL "
                           "AND substr(after, 1, 1) = '[' ORDER BY id",
                           &get, err);
    if (!rc)
        rc = store_prepare(db, ROLL_DECODE, &dec, err);
    if (!rc)
        rc = store_prepare(db, "UPDATE audit SET after = ?2 WHERE id = ?1", &put, err);
    int s = SQLITE_DONE;
    while (!rc && (s = sqlite3_step(get)) == SQLITE_ROW) {
        struct roll_list l = {0};
        struct fx_error ignore = {0};
        char digest[ROLL_DIGEST_SIZE];
        /* A text that does not read stays as it is: verify names it. Else the digest of its canonical form. */
        if (decode_with(dec, (const char *)sqlite3_column_text(get, 1), &l, &ignore) == 0) {
            if (digest_of_list(&l, digest)) {
                rc = fx_fail(err, FX_EINTERNAL, "内存不足");
            } else {
                sqlite3_bind_int64(put, 1, sqlite3_column_int64(get, 0));
                sqlite3_bind_text(put, 2, digest, -1, SQLITE_STATIC);
                int u = sqlite3_step(put);
                if (u != SQLITE_DONE)
                    rc = store_fail(db, u, err, "改写审计记录");
                sqlite3_reset(put);
            }
        }
        roll_list_free(&l);
    }
    if (!rc && s != SQLITE_DONE)
        rc = store_fail(db, s, err, "读取审计记录");
    sqlite3_finalize(get);
    sqlite3_finalize(dec);
    sqlite3_finalize(put);
    return rc;
}
