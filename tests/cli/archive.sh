#!/bin/sh
# archive.sh — 立卷归档 (issue 17): attachments copied into archive/ beside the ledger under their SHA-256, with
# the original name and size; verify names a file altered or gone (exit 1); backup carries the files beside the
# backup and restore into an empty folder brings them back byte for byte; the closed year's lock.
. "$(dirname "$0")/lib.sh"
export FENXIAO_DATA_DIR="${FENXIAO_DATA_DIR:-${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/data}"
mkdir -m 700 "$T/town"
DB=$T/town/ledger.db
F() { "$FX" --db "$DB" "$@"; }

check "init" F init --unit 测试镇党校分校
check "a session in March" F session add --date 2026-03-10 --title 三月党课 --category 政治理论教育 --format 专题党课 --hours 2
check "a session in 2025" F session add --date 2025-06-10 --title 去年党课 --category 政治理论教育 --format 专题党课 --hours 2
check "a funds entry" F funds add --date 2026-03-11 --expense --source 市级配套经费 --category 资料费 --amount 120.00
printf '签到表：张三 李四 王五\n' >"$T/签到表 三月.txt"
head -c 300000 /dev/urandom >"$T/课件.pdf"
printf '发票\n' >"$T/发票.jpg"
SHA1=$(sha256sum "$T/签到表 三月.txt" | cut -c1-64)
SHA2=$(sha256sum "$T/课件.pdf" | cut -c1-64)

check "attach the sign-in sheet to session 1" F attach session 1 "$T/签到表 三月.txt"
eq "…prints the attachment's number" "1" "$(cat "$T/out")"
has "…and says where it went" "$(cat "$T/err")" "已归档：附件 1《签到表 三月.txt》"
check "attach the courseware (300,000 bytes) to session 1" F attach session 1 "$T/课件.pdf"
check "attach the voucher to funds entry 1" F attach funds 1 "$T/发票.jpg"
eq "the file is in archive/ under its SHA-256, byte for byte" "same" \
    "$(cmp -s "$T/签到表 三月.txt" "$T/town/archive/$SHA1" && echo same)"
eq "…read-only" "-r--------" "$(ls -l "$T/town/archive/$SHA2" | cut -c1-10)"
eq "the ledger keeps the hash, the original name and the size" \
    "session|$SHA1|签到表 三月.txt|33 session|$SHA2|课件.pdf|300000" \
    "$(sql "$DB" "SELECT entity || '|' || sha256 || '|' || name || '|' || size FROM attachment WHERE entity = 'session' ORDER BY id" | paste -sd' ')"
eq "…the link by the session's uuid, so merge and export carry it" "1" \
    "$(sql "$DB" "SELECT count(*) FROM attachment a JOIN session s ON s.uuid = a.entity_uuid WHERE s.id = 1 AND a.id = 1")"
eq "each attachment has its audit record" "3" "$(sql "$DB" "SELECT count(*) FROM audit WHERE entity = 'attachment' AND action = 'insert'")"
check "attach list session 1" F attach list session 1
eq "…lists its two attachments" "2" "$(grep -c "^[0-9]" "$T/out")"
has "…with the original name" "$(cat "$T/out")" "签到表 三月.txt"

status 3 "the same file on the same session again is refused (exit 3)" F attach session 1 "$T/签到表 三月.txt"
eq "…and recorded once" "1" "$(sql "$DB" "SELECT count(*) FROM attachment WHERE sha256 = '$SHA1'")"
status 3 "a session that does not exist (exit 3)" F attach session 99 "$T/发票.jpg"
has "…says so" "$(cat "$T/err")" "没有编号为 99 的培训记录"
status 3 "a folder is not an attachment (exit 3)" F attach session 1 "$T"
status 2 "an unknown kind of record is a usage error (exit 2)" F attach member 1 "$T/发票.jpg"
status 3 "a missing file (exit 3)" F attach session 1 "$T/没有这个文件.jpg"

check "verify passes with the files intact" F verify

# Altered on disk after saving: verify names it and exits 1.
chmod u+w "$T/town/archive/$SHA1"
printf '张三 代签\n' >>"$T/town/archive/$SHA1"
status 1 "verify finds the altered attachment (exit 1)" F verify
has "…naming it" "$(cat "$T/out")" "附件 1《签到表 三月.txt》已被改动"
cp "$T/签到表 三月.txt" "$T/town/archive/$SHA1"
check "…and passes again once the file is put back" F verify
mv "$T/town/archive/$SHA2" "$T/课件.moved"
status 1 "a file gone from archive/ fails verify (exit 1)" F verify
has "…naming it" "$(cat "$T/out")" "附件 2《课件.pdf》的文件不见了"
mv "$T/课件.moved" "$T/town/archive/$SHA2"

# Backup, then restore into an empty folder: the attachments come back byte for byte.
mkdir -m 700 "$T/backups" "$T/empty"
check "backup -o" F backup -o "$T/backups/b.db"
has "…copies the attachments beside the backup" "$(cat "$T/err")" "附件 3 个已复制到：$T/backups/b.db.archive"
check "restore into an empty folder" "$FX" --db "$T/empty/ledger.db" restore "$T/backups/b.db"
has "…brings the attachments back" "$(cat "$T/err")" "恢复附件 3 个"
for f in "签到表 三月.txt" 课件.pdf 发票.jpg; do
    sha=$(sha256sum "$T/$f" | cut -c1-64)
    eq "…$f byte for byte" "same" "$(cmp -s "$T/$f" "$T/empty/archive/$sha" && echo same)"
