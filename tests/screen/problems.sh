#!/bin/sh
# problems.sh — the 问题 screen at 80x24 (issue 15): a 查账 with two items behind turns into two draft problems
# with c (a second c adds none), a task with a deadline in the past shows 逾期 in its row and its problem's,
# starting and finishing it with evidence, a problem added through the form, changing year, and a closed year's
# refusal in the core's words. Every expected value is written by hand.
. "$(dirname "$0")/lib.sh"

# The calendar of this file: today is 2026-03-20 whatever day the suite runs on.
FENXIAO_TODAY=2026-03-20
export FENXIAO_TODAY

# The fixture of tests/cli/review.sh (tests/review.inc): only 八个一 and 八个有 as standards, so that on 2026-03-20 the items behind are
# exactly the plan's two unlinked January and February items (计划第2项 党章学习, 计划第3项 红色教育基地参观).
. "$TOP/tests/review.inc"
review_data_dir "$T/data"

DB=$T/p.db
F() { "$FX" --db "$DB" "$@" >/dev/null 2>&1 || not_ok "fixture: $*"; }
F init --unit 查账镇
printf '%s\n' '党组织名称,类型' '东村党支部,村' >"$T/b.csv"
F import branches "$T/b.csv"
printf '%s\n' '姓名,所在党支部,类别' '党员甲,东村党支部,正式党员' '党员乙,东村党支部,正式党员' >"$T/m.csv"
F import members "$T/m.csv"
review_plan_csv "$T/plan.csv"
F session add --format 集中培训 --date 2026-01-15 --title 新年第一课 --category 政治理论教育 --kind 培训班 \
    --hours 4 --attendees 党员甲 --absent 党员乙
F plan import "$T/plan.csv" --year 2026
# 2025 is closed (交账) with nothing in it: the screen must show the core's refusal there.
F close-year 2025 -o "$T/package-2025.pdf"

start "$DB" 80 24
wait_for "1总览" || not_ok "the screens came up"
# The 问题 tab is the last one: Shift-Tab from the first tab reaches it, whatever its digit.
expect "the tab bar has 问题" "问题"
keys BTab
expect "the 问题 tab opens on this year" "◀ 2026年 ▶"
expect "…with no problem yet" "问题 0 个 · 未整改完成 0 · 任务 0 项，逾期 0"
expect "…and says what to do" "a 记一个问题，c 把查账的落后项记为问题"

# ---- c: 查账's items behind become draft problems ----
keys c
expect "c asks first, naming the date" "查账（2026年，截至2026-03-20）"
keys y
expect "c says how many drafts were added" "查账（2026年，截至2026-03-20）落后项 2 项：新记问题 2 个，跳过 0 个"
expect "…the two drafts are listed" "问题 2 个 · 未整改完成 2 · 任务 0 项，逾期 0"
expect "…the first linked to plan item 2" "计划第2项"
expect "…the second to plan item 3" "计划第3项"
sql_is "…two problems of source 查账 in the ledger" "$DB" \
    "SELECT group_concat(source || ':' || plan_item_id, ',') FROM problem" "查账:2,查账:3"
keys c y
expect "a second c adds none" "落后项 2 项：新记问题 0 个，跳过 2 个"

# ---- t: a task with a deadline in the past is overdue ----
keys t
expect "t opens the task form for problem 1" "问题 1 的整改措施（任务清单）"
text "补办党章学习专题课"
keys Enter
text "2026-03-01"
keys Enter Enter Enter
expect "the task is saved" "已保存：整改任务 1（问题 1）"
expect "…listed under the problem, overdue" "补办党章学习专题课   2026-03-01 未开始 逾期"
expect "…its problem says so" "整改中·逾期1"
esc=$(printf '\033')
case $(tm capture-pane -e -p -t fx | grep "补办党章学习专题课") in
*"$esc["*31m*"逾期"*) ok "…the overdue task in red" ;;
*) not_ok "…the overdue task in red" "$(tm capture-pane -e -p -t fx | grep "补办党章学习专题课" | od -c | head -5)" ;;
esac
expect "…and the year's count" "问题 2 个 · 未整改完成 2 · 任务 1 项，逾期 1"
sql_is "…one task of problem 1, 未开始" "$DB" "SELECT problem_id || '|' || deadline || '|' || status FROM problem_task" \
    "1|2026-03-01|未开始"

# ---- Enter to the task list, s starts it, d finishes it with evidence ----
keys Enter
expect "Enter moves to the task list" "▶ 任务清单：问题 1"
keys s
expect "s starts the task" "整改任务 1：进行中"
expect "…still overdue while 进行中" "进行中 逾期"
keys d
expect "d asks for the date and the evidence" "完成整改任务 1（写明佐证）"
expect "…the date defaulting to today" "完成日期* 2026-03-20"
text "补课签到表已归档"
keys Enter
expect "the task is done" "整改任务 1：已完成（2026-03-20）"
expect "…no longer overdue" "问题 2 个 · 未整改完成 1 · 任务 1 项，逾期 0"
expect "…its problem is 已整改" "已整改 1/1"
sql_is "…done with its date and evidence" "$DB" \
    "SELECT status || '|' || done_date || '|' || evidence FROM problem_task WHERE id = 1" "已完成|2026-03-20|补课签到表已归档"
keys Escape
wait_gone "▶ 任务清单" >/dev/null

# ---- a: a problem through the form ----
keys a
expect "a opens the problem form" "记一个问题（问题清单、责任清单）"
expect "…dated today" "发现日期* 2026-03-20"
keys Enter Right Right Enter
text "集中学习签到表不全"
keys Enter
text "东村党支部"
keys Enter
text "王敏"
keys Enter
expect "the problem is saved" "已保存：问题 3"
expect "…listed with its source and responsible unit" "县级检查 集中学习签到表不… —          东村党支部 王敏"
sql_is "…in the ledger" "$DB" "SELECT date || '|' || source || '|' || resp_unit || '|' || resp_person FROM problem WHERE id = 3" \
    "2026-03-20|县级检查|东村党支部|王敏"
w=$(widest)
if [ "$w" -le 80 ]; then ok "every line within 80 columns"; else not_ok "every line within 80 columns" "widest $w"; fi
snap problems

# ---- the year changes; a closed year refuses in the core's words ----
keys ']'
expect "] goes to the next year" "◀ 2027年 ▶"
expect "…which has no problem" "问题 0 个"
keys '[' '['
expect "[ goes back to 2025" "◀ 2025年 ▶"
keys a
expect "the form opens" "记一个问题"
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
text "2025-05-01"
keys Enter Enter
text "台账不全"
keys F2
expect "a closed year: the core's refusal" "2025 年已经交账（只读），不能新增问题"
keys Escape
wait_gone "已经交账" >/dev/null
keys Escape
expect "Esc on the typed form asks before throwing it away" "放弃修改"
keys y
wait_gone "记一个问题" >/dev/null
sql_is "…nothing written" "$DB" "SELECT count(*) FROM problem" "3"

keys q
expect "q quits with status 0" "[exit 0]"
