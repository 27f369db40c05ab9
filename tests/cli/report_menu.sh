#!/bin/sh
# report_menu.sh — `fenxiao report menu`: the course menu a branch orders from, on a demo ledger: exactly
# the offered courses (retired ones absent), one category alone, and a PDF with embedded CJK subsets.
. "$(dirname "$0")/lib.sh"
export FENXIAO_DATA_DIR="${FENXIAO_DATA_DIR:-${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/data}"
DB=$T/demo.db
R() { "$FX" --db "$DB" report menu "$@"; }
# courses FILE: the course rows of a menu CSV (between the header and 合计), without CR.
courses() { tr -d '\r' <"$1" | awk '/^合计,/ { on = 0 } on { print } /^内容类别,/ { on = 1 }'; }

check "demo ledger" demo_ledger "$DB"
OFFERED=$(sql "$DB" "SELECT count(*) FROM course WHERE retired = 0")
FEATURED=$(sql "$DB" "SELECT count(*) FROM course WHERE retired = 0 AND featured = 1")

check "report menu csv" R --format csv
cp "$T/out" "$T/menu.csv"
courses "$T/menu.csv" >"$T/rows"
eq "menu: one row per course not retired" "$OFFERED" "$(wc -l <"$T/rows")"
eq "menu: exactly the titles of the offered courses" \
    "$(sql "$DB" "SELECT title FROM course WHERE retired = 0 ORDER BY title" | md5sum)" \
    "$(cut -d, -f3 "$T/rows" | sort | md5sum)"
RETIRED=$(sql "$DB" "SELECT title FROM course WHERE retired = 1 ORDER BY id LIMIT 1")
if [ -n "$RETIRED" ]; then ok "the demo has a retired course ($RETIRED)"; else not_ok "the demo has a retired course"; fi
if [ -n "$RETIRED" ] && ! grep -q "$RETIRED" "$T/menu.csv"; then ok "a retired course is absent"; else
    not_ok "a retired course is absent" "$RETIRED"; fi
eq "categories come in vocab order" \
    "$(sql "$DB" "SELECT k.name FROM vocab k WHERE k.kind = 'category'
        AND EXISTS (SELECT 1 FROM course c WHERE c.category = k.name AND c.retired = 0) ORDER BY k.ord" | paste -sd' ' -)" \
    "$(cut -d, -f1 "$T/rows" | uniq | paste -sd' ' -)"
eq "a course row: category, module, title, format, teacher, venue, hours, 精品" \
    "$(sql "$DB" "SELECT c.category, c.module, c.title, c.format, ifnull(t.name, ''), ifnull(v.name, ''), c.hours,
        CASE c.featured WHEN 1 THEN '精品' ELSE '' END FROM course c LEFT JOIN teacher t ON t.id = c.teacher_id
        LEFT JOIN venue v ON v.id = c.venue_id WHERE c.title = '擦亮营商环境金名片'" |
        sed 's/|/,/g; s/\.0,/,/')" \
    "$(grep '^[^,]*,[^,]*,擦亮营商环境金名片,' "$T/rows")"
eq "合计 counts courses and 精品" "合计,,$OFFERED 门课程,,,,,$FEATURED" "$(tr -d '\r' <"$T/menu.csv" | grep '^合计,')"
has "a footnote says how to order" "$(cat "$T/menu.csv")" "点单"
has "a footnote says retired courses are not listed" "$(cat "$T/menu.csv")" "已停用的课程不列入本菜单"

check "report menu --category" R --category 革命传统教育 --format csv
courses "$T/out" >"$T/rows1"
eq "--category: that category's offered courses" \
    "$(sql "$DB" "SELECT count(*) FROM course WHERE retired = 0 AND category = '革命传统教育'")" "$(wc -l <"$T/rows1")"
eq "--category: nothing from another category" "革命传统教育" "$(cut -d, -f1 "$T/rows1" | sort -u | paste -sd' ' -)"
has "--category: the title names it" "$(head -1 "$T/out")" "培训菜单（革命传统教育）"
status 3 "an unknown category is bad input" R --category 不存在的类别
has "the refusal lists the categories" "$(cat "$T/err")" "革命传统教育"
status 2 "a menu takes no period" R 2024
status 2 "--category is for the menu only" "$FX" --db "$DB" report directory --category 革命传统教育

check "report menu text" R
has "text has the title" "$(cat "$T/out")" "培训菜单"
has "text lists a course" "$(cat "$T/out")" "擦亮营商环境金名片"

check "report menu pdf" R --format pdf -o "$T/menu.pdf"
eq "menu pdf is 0600" 600 "$(stat -c %a "$T/menu.pdf")"
if command -v pdffonts >/dev/null 2>&1; then
    pdffonts "$T/menu.pdf" >"$T/fonts" 2>&1
    if awk 'NR > 2 && !($(NF-4) == "yes" && $(NF-3) == "yes") { bad = 1 } END { exit bad }' "$T/fonts" &&
        grep -Eq '^[A-Z]{6}\+' "$T/fonts"; then ok "menu pdf fonts embedded as subsets"; else
        not_ok "menu pdf fonts embedded as subsets" "$(cat "$T/fonts")"; fi
    if grep -Eiq 'WenQuanYi|Noto.*CJK|Source ?Han|CJK|Hei|Song|Ming' "$T/fonts"; then ok "menu pdf has a CJK font"; else
        not_ok "menu pdf has a CJK font" "$(cat "$T/fonts")"; fi
    pdftotext -layout "$T/menu.pdf" "$T/menu.txt" 2>/dev/null
    has "pdftotext gets a course title back" "$(cat "$T/menu.txt")" "擦亮营商环境金名片"
    if ! grep -q "$RETIRED" "$T/menu.txt"; then ok "the pdf leaves out the retired course"; else
        not_ok "the pdf leaves out the retired course"; fi
else
    ok "# SKIP pdffonts/pdftotext not installed"
fi

# Printing without lp keeps the PDF in the print directory and says where (exit 5).
mkdir -p "$T/nobin"
PATH="$T/nobin" "$FX" --db "$DB" report menu --category 革命传统教育 --print >"$T/out" 2>"$T/err"
eq "print without lp exits 5" 5 $?
KEPT=$(sed -n 's/.*PDF 已保留：//p' "$T/err")
has "the kept PDF is in the print directory" "$KEPT" "$XDG_DATA_HOME/fenxiao/print/menu-gmctjy-"
if [ -n "$KEPT" ] && [ -s "$KEPT" ]; then ok "the kept PDF exists"; else not_ok "the kept PDF exists" "[$KEPT]"; fi
