#!/bin/sh
# funds.sh — the funds ledger (经费台账, issue 16): 37 entries whose 明细账 running balance and 分类汇总 agree to the
# 分 with SQL sums, amounts that add exactly, the rule of which sources may pay which category, the budget
# warning, the closed year against the CLI and the sqlite3 shell, the one-page yearly PDF, and the migration of a
# ledger made by schema 4.
. "$(dirname "$0")/lib.sh"

DB="$T/funds.db"
check "init" "$FX" --db "$DB" init --unit 测试镇

# --- 37 entries: two incomes and 35 expenses, two sources, five categories ---
check "income 市级配套经费 50,000.00" "$FX" --db "$DB" funds add --date 2026-01-10 --income --source 市级配套经费 \
    --category 上级拨款 --amount 50,000.00 --payee 区委组织部 --voucher 收-001
check "income 专项经费 30000" "$FX" --db "$DB" funds add --date 2026-01-15 --income --source 专项经费 \
    --category 上级拨款 --amount 30000 --voucher 收-002
i=1
failed=0
while [ $i -le 35 ]; do
    m=$(( (i - 1) % 11 + 2 )); d=$(( i % 28 + 1 ))
    case $(( (i - 1) % 5 )) in 0) c=讲课费 ;; 1) c=资料费 ;; 2) c=场地费 ;; 3) c=交通费 ;; 4) c=餐费 ;; esac
    if [ $((i % 2)) -eq 1 ]; then s=市级配套经费; else s=专项经费; fi
    fen=$(( i * 12345 + (i % 3) * 7 ))
    amount=$(( fen / 100 )).$(printf %02d $(( fen % 100 )))
    "$FX" --db "$DB" funds add --date "$(printf '2026-%02d-%02d' $m $d)" --expense --source $s --category $c \
        --amount "$amount" --voucher "支-$i" --payee "收款人$i" >/dev/null 2>"$T/err" || failed=$((failed + 1))
    i=$((i + 1))
done
eq "35 expenses saved" "0" "$failed"
eq "37 entries in the ledger" "37" "$(sql "$DB" 'SELECT count(*) FROM funds_entry')"
eq "amounts are stored as integer 分" "integer" "$(sql "$DB" 'SELECT DISTINCT typeof(amount) FROM funds_entry')"

# 分类汇总 (report funds 2026, CSV): by hand, and by an independent SQL sum per category and source.
"$FX" --db "$DB" report funds 2026 --format csv >"$T/year.csv" 2>"$T/err"
line() { tr -d '\r' <"$T/year.csv" | grep "^$1,$2," | cut -d, -f3-; }
money_sql() { sql "$DB" "SELECT printf('%d.%02d', s / 100, s % 100) FROM (SELECT ifnull(sum(amount), 0) AS s FROM funds_entry WHERE voided = 0 AND $1)"; }
unq() { tr -d '",'; }
for pair in 讲课费:13826.89 资料费:14691.11 场地费:15555.12 交通费:16419.34 餐费:17283.56; do
    c=${pair%%:*}; want=${pair#*:}
    got=$(tr -d '\r' <"$T/year.csv" | grep "^支出,$c," | sed 's/"\([0-9,.]*\)"/\1/g; s/,\([0-9]\{3\}\)/\1/g' | cut -d, -f5)
    eq "分类汇总 $c: $want (by hand)" "$want" "$got"
    eq "…the same as the SQL sum" "$(money_sql "direction = '支出' AND category = '$c'")" "$got"
done
has "市级配套经费: budget 50,000.00 (the default), income 50,000.00, spent 39,999.06" "$(tr -d '\r' <"$T/year.csv" | grep '^来源,市级配套经费,')" \
    '"50,000.00","50,000.00","39,999.06","10,000.94",80.0%,19,默认预算'
has "专项经费: income 30,000.00, spent 37,776.96, no budget" "$(tr -d '\r' <"$T/year.csv" | grep '^来源,专项经费,')" \
    '专项经费,,"30,000.00","37,776.96",,,18'
eq "…专项经费's spending is the SQL sum" "37776.96" "$(money_sql "direction = '支出' AND source = '专项经费'")"
has "合计: income 80,000.00, expense 77,776.02" "$(tr -d '\r' <"$T/year.csv" | grep '^合计,')" '"80,000.00","77,776.02"'
eq "…the SQL sum of all expense" "77776.02" "$(money_sql "direction = '支出'")"
has "no warning while within the budget" "$(cat "$T/year.csv")" "专项经费"
case $(cat "$T/year.csv") in *警告*) not_ok "no 警告 within the budget" ;; *) ok "no 警告 within the budget" ;; esac

