/* app.c — the frame: opens the ledger, runs the key loop, draws title, tabs, status and key bar.
 * tui_run is the entry from main.c when no subcommand is given; it always restores the terminal before printing. */
#include "app.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "dialog.h"
#include "outfile.h"
#include "form.h"
#include "store.h"
#include "vocab.h"
#include "text.h"
#include "unit.h"

/* Bracketed paste (xterm ?2004): the terminal wraps pasted text in these, and
 * define_key turns them into key codes of our own. */
#define FX_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define FX_KEY_PASTE_END (KEY_MAX + 2)
#define TERM_SETUP "\033[?2004h"
/* Written raw on a crash: bracketed paste and mouse off, cursor on, main screen back. */
#define TERM_RESET "\033[?2004l\033[?1000l\033[?1002l\033[?1006l\033[?25h\033[?1049l\r\n"

struct tab {
    const char *label;
    const struct screen_ops *ops;
};
#define FX_TAB_ROW(id, label) {label, &screen_##id##_ops},
static const struct tab tabs[] = {FX_SCREENS(FX_TAB_ROW)};
#undef FX_TAB_ROW
#define FX_TAB_INDEX(id, label) TAB_##id,
enum { FX_SCREENS(FX_TAB_INDEX) NTABS };
#undef FX_TAB_INDEX

/* The frame's keys, under every screen's own: help, quit, a tab by its digit, the next and previous tab. */
static const struct key_binding frame_rows[] = {
    {FXK_F(1), '?', ACT_HELP, "帮助", "显示本页的按键（就是这里）"},
    {FXK_F(10), 'q', ACT_QUIT, "退出", "退出程序（已保存的内容不受影响）"},
#define FX_TAB_KEY(id, label) {'1' + TAB_##id, 0, ACT_TAB, NULL, "切换页面：数字就是页签上的数字"},
    FX_SCREENS(FX_TAB_KEY)
#undef FX_TAB_KEY
        {FXK_TAB, 0, ACT_TAB_NEXT, NULL, "下一页"},
    {FXK_BTAB, 0, ACT_TAB_PREV, NULL, "上一页"},
};
const struct keymap keys_frame = {"所有页面", frame_rows, (int)(sizeof frame_rows / sizeof frame_rows[0]), NULL};
const struct keymap *const screen_keys_also[] = {&keys_list, &keys_frame, NULL};
const struct keymap *const screen_keys_rows_also[] = {&keys_rows, &keys_frame, NULL};
const struct keymap *const screen_keys_frame_also[] = {&keys_frame, NULL};

/* The view of the screens themselves (the first), once they run. */
static struct view *screens_view;

/* Screen columns of each tab and key-bar entry as last drawn, for mouse clicks. */
static int tab_x0[NTABS], tab_x1[NTABS];
static int keybar_x0[16], keybar_x1[16], keybar_key[16], nkeybar;

static struct termios saved_termios;
static bool have_termios;
static volatile sig_atomic_t quit_signal;
static bool curses_active;

static const struct screen_ops *ops_of(int i)
{
    return tabs[i].ops;
}

static void on_quit_signal(int sig)
{
    (void)sig;
    quit_signal = 1;
}

/* A crash must not leave the office PC's terminal in raw mode with no cursor.
 * Only async-signal-safe calls here: tcsetattr and write. */
static void on_crash_signal(int sig)
{
    if (have_termios)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    ssize_t w = write(STDOUT_FILENO, TERM_RESET, sizeof TERM_RESET - 1);
    (void)w;
    static const char msg[] = "fenxiao: 程序出现严重错误，已退出。已保存的内容不受影响。\n";
    w = write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)w;
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_quit_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_crash_signal;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
}

/* Whether the terminal draws an East Asian Ambiguous character in two columns: write
 * one (“) at the start of the bottom line, ask where the cursor is (ESC [ 6 n) and read
 * the answer for up to 300 ms. Column 3 means two columns; no answer means narrow. */
