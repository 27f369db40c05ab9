#!/bin/sh
# sheet_county.sh — the county's comparison of the star-rating sheet (issue 17, report sheet-county): three
# townships score themselves (自评) on a four-item standard, are merged into a county ledger, the county scores
# two of them (考评, --unit); the comparison shows each township's totals, stars, 差 (※ beyond [sheet] gap), 系统核验
# and items scored, with a 合计/平均 line, in CSV, PDF (one A4 page, also for 15 townships) and XLSX.
. "$(dirname "$0")/lib.sh"
export FENXIAO_TODAY=2026-12-05

# Four items, 100 points: three by hand of 30 and item 4 proved by the roster (at least one teacher) of 10.
mkdir -p "$XDG_CONFIG_HOME/fenxiao/standards"
cat >"$XDG_CONFIG_HOME/fenxiao/standards/four.ini" <<'INI'
[standard]
id = four
name = 四项
title = 测试用四项量化考评表
source = 测试依据
period = year
scope = unit

[item.1]
title = 第1项
evidence = manual
points = 30

[item.2]
title = 第2项
evidence = manual
points = 30

[item.3]
title = 第3项
evidence = manual
points = 30

[item.4]
title = 师资库有教师
evidence = roster
count = teachers
min = 1
points = 10

[stars]
1 = 60
2 = 70
3 = 80
4 = 90
5 = 95
INI

score() { # DB ROLE ITEM SCORE [--unit NAME]
    db=$1 role=$2 item=$3 sc=$4
    shift 4
    "$FX" --db "$db" sheet four --period 2026 "$@" "--$role" "$item" "$sc" 2>>"$T/err" || not_ok "$db $role $item $sc"
}

# The townships' own ledgers and their 自评, by hand:
#   甲镇 30 + 30 + 30 + 10 = 100 → 5 星; it has a teacher, so item 4's 系统核验 is 10.
#   乙镇 30 + 30 + 25 + 10 = 95 → 5 星; no teacher: 系统核验 0.
#   丙镇 items 1 and 2 only: 25 + 25 = 50 → below 1 星 (0 星); 2 of 4 items scored.
for u in 甲镇 乙镇 丙镇; do
    check "init $u" "$FX" --db "$T/$u.db" init --unit "$u"
done
printf '姓名,专职兼职,类型,单位,擅长专题\r\n张老师,专职,专家型,县委党校,党史\r\n' >"$T/t.csv"
check "甲镇 imports a teacher" "$FX" --db "$T/甲镇.db" import teachers "$T/t.csv"
score "$T/甲镇.db" self 1 30; score "$T/甲镇.db" self 2 30; score "$T/甲镇.db" self 3 30; score "$T/甲镇.db" self 4 10
score "$T/乙镇.db" self 1 30; score "$T/乙镇.db" self 2 30; score "$T/乙镇.db" self 3 25; score "$T/乙镇.db" self 4 10
score "$T/丙镇.db" self 1 25; score "$T/丙镇.db" self 2 25
C="$T/county.db"
check "merge the three into a county ledger" "$FX" merge "$T/甲镇.db" "$T/乙镇.db" "$T/丙镇.db" -o "$C"
eq "the 10 自评 scores came along" "10" "$(sql "$C" "SELECT count(*) FROM sheet_score WHERE role = 'self'")"

# The county's 考评, by hand:
#   甲镇 30 + 28 + 30 + 10 = 98 → 5 星; 差 100 − 98 = 2, not beyond the gap of 5; no item more than 5 apart.
#   乙镇 20 + 25 + 25 + 0 = 70 → 2 星; 差 95 − 70 = 25, marked ※; items 1 (10) and 4 (10) more than 5 apart,
#   item 2 (5) not.
#   丙镇 not scored by the county.
score "$C" review 1 30 --unit 甲镇; score "$C" review 2 28 --unit 甲镇
score "$C" review 3 30 --unit 甲镇; score "$C" review 4 10 --unit 甲镇
score "$C" review 1 20 --unit 乙镇; score "$C" review 2 25 --unit 乙镇
score "$C" review 3 25 --unit 乙镇; score "$C" review 4 0 --unit 乙镇

