#!/bin/sh
# plan.sh — the 计划 screen (issue 15): a 12-item plan (cli/plan.sh's file) against the ledger as of a given day,
# overdue items in red, an item added through the form, the sessions of an item, 建账 of a year whose plan misses
# months of the every-two-months rule (named in the dialog), a plan item chosen by hand in the session form, and
# 交账 of a year with an open problem (the reason asked for, the package written, the year locked).
. "$(dirname "$0")/lib.sh"

# The calendar of this file: the plan's year is 2026 and today is 15 September of it.
FENXIAO_TODAY=2026-09-15
export FENXIAO_TODAY

DB=$T/plan.db
"$FX" --db "$DB" init --unit 计划镇 >/dev/null 2>&1 || { not_ok "init a ledger"; exit 1; }
sed -n '/^cat >"\$T\/plan.csv"/,/^EOF/p' "$TOP/tests/cli/plan.sh" | sed '1d;$d' >"$T/plan.csv"
add() { "$FX" --db "$DB" session add --format 集中培训 "$@" >/dev/null 2>&1 || not_ok "session add $*"; }
add --date 2026-01-15 --title 新年第一课 --category 政治理论教育 --kind 培训班 --hours 4
add --date 2026-03-10 --title 参观基地 --category 革命传统教育 --kind 现场教学 --hours 3
"$FX" --db "$DB" plan import "$T/plan.csv" --year 2026 >/dev/null 2>&1 || not_ok "plan import"
eq() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected [$2] got [$3]"; fi; }
eq "the fixture: 12 items, sessions 1 and 3 linked automatically" "12 1:1,2:3" \
    "$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM plan_item) || ' ' || (SELECT group_concat(session_id || ':' || plan_id, ',') FROM plan_link)")"

start "$DB" 80 24
wait_for "1总览" || not_ok "home screen came up"
expect "the tab bar ends with 8计划" "7经费   8计划"
keys 8
expect "digit 8 opens this year's plan" "◀ 2026年 ▶"
expect "…not opened yet" "未建账"
# As of 2026-09-15: 1 and 3 done; 2, 4–8 overdue (their months have ended); 9–12 not yet due.
expect "…the year's tally from core" "全年：计划 12 · 已完成 2 · 逾期 6 · 未到期 4 · 完成率 16.7%（截至 2026-09-15）"
snap plan-list
# Overdue rows are drawn in the error colour (red), done and pending ones are not.
red() { tm capture-pane -e -p -t fx | grep "$1" | grep -c '\[31m\|\[91m\|;31m\|;91m'; }
eq "an overdue item (2月 党章学习) is red" "1" "$(red 党章学习)"
eq "a done item (1月 新年第一课) is not" "0" "$(red 新年第一课)"
eq "a pending item (12月 年终理论课) is not" "0" "$(red 年终理论课)"

# ---- Enter: the sessions of the item under the cursor ----
keys Enter
expect "Enter shows the item's sessions" "关联的培训记录"
expect "…the January session, linked by the rule" "新年第一课（培训班，自动关联）"
keys Escape
wait_gone "关联的培训记录" || not_ok "the dialog closed"

# ---- a: a new item through the form ----
keys a
expect "a opens the item form" "新增 2026 年计划项目"
text "12月"
keys Down
text "年终总结会"
keys Down Down Down
text "全体党员"
keys Down
text 3
keys Down
text "王书记"
keys F2
wait_gone "新增 2026 年计划项目" || not_ok "the form closed after saving"
expect "saved: the status line names it" "已保存：2026 年计划项目 13 年终总结会"
expect "…the tally counts it" "全年：计划 13 · 已完成 2 · 逾期 6 · 未到期 5"
sql_is "…written once, with its fields" "$DB" \
    "SELECT month_first || month_last || title || kind || target || hours || responsible FROM plan_item WHERE id = 13" \
    "1212年终总结会培训班全体党员3.0王书记"
sql_is "…audited" "$DB" \
    "SELECT count(*) FROM audit WHERE entity = 'plan' AND action = 'insert' AND uuid = (SELECT uuid FROM plan_item WHERE id = 13)" "1"

