/* screen_menu.c — 菜单: the course menu by content category and module, and the switch to its sub-views
 * (师资库, 教学点, 点单 in menu_pool.c and menu_orders.c); printing and CSV import of the menu live here too. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "course.h"
#include "dialog.h"
#include "form.h"
#include "import.h"
#include "ledger.h"
#include "menu_views.h"
#include "paths.h"
#include "pickers/course_pick.h"
#include "render.h"
#include "report_menu.h"
#include "screen.h"
#include "table.h"
#include "teacher.h"
#include "text.h"
#include "venue.h"
#include "vocab.h"

#define LEFT_W   22 /* the category pane: the longest category (9 characters) and a count */
#define DETAIL_H 4  /* rows under the panes for the course under the cursor */

struct course_src {
    sqlite3 *db;
    struct course_filter filter;
    struct fx_error err;
    char prev_module[64]; /* module of the row drawn just above: a group shows its module once */
    bool first_row;
};

static struct {
    int view; /* 0 courses, else an index into views[] */
    struct course_count counts[VOCAB_MAX];
    int ncounts;
    int cat; /* category under the left cursor */
    bool focus_right;
    bool show_retired;
    struct course_src src;
    struct table t;
    bool t_ready;
    struct fx_error err;
    bool failed;
    struct rect left, right; /* as last drawn, for clicks */
    int view_line_y;
    int view_x[5];
} menu;

static const struct menu_view *const views[] = {NULL, &menu_teachers_view, &menu_venues_view, &menu_orders_view};
#define NVIEWS 4
static const char *const view_labels[NVIEWS] = {"课程菜单", "师资库", "教学点", "点单"};
static const struct keymap course_keys, menu_switch_keys;

void menu_rule(int y, int x, int w)
{
    char line[3 * 300 + 1];
    int n = 0;
    for (int i = 0; i < w && i < 300; i++) {
        memcpy(line + n, "─", 3);
        n += 3;
    }
    line[n] = '\0';
    draw_text(y, x, w, line, ROLE_DIM);
}

/* ---- the course list (right pane) ---- */

static int course_fetch(void *ctx, const void *after, void *rows, int max)
{
    struct course_src *s = ctx;
    return course_page(s->db, &s->filter, after, 0, rows, max, &s->err);
}

static void course_cell(void *ctx, const void *row, int col, char *out, size_t outsz)
{
    struct course_src *s = ctx;
    const struct course *c = row;
    switch (col) {
    case 0:
        /* Rows are drawn top to bottom: a module is named on its first row only, so the list reads as groups. */
        if (s->first_row || strcmp(s->prev_module, c->module))
            snprintf(out, outsz, "%s", c->module[0] ? c->module : "其他");
        else
            snprintf(out, outsz, "%s", "");
        text_copy(s->prev_module, sizeof s->prev_module, c->module);
        s->first_row = false;
        break;
    case 1: snprintf(out, outsz, "%s", c->title); break;
    case 2: snprintf(out, outsz, "%s", c->format); break;
    case 3: snprintf(out, outsz, "%s", c->teacher[0] ? c->teacher : "—"); break;
    case 4: ledger_format_hours(out, outsz, c->hours); break;
    case 5: snprintf(out, outsz, "%s", c->retired ? "停用" : c->featured ? "精品" : ""); break;
    default: break;
    }
}

static int course_role(void *ctx, const void *row)
{
    (void)ctx;
    const struct course *c = row;
    return c->retired ? ROLE_DIM : ROLE_NORMAL;
}

static const struct table_col course_cols[] = {
    {"模块", 10, 'l'}, {"课程名称", 0, 'l'}, {"形式", 8, 'l'}, {"教师", 6, 'l'}, {"学时", 4, 'r'}, {"", 4, 'l'},
};

static const char *current_category(void)
{
    return menu.cat >= 0 && menu.cat < menu.ncounts ? menu.counts[menu.cat].category : "";
}

static void course_filter_changed(void)
{
    snprintf(menu.src.filter.category, sizeof menu.src.filter.category, "%s", current_category());
    menu.src.filter.include_retired = menu.show_retired;
    table_reset(&menu.t);
}

static int courses_enter(struct app *app)
{
    menu.src.db = app->db;
    if (!menu.t_ready) {
        struct table_source src = {.row_size = sizeof(struct course),
                                   .fetch = course_fetch,
                                   .cell = course_cell,
                                   .ctx = &menu.src,
                                   .role = course_role};
        if (table_init(&menu.t, course_cols, 6, &src))
            return SCR_REDRAW;
        menu.t_ready = true;
    }
    fx_clear(&menu.err);
    int n = course_count_by_category(app->db, menu.counts, VOCAB_MAX, &menu.err);
    menu.failed = n < 0;
    menu.ncounts = n < 0 ? 0 : n;
    if (menu.cat >= menu.ncounts)
        menu.cat = 0;
    /* Keep the cursor where it was after an edit: only the rows are refetched. */
    snprintf(menu.src.filter.category, sizeof menu.src.filter.category, "%s", current_category());
    menu.src.filter.include_retired = menu.show_retired;
    table_refresh(&menu.t);
    return SCR_REDRAW;
}