static bool probe_ambiguous_wide(void)
{
    char q[32];
    snprintf(q, sizeof q, "\033[%d;1H\xe2\x80\x9c\033[6n", LINES);
    if (write(STDOUT_FILENO, q, strlen(q)) < 0)
        return false;
    char buf[64];
    size_t n = 0;
    for (int waited = 0; n < sizeof buf - 1 && waited < 300;) {
        struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
        if (poll(&p, 1, 50) <= 0) {
            waited += 50;
            continue;
        }
        ssize_t got = read(STDIN_FILENO, buf + n, 1);
        if (got <= 0)
            break;
        if (buf[n++] == 'R')
            break;
    }
    buf[n] = '\0';
    /* Wipe the probe from the screen; the first frame is drawn over it anyway. */
    if (write(STDOUT_FILENO, "\r\033[K", 4) < 0)
        return false;
    const char *esc = strstr(buf, "\033[");
    int row, col;
    bool wide = esc && sscanf(esc + 2, "%d;%dR", &row, &col) == 2 && col == 3;
    /* Keys typed before the answer came are not the answer: give them back, last first. */
    size_t from = esc ? (size_t)(esc - buf) : n, to = esc && strchr(esc, 'R') ? (size_t)(strchr(esc, 'R') - buf) + 1 : n;
    for (size_t i = n; i-- > 0;)
        if (i < from || i >= to)
            ungetch((unsigned char)buf[i]);
    return wide;
}

static int ambiguous_setting = AMBIGUOUS_AUTO;

static void curses_start(void)
{
    if (curses_active)
        return;
    have_termios = tcgetattr(STDIN_FILENO, &saved_termios) == 0;
    initscr();
    curses_active = true;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25); /* Esc must feel instant; real escape sequences arrive within a few ms */
    timeout(250);     /* wake up now and then to notice SIGTERM */
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
    mouseinterval(0);
    /* Home/End arrive in several dialects (xterm, rxvt, PuTTY, tmux) whatever $TERM says;
     * an unknown one would otherwise read as Esc followed by text typed into a field. */
    static const char *const home_seqs[] = {"\033[1~", "\033[7~", "\033[H", "\033OH"};
    static const char *const end_seqs[] = {"\033[4~", "\033[8~", "\033[F", "\033OF"};
    for (size_t i = 0; i < sizeof home_seqs / sizeof home_seqs[0]; i++) {
        define_key(home_seqs[i], KEY_HOME);
        define_key(end_seqs[i], KEY_END);
    }
    /* Ctrl-S is the save key's twin: take it from the terminal's flow control (XOFF), as editors do. */
    struct termios tio;
    if (tcgetattr(STDIN_FILENO, &tio) == 0) {
        tio.c_iflag &= ~(tcflag_t)IXON;
        if (tcsetattr(STDIN_FILENO, TCSANOW, &tio) == 0)
            def_prog_mode();
    }
    define_key("\033[200~", FX_KEY_PASTE_BEGIN);
    define_key("\033[201~", FX_KEY_PASTE_END);
    draw_init();
    static int probed = -1; /* asked once: curses starts again after a suspend or a print */
    if (ambiguous_setting == AMBIGUOUS_AUTO && probed < 0)
        probed = probe_ambiguous_wide();
    draw_set_ambiguous_wide(ambiguous_setting == AMBIGUOUS_WIDE || (ambiguous_setting == AMBIGUOUS_AUTO && probed == 1));
    fputs(TERM_SETUP, stdout);
    fflush(stdout);
}

static void curses_stop(void)
{
    if (!curses_active)
        return;
    fputs("\033[?2004l", stdout);
    fflush(stdout);
    endwin();
    curses_active = false;
}

/* One key: OK (ch is a character), KEY_CODE_YES (ch is a KEY_* code, KEY_RESIZE and
 * KEY_MOUSE included) or ERR (nothing yet). Inside a bracketed paste, newlines and
 * tabs come back as spaces and keys that are not characters are dropped, so a
 * paste lands as text. */
