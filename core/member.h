/* member.h — the party members (党员) of the unit's branches: saved with an audit record, read by id, a page at a
 * time, found by name or id (namesakes told apart explicitly), a branch's list for a roll call, counted. */
#ifndef FX_MEMBER_H
#define FX_MEMBER_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"

struct member {
    int64_t id;
    char uuid[37];
    int64_t branch_id;
    char branch[201]; /* filled by reads */
    char name[101];
    char gender[8];
    char phone[32];
    char role[32];
    char note[256];
    int active;
};

/* Insert rows (id 0) or update them; each is one transaction with an audit record
 * unless the caller already holds one (nested use inside imports and the demo). */
int member_save(sqlite3 *db, struct member *m, struct fx_error *err);

/* Resolve a member from a name or a numeric id. Unknown: FX_ENOTFOUND; a name
 * shared by several people: FX_EINPUT listing them with their ids. */
int member_find(sqlite3 *db, const char *name_or_id, int64_t *id, struct fx_error *err);
/* The same for many members in a row (a roll call given as a list): its two
 * statements are prepared on first use and kept, not prepared per name, which
 * was a third of the cost of saving a 100-person roll call. Start it as
 * { .db = db }; member_finder_done finalizes them. */
struct member_finder {
    sqlite3 *db;
    sqlite3_stmt *st[2];
};
int member_finder_find(struct member_finder *f, const char *name_or_id, int64_t *id, struct fx_error *err);
void member_finder_done(struct member_finder *f);

int member_get(sqlite3 *db, int64_t id, struct member *m, struct fx_error *err);

/* One page of active members ordered by (name, id), after the key (after_name,
 * after_id) — keyset pagination. branch_id 0 = all; query filters by
 * pinyin initials or text. Returns the number of rows filled (≤ max), or -1. */
int member_page(sqlite3 *db, int64_t branch_id, const char *query, const char *after_name, int64_t after_id,
                struct member *rows, int max, struct fx_error *err);

/* Active members of a branch, ordered by name (for a roll call). The caller
 * frees *rows with free(). Returns the count or -1. */
int member_list_branch(sqlite3 *db, int64_t branch_id, struct member **rows, struct fx_error *err);

/* Count active members (all or of one branch). */
int64_t member_count(sqlite3 *db, int64_t branch_id);

#endif
