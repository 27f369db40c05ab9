#!/bin/sh
# lib.sh — helpers for screen tests: drive the real fenxiao in a private tmux server and read the screen.
# Source it after tests/cli/lib.sh conventions: $FX is the binary, $T a scratch dir; each check prints ok/not ok.
set -u
: "${FX:?run through tests/run.sh (make check)}"
T=$(mktemp -d "${TMPDIR:-/tmp}/fx-screen.XXXXXX")
SOCK=fxtest$$
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
export FENXIAO_DATA_DIR="${FENXIAO_DATA_DIR:-$TOP/data}"
export HOME="$T/home" XDG_DATA_HOME="$T/home/data" XDG_CONFIG_HOME="$T/home/config"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
mkdir -p "$HOME"
. "$TOP/tests/demo.inc"
cleanup() {
    tmux -L "$SOCK" kill-server >/dev/null 2>&1
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1${2:+: $2}"; }

if ! command -v tmux >/dev/null 2>&1; then
    echo "ok - # SKIP tmux is not installed"
    exit 0
fi

tm() { tmux -L "$SOCK" "$@"; }

# The interpreter itself, asked once: a version manager's python3 shim costs most of a second a call.
PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) || PY=python3

# start DB [COLS ROWS] [ENV=VALUE…]: run fenxiao on DB in a fresh pane and wait for its title line.
start() {
    db=$1
    cols=${2:-80} rows=${3:-24}
    shift 3 2>/dev/null || shift $#
    tm kill-server >/dev/null 2>&1
    # A server still shutting down can refuse the new session for a moment: try again.
    tries=0
    until tm -f /dev/null new-session -d -x "$cols" -y "$rows" -s fx \
        "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color FENXIAO_DATA_DIR='$FENXIAO_DATA_DIR' FENXIAO_TODAY='${FENXIAO_TODAY:-}' $* '$FX' --db '$db'; echo \"[exit \$?]\"; sleep 30" \
        2>/dev/null; do
        tries=$((tries + 1))
        [ "$tries" -lt 20 ] || { echo "not ok - tmux would not start"; return 1; }
        sleep 0.05
    done
    tm set-option -t fx status off >/dev/null
    tm set-option -g escape-time 0 >/dev/null
}

# screen: the pane's text now.
screen() { tm capture-pane -p -t fx 2>/dev/null; }

# wait_for TEXT [SECONDS]: poll the screen until TEXT shows; 0 when it did.
wait_for() {
    want=$1 limit=${2:-5}
    i=0
    while [ "$i" -lt $((limit * 50)) ]; do
        case $(screen) in *"$want"*) return 0 ;; esac
        sleep 0.02
        i=$((i + 1))
    done
    echo "# waited ${limit}s for [$want] in vain"
    return 1
}

# wait_gone TEXT [SECONDS]: poll until TEXT is no longer on screen.
wait_gone() {
    want=$1 limit=${2:-5}
    i=0
    while [ "$i" -lt $((limit * 50)) ]; do
        case $(screen) in *"$want"*) ;; *) return 0 ;; esac
        sleep 0.02
        i=$((i + 1))
    done
    echo "# waited ${limit}s for [$want] to go, in vain"
    return 1
}

# expect NAME TEXT: ok when TEXT appears on screen within the timeout.
expect() {
    if wait_for "$2"; then ok "$1"; else not_ok "$1" "[$2] not on screen:
$(screen | sed 's/^/#   /')"; fi
}

# keys KEY…: tmux key names (Enter, Left, F7, BSpace, Escape). text STRING: literal, e.g. Chinese.
keys() { tm send-keys -t fx "$@"; }
text() { tm send-keys -t fx -l "$1"; }

resize() { tm resize-window -t fx -x "$1" -y "$2"; }

# widest: the widest line of the screen in display columns.
widest() {
    screen | "$PY" -c '
import sys, unicodedata
w = 0
for line in sys.stdin.read().split("\n"):
    c = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in line.rstrip("\n"))
    w = max(w, c)
print(w)'
}

# ledger DB [UNIT]: a small ledger made with init and sqlite3: two branches, members with pinyin-testable names.
ledger() {
    db=$1 unit=${2:-城东街道党校分校}
    "$FX" --db "$db" init --unit "$unit" >/dev/null 2>&1 || return 1
    sqlite3 "$db" "
INSERT INTO branch (uuid, unit_id, name, kind) VALUES
  ('b-1', 1, '东风村党支部', '村'), ('b-2', 1, '新华社区党支部', '社区');
INSERT INTO member (uuid, branch_id, name, gender, role) VALUES
  ('m-1', 1, '张三', '男', '普通党员'),
  ('m-2', 1, '张山峰', '男', '党组织书记'),
  ('m-3', 1, '李四', '女', '普通党员'),
  ('m-4', 2, '王小明', '男', '普通党员'),
  ('m-5', 2, '赵素', '女', '班子成员'),
  ('m-6', 2, '曾国强', '男', '普通党员'),
  ('m-7', 2, '钱多多', '女', '普通党员');" || return 1
}

# mask: replace what changes from day to day (dates, clock) so screens compare to expected files.
mask() {
    sed -E '1s/ +/ /g; s/[0-9]{4}年[0-9]{1,2}月/YYYY年M月/g; s/[0-9]{4}年/YYYY年/g; s/已保存 [0-9]{2}:[0-9]{2}/已保存 HH:MM/g' | sed -E 's/[[:space:]]+$//'
}

# snap NAME [SED]: the whole screen, masked and with YYYY-MM-DD dates masked too, then through the sed -E
# script SED if given, against expected/NAME.txt (FX_SAVE_EXPECTED=1 writes the file first).
# The one comparison of whole screens: every screen test keeps its screens this way.
snap() {
    screen | mask | sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}/YYYY-MM-DD/g' | sed -E "${2:-}" >"$T/$1.txt"
    [ -n "${FX_SAVE_EXPECTED:-}" ] && cp "$T/$1.txt" "$TOP/tests/screen/expected/$1.txt"
    if diff -u "$TOP/tests/screen/expected/$1.txt" "$T/$1.txt" >"$T/diff"; then
        ok "$1 matches expected/$1.txt"
    else
        not_ok "$1 matches expected/$1.txt" "$(head -40 "$T/diff")"
    fi
}

# title_is NAME ERE: ok when the title line (the screen's first row) comes to match ERE within 5 s.
# At start-up it ends in 已保存; only a commit (app_mark_saved) adds the time, 已保存 HH:MM.
title_is() {
    i=0
    while [ $i -lt 250 ]; do
        screen | sed -n 1p | grep -Eq "$2" && { ok "$1"; return 0; }
        sleep 0.02
        i=$((i + 1))
    done
    not_ok "$1" "title line [$(screen | sed -n 1p)] does not match /$2/"
}
SAVED_AT='已保存 [0-9]{2}:[0-9]{2}[[:space:]]*$'
UNSAVED_SINCE_START='已保存[[:space:]]*$'

# sql_is NAME DB SQL WANT: ok when sqlite3 answers SQL on DB with WANT, asked again for up to 3 s:
# a form can close before its transaction is committed on a busy machine.
sql_is() {
    tries=0
    while :; do
        got=$(sqlite3 "$2" "$3")
        [ "$got" = "$4" ] && { ok "$1"; return 0; }
        tries=$((tries + 1))
        [ "$tries" -lt 10 ] || break
        sleep 0.3
    done
    not_ok "$1" "[$got]"
}
