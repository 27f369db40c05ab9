#!/bin/sh
# ledger_file.sh — the files given as ledgers (issue 21): foreign and crafted files are never changed or trusted,
# the closed year holds against direct SQL, the writer lock, merge and its audit, exit codes and leftovers.
. "$(dirname "$0")/lib.sh"

sum() { sha256sum "$1" | cut -c1-64; }
# What is in a folder, names and sizes: "no file appears beside it" means this stays the same.
listing() { (cd "$1" && ls -lA --time-style=+ | awk 'NR > 1 {print $5, $NF}'); }
# The limit for "within 2 s": the program's own bound, doubled under valgrind (make check-valgrind).
LIMIT=2
[ -n "${FX_REAL:-}" ] && LIMIT=8
cat_clean() { head -c 400 "$1" | tr '\n' ' '; }

# A real ledger with a closed-year-worthy history: two years, marks, an order.
DB="$T/ledger.db"
"$FX" --db "$DB" init --unit 账本文件测试分校 2>/dev/null
sql "$DB" "INSERT INTO branch (uuid, unit_id, name) VALUES ('b1', 1, '一支部'), ('b2', 1, '二支部');
INSERT INTO member (uuid, branch_id, name) VALUES ('m1', 1, '张三'), ('m2', 1, '李四'), ('m3', 2, '王五');
INSERT INTO course (uuid, unit_id, title, category, format) VALUES ('c1', 1, '党章学习', '政治理论教育', '集中培训');"
add() { "$FX" --db "$DB" session add --category 政治理论教育 --format 集中培训 --hours 2 "$@" >/dev/null 2>&1; }
add --date 2025-03-01 --title 二五年课 --attendees 张三,李四
add --date 2025-06-01 --title 二五年课二 --attendees 王五
add --date 2026-03-01 --title 二六年课 --attendees 张三
"$FX" --db "$DB" mark 八个一 1 --period 2025 --note 群 >/dev/null 2>&1
"$FX" --db "$DB" mark 八个一 1 --period 2026 --note 群 >/dev/null 2>&1
sql "$DB" "INSERT INTO course_order (uuid, course_id, branch_id, session_id) VALUES ('o1', 1, 1, 1), ('o2', 1, 2, 3);
INSERT OR IGNORE INTO session_branch (session_id, branch_id) VALUES (1, 1), (3, 1);"

# --- a foreign SQLite file and a 0-byte file, given to each command ---
mkdir -p "$T/files"
printf '姓名,所在党支部\n赵六,一支部\n' >"$T/files/m.csv"
foreign() { # DIR KIND: make the file
    mkdir -p "$1"
    case $2 in
    sqlite) sqlite3 "$1/f.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1);" ;;
    empty) : >"$1/f.db" ;;
    uv0) sqlite3 "$1/f.db" "CREATE TABLE t (x); PRAGMA application_id = $((0x66786c67));" ;;
    esac
}
for kind in sqlite empty uv0; do
    n=0
    while IFS='|' read -r what args; do
        n=$((n + 1))
        d="$T/foreign-$kind-$n"
        foreign "$d" "$kind"
        before=$(sum "$d/f.db")
        list=$(listing "$d")
        # shellcheck disable=SC2086
        eval "set -- $args"
        "$FX" --db "$d/f.db" "$@" >"$T/o" 2>"$T/e" </dev/null
        rc=$?
        [ "$rc" -eq 3 ] && ok "$kind file: $what exits 3" || not_ok "$kind file: $what exits 3" "exit $rc $(cat_clean "$T/e")"
        eq "$kind file: $what keeps its sha256" "$before" "$(sum "$d/f.db")"
        eq "$kind file: $what leaves nothing beside it" "$list" "$(listing "$d")"
    done <<'EOF'