# 收支明细账 of the year: each running balance equals an independent SQL sum (a correlated subquery, no window).
"$FX" --db "$DB" report funds-ledger 2026 --format csv >"$T/ledger.csv" 2>"$T/err"
tr -d '\r' <"$T/ledger.csv" | grep '^2026-' | sed 's/"\([-0-9,.]*\)"/\1/g; s/\([0-9]\),\([0-9]\{3\}\)/\1\2/g' |
    awk -F, '{print $1 "|" $8}' >"$T/balances.report"
sql "$DB" "SELECT f.date || '|' || printf('%d.%02d', b / 100, b % 100) FROM (SELECT f.date, f.id,
    (SELECT sum(CASE g.direction WHEN '收入' THEN g.amount ELSE -g.amount END) FROM funds_entry g WHERE g.voided = 0
     AND (g.date < f.date OR (g.date = f.date AND g.id <= f.id))) AS b FROM funds_entry f WHERE f.voided = 0) f
     ORDER BY f.date, f.id" >"$T/balances.sql"
eq "明细账 lists the 37 entries" "37" "$(wc -l <"$T/balances.report" | tr -d ' ')"
eq "…every running balance agrees with SQL to the 分" "$(cat "$T/balances.sql")" "$(cat "$T/balances.report")"
has "…closing balance 2,223.98 (80,000.00 − 77,776.02)" "$(tr -d '\r' <"$T/ledger.csv" | grep '^合计,')" '"2,223.98"'
has "…which is the 分类汇总's income minus expense" "$(tail -1 "$T/balances.report")" "|2223.98"

# --- 0.10 + 0.20 is exactly 0.30 ---
D2="$T/cents.db"
"$FX" --db "$D2" init --unit 测试镇 >/dev/null 2>&1
check "0.10 saved" "$FX" --db "$D2" funds add --date 2026-05-01 --expense --source 党费 --category 资料费 --amount 0.10
check "0.2 saved" "$FX" --db "$D2" funds add --date 2026-05-02 --expense --source 党费 --category 资料费 --amount 0.2
eq "stored as 10 and 20 分" "10 20" "$(sql "$D2" 'SELECT group_concat(amount, " ") FROM funds_entry')"
has "report: 资料费 0.30" "$(tr -d '\r' <"$("$FX" --db "$D2" report funds 2026 --format csv -o "$T/c.csv" >/dev/null 2>&1; echo "$T/c.csv")" | grep '^支出,资料费,')" ",0.30,"
has "明细账: balance −0.30 after both" "$("$FX" --db "$D2" report funds-ledger 2026-05 2>/dev/null)" "-0.30"

# --- amounts refused: exit 3, nothing written ---
for bad in 1.234 -5 +5 abc 1,23.00 12,345,67 "" 0 1e3 "1 000" 0.1.2 99999999999999.99; do
    status 3 "amount [$bad] refused (exit 3)" "$FX" --db "$D2" funds add --date 2026-05-03 --expense --source 党费 \
        --category 资料费 --amount "$bad"
done
has "…with a Chinese message" "$(cat "$T/err")" "金额"
eq "…and nothing written" "2" "$(sql "$D2" 'SELECT count(*) FROM funds_entry')"

# --- 党费 may not pay 餐费 without a reason ---
status 3 "党费 for 餐费 is refused (exit 3)" "$FX" --db "$D2" funds add --date 2026-06-01 --expense --source 党费 \
    --category 餐费 --amount 300.00 --voucher 支-900