static void courses_draw(struct app *app, struct rect b)
{
    (void)app;
    int panes_h = b.h - DETAIL_H - 1;
    if (panes_h < 3)
        return;
    menu.left = (struct rect){b.y, b.x, panes_h, LEFT_W};
    menu.right = (struct rect){b.y, b.x + LEFT_W + 1, panes_h, b.w - LEFT_W - 1};
    if (menu.failed) {
        draw_text(b.y + 1, b.x + 1, b.w - 2, menu.err.msg, ROLE_ERROR);
        return;
    }
    draw_text_pad(b.y, b.x, LEFT_W - 4, "内容类别", ROLE_HEADER, 'l');
    draw_text_pad(b.y, b.x + LEFT_W - 4, 4, "门数", ROLE_HEADER, 'r');
    struct course_count all;
    course_count_sum(menu.counts, menu.ncounts, &all);
    for (int i = 0; i < menu.ncounts; i++) {
        int y = b.y + 1 + i;
        if (y >= b.y + panes_h)
            continue;
        /* The open category stays marked while the cursor is in the course list. */
        int role = i == menu.cat ? (menu.focus_right ? ROLE_TAB_CUR : ROLE_SELECTED) : ROLE_NORMAL;
        char n[16];
        snprintf(n, sizeof n, "%d", menu.counts[i].courses);
        draw_text_pad(y, b.x, LEFT_W - 4, menu.counts[i].category, role, 'l');
        draw_text_pad(y, b.x + LEFT_W - 4, 4, n, role, 'r');
    }
    char line[160];
    int y = b.y + 2 + menu.ncounts;
    if (y < b.y + panes_h) {
        snprintf(line, sizeof line, "合计 %d 门", all.courses);
        draw_text(y++, b.x, LEFT_W, line, ROLE_FIGURE);
    }
    if (y < b.y + panes_h) {
        snprintf(line, sizeof line, "精品 %d 门", all.featured);
        draw_text(y++, b.x, LEFT_W, line, ROLE_NORMAL);
    }
    if (y < b.y + panes_h) {
        snprintf(line, sizeof line, "停用 %d 门%s", all.retired, menu.show_retired ? "（显示）" : "");
        draw_text(y++, b.x, LEFT_W, line, ROLE_DIM);
    }
    for (int r = 0; r < panes_h; r++)
        draw_text(b.y + r, b.x + LEFT_W, 1, "│", ROLE_DIM);
    menu.src.first_row = true;
    menu.src.prev_module[0] = '\0';
    table_draw(&menu.t, menu.right);

    /* The course under the cursor, in full: what the columns had to cut. */
    int dy = b.y + panes_h;
    menu_rule(dy++, b.x, b.w);
    const struct course *c = menu.t_ready ? table_current(&menu.t) : NULL;
    if (!c) {
        draw_text(dy, b.x + 1, b.w - 2, "本类别还没有课程：按 F2 或 n 新建", ROLE_DIM);
        return;
    }
    text_format(line, sizeof line, "《%s》%s%s", c->title, c->featured ? " 精品" : "", c->retired ? " 已停用" : "");
    draw_text(dy++, b.x + 1, b.w - 2, line, c->retired ? ROLE_DIM : ROLE_HEADER);
    char more[600];
    snprintf(more, sizeof more, "形式：%s  教师：%s  场地：%s  学时：%g", c->format, c->teacher[0] ? c->teacher : "—",
             c->venue[0] ? c->venue : "—", c->hours);
    draw_text(dy++, b.x + 1, b.w - 2, more, ROLE_NORMAL);
    int starts[2], lens[2];
    char desc[600];
    text_format(desc, sizeof desc, "简介：%s", c->description[0] ? c->description : "（无）");
    int nl = draw_wrap(desc, b.w - 2, starts, lens, 2);
    for (int i = 0; i < nl && i < 2; i++) {
        char part[600];
        snprintf(part, sizeof part, "%.*s", lens[i], desc + starts[i]);
        draw_text(dy++, b.x + 1, b.w - 2, part, ROLE_DIM);
    }
}

/* ---- the course form ---- */

static struct vocab_list categories, formats;
static const char *category_choices[VOCAB_MAX], *format_choices[VOCAB_MAX];
static const char *const yes_no[] = {"否", "是"};

enum { CF_TITLE, CF_CATEGORY, CF_MODULE, CF_FORMAT, CF_TEACHER, CF_VENUE, CF_HOURS, CF_FEATURED, CF_DESC, CF_N };

