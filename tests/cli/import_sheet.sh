#!/bin/sh
# import_sheet.sh — `fenxiao import` from .xlsx and .xls workbooks saved by a spreadsheet program (tests/data/sheets).
# The roster imports the same members as its GBK CSV; locked and damaged files write nothing.
. "$(dirname "$0")/lib.sh"
export FENXIAO_DATA_DIR="$TOP/data"
S="$TOP/tests/data/sheets"

members() { # DB: every member as the ledger keeps them
    sql "$1" "SELECT m.name, m.gender, b.name, m.phone, m.role, m.note, m.active FROM member m
        JOIN branch b ON b.id = m.branch_id ORDER BY m.name, m.phone"
}
ledger_sum() { # DB: the ledger's bytes, its write-ahead log included
    cat "$1" "$1-wal" 2>/dev/null | sha256sum | cut -d' ' -f1
}
fresh() { # DB
    rm -f "$1" "$1-wal" "$1-shm"
    "$FX" --db "$1" init --unit 城关镇分校 >/dev/null 2>&1 || not_ok "init $1"
}

# --- the must-show: roster.xlsx (a merged title row above the header, phones stored as
# numbers, one shown as 1.40E+10, 入党日期 stored as date serials, an empty row) against
# the same roster as WPS saves it in GBK CSV (the title kept, the dates as typed) ---
printf '城关镇党员花名册,,,,,,\r\n序号,姓名,性别,所在党支部,手机号码,入党日期,人员类别\r\n' >"$T/roster.txt"
printf '1,张三,男,第一党支部,13812345678,2019-07-01,党员\r\n2,李四,女,第一党支部,13987654321,2001-10-15,支部书记\r\n' >>"$T/roster.txt"
printf ',,,,,,\r\n3,王五,,城东社区党支部,,1998-02-28,\r\n4,赵　六,男,城东社区党支部,15800001111,1950-03-01,预备党员\r\n' >>"$T/roster.txt"
printf '5,钱七,女,第一党支部,13700000007,2024-02-29,党员\r\n' >>"$T/roster.txt"
iconv -f UTF-8 -t GB18030 "$T/roster.txt" >"$T/roster.csv"
# 入党日期 has no field of its own yet: --map puts it in 备注, so the date is compared too.
for kind in csv xlsx xls; do
    src=$S/roster.$kind
    [ $kind = csv ] && src=$T/roster.csv
    fresh "$T/$kind.db"
    check "import members from roster.$kind" "$FX" --db "$T/$kind.db" import members "$src" --create-branches \
        --map 入党日期=备注
    has "roster.$kind: five added, two branches" "$(cat "$T/err")" "新增 5，修改 0，不变 0，拒绝 0；新建党组织 2"
    [ $kind = csv ] && has "the CSV's encoding" "$(sed -n 1p "$T/err")" "文件编码：GB18030"
done
eq "five members from the CSV" 5 "$(sql "$T/csv.db" 'SELECT count(*) FROM member')"
eq "roster.xlsx: the same members as its GBK CSV" "$(members "$T/csv.db")" "$(members "$T/xlsx.db")"
eq "roster.xls: the same members as its GBK CSV" "$(members "$T/csv.db")" "$(members "$T/xls.db")"
eq "phones as digits (never 1.40E+10), dates as dates" "李四|13987654321|2001-10-15
王五||1998-02-28" "$(sql "$T/xlsx.db" "SELECT name, phone, note FROM member WHERE name IN ('李四', '王五') ORDER BY name")"
fresh "$T/x.db"
check "dry run of roster.xlsx" "$FX" --db "$T/x.db" import members "$S/roster.xlsx" --create-branches --dry-run
has "the sheet's format and name are said" "$(cat "$T/err")" "文件：Excel 工作簿（.xlsx），工作表“名册”"
has "lines are the sheet's rows (the title is row 1)" "$(cat "$T/out")" "第3行	新增	张三（第一党支部）"
has "after the empty row 5, row 6" "$(cat "$T/out")" "第6行	新增	王五（城东社区党支部）"
before=$(ledger_sum "$T/x.db")
check "dry run of roster.xls" "$FX" --db "$T/x.db" import members "$S/roster.xls" --create-branches --dry-run
has "xls dry run: says so" "$(cat "$T/err")" "试运行（未写入）"
eq "a dry run writes nothing" "$before" "$(ledger_sum "$T/x.db")"
eq "a dry run adds no member" 0 "$(sql "$T/x.db" 'SELECT count(*) FROM member')"

# The same people again, from the other format: nobody is added twice.
check "roster.xls into the ledger roster.xlsx filled" "$FX" --db "$T/xlsx.db" import members "$S/roster.xls" \
    --map 入党日期=备注
has "xls after xlsx: all unchanged" "$(cat "$T/err")" "新增 0，修改 0，不变 5，拒绝 0"
# Inline strings (as streaming writers such as Apache POI save them) read alike.
fresh "$T/inline.db"
check "roster-inline.xlsx" "$FX" --db "$T/inline.db" import members "$S/roster-inline.xlsx" --create-branches \
    --map 入党日期=备注
