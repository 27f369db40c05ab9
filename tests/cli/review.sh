#!/bin/sh
# review.sh — 查账 (issue 15): `report review YYYY --as-of DATE` in its five parts (计划对照 / 检查清单 / 学时 /
# 未点名的培训 / 问题) and `--draft-problems`: a 查账 with exactly two items behind turns into two draft problems,
# a rerun adds none, and a task of one of them with a deadline in the past shows as overdue. Every expected value
# is written by hand.
. "$(dirname "$0")/lib.sh"
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}

# The calendar of this file: 2026 is the year checked, today is in April of it (every --as-of is given).
FENXIAO_TODAY=2026-04-15
export FENXIAO_TODAY

# Exactly two items behind. Seven standards are shipped, and the monthly ones (三会一课, the 培训计划's
# every-two-months rule) would be 逾期 on an empty ledger by March. So this test's data directory is the shipped
# one with only 八个一 and 八个有 as standards: their only items with sub-periods are quarterly, and on the
# as-of day 2026-03-20 the first quarter has not ended, so no checklist item is 逾期 (they are 缺 / 部分 / 待标记).
# The two items behind are then the plan's two unlinked January and February items.
. "$TOP/tests/review.inc"
review_data_dir "$T/data"

DB=$T/review.db
F() { "$FX" --db "$DB" "$@"; }
check "init" F init --unit 查账镇
printf '%s\n' '党组织名称,类型' '东村党支部,村' >"$T/b.csv"
check "import a branch" F import branches "$T/b.csv"
printf '%s\n' '姓名,所在党支部,类别' '党员甲,东村党支部,正式党员' '党员乙,东村党支部,正式党员' >"$T/m.csv"
check "import two members" F import members "$T/m.csv"

review_plan_csv "$T/plan.csv"
S() { F session add --format 集中培训 "$@"; }
# 甲 4 + 2 学时 by the as-of day, 乙 none; the February 交流会 has no roll call.
check "January 培训班 (links to plan item 1)" S --date 2026-01-15 --title 新年第一课 --category 政治理论教育 \
    --kind 培训班 --hours 4 --attendees 党员甲 --absent 党员乙
check "February 培训班 of another category (links to nothing)" S --date 2026-02-10 --title 形势学习 \
    --category 形势政策教育 --kind 培训班 --hours 2 --attendees 党员甲
check "February 交流会 without a roll call" S --date 2026-02-20 --title 技能交流 --category 知识技能教育 \
    --kind 交流会 --hours 2
check "after the as-of day: does not count" S --date 2026-03-22 --title 三月学习 --category 政治理论教育 \
    --kind 交流会 --hours 3 --attendees 党员乙
check "plan import" F plan import "$T/plan.csv" --year 2026
eq "only the January 培训班 is linked, to plan item 1" "1|1" "$(sql "$DB" "SELECT group_concat(session_id || '|' || plan_id) FROM plan_link")"

# --- the report ---
check "report review 2026 --as-of 2026-03-20" F report review 2026 --as-of 2026-03-20
cp "$T/out" "$T/review.txt"
has "the title names the date" "$(cat "$T/review.txt")" "2026年查账（截至2026-03-20）"
for part in 计划对照 检查清单 学时 未点名的培训 问题; do
    has "part $part is present" "$(cat "$T/review.txt")" "$part"
done
has "overdue plan item 2 is named" "$(grep '计划第2项' "$T/review.txt")" "1月 党章学习"
has "…as 逾期" "$(grep '计划第2项' "$T/review.txt")" "逾期"
has "overdue plan item 3 is named" "$(grep '计划第3项' "$T/review.txt")" "2月 红色教育基地参观"
eq "the plan items not yet due are not listed" "" "$(grep -E '形势报告会|为民服务' "$T/review.txt")"
has "plan figures: 5 planned, 1 done, 2 overdue, 2 not yet due" "$(cat "$T/review.txt")" \
    "计划项目 5 项；计划已完成 1 项；计划逾期 2 项；计划未到期 2 项"
has "八个一 checked over 2026" "$(cat "$T/review.txt")" "八个一（2026年）"
has "八个一 item 8 (quarterly, Q1 not over) is 缺, not 逾期" "$(grep '八个一 第8项' "$T/review.txt")" "缺"
has "no checklist item is 逾期" "$(cat "$T/review.txt")" "清单逾期 0 项"
has "乙 is behind: 0 of 32 × 2 ÷ 12 = 5.3 学时 (the March session is after the as-of day)" \
    "$(grep '党员乙' "$T/review.txt")" "0/5.3 学时"
eq "甲 (6 学时) is not behind" "" "$(grep '党员甲' "$T/review.txt")"
has "the session without a roll call" "$(grep '技能交流' "$T/review.txt")" "未点名"
has "the last figures: 1 behind on hours, 1 session, 0 problems, 2 items behind" "$(cat "$T/review.txt")" \
    "学时进度落后 1 人；未点名的培训 1 期；未整改完成的问题 0 个；落后项 2 项"
