#!/bin/sh
# sheet.sh — the star-rating sheet (量化考评表, issue 17, seed 003): a 19-item scored standard scored twice, 自评 and
# 考评, prints on one A4 page with both columns, their totals and the stars each earns; the 10-point disagreement
# is marked ※ and the 3-point one is not; re-scoring replaces; bad input (exit 3); the closed year (exit 6, CLI and
# sqlite3); the config's [sheet] gap; merge carries the scores; and the migration of a ledger made by schema 10.
. "$(dirname "$0")/lib.sh"
export FENXIAO_TODAY=2026-12-05

# A county's own scored standard beside the config file, so it loads beside the shipped ones: 19 items, 18 of
# 5 points and the last of 10 (100 in all); item 3 is proved by the roster (at least one teacher).
mkdir -p "$XDG_CONFIG_HOME/fenxiao/standards"
STD="$XDG_CONFIG_HOME/fenxiao/standards/test19.ini"
{
    printf '[standard]\nid = test19\nname = 十九项\ntitle = 测试用十九项量化考评表\nsource = 测试依据\n'
    printf 'period = year\nscope = unit\n'
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18; do
        case $i in
        3) printf '\n[item.3]\ntitle = 师资库有教师\nevidence = roster\ncount = teachers\nmin = 1\npoints = 5\n' ;;
        *) printf '\n[item.%d]\ntitle = 第%d项\nevidence = manual\npoints = 5\n' "$i" "$i" ;;
        esac
    done
    printf '\n[item.19]\ntitle = 第19项\nevidence = manual\npoints = 10\n'
    printf '\n[stars]\n1 = 60\n2 = 70\n3 = 80\n4 = 90\n5 = 95\n'
} >"$STD"

DB="$T/sheet.db"
check "init" "$FX" --db "$DB" init --unit 测试镇
printf '姓名,专职兼职,类型,单位,擅长专题\r\n张老师,专职,专家型,县委党校,党史\r\n' >"$T/t.csv"
check "import a teacher (item 3 is then proved by the roster)" "$FX" --db "$DB" import teachers "$T/t.csv"

# By hand: 自评 gives every item its full points: 18 × 5 + 10 = 100 → 5 stars (≥ 95).
# 考评 gives full points except item 2 (2 of 5: 3 apart, not marked) and item 19 (0 of 10: 10 apart, marked):
# 17 × 5 + 2 + 0 = 87 → 3 stars (≥ 80, < 90). 差 in total 100 − 87 = 13.
check "a first 自评 of item 1 (to be replaced)" "$FX" --db "$DB" sheet test19 --period 2026 --self 1 3
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18; do
    "$FX" --db "$DB" sheet test19 --period 2026 --self "$i" 5 2>>"$T/err" || not_ok "自评 item $i"
    case $i in 2) r=2 ;; *) r=5 ;; esac
    "$FX" --db "$DB" sheet test19 --period 2026 --review "$i" "$r" 2>>"$T/err" || not_ok "考评 item $i"
done
check "自评 item 19 with a note" "$FX" --db "$DB" sheet test19 --period 2026 --self 19 10 --note 材料齐全 \
    --evidence 会议记录
check "考评 item 19 with a note" "$FX" --db "$DB" sheet test19 --period 2026 --review 19 0 --note 未见材料
eq "38 scores: one per item and role (re-scoring replaced item 1's)" "38" "$(sql "$DB" 'SELECT count(*) FROM sheet_score')"
eq "item 1's 自评 is the later 5" "5.0" "$(sql "$DB" "SELECT score FROM sheet_score WHERE item = '1' AND role = 'self'")"
eq "each score audited (38 inserts, 1 update)" "38|1" \
    "$(sql "$DB" "SELECT sum(action = 'insert'), sum(action = 'update') FROM audit WHERE entity = 'sheet'")"
eq "the evidence is kept" "会议记录" "$(sql "$DB" "SELECT evidence FROM sheet_score WHERE item = '19' AND role = 'self'")"

