/* config.c — reading fenxiao.ini over built-in defaults.
 * Unknown keys are ignored so an older program can read a newer file. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "ini.h"

void config_defaults(struct fx_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->unit, sizeof cfg->unit, "%s", "");
    cfg->min_member = 32;
    cfg->min_leader = 56;
    snprintf(cfg->leader_roles, sizeof cfg->leader_roles, "%s", "党组织书记,班子成员");
    cfg->prorate = true;
    cfg->count_candidates = false;
    cfg->rule = HOURS_DAY;
    cfg->lesson_minutes = 60;
    cfg->full_day = 8;
    cfg->half_day = 4;
    snprintf(cfg->maker_label, sizeof cfg->maker_label, "%s", "制表人");
    snprintf(cfg->reviewer_label, sizeof cfg->reviewer_label, "%s", "审核人");
    cfg->backup_keep = 7;
    cfg->feedback_scale = 5;
    cfg->sheet_gap = 5;
    snprintf(cfg->summary_standard, sizeof cfg->summary_standard, "%s", "bageyi");
}

static void copy(char *dst, size_t n, const struct ini *ini, const char *key)
{
    const char *v = ini_str(ini, key, NULL);
    if (v)
        snprintf(dst, n, "%s", v);
}

/* A yes/no key: yes/no, true/false, 1/0, 是/否. */
static int read_bool(const struct ini *ini, const char *path, const char *key, bool *out, struct fx_error *err)
{
    const char *v = ini_str(ini, key, NULL);
    if (!v)
        return 0;
    if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "是"))
        *out = true;
    else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "否"))
        *out = false;
    else
        return fx_fail(err, FX_EINPUT, "%s 第%d行：%s 应为 yes 或 no，而不是“%s”", path, ini_line(ini, key),
                       strchr(key, ':') + 1, v);
    return 0;
}

