/* report_archive.c — 归档目录: ARCHIVE_CATALOGUE_SQL's lines as a report, with the year's counts. */
#include "report_archive.h"

#include "archive.h"
#include "report_internal.h"
#include "store.h"

static void fill(const struct report *rep, sqlite3_stmt *st, struct report_row *r, int64_t seq)
{
    (void)rep;
    (void)seq;
    const char *volume = report_col_text(st, 0);
    report_put_text(r, 0, *volume ? volume : "（未编号）");
    report_put_text(r, 1, report_col_text(st, 1));
    report_put_text(r, 2, report_col_text(st, 2));
    report_put_text(r, 3, report_col_text(st, 3));
    report_put_text(r, 4, report_col_text(st, 4));
    report_put_int(r, 5, sqlite3_column_int64(st, 5));
}

int report_archive_rows(const struct report *rep, int64_t offset, int64_t limit, report_row_fn fn, void *ctx,
                        struct fx_error *err)
{
    sqlite3_stmt *st;
    if (report_prepare(rep, "SELECT * FROM (" ARCHIVE_CATALOGUE_SQL ") LIMIT ?10 OFFSET ?11", &st, err))
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 10, limit < 0 ? -1 : limit);
    sqlite3_bind_int64(st, 11, offset);
    return report_stream(rep, st, offset, fill, fn, ctx, "读取归档目录", err);
}

int report_archive_build(sqlite3 *db, const struct fx_config *cfg, const struct report_request *req,
                         struct report *rep, struct fx_error *err)
{
    report_begin(db, cfg, REPORT_ARCHIVE, rep);
    report_set_period(rep, &req->period, "归档目录", "archive");
    report_add_col(rep, "卷号", 'l', 14);
    report_add_col(rep, "类别", 'l', 4);
    report_add_col(rep, "日期", 'l', 10);
    report_add_col(rep, "记录", 'l', 22);
    report_add_col(rep, "附件", 'l', 30);
    report_add_col(rep, "件数", 'r', 4);
    report_col_sum(rep);
    sqlite3_stmt *st;
    if (report_prepare(rep,
                       "SELECT count(*), ifnull(sum(n), 0), ifnull(sum(volume = ''), 0) FROM (SELECT count(*) AS n, "
                       "min(volume) AS volume FROM attachment WHERE year = ?4 GROUP BY entity, entity_uuid)",
                       &st, err))
        return FX_EINTERNAL;
    int s = sqlite3_step(st);
    int64_t records = 0, files = 0, unnumbered = 0;
    if (s == SQLITE_ROW) {
        records = sqlite3_column_int64(st, 0);
        files = sqlite3_column_int64(st, 1);
        unnumbered = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    if (s != SQLITE_ROW)
        return store_fail(db, s, err, "统计附件");
    rep->nrows = records;
    rep->has_totals = true;
    report_row_clear(rep, &rep->totals);
    report_put_text(&rep->totals, 0, "合计");
    report_put_int(&rep->totals, 5, files);
    report_add_figure_int(rep, "归档记录", records, "条");
    report_add_figure_int(rep, "附件", files, "件");
    report_add_figure_int(rep, "未编卷号", unnumbered, "条");
    report_add_note(rep, "卷号 = 年度-类别-序号（类别：培训、计划、经费、清单），按记录日期编排，编定后不再改变；"
                         "一条记录的附件同一卷号；“未编号”的记录尚待编卷号。");
    report_add_note(rep, "附件以 SHA-256 为名存放在账本旁的 archive/ 文件夹，检查账本时逐一核对，被改动或缺失的会指出。");
    return 0;
}
