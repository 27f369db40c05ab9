/* archive.h — 立卷归档: files attached to a session, plan item, funds entry or checklist mark. Each is copied into
 * the folder archive/ beside the ledger under its SHA-256 (never just a path to somewhere that may vanish), and
 * the ledger keeps the hash, the original name and the size (table attachment, schema 10). verify checks the
 * files against their hashes; backup and restore carry them beside the backup file. */
#ifndef FX_ARCHIVE_H
#define FX_ARCHIVE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define ARCHIVE_MAX_BYTES (512LL * 1024 * 1024) /* one attachment: a scan or a video of a lesson, not a disk */

struct archive_item {
    int64_t id;
    char uuid[37];
    char entity[16]; /* session, plan, funds, mark */
    char entity_uuid[37];
    int year;
    char sha256[65];
    char name[256]; /* the original file name, without its folder */
    int64_t size;
    char volume[64]; /* 卷号, "" until assigned */
    char created_at[32];
};

/* The archive folder of the ledger at ledger_path: archive/ in the ledger's folder. */
void archive_dir(const char *ledger_path, char *out, size_t outsz);
/* The file of hash sha256 in the archive folder dir. */
void archive_file(const char *dir, const char *sha256, char *out, size_t outsz);

/* The entity words the command line takes and what they are called ("培训记录"); NULL when unknown. */
const char *archive_entity_label(const char *entity);

/* Attach file to row id of entity: copy it into the archive (written to a temporary name, synced, linked into
 * place; a file of the same hash already there is kept), then record it with an audit record in one
 * transaction. Refused: an unknown entity or row (FX_ENOTFOUND), a closed year (FX_ECLOSED), a file that is not
 * a regular file or is over ARCHIVE_MAX_BYTES (FX_EINPUT), the same file on the same row twice (FX_EINPUT); a
 * full or read-only disk is FX_EFS. On success *out is the new row. */
int archive_attach(sqlite3 *db, const char *ledger_path, const char *entity, int64_t id, const char *file,
                   struct archive_item *out, struct fx_error *err);

typedef int (*archive_item_fn)(const struct archive_item *it, void *ctx);
/* Every attachment (entity NULL), or those of row id of entity, in the order they were added. */
int archive_each(sqlite3 *db, const char *entity, int64_t id, archive_item_fn fn, void *ctx, struct fx_error *err);

/* Check every attachment's file: present, of its size and its SHA-256. Each one that is missing or altered is
 * reported as a line ("附件 3《签到表.jpg》已被改动：…"); *bad counts them. */
int archive_verify(sqlite3 *db, const char *ledger_path, void (*report)(void *ctx, const char *line), void *ctx,
                   int *bad, struct fx_error *err);

/* 卷号 (年度-类别-序号, e.g. 2026-培训-003) for every record of year whose attachments have none yet: one number
 * per record (all its attachments share it), by kind — 培训 (sessions), 计划 (plan items), 经费 (funds entries),
 * 清单 (marks) — in the order of the records' dates, continuing after the highest number the year's kind has.
 * Numbers once given are never changed. One transaction, audited; *assigned counts the records numbered. */
int archive_number(sqlite3 *db, int year, int *assigned, struct fx_error *err);

/* The 归档目录 of a year, one line per record with attachments: 卷号, 类别, the record's date and what it is, its
 * attachments' names. Columns: 0 卷号, 1 类别, 2 日期, 3 记录, 4 附件 (names joined by "；"), 5 件数, 6 bytes.
 * ?1 the year's first day, ?2 its last, ?4 the year. Ordered by 卷号 (unnumbered last), then kind and date. */
#define ARCHIVE_CATALOGUE_SQL                                                                                          \
    "SELECT a.volume, CASE a.entity WHEN 'session' THEN '培训' WHEN 'plan' THEN '计划' WHEN 'funds' THEN '经费' "      \
    "  ELSE '清单' END AS kind, "                                                                                       \
    "  coalesce((SELECT date FROM session WHERE uuid = a.entity_uuid), "                                              \
    "    (SELECT printf('%04d-%02d', year, month_first) FROM plan_item WHERE uuid = a.entity_uuid), "                   \
    "    (SELECT date FROM funds_entry WHERE uuid = a.entity_uuid), (SELECT period FROM mark WHERE uuid = a.entity_uuid)), " \
    "  coalesce((SELECT title FROM session WHERE uuid = a.entity_uuid), "                                             \
    "    (SELECT title FROM plan_item WHERE uuid = a.entity_uuid), "                                                   \
    "    (SELECT direction || ' ' || category || ' ' || printf('%d.%02d', amount / 100, amount % 100) || ' 元' "       \
    "     FROM funds_entry WHERE uuid = a.entity_uuid), "                                                               \
    "    (SELECT standard || ' ' || item FROM mark WHERE uuid = a.entity_uuid)), "                                      \
    "  group_concat(a.name, '；'), count(*), sum(a.size) "                                                              \
    "FROM (SELECT * FROM attachment WHERE year = ?4 ORDER BY id) a GROUP BY a.entity, a.entity_uuid "                  \
    "ORDER BY a.volume = '', a.volume, kind, 3, min(a.id)"

/* The names of the attachments of row ?2 of entity ?1 ('session', 'plan', 'funds', 'mark'), in the order they were
 * added, joined by "、"; NULL when it has none. What the checklist's evidence names (issue 17). */
#define ARCHIVE_NAMES_SQL                                                                                              \
    "SELECT group_concat(name, '、') FROM (SELECT name FROM attachment WHERE entity = ?1 AND entity_uuid = "           \
    "CASE ?1 WHEN 'session' THEN (SELECT uuid FROM session WHERE id = ?2) "                                            \
    "WHEN 'plan' THEN (SELECT uuid FROM plan_item WHERE id = ?2) "                                                     \
    "WHEN 'funds' THEN (SELECT uuid FROM funds_entry WHERE id = ?2) "                                                  \
    "ELSE (SELECT uuid FROM mark WHERE id = ?2) END ORDER BY id)"
/* Run st (prepared from ARCHIVE_NAMES_SQL, reused) for row id of entity: out gets the names, "" when none, cut to
 * at most cols columns with "…" when longer. */
int archive_names(sqlite3_stmt *st, const char *entity, int64_t id, char *out, size_t outsz, int cols,
                  struct fx_error *err);

/* The folder a backup file's attachments go in: the backup's name with ".archive" added. */
void archive_backup_dir(const char *backup_path, char *out, size_t outsz);
/* Copy the files of every attachment of db into dest_dir (made 0700); *copied counts them. A missing file is
 * left out and counted in *missing (verify names it). */
int archive_copy_out(sqlite3 *db, const char *ledger_path, const char *dest_dir, int *copied, int *missing,
                     struct fx_error *err);
/* Make the file of hash sha256 in folder src_dir present in folder dst_dir (another ledger's archive, a backup's
 * folder): nothing is copied when dst_dir has it intact already (content-addressed, no duplicates); otherwise it is
 * copied, *copied set. A source file that is missing or whose content does not match its name is not copied:
 * FX_EINPUT, err saying why; FX_EFS when dst_dir cannot be written. */
int archive_take(const char *src_dir, const char *dst_dir, const char *sha256, bool *copied, struct fx_error *err);
/* Bring back the files of a backup's folder src_dir into the archive of the ledger at ledger_path: each file
 * named by a SHA-256 whose content has that hash and that is not already there. A folder that does not exist is
 * no error (*copied 0). */
int archive_copy_in(const char *src_dir, const char *ledger_path, int *copied, struct fx_error *err);

#endif