struct course_form_ctx {
    struct app *app;
    struct course c;
};

static int choice_index(const struct vocab_list *l, const char *word)
{
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->name[i], word))
            return i;
    return 0;
}

static int course_form_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct course_form_ctx *ctx = vctx;
    struct course *c = &ctx->c;
    struct form_field *f = form->fields;
    text_copy(c->title, sizeof c->title, f[CF_TITLE].text);
    snprintf(c->category, sizeof c->category, "%s", categories.name[f[CF_CATEGORY].choice]);
    text_copy(c->module, sizeof c->module, f[CF_MODULE].text);
    snprintf(c->format, sizeof c->format, "%s", formats.name[f[CF_FORMAT].choice]);
    text_copy(c->description, sizeof c->description, f[CF_DESC].text);
    c->featured = f[CF_FEATURED].choice;
    c->hours = strtod(f[CF_HOURS].text, NULL);
    /* People are named, as on paper; a name shared by two teachers comes back with their ids to choose. */
    c->teacher_id = 0;
    if (f[CF_TEACHER].text[0]) {
        int rc = teacher_find(ctx->app->db, f[CF_TEACHER].text, &c->teacher_id, err);
        if (rc) {
            snprintf(err->field, sizeof err->field, "%s", "teacher");
            return rc;
        }
    }
    c->venue_id = 0;
    if (f[CF_VENUE].text[0]) {
        int rc = venue_find(ctx->app->db, f[CF_VENUE].text, &c->venue_id, err);
        if (rc) {
            snprintf(err->field, sizeof err->field, "%s", "venue");
            return rc;
        }
    }
    int rc = course_save(ctx->app->db, c, err);
    if (!rc)
        app_mark_saved(ctx->app);
    return rc;
}

static int load_vocab(struct app *app)
{
    struct fx_error err;
    if (vocab_get(app->db, "category", &categories, &err) || vocab_get(app->db, "format", &formats, &err)) {
        app_error(app, &err);
        return -1;
    }
    for (int i = 0; i < categories.n; i++)
        category_choices[i] = categories.name[i];
    for (int i = 0; i < formats.n; i++)
        format_choices[i] = formats.name[i];
    return 0;
}

static int edit_course(struct app *app, const struct course *old)
{
    if (load_vocab(app))
        return SCR_HANDLED | SCR_REDRAW;
    struct course_form_ctx ctx = {.app = app};
    if (old)
        ctx.c = *old;
    else {
        snprintf(ctx.c.category, sizeof ctx.c.category, "%s", current_category());
        ctx.c.hours = 2;
    }
    struct form_field f[CF_N];
    memset(f, 0, sizeof f);
    static const struct {
        const char *id, *label;
        int type;
        bool required;
    } spec[CF_N] = {
        {"title", "课程名称", FIELD_TEXT, true},    {"category", "内容类别", FIELD_CHOICE, true},
        {"module", "模块", FIELD_TEXT, false},      {"format", "形式", FIELD_CHOICE, true},
        {"teacher", "教师", FIELD_TEXT, false},     {"venue", "场地", FIELD_TEXT, false},
        {"hours", "学时", FIELD_NUMBER, true},      {"featured", "精品课", FIELD_CHOICE, false},
        {"description", "简介", FIELD_TEXT, false},
    };
    for (int i = 0; i < CF_N; i++) {
        f[i].id = spec[i].id;
        f[i].label = spec[i].label;
        f[i].type = spec[i].type;
        f[i].required = spec[i].required;
    }
    f[CF_TITLE].max = FX_TITLE_CHARS;
    f[CF_MODULE].max = FX_PLACE_CHARS;
    f[CF_TEACHER].max = FX_PERSON_CHARS;
    f[CF_VENUE].max = FX_PLACE_CHARS;
    f[CF_DESC].max = FX_DESC_CHARS;
    snprintf(f[CF_TITLE].text, sizeof f[CF_TITLE].text, "%s", ctx.c.title);
    snprintf(f[CF_MODULE].text, sizeof f[CF_MODULE].text, "%s", ctx.c.module);
    snprintf(f[CF_TEACHER].text, sizeof f[CF_TEACHER].text, "%s", ctx.c.teacher);
    snprintf(f[CF_VENUE].text, sizeof f[CF_VENUE].text, "%s", ctx.c.venue);
    ledger_format_hours(f[CF_HOURS].text, sizeof f[CF_HOURS].text, ctx.c.hours);
    snprintf(f[CF_DESC].text, sizeof f[CF_DESC].text, "%s", ctx.c.description);
    f[CF_CATEGORY].choices = category_choices;
    f[CF_CATEGORY].nchoices = categories.n;
    f[CF_CATEGORY].choice = choice_index(&categories, ctx.c.category);
    f[CF_FORMAT].choices = format_choices;
    f[CF_FORMAT].nchoices = formats.n;
    f[CF_FORMAT].choice = choice_index(&formats, ctx.c.format);
    f[CF_FEATURED].choices = yes_no;
    f[CF_FEATURED].nchoices = 2;
    f[CF_FEATURED].choice = ctx.c.featured ? 1 : 0;
    struct form form = {
        .title = old ? "编辑课程" : "新建课程", .fields = f, .nfields = CF_N, .save = course_form_save, .ctx = &ctx};
    if (!form_run(app, &form))
        return SCR_HANDLED | SCR_REDRAW;
    app_status(app, "课程《%s》已保存", ctx.c.title);
    /* Follow the course to its category, so the person sees what was saved. */
    for (int i = 0; i < menu.ncounts; i++)
        if (!strcmp(menu.counts[i].category, ctx.c.category) && i != menu.cat) {
            menu.cat = i;
            course_filter_changed();
        }
    return SCR_HANDLED | SCR_RELOAD;
}

