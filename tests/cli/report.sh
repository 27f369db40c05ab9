#!/bin/sh
# report.sh — `fenxiao report`: the month's 合计 row against SQL in CSV, text, XLSX and PDF;
# embedded CJK fonts; one A4 page; inert formulas; printing without lp keeps the PDF.
. "$(dirname "$0")/lib.sh"
export FENXIAO_DATA_DIR="${FENXIAO_DATA_DIR:-${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/data}"
DB=$T/ledger.db
R() { "$FX" --db "$DB" report "$@"; }

check "init" "$FX" --db "$DB" init --unit 测试镇党校分校
UNIT=$(sql "$DB" "SELECT id FROM unit")
sql "$DB" "INSERT INTO branch (uuid, unit_id, name, kind) VALUES
  ('b1', $UNIT, '东村党支部', '村'), ('b2', $UNIT, '西社区党支部', '社区'), ('b3', $UNIT, '机关党支部', '机关');
INSERT INTO member (uuid, branch_id, name, role) VALUES
  ('m1', 1, '张三', '普通党员'), ('m2', 1, '李四', '党组织书记'), ('m3', 1, '王五', '普通党员'),
  ('m4', 2, '赵六', '班子成员'), ('m5', 2, '钱七', '普通党员'), ('m6', 2, '孙八', '普通党员'),
  ('m7', 3, '周九', '普通党员'), ('m8', 3, '吴十', '普通党员'), ('m9', 3, '=HYPERLINK(\"x\")', '普通党员'),
  ('m10', 3, '郑一', '普通党员');
INSERT INTO teacher (uuid, unit_id, name, employment, type) VALUES
  ('t1', $UNIT, '刘老师', '专职', '专家型'), ('t2', $UNIT, '陈书记', '兼职', '领导型');"

cats="政治理论教育 党章党规党纪教育 形势政策教育 知识技能教育 革命传统教育"
fmts="专题党课 集中培训 微党课 现场教学 云课堂"
people="张三 李四 王五 赵六 钱七 孙八 周九 吴十 =HYPERLINK(\"x\") 郑一"
# 30 live sessions in March 2024, with varying roll calls; one voided; one in April.
i=1
while [ $i -le 30 ]; do
    day=$(printf %02d $i)
    cat=$(echo $cats | cut -d' ' -f$(( (i % 5) + 1 )))
    fmt=$(echo $fmts | cut -d' ' -f$(( (i % 5) + 1 )))
    n=$(( (i % 7) + 2 ))
    att=$(echo $people | tr ' ' '\n' | head -$n | paste -sd, -)
    absent=$(echo $people | tr ' ' '\n' | sed -n "$((n + 1))p")
    hours=$(( (i % 4) + 1 ))
    [ $((i % 3)) -eq 0 ] && hours="$hours.5"
    teacher=刘老师
    [ $((i % 2)) -eq 0 ] && teacher=陈书记
    if [ -n "$absent" ]; then
        "$FX" --db "$DB" session add --date 2024-03-$day --title "第${i}期 学习贯彻党的二十大精神专题培训" \
            --category "$cat" --format "$fmt" --hours "$hours" --teacher "$teacher" \
            --attendees "$att" --absent "$absent:请假" >/dev/null 2>"$T/err" || echo "not ok - session $i: $(cat "$T/err")"
    else
        "$FX" --db "$DB" session add --date 2024-03-$day --title "第${i}期 学习贯彻党的二十大精神专题培训" \
            --category "$cat" --format "$fmt" --hours "$hours" --teacher "$teacher" \
            --attendees "$att" >/dev/null 2>"$T/err" || echo "not ok - session $i: $(cat "$T/err")"
    fi
    i=$((i + 1))
done
# A title that is a formula; a head-count session with no roll call.
"$FX" --db "$DB" session add --date 2024-03-31 --title '=HYPERLINK("x")' --category 政治理论教育 --format 微党课 \
    --hours 1 --expected 12 >/dev/null 2>&1
