#!/bin/sh
# orders.sh — the 点单 view's forms on one order: 排课 (an unknown teacher refused at its field, then saved) and 取消
# (the reason kept in the note), each form's whole screen kept in expected/, and what a closed or missing order refuses.
. "$(dirname "$0")/lib.sh"

DB=$T/o.db
ledger "$DB" || { not_ok "make a test ledger"; exit 1; }
sqlite3 "$DB" "
INSERT INTO teacher (uuid, unit_id, name) VALUES ('t-1', 1, '王海燕');
INSERT INTO course (uuid, unit_id, title, category, format) VALUES ('c-1', 1, '党章学习', '党章党规党纪教育', '集中培训');" ||
    { not_ok "fill the ledger"; exit 1; }
start "$DB" 80 24
wait_for "本月概况" || not_ok "home screen came up"
keys 3
wait_for "内容类别"
keys o
expect "o shows the orders" "还没有点单"

# No order yet: each action says so and opens nothing.
keys s
expect "s with no order says so" "没有选中的点单"
keys 1 3
wait_for "还没有点单"
keys F8
expect "F8 with no order says so" "没有选中的点单"
keys 1 3
wait_for "还没有点单"
keys w
expect "w with no order says so" "没有选中的点单"

# An order for 东风村.
keys F2
expect "F2 orders: the course picker" "点单：选择课程"
keys Enter
expect "then the branch picker" "点单的党组织"
text dfc
wait_gone "│ 新华社区党支部"
keys Enter
expect "the order form" "点单：东风村党支部 点《党章学习》"
text 2030-05-06
keys F2
expect "the order is placed" "已点单 党章学习"

# 排课: the wanted date is offered; an unknown teacher is refused at its field.
keys s
expect "s opens the schedule form" "排课：东风村党支部《党章学习》"
expect "the wanted date is offered" "上课日期* 2030-05-06"
snap orders-schedule
keys Tab
text 没有这个人
keys F2
expect "an unknown teacher is refused at the field" "找不到教师：没有这个人"
sql_is "nothing saved while refused" "$DB" "SELECT state FROM course_order" 已点单
keys C-u
text 王海燕
keys F2
expect "the order is scheduled" "已排课：2030-05-06《党章学习》（按 w 交付，录入台账）"
sql_is "scheduled with its date and teacher" "$DB" \
    "SELECT o.state || '|' || o.sched_date || '|' || t.name FROM course_order o JOIN teacher t ON t.id = o.teacher_id" \
    "已排课|2030-05-06|王海燕"

# 取消: Esc leaves it as it was; then cancelled with a reason.
keys F8
expect "F8 opens the cancel form" "取消点单：东风村党支部《党章学习》"
snap orders-cancel
keys Escape
wait_gone "取消点单："
sql_is "Esc cancels nothing" "$DB" "SELECT state FROM course_order" 已排课
keys F8
wait_for "取消原因"
text 村里改期
keys F2
expect "the order is cancelled" "点单已取消"
sql_is "cancelled with the reason in its note" "$DB" "SELECT state || '|' || note FROM course_order" "已取消|取消原因：村里改期"

# A cancelled order can be neither scheduled nor cancelled again.
keys s
expect "s refuses a cancelled order" "已取消的点单不能再排课"
keys F8
expect "F8 refuses a cancelled order" "已取消的点单不能取消"

keys q
expect "quits" "[exit 0]"
