/* draw.c — width-aware drawing on top of core/text.c, colour roles, cursor placement.
 * Everything the program shows passes through draw_text, so data can never move the cursor or recolour the screen. */
#include "draw.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static attr_t role_attr[ROLE_COUNT];
static bool have_color;
static int cursor_y = -1, cursor_x = -1;

void draw_init(void)
{
    const char *nc = getenv("NO_COLOR");
    have_color = has_colors() && !(nc && *nc);
    /* Monochrome first: reverse video and bold carry the meaning on their own. */
    role_attr[ROLE_NORMAL] = A_NORMAL;
    role_attr[ROLE_TITLE] = A_REVERSE;
    role_attr[ROLE_TAB] = A_NORMAL;
    role_attr[ROLE_TAB_CUR] = A_REVERSE | A_BOLD;
    role_attr[ROLE_KEY] = A_BOLD;
    role_attr[ROLE_KEYLABEL] = A_REVERSE;
    role_attr[ROLE_KEYOFF] = A_DIM;
    role_attr[ROLE_SELECTED] = A_REVERSE;
    role_attr[ROLE_HEADER] = A_BOLD | A_UNDERLINE;
    role_attr[ROLE_ERROR] = A_BOLD;
    role_attr[ROLE_DIM] = A_DIM;
    role_attr[ROLE_FIELD] = A_UNDERLINE;
    role_attr[ROLE_FIELD_CUR] = A_REVERSE;
    role_attr[ROLE_DIALOG] = A_NORMAL;
    role_attr[ROLE_FIGURE] = A_BOLD;
    if (!have_color)
        return;
    start_color();
    use_default_colors();
    init_pair(1, COLOR_WHITE, COLOR_BLUE);   /* title */
    init_pair(2, COLOR_BLACK, COLOR_CYAN);   /* current tab, key labels, selection */
    init_pair(3, COLOR_RED, -1);             /* errors */
    init_pair(4, COLOR_BLACK, COLOR_WHITE);  /* fields, dialogs */
    init_pair(5, COLOR_YELLOW, -1);          /* figures */
    init_pair(6, COLOR_WHITE, COLOR_BLACK);  /* focused field */
    role_attr[ROLE_TITLE] = COLOR_PAIR(1) | A_BOLD;
    role_attr[ROLE_TAB_CUR] = COLOR_PAIR(2) | A_BOLD;
    role_attr[ROLE_KEYLABEL] = COLOR_PAIR(2);
    role_attr[ROLE_SELECTED] = COLOR_PAIR(2);
    role_attr[ROLE_ERROR] = COLOR_PAIR(3) | A_BOLD;
    role_attr[ROLE_FIELD] = COLOR_PAIR(4);
    role_attr[ROLE_FIELD_CUR] = COLOR_PAIR(6) | A_BOLD;
    role_attr[ROLE_DIALOG] = COLOR_PAIR(4);
    role_attr[ROLE_FIGURE] = COLOR_PAIR(5) | A_BOLD;
}

bool draw_has_color(void)
{
    return have_color;
}

static attr_t attr_of(int role)
{
    return role >= 0 && role < ROLE_COUNT ? role_attr[role] : A_NORMAL;
}

/* Clip to the screen; returns the usable columns (0: nothing to draw). */
static int clip(int y, int x, int cols)
{
    if (y < 0 || y >= LINES || x < 0 || x >= COLS || cols <= 0)
        return 0;
    return cols > COLS - x ? COLS - x : cols;
}

/* ---- terminals that draw East Asian Ambiguous characters wide ---------------- */

static bool ambiguous_wide;

void draw_set_ambiguous_wide(bool wide)
{
    ambiguous_wide = wide;
}

bool draw_ambiguous_wide(void)
{
    return ambiguous_wide;
}

/* The one-column stand-in for an ambiguous character, so that every column count
 * made before drawing still holds: quotes, arrows, stars, lines, dots. */
