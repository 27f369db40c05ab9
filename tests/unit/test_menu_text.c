/* test_menu_text.c — the course menu printed as text (report_menu through render_text): at most 80
 * columns however long the names, each offered course on a line, a retired one left out; CSV keeps them whole. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "menu.h"
#include "render.h"
#include "report_menu.h"
#include "text.h"

static int64_t add_course(struct fixture *f, const char *title, const char *module)
{
    struct course c = {.hours = 1.5};
    snprintf(c.title, sizeof c.title, "%s", title);
    snprintf(c.category, sizeof c.category, "%s", "革命传统教育");
    snprintf(c.module, sizeof c.module, "%s", module);
    snprintf(c.format, sizeof c.format, "%s", "现场教学");
    struct fx_error err;
    fx_clear(&err);
    if (menu_save_course(f->db, &c, &err))
        fail_msg("save course: %s", err.msg);
    return c.id;
}

/* The whole rendering in a string to free(). */
static char *render(const struct report *rep, bool csv)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(csv ? render_csv(rep, out, false, &err) : render_text(rep, out, &err), 0);
    fclose(out);
    return buf;
}

static void test_text_fits_80_columns(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    add_course(f, "重走地下交通线", "红色足迹");
    add_course(f, "在烈士纪念馆里上一堂不忘初心牢记使命的现场党课", "红色基因传承与弘扬");
    int64_t old = add_course(f, "旧课程不再开设", "红色足迹");
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(menu_retire_course(f->db, old, &err), 0);

    struct report rep;
    assert_int_equal(report_menu(f->db, NULL, "革命传统教育", &rep, &err), 0);
    assert_int_equal(render_text_width(&rep), 80);
    char *text = render(&rep, false);
    int lines = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"), lines++)
        assert_in_range(text_width(line), 0, 80);
    assert_true(lines > 8);
    free(text);

    text = render(&rep, false);
    assert_non_null(strstr(text, "培训菜单（革命传统教育）"));
    assert_non_null(strstr(text, "重走地下交通线"));      /* 14 columns: whole */
    assert_non_null(strstr(text, "在烈士纪念馆里上一…")); /* cut to its 20 columns: nine of 2 and "…" */
    assert_null(strstr(text, "旧课程不再开设"));
    free(text);

    /* CSV, XLSX and PDF keep every name whole. */
    char *csv = render(&rep, true);
    assert_non_null(strstr(csv, "在烈士纪念馆里上一堂不忘初心牢记使命的现场党课"));
    assert_non_null(strstr(csv, "红色基因传承与弘扬"));
    free(csv);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_fits_80_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
