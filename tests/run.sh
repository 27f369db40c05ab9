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
pdir=
trap 'rm -f "$log"; [ -n "$pdir" ] && rm -rf "$pdir"' EXIT

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
    case " ${FX_SKIP:-} " in *" $1 "*) return 1 ;; esac
    [ "$only" = "  " ] && return 0
    case $only in *" $1 "*) return 0 ;; esac
    return 1
}

# finish NAME RC: count a suite whose output is in $log; a crash without a "not ok" line still fails.
finish() {
    ran="$ran$1 "
    if [ "$2" -ne 0 ] && ! grep -q '^not ok ' "$log"; then
        echo "not ok - $1 exited with $2" >>"$log"
        tail -5 "$log"
    fi
    count "$1"
}

# run NAME CMD…: one suite, run now and counted.
run() {
    name=$1
    shift
    wanted "$name" || return 0
    "$@" >"$log" 2>&1
    finish "$name" $?
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

# The command-line suites are independent of each other (each works in its own mktemp folder with its own HOME),
# so FX_JOBS of them run at once (default 2, the cores of the machines this runs on); their results are counted in
# the suites' order, as if run one by one. The screen suites run one at a time after them: they time keystrokes.
jobs=${FX_JOBS:-2}
clis=
for s in "$TOP"/tests/cli/*.sh; do
    [ -f "$s" ] || continue
    case $(basename "$s") in lib*.sh) continue ;; esac
    wanted "cli/$(basename "$s" .sh)" && clis="$clis $(basename "$s" .sh)"
done
if [ -n "$clis" ]; then
    pdir=$(mktemp -d)
    lane=0
    while [ "$lane" -lt "$jobs" ]; do
        (
            i=0
            for n in $clis; do
                [ $((i % jobs)) -eq "$lane" ] && { sh "$TOP/tests/cli/$n.sh" >"$pdir/$n.log" 2>&1; echo $? >"$pdir/$n.rc"; }
                i=$((i + 1))
            done
        ) &
        lane=$((lane + 1))
    done
    wait
    for n in $clis; do
        cp "$pdir/$n.log" "$log" 2>/dev/null || : >"$log"
        finish "cli/$n" "$(cat "$pdir/$n.rc" 2>/dev/null || echo 1)"
    done
    rm -rf "$pdir"
fi

for s in "$TOP"/tests/screen/*.sh; do
    [ -f "$s" ] || continue
    case $(basename "$s") in lib*.sh) continue ;; esac
    run "screen/$(basename "$s" .sh)" sh "$s"
done

# A suite asked for by name that does not exist is a mistake, not a pass.
for want in $only; do
    case $ran in *" $want "*) ;; *)
        echo "not ok - no suite named $want"
        fail=$((fail + 1))
        ;;
    esac
done

[ -n "${FX_SKIP:-}" ] && echo "# not run here (FX_SKIP):${FX_SKIP:+ $FX_SKIP}"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
