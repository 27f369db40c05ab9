#!/bin/sh
# package.sh — close-year writes the year's package first (issue 15): without a reason for open problems it
# refuses with exit 3 and writes nothing, files neither; with one it writes one PDF (目录 on page 1 giving each
# part's first page, every page numbered "第 i 页 共 n 页") and one XLSX beside it (a sheet per part), then locks
# the year. A package it cannot write leaves the year open (exit 5); an existing file needs --force. Also
# `report plan`, the plan-against-actual part.
. "$(dirname "$0")/lib.sh"
# The demo and the lists as of a fixed day, whatever day the suite runs on (the cached demos are another day's).
export FENXIAO_TODAY=2026-12-05
unset FX_DEMO_CACHE
export FENXIAO_DATA_DIR="${FENXIAO_DATA_DIR:-$TOP/data}"
DB=$T/demo.db
demo_ledger "$DB"
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
page() { pdftotext -f "$2" -l "$2" "$1" - | tr -d ' \n'; }

# --- the plan part: report plan ---
cat >"$T/plan.csv" <<'CSV'
月份,标题,内容类别,类型,学时,参训对象,负责人
1月,新年第一课,政治理论教育,培训班,4,全体党员,王书记
12月,年终理论课,政治理论教育,专题党课,2,全体党员,王书记
CSV
check "plan import of two items" "$FX" --db "$DB" plan import "$T/plan.csv" --year 2026
jan=$(sql "$DB" "SELECT id FROM session WHERE voided = 0 AND date LIKE '2026-01-%' ORDER BY date, id LIMIT 1")
check "a January session linked to 新年第一课" "$FX" --db "$DB" plan link "$jan" 1
"$FX" --db "$DB" report plan 2026 >"$T/plan.txt" 2>"$T/err"
P=$(tr -s ' ' <"$T/plan.txt")
has "report plan: its title" "$P" "2026年培训计划执行情况"
has "…新年第一课 done" "$P" "1 1月 新年第一课 政治理论教育 4 王书记 已完成"
has "…年终理论课 not yet due" "$P" "2 12月 年终理论课 政治理论教育 2 王书记 未到期"
has "…the tally" "$P" "计划 2 项；已完成 1 项；逾期 0 项；未到期 1 项；完成率 50.0%"

# --- an open problem: no reason, nothing written ---
check "an open problem in 2026" "$FX" --db "$DB" problem add --date 2026-03-10 --source 查账 \
    --text "集中学习间隔超过两个月" --unit 镇党委组织办 --person 王敏
DOCS="$HOME/文档/分校台账"
mkdir -p "$T/out1"
status 3 "close-year 2026 without a reason: exit 3" "$FX" --db "$DB" close-year 2026
has "…naming the open problem" "$(cat "$T/err")" "2026 年还有 1 个问题未整改完成"
status 3 "…with -o too: exit 3" "$FX" --db "$DB" close-year 2026 -o "$T/out1/pk.pdf"
eq "…no file in the documents folder" "" "$(ls "$DOCS" 2>/dev/null)"
eq "…no file where -o said" "" "$(ls "$T/out1")"
eq "…2026 not closed" "0" "$(sql "$DB" 'SELECT count(*) FROM closed_year WHERE year = 2026')"

# --- a package that cannot be written leaves the year open ---
cp "$DB" "$T/spare.db"
status 5 "close-year into a missing folder: exit 5" "$FX" --db "$T/spare.db" close-year 2026 --reason 跨年整改 \
    -o "$T/no/such/dir/pk.pdf"
eq "…the year stays open" "0" "$(sql "$T/spare.db" 'SELECT count(*) FROM closed_year WHERE year = 2026')"

# --- with a reason: the package, then the lock ---
status 0 "close-year 2026 --reason, default name" "$FX" --db "$DB" close-year 2026 --reason "问题需跨年整改，已列入2027年计划"
has "…says where the PDF went, named by the 分校 and the year" "$(cat "$T/err")" "$DOCS/示例镇党校分校2026年交账材料.pdf"
PDF="$DOCS/示例镇党校分校2026年交账材料.pdf"
XLSX="$DOCS/示例镇党校分校2026年交账材料.xlsx"
eq "…the PDF and the XLSX beside it, nothing else" "示例镇党校分校2026年交账材料.pdf 示例镇党校分校2026年交账材料.xlsx" "$(ls "$DOCS" | tr '\n' ' ' | sed 's/ $//')"
eq "2026 is closed" "1" "$(sql "$DB" 'SELECT count(*) FROM closed_year WHERE year = 2026')"
eq "…the reason is in the audit record" "问题需跨年整改，已列入2027年计划|1" \
    "$(sql "$DB" "SELECT json_extract(after, '\$.reason') || '|' || json_extract(after, '\$.open_problems') FROM audit WHERE entity = 'year' AND action = 'close'")"
status 6 "closing it again: exit 6" "$FX" --db "$DB" close-year 2026 --reason again -o "$T/out1/again.pdf"
eq "…writing nothing" "" "$(ls "$T/out1")"

