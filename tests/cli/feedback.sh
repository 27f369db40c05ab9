#!/bin/sh
# feedback.sh — a session's feedback (评价反馈, issue 17): three sessions with feedback give the month summary's
# 满意度 column and total, equal to an independent SQL computation and to values worked out by hand; the teachers
# report's average; session show; bad input (exit 3, nothing written); the closed year (exit 6, CLI and sqlite3);
# the score scale from the config; and the migration of a ledger made by schema 6.
. "$(dirname "$0")/lib.sh"
export FENXIAO_TODAY=2026-12-05

DB="$T/fb.db"
check "init" "$FX" --db "$DB" init --unit 测试镇
printf '姓名,专职兼职,类型,单位,擅长专题\r\n张老师,专职,专家型,县委党校,党史\r\n李老师,兼职,领导型,镇政府,政策\r\n' >"$T/t.csv"
check "import two teachers" "$FX" --db "$DB" import teachers "$T/t.csv"
add() { "$FX" --db "$DB" session add --date "$1" --title "$2" --category 政治理论教育 --format 集中培训 --kind 专题党课 \
    --hours 2 --teacher "$3" --expected 40 --present 30 2>>"$T/err"; }
S1=$(add 2026-11-03 第一课 张老师); S2=$(add 2026-11-10 第二课 张老师); S3=$(add 2026-11-17 第三课 李老师)
S4=$(add 2026-11-24 第四课 李老师)
eq "four sessions" "4" "$(sql "$DB" 'SELECT count(*) FROM session')"

# By hand: S1 (15+3)/20 = 90.0%; S2 (5+2)/10 = 70.0%; S3 score 4 of 5 on 30 forms = 24 satisfied forms, 80.0%;
# total (18 + 7 + 24) / (20 + 10 + 30) = 49/60 = 81.7%. 张老师 (18 + 7)/(20 + 10) = 83.3%; 李老师 80.0%.
check "S1 counts" "$FX" --db "$DB" session feedback "$S1" --returned 20 --satisfied 15 --basic 3 --unsatisfied 2 \
    --comment 联系实际好
check "S2 counts" "$FX" --db "$DB" session feedback "$S2" --returned 10 --satisfied 5 --basic 2 --unsatisfied 3
check "S3 score" "$FX" --db "$DB" session feedback "$S3" --returned 30 --score 4
eq "three feedback rows" "3" "$(sql "$DB" 'SELECT count(*) FROM session_feedback')"
eq "each audited" "3" "$(sql "$DB" "SELECT count(*) FROM audit WHERE entity = 'feedback' AND action = 'insert'")"

"$FX" --db "$DB" report month 2026-11 --format csv >"$T/m.csv" 2>>"$T/err"
col() { tr -d '\r' <"$T/m.csv" | grep "^$1," | awk -F, '{print $NF}'; }
eq "满意度 is the last column" "满意度" "$(tr -d '\r' <"$T/m.csv" | grep '^序号,' | awk -F, '{print $NF}')"
eq "S1 90.0% (by hand)" "90.0%" "$(col 1)"
eq "S2 70.0% (by hand)" "70.0%" "$(col 2)"
eq "S3 80.0% (by hand)" "80.0%" "$(col 3)"
eq "S4 without feedback: —" "—" "$(col 4)"
eq "合计 81.7% (by hand: 49/60)" "81.7%" "$(col 合计)"
indep=$(sql "$DB" "SELECT printf('%.1f%%', 100.0 * sum(CASE WHEN fb.score IS NULL THEN fb.satisfied + fb.basic
    ELSE fb.returned * fb.score / fb.scale END) / sum(fb.returned)) FROM session_feedback fb, session ss
    WHERE ss.id = fb.session_id AND ss.voided = 0 AND ss.date >= '2026-11-01' AND ss.date < '2026-12-01'")
eq "合计 equals an independent SQL computation" "$indep" "$(col 合计)"
has "the text report shows the total" "$("$FX" --db "$DB" report month 2026-11)" "满意度 81.7%"
has "…and defines it" "$("$FX" --db "$DB" report month 2026-11)" "满意度 =（满意+基本满意）÷ 回收份数，平均分按 分÷满分；合计按回收份数加权，计登记评价的 3 场。"
check "xlsx" "$FX" --db "$DB" report month 2026-11 --format xlsx -o "$T/m.xlsx"
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    eq "xlsx: the 合计 满意度 is the number 0.817" "0.817" "$(/usr/bin/python3 -c "
import openpyxl
ws = openpyxl.load_workbook('$T/m.xlsx').active
for r in ws.iter_rows(values_only=True):
    if r[0] == '合计': print(r[10])")"
