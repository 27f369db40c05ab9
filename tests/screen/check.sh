#!/bin/sh
# check.sh — the 清单 screen in an 80x24 pane: “八个一” items with their states on a ledger made for the test,
# the proving session opened from its item, manual marks made on screen that `fenxiao check` agrees with, periods, the branch table.
. "$(dirname "$0")/lib.sh"

DB="$T/a.db"
ledger "$DB" || { not_ok "make a test ledger"; exit 1; }
add() { # add DATE KIND [TITLE] → prints the id
    "$FX" --db "$DB" session add --date "$1" --title "${3:-$2 $1}" --category 政治理论教育 --format 集中培训 \
        --hours 2 --kind "$2" 2>/dev/null
}
# The evidence of 2024, as tests/cli/check.sh builds it: one 培训班, one 交流会,
# three 专题党课, 送资料 in every quarter, three advisers.
add 2024-03-05 培训班 春季党员轮训班 >/dev/null
add 2024-04-10 交流会 分校工作交流会 >/dev/null
for d in 2024-05-01 2024-06-01 2024-09-01; do add $d 专题党课 >/dev/null; done
for d in 2024-02-01 2024-05-02 2024-08-01 2024-11-01; do add $d 送资料 >/dev/null; done
# 党员大会 for 东风村党支部 in every quarter of 2024: its 三会一课 item 4 is done.
for d in 2024-01-20 2024-04-20 2024-07-20 2024-10-20; do
    id=$(add $d 党员大会 "东风村党员大会 $d")
    sqlite3 "$DB" "INSERT INTO session_branch (session_id, branch_id) VALUES ($id, 1)"
done
sqlite3 "$DB" "INSERT INTO teacher (uuid, unit_id, name, is_adviser) VALUES
  ('t1', 1, '陈指导员', 1), ('t2', 1, '李指导员', 1), ('t3', 1, '王指导员', 1);"

within_80() {
    w=$(widest)
    if [ "$w" -le 80 ]; then ok "$1: every line within 80 columns"; else not_ok "$1: within 80 columns" "widest $w"; fi
}
# row PATTERN: the screen has a line matching the extended regular expression.
row() { screen | grep -Eq "$1"; }
expect_row() {
    i=0
    while [ $i -lt 100 ] && ! row "$2"; do sleep 0.05; i=$((i + 1)); done
    if row "$2"; then ok "$1"; else not_ok "$1" "/$2/ not on screen:
$(screen | sed 's/^/#   /')"; fi
}

start "$DB" 80 24
wait_for "本月概况" || not_ok "home screen came up"
keys 4
expect "4 opens 清单 on “八个一”" "标准：八个一"
this=$(echo "$FENXIAO_TODAY" | cut -c1-4)
expect "the period is this year" "期间：${this}年"
# Step back to 2024 with [, one year a key.
n=$((this - 2024))
while [ "$n" -gt 0 ]; do keys '['; n=$((n - 1)); done
expect "[ steps back to 2024" "期间：2024年"
expect "5 of 8 are proved from the ledger and roster" "完成 5/8 项"
expect_row "培训班 is ✓ and names its session" "4 ✓ 完成 +举办一期分校培训班 +台账 +1/1 春季党员轮训班"
expect_row "交流会 is ✓" "6 ✓ 完成 +开好一次交流会 +台账 +1/1"
expect_row "three 专题党课 found of three" "7 ✓ 完成 +送一批专题党课 +台账 +3/3"
expect_row "送资料 in four quarters" "8 ✓ 完成 +定期送一批资料 +台账 +4/4"
expect_row "advisers counted from the roster" "3 ✓ 完成 +明确一批指导员 +名册 +3/3 指导员 3 个"
expect_row "the work group waits for a mark" "1 待标记 +组建一个工作群"
expect_row "the directory waits for a mark" "2 待标记 +印发一本通讯录"
expect_row "the column waits for a mark" "5 待标记 +办好一个专栏"
expect "the cursor item's evidence hint" "手工标记：在说明中写明群名称"
within_80 "八个一 2024"
snap check

