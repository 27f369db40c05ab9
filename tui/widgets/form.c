/* form.c — modal forms: layout, field editing, the form's own checks, and errors shown at the field; a view of
 * app_run_view. Saving is the caller's callback into core; the form only decides where a message goes. */
#include "form.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "date.h"
#include "dialog.h"
#include "draw.h"
#include "text.h"

/* What a form's keys do, whatever the field. */
enum {
    FORM_ENTER = ACT_LOCAL, /* the next field; on the last one, save */
    FORM_NEXT,
    FORM_PREV,
    FORM_CHOICE_NEXT,
    FORM_CHOICE_PREV,
    FORM_TICK,
    FORM_PICK,
    FORM_CLEAR
};

/* A form's keys: X(key, twin, action, hint, help); then one table per kind of field, looked in first. */
#define FORM_KEYS(X)                                                                                                   \
    X(FXK_F(2), FXK_CTRL('s'), ACT_SAVE, "保存", "保存（在哪一项上都可以）")                                           \
    X(FXK_ENTER, 0, FORM_ENTER, "下一项（末项保存）", "到下一项；在最后一项上按就是保存")                              \
    X(FXK_TAB, FXK_DOWN, FORM_NEXT, NULL, "下一项")                                                                    \
    X(FXK_BTAB, FXK_UP, FORM_PREV, NULL, "上一项")                                                                     \
    X(FXK_ESC, 0, ACT_BACK, "取消", "取消，不保存（已经输入了内容的，先问一声）")
static const struct keymap *const form_also[] = {&keys_modal, NULL};
FX_KEYMAP(, form_keys, "表单", FORM_KEYS, form_also);
static const struct keymap *const field_also[] = {&form_keys, &keys_modal, NULL};

#define FORM_TEXT_KEYS(X)                                                                                              \
    X(FXK_EDITING, 0, ACT_TEXT, NULL, "改字：← → Home End 移动，退格 Delete 删除，Ctrl-U Ctrl-K 删到行首、行尾")       \
    X(FXK_TEXT, 0, ACT_TEXT, NULL, "输入文字（汉字用输入法；粘贴也行）")
FX_KEYMAP(, form_text_keys, "表单：文字项", FORM_TEXT_KEYS, field_also);

#define FORM_CHOICE_KEYS(X)                                                                                            \
    X(FXK_RIGHT, ' ', FORM_CHOICE_NEXT, "换选项", "下一个选项")                                                        \
    X(FXK_LEFT, 0, FORM_CHOICE_PREV, "换选项", "上一个选项")
FX_KEYMAP(, form_choice_keys, "表单：选项", FORM_CHOICE_KEYS, field_also);

#define FORM_MULTI_KEYS(X)                                                                                             \
    X(FXK_RIGHT, 0, FORM_CHOICE_NEXT, "挑选", "移到下一个选项")                                                        \
    X(FXK_LEFT, 0, FORM_CHOICE_PREV, "挑选", "移到上一个选项")                                                         \
    X(' ', 0, FORM_TICK, "勾选", "勾上或去掉光标所在的选项")
FX_KEYMAP(, form_multi_keys, "表单：多选项", FORM_MULTI_KEYS, field_also);

#define FORM_PICK_KEYS(X)                                                                                              \
    X(' ', 0, FORM_PICK, "选择", "打开选择框")                                                                         \
    X(FXK_TEXT, 0, FORM_PICK, NULL, "打字：打开选择框，用打的字查找（如拼音首字母）")                                  \
    X(FXK_BACKSPACE, FXK_DELETE, FORM_CLEAR, NULL, "清除这一项")
FX_KEYMAP(, form_pick_keys, "表单：选择项", FORM_PICK_KEYS, field_also);

struct form_field *form_field(struct form *form, const char *id)
{
    for (int i = 0; i < form->nfields; i++)
        if (form->fields[i].id && id && !strcmp(form->fields[i].id, id))
            return &form->fields[i];
    return NULL;
}

