#!/bin/sh
# lib.sh — helpers for command-line tests: each check prints "ok - …" or "not ok - …".
# Source it; $FX is the binary under test, $T a scratch directory removed at exit.
set -u
: "${FX:?run through tests/run.sh (make check)}"
T=$(mktemp -d "${TMPDIR:-/tmp}/fx-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/home/data" XDG_CONFIG_HOME="$T/home/config"
mkdir -p "$HOME"
. "$(dirname "$0")/../demo.inc"

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1${2:+: $2}"; }

# check NAME CMD…: passes when CMD exits 0.
check() {
    n=$1; shift
    if "$@" >"$T/out" 2>"$T/err"; then ok "$n"; else not_ok "$n" "exit $? $(head -c 300 "$T/err")"; fi
}

# status N NAME CMD…: passes when CMD exits with N.
status() {
    want=$1 n=$2; shift 2
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok "$n"; else not_ok "$n" "exit $got, wanted $want; $(head -c 300 "$T/err")"; fi
}

# eq NAME EXPECTED ACTUAL
eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected [$2] got [$3]"; fi
}

# has NAME HAYSTACK NEEDLE
has() {
    case $2 in *"$3"*) ok "$1" ;; *) not_ok "$1" "[$3] not in [$(printf %s "$2" | head -c 300)]" ;; esac
}

# sql DB QUERY: one value from the ledger, through the sqlite3 shell.
sql() { sqlite3 "$1" "$2"; }

# old_schema_data N DIR: DIR becomes a copy of data/ whose schema stops at version N, so this program run
# with FENXIAO_DATA_DIR=DIR makes a ledger of schema N (the migration tests' previous release).
old_schema_data() {
    cp -r "$TOP/data" "$2"
    for f in "$2"/schema/*.sql; do
        v=$(basename "$f" | sed -n 's/^0*\([0-9][0-9]*\)-.*/\1/p')
        [ "$v" -le "$1" ] || rm "$f"
    done
}

# old_demo_ledger N DB: DB becomes a demo ledger of schema N with roll calls. This program cannot write them
# into a schema before 13 (it stores the status as a number, which the older table refuses), so release 0.1.0
# (tests/lib/prev_release.sh) makes the demo at schema 1, and this program, with a data folder that stops at
# N, brings it up to N by saving one session without a roll call (2026-11-30 升级前的一课). Returns 1, with
# the reason on stderr, when the previous release cannot be built here (the caller skips).
old_demo_ledger() {
    . "$TOP/tests/lib/prev_release.sh"
    _old=$(prev_release_bin) || return 1
    old_schema_data "$1" "$T/old-demo-data-$1"
    FENXIAO_DATA_DIR="$(dirname "$_old")/data" "$_old" --db "$2" demo >/dev/null 2>&1 &&
        FENXIAO_DATA_DIR="$T/old-demo-data-$1" "$FX" --db "$2" session add --date 2026-11-30 --title 升级前的一课 \
            --category 政治理论教育 --format 集中培训 --hours 1 >/dev/null 2>&1 || {
        echo "old_demo_ledger: the demo of schema $1 could not be made" >&2
        return 1
    }
}
