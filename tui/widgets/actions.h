/* actions.h — every command the screens offer, listed once: the key bar, the help screen
 * and the man page's key table are all generated from FX_ACTIONS, so they cannot drift apart. */
#ifndef FX_ACTIONS_H
#define FX_ACTIONS_H

#include <wchar.h>

/* X(id, function key number, letter twin, key-bar label, help text).
 * The twin exists because many terminal emulators swallow F1 and F10. */
#define FX_ACTIONS(X)                                                          \
    X(ACT_HELP, 1, '?', "帮助", "显示按键说明")                                \
    X(ACT_NEW, 2, 'n', "新建", "新建一条记录")                                 \
    X(ACT_EDIT, 4, 'e', "编辑", "修改光标所在的条目")                          \
    X(ACT_PRINT, 5, 'p', "打印", "打印或导出本页内容")                         \
    X(ACT_FIND, 7, '/', "查找", "查找：可输入拼音首字母，如 zs 找到张三")      \
    X(ACT_VOID, 8, 'd', "作废", "作废光标所在的记录（须写明原因，不会删除）")  \
    X(ACT_QUIT, 10, 'q', "退出", "退出程序（已保存的内容不受影响）")

#define FX_ACTION_ENUM(id, fkey, twin, label, help) id,
enum action { ACT_NONE = 0, FX_ACTIONS(FX_ACTION_ENUM) ACT_COUNT };
#undef FX_ACTION_ENUM

#define ACT_BIT(a) (1u << (a))
/* Help and quit are the frame's own; every screen has them. */
#define ACT_GLOBAL (ACT_BIT(ACT_HELP) | ACT_BIT(ACT_QUIT))

struct action_info {
    int id;            /* enum action */
    int fkey;          /* n of KEY_F(n) */
    int twin;          /* the letter that does the same */
    const char *label; /* key bar */
    const char *help;  /* help screen, man page */
};

/* The table, in key-bar order, ACT_COUNT - 1 entries. */
extern const struct action_info fx_actions[];
extern const int fx_nactions;

/* The action a key means on a screen (not inside a field), or ACT_NONE.
 * is_key: the key came from get_wch as KEY_CODE_YES. */
int action_for_key(int is_key, wint_t ch);

/* Man-page style key table (one action a line: "F1 / ?  帮助  显示按键说明"),
 * written into out; used by the help screen. */
void action_describe(const struct action_info *a, char *out, int outsz);

#endif