static int read_key(struct app *app, wint_t *ch)
{
    for (;;) {
        if (quit_signal) {
            app->quit_requested = true;
            return ERR;
        }
        int k = get_wch(ch);
        if (k == ERR)
            continue;
        /* The terminal may have reflowed or cleared the old contents: repaint every cell. */
        if (k == KEY_CODE_YES && *ch == KEY_RESIZE)
            clearok(curscr, TRUE);
        if (k == KEY_CODE_YES && *ch == FX_KEY_PASTE_BEGIN) {
            app->in_paste = true;
            app->paste_esc = 0;
            continue;
        }
        if (k == KEY_CODE_YES && *ch == FX_KEY_PASTE_END) {
            app->in_paste = false;
            continue;
        }
        if (app->in_paste) {
            if (k == KEY_CODE_YES) {
                if (*ch == KEY_RESIZE)
                    return k;
                continue;
            }
            /* Pasted data may carry escape sequences (colour from a web page, a title
             * change): swallow them whole, not just their ESC. */
            if (app->paste_esc == 1) {
                app->paste_esc = *ch == '[' ? 2 : *ch == ']' ? 3 : 0;
                continue;
            }
            if (app->paste_esc == 2) {
                if (*ch >= 0x40 && *ch <= 0x7e)
                    app->paste_esc = 0;
                continue;
            }
            if (app->paste_esc == 3) {
                if (*ch == 7 || *ch == 27)
                    app->paste_esc = 0;
                continue;
            }
            if (*ch == 27) {
                app->paste_esc = 1;
                continue;
            }
            if (*ch == '\n' || *ch == '\r' || *ch == '\t')
                *ch = ' ';
            else if (*ch < 0x20 || *ch == 0x7f)
                continue;
        }
        return k;
    }
}

/* The next key for a view whose key table is km: its binding (the key in *key), or NULL
 * when there is nothing to do but draw again — a resize, a mouse event (*key is
 * FXK(KEY_MOUSE)), a key km does not bind, a paste outside a text field, anything
 * while the terminal is too small — or app->quit_requested. */
static const struct key_binding *read_bound(struct app *app, const struct keymap *km, int *key)
{
    wint_t ch;
    int k = read_key(app, &ch);
    *key = 0;
    if (app->quit_requested || k == ERR)
        return NULL;
    bool is_key = k == KEY_CODE_YES;
    *key = keys_join(is_key, ch);
    if ((is_key && ch == KEY_RESIZE) || (is_key && ch == KEY_MOUSE) || draw_too_small())
        return NULL;
    const struct key_binding *b = keys_lookup(km, *key);
    /* A paste is text: only a field takes it, no key of it is a command. */
    if (app->in_paste && (!b || b->action != ACT_TEXT))
        return NULL;
    return b;
}

struct rect app_body(void)
{
    struct rect r = {2, 0, LINES - 4, COLS};
    return r;
}

void app_set_save_state(struct app *app, const char *state)
{
    snprintf(app->save_state, sizeof app->save_state, "%s", state);
}

void app_mark_saved(struct app *app)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    snprintf(app->save_state, sizeof app->save_state, "已保存 %02d:%02d", tm.tm_hour, tm.tm_min);
}

void app_status(struct app *app, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->status, sizeof app->status, fmt, ap);
    va_end(ap);
    app->status_error = false;
}

void app_error(struct app *app, const struct fx_error *err)
{
    dialog_error(app, err);
}

bool app_may_write(struct app *app, const char *path, int *flags)
{
    *flags = 0;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return true; /* new, or refused with its reason by the writer */
    char msg[4300];
    snprintf(msg, sizeof msg, "文件已存在：\n%s\n\n要用新的内容覆盖它吗？", path);
    if (!dialog_confirm(app, "覆盖文件", msg))
        return false;
    *flags = OUTFILE_REPLACE;
    return true;
}

void app_reload_unit(struct app *app)
{
    struct fx_error err;
    fx_clear(&err);
    if (!app->db || unit_get_name(app->db, app->unit, sizeof app->unit, &err))
        snprintf(app->unit, sizeof app->unit, "%s", app->cfg && app->cfg->unit[0] ? app->cfg->unit : "（未命名单位）");
}