has "…saying why and how" "$(cat "$T/err")" "党费不能支付餐费"
eq "…nothing written" "2" "$(sql "$D2" 'SELECT count(*) FROM funds_entry')"
eq "…nor audited" "0" "$(sql "$D2" "SELECT count(*) FROM audit WHERE entity = 'funds' AND after LIKE '%支-900%'")"
check "…accepted with --reason" "$FX" --db "$D2" funds add --date 2026-06-01 --expense --source 党费 --category 餐费 \
    --amount 300.00 --voucher 支-900 --reason "区委组织部批准的培训工作餐"
eq "…the reason is stored" "区委组织部批准的培训工作餐" "$(sql "$D2" "SELECT rule_reason FROM funds_entry WHERE voucher = '支-900'")"
has "…and shown in the 明细账 (text: cut to its column)" "$("$FX" --db "$D2" report funds-ledger 2026-06 2>/dev/null)" "例外：区委组织"
has "…(CSV too)" "$("$FX" --db "$D2" report funds-ledger 2026-06 --format csv 2>/dev/null)" "例外：区委组织部批准的培训工作餐"
has "…and counted in the yearly report" "$("$FX" --db "$D2" report funds 2026 2>/dev/null | grep 餐费)" "例外 1 笔"
check "党费 for 资料费 needs no reason" "$FX" --db "$D2" funds add --date 2026-06-02 --expense --source 党费 \
    --category 资料费 --amount 12.00
status 3 "an unknown source is refused" "$FX" --db "$D2" funds add --date 2026-06-02 --expense --source 小金库 \
    --category 资料费 --amount 12.00
status 3 "a category of no list is refused" "$FX" --db "$D2" funds add --date 2026-06-02 --expense --source 党费 \
    --category 烟酒 --amount 12.00

# --- void: with a reason, never deleted, counted nowhere ---
id=$(sql "$D2" "SELECT id FROM funds_entry WHERE amount = 1200")
status 2 "void without --reason is a usage error" "$FX" --db "$D2" funds void "$id"
check "void with a reason" "$FX" --db "$D2" funds void "$id" --reason 重复录入
eq "…the row stays, voided" "1|重复录入" "$(sql "$D2" "SELECT voided || '|' || void_reason FROM funds_entry WHERE id = $id")"
eq "…audited" "1" "$(sql "$D2" "SELECT count(*) FROM audit WHERE entity = 'funds' AND action = 'void'")"
status 3 "…voided twice is refused" "$FX" --db "$D2" funds void "$id" --reason 再次
has "funds list shows it as 作废" "$("$FX" --db "$D2" funds list --year 2026 2>/dev/null)" "作废：重复录入"
if sqlite3 "$D2" "DELETE FROM funds_entry WHERE id = $id" 2>/dev/null; then not_ok "sqlite3 cannot delete an entry"; else ok "sqlite3 cannot delete an entry"; fi

# --- the budget: over 5万 warns ---
check "an expense pushes 市级配套经费 over its 50,000.00" "$FX" --db "$DB" funds add --date 2026-12-01 --expense \
    --source 市级配套经费 --category 讲课费 --amount 10,000.95
"$FX" --db "$DB" report funds 2026 >"$T/year.txt" 2>&1
has "the yearly report warns: 市级配套经费 over by 0.01" "$(cat "$T/year.txt")" "警告：市级配套经费支出 50,000.01 元，超出预算 50,000.00 元，超支 0.01 元"
has "…and the whole budget is exceeded" "$(cat "$T/year.txt")" "超出全年预算 50,000.00 元"
has "…the row says so" "$(grep '市级配套经费' "$T/year.txt" | head -1)" "超出预算"
check "funds budget 2026 60,000.00" "$FX" --db "$DB" funds budget 2026 --source 市级配套经费 --amount 60,000.00
case $("$FX" --db "$DB" report funds 2026 2>/dev/null) in *警告*) not_ok "no warning under the new budget" ;; *) ok "no warning under the new budget" ;; esac
eq "the budget is stored in 分" "6000000" "$(sql "$DB" "SELECT amount FROM funds_budget WHERE year = 2026")"

