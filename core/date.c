/* date.c — strict parsing of dates, times and periods.
 * Nothing here consults the locale or the time zone except date_today. */
#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

bool date_valid(int y, int m, int d)
{
    return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

int date_parse(const char *s, struct fx_date *out, struct fx_error *err)
{
    if (!s || strlen(s) != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
        return fx_fail_field(err, FX_EINPUT, "date", "日期格式应为 年-月-日，例如 2024-03-15");
    int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
    if (!date_valid(y, m, d)) {
        if (m >= 1 && m <= 12 && y >= 1900 && y <= 2999)
            return fx_fail_field(err, FX_EINPUT, "date", "日期不存在：%d年%d月只有%d天", y, m, date_days_in_month(y, m));
        return fx_fail_field(err, FX_EINPUT, "date", "日期不存在：%s", s);
    }
    out->y = y;
    out->m = m;
    out->d = d;
    return 0;
}

/* One character of a typed date, with full-width digits (０–９) and separators folded
 * to ASCII: returns its ASCII stand-in ('0'–'9', '-', '/', '.', 'Y', 'M', 'D' for
 * 年月日) and advances *p, or 0 for anything else. */
static char date_char(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    if (*s < 0x80) {
        if (!*s)
            return 0;
        (*p)++;
        return (char)*s;
    }
    static const struct {
        const char *utf8;
        char ascii;
    } wide[] = {{"年", 'Y'}, {"月", 'M'}, {"日", 'D'}, {"／", '/'}, {"－", '-'}, {"．", '.'}, {"。", '.'}};
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++) {
        size_t n = strlen(wide[i].utf8);
        if (!strncmp(*p, wide[i].utf8, n)) {
            *p += n;
            return wide[i].ascii;
        }
    }
    /* ０–９: EF BC 90 – EF BC 99. */
    if (s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99) {
        *p += 3;
        return (char)('0' + (s[2] - 0x90));
    }
    return 0;
}

int date_read(const char *s, struct fx_date *out, struct fx_error *err)
{
    static const char forms[] = "日期应写成 2026-12-05、2026/12/05、2026.12.05 或 2026年12月5日";
    if (!s)
        return fx_fail_field(err, FX_EINPUT, "date", "%s", forms);
    /* Fold to ASCII first (at most 16 characters of a date), then read three numbers. */
    char a[24];
    size_t n = 0;
    const char *p = s;
    while (*p == ' ')
        p++;
    while (*p && n < sizeof a - 1) {
        char c = date_char(&p);
        if (!c)
            return fx_fail_field(err, FX_EINPUT, "date", "%s", forms);
        a[n++] = c;
    }
    while (n && a[n - 1] == ' ')
        n--;
    a[n] = '\0';
    if (*p)
        return fx_fail_field(err, FX_EINPUT, "date", "%s", forms);
    int v[3] = {0, 0, 0}, len[3] = {0, 0, 0};
    char sep[3] = {0, 0, 0};
    const char *q = a;
    for (int k = 0; k < 3; k++) {
        while (*q >= '0' && *q <= '9' && len[k] < 5)
            v[k] = v[k] * 10 + (*q++ - '0'), len[k]++;
        sep[k] = *q;
        if (*q)
            q++;
    }
    bool chinese = sep[0] == 'Y' && sep[1] == 'M' && (sep[2] == 'D' || sep[2] == 0);
    bool plain = (sep[0] == '-' || sep[0] == '/' || sep[0] == '.') && sep[1] == sep[0] && sep[2] == 0;
    if (*q || len[0] != 4 || len[1] < 1 || len[1] > 2 || len[2] < 1 || len[2] > 2 || !(chinese || plain))
        return fx_fail_field(err, FX_EINPUT, "date", "%s", forms);
    if (!date_valid(v[0], v[1], v[2])) {
        if (v[1] >= 1 && v[1] <= 12 && v[0] >= 1900 && v[0] <= 2999)
            return fx_fail_field(err, FX_EINPUT, "date", "日期不存在：%d年%d月只有%d天", v[0], v[1],
                                 date_days_in_month(v[0], v[1]));
        return fx_fail_field(err, FX_EINPUT, "date", "日期不存在：%s", s);
    }
    out->y = v[0];
    out->m = v[1];
    out->d = v[2];
    return 0;
}

int date_normalize(const char *s, char out[11], struct fx_error *err)
{
    struct fx_date d;
    int rc = date_read(s, &d, err);
    if (!rc)
        date_format(&d, out);
    return rc;
}

void date_format(const struct fx_date *d, char *out)
{
    /* Unsigned and cut to each field's width (as period_make's bounds), so the text always fits its 11 bytes. */
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)d->y % 10000u, (unsigned)d->m % 100u, (unsigned)d->d % 100u);
}

