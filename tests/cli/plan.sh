#!/bin/sh
# plan.sh — the year's training plan and 建账 (issue 15): a 12-item plan imported, sessions linked to it by the
# rule (same month, kind and 内容类别) and by hand, plan against actual as of a given date, a plan breaking seed
# 003's every-two-months rule flagged at open-year, bad files refused whole, the closed year, merge and export,
# and the migration of a ledger made by schema 6. Every expected value is written by hand.
. "$(dirname "$0")/lib.sh"

# The calendar of this file: 2026 is the plan's year, and today is in December of it.
FENXIAO_TODAY=2026-12-05
export FENXIAO_TODAY

DB="$T/plan.db"
check "init" "$FX" --db "$DB" init --unit 计划镇

cat >"$T/plan.csv" <<'EOF'
月份,标题,内容类别,类型,学时,参训对象,负责人
1月,新年第一课,政治理论教育,培训班,4,全体党员,王书记
2月,党章学习,党章党规党纪教育,专题党课,2,全体党员,李委员
3月,红色教育基地参观,革命传统教育,现场教学,3,全体党员,李委员
4月,形势报告会,形势政策教育,专题党课,2,村干部,王书记
5月,乡村振兴技能班,知识技能教育,培训班,8,致富带头人,张主任
6月,为民服务专题课,党的宗旨教育,专题党课,2,全体党员,王书记
7月,革命旧址现场教学,革命传统教育,现场教学,3,全体党员,李委员
8月,理论学习专题课,政治理论教育,专题党课,2,全体党员,王书记
9月,秋季技能培训班,知识技能教育,培训班,8,党员,张主任
10月,形势政策专题课,形势政策教育,专题党课,2,全体党员,王书记
11月,党性教育培训班,政治教育和政治训练,培训班,8,全体党员,王书记
12月,年终理论课,政治理论教育,专题党课,2,全体党员,王书记
EOF

add() { "$FX" --db "$DB" session add --format 集中培训 "$@"; }

# Two sessions entered before the plan: the import links them.
check "session in January (培训班, 政治理论教育)" add --date 2026-01-15 --title 新年第一课 --category 政治理论教育 --kind 培训班 --hours 4
check "session in March (现场教学, 革命传统教育)" add --date 2026-03-10 --title 参观基地 --category 革命传统教育 --kind 现场教学 --hours 3
# A session that matches no item stays unlinked.
check "session in July of another kind (交流会)" add --date 2026-07-08 --title 经验交流 --category 形势政策教育 --kind 交流会 --hours 2

check "plan import --dry-run" "$FX" --db "$DB" plan import "$T/plan.csv" --year 2026 --dry-run
eq "…writes nothing" "0" "$(sql "$DB" 'SELECT count(*) FROM plan_item')"
check "plan import of a 12-item plan" "$FX" --db "$DB" plan import "$T/plan.csv" --year 2026
eq "12 plan items" "12" "$(sql "$DB" 'SELECT count(*) FROM plan_item WHERE year = 2026 AND voided = 0')"
has "…says 2 sessions already entered were linked" "$(cat "$T/err")" "已有的培训记录中 2 条"
eq "January's session is linked to item 1, March's to item 3, automatically" "1:1:自动,2:3:自动" \
    "$(sql "$DB" "SELECT group_concat(session_id || ':' || plan_id || ':' || how, ',') FROM (SELECT * FROM plan_link ORDER BY session_id)")"
check "importing the same plan again" "$FX" --db "$DB" plan import "$T/plan.csv" --year 2026
eq "…adds nothing" "12" "$(sql "$DB" 'SELECT count(*) FROM plan_item')"

# Two sessions entered after the plan link themselves when they are saved.
check "session in May (培训班, 知识技能教育)" add --date 2026-05-20 --title 技能班 --category 知识技能教育 --kind 培训班 --hours 8
check "session in August (专题党课, 政治理论教育)" add --date 2026-08-12 --title 理论课 --category 政治理论教育 --kind 专题党课 --hours 2
eq "May's session (4) → item 5, August's (5) → item 8" "4:5:自动,5:8:自动" \
    "$(sql "$DB" "SELECT group_concat(session_id || ':' || plan_id || ':' || how, ',') FROM (SELECT * FROM plan_link WHERE session_id > 3 ORDER BY session_id)")"
