/* form.c — modal forms: layout, field editing, the form's own checks, and errors shown at the field.
 * Saving is the caller's callback into core; the form only decides where a message goes. */
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
                snprintf(f->msg, sizeof f->msg, "%s", err.msg[0] ? err.msg : "日期应写成 2024-03-15");
                ok = false;
            } else {
                /* 2026/12/5 and 2026年12月5日 are kept as the ledger writes dates. */
                snprintf(f->text, sizeof f->text, "%s", canon);
            }
        } else if (f->type == FIELD_NUMBER) {
            char *end;
            strtod(f->text, &end);
            if (*end || end == f->text) {
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
    draw_text_pad(r.y + r.h - 2, r.x + 1, r.w - 2, "Tab 下一项  Shift-Tab 上一项  Enter 保存  Esc 取消", ROLE_DIALOG,
                  'c');
}

static void next_field(struct form *form, int delta)
{
    form->focus = (form->focus + delta + form->nfields) % form->nfields;
}

/* Keys for a choice or multi-select field. */
static bool choice_key(struct form_field *f, int is_key, wint_t ch)
{
    if (!f->nchoices)
        return false;
    int n = f->nchoices < 64 ? f->nchoices : 64;
    if (f->type == FIELD_CHOICE) {
        if ((is_key && ch == KEY_RIGHT) || (!is_key && ch == ' '))
            f->choice = (f->choice + 1) % n;
        else if (is_key && ch == KEY_LEFT)
            f->choice = (f->choice + n - 1) % n;
        else
            return false;
        f->le.tb.changed = true;
        return true;
    }
    if (is_key && ch == KEY_RIGHT)
        f->sub = (f->sub + 1) % n;
    else if (is_key && ch == KEY_LEFT)
        f->sub = (f->sub + n - 1) % n;
    else if (!is_key && ch == ' ') {
        f->picked ^= 1ull << f->sub;
        f->le.tb.changed = true;
    } else
        return false;
    return true;
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
        snprintf(f->msg, sizeof f->msg, "%s", err.msg);
        form->focus = (int)(f - form->fields);
    } else {
        dialog_error(app, &err);
    }
    return false;
}

bool form_run(struct app *app, struct form *form)
{
    for (int i = 0; i < form->nfields; i++) {
        struct form_field *f = &form->fields[i];
        size_t max = f->max && f->max < sizeof f->text ? f->max : sizeof f->text - 1;
        lineedit_init(&f->le, max, is_text(f) ? f->text : "");
        f->le.digits_only = f->type == FIELD_NUMBER;
        f->msg[0] = '\0';
        if (f->choice < 0 || f->choice >= f->nchoices)
            f->choice = 0;
    }
    if (form->focus < 0 || form->focus >= form->nfields)
        form->focus = 0;
    char saved_state[sizeof app->save_state];
    snprintf(saved_state, sizeof saved_state, "%s", app->save_state);
    bool result = false;
    for (;;) {
        if (form_changed(form))
            app_set_save_state(app, "未保存");
        draw_begin();
        if (app_draw_background(app))
            draw_form(form);
        draw_end();
        wint_t ch;
        int k = app_read_key(app, &ch);
        if (app->quit_requested)
            break;
        if (k == ERR)
            continue;
        bool is_key = k == KEY_CODE_YES;
        struct form_field *f = &form->fields[form->focus];
        if (is_key && ch == KEY_RESIZE)
            continue;
        /* Too small to show the form: typing still lands in the field (keys that were
         * queued before the resize must not be lost), but nothing saves or closes blind. */
        if (draw_too_small()) {
            if (is_text(f))
                lineedit_key(&f->le, is_key, ch);
            continue;
        }
        /* A paste is text even when it holds newlines or tabs. */
        if (app->in_paste) {
            if (is_text(f))
                lineedit_key(&f->le, is_key, ch);
            continue;
        }
        if ((is_key && (ch == KEY_DOWN)) || (!is_key && ch == '\t')) {
            next_field(form, 1);
            continue;
        }
        if (is_key && (ch == KEY_UP || ch == KEY_BTAB)) {
            next_field(form, -1);
            continue;
        }
        if ((is_key && (ch == KEY_ENTER || ch == KEY_F(2))) || (!is_key && (ch == '\n' || ch == '\r'))) {
            /* Enter moves on through the fields and saves from the last one, as people fill paper forms. */
            if (!(is_key && ch == KEY_F(2)) && form->focus < form->nfields - 1) {
                next_field(form, 1);
                continue;
            }
            if (try_save(app, form)) {
                result = true;
                break;
            }
            continue;
        }
        if (!is_key && ch == 27) {
            if (!form_changed(form) || dialog_confirm(app, "放弃修改", "已输入的内容还没有保存。\n确定要放弃吗？"))
                break;
            continue;
        }
        if (is_text(f)) {
            if (lineedit_key(&f->le, is_key, ch) == LE_CHANGED) {
                f->msg[0] = '\0';
                if (form->changed)
                    form->changed(form->ctx, form, f);
            }
        } else if (f->type == FIELD_PICK) {
            if (form->pick && form->pick(form->ctx, form, f, is_key, ch)) {
                f->le.tb.changed = true;
                f->msg[0] = '\0';
            }
        } else {
            choice_key(f, is_key, ch);
        }
    }
    for (int i = 0; i < form->nfields; i++)
        lineedit_free(&form->fields[i].le);
    if (!result) /* on success the save callback already said 已保存 */
        app_set_save_state(app, saved_state);
    return result;
}
