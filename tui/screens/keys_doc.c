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
#include "ledger/rollcall_view.h"
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

static void roff_line(void *ctx, const char *keys, const char *help, const struct key_binding *rows, int nrows)
{
    (void)rows;
    (void)nrows;
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

/* ---- for the screen test: which keys each table's lines name, as tmux sends them ---- */

/* How tmux's send-keys names a key; "" for one it cannot send. */
static void tmux_name(int key, char *out, size_t outsz)
{
    static const struct {
        int key;
        const char *name;
    } named[] = {
        {FXK_ENTER, "Enter"},      {FXK_ESC, "Escape"},  {FXK_TAB, "Tab"},    {FXK_BTAB, "BTab"},
        {FXK_BACKSPACE, "BSpace"}, {FXK_DELETE, "DC"},   {FXK_UP, "Up"},      {FXK_DOWN, "Down"},
        {FXK_LEFT, "Left"},        {FXK_RIGHT, "Right"}, {FXK_PGUP, "PPage"}, {FXK_PGDN, "NPage"},
        {FXK_HOME, "Home"},        {FXK_END, "End"},     {' ', "Space"},      {';', "\\;"},
    };
    out[0] = '\0';
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i].key == key) {
            snprintf(out, outsz, "%s", named[i].name);
            return;
        }
    int n;
    if (keys_is_fkey(key, &n))
        snprintf(out, outsz, "F%d", n);
    else if (key > 0 && key < 0x20)
        snprintf(out, outsz, "C-%c", 'a' + key - 1);
    else if (key > 0x20 && key < 0x7f)
        snprintf(out, outsz, "%c", key);
}

/* The keys a row stands for, a class by a few that show its effect one after another. */
static int row_keys(const struct key_binding *b, int *keys, int max)
{
    static const int list[] = {FXK_DOWN, FXK_UP, FXK_PGDN, FXK_PGUP, FXK_END, FXK_HOME};
    static const int rows[] = {FXK_DOWN, FXK_UP, FXK_END, FXK_HOME};
    static const int editing[] = {FXK_LEFT, FXK_RIGHT, FXK_HOME, FXK_END, FXK_BACKSPACE};
    const int *from = NULL;
    int n = 0;
    switch (b->key) {
    case FXK_LIST: from = list, n = 6; break;
    case FXK_ROWS: from = rows, n = 4; break;
    case FXK_EDITING: from = editing, n = 5; break;
    case FXK_TEXT: keys[0] = 'x'; return 1;
    case FXK_LETTERS: keys[0] = 'z'; return 1;
    default:
        keys[n++] = b->key;
        if (b->twin && n < max)
            keys[n++] = b->twin;
        return n;
    }
    for (int i = 0; i < n && i < max; i++)
        keys[i] = from[i];
    return n < max ? n : max;
}

struct test_walk {
    FILE *out;
    const struct keymap *km;
};

/* "line<TAB>keys<TAB>help", the keys those of the line's rows that act in the table walked
 * (a shared row another table overrides is left out); "quit" lines leave the program. */
static void test_line(void *ctx, const char *keys, const char *help, const struct key_binding *rows, int nrows)
{
    (void)keys;
    struct test_walk *w = ctx;
    char names[512] = "";
    size_t n = 0;
    /* A cursor's keys, and a family of three or more (the tabs' digits, the menu's views), are tried one after
     * another; the editing keys after one letter typed, so they have text to act on. */
    bool quit = false, move = nrows >= 3;
    for (int r = 0; r < nrows; r++) {
        int k[8];
        int nk = row_keys(&rows[r], k, 8);
        quit = quit || rows[r].action == ACT_QUIT;
        move = move || rows[r].action == ACT_MOVE;
        if (rows[r].key == FXK_EDITING) {
            /* "+x": typed first without being judged, so an empty field has something to edit. */
            const struct key_binding *typing = keys_lookup(w->km, 'x');
            if (typing && typing->action == ACT_TEXT && n < sizeof names)
                n += (size_t)snprintf(names + n, sizeof names - n, "%s+x", n ? " " : "");
            move = true;
        }
        for (int i = 0; i < nk; i++) {
            char name[32];
            tmux_name(k[i], name, sizeof name);
            if (name[0] && keys_lookup(w->km, k[i]) == &rows[r] && n < sizeof names)
                n += (size_t)snprintf(names + n, sizeof names - n, "%s%s", n ? " " : "", name);
        }
    }
    /* A line of a table further down the chain (the frame's, a list's, a base table's) is tried where it first
     * appears ("shared"); the table's own lines in every state that has it. */
    bool shared = rows < w->km->keys || rows >= w->km->keys + w->km->nkeys;
    if (!names[0])
        return; /* every key of the line is taken by the table itself: it says so on a line of its own */
    fprintf(w->out, "%s\t%s\t%s\n",
            quit     ? "quit"
            : move   ? (shared ? "shared-move" : "move")
            : shared ? "shared"
                     : "line",
            names, help);
}

/* A table's lines, then keys it does not bind (pressing one must change nothing). */
static void test_keymap(FILE *out, const struct keymap *km)
{
    static const int free_keys[] = {
        FXK_F(3), FXK_F(6), FXK_F(9), FXK_F(11), FXK_F(12), FXK_CTRL('g'), FXK_CTRL('t'), FXK_CTRL('o'),
        '~',      '`',      'Z',      '%',       '^'};
    fprintf(out, "map\t%s\n", km->name);
    struct test_walk w = {out, km};
    keys_help_lines(km, false, test_line, &w);
    for (size_t i = 0; i < sizeof free_keys / sizeof free_keys[0]; i++)
        if (!keys_lookup(km, free_keys[i])) {
            char name[32];
            tmux_name(free_keys[i], name, sizeof name);
            fprintf(out, "free\t%s\n", name);
        }
}

int tui_generate(const char *name, FILE *out)
{
    if (!strcmp(name, "keys-test")) {
#define FX_TEST_SCREEN(id, label)                                                                                      \
    test_keymap(out, screen_##id##_ops.keys);                                                                          \
    for (int i = 0; screen_##id##_ops.more_keys && screen_##id##_ops.more_keys[i]; i++)                                \
        test_keymap(out, screen_##id##_ops.more_keys[i]);
        FX_SCREENS(FX_TEST_SCREEN)
#undef FX_TEST_SCREEN
        for (int i = 0; view_keys[i]; i++)
            test_keymap(out, view_keys[i]);
        return 0;
    }
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
