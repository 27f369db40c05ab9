/* ini.h — INI files as people save them (BOM, CRLF, long lines) into iniparser.
 * Syntax errors name the file and the line; keys are "section:key", lowercased. */
#ifndef FX_INI_H
#define FX_INI_H

#include <iniparser.h>

#include "error.h"

struct ini {
    dictionary *d;      /* iniparser's dictionary: use iniparser_get* on it */
    dictionary *lines;  /* "section:key" and "section" → line number, as text */
    char path[1024];
    int entries;        /* sections and keys so far (at most 2000: loading stays linear) */
};

/* Load path: a regular file (symlinks followed only to one) of at most 4 MiB, checked before reading; at most
 * 2000 sections and keys; a key given twice or a quote not closed is refused. A missing file is FX_ENOTFOUND (callers decide whether that is
 * fine); a malformed one is FX_EINPUT with "文件 第N行：…" in err->msg.
 * On success the caller frees with ini_free. */
int ini_load(const char *path, struct ini *ini, struct fx_error *err);
void ini_free(struct ini *ini);

/* Line where key ("section:key") or a section was defined, 0 if unknown. */
int ini_line(const struct ini *ini, const char *key);

/* Convenience getters over iniparser (key is "section:key"). */
const char *ini_str(const struct ini *ini, const char *key, const char *def);
/* Parse a number; on a malformed value, fill err naming file and line and return FX_EINPUT. */
int ini_double(const struct ini *ini, const char *key, double def, double lo, double hi,
               double *out, struct fx_error *err);
int ini_int(const struct ini *ini, const char *key, int def, int lo, int hi, int *out,
            struct fx_error *err);

#endif
