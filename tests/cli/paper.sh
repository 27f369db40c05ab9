#!/bin/sh
# paper.sh — reports as offices use them (issue 19): cells that wrap in the PDF, the one-page summary with its
# 明细 page, no command lines on paper, spreadsheets whose 合计 sums, Chinese file names never overwritten.
. "$(dirname "$0")/lib.sh"
export FENXIAO_DATA_DIR="${FENXIAO_DATA_DIR:-${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/data}"
DB=$T/demo.db
demo_ledger "$DB"
R() { "$FX" --db "$DB" report "$@"; }
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
# The text of a PDF with the line breaks and spaces of its layout taken out: a wrapped cell reads whole.
flat() { pdftotext -raw "$1" - | tr -d ' \n'; }

# 1. A topic of 40 characters wraps inside its cell: the text comes back whole, on one page with its signatures.
TOPIC=学习贯彻党的二十届四中全会精神暨推进乡村全面振兴和基层治理能力提升专题培训班一期
eq "the topic has 40 characters" 40 "$(printf %s "$TOPIC" | wc -m)"
check "a session with the long topic" "$FX" --db "$DB" session add --date 2025-12-20 --title "$TOPIC" \
    --category 政治理论教育 --format 集中培训 --kind 培训班 --hours 2 --expected 30 --present 28
check "month pdf" R month 2025-12 --format pdf -o "$T/long.pdf"
has "pdftotext gives the whole topic back" "$(flat "$T/long.pdf")" "$TOPIC"
if pdftotext -layout "$T/long.pdf" - | grep -q "$TOPIC"; then
    not_ok "the topic is wrapped, not on one line" "$(pdftotext -layout "$T/long.pdf" - | grep 学习贯彻)"
else
    ok "the topic is wrapped, not on one line"
fi
if flat "$T/long.pdf" | grep -q '…'; then not_ok "no cell is cut with …"; else ok "no cell is cut with …"; fi
has "signature 制表人" "$(flat "$T/long.pdf")" "制表人："
has "signature 审核人" "$(flat "$T/long.pdf")" "审核人："
has "a box for the seal" "$(flat "$T/long.pdf")" "（盖章）"
R month 2025-12 --format csv >"$T/long.csv" 2>/dev/null
has "csv keeps the topic whole" "$(cat "$T/long.csv")" "$TOPIC"
R month 2025-12 >"$T/long.txt" 2>/dev/null
has "text keeps the topic whole" "$(tr -d ' \n' <"$T/long.txt")" "$TOPIC"

