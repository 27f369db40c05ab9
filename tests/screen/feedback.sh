#!/bin/sh
# feedback.sh — the 师资库 (菜单 3, t) shows each teacher's year: 期数, 学时, 人次 and the average 满意度 (issue 17),
# weighted by forms returned: 张老师 (18 + 7) / (20 + 10) = 83.3%, worked out by hand.
. "$(dirname "$0")/lib.sh"
export FENXIAO_TODAY=2026-12-05

DB="$T/fb.db"
"$FX" --db "$DB" init --unit 测试镇 >/dev/null 2>&1
printf '姓名,专职兼职,类型,单位,擅长专题\r\n张老师,专职,专家型,县委党校,党史\r\n李老师,兼职,领导型,镇政府,政策\r\n' >"$T/t.csv"
"$FX" --db "$DB" import teachers "$T/t.csv" >/dev/null 2>&1
for d in 2026-11-03 2026-11-10; do
    "$FX" --db "$DB" session add --date $d --title 课$d --category 政治理论教育 --format 集中培训 --kind 专题党课 \
        --hours 2 --teacher 张老师 --expected 40 --present 30 >/dev/null 2>&1
done
"$FX" --db "$DB" session feedback 1 --returned 20 --satisfied 15 --basic 3 --unsatisfied 2 >/dev/null 2>&1
"$FX" --db "$DB" session feedback 2 --returned 10 --satisfied 5 --basic 2 --unsatisfied 3 >/dev/null 2>&1
# 李老师: one session, 5 of 5 on 10 forms = 100.0%.
"$FX" --db "$DB" session add --date 2026-11-20 --title 李课 --category 政治理论教育 --format 集中培训 --kind 专题党课 \
    --hours 3 --teacher 李老师 --expected 40 --present 35 >/dev/null 2>&1
"$FX" --db "$DB" session feedback 3 --returned 10 --score 5 >/dev/null 2>&1

start "$DB" 100 24 FENXIAO_TODAY=2026-12-05
wait_for "1总览" || not_ok "home screen came up"
keys 3 t
expect "the 师资库 has a 满意度 column" "满意度"
expect "…张老师's average 83.3% in the list" "83.3%"
expect "…and in the record line with 期数, 学时, 人次" "2026年授课 2 期，4 学时，60 人次，平均满意度 83.3%"

# s cycles the order: 姓名 (by the name's bytes: 张 before 李), 期数, 学时, 人次, 满意度 — largest first.
order() { screen | grep -o '张老师\|李老师' | head -2 | tr -d '\n'; }
eq() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected [$2] got [$3]"; fi; }
eq "by name: 张老师 then 李老师" "张老师李老师" "$(order)"
keys s
expect "s sorts by 期数" "师资库按期数排序"
eq "…张老师 (2 期) first" "张老师李老师" "$(order)"
keys s
expect "s again: by 学时" "师资库按学时排序"
eq "…张老师 (4 学时) before 李老师 (3)" "张老师李老师" "$(order)"
keys s
expect "s again: by 人次" "师资库按人次排序"
eq "…张老师 (60 人次) before 李老师 (35)" "张老师李老师" "$(order)"
keys s
expect "s again: by 满意度" "师资库按满意度排序"
eq "…李老师 (100.0%) before 张老师 (83.3%)" "李老师张老师" "$(order)"
keys Down
expect "…the cursor's record line follows the order" "2026年授课 2 期，4 学时，60 人次，平均满意度 83.3%"
keys s
expect "s again: back to 姓名" "师资库按姓名排序"
eq "…张老师 first again" "张老师李老师" "$(order)"

# d retires (停用) the teacher under the cursor, with a reason: the row leaves the 师资库, the ledger keeps why.
keys Home
expect "Home: the cursor on 张老师" "张老师（专职、专家型）"
keys d
expect "d asks before retiring" "停用教师"
keys y
expect "…then asks the reason" "停用原因"
text 调离本镇
keys Enter
wait_gone "停用原因" || not_ok "the retire form closed"
expect "…and says so" "已停用教师“张老师”（原因：调离本镇）"
if screen | grep -q '张老师.*专职'; then not_ok "…the row left the list" "$(screen)"; else ok "…the row left the list"; fi
eq "…the ledger keeps the reason" "0|调离本镇" "$(sqlite3 "$DB" "SELECT active, retire_reason FROM teacher WHERE name = '张老师'")"
eq "…audited as retire" "1" "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE entity = 'teacher' AND action = 'retire'")"

# The 台账 detail of a session shows its feedback and 满意度.
keys 2
wait_for "2026年12月" || not_ok "the 台账 came up"
keys '['
expect "[ goes to November" "2026年11月"
keys Home Enter
expect "Enter opens the detail" "培训记录（编号"
expect "…of the newest session (编号 3)" "培训记录（编号 3）"
expect "…with its feedback and 满意度" "评价：回收 10 份：平均 5 分（满分 5）；满意度 100.0%"