# --- the yearly PDF: one A4 page, Chinese, amounts right-aligned ---
check "report funds 2026 as PDF" "$FX" --db "$DB" report funds 2026 --format pdf -o "$T/funds.pdf"
if command -v pdfinfo >/dev/null 2>&1; then
    eq "…one page" "1" "$(pdfinfo "$T/funds.pdf" | awk '/^Pages:/ {print $2}')"
    has "…A4" "$(pdfinfo "$T/funds.pdf" | grep 'Page size')" "595.276 x 841.89"
    txt=$(pdftotext -layout "$T/funds.pdf" - 2>/dev/null)
    has "…Chinese rendered" "$txt" "2026年经费使用情况"
    has "…with the 分类汇总" "$txt" "17,283.56"
    has "…and the signature lines" "$txt" "审核人"
else
    not_ok "pdfinfo is needed to read the PDF"
fi
check "report funds 2026 as XLSX" "$FX" --db "$DB" report funds 2026 --format xlsx -o "$T/funds.xlsx"
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    eq "…餐费 is a number 17283.56 shown as #,##0.00" "17283.56|#,##0.00" "$(/usr/bin/python3 -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
for row in ws.iter_rows():
    if row[1].value == "餐费":
        print("%r|%s" % (row[4].value, row[4].number_format))' "$T/funds.xlsx")"
else
    not_ok "python3 with openpyxl is needed to read the XLSX"
fi
check "report funds-ledger 2026 as PDF" "$FX" --db "$DB" report funds-ledger 2026 --format pdf -o "$T/ledger.pdf"

# --- the closed year: the CLI refuses (exit 6), and so does the sqlite3 shell ---
D3="$T/closed.db"
"$FX" --db "$D3" init --unit 测试镇 >/dev/null 2>&1
"$FX" --db "$D3" funds add --date 2025-03-01 --income --source 市级配套经费 --amount 50000 >/dev/null 2>&1
"$FX" --db "$D3" funds add --date 2025-04-01 --expense --source 市级配套经费 --category 讲课费 --amount 800 >/dev/null 2>&1
"$FX" --db "$D3" funds budget 2025 --amount 50000 >/dev/null 2>&1
check "close-year 2025" "$FX" --db "$D3" close-year 2025
# Version 2 added the funds tables; version 3 (schema 8) the problems after them.
eq "…its digest is of version 3 (funds and problems included)" "v3:" "$(sql "$D3" 'SELECT substr(digest, 1, 3) FROM closed_year WHERE year = 2025')"
status 6 "funds add in 2025 is refused (exit 6)" "$FX" --db "$D3" funds add --date 2025-12-30 --expense \
    --source 市级配套经费 --category 讲课费 --amount 1
has "…saying the year is closed" "$(cat "$T/err")" "2025 年已经交账"
status 6 "funds void of a 2025 entry is refused (exit 6)" "$FX" --db "$D3" funds void 2 --reason 改错
status 6 "funds budget 2025 is refused (exit 6)" "$FX" --db "$D3" funds budget 2025 --amount 1
eq "…nothing changed" "2|0|5000000" "$(sql "$D3" "SELECT count(*) || '|' || sum(voided) || '|' || (SELECT amount FROM funds_budget) FROM funds_entry")"
for q in "UPDATE funds_entry SET amount = 1 WHERE id = 2" "UPDATE funds_entry SET date = '2026-01-01' WHERE id = 2" \
    "DELETE FROM funds_entry WHERE id = 2" \
    "INSERT INTO funds_entry (uuid, unit_id, date, direction, source, amount) VALUES ('x', 1, '2025-05-05', '支出', '党费', 5)" \
    "UPDATE funds_budget SET amount = 1" "DELETE FROM funds_budget" \
    "INSERT INTO funds_budget (year, source, amount) VALUES (2025, '党费', 5)"; do
    if sqlite3 "$D3" "$q" 2>"$T/sqlerr"; then not_ok "sqlite3 refuses: $q"; else has "sqlite3 refuses: $q" "$(cat "$T/sqlerr")" "year closed"; fi
