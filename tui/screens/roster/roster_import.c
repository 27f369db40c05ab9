/* roster_import.c — 导入 from the 名册 screen: choose the table and the CSV file, read the dry run, confirm, import.
 * Everything is core/import.c (one transaction, refused lines write nothing); this file only asks and shows. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "dialog.h"
#include "pickers/file_pick.h"
#include "form.h"
#include "import.h"
#include "roster_views.h"
#include "text.h"

/* One logical line of the result view (wrapped when drawn). */
struct vline {
    char *s;
    int role;
};

struct lines_view {
    struct vline *lines;
    int n, cap;
    int top; /* first visual line shown */
};

static void view_add(struct lines_view *v, int role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void view_add(struct lines_view *v, int role, const char *fmt, ...)
{
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 64;
        struct vline *l = realloc(v->lines, (size_t)cap * sizeof *l);
        if (!l)
            return;
        v->lines = l;
        v->cap = cap;
    }
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *s = strdup(buf);
    if (!s)
        return;
    v->lines[v->n].s = s;
    v->lines[v->n].role = role;
    v->n++;
}

static void view_free(struct lines_view *v)
{
    for (int i = 0; i < v->n; i++)
        free(v->lines[i].s);
    free(v->lines);
    memset(v, 0, sizeof *v);
}

#define WRAP_MAX 12

/* Visual lines of the whole view at width w (wrapping each logical line). */
static int view_height(const struct lines_view *v, int w)
{
    int starts[WRAP_MAX], lens[WRAP_MAX], total = 0;
    for (int i = 0; i < v->n; i++) {
        int n = draw_wrap(v->lines[i].s, w, starts, lens, WRAP_MAX);
        total += n > 0 ? n : 1;
    }
    return total;
}

/* Draw visual lines [top, top + h) of the view into r. */
static void view_draw(const struct lines_view *v, struct rect r)
{
    int starts[WRAP_MAX], lens[WRAP_MAX], vis = 0;
    for (int i = 0; i < v->n && vis < v->top + r.h; i++) {
        int n = draw_wrap(v->lines[i].s, r.w, starts, lens, WRAP_MAX);
        if (n <= 0) {
            vis++;
            continue;
        }
        for (int k = 0; k < n; k++, vis++) {
            if (vis < v->top || vis >= v->top + r.h)
                continue;
            char piece[1024];
            int len = lens[k] < (int)sizeof piece - 1 ? lens[k] : (int)sizeof piece - 1;
            memcpy(piece, v->lines[i].s + starts[k], (size_t)len);
            piece[len] = '\0';
            draw_text(r.y + vis - v->top, r.x, r.w, piece, v->lines[i].role);
        }
    }
}

/* Fill the view from an import result: the header, the counts, refused lines first. */
static void view_fill(struct lines_view *v, const char *path, const struct import_options *opt,
                      const struct import_result *res, int code, const struct fx_error *err)
{
    view_add(v, ROLE_DIALOG, "文件：%s", path);
    if (res->encoding[0])
        view_add(v, ROLE_DIALOG, "编码：%s", res->encoding);
    if (res->columns[0])
        view_add(v, ROLE_DIALOG, "列：%s", res->columns);
    char summary[400];
    import_summary_line(opt, res, summary, sizeof summary);
    view_add(v, ROLE_FIGURE, "%s", summary);
    if (code)
        view_add(v, ROLE_ERROR, "%s", err->msg[0] ? err->msg : "导入失败");
    if (res->refused) {
        view_add(v, ROLE_DIALOG, "%s", "");
        view_add(v, ROLE_HEADER, "%s", "不能导入的行：");
        for (int i = 0; i < res->nlines; i++) {
            const struct import_line *l = &res->lines[i];
            if (l->outcome == IMPORT_REFUSED)
                view_add(v, ROLE_ERROR, "第%d行  %s  %s", l->line, l->what, l->message);
        }
    }
    int others = 0;
    for (int i = 0; i < res->nlines; i++) {
        const struct import_line *l = &res->lines[i];
        if (l->outcome == IMPORT_REFUSED || (!opt->dry_run && l->outcome == IMPORT_UNCHANGED))
            continue;
        if (!others++) {
            view_add(v, ROLE_DIALOG, "%s", "");
            view_add(v, ROLE_HEADER, "%s", opt->dry_run ? "逐行结果：" : "写入的行：");
        }
        view_add(v, ROLE_DIALOG, "第%d行  %s  %s%s%s", l->line, import_line_label(l->outcome, opt, res), l->what,
                 l->message[0] ? "  " : "", l->message);
    }
}

