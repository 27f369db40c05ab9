#!/bin/sh
# run.sh — the whole test suite: cmocka unit tests, command-line tests, screen tests.
# Usage: tests/run.sh BUILD_DIR BINARY. Ends with "N passed, N failed".
set -u
O=${1:-build}
BIN=${2:-fenxiao}
FX=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
TOP=$(cd "$(dirname "$0")/.." && pwd)
export FX_O="$O"
export FX TOP LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=Asia/Shanghai
# The calendar is injected: the suite reads the same on every day (tests/days.sh walks many).
export FENXIAO_TODAY="${FENXIAO_TODAY:-2026-12-05}"
# Unit tests run from the build directory; point them at the source tree's data/.
export FENXIAO_DATA_DIR="$TOP/data"
unset FENXIAO_DB XDG_DATA_HOME XDG_CONFIG_HOME
export CMOCKA_MESSAGE_OUTPUT=TAP
pass=0
fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() { # $1 = name of the suite; stdin = its output
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^not ok ' "$log")
    pass=$((pass + p))
    fail=$((fail + f))
    if [ "$f" -gt 0 ]; then
        grep -E '^not ok |^#' "$log" | sed "s|^|  $1: |"
    fi
    printf '%-28s %4d passed, %d failed\n' "$1" "$p" "$f"
}

# FX_ONLY=cli runs just the command-line tests (make check-valgrind).
[ "${FX_ONLY:-}" = cli ] && set -- cli || set -- all
export FX_REAL="${FX_REAL:-}"

for t in "$O"/tests/test_*; do
    [ "$1" = cli ] && break
    [ -x "$t" ] || continue
    "$t" >"$log" 2>&1
    rc=$?
    name=unit/$(basename "$t")
    if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$log"; then
        echo "not ok - $name exited with $rc" >>"$log"
        tail -5 "$log"
    fi
    count "$name"
done

for r in "$O"/tests/replay_fuzz_*; do
    [ "$1" = cli ] && break
    [ -x "$r" ] || continue
    name=${r##*/replay_fuzz_}
    "$r" "$TOP/tests/fuzz/corpus/$name" >"$log" 2>&1
    rc=$?
    if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$log"; then
        echo "not ok - replay $name crashed ($rc)" >>"$log"
        tail -5 "$log"
    fi
    count "fuzz-replay/$name"
done

for s in "$TOP"/tests/cli/*.sh "$TOP"/tests/screen/*.sh; do
    [ "$1" = cli ] && case $s in */screen/*) continue ;; esac
    [ -f "$s" ] || continue
    case $(basename "$s") in lib*.sh) continue ;; esac
    name=$(basename "$(dirname "$s")")/$(basename "$s" .sh)
    sh "$s" >"$log" 2>&1
    rc=$?
    if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$log"; then
        echo "not ok - $name exited with $rc" >>"$log"
        tail -5 "$log"
    fi
    count "$name"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
