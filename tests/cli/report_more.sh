#!/bin/sh
# report_more.sh — `fenxiao report directory | checklist | county`: text and CSV against SQL,
# the directory's PDF (embedded CJK subsets, names back through pdftotext), county rows = each township's own report and its own 八个一 check.
. "$(dirname "$0")/lib.sh"
export FENXIAO_DATA_DIR="${FENXIAO_DATA_DIR:-${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/data}"
DB=$T/ledger.db
R() { "$FX" --db "$DB" report "$@"; }
# csvrow FILE FIRST-CELL: that row without its CR.
csvrow() { grep "^$2," "$1" | head -1 | tr -d '\r'; }

check "init" "$FX" --db "$DB" init --unit 测试镇党校分校
UNIT=$(sql "$DB" "SELECT id FROM unit")
sql "$DB" "INSERT INTO branch (uuid, unit_id, name, kind, active) VALUES
  ('b1', $UNIT, '东村党支部', '村', 1), ('b2', $UNIT, '西社区党支部', '社区', 1), ('b3', $UNIT, '旧厂党支部', '企业', 0);
INSERT INTO member (uuid, branch_id, name, gender, role, phone, active) VALUES
  ('m1', 1, '张三', '男', '普通党员', '13800000001', 1), ('m2', 1, '李四', '女', '党组织书记', '13800000002', 1),
  ('m3', 1, '王五', '男', '班子成员', '', 1), ('m4', 1, '退休者', '男', '普通党员', '13800000009', 0),
  ('m5', 2, '赵六', '女', '普通党员', '13900000005', 1), ('m6', 2, '钱七', '男', '党组织书记', '13900000006', 1),
  ('m7', 3, '孙八', '男', '普通党员', '13700000007', 1);
INSERT INTO teacher (uuid, unit_id, name, is_adviser) VALUES
  ('t1', $UNIT, '刘老师', 1), ('t2', $UNIT, '陈书记', 0);"

