/* keys_doc.c — the manual's key sections, made from the key tables: each screen's (and the other tables it
 * switches to), the frame's, and those of the forms, lists and dialogs; `fenxiao --generate keys-…` writes them. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "check/check_views.h"
#include "cli.h"
#include "dialog.h"
#include "form.h"
#include "ledger/ledger_views.h"
#include "ledger/rollcall.h"
#include "picker.h"
#include "roster/roster_views.h"
#include "screen.h"

/* The modal views, in the order the manual lists them. */
static const struct keymap *const view_keys[] = {
    &form_keys,
    &form_text_keys,
    &form_choice_keys,
    &form_multi_keys,
    &form_pick_keys,
    &picker_keys,
    &picker_query_keys,
    &picker_tick_keys,
    &dialog_message_keys,
    &dialog_scroll_keys,
    &dialog_confirm_keys,
    &rollcall_keys,
    &rollcall_query_keys,
    &ledger_detail_keys,
    &check_proofs_keys,
    &roster_record_keys,
    &roster_import_keys,
    &roster_import_ready_keys,
    &roster_import_skip_keys,
    &roster_import_done_keys,
    &roster_import_scroll_keys,
    NULL,
};

/* Text for roff: hyphens as \-, backslashes escaped, a leading dot or quote made harmless. */
static void roff(FILE *out, const char *s)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", out);
    for (; *s; s++) {
        if (*s == '-')
            fputs("\\-", out);
        else if (*s == '\\')
            fputs("\\e", out);
        else
            fputc(*s, out);
    }
}

static void roff_line(void *ctx, const char *keys, const char *help)
{
    FILE *out = ctx;
    fputs(".TP 16\n.B \"", out);
    roff(out, keys);
    fputs("\"\n", out);
    roff(out, help);
    fputs("\n", out);
}

/* One table: its own rows (the shared ones are listed once, in KEYS), under its name when titled. */
static void roff_keymap(FILE *out, const struct keymap *km, bool titled)
{
    if (titled) {
        fputs(".TP\n.I \"", out);
        roff(out, km->name);
        fputs("\"\n", out);
    }
    fputs(".RS\n.PD 0\n", out);
    keys_help_lines(km, true, roff_line, out);
    fputs(".PD\n.RE\n", out);
}

static bool generate_screen(const char *id, const struct screen_ops *ops, const char *name, FILE *out)
{
    if (strcmp(id, name))
        return false;
    roff_keymap(out, ops->keys, false);
    for (int i = 0; ops->more_keys && ops->more_keys[i]; i++)
        roff_keymap(out, ops->more_keys[i], true);
    return true;
}

int tui_generate(const char *name, FILE *out)
{
    if (!strncmp(name, "keys-", 5)) {
        const char *what = name + 5;
#define FX_GEN_SCREEN(id, label)                                                                                       \
    if (generate_screen(#id, &screen_##id##_ops, what, out))                                                           \
        return 0;
        FX_SCREENS(FX_GEN_SCREEN)
#undef FX_GEN_SCREEN
        if (!strcmp(what, "frame")) {
            roff_keymap(out, &keys_frame, false);
            roff_keymap(out, &keys_list, false);
            return 0;
        }
        if (!strcmp(what, "views")) {
            for (int i = 0; view_keys[i]; i++)
                roff_keymap(out, view_keys[i], true);
            return 0;
        }
    }
    return FX_EUSAGE;
}
