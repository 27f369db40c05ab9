/* menu_print.c — the printable course menu (培训菜单) a branch chooses from, as text or CSV.
 * Only lays out what menu_course_page returns, so the printed list and the 菜单 screen cannot disagree. */
#include "menu_print.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "date.h"
#include "menu.h"
#include "text.h"
#include "unit.h"

#define PAGE 64

/* Text columns; 4 + 40 + 2 + 12 + 2 + 8 + 2 + 4 + 2 + 4 = 80. */
#define W_TITLE   40
#define W_FORMAT  12
#define W_TEACHER 8
#define W_HOURS   4

static const char *const cn_numbers[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

static void text_course(FILE *out, const struct course *c)
{
    char title[256], t[W_TITLE * 4 + 8], f[W_FORMAT * 4 + 8], te[W_TEACHER * 4 + 8], h[32], hours[16];
    snprintf(title, sizeof title, "《%s》", c->title);
    text_fit_pad(t, sizeof t, title, W_TITLE, 'l');
    text_fit_pad(f, sizeof f, c->format, W_FORMAT, 'l');
    text_fit_pad(te, sizeof te, c->teacher[0] ? c->teacher : "—", W_TEACHER, 'l');
    snprintf(hours, sizeof hours, "%g", c->hours);
    text_fit_pad(h, sizeof h, hours, W_HOURS, 'r');
    char line[1024];
    snprintf(line, sizeof line, "    %s  %s  %s  %s  %s", t, f, te, h, c->featured ? "精品" : "");
    /* Trailing blanks make diffs of printed menus noisy. */
    size_t n = strlen(line);
    while (n && line[n - 1] == ' ')
        line[--n] = '\0';
    char clean[1024];
    fprintf(out, "%s\n", text_sanitize(clean, sizeof clean, line));
    if (c->venue[0] || c->description[0]) {
        char more[900], cut[400];
        snprintf(more, sizeof more, "%s%s%s%s", c->venue[0] ? "地点：" : "", c->venue,
                 c->venue[0] && c->description[0] ? "；" : "", c->description);
        text_fit(cut, sizeof cut, text_sanitize(clean, sizeof clean, more), 72);
        fprintf(out, "      %s\n", cut);
    }
}

static void csv_course(struct csv_out *cv, const struct course *c)
{
    csv_text(cv, c->category);
    csv_text(cv, c->module);
    csv_text(cv, c->title);
    csv_text(cv, c->format);
    csv_text(cv, c->teacher);
    csv_text(cv, c->venue);
    csv_number(cv, c->hours);
    csv_text(cv, c->featured ? "是" : "否");
    csv_text(cv, c->description);
    csv_end_row(cv);
}

int menu_print(sqlite3 *db, const char *category, int format, FILE *out, int64_t *courses, struct fx_error *err)
{
    struct menu_filter f;
    memset(&f, 0, sizeof f);
    snprintf(f.category, sizeof f.category, "%s", category ? category : "");
    struct course *rows = calloc(PAGE, sizeof *rows);
    if (!rows)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    int64_t total = 0;
    struct csv_out cv;
    if (format == MENU_PRINT_CSV) {
        csv_begin(&cv, out, true);
        static const char *const heads[] = {"内容类别", "模块", "课程名称", "形式", "教师",
                                            "场地",     "学时", "精品",     "简介"};
        for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
            csv_text(&cv, heads[i]);
        csv_end_row(&cv);
    } else {
        char unit[256] = "", today[11];
        struct fx_date d;
        date_today(&d);
        date_format(&d, today);
        struct fx_error ignore;
        if (unit_get_name(db, unit, sizeof unit, &ignore)) /* a menu without its unit's name still serves */
            unit[0] = '\0';
        char clean[512];
        fprintf(out, "%s 培训菜单（%s）\n", text_sanitize(clean, sizeof clean, unit),
                f.category[0] ? f.category : "全部类别");
        fprintf(out, "制表日期：%s    点单请报课程名称、党组织和希望日期\n", today);
    }
    char cat[64] = "", module[64] = "";
    int ncat = 0;
    bool first = true;
    struct course last;
    for (;;) {
        int n = menu_course_page(db, &f, first ? NULL : &last, 0, rows, PAGE, err);
        if (n < 0) {
            free(rows);
            return FX_EINTERNAL;
        }
        for (int i = 0; i < n; i++) {
            const struct course *c = &rows[i];
            if (format == MENU_PRINT_CSV) {
                csv_course(&cv, c);
            } else {
                char clean[256];
                if (first || strcmp(cat, c->category)) {
                    snprintf(cat, sizeof cat, "%s", c->category);
                    module[0] = '\x01'; /* a new category always prints its first module */
                    char num[16];
                    if (ncat < 10)
                        snprintf(num, sizeof num, "%s", cn_numbers[ncat]);
                    else
                        snprintf(num, sizeof num, "%d", ncat + 1);
                    fprintf(out, "\n%s、%s\n", num, text_sanitize(clean, sizeof clean, cat));
                    ncat++;
                }
                if (strcmp(module, c->module)) {
                    snprintf(module, sizeof module, "%s", c->module);
                    fprintf(out, "  【%s】\n", c->module[0] ? text_sanitize(clean, sizeof clean, c->module) : "其他");
                }
                text_course(out, c);
            }
            first = false;
            total++;
        }
        if (n < PAGE)
            break;
        last = rows[n - 1];
    }
    free(rows);
    if (format != MENU_PRINT_CSV)
        fprintf(out, "\n共 %lld 门课程\n", (long long)total);
    if (courses)
        *courses = total;
    bool ok = format == MENU_PRINT_CSV ? csv_finish(&cv) : fflush(out) == 0 && !ferror(out);
    return ok ? 0 : fx_fail(err, FX_EFS, "写入失败（磁盘已满或文件不可写）");
}