session list|session list
session add|session add --date 2026-01-05 --title 课 --category 政治理论教育 --format 集中培训 --hours 1
session void|session void 1 --reason 错
import --dry-run|import members "$T/files/m.csv" --dry-run
import|import members "$T/files/m.csv"
export|export members -o "$T/files/x-$kind-$n.csv"
report year|report year 2026
report month csv|report month 2026-11 --format csv
check|check
mark|mark 八个一 1 --period 2026
close-year|close-year 2025
backup -o|backup -o "$T/files/b-$kind-$n.db"
verify|verify
merge --summary|merge --summary 2026
EOF
    # The file as an input: of merge, of restore; and init and demo never take it over.
    d="$T/foreign-$kind-in"
    foreign "$d" "$kind"
    before=$(sum "$d/f.db")
    list=$(listing "$d")
    status 3 "$kind file: merge refuses it as an input" "$FX" merge "$d/f.db" -o "$T/files/county-$kind.db"
    [ ! -e "$T/files/county-$kind.db" ] && ok "$kind file: the failed merge left no county ledger" \
        || not_ok "$kind file: the failed merge left no county ledger"
    cp "$DB" "$T/files/r-$kind.db"
    r=$(sum "$T/files/r-$kind.db")
    status 3 "$kind file: restore refuses it" "$FX" --db "$T/files/r-$kind.db" restore "$d/f.db"
    eq "$kind file: the ledger restore would replace is unchanged" "$r" "$(sum "$T/files/r-$kind.db")"
    status 3 "$kind file: init never overwrites it" "$FX" --db "$d/f.db" init
    status 3 "$kind file: demo --force does not take it over" "$FX" --db "$d/f.db" demo --force
    eq "$kind file: as an input it keeps its sha256" "$before" "$(sum "$d/f.db")"
    eq "$kind file: as an input nothing appears beside it" "$list" "$(listing "$d")"
done
has "a 0-byte file is named as such" "$("$FX" --db "$T/foreign-empty-1/f.db" session list 2>&1)" "空文件"
has "user_version 0 is not a ledger, not an internal error" "$("$FX" --db "$T/foreign-uv0-1/f.db" session list 2>&1)" \
    "不是 fenxiao 账本"

# --- a crafted ledger: a view with an endless recursive CTE in the place of a table ---
EVIL="$T/evil/evil.db"
mkdir -p "$T/evil"
cp "$DB" "$EVIL"
sqlite3 "$EVIL" "DROP TABLE session; CREATE VIEW session AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
SELECT n AS id, 'u' || n AS uuid, 1 AS unit_id, '2026-01-01' AS date, '' AS start_time, '' AS end_time, 't' AS title,
'c' AS category, 'f' AS format, 'k' AS kind, NULL AS course_id, NULL AS teacher_id, NULL AS venue_id, 1.0 AS hours,
0 AS expected, 0 AS present, '' AS note, '' AS recorder, 0 AS voided, '' AS void_reason, '' AS created_at,
'' AS updated_at FROM r;"
evil_sum=$(sum "$EVIL")
evil_list=$(listing "$T/evil")
refused_fast() { # NAME CMD…: exit 3 within the limit, the view named
    name=$1
    shift
    start=$(date +%s%N)
    timeout "$((LIMIT + 1))" "$@" >"$T/o" 2>"$T/e"
    rc=$?
    ms=$((($(date +%s%N) - start) / 1000000))
    [ "$rc" -eq 3 ] && ok "$name is refused (exit 3)" || not_ok "$name is refused (exit 3)" "exit $rc $(cat_clean "$T/e")"
    [ "$ms" -lt $((LIMIT * 1000)) ] && ok "$name: within $LIMIT s ($ms ms)" || not_ok "$name: within $LIMIT s" "$ms ms"
    has "$name names the view" "$(cat "$T/e")" "视图 session"
}
refused_fast "--db (session list)" "$FX" --db "$EVIL" session list
refused_fast "--db (session add)" "$FX" --db "$EVIL" session add --date 2026-01-05 --title 课 --category 政治理论教育 \
    --format 集中培训 --hours 1
