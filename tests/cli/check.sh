#!/bin/sh
# check.sh — `fenxiao standards`, `check` and `mark` on a scratch ledger: the issue-6 must-shows.
# 八个一 from nothing to done, a hand-written monthly standard, malformed files that name file and line.
. "$(dirname "$0")/lib.sh"

DB="$T/ledger.db"
"$FX" --db "$DB" init --unit 测试镇党校分校 2>/dev/null
add() { # add DATE KIND [TITLE] → prints the id
    "$FX" --db "$DB" session add --date "$1" --title "${3:-$2 $1}" --category 政治理论教育 --format 集中培训 \
        --hours 2 --kind "$2" 2>/dev/null
}

check "standards lists the shipped standards" "$FX" --db "$DB" standards
for s in bageyi bageyou xingji-example lunxun peixun-jihua sigeyi sanhui-yike; do
    has "standards lists $s" "$(cat "$T/out")" "$s"
done

# A fresh ledger: nothing of 八个一 is done.
status 1 "fresh ledger: check 八个一 --period 2024 exits 1" "$FX" --db "$DB" check 八个一 --period 2024
eq "fresh ledger: 0 of 8 done" "合计：完成 0/8 项" "$(grep 合计 "$T/out")"
eq "fresh ledger: eight items marked ✗" "8" "$(grep -c '^ *[1-8]  .*✗' "$T/out")"
status 1 "the id works as well as the name" "$FX" --db "$DB" check bageyi --period 2024
status 1 "八个一 is the default standard" "$FX" --db "$DB" check --period 2024
has "default is 八个一" "$(cat "$T/out")" "八个一"

# The evidence: one 培训班, one 交流会, three 专题党课 (the file's minimum for
# “一批”), 送资料 in every quarter, three advisers, and the manual marks.
class=$(add 2024-03-05 培训班 春季党员轮训班)
meet=$(add 2024-04-10 交流会 分校工作交流会)
l1=$(add 2024-05-01 专题党课) l2=$(add 2024-06-01 专题党课) l3=$(add 2024-09-01 专题党课)
for d in 2024-02-01 2024-05-02 2024-08-01; do add $d 送资料 >/dev/null; done
status 1 "three quarters of 送资料 are not yet regular" "$FX" --db "$DB" check 八个一 --period 2024
has "the empty quarter is named" "$(grep -A3 定期送一批资料 "$T/out")" "2024-Q4"
last=$(add 2024-11-01 送资料)
sql "$DB" "INSERT INTO teacher (uuid, unit_id, name, is_adviser) VALUES
  ('t1', 1, '陈指导员', 1), ('t2', 1, '李指导员', 1), ('t3', 1, '王指导员', 1);"
check "mark item 1 with a note" "$FX" --db "$DB" mark 八个一 1 --period 2024 --note "群名：分校工作群"
has "mark confirms" "$(cat "$T/err")" "已标记"
check "mark item 2 by its title" "$FX" --db "$DB" mark 八个一 印发一本通讯录 --period 2024
check "mark item 5" "$FX" --db "$DB" mark bageyi 5 --period 2024 --note 文化墙
status 0 "everything proved: check exits 0" "$FX" --db "$DB" check 八个一 --period 2024
out=$(cat "$T/out")
eq "8 of 8 done" "合计：完成 8/8 项" "$(grep 合计 "$T/out")"
has "培训班 names its session" "$(grep -A1 举办一期分校培训班 "$T/out")" "#$class  2024-03-05  春季党员轮训班"
has "交流会 names its session" "$(grep -A1 开好一次交流会 "$T/out")" "#$meet  2024-04-10  分校工作交流会"
has "专题党课 names all three" "$(grep -A5 送一批专题党课 "$T/out")" "#$l3  2024-09-01"
has "送资料 names the last delivery" "$out" "#$last  2024-11-01"
has "the mark's note is shown" "$out" "群名：分校工作群"

