/* rollcall.c — the roll call of one session: who is on it (the target branches' members, and anyone added
 * by hand), how a name is marked, found by its pinyin initials, and turned into the attendance to save. */
#include "rollcall.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "member.h"
#include "pinyin.h"
#include "text.h"

void rollcall_init(struct rollcall *rc)
{
    memset(rc, 0, sizeof *rc);
}

void rollcall_free(struct rollcall *rc)
{
    free(rc->e);
    free(rc->synced);
    memset(rc, 0, sizeof *rc);
}

int rollcall_find(const struct rollcall *rc, int64_t member_id)
{
    for (int i = 0; i < rc->n; i++)
        if (rc->e[i].member_id == member_id)
            return i;
    return -1;
}

static struct rollcall_entry *add_entry(struct rollcall *rc, const struct member *m, struct fx_error *err)
{
    if (rc->n == rc->cap) {
        int cap = rc->cap ? rc->cap * 2 : 64;
        struct rollcall_entry *e = realloc(rc->e, (size_t)cap * sizeof *e);
        if (!e) {
            fx_fail(err, FX_EINTERNAL, "内存不足");
            return NULL;
        }
        rc->e = e;
        rc->cap = cap;
    }
    struct rollcall_entry *e = &rc->e[rc->n++];
    memset(e, 0, sizeof *e);
    e->member_id = m->id;
    e->branch_id = m->branch_id;
    snprintf(e->name, sizeof e->name, "%s", m->name);
    snprintf(e->branch, sizeof e->branch, "%s", m->branch);
    snprintf(e->role, sizeof e->role, "%s", m->role);
    member_tell_apart(m->category, m->phone, e->tell, sizeof e->tell);
    e->status = RC_NONE;
    return e;
}

/* Two 张伟 in one roll call are shown with their 身份 and phone tail; anyone else by name alone. */
static void mark_namesakes(struct rollcall *rc)
{
    for (int i = 0; i < rc->n; i++) {
        rc->e[i].namesake = false;
        for (int j = 0; j < rc->n && !rc->e[i].namesake; j++)
            rc->e[i].namesake = j != i && !strcmp(rc->e[i].name, rc->e[j].name);
    }
}

static int set_synced(struct rollcall *rc, const int64_t *branches, int n, struct fx_error *err)
{
    int64_t *s = NULL;
    if (n > 0) {
        s = malloc((size_t)n * sizeof *s);
        if (!s)
            return fx_fail(err, FX_EINTERNAL, "内存不足");
        memcpy(s, branches, (size_t)n * sizeof *s);
    }
    free(rc->synced);
    rc->synced = s;
    rc->nsynced = n;
    return 0;
}

int rollcall_load(struct rollcall *rc, sqlite3 *db, const struct session *s, struct fx_error *err)
{
    for (int i = 0; i < s->natt; i++) {
        struct member m;
        if (member_get(db, s->att[i].member_id, &m, err))
            return err->code;
        struct rollcall_entry *e = add_entry(rc, &m, err);
        if (!e)
            return FX_EINTERNAL;
        e->pinned = true;
        e->status = s->att[i].status;
        snprintf(e->reason, sizeof e->reason, "%s", s->att[i].reason);
        /* An absence without a reason is what an unticked name saves as: show it unticked. */
        if (e->status == ATT_ABSENT && !e->reason[0])
            e->status = RC_NONE;
    }
    rc->changed = false;
    mark_namesakes(rc);
    return set_synced(rc, s->branches, s->nbranches, err);
}

