/* actions.h — keys and what they do. Every screen and modal view has one key table (a keymap: key, twin,
 * action, hint, help); the dispatch, the hint line, the key bar, the F1 help and the manual all read it. */
#ifndef FX_ACTIONS_H
#define FX_ACTIONS_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* The actions several views share; a view's own actions start at ACT_LOCAL.
 * X(id, what it does). */
#define FX_ACTIONS(X)                                                                                                  \
    X(ACT_HELP, "the keys of the view on top (F1)")                                                                    \
    X(ACT_QUIT, "leave the program")                                                                                   \
    X(ACT_TAB, "go to tab n (the digit pressed)")                                                                      \
    X(ACT_TAB_NEXT, "the next tab")                                                                                    \
    X(ACT_TAB_PREV, "the previous tab")                                                                                \
    X(ACT_NEW, "a new record")                                                                                         \
    X(ACT_EDIT, "change the record under the cursor")                                                                  \
    X(ACT_PRINT, "print or export what the view shows")                                                                \
    X(ACT_FIND, "find or filter")                                                                                      \
    X(ACT_VOID, "void, retire or withdraw the record under the cursor")                                                \
    X(ACT_MOVE, "a list's cursor (the key says where)")                                                                \
    X(ACT_TEXT, "typing into the field (the key is the character or editing key)")                                     \
    X(ACT_OK, "open, choose or confirm")                                                                               \
    X(ACT_BACK, "back, close, cancel")                                                                                 \
    X(ACT_SAVE, "save from any field")                                                                                 \
    X(ACT_REFRESH, "read the ledger again")

#define FX_ACTION_ENUM(id, what) id,
enum action { ACT_NONE = 0, FX_ACTIONS(FX_ACTION_ENUM) ACT_LOCAL = 100 };
#undef FX_ACTION_ENUM

/* A key is one int: a character is its code point (Ctrl-S is 19), a curses key
 * code is FXK(KEY_…). The loop (app_run_view) gives Enter, Backspace and Esc one code each. */
#define FXK_CODE      0x1000000
#define FXK(code)     (FXK_CODE + (code))
#define FXK_F(n)      FXK(KEY_F(n))
#define FXK_CTRL(c)   ((c)&0x1f)
#define FXK_ENTER     FXK(KEY_ENTER)
#define FXK_BACKSPACE FXK(KEY_BACKSPACE)
#define FXK_ESC       27
#define FXK_TAB       '\t'
#define FXK_BTAB      FXK(KEY_BTAB)
#define FXK_UP        FXK(KEY_UP)
#define FXK_DOWN      FXK(KEY_DOWN)
#define FXK_LEFT      FXK(KEY_LEFT)
#define FXK_RIGHT     FXK(KEY_RIGHT)
#define FXK_PGUP      FXK(KEY_PPAGE)
#define FXK_PGDN      FXK(KEY_NPAGE)
#define FXK_HOME      FXK(KEY_HOME)
#define FXK_END       FXK(KEY_END)
#define FXK_DELETE    FXK(KEY_DC)

/* Classes: one binding for a family of keys. A key bound on its own in the
 * same keymap wins over a class. */
#define FXK_CLASS   0x2000000
#define FXK_TEXT    (FXK_CLASS + 1) /* any printable character (Chinese from the input method too) */
#define FXK_LETTERS (FXK_CLASS + 2) /* a–z */
#define FXK_EDITING                                                                                                    \
    (FXK_CLASS + 3) /* ← → Home End Backspace Delete Ctrl-A/E/B/F/D/H/U/K: a field's cursor and erasing */
#define FXK_LIST (FXK_CLASS + 4) /* ↑ ↓ PgUp PgDn Home End Ctrl-P Ctrl-N: a list's cursor */
#define FXK_ROWS (FXK_CLASS + 5) /* the same without PgUp PgDn (a view that pages by them otherwise) */

/* One row of a key table. */
struct key_binding {
    int key;          /* the key, or a class */
    int twin;         /* another key that does the same (a letter or Ctrl twin of an F-key), 0 none */
    int action;       /* enum action, or the view's own (≥ ACT_LOCAL) */
    const char *hint; /* a word or two on the hint line, or on the key bar for an F-key; NULL: on neither */
    const char *help; /* the line F1 and the manual show */
};

/* A view's keys. The view's own table comes first; then the maps in also, in
 * order (the list's cursor keys, the frame's F1/F10/1–6), so a view can give a
 * shared key another meaning. */
struct keymap {
    const char *name; /* "台账", "表单": F1's title and the manual's heading */
    const struct key_binding *keys;
    int nkeys;
    const struct keymap *const *also; /* NULL-terminated, or NULL */
};

/* A keymap from an X-macro list X(key, twin, action, hint, help); storage is static or empty. */
#define FX_KEY_ROW(key, twin, action, hint, help) {key, twin, action, hint, help},
#define FX_KEYMAP(storage, var, name, LIST, also)                                                                      \
    static const struct key_binding var##_rows[] = {LIST(FX_KEY_ROW)};                                                 \
    storage const struct keymap var = {name, var##_rows, (int)(sizeof var##_rows / sizeof var##_rows[0]), also}

/* Shared tables: a list's cursor keys (keys_rows: without PgUp PgDn); what every modal view has (F1). */
extern const struct keymap keys_list;
extern const struct keymap keys_rows;
extern const struct keymap keys_modal;

/* The binding key means in km (its own rows, then also's), or NULL: the key does nothing there. */
const struct key_binding *keys_lookup(const struct keymap *km, int key);

/* Split a key for the widgets that take get_wch's pair (lineedit_key, table_key). */
void keys_split(int key, int *is_key, wint_t *ch);
/* get_wch's pair as one key: Enter, Backspace and Esc each have one code. */
int keys_join(int is_key, wint_t ch);
/* True for an F-key; its number in *n. */
bool keys_is_fkey(int key, int *n);

/* How people write a key: "F2", "Enter", "↑", "Ctrl-S", "n", "空格"; a class by what it covers. */
void keys_name(int key, char *out, size_t outsz);
/* A binding's keys: "F2 / n". */
void keys_binding_name(const struct key_binding *b, char *out, size_t outsz);

/* The hint line: "keys hint" for each row with a hint, in lookup order, neighbours
 * with the same hint joined ("[ ] 换月"). F-keys only with KEYS_HINT_FKEYS (a screen's
 * are on the key bar; a form states its save key in its own line): "F2/Ctrl-S 保存";
 * km's own rows only with KEYS_HINT_OWN. */
enum { KEYS_HINT_FKEYS = 1, KEYS_HINT_OWN = 2 };
void keys_hint(const struct keymap *km, int flags, char *out, size_t outsz);

/* Walk what F1 shows, own rows then also's (only km's own with own_only, for the
 * manual): one call per line (neighbouring rows with the same help joined, each
 * help once), with the keys as people write them, the help, and the rows. */
typedef void (*keys_line_fn)(void *ctx, const char *keys, const char *help, const struct key_binding *rows, int nrows);
void keys_help_lines(const struct keymap *km, bool own_only, keys_line_fn line, void *ctx);

/* The key bar: the F-keys bound in km (own first), by number, with their hint. Fills up to max
 * (F-key number, binding) pairs; returns how many. */
int keys_bar(const struct keymap *km, int *fkeys, const struct key_binding **bindings, int max);

#endif