static void draw_title(struct app *app)
{
    draw_fill(0, 0, COLS, ROLE_TITLE);
    char period[32] = "";
    period_label(&app->period, period, sizeof period);
    int right = text_width(app->save_state) + 2;
    int pw = text_width(period) + 4;
    int x = draw_text(0, 1, COLS - right - pw - 2, "分校台账 · ", ROLE_TITLE) + 1;
    draw_text(0, x, COLS - right - pw - x - 1, app->unit, ROLE_TITLE);
    draw_text(0, COLS - right - pw + 2, pw, period, ROLE_TITLE);
    draw_text(0, COLS - right + 1, right - 1, app->save_state, ROLE_TITLE);
}

static void draw_tabs(struct app *app)
{
    int x = 1;
    for (int i = 0; i < NTABS; i++) {
        char t[64];
        snprintf(t, sizeof t, " %d%s ", i + 1, tabs[i].label);
        tab_x0[i] = x;
        x += draw_text(1, x, COLS - x, t, i == app->cur ? ROLE_TAB_CUR : ROLE_TAB);
        tab_x1[i] = x;
        x += 1;
    }
    /* A rule under the tabs would cost a row; the reverse-video tab is enough. */
}

static const struct keymap *screen_keys(struct app *app)
{
    const struct screen_ops *ops = ops_of(app->cur);
    return ops->keys_now ? ops->keys_now(app) : ops->keys;
}

/* The F-keys that act in km, and nothing else: "F1帮助 F2新建 … F10退出". */
static void draw_keybar(const struct keymap *km)
{
    int fkeys[16];
    const struct key_binding *b[16];
    int n = keys_bar(km, fkeys, b, 16);
    draw_fill(LINES - 1, 0, COLS, ROLE_NORMAL);
    int x = 0;
    nkeybar = 0;
    for (int i = 0; i < n && x < COLS; i++) {
        char key[8];
        snprintf(key, sizeof key, "F%d", fkeys[i]);
        int x0 = x;
        x += draw_text(LINES - 1, x, COLS - x, key, ROLE_KEY);
        x += draw_text(LINES - 1, x, COLS - x, b[i]->hint, ROLE_KEYLABEL);
        keybar_x0[nkeybar] = x0;
        keybar_x1[nkeybar] = x;
        keybar_key[nkeybar++] = FXK_F(fkeys[i]);
        x += 1;
    }
}

/* The line above the key bar: a note, else the letter twins of the F-keys that act here. */
static void draw_status(struct app *app, const struct keymap *km, bool screen)
{
    if (app->status[0]) {
        draw_text(LINES - 2, 1, COLS - 2, app->status, app->status_error ? ROLE_ERROR : ROLE_NORMAL);
        return;
    }
    char line[512];
    size_t n = screen ? (size_t)snprintf(line, sizeof line, "1-%d 切换页面 · ", NTABS) : (size_t)snprintf(line, sizeof line, "%s", "");
    int fkeys[16];
    const struct key_binding *b[16];
    int nb = keys_bar(km, fkeys, b, 16);
    bool any = false;
    for (int i = 0; i < nb && n < sizeof line; i++) {
        if (!b[i]->twin)
            continue;
        char twin[32];
        keys_name(b[i]->twin, twin, sizeof twin);
        n += (size_t)snprintf(line + n, sizeof line - n, "%s%s %s", any ? " " : "同功能键：", twin, b[i]->hint);
        any = true;
    }
    draw_text(LINES - 2, 1, COLS - 2, line, ROLE_DIM);
}

/* Everything on the terminal: the frame and the current screen, then each open view from the lowest that
 * covers the body; the key bar and the status line's twins are those of the view on top. */