"$FX" --db "$C" report sheet-county four --period 2026 --format csv >"$T/c.csv" 2>>"$T/err"
row() { tr -d '\r' <"$T/c.csv" | grep "^$1,"; }
eq "CSV head" "分校,自评总分,自评星级,考评总分,考评星级,差,系统核验,自评已评,考评已评,超差项" "$(row 分校,自评总分)"
eq "甲镇: 100 5 星, 98 5 星, 差 2 unmarked, 系统核验 10" "甲镇,100,★★★★★ 5 星,98,★★★★★ 5 星,2,10,4/4,4/4,0" "$(row 甲镇)"
eq "乙镇: 95 5 星, 70 2 星, 差 ※25, 系统核验 0, 2 items apart" "乙镇,95,★★★★★ 5 星,70,★★☆☆☆ 2 星,※25,0,4/4,4/4,2" \
    "$(row 乙镇)"
eq "丙镇: 50 0 星, no 考评" "丙镇,50,☆☆☆☆☆ 0 星,,,,0,2/4,0/4,0" "$(row 丙镇)"
# 合计/平均 by hand: 自评 (100 + 95 + 50) / 3 = 81.67; 考评 (98 + 70) / 2 = 84; 差 (2 + 25) / 2 = 13.5;
# 系统核验 (10 + 0 + 0) / 3 = 3.33; scored 10 and 8 of 12 items; 2 items apart.
eq "合计/平均" "合计/平均,81.67,,84,,13.5,3.33,10/12,8/12,2" "$(row 合计/平均)"
eq "three rows, one per township, and no other" "3" "$(tr -d '\r' <"$T/c.csv" | grep -c '^[甲乙丙]镇,')"
"$FX" --db "$C" report sheet-county four --period 2026 >"$T/c.txt" 2>>"$T/err"
has "text: three townships" "$(cat "$T/c.txt")" "分校 3 个"
has "text: 2 scored by the county" "$(cat "$T/c.txt")" "已考评 2 个分校"
has "text: one township beyond the gap" "$(cat "$T/c.txt")" "总分相差超过5分 1 个分校"
has "text: the 考评's stars" "$(cat "$T/c.txt")" "5 星 1 个，2 星 1 个"
has "text: the marker's footnote" "$(cat "$T/c.txt")" "※ 自评与考评总分相差超过 5 分（本地设置 [sheet] gap）"

# The same totals as each township's own sheet (report sheet --unit), which is the one computation.
"$FX" --db "$C" report sheet four --period 2026 --unit 乙镇 --format csv >"$T/y.csv" 2>>"$T/err"
eq "乙镇's sheet: the same totals 95 and 70" "合计,4 项,100,0,95,70,25," "$(tr -d '\r' <"$T/y.csv" | grep '^合计,')"

# [sheet] gap = 1: 甲镇's 差 of 2 is marked too.
printf '[sheet]\ngap = 1\n' >"$XDG_CONFIG_HOME/fenxiao/fenxiao.ini"
"$FX" --db "$C" report sheet-county four --period 2026 --format csv >"$T/g.csv" 2>>"$T/err"
rm "$XDG_CONFIG_HOME/fenxiao/fenxiao.ini"
eq "gap = 1 marks 甲镇 (and item 2 apart)" "甲镇,100,★★★★★ 5 星,98,★★★★★ 5 星,※2,10,4/4,4/4,1" \
    "$(tr -d '\r' <"$T/g.csv" | grep '^甲镇,')"

