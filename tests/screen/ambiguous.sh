#!/bin/sh
# ambiguous.sh — a terminal that draws East Asian Ambiguous characters wide (PuTTY/Xshell CJK,
# GNOME "Wide", xterm -cjk_width): with [screen] ambiguous = wide, every byte the program writes
# while all seven screens of the demo are walked holds no such character (issue 18). The oracle is
# Python's unicodedata, not the program's own table.
. "$(dirname "$0")/lib.sh"

demo_ledger "$T/demo.db" || { not_ok "make a demo ledger"; exit 1; }
mkdir -p "$T/wide/fenxiao" "$T/narrow/fenxiao"
printf '[screen]\nambiguous = wide\n' >"$T/wide/fenxiao/fenxiao.ini"
printf '[screen]\nambiguous = narrow\n' >"$T/narrow/fenxiao/fenxiao.ini"
# ambiguous BYTES-FILE: the ambiguous characters in it, "U+201C“ U+2026…", or nothing.
ambiguous() {
    "$PY" - "$1" <<'PY'
import sys, unicodedata
text = open(sys.argv[1], 'rb').read().decode('utf-8', 'replace')
found = sorted({c for c in text if ord(c) >= 0xA0 and unicodedata.east_asian_width(c) == 'A'})
print(' '.join('U+%04X%s' % (ord(c), c) for c in found))
PY
}
walk() { # walk ENV=VALUE…: start, capture every byte written, visit the seven screens and their help
    start "$T/demo.db" 80 24 "$@"
    : >"$T/bytes"
    tm pipe-pane -t fx -o "cat >>'$T/bytes'"
    for tab in 1 2 3 4 5 6 7; do
        keys "$tab"
        sleep 0.4
        keys F1
        sleep 0.3
        keys Escape
        sleep 0.2
    done
    keys 2 Enter
    sleep 0.4
    keys Escape 4 Down Down Enter
    sleep 0.4
    keys Escape
    sleep 0.2
    tm pipe-pane -t fx
    keys F10
    expect "the walk ends with status 0 ($*)" "[exit 0]"
}

# Narrow (the default where the terminal does not answer): the walk does write ambiguous
# characters — so the capture below can see them when they are there.
walk XDG_CONFIG_HOME="$T/narrow"
found=$(ambiguous "$T/bytes")
if [ -n "$found" ]; then ok "narrow: the capture holds ambiguous characters ($found)"; else not_ok "narrow: the capture holds ambiguous characters" "none in $(wc -c <"$T/bytes") bytes"; fi

walk XDG_CONFIG_HOME="$T/wide"
n=$(wc -c <"$T/bytes")
if [ "$n" -gt 10000 ]; then ok "wide: the walk was captured ($n bytes)"; else not_ok "wide: the walk was captured" "$n bytes"; fi
found=$(ambiguous "$T/bytes")
if [ -z "$found" ]; then ok "wide: no East Asian Ambiguous character in any byte written"; else not_ok "wide: no East Asian Ambiguous character in any byte written" "$found"; fi
if grep -q "八个一" "$T/bytes"; then ok "wide: the Chinese is still there"; else not_ok "wide: the Chinese is still there"; fi
