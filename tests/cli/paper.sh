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