eq "inline strings: the same members" "$(members "$T/csv.db")" "$(members "$T/inline.db")"
# The content decides, not the name.
cp "$S/roster.xlsx" "$T/名册（导出）"
fresh "$T/noext.db"
check "a workbook without its extension" "$FX" --db "$T/noext.db" import members "$T/名册（导出）" --create-branches \
    --map 入党日期=备注
eq "without its extension: the same members" "$(members "$T/csv.db")" "$(members "$T/noext.db")"

# --- --sheet: a named sheet, by name or number ---
for kind in xlsx xls; do
    check "teachers from roster.$kind --sheet 教师" "$FX" --db "$T/$kind.db" import teachers "$S/roster.$kind" --sheet 教师
    has "--sheet 教师 ($kind) is said" "$(cat "$T/err")" "工作表“教师”"
    eq "teachers from the 教师 sheet ($kind)" "周老师|兼职|城关镇政府|
孙老师|专职|县委党校|13600000001" "$(sql "$T/$kind.db" 'SELECT name, employment, org, phone FROM teacher ORDER BY name')"
done
before=$(ledger_sum "$T/xlsx.db")
status 3 "--sheet that is not there" "$FX" --db "$T/xlsx.db" import teachers "$S/roster.xlsx" --sheet 党员
has "the sheets are listed" "$(cat "$T/err")" "没有名为“党员”的工作表（有：名册、教师、签到）"
eq "no such sheet: nothing written" "$before" "$(ledger_sum "$T/xlsx.db")"
status 2 "--sheet with a CSV file" "$FX" --db "$T/csv.db" import members "$T/roster.csv" --sheet 名册
has "--sheet with CSV: said why" "$(cat "$T/err")" "--sheet 只用于 Excel 工作簿"
status 2 "--sheet without a value" "$FX" --db "$T/csv.db" import members "$S/roster.xlsx" --sheet

# A roll call on the third sheet, its dates stored as serials (one shown as 2026年11月5日).
check "a session to call the roll of" "$FX" --db "$T/xlsx.db" session add --date 2026-11-05 --title 党章学习 \
    --category 党章党规党纪教育 --format 专题党课 --hours 2 --expected 2
check "attendance from --sheet 3" "$FX" --db "$T/xlsx.db" import attendance "$S/roster.xlsx" --sheet 3
has "two roll-call lines" "$(cat "$T/err")" "新增 2，修改 0，不变 0，拒绝 0"
eq "the roll call as the sheet says" "张三|1|
李四|2|外出" "$(sql "$T/xlsx.db" "SELECT m.name, a.status, a.reason FROM attendance a JOIN member m ON m.id = a.member_id
    ORDER BY m.name")"

# --- refused: nothing read, nothing written, a Chinese message, exit 3 ---
A="$T/a.db"
fresh "$A"
check "a roster to protect" "$FX" --db "$A" import members "$S/roster.xlsx" --create-branches
before=$(ledger_sum "$A")
for f in roster-password.xlsx roster-password.xls; do
    status 3 "$f refused" "$FX" --db "$A" import members "$S/$f"
    has "$f: the password is named" "$(cat "$T/err")" "设置了打开密码"
    has "$f: what to do" "$(cat "$T/err")" "取消密码后另存"
    eq "$f: the ledger unchanged" "$before" "$(ledger_sum "$A")"
done
head -c 3000 "$S/roster.xlsx" >"$T/cut.xlsx"
head -c 3000 "$S/roster.xls" >"$T/cut.xls"
for f in cut.xlsx cut.xls; do
    status 3 "a damaged $f refused" "$FX" --db "$A" import members "$T/$f"
    has "$f: said to be damaged" "$(cat "$T/err")" "文件已损坏"
    eq "$f: the ledger unchanged" "$before" "$(ledger_sum "$A")"
done
# freexl (1.0.6) reads past a buffer on this file, found by tests/fuzz/fuzz_sheetin.c: it runs
# in a child process, so the file is refused and fenxiao goes on.
status 3 "an .xls that makes freexl fault refused" "$FX" --db "$A" import members "$S/freexl-fault.xls"
has "freexl-fault.xls: said to be damaged" "$(cat "$T/err")" "文件已损坏"
printf '姓名,所在党支部\n周九,第一党支部\n' >"$T/renamed.xlsx"
status 3 "a text file named .xlsx refused" "$FX" --db "$A" import members "$T/renamed.xlsx"
has "renamed: said what it is not" "$(cat "$T/err")" "不是 Excel 工作簿"
status 3 "an OpenDocument spreadsheet refused" "$FX" --db "$A" import members "$S/roster.ods"
has ".ods: said what to do" "$(cat "$T/err")" "另存为 .xlsx"
eq "refusals: the ledger unchanged" "$before" "$(ledger_sum "$A")"
check "verify passes" "$FX" --db "$A" verify

# --- the documents say so ---
"$FX" --help >"$T/help" 2>&1
has "--help: import takes .xlsx/.xls and --sheet" "$(grep '^ *import' "$T/help")" "--sheet"
for page in fenxiao.1 zh_CN/fenxiao.1; do
    grep '^\.BR import ' "$TOP/man/$page" | grep -qF '\-\-sheet' && ok "man/$page: import takes --sheet" ||
        not_ok "man/$page: import takes --sheet"
done