void form_set_text(struct form_field *f, const char *text)
{
    snprintf(f->text, sizeof f->text, "%s", text);
    if (f->type == FIELD_TEXT || f->type == FIELD_DATE || f->type == FIELD_NUMBER)
        textbuf_set(&f->le.tb, f->text);
    f->le.tb.changed = true;
    f->msg[0] = '\0';
}

static bool is_text(const struct form_field *f)
{
    return f->type == FIELD_TEXT || f->type == FIELD_DATE || f->type == FIELD_NUMBER;
}

/* The form's own checks, before core sees the values. */
static bool check_fields(struct form *form)
{
    bool ok = true;
    for (int i = 0; i < form->nfields; i++) {
        struct form_field *f = &form->fields[i];
        f->msg[0] = '\0';
        if (!is_text(f))
            continue;
        snprintf(f->text, sizeof f->text, "%s", lineedit_text(&f->le));
        text_trim(f->text);
        struct fx_error err;
        fx_clear(&err);
        if (!f->text[0]) {
            if (f->required) {
                snprintf(f->msg, sizeof f->msg, "%s不能为空", f->label);
                ok = false;
                if (form->focus >= 0 && form->fields[form->focus].msg[0] == '\0')
                    form->focus = i; /* the cursor goes to the first field at fault */
            }
            continue;
        }
        if (f->type == FIELD_DATE) {
            char canon[11];
            if (date_normalize(f->text, canon, &err)) {
                text_copy(f->msg, sizeof f->msg, err.msg[0] ? err.msg : "日期应写成 2024-03-15");
                ok = false;
            } else {
                /* 2026/12/5 and 2026年12月5日 are kept as the ledger writes dates. */
                snprintf(f->text, sizeof f->text, "%s", canon);
            }
        } else if (f->type == FIELD_NUMBER) {
            double x; /* strictly: no 1e3, 0x10, nan or inf slips through strtod (issue 21) */
            if (!text_parse_number(f->text, true, &x)) {
                snprintf(f->msg, sizeof f->msg, "%s应是一个数", f->label);
                ok = false;
            }
        }
        if (!ok && form->focus >= 0 && form->fields[form->focus].msg[0] == '\0')
            form->focus = i;
    }
    return ok;
}

static bool form_changed(const struct form *form)
{
    for (int i = 0; i < form->nfields; i++)
        if (form->fields[i].le.tb.changed)
            return true;
    return false;
}

/* The keys of the field with the cursor, then the form's. */
static const struct keymap *form_keys_now(const struct form *form)
{
    switch (form->fields[form->focus].type) {
    case FIELD_CHOICE: return &form_choice_keys;
    case FIELD_MULTI: return &form_multi_keys;
    case FIELD_PICK: return form->pick ? &form_pick_keys : &form_keys;
    default: return &form_text_keys;
    }
}

