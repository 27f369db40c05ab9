/* test_report_kinds.c — unit tests for core/report_kinds.c: the table of report kinds is whole,
 * report_build holds every kind to its period rule, and each kind's rows come through its own row source. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "ledger.h"
#include "report.h"
#include "branch.h"
#include "member.h"
#include "standard.h"
#include "store.h"
#include "text.h"

struct fixture {
    char dir[64];
    char path[128];
    char cfg_path[160];
    sqlite3 *db;
};

/* Run from the build directory or the tree alike: the shipped standards are in data/. */
static void find_data_dir(void)
{
    struct stat st;
    char cwd[4096];
    if (getenv("FENXIAO_DATA_DIR") || !getcwd(cwd, sizeof cwd - 16) || stat("data/schema", &st) != 0)
        return;
    strcat(cwd, "/data");
    setenv("FENXIAO_DATA_DIR", cwd, 0);
}

/* One branch, two members, one session in March 2024 with both present. */
static int setup(void **state)
{
    find_data_dir();
    struct fixture *f = calloc(1, sizeof *f);
    struct fx_error err;
    fx_clear(&err);
    snprintf(f->dir, sizeof f->dir, "/tmp/fx-kinds.XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
    snprintf(f->cfg_path, sizeof f->cfg_path, "%s/fenxiao.ini", f->dir);
    if (store_open(f->path, STORE_CREATE, &f->db, &err) || store_init_unit(f->db, "测试镇党校分校", &err))
        return -1;
    struct branch b = {.name = "东村党支部", .kind = "村"};
    if (branch_save(f->db, &b, &err))
        return -1;
    struct attendee att[2];
    memset(att, 0, sizeof att);
    static const char *names[2] = {"张三", "李四"};
    for (int i = 0; i < 2; i++) {
        struct member m = {.branch_id = b.id};
        snprintf(m.name, sizeof m.name, "%s", names[i]);
        snprintf(m.role, sizeof m.role, "%s", "普通党员");
        if (member_save(f->db, &m, &err))
            return -1;
        att[i].member_id = m.id;
        att[i].status = ATT_PRESENT;
    }
    struct session s;
    memset(&s, 0, sizeof s);
    snprintf(s.date, sizeof s.date, "2024-03-05");
    snprintf(s.title, sizeof s.title, "学习");
    snprintf(s.category, sizeof s.category, "政治理论教育");
    snprintf(s.format, sizeof s.format, "集中培训");
    s.hours = 2;
    s.att = att;
    s.natt = 2;
    if (ledger_save_session(f->db, &s, &err)) {
        fprintf(stderr, "# %s\n", err.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char p[200];
    store_close(f->db);
    const char *suffix[] = {"", "-wal", "-shm", ".lock"};
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
        unlink(p);
    }
    unlink(f->cfg_path);
    rmdir(f->dir);
    free(f);
    return 0;
}

/* Every entry is filled, its name is unique and finds it again. */
static void test_table_whole(void **state)
{
    (void)state;
    for (int i = 0; i < REPORT_NKINDS; i++) {
        const struct report_kind *k = &report_kinds[i];
        assert_non_null(k->name);
        assert_non_null(k->label);
        assert_non_null(k->build);
        assert_non_null(k->rows);
        assert_ptr_equal(report_kind_find(k->name), k);
    }
    assert_ptr_equal(report_kind_find("hours"), &report_kinds[REPORT_HOURS]);
    assert_null(report_kind_find("nosuch"));
    assert_null(report_kind_find(NULL));
}

struct count {
    int n;
    char first[64];
};

static int count_row(const struct report_row *r, void *ctx)
{
    struct count *c = ctx;
    if (!c->n++)
        text_copy(c->first, sizeof c->first, r->cell[1].text);
    return 0;
}

/* Each kind that needs no standard builds for 2024 (or its month), and its rows are as many as it said. */
static void test_every_kind_builds(void **state)
{
    struct fixture *f = *state;
    struct report *rep = malloc(sizeof *rep);
    assert_non_null(rep);
    for (int i = 0; i < REPORT_NKINDS; i++) {
        const struct report_kind *k = &report_kinds[i];
        if (k->options & REPORT_OPT_STANDARD)
            continue;
        struct report_request req = {.has_period = k->period_rule != REPORT_PERIOD_NONE};
        period_make(k->period_rule == REPORT_PERIOD_FIXED ? k->period_kind : PERIOD_YEAR, 2024,
                    k->period_kind == PERIOD_MONTH ? 3 : k->period_kind == PERIOD_QUARTER ? 1 : 0, &req.period);
        struct fx_error err;
        fx_clear(&err);
        if (report_build(f->db, NULL, k, &req, rep, &err))
            fail_msg("%s: %s", k->name, err.msg);
        assert_ptr_equal(rep->kind, k);
        struct count c = {0};
        assert_int_equal(report_rows(rep, 0, -1, count_row, &c, &err), 0);
        assert_int_equal(c.n, rep->nrows);
    }
    free(rep);
}

/* A fixed period of another kind, or none where one is needed, is the request's fault. */
static void test_period_rules(void **state)
{
    struct fixture *f = *state;
    struct report rep;
    struct fx_error err;
    fx_clear(&err);
    struct report_request req = {.has_period = true};
    period_make(PERIOD_YEAR, 2024, 0, &req.period);
    assert_int_equal(report_build(f->db, NULL, &report_kinds[REPORT_MONTH], &req, &rep, &err), FX_EINPUT);
    assert_string_equal(err.field, "period");
    req.has_period = false;
    fx_clear(&err);
    assert_int_equal(report_build(f->db, NULL, &report_kinds[REPORT_BRANCHES], &req, &rep, &err), FX_EINPUT);
    /* Orders take a period or none. */
    fx_clear(&err);
    assert_int_equal(report_build(f->db, NULL, &report_kinds[REPORT_ORDERS], &req, &rep, &err), 0);
    /* A checklist without a standard says there is none. */
    fx_clear(&err);
    assert_int_equal(report_build(f->db, NULL, &report_kinds[REPORT_CHECKLIST], &req, &rep, &err), FX_ENOTFOUND);
}

static bool has_note(const struct report *rep, const char *text)
{
    for (int i = 0; i < rep->nnotes; i++)
        if (strstr(rep->notes[i], text))
            return true;
    return false;
}

/* The month summary notes the standard the config names: 八个一 by default, another when named, none when
 * the key is empty, and none without a config. */
static void test_month_note_from_config(void **state)
{
    struct fixture *f = *state;
    struct report *rep = malloc(sizeof *rep);
    struct fx_error err;
    fx_clear(&err);
    struct fx_config cfg;
    struct report_request req = {.has_period = true};
    period_make(PERIOD_MONTH, 2024, 3, &req.period);

    assert_int_equal(config_load(f->cfg_path, &cfg, &err), 0); /* no file: the defaults */
    assert_string_equal(cfg.summary_standard, "bageyi");
    assert_int_equal(report_build(f->db, &cfg, &report_kinds[REPORT_MONTH], &req, rep, &err), 0);
    assert_true(has_note(rep, "“八个一”完成"));

    FILE *out = fopen(f->cfg_path, "w");
    assert_non_null(out);
    fputs("[report]\nstandard = bageyou\n", out);
    fclose(out);
    assert_int_equal(config_load(f->cfg_path, &cfg, &err), 0);
    assert_int_equal(report_build(f->db, &cfg, &report_kinds[REPORT_MONTH], &req, rep, &err), 0);
    assert_true(has_note(rep, "“八个有”完成"));
    assert_false(has_note(rep, "“八个一”完成"));

    out = fopen(f->cfg_path, "w");
    assert_non_null(out);
    fputs("[report]\nstandard =\n", out);
    fclose(out);
    assert_int_equal(config_load(f->cfg_path, &cfg, &err), 0);
    assert_int_equal(report_build(f->db, &cfg, &report_kinds[REPORT_MONTH], &req, rep, &err), 0);
    assert_false(has_note(rep, "完成"));

    assert_int_equal(report_build(f->db, NULL, &report_kinds[REPORT_MONTH], &req, rep, &err), 0);
    assert_false(has_note(rep, "完成"));
    free(rep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_whole),
        cmocka_unit_test_setup_teardown(test_every_kind_builds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_period_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_month_note_from_config, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
