/* file_pick.h — the file chooser of the screens' imports: the .csv, .xlsx and .xls files in the usual
 * folders (home, 文档, 下载, the desktop, USB sticks under /media), newest first, with size and date. */
#ifndef FX_FILE_PICK_H
#define FX_FILE_PICK_H

#include <stdbool.h>
#include <stddef.h>

struct app;

/* Run the chooser; initial_query (may be NULL) starts the filter, matched against file and folder names
 * as typed. true with the chosen file's full path in out; false on Esc, out untouched. */
bool file_pick_run(struct app *app, const char *initial_query, char *out, size_t outsz);

#endif