static int retire_course(struct app *app)
{
    const struct course *cur = table_current(&menu.t);
    if (!cur) {
        app_status(app, "没有选中的课程");
        return SCR_HANDLED;
    }
    struct course c = *cur;
    char msg[512];
    struct fx_error err;
    int rc;
    if (c.retired) {
        snprintf(msg, sizeof msg, "恢复课程《%s》？\n恢复后各党组织又可以点这门课。", c.title);
        if (!dialog_confirm(app, "恢复课程", msg))
            return SCR_HANDLED | SCR_REDRAW;
        rc = course_restore(app->db, c.id, &err);
    } else {
        snprintf(msg, sizeof msg, "停用课程《%s》？\n停用后不能再点这门课；已经办过的培训记录不受影响。", c.title);
        if (!dialog_confirm(app, "停用课程", msg))
            return SCR_HANDLED | SCR_REDRAW;
        rc = course_retire(app->db, c.id, &err);
    }
    if (rc) {
        app_error(app, &err);
        return SCR_HANDLED | SCR_REDRAW;
    }
    app_mark_saved(app);
    app_status(app, "课程《%s》已%s", c.title, c.retired ? "恢复" : "停用");
    return SCR_HANDLED | SCR_RELOAD;
}

/* ---- search: a picker over every category, then the list jumps to the course chosen ---- */

bool menu_pick_course(struct app *app, const char *title, bool include_retired, struct course *out)
{
    static const struct table_col cols[] = {
        {"课程名称", 0, 'l'}, {"内容类别", 18, 'l'}, {"教师", 8, 'l'}, {"", 4, 'l'}};
    static const enum course_pick_field fields[] = {COURSE_PICK_TITLE, COURSE_PICK_CATEGORY, COURSE_PICK_TEACHER,
                                                    COURSE_PICK_RETIRED};
    struct course_pick p = {
        .title = title,
        .hint = "输入课程名称、模块或教师，可用拼音首字母，如 ybhj 找到《擦亮营商环境金名片》",
        .cols = cols,
        .fields = fields,
        .ncols = 4,
        .include_retired = include_retired,
    };
    return course_pick_run(app, &p, out);
}

static int find_course(struct app *app)
{
    struct course c;
    if (!menu_pick_course(app, "查找课程", menu.show_retired, &c))
        return SCR_HANDLED | SCR_REDRAW;
    for (int i = 0; i < menu.ncounts; i++)
        if (!strcmp(menu.counts[i].category, c.category))
            menu.cat = i;
    course_filter_changed();
    menu.focus_right = true;
    /* Walk the keyset list to the row: a category holds tens of courses, not thousands. */
    for (int guard = 0; guard < 100000; guard++) {
        const struct course *cur = table_current(&menu.t);
        if (!cur || cur->id == c.id)
            break;
        int before = menu.t.cur;
        table_key(&menu.t, 1, KEY_DOWN);
        if (menu.t.cur == before)
            break;
    }
    return SCR_HANDLED | SCR_REDRAW;
}

/* ---- print / export of the menu ---- */

/* Every format is the report model (report_menu) through the renderers, as every
 * other printed form is, so the screen and `fenxiao report menu` print the same. */
enum { PRINT_TEXT, PRINT_CSV, PRINT_PDF, PRINT_LP };
static const enum render_format print_renders[] = {RENDER_TEXT, RENDER_CSV, RENDER_PDF, RENDER_PDF};

struct print_ctx {
    struct app *app;
    int format;
    char path[4096];
    int flags; /* outfile_flags: OUTFILE_REPLACE once the person agreed */
    int64_t courses;
};

static const char *const print_scopes[] = {"本类别", "全部类别"};
static const char *const print_formats[] = {"文本", "CSV", "PDF", "送打印机"};
static const char *const print_exts[] = {".txt", ".csv", ".pdf"};

