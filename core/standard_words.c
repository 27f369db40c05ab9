/* standard_words.c — a checklist's results in words: stars, the sub-periods lacking, the totals line
 * and the rates under a branch table, so the 清单 screen, `fenxiao check` and the exported file say the same. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "funds.h"
#include "stats.h"
#include "standard.h"
#include "text.h"

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

/* 1–5 as the Chinese numeral of a star level (一星级 … 五星级). */
static const char *star_word(int stars)
{
    static const char *const w[] = {"零", "一", "二", "三", "四", "五"};
    return stars >= 0 && stars <= 5 ? w[stars] : "?";
}

void standard_rates_text(const struct standard *std, const struct std_branch_summary *s, struct std_rates_text *out)
{
    memset(out, 0, sizeof *out);
    char pct[16];
    stats_percent_text(s->normal_rate, pct, sizeof pct);
    out->has_stars = standard_has_stars(std);
    if (out->has_stars)
        snprintf(out->normal, sizeof out->normal, "规范化率 %s（%d/%d 个党组织%s星级及以上）", pct, s->normal, s->n,
                 star_word(std->normal_stars));
    else
        snprintf(out->normal, sizeof out->normal, "规范化率 %s（%d/%d 个党组织全部完成）", pct, s->normal, s->n);
    if (!out->has_stars) {
        text_copy(out->sentence, sizeof out->sentence, out->normal);
        return;
    }
    stats_percent_text(s->good_rate, pct, sizeof pct);
    snprintf(out->good, sizeof out->good, "优良率 %s（%d/%d 个党组织%s星级及以上）", pct, s->good, s->n,
             star_word(std->good_stars));
    size_t len = 0;
    for (int k = 5; k >= 0 && len < sizeof out->stars; k--)
        len += (size_t)snprintf(out->stars + len, sizeof out->stars - len, "%d 星 %d 个%s", k, s->at_stars[k],
                                k ? "、" : "");
    text_format(out->sentence, sizeof out->sentence, "%s；%s；%s", out->normal, out->good, out->stars);
}

void standard_requirement_text(const struct std_item_result *r, char *out, size_t n)
{
    const struct std_item *it = r->item;
    out[0] = '\0';
    if (it->evidence == STD_ROSTER && it->count != STD_COUNT_DIRECTORY) {
        snprintf(out, n, "名册中%s %d 个，要求至少 %d 个", standard_count_name(it->count), r->found, r->required);
    } else if (it->evidence == STD_LEDGER) {
        snprintf(out, n, "台账 %d 次，要求至少 %d 次", r->found, r->required);
    } else if (it->evidence == STD_FUNDS && it->funds == STD_FUNDS_BUDGET) {
        char total[32];
        funds_format(r->funds_total, total, sizeof total);
        if (r->funds_count > 0)
            snprintf(out, n, "经费台账：本年度 %lld 个经费来源已列入预算，共 %s 元", (long long)r->funds_count, total);
        else
            snprintf(out, n, "经费台账：本年度没有设定预算（在“经费”页设定）");
    } else if (it->evidence == STD_FUNDS) {
        if (r->funds_total > 0)
            snprintf(out, n, "经费台账：%lld 笔支出不符合经费规则，其中 %lld 笔没有写明原因", (long long)r->funds_count,
                     (long long)r->funds_total);
        else if (r->funds_count > 0)
            snprintf(out, n, "经费台账：不符合经费规则的支出 %lld 笔，均已写明原因", (long long)r->funds_count);
        else
            snprintf(out, n, "经费台账：没有不符合经费规则的支出");
    } else if (it->evidence == STD_RATE) {
        char got[16], least[16];
        stats_percent_text(r->rate, got, sizeof got);
        stats_percent_text(it->min_rate, least, sizeof least);
        if (r->rate_den > 0)
            snprintf(out, n, "%s %s（%lld/%lld %s），要求不低于 %s", standard_rate_name(it->rate), got,
                     (long long)r->rate_num, (long long)r->rate_den, it->rate == STD_RATE_ROTATION ? "人" : "人次",
                     least);
        else
            snprintf(out, n, "%s 无从计算（%s），要求不低于 %s", standard_rate_name(it->rate),
                     it->rate == STD_RATE_ROTATION ? "名册上没有在册党员" : "本期没有应到人数", least);
    }
}

void standard_local_text(const struct std_item *it, char *out, size_t n)
{
    if (it->local[0])
        snprintf(out, n, "本县口径：%s", it->local);
    else if (n)
        out[0] = '\0';
}

int standard_stars_for(const struct standard *std, double score)
{
    int stars = 0;
    for (int s = 1; s <= 5; s++)
        if (std->star_min[s] >= 0 && score >= std->star_min[s])
            stars = s;
    return stars;
}