/* FENXIAO_TODAY, parsed once; an invalid value is ignored rather than
 * trusted, so a typo can never move the ledger's calendar. */
static bool injected_today(struct fx_date *d)
{
    const char *s = getenv("FENXIAO_TODAY");
    return s && *s && date_parse(s, d, NULL) == 0;
}

int date_check_not_future(const char *date, const char *what, struct fx_error *err)
{
    struct fx_date t;
    char today[11];
    date_today(&t);
    date_format(&t, today);
    if (!date || !date[0] || strcmp(date, today) <= 0)
        return 0;
    return fx_fail_field(err, FX_EINPUT, "date", "%s %s 晚于今天（%s）", what, date, today);
}

void date_today(struct fx_date *d)
{
    if (injected_today(d))
        return;
    struct tm tm;
    date_now(&tm);
    d->y = tm.tm_year + 1900;
    d->m = tm.tm_mon + 1;
    d->d = tm.tm_mday;
}

void date_now(struct tm *out)
{
    time_t t = time(NULL);
    localtime_r(&t, out);
    struct fx_date d;
    if (injected_today(&d)) {
        out->tm_year = d.y - 1900;
        out->tm_mon = d.m - 1;
        out->tm_mday = d.d;
        out->tm_wday = date_weekday(&d) % 7;
        out->tm_yday = (int)(date_to_days(&d) - date_to_days(&(struct fx_date){d.y, 1, 1}));
    }
}

/* Days from civil (proleptic Gregorian), after H. Hinnant's well-known algorithm. */
long date_to_days(const struct fx_date *dt)
{
    int y = dt->y - (dt->m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (dt->m + (dt->m > 2 ? -3 : 9)) + 2) / 5 + dt->d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_from_days(long z, struct fx_date *dt)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    dt->d = (int)(doy - (153 * mp + 2) / 5 + 1);
    dt->m = (int)(mp < 10 ? mp + 3 : mp - 9);
    dt->y = (int)(y + (dt->m <= 2));
}