N=$(pages "$PDF")
P1=$(page "$PDF" 1)
has "page 1: the package's title" "$P1" "2026年交账材料"
has "page 1: one 目录" "$P1" "目录"
eq "…only on page 1" "1" "$(pdftotext "$PDF" - | tr -d ' ' | grep -c '^目录$')"
# Every part, in order, hand-written: the year, the seven standards (四个一 month by month), plan, lists, hours.
parts="1.2026年培训情况汇总表
2.2026年“八个一”核验表（附佐证）
3.2026年“八个有”核验表（附佐证）
4.2026年“星级评定（示例）”核验表（附佐证）
5.2026年“培训计划”核验表（附佐证）
6.2026年“党员轮训”核验表（附佐证）
7.2026年1月“四个一”核验表（附佐证）
18.2026年12月“四个一”核验表（附佐证）
19.2026年“三会一课”核验表（附佐证）
20.2026年培训计划执行情况
21.2026年问题清单、责任清单、任务清单
22.2026年党员学时统计表"
toc=$(pdftotext -f 1 -l 1 -layout "$PDF" - | tr -d ' ')
echo "$parts" | while IFS= read -r part; do
    has "目录 lists $part" "$toc" "$part"
done
eq "目录 has 22 parts" "22" "$(echo "$toc" | grep -c '第[0-9]*页$')"
eq "…page 2 it says" "第2页" "$(echo "$toc" | grep '^1\.2026年培训情况汇总表' | grep -o '第[0-9]*页$')"
# Each part's title is on the page the 目录 gives, and not on the page before it (but for page 1, the 目录).
echo "$toc" | grep '第[0-9]*页$' | while IFS= read -r line; do
    title=$(echo "$line" | sed 's/^[0-9]*\.//; s/…*第[0-9]*页$//')
    p=$(echo "$line" | sed 's/.*第\([0-9]*\)页$/\1/')
    has "$title is on page $p" "$(page "$PDF" "$p")" "$title"
    [ "$p" -gt 2 ] || continue
    case $(page "$PDF" $((p - 1))) in
    *"$title"*) not_ok "…and starts there" "also on page $((p - 1))" ;;
    *) ok "…and starts there" ;;
    esac
done
i=1
bad=""
while [ "$i" -le "$N" ]; do
    case $(page "$PDF" "$i") in *"第${i}页共${N}页"*) ;; *) bad="$bad $i" ;; esac
    i=$((i + 1))
done
eq "every page says 第 i 页 共 $N 页" "" "$bad"
pdftotext -f "$N" -l "$N" "$PDF" "$T/last.txt"
has "the last page is the members' hours" "$(page "$PDF" "$N")" "学时"
pdffonts "$PDF" >"$T/fonts" 2>&1
has "fonts embedded" "$(cat "$T/fonts")" "yes"

# --- the workbook: one sheet per part ---
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    /usr/bin/python3 - "$XLSX" >"$T/xlsx.txt" 2>&1 <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print("|".join(wb.sheetnames))
print(max(len(n) for n in wb.sheetnames))
print(wb["年报"]["A1"].value)
ws = wb["计划执行"]
print(ws["A1"].value)
print(ws["C4"].value, ws["G4"].value, ws["C5"].value, ws["G5"].value)
print(wb["三个清单"]["B4"].value)
PY
    X=$(cat "$T/xlsx.txt")
    eq "the sheets, one per part, in order" \
        "年报|清单-八个一|清单-八个有|清单-星级评定（示例）|清单-培训计划|清单-党员轮训|清单-四个一-1月|清单-四个一-2月|清单-四个一-3月|清单-四个一-4月|清单-四个一-5月|清单-四个一-6月|清单-四个一-7月|清单-四个一-8月|清单-四个一-9月|清单-四个一-10月|清单-四个一-11月|清单-四个一-12月|清单-三会一课|计划执行|三个清单|党员学时" \
        "$(echo "$X" | sed -n 1p)"
    eq "…no name over 31 characters" "yes" "$([ "$(echo "$X" | sed -n 2p)" -le 31 ] && echo yes)"
    eq "年报 A1 is its title" "2026年培训情况汇总表" "$(echo "$X" | sed -n 3p)"
    eq "计划执行 A1 is its title" "2026年培训计划执行情况" "$(echo "$X" | sed -n 4p)"
    eq "…its rows" "新年第一课 已完成 年终理论课 未到期" "$(echo "$X" | sed -n 5p)"
    has "三个清单 has the problem" "$(echo "$X" | sed -n 6p)" "集中学习间隔超过两个月"
else
    not_ok "openpyxl is needed to read the XLSX"
fi

# --- an existing package is not overwritten without --force ---
cp "$T/spare.db" "$T/spare2.db"
status 2 "close-year again onto an existing file: refused" "$FX" --db "$T/spare2.db" close-year 2026 --reason x
has "…saying so" "$(cat "$T/err")" "文件已存在"
eq "…the year stays open" "0" "$(sql "$T/spare2.db" 'SELECT count(*) FROM closed_year WHERE year = 2026')"
check "…with --force it is replaced" "$FX" --db "$T/spare2.db" close-year 2026 --reason x --force
eq "…and the year is closed" "1" "$(sql "$T/spare2.db" 'SELECT count(*) FROM closed_year WHERE year = 2026')"