done
check "…and the restored ledger passes verify" "$FX" --db "$T/empty/ledger.db" verify
# A backup whose copy of a file is not what its name says does not bring that file back.
mkdir -m 700 "$T/empty2"
chmod u+w "$T/backups/b.db.archive/$SHA1"
printf 'x' >>"$T/backups/b.db.archive/$SHA1"
check "restore from a backup with one tampered file" "$FX" --db "$T/empty2/ledger.db" restore "$T/backups/b.db"
eq "…the tampered file is not restored" "absent" "$([ -e "$T/empty2/archive/$SHA1" ] || echo absent)"
status 1 "…and verify names it" "$FX" --db "$T/empty2/ledger.db" verify
has "…as gone" "$(cat "$T/out")" "附件 1《签到表 三月.txt》的文件不见了"

# 卷号 and the 归档目录.
check "a February session" F session add --date 2026-02-05 --title 二月党课 --category 政治理论教育 --format 专题党课 --hours 2
check "…with a photo" F attach session 3 "$T/发票.jpg"
check "attach number 2026" F attach number 2026
has "…numbers three records" "$(cat "$T/err")" "2026 年 3 条记录"
eq "卷号 by kind and date: February's session 001, March's 002 (both its files), the funds entry 经费-001" \
    "2026-培训-001|二月党课 2026-培训-002|三月党课 2026-培训-002|三月党课 2026-经费-001|" \
    "$(sql "$DB" "SELECT a.volume || '|' || ifnull(s.title, '') FROM attachment a LEFT JOIN session s ON s.uuid = a.entity_uuid WHERE a.year = 2026 ORDER BY a.volume, a.id" | paste -sd' ')"
check "a January session attached later…" F session add --date 2026-01-05 --title 一月党课 --category 政治理论教育 --format 专题党课 --hours 2
check "…with its sign-in sheet" F attach session 4 "$T/签到表 三月.txt"
check "attach number 2026 again" F attach number 2026
eq "…gives it the next number and changes none already given" "2026-培训-001 2026-培训-002 2026-培训-003" \
    "$(sql "$DB" "SELECT DISTINCT volume FROM attachment WHERE entity = 'session' AND year = 2026 ORDER BY volume" | paste -sd' ')"
eq "…and the January session is 003" "2026-培训-003" \
    "$(sql "$DB" "SELECT volume FROM attachment a JOIN session s ON s.uuid = a.entity_uuid WHERE s.title = '一月党课'")"
eq "numbering is audited" "5" "$(sql "$DB" "SELECT count(*) FROM audit WHERE entity = 'attachment' AND action = 'number'")"
check "report archive 2026 (CSV)" F report archive 2026 --format csv
tr -d '\r' <"$T/out" | grep '^2026-' >"$T/cat"
eq "the 归档目录: one line per record, its 卷号, date, what it is and its files" \
    "2026-培训-001,培训,2026-02-05,二月党课,发票.jpg,1
2026-培训-002,培训,2026-03-10,三月党课,签到表 三月.txt；课件.pdf,2
2026-培训-003,培训,2026-01-05,一月党课,签到表 三月.txt,1
2026-经费-001,经费,2026-03-11,支出 资料费 120.00 元,发票.jpg,1" "$(cat "$T/cat")"
has "…with the count of files" "$(tr -d '\r' <"$T/out")" "附件,5,件"

# The closed year: an attachment of 2025 is read-only once 2025 is handed in.
check "attach to the 2025 session" F attach session 2 "$T/发票.jpg"
check "close-year 2025" F close-year 2025
status 6 "attaching to a closed year's session is refused (exit 6)" F attach session 2 "$T/课件.pdf"
if sqlite3 "$DB" "DELETE FROM attachment WHERE year = 2025" 2>/dev/null; then
    not_ok "the sqlite3 shell cannot delete a closed year's attachment"
else
    ok "the sqlite3 shell cannot delete a closed year's attachment"
fi
check "verify still passes" F verify
# A plan item's attachment: the 归档目录 names it by its month and title.
printf '%s\n' '月份,标题,内容类别,类型,学时,参训对象,负责人' '4,四月专题党课,政治理论教育,培训班,2,全体党员,王书记' >"$T/plan.csv"
check "import a one-item plan" F plan import "$T/plan.csv" --year 2026
PLAN=$(sql "$DB" "SELECT id FROM plan_item WHERE title = '四月专题党课'")
check "attach the plan's notice to the plan item" F attach plan "$PLAN" "$T/发票.jpg"
check "attach number 2026" F attach number 2026
check "report archive 2026" F report archive 2026 --format csv
eq "…the plan item is 2026-计划-001, dated by its month" "2026-计划-001,计划,2026-04,四月专题党课,发票.jpg,1" \
    "$(tr -d '\r' <"$T/out" | grep '^2026-计划')"