/* The default name ends in .txt; choosing another format changes an extension
 * of ours to match, so "培训菜单.txt" does not end up holding a PDF. */
static void match_extension(char *path, size_t pathsz, int format)
{
    size_t n = strlen(path);
    for (int i = 0; i < 3; i++)
        if (n > 4 && !strcmp(path + n - 4, print_exts[i])) {
            snprintf(path + n - 4, pathsz - (n - 4), "%s", print_exts[format]);
            return;
        }
}

static int print_report(struct print_ctx *ctx, const char *category, struct fx_error *err)
{
    struct report *rep = malloc(sizeof *rep);
    if (!rep)
        return fx_fail(err, FX_EINTERNAL, "内存不足");
    int rc = report_menu(ctx->app->db, ctx->app->cfg, category, rep, err);
    if (!rc && ctx->format == PRINT_LP)
        rc = render_print_path(rep, ctx->path, sizeof ctx->path, err);
    if (!rc)
        rc = render_file(rep, print_renders[ctx->format], ctx->path, ctx->flags, true, err);
    if (!rc)
        ctx->courses = rep->nrows;
    free(rep);
    return rc;
}

static int print_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct print_ctx *ctx = vctx;
    struct form_field *f = form->fields;
    const char *category = f[0].choice == 0 ? current_category() : "";
    ctx->format = f[1].choice;
    ctx->flags = 0;
    if (ctx->format != PRINT_LP) {
        match_extension(f[2].text, sizeof f[2].text, ctx->format);
        snprintf(ctx->path, sizeof ctx->path, "%s", f[2].text);
        if (!app_may_write(ctx->app, ctx->path, &ctx->flags))
            return fx_fail_field(err, FX_EINPUT, "path", "文件已存在，没有覆盖；可以换一个文件名");
    }
    int rc = print_report(ctx, category, err);
    if (rc && ctx->format != PRINT_LP && !err->field[0])
        snprintf(err->field, sizeof err->field, "%s", "path");
    return rc;
}

/* The PDF is made; send it to lp. Without CUPS or a printer, say why and where
 * the PDF was kept, so it can be carried to a machine that prints. */
static void print_send(struct app *app, const struct print_ctx *ctx)
{
    struct fx_error err;
    fx_clear(&err);
    const char *printer = app->cfg->printer[0] ? app->cfg->printer : NULL;
    if (render_print(ctx->path, printer, &err)) {
        char msg[4800], why[sizeof err.msg];
        snprintf(why, sizeof why, "%s", err.msg);
        char *kept = strstr(why, "PDF 已保留");
        if (kept)
            *kept = '\0';
        snprintf(msg, sizeof msg, "%s\n\nPDF 已保留在（只有本人可读写）：\n%s", why, ctx->path);
        dialog_message(app, "未能打印", msg);
        app_status(app, "PDF 已保留：%s", ctx->path);
        return;
    }
    app_status(app, "培训菜单已送打印机%s%s%s（%lld 门课程）", printer ? "（" : "", printer ? printer : "",
               printer ? "）" : "", (long long)ctx->courses);
}

static int print_menu(struct app *app)
{
    struct form_field f[3];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){
        .id = "scope", .label = "范围", .type = FIELD_CHOICE, .choices = print_scopes, .nchoices = 2};
    f[1] = (struct form_field){
        .id = "format", .label = "格式", .type = FIELD_CHOICE, .choices = print_formats, .nchoices = 4};
    f[2] = (struct form_field){.id = "path", .label = "保存到", .type = FIELD_TEXT, .required = true, .max = FX_PATH_CHARS};
    const char *home = getenv("HOME");
    snprintf(f[2].text, sizeof f[2].text, "%s/培训菜单.txt", home && *home ? home : ".");
    struct print_ctx ctx = {.app = app};
    /* Writing a file is not a change to the ledger: the title line keeps what it said. */
    char state[sizeof app->save_state];
    snprintf(state, sizeof state, "%s", app->save_state);
    struct form form = {.title = "打印培训菜单（文本、CSV、PDF 或送打印机）",
                        .fields = f,
                        .nfields = 3,
                        .save = print_save,
                        .ctx = &ctx};
    if (form_run(app, &form)) {
        app_set_save_state(app, state);
        if (ctx.format == PRINT_LP) {
            print_send(app, &ctx);
            return SCR_HANDLED | SCR_REDRAW;
        }
        char msg[4200];
        snprintf(msg, sizeof msg, "已导出 %lld 门课程到%s：\n%s", (long long)ctx.courses,
                 ctx.format == PRINT_PDF ? "（只有本人可读写）" : "", ctx.path);
        dialog_message(app, "培训菜单", msg);
        app_status(app, "培训菜单已导出：%s", ctx.path);
    }
    return SCR_HANDLED | SCR_REDRAW;
}

/* ---- import of courses, teachers and venues: dry run shown first, then confirmed ---- */