refused_fast "--db (report)" "$FX" --db "$EVIL" report year 2026
refused_fast "verify" "$FX" --db "$EVIL" verify
refused_fast "merge" "$FX" merge "$EVIL" -o "$T/files/county-evil.db"
cp "$DB" "$T/files/r-evil.db"
r=$(sum "$T/files/r-evil.db")
refused_fast "restore" "$FX" --db "$T/files/r-evil.db" restore "$EVIL"
eq "the refused restore left the ledger as it was" "$r" "$(sum "$T/files/r-evil.db")"
eq "the crafted ledger keeps its sha256" "$evil_sum" "$(sum "$EVIL")"
eq "nothing appears beside the crafted ledger" "$evil_list" "$(listing "$T/evil")"
# An extra view and an extra trigger, next to an intact schema.
cp "$DB" "$T/evil/extra.db"
sqlite3 "$T/evil/extra.db" "CREATE VIEW fx_loop AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r;"
status 3 "an extra view is refused" "$FX" --db "$T/evil/extra.db" session list
has "…and named" "$(cat "$T/err")" "多出的视图 fx_loop"

# --- a backup with an extra trigger is refused by restore ---
"$FX" --db "$DB" backup -o "$T/files/bk.db" 2>/dev/null
sqlite3 "$T/files/bk.db" "CREATE TRIGGER fx_reopen AFTER INSERT ON session BEGIN DELETE FROM mark; END;"
before=$(sum "$DB")
status 3 "restore refuses a backup with an extra trigger" "$FX" --db "$DB" restore "$T/files/bk.db"
has "…naming the trigger" "$(cat "$T/err")" "多出的触发器 fx_reopen"
eq "…and the ledger is unchanged" "$before" "$(sum "$DB")"
ls "$DB".replaced-* >/dev/null 2>&1 && not_ok "no copy was kept for a refused restore" || ok "no copy was kept for a refused restore"

# --- the closed year, against direct SQL in the sqlite3 shell ---
check "close-year 2025" "$FX" --db "$DB" close-year 2025
has "the digest of 2025 is stored" "$(sql "$DB" 'SELECT digest FROM closed_year WHERE year = 2025')" "v3:"
check "verify passes after the close" "$FX" --db "$DB" verify
dump() { sqlite3 "$DB" .dump | sha256sum | cut -c1-64; }
s25=$(sql "$DB" "SELECT min(id) FROM session WHERE date LIKE '2025%'")
s26=$(sql "$DB" "SELECT min(id) FROM session WHERE date LIKE '2026%'")
m25=$(sql "$DB" "SELECT id FROM mark WHERE period = '2025'")
m26=$(sql "$DB" "SELECT id FROM mark WHERE period = '2026'")
before=$(dump)
while IFS='|' read -r what stmt; do
    if sqlite3 "$DB" "$stmt" >/dev/null 2>"$T/e"; then
        not_ok "sqlite3 cannot: $what"
    else
        has "sqlite3 cannot: $what" "$(cat "$T/e")" "fenxiao: "
    fi
