/* picker.h — a modal searchable list: a query line over a table whose rows come from a callback.
 * The caller's source does the matching (pinyin initials via pinyin_match in core), the picker only asks again. */
#ifndef FX_PICKER_H
#define FX_PICKER_H

#include <stdbool.h>

#include "actions.h"
#include "table.h"

struct app;

struct picker {
    const char *title;
    const char *hint;              /* under the query line, "" for none */
    const struct table_col *cols;
    int ncols;
    struct table_source src;       /* rows for the current query, forward keyset pages */
    /* The query changed (typed, deleted, cleared): fetch against this from now on. */
    void (*set_query)(void *ctx, const char *query);
    const char *initial_query;     /* may be NULL */
    bool ticking;                  /* Enter ticks a row and the caller opens the picker again; Esc is done */
};

/* A picker's keys (for the manual): choosing one, ticking several, and Esc while something is typed. */
extern const struct keymap picker_keys, picker_tick_keys, picker_query_keys, picker_tick_query_keys;

/* Run the picker. Enter (or a click on the cursor row) chooses: the row is
 * copied into out (src.row_size bytes) and true returned. Esc clears the
 * query first, then closes (false); the footer says which, from the key table. */
bool picker_run(struct app *app, const struct picker *p, void *out);

#endif
