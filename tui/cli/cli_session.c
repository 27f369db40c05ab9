/* cli_session.c — `fenxiao session add|list|void|restore`: the ledger from scripts.
 * Everything is checked before the ledger is written, so bad input writes nothing. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "branch.h"
#include "cli.h"
#include "csvout.h"
#include "date.h"
#include "feedback.h"
#include "ledger.h"
#include "text_limits.h"
#include "member.h"
#include "store.h"
#include "teacher.h"
#include "text.h"
#include "venue.h"

/* Split a list on ASCII or Chinese commas (, ， 、) in place; returns the count. */
static int split_list(char *s, char **items, int max)
{
    int n = 0;
    char *p = s;
    while (*p && n < max) {
        char *start = p;
        while (*p && *p != ',' && strncmp(p, "，", 3) && strncmp(p, "、", 3))
            p++;
        char *next = *p == ',' ? p + 1 : *p ? p + 3 : p;
        *p = '\0';
        char *item = text_trim(start);
        if (*item)
            items[n++] = item;
        p = next;
    }
    return n;
}

static int parse_number(const char *opt, const char *v, double lo, double hi, double *out)
{
    return cli_number(opt, v, lo, hi, out);
}

/* One "姓名" or "姓名:原因" item of a list, as an attendee with the given status. */
static int add_person(struct member_finder *finder, char *item, int status, struct session *s, int cap)
{
    if (s->natt >= cap) {
        fprintf(stderr, "fenxiao: 点名人数太多（最多 %d）\n", cap);
        return FX_EINPUT;
    }
    char *reason = NULL;
    if (status != ATT_PRESENT) {
        char *colon = strchr(item, ':');
        char *wide = strstr(item, "：");
        if (wide && (!colon || wide < colon)) {
            *wide = '\0';
            reason = wide + 3;
        } else if (colon) {
            *colon = '\0';
            reason = colon + 1;
        }
    }
    struct fx_error err;
    fx_clear(&err);
    struct attendee *a = &s->att[s->natt];
    memset(a, 0, sizeof *a);
    if (member_finder_find(finder, text_trim(item), &a->member_id, &err)) {
        err.code = FX_EINPUT;
        return cli_report(&err);
    }
    for (int j = 0; j < s->natt; j++) {
        if (s->att[j].member_id == a->member_id) {
            cli_say("fenxiao: %s 在点名中出现了两次", item);
            return FX_EINPUT;
        }
    }
    a->status = status;
    if (reason && cli_text("--absent", "缺席原因", text_trim(reason), a->reason, sizeof a->reason, FX_REASON_CHARS, 0))
        return FX_EINPUT;
    s->natt++;
    return 0;
}

/* Resolve "姓名" or "姓名:原因" items into attendees with the given status. */
static int add_people(sqlite3 *db, char *list, int status, struct session *s, int cap)
{
    char *items[1024];
    int n = split_list(list, items, 1024);
    struct member_finder finder = {.db = db};
    int rc = 0;
    for (int i = 0; i < n && !rc; i++)
        rc = add_person(&finder, items[i], status, s, cap);
    member_finder_done(&finder);
    return rc;
}

