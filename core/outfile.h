/* outfile.h — the one way fenxiao writes a file for people (reports, exports, backups):
 * a temporary file beside the target, fsync, then link or rename, never the ledger. */
#ifndef FX_OUTFILE_H
#define FX_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"

enum outfile_flags {
    OUTFILE_REPLACE = 1 /* an existing regular file (or, through a symlink, its target) may be replaced */
};

/* A file being written. The target is untouched until outfile_commit. */
struct outfile {
    char path[4096]; /* where it goes (a symlink's target when OUTFILE_REPLACE followed one) */
    char tmp[4200];  /* the temporary file in the same directory, mode 0600 */
    FILE *f;         /* open on tmp until commit or abort; NULL after outfile_close_stream */
    int flags;
};

/* Register a ledger: the file, its -wal/-shm/-journal/.lock, its backups and
 * any hard link to it can never be an output. store_open calls this for every
 * ledger it opens; the command line calls it for the ledger it names. */
void outfile_protect_ledger(const char *ledger_path);
/* Register a folder whose files are never outputs (the backup folder). */
void outfile_protect_dir(const char *dir);

/* Whether path may be written with these flags. Refused (FX_EUSAGE, the reason
 * in Chinese): a protected file, any SQLite database or WAL file, a device,
 * FIFO, socket or folder, a symlink without OUTFILE_REPLACE, and an existing
 * file without OUTFILE_REPLACE. A missing folder is FX_EFS. */
int outfile_check(const char *path, int flags, struct fx_error *err);

/* Check path and create the temporary file beside it. On failure nothing is
 * left behind and o->f is NULL. */
int outfile_open(struct outfile *o, const char *path, int flags, struct fx_error *err);

/* Close the stream so a writer that takes a file name (PDF, XLSX) can write
 * o->tmp itself; commit then syncs the file by name. */
void outfile_close_stream(struct outfile *o);

/* Flush and fsync the temporary file, then put it at o->path: link() when no
 * file may be replaced (a file that appeared meanwhile is not clobbered),
 * rename() otherwise, then sync the folder. FX_EFS on a full disk or a
 * refusing file system; on any failure the temporary file is removed and the
 * target is as it was. */
int outfile_commit(struct outfile *o, struct fx_error *err);

/* Give up: close and remove the temporary file. Safe to call twice. */
void outfile_abort(struct outfile *o);

/* The message for an errno of the file system, in Chinese ("磁盘已满" …). */
const char *outfile_errno_text(int e);

#endif
