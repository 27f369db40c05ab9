/* table.c — keyset-paginated list view: rows come from a forward-only fetch callback.
 * To scroll back without a backward query it remembers one key row per TABLE_ANCHOR rows and refetches from there. */
#include "table.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int table_init(struct table *t, const struct table_col *cols, int ncols, const struct table_source *src)
{
    memset(t, 0, sizeof *t);
    t->cols = cols;
    t->ncols = ncols;
    t->src = *src;
    t->end = -1;
    t->nvis = 10;
    t->scratch = malloc(src->row_size * TABLE_ANCHOR);
    t->after = malloc(src->row_size);
    if (!t->scratch || !t->after) {
        table_free(t);
        return -1;
    }
    return 0;
}

void table_free(struct table *t)
{
    free(t->buf);
    free(t->anchors);
    free(t->scratch);
    free(t->after);
    t->buf = t->anchors = t->scratch = t->after = NULL;
    t->nbuf = t->bufcap = t->nanch = t->anchcap = 0;
}

void table_reset(struct table *t)
{
    t->top = t->cur = 0;
    t->end = -1;
    t->nanch = 0;
    t->buf_valid = false;
    t->failed = false;
}

void table_refresh(struct table *t)
{
    int top = t->top, cur = t->cur;
    table_reset(t);
    t->top = top;
    t->cur = cur;
}

static char *row_at(const struct table *t, char *base, int i)
{
    return base + (size_t)i * t->src.row_size;
}

static void remember_anchor(struct table *t, int index, const char *row)
{
    /* Row `index` is the key for fetching from index + 1; keep it when that is an anchor point. */
    int next = index + 1;
    if (next % TABLE_ANCHOR || next / TABLE_ANCHOR != t->nanch + 1)
        return;
    if (t->nanch == t->anchcap) {
        int cap = t->anchcap ? t->anchcap * 2 : 16;
        char *a = realloc(t->anchors, (size_t)cap * t->src.row_size);
        if (!a)
            return;
        t->anchors = a;
        t->anchcap = cap;
    }
    memcpy(row_at(t, t->anchors, t->nanch), row, t->src.row_size);
    t->nanch++;
}

/* Fetch rows [start, start + count) into out, walking forward from the nearest
 * anchor. Returns the rows got (fewer at the end of the list), -1 on error. */
static int fetch_range(struct table *t, int start, int count, char *out)
{
    int k = start / TABLE_ANCHOR;
    if (k > t->nanch)
        k = t->nanch;
    int pos = k * TABLE_ANCHOR;
    const void *after = NULL;
    if (k > 0) {
        memcpy(t->after, row_at(t, t->anchors, k - 1), t->src.row_size);
        after = t->after;
    }
    int got = 0;
    while (pos < start + count) {
        int n = t->src.fetch(t->src.ctx, after, t->scratch, TABLE_ANCHOR);
        if (n < 0) {
            t->failed = true;
            return -1;
        }
        for (int i = 0; i < n; i++) {
            int idx = pos + i;
            remember_anchor(t, idx, row_at(t, t->scratch, i));
            if (idx >= start && idx < start + count) {
                memcpy(row_at(t, out, idx - start), row_at(t, t->scratch, i), t->src.row_size);
                got++;
            }
        }
        if (n < TABLE_ANCHOR) {
            t->end = pos + n;
            break;
        }
        memcpy(t->after, row_at(t, t->scratch, n - 1), t->src.row_size);
        after = t->after;
        pos += n;
    }
    t->failed = false;
    return got;
}

/* Make buf hold the visible rows, clamping top and cur to the list. */
static void load(struct table *t)
{
    if (t->nvis < 1)
        t->nvis = 1;
    if (t->bufcap < t->nvis) {
        char *b = realloc(t->buf, (size_t)t->nvis * t->src.row_size);
        if (!b)
            return;
        t->buf = b;
        t->bufcap = t->nvis;
        t->buf_valid = false;
    }
    if (t->end >= 0) {
        if (t->top > t->end - t->nvis)
            t->top = t->end - t->nvis;
        if (t->top < 0)
            t->top = 0;
    }
    if (t->buf_valid && t->buf_top == t->top)
        goto clamp;
    int n = fetch_range(t, t->top, t->nvis, t->buf);
    if (n < 0) {
        t->nbuf = 0;
        t->buf_valid = false;
        return;
    }
    if (n == 0 && t->top > 0 && t->end >= 0) {
        /* Rows vanished under us: go back to the last page. */
        t->top = t->end - t->nvis > 0 ? t->end - t->nvis : 0;
        n = fetch_range(t, t->top, t->nvis, t->buf);
        if (n < 0)
            n = 0;
    }
    t->nbuf = n;
    t->buf_top = t->top;
    t->buf_valid = true;
clamp:
    if (t->cur >= t->top + t->nbuf)
        t->cur = t->top + t->nbuf - 1;
    if (t->cur < t->top)
        t->cur = t->top;
    if (t->cur < 0)
        t->cur = 0;
}