static void draw_form(struct form *form)
{
    int labelw = 0;
    for (int i = 0; i < form->nfields; i++) {
        int w = text_width(form->fields[i].label);
        if (w > labelw)
            labelw = w;
    }
    struct rect r;
    r.w = COLS - 10 < 72 ? COLS - 10 : 72;
    r.h = form->nfields * 2 + 4;
    /* A form too long for two rows a field (the ledger's session form at 24
     * rows) gives each field one row, a message one more, and scrolls so the
     * focused field and its message stay in view. */
    bool compact = r.h > LINES - 2;
    int first = 0;
    if (compact) {
        int rows = 0;
        for (int i = 0; i < form->nfields; i++)
            rows += 1 + (form->fields[i].msg[0] != '\0');
        r.h = rows + 4 < LINES - 2 ? rows + 4 : LINES - 2;
        int room = r.h - 4, need = 0;
        for (int i = form->focus; i >= 0; i--) {
            need += 1 + (form->fields[i].msg[0] != '\0');
            if (need > room)
                break;
            first = i;
        }
    }
    r.y = (LINES - r.h) / 2;
    r.x = (COLS - r.w) / 2;
    draw_box(r, form->title, ROLE_DIALOG);
    int fx = r.x + 2 + labelw + 2;
    int fw = r.x + r.w - 2 - fx;
    int y = r.y + 1;
    for (int i = compact ? first : 0; i < form->nfields; i++) {
        struct form_field *f = &form->fields[i];
        if (!compact)
            y = r.y + 1 + i * 2;
        if (y >= r.y + r.h - 2)
            break;
        bool focused = i == form->focus;
        char label[256];
        snprintf(label, sizeof label, "%s%s", f->label, f->required ? "*" : "");
        draw_text_pad(y, r.x + 2, labelw + 1, label, ROLE_DIALOG, 'r');
        int role = focused ? ROLE_FIELD_CUR : ROLE_FIELD;
        if (is_text(f)) {
            lineedit_draw(&f->le, y, fx, fw, role, focused);
        } else if (f->type == FIELD_PICK) {
            if (f->text[0])
                draw_text_pad(y, fx, fw, f->text, role, 'l');
            else
                draw_text_pad(y, fx, fw, "（空格选择）", focused ? role : ROLE_DIM, 'l');
        } else if (f->type == FIELD_CHOICE) {
            char v[256];
            snprintf(v, sizeof v, "◀ %s ▶", f->nchoices ? f->choices[f->choice] : "");
            draw_text_pad(y, fx, fw, v, role, 'l');
        } else {
            /* Draw choice by choice so the highlighted one can be shown. */
            draw_fill(y, fx, fw, role);
            int x = fx;
            for (int c = 0; c < f->nchoices && c < 64 && x < fx + fw; c++) {
                char v[160];
                snprintf(v, sizeof v, "%s%s", f->picked >> c & 1 ? "[x]" : "[ ]", f->choices[c]);
                int crole = focused && c == f->sub ? ROLE_SELECTED : role;
                x += draw_text(y, x, fx + fw - x, v, crole) + 1;
            }
        }
        if (f->msg[0] && y + 1 < r.y + r.h - 2)
            draw_text(y + 1, fx, fw, f->msg, ROLE_ERROR);
        y += 1 + (f->msg[0] != '\0');
    }
    char hint[256];
    keys_hint(form_keys_now(form), KEYS_HINT_FKEYS, hint, sizeof hint);
    draw_text_pad(r.y + r.h - 2, r.x + 1, r.w - 2, hint, ROLE_DIALOG, 'c');
}

static void next_field(struct form *form, int delta)
{
    form->focus = (form->focus + delta + form->nfields) % form->nfields;
}

/* A choice or multi-select field's keys. */
static void choice_key(struct form_field *f, int action)
{
    if (!f->nchoices)
        return;
    int n = f->nchoices < 64 ? f->nchoices : 64;
    if (f->type == FIELD_CHOICE) {
        f->choice = (f->choice + (action == FORM_CHOICE_NEXT ? 1 : n - 1)) % n;
        f->le.tb.changed = true;
    } else if (action == FORM_TICK) {
        f->picked ^= 1ull << f->sub;
        f->le.tb.changed = true;
    } else {
        f->sub = (f->sub + (action == FORM_CHOICE_NEXT ? 1 : n - 1)) % n;
    }
}

static bool try_save(struct app *app, struct form *form)
{
    if (!check_fields(form))
        return false;
    struct fx_error err;
    fx_clear(&err);
    if (!form->save || form->save(form->ctx, form, &err) == 0)
        return true;
    struct form_field *f = err.field[0] ? form_field(form, err.field) : NULL;
    if (f) {
        text_copy(f->msg, sizeof f->msg, err.msg);
        form->focus = (int)(f - form->fields);
    } else {
        dialog_error(app, &err);
    }
    return false;
}

/* The form as a view of the one loop. */
struct form_run {
    struct form *form;
    bool saved;
};

static const struct keymap *form_view_keys(struct view *v, struct app *app)
{
    (void)app;
    return form_keys_now(((struct form_run *)v->ctx)->form);
}