static void draw_all(struct app *app)
{
    draw_begin();
    if (draw_too_small()) {
        draw_too_small_screen();
        /* Only q acts here, and it leaves: say what it would drop. */
        for (int i = 0; i < app->nviews; i++)
            if (app->views[i]->dirty && app->views[i]->dirty(app->views[i])) {
                int y = LINES / 2 + 2 < LINES ? LINES / 2 + 2 : LINES - 1;
                draw_text_pad(y, 0, COLS, "（表单里有没保存的内容：拉大窗口就能接着填；按 q 会丢掉它）", ROLE_ERROR,
                              'c');
                break;
            }
        draw_end();
        return;
    }
    struct view *top = app->views[app->nviews - 1];
    int from = 0;
    for (int i = app->nviews - 1; i > 0 && !from; i--)
        if (app->views[i]->covers_body)
            from = i;
    draw_title(app);
    draw_tabs(app);
    if (app->db && !from)
        ops_of(app->cur)->draw(app, app_body());
    const struct keymap *km = top->keys(top, app);
    draw_status(app, km, top == screens_view);
    draw_keybar(km);
    for (int i = from; i < app->nviews; i++)
        if (app->views[i]->draw)
            app->views[i]->draw(app->views[i], app);
    draw_end();
}

struct help_text {
    char text[6000];
    size_t n;
};

/* "  keys          help", the help wrapped under itself; a long key list gets a line of its own. */
static void help_line(void *ctx, const char *keys, const char *help, const struct key_binding *rows, int nrows)
{
    (void)rows;
    (void)nrows;
    struct help_text *h = ctx;
    enum { KEYCOL = 15, TEXTW = 60 };
    if (text_width(keys) > KEYCOL - 1) {
        if (h->n < sizeof h->text)
            h->n += (size_t)snprintf(h->text + h->n, sizeof h->text - h->n, "%s\n", keys);
        keys = "";
    }
    int starts[8], lens[8];
    int n = draw_wrap(help, TEXTW - KEYCOL, starts, lens, 8);
    for (int i = 0; i < n && h->n < sizeof h->text; i++) {
        char cell[256];
        text_fit_pad(cell, sizeof cell, i ? "" : keys, KEYCOL, 'l');
        h->n += (size_t)snprintf(h->text + h->n, sizeof h->text - h->n, "%s%.*s\n", cell, lens[i], help + starts[i]);
    }
}

void app_show_help(struct app *app, const struct keymap *km)
{
    if (!km)
        km = screen_keys(app);
    struct help_text *h = calloc(1, sizeof *h);
    if (!h)
        return;
    keys_help_lines(km, false, help_line, h);
    while (h->n && h->text[h->n - 1] == '\n')
        h->text[--h->n] = '\0';
    char title[128];
    snprintf(title, sizeof title, "帮助：%s", km->name);
    dialog_message(app, title, h->text);
    free(h);
}

static void switch_to(struct app *app, int i)
{
    if (i < 0 || i >= NTABS || i == app->cur)
        return;
    const struct screen_ops *old = ops_of(app->cur);
    if (old->leave)
        old->leave(app);
    app->cur = i;
    const struct screen_ops *ops = ops_of(i);
    if (ops->enter)
        ops->enter(app);
}

/* A click: on the key bar it is the F-key shown there (returns -1, the key in *key); elsewhere the view's. */
static int handle_mouse(struct app *app, struct view *v, int *key)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
        return VIEW_STAY;
    if (ev.y == LINES - 1) {
        for (int i = 0; i < nkeybar; i++)
            if (ev.x >= keybar_x0[i] && ev.x < keybar_x1[i]) {
                *key = keybar_key[i];
                return -1;
            }
        return VIEW_STAY;
    }
    return v->click ? v->click(v, app, ev.y, ev.x) : VIEW_STAY;
}