has "the hours rule is a footnote" "$(cat "$T/review.txt")" "已过完的整月数 2 ÷ 12"

check "CSV" F report review 2026 --as-of 2026-03-20 --format csv
has "CSV: plan item 2's row" "$(cat "$T/out")" ",计划第2项 1月 党章学习,逾期,"
check "XLSX" F report review 2026 --as-of 2026-03-20 -o "$T/review.xlsx"
eq "…is a zip (an XLSX)" "PK" "$(head -c 2 "$T/review.xlsx")"
check "PDF" F report review 2026 --as-of 2026-03-20 -o "$T/review.pdf"
eq "…is a PDF" "%PDF" "$(head -c 4 "$T/review.pdf")"
check "without --as-of" F report review 2026
has "…as of today (FENXIAO_TODAY)" "$(head -1 "$T/out")" "2026年查账（截至2026-04-15）"
status 2 "a bad --as-of is a usage error" F report review 2026 --as-of 2026-02-30
status 2 "--draft-problems with --format: usage" F report review 2026 --draft-problems --format pdf

# --- the items behind as draft problems ---
check "--draft-problems" F report review 2026 --as-of 2026-03-20 --draft-problems
eq "two added" "查账（2026年，截至2026-03-20）落后项 2 项：新记问题 2 个，跳过 0 个（已有未整改完成的查账问题）" "$(cat "$T/out")"
eq "…source 查账, the as-of date, the plan items" "1|查账|2026-03-20|2,2|查账|2026-03-20|3" \
    "$(sql "$DB" "SELECT group_concat(id || '|' || source || '|' || date || '|' || plan_item_id, ',') FROM problem")"
has "…the description names the item" "$(sql "$DB" 'SELECT description FROM problem WHERE id = 1')" "党章学习"
eq "…audited: two problems" "2" "$(sql "$DB" "SELECT count(*) FROM audit WHERE entity = 'problem' AND action = 'insert'")"
check "--draft-problems again" F report review 2026 --as-of 2026-03-20 --draft-problems
eq "the rerun adds none" "查账（2026年，截至2026-03-20）落后项 2 项：新记问题 0 个，跳过 2 个（已有未整改完成的查账问题）" "$(cat "$T/out")"
eq "…still two problems" "2" "$(sql "$DB" 'SELECT count(*) FROM problem')"

# A task with a deadline in the past: overdue.
check "a task for problem 1, deadline 2026-03-31" F problem task 1 --measure "4月补上党章学习专题党课" --deadline 2026-03-31
check "problem list 2026 --as-of 2026-04-10" F problem list 2026 --as-of 2026-04-10
has "the task is 逾期" "$(grep '^1 ' "$T/out" | tail -1)" "逾期"
has "the summary counts 1 overdue" "$(cat "$T/out")" "逾期 1 项"
check "report review after drafting" F report review 2026 --as-of 2026-04-10
has "the problems part lists both" "$(cat "$T/out")" "未整改完成的问题 2 个"
has "…problem 1 with its overdue task" "$(grep '问题1 ' "$T/out")" "逾期 1 项"

# A later 查账: on 2026-04-10 the first quarter is over, so 八个一 item 8 (送资料 every quarter, none sent) is
# 逾期, and so is the March plan item 4 (形势报告会, nothing linked); 八个有 item 6 had its 培训班 in Q1.
# Four items behind: plan items 2 and 3 already have their open 查账 problems, the other two are new.
check "--draft-problems as of 2026-04-10" F report review 2026 --as-of 2026-04-10 --draft-problems
eq "two added, two skipped" "查账（2026年，截至2026-04-10）落后项 4 项：新记问题 2 个，跳过 2 个（已有未整改完成的查账问题）" "$(cat "$T/out")"
eq "…the plan item and the checklist item code" "3|4|,4|0|bageyi/8" \
    "$(sql "$DB" "SELECT group_concat(id || '|' || ifnull(plan_item_id, 0) || '|' || item, ',') FROM problem WHERE id > 2")"
has "…the checklist problem names the item" "$(sql "$DB" 'SELECT description FROM problem WHERE id = 4')" "定期送一批资料"

# --- a closed year ---
D2=$T/closed.db
check "init a second ledger" "$FX" --db "$D2" init --unit 交账镇
check "close-year 2025" "$FX" --db "$D2" close-year 2025
status 6 "--draft-problems in a closed year: exit 6" "$FX" --db "$D2" report review 2025 --as-of 2025-06-30 --draft-problems
eq "…nothing written" "0" "$(sql "$D2" 'SELECT count(*) FROM problem')"
