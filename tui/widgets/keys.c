/* keys.c — reading the key tables: which binding a key has in a view, how a key is named, and the hint line,
 * key bar and F1 lines made from a table, so no view writes its keys down twice. */
#include "actions.h"

#include <stdio.h>
#include <string.h>

#include "text.h"

/* ---- the shared tables ---------------------------------------------------- */

#define LIST_KEYS(X) X(FXK_LIST, 0, ACT_MOVE, NULL, "移动光标：↑ ↓ 一行，PgUp PgDn 一页，Home End 到头到尾")
FX_KEYMAP(, keys_list, "列表", LIST_KEYS, NULL);

#define ROWS_KEYS(X) X(FXK_ROWS, 0, ACT_MOVE, NULL, "移动光标：↑ ↓ 一行，Home End 到头到尾")
FX_KEYMAP(, keys_rows, "列表", ROWS_KEYS, NULL);

#define MODAL_KEYS(X) X(FXK_F(1), 0, ACT_HELP, "帮助", "显示这里的按键")
FX_KEYMAP(, keys_modal, "窗口", MODAL_KEYS, NULL);

/* ---- keys ----------------------------------------------------------------- */

void keys_split(int key, int *is_key, wint_t *ch)
{
    *is_key = key >= FXK_CODE && key < FXK_CLASS;
    *ch = (wint_t)(*is_key ? key - FXK_CODE : key);
}

int keys_join(int is_key, wint_t ch)
{
    if (is_key)
        return ch == KEY_ENTER ? FXK_ENTER : FXK((int)ch);
    if (ch == '\n' || ch == '\r')
        return FXK_ENTER;
    if (ch == 127 || ch == 8)
        return FXK_BACKSPACE;
    return (int)ch;
}

bool keys_is_fkey(int key, int *n)
{
    if (key < FXK_F(1) || key > FXK_F(24))
        return false;
    if (n)
        *n = key - FXK_F(0);
    return true;
}

static bool is_printable(int key)
{
    return key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0) && key < FXK_CODE;
}

/* Does key belong to the class? */
static bool class_has(int cls, int key)
{
    switch (cls) {
    case FXK_TEXT: return is_printable(key);
    case FXK_LETTERS: return key >= 'a' && key <= 'z';
    case FXK_EDITING:
        return key == FXK_LEFT || key == FXK_RIGHT || key == FXK_HOME || key == FXK_END || key == FXK_BACKSPACE ||
               key == FXK_DELETE || key == FXK_CTRL('a') || key == FXK_CTRL('e') || key == FXK_CTRL('b') ||
               key == FXK_CTRL('f') || key == FXK_CTRL('d') || key == FXK_CTRL('u') || key == FXK_CTRL('k');
    case FXK_LIST: return key == FXK_PGUP || key == FXK_PGDN || class_has(FXK_ROWS, key);
    case FXK_ROWS:
        return key == FXK_UP || key == FXK_DOWN || key == FXK_HOME || key == FXK_END || key == FXK_CTRL('p') ||
               key == FXK_CTRL('n');
    default: return false;
    }
}

/* A key in km's own rows: exact first, then classes. */
static const struct key_binding *own_lookup(const struct keymap *km, int key)
{
    for (int i = 0; i < km->nkeys; i++) {
        const struct key_binding *b = &km->keys[i];
        if (b->key == key || (b->twin && b->twin == key))
            return b;
    }
    for (int i = 0; i < km->nkeys; i++)
        if (km->keys[i].key >= FXK_CLASS && class_has(km->keys[i].key, key))
            return &km->keys[i];
    return NULL;
}

const struct key_binding *keys_lookup(const struct keymap *km, int key)
{
    if (!km)
        return NULL;
    const struct key_binding *b = own_lookup(km, key);
    for (int i = 0; !b && km->also && km->also[i]; i++)
        b = keys_lookup(km->also[i], key);
    return b;
}

/* ---- names ---------------------------------------------------------------- */

