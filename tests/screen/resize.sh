#!/bin/sh
# resize.sh — KEY_RESIZE: below 80x24 a clear 终端窗口太小 screen, and back up a clean redraw with nothing left over.
# Also the ledger lock (a second copy says so and exits 4) and a missing ledger (nothing created without asking).
. "$(dirname "$0")/lib.sh"

ledger "$T/a.db" || { not_ok "make a test ledger"; exit 1; }
start "$T/a.db" 80 24
wait_for "本月概况" || not_ok "home screen came up"

resize 60 15
expect "60x15 shows the too-small screen" "终端窗口太小"
case $(screen) in *本月概况*|*F10退出*) not_ok "nothing of the old screen is left" "$(screen)" ;; *) ok "nothing of the old screen is left" ;; esac
resize 100 30
if wait_gone "终端窗口太小"; then ok "100x30 redraws the screens"; else not_ok "100x30 redraws the screens"; fi
expect "the key bar is back" "F10退出"
expect "the body is back" "本月概况"
w=$(widest)
if [ "$w" -le 100 ]; then ok "every line within 100 columns"; else not_ok "within 100 columns" "widest $w"; fi
last=$(screen | tail -1)
case $last in F1帮助*) ok "the key bar is on the last line" ;; *) not_ok "the key bar is on the last line" "[$last]" ;; esac

# A resize inside a form keeps what was typed.
keys e
wait_for "设置：单位名称"
keys C-u
text "半截"
resize 60 15
wait_for "终端窗口太小"
expect "the too-small screen says the form holds unsaved text" "表单里有没保存的内容"
# Keys pressed there go nowhere: nothing typed into the hidden form, nothing saved or closed blind.
keys x y z Enter F2 Escape Tab
text 字
resize 80 24
expect "typed text survives a resize" "单位名称* 半截"
case $(screen) in *"半截xyz"* | *"半截字"*) not_ok "keys on the too-small screen typed nothing" ;; *) ok "keys on the too-small screen typed nothing" ;; esac
name=$(sqlite3 "$T/a.db" "SELECT name FROM unit")
[ "$name" = 城东街道党校分校 ] && ok "nor saved anything" || not_ok "nor saved anything" "[$name]"
keys Escape
wait_for "放弃修改"
keys y
wait_gone "设置：单位名称"

# A second copy while this one holds the ledger.
tm new-window -t fx -n two "env LANG=C.UTF-8 TERM=xterm-256color FENXIAO_DATA_DIR='$FENXIAO_DATA_DIR' '$FX' --db '$T/a.db'; echo \"[exit \$?]\"; sleep 30"
i=0
while [ $i -lt 250 ]; do
    out=$(tm capture-pane -p -t fx:two)
    case $out in *"[exit"*) break ;; esac
    sleep 0.02
    i=$((i + 1))
done
case $out in
*"另一个"*"[exit 4]"*) ok "a second copy says the ledger is in use and exits 4" ;;
*) not_ok "a second copy says the ledger is in use and exits 4" "$out" ;;
esac
tm kill-window -t fx:two
# q on the too-small screen quits, as it says, even from inside a form.
keys e
wait_for "设置：单位名称"
resize 60 15
wait_for "终端窗口太小"
keys q
expect "q on the too-small screen quits from inside a form" "[exit 0]"

# A missing ledger: asked first; no means nothing is created.
start "$T/none.db" 80 24
expect "a missing ledger is named" "账本不存在"
keys n
expect "declining exits 5" "[exit 5]"
if [ -e "$T/none.db" ]; then not_ok "declining creates nothing"; else ok "declining creates nothing"; fi
start "$T/new.db" 80 24
wait_for "账本不存在"
keys y
expect "accepting asks for the unit name" "新建账本"
keys C-u
text "西湖镇党校分校"
keys Enter
expect "the new ledger opens on the home screen" "分校台账 · 西湖镇党校分校"
name=$(sqlite3 "$T/new.db" "SELECT name FROM unit")
if [ "$name" = "西湖镇党校分校" ]; then ok "the new ledger holds the unit name"; else not_ok "new ledger unit" "[$name]"; fi
keys q
wait_for "[exit 0]"
