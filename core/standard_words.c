/* standard_words.c — a checklist's results in words: stars, the sub-periods lacking, the totals line
 * and the rates under a branch table, so the 清单 screen, `fenxiao check` and the exported file say the same. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "standard.h"

bool standard_has_stars(const struct standard *std)
{
    for (int s = 1; s <= 5; s++)
        if (std->star_min[s] >= 0)
            return true;
    return false;
}

void standard_stars_text(int stars, char *out, size_t n)
{
    size_t len = 0;
    out[0] = '\0';
    for (int s = 0; s < 5 && len < n; s++)
        len += (size_t)snprintf(out + len, n - len, "%s", s < stars ? "★" : "☆");
}

void standard_sub_label(const char *label, int year, char *out, size_t n)
{
    char y[8];
    snprintf(y, sizeof y, "%04d-", year);
    if (strncmp(label, y, 5)) {
        snprintf(out, n, "%s", label);
        return;
    }
    const char *r = label + 5;
    if (r[0] >= '0' && r[0] <= '9') {
        int a = atoi(r), b = 0;
        const char *t = strchr(r, '~');
        if (t)
            b = atoi(t + 1);
        if (b)
            snprintf(out, n, "%d~%d月", a, b);
        else
            snprintf(out, n, "%d月", a);
    } else {
        snprintf(out, n, "%s", r);
    }
}

int standard_lacking_subs(const struct std_item_result *r, bool all, int year, char *out, size_t n)
{
    size_t len = 0;
    int k = 0;
    out[0] = '\0';
    for (int i = 0; i < r->nsubs && len < n; i++) {
        const struct std_sub *s = &r->subs[i];
        if (!s->lacking || (!all && !s->ended))
            continue;
        char label[32];
        if (year)
            standard_sub_label(s->label, year, label, sizeof label);
        else
            snprintf(label, sizeof label, "%s%s", s->label, s->ended ? "" : "（未到期）");
        len += (size_t)snprintf(out + len, n - len, "%s%s", k ? "、" : "", label);
        k++;
    }
    return k;
}

void standard_totals_text(const struct standard *std, const struct std_result *res, char *out, size_t n)
{
    size_t len = (size_t)snprintf(out, n, "完成 %d/%d 项", res->done, res->nitems);
    if (!std->scored || len >= n)
        return;
    len += (size_t)snprintf(out + len, n - len, "；得分 %g/%g", res->score, res->max_score);
    if (standard_has_stars(std) && len < n) {
        char st[64];
        standard_stars_text(res->stars, st, sizeof st);
        snprintf(out + len, n - len, "；%s %d 星", st, res->stars);
    }
}

void standard_rates_text(const struct standard *std, const struct std_branch_summary *s, struct std_rates_text *out)
{
    memset(out, 0, sizeof *out);
    char pct[16];
    stats_percent_text(s->normal_rate, pct, sizeof pct);
    snprintf(out->normal, sizeof out->normal, "规范化率 %s（%d/%d 个党组织全部完成）", pct, s->all_done, s->n);
    out->has_stars = standard_has_stars(std);
    if (!out->has_stars) {
        snprintf(out->sentence, sizeof out->sentence, "%s", out->normal);
        return;
    }
    stats_percent_text(s->good_rate, pct, sizeof pct);
    snprintf(out->good, sizeof out->good, "优良率 %s", pct);
    size_t len = 0;
    for (int k = 5; k >= 0 && len < sizeof out->stars; k--)
        len += (size_t)snprintf(out->stars + len, sizeof out->stars - len, "%d 星 %d 个%s", k, s->at_stars[k],
                                k ? "、" : "");
    snprintf(out->sentence, sizeof out->sentence, "%s；%s；%s", out->normal, out->good, out->stars);
}