# Enter on a ledger item lists its proving sessions; Enter on one opens it.
keys Down Down Down
expect "the detail follows the cursor" "第 4 项：举办一期分校培训班"
expect "…with the proof one key away" "证明 1 条（Enter 查看）：2024-03-05 春季党员轮训班"
keys Enter
expect "Enter lists the proving sessions" "证明记录：举办一期分校培训班（1 条）"
expect_row "…with date, title and kind" "2024-03-05  春季党员轮训班 +培训班"
within_80 "the proof list"
keys Enter
expect "Enter opens the session" "题目：春季党员轮训班"
expect "…read from the ledger" "类型：培训班    形式：集中培训"
keys Enter
wait_gone "题目：春季党员轮训班"
keys Escape
if wait_gone "证明记录："; then ok "Esc closes the proof list"; else not_ok "Esc closes the proof list"; fi
keys Down Down Down
expect "专题党课: the detail says how many" "证明 3 条（Enter 查看）"
keys Enter
expect_row "three lectures listed" "2024-09-01  专题党课 2024-09-01 +专题党课"
keys Escape
wait_gone "证明记录："

# A ledger item cannot be marked; a manual item is marked with a note.
keys m
expect "m on a ledger item says why not" "自动核验，不能手工标记"
keys Home m
expect "m opens the mark form" "标记完成：组建一个工作群（2024年）"
text "群名：分校工作群"
keys Enter
title_is "the title line says 已保存 with the time of the commit" "$SAVED_AT"
expect_row "the marked item turns ✓ with its note" "1 ✓ 完成 +组建一个工作群 +手工 +1/1 群名：分校工作群"
expect "6 of 8 now" "完成 6/8 项"
marks=$(sqlite3 "$DB" "SELECT count(*) FROM mark WHERE standard = 'bageyi' AND period = '2024' AND undone = 0")
if [ "$marks" = 1 ]; then ok "the mark is in the ledger"; else not_ok "the mark is in the ledger" "$marks"; fi
"$FX" --db "$DB" check 八个一 --period 2024 >"$T/out" 2>&1
if [ $? -eq 1 ]; then ok "fenxiao check agrees: not yet done"; else not_ok "fenxiao check exits 1 at 6/8"; fi
keys Down e
expect "F4/e marks the directory" "标记完成：印发一本通讯录（2024年）"
text "2024-03 印发 60 份"
keys Enter
expect "7 of 8" "完成 7/8 项"
keys Down Down Down m
expect "m on the column" "标记完成：办好一个专栏（2024年）"
text "文化墙"
keys Enter
expect "everything done: 8 of 8" "完成 8/8 项"
"$FX" --db "$DB" check 八个一 --period 2024 >"$T/out" 2>&1
st=$?
if [ $st -eq 0 ]; then ok "fenxiao check 八个一 --period 2024 agrees: exit 0"; else not_ok "fenxiao check exits 0" "exit $st"; fi
case $(cat "$T/out") in *"群名：分校工作群"*"文化墙"*) ok "…and shows the notes typed on screen" ;; *) not_ok "the CLI shows the notes" ;; esac

# Unmark with a confirm (focus on 否: a stray Enter changes nothing).
keys u
expect "u asks before withdrawing the mark" "撤销“办好一个专栏”在2024年的标记？"
keys Enter
wait_gone "撤销标记"
expect "Enter on 否 keeps the mark" "完成 8/8 项"
keys u
wait_for "撤销标记"
keys y
expect_row "withdrawn: the column waits for a mark again" "5 待标记 +办好一个专栏"
expect "7 of 8 again" "完成 7/8 项"
"$FX" --db "$DB" check 八个一 --period 2024 >/dev/null 2>&1
if [ $? -eq 1 ]; then ok "fenxiao check agrees: exit 1"; else not_ok "fenxiao check exits 1 after the undo"; fi