fi
check "pdf" "$FX" --db "$DB" report month 2026-11 --format pdf -o "$T/m.pdf"
if command -v pdfinfo >/dev/null 2>&1; then
    has "…on one page" "$(pdfinfo "$T/m.pdf")" "Pages:           1"
fi

# The teachers report: 张老师 83.3%, 李老师 80.0% (S4 has no feedback and does not count).
"$FX" --db "$DB" report teachers 2026 --format csv >"$T/t.csv" 2>>"$T/err"
tcol() { tr -d '\r' <"$T/t.csv" | grep ",$1," | cut -d, -f9; }
eq "teachers report: 张老师 83.3%" "83.3%" "$(tcol 张老师)"
eq "teachers report: 李老师 80.0%" "80.0%" "$(tcol 李老师)"
eq "teachers report: 张老师 2 sessions, 4 学时, 60 人次" "2,4,60" "$(tr -d '\r' <"$T/t.csv" | grep ',张老师,' | cut -d, -f6-8)"

# session show
"$FX" --db "$DB" session show "$S1" >"$T/show" 2>>"$T/err"
has "session show: the counts and 满意度" "$(cat "$T/show")" "评价：回收 20 份：满意 15、基本满意 3、不满意 2；满意度 90.0%"
has "…and the comment" "$(cat "$T/show")" "意见建议：联系实际好"
has "a score reads as a score" "$("$FX" --db "$DB" session show "$S3")" "平均 4 分（满分 5）；满意度 80.0%"
has "no feedback: 未登记" "$("$FX" --db "$DB" session show "$S4")" "评价：未登记"

# Bad input: exit 3, nothing written.
before=$(sql "$DB" 'SELECT group_concat(returned || satisfied || basic || unsatisfied || score, ";") FROM session_feedback')
status 3 "counts over returned" "$FX" --db "$DB" session feedback "$S4" --returned 5 --satisfied 3 --basic 2 --unsatisfied 1
has "…says so" "$(cat "$T/err")" "多于回收的 5 份"
status 3 "a score above the scale" "$FX" --db "$DB" session feedback "$S4" --returned 5 --score 5.5
status 3 "a negative count" "$FX" --db "$DB" session feedback "$S4" --returned 5 --satisfied -1 --basic 0 --unsatisfied 0
status 3 "an unknown session" "$FX" --db "$DB" session feedback 999 --returned 5 --score 3
status 3 "replacing S1 with counts over returned" "$FX" --db "$DB" session feedback "$S1" --returned 1 --satisfied 2 \
    --basic 0 --unsatisfied 0
status 2 "counts and a score together (usage)" "$FX" --db "$DB" session feedback "$S4" --returned 5 --score 3 --satisfied 1
eq "nothing written" "$before" "$(sql "$DB" 'SELECT group_concat(returned || satisfied || basic || unsatisfied || score, ";") FROM session_feedback')"
eq "still three rows" "3" "$(sql "$DB" 'SELECT count(*) FROM session_feedback')"

# A scale of 10 from the config: 8 of 10 is 80.0%.
printf '[feedback]\nscale = 10\n' >"$T/fx.ini"
check "score on a scale of 10" "$FX" --db "$DB" --config "$T/fx.ini" session feedback "$S4" --returned 10 --score 8
has "…80.0%" "$("$FX" --db "$DB" session show "$S4")" "平均 8 分（满分 10）；满意度 80.0%"
check "replacing it (audited as an update)" "$FX" --db "$DB" session feedback "$S4" --returned 10 --satisfied 10 --basic 0 --unsatisfied 0
eq "…one update in the audit" "1" "$(sql "$DB" "SELECT count(*) FROM audit WHERE entity = 'feedback' AND action = 'update'")"
check "verify passes" "$FX" --db "$DB" verify

# The closed year: a 2025 session's feedback is refused by the CLI (exit 6) and by the triggers.
S5=$(add 2025-06-03 旧课 张老师)
check "feedback in 2025 before the close" "$FX" --db "$DB" session feedback "$S5" --returned 8 --score 4
check "close-year 2025" "$FX" --db "$DB" close-year 2025
has "…its digest is of version 3" "$(sql "$DB" 'SELECT digest FROM closed_year WHERE year = 2025')" "v3:"
status 6 "feedback in a closed year: exit 6" "$FX" --db "$DB" session feedback "$S5" --returned 8 --score 3
eq "…nothing changed" "4.0" "$(sql "$DB" "SELECT score FROM session_feedback WHERE session_id = $S5")"
if sqlite3 "$DB" "UPDATE session_feedback SET score = 1 WHERE session_id = $S5" 2>/dev/null; then
    not_ok "sqlite3 update in the closed year refused"