enum view_answer { ANSWER_CLOSE, ANSWER_IMPORT, ANSWER_SKIP_BAD };

/* The result view's keys: X(key, twin, action, hint, help); one table for each thing it can offer. */
enum { IMPORT_GO = ACT_LOCAL, IMPORT_SKIP_BAD };
#define IMPORT_VIEW_KEYS(X) X(FXK_ESC, 'q', ACT_BACK, "返回", "关闭，回到名册")
static const struct keymap *const import_view_also[] = {&keys_modal, NULL};
FX_KEYMAP(, roster_import_keys, "导入结果", IMPORT_VIEW_KEYS, import_view_also);
static const struct keymap *const import_more_also[] = {&roster_import_keys, NULL};

#define IMPORT_READY_KEYS(X)                                                                                           \
    X(FXK_ENTER, 'y', IMPORT_GO, "确认导入", "确认，真的导入（还会再问一次）")                                         \
    X(FXK_ESC, 'q', ACT_BACK, "取消", "不导入，回到名册")
FX_KEYMAP(, roster_import_ready_keys, "导入：试运行结果", IMPORT_READY_KEYS, import_more_also);

#define IMPORT_SKIP_KEYS(X) X('s', 'S', IMPORT_SKIP_BAD, "跳过这些行只导入其余", "跳过被拒绝的行，只导入其余的行")
FX_KEYMAP(, roster_import_skip_keys, "导入：有被拒绝的行", IMPORT_SKIP_KEYS, import_more_also);

#define IMPORT_DONE_KEYS(X) X(FXK_ENTER, 0, ACT_BACK, "返回", "关闭，回到名册")
FX_KEYMAP(, roster_import_done_keys, "导入完成", IMPORT_DONE_KEYS, import_more_also);

/* A result taller than its box also scrolls: these rows over whichever table above is in use (the manual and
 * the screen test see them over the plainest). */
#define IMPORT_SCROLL_KEYS(X) X(FXK_LIST, 0, ACT_MOVE, "翻看", "翻看：↑ ↓ 一行，PgUp PgDn 一页，Home End 到头到尾")
FX_KEYMAP(, roster_import_scroll_keys, "导入结果（可翻看）", IMPORT_SCROLL_KEYS, import_more_also);

/* The result as a view of the one loop: a box over the whole body. */
struct result_run {
    struct lines_view *lines;
    const char *title;
    const char *note;
    const struct keymap *km;
    const struct keymap *scroll_also[2]; /* km, for scroll */
    struct keymap scroll;                /* roster_import_scroll_keys over km */
    int answer, page;
};

/* Where the result's lines go: the body less the box's frame, title and foot. */
static struct rect result_rect(void)
{
    struct rect b = app_body();
    return (struct rect){b.y + 1, b.x + 2, b.h - 4, b.w - 4};
}

/* ↑ ↓ and the rest act only when the result is taller than its box. */
static const struct keymap *result_view_keys(struct view *v, struct app *app)
{
    (void)app;
    struct result_run *run = v->ctx;
    struct rect r = result_rect();
    return view_height(run->lines, r.w) > r.h ? &run->scroll : run->km;
}

static void result_view_draw(struct view *v, struct app *app)
{
    (void)app;
    struct result_run *run = v->ctx;
    struct lines_view *lv = run->lines;
    struct rect b = app_body();
    struct rect r = result_rect();
    int height = view_height(lv, r.w);
    if (lv->top > height - r.h)
        lv->top = height - r.h;
    if (lv->top < 0)
        lv->top = 0;
    run->page = r.h;
    draw_box(b, run->title, ROLE_DIALOG);
    view_draw(lv, r);
    char more[64] = "";
    if (height > r.h)
        snprintf(more, sizeof more, "（%d/%d 行）", lv->top + r.h < height ? lv->top + r.h : height, height);
    /* The foot: what the keys cannot do (why nothing will be written), then the keys that act now. */
    char keys[256], foot[512];
    keys_hint(result_view_keys(v, app), KEYS_HINT_FKEYS, keys, sizeof keys);
    snprintf(foot, sizeof foot, "%s%s%s", run->note ? run->note : "", run->note ? "  " : "", keys);
    draw_text_pad(b.y + b.h - 2, b.x + 1, b.w - 2 - 16, foot, ROLE_DIALOG, 'c');
    draw_text_pad(b.y + b.h - 2, b.x + b.w - 17, 16, more, ROLE_DIM, 'r');
}