# 2. The summary: a heading block, the 分类汇总, the list, notes, signatures and the seal on one page.
busiest=$(sql "$DB" "select substr(s.date,1,7) from session s join vocab v on v.kind='kind' and v.name=s.kind
  where s.voided=0 and v.class='培训' group by 1 order by count(*) desc, 1 limit 1")
check "the busiest month as PDF" R month "$busiest" --format pdf -o "$T/busiest.pdf"
eq "…is one page" 1 "$(pages "$T/busiest.pdf")"
B=$(flat "$T/busiest.pdf")
has "…with its 分类汇总" "$B" "分类汇总"
has "…by 内容类别 with 期数 人次 学时 参训率" "$B" "内容类别期数人次学时参训率"
has "…by kind" "$B" "类型期数人次学时参训率"
has "…its list" "$B" "序号日期培训主题"
has "…its signatures" "$B" "审核人："
has "…and the seal" "$B" "（盖章）"
# The year and the quarter of that month (the demo is drawn around FENXIAO_TODAY).
by=$(echo "$busiest" | cut -c1-4)
bq=$(( ($(echo "$busiest" | cut -c6-7 | sed 's/^0//') - 1) / 3 + 1 ))
check "year pdf" R year "$by" --format pdf -o "$T/year.pdf"
has "the year has the 分类汇总 too" "$(flat "$T/year.pdf")" "分类汇总"
check "quarter pdf" R quarter "$by-Q$bq" --format pdf -o "$T/quarter.pdf"
has "the quarter has the 分类汇总 too" "$(flat "$T/quarter.pdf")" "分类汇总"
eq "the quarter is one page" 1 "$(pages "$T/quarter.pdf")"

# 60 training sessions in a month: the summary stays page 1 and says so; the 明细 starts on page 2.
i=1
while [ $i -le 60 ]; do
    d=$(printf %02d $(( (i - 1) % 28 + 1 )))
    "$FX" --db "$DB" session add --date 2025-11-$d --title "第${i}期 党员冬训专题学习" --category 政治理论教育 \
        --format 集中培训 --kind 培训班 --hours 2 --expected 40 --present 36 >/dev/null 2>&1 || not_ok "session $i"
    i=$((i + 1))
done
check "month of 60 sessions as PDF" R month 2025-11 --format pdf -o "$T/sixty.pdf"
P1=$(pdftotext -f 1 -l 1 -raw "$T/sixty.pdf" - | tr -d ' \n')
P2=$(pdftotext -f 2 -l 2 -raw "$T/sixty.pdf" - | tr -d ' \n')
has "page 1 is the summary" "$P1" "分类汇总内容类别期数人次学时参训率政治理论教育602160120"
has "page 1 says where the list is" "$P1" "培训明细共60条，篇幅较长，见所附明细页（第2页起）。"
has "page 1 has the signatures" "$P1" "审核人："
has "page 1 has the seal" "$P1" "（盖章）"
if echo "$P1" | grep -q "第1期党员冬训"; then not_ok "no session on page 1"; else ok "no session on page 1"; fi
has "page 2 is the 明细" "$P2" "2025年11月培训情况汇总表·明细序号日期培训主题"
has "page 2 starts with the first session" "$P2" "12025-11-01第1期党员冬训专题学习"
has "the 合计 closes the 明细" "$(pdftotext -raw "$T/sixty.pdf" - | tail -5 | tr -d ' \n')" "合计2400216090.0%120"

# 3. Nothing on paper is addressed to a computer: no PDF of any kind says `fenxiao` and a command.
# The kinds are read from the command's own usage, so a kind added later is checked too; each without a
# period takes its current one.
kinds=$("$FX" --db "$DB" report 2>&1 | sed 's/^.*用法：fenxiao report //; s/\[--format.*$//' | tr '|' '\n' | awk '{print $1}')
nk=0
for k in $kinds; do
    nk=$((nk + 1))
    check "report $k as PDF" R "$k" --format pdf -o "$T/kind-$k.pdf"
    if pdftotext "$T/kind-$k.pdf" - 2>/dev/null | tr -d '\n' | grep -Eq 'fenxiao *[a-z-]{2,}'; then
        not_ok "the $k PDF shows no command" "$(pdftotext "$T/kind-$k.pdf" - | grep -E -o '.{0,20}fenxiao *[a-z-]+.{0,20}')"
    else
        ok "the $k PDF shows no command"
    fi
done
[ "$nk" -ge 13 ] && ok "every kind was printed ($nk)" || not_ok "every kind was printed" "only $nk: $kinds"
has "the 通讯录 says in words what to mark" "$(flat "$T/kind-directory.pdf")" "“清单”页把“八个一”第2项标记为完成"
R directory --format pdf -o "$T/dir2.pdf" >/dev/null 2>"$T/err"
has "the command line still prints its hint" "$(cat "$T/err")" "fenxiao mark bageyi 2"

# 4. Spreadsheets that sum. The 60 sessions of 2025-11 (the demo has none that month): 应到 60 × 40 = 2400,
# 实到 60 × 36 = 2160, 学时 60 × 2 = 120, 参训率 2160 ÷ 2400 = 0.9.
R month 2025-11 --format csv --no-bom >"$T/sixty.csv" 2>/dev/null
eq "csv 合计 row: numbers in their own columns (满意度 last: no feedback, —)" "合计,,,,,,2400,2160,90.0%,120,—" "$(grep '^合计,' "$T/sixty.csv" | tr -d '\r')"
has "csv figures: 期数 a number, the unit beside it" "$(tr -d '\r' <"$T/sixty.csv")" "期数,60,期"
check "month xlsx" R month 2025-11 --format xlsx -o "$T/sixty.xlsx"
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    /usr/bin/python3 - "$T/sixty.xlsx" >"$T/xlsx.out" 2>&1 <<'PY'
import sys, openpyxl
f = sys.argv[1]
ws = openpyxl.load_workbook(f).worksheets[0]
vs = openpyxl.load_workbook(f, data_only=True).worksheets[0]
tot = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "合计"][0]
print("row", tot)
print("formulas", ws.cell(tot, 7).value, ws.cell(tot, 8).value, ws.cell(tot, 9).value, ws.cell(tot, 10).value)
print("cached", vs.cell(tot, 7).value, vs.cell(tot, 8).value, round(vs.cell(tot, 9).value, 6), vs.cell(tot, 10).value)
# What a spreadsheet computes: the sums of the rows above, read back as numbers.
col = lambda c: sum(vs.cell(r, c).value for r in range(4, tot))
print("computed", col(7), col(8), round(col(8) / col(7), 6), col(10))
print("merged", [str(m) for m in ws.merged_cells.ranges], ws["A1"].alignment.horizontal)
print("print", ws.page_setup.paperSize, ws.print_title_rows, ws.sheet_properties.pageSetUpPr.fitToPage,
      ws.page_setup.fitToWidth in (None, 1), ws.page_setup.fitToHeight)