# PDF: one A4 page with the marker on 乙镇 only.
check "PDF" "$FX" --db "$C" report sheet-county four --period 2026 -o "$T/c.pdf"
eq "PDF: one page" "1" "$(pdfinfo "$T/c.pdf" | sed -n 's/^Pages: *//p')"
has "PDF: A4" "$(pdfinfo "$T/c.pdf" | grep 'Page size')" "595.276 x 841.89"
pdftotext -layout "$T/c.pdf" "$T/c-pdf.txt"
eq "PDF: the marker on 乙镇's line" "1" "$(grep '乙镇' "$T/c-pdf.txt" | grep -c '※25')"
eq "PDF: no marker on 甲镇's line" "0" "$(grep '甲镇' "$T/c-pdf.txt" | grep -c '※')"
has "PDF: the title" "$(tr -d ' \n' <"$T/c-pdf.txt")" "各分校“四项”量化考评对比表"
check "PDF as a picture" pdftoppm -png -r 60 -singlefile "$T/c.pdf" "$T/c-page"
[ -s "$T/c-page.png" ] && ok "the PNG is drawn" || not_ok "the PNG is drawn"

# XLSX: the cells as numbers and text.
check "XLSX" "$FX" --db "$C" report sheet-county four --period 2026 -o "$T/c.xlsx"
X=$(/usr/bin/python3 - "$T/c.xlsx" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], data_only=True).worksheets[0]
for row in ws.iter_rows(values_only=True):
    if row and row[0] in ("甲镇", "乙镇", "丙镇", "合计/平均"):
        print("|".join("" if v is None else str(v) for v in row[:10]))
    if row and row[0] == "乙镇":
        print("numbers:", all(isinstance(v, (int, float)) for v in (row[1], row[3], row[6])))
PY
)
has "XLSX: 甲镇" "$X" "甲镇|100|★★★★★ 5 星|98|★★★★★ 5 星|2|10|4/4|4/4|0"
has "XLSX: 乙镇 marked" "$X" "乙镇|95|★★★★★ 5 星|70|★★☆☆☆ 2 星|※25|0|4/4|4/4|2"
has "XLSX: the totals are numbers" "$X" "numbers: True"
has "XLSX: 合计/平均" "$X" "合计/平均|81.67||84||13.5|3.33|10/12|8/12|2"

# Fifteen townships: the table still fits one A4 page.
set --
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    "$FX" --db "$T/t$i.db" init --unit "第${i}镇" >/dev/null 2>>"$T/err" || not_ok "init 第${i}镇"
    "$FX" --db "$T/t$i.db" sheet four --period 2026 --self 1 20 2>>"$T/err" || not_ok "自评 第${i}镇"
    set -- "$@" "$T/t$i.db"
done
check "merge fifteen townships" "$FX" merge "$T/甲镇.db" "$T/乙镇.db" "$T/丙镇.db" "$@" -o "$T/c15.db"
"$FX" --db "$T/c15.db" report sheet-county four --period 2026 --format csv >"$T/c15.csv" 2>>"$T/err"
eq "fifteen rows" "15" "$(tr -d '\r' <"$T/c15.csv" | grep -c '镇,')"
check "PDF of fifteen" "$FX" --db "$T/c15.db" report sheet-county four --period 2026 -o "$T/c15.pdf"
eq "fifteen townships on one page" "1" "$(pdfinfo "$T/c15.pdf" | sed -n 's/^Pages: *//p')"

# A township's own ledger (nothing merged): its own unit is the one row.
"$FX" --db "$T/甲镇.db" report sheet-county four --period 2026 --format csv >"$T/own.csv" 2>>"$T/err"
eq "a ledger that merged nothing: its own row" "甲镇,100,★★★★★ 5 星,,,,10,4/4,0/4,0" "$(tr -d '\r' <"$T/own.csv" | grep '^甲镇,')"

# Bad input: a period of the wrong kind, a standard without points.
status 3 "a month for a yearly standard" "$FX" --db "$C" report sheet-county four --period 2026-03
status 3 "a standard without points" "$FX" --db "$C" report sheet-county bageyi --period 2026