eq "the July 交流会 is linked to nothing" "0" "$(sql "$DB" 'SELECT count(*) FROM plan_link WHERE session_id = 3')"
# A February session links itself, then is voided: its item is not done.
check "session in February (专题党课, 党章党规党纪教育)" add --date 2026-02-12 --title 党章课 --category 党章党规党纪教育 --kind 专题党课 --hours 2
eq "…linked to item 2" "2" "$(sql "$DB" 'SELECT plan_id FROM plan_link WHERE session_id = 6')"
check "…and voided" "$FX" --db "$DB" session void 6 --reason 重复录入
# June's session has another category than June's item: no automatic link; the secretary links it by hand.
check "session in June (专题党课, 政治理论教育)" add --date 2026-06-18 --title 六月党课 --category 政治理论教育 --kind 专题党课 --hours 2
eq "…not linked automatically" "0" "$(sql "$DB" 'SELECT count(*) FROM plan_link WHERE session_id = 7')"
check "plan link 7 6 (by hand)" "$FX" --db "$DB" plan link 7 6
eq "…linked by hand" "6:手动" "$(sql "$DB" "SELECT plan_id || ':' || how FROM plan_link WHERE session_id = 7")"
eq "…audited" "1" "$(sql "$DB" "SELECT count(*) FROM audit WHERE entity = 'plan_link' AND uuid = (SELECT uuid FROM session WHERE id = 7)")"
status 3 "plan link to an item of another year's plan… (no such item 99)" "$FX" --db "$DB" plan link 7 99
status 3 "plan link of a voided session" "$FX" --db "$DB" plan link 6 2
eq "…left item 2 without a live session" "0" "$(sql "$DB" 'SELECT count(*) FROM plan_link l JOIN session s ON s.id = l.session_id WHERE l.plan_id = 2 AND s.voided = 0')"

# Plan against actual as of 2026-09-15: done 1, 3, 5, 6, 8; overdue 2, 4, 7 (months ended); 9–12 not yet due.
"$FX" --db "$DB" plan list 2026 --as-of 2026-09-15 --format csv >"$T/list.csv" 2>"$T/err"
state() { tr -d '\r' <"$T/list.csv" | grep "^项目,$1," | cut -d, -f10; }
eq "item states 1–12" "已完成 逾期 已完成 逾期 已完成 已完成 逾期 已完成 未到期 未到期 未到期 未到期" \
    "$(for i in 1 2 3 4 5 6 7 8 9 10 11 12; do state $i; done | tr '\n' ' ' | sed 's/ $//')"
eq "the year: 计划 12, 已完成 5, 逾期 3, 未到期 4, 完成率 41.7%" "12,5,3,4,41.7%" \
    "$(tr -d '\r' <"$T/list.csv" | grep '^全年,' | cut -d, -f13-)"
eq "June: 1 planned, 1 done (by hand)" "1,1,0,0,100.0%" "$(tr -d '\r' <"$T/list.csv" | grep '^月份,,6月,' | cut -d, -f13-)"
eq "July: 1 planned, overdue" "1,0,1,0,0.0%" "$(tr -d '\r' <"$T/list.csv" | grep '^月份,,7月,' | cut -d, -f13-)"
eq "item 8's session and date" "5,2026-08-12" "$(tr -d '\r' <"$T/list.csv" | grep '^项目,8,' | cut -d, -f11-12)"
check "plan list as text" "$FX" --db "$DB" plan list 2026 --as-of 2026-09-15
has "…the year's line" "$(grep '^全年' "$T/out" | tr -s ' ')" "全年 12 5 3 4 41.7%"
has "…not opened yet" "$(head -1 "$T/out")" "未建账"
# On the last day of June, June's item would still be due; one day later it is overdue.
"$FX" --db "$DB" plan list 2026 --as-of 2026-04-30 --format csv >"$T/april.csv" 2>/dev/null
eq "as of 2026-04-30: April's item 4 not yet due" "未到期" "$(tr -d '\r' <"$T/april.csv" | grep '^项目,4,' | cut -d, -f10)"
"$FX" --db "$DB" plan list 2026 --as-of 2026-05-01 --format csv >"$T/may.csv" 2>/dev/null
eq "as of 2026-05-01: item 4 overdue" "逾期" "$(tr -d '\r' <"$T/may.csv" | grep '^项目,4,' | cut -d, -f10)"

