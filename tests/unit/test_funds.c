/* test_funds.c — the funds ledger's core (issue 16): yuan typed and printed to the 分, the rule of data/funds.ini,
 * entries refused whole, and the year's figures against the budget, each written here by hand. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "funds.h"
#include "maint.h"
#include "store.h"

static void test_parse_amount(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t fen;
    } good[] = {
        {"0", 0},         {"0.1", 10},           {"0.10", 10},        {"0.2", 20},       {"1234.5", 123450},
        {"1,234.50", 123450}, {"50,000", 5000000}, {" 80 ", 8000},    {"1,000,000.01", 100000001},
        {"999999999999.99", 99999999999999},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int64_t fen = -1;
        struct fx_error err;
        fx_clear(&err);
        if (funds_parse_amount(good[i].text, "金额", &fen, &err))
            fail_msg("%s: %s", good[i].text, err.msg);
        assert_int_equal(fen, good[i].fen);
    }
    static const char *const bad[] = {"", " ", "-1", "+1", "1.234", "0.001", "1.", ".5", "abc", "1e3", "1 000",
                                      "1,23", "12,345,67", ",123", "1,2345", "1.2.3", "１２", "0x10",
                                      "1000000000000.01", "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t fen = 7;
        struct fx_error err;
        fx_clear(&err);
        if (funds_parse_amount(bad[i], "金额", &fen, &err) != FX_EINPUT)
            fail_msg("accepted [%s]", bad[i]);
        assert_int_equal(fen, 7); /* untouched */
        assert_non_null(strstr(err.msg, "金额"));
    }
}

static void test_format(void **state)
{
    (void)state;
    char out[32];
    funds_format(0, out, sizeof out);
    assert_string_equal(out, "0.00");
    funds_format(30, out, sizeof out);
    assert_string_equal(out, "0.30");
    funds_format(123450, out, sizeof out);
    assert_string_equal(out, "1,234.50");
    funds_format(100000001, out, sizeof out);
    assert_string_equal(out, "1,000,000.01");
    funds_format(-197798, out, sizeof out);
    assert_string_equal(out, "-1,977.98");
    funds_format_wan(5000000, out, sizeof out);
    assert_string_equal(out, "5.00");
    funds_format_wan(1234567, out, sizeof out);
    assert_string_equal(out, "1.23");
    funds_format_wan(1250000, out, sizeof out); /* 1.25 万 exactly */
    assert_string_equal(out, "1.25");
}

static void test_rules(void **state)
{
    (void)state;
    struct funds_rules r;
    struct fx_error err;
    fx_clear(&err);
    assert_int_equal(funds_rules_load(NULL, NULL, &r, &err), 0);
    assert_true(funds_rule_allows(&r, "资料费", "党费"));
    assert_true(funds_rule_allows(&r, "讲课费", "党费"));
    assert_false(funds_rule_allows(&r, "餐费", "党费"));
    assert_true(funds_rule_allows(&r, "餐费", "市级配套经费"));
    assert_false(funds_rule_allows(&r, "烟酒", "市级配套经费"));
    assert_string_equal(r.budget_source, "市级配套经费");
    assert_int_equal(r.budget_fen, 5000000);
    /* A config's budget wins over funds.ini's; a malformed one names itself. */
    struct fx_config cfg;
    config_defaults(&cfg);
    snprintf(cfg.funds_budget, sizeof cfg.funds_budget, "%s", "80,000.00");
    assert_int_equal(funds_rules_load(NULL, &cfg, &r, &err), 0);
    assert_int_equal(r.budget_fen, 8000000);
    snprintf(cfg.funds_budget, sizeof cfg.funds_budget, "%s", "5万");
    assert_int_equal(funds_rules_load(NULL, &cfg, &r, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "默认预算"));
    /* An [allowed] source that is no source is the file's mistake, with its line. */
    struct fixture *f = fixture_new_dir();
    const char *p = fixture_write(f, "f.ini",
                                  "[sources]\nnames = 党费, 配套\n[expense]\ncategories = 餐费\n[allowed]\n"
                                  "餐费 = 小金库\n",
                                  -1);
    assert_int_equal(funds_rules_load(p, NULL, &r, &err), FX_EINPUT);
    assert_non_null(strstr(err.msg, "第6行"));
    fixture_free(f);
}

static int64_t add(struct fixture *f, const struct funds_rules *r, const char *date, const char *dir, const char *src,
                   const char *cat, int64_t fen, const char *reason, int want)
{
    struct funds_entry e;
    memset(&e, 0, sizeof e);
    snprintf(e.date, sizeof e.date, "%s", date);
    snprintf(e.direction, sizeof e.direction, "%s", dir);
    snprintf(e.source, sizeof e.source, "%s", src);
    snprintf(e.category, sizeof e.category, "%s", cat);
    snprintf(e.rule_reason, sizeof e.rule_reason, "%s", reason ? reason : "");
    e.amount = fen;
    struct fx_error err;
    fx_clear(&err);
    int rc = funds_add(f->db, r, &e, &err);
    if (rc != want)
        fail_msg("%s %s %s: %d (%s)", date, src, cat, rc, err.msg);
    return e.id;
}

