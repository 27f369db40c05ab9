#!/bin/sh
# run.sh — the test suite: cmocka unit tests, fuzz corpus replays, command-line tests, screen tests.
# Usage: tests/run.sh BUILD_DIR BINARY [SUITE…] (e.g. unit/test_date cli/demo screen/home; default all).
# Ends with "N passed, N failed, N skipped"; a TAP skip ("ok - # SKIP why") is never counted as a pass.
set -u
O=${1:-build}
BIN=${2:-fenxiao}
[ $# -ge 2 ] && shift 2 || shift $#
only=" $* "
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
skip=0
ran=" "
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# The TAP skip directive is "# SKIP" after the description, in any case; cmocka writes "not ok N # SKIP name".
SKIP_RE='^(not )?ok( .*)?#[[:space:]]*skip'

count() { # $1 = name of the suite; $log = its output
    s=$(grep -Eci "$SKIP_RE" "$log")
    p=$(grep -E '^ok( |$)' "$log" | grep -Evic "$SKIP_RE")
    f=$(grep -E '^not ok( |$)' "$log" | grep -Evic "$SKIP_RE")
    # A suite that reports nothing at all has not shown that anything works.
    if [ $((p + f + s)) -eq 0 ]; then
        echo "not ok - $1 reported no results" >>"$log"
        f=1
    fi
    pass=$((pass + p))
    fail=$((fail + f))
    skip=$((skip + s))
    if [ "$f" -gt 0 ]; then
        grep -E '^not ok |^#' "$log" | grep -Evi "$SKIP_RE" | sed "s|^|  $1: |"
    fi
    if [ "$s" -gt 0 ]; then
        grep -Ei "$SKIP_RE" "$log" | sed "s|^|  $1: |"
    fi
    printf '%-28s %4d passed, %d failed, %d skipped\n' "$1" "$p" "$f" "$s"
}

# wanted NAME: true when NAME was asked for (or nothing was) and it is not left out by FX_ONLY.
wanted() {
    [ "${FX_ONLY:-}" = cli ] && case $1 in cli/*) ;; *) return 1 ;; esac
    [ "$only" = "  " ] && return 0
    case $only in *" $1 "*) return 0 ;; esac
    return 1
}

# run NAME CMD…: one suite, its output counted; a crash without a "not ok" line still fails.
run() {
    name=$1
    shift
    wanted "$name" || return 0
    ran="$ran$name "
    "$@" >"$log" 2>&1
    rc=$?
    if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$log"; then
        echo "not ok - $name exited with $rc" >>"$log"
        tail -5 "$log"
    fi
    count "$name"
}

# FX_ONLY=cli runs just the command-line tests (make check-valgrind).
export FX_REAL="${FX_REAL:-}"

for t in "$O"/tests/test_*; do
    [ -x "$t" ] || continue
    run "unit/$(basename "$t")" "$t"
done

for r in "$O"/tests/replay_fuzz_*; do
    [ -x "$r" ] || continue
    name=${r##*/replay_fuzz_}
    run "fuzz-replay/$name" "$r" "$TOP/tests/fuzz/corpus/$name"
done

for s in "$TOP"/tests/cli/*.sh "$TOP"/tests/screen/*.sh; do
    [ -f "$s" ] || continue
    case $(basename "$s") in lib*.sh) continue ;; esac
    run "$(basename "$(dirname "$s")")/$(basename "$s" .sh)" sh "$s"
done

# A suite asked for by name that does not exist is a mistake, not a pass.
for want in $only; do
    case $ran in *" $want "*) ;; *)
        echo "not ok - no suite named $want"
        fail=$((fail + 1))
        ;;
    esac
done

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