check "check as CSV" "$FX" --db "$DB" check 八个一 --period 2024 --format csv
head -c 3 "$T/out" | od -An -tx1 | grep -q "ef bb bf" && ok "CSV starts with a BOM" || not_ok "CSV starts with a BOM"
eq "CSV: header and 8 rows" "9" "$(wc -l <"$T/out" | tr -d ' ')"
eq "CSV: 专题党课 row lists its sessions" "$l1;$l2;$l3" "$(grep 送一批专题党课 "$T/out" | cut -d, -f12)"

# Voided sessions never count; undoing a mark makes it wanted again.
"$FX" --db "$DB" session void "$meet" --reason 录入重复 2>/dev/null
status 1 "a voided 交流会 no longer proves the item" "$FX" --db "$DB" check 八个一 --period 2024
has "交流会 is missing again" "$(grep 开好一次交流会 "$T/out")" "✗"
add 2024-12-01 交流会 >/dev/null
check "undo a mark" "$FX" --db "$DB" mark 八个一 5 --period 2024 --undo --note 专栏已撤
status 1 "an undone mark is wanted again" "$FX" --db "$DB" check 八个一 --period 2024
has "item 5 waits for a mark" "$(grep 办好一个专栏 "$T/out")" "待标记"
eq "undone marks stay in the ledger" "1" "$(sql "$DB" "select count(*) from mark where undone = 1")"
eq "marks are audited" "4" "$(sql "$DB" "select count(*) from audit where entity = 'mark'")"
status 3 "undoing a mark that is not there" "$FX" --db "$DB" mark 八个一 5 --period 2024 --undo
status 3 "a ledger item cannot be marked" "$FX" --db "$DB" mark 八个一 4 --period 2024
has "…and says why" "$(cat "$T/err")" "自动核验"
status 2 "an unknown item" "$FX" --db "$DB" mark 八个一 99 --period 2024
# Without --period the mark is for the standard's current period (issue 18): this year for 八个一.
Y=$(echo "$FENXIAO_TODAY" | cut -c1-4)
check "mark without --period" "$FX" --db "$DB" mark 八个一 1 --note 本年的群
has "…marks this year" "$(cat "$T/err")" "（$Y）"
eq "…stored for this year" "$Y" "$(sql "$DB" "select period from mark where note = '本年的群'")"
status 2 "an unknown standard" "$FX" --db "$DB" check 没有这个标准 --period 2024
status 2 "a bad period" "$FX" --db "$DB" check 八个一 --period 2024-13
status 3 "a month is not a period of 八个一" "$FX" --db "$DB" check 八个一 --period 2024-03
has "…and the message says what to write" "$(cat "$T/err")" "按年检查"

# A standard written by hand: at least once a month; March 2023 has nothing.
cat >"$T/monthly.ini" <<'EOF'
; hand-written for the test
[standard]
id = monthly-test
title = 每月党课测试
period = year

[item.1]
title = 每月至少一次党课
evidence = ledger
kind = 党课
every = month

[item.2]
title = 建立工作群
evidence = manual
EOF
for m in 01 02 04 05 06 07 08 09 10 11 12; do add 2023-$m-15 党课 >/dev/null; done
status 1 "hand-written standard: not done" "$FX" --db "$DB" check "$T/monthly.ini" --period 2023
has "the missing month is reported" "$(grep -A1 每月至少一次党课 "$T/out")" "未达标：2023-03"
has "the month is overdue" "$(grep 每月至少一次党课 "$T/out")" "逾期"
has "found vs required" "$(grep 每月至少一次党课 "$T/out")" "11/12"

# Malformed files: a Chinese message naming file and line; the others still load.
mkdir -p "$T/home/config/fenxiao/standards"
S="$T/home/config/fenxiao/standards"
printf '[standard]\ntitle = 坏证据\n\n[item.1]\ntitle = 某项\nevidence = photo\n' >"$S/bad-evidence.ini"
printf '[standard]\ntitle = 坏期间\nperiod = weekly\n[item.1]\ntitle = x\nevidence = manual\n' >"$S/bad-period.ini"
printf '[standard]\nid = notitle\n[item.1]\ntitle = x\nevidence = manual\n' >"$S/no-title.ini"
printf '\357\273\277[standard]\r\nid = bom-test\r\ntitle = 带BOM的标准\r\n[item.1]\r\ntitle = 一项\r\nevidence = manual\r\n' \
    >"$S/bom.ini"
