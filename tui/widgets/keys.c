/* keys.c — the action table behind the key bar and help screen, and key-to-action lookup.
 * One table (FX_ACTIONS in actions.h) so a key added here shows up everywhere at once. */
#include "actions.h"

#include <curses.h>
#include <stdio.h>

#define FX_ACTION_ROW(id, fkey, twin, label, help) {id, fkey, twin, label, help},
const struct action_info fx_actions[] = {FX_ACTIONS(FX_ACTION_ROW)};
#undef FX_ACTION_ROW
const int fx_nactions = (int)(sizeof fx_actions / sizeof fx_actions[0]);

int action_for_key(int is_key, wint_t ch)
{
    for (int i = 0; i < fx_nactions; i++) {
        const struct action_info *a = &fx_actions[i];
        if (is_key && ch == (wint_t)KEY_F(a->fkey))
            return a->id;
        if (!is_key && ch == (wint_t)a->twin)
            return a->id;
    }
    /* Ctrl twins people reach for out of habit: Ctrl-F find, Ctrl-N new, Ctrl-Q quit. */
    if (!is_key && ch == 6)
        return ACT_FIND;
    if (!is_key && ch == 14)
        return ACT_NEW;
    if (!is_key && ch == 17)
        return ACT_QUIT;
    return ACT_NONE;
}

void action_describe(const struct action_info *a, char *out, int outsz)
{
    char keys[32];
    snprintf(keys, sizeof keys, "F%d / %c", a->fkey, a->twin);
    /* Pad the key column by bytes: it is ASCII, so bytes are columns here. */
    snprintf(out, (size_t)outsz, "%-9s %s  %s", keys, a->label, a->help);
}
