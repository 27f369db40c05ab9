#!/bin/sh
# problems.sh — the three lists of seed 002 (问题清单 / 责任清单 / 任务清单, issue 15): problems and tasks added,
# listed with overdue tasks marked 逾期, tasks done; close-year refusing a year with open problems without a
# reason (exit 3, nothing written) and recording the reason; the closed-year lock on problems and tasks; merge
# and export carrying them; and the migration of a ledger made by schema 6.
. "$(dirname "$0")/lib.sh"
# The lists are read as of a fixed day, whatever day the suite runs on.
export FENXIAO_TODAY=2026-12-05

DB="$T/p.db"
check "init" "$FX" --db "$DB" init --unit 测试镇

# --- add: three problems, one per source ---
"$FX" --db "$DB" problem add --date 2026-03-10 --source 查账 --text "集中学习间隔超过两个月" --item 3.2 \
    --unit 镇党委组织办 --person 王敏 >"$T/out" 2>"$T/err"
eq "problem add prints the new id" "1" "$(cat "$T/out")"
"$FX" --db "$DB" problem add --date 2026/05/01 --source 县级检查 --text "台账缺少签到表" --unit 东港村党支部 \
    --person 李强 >"$T/out" 2>"$T/err"
eq "a second problem (date typed with slashes)" "2" "$(cat "$T/out")"
"$FX" --db "$DB" problem add --date 2026-09-15 --source 自查 --text "课件未归档" --plan-item 7 >"$T/out" 2>"$T/err"
eq "a third, self-found, linked to plan item 7" "3" "$(cat "$T/out")"
eq "the date is kept as YYYY-MM-DD" "2026-05-01" "$(sql "$DB" 'SELECT date FROM problem WHERE id = 2')"
eq "the plan item is kept" "7" "$(sql "$DB" 'SELECT plan_item_id FROM problem WHERE id = 3')"

status 3 "an unknown source is refused (exit 3)" "$FX" --db "$DB" problem add --date 2026-03-10 --source 听说 --text x
has "…naming the three sources" "$(cat "$T/err")" "查账、县级检查 或 自查"
status 3 "a bad date is refused" "$FX" --db "$DB" problem add --date 2026-02-30 --source 自查 --text x
status 2 "no description: usage (exit 2)" "$FX" --db "$DB" problem add --date 2026-03-10 --source 自查
eq "…nothing written by the refusals" "3" "$(sql "$DB" 'SELECT count(*) FROM problem')"

# --- task and done ---
"$FX" --db "$DB" problem task 1 --measure "补办集中学习两次" --deadline 2026-06-30 >"$T/out" 2>"$T/err"
eq "problem task prints the new id" "1" "$(cat "$T/out")"
"$FX" --db "$DB" problem task 2 --measure "补齐签到表" --deadline 2026-12-31 --unit 东港村党支部 --person 张华 \
    --started >"$T/out" 2>"$T/err"
eq "a second task, already started" "2" "$(cat "$T/out")"
eq "…is 进行中" "进行中" "$(sql "$DB" 'SELECT status FROM problem_task WHERE id = 2')"
eq "a new task is 未开始" "未开始" "$(sql "$DB" 'SELECT status FROM problem_task WHERE id = 1')"
status 3 "a task of a problem that does not exist (exit 3)" "$FX" --db "$DB" problem task 99 --measure x --deadline 2026-12-01
status 2 "done without evidence: usage" "$FX" --db "$DB" problem done 2 --date 2026-11-20
status 3 "done on a day that has not come (exit 3)" "$FX" --db "$DB" problem done 2 --date 2026-12-20 --evidence 签到表
check "done with date and evidence" "$FX" --db "$DB" problem done 2 --date 2026-11-20 --evidence "签到表已补齐并归档"
eq "…is 已完成 with its date and evidence" "已完成|2026-11-20|签到表已补齐并归档" \
    "$(sql "$DB" "SELECT status || '|' || done_date || '|' || evidence FROM problem_task WHERE id = 2")"
status 3 "done twice is refused" "$FX" --db "$DB" problem done 2 --date 2026-11-21 --evidence again
eq "every action audited: 3 problems, 2 tasks, 1 done" "problem:insert:3,problem_task:done:1,problem_task:insert:2" \
    "$(sql "$DB" "SELECT group_concat(x, ',') FROM (SELECT entity || ':' || action || ':' || count(*) AS x FROM audit WHERE entity LIKE 'problem%' GROUP BY entity, action ORDER BY entity, action)")"