status 3 "standards with bad files exits 3" "$FX" --db "$DB" standards
err=$(cat "$T/err")
has "unknown evidence: file and line" "$err" "bad-evidence.ini 第6行"
has "unknown evidence: says what is allowed" "$err" "evidence 应为 ledger"
has "bad period: file and line" "$err" "bad-period.ini 第3行"
has "missing title: file and line" "$err" "no-title.ini 第1行"
has "missing title: says so in Chinese" "$err" "缺少标准的标题"
has "the BOM file loads" "$(cat "$T/out")" "bom-test"
has "the shipped ones still load" "$(cat "$T/out")" "sanhui-yike"
status 1 "check still works beside bad files" "$FX" --db "$DB" check bom-test --period 2024
has "…and names the skipped file" "$(cat "$T/err")" "bad-evidence.ini"
check "mark the BOM standard's item" "$FX" --db "$DB" mark bom-test 1 --period 2024
status 0 "…and it is done" "$FX" --db "$DB" check 带BOM的标准 --period 2024

# Where a number comes from (issue 14): 八个一 item 3 says only 一批; the 3 is this county's
# reading, printed as 本县口径 under the item, apart from the 依据 line naming the document.
status 1 "check 八个一 (for the basis lines)" "$FX" --db "$DB" check 八个一 --period 2024
out=$(cat "$T/out")
eq "依据 is the document alone" "依据：平湖市《关于在镇街道党群服务中心设立市委党校分校的实施意见》" "$(grep '^依据' "$T/out")"
has "item 3: found against required" "$(grep -A2 明确一批指导员 "$T/out")" "名册中指导员 3 个，要求至少 3 个"
has "item 3: the 3 is the county's reading" "$(grep -A2 明确一批指导员 "$T/out")" "本县口径：文件只说“一批”"
has "item 8: 定期 read as quarterly" "$(grep -A2 定期送一批资料 "$T/out")" "本县口径：文件只说“定期”，本县按每季度至少 1 次计"
eq "item 4 (一期, the document's own number) has no 本县口径" "" "$(grep -A1 举办一期分校培训班 "$T/out" | grep 本县口径)"
status 1 "check 八个一 as CSV (for the basis column)" "$FX" --db "$DB" check 八个一 --period 2024 --format csv
eq "CSV: the reading is its own column (17th, before 附件)" "文件只说“一批”，本县按至少 3 名指导员计（在 10-bageyi.ini 中可改）" \
    "$(grep 明确一批指导员 "$T/out" | tr -d '\r' | awk -F, '{print $17}')"

# A rate item (seed 004: 党员轮训率年内达到60%以上): 5 members, 2 trained = 40.0%, then 3 = 60.0%.
R="$T/rate.db"
"$FX" --db "$R" init --unit 比率镇 2>/dev/null
sql "$R" "INSERT INTO branch (uuid, unit_id, name) VALUES ('b1', 1, '一村党支部');
  INSERT INTO member (uuid, branch_id, name) VALUES ('m1',1,'甲'),('m2',1,'乙'),('m3',1,'丙'),('m4',1,'丁'),('m5',1,'戊');"
train() { # train DATE NAMES
    "$FX" --db "$R" session add --date "$1" --title "培训 $1" --category 政治理论教育 --format 集中培训 --hours 2 \
        --kind 培训班 --attendees "$2" >/dev/null 2>&1
}
train 2024-03-05 甲,乙
status 1 "轮训率 40.0% is short of 60%" "$FX" --db "$R" check lunxun --period 2024
has "the rate, its counts and the least share" "$(cat "$T/out")" "轮训率 40.0%（2/5 人），要求不低于 60.0%"
has "依据 names seed 004's document" "$(cat "$T/out")" "依据：固原市教育工委"
train 2024-06-05 丙
status 0 "轮训率 60.0% meets it" "$FX" --db "$R" check lunxun --period 2024
has "3 of 5" "$(cat "$T/out")" "轮训率 60.0%（3/5 人），要求不低于 60.0%"