static int session_add(struct cli *cli, int argc, char **argv)
{
    struct session s;
    memset(&s, 0, sizeof s);
    const char *teacher = NULL, *venue = NULL, *attendees = NULL, *absent = NULL, *leave = NULL, *branches = NULL;
    const char *guests = NULL;
    bool have_hours = false, future = false;
    double expected = -1, present = -1;
    for (int i = 1; i < argc; i++) {
        const char *v;
/* Checked at the door and never cut (cli_text): too long, a control or an invisible character is exit 3. */
#define STR_OPT(name, label, field, max, flags)                                                                        \
    if ((v = cli_opt(argc, argv, &i, name)) != NULL) {                                                                 \
        if (cli_text(name, label, v, field, sizeof field, max, flags))                                                 \
            return FX_EINPUT;                                                                                          \
        continue;                                                                                                      \
    }
        if ((v = cli_opt(argc, argv, &i, "--date")) != NULL) {
            struct fx_error derr;
            if (date_normalize(v, s.date, &derr)) {
                fprintf(stderr, "fenxiao: --date %s：%s\n", v, derr.msg);
                return FX_EINPUT;
            }
            continue;
        }
        if (!strcmp(argv[i], "--future")) {
            future = true;
            continue;
        }
        if ((v = cli_opt(argc, argv, &i, "--end-date")) != NULL) {
            struct fx_error derr;
            if (date_normalize(v, s.end_date, &derr)) {
                fprintf(stderr, "fenxiao: --end-date %s：%s\n", v, derr.msg);
                return FX_EINPUT;
            }
            continue;
        }
        STR_OPT("--title", "标题", s.title, FX_TITLE_CHARS, 0)
        STR_OPT("--category", "内容类别", s.category, FX_WORD_CHARS, 0)
        STR_OPT("--format", "形式", s.format, FX_WORD_CHARS, 0)
        STR_OPT("--kind", "类型", s.kind, FX_WORD_CHARS, 0)
        STR_OPT("--start", "开始时间", s.start, 5, 0)
        STR_OPT("--end", "结束时间", s.end, 5, 0)
        STR_OPT("--note", "备注", s.note, FX_NOTE_CHARS, TEXT_KEEP_LINES)
        STR_OPT("--recorder", "记录人", s.recorder, FX_PERSON_CHARS, 0)
#undef STR_OPT
        if ((v = cli_opt(argc, argv, &i, "--hours")) != NULL) {
            if (parse_number("--hours", v, 0, 24 * 366, &s.hours))
                return FX_EINPUT;
            have_hours = true;
        } else if ((v = cli_opt(argc, argv, &i, "--expected")) != NULL) {
            if (parse_number("--expected", v, 0, 100000, &expected) || expected != floor(expected))
                return expected != floor(expected) ? cli_usage("--expected 应为整数") : FX_EINPUT;
        } else if ((v = cli_opt(argc, argv, &i, "--present")) != NULL) {
            if (parse_number("--present", v, 0, 100000, &present) || present != floor(present)) {
                if (present != floor(present))
                    fprintf(stderr, "fenxiao: --present 应为整数，而不是 %s\n", v);
                return FX_EINPUT;
            }
        } else if ((v = cli_opt(argc, argv, &i, "--guests")) != NULL) {
            guests = v;
        } else if ((v = cli_opt(argc, argv, &i, "--teacher")) != NULL) {
            teacher = v;
        } else if ((v = cli_opt(argc, argv, &i, "--venue")) != NULL) {
            venue = v;
        } else if ((v = cli_opt(argc, argv, &i, "--attendees")) != NULL) {
            attendees = v;
        } else if ((v = cli_opt(argc, argv, &i, "--absent")) != NULL) {
            absent = v;
        } else if ((v = cli_opt(argc, argv, &i, "--leave")) != NULL) {
            leave = v;
        } else if ((v = cli_opt(argc, argv, &i, "--branch")) != NULL) {
            branches = v;
        } else {
            return cli_usage("session add：未知的参数 %s", argv[i]);
        }
    }
    if (!have_hours && s.end_date[0] && s.date[0]) {
        /* A class of several days: 学时 by the day rule (fenxiao.ini [hours] full_day, 8 a day). */
        s.hours = config_days_hours(&cli->cfg, s.date, s.end_date);
        have_hours = s.hours > 0;
    }
    if (!s.date[0] || !s.title[0] || !s.category[0] || !s.format[0] || !have_hours)
        return cli_usage("session add 需要 --date、--title、--category、--format 和 --hours（多日的培训班可只给 --end-date）");
    if (!s.recorder[0])
        snprintf(s.recorder, sizeof s.recorder, "%s", cli->cfg.recorder[0] ? cli->cfg.recorder : store_actor());
    int late = cli_check_future(s.date, "培训日期", future);
    if (!late)
        late = cli_check_future(s.end_date, "结束日期", future);
    if (late)
        return late;

    sqlite3 *db;
    int rc = cli_open(cli, STORE_WRITER, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    enum { CAP = 4096 };
    s.att = malloc(CAP * sizeof *s.att); /* each entry is cleared as it is filled (add_person) */
    int64_t branch_ids[256];
    s.branches = branch_ids;
    char *copy = NULL;
    if (!s.att) {
        rc = fx_fail(&err, FX_EINTERNAL, "内存不足");
        rc = cli_report(&err);
        goto out;
    }
    if (teacher && teacher_find(db, teacher, &s.teacher_id, &err)) {
        err.code = FX_EINPUT;
        rc = cli_report(&err);
        goto out;
    }
    if (venue && venue_find(db, venue, &s.venue_id, &err)) {
        err.code = FX_EINPUT;
        rc = cli_report(&err);
        goto out;
    }
    if (branches) {
        copy = strdup(branches);
        char *items[256];
        int n = copy ? split_list(copy, items, 256) : 0;
        for (int i = 0; i < n; i++) {
            if (branch_find(db, items[i], &branch_ids[s.nbranches], &err)) {
                err.code = FX_EINPUT;
                rc = cli_report(&err);
                goto out;
            }
            s.nbranches++;
        }
        free(copy);
        copy = NULL;
    }
    const char *lists[4] = {attendees, leave, absent, guests};
    const int status[4] = {ATT_PRESENT, ATT_LEAVE, ATT_ABSENT, ATT_PRESENT};
    for (int k = 0; k < 4; k++) {
        if (!lists[k])
            continue;
        int first = s.natt;
        copy = strdup(lists[k]);
        if (!copy || (rc = add_people(db, copy, status[k], &s, CAP)) != 0)
            goto out;
        free(copy);
        copy = NULL;
        for (int j = first; k == 3 && j < s.natt; j++) {
            /* A guest is from outside the target branches: one of them is a member, not a guest. */
            int64_t bid = 0;
            if (store_get_int(db, "SELECT branch_id FROM member WHERE id = ?1", STORE_ARGS(STORE_INT(s.att[j].member_id)),
                              &bid, &err)) {
                rc = cli_report(&err);
                goto out;
            }
            for (int b = 0; b < s.nbranches; b++)
                if (s.branches[b] == bid) {
                    fprintf(stderr, "fenxiao: --guests 中的第 %d 人属于培训对象党组织，应列在 --attendees 中\n", j - first + 1);
                    rc = FX_EINPUT;
                    goto out;
                }
            s.att[j].guest = 1;
        }
    }
    /* Numbers given are kept as given, or refused (exit 3); never replaced (ledger_expected_for). */
    if (expected >= 0) {
        s.expected = (int)expected;
        s.expected_given = 1;
    }
    if (present >= 0) {
        s.present = (int)present;
        s.present_given = 1;
    }
    if (ledger_save_session(db, &s, &err)) {
        rc = cli_report(&err);
        goto out;
    }
    printf("%lld\n", (long long)s.id);
    cli_say("已保存：%s%s%s %s（应到 %d%s，实到 %d，%g 学时）", s.date, s.end_date[0] ? " 至 " : "", s.end_date, s.title,
            s.expected,
            !strcmp(s.expected_basis, "register")   ? "，按培训对象党组织的在册党员"
            : !strcmp(s.expected_basis, "rollcall") ? "，按点名人数"
                                                    : "",
            s.present, s.hours);
out:
    free(copy);
    free(s.att);
    store_close(db);
    return rc;
}

static void print_text_row(const char *cols[], const int widths[], const char aligns[], int n)
{
    char cell[1024];
    for (int i = 0; i < n; i++) {
        char clean[1024];
        text_sanitize(clean, sizeof clean, cols[i]);
        if (widths[i] > 0)
            text_fit_pad(cell, sizeof cell, clean, widths[i], aligns[i]);
        else
            text_copy(cell, sizeof cell, clean); /* the last column: as long as it is */
        fputs(cell, stdout);
        fputs(i + 1 < n ? "  " : "\n", stdout);
    }
}

static int session_list(struct cli *cli, int argc, char **argv)
{
    struct ledger_filter f;
    memset(&f, 0, sizeof f);
    bool csv = false;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = cli_opt(argc, argv, &i, "--month")) != NULL) {
            struct fx_period p;
            struct fx_error err;
            if (period_parse(v, &p, &err) || p.kind != PERIOD_MONTH)
                return cli_usage("--month 应为 年-月，例如 2024-03");
            snprintf(f.from, sizeof f.from, "%s", p.from);
            snprintf(f.to, sizeof f.to, "%s", p.to);
        } else if ((v = cli_opt(argc, argv, &i, "--kind")) != NULL) {
            snprintf(f.kind, sizeof f.kind, "%s", v);
        } else if ((v = cli_opt(argc, argv, &i, "--class")) != NULL) {
            if (strcmp(v, "培训") && strcmp(v, "组织生活") && strcmp(v, "其他"))
                return cli_usage("--class 应为 培训、组织生活 或 其他");
            snprintf(f.cls, sizeof f.cls, "%s", v);
        } else if ((v = cli_opt(argc, argv, &i, "--format")) != NULL) {
            if (!strcmp(v, "csv"))
                csv = true;
            else if (strcmp(v, "text"))
                return cli_usage("--format 应为 text 或 csv");
        } else {
            return cli_usage("session list：未知的参数 %s", argv[i]);
        }
    }
    f.include_voided = 1; /* voided rows are listed, marked 作废; they count nowhere */
    sqlite3 *db;
    int rc = cli_open(cli, STORE_READONLY, &db);
    if (rc)
        return rc;
    struct csv_out out;
    static const char *head[] = {"编号", "日期", "标题", "类别", "形式", "类型",
                                 "教师", "应到", "实到", "学时", "状态", "作废原因"};
    static const int widths[] = {5, 10, 30, 12, 8, 8, 8, 4, 4, 5, 0};
    static const char aligns[] = "rllllllrrrl";
    if (csv) {
        csv_begin(&out, stdout, true);
        for (int i = 0; i < 12; i++)
            csv_text(&out, head[i]);
        csv_end_row(&out);
    } else {
        print_text_row(head, widths, aligns, 11);
    }
    struct session_row rows[200];
    char last_date[11] = "";
    int64_t last_id = 0;
    struct fx_error err;
    fx_clear(&err);
    for (;;) {
        int n = ledger_page(db, &f, last_date, last_id, 0, rows, 200, &err);
        if (n < 0) {
            rc = cli_report(&err);
            break;
        }
        for (int i = 0; i < n; i++) {
            struct session_row *r = &rows[i];
            if (csv) {
                csv_int(&out, r->id);
                csv_text(&out, r->date);
                csv_text(&out, r->title);
                csv_text(&out, r->category);
                csv_text(&out, r->format);
                csv_text(&out, r->kind);
                csv_text(&out, r->teacher);
                csv_int(&out, r->expected);
                csv_int(&out, r->present);
                csv_number(&out, r->hours);
                csv_text(&out, r->voided ? "作废" : "");
                csv_text(&out, r->voided ? r->void_reason : "");
                csv_end_row(&out);
            } else {
                char id[24], exp[16], pres[16], hours[16];
                snprintf(id, sizeof id, "%lld", (long long)r->id);
                snprintf(exp, sizeof exp, "%d", r->expected);
                snprintf(pres, sizeof pres, "%d", r->present);
                ledger_format_hours(hours, sizeof hours, r->hours);
                char state[300] = "";
                if (r->voided)
                    text_format(state, sizeof state, "作废（%s）", r->void_reason);
                const char *cols[] = {id,
                                      r->date,
                                      r->title,
                                      r->category,
                                      r->format,
                                      r->kind,
                                      r->teacher,
                                      exp,
                                      pres,
                                      hours,
                                      state};
                print_text_row(cols, widths, aligns, 11);
            }
        }
        if (n < 200)
            break;
        text_copy(last_date, sizeof last_date, rows[n - 1].date);
        last_id = rows[n - 1].id;
    }
    if ((csv && !csv_finish(&out)) || fflush(stdout) != 0) {
        fprintf(stderr, "fenxiao: 写出失败（磁盘已满或管道关闭）\n");
        rc = FX_EFS;
    }
    store_close(db);
    return rc;
}

