#!/bin/sh
# points.sh — the 名册 screen's 积分排名 (p): this year's points by data/points.ini's rules, equal points sharing a
# rank, one branch with f, Enter opening the member's record, p going back. Worked out by hand from the sessions
# below with the shipped rules (1 a 学时, 2 a full-attendance month, −2 an absence without leave).
. "$(dirname "$0")/lib.sh"

DB=$T/a.db
ledger "$DB" || { not_ok "make a test ledger"; exit 1; }
Y=$(echo "$FENXIAO_TODAY" | cut -c1-4)
add() { "$FX" --db "$DB" session add --future --category 政治理论教育 --format 集中培训 "$@" >/dev/null 2>&1; }
add --date "$Y-03-10" --title 三月上旬 --hours 8 --attendees 张三,李四,王小明 --absent 张山峰:未到 &&
    add --date "$Y-03-20" --title 三月下旬 --hours 2 --attendees 张三,李四 || not_ok "add sessions"
# 张三, 李四: 10 学时 + March full (2) = 12, both 1st; 王小明: 8 + 2 = 10, 3rd; 赵素, 曾国强, 钱多多: 0, 4th;
# 张山峰: absent once, −2, 7th.

start "$DB" 80 24
wait_for "本月概况" || not_ok "home screen came up"
keys 6
wait_for "本年学时" || not_ok "名册 came up"
keys p
expect "p shows this year's ranking of the 7 members" "积分排名：7 人（全部党组织）"
expect "…with the rules it used" "学时×1 全勤月×2 缺席×-2"
row() { screen | grep -E "^ +$1 +$2 +$3 +$4 " | grep -E " $5 +$6 +$7 +$8\$" >/dev/null; }
check_row() {
    if row "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$9"; then ok "$1"; else not_ok "$1" "$(screen | sed 's/^/#   /')"; fi
}
check_row "李四 1st: 10 学时, 1 full month, 12" 1 1 李四 东风村党支部 10 1 0 12
check_row "张三 shares the 1st place" 1 1 张三 东风村党支部 10 1 0 12
check_row "王小明 3rd in the township, 1st in 新华社区" 3 1 王小明 新华社区党支部 8 1 0 10
check_row "赵素 4th with 0" 4 2 赵素 新华社区党支部 0 0 0 0
check_row "张山峰 last: one absence, −2" 7 3 张山峰 东风村党支部 0 0 1 -2
snap points_ranking

keys Enter
expect "Enter opens the record of the member under the cursor (李四, first by pinyin)" "李四 · 东风村党支部 · 普通党员"
expect "…with the 学时 the ranking counted" "出席 2 次，合计 10 学时"
keys Escape
expect "Esc comes back to the ranking" "积分排名：7 人"

keys f
wait_for "按党组织筛选" || not_ok "the branch picker opened"
text 新华
keys Enter
expect "f keeps one branch: 4 ranked" "积分排名：4 人（新华社区党支部）"
check_row "…王小明 still 3rd in the township" 3 1 王小明 新华社区党支部 8 1 0 10

keys p
expect "p goes back to the roster" "本年学时"
cleanup