# --- list: the three lists; task 1's deadline (2026-06-30) has passed by 2026-12-05 ---
check "problem list 2026" "$FX" --db "$DB" problem list 2026
eq "the summary line: 3 problems, 2 open (1 has an undone task, 3 has none), 1 task overdue" \
    "2026 年问题清单（截至 2026-12-05）：问题 3 个，未整改完成 2 个；整改任务 2 项，已完成 1 项，逾期 1 项" \
    "$(head -1 "$T/out")"
has "问题清单 is there" "$(cat "$T/out")" "问题清单"
has "责任清单 is there" "$(cat "$T/out")" "责任清单"
has "任务清单 is there" "$(cat "$T/out")" "任务清单"
has "task 1 is marked overdue" "$(grep '^1 ' "$T/out" | tail -1)" "未开始 逾期"
has "problem 2 is 已整改 (its only task done)" "$(grep '^2 .*县级检查' "$T/out")" "已整改"
has "problem 3 has no measure yet" "$(grep '^3 .*自查' "$T/out")" "未定措施"
has "the 责任清单 names the unit and person" "$(cat "$T/out")" "镇党委组织办"
check "problem list --as-of 2026-06-30" "$FX" --db "$DB" problem list 2026 --as-of 2026-06-30
eq "…on its deadline day task 1 is not yet overdue" \
    "2026 年问题清单（截至 2026-06-30）：问题 3 个，未整改完成 2 个；整改任务 2 项，已完成 1 项，逾期 0 项" \
    "$(head -1 "$T/out")"
check "problem list, CSV" "$FX" --db "$DB" problem list 2026 --format csv
eq "CSV: task 1's row" "1,2026-03-10,查账,集中学习间隔超过两个月,3.2,,镇党委组织办,王敏,整改中,1,补办集中学习两次,,,2026-06-30,未开始,逾期,," \
    "$(tr -d '\r' <"$T/out" | sed -n 2p)"
eq "CSV: problem 3 without a task on a row of its own" "3,2026-09-15,自查,课件未归档,,7,,,未定措施,,,,,,,,," \
    "$(tr -d '\r' <"$T/out" | sed -n 4p)"
check "problem list without a year: the year of today" "$FX" --db "$DB" problem list
has "…2026" "$(head -1 "$T/out")" "2026 年问题清单"

# --- export ---
check "export problems" "$FX" --db "$DB" export problems
eq "export: one row per task, a problem without a task on its own (3 rows)" "3" "$(tr -d '\r' <"$T/out" | tail -n +2 | wc -l)"
has "export: task 2 with its responsible person" "$(tr -d '\r' <"$T/out" | grep '^2,')" "补齐签到表,东港村党支部,张华,2026-12-31,已完成,2026-11-20,签到表已补齐并归档,测试镇"

# --- report problems: the three lists as one 清单 document (问题 / 责任单位·责任人 / 整改措施·时限) ---
check "report problems 2026" "$FX" --db "$DB" report problems 2026
has "…titled" "$(cat "$T/out")" "2026年问题清单、责任清单、任务清单"
has "…its figures" "$(cat "$T/out")" "问题 3 个；未整改完成 2 个；整改任务 2 项；已完成 1 项；逾期 1 项"
check "report problems 2026 as CSV" "$FX" --db "$DB" report problems 2026 --format csv
eq "…problem 1: its 责任 and its overdue task" "1,集中学习间隔超过两个月（查账，2026-03-10，清单条目 3.2）,镇党委组织办 · 王敏,补办集中学习两次（2026-06-30 前）,未开始，逾期" \
    "$(tr -d '\r' <"$T/out" | grep '^1,')"
eq "…problem 2: the task's own 责任, done with its evidence" "2,台账缺少签到表（县级检查，2026-05-01）,东港村党支部 · 张华,补齐签到表（2026-12-31 前）,已完成 2026-11-20：签到表已补齐并归档" \
    "$(tr -d '\r' <"$T/out" | grep '^2,')"
eq "…problem 3: no measure yet" "3,课件未归档（自查，2026-09-15）,,（尚未制定整改措施）,未整改" "$(tr -d '\r' <"$T/out" | grep '^3,')"
check "report problems 2026 as PDF" "$FX" --db "$DB" report problems 2026 --format pdf -o "$T/problems.pdf"
if command -v pdfinfo >/dev/null 2>&1; then
    eq "…one page" "1" "$(pdfinfo "$T/problems.pdf" | awk '/^Pages:/ {print $2}')"
    txt=$(pdftotext -layout "$T/problems.pdf" - 2>/dev/null)
    has "…Chinese rendered" "$txt" "2026年问题清单、责任清单、任务清单"
    has "…with the overdue task" "$txt" "未开始，逾期"
else
    not_ok "pdfinfo is needed to read the PDF"
