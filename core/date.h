/* date.h — calendar dates, clock times and report periods, strictly parsed.
 * Dates are ISO text "YYYY-MM-DD" everywhere, as the ledger stores them. */
#ifndef FX_DATE_H
#define FX_DATE_H

#include <stdbool.h>
#include <time.h>

#include "error.h"

struct fx_date {
    int y, m, d;
};

bool date_valid(int y, int m, int d);
int date_days_in_month(int y, int m);
/* Strict "YYYY-MM-DD" (years 1900–2999). On failure err->msg explains in Chinese. */
int date_parse(const char *s, struct fx_date *out, struct fx_error *err);
/* A date as people type it: 2026-12-05, 2026/12/05, 2026.12.05 or 2026年12月5日
 * (month and day of one or two digits; full-width digits and separators too), and
 * nothing else — no guessing at 12/05/2026 or 05.12.2026. On failure err->msg says
 * which forms are accepted. */
int date_read(const char *s, struct fx_date *out, struct fx_error *err);
/* date_read, then the canonical "YYYY-MM-DD" into out (11 bytes) — what a command
 * line option or a form field stores. */
int date_normalize(const char *s, char out[11], struct fx_error *err);
/* out must hold 11 bytes. */
void date_format(const struct fx_date *d, char *out);
/* Today's date: $FENXIAO_TODAY when it holds a valid date (tests, and
 * re-running a past day's work), else the local calendar date. */
void date_today(struct fx_date *d);
/* FX_EINPUT when date (YYYY-MM-DD) is after today (date_today), the message naming it by what ("培训日期") and
 * today: a day that has not come is a slip of the finger more often than a plan, so the screen asks and the
 * command line wants --future (issue 18). 0 for today or before, and for "". */
int date_check_not_future(const char *date, const char *what, struct fx_error *err);
/* The local time now, with its date replaced by date_today()'s, for stamps
 * that name a day (backup and print file names). The clock time stays real. */
void date_now(struct tm *out);
/* Days since 1970-01-01 and back; weekday 1 = Monday … 7 = Sunday. */
long date_to_days(const struct fx_date *d);
void date_from_days(long days, struct fx_date *d);
int date_weekday(const struct fx_date *d);

/* "HH:MM" (00:00–23:59) into minutes after midnight. */
int time_parse(const char *s, int *minutes, struct fx_error *err);

enum period_kind { PERIOD_YEAR, PERIOD_HALF, PERIOD_QUARTER, PERIOD_MONTH };

struct fx_period {
    int kind;         /* enum period_kind */
    int year;
    int index;        /* half 1–2, quarter 1–4, month 1–12; 0 for a year */
    char from[11];    /* first day, inclusive */
    char to[11];      /* last day, inclusive */
};

/* "2024", "2024-H1", "2024-Q3", "2024-03" (also "2024年", "2024年3月"). */
int period_parse(const char *s, struct fx_period *p, struct fx_error *err);
void period_make(int kind, int year, int index, struct fx_period *p);
/* Canonical text ("2024-03"), out ≥ 16 bytes; and a Chinese label ("2024年3月"), out ≥ 32. */
void period_format(const struct fx_period *p, char *out, int outsz);
void period_label(const struct fx_period *p, char *out, int outsz);
bool period_contains(const struct fx_period *p, const char *date);
/* The period of the same kind just before / after. */
void period_step(struct fx_period *p, int delta);

#endif