done
check "verify passes (the digest holds)" "$FX" --db "$D3" verify
check "verify passes on the 37 entries" "$FX" --db "$DB" verify
sqlite3 "$DB" "INSERT INTO funds_entry (uuid, unit_id, date, direction, source, category, amount) VALUES ('no-audit', 1, '2026-05-05', '支出', '党费', '资料费', 5)"
status 1 "verify finds an entry written around the audit log" "$FX" --db "$DB" verify
has "…naming it" "$(cat "$T/out" "$T/err")" "没有新增审计记录"
check "2026 is still open" "$FX" --db "$D3" funds add --date 2026-01-02 --income --source 党费 --amount 10

# --- a ledger made by schema 4 is upgraded ---
D4="$T/v4.db"
if ! old_demo_ledger 4 "$D4" 2>"$T/old.err"; then
    echo "ok - # SKIP a demo ledger of schema 4: $(head -c 200 "$T/old.err" | tr '\n' ' ')"
else
    eq "a ledger of schema 4" "4" "$(sql "$D4" 'PRAGMA user_version')"
    sessions=$(sql "$D4" 'SELECT count(*) FROM session')
    check "funds add on it upgrades it" "$FX" --db "$D4" funds add --date 2026-02-01 --income --source 市级配套经费 --amount 1
    # Upgraded through 5 (funds) to this program's last schema, in one step with one copy.
    CUR=$(ls "$TOP/data/schema/" | sed -n 's/^0*\([0-9][0-9]*\)-.*\.sql$/\1/p' | sort -n | tail -1)
    eq "…to this program's schema (5 or later)" "$CUR" "$(sql "$D4" 'PRAGMA user_version')"
    eq "…keeping a copy of schema 4" "4" "$(sql "$(ls "$D4".before-v$CUR-* | head -1)" 'PRAGMA user_version')"
    eq "…and the funds tables" "1" "$(sql "$D4" "SELECT count(*) FROM sqlite_master WHERE name = 'funds_entry'")"
    eq "…every session kept" "$sessions" "$(sql "$D4" 'SELECT count(*) FROM session')"
    check "…and verify passes" "$FX" --db "$D4" verify
    check "…and closes 2025" "$FX" --db "$D4" close-year 2025 -o "$T/d4-2025.pdf"
    if sqlite3 "$D4" "INSERT INTO funds_entry (uuid, unit_id, date, direction, source, amount) VALUES ('y', 1, '2025-05-05', '支出', '党费', 5)" 2>/dev/null; then
        not_ok "the upgraded ledger locks 2025's funds"; else ok "the upgraded ledger locks 2025's funds"; fi
fi

# --- the star rating's 后勤保障 items are proved by the funds ledger ---
status 1 "check xingji-example 2026 on the 37 entries (other items not done: exit 1)" "$FX" --db "$DB" check xingji-example --period 2026 --format csv
has "经费列入预算: done (a budget was set for 2026)" "$(grep ',经费列入预算,' "$T/out")" ",经费列入预算,经费,完成,1,1,3,"
has "专款专用: done" "$(grep ',经费专款专用,' "$T/out")" ",经费专款专用,经费,完成,1,1,2,"
"$FX" --db "$D2" check xingji-example --period 2026 >"$T/out" 2>&1
has "no budget set in the other ledger: 经费列入预算 missing" "$(grep -A1 '经费列入预算' "$T/out")" "本年度没有设定预算"
has "…its 党费 餐费 has a reason: 专款专用 done" "$(grep -A1 '经费专款专用' "$T/out")" "不符合经费规则的支出 1 笔，均已写明原因"
sqlite3 "$D2" "UPDATE funds_entry SET rule_reason = '' WHERE voucher = '支-900'"
"$FX" --db "$D2" check xingji-example --period 2026 >"$T/out" 2>&1
has "an exception without a reason (written around the CLI): 专款专用 missing" "$(grep -A1 '经费专款专用' "$T/out")" "其中 1 笔没有写明原因"
has "…and the yearly report warns" "$("$FX" --db "$D2" report funds 2026 2>/dev/null)" "警告：有 1 笔支出不符合经费规则且没有写明原因"

