/* roster_record.c — 党员培训档案: one member's sessions of a year, the year's total against the minimum.
 * The rows come a page at a time from core/member.c; the total is summed from the roll call, as the SQL check does. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "ledger.h"
#include "member.h"
#include "record.h"
#include "roster_views.h"
#include "table.h"

struct record_src {
    sqlite3 *db;
    int64_t member_id;
    int year;
    struct fx_error err;
};

static int record_fetch(void *vctx, const void *after, void *rows, int max)
{
    struct record_src *ctx = vctx;
    return record_year_page(ctx->db, ctx->member_id, ctx->year, after, rows, max, &ctx->err);
}

static void record_cell(void *vctx, const void *row, int col, char *out, size_t outsz)
{
    (void)vctx;
    const struct record_session *s = row;
    bool present = !strcmp(s->status, "present");
    switch (col) {
    case 0: snprintf(out, outsz, "%s", s->date); break;
    case 1: snprintf(out, outsz, "%s", s->title); break;
    case 2: snprintf(out, outsz, "%s", s->kind); break;
    case 3:
        if (present)
            ledger_format_hours_sum(out, outsz, s->hours);
        else
            snprintf(out, outsz, "—");
        break;
    default:
        if (present)
            snprintf(out, outsz, "出席");
        else
            snprintf(out, outsz, "%s%s%s", !strcmp(s->status, "leave") ? "请假" : "缺席", s->reason[0] ? "：" : "",
                     s->reason);
        break;
    }
}

static void draw_record(struct table *t, const struct member *m, const struct record_total *tot, bool ok,
                        const struct fx_error *err, int year)
{
    struct rect b = app_body();
    draw_box(b, "党员培训档案", ROLE_DIALOG);
    int x = b.x + 2, w = b.w - 4, y = b.y + 1;
    char line[512], h[32], need[32], gap[32];
    snprintf(line, sizeof line, "%s · %s · %s", m->name, m->branch, m->role);
    int used = draw_text(y, x, w - 12, line, ROLE_DIALOG);
    draw_fill(y, x + used, w - used, ROLE_DIALOG);
    snprintf(line, sizeof line, "◀ %d年 ▶", year);
    draw_text_pad(y, x + w - 12, 12, line, ROLE_FIGURE, 'r');
    y++;
    draw_fill(y, x, w, ROLE_DIALOG);
    if (!ok) {
        draw_text(y, x, w, err->msg[0] ? err->msg : "读取失败", ROLE_ERROR);
    } else {
        ledger_format_hours_sum(h, sizeof h, tot->hours);
        ledger_format_hours_sum(need, sizeof need, tot->minimum);
        ledger_format_hours_sum(gap, sizeof gap, tot->behind);
        snprintf(line, sizeof line, "出席 %lld 次，合计 %s 学时（应达 %s）", (long long)tot->present, h, need);
        int n = draw_text(y, x, w, line, ROLE_DIALOG);
        if (tot->behind > 0)
            snprintf(line, sizeof line, "，还差 %s 学时", gap);
        else
            snprintf(line, sizeof line, "，已达标");
        n += draw_text(y, x + n, w - n, line, tot->behind > 0 ? ROLE_ERROR : ROLE_FIGURE);
        if (tot->leave || tot->absent) {
            snprintf(line, sizeof line, "；请假 %lld 次，缺席 %lld 次", (long long)tot->leave, (long long)tot->absent);
            draw_text(y, x + n, w - n, line, ROLE_DIALOG);
        }
    }
    struct rect tr = {y + 2, x, b.h - (y + 2 - b.y) - 2, w};
    for (int i = 0; i < tr.h; i++)
        draw_fill(tr.y + i, tr.x, tr.w, ROLE_NORMAL);
    draw_fill(y + 1, x, w, ROLE_DIALOG);
    table_draw(t, tr);
    draw_text_pad(b.y + b.h - 2, b.x + 1, b.w - 2, "[ ] 换年份  ↑↓ PgUp PgDn 翻看  Esc 返回", ROLE_DIALOG, 'c');
}

void roster_record_run(struct app *app, int64_t member_id, int *year)
{
    static const struct table_col cols[] = {
        {"日期", 10, 'l'}, {"培训内容", 0, 'l'}, {"类型", 10, 'l'}, {"学时", 5, 'r'}, {"出勤", 16, 'l'},
    };
    struct member m;
    struct fx_error err;
    fx_clear(&err);
    if (member_get(app->db, member_id, &m, &err)) {
        app_error(app, &err);
        return;
    }
    struct record_src ctx = {.db = app->db, .member_id = member_id, .year = *year};
    struct table_source src = {
        .row_size = sizeof(struct record_session), .fetch = record_fetch, .cell = record_cell, .ctx = &ctx};
    struct table t;
    if (table_init(&t, cols, 5, &src))
        return;
    struct record_total tot;
    bool ok = record_hours(app->db, app->cfg, member_id, ctx.year, &tot, &err) == 0;
    for (;;) {
        draw_begin();
        if (app_draw_background(app))
            draw_record(&t, &m, &tot, ok, &err, ctx.year);
        draw_end();
        wint_t ch;
        int k = app_read_key(app, &ch);
        if (app->quit_requested)
            break;
        if (k == ERR || draw_too_small())
            continue;
        bool is_key = k == KEY_CODE_YES;
        if (is_key && ch == KEY_RESIZE)
            continue;
        if (app->in_paste)
            continue;
        if (!is_key && (ch == 27 || ch == 'q' || ch == 'Q' || ch == '\n' || ch == '\r'))
            break;
        if (is_key && (ch == KEY_F(10) || ch == KEY_ENTER))
            break;
        if (!is_key && (ch == '[' || ch == ']')) {
            ctx.year += ch == '[' ? -1 : 1;
            fx_clear(&err);
            ok = record_hours(app->db, app->cfg, member_id, ctx.year, &tot, &err) == 0;
            table_reset(&t);
            continue;
        }
        table_key(&t, is_key, ch);
    }
    *year = ctx.year;
    table_free(&t);
}