# 建账 of 2026: this plan covers every two-month window and both half-years, but has 4 培训班, not 10.
check "open-year 2026" "$FX" --db "$DB" open-year 2026
has "…the 2-month rule met" "$(cat "$T/out")" "符合    集中学习培训每两个月不少于1次：计划 12 项"
has "…the yearly count flagged" "$(cat "$T/out")" "不符合  每年累计办班不少于10期：计划 4 项，应不少于 10 项"
eq "…recorded, with who" "1" "$(sql "$DB" "SELECT count(*) FROM year_open WHERE year = 2026 AND opened_by <> ''")"
eq "…in the audit log" "1" "$(sql "$DB" "SELECT count(*) FROM audit WHERE action = 'open-year' AND json_extract(after, '$.year') = 2026")"
status 1 "opening 2026 twice is refused" "$FX" --db "$DB" open-year 2026
has "…politely, saying when" "$(cat "$T/err")" "2026 年已于"
eq "…and nothing more is written" "1" "$(sql "$DB" "SELECT count(*) FROM audit WHERE action = 'open-year'")"
check "plan list says the year is opened" "$FX" --db "$DB" plan list 2026
has "…已建账" "$(head -1 "$T/out")" "已建账"

# A 2027 plan with no 集中学习 in May–June and September–October: flagged at open-year, naming those months.
cat >"$T/gaps.csv" <<'EOF'
月份,标题,内容类别,类型,学时,参训对象,负责人
1月,开年培训班,政治理论教育,培训班,8,全体党员,王书记
3月,党章专题课,党章党规党纪教育,专题党课,2,全体党员,李委员
4月,形势政策交流,形势政策教育,交流会,2,村干部,王书记
6月,送学资料,政治理论教育,送资料,0,全体党员,王书记
7月,秋季培训班,知识技能教育,培训班,8,党员,张主任
11—12月,年终专题课,政治理论教育,专题党课,2,全体党员,王书记
EOF
check "plan import of the 2027 plan" "$FX" --db "$DB" plan import "$T/gaps.csv" --year 2027
eq "…the period 11—12月 kept as months 11 to 12" "11-12" "$(sql "$DB" "SELECT month_first || '-' || month_last FROM plan_item WHERE title = '年终专题课'")"
# 2026 has a budget for two sources, 2027 already one of its own for 党费: 建账 copies only the other.
check "funds budget 2026 党费" "$FX" --db "$DB" funds budget 2026 --source 党费 --amount 3000
check "funds budget 2026 专项经费" "$FX" --db "$DB" funds budget 2026 --source 专项经费 --amount 8000
check "funds budget 2027 党费" "$FX" --db "$DB" funds budget 2027 --source 党费 --amount 4000
check "open-year 2027 -o cover.pdf" "$FX" --db "$DB" open-year 2027 -o "$T/cover.pdf"
has "…says what it copied" "$(cat "$T/out")" "沿用上一年的经费预算：1 个经费来源"
eq "…2027's budgets: its own 党费 kept, 专项经费 copied from 2026" "专项经费:800000,党费:400000" \
    "$(sql "$DB" "SELECT group_concat(source || ':' || amount, ',') FROM (SELECT * FROM funds_budget WHERE year = 2027 ORDER BY source)")"