static const char *const import_kinds[] = {"课程", "教师", "场地"};
static const int import_tables[] = {IMPORT_COURSES, IMPORT_TEACHERS, IMPORT_VENUES};

struct import_ctx {
    struct app *app;
    char path[4096];
    int table;
    struct import_result res;
    int rc;
};

static int import_dry(void *vctx, struct form *form, struct fx_error *err)
{
    struct import_ctx *ctx = vctx;
    snprintf(ctx->path, sizeof ctx->path, "%s", form->fields[1].text);
    ctx->table = import_tables[form->fields[0].choice];
    struct import_options opt = {.table = ctx->table, .dry_run = true};
    import_result_free(&ctx->res);
    memset(&ctx->res, 0, sizeof ctx->res);
    ctx->rc = import_run(ctx->app->db, ctx->path, &opt, &ctx->res, err);
    /* Refused lines are shown in the summary, not as a form error; a file that cannot be read is. */
    if (ctx->rc && !ctx->res.nlines) {
        snprintf(err->field, sizeof err->field, "%s", "path");
        return ctx->rc;
    }
    return 0;
}

static void import_summary(const struct import_result *r, char *out, size_t outsz)
{
    int n = snprintf(out, outsz, "编码：%s\n新增 %d，修改 %d，不变 %d，拒绝 %d", r->encoding[0] ? r->encoding : "—",
                     r->added, r->updated, r->unchanged, r->refused);
    int shown = 0;
    for (int i = 0; i < r->nlines && n > 0 && (size_t)n < outsz; i++) {
        if (r->lines[i].outcome != IMPORT_REFUSED)
            continue;
        if (shown == 8) {
            n += snprintf(out + n, outsz - (size_t)n, "\n……另有 %d 行被拒绝", r->refused - shown);
            break;
        }
        n += snprintf(out + n, outsz - (size_t)n, "\n第 %d 行 %s：%s", r->lines[i].line, r->lines[i].what,
                      r->lines[i].message);
        shown++;
    }
}

static int import_file(struct app *app)
{
    struct form_field f[2];
    memset(f, 0, sizeof f);
    f[0] = (struct form_field){
        .id = "table", .label = "导入内容", .type = FIELD_CHOICE, .choices = import_kinds, .nchoices = 3};
    f[1] = (struct form_field){.id = "path", .label = "CSV 文件", .type = FIELD_TEXT, .required = true, .max = FX_PATH_CHARS};
    struct import_ctx ctx = {.app = app};
    /* The form only runs the dry run, which writes nothing: the title line keeps what it said. */
    char state[sizeof app->save_state];
    snprintf(state, sizeof state, "%s", app->save_state);
    struct form form = {
        .title = "从 CSV 导入（先试导入，确认后写入）", .fields = f, .nfields = 2, .save = import_dry, .ctx = &ctx};
    if (!form_run(app, &form)) {
        import_result_free(&ctx.res);
        return SCR_HANDLED | SCR_REDRAW;
    }
    app_set_save_state(app, state);
    char msg[4096];
    import_summary(&ctx.res, msg, sizeof msg);
    if (ctx.res.refused) {
        size_t n = strlen(msg);
        snprintf(msg + n, sizeof msg - n, "\n有被拒绝的行，整个文件都没有导入：请改好文件再试。");
        dialog_message(app, "试导入结果", msg);
    } else if (ctx.res.added + ctx.res.updated == 0) {
        dialog_message(app, "试导入结果", msg);
    } else {
        size_t n = strlen(msg);
        snprintf(msg + n, sizeof msg - n, "\n\n现在导入？");
        if (dialog_confirm(app, "试导入结果", msg)) {
            struct import_options opt = {.table = ctx.table};
            struct fx_error err;
            import_result_free(&ctx.res);
            memset(&ctx.res, 0, sizeof ctx.res);
            if (import_run(app->db, ctx.path, &opt, &ctx.res, &err))
                app_error(app, &err);
            else {
                app_mark_saved(app);
                app_status(app, "已导入%s：新增 %d，修改 %d", import_table_label(ctx.table), ctx.res.added,
                           ctx.res.updated);
            }
        }
    }
    import_result_free(&ctx.res);
    return SCR_HANDLED | SCR_RELOAD;
}

enum {
    COURSE_PANE = ACT_LOCAL, /* → the course list, ← the category pane */
    COURSE_OK,               /* Enter: into the list, or order the course */
    COURSE_RETIRED,
    COURSE_IMPORT,
    MENU_NEXT_VIEW,
    MENU_PREV_VIEW,
    MENU_COURSES,
    MENU_TEACHERS,
    MENU_VENUES,
    MENU_ORDERS
};