static int result_view_key(struct view *v, struct app *app, int action, int key)
{
    (void)app;
    struct result_run *run = v->ctx;
    struct lines_view *lv = run->lines;
    switch (action) {
    case ACT_BACK: run->answer = ANSWER_CLOSE; return VIEW_CLOSE;
    case IMPORT_GO: run->answer = ANSWER_IMPORT; return VIEW_CLOSE;
    case IMPORT_SKIP_BAD: run->answer = ANSWER_SKIP_BAD; return VIEW_CLOSE;
    default:
        /* Past the end is clamped when drawn. */
        if (key == FXK_UP || key == FXK_CTRL('p'))
            lv->top--;
        else if (key == FXK_DOWN || key == FXK_CTRL('n'))
            lv->top++;
        else if (key == FXK_PGUP)
            lv->top -= run->page;
        else if (key == FXK_PGDN)
            lv->top += run->page;
        else if (key == FXK_HOME)
            lv->top = 0;
        else if (key == FXK_END)
            lv->top = 1 << 20;
        return VIEW_STAY;
    }
}

/* Show the view with its keys km (note says what the keys cannot: why nothing will be written) until it is closed. */
static int view_run(struct app *app, struct lines_view *lv, const char *title, const char *note,
                    const struct keymap *km)
{
    struct result_run run = {.lines = lv,
                             .title = title,
                             .note = note,
                             .km = km,
                             .scroll_also = {km, NULL},
                             .answer = ANSWER_CLOSE,
                             .page = 1};
    run.scroll = roster_import_scroll_keys;
    run.scroll.also = run.scroll_also;
    struct view v = {
        .keys = result_view_keys, .draw = result_view_draw, .key = result_view_key, .covers_body = true, .ctx = &run};
    app_run_view(app, &v);
    return run.answer;
}

/* "~/x.csv" → "$HOME/x.csv": people copy paths from the file manager's habits. */
static void expand_home(const char *in, char *out, size_t outsz)
{
    const char *home = getenv("HOME");
    if (in[0] == '~' && (in[1] == '/' || in[1] == '\0') && home && *home)
        snprintf(out, outsz, "%s%s", home, in + 1);
    else
        snprintf(out, outsz, "%s", in);
}

struct import_ctx {
    struct app *app;
    struct import_options opt;
    char path[4096];
    struct import_result res;
    bool have_res;
    int code;
    struct fx_error err;
};

static const char *const create_choices[] = {"拒绝该行", "自动新建"};

/* Space (or a typed letter, which starts the filter) on 选择文件 opens the chooser; the chosen file fills 文件路径. */
static bool import_pick(void *vctx, struct form *form, struct form_field *f, int is_key, wint_t ch)
{
    struct import_ctx *c = vctx;
    char first[8] = "", path[4096];
    if (!is_key && ch > ' ')
        first[text_encode((uint32_t)ch, first)] = '\0';
    if (!file_pick_run(c->app, first[0] ? first : NULL, path, sizeof path))
        return false;
    const char *slash = strrchr(path, '/');
    text_copy(f->text, sizeof f->text, slash ? slash + 1 : path);
    form_set_text(form_field(form, "path"), path);
    return true;
}

/* The form's save: check the file, then the dry run; the file's own troubles stay at the field. */
static int import_form_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct import_ctx *c = vctx;
    c->opt.table = form_field(form, "table")->choice;
    c->opt.create_branches = form_field(form, "create")->choice == 1;
    expand_home(form_field(form, "path")->text, c->path, sizeof c->path);
    struct stat sb;
    if (stat(c->path, &sb) != 0)
        return fx_fail_field(err, FX_EINPUT, "path", "找不到文件：%s", c->path);
    if (!S_ISREG(sb.st_mode))
        return fx_fail_field(err, FX_EINPUT, "path", "这不是一个文件：%s", c->path);
    c->opt.dry_run = true;
    c->opt.skip_bad = false;
    fx_clear(&c->err);
    c->code = import_run(c->app->db, c->path, &c->opt, &c->res, &c->err);
    if (c->code == FX_EFS && !c->res.encoding[0]) {
        int code = fx_fail_field(err, FX_EFS, "path", "%s", c->err.msg);
        import_result_free(&c->res);
        return code;
    }
    c->have_res = true;
    return 0;
}