eq "…the copy audited" "1" "$(sql "$DB" "SELECT count(*) FROM audit WHERE entity = 'funds_budget' AND uuid = '2027/专项经费' AND json_extract(after, '$.copied_from') = 2026")"
has "…writes the opening page" "$(cat "$T/err")" "已写出年度台账封面"
if command -v pdftotext >/dev/null 2>&1; then
    cover=$(pdftotext -layout "$T/cover.pdf" - 2>/dev/null | tr -s ' ')
    has "…the cover's title" "$cover" "2027年度培训台账 · 年度培训计划"
    has "…the unit" "$cover" "计划镇"
    has "…who opened the year" "$cover" "建账人 "
    has "…the plan table" "$cover" "秋季培训班"
    eq "…one page" "1" "$(pdfinfo "$T/cover.pdf" | awk '/^Pages:/ {print $2}')"
fi
has "…names the uncovered two-month windows" "$(cat "$T/out")" "不符合  集中学习培训每两个月不少于1次：计划 4 项，未覆盖 5—6月、9—10月"
has "…the half-year rule met (培训班 in January and July)" "$(cat "$T/out")" "符合    主体班次每半年不少于1期：计划 2 项"
has "…and warns" "$(cat "$T/err")" "达不到培训计划标准"
status 1 "open-year 2027 -o again: refused, the year was opened" "$FX" --db "$DB" open-year 2027 -o "$T/cover2.pdf"
eq "…and no cover written" "no" "$([ -e "$T/cover2.pdf" ] && echo yes || echo no)"

# Malformed plans: exit 3, nothing written, the message naming the line and the column.
printf '月份,标题,内容类别,类型\n3月,好课,政治理论教育,培训班\n13月,坏月份,政治理论教育,培训班\n' >"$T/bad.csv"
status 3 "a month 13 is refused" "$FX" --db "$DB" plan import "$T/bad.csv" --year 2028
has "…naming the line" "$(cat "$T/err")" "第3行"
has "…and the column" "$(cat "$T/err")" "“月份”列"
eq "…nothing written, not even the good line" "0" "$(sql "$DB" 'SELECT count(*) FROM plan_item WHERE year = 2028')"
printf '月份,标题,内容类别,类型\n3月,好课,不存在的类别,培训班\n' >"$T/bad2.csv"
status 3 "an unknown 内容类别 is refused" "$FX" --db "$DB" plan import "$T/bad2.csv" --year 2028
has "…naming it" "$(cat "$T/err")" "不存在的类别"
printf '月份,标题\n3月,好课\n' >"$T/bad3.csv"
status 3 "a plan without 内容类别 and 类型 columns is refused" "$FX" --db "$DB" plan import "$T/bad3.csv" --year 2028
printf '月份,标题,内容类别,类型\n2027-03,错年,政治理论教育,培训班\n' >"$T/bad4.csv"
status 3 "a month of another year is refused" "$FX" --db "$DB" plan import "$T/bad4.csv" --year 2028
eq "…nothing written for 2028" "0" "$(sql "$DB" 'SELECT count(*) FROM plan_item WHERE year = 2028')"

# An XLSX plan reads as the CSV does (the roster importer's workbook reader).
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    /usr/bin/python3 - "$T/plan.xlsx" <<'EOF'
import sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "2029年计划"
ws.append(["月份", "标题", "内容类别", "类型", "学时", "参训对象", "负责人"])
ws.append(["上半年", "主体班次", "政治理论教育", "培训班", 16, "全体党员", "王书记"])
ws.append([3, "三月党课", "党章党规党纪教育", "专题党课", 2, "全体党员", "李委员"])
wb.save(sys.argv[1])
EOF
    check "plan import of an XLSX plan" "$FX" --db "$DB" plan import "$T/plan.xlsx" --year 2029
    eq "…上半年 as months 1 to 6, and 3 as March" "1-6,3-3" \
        "$(sql "$DB" "SELECT group_concat(month_first || '-' || month_last, ',') FROM (SELECT * FROM plan_item WHERE year = 2029 ORDER BY id)")"
else
    not_ok "plan import of an XLSX plan" "python3 openpyxl is missing"
fi

