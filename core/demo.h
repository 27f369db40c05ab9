/* demo.h — a believable demo township written into a new ledger (fenxiao demo).
 * The word lists and the shape of the year are data in the INI files of data/demo/. */
#ifndef FX_DEMO_H
#define FX_DEMO_H

#include <sqlite3.h>
#include <stdbool.h>

#include "config.h"
#include "date.h"
#include "error.h"

struct demo_summary {
    int branches, members, teachers, venues, courses;
    int sessions;   /* saved, the voided one included */
    int attendance; /* roll-call rows */
    int orders;
};

/* Fill db — a new, empty ledger with its unit already recorded — with the
 * demo township: branches, members, teachers, venues, the course menu, orders
 * in every state and a year of sessions ending at *today. A fixed-seed
 * generator makes every run the same except for the dates (which follow
 * today) and the UUIDs (random, so that two demo ledgers never merge as one).
 * Everything is written in one transaction, then one record is voided in a
 * second. cfg gives the hour rule (NULL: defaults). On failure nothing of
 * the first transaction remains and err says why. sum may be NULL. */
int demo_fill(sqlite3 *db, const struct fx_config *cfg, const struct fx_date *today, struct demo_summary *sum,
              struct fx_error *err);

/* Whether db is a demo ledger nobody has written to since demo_fill made it
 * (its last audit record is demo_fill's own). Anything else is someone's work,
 * and is kept before it is replaced. */
bool demo_is_untouched(sqlite3 *db);

#endif
