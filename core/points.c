/* points.c — the rules of 党员积分 (data/points.ini) and what a ranking binds and shows; the points themselves
 * are POINTS_SQL, computed from the ledger each time. */
#include "points.h"

#include <string.h>

#include "ini.h"
#include "paths.h"
#include "text.h"

int points_rules_load(const char *path, const struct fx_config *cfg, struct points_rules *rules,
                      struct fx_error *err)
{
    memset(rules, 0, sizeof *rules);
    if (path)
        text_copy(rules->path, sizeof rules->path, path);
    else if (cfg && cfg->points_rules[0])
        text_copy(rules->path, sizeof rules->path, cfg->points_rules);
    else
        paths_join(rules->path, sizeof rules->path, paths_data_dir(), "points.ini");
    struct ini ini;
    int rc = ini_load(rules->path, &ini, err);
    if (rc) {
        if (rc == FX_ENOTFOUND)
            fx_fail(err, FX_ENOTFOUND, "找不到积分规则文件 %s", rules->path);
        return rc;
    }
    if (!(rc = ini_double(&ini, "points:per_hour", 0, -100, 100, &rules->per_hour, err)) &&
        !(rc = ini_double(&ini, "points:full_month", 0, -100, 100, &rules->full_month, err)))
        rc = ini_double(&ini, "points:absence", 0, -100, 100, &rules->absence, err);
    ini_free(&ini);
    return rc;
}

void points_bind(sqlite3_stmt *st, const struct points_rules *rules, int64_t branch_id)
{
    sqlite3_bind_int(st, 8, 0);
    sqlite3_bind_double(st, 12, rules->per_hour);
    sqlite3_bind_double(st, 13, rules->full_month);
    sqlite3_bind_double(st, 14, rules->absence);
    sqlite3_bind_int64(st, 15, branch_id);
}

void points_name(const char *name, const char *phone, int64_t same_name, char *out, size_t outsz)
{
    size_t n = strlen(phone);
    if (same_name > 1 && n >= 4)
        text_format(out, outsz, "%s（尾号%s）", name, phone + n - 4);
    else if (same_name > 1 && n > 0)
        text_format(out, outsz, "%s（电话%s）", name, phone);
    else
        text_copy(out, outsz, name);
}