# ---- 通讯录 ----
D_MEMBERS=$(sql "$DB" "SELECT count(*) FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.active = 1 AND b.active = 1")
D_BRANCHES=$(sql "$DB" "SELECT count(DISTINCT b.id) FROM member m JOIN branch b ON b.id = m.branch_id
  WHERE m.active = 1 AND b.active = 1")
check "report directory csv" R directory --format csv
cp "$T/out" "$T/dir.csv"
eq "directory: one row per active member of an active branch" "$D_MEMBERS" \
    "$(grep -c '^[0-9][0-9]*,' "$T/dir.csv")"
eq "directory 合计 counts branches and members" "合计,$D_BRANCHES 个党组织,$D_MEMBERS 人" \
    "$(csvrow "$T/dir.csv" 合计 | cut -d, -f1-3)"
eq "directory row: name, gender, 职务 (none), phone" "东村党支部,张三,男,,13800000001" \
    "$(grep ',张三,' "$T/dir.csv" | tr -d '\r' | cut -d, -f2-)"
eq "directory: the secretary heads the branch, then the committee" "李四 王五 张三" \
    "$(grep ',东村党支部,' "$T/dir.csv" | cut -d, -f3 | paste -sd' ' -)"
if grep -q '退休者\|孙八' "$T/dir.csv"; then not_ok "directory leaves out inactive members and branches"; else
    ok "directory leaves out inactive members and branches"; fi
eq "directory figure 未登记电话" "未登记电话,1,人" "$(csvrow "$T/dir.csv" 未登记电话)"
check "report directory text" R directory
has "directory text has the title" "$(cat "$T/out")" "党员通讯录"
has "directory text row aligned by width" "$(cat "$T/out")" "   1  东村党支部                李四      女    书记        13800000002"
check "report directory --branch" R directory --branch 西社区党支部 --format csv
eq "directory --branch: only that branch" "$(sql "$DB" "SELECT count(*) FROM member WHERE branch_id = 2 AND active = 1")" \
    "$(grep -c '^[0-9][0-9]*,' "$T/out")"
status 3 "directory --branch unknown is bad input" R directory --branch 不存在的支部
status 2 "directory takes no period" R directory 2024

check "report directory pdf" R directory --format pdf -o "$T/dir.pdf"
eq "directory pdf is 0600" 600 "$(stat -c %a "$T/dir.pdf")"
if command -v pdffonts >/dev/null 2>&1; then
    pdffonts "$T/dir.pdf" >"$T/fonts" 2>&1
    # Every font embedded (emb yes) as a subset (sub yes, a XXXXXX+ prefix), and a CJK one among them.
    if awk 'NR > 2 && !($(NF-4) == "yes" && $(NF-3) == "yes") { bad = 1 } END { exit bad }' "$T/fonts" &&
        grep -Eq '^[A-Z]{6}\+' "$T/fonts"; then ok "directory pdf fonts embedded as subsets"; else
        not_ok "directory pdf fonts embedded as subsets" "$(cat "$T/fonts")"; fi
    if grep -Eiq 'WenQuanYi|Noto.*CJK|Source ?Han|CJK|Hei|Song|Ming' "$T/fonts"; then ok "directory pdf has a CJK font"; else
        not_ok "directory pdf has a CJK font" "$(cat "$T/fonts")"; fi
    pdftotext -layout "$T/dir.pdf" "$T/dir.txt" 2>/dev/null
    has "pdftotext gets the names back" "$(cat "$T/dir.txt")" "李四"
    has "pdftotext gets the phones back" "$(cat "$T/dir.txt")" "13900000006"
    has "directory pdf has the signature lines" "$(cat "$T/dir.txt")" "制表人"
    eq "directory pdf: one page for a small roster" 1 "$(pdfinfo "$T/dir.pdf" | awk '/^Pages:/ {print $2}')"
else
    ok "# SKIP poppler-utils not installed"
fi

# ---- the checklist with evidence (2024: every sub-period over, states fixed) ----
add() { "$FX" --db "$DB" session add --category 政治理论教育 --format 集中培训 --hours 2 --attendees 张三,李四 "$@" 2>/dev/null; }
add --date 2024-03-05 --kind 培训班 --title 春季分校培训班 >/dev/null
VOID=$(add --date 2024-05-05 --kind 培训班 --title 重复录入的培训班)
"$FX" --db "$DB" session void "$VOID" --reason 重复录入 >/dev/null 2>&1
add --date 2024-04-10 --kind 专题党课 --title 党课一 >/dev/null
add --date 2024-09-10 --kind 专题党课 --title 党课二 >/dev/null
add --date 2024-02-01 --kind 送资料 --title 送学习资料一 >/dev/null
add --date 2024-08-01 --kind 送资料 --title 送学习资料二 >/dev/null
check "mark item 1" "$FX" --db "$DB" mark bageyi 1 --period 2024 --note 分校工作群已建
kind_n() { sql "$DB" "SELECT count(*) FROM session WHERE voided = 0 AND kind = '$1' AND date BETWEEN '2024-01-01' AND '2024-12-31'"; }

check "report checklist csv" R checklist --period 2024 --format csv
cp "$T/out" "$T/cl.csv"
eq "checklist 培训班: found/required from the ledger (voided not counted)" "$(kind_n 培训班),1" \
    "$(csvrow "$T/cl.csv" 4 | cut -d, -f4-5)"
eq "checklist 培训班 state and its proving session" "完成|2024-03-05|春季分校培训班" \
    "$(csvrow "$T/cl.csv" 4 | cut -d, -f3,7,8 | tr , '|')"
eq "checklist 专题党课 found 2 of 3" "$(kind_n 专题党课),3" "$(csvrow "$T/cl.csv" 7 | cut -d, -f4-5)"
has "checklist 专题党课 second proof on its own row" "$(cat "$T/cl.csv")" ",2024-09-10,党课二"
eq "checklist 送资料: the quarters without one" "Q2、Q4" "$(csvrow "$T/cl.csv" 8 | cut -d, -f6)"
eq "checklist 送资料 overdue" "逾期" "$(csvrow "$T/cl.csv" 8 | cut -d, -f3)"
eq "checklist 交流会 missing" "缺,0,1" "$(csvrow "$T/cl.csv" 6 | cut -d, -f3-5)"
eq "checklist advisers from the roster" "$(sql "$DB" "SELECT count(*) FROM teacher WHERE active = 1 AND is_adviser = 1"),3" \
    "$(csvrow "$T/cl.csv" 3 | cut -d, -f4-5)"
has "checklist manual item proved by its mark" "$(csvrow "$T/cl.csv" 1)" "标记：分校工作群已建"
if grep -q 重复录入的培训班 "$T/cl.csv"; then not_ok "voided session is no evidence"; else ok "voided session is no evidence"; fi
# Done in 2024, by the ledger made above: item 1 (marked) and item 4 (one 培训班); not 3 (one adviser of 3),
# 6 (no 交流会), 7 (two 专题党课 of 3), 8 (送资料 missing two quarters), nor 2 and 5 (never marked).
DONE=2
eq "checklist 合计: items 1 and 4 done" "合计,完成 $DONE/8 项" "$(csvrow "$T/cl.csv" 合计 | cut -d, -f1-2)"
eq "fenxiao check agrees: items 1 and 4" "1 4" \
    "$("$FX" --db "$DB" check bageyi --period 2024 --format csv 2>/dev/null | awk -F, '$7 == "完成" { print $4 }' | paste -sd' ' -)"
check "report checklist text" R checklist bageyi --period 2024
has "checklist text title" "$(cat "$T/out")" "2024年“八个一”核验表（附佐证）"
has "checklist text 合计" "$(grep '^ *合计' "$T/out")" "完成 $DONE/8 项"
status 3 "checklist with a period of the wrong kind is bad input" R checklist --period 2024-03
status 3 "checklist of an unknown standard is bad input" R checklist 没有这个标准 --period 2024
check "report checklist pdf" R checklist --period 2024 --format pdf -o "$T/cl.pdf"

# The month summary carries the checklist footnote.
check "report month" R month 2024-03
has "month summary notes “八个一”完成 x/8" "$(cat "$T/out")" "“八个一”完成 $DONE/8 项（2024年"

# ---- the county report on two merged demo ledgers ----
A=$T/a.db B=$T/b.db C=$T/c.db
demo_ledger "$A" 东湖镇党校分校 || not_ok "demo A"
demo_ledger "$B" 西塘镇党校分校 || not_ok "demo B"
# Make the two townships differ: one more session in B, one voided in A.
# The month of the demo's latest training (the county report counts training kinds only, issue 14).
TRAINING="JOIN vocab v ON v.kind = 'kind' AND v.name = s.kind AND v.class = '培训'"
M=$(sql "$A" "SELECT substr(max(s.date), 1, 7) FROM session s $TRAINING")
Y=${M%-*}
"$FX" --db "$B" session add --date "$M-01" --title 西塘加一期 --category 政治理论教育 --format 集中培训 --hours 3 \
    --expected 20 --attendees "$(sql "$B" "SELECT group_concat(id) FROM (SELECT id FROM member LIMIT 7)")" >/dev/null 2>&1
"$FX" --db "$A" session void "$(sql "$A" "SELECT s.id FROM session s $TRAINING WHERE s.date LIKE '$M-%' AND s.voided = 0 LIMIT 1")" \
    --reason 测试 >/dev/null 2>&1
# A manual 八个一 item marked in A only: the county must credit it to A alone.
check "mark 八个一 in A only" "$FX" --db "$A" mark 八个一 1 --period "$Y" --note 东湖镇分校工作群
check "merge A B" "$FX" merge "$A" "$B" -o "$C"
# figures DB PERIOD: 期数,人次,人数,学时,应到,参训率 of the live sessions whose date starts with PERIOD,
# straight from one township's file and written as the reports write them.
figures() {
    sql "$1" "WITH s AS (SELECT s.* FROM session s $TRAINING WHERE s.voided = 0 AND s.date LIKE '$2%')
      SELECT (SELECT count(*) FROM s) || ',' || (SELECT ifnull(sum(present), 0) FROM s) || ',' ||
        (SELECT count(DISTINCT a.member_id) FROM attendance a JOIN s ON s.id = a.session_id WHERE a.status = 1)
        || ',' || (SELECT rtrim(rtrim(printf('%.1f', sum(hours)), '0'), '.') FROM s) || ',' || (SELECT sum(expected) FROM s)
        || ',' || (SELECT printf('%.1f%%', 100.0 * sum(present) / sum(expected)) FROM s)"
}
for P in "$M" "$Y"; do
    # 在册党员 of a period is the register on its last day (issue 14).
    case $P in *-*) last=$(sql "$C" "SELECT date('$P-01', '+1 month', '-1 day')") ;; *) last="$P-12-31" ;; esac
    check "report county $P csv" "$FX" --db "$C" report county "$P" --format csv
    cp "$T/out" "$T/county.csv"
    eq "county $P: one row per township" 2 "$(grep -c '镇党校分校,' "$T/county.csv")"
    for town in "$A:东湖镇党校分校" "$B:西塘镇党校分校"; do
        db=${town%%:*} name=${town#*:}
        row=$(csvrow "$T/county.csv" "$name")
        eq "county $P $name: 期数,人次,人数,学时,应到,参训率 = sqlite3 on its own ledger" "$(figures "$db" "$P")" \
            "$(echo "$row" | cut -d, -f2-7)"
        # On the merged file: a merge does not yet carry the register's history, so a township's members come
        # in as on its register since before the ledger began (the closing note says so).
        eq "county $P $name: 在册党员 = its party members on the merged register" \
            "$(sql "$C" "SELECT count(*) FROM member m JOIN branch b ON b.id = m.branch_id JOIN unit u ON u.id = b.unit_id
                WHERE u.name = '$name' AND EXISTS (SELECT 1 FROM member_term t WHERE t.member_id = m.id
                AND t.category IN ('正式党员', '预备党员') AND t.since <= '$last' AND (t.until = '' OR t.until > '$last'))")" \
            "$(echo "$row" | cut -d, -f8)"
    done
    tot=$(csvrow "$T/county.csv" 合计)
    a=$(csvrow "$T/county.csv" 东湖镇党校分校) b=$(csvrow "$T/county.csv" 西塘镇党校分校)
    eq "county $P 合计 期数/人次/人数 = the sum of the townships" \
        "$(($(echo "$a" | cut -d, -f2) + $(echo "$b" | cut -d, -f2))),$(($(echo "$a" | cut -d, -f3) + $(echo "$b" | cut -d, -f3))),$(($(echo "$a" | cut -d, -f4) + $(echo "$b" | cut -d, -f4)))" \
        "$(echo "$tot" | cut -d, -f2-4)"
    eq "county $P 合计 期数 = SQL on the merged file" \
        "$(sql "$C" "SELECT count(*) FROM session s $TRAINING WHERE s.voided = 0 AND s.date LIKE '$P%'")" "$(echo "$tot" | cut -d, -f2)"
done
# 八个一 per township (last column) = the done items of that township's own `check`.
# (check's CSV: 标准,期间,党组织,编号,条目,依据,状态,… — the 7th field is the state.)
done_items() { "$FX" --db "$1" check 八个一 --period "$Y" --format csv 2>/dev/null | tr -d '\r' | awk -F, '$7 == "完成"' | wc -l | tr -d ' '; }
"$FX" --db "$C" report county "$Y" --format csv >"$T/county.csv" 2>/dev/null
for town in "$A:东湖镇党校分校" "$B:西塘镇党校分校"; do
    db=${town%%:*} name=${town#*:}
    eq "county $Y $name: 八个一 = its own check" "$(done_items "$db")/8" \
        "$(csvrow "$T/county.csv" "$name" | cut -d, -f10)"
done
# The mark made in A proves item 1 there and not in B. (Not "A has one item more than B": in a year's first days
# the 培训班 added to B above is the year's first, and proves item 4 in B alone.)
item1() { "$FX" --db "$1" check 八个一 --period "$Y" --format csv 2>/dev/null | tr -d '\r' | awk -F, '$4 == 1 { print $7 }'; }
eq "the mark made in A proves item 1 in A" 完成 "$(item1 "$A")"
eq "…and not in B" 待标记 "$(item1 "$B")"
own_a=$(done_items "$A")
eq "county csv header ends with 八个一" "八个一" "$(csvrow "$T/county.csv" 分校 | cut -d, -f10)"
"$FX" --db "$C" report county "$M" --format csv >"$T/county-m.csv" 2>/dev/null
eq "county by month: 八个一 for the year containing it" "$own_a/8" \
    "$(csvrow "$T/county-m.csv" 东湖镇党校分校 | cut -d, -f10)"
has "county footnote names the year checked" "$(cat "$T/county-m.csv")" "按年检查"
if grep -q '尚不能按分校区分' "$T/county.csv"; then not_ok "county: no 'completion missing' footnote"; else
    ok "county: no 'completion missing' footnote"; fi
check "report county text" "$FX" --db "$C" report county "$M"
has "county text has both townships" "$(cat "$T/out")" "西塘镇党校分校"
has "county text has a 合计 row" "$(grep '^合计' "$T/out")" "合计"
# No period: this month (issue 18), the same table as naming it.
check "report county without a period" "$FX" --db "$C" report county
cp "$T/out" "$T/county-now.txt"
check "report county for this month by name" "$FX" --db "$C" report county "$(echo "$FENXIAO_TODAY" | cut -c1-7)"
if cmp -s "$T/out" "$T/county-now.txt"; then ok "…is this month's"; else not_ok "…is this month's" "$(diff "$T/out" "$T/county-now.txt" | head -5)"; fi
