/* scroll.c — pages down the ledger list the way the ledger screen does (core's keyset
 * ledger_page), for callgrind to count the instructions each page costs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger.h"
#include "store.h"

/* run.sh runs this twice under callgrind, with 0 and with 50 pages; the
 * difference divided by 50 is the cost of one page without the cost of
 * opening the ledger. A page is one screenful of rows of the ledger list. */
#define ROWS 24

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: scroll LEDGER PAGES\n");
        return 2;
    }
    int pages = atoi(argv[2]);
    sqlite3 *db;
    struct fx_error err;
    fx_clear(&err);
    if (store_open(argv[1], STORE_READONLY, &db, &err)) {
        fprintf(stderr, "scroll: %s\n", err.msg);
        return 1;
    }
    static struct session_row rows[ROWS];
    struct ledger_filter f;
    memset(&f, 0, sizeof f);
    char after_date[11] = "";
    int64_t after_id = 0;
    long seen = 0;
    for (int p = 0; p < pages; p++) {
        int n = ledger_page(db, &f, after_date, after_id, 0, rows, ROWS, &err);
        if (n <= 0) {
            fprintf(stderr, "scroll: page %d: %s\n", p, n < 0 ? err.msg : "no more rows");
            return 1;
        }
        seen += n;
        snprintf(after_date, sizeof after_date, "%s", rows[n - 1].date);
        after_id = rows[n - 1].id;
    }
    store_close(db);
    printf("%ld rows\n", seen);
    return 0;
}
