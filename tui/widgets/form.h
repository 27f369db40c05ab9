/* form.h — a modal form of labelled fields: text, date, number, choice, multi-select, pick.
 * One saving rule, stated in its last line: F2/Ctrl-S saves from any field, Enter moves on and saves on the last,
 * Esc asks before dropping what was typed. A save error naming a field (err->field) is shown at that field. */
#ifndef FX_FORM_H
#define FX_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "actions.h"
#include "error.h"
#include "lineedit.h"
#include "text_limits.h"

struct app;

enum field_type {
    FIELD_TEXT,   /* free text */
    FIELD_DATE,   /* typed as date_read takes it (2026/12/5, 2026年12月5日 …), kept as YYYY-MM-DD */
    FIELD_NUMBER, /* digits, '.', '-'; checked with strtod before save */
    FIELD_CHOICE, /* one of choices: Left/Right or Space cycles */
    FIELD_MULTI,  /* any of choices (≤ 64): Left/Right move, Space ticks */
    FIELD_PICK    /* a value chosen elsewhere (a picker): text shows it, form->pick chooses */
};

struct form_field {
    const char *id;      /* matches struct fx_error.field from core ("name", "date") */
    const char *label;   /* "单位名称" */
    int type;            /* enum field_type */
    bool required;
    size_t max;          /* most characters (core/text_limits.h; 0: FX_NOTE_CHARS) */
    const char *const *choices;
    int nchoices;
    /* Values, in and out: set before form_run, read after it saved. */
    char text[FX_TEXT_BYTES(FX_NOTE_CHARS)]; /* TEXT, DATE, NUMBER */
    int choice;          /* CHOICE: index into choices */
    unsigned long long picked; /* MULTI: bit i set = choices[i] ticked */
    /* Private to the form. */
    struct lineedit le;
    int sub;             /* MULTI: highlighted choice */
    char msg[256];       /* validation message shown under the field */
};

struct form {
    const char *title;
    struct form_field *fields;
    int nfields;
    /* Called with the values in fields[].text/choice/picked once they pass the
     * form's own checks. Return 0 when saved (the form closes), else fill err;
     * err->field names the field to point at. */
    int (*save)(void *ctx, struct form *form, struct fx_error *err);
    void *ctx;
    int focus;           /* field with the cursor; set to start elsewhere than 0 */
    /* Set by a pick callback whose chooser was closed with a save key (the roll
     * call's): the form saves as soon as the callback returns. */
    bool save_now;
    /* Optional. A key on a FIELD_PICK field that is not Tab/Enter/Esc/Up/Down:
     * run a chooser (a typed letter may start its query), set f->text. Return
     * true when the value changed. May change other fields with form_set_text. */
    bool (*pick)(void *ctx, struct form *form, struct form_field *f, int is_key, wint_t ch);
    /* Optional. A text field's text was edited (f->text is not yet updated:
     * read lineedit_text(&f->le)). May change other fields with form_set_text. */
    void (*changed)(void *ctx, struct form *form, struct form_field *f);
};

/* Run the form until saved (returns true) or cancelled (false): the save key
 * (F2 or Ctrl-S) from any field, or Enter on the last one, saves; Esc with
 * changes asks before throwing them away. The title line says 未保存 while
 * there are changes. */
bool form_run(struct app *app, struct form *form);

/* From a pick or changed callback while the form runs: replace a field's
 * text (a TEXT/DATE/NUMBER field's editor too) and count it as a change. */
void form_set_text(struct form_field *f, const char *text);

/* The field with this id, or NULL. */
struct form_field *form_field(struct form *form, const char *id);

/* A form's keys (for the manual): those of every form, and those of a text,
 * choice, multi-select and pick field, which come first while it has the cursor. */
extern const struct keymap form_keys, form_text_keys, form_choice_keys, form_multi_keys, form_pick_keys;

#endif