void table_draw(struct table *t, struct rect r)
{
    if (r.h < 2 || r.w < 4)
        return;
    int nvis = r.h - 1;
    if (nvis != t->nvis) {
        t->nvis = nvis;
        t->buf_valid = false;
        if (t->cur >= t->top + nvis)
            t->top = t->cur - nvis + 1;
    }
    load(t);
    /* Column widths: fixed ones as asked (while they fit), the rest shared. */
    int widths[32], nflex = 0, fixed = 0;
    int nc = t->ncols < 32 ? t->ncols : 32;
    for (int c = 0; c < nc; c++) {
        widths[c] = t->cols[c].width;
        if (!widths[c])
            nflex++;
        fixed += widths[c] + 1;
    }
    int left = r.w - fixed;
    for (int c = 0; c < nc; c++)
        if (!widths[c])
            widths[c] = nflex ? (left > nflex * 4 ? left / nflex : 4) : 0;
    int x = r.x;
    for (int c = 0; c < nc && x < r.x + r.w; c++) {
        int w = widths[c] < r.x + r.w - x ? widths[c] : r.x + r.w - x;
        draw_text_pad(r.y, x, w, t->cols[c].title, ROLE_HEADER, t->cols[c].align);
        x += w + 1;
    }
    if (t->failed) {
        draw_text(r.y + 1, r.x, r.w, "读取数据失败", ROLE_ERROR);
        return;
    }
    if (t->nbuf == 0) {
        draw_text(r.y + 1, r.x, r.w, "（没有内容）", ROLE_DIM);
        return;
    }
    char cell[1024];
    for (int i = 0; i < t->nbuf && i < nvis; i++) {
        const char *row = row_at(t, t->buf, i);
        int role = t->top + i == t->cur && !t->unfocused ? ROLE_SELECTED
                   : t->src.role                         ? t->src.role(t->src.ctx, row)
                                                         : ROLE_NORMAL;
        int y = r.y + 1 + i;
        draw_fill(y, r.x, r.w, role);
        x = r.x;
        for (int c = 0; c < nc && x < r.x + r.w; c++) {
            int w = widths[c] < r.x + r.w - x ? widths[c] : r.x + r.w - x;
            cell[0] = '\0';
            t->src.cell(t->src.ctx, row, c, cell, sizeof cell);
            draw_text_pad(y, x, w, cell, role, t->cols[c].align);
            x += w + 1;
        }
    }
}

static void move_to(struct table *t, int cur)
{
    if (cur < 0)
        cur = 0;
    if (t->end >= 0 && cur >= t->end)
        cur = t->end - 1;
    if (cur < 0)
        cur = 0;
    t->cur = cur;
    if (t->cur < t->top)
        t->top = t->cur;
    if (t->cur >= t->top + t->nvis)
        t->top = t->cur - t->nvis + 1;
    load(t);
}

bool table_key(struct table *t, int is_key, wint_t ch)
{
    if (is_key) {
        switch (ch) {
        case KEY_UP: move_to(t, t->cur - 1); return true;
        case KEY_DOWN: move_to(t, t->cur + 1); return true;
        case KEY_PPAGE:
            t->top -= t->nvis;
            if (t->top < 0)
                t->top = 0;
            move_to(t, t->cur - t->nvis);
            return true;
        case KEY_NPAGE:
            if (t->end < 0 || t->top + t->nvis < t->end)
                t->top += t->nvis;
            move_to(t, t->cur + t->nvis);
            return true;
        case KEY_HOME: move_to(t, 0); return true;
        case KEY_END:
            /* The end is only known by walking there, one anchor step at a time. */
            if (t->end < 0) {
                char *one = malloc(t->src.row_size);
                while (one && t->end < 0)
                    if (fetch_range(t, t->nanch * TABLE_ANCHOR + TABLE_ANCHOR, 1, one) < 0)
                        break;
                free(one);
            }
            t->buf_valid = false;
            if (t->end >= 0)
                move_to(t, t->end - 1);
            return true;
        default: return false;
        }
    }
    if (ch == 16) { /* Ctrl-P */
        move_to(t, t->cur - 1);
        return true;
    }
    if (ch == 14) { /* Ctrl-N */
        move_to(t, t->cur + 1);
        return true;
    }
    return false;
}

bool table_click(struct table *t, struct rect r, int y)
{
    int i = y - r.y - 1;
    if (i < 0 || i >= t->nbuf || i >= r.h - 1)
        return false;
    move_to(t, t->top + i);
    return true;
}

const void *table_current(struct table *t)
{
    load(t);
    int i = t->cur - t->top;
    if (i < 0 || i >= t->nbuf)
        return NULL;
    return row_at(t, t->buf, i);
}