"$FX" --db "$DB" report sheet test19 --period 2026 --format csv >"$T/s.csv" 2>>"$T/err"
row() { tr -d '\r' <"$T/s.csv" | grep "^$1,"; }
eq "CSV head" "序号,项目,分值,系统核验,自评,考评,差,说明" "$(row 序号)"
eq "item 2: 3 apart, not marked" "2,第2项,5,—,5,2,3," "$(row 2)"
eq "item 3: 系统核验 from the roster (5 of 5)" "3,师资库有教师,5,5,5,5,0," "$(row 3)"
eq "item 19: 10 apart, marked ※" "19,第19项,10,—,10,0,※10,自评：材料齐全；考评：未见材料" "$(row 19)"
eq "totals: 100 and 87, 差 13" "合计,19 项,100,5,100,87,13," "$(row 合计)"
"$FX" --db "$DB" sheet test19 --period 2026 --show >"$T/show.txt" 2>>"$T/err"
has "--show: 自评's total and stars" "$(cat "$T/show.txt")" "自评 100 分（★★★★★ 5 星）"
has "--show: 考评's total and stars" "$(cat "$T/show.txt")" "考评 87 分（★★★☆☆ 3 星）"
has "--show: one item more than 5 apart" "$(cat "$T/show.txt")" "相差超过5分 1 项"
has "--show: the marker's footnote" "$(cat "$T/show.txt")" "※ 自评与考评相差超过 5 分（本地设置 [sheet] gap）"

# The PDF: A4, one page, both columns, the stars, the marker on item 19 only.
check "report sheet as PDF" "$FX" --db "$DB" report sheet test19 --period 2026 -o "$T/s.pdf"
eq "one page" "1" "$(pdfinfo "$T/s.pdf" | sed -n 's/^Pages: *//p')"
has "A4" "$(pdfinfo "$T/s.pdf" | grep 'Page size')" "595.276 x 841.89"
pdftotext -layout "$T/s.pdf" "$T/s.txt"
has "PDF: both columns" "$(cat "$T/s.txt")" "自评"
has "PDF: 考评 column" "$(cat "$T/s.txt")" "考评"
has "PDF: 考评's stars" "$(cat "$T/s.txt")" "87 分（★★★☆☆ 3 星）"
eq "PDF: one marked difference (item 19)" "1" "$(grep -c '※10' "$T/s.txt")"
eq "PDF: item 2's line has no marker" "0" "$(grep '第2项' "$T/s.txt" | grep -c '※')"
check "report sheet as XLSX" "$FX" --db "$DB" report sheet test19 --period 2026 -o "$T/s.xlsx"

# [sheet] gap is a local setting: with gap = 2 the 3-point difference is marked too.
printf '[sheet]\ngap = 2\n' >"$XDG_CONFIG_HOME/fenxiao/fenxiao.ini"
"$FX" --db "$DB" report sheet test19 --period 2026 --format csv >"$T/g.csv" 2>>"$T/err"
rm "$XDG_CONFIG_HOME/fenxiao/fenxiao.ini"
eq "gap = 2 marks item 2" "2,第2项,5,—,5,2,※3," "$(tr -d '\r' <"$T/g.csv" | grep '^2,')"

# Bad input: exit 3, nothing written.
status 3 "score above the item's points" "$FX" --db "$DB" sheet test19 --period 2026 --self 2 6
status 3 "negative score" "$FX" --db "$DB" sheet test19 --period 2026 --self 2 -1
status 3 "a score that is not a number" "$FX" --db "$DB" sheet test19 --period 2026 --self 2 abc
status 3 "unknown item" "$FX" --db "$DB" sheet test19 --period 2026 --self 99 1
status 3 "unknown standard" "$FX" --db "$DB" sheet nosuch --period 2026 --self 1 1
status 2 "neither --self nor --review" "$FX" --db "$DB" sheet test19 --period 2026 1 1
eq "nothing written" "38" "$(sql "$DB" 'SELECT count(*) FROM sheet_score')"

# The closed year: exit 6; sqlite3 cannot change it either.
check "自评 of 2025" "$FX" --db "$DB" sheet test19 --period 2025 --self 1 4
check "close-year 2025" "$FX" --db "$DB" close-year 2025
status 6 "scoring in the closed year" "$FX" --db "$DB" sheet test19 --period 2025 --review 1 4
status 6 "re-scoring in the closed year" "$FX" --db "$DB" sheet test19 --period 2025 --self 1 5
if sqlite3 "$DB" "UPDATE sheet_score SET score = 1 WHERE period = '2025'" 2>/dev/null; then
    not_ok "sqlite3 update in the closed year refused"