void app_run_view(struct app *app, struct view *v)
{
    if (app->quit_requested || app->nviews >= (int)(sizeof app->views / sizeof app->views[0]))
        return;
    app->views[app->nviews++] = v;
    /* A view above asked to quit: this one closes too, without waiting for a key. */
    while (!app->quit_requested) {
        draw_all(app);
        if (v->idle && !draw_too_small() && v->idle(v, app))
            continue;
        const struct keymap *km = v->keys(v, app);
        int key;
        const struct key_binding *b = read_bound(app, km, &key);
        if (app->quit_requested)
            break;
        if (draw_too_small()) {
            /* Keys go nowhere here but q (or F10), which leaves as its words say, from whatever view is open:
             * nothing is typed or done blind under the 终端窗口太小 screen. A resize is drawn again. */
            if (key == 'q' || key == 'Q' || key == FXK_F(10)) {
                app->quit_requested = true;
                break;
            }
            continue;
        }
        if (key == FXK(KEY_MOUSE)) {
            int flags = handle_mouse(app, v, &key);
            if (flags >= 0) {
                if (flags & VIEW_CLOSE)
                    break;
                continue;
            }
            b = keys_lookup(km, key); /* the key bar's F-key */
        }
        if (!b)
            continue; /* a key the table does not bind does nothing */
        if (b->action == ACT_HELP) {
            app_show_help(app, km);
            continue;
        }
        if (v->key(v, app, b->action, key) & VIEW_CLOSE)
            break;
    }
    app->nviews--;
}

/* ---- the screens, the first view ---------------------------------------- */

static const struct keymap *screen_view_keys(struct view *v, struct app *app)
{
    (void)v;
    return screen_keys(app);
}

/* A screen's flags in the view's terms; SCR_RELOAD asks the screen to fetch again. */
static int screen_flags(struct app *app, int flags)
{
    if (flags & SCR_QUIT) {
        app->quit_requested = true;
        return VIEW_CLOSE;
    }
    if (flags & SCR_RELOAD && ops_of(app->cur)->enter)
        ops_of(app->cur)->enter(app);
    return VIEW_STAY;
}

static int screen_view_key(struct view *v, struct app *app, int action, int key)
{
    (void)v;
    app->status[0] = '\0'; /* a note lasts until the next key that does something */
    switch (action) {
    case ACT_QUIT: return VIEW_CLOSE;
    case ACT_TAB: switch_to(app, key - '1'); return VIEW_STAY;
    case ACT_TAB_NEXT: switch_to(app, (app->cur + 1) % NTABS); return VIEW_STAY;
    case ACT_TAB_PREV: switch_to(app, (app->cur + NTABS - 1) % NTABS); return VIEW_STAY;
    default: break;
    }
    const struct screen_ops *ops = ops_of(app->cur);
    int is_key;
    wint_t ch;
    keys_split(key, &is_key, &ch);
    return screen_flags(app, ops->key ? ops->key(app, action, is_key, ch) : SCR_UNHANDLED);
}

/* The tabs, or the screen's body. */
static int screen_view_click(struct view *v, struct app *app, int y, int x)
{
    (void)v;
    app->status[0] = '\0';
    if (y == 1) {
        for (int i = 0; i < NTABS; i++)
            if (x >= tab_x0[i] && x < tab_x1[i])
                switch_to(app, i);
        return VIEW_STAY;
    }
    struct rect body = app_body();
    const struct screen_ops *ops = ops_of(app->cur);
    if (y >= body.y && y < body.y + body.h && ops->click)
        return screen_flags(app, ops->click(app, body, y, x));
    return VIEW_STAY;
}

static bool screen_view_idle(struct view *v, struct app *app)
{
    (void)v;
    const struct screen_ops *ops = ops_of(app->cur);
    return ops->idle && (ops->idle(app) & SCR_REDRAW);
}

static void run_screens(struct app *app)
{
    static struct view screens = {
        .keys = screen_view_keys, .key = screen_view_key, .click = screen_view_click, .idle = screen_view_idle};
    screens_view = &screens;
    const struct screen_ops *ops = ops_of(app->cur);
    if (ops->enter)
        ops->enter(app);
    app_run_view(app, &screens);
}

/* Unit name form for a ledger created from the screens. */
struct create_ctx {
    struct app *app;
};

static int create_save(void *vctx, struct form *form, struct fx_error *err)
{
    struct create_ctx *ctx = vctx;
    struct app *app = ctx->app;
    const char *name = form->fields[0].text;
    if (!app->db && store_open(app->db_path, STORE_CREATE | STORE_NEW | STORE_WRITER, &app->db, err))
        return err->code;
    return store_init_unit(app->db, name, err);
}

