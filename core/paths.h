/* paths.h — where fenxiao keeps things: the ledger, the config, its data files.
 * XDG base directories for the user's files; data/ from the source tree or PREFIX. */
#ifndef FX_PATHS_H
#define FX_PATHS_H

#include <stddef.h>

#include "error.h"

/* $FENXIAO_DB, else $XDG_DATA_HOME/fenxiao/ledger.db (~/.local/share/…).
 * Returns 0, or FX_EUSAGE when neither HOME nor XDG_DATA_HOME is set. */
int paths_default_db(char *out, size_t outsz, struct fx_error *err);

/* Where `fenxiao demo` puts its township when no ledger is named:
 * $XDG_DATA_HOME/fenxiao/demo.db, beside the real ledger and never it. */
int paths_default_demo(char *out, size_t outsz, struct fx_error *err);

/* $XDG_CONFIG_HOME/fenxiao/fenxiao.ini (~/.config/…). */
int paths_default_config(char *out, size_t outsz, struct fx_error *err);

/* Where files made for people are kept when no name is given (PDFs sent to the
 * printer, the 清单 screen's exports): $XDG_DATA_HOME/fenxiao/print
 * (~/.local/share/…), created 0700 with its parents if missing. FX_EUSAGE when
 * neither HOME nor an absolute XDG_DATA_HOME is set; FX_EFS when it cannot be made. */
int paths_print_dir(char *out, size_t outsz, struct fx_error *err);

/* Where reports and exports go when no file is named: 分校台账 in the documents folder —
 * $XDG_DOCUMENTS_DIR, else the desktop's (~/.config/user-dirs.dirs), else ~/文档 —
 * created 0700 with its parents if missing. FX_EUSAGE without HOME; FX_EFS when it cannot be made. */
#define PATHS_OUTPUT_LEAF "分校台账"
int paths_output_dir(char *out, size_t outsz, struct fx_error *err);

/* The data directory (schema/, vocab.ini, standards/, demo/): $FENXIAO_DATA_DIR,
 * else ./data beside the running binary (source tree), else the installed
 * $(PREFIX)/share/fenxiao. The returned string is static. */
const char *paths_data_dir(void);

/* Join dir and name into out; returns 0 or FX_EINPUT if it does not fit. */
int paths_join(char *out, size_t outsz, const char *dir, const char *name);

/* Create dir and its parents with the given mode (existing ones are kept). */
int paths_mkdir_p(const char *dir, unsigned mode, struct fx_error *err);

/* Directory part of path, into out. */
void paths_dirname(char *out, size_t outsz, const char *path);

/* Open path to read it only when it is a regular file (a symlink is followed only to one) of at most max bytes:
 * a FIFO, a device or a directory is refused before a byte is read, and the open itself cannot hang on a FIFO
 * (O_NONBLOCK). Returns the descriptor (the caller closes it), or -1 with err filled: FX_ENOTFOUND when missing,
 * FX_EFS when unreadable, FX_EINPUT when not a regular file or too big; what names it ("导入文件"). */
int paths_open_regular(const char *path, long long max, const char *what, struct fx_error *err);

#endif
