#!/bin/sh
# picker.sh — pinyin initials narrow the member search (F7 or / on the home screen) to the right people.
# Rows come page by page from member_page; the names are chosen so that initials collide.
. "$(dirname "$0")/lib.sh"

ledger "$T/a.db" || { not_ok "make a test ledger"; exit 1; }
start "$T/a.db" 80 24
wait_for "本月概况" || not_ok "home screen came up"

keys F7
expect "F7 opens the member search" "查找党员"
expect "the empty query lists everyone" "│ 钱多多"
text zs
# Rows are matched at the box edge ("│ 张三"): the hint line also names 张三 and 王小明.
if wait_for "│ 张山峰" && wait_gone "│ 李四" && wait_gone "│ 王小明"; then
    s=$(screen)
    case $s in *"│ 张三 "*"│ 赵素"*) ok "zs finds 张三, 张山峰 and 赵素, not the others" ;; *) not_ok "zs narrows" "$s" ;; esac
else
    not_ok "zs narrows the list" "$(screen)"
fi
keys BSpace BSpace
text wxm
if wait_for "│ 王小明" && wait_gone "│ 张三"; then ok "wxm finds 王小明 only"; else not_ok "wxm finds 王小明 only" "$(screen)"; fi
keys Escape
wait_gone "查找：wxm"
text cgq
if wait_for "│ 曾国强"; then ok "曾 matches by its surname reading c"; else not_ok "cgq finds 曾国强"; fi
keys C-u
text zgq
if wait_for "│ 曾国强" && wait_gone "│ 张三"; then ok "曾 matches by z too"; else not_ok "zgq finds 曾国强"; fi
keys Enter
expect "Enter shows the chosen member" "党组织：新华社区党支部"
keys Enter
wait_gone "党组织：新华社区党支部"

keys /
expect "/ is F7's twin" "查找党员"
text 李
if wait_for "│ 李四" && wait_gone "│ 张三"; then ok "a Chinese query matches by text"; else not_ok "李 finds 李四"; fi
keys Escape
wait_gone "查找：李"
keys Escape
if wait_gone "输入姓名或拼音首字母"; then ok "Esc twice closes the picker"; else not_ok "Esc twice closes the picker"; fi
keys q
expect "quits" "[exit 0]"

# A long list: 1,000 members, paged from the ledger 64 at a time. End, PgUp, Home must land on the right rows.
sqlite3 "$T/a.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
  INSERT INTO member (uuid, branch_id, name) SELECT 'big-' || i, 1, '测试' || printf('%04d', i) FROM n;"
start "$T/a.db" 80 24
wait_for "本月概况"
keys /
wait_for "输入姓名或拼音首字母"
text cs
expect "cs narrows to the 1,000 test members" "│ 测试0001"
keys End
expect "End reaches the last row" "│ 测试1000"
keys PPage PPage PPage
if wait_gone "│ 测试1000"; then ok "PgUp scrolls back"; else not_ok "PgUp scrolls back"; fi
keys Home
expect "Home returns to the first row" "│ 测试0001"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do keys Down; done
expect "Down scrolls a row at a time" "│ 测试0021"
keys Enter
expect "the row under the cursor is chosen" "姓名：测试0021"
keys Enter Escape Escape
wait_gone "输入姓名或拼音首字母"
keys q
expect "quits after the long list" "[exit 0]"