void keys_name(int key, char *out, size_t outsz)
{
    static const struct {
        int key;
        const char *name;
    } named[] = {
        {FXK_ENTER, "Enter"},
        {FXK_ESC, "Esc"},
        {FXK_TAB, "Tab"},
        {FXK_BTAB, "Shift-Tab"},
        {FXK_BACKSPACE, "退格"},
        {FXK_DELETE, "Delete"},
        {FXK_UP, "↑"},
        {FXK_DOWN, "↓"},
        {FXK_LEFT, "←"},
        {FXK_RIGHT, "→"},
        {FXK_PGUP, "PgUp"},
        {FXK_PGDN, "PgDn"},
        {FXK_HOME, "Home"},
        {FXK_END, "End"},
        {' ', "空格"},
        {FXK_TEXT, "打字"},
        {FXK_LETTERS, "a–z"},
        {FXK_EDITING, "← → Home End 退格 Delete"},
        {FXK_LIST, "↑ ↓ PgUp PgDn Home End"},
        {FXK_ROWS, "↑ ↓ Home End"},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i].key == key) {
            snprintf(out, outsz, "%s", named[i].name);
            return;
        }
    int n;
    if (keys_is_fkey(key, &n))
        snprintf(out, outsz, "F%d", n);
    else if (key > 0 && key < 0x20)
        snprintf(out, outsz, "Ctrl-%c", '@' + key);
    else if (is_printable(key) && outsz > 4)
        out[text_encode((uint32_t)key, out)] = '\0';
    else
        snprintf(out, outsz, "?");
}

void keys_binding_name(const struct key_binding *b, char *out, size_t outsz)
{
    keys_name(b->key, out, outsz);
    if (b->twin) {
        size_t n = strlen(out);
        snprintf(out + n, outsz - n, " / ");
        n = strlen(out);
        keys_name(b->twin, out + n, outsz - n);
    }
}

/* Append s to out (size outsz, n bytes used). */
static void append(char *out, size_t outsz, size_t *n, const char *s)
{
    if (*n < outsz) {
        snprintf(out + *n, outsz - *n, "%s", s);
        *n += strlen(out + *n);
    }
}

/* The names of rows [from, to) joined: "[ ]", or "1–6" for a run of digits. */
static void join_names(const struct key_binding *rows, int from, int to, bool with_twins, char *out, size_t outsz)
{
    size_t n = 0;
    out[0] = '\0';
    bool digits = to - from > 2;
    for (int i = from; i < to && digits; i++)
        digits = rows[i].key == rows[from].key + (i - from) && rows[i].key >= '0' && rows[i].key <= '9';
    if (digits) {
        snprintf(out, outsz, "%c–%c", rows[from].key, rows[to - 1].key);
        return;
    }
    for (int i = from; i < to; i++) {
        char name[64];
        if (with_twins)
            keys_binding_name(&rows[i], name, sizeof name);
        else
            keys_name(rows[i].key, name, sizeof name);
        if (i > from)
            append(out, outsz, &n, " ");
        append(out, outsz, &n, name);
    }
}