else
    ok "sqlite3 update in the closed year refused"
fi
if sqlite3 "$DB" "DELETE FROM session_feedback WHERE session_id = $S5" 2>/dev/null; then
    not_ok "sqlite3 delete in the closed year refused"
else
    ok "sqlite3 delete in the closed year refused"
fi
check "verify passes (the digest holds)" "$FX" --db "$DB" verify

# Migration: a ledger of schema 6 (this program reading a data folder whose schema stops at 006).
OLD_DATA="$T/data6"
old_schema_data 6 "$OLD_DATA"
D6="$T/six.db"
FENXIAO_DATA_DIR="$OLD_DATA" "$FX" --db "$D6" init --unit 升级镇 >/dev/null 2>&1
FENXIAO_DATA_DIR="$OLD_DATA" "$FX" --db "$D6" session add --date 2026-11-03 --title 老课 --category 政治理论教育 \
    --format 集中培训 --kind 专题党课 --hours 2 --expected 10 --present 9 >/dev/null 2>&1
eq "a ledger of schema 6" "6" "$(sql "$D6" 'PRAGMA user_version')"
CUR=$(ls "$TOP/data/schema/" | sed -n 's/^0*\([0-9][0-9]*\)-.*\.sql$/\1/p' | sort -n | tail -1)
check "this build records feedback on it" "$FX" --db "$D6" session feedback 1 --returned 9 --satisfied 9 --basic 0 --unsatisfied 0
eq "…upgraded to schema $CUR" "$CUR" "$(sql "$D6" 'PRAGMA user_version')"
eq "…keeping a copy of schema 6" "6" "$(sql "$(ls "$D6".before-v$CUR-* | head -1)" 'PRAGMA user_version')"
eq "…the old session kept" "老课" "$(sql "$D6" 'SELECT title FROM session WHERE id = 1')"
eq "…its feedback saved: 100.0%" "100.0%" "$(tr -d '\r' <<EOF2 | grep '^合计,' | awk -F, '{print $NF}'
$("$FX" --db "$D6" report month 2026-11 --format csv)
EOF2
)"
check "verify passes after the upgrade" "$FX" --db "$D6" verify

# Merge carries feedback by uuid: into an empty county ledger, then again (nothing doubles); the month total holds.
check "merge into a county ledger" "$FX" merge "$DB" -o "$T/county.db"
eq "…the five feedback rows came along" "5" "$(sql "$T/county.db" 'SELECT count(*) FROM session_feedback')"
check "merge again" "$FX" merge "$T/county.db" "$DB" -o "$T/county2.db"
eq "…nothing doubled" "5" "$(sql "$T/county2.db" 'SELECT count(*) FROM session_feedback')"
eq "…S1's counts as recorded" "20|15|3|2" "$(sql "$T/county2.db" "SELECT f.returned, f.satisfied, f.basic, f.unsatisfied FROM session_feedback f JOIN session s ON s.id = f.session_id WHERE s.title = '第一课'")"
check "verify the merged ledger" "$FX" --db "$T/county2.db" verify

# Export: one row per feedback, counts empty beside a score, 满意度 as a number.
"$FX" --db "$DB" export feedback >"$T/fb.csv" 2>>"$T/err"
eq "export feedback: S1's row" "20,15,3,2,,,0.9,联系实际好" "$(tr -d '\r' <"$T/fb.csv" | grep ',第一课,' | cut -d, -f5-12)"
eq "export feedback: S3's row (a score)" "30,,,,4,5,0.8," "$(tr -d '\r' <"$T/fb.csv" | grep ',第三课,' | cut -d, -f5-12)"

# A retired teacher's reason (schema 9) travels with the teacher in a merge.
sql "$DB" "UPDATE teacher SET active = 0, retire_reason = '调离本镇', updated_at = '2099-01-01T00:00:00Z' WHERE name = '李老师'"
check "merge the retirement" "$FX" merge "$T/county2.db" "$DB" -o "$T/county3.db"
eq "…the reason came along" "0|调离本镇" "$(sql "$T/county3.db" "SELECT active, retire_reason FROM teacher WHERE name = '李老师'")"
