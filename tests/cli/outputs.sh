#!/bin/sh
# outputs.sh — no output path can be the ledger: report/export/backup -o refuse the ledger, its
# journal, lock, backups and any database; existing files need --force; demo never replaces a real ledger.
. "$(dirname "$0")/lib.sh"

DB="$T/l.db"
"$FX" --db "$DB" demo >/dev/null 2>&1 || not_ok "demo ledger made"
sum() { sha256sum "$1" | cut -d' ' -f1; }
before=$(sum "$DB")

# --- the ledger itself, in every format, and its siblings ---
for f in text csv xlsx pdf; do
    "$FX" --db "$DB" report year 2026 --format "$f" -o "$DB" >"$T/out" 2>"$T/err"
    rc=$?
    [ "$rc" -eq 2 ] || [ "$rc" -eq 3 ] && ok "report --format $f -o LEDGER is refused ($rc)" \
        || not_ok "report --format $f -o LEDGER is refused" "exit $rc"
    "$FX" --db "$DB" report month 2026-11 --format "$f" -o "$DB" --force >/dev/null 2>&1
    rc=$?
    [ "$rc" -eq 2 ] || [ "$rc" -eq 3 ] && ok "report month --format $f -o LEDGER --force is refused too" \
        || not_ok "report month --format $f -o LEDGER --force is refused" "exit $rc"
done
has "the refusal says what the file is" "$(cat "$T/err")" "账本"
for side in -wal -shm .lock -journal; do
    status 2 "export -o LEDGER$side is refused" "$FX" --db "$DB" export members -o "$DB$side" --force
done
status 2 "report -o LEDGER-wal is refused" "$FX" --db "$DB" report year 2026 --format csv -o "$DB-wal"
eq "the ledger is byte for byte as it was" "$before" "$(sum "$DB")"
[ ! -e "$DB-journal" ] && ok "no journal file was made" || not_ok "no journal file was made"

# --- the same file under other names: a hard link, a relative path, a symlink ---
ln "$DB" "$T/hard.db"
status 2 "a hard link to the ledger is refused" "$FX" --db "$DB" report year 2026 --format pdf -o "$T/hard.db" --force
(cd "$T" && "$FX" --db l.db report year 2026 --format csv -o ./l.db --force >/dev/null 2>&1)
eq "a relative name of the ledger is refused" "2" "$?"
ln -s "$DB" "$T/link.pdf"
status 2 "a symlink to the ledger is refused even with --force" "$FX" --db "$DB" report year 2026 --format pdf -o "$T/link.pdf" --force
eq "the ledger is still byte for byte as it was" "$before" "$(sum "$DB")"

# --- backups and other databases are never outputs ---
mkdir -p "$T/backups"
status 2 "a file in the backup folder is refused" "$FX" --db "$DB" report year 2026 --format csv -o "$T/backups/r.csv"
sqlite3 "$T/other.db" "create table t(x); insert into t values (1);"
o=$(sum "$T/other.db")
status 2 "another SQLite database is never overwritten" "$FX" --db "$DB" export members -o "$T/other.db" --force
status 2 "backup -o onto the ledger is refused" "$FX" --db "$DB" backup -o "$DB"
status 2 "backup -o onto another database is refused" "$FX" --db "$DB" backup -o "$T/other.db"
eq "the other database is untouched" "$o" "$(sum "$T/other.db")"

# --- ordinary files: new, existing, non-regular ---
status 0 "a new PDF is written" "$FX" --db "$DB" report month 2026-11 --format pdf -o "$T/m.pdf"
eq "the PDF is 0600" "600" "$(stat -c %a "$T/m.pdf")"
m=$(sum "$T/m.pdf")
status 2 "an existing file is refused without --force" "$FX" --db "$DB" report month 2026-10 --format pdf -o "$T/m.pdf"
has "the refusal names --force" "$(cat "$T/err")" "--force"
eq "the existing file is unchanged" "$m" "$(sum "$T/m.pdf")"
status 0 "--force replaces it" "$FX" --db "$DB" report month 2026-10 --format pdf -o "$T/m.pdf" --force
[ "$m" != "$(sum "$T/m.pdf")" ] && ok "the file now holds the new report" || not_ok "the file now holds the new report"
printf 'keep me\n' >"$T/e.csv"
status 2 "export onto an existing file is refused without --force" "$FX" --db "$DB" export members -o "$T/e.csv"
eq "the existing export target is unchanged" "keep me" "$(cat "$T/e.csv")"
status 0 "export --force replaces it" "$FX" --db "$DB" export members -o "$T/e.csv" --force
mkfifo "$T/fifo"
status 2 "a FIFO is refused" "$FX" --db "$DB" report month 2026-11 --format csv -o "$T/fifo" --force
status 2 "a device is refused" "$FX" --db "$DB" export members -o /dev/null --force
status 2 "a folder is refused" "$FX" --db "$DB" report month 2026-11 --format csv -o "$T" --force
status 0 "-o - writes to stdout" "$FX" --db "$DB" report month 2026-11 --format csv -o -
has "stdout holds the report" "$(cat "$T/out")" "期数"
left=$(find "$T" -name '.*.tmp-*' | wc -l)
eq "no temporary file is left behind" "0" "$left"