static void form_view_draw(struct view *v, struct app *app)
{
    (void)app;
    draw_form(((struct form_run *)v->ctx)->form);
}

static bool form_view_dirty(struct view *v)
{
    return form_changed(((struct form_run *)v->ctx)->form);
}

/* A typed or pasted character the field does not take, said under the field (the same rule as the
 * command line's: invisible characters and text past the limit are refused, never stored). */
static void say_refused(struct form_field *f)
{
    if (f->le.tb.full)
        text_format(f->msg, sizeof f->msg, "%s最多 %zu 个字", f->label, f->max ? f->max : (size_t)FX_NOTE_CHARS);
    else
        text_format(f->msg, sizeof f->msg, "%s不能含看不见的字符（零宽字符、文字方向控制符），已略去", f->label);
    f->le.tb.refused = 0;
}

static int form_view_key(struct view *v, struct app *app, int action, int key)
{
    struct form_run *run = v->ctx;
    struct form *form = run->form;
    int is_key;
    wint_t ch;
    keys_split(key, &is_key, &ch);
    struct form_field *f = &form->fields[form->focus];
    int flags = VIEW_STAY;
    switch (action) {
    case FORM_NEXT: next_field(form, 1); break;
    case FORM_PREV: next_field(form, -1); break;
    case FORM_ENTER:
        /* Enter moves on through the fields and saves from the last one, as people fill paper forms. */
        if (form->focus < form->nfields - 1) {
            next_field(form, 1);
            break;
        }
        /* fall through */
    case ACT_SAVE:
        if (try_save(app, form)) {
            run->saved = true;
            return VIEW_CLOSE;
        }
        break;
    case ACT_BACK:
        if (!form_changed(form) || dialog_confirm(app, "放弃修改", "已输入的内容还没有保存。\n确定要放弃吗？"))
            return VIEW_CLOSE;
        break;
    case ACT_TEXT: {
        unsigned refused = f->le.tb.refused;
        if (lineedit_key(&f->le, is_key, ch) == LE_CHANGED) {
            f->msg[0] = '\0';
            if (form->changed)
                form->changed(form->ctx, form, f);
        }
        if (f->le.tb.refused != refused)
            say_refused(f);
        break;
    }
    case FORM_PICK:
    case FORM_CLEAR:
        form->save_now = false;
        if (form->pick && form->pick(form->ctx, form, f, is_key, ch)) {
            f->le.tb.changed = true;
            f->msg[0] = '\0';
        }
        if (form->save_now) {
            form->save_now = false;
            if (try_save(app, form)) {
                run->saved = true;
                return VIEW_CLOSE;
            }
        }
        break;
    default: choice_key(f, action); break;
    }
    if (form_changed(form))
        app_set_save_state(app, "未保存");
    return flags;
}

bool form_run(struct app *app, struct form *form)
{
    for (int i = 0; i < form->nfields; i++) {
        struct form_field *f = &form->fields[i];
        lineedit_init(&f->le, f->max ? f->max : FX_NOTE_CHARS, is_text(f) ? f->text : "");
        f->le.digits_only = f->type == FIELD_NUMBER;
        f->msg[0] = '\0';
        if (f->choice < 0 || f->choice >= f->nchoices)
            f->choice = 0;
    }
    if (form->focus < 0 || form->focus >= form->nfields)
        form->focus = 0;
    char saved_state[sizeof app->save_state];
    snprintf(saved_state, sizeof saved_state, "%s", app->save_state);
    struct form_run run = {.form = form};
    struct view v = {
        .keys = form_view_keys, .draw = form_view_draw, .key = form_view_key, .dirty = form_view_dirty, .ctx = &run};
    app_run_view(app, &v);
    for (int i = 0; i < form->nfields; i++)
        lineedit_free(&form->fields[i].le);
    if (!run.saved) /* on success the save callback already said 已保存 */
        app_set_save_state(app, saved_state);
    return run.saved;
}
