#!/bin/sh
# cjk-screenshot.sh — the 清单 screen in xterm -cjk_width (East Asian Ambiguous characters drawn
# two columns wide) under Xvfb, as a PNG to look at: are the lines aligned? A check for people
# (issue 18), not part of make check. Needs xvfb xterm xdotool x11-apps imagemagick fonts-wqy-zenhei.
#   tests/lib/cjk-screenshot.sh OUT.png [auto|wide|narrow]
set -eu
out=${1:?usage: tests/lib/cjk-screenshot.sh OUT.png [auto|wide|narrow]}
mode=${2:-auto}
top=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null; rm -rf "$t"' EXIT
export FENXIAO_TODAY=${FENXIAO_TODAY:-2026-12-05} FENXIAO_DATA_DIR="$top/data"
"$top/fenxiao" --db "$t/demo.db" demo >/dev/null 2>&1
mkdir -p "$t/cfg/fenxiao"
printf '[screen]\nambiguous = %s\n' "$mode" >"$t/cfg/fenxiao/fenxiao.ini"
d=:$((90 + $$ % 9))
Xvfb "$d" -screen 0 1400x700x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=$d xterm -cjk_width -fa 'WenQuanYi Zen Hei Mono' -fs 13 -geometry 80x24+0+0 -title fenxiao \
    -e env XDG_CONFIG_HOME="$t/cfg" LANG=C.UTF-8 "$top/fenxiao" --db "$t/demo.db" &
sleep 3
w=$(DISPLAY=$d xdotool search --name fenxiao | head -1)
DISPLAY=$d xdotool windowfocus "$w" key 4
sleep 1.5
DISPLAY=$d xwd -root -silent >"$t/shot.xwd"
convert "$t/shot.xwd" -trim +repage "$out"
DISPLAY=$d xdotool windowfocus "$w" key F10 || true
echo "$out"
