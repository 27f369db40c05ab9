/* error.h — how core reports failure: a status code and a message for people.
 * Core never prints or exits; the front end decides how to show an fx_error. */
#ifndef FX_ERROR_H
#define FX_ERROR_H

/* Status codes double as the command line's exit statuses (fenxiao(1)). */
enum fx_status {
    FX_OK = 0,
    FX_NO = 1,       /* a negative answer, not a failure (check: items not done) */
    FX_EUSAGE = 2,   /* the command line was wrong */
    FX_EINPUT = 3,   /* invalid field or malformed file (a damaged ledger too); nothing was written */
    FX_ELOCKED = 4,  /* another copy holds the ledger */
    FX_EFS = 5,      /* the file system refused: read-only, full, missing */
    FX_ECLOSED = 6,  /* the year is closed (年底交账) */
    FX_ENOTFOUND = 7,/* no such row; the CLI reports it as bad input (3) */
    FX_EINTERNAL = 8 /* a bug */
};

struct fx_error {
    int code;            /* enum fx_status */
    char field[32];      /* the form field at fault, "" if none (ASCII id) */
    char msg[512];       /* for the user, in Chinese */
    char detail[512];    /* for the log: SQLite text, errno, file:line */
};

/* Set err (may be NULL) and return code. msg is a printf format. */
int fx_fail(struct fx_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Same, naming the form field at fault. */
int fx_fail_field(struct fx_error *err, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Set the log detail of an error already filled. */
void fx_detail(struct fx_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fx_clear(struct fx_error *err);

/* Exit status for a status code (FX_ENOTFOUND → 3, FX_EINTERNAL → 1 … ). */
int fx_exit_status(int code);

#endif