# --- the month summary's one line on spending ---
has "report month 2026-06 notes the month's spending" "$("$FX" --db "$D2" report month 2026-06 2>/dev/null)" "本月经费支出 300.00 元"
case $("$FX" --db "$D2" report month 2026-07 2>/dev/null) in *本月经费支出*) not_ok "a month without spending has no such line" ;; *) ok "a month without spending has no such line" ;; esac

# --- export: every entry, voided ones marked, amounts as yuan numbers ---
"$FX" --db "$D2" export funds >"$T/funds-export.csv" 2>"$T/err"
eq "export funds lists every entry" "$(sql "$D2" 'SELECT count(*) FROM funds_entry')" "$(tr -d '\r' <"$T/funds-export.csv" | grep -c '^[0-9]')"
has "…0.10 as the number 0.1" "$(tr -d '\r' <"$T/funds-export.csv" | grep '^1,')" ",资料费,0.1,"
has "…the voided one marked" "$(cat "$T/funds-export.csv")" "作废：重复录入"

# --- merge: the townships' funds entries reach the county ledger with their audit records --------------
MA="$T/ma.db" MB="$T/mb.db" MC="$T/mc.db"
"$FX" --db "$MA" init --unit 东湖镇党校分校 >/dev/null 2>&1
"$FX" --db "$MB" init --unit 西塘镇党校分校 >/dev/null 2>&1
check "东湖: 讲课费 800" "$FX" --db "$MA" funds add --date 2026-03-02 --expense --source 市级配套经费 --category 讲课费 --amount 800
check "东湖: 餐费 120.50 from 党费, with its reason" "$FX" --db "$MA" funds add --date 2026-03-05 --expense --source 党费 \
    --category 餐费 --amount 120.50 --reason 集中培训工作餐
check "西塘: 资料费 300" "$FX" --db "$MB" funds add --date 2026-03-09 --expense --source 市级配套经费 --category 资料费 --amount 300
check "merge both into a county ledger" "$FX" merge "$MA" "$MB" -o "$MC" --unit 县委党校汇总
has "…counting the funds entries" "$(cat "$T/err")" "经费记录 新增 2"
eq "…all three entries, to the 分 (800 + 120.50 + 300)" "3|122050" "$(sql "$MC" 'SELECT count(*), sum(amount) FROM funds_entry')"
eq "…each under its township" "东湖镇党校分校|2 西塘镇党校分校|1" \
    "$(sql "$MC" 'SELECT u.name, count(*) FROM funds_entry f JOIN unit u ON u.id = f.unit_id GROUP BY u.name ORDER BY u.name' | tr '\n' ' ' | sed 's/ $//')"
eq "…the reason kept" "集中培训工作餐" "$(sql "$MC" "SELECT rule_reason FROM funds_entry WHERE category = '餐费'")"
check "the merged ledger passes verify (every entry has its audit record)" "$FX" --db "$MC" verify
check "merging again" "$FX" merge "$MA" "$MB" -o "$MC"
has "…changes nothing" "$(cat "$T/err")" "经费记录 新增 0 不变 2"
# A void made later in the township is taken, with its audit record (the clock moved on a second).
sql "$MA" "UPDATE funds_entry SET updated_at = '2026-01-01T00:00:00Z'" 2>/dev/null
sql "$MC" "UPDATE funds_entry SET updated_at = '2026-01-01T00:00:00Z'" 2>/dev/null
check "东湖 voids its 讲课费" "$FX" --db "$MA" funds void 1 --reason 重复登记
check "merge the void" "$FX" merge "$MA" -o "$MC"
has "…taken as an update" "$(cat "$T/err")" "更新 1"
eq "…voided in the county ledger with its reason" "1|重复登记" "$(sql "$MC" "SELECT voided, void_reason FROM funds_entry WHERE category = '讲课费'")"
check "…and verify still passes" "$FX" --db "$MC" verify
# An entry of a year the county has closed stays out, and is said.
check "the county closes 2025" "$FX" --db "$MC" close-year 2025 -o "$T/county-2025.pdf"
check "西塘 enters a 2025 expense late" "$FX" --db "$MB" funds add --date 2025-12-20 --expense --source 市级配套经费 \
    --category 交通费 --amount 50