else
    ok "sqlite3 update in the closed year refused"
fi
if sqlite3 "$DB" "DELETE FROM sheet_score WHERE period = '2025'" 2>/dev/null; then
    not_ok "sqlite3 delete in the closed year refused"
else
    ok "sqlite3 delete in the closed year refused"
fi
check "verify passes (the digest holds)" "$FX" --db "$DB" verify

# Migration: a ledger of schema 10 (this program reading a data folder whose schema stops at 010).
OLD_DATA="$T/data10"
old_schema_data 10 "$OLD_DATA"
D10="$T/ten.db"
FENXIAO_DATA_DIR="$OLD_DATA" "$FX" --db "$D10" init --unit 升级镇 >/dev/null 2>&1
eq "a ledger of schema 10" "10" "$(sql "$D10" 'PRAGMA user_version')"
check "this build scores on it" "$FX" --db "$D10" sheet test19 --period 2026 --self 19 8
CUR=$(ls "$TOP/data/schema/" | sed -n 's/^0*\([0-9][0-9]*\)-.*\.sql$/\1/p' | sort -n | tail -1)
eq "…upgraded to schema $CUR" "$CUR" "$(sql "$D10" 'PRAGMA user_version')"
eq "…keeping a copy of schema 10" "10" "$(sql "$(ls "$D10".before-v$CUR-* | head -1)" 'PRAGMA user_version')"
eq "…the score saved" "8.0" "$(sql "$D10" "SELECT score FROM sheet_score WHERE item = '19'")"
check "verify passes after the upgrade" "$FX" --db "$D10" verify

# Merge carries the scores by uuid; the county's merged ledger holds its own 考评 of the township (unit_id = the
# township's unit) and prints the township's sheet with --unit; merging again doubles nothing.
TW="$T/tw.db"
check "a township's ledger" "$FX" --db "$TW" init --unit 甲镇
check "…its 自评 of item 19" "$FX" --db "$TW" sheet test19 --period 2026 --self 19 9 --note 自评
check "…and of item 2" "$FX" --db "$TW" sheet test19 --period 2026 --self 2 5
check "merge into a county ledger" "$FX" merge "$TW" -o "$T/county.db"
eq "…the two scores came along, for 甲镇" "2|甲镇" \
    "$(sql "$T/county.db" "SELECT count(*), min(u.name) FROM sheet_score s JOIN unit u ON u.id = s.unit_id")"
check "the county's 考评 of 甲镇 item 19" "$FX" --db "$T/county.db" sheet test19 --period 2026 --unit 甲镇 --review 19 4
check "…and item 2" "$FX" --db "$T/county.db" sheet test19 --period 2026 --unit 甲镇 --review 2 5
status 3 "an unknown unit" "$FX" --db "$T/county.db" sheet test19 --period 2026 --unit 乙镇 --review 2 5
check "merge the township again" "$FX" merge "$T/county.db" "$TW" -o "$T/county2.db"
eq "…nothing doubled: 2 自评 and 2 考评 of 甲镇" "2|2" \
    "$(sql "$T/county2.db" "SELECT sum(role = 'self'), sum(role = 'review') FROM sheet_score s JOIN unit u ON u.id = s.unit_id WHERE u.name = '甲镇'")"
"$FX" --db "$T/county2.db" report sheet test19 --period 2026 --unit 甲镇 --format csv >"$T/c.csv" 2>>"$T/err"
eq "the county's sheet of 甲镇: item 19 is 5 apart, not more than the gap of 5: not marked" \
    "19,第19项,10,—,9,4,5,自评：自评" "$(tr -d '\r' <"$T/c.csv" | grep '^19,')"
eq "…totals 14 and 9" "合计,19 项,100,0,14,9,5," "$(tr -d '\r' <"$T/c.csv" | grep '^合计,')"
check "verify the merged ledger" "$FX" --db "$T/county2.db" verify
