#!/bin/sh
# reliability.sh — backups, restore, verify, year close, a second copy, a full disk.
# The guarantees of DESIGN.md "The ledger file", proved through the command line.
. "$(dirname "$0")/lib.sh"

DB="$T/ledger.db"
"$FX" --db "$DB" init --unit 可靠性测试分校 2>/dev/null
sql "$DB" "INSERT INTO branch (uuid, unit_id, name) VALUES ('b1', 1, '一支部');
INSERT INTO member (uuid, branch_id, name) VALUES ('m1', 1, '张三'), ('m2', 1, '李四');"
add() { "$FX" --db "$DB" session add --category 政治理论教育 --format 集中培训 --hours 2 "$@"; }
add --date 2023-06-01 --title 二三年课 --attendees 张三 >/dev/null 2>&1
add --date 2024-06-01 --title 二四年课 --attendees 张三,李四 >/dev/null 2>&1

# The first write of the day made an automatic backup beside the ledger.
ls "$T"/backups/ledger-*.db >/dev/null 2>&1 && ok "automatic daily backup made" || not_ok "automatic daily backup made"
eq "automatic backup is 0600" "600" "$(stat -c %a "$(ls "$T"/backups/ledger-*.db | head -1)")"

check "verify a healthy ledger" "$FX" --db "$DB" verify
check "backup -o" "$FX" --db "$DB" backup -o "$T/b1.db"
eq "backup is 0600" "600" "$(stat -c %a "$T/b1.db")"
eq "backup has the sessions" "2" "$(sql "$T/b1.db" 'select count(*) from session')"
eq "backup is a fenxiao ledger" "$(sql "$DB" 'pragma application_id')" "$(sql "$T/b1.db" 'pragma application_id')"

add --date 2024-07-01 --title 备份之后 >/dev/null 2>&1
printf 'not a ledger' >"$T/junk.db"
status 3 "restore refuses a file that is not a ledger" "$FX" --db "$DB" restore "$T/junk.db"
eq "refused restore changed nothing" "3" "$(sql "$DB" 'select count(*) from session')"
sqlite3 "$T/foreign.db" "create table x(y); pragma user_version=1;"
status 3 "restore refuses another program's database" "$FX" --db "$DB" restore "$T/foreign.db"
cp "$T/b1.db" "$T/future.db"
sqlite3 "$T/future.db" "pragma user_version=99"
status 3 "restore refuses an unknown version" "$FX" --db "$DB" restore "$T/future.db"
check "restore a backup" "$FX" --db "$DB" restore "$T/b1.db"
eq "restored ledger has the backup's sessions" "2" "$(sql "$DB" 'select count(*) from session')"
kept=$(ls "$DB".replaced-* 2>/dev/null | head -1)
[ -n "$kept" ] && eq "replaced ledger kept with its later session" "3" "$(sql "$kept" 'select count(*) from session')" \
    || not_ok "replaced ledger kept"
check "verify after restore" "$FX" --db "$DB" verify

# Tampering is found by verify.
cp "$DB" "$T/tamper.db"
sqlite3 "$T/tamper.db" "update member_year set hours = hours + 5 where member_id = 1"
status 1 "verify finds a broken hours aggregate" "$FX" --db "$T/tamper.db" verify
has "verify names the member" "$(cat "$T/out")" "学时"
# Each side of the recount (maint.c: a FULL JOIN of the recount and member_year): a changed sum, a missing
# row and a row with no roll call behind it, each named by member and year.
cp "$DB" "$T/tamper2.db"
sqlite3 "$T/tamper2.db" "update member_year set hours = hours + 5 where member_id = 1 and year = 2024;
delete from member_year where member_id = 2;
insert into member_year (member_id, year, hours, sessions) values (2, 2019, 3, 1);"
status 1 "verify finds three broken member-years" "$FX" --db "$T/tamper2.db" verify
has "… a changed sum" "$(cat "$T/out")" "党员 1 在 2024 年的学时合计应为 2.0，记为 7.0"
has "… a missing row" "$(cat "$T/out")" "党员 2 在 2024 年的学时合计应为 2.0，记为 0"
has "… a row with no roll call" "$(cat "$T/out")" "党员 2 在 2019 年的学时合计应为 0，记为 3.0"
# The recount is kept in memory, one array per year by member id (maint.c verify_hours); a ledger whose ids or
# years would make that too big is recounted in SQL instead, with the same findings.
sqlite3 "$T/tamper2.db" "insert into member_year (member_id, year, hours, sessions) values (9000000, 2024, 1.5, 1)"
status 1 "verify of a member-year with a huge member id (recounted in SQL)" "$FX" --db "$T/tamper2.db" verify
has "… names it" "$(cat "$T/out")" "党员 9000000 在 2024 年的学时合计应为 0，记为 1.5"
has "… and still the changed sum" "$(cat "$T/out")" "党员 1 在 2024 年的学时合计应为 2.0，记为 7.0"
has "… the missing row" "$(cat "$T/out")" "党员 2 在 2024 年的学时合计应为 2.0，记为 0"
sqlite3 "$T/tamper.db" "drop trigger audit_no_delete; delete from audit where id = 2;"
status 1 "verify finds a deleted audit record" "$FX" --db "$T/tamper.db" verify
has "verify reports the audit gap" "$(cat "$T/out")" "审计"