/* The ledger file does not exist: offer to create an empty one, never more. */
static bool offer_create(struct app *app)
{
    char msg[4400];
    snprintf(msg, sizeof msg, "没有找到账本文件：\n%s\n\n要在这里新建一个空账本吗？\n（想先看示例，可以退出后运行 fenxiao demo：\n它另建一个示例账本，不会碰您的账本）",
             app->db_path);
    if (!dialog_confirm(app, "账本不存在", msg))
        return false;
    struct form_field f[1];
    memset(f, 0, sizeof f);
    f[0].id = "name";
    f[0].label = "单位名称";
    f[0].type = FIELD_TEXT;
    f[0].required = true;
    f[0].max = FX_PLACE_CHARS;
    snprintf(f[0].text, sizeof f[0].text, "%s", app->cfg->unit[0] ? app->cfg->unit : "本乡镇党校分校");
    struct create_ctx ctx = {app};
    struct form form = {.title = "新建账本", .fields = f, .nfields = 1, .save = create_save, .ctx = &ctx};
    if (!form_run(app, &form)) {
        if (app->db) {
            /* Opened but the unit was not written: leave no half-made ledger behind. */
            store_close(app->db);
            app->db = NULL;
        }
        return false;
    }
    return true;
}

static int finish(int status, const char *msg)
{
    curses_stop();
    if (msg && *msg) {
        char clean[1024];
        text_sanitize(clean, sizeof clean, msg);
        fprintf(stderr, "fenxiao: %s\n", clean);
    }
    return status;
}

static void stop_at_exit(void)
{
    curses_stop();
}

int tui_run(struct cli *cli)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fputs("fenxiao: 全屏界面需要在终端里运行；脚本请用子命令（见 fenxiao --help）\n", stderr);
        return FX_EUSAGE;
    }
    static struct app app;
    memset(&app, 0, sizeof app);
    app.cli = cli;
    app.cfg = &cli->cfg;
    ambiguous_setting = cli->cfg.ambiguous;
    snprintf(app.db_path, sizeof app.db_path, "%s", cli->db_path);
    app_set_save_state(&app, "已保存");
    struct fx_date today;
    date_today(&today);
    period_make(PERIOD_MONTH, today.y, today.m, &app.period);

    struct fx_error err;
    fx_clear(&err);
    struct stat st;
    bool exists = stat(app.db_path, &st) == 0;
    /* Another copy holding the ledger: say so and stop (exit 4). We do not fall
     * back to read-only: a screen that silently cannot save invites lost work. */
    if (exists && store_open(app.db_path, STORE_WRITER, &app.db, &err))
        return finish(fx_exit_status(err.code), err.msg);
    /* The class of each kind as the county's config says (vocab.h); a failure leaves the last reading. */
    if (app.db && vocab_apply_config(app.db, app.cfg, &err))
        fx_clear(&err);

    install_signals();
    atexit(stop_at_exit);
    curses_start();
    if (!app.db && !offer_create(&app)) {
        char msg[4200];
        text_format(msg, sizeof msg, "没有打开账本（%s 不存在）。可运行 fenxiao init --unit 名称 新建账本；fenxiao demo 另建一个示例账本看看",
                 app.db_path);
        return finish(fx_exit_status(FX_EFS), msg);
    }
    if (app.quit_requested)
        return finish(0, NULL);
    app_reload_unit(&app);
    run_screens(&app);
    const struct screen_ops *ops = ops_of(app.cur);
    if (ops->leave)
        ops->leave(&app);
    curses_stop();
    store_close(app.db);
    return 0;
}

bool app_confirm_future(struct app *app, const char *date, const char *what, const char *field, struct fx_error *err)
{
    struct fx_error late;
    fx_clear(&late);
    if (!date_check_not_future(date, what, &late))
        return true;
    char msg[700];
    text_format(msg, sizeof msg, "%s。\n确是将来的日期吗？选“否”回到表单改正。", late.msg);
    if (dialog_confirm(app, "日期晚于今天", msg))
        return true;
    fx_fail_field(err, FX_EINPUT, field, "没有保存：%s，请改正日期", late.msg);
    return false;
}
