#!/bin/sh
# funds.sh — the 经费 screen (issue 16): the month's entries, a new entry through the form (党费 for 餐费 refused at
# the field until a reason is given), the budget view with the over-budget warning, voiding with a reason.
. "$(dirname "$0")/lib.sh"

DB=$T/f.db
"$FX" --db "$DB" init --unit 城东街道党校分校 >/dev/null 2>&1 || { not_ok "init a ledger"; exit 1; }
TODAY=$FENXIAO_TODAY
Y=$(echo "$TODAY" | cut -c1-4)
M=$(echo "$TODAY" | cut -c1-7)
MLABEL=$Y年$(echo "$TODAY" | cut -c6-7 | sed 's/^0//')月
"$FX" --db "$DB" funds add --date "$M-01" --income --source 市级配套经费 --category 上级拨款 --amount 50,000.00 \
    --payee 区委组织部 >/dev/null 2>&1 || not_ok "add the income"
"$FX" --db "$DB" funds add --date "$M-02" --expense --source 市级配套经费 --category 讲课费 --amount 49,000.00 \
    --payee 讲师团 >/dev/null 2>&1 || not_ok "add an expense"
eq() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected [$2] got [$3]"; fi; }
count() { sqlite3 "$DB" "SELECT count(*) || '/' || sum(voided) FROM funds_entry"; }

start "$DB" 80 24
wait_for "本月概况" || not_ok "home screen came up"
expect "the tab bar has 7经费" "7经费"
keys 7
expect "digit 7 opens the month's funds" "◀ $MLABEL ▶"
expect "…with the month's income and expense" "收入 50,000.00 元 · 支出 49,000.00 元"
expect "…the entries listed, amounts as yuan" "49,000.00"
expect "…and the budget view (the default 5万)" "${Y}年预算（默认） 50,000.00 · 已用 49,000.00（98.0%）· 余额 1,000.00 元"

# ---- a new entry: 党费 may not pay 餐费 without a reason ----
keys n
expect "n opens the entry form" "记一笔经费收支"
keys Down Down Right
expect "the source cycles to 党费" "◀ 党费 ▶"
keys Down Right Right Right Right
expect "the category cycles to 餐费" "◀ 餐费 ▶"
keys Down
text 1,200.50
keys F2
expect "党费 for 餐费 is refused at the field" "党费不能支付餐费"
eq "…nothing written" "2/0" "$(count)"
text 区委批准的工作餐
keys F2
wait_gone "记一笔经费收支" || not_ok "the form closed after saving"
expect "saved: the entry is listed" "1,200.50"
expect "…with its reason (cut to its column)" "例外：区委批"
eq "…written once" "3/0" "$(count)"
eq "…with the reason" "区委批准的工作餐" "$(sqlite3 "$DB" "SELECT rule_reason FROM funds_entry WHERE amount = 120050")"

# ---- over the budget: the warning ----
keys n
wait_for "记一笔经费收支" || not_ok "the form opened again"
keys Down Down Down Down
text 1000.01
keys F2
wait_gone "记一笔经费收支" || not_ok "the second form closed after saving"
expect "the budget view warns when 市级配套经费 exceeds 50,000.00" "警告：市级配套经费支出 50,000.01 元，超出预算"

# ---- b sets the budget: the warning goes ----
keys b
expect "b opens the budget form" "设定 $Y 年预算"
text 60000
keys F2
wait_gone "设定 $Y 年预算" || not_ok "the budget form closed"
expect "the budget view shows the new budget" "${Y}年预算 60,000.00 · 已用 50,000.01"
if screen | grep -q "警告"; then not_ok "no warning under the new budget"; else ok "no warning under the new budget"; fi

# ---- void with a reason ----
keys End
keys d
expect "d asks before voiding" "作废经费记录"
keys y
expect "…then asks the reason" "作废原因"
text 录错金额
keys Enter
wait_gone "作废原因" || not_ok "the void form closed"
expect "the voided entry stays, marked" "作废：录错金额"
eq "…voided, not deleted" "4/1" "$(count)"
keys q