done <<EOF
reopen the year (UPDATE closed_year SET year)|UPDATE closed_year SET year = 1999 WHERE year = 2025
change its digest|UPDATE closed_year SET digest = 'x' WHERE year = 2025
delete the close|DELETE FROM closed_year WHERE year = 2025
insert a session|INSERT INTO session (uuid, unit_id, date, title, category, format, hours) VALUES ('sx', 1, '2025-07-01', 'x', 'c', 'f', 1)
update a session|UPDATE session SET hours = 9 WHERE id = $s25
move a session into it|UPDATE session SET date = '2025-08-01' WHERE id = $s26
delete a session|DELETE FROM session WHERE id = $s25
insert a mark|INSERT INTO mark (uuid, unit_id, standard, item, period, date) VALUES ('mx', 1, 'bageyi', '2', '2025', '2025-05-01')
update a mark|UPDATE mark SET note = 'x' WHERE id = $m25
delete a mark|DELETE FROM mark WHERE id = $m25
move a mark into it|UPDATE mark SET period = '2025' WHERE id = $m26
insert a target branch|INSERT INTO session_branch (session_id, branch_id) VALUES ($s25, 2)
update a target branch|UPDATE session_branch SET branch_id = 2 WHERE session_id = $s25
delete a target branch|DELETE FROM session_branch WHERE session_id = $s25
move a target branch into it|UPDATE session_branch SET session_id = $s25 WHERE session_id = $s26
insert a roll-call row|INSERT INTO attendance (session_id, member_id, status) VALUES ($s25, 3, 1)
update a roll-call row|UPDATE attendance SET status = 0 WHERE session_id = $s25
delete a roll-call row|DELETE FROM attendance WHERE session_id = $s25
move a roll-call row into it|UPDATE attendance SET session_id = $s25 WHERE session_id = $s26
insert an order|INSERT INTO course_order (uuid, course_id, branch_id, session_id) VALUES ('ox', 1, 1, $s25)
update an order|UPDATE course_order SET note = 'x' WHERE session_id = $s25
delete an order|DELETE FROM course_order WHERE session_id = $s25
move an order into it|UPDATE course_order SET session_id = $s25 WHERE session_id = $s26
EOF
eq "the closed year is exactly as it was" "$before" "$(dump)"
check "the open year still takes changes in SQL" sqlite3 "$DB" "UPDATE mark SET note = '新群' WHERE id = $m26"
check "verify still passes" "$FX" --db "$DB" verify
# Someone who drops a trigger, edits, and puts the trigger back is caught by the digest.
cp "$DB" "$T/files/tamper.db"
trig=$(sql "$T/files/tamper.db" "SELECT sql FROM sqlite_schema WHERE name = 'session_closed_update'")
sqlite3 "$T/files/tamper.db" "DROP TRIGGER session_closed_update; UPDATE session SET title = '改过' WHERE id = $s25; $trig;"
status 1 "verify finds a closed year edited behind its triggers" "$FX" --db "$T/files/tamper.db" verify
has "…by its digest" "$(cat "$T/out")" "2025 年的记录与交账时不一致"
cp "$DB" "$T/files/notrig.db"
sqlite3 "$T/files/notrig.db" "DROP TRIGGER mark_closed_delete;"
status 1 "verify finds a missing lock trigger" "$FX" --db "$T/files/notrig.db" verify
has "…and names it" "$(cat "$T/out")" "缺少触发器 mark_closed_delete"
status 3 "a writer refuses a ledger whose lock trigger is gone" "$FX" --db "$T/files/notrig.db" mark 八个一 2 --period 2026
has "…naming the trigger" "$(cat "$T/err")" "mark_closed_delete"

# --- the writer lock ---
W="$T/lock"
mkdir -p "$W"
cp "$DB" "$W/l.db"
printf 'precious\n' >"$T/victim.txt"
v=$(sum "$T/victim.txt")
ln -s "$T/victim.txt" "$W/l.db.lock"
"$FX" --db "$W/l.db" session add --date 2026-04-01 --title 锁 --category 政治理论教育 --format 集中培训 --hours 1 \
    >/dev/null 2>&1
eq "a symlinked .lock is never opened: its target is untouched" "$v" "$(sum "$T/victim.txt")"
[ -L "$W/l.db.lock" ] && ok "…and the symlink is left as it was" || not_ok "…and the symlink is left as it was"
ln -s "$W/l.db" "$W/sym.db"
status 5 "a symlinked ledger is not written through" "$FX" --db "$W/sym.db" session add --date 2026-04-02 --title 符号 \
    --category 政治理论教育 --format 集中培训 --hours 1
has "…and says why" "$(cat "$T/err")" "符号链接"
chmod 0777 "$W"
"$FX" --db "$W/l.db" session list >/dev/null 2>"$T/e"
has "a world-writable folder gets a warning" "$(cat "$T/e")" "任何人都可以写入"
chmod 0700 "$W"
if [ "$(id -u)" = 0 ]; then
    cp "$DB" "$W/theirs.db"
    chown 65534 "$W/theirs.db"
    status 5 "a ledger owned by another user is not written" "$FX" --db "$W/theirs.db" session void 1 --reason x
    has "…and says whose it is" "$(cat "$T/err")" "另一个用户"