print("sheet", ws.title)
PY
    X=$(cat "$T/xlsx.out")
    has "xlsx 合计 is on row 64 (3 head rows, 60 sessions)" "$X" "row 64"
    has "xlsx 合计 are formulas" "$X" "formulas =SUM(G4:G63) =SUM(H4:H63) =H64/G64 =SUM(J4:J63)"
    has "xlsx 合计 cached values" "$X" "cached 2400 2160 0.9 120"
    has "xlsx rows sum to the same" "$X" "computed 2400 2160 0.9 120"
    has "xlsx title merged across the table and centred" "$X" "merged ['A1:K1'] center"
    has "xlsx prints on A4, repeats the header, fits the width" "$X" "print 9 \$3:\$3 True True 0"
    has "xlsx sheet named in Chinese" "$X" "sheet 2025年11月"
else
    not_ok "python3-openpyxl is installed (make deps)"
fi

# 5. Files: named in Chinese by what they hold, in the documents folder, never overwritten without --force.
mkdir -p "$T/cwd"
(cd "$T/cwd" && "$FX" --db "$DB" report month 2025-11 --format pdf >"$T/out" 2>"$T/err")
F="$HOME/文档/分校台账/2025年11月培训情况汇总表.pdf"
eq "no desktop folders: ~/文档/分校台账, named by the title" 1 "$(pages "$F" >/dev/null 2>&1 && echo 1)"
has "the path is shown after writing" "$(cat "$T/err")" "已写出：$F"
before=$(cksum <"$F")
(cd "$T/cwd" && "$FX" --db "$DB" report month 2025-11 --format pdf >"$T/out" 2>"$T/err")
eq "an existing file is refused (exit 2)" 2 $?
has "…saying how to replace it" "$(cat "$T/err")" "--force"
eq "…and left as it was" "$before" "$(cksum <"$F")"
(cd "$T/cwd" && "$FX" --db "$DB" report month 2025-12 --format pdf >/dev/null 2>&1)
cp "$HOME/文档/分校台账/2025年12月培训情况汇总表.pdf" "$F"
check "--force replaces it" "$FX" --db "$DB" report month 2025-11 --format pdf --force
has "…with the report asked for" "$(flat "$F")" "2025年11月培训情况汇总表单位"
mkdir -p "$XDG_CONFIG_HOME"
printf 'XDG_DOCUMENTS_DIR="$HOME/我的资料"\n' >"$XDG_CONFIG_HOME/user-dirs.dirs"
check "the desktop's documents folder (user-dirs.dirs)" R year 2026 --format xlsx
has "…is used" "$(cat "$T/err")" "$HOME/我的资料/分校台账/2026年培训情况汇总表.xlsx"
XDG_DOCUMENTS_DIR="$T/docs" "$FX" --db "$DB" report directory --format pdf >/dev/null 2>"$T/err"
has "\$XDG_DOCUMENTS_DIR is used first" "$(cat "$T/err")" "$T/docs/分校台账/党员通讯录.pdf"
check "-o still names the file" R month 2025-11 --format xlsx -o "$T/cwd/月报.xlsx"
eq "…there" 600 "$(stat -c %a "$T/cwd/月报.xlsx")"