static char narrow_of(uint32_t cp)
{
    switch (cp) {
    case 0x201C: case 0x201D: case 0x201E: case 0x2033: return '"';
    case 0x2018: case 0x2019: case 0x2032: case 0x00B4: return '\'';
    case 0x2026: case 0x2025: return '~';
    case 0x2192: case 0x25B6: case 0x25B8: case 0x25BA: case 0x00BB: case 0x203A: return '>';
    case 0x2190: case 0x25C0: case 0x25C2: case 0x25C4: case 0x00AB: case 0x2039: return '<';
    case 0x2191: case 0x25B2: case 0x25B3: return '^';
    case 0x2193: case 0x25BC: case 0x25BD: return 'v';
    case 0x2605: case 0x203B: case 0x25CF: case 0x25C6: case 0x2022: return '*';
    case 0x2606: case 0x25CB: case 0x25C7: case 0x25A1: case 0x00B0: return 'o';
    case 0x00B7: case 0x2027: return '.';
    case 0x00D7: return 'x';
    case 0x2014: case 0x2013: case 0x2015: case 0x2500: case 0x2501: return '-';
    case 0x2502: case 0x2503: return '|';
    case 0x2264: return '<';
    case 0x2265: return '>';
    case 0x00B1: return '+';
    case 0x221A: return 'v';
    case 0x25A0: return '#';
    default:
        if (cp >= 0x2500 && cp <= 0x257F)
            return '+'; /* corners and tees */
        return '?';
    }
}

/* In place: every ambiguous character becomes its one-column ASCII stand-in (a UTF-8
 * sequence of 2–4 bytes shrinks to 1, so the text only gets shorter). */
static void narrow_ambiguous(char *s)
{
    char *w = s;
    const char *r = s, *end = s + strlen(s);
    while (r < end) {
        uint32_t cp;
        size_t n = text_decode(r, (size_t)(end - r), &cp);
        if (n == 0)
            n = 1, cp = (unsigned char)*r;
        if (cp >= 0x80 && text_cp_ambiguous(cp)) {
            *w++ = narrow_of(cp);
        } else {
            memmove(w, r, n);
            w += n;
        }
        r += n;
    }
    *w = '\0';
}

int draw_text(int y, int x, int cols, const char *s, int role)
{
    cols = clip(y, x, cols);
    if (!cols || !s)
        return 0;
    size_t len = strlen(s);
    char small[1024], *clean = small;
    size_t cleansz = len * 3 + 1;
    if (cleansz > sizeof small && !(clean = malloc(cleansz)))
        return 0;
    if (cleansz < sizeof small)
        cleansz = sizeof small;
    text_sanitize(clean, cleansz, s);
    if (ambiguous_wide)
        narrow_ambiguous(clean);
    /* Each column holds at most one wide char or a base plus marks; 16 bytes a column is ample. */
    size_t fitsz = (size_t)cols * 16 + 4;
    char fitsmall[2048], *fit = fitsmall;
    if (fitsz > sizeof fitsmall && !(fit = malloc(fitsz))) {
        if (clean != small)
            free(clean);
        return 0;
    }
    int used = text_fit(fit, fitsz > sizeof fitsmall ? fitsz : sizeof fitsmall, clean, cols);
    if (ambiguous_wide)
        narrow_ambiguous(fit); /* the … text_fit puts where it cut */
    attr_t a = attr_of(role);
    attron(a);
    mvaddstr(y, x, fit);
    attroff(a);
    if (fit != fitsmall)
        free(fit);
    if (clean != small)
        free(clean);
    return used;
}

int draw_text_pad(int y, int x, int cols, const char *s, int role, char align)
{
    cols = clip(y, x, cols);
    if (!cols)
        return 0;
    char clean[1024];
    text_sanitize(clean, sizeof clean, s ? s : "");
    int w = text_width(clean);
    if (w > cols)
        w = cols;
    int left = align == 'r' ? cols - w : align == 'c' ? (cols - w) / 2 : 0;
    draw_fill(y, x, cols, role);
    draw_text(y, x + left, cols - left, clean, role);
    return cols;
}

void draw_fill(int y, int x, int cols, int role)
{
    cols = clip(y, x, cols);
    if (!cols)
        return;
    attr_t a = attr_of(role);
    attron(a);
    mvhline(y, x, ' ', cols);
    attroff(a);
}