else
    echo "ok - # SKIP a ledger owned by another user: needs root to chown"
fi

# Two hard-linked names written in parallel lose nothing.
H="$T/hard"
mkdir -p "$H"
"$FX" --db "$H/a.db" init --unit 硬链接 2>/dev/null
ln "$H/a.db" "$H/b.db"
printf '[backup]\nkeep = 0\n' >"$T/nobackup.ini"
writer() { # NAME COUNT
    i=0
    while [ $i -lt "$2" ]; do
        i=$((i + 1))
        if "$FX" --config "$T/nobackup.ini" --db "$H/$1.db" session add --date 2026-05-01 --title "$1-$i" \
            --category 政治理论教育 --format 集中培训 --hours 1 >/dev/null 2>&1; then
            echo "$1-$i" >>"$H/$1.saved"
        fi
    done
}
writer a 25 &
pa=$!
writer b 25 &
pb=$!
wait $pa $pb
saved=$(cat "$H/a.saved" "$H/b.saved" 2>/dev/null | sort)
stored=$(sqlite3 "$H/a.db" "SELECT title FROM session" | sort)
[ "$(echo "$saved" | wc -l)" -ge 40 ] && ok "most parallel saves got the lock ($(echo "$saved" | wc -l) of 50)" \
    || not_ok "most parallel saves got the lock" "$(echo "$saved" | wc -l) of 50"
eq "every save reported through either name is in the file" "$saved" "$stored"
eq "…and the file is whole" "ok" "$(sql "$H/b.db" 'PRAGMA integrity_check')"
check "…and passes verify" "$FX" --db "$H/b.db" verify

# --- merge: a county ledger passes verify; a damaged input exits 3 ---
"$FX" --db "$T/town1.db" demo --unit 甲镇党校分校 >/dev/null 2>&1
"$FX" --db "$T/town2.db" demo --unit 乙镇党校分校 >/dev/null 2>&1
check "merge two demo townships" "$FX" merge "$T/town1.db" "$T/town2.db" -o "$T/county.db"
check "the merged county ledger passes verify" "$FX" --db "$T/county.db" verify
n=$(sql "$T/county.db" "SELECT count(*) FROM audit WHERE entity = 'session' AND action = 'insert'")
eq "every merged session has its insert record" "$(sql "$T/county.db" 'SELECT count(*) FROM session')" "$n"
a1=$(sql "$T/county.db" "SELECT count(*) FROM audit")
check "merging again" "$FX" merge "$T/town1.db" "$T/town2.db" -o "$T/county.db"
eq "…adds no audit record (nothing changed)" "$a1" "$(sql "$T/county.db" 'SELECT count(*) FROM audit')"
cp "$T/town1.db" "$T/cut.db"
truncate -s 40960 "$T/cut.db"
status 3 "a truncated merge input exits 3" "$FX" merge "$T/cut.db" -o "$T/county.db"
cp "$T/town1.db" "$T/bad.db"
# Pages merge always reads, those of the roster, wherever the schema's tables put them (the middle of the file may
# hold only audit pages, which a merge with nothing new does not read).
page=$(sql "$T/bad.db" "SELECT pageno FROM dbstat WHERE name = 'member' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 2")
dd if=/dev/urandom of="$T/bad.db" bs=4096 seek=$((page - 1)) count=8 conv=notrunc 2>/dev/null
status 3 "a merge input with damaged pages exits 3" "$FX" merge "$T/bad.db" -o "$T/county.db"
check "the county ledger still passes verify" "$FX" --db "$T/county.db" verify

# Root-only: read-only media and full disks, in a mount namespace of their own.
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 && unshare -m true 2>/dev/null; then
    unshare -m sh "$(dirname "$0")/ledger_media.inc" "$T"
else
    echo "ok - # SKIP read-only media and full disks: need root and unshare -m"
fi