static int courses_key(struct app *app, int action, int is_key, wint_t ch)
{
    switch (action) {
    case ACT_NEW: return edit_course(app, NULL);
    case ACT_EDIT: {
        const struct course *c = table_current(&menu.t);
        if (!c) {
            app_status(app, "没有选中的课程");
            return SCR_HANDLED;
        }
        struct course copy = *c;
        return edit_course(app, &copy);
    }
    case ACT_VOID: return retire_course(app);
    case ACT_FIND: return find_course(app);
    case ACT_PRINT: return print_menu(app);
    case COURSE_PANE: menu.focus_right = keys_join(is_key, ch) == FXK_RIGHT; return SCR_HANDLED | SCR_REDRAW;
    case COURSE_RETIRED:
        menu.show_retired = !menu.show_retired;
        course_filter_changed();
        app_status(app, menu.show_retired ? "显示已停用的课程（灰色）" : "不显示已停用的课程");
        return SCR_HANDLED | SCR_REDRAW;
    case COURSE_IMPORT: return import_file(app);
    case COURSE_OK: {
        if (!menu.focus_right) {
            menu.focus_right = true;
            return SCR_HANDLED | SCR_REDRAW;
        }
        const struct course *c = table_current(&menu.t);
        if (!c)
            return SCR_HANDLED;
        struct course copy = *c;
        if (copy.retired) {
            app_status(app, "《%s》已停用，不能点单（按 d 恢复）", copy.title);
            return SCR_HANDLED;
        }
        if (menu_order_course(app, &copy))
            return SCR_HANDLED | SCR_RELOAD;
        return SCR_HANDLED | SCR_REDRAW;
    }
    case ACT_MOVE:
        if (!menu.focus_right) {
            /* The category pane: all of it is on the screen, so a page is all of it. */
            int key = keys_join(is_key, ch);
            int cat = key == FXK_HOME || key == FXK_PGUP      ? 0
                      : key == FXK_END || key == FXK_PGDN     ? menu.ncounts - 1
                      : key == FXK_UP || key == FXK_CTRL('p') ? menu.cat - 1
                                                              : menu.cat + 1;
            if (cat >= 0 && cat < menu.ncounts && cat != menu.cat) {
                menu.cat = cat;
                course_filter_changed();
            }
            return SCR_HANDLED | SCR_REDRAW;
        }
        table_key(&menu.t, is_key, ch);
        return SCR_HANDLED | SCR_REDRAW;
    default: return SCR_UNHANDLED;
    }
}

static int courses_click(struct app *app, struct rect body, int y, int x)
{
    (void)app;
    (void)body;
    if (x < menu.left.x + menu.left.w) {
        int i = y - menu.left.y - 1;
        if (i >= 0 && i < menu.ncounts) {
            menu.focus_right = false;
            if (i != menu.cat) {
                menu.cat = i;
                course_filter_changed();
            }
        }
        return SCR_HANDLED | SCR_REDRAW;
    }
    menu.focus_right = true;
    table_click(&menu.t, menu.right, y);
    return SCR_HANDLED | SCR_REDRAW;
}

/* ---- the screen: a view line, then the current view ---- */

static int switch_view(struct app *app, int v)
{
    if (v == menu.view)
        return SCR_HANDLED;
    if (menu.view && views[menu.view]->leave)
        views[menu.view]->leave(app);
    menu.view = v;
    int rc = v ? views[v]->enter(app) : courses_enter(app);
    return SCR_HANDLED | SCR_REDRAW | (rc & ~SCR_RELOAD);
}

static int menu_enter(struct app *app)
{
    return menu.view ? views[menu.view]->enter(app) : courses_enter(app);
}

static void menu_leave(struct app *app)
{
    if (menu.view && views[menu.view]->leave)
        views[menu.view]->leave(app);
}

static void menu_draw(struct app *app, struct rect b)
{
    int x = b.x;
    menu.view_line_y = b.y;
    for (int v = 0; v < NVIEWS; v++) {
        char label[64];
        snprintf(label, sizeof label, " %s ", view_labels[v]);
        menu.view_x[v] = x;
        x += draw_text(b.y, x, b.x + b.w - x, label, v == menu.view ? ROLE_TAB_CUR : ROLE_TAB) + 1;
    }
    menu.view_x[NVIEWS] = x;
    char hint[256];
    keys_hint(&menu_switch_keys, KEYS_HINT_OWN, hint, sizeof hint);
    draw_text(b.y, x + 1, b.x + b.w - x - 1, hint, ROLE_DIM);
    /* The view's own keys (the F-keys are on the key bar), then what its figures mean. */
    const struct keymap *km = menu.view ? views[menu.view]->keys : &course_keys;
    const char *note = menu.view ? views[menu.view]->note : NULL;
    keys_hint(km, KEYS_HINT_OWN, hint, sizeof hint);
    size_t n = strlen(hint);
    if (note)
        snprintf(hint + n, sizeof hint - n, "%s%s", n ? "  " : "", note);
    draw_text(b.y + 1, b.x, b.w, hint, ROLE_DIM);
    struct rect r = {b.y + 2, b.x, b.h - 2, b.w};
    if (menu.view)
        views[menu.view]->draw(app, r);
    else
        courses_draw(app, r);
}