static bool has_id(const int64_t *ids, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

int rollcall_sync(struct rollcall *rc, sqlite3 *db, const int64_t *branches, int nbranches, struct fx_error *err)
{
    /* Drop first, so a member who moved between two targeted branches is not lost. */
    int k = 0;
    for (int i = 0; i < rc->n; i++) {
        const struct rollcall_entry *e = &rc->e[i];
        bool keep = e->pinned || e->status != RC_NONE || has_id(branches, nbranches, e->branch_id) ||
                    !has_id(rc->synced, rc->nsynced, e->branch_id);
        if (keep)
            rc->e[k++] = *e;
    }
    rc->n = k;
    for (int b = 0; b < nbranches; b++) {
        if (has_id(rc->synced, rc->nsynced, branches[b]))
            continue;
        struct member *rows = NULL;
        int n = member_list_branch(db, branches[b], &rows, err);
        if (n < 0)
            return err->code;
        for (int i = 0; i < n; i++)
            if (rollcall_find(rc, rows[i].id) < 0 && !add_entry(rc, &rows[i], err)) {
                free(rows);
                return FX_EINTERNAL;
            }
        free(rows);
    }
    mark_namesakes(rc);
    return set_synced(rc, branches, nbranches, err);
}

void rollcall_counts(const struct rollcall *rc, int *expected, int *present, int *leave, int *absent)
{
    int p = 0, l = 0, a = 0;
    for (int i = 0; i < rc->n; i++) {
        p += rc->e[i].status == ATT_PRESENT;
        l += rc->e[i].status == ATT_LEAVE;
        a += rc->e[i].status == ATT_ABSENT || rc->e[i].status == RC_NONE;
    }
    if (expected)
        *expected = rc->expected_known ? rc->expected : rc->n;
    if (present)
        *present = p;
    if (leave)
        *leave = l;
    if (absent)
        *absent = a;
}

void rollcall_mark(struct rollcall *rc, int i, int status, const char *reason)
{
    struct rollcall_entry *e = &rc->e[i];
    e->status = status;
    /* A reason explains a leave or an absence; a present or unticked name has none. */
    if (status == ATT_LEAVE || status == ATT_ABSENT)
        snprintf(e->reason, sizeof e->reason, "%s", reason ? reason : "");
    else
        e->reason[0] = '\0';
    rc->changed = true;
}

void rollcall_toggle(struct rollcall *rc, int i)
{
    rollcall_mark(rc, i, rc->e[i].status == ATT_PRESENT ? RC_NONE : ATT_PRESENT, NULL);
}

void rollcall_mark_all(struct rollcall *rc)
{
    int expected, present;
    rollcall_counts(rc, &expected, &present, NULL, NULL);
    for (int i = 0; i < rc->n; i++) {
        if (present == expected)
            rollcall_mark(rc, i, RC_NONE, NULL);
        else if (rc->e[i].status == RC_NONE)
            rollcall_mark(rc, i, ATT_PRESENT, NULL);
    }
}

int rollcall_add(struct rollcall *rc, const struct member *m, struct fx_error *err)
{
    struct rollcall_entry *e = add_entry(rc, m, err);
    if (!e)
        return -1;
    e->pinned = true;
    e->status = ATT_PRESENT;
    rc->changed = true;
    mark_namesakes(rc);
    return rc->n - 1;
}

/* Do the first len(q) characters of name give the initials q? (zs: 张三 yes, 王张三 no.) */
static bool starts_with_initials(const char *name, const char *q)
{
    size_t nq = strlen(q), off = 0, len = strlen(name);
    char head[256];
    for (size_t k = 0; k < nq && off < len; k++) {
        uint32_t cp;
        off += text_decode(name + off, len - off, &cp);
    }
    if (off >= sizeof head)
        return false;
    memcpy(head, name, off);
    head[off] = '\0';
    return pinyin_match(head, q);
}

/* Initials of the usual readings begin with q (zh: 郑和 yes; 褚红 only by its rarer reading zhǔ). */
static bool usual_initials(const char *name, const char *q)
{
    char ini[128];
    pinyin_initials(name, ini, sizeof ini);
    return !strncmp(ini, q, strlen(q));
}

int rollcall_search(const struct rollcall *rc, const char *q, int from)
{
    if (!q[0] || rc->n == 0)
        return -1;
    for (int pass = 0; pass < 3; pass++)
        for (int k = 0; k < rc->n; k++) {
            int i = (from + k) % rc->n;
            const char *name = rc->e[i].name;
            if (pass == 0 ? usual_initials(name, q) : pass == 1 ? starts_with_initials(name, q) : pinyin_match(name, q))
                return i;
        }
    return -1;
}

int rollcall_unexplained(const struct rollcall *rc)
{
    int n = 0;
    for (int i = 0; i < rc->n; i++)
        n += (rc->e[i].status == ATT_ABSENT || rc->e[i].status == RC_NONE) && !rc->e[i].reason[0];
    return n;
}

int rollcall_attendance(const struct rollcall *rc, struct attendee **att)
{
    *att = NULL;
    if (rc->n == 0)
        return 0;
    struct attendee *a = calloc((size_t)rc->n, sizeof *a);
    if (!a)
        return -1;
    for (int i = 0; i < rc->n; i++) {
        a[i].member_id = rc->e[i].member_id;
        a[i].status = rc->e[i].status == RC_NONE ? ATT_ABSENT : rc->e[i].status;
        if (a[i].status != ATT_PRESENT)
            snprintf(a[i].reason, sizeof a[i].reason, "%s", rc->e[i].reason);
    }
    *att = a;
    return rc->n;
}

int rollcall_expected(struct rollcall *rc, sqlite3 *db, const struct session *s, struct fx_error *err)
{
    struct session t = *s;
    struct attendee *att = NULL;
    int n = rollcall_attendance(rc, &att);
    if (n < 0)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    t.att = att;
    t.natt = n;
    int expected = 0;
    const char *basis = "";
    int r = ledger_expected_for(db, &t, &expected, &basis, err);
    free(att);
    if (!r) {
        rc->expected = expected;
        rc->expected_known = true;
    }
    return r;
}
