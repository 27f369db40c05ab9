#!/bin/sh
# days.sh — the date-sensitive tests once for every day of a range, FENXIAO_TODAY set to that day; names the days that fail.
# Usage: tests/days.sh [--edges] [--list] [FROM [TO]]   (default 2027-12-15 2028-03-15; 2027-09-01 2028-08-31: 366 days)
#   --edges         only the days where calendars turn: the first seven (every weekday once), the first and last
#                   of each month, February's 28th, and TO (what CI runs; see .ci/run)
#   --list          print the days that would run, and stop
#   O, BIN          the build directory and binary, as for tests/run.sh (default build, fenxiao)
#   FX_DAYS_JOBS    days run at once (default 2: the machine's cores are shared)
#   FX_DAYS_SUITES  the suites to run each day (default: DAY_SUITES below)
#   FX_DAYS_EVERY   run every Nth day of the range only (default 1: all of them)
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
# Absolute, for the days run in parallel from the top of the tree.
O=$(cd "${O:-build}" 2>/dev/null && pwd) || {
    echo "days.sh: no build directory ${O:-build} (make first)" >&2
    exit 2
}
BIN=$(cd "$(dirname "${BIN:-fenxiao}")" && pwd)/$(basename "${BIN:-fenxiao}")
export O BIN
cd "$TOP" || exit 2

# The suites whose outcome depends on the day, found by reading who calls date_today/date_now:
#   unit/test_date      the calendar, periods and FENXIAO_TODAY itself
#   unit/test_menu      orders overdue as of today (menu.c)
#   unit/test_standard  evaluation as of today, marks dated today (standard.c, standard_mark.c)
#   unit/test_report    every report's 制表日期 (report_build.c)
#   cli/demo            the demo generator: a year of sessions ending today (cli_demo.c)
#   cli/report_menu, cli/report_more, cli/import_attendance
#                       run on that demo; report_more's county month and year follow its last session
#   screen/*            every screen opens on this month (app.c): the overview's figures (home), the ledger's month and
#                       the form's date (ledger, branches), the report (report), this year's checklist (check),
#                       this year's hours and points (roster, points), this year's teachers on a demo (menu), orders overdue (orders)
# Left out, with reasons: cli/check and cli/report name their periods (2023, 2024) and dated every session, so
# "as of today" is the same on any day after 2024; cli/reliability's date_now only names the daily backup file;
# edit, picker and resize assert nothing of the period they open on.
DAY_SUITES="unit/test_date unit/test_menu unit/test_standard unit/test_report
cli/demo cli/report_menu cli/report_more cli/import_attendance
screen/home screen/ledger screen/branches screen/report screen/check screen/roster screen/points screen/menu screen/orders"

# One day (run by the parallel loop below): that day's demos once, then the suites through tests/run.sh.
if [ "${1:-}" = --day ]; then
    day=$2 work=$3
    d="$work/$day"
    mkdir -p "$d/demo"
    export FENXIAO_TODAY="$day"
    suites=${FX_DAYS_SUITES:-$DAY_SUITES}
    # The townships the suites copy (tests/demo.inc), made once: the default one for most, report_more's two.
    case " $(echo $suites) " in *" cli/demo "* | *" cli/report_menu "* | *" cli/import_attendance "* | *" screen/home "* | *" screen/menu "*)
        "$BIN" --db "$d/demo/示例镇党校分校.db" demo >/dev/null 2>&1 ;;
    esac
    case " $(echo $suites) " in *" cli/report_more "*)
        for unit in 东湖镇党校分校 西塘镇党校分校; do
            "$BIN" --db "$d/demo/$unit.db" demo --unit "$unit" >/dev/null 2>&1
        done ;;
    esac
    FX_JOBS=${FX_JOBS:-1} FX_DEMO_CACHE="$d/demo" sh "$TOP/tests/run.sh" "$O" "$BIN" $suites >"$d/log" 2>&1
    echo $? >"$d/rc"
    rm -rf "$d/demo"
    printf '%s  %s\n' "$day" "$(tail -1 "$d/log")"
    exit 0
fi

edges="" list=""
while :; do
    case ${1:-} in
    --edges) edges=1 ;;
    --list) list=1 ;;
    *) break ;;
    esac
    shift
done
FROM=${1:-2027-12-15}
TO=${2:-2028-03-15}
EVERY=${FX_DAYS_EVERY:-1}
[ "$EVERY" -ge 1 ] 2>/dev/null || EVERY=1
# Calendar arithmetic by GNU date on the named days only (UTC: no clock, no time zone in it).
days=$(TZ=UTC0 date -d "$FROM" +%F 2>/dev/null) && last=$(TZ=UTC0 date -d "$TO" +%F 2>/dev/null) || {
    echo "days.sh: FROM and TO are dates, YYYY-MM-DD" >&2
    exit 2
}
[ "$(printf '%s\n%s\n' "$days" "$last" | sort | head -1)" = "$days" ] || {
    echo "days.sh: $FROM is after $TO" >&2
    exit 2
}
day=$days days="" n=0
while :; do
    next=$(TZ=UTC0 date -d "$day +1 day" +%F)
    if [ -n "$edges" ]; then
        # n:MM-DD:next day's DD — the first week, a month's first and last day, February's 28th.
        case $n:${day#*-}:${next#*-*-} in
        [0-6]:* | *:*-01:* | *:*:01 | *:02-28:*) days="$days $day" ;;
        *) [ "$day" = "$last" ] && days="$days $day" ;;
        esac
    elif [ $((n % EVERY)) -eq 0 ] || [ "$day" = "$last" ]; then
        days="$days $day"
    fi
    [ "$day" = "$last" ] && break
    day=$next n=$((n + 1))
done
count=$(echo $days | wc -w)
if [ -n "$list" ]; then
    echo $days
    exit 0
fi
[ -x "$BIN" ] || {
    echo "days.sh: no binary $BIN (make first)" >&2
    exit 2
}

rm -rf "$O/days" # the failing days' logs of an earlier run
work=$(mktemp -d "${TMPDIR:-/tmp}/fx-days.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
echo "days.sh: $count days, $FROM … $TO${edges:+ (edges only)}, ${FX_DAYS_JOBS:-2} at a time"
echo "  suites: $(echo ${FX_DAYS_SUITES:-$DAY_SUITES})"
start=$(date +%s)
printf '%s\n' $days | xargs -P "${FX_DAYS_JOBS:-2}" -I{} sh "$TOP/tests/days.sh" --day {} "$work"
took=$(($(date +%s) - start))

# Each failing day: its failures, and its whole log kept under $O/days/ to read.
bad=""
for day in $days; do
    rc=$(cat "$work/$day/rc" 2>/dev/null || echo 1)
    [ "$rc" -eq 0 ] && continue
    bad="$bad $day"
    mkdir -p "$O/days"
    cp "$work/$day/log" "$O/days/$day.log" 2>/dev/null
    echo "--- $day (FENXIAO_TODAY=$day; the log is $O/days/$day.log)"
    grep -E '^(  [^ ]+: )?(not ok|#)' "$work/$day/log" | grep -v '# SKIP' | head -20
done
nbad=$(echo $bad | wc -w)
echo "$count days in ${took}s: $((count - nbad)) green, $nbad failing${bad:+:$bad}"
[ "$nbad" -eq 0 ]