static int menu_key(struct app *app, int action, int is_key, wint_t ch)
{
    switch (action) {
    case MENU_NEXT_VIEW: return switch_view(app, (menu.view + 1) % NVIEWS);
    case MENU_PREV_VIEW: return switch_view(app, (menu.view + NVIEWS - 1) % NVIEWS);
    case MENU_COURSES: return switch_view(app, 0);
    case MENU_TEACHERS: return switch_view(app, 1);
    case MENU_VENUES: return switch_view(app, 2);
    case MENU_ORDERS: return switch_view(app, 3);
    default: break;
    }
    return menu.view ? views[menu.view]->key(app, action, is_key, ch) : courses_key(app, action, is_key, ch);
}

static int menu_click(struct app *app, struct rect body, int y, int x)
{
    if (y == menu.view_line_y) {
        for (int v = 0; v < NVIEWS; v++)
            if (x >= menu.view_x[v] && x < menu.view_x[v + 1])
                return switch_view(app, v);
        return SCR_HANDLED;
    }
    if (menu.view)
        return views[menu.view]->click ? views[menu.view]->click(app, body, y, x) : SCR_HANDLED;
    return courses_click(app, body, y, x);
}

/* The keys that switch the views, under every view's own: X(key, twin, action, hint, help). */
#define MENU_SWITCH_KEYS(X)                                                                                            \
    X(FXK_TAB, 0, MENU_NEXT_VIEW, "切换", "下一个栏目：课程菜单、师资库、教学点、点单")                                \
    X(FXK_BTAB, 0, MENU_PREV_VIEW, NULL, "上一个栏目")                                                                 \
    X('t', 0, MENU_TEACHERS, "师资", "换栏目：t 师资库，v 教学点，o 点单，c 课程菜单")                                 \
    X('v', 0, MENU_VENUES, "教学点", "换栏目：t 师资库，v 教学点，o 点单，c 课程菜单")                                 \
    X('o', 0, MENU_ORDERS, "点单", "换栏目：t 师资库，v 教学点，o 点单，c 课程菜单")                                   \
    X('c', 0, MENU_COURSES, "课程", "换栏目：t 师资库，v 教学点，o 点单，c 课程菜单")
FX_KEYMAP(static, menu_switch_keys, "菜单：换栏目", MENU_SWITCH_KEYS, screen_keys_also);
const struct keymap *const menu_keys_also[] = {&menu_switch_keys, NULL};

/* The course menu's keys. */
#define COURSE_KEYS(X)                                                                                                 \
    X(FXK_F(2), 'n', ACT_NEW, "新建", "新建课程（在光标所在的类别里）")                                                \
    X(FXK_F(4), 'e', ACT_EDIT, "编辑", "修改光标所在的课程")                                                           \
    X(FXK_F(5), 'p', ACT_PRINT, "打印", "打印或导出培训菜单（文本、CSV、PDF 或送打印机）")                             \
    X(FXK_F(7), '/', ACT_FIND, "查找", "查找课程（所有类别）：名称、模块或教师，可用拼音首字母")                       \
    X(FXK_F(8), 'd', ACT_VOID, "停用", "停用光标所在的课程；已停用的：恢复")                                           \
    X(FXK_RIGHT, FXK_LEFT, COURSE_PANE, "切换栏", "到右栏（课程）、到左栏（内容类别）")                                \
    X(FXK_ENTER, 0, COURSE_OK, "点单", "在右栏：为光标所在的课程点单；在左栏：到右栏")                                 \
    X('h', 0, COURSE_RETIRED, "显示停用", "显示或隐藏已停用的课程")                                                    \
    X('i', 0, COURSE_IMPORT, "导入", "从 CSV 导入课程、教师或场地（先试导入，确认后写入）")
FX_KEYMAP(static, course_keys, "菜单：课程菜单", COURSE_KEYS, menu_keys_also);

static const struct keymap *const menu_more_keys[] = {&menu_teacher_keys, &menu_venue_keys, &menu_order_keys,
                                                      &menu_switch_keys, NULL};

static const struct keymap *menu_keys_now(struct app *app)
{
    (void)app;
    return menu.view ? views[menu.view]->keys : &course_keys;
}

const struct screen_ops screen_menu_ops = {
    .name = "菜单",
    .keys = &course_keys,
    .keys_now = menu_keys_now,
    .more_keys = menu_more_keys,
    .enter = menu_enter,
    .leave = menu_leave,
    .draw = menu_draw,
    .key = menu_key,
    .click = menu_click,
};