# Another period shows what was true then: nothing of 2023 but the advisers.
keys '['
expect "[ steps to 2023" "期间：2023年"
expect "2023: 1 of 8" "完成 1/8 项"
expect_row "2023's 送资料 is overdue, every quarter short" "8 ✗ 逾期 +定期送一批资料 +台账 +0/4 缺 4 期：Q1、Q2、Q3、Q4"
keys PageDown
expect "PgDn steps forward again" "期间：2024年"
expect "2024 again" "完成 7/8 项"

# F5/p: the checklist report of core/report_more.c as a PDF (0600), its path shown.
keys p
expect "p makes the checklist PDF" "清单和佐证已生成 PDF："
f=$(ls "$T"/home/data/fenxiao/print/checklist-bageyi-*.pdf 2>/dev/null | head -1)
if [ -n "$f" ]; then ok "the PDF exists"; else not_ok "the PDF exists" "$(ls -R "$T/home" | head)"; fi
if [ -n "$f" ]; then
    mode=$(stat -c %a "$f")
    if [ "$mode" = 600 ]; then ok "the PDF is 0600"; else not_ok "the PDF is 0600" "$mode"; fi
    if command -v pdftotext >/dev/null 2>&1; then
        pdftotext "$f" "$T/pdf.txt" 2>/dev/null
        if grep -q "春季党员轮训班" "$T/pdf.txt" && grep -q "文化墙\|分校工作群" "$T/pdf.txt"; then
            ok "the PDF lists the proving sessions and the marks"
        else
            not_ok "the PDF lists the evidence" "$(head -30 "$T/pdf.txt")"
        fi
    else
        ok "# SKIP pdftotext is not installed"
    fi
fi
keys Enter
wait_gone "清单和佐证已生成 PDF："

# A branch-scoped standard is a table of branches × items.
keys S
expect "S steps back to 三会一课" "标准：三会一课"
n=$((this - 2024))
while [ "$n" -gt 0 ]; do keys '['; n=$((n - 1)); done
expect "its period steps to 2024 as well" "期间：2024年"
expect_row "the table header numbers the items" "党组织 +1  2  3  4  5 +完成"
expect_row "东风村 held its 党员大会 every quarter" "东风村党支部 +✗  ✗  ✗  ✓  ✗ +1/5"
expect_row "新华社区 held nothing" "新华社区党支部 +✗  ✗  ✗  ✗  ✗ +0/5"
expect "the share of branches with everything done" "规范化率 0.0%（0/2 个党组织全部完成）"
expect "the legend names the items" "4 党员大会每季度1次"
within_80 "the branch table"
keys Enter
expect "Enter drills into a branch" "党组织：东风村党支部（Esc 返回各党组织）"
expect_row "…with its items" "4 ✓ 完成 +党员大会每季度1次 +台账 +4/4"
keys Escape
expect "Esc returns to the table" "规范化率"

# The branch table has no report of its own: F5 writes it to a text file (0600) with each branch's evidence.
keys F5
expect "F5 on the table exports text" "清单和证明记录已导出到："
f=$(ls "$T"/home/data/fenxiao/print/check-sanhui-yike-2024-*.txt 2>/dev/null | head -1)
if [ -n "$f" ] && [ "$(stat -c %a "$f")" = 600 ]; then ok "the text export exists, 0600"; else not_ok "the text export exists, 0600" "[$f]"; fi
if [ -n "$f" ] && grep -q "规范化率 0.0%" "$f" && grep -q "证明：#[0-9]*  2024-04-20  东风村党员大会 2024-04-20（党员大会）" "$f"; then
    ok "the text export has the table, the rates and the evidence"
else
    not_ok "the text export has the table and evidence" "$( [ -n "$f" ] && head -30 "$f")"
fi
keys Enter
wait_gone "清单和证明记录已导出到："

# F7 picks a standard by pinyin initials.
keys F7
expect "F7 opens the standard picker" "选择标准"
text bgy
keys Enter
expect "bgy picks 八个一" "标准：八个一"

keys q
expect "q quits" "[exit 0]"