void draw_box(struct rect r, const char *title, int role)
{
    for (int i = 0; i < r.h; i++)
        draw_fill(r.y + i, r.x, r.w, role);
    /* Box characters as UTF-8 text rather than the terminal's alternate character set:
     * capture tools and some terminals show ACS as letters (lqqk). */
    /* The line characters are ambiguous: ASCII on a terminal that draws them wide. */
    const char *v = ambiguous_wide ? "|" : "│", *h = ambiguous_wide ? "-" : "─";
    const char *c[4] = {"┌", "┐", "└", "┘"};
    if (ambiguous_wide)
        c[0] = c[1] = c[2] = c[3] = "+";
    attr_t a = attr_of(role);
    attron(a);
    for (int i = 1; i < r.h - 1; i++) {
        mvaddstr(r.y + i, r.x, v);
        mvaddstr(r.y + i, r.x + r.w - 1, v);
    }
    for (int i = 1; i < r.w - 1; i++) {
        mvaddstr(r.y, r.x + i, h);
        mvaddstr(r.y + r.h - 1, r.x + i, h);
    }
    mvaddstr(r.y, r.x, c[0]);
    mvaddstr(r.y, r.x + r.w - 1, c[1]);
    mvaddstr(r.y + r.h - 1, r.x, c[2]);
    mvaddstr(r.y + r.h - 1, r.x + r.w - 1, c[3]);
    attroff(a);
    if (title && *title) {
        char t[512];
        text_fit(t, sizeof t, title, r.w - 6);
        int tw = text_width(t) + 2;
        int tx = r.x + (r.w - tw) / 2;
        draw_fill(r.y, tx, tw, role);
        draw_text(r.y, tx + 1, tw - 2, t, role);
    }
}

bool draw_too_small(void)
{
    return COLS < DRAW_MIN_COLS || LINES < DRAW_MIN_ROWS;
}

void draw_too_small_screen(void)
{
    erase();
    char line[128];
    int y = LINES / 2 - 1;
    if (y < 0)
        y = 0;
    draw_text_pad(y, 0, COLS, "终端窗口太小", ROLE_ERROR, 'c');
    snprintf(line, sizeof line, "现在 %dx%d，至少需要 %dx%d", COLS, LINES, DRAW_MIN_COLS, DRAW_MIN_ROWS);
    draw_text_pad(y + 1, 0, COLS, line, ROLE_NORMAL, 'c');
    draw_text_pad(y + 2, 0, COLS, "请把窗口拉大；按 q 退出", ROLE_DIM, 'c');
}

void draw_begin(void)
{
    cursor_y = cursor_x = -1;
    erase();
}

void draw_cursor_at(int y, int x)
{
    cursor_y = y;
    cursor_x = x;
}

void draw_end(void)
{
    if (cursor_y >= 0 && cursor_y < LINES && cursor_x >= 0 && cursor_x < COLS) {
        move(cursor_y, cursor_x);
        curs_set(1);
    } else {
        curs_set(0);
        move(LINES - 1, COLS - 1 > 0 ? COLS - 1 : 0);
    }
    refresh();
}

int draw_wrap(const char *s, int cols, int *starts, int *lens, int maxlines)
{
    int n = 0;
    const char *p = s;
    if (cols < 2)
        cols = 2;
    while (*p && n < maxlines) {
        const char *nl = strchr(p, '\n');
        size_t seg = nl ? (size_t)(nl - p) : strlen(p);
        /* text_fit_columns needs a terminated string; measure on a bounded copy. */
        char tmp[1024];
        size_t take = seg < sizeof tmp - 1 ? seg : sizeof tmp - 1;
        memcpy(tmp, p, take);
        tmp[take] = '\0';
        size_t fit = text_fit_columns(tmp, cols, NULL);
        if (fit == 0 && take > 0)
            fit = take; /* a character wider than the box: show it rather than loop */
        starts[n] = (int)(p - s);
        lens[n] = (int)fit;
        n++;
        p += fit;
        if (fit >= seg && nl)
            p = nl + 1;
        else if (fit >= seg)
            break;
    }
    return n;
}