# export plan: the items in the import's words; it imports back unchanged.
check "export plan" "$FX" --db "$DB" export plan -o "$T/plan-export.csv"
eq "…every item (12 + 6 + 2)" "21" "$(tr -d '\r' <"$T/plan-export.csv" | wc -l | tr -d ' ')"
has "…with the linked sessions" "$(tr -d '\r' <"$T/plan-export.csv" | grep '^8,')" "8,2026,8月,理论学习专题课,政治理论教育,专题党课,2,全体党员,王书记,,,5,"
check "importing the 2026 rows of the export back" sh -c "tr -d '\r' <'$T/plan-export.csv' | grep -e '编号,年度' -e ',2026,' >'$T/back.csv' && '$FX' --db '$DB' plan import '$T/back.csv' --year 2026"
eq "…adds nothing" "20" "$(sql "$DB" 'SELECT count(*) FROM plan_item')"

# Merge: a county ledger gets both townships' plans and their links.
D2="$T/other.db"
check "init a second township" "$FX" --db "$D2" init --unit 第二镇
check "its plan" "$FX" --db "$D2" plan import "$T/gaps.csv" --year 2027
COUNTY="$T/county.db"
check "merge both" "$FX" merge "$DB" "$D2" -o "$COUNTY"
eq "the county has both plans (20 + 6 items)" "26" "$(sql "$COUNTY" 'SELECT count(*) FROM plan_item')"
eq "…with the links of the first township's sessions" \
    "新年第一课→新年第一课,党章课→党章学习,参观基地→红色教育基地参观,技能班→乡村振兴技能班,六月党课→为民服务专题课,理论课→理论学习专题课" \
    "$(sql "$COUNTY" "SELECT group_concat(t, ',') FROM (SELECT s.title || '→' || p.title AS t FROM plan_link l JOIN session s ON s.id = l.session_id JOIN plan_item p ON p.id = l.plan_id ORDER BY s.date)")"
eq "…and the townships' audit records of every plan item (26) and link (6)" "26:6" \
    "$(sql "$COUNTY" "SELECT (SELECT count(*) FROM audit WHERE entity = 'plan' AND action = 'insert') || ':' || (SELECT count(*) FROM audit WHERE entity = 'plan_link')")"
check "merging again" "$FX" merge "$DB" "$D2" -o "$COUNTY"
eq "…changes nothing" "26:6:26" "$(sql "$COUNTY" "SELECT (SELECT count(*) FROM plan_item) || ':' || (SELECT count(*) FROM plan_link) || ':' || (SELECT count(*) FROM audit WHERE entity = 'plan')")"
"$FX" --db "$COUNTY" plan list 2026 --as-of 2026-09-15 --format csv >"$T/county.csv" 2>/dev/null
eq "the county's 2026 plan against actual" "12,5,3,4,41.7%" "$(tr -d '\r' <"$T/county.csv" | grep '^全年,' | cut -d, -f13-)"

# The county report shows each township's plan completion (issue 15): 第二镇 plans three items for 2026 and does one.
printf '%s\n' '月份,标题,内容类别,类型,学时,参训对象,负责人' '3,三月党课,政治理论教育,专题党课,2,全体党员,张书记' \
    '5,五月培训班,政治理论教育,培训班,4,全体党员,张书记' '11,十一月培训班,政治理论教育,培训班,4,全体党员,张书记' >"$T/second.csv"
check "第二镇's 2026 plan" "$FX" --db "$D2" plan import "$T/second.csv" --year 2026
check "…and its March lesson, linked to the plan's March item" "$FX" --db "$D2" session add --date 2026-03-12 \
    --title 三月党课 --category 政治理论教育 --format 专题党课 --kind 专题党课 --hours 2