# --- demo never replaces a real ledger without keeping it ---
R="$T/real.db"
"$FX" --db "$R" init --unit 真实分校 2>/dev/null
printf '党组织名称\n第一党支部\n' >"$T/b.csv"
printf '姓名,所在党支部,手机号码\n张三,第一党支部,13800000001\n李四,第一党支部,13800000002\n王五,第一党支部,13800000003\n' >"$T/m.csv"
"$FX" --db "$R" import branches "$T/b.csv" >/dev/null 2>&1
"$FX" --db "$R" import members "$T/m.csv" >/dev/null 2>&1
eq "the roster is imported" "3" "$(sql "$R" 'select count(*) from member')"
status 3 "demo without --force refuses an existing ledger" "$FX" --db "$R" demo
eq "the refused demo left the roster" "3" "$(sql "$R" 'select count(*) from member')"
status 0 "demo --force replaces it" "$FX" --db "$R" demo --force
kept=$(sed -n 's/^原来的账本已保留为：//p' "$T/err")
[ -n "$kept" ] && [ -f "$kept" ] && ok "demo --force names the kept copy" || not_ok "demo --force names the kept copy" "$(cat "$T/err")"
eq "the kept copy holds the roster" "3" "$(sql "$kept" "select count(*) from member")"
status 0 "restore the kept copy" "$FX" --db "$R" restore "$kept"
eq "restoring brings back every member" "张三 李四 王五" "$(sql "$R" "select group_concat(name, ' ') from (select name from member order by id)")"
status 0 "demo --force over an untouched demo" "$FX" --db "$DB" demo --force
case $(cat "$T/err") in *已保留*) not_ok "an untouched demo is replaced without a copy" ;; *) ok "an untouched demo is replaced without a copy" ;; esac

# --- demo with no ledger named writes its own file, beside the real one ---
status 0 "demo with no --db" env -u FENXIAO_DB "$FX" demo
[ -f "$XDG_DATA_HOME/fenxiao/demo.db" ] && ok "the demo went to its own file" || not_ok "the demo went to its own file"
[ ! -e "$XDG_DATA_HOME/fenxiao/ledger.db" ] && ok "the default ledger was not touched" || not_ok "the default ledger was not touched"
has "demo says how to open it" "$(cat "$T/err")" "demo.db"

# --- a full disk: the old file stays byte for byte (needs root for a private tmpfs) ---
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 && unshare -m true 2>/dev/null; then
    unshare -m sh "$(dirname "$0")/outputs_fulldisk.inc" "$T" "$DB"
else
    echo "ok - # SKIP full-disk output test: needs root and unshare -m"
fi

# Without --format, -o's extension names the format: 月报.pdf is a PDF, .xlsx a workbook, .csv CSV; anything else text.
check "report -o NAME.pdf without --format" "$FX" --db "$DB" report month 2024-03 -o "$T/ext.pdf"
eq "…writes a PDF" "%PDF" "$(head -c 4 "$T/ext.pdf")"
check "report -o NAME.xlsx without --format" "$FX" --db "$DB" report month 2024-03 -o "$T/ext.xlsx"
eq "…writes a workbook (a zip)" "PK" "$(head -c 2 "$T/ext.xlsx")"
check "report -o NAME.CSV without --format" "$FX" --db "$DB" report month 2024-03 -o "$T/ext.CSV"
has "…writes CSV" "$(head -3 "$T/ext.CSV")" ","
check "report -o NAME.txt" "$FX" --db "$DB" report month 2024-03 -o "$T/ext.txt"
has "…writes text" "$(cat "$T/ext.txt")" "===="
check "--format text wins over the name" "$FX" --db "$DB" report month 2024-03 --format text -o "$T/ext2.pdf"
has "…text under a .pdf name, as asked" "$(cat "$T/ext2.pdf")" "===="