/* `session void|restore ID --reason TEXT`: the one shape both take. */
static int session_set_voided(struct cli *cli, int argc, char **argv, int to)
{
    const char *reason;
    long long id;
    int rc = cli_void_args(argc, argv, to ? "session void" : "session restore", &id, &reason);
    if (rc)
        return rc;
    sqlite3 *db;
    rc = cli_open(cli, STORE_WRITER, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    if ((to ? ledger_void_session : ledger_restore_session)(db, id, reason, &err))
        rc = cli_report(&err);
    else
        fprintf(stderr, to ? "已作废：%lld\n" : "已恢复：%lld（重新计入统计）\n", id);
    store_close(db);
    return rc;
}

static int session_void(struct cli *cli, int argc, char **argv)
{
    return session_set_voided(cli, argc, argv, 1);
}

static int session_restore(struct cli *cli, int argc, char **argv)
{
    return session_set_voided(cli, argc, argv, 0);
}

/* `session feedback ID --returned N (--satisfied N --basic N --unsatisfied N | --score X) [--comment TEXT]`:
 * the feedback collected after a session; core checks it and writes nothing when it is wrong. */
static int session_feedback(struct cli *cli, int argc, char **argv)
{
    const char *id_text = NULL, *returned = NULL, *counts[3] = {NULL, NULL, NULL}, *score = NULL, *comment = "";
    static const char *const count_opts[3] = {"--satisfied", "--basic", "--unsatisfied"};
    for (int i = 1; i < argc; i++) {
        const char *v;
        int k;
        if ((v = cli_opt(argc, argv, &i, "--returned")) != NULL) {
            returned = v;
            continue;
        }
        if ((v = cli_opt(argc, argv, &i, "--score")) != NULL) {
            score = v;
            continue;
        }
        if ((v = cli_opt(argc, argv, &i, "--comment")) != NULL) {
            comment = v;
            continue;
        }
        for (k = 0; k < 3; k++)
            if ((v = cli_opt(argc, argv, &i, count_opts[k])) != NULL) {
                counts[k] = v;
                break;
            }
        if (k < 3)
            continue;
        if (argv[i][0] != '-' && !id_text)
            id_text = argv[i];
        else
            return cli_usage("session feedback：未知的参数 %s", argv[i]);
    }
    bool any_count = counts[0] || counts[1] || counts[2], all_counts = counts[0] && counts[1] && counts[2];
    if (!id_text || !returned || (score ? any_count : !all_counts))
        return cli_usage("用法：fenxiao session feedback 编号 --returned 份数 (--satisfied 份数 --basic 份数 "
                         "--unsatisfied 份数 | --score 平均分) [--comment 意见]");
    long long id, n;
    if (cli_int("编号", id_text, 1, INT64_MAX, &id) || cli_int("--returned", returned, 0, 100000, &n))
        return FX_EINPUT;
    struct session_feedback *fb = calloc(1, sizeof *fb);
    if (!fb)
        return FX_EINTERNAL;
    fb->session_id = id;
    fb->returned = (int)n;
    int rc = 0;
    if (score) {
        fb->has_score = true;
        fb->scale = cli->cfg.feedback_scale;
        if (cli_number("--score", score, 0, fb->scale, &fb->score))
            rc = FX_EINPUT;
    } else {
        int *dst[3] = {&fb->satisfied, &fb->basic, &fb->unsatisfied};
        for (int k = 0; k < 3 && !rc; k++) {
            long long c;
            if (cli_int(count_opts[k], counts[k], 0, 100000, &c))
                rc = FX_EINPUT;
            else
                *dst[k] = (int)c;
        }
    }
    if (!rc && !text_copy(fb->comment, sizeof fb->comment, comment)) {
        fprintf(stderr, "fenxiao: --comment 太长（最多 %d 字）\n", FEEDBACK_COMMENT_MAX);
        rc = FX_EINPUT;
    }
    sqlite3 *db = NULL;
    if (!rc)
        rc = cli_open(cli, STORE_WRITER, &db);
    if (!rc) {
        struct fx_error err;
        fx_clear(&err);
        if (feedback_save(db, fb, &err)) {
            rc = cli_report(&err);
        } else {
            bool found;
            char line[256];
            if (!feedback_get(db, id, fb, &found, &err) && found) {
                feedback_describe(fb, line, sizeof line);
                cli_say("已登记培训记录 %lld 的评价：%s", id, line);
            }
        }
        store_close(db);
    }
    free(fb);
    return rc;
}

/* `session show ID`: one session as its detail reads, with its feedback (issue 17). */
static int session_show(struct cli *cli, int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-')
        return cli_usage("用法：fenxiao session show 编号");
    long long id;
    if (cli_int("编号", argv[1], 1, INT64_MAX, &id))
        return FX_EINPUT;
    sqlite3 *db;
    int rc = cli_open(cli, STORE_READONLY, &db);
    if (rc)
        return rc;
    struct fx_error err;
    fx_clear(&err);
    struct session s;
    memset(&s, 0, sizeof s);
    struct session_feedback *fb = calloc(1, sizeof *fb);
    bool found = false;
    if (!fb)
        rc = FX_EINTERNAL;
    else if (ledger_get_session(db, id, &s, &err) || feedback_get(db, id, fb, &found, &err))
        rc = cli_report(&err);
    if (!rc) {
        char teacher[256] = "", hours[32], safe[1024];
        store_get_text(db, "SELECT name FROM teacher WHERE id = ?1", STORE_ARGS(STORE_INT(s.teacher_id)), teacher,
                       sizeof teacher, NULL);
        ledger_format_hours(hours, sizeof hours, s.hours);
        printf("编号：%lld%s\n", id, s.voided ? "（作废）" : "");
        printf("日期：%s%s%s\n", s.date, s.end_date[0] ? " 至 " : "", s.end_date);
        printf("主题：%s\n", text_sanitize(safe, sizeof safe, s.title));
        printf("内容类别：%s　形式：%s　类型：%s\n", s.category, s.format, s.kind);
        printf("授课人：%s\n", teacher[0] ? text_sanitize(safe, sizeof safe, teacher) : "—");
        printf("应到：%d　实到：%d　学时：%s\n", s.expected, s.present, hours);
        if (found) {
            char line[256];
            feedback_describe(fb, line, sizeof line);
            printf("评价：%s\n", line);
            if (fb->comment[0])
                printf("意见建议：%s\n", text_sanitize(safe, sizeof safe, fb->comment));
        } else {
            printf("评价：未登记\n");
        }
        if (fflush(stdout) || ferror(stdout))
            rc = FX_EFS;
    }
    ledger_session_free(&s);
    free(fb);
    store_close(db);
    return rc;
}

int cmd_session(struct cli *cli, int argc, char **argv)
{
    return CLI_SUBS(cli, argc, argv, "session", {"add", session_add}, {"list", session_list}, {"void", session_void},
                    {"restore", session_restore}, {"feedback", session_feedback}, {"show", session_show});
}