# Year close: read-only in the database itself.
check "close-year 2023" "$FX" --db "$DB" close-year 2023
status 6 "a session in a closed year is refused with 6" add --date 2023-12-01 --title 补录
has "closed year explained" "$(cat "$T/err")" "已交账"
status 6 "voiding in a closed year is refused with 6" "$FX" --db "$DB" session void 1 --reason 错
if sqlite3 "$DB" "update session set hours = 9 where date like '2023%'" 2>/dev/null; then
    not_ok "sqlite3 cannot edit a closed year"
else ok "sqlite3 cannot edit a closed year"; fi
if sqlite3 "$DB" "delete from closed_year" 2>/dev/null; then not_ok "a close cannot be undone"; else ok "a close cannot be undone"; fi
check "the open year still takes sessions" add --date 2024-08-01 --title 新课
status 6 "closing twice" "$FX" --db "$DB" close-year 2023

# A second copy: waits briefly, then says the ledger is in use, exit 4.
if command -v flock >/dev/null 2>&1; then
    # The writer lock is flock on the ledger file itself (fenxiao(1), FILES).
    flock "$DB" sleep 6 &
    holder=$!
    sleep 0.3
    start=$(date +%s%N)
    status 4 "a second writer gets exit 4" add --date 2024-09-01 --title 第二个
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    # Under valgrind (check-valgrind) start-up alone takes a second; the bound is the program's.
    limit=3000; [ -n "${FX_REAL:-}" ] && limit=6000
    [ "$ms" -lt "$limit" ] && ok "…within 3 seconds (${ms} ms)" || not_ok "…within 3 seconds" "${ms} ms"
    has "in-use message in Chinese" "$(cat "$T/err")" "正被另一个"
    check "readers still work while it is held" "$FX" --db "$DB" session list
    kill $holder 2>/dev/null
    wait $holder 2>/dev/null
else
    echo "ok - # SKIP a second writer: flock(1) is not installed"
fi

# Read-only file: exit 5, a clear message, nothing lost.
cp "$DB" "$T/ro.db"
chmod 0400 "$T/ro.db"
# Root writes through file modes, so these two need an ordinary user (fulldisk.inc covers root with a tmpfs).
if [ "$(id -u)" != 0 ]; then
    status 5 "a read-only ledger refuses writes with 5" "$FX" --db "$T/ro.db" session add --date 2024-10-01 \
        --title 只读 --category 政治理论教育 --format 集中培训 --hours 1
    mkdir -p "$T/rodir"
    chmod 0500 "$T/rodir"
    status 5 "a ledger under a read-only directory" "$FX" --db "$T/rodir/sub/x.db" init
    chmod 0700 "$T/rodir"
else
    echo "ok - # SKIP a 0400 ledger and a 0500 directory: root writes through file modes"
fi

# A full disk during a save: a small tmpfs where we may mount one.
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 && unshare -m true 2>/dev/null; then
    unshare -m sh "$(dirname "$0")/fulldisk.inc" "$T"
else
    echo "ok - # SKIP full disk and read-only file system: need root and unshare -m"
fi