check "merge after the close" "$FX" merge "$MB" -o "$MC"
has "…skips it as closed" "$(cat "$T/err")" "已交账跳过 1"
eq "…and the county ledger has no 2025 entry" "0" "$(sql "$MC" "SELECT count(*) FROM funds_entry WHERE date LIKE '2025%'")"
# The county report's 经费支出 column: each township's live expenses of the period, and their sum.
check "report county 2026-03 on the merged ledger" "$FX" --db "$MC" report county 2026-03 --format csv
cty=$(tr -d '\r' <"$T/out")
eq "…its last column is 经费支出（元）" "经费支出（元）" "$(echo "$cty" | grep '^分校,' | head -1 | awk -F, '{ print $NF }')"
eq "…东湖: 120.50 (its 800.00 was voided)" "120.50" "$(echo "$cty" | grep '^东湖镇党校分校,' | awk -F, '{ print $NF }')"
eq "…西塘: 300.00" "300.00" "$(echo "$cty" | grep '^西塘镇党校分校,' | awk -F, '{ print $NF }')"
eq "…合计 420.50" "420.50" "$(echo "$cty" | grep '^合计,' | awk -F, '{ print $NF }')"

# --- import: a bank or finance export, with the funds rules and all-or-nothing like every import -------------
I="$T/imp.db"
"$FX" --db "$I" init --unit 导入镇党校分校 >/dev/null 2>&1
printf '交易日期,摘要,经费来源,类别,支出金额,收入金额,对方户名,凭证号\n2026/04/01,市级配套经费拨付,市级配套经费,上级拨款,,50000,县委组织部,记-001\n2026-04-03,党课讲课费,市级配套经费,讲课费,600.00,,县委党校,记-002\n2026年4月8日,学习资料,党费,资料费,1234.5,,新华书店,记-003\n2026-04-09,培训工作餐,党费,餐费,300,,镇食堂,记-004\n' >"$T/bank.csv"
before=$(sha256sum "$I" | cut -d' ' -f1)
status 3 "a 党费 line for 餐费 without its reason refuses the file" "$FX" --db "$I" import funds "$T/bank.csv"
has "…naming the line" "$(cat "$T/err" "$T/out")" "第5行"
eq "…nothing written" "0" "$(sql "$I" 'SELECT count(*) FROM funds_entry')"
printf '交易日期,摘要,经费来源,类别,支出金额,收入金额,对方户名,凭证号,例外原因\n2026/04/01,市级配套经费拨付,市级配套经费,上级拨款,,50000,县委组织部,记-001,\n2026-04-03,党课讲课费,市级配套经费,讲课费,600.00,,县委党校,记-002,\n2026年4月8日,学习资料,党费,资料费,1234.5,,新华书店,记-003,\n2026-04-09,培训工作餐,党费,餐费,300,,镇食堂,记-004,县委安排的全天培训\n' >"$T/bank.csv"
check "with the line's 例外原因 the statement imports" "$FX" --db "$I" import funds "$T/bank.csv"
eq "…four entries: one income, three expenses, to the 分" "4|5000000|213450" \
    "$(sql "$I" "SELECT count(*), sum(CASE direction WHEN '收入' THEN amount END), sum(CASE direction WHEN '支出' THEN amount END) FROM funds_entry")"
eq "…dates in every form read" "2026-04-01 2026-04-03 2026-04-08 2026-04-09" "$(sql "$I" 'SELECT date FROM funds_entry ORDER BY date' | tr '\n' ' ' | sed 's/ $//')"
eq "…the reason kept" "县委安排的全天培训" "$(sql "$I" "SELECT rule_reason FROM funds_entry WHERE category = '餐费'")"
check "…and verify passes (each entry audited)" "$FX" --db "$I" verify
check "the same statement again" "$FX" --db "$I" import funds "$T/bank.csv"
eq "…adds nothing" "4" "$(sql "$I" 'SELECT count(*) FROM funds_entry')"