fi
check "report problems 2026 as XLSX" "$FX" --db "$DB" report problems 2026 --format xlsx -o "$T/problems.xlsx"
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    eq "…the header and problem 1's row" "序号|问题（来源，发现日期）|责任单位 · 责任人|整改措施（完成时限）|完成情况;1|镇党委组织办 · 王敏|未开始，逾期" \
        "$(/usr/bin/python3 -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=True))
print("|".join(rows[2]) + ";" + "|".join(str(rows[3][i]) for i in (0, 2, 4)))' "$T/problems.xlsx")"
else
    not_ok "openpyxl is needed to read the XLSX"
fi

# --- close-year: open problems need a reason ---
dump() { sqlite3 "$DB" .dump | sha256sum; }
before=$(dump)
status 3 "close-year 2026 with 2 open problems and no reason: exit 3" "$FX" --db "$DB" close-year 2026
has "…naming the count of open problems" "$(cat "$T/err")" "2026 年还有 2 个问题未整改完成"
has "…and how to give a reason" "$(cat "$T/err")" "--reason"
eq "…writing nothing (the ledger's dump unchanged)" "$before" "$(dump)"
eq "…2026 not closed" "0" "$(sql "$DB" 'SELECT count(*) FROM closed_year WHERE year = 2026')"
status 3 "a blank reason is no reason" "$FX" --db "$DB" close-year 2026 --reason "  "
eq "…still nothing written" "$before" "$(dump)"
check "close-year 2026 --reason" "$FX" --db "$DB" close-year 2026 --reason "问题1需跨年整改，已列入2027年计划"
eq "…2026 is closed with a version-3 digest" "v3" "$(sql "$DB" "SELECT substr(digest, 1, 2) FROM closed_year WHERE year = 2026")"
eq "…the reason and the count are in the audit log" "问题1需跨年整改，已列入2027年计划|2" \
    "$(sql "$DB" "SELECT json_extract(after, '\$.reason') || '|' || json_extract(after, '\$.open_problems') FROM audit WHERE entity = 'year' AND action = 'close'")"
check "a year without open problems closes without a reason" "$FX" --db "$DB" close-year 2025
eq "…and its audit record has no reason" "" "$(sql "$DB" "SELECT ifnull(json_extract(after, '\$.reason'), '') FROM audit WHERE entity = 'year' AND uuid = '2025'")"

# --- the closed year locks problems and tasks ---
status 6 "problem add in closed 2026: exit 6" "$FX" --db "$DB" problem add --date 2026-10-01 --source 自查 --text x
status 6 "problem task on a 2026 problem: exit 6" "$FX" --db "$DB" problem task 3 --measure x --deadline 2027-03-01
status 6 "problem done of a 2026 task: exit 6" "$FX" --db "$DB" problem done 1 --date 2026-12-01 --evidence x
status 6 "problem start of a 2026 task: exit 6" "$FX" --db "$DB" problem start 1
if sqlite3 "$DB" "UPDATE problem_task SET status = '进行中' WHERE id = 1" 2>/dev/null; then
    not_ok "sqlite3 cannot change a closed year's task"; else ok "sqlite3 cannot change a closed year's task"; fi
if sqlite3 "$DB" "INSERT INTO problem (uuid, unit_id, date, source, description) VALUES ('x', 1, '2026-04-01', '自查', 'x')" 2>/dev/null; then
    not_ok "sqlite3 cannot add a problem to a closed year"; else ok "sqlite3 cannot add a problem to a closed year"; fi
if sqlite3 "$DB" "DELETE FROM problem WHERE id = 3" 2>/dev/null; then
    not_ok "sqlite3 cannot delete a closed year's problem"; else ok "sqlite3 cannot delete a closed year's problem"; fi
check "verify passes (the version-3 digest of 2026 recomputed)" "$FX" --db "$DB" verify
check "2027 is open" "$FX" --db "$DB" problem add --date 2027-01-05 --source 自查 --text "跨年：集中学习" --unit 镇党委组织办 --person 王敏
eq "…problem 4" "4" "$(cat "$T/out")"
# An open year's rows may still change in sqlite3; a closed one's digest does not see them.
sqlite3 "$DB" "UPDATE problem SET resp_person = '赵六' WHERE id = 4"
check "verify still passes" "$FX" --db "$DB" verify
sqlite3 "$DB" "INSERT INTO problem (uuid, unit_id, date, source, description) VALUES ('no-audit', 1, '2027-02-01', '自查', '绕过审计的问题')"
status 1 "verify finds a problem written around the audit log" "$FX" --db "$DB" verify
has "…naming it" "$(cat "$T/out")" "问题 5 没有新增审计记录"

