/* member.h — the party members (党员) of the unit's branches: saved with an audit record, read by id, a page at a
 * time, found by name or id (namesakes told apart explicitly), a branch's list for a roll call, counted. */
#ifndef FX_MEMBER_H
#define FX_MEMBER_H

#include <stddef.h>
#include <sqlite3.h>
#include <stdint.h>

#include "error.h"
#include "text_limits.h"

struct member {
    int64_t id;
    char uuid[37];
    int64_t branch_id;
    char branch[201]; /* filled by reads */
    char name[101];
    char gender[8];
    char phone[FX_TEXT_BYTES(FX_PHONE_CHARS)];
    char role[32];     /* version 1's word, kept in step with category, post and mobile by member_save */
    char note[FX_TEXT_BYTES(FX_LINE_CHARS)];
    int active;        /* on the roster today (not 转出/停用) */
    char category[32]; /* 类别: 正式党员 预备党员 入党积极分子 发展对象 ("" = 正式党员) */
    char post[16];     /* 职务: 书记 班子成员 or "" */
    int mobile;        /* 流动党员 */
    /* On saving a new member, or a change of category: the day the (new) term starts and why
     * ("" = before the ledger began / today, and 入党, 转入, 转正 … as fits). Reads fill them from
     * the member's current term. */
    char since[11];
    char since_reason[FX_TEXT_BYTES(FX_WHY_CHARS)];
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

/* 转出, 停用, 去世 …: the member's current term ends on date (the first day off the register, YYYY-MM-DD)
 * for reason, and the member leaves the roster; one transaction with an audit record; the history is
 * kept. FX_EINPUT when not on the roster, or date is not after the term's start; FX_ECLOSED in a closed year. */
int member_leave(sqlite3 *db, int64_t id, const char *date, const char *reason, struct fx_error *err);

/* One stretch of a member's history (member_term). */
struct member_term {
    char category[32];
    char since[11], since_reason[FX_TEXT_BYTES(FX_WHY_CHARS)];
    char until[11], until_reason[FX_TEXT_BYTES(FX_WHY_CHARS)];
};
/* The member's terms in order, at most max into rows; the count or -1. */
int member_terms(sqlite3 *db, int64_t id, struct member_term *rows, int max, struct fx_error *err);

/* The members on the roster on date ("" = today's roster) — people in any category — of branch_id (0 = all)
 * whose name matches query ("" = all: initials, full pinyin, part of the name or phone digits), ordered by
 * pinyin (COLLATE PINYIN, surnames read as surnames), handed to fn one at a time: a county's 75,000 members are
 * never all in memory (the whole list was 98 MB). The count, or -1 with err filled. */
typedef void (*member_fn)(const struct member *m, void *ctx);
int member_each_as_of(sqlite3 *db, int64_t branch_id, const char *query, const char *date, member_fn fn, void *ctx,
                      struct fx_error *err);

/* One page of active members in pinyin order (member.sort_key, surnames read as surnames: 单 under S,
 * 曾 under Z, 欧阳 under O), then id, after the key (after_name, after_id) — keyset pagination. branch_id 0 = all; query filters by
 * pinyin initials or text. Returns the number of rows filled (≤ max), or -1. */
int member_page(sqlite3 *db, int64_t branch_id, const char *query, const char *after_name, int64_t after_id,
                struct member *rows, int max, struct fx_error *err);

/* Active members of a branch, ordered by name (for a roll call). The caller
 * frees *rows with free(). Returns the count or -1. */
int member_list_branch(sqlite3 *db, int64_t branch_id, struct member **rows, struct fx_error *err);

/* What tells two members of one name apart (issue 18): the 身份 (category; "" reads as 正式党员) and the last
 * four digits of the phone — "正式党员，尾号5678", or the 身份 alone without a phone — into out, cut to fit.
 * SQL has it as fx_namesake(category, phone) (store_open.c). */
void member_tell_apart(const char *category, const char *phone, char *out, size_t outsz);
/* The last four digits of phone, spaces and dashes skipped, into out (≥ 5 bytes); "" when it has fewer. */
void member_phone_tail(const char *phone, char *out, size_t outsz);

/* Count active members (all or of one branch). */
int64_t member_count(sqlite3 *db, int64_t branch_id);

#endif
