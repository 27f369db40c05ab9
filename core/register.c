/* register.c — counting the register on a day from member_term; the SQL of "on the register" is
 * REGISTER_ON (register.h), shared with the reports' queries that count per branch or per member. */
#include "register.h"

#include <stdbool.h>

#include "store.h"

/* The whole ledger's count reads member_term alone, from end to end: a member's terms of one class never overlap,
 * and every term's member is on the roster (its foreign key). One EXISTS per member on the roster was 75,000
 * index searches on a county ledger (0.3 s); the walk is a tenth of that. */
#define REGISTER_COUNT_ALL(cats)                                                                                       \
    "SELECT count(DISTINCT rt.member_id) FROM member_term rt WHERE rt.category IN (" cats ") AND rt.since <= ?1 "     \
    "AND (rt.until = '' OR rt.until > ?1)"

int register_count(sqlite3 *db, int64_t unit_id, int64_t branch_id, const char *date, int64_t *count,
                   struct fx_error *err)
{
    *count = 0;
    if (!unit_id && !branch_id)
        return store_get_int(db, REGISTER_COUNT_ALL(REGISTER_MEMBER_CATEGORIES), STORE_ARGS(STORE_TEXT(date)), count,
                             err);
    return store_get_int(db,
                         "SELECT count(*) FROM member m WHERE (?2 = 0 OR m.branch_id = ?2) AND (?1 = 0 OR EXISTS "
                         "(SELECT 1 FROM branch b WHERE b.id = m.branch_id AND b.unit_id = ?1)) AND " REGISTER_ON(
                             "m.id", "?3"),
                         STORE_ARGS(STORE_INT(unit_id), STORE_INT(branch_id), STORE_TEXT(date)), count, err);
}

int register_count_candidates(sqlite3 *db, int64_t unit_id, const char *date, int64_t *count, struct fx_error *err)
{
    *count = 0;
    if (!unit_id)
        return store_get_int(db, REGISTER_COUNT_ALL(REGISTER_CANDIDATE_CATEGORIES), STORE_ARGS(STORE_TEXT(date)),
                             count, err);
    return store_get_int(db,
                         "SELECT count(*) FROM member m WHERE (?1 = 0 OR EXISTS (SELECT 1 FROM branch b WHERE "
                         "b.id = m.branch_id AND b.unit_id = ?1)) AND " REGISTER_CANDIDATE_ON("m.id", "?2"),
                         STORE_ARGS(STORE_INT(unit_id), STORE_TEXT(date)), count, err);
}

int member_registered_in_branches(sqlite3 *db, const int64_t *branch_ids, int n, const char *date, int64_t *count,
                                  struct fx_error *err)
{
    *count = 0;
    for (int i = 0; i < n; i++) {
        bool seen = false; /* a branch named twice counts once */
        for (int k = 0; k < i; k++)
            seen = seen || branch_ids[k] == branch_ids[i];
        if (seen)
            continue;
        int64_t c = 0;
        int rc = register_count(db, 0, branch_ids[i], date, &c, err);
        if (rc)
            return rc;
        *count += c;
    }
    return 0;
}