# ---- 建账 of 2027, whose plan covers only March and April ----
keys ]
expect "] goes to the next year" "◀ 2027年 ▶"
expect "…with no plan yet" "2027 年还没有培训计划"
keys a
wait_for "新增 2027 年计划项目" || not_ok "the form opened for 2027"
text "3—4月"
keys Down
text "春季培训班"
keys F2
wait_gone "新增 2027 年计划项目" || not_ok "the 2027 form closed after saving"
keys o
expect "o asks before opening the year" "为 2027 年建账？"
keys y
expect "建账 says the plan breaks the rule" "建账：计划不符合标准"
# The dialog wraps the line at 80 columns: 「未覆盖 1—2月、5—6月、7—8月、9—10月、11—12月」.
expect "…naming the months not covered" "集中学习培训每两个月不少于1次：计划 1 项，未覆盖 1—2"
expect "…all five of them" "月、5—6月、7—8月、9—10月、11—12月"
expect "…and the half year not covered" "主体班次每半年不少于1期：计划 1 项，未覆盖 下半年"
snap plan-open
keys Enter
expect "the year shows as opened" "已建账（"
sql_is "…one year_open row" "$DB" "SELECT count(*) FROM year_open WHERE year = 2027" "1"
keys [
expect "[ goes back to 2026" "◀ 2026年 ▶"

# ---- the session form: the plan item chosen by hand ----
keys 2
wait_for "◀ " || not_ok "the ledger screen came up"
keys n
expect "n opens the session form" "计划项目"
keys C-u
text 2026-06-20
keys Down Down Down Down
text 六月补课
keys Down Down Down Down
keys Space
expect "Space on 计划项目 opens the plan picker" "选择 2026 年的计划项目"
text 为民
expect "…typing finds the June item" "为民服务专题课"
keys Enter
expect "…the form shows it, by hand" "6月 为民服务专题课（手动）"
keys Down Down Down Down
text 2
keys F2
wait_gone "计划项目" || not_ok "the session form closed after saving"
sql_is "the new session is linked to item 6 by hand" "$DB" \
    "SELECT l.plan_id || ':' || l.how FROM plan_link l JOIN session s ON s.id = l.session_id WHERE s.title = '六月补课'" \
    "6:手动"
keys 8
expect "…and the plan counts it done" "全年：计划 13 · 已完成 3 · 逾期 5 · 未到期 5"

# ---- j: 交账 of 2026 with a problem still open: the reason is asked for, the package written, the year locked ----
# The problem is recorded from the command line while the screens are closed (one writer at a time).
keys q
wait_for "[exit 0]" || not_ok "q quits"
"$FX" --db "$DB" problem add --date 2026-09-01 --source 自查 --text 学时登记不全 >/dev/null 2>&1 || not_ok "problem add"
start "$DB" 80 24
wait_for "1总览" || not_ok "the screens came up again"
keys 8
expect "back on the plan" "◀ 2026年 ▶"
keys j
expect "j asks before closing the year" "为 2026 年交账？"
expect "…says the package comes first" "先写出交账材料"
expect "…and names the problem still open" "还有 1 个问题未整改完成：交账须写明原因"
keys y
expect "…then asks for the reason" "带着未整改问题交账的原因"
text "整改跨年度，明年三月前完成"
keys F2
expect "交账 says it is done" "已交账：2026 年"
expect "…and that the year is locked" "本年度已锁定为只读。"
sql_is "the year is closed" "$DB" "SELECT count(*) FROM closed_year WHERE year = 2026" "1"
sql_is "…its reason in the audit log" "$DB" \
    "SELECT count(*) FROM audit WHERE action = 'close' AND entity = 'year' AND after LIKE '%整改跨年度，明年三月前完成%'" "1"
eq "the package's PDF and XLSX are in the documents folder" "2" \
    "$(find "$HOME" -name '计划镇2026年交账材料.*' | wc -l | tr -d ' ')"
keys Enter
expect "the header says the year is closed" "· 已交账"
keys j
expect "j again: refused, the year is closed" "2026 年已经交账"