VOID=$("$FX" --db "$DB" session add --date 2024-03-15 --title 重复录入的课 --category 政治理论教育 --format 微党课 \
    --hours 8 --attendees 张三,李四,王五 2>/dev/null)
check "void a session" "$FX" --db "$DB" session void "$VOID" --reason 重复录入
"$FX" --db "$DB" session add --date 2024-04-02 --title 四月的培训 --category 政治理论教育 --format 微党课 \
    --hours 3 --attendees 张三 >/dev/null 2>&1

# The expected figures, straight from the ledger file.
W="voided = 0 AND date BETWEEN '2024-03-01' AND '2024-03-31'"
S_SESSIONS=$(sql "$DB" "SELECT count(*) FROM session WHERE $W")
S_TIMES=$(sql "$DB" "SELECT sum(present) FROM session WHERE $W")
S_PEOPLE=$(sql "$DB" "SELECT count(DISTINCT a.member_id) FROM attendance a JOIN session s ON s.id = a.session_id
  WHERE s.$(echo "$W" | sed 's/ AND date/ AND s.date/') AND a.status = 1")
S_EXPECTED=$(sql "$DB" "SELECT sum(expected) FROM session WHERE $W")
S_HOURS=$(sql "$DB" "SELECT rtrim(rtrim(printf('%.1f', sum(hours)), '0'), '.') FROM session WHERE $W")
S_RATE=$(sql "$DB" "SELECT printf('%.1f%%', 100.0 * sum(present) / sum(expected)) FROM session WHERE $W")
S_RATIO=$(sql "$DB" "SELECT round(1.0 * sum(present) / sum(expected), 3) FROM session WHERE $W")
eq "31 live sessions in March (the voided one not counted)" 31 "$S_SESSIONS"

# CSV: the 合计 row.
check "report month csv" R month 2024-03 --format csv
cp "$T/out" "$T/month.csv"
eq "csv starts with a UTF-8 BOM" "efbbbf" "$(head -c 3 "$T/month.csv" | od -An -tx1 | tr -d ' \n')"
has "csv lines end in CRLF" "$(od -c "$T/month.csv" | head -3)" '\r  \n'
TOT=$(grep '^合计,' "$T/month.csv" | tr -d '\r')
has "csv has a 合计 row" "$TOT" "合计"
# Only numbers in the 合计 row (a spreadsheet sums them); 期数 and 人数 are figures of their own.
eq "csv 合计 has no words in the text columns" ",,,," "$(echo "$TOT" | cut -d, -f2-6)"
eq "csv figure 期数" "期数,$S_SESSIONS,期" "$(grep '^期数,' "$T/month.csv" | tr -d '\r')"
eq "csv 合计 应到" "$S_EXPECTED" "$(echo "$TOT" | cut -d, -f7)"
eq "csv 合计 实到 (人次)" "$S_TIMES" "$(echo "$TOT" | cut -d, -f8)"
eq "csv 合计 参训率" "$S_RATE" "$(echo "$TOT" | cut -d, -f9)"
eq "csv 合计 学时" "$S_HOURS" "$(echo "$TOT" | cut -d, -f10)"
eq "csv figure 人数" "人数,$S_PEOPLE,人" "$(grep '^人数,' "$T/month.csv" | tr -d '\r')"
has "csv formula title is inert (quote + apostrophe)" "$(cat "$T/month.csv")" "\"'=HYPERLINK(\"\"x\"\")\""
if grep -q 重复录入的课 "$T/month.csv"; then not_ok "voided session absent from csv"; else ok "voided session absent from csv"; fi

# Text: the same numbers.
check "report month text" R month 2024-03
TXT=$(grep '^合计' "$T/out")
has "text figure 期数" "$(cat "$T/out")" "期数 ${S_SESSIONS} 期"
has "text figure 人次" "$(cat "$T/out")" "人次 ${S_TIMES} 人次"
has "text 合计 参训率" "$TXT" "$S_RATE"
eq "text 合计: 学时 before the 满意度 column" "$S_HOURS" "$(echo "$TXT" | awk '{print $(NF-1)}')"
eq "text 合计 ends with 满意度 (no feedback recorded: —)" "—" "$(echo "$TXT" | awk '{print $NF}')"
has "text has signature lines" "$(cat "$T/out")" "制表人：____"
if grep -q "$(printf '\033')" "$T/out"; then not_ok "text has no escape characters"; else ok "text has no escape characters"; fi

# XLSX: numbers as numbers, the same values, formulas inert.
check "report month xlsx" R month 2024-03 --format xlsx -o "$T/month.xlsx"
eq "xlsx is 0600" 600 "$(stat -c %a "$T/month.xlsx")"
unzip -p "$T/month.xlsx" xl/worksheets/sheet1.xml >"$T/sheet.xml" 2>/dev/null
XROW=$(sed 's/<row /\n<row /g' "$T/sheet.xml" | grep '<t>合计</t>')
has "xlsx 合计 应到 is a number" "$XROW" "<v>${S_EXPECTED}</v>"
has "xlsx 合计 实到 is a number" "$XROW" "<v>${S_TIMES}</v>"
# 参训率 is 实到 ÷ 应到 of the row itself, its value cached as a spreadsheet computes it (S_RATIO to 3 places).
has "xlsx 合计 参训率 is a formula" "$XROW" "<f>H35/G35</f><v>$(printf %s "$S_RATIO" | cut -c1-4)"
has "xlsx 合计 学时 is a number" "$XROW" "<v>${S_HOURS}</v>"
has "xlsx formula title stored as text" "$(cat "$T/sheet.xml")" "<t>'=HYPERLINK(\"x\")</t>"
# The only formulas are the 合计 row's own sums (tests/cli/paper.sh reads them back).
if sed 's/<row /\n<row /g' "$T/sheet.xml" | grep -v '<t>合计</t>' | grep -q '<f>'; then
    not_ok "xlsx has no formula but the 合计 row's"
else
    ok "xlsx has no formula but the 合计 row's"
fi
has "xlsx sheet name" "$(unzip -p "$T/month.xlsx" xl/workbook.xml)" 'name="2024年3月"'

# PDF: the same numbers, embedded subset CJK fonts, one A4 page, signature lines.
check "report month pdf" R month 2024-03 --format pdf -o "$T/month.pdf"
eq "pdf is 0600" 600 "$(stat -c %a "$T/month.pdf")"
pdftotext -layout "$T/month.pdf" "$T/month.txt"
PTXT=$(cat "$T/month.txt")
has "pdf text has the title" "$PTXT" "2024年3月培训情况汇总表"
has "pdf text has the unit" "$PTXT" "测试镇党校分校"
has "pdf figure 期数" "$PTXT" "期数 ${S_SESSIONS} 期"
has "pdf figure 人数" "$PTXT" "人数 ${S_PEOPLE} 人"
has "pdf 合计 参训率" "$PTXT" "$S_RATE"
has "pdf figures 学时" "$PTXT" "总学时 ${S_HOURS} 学时"
has "pdf signature 制表人" "$PTXT" "制表人"
has "pdf signature 审核人" "$PTXT" "审核人"
has "pdf page number" "$(echo "$PTXT" | tr -d ' ')" "第1页共3页"
# 31 sessions whose topics wrap in their cells: page 1 is the summary, the list is on 明细 pages with its header.
eq "pdf month of 31 sessions is a summary and two 明细 pages" 3 "$(pdfinfo "$T/month.pdf" | awk '/^Pages:/ {print $2}')"
eq "pdf header on both pages" 2 "$(pdftotext -raw "$T/month.pdf" - | grep -c '序号 日期 培训主题')"
has "pdf is A4" "$(pdfinfo "$T/month.pdf" | grep 'Page size')" "(A4)"
pdffonts "$T/month.pdf" | tail -n +3 >"$T/fonts"
has "pdffonts lists a CJK font" "$(cat "$T/fonts")" "WenQuanYi"
if [ -s "$T/fonts" ] && awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes") bad = 1 } END { exit bad }' "$T/fonts"; then
    ok "every pdf font embedded as a subset"
else
    not_ok "every pdf font embedded as a subset" "$(cat "$T/fonts")"
fi

# Hours: the member named as a formula stays inert; leaders need 56.
check "report hours csv" R hours 2024 --format csv
has "hours csv: formula name is inert" "$(cat "$T/out")" "\"'=HYPERLINK(\"\"x\"\")\""
has "hours csv: leader minimum 56" "$(grep ',李四,' "$T/out")" ",56,"
has "hours csv: member minimum 32" "$(grep ',张三,' "$T/out")" ",32,"
ZS=$(sql "$DB" "SELECT rtrim(rtrim(printf('%.1f', sum(s.hours)), '0'), '.') FROM attendance a JOIN session s ON s.id = a.session_id
  JOIN member m ON m.id = a.member_id WHERE m.name = '张三' AND a.status = 1 AND s.voided = 0 AND s.date LIKE '2024-%'")
eq "hours of 张三 agree with the attendance" "$ZS" "$(grep ',张三,' "$T/out" | cut -d, -f6)"
check "report hours xlsx" R hours 2024 --format xlsx -o "$T/hours.xlsx"
unzip -p "$T/hours.xlsx" xl/worksheets/sheet1.xml >"$T/hsheet.xml" 2>/dev/null
has "hours xlsx: formula name is a string" "$(cat "$T/hsheet.xml")" "<t>'=HYPERLINK(\"x\")</t>"
if grep -q '<f>' "$T/hsheet.xml"; then not_ok "hours xlsx has no formula"; else ok "hours xlsx has no formula"; fi
# Below target by the roll calls themselves (member_year is the triggers' sum, part of what is tested).
BELOW=$(sql "$DB" "SELECT count(*) FROM member m WHERE m.active = 1 AND (SELECT ifnull(sum(s.hours), 0) FROM attendance a
  JOIN session s ON s.id = a.session_id WHERE a.member_id = m.id AND a.status = 1 AND s.voided = 0
  AND s.date LIKE '2024-%') < CASE WHEN m.role IN ('党组织书记', '班子成员') THEN 56 ELSE 32 END")
check "report hours --below" R hours 2024 --below --format csv
eq "hours --below lists the members below" "$BELOW" "$(grep -c ',否' "$T/out")"
eq "hours --below lists no one at target" 0 "$(grep -c ',是' "$T/out")"

# The other reports run and agree on 期数.
for r in "quarter 2024-Q1" "year 2024" "branches 2024-03" "categories 2024-03" "teachers 2024" "orders"; do
    check "report $r" R $r
done
R categories 2024-03 --format csv >"$T/cat.csv" 2>/dev/null
eq "categories 合计 期数" "$S_SESSIONS" "$(grep '^合计,' "$T/cat.csv" | cut -d, -f3)"
eq "categories by category sum to 期数" "$S_SESSIONS" "$(grep '^内容类别,' "$T/cat.csv" | cut -d, -f3 | paste -sd+ - | bc)"
eq "categories by format sum to 期数" "$S_SESSIONS" "$(grep '^培训形式,' "$T/cat.csv" | cut -d, -f3 | paste -sd+ - | bc)"
R quarter 2024-Q1 --format csv >"$T/q.csv" 2>/dev/null
eq "quarter March row 期数" "$S_SESSIONS" "$(grep '^3月,' "$T/q.csv" | cut -d, -f2)"

# Usage and bad input.
status 2 "month needs YYYY-MM" R month 2024
# No period: the current one of the kind (issue 18); FENXIAO_TODAY is the day.
for k in month quarter year hours; do
    check "report $k without a period" R $k
    head -1 "$T/out" >"$T/now-$k"
done
has "month: this month" "$(cat "$T/now-month")" "$(echo "$FENXIAO_TODAY" | sed -E 's/^([0-9]{4})-0?([0-9]+)-.*/\1年\2月/')"
has "year: this year" "$(cat "$T/now-year")" "$(echo "$FENXIAO_TODAY" | cut -c1-4)年"
has "hours: this year" "$(cat "$T/now-hours")" "$(echo "$FENXIAO_TODAY" | cut -c1-4)年"
status 2 "unknown report" R weekly 2024
status 2 "--print with csv is refused" R month 2024-03 --print --format csv

# Printing: no lp on PATH keeps the PDF and says where (exit 5).
mkdir -p "$T/nobin"
PATH="$T/nobin" "$FX" --db "$DB" report month 2024-03 --print >"$T/out" 2>"$T/err"
eq "print without lp exits 5" 5 $?
has "print without lp says so" "$(cat "$T/err")" "没有打印命令 lp"
KEPT=$(sed -n 's/.*PDF 已保留：//p' "$T/err")
has "kept PDF is in the print directory" "$KEPT" "$XDG_DATA_HOME/fenxiao/print/month-2024-03-"
if [ -n "$KEPT" ] && [ -s "$KEPT" ]; then ok "kept PDF exists"; else not_ok "kept PDF exists" "[$KEPT]"; fi
PATH="$T/nobin" "$FX" --db "$DB" report month 2024-03 --print -o "$T/p.pdf" >"$T/out" 2>"$T/err"
eq "print -o without lp exits 5" 5 $?
if [ -s "$T/p.pdf" ]; then ok "print -o keeps the PDF at -o"; else not_ok "print -o keeps the PDF at -o"; fi

# A fake lp: argv arrives intact (no shell), and a refusal is reported.
mkdir -p "$T/bin"
cat >"$T/bin/lp" <<EOF
#!/bin/sh
for a in "\$@"; do printf '%s\n' "\$a"; done >"$T/lp-args"
echo "request id is x-1 (1 file(s))"
EOF
chmod +x "$T/bin/lp"
PATH="$T/bin:/usr/bin:/bin" "$FX" --db "$DB" report month 2024-03 --print --printer 'hp; touch pwned' -o "$T/q.pdf" >"$T/out" 2>"$T/err"
eq "print with lp exits 0" 0 $?
eq "lp got -d, the printer name as one argument, and the file" "-d|hp; touch pwned|$T/q.pdf" "$(paste -sd'|' "$T/lp-args")"
if [ -e pwned ] || [ -e "$T/pwned" ]; then not_ok "no shell ran the printer name"; else ok "no shell ran the printer name"; fi
eq "lp's chatter does not reach stdout" "" "$(cat "$T/out")"
printf '#!/bin/sh\necho "lp: Error - No default destination." >&2\nexit 1\n' >"$T/bin/lp"
PATH="$T/bin:/usr/bin:/bin" "$FX" --db "$DB" report month 2024-03 --print -o "$T/r.pdf" >"$T/out" 2>"$T/err"
eq "lp refusing exits 5" 5 $?
has "lp's reason is shown" "$(cat "$T/err")" "No default destination"
has "the kept PDF is named" "$(cat "$T/err")" "$T/r.pdf"

# XLSX and PDF without -o: named by their title in ~/文档/分校台账 (no desktop folders set here), mode 0600.
mkdir -p "$T/cwd"
(cd "$T/cwd" && "$FX" --db "$DB" report month 2024-03 --format pdf >"$T/out" 2>"$T/err")
eq "default pdf in the documents folder" "600" "$(stat -c %a "$HOME/文档/分校台账/2024年3月培训情况汇总表.pdf" 2>&1)"
has "default pdf name is shown" "$(cat "$T/err")" "$HOME/文档/分校台账/2024年3月培训情况汇总表.pdf"
(cd "$T/cwd" && "$FX" --db "$DB" report hours 2024 --below --format xlsx >"$T/out" 2>"$T/err")
eq "default xlsx in the documents folder" "600" "$(stat -c %a "$HOME/文档/分校台账/2024年学时未达标党员名单.xlsx" 2>&1)"
eq "nothing in the current directory" "" "$(ls "$T/cwd")"
check "csv to -o" R month 2024-03 --format csv --no-bom -o "$T/m2.csv"
eq "csv -o is 0600" 600 "$(stat -c %a "$T/m2.csv")"
eq "--no-bom drops the BOM" "2024" "$(head -c 4 "$T/m2.csv")"