static bool same_text(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

/* Does a map earlier in the walk bind this key already (so this row never acts here)? */
static bool key_taken(const struct keymap *const *seen, int nseen, int key)
{
    for (int s = 0; s < nseen; s++)
        if (own_lookup(seen[s], key))
            return true;
    return false;
}

/* km and the maps it looks in, each once, in lookup order. */
static void collect(const struct keymap *km, const struct keymap **seen, int *nseen, int max)
{
    for (int s = 0; s < *nseen; s++)
        if (seen[s] == km)
            return;
    if (*nseen < max)
        seen[(*nseen)++] = km;
    for (int i = 0; km->also && km->also[i]; i++)
        collect(km->also[i], seen, nseen, max);
}

/* A row's keys on a hint line: classes by their short names; an F-key by its letter twin (the key bar
 * shows the F-key), or with its Ctrl twin ("F2/Ctrl-S"). */
static void hint_name(const struct key_binding *b, char *out, size_t outsz)
{
    switch (b->key) {
    case FXK_LIST:
    case FXK_ROWS: snprintf(out, outsz, "↑↓"); return;
    case FXK_EDITING: snprintf(out, outsz, "←→"); return;
    default: break;
    }
    /* Two arrows of one row (→ with ← as its twin) are both named, left before right, up before down. */
    bool arrow = b->key == FXK_LEFT || b->key == FXK_RIGHT || b->key == FXK_UP || b->key == FXK_DOWN;
    bool arrow_twin = b->twin == FXK_LEFT || b->twin == FXK_RIGHT || b->twin == FXK_UP || b->twin == FXK_DOWN;
    if (arrow && arrow_twin) {
        bool swap = b->key == FXK_RIGHT || b->key == FXK_DOWN;
        char first[16], second[16];
        keys_name(swap ? b->twin : b->key, first, sizeof first);
        keys_name(swap ? b->key : b->twin, second, sizeof second);
        snprintf(out, outsz, "%s %s", first, second);
        return;
    }
    if (keys_is_fkey(b->key, NULL) && b->twin && is_printable(b->twin)) {
        keys_name(b->twin, out, outsz);
        return;
    }
    keys_name(b->key, out, outsz);
    if (keys_is_fkey(b->key, NULL) && b->twin) {
        size_t n = strlen(out);
        snprintf(out + n, outsz - n, "/");
        n = strlen(out);
        keys_name(b->twin, out + n, outsz - n);
    }
}

void keys_hint(const struct keymap *km, int flags, char *out, size_t outsz)
{
    const struct keymap *maps[16];
    int nmaps = 0;
    bool with_fkeys = flags & KEYS_HINT_FKEYS;
    collect(km, maps, &nmaps, 16);
    if (flags & KEYS_HINT_OWN)
        nmaps = 1;
    size_t n = 0;
    out[0] = '\0';
    for (int m = 0; m < nmaps; m++) {
        /* The rows shown, in order; neighbours with the same hint share it ("[ ] 换月"). */
        const struct key_binding *rows[64];
        int nrows = 0;
        for (int i = 0; i < maps[m]->nkeys && nrows < 64; i++) {
            const struct key_binding *b = &maps[m]->keys[i];
            bool fkey = keys_is_fkey(b->key, NULL);
            /* F1 is always on the key bar: a hint line need not say it again. */
            if (b->hint && b->action != ACT_HELP && (with_fkeys || !fkey) &&
                !(b->key < FXK_CLASS && key_taken(maps, m, b->key)))
                rows[nrows++] = b;
        }
        for (int i = 0; i < nrows;) {
            int end = i + 1;
            while (end < nrows && same_text(rows[end]->hint, rows[i]->hint))
                end++;
            if (n)
                append(out, outsz, &n, "  ");
            for (int k = i; k < end; k++) {
                char name[64];
                /* An F-key is shown with its twin: "F2/Ctrl-S 保存". */
                hint_name(rows[k], name, sizeof name);
                if (k > i)
                    append(out, outsz, &n, " ");
                append(out, outsz, &n, name);
            }
            append(out, outsz, &n, " ");
            append(out, outsz, &n, rows[i]->hint);
            i = end;
        }
    }
}

/* Has an earlier map of the walk (or an earlier row of this one) already shown this help? */
static bool help_seen(const struct keymap *const *seen, int nseen, const struct keymap *km, int upto, const char *help)
{
    for (int i = 0; i < upto; i++)
        if (same_text(km->keys[i].help, help))
            return true;
    for (int s = 0; s < nseen; s++)
        for (int i = 0; i < seen[s]->nkeys; i++)
            if (same_text(seen[s]->keys[i].help, help))
                return true;
    return false;
}

void keys_help_lines(const struct keymap *km, bool own_only, keys_line_fn line, void *ctx)
{
    const struct keymap *maps[16];
    int nmaps = 0;
    collect(km, maps, &nmaps, 16);
    if (own_only)
        nmaps = 1;
    for (int m = 0; m < nmaps; m++) {
        const struct key_binding *rows = maps[m]->keys;
        for (int i = 0; i < maps[m]->nkeys;) {
            int end = i + 1;
            while (end < maps[m]->nkeys && same_text(rows[end].help, rows[i].help))
                end++;
            /* A shared row that the view has taken for itself is not what the key does here. */
            bool shadowed = rows[i].key < FXK_CLASS && end == i + 1 && key_taken(maps, m, rows[i].key);
            if (rows[i].help && !shadowed && !help_seen(maps, m, maps[m], i, rows[i].help)) {
                char names[160];
                join_names(rows, i, end, true, names, sizeof names);
                line(ctx, names, rows[i].help, &rows[i], end - i);
            }
            i = end;
        }
    }
}

int keys_bar(const struct keymap *km, int *fkeys, const struct key_binding **bindings, int max)
{
    int n = 0;
    for (int f = 1; f <= 12 && n < max; f++) {
        const struct key_binding *b = keys_lookup(km, FXK_F(f));
        if (b && b->hint) {
            fkeys[n] = f;
            bindings[n++] = b;
        }
    }
    return n;
}
