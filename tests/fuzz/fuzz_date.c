/* fuzz_date.c — libFuzzer target for the date, time and period parsers.
 * Whatever they accept must format back to something they accept again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char s[64];
    if (size >= sizeof s)
        size = sizeof s - 1;
    memcpy(s, data, size);
    s[size] = '\0';
    struct fx_error err;
    struct fx_date d;
    if (date_parse(s, &d, &err) == 0) {
        char back[11];
        date_format(&d, back);
        if (strcmp(back, s) != 0 || !date_valid(d.y, d.m, d.d))
            abort();
        struct fx_date again;
        date_from_days(date_to_days(&d), &again);
        if (again.y != d.y || again.m != d.m || again.d != d.d)
            abort();
    }
    int minutes;
    if (time_parse(s, &minutes, &err) == 0 && (minutes < 0 || minutes >= 24 * 60))
        abort();
    struct fx_period p;
    if (period_parse(s, &p, &err) == 0) {
        char canon[32];
        period_format(&p, canon, sizeof canon);
        struct fx_period q;
        if (period_parse(canon, &q, &err) != 0 || strcmp(q.from, p.from) || strcmp(q.to, p.to))
            abort();
        if (strcmp(p.from, p.to) > 0 || !period_contains(&p, p.from) || !period_contains(&p, p.to))
            abort();
        period_step(&q, 1);
        if (strcmp(q.from, p.to) <= 0)
            abort();
    }
    return 0;
}