int date_weekday(const struct fx_date *d)
{
    long days = date_to_days(d); /* 1970-01-01 was a Thursday */
    long w = (days + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

int time_parse(const char *s, int *minutes, struct fx_error *err)
{
    if (!s || strlen(s) != 5 || !digits(s, 2) || s[2] != ':' || !digits(s + 3, 2))
        return fx_fail(err, FX_EINPUT, "时间格式应为 时:分，例如 09:30");
    int h = num(s, 2), m = num(s + 3, 2);
    if (h > 23 || m > 59)
        return fx_fail(err, FX_EINPUT, "时间不存在：%s", s);
    *minutes = h * 60 + m;
    return 0;
}

void period_make(int kind, int year, int index, struct fx_period *p)
{
    int m1 = 1, m2 = 12;
    switch (kind) {
    case PERIOD_HALF: m1 = index == 1 ? 1 : 7; m2 = m1 + 5; break;
    case PERIOD_QUARTER: m1 = (index - 1) * 3 + 1; m2 = m1 + 2; break;
    case PERIOD_MONTH: m1 = m2 = index; break;
    default: index = 0; break;
    }
    p->kind = kind;
    p->year = year;
    p->index = index;
    snprintf(p->from, sizeof p->from, "%04u-%02u-01", (unsigned)year % 10000u, (unsigned)m1 % 100u);
    snprintf(p->to, sizeof p->to, "%04u-%02u-%02u", (unsigned)year % 10000u, (unsigned)m2 % 100u,
             (unsigned)date_days_in_month(year, m2) % 100u);
}

int period_parse(const char *s, struct fx_period *p, struct fx_error *err)
{
    const char *bad = "期间格式应为 2024、2024-H1、2024-Q1 或 2024-03";
    if (!s || strlen(s) < 4 || !digits(s, 4))
        return fx_fail(err, FX_EINPUT, "%s", bad);
    int y = num(s, 4);
    if (y < 1900 || y > 2999)
        return fx_fail(err, FX_EINPUT, "年份超出范围：%.4s", s);
    const char *r = s + 4;
    if (!strcmp(r, "") || !strcmp(r, "年")) {
        period_make(PERIOD_YEAR, y, 0, p);
        return 0;
    }
    if (r[0] == '-' && (r[1] == 'H' || r[1] == 'h') && (r[2] == '1' || r[2] == '2') && !r[3]) {
        period_make(PERIOD_HALF, y, r[2] - '0', p);
        return 0;
    }
    if (r[0] == '-' && (r[1] == 'Q' || r[1] == 'q') && r[2] >= '1' && r[2] <= '4' && !r[3]) {
        period_make(PERIOD_QUARTER, y, r[2] - '0', p);
        return 0;
    }
    if (r[0] == '-' && digits(r + 1, 2) && !r[3]) {
        int m = num(r + 1, 2);
        if (m < 1 || m > 12)
            return fx_fail(err, FX_EINPUT, "月份不存在：%s", s);
        period_make(PERIOD_MONTH, y, m, p);
        return 0;
    }
    if (!strncmp(r, "年", 3)) {
        int m = 0, n = 0;
        if (sscanf(r + 3, "%d%n", &m, &n) == 1 && !strcmp(r + 3 + n, "月") && m >= 1 && m <= 12) {
            period_make(PERIOD_MONTH, y, m, p);
            return 0;
        }
    }
    return fx_fail(err, FX_EINPUT, "%s", bad);
}

void period_format(const struct fx_period *p, char *out, int outsz)
{
    switch (p->kind) {
    case PERIOD_HALF: snprintf(out, (size_t)outsz, "%04d-H%d", p->year, p->index); break;
    case PERIOD_QUARTER: snprintf(out, (size_t)outsz, "%04d-Q%d", p->year, p->index); break;
    case PERIOD_MONTH: snprintf(out, (size_t)outsz, "%04d-%02d", p->year, p->index); break;
    default: snprintf(out, (size_t)outsz, "%04d", p->year); break;
    }
}

void period_label(const struct fx_period *p, char *out, int outsz)
{
    switch (p->kind) {
    case PERIOD_HALF: snprintf(out, (size_t)outsz, "%d年%s", p->year, p->index == 1 ? "上半年" : "下半年"); break;
    case PERIOD_QUARTER: snprintf(out, (size_t)outsz, "%d年第%d季度", p->year, p->index); break;
    case PERIOD_MONTH: snprintf(out, (size_t)outsz, "%d年%d月", p->year, p->index); break;
    default: snprintf(out, (size_t)outsz, "%d年", p->year); break;
    }
}

bool period_contains(const struct fx_period *p, const char *date)
{
    return date && strcmp(date, p->from) >= 0 && strcmp(date, p->to) <= 0;
}

void period_step(struct fx_period *p, int delta)
{
    int per_year = p->kind == PERIOD_MONTH ? 12 : p->kind == PERIOD_QUARTER ? 4 : p->kind == PERIOD_HALF ? 2 : 1;
    int idx = p->kind == PERIOD_YEAR ? 0 : p->index - 1;
    long total = (long)p->year * per_year + idx + delta;
    int year = (int)(total / per_year);
    int index = (int)(total % per_year) + 1;
    period_make(p->kind, year, p->kind == PERIOD_YEAR ? 0 : index, p);
}