int config_load(const char *path, struct fx_config *cfg, struct fx_error *err)
{
    config_defaults(cfg);
    snprintf(cfg->path, sizeof cfg->path, "%s", path);
    struct ini ini;
    int rc = ini_load(path, &ini, err);
    if (rc == FX_ENOTFOUND) {
        fx_clear(err);
        return 0;
    }
    if (rc)
        return rc;
    cfg->loaded = true;
    copy(cfg->unit, sizeof cfg->unit, &ini, "unit:name");
    copy(cfg->leader_roles, sizeof cfg->leader_roles, &ini, "hours:leader_roles");
    copy(cfg->printer, sizeof cfg->printer, &ini, "print:printer");
    copy(cfg->maker_label, sizeof cfg->maker_label, &ini, "print:maker");
    copy(cfg->reviewer_label, sizeof cfg->reviewer_label, &ini, "print:reviewer");
    copy(cfg->recorder, sizeof cfg->recorder, &ini, "ledger:recorder");
    copy(cfg->backup_dir, sizeof cfg->backup_dir, &ini, "backup:dir");
    copy(cfg->summary_standard, sizeof cfg->summary_standard, &ini, "report:standard");
    copy(cfg->funds_rules, sizeof cfg->funds_rules, &ini, "funds:rules");
    copy(cfg->points_rules, sizeof cfg->points_rules, &ini, "points:rules");
    copy(cfg->funds_budget, sizeof cfg->funds_budget, &ini, "funds:budget");
    copy(cfg->funds_budget_source, sizeof cfg->funds_budget_source, &ini, "funds:budget_source");
    if ((rc = ini_double(&ini, "hours:member", 32, 0, 1000, &cfg->min_member, err)) ||
        (rc = ini_double(&ini, "hours:leader", 56, 0, 1000, &cfg->min_leader, err)) ||
        (rc = ini_int(&ini, "hours:lesson_minutes", 60, 30, 120, &cfg->lesson_minutes, err)) ||
        (rc = ini_double(&ini, "hours:full_day", 8, 1, 24, &cfg->full_day, err)) ||
        (rc = ini_double(&ini, "hours:half_day", 4, 0.5, 24, &cfg->half_day, err)) ||
        (rc = ini_int(&ini, "backup:keep", 7, 0, 1000, &cfg->backup_keep, err)) ||
        (rc = ini_int(&ini, "feedback:scale", 5, 1, 100, &cfg->feedback_scale, err)) ||
        (rc = ini_double(&ini, "sheet:gap", 5, 0, 1000, &cfg->sheet_gap, err)) ||
        (rc = read_bool(&ini, path, "hours:prorate", &cfg->prorate, err)) ||
        (rc = read_bool(&ini, path, "hours:count_candidates", &cfg->count_candidates, err))) {
        ini_free(&ini);
        return rc;
    }
    const char *cm = ini_str(&ini, "hours:count_meetings", "no");
    if (!strcmp(cm, "yes") || !strcmp(cm, "是") || !strcmp(cm, "1") || !strcmp(cm, "true")) {
        cfg->count_meetings = true;
    } else if (strcmp(cm, "no") && strcmp(cm, "否") && strcmp(cm, "0") && strcmp(cm, "false")) {
        rc = fx_fail(err, FX_EINPUT, "%s 第%d行：count_meetings 应为 yes 或 no，而不是“%s”", path,
                     ini_line(&ini, "hours:count_meetings"), cm);
        ini_free(&ini);
        return rc;
    }
    int nkeys = iniparser_getsecnkeys(ini.d, "kind_class");
    if (nkeys > 0) {
        const char *keys[64];
        if (nkeys > 64)
            nkeys = 64;
        iniparser_getseckeys(ini.d, "kind_class", keys);
        for (int i = 0; i < nkeys && cfg->nkind_class < (int)(sizeof cfg->kind_class / sizeof cfg->kind_class[0]);
             i++) {
            const char *kind = strchr(keys[i], ':') ? strchr(keys[i], ':') + 1 : keys[i];
            const char *cls = iniparser_getstring(ini.d, keys[i], "");
            if (strcmp(cls, "培训") && strcmp(cls, "组织生活") && strcmp(cls, "其他")) {
                rc = fx_fail(err, FX_EINPUT, "%s 第%d行：[kind_class] %s 应为 培训、组织生活 或 其他，而不是“%s”", path,
                             ini_line(&ini, keys[i]), kind, cls);
                ini_free(&ini);
                return rc;
            }
            if (!*kind || strlen(kind) >= sizeof cfg->kind_class[0].kind)
                continue;
            snprintf(cfg->kind_class[cfg->nkind_class].kind, sizeof cfg->kind_class[0].kind, "%s", kind);
            snprintf(cfg->kind_class[cfg->nkind_class].cls, sizeof cfg->kind_class[0].cls, "%s", cls);
            cfg->nkind_class++;
        }
    }
    const char *amb = ini_str(&ini, "screen:ambiguous", "auto");
    if (!strcmp(amb, "auto") || !strcmp(amb, "自动")) {
        cfg->ambiguous = AMBIGUOUS_AUTO;
    } else if (!strcmp(amb, "narrow") || !strcmp(amb, "窄")) {
        cfg->ambiguous = AMBIGUOUS_NARROW;
    } else if (!strcmp(amb, "wide") || !strcmp(amb, "宽")) {
        cfg->ambiguous = AMBIGUOUS_WIDE;
    } else {
        rc = fx_fail(err, FX_EINPUT, "%s 第%d行：ambiguous 应为 auto（自动）、narrow（窄）或 wide（宽），而不是“%s”", path,
                     ini_line(&ini, "screen:ambiguous"), amb);
        ini_free(&ini);
        return rc;
    }
    const char *rule = ini_str(&ini, "hours:rule", "day");
    if (!strcmp(rule, "day") || !strcmp(rule, "按天")) {
        cfg->rule = HOURS_DAY;
    } else if (!strcmp(rule, "clock") || !strcmp(rule, "按课时")) {
        cfg->rule = HOURS_CLOCK;
    } else {
        rc = fx_fail(err, FX_EINPUT, "%s 第%d行：rule 应为 day（按天）或 clock（按课时），而不是“%s”", path,
                     ini_line(&ini, "hours:rule"), rule);
    }
    ini_free(&ini);
    return rc;
}

const char *config_kind_class(const struct fx_config *cfg, const char *kind)
{
    for (int i = 0; cfg && i < cfg->nkind_class; i++)
        if (!strcmp(cfg->kind_class[i].kind, kind))
            return cfg->kind_class[i].cls;
    return NULL;
}

double config_days_hours(const struct fx_config *cfg, const char *from, const char *to)
{
    struct fx_date a, b;
    if (date_parse(from, &a, NULL) || date_parse(to, &b, NULL))
        return 0;
    long days = date_to_days(&b) - date_to_days(&a) + 1;
    if (days < 2)
        return 0;
    return (double)days * (cfg->rule == HOURS_DAY ? cfg->full_day : 8);
}

double config_min_hours(const struct fx_config *cfg, const char *role)
{
    if (role && *role) {
        const char *p = cfg->leader_roles;
        size_t n = strlen(role);
        while ((p = strstr(p, role)) != NULL) {
            bool start = p == cfg->leader_roles || p[-1] == ',';
            bool end = p[n] == '\0' || p[n] == ',';
            if (start && end)
                return cfg->min_leader;
            p += n;
        }
    }
    return cfg->min_member;
}

double config_suggest_hours(const struct fx_config *cfg, int start_min, int end_min)
{
    int len = end_min - start_min;
    if (len <= 0)
        return 0;
    if (cfg->rule == HOURS_DAY) {
        /* A working day out of the office counts as a full day (lunch included);
         * a morning or afternoon lecture as half a day. */
        if (len >= 6 * 60)
            return cfg->full_day;
        if (len >= 3 * 60)
            return cfg->half_day;
    }
    double h = (double)len / cfg->lesson_minutes;
    return floor(h * 2 + 0.5) / 2;
}