static void test_year_against_budget(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct funds_rules r;
    struct fx_error err;
    assert_int_equal(funds_rules_load(NULL, NULL, &r, &err), 0);
    add(f, &r, "2026-01-05", FUNDS_INCOME, "市级配套经费", "上级拨款", 5000000, NULL, 0);
    add(f, &r, "2026-02-05", FUNDS_EXPENSE, "市级配套经费", "讲课费", 10, NULL, 0);
    add(f, &r, "2026-02-06", FUNDS_EXPENSE, "市级配套经费", "讲课费", 20, NULL, 0);
    add(f, &r, "2026-03-01", FUNDS_EXPENSE, "党费", "餐费", 30000, NULL, FX_EINPUT);
    add(f, &r, "2026-03-01", FUNDS_EXPENSE, "党费", "餐费", 30000, "批准", 0);
    int64_t v = add(f, &r, "2026-03-02", FUNDS_EXPENSE, "党费", "资料费", 999, NULL, 0);
    assert_int_equal(funds_void(f->db, v, "录错", &err), 0);
    assert_int_equal(funds_void(f->db, v, "再次", &err), FX_EINPUT);
    add(f, &r, "2026-02-30", FUNDS_EXPENSE, "党费", "资料费", 1, NULL, FX_EINPUT);
    add(f, &r, "2026-03-03", FUNDS_EXPENSE, "党费", "资料费", 0, NULL, FX_EINPUT);
    struct funds_year *y = malloc(sizeof *y);
    assert_int_equal(funds_year_summary(f->db, &r, 2026, y, &err), 0);
    assert_int_equal(y->income, 5000000);
    assert_int_equal(y->expense, 30030); /* 0.10 + 0.20 + 300.00: exactly */
    assert_int_equal(y->budget, 5000000);
    assert_int_equal(y->budgeted_expense, 30);
    assert_int_equal(y->entries, 4);
    assert_int_equal(y->voided, 1);
    assert_int_equal(y->exceptions, 1);
    assert_int_equal(y->unexplained, 0);
    assert_false(y->budget_listed);
    assert_string_equal(y->source[0].name, "市级配套经费");
    assert_int_equal(y->source[0].expense, 30);
    assert_string_equal(y->category[0].name, "讲课费");
    assert_int_equal(y->category[0].expense, 30);
    char lines[4][256];
    assert_int_equal(funds_year_warnings(y, lines, 4), 0);
    struct funds_year *none = calloc(1, sizeof *none); /* no budget: nothing to divide by */
    assert_true(funds_year_used(none) < 0);
    free(none);
    /* 已用: 0.30 元 of a 50,000.00 元 budget. */
    assert_float_equal(funds_year_used(y), 30.0 / 5000000.0, 1e-12);
    /* Over the budget: one line for the source, one for the whole. */
    add(f, &r, "2026-04-01", FUNDS_EXPENSE, "市级配套经费", "场地费", 4999971, NULL, 0);
    assert_int_equal(funds_year_summary(f->db, &r, 2026, y, &err), 0);
    assert_true(funds_line_over(&y->source[0]));
    assert_float_equal(funds_year_used(y), 5000001.0 / 5000000.0, 1e-12); /* 100.00002%: over */
    assert_int_equal(funds_year_warnings(y, lines, 4), 2);
    assert_non_null(strstr(lines[1], "市级配套经费支出 50,000.01 元，超出预算 50,000.00 元，超支 0.01 元"));
    /* An entry written around the CLI outside the rule, without a reason, is counted as unexplained. */
    fixture_exec(f, "UPDATE funds_entry SET rule_reason = '' WHERE category = '餐费'");
    assert_int_equal(funds_year_summary(f->db, &r, 2026, y, &err), 0);
    assert_int_equal(y->unexplained, 1);
    /* A set budget replaces the default. */
    assert_int_equal(funds_budget_set(f->db, &r, 2026, "市级配套经费", 6000000, &err), 0);
    assert_int_equal(funds_year_summary(f->db, &r, 2026, y, &err), 0);
    assert_true(y->budget_listed);
    assert_int_equal(y->budget, 6000000);
    assert_false(funds_line_over(&y->source[0]));
    int64_t balance;
    assert_int_equal(funds_balance_before(f->db, "2026-03-02", &balance, &err), 0);
    assert_int_equal(balance, 5000000 - 30 - 30000);
    int64_t month;
    assert_int_equal(funds_month_expense(f->db, 2026, 2, &month, &err), 0);
    assert_int_equal(month, 30);
    free(y);
    fixture_free(f);
}

static void test_closed_year(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct funds_rules r;
    struct fx_error err;
    assert_int_equal(funds_rules_load(NULL, NULL, &r, &err), 0);
    int64_t id = add(f, &r, "2025-05-05", FUNDS_EXPENSE, "党费", "资料费", 100, NULL, 0);
    char before[80], after[80];
    assert_int_equal(maint_year_digest(f->db, 2025, before, &err), 0);
    assert_int_equal(maint_close_year(f->db, 2025, &err), 0);
    add(f, &r, "2025-06-05", FUNDS_EXPENSE, "党费", "资料费", 100, NULL, FX_ECLOSED);
    assert_int_equal(funds_void(f->db, id, "改", &err), FX_ECLOSED);
    assert_int_equal(funds_budget_set(f->db, &r, 2025, "党费", 1, &err), FX_ECLOSED);
    /* A funds row changed behind the triggers changes the year's digest. */
    fixture_exec(f, "DROP TRIGGER funds_entry_closed_update; UPDATE funds_entry SET amount = 101");
    assert_int_equal(maint_year_digest(f->db, 2025, after, &err), 0);
    assert_string_not_equal(before, after);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_amount),        cmocka_unit_test(test_format),
        cmocka_unit_test(test_rules),               cmocka_unit_test(test_year_against_budget),
        cmocka_unit_test(test_closed_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
