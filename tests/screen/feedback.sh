#!/bin/sh
# feedback.sh — the 师资库 (菜单 3, t) shows each teacher's year: 期数, 学时, 人次 and the average 满意度 (issue 17),
# weighted by forms returned: 张老师 (18 + 7) / (20 + 10) = 83.3%, worked out by hand.
. "$(dirname "$0")/lib.sh"
export FENXIAO_TODAY=2026-12-05

DB="$T/fb.db"
"$FX" --db "$DB" init --unit 测试镇 >/dev/null 2>&1
printf '姓名,专职兼职,类型,单位,擅长专题\r\n张老师,专职,专家型,县委党校,党史\r\n' >"$T/t.csv"
"$FX" --db "$DB" import teachers "$T/t.csv" >/dev/null 2>&1
for d in 2026-11-03 2026-11-10; do
    "$FX" --db "$DB" session add --date $d --title 课$d --category 政治理论教育 --format 集中培训 --kind 专题党课 \
        --hours 2 --teacher 张老师 --expected 40 --present 30 >/dev/null 2>&1
done
"$FX" --db "$DB" session feedback 1 --returned 20 --satisfied 15 --basic 3 --unsatisfied 2 >/dev/null 2>&1
"$FX" --db "$DB" session feedback 2 --returned 10 --satisfied 5 --basic 2 --unsatisfied 3 >/dev/null 2>&1

start "$DB" 100 24 FENXIAO_TODAY=2026-12-05
wait_for "1总览" || not_ok "home screen came up"
keys 3 t
expect "the 师资库 has a 满意度 column" "满意度"
expect "…张老师's average 83.3% in the list" "83.3%"
expect "…and in the record line with 期数, 学时, 人次" "2026年授课 2 期，4 学时，60 人次，平均满意度 83.3%"