# --- merge: two townships' problems in the county ledger ---
A="$T/a.db" B="$T/b.db" C="$T/c.db"
"$FX" --db "$A" init --unit 甲镇 >/dev/null 2>&1
"$FX" --db "$B" init --unit 乙镇 >/dev/null 2>&1
"$FX" --db "$A" problem add --date 2026-04-01 --source 查账 --text "甲镇问题" --unit 甲镇党委 --person 甲 >/dev/null 2>&1
"$FX" --db "$A" problem task 1 --measure "甲镇措施" --deadline 2026-05-01 >/dev/null 2>&1
"$FX" --db "$B" problem add --date 2026-04-02 --source 县级检查 --text "乙镇问题" >/dev/null 2>&1
"$FX" --db "$B" problem task 1 --measure "乙镇措施" --deadline 2027-05-01 >/dev/null 2>&1
"$FX" --db "$B" problem done 1 --date 2026-10-01 --evidence 乙镇佐证 >/dev/null 2>&1
# The merge takes the newer version by updated_at (seconds): 甲镇's task is dated back, so the change below is newer.
sql "$A" "UPDATE problem_task SET updated_at = '2026-04-01T08:00:00Z'"
check "merge two townships" "$FX" merge -o "$C" --unit 某县 "$A" "$B"
has "…counting the problems" "$(cat "$T/err")" "问题 新增 1"
eq "the county has both problems" "甲镇问题|甲镇,乙镇问题|乙镇" \
    "$(sql "$C" "SELECT group_concat(p.description || '|' || u.name, ',') FROM (SELECT * FROM problem ORDER BY date) p JOIN unit u ON u.id = p.unit_id")"
eq "…and both tasks, each under its own problem" "甲镇措施|甲镇问题|未开始,乙镇措施|乙镇问题|已完成" \
    "$(sql "$C" "SELECT group_concat(t.measure || '|' || p.description || '|' || t.status, ',') FROM (SELECT * FROM problem_task ORDER BY deadline) t JOIN problem p ON p.id = t.problem_id")"
eq "…with their audit records" "5" "$(sql "$C" "SELECT count(*) FROM audit WHERE entity LIKE 'problem%'")"
check "problem list in the county" "$FX" --db "$C" problem list 2026
eq "…1 open, 1 overdue" "2026 年问题清单（截至 2026-12-05）：问题 2 个，未整改完成 1 个；整改任务 2 项，已完成 1 项，逾期 1 项" "$(head -1 "$T/out")"
"$FX" --db "$A" problem done 1 --date 2026-11-01 --evidence 甲镇佐证 >/dev/null 2>&1
check "merging 甲镇 again" "$FX" merge -o "$C" "$A"
eq "…brings the task done" "已完成|甲镇佐证" "$(sql "$C" "SELECT status || '|' || evidence FROM problem_task t JOIN problem p ON p.id = t.problem_id WHERE p.description = '甲镇问题'")"
eq "…without a second copy" "2" "$(sql "$C" 'SELECT count(*) FROM problem_task')"
check "verify passes on the county ledger" "$FX" --db "$C" verify

# --- a ledger made by schema 6 is upgraded ---
D6="$T/v6.db"
if ! old_demo_ledger 6 "$D6" 2>"$T/old.err"; then
    echo "ok - # SKIP a demo ledger of schema 6: $(head -c 200 "$T/old.err" | tr '\n' ' ')"
else
    eq "a ledger of schema 6" "6" "$(sql "$D6" 'PRAGMA user_version')"
    sessions=$(sql "$D6" 'SELECT count(*) FROM session')
    check "problem add on it upgrades it" "$FX" --db "$D6" problem add --date 2026-03-01 --source 自查 --text 升级后的问题
    CUR=$(ls "$TOP/data/schema/" | sed -n 's/^0*\([0-9][0-9]*\)-.*\.sql$/\1/p' | sort -n | tail -1)
    eq "…to this program's schema (8 or later)" "$CUR" "$(sql "$D6" 'PRAGMA user_version')"
    eq "…keeping a copy of schema 6" "6" "$(sql "$(ls "$D6".before-v$CUR-* | head -1)" 'PRAGMA user_version')"
    eq "…with the problem tables" "2" "$(sql "$D6" "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('problem', 'problem_task')")"
    eq "…every session kept" "$sessions" "$(sql "$D6" 'SELECT count(*) FROM session')"
    check "…verify passes" "$FX" --db "$D6" verify
    check "…and closes 2025 (no problems there)" "$FX" --db "$D6" close-year 2025 -o "$T/d6-2025.pdf"
    eq "…under digest version 3" "v3" "$(sql "$D6" "SELECT substr(digest, 1, 2) FROM closed_year WHERE year = 2025")"
fi