check "merge both again" "$FX" merge "$DB" "$D2" -o "$COUNTY"
check "report county 2026 (CSV)" "$FX" --db "$COUNTY" report county 2026 --format csv
eq "…年度计划 of each township: 5 of 12 done, 1 of 3, and 6 of 15 in 合计" "计划镇:5/12 第二镇:1/3 合计:6/15" \
    "$(tr -d '\r' <"$T/out" | awk -F, 'NR == 3 { for (i = 1; i <= NF; i++) if ($i == "年度计划") c = i }
        c && ($1 ~ /镇/ || $1 == "合计") && NR > 3 { printf "%s%s:%s", (n++ ? " " : ""), $1, $c }')"

# The closed year: plan writes refused with exit 6, by the CLI and by the sqlite3 shell.
check "close-year 2026" "$FX" --db "$DB" close-year 2026
has "…its digest is of version 3 (plan included)" "$(sql "$DB" 'SELECT digest FROM closed_year WHERE year = 2026')" "v3:"
printf '月份,标题,内容类别,类型\n12月,补充课,政治理论教育,专题党课\n' >"$T/late.csv"
status 6 "a new 2026 item is refused (exit 6)" "$FX" --db "$DB" plan import "$T/late.csv" --year 2026
status 6 "plan link in 2026 is refused (exit 6)" "$FX" --db "$DB" plan link 3 7
check "close-year 2025 (never opened)" "$FX" --db "$DB" close-year 2025
status 6 "open-year of a closed year is refused (exit 6)" "$FX" --db "$DB" open-year 2025
if sqlite3 "$DB" "UPDATE plan_item SET title = 'x' WHERE year = 2026" 2>/dev/null; then
    not_ok "sqlite3 cannot change a 2026 plan item"
else
    ok "sqlite3 cannot change a 2026 plan item"
fi
if sqlite3 "$DB" "DELETE FROM plan_link WHERE session_id = 1" 2>/dev/null; then
    not_ok "sqlite3 cannot remove a 2026 link"
else
    ok "sqlite3 cannot remove a 2026 link"
fi
check "verify passes" "$FX" --db "$DB" verify
check "2027 stays open for plan writes" "$FX" --db "$DB" plan import "$T/late.csv" --year 2027

# Migration: a ledger made by schema 6 (the version before this on main) upgrades with a copy kept.
OLD_DATA="$T/data6"
cp -r "$TOP/data" "$OLD_DATA"
for f in "$OLD_DATA"/schema/*.sql; do
    v=$(basename "$f" | sed -n 's/^0*\([0-9][0-9]*\)-.*/\1/p')
    [ "$v" -le 6 ] || rm "$f"
done
D6="$T/six.db"
FENXIAO_DATA_DIR="$OLD_DATA" "$FX" --db "$D6" init --unit 升级镇 >/dev/null 2>&1
eq "the old ledger is of schema version 6" "6" "$(sql "$D6" 'PRAGMA user_version')"
FENXIAO_DATA_DIR="$OLD_DATA" "$FX" --db "$D6" session add --date 2026-03-10 --title 旧课 --category 革命传统教育 \
    --format 集中培训 --kind 现场教学 --hours 3 >/dev/null 2>&1
eq "…a session saved by the schema-6 program" "1" "$(sql "$D6" 'SELECT count(*) FROM session')"
CUR=$(ls "$TOP/data/schema/" | sed -n 's/^0*\([0-9][0-9]*\)-.*\.sql$/\1/p' | sort -n | tail -1)
check "this build imports a plan into it" "$FX" --db "$D6" plan import "$T/plan.csv" --year 2026
eq "it is now of this build's schema version ($CUR, 7 or later)" "$CUR" "$(sql "$D6" 'PRAGMA user_version')"
n=$(ls "$D6".before-v$CUR-* 2>/dev/null | wc -l)
[ "$n" -ge 1 ] && ok "a copy was kept before the upgrade" || not_ok "a copy before the upgrade" "$(ls "$T")"
eq "…and the copy is the old ledger" "6" "$(sql "$(ls "$D6".before-v$CUR-* | head -1)" 'PRAGMA user_version')"
eq "the old session is linked to March's item" "3" "$(sql "$D6" 'SELECT plan_id FROM plan_link WHERE session_id = 1')"
check "verify passes after the upgrade" "$FX" --db "$D6" verify