/* Run for real and show what happened. */
static bool import_for_real(struct app *app, struct import_ctx *c, bool skip_bad)
{
    c->opt.dry_run = false;
    c->opt.skip_bad = skip_bad;
    struct import_result res;
    struct fx_error err;
    fx_clear(&err);
    int code = import_run(app->db, c->path, &c->opt, &res, &err);
    if (res.written)
        app_mark_saved(app);
    struct lines_view v = {0};
    view_fill(&v, c->path, &c->opt, &res, code, &err);
    bool written = res.written;
    import_result_free(&res);
    view_run(app, &v, written ? "导入完成" : "导入未完成", NULL, &roster_import_done_keys);
    view_free(&v);
    return written;
}

bool roster_import_run(struct app *app)
{
    static const char *tables[IMPORT_NTABLES];
    for (int i = 0; i < IMPORT_NTABLES; i++)
        tables[i] = import_table_label(i);
    struct form_field f[4];
    memset(f, 0, sizeof f);
    f[0].id = "table";
    f[0].label = "导入内容";
    f[0].type = FIELD_CHOICE;
    f[0].choices = tables;
    f[0].nchoices = IMPORT_NTABLES;
    f[0].choice = IMPORT_MEMBERS;
    f[1].id = "create";
    f[1].label = "党组织不存在时";
    f[1].type = FIELD_CHOICE;
    f[1].choices = create_choices;
    f[1].nchoices = 2;
    f[2].id = "pick";
    f[2].label = "选择文件";
    f[2].type = FIELD_PICK;
    f[3].id = "path";
    f[3].label = "文件路径";
    f[3].type = FIELD_TEXT;
    f[3].required = true;
    f[3].max = FX_PATH_CHARS;
    struct import_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return false;
    c->app = app;
    struct form form = {.title = "导入（CSV，或 WPS/Excel 的 .xlsx、.xls）",
                        .fields = f,
                        .nfields = 4,
                        .save = import_form_save,
                        .pick = import_pick,
                        .ctx = c,
                        .focus = 3}; /* the path, as before: 选择文件 is one line up */
    bool written = false;
    char state[sizeof app->save_state];
    snprintf(state, sizeof state, "%s", app->save_state);
    bool ran = form_run(app, &form);
    /* A dry run saves nothing: the title line goes back to what it said. */
    app_set_save_state(app, state);
    if (!ran || !c->have_res) {
        free(c);
        return false;
    }
    struct lines_view v = {0};
    view_fill(&v, c->path, &c->opt, &c->res, c->code, &c->err);
    bool clean = c->code == 0;
    /* Totals from the counts: the kept lines are bounded on a big file. */
    int total = c->res.added + c->res.updated + c->res.unchanged + c->res.refused;
    bool some_bad = c->res.refused > 0 && c->res.refused < total;
    int added = c->res.added, updated = c->res.updated;
    import_result_free(&c->res);
    const char *note = clean ? NULL : some_bad ? "有拒绝的行，不会写入。" : "不能导入，未写入任何内容。";
    const struct keymap *km = clean      ? &roster_import_ready_keys
                              : some_bad ? &roster_import_skip_keys
                                         : &roster_import_keys;
    int answer = view_run(app, &v, "导入：试运行结果", note, km);
    view_free(&v);
    if (answer != ANSWER_CLOSE) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s%s：将新增 %d，修改 %d%s。\n确定导入吗？",
                 answer == ANSWER_SKIP_BAD ? "跳过拒绝的行，" : "", import_table_label(c->opt.table), added, updated,
                 added + updated ? "" : "（没有要写入的内容）");
        if (dialog_confirm(app, "确认导入", msg))
            written = import_for_real(app, c, answer == ANSWER_SKIP_BAD);
    }
    free(c);
    return written;
}
