#!/bin/sh
# session.sh — `fenxiao session add|list|void|restore` on a scratch ledger: the issue-2 must-shows.
# Bad input must exit 3 with a Chinese message and leave the ledger byte-for-byte unchanged.
. "$(dirname "$0")/lib.sh"

DB="$T/ledger.db"
"$FX" --db "$DB" init --unit 测试镇党校分校 2>/dev/null
sql "$DB" "
INSERT INTO branch (uuid, unit_id, name, kind) VALUES ('b1', 1, '东风村党支部', '村'), ('b2', 1, '机关党支部', '机关');
INSERT INTO member (uuid, branch_id, name, role) VALUES
 ('m1', 1, '张三', '普通党员'), ('m2', 1, '李四', '普通党员'), ('m3', 1, '王小明', '党组织书记'),
 ('m4', 1, '曾国强', '班子成员'), ('m5', 2, '张伟', '普通党员'), ('m6', 2, '张伟', '普通党员');
INSERT INTO teacher (uuid, unit_id, name, employment, type) VALUES ('t1', 1, '陈老师', '专职', '专家型');
UPDATE member SET category = '预备党员', phone = '138-1234-5678' WHERE uuid = 'm5';
UPDATE member SET phone = '13900000042' WHERE uuid = 'm6';"

check "session add with Chinese title and attendees by name" "$FX" --db "$DB" session add --date 2024-03-15 \
    --title "学习贯彻《条例》专题培训" --category 政治理论教育 --format 集中培训 --hours 4 --teacher 陈老师 \
    --branch 东风村党支部 --attendees "张三,李四，王小明" --absent "曾国强:外出务工"
id=$(cat "$T/out")
[ "$id" -gt 0 ] 2>/dev/null && ok "add prints the new id ($id)" || not_ok "add prints the new id" "$id"
has "add confirms in Chinese" "$(cat "$T/err")" "已保存"

check "session list --month" "$FX" --db "$DB" session list --month 2024-03
line=$(grep "学习贯彻" "$T/out")
has "list shows the title" "$line" "学习贯彻《条例》专题培训"
has "list shows the teacher" "$line" "陈老师"
eq "stored 应到 from the roll call" "4" "$(sql "$DB" "select expected from session where id=$id")"
eq "stored 实到 from the roll call" "3" "$(sql "$DB" "select present from session where id=$id")"
check "session list as CSV" "$FX" --db "$DB" session list --month 2024-03 --format csv
row=$(grep "学习贯彻" "$T/out" | tr -d '\r')
eq "CSV row carries 应到, 实到 and hours" "4,3,4" "$(echo "$row" | awk -F, '{print $8","$9","$10}')"
head -c 3 "$T/out" | od -An -tx1 | grep -q "ef bb bf" && ok "CSV starts with a BOM" || not_ok "CSV starts with a BOM"
eq "absent reason kept" "外出务工" "$(sql "$DB" "select reason from attendance where status=0")"
eq "hours aggregated per member" "4.0" "$(sql "$DB" "select hours from member_year where member_id=1 and year=2024")"
"$FX" --db "$DB" session list --month 2024-04 >"$T/apr"
eq "another month does not show it" "0" "$(grep -c 学习贯彻 "$T/apr")"

# Bad input: exit 3, Chinese message, ledger unchanged to the byte.
cp "$DB" "$T/before.db"
unchanged() {
    cmp -s "$DB" "$T/before.db" && [ ! -s "$DB-wal" ] && ok "$1: ledger unchanged" || not_ok "$1: ledger unchanged"
}
base="--title 测试 --category 政治理论教育 --format 集中培训"
status 3 "impossible date 2024-02-30" "$FX" --db "$DB" session add --date 2024-02-30 $base --hours 2
has "impossible date explained" "$(cat "$T/err")" "2024年2月只有29天"
unchanged "impossible date"
status 3 "hours 25" "$FX" --db "$DB" session add --date 2024-02-28 $base --hours 25
has "hours 25 explained" "$(cat "$T/err")" "0 到 24"
unchanged "hours 25"
status 3 "hours not a number" "$FX" --db "$DB" session add --date 2024-02-28 $base --hours 两
unchanged "hours not a number"
status 3 "unknown member name" "$FX" --db "$DB" session add --date 2024-02-28 $base --hours 2 --attendees 张三,赵无此人
has "unknown member named" "$(cat "$T/err")" "赵无此人"
unchanged "unknown member"
status 3 "ambiguous member name" "$FX" --db "$DB" session add --date 2024-02-28 $base --hours 2 --attendees 张伟
has "ambiguous name lists the ids" "$(cat "$T/err")" "请改用编号"
# Namesakes told apart by 身份 and the phone's last four digits (issue 18), not by the branch alone.
has "…each with 身份 and phone tail" "$(cat "$T/err")" "5（机关党支部，预备党员，尾号5678）、6（机关党支部，正式党员，尾号0042）"
unchanged "ambiguous member"
status 3 "unknown category" "$FX" --db "$DB" session add --date 2024-02-28 --title x --category 体育 --format 集中培训 --hours 2
unchanged "unknown category"
status 3 "end before start" "$FX" --db "$DB" session add --date 2024-02-28 $base --hours 2 --start 15:00 --end 14:00
unchanged "end before start"
status 2 "missing required options" "$FX" --db "$DB" session add --date 2024-02-28
check "ambiguous name resolved by id" "$FX" --db "$DB" session add --date 2024-03-20 --title 微党课 \
    --category 党的宗旨教育 --format 微党课 --hours 1 --attendees 5 --kind 专题党课
id2=$(cat "$T/out")

# Void: needs a reason, stays listed as 作废, counts nowhere.
status 2 "void without a reason" "$FX" --db "$DB" session void "$id2"
check "void with a reason" "$FX" --db "$DB" session void "$id2" --reason 重复录入
"$FX" --db "$DB" session list --month 2024-03 >"$T/list"
has "voided session still listed, marked 作废" "$(grep 微党课 "$T/list")" "作废"
eq "voided hours leave the member's total" "0.0" "$(sql "$DB" "select hours from member_year where member_id=5 and year=2024")"
status 3 "void twice" "$FX" --db "$DB" session void "$id2" --reason 再次
status 3 "void an unknown id" "$FX" --db "$DB" session void 999 --reason 无
eq "audit has the insert and the void" "2" "$(sql "$DB" "select count(*) from audit where entity='session' and uuid=(select uuid from session where id=$id2)")"
# The list says why a session was voided (issue 18): text and CSV.
has "session list gives the void reason" "$(grep 微党课 "$T/list")" "作废（重复录入）"
"$FX" --db "$DB" session list --month 2024-03 --format csv >"$T/list.csv"
eq "CSV: 状态 and 作废原因 columns" "作废,重复录入" "$(grep 微党课 "$T/list.csv" | tr -d '\r' | awk -F, '{print $11","$12}')"

# Restore (恢复): needs a reason, is audited, and the session counts again.
status 2 "restore without a reason" "$FX" --db "$DB" session restore "$id2"
status 3 "restore with a blank reason" "$FX" --db "$DB" session restore "$id2" --reason " "
check "restore with a reason" "$FX" --db "$DB" session restore "$id2" --reason 误作废
has "restore confirms in Chinese" "$(cat "$T/err")" "已恢复：$id2"
eq "restored: voided 0, no reason left" "0|" "$(sql "$DB" "select voided, void_reason from session where id=$id2")"
eq "restored hours are back in the member's total" "1.0" "$(sql "$DB" "select hours from member_year where member_id=5 and year=2024")"
eq "audit: restore with its reason" "restore|误作废" "$(sql "$DB" "select action, json_extract(after, '$.restore_reason') from audit where entity='session' and uuid=(select uuid from session where id=$id2) order by id desc limit 1")"
"$FX" --db "$DB" session list --month 2024-03 >"$T/list"
eq "restored session no longer marked 作废" "" "$(grep 微党课 "$T/list" | grep 作废)"
status 3 "restore a session that is not voided" "$FX" --db "$DB" session restore "$id2" --reason 再次
has "…saying it is not voided" "$(cat "$T/err")" "没有作废"
status 3 "restore an unknown id" "$FX" --db "$DB" session restore 999 --reason 无
check "void it again after the restore" "$FX" --db "$DB" session void "$id2" --reason 重复录入
eq "integrity after all this" "ok" "$(sql "$DB" 'pragma integrity_check')"

# Dates as secretaries type them (issue 18): 2026/12/05, 2026.12.05, 2026年12月5日, and full-width
# digits from a Chinese input method, are stored as 2026-12-05; 12/05/2026 is refused, not guessed.
for d in 2026/12/05 2026.12.5 2026年12月5日 ２０２６年１２月５日; do
    check "session add --date $d" "$FX" --db "$DB" session add --date "$d" --title "日期 $d" \
        --category 政治理论教育 --format 集中培训 --hours 1
    eq "--date $d is stored as 2026-12-05" "2026-12-05" "$(sql "$DB" "select date from session where id=$(cat "$T/out")")"
done
before=$(cksum <"$DB")
status 3 "12/05/2026 is refused" "$FX" --db "$DB" session add --date 12/05/2026 --title 美式日期 \
    --category 政治理论教育 --format 集中培训 --hours 1
has "…naming the forms it takes" "$(cat "$T/err")" "2026年12月5日"
eq "…and the ledger is unchanged" "$before" "$(cksum <"$DB")"

# The audit log's who is the account from the password database, not $USER (issue 18); a configured
# recorder is written beside it.
A="$T/audit.db"
USER=mallory "$FX" --db "$A" init --unit 审计镇 2>/dev/null
USER=mallory "$FX" --db "$A" session add --date 2026-12-01 --title 审计 --category 政治理论教育 --format 集中培训 \
    --hours 1 >/dev/null 2>&1
eq "audit who is the account ($(id -un)), not \$USER" "$(id -un)" "$(sql "$A" "select group_concat(distinct who) from audit")"
printf '[ledger]\nrecorder = 张秘书\n' >"$T/rec.ini"
USER=mallory "$FX" --db "$A" --config "$T/rec.ini" session add --date 2026-12-02 --title 审计二 \
    --category 政治理论教育 --format 集中培训 --hours 1 >/dev/null 2>&1
eq "a configured recorder stands beside the account" "$(id -un)（张秘书）" \
    "$(sql "$A" "select who from audit where entity = 'session' order by id desc limit 1")"

# A closed year is read-only: restoring a session voided in it exits 6 and writes nothing (issue 18).
C="$T/closed.db"
"$FX" --db "$C" init --unit 交账镇 2>/dev/null
"$FX" --db "$C" session add --date 2023-05-10 --title 去年的课 --category 政治理论教育 --format 集中培训 \
    --hours 1 >"$T/out" 2>/dev/null
cid=$(cat "$T/out")
check "void a 2023 session" "$FX" --db "$C" session void "$cid" --reason 录错
check "close 2023" "$FX" --db "$C" close-year 2023
before=$(cksum <"$C")
status 6 "restore in a closed year exits 6" "$FX" --db "$C" session restore "$cid" --reason 想恢复
has "…saying the year is closed" "$(cat "$T/err")" "交账"
eq "…and the ledger is unchanged" "$before" "$(cksum <"$C")"

# A date after today needs --future (issue 18): without it, exit 3, a plain message, nothing written.
# Today is set here, not taken from the calendar or the suite.
AT="env FENXIAO_TODAY=2026-12-05"
F="$T/future.db"
"$FX" --db "$F" init --unit 将来镇 2>/dev/null
before=$(cksum <"$F")
status 3 "a session on 2027-06-30 without --future is refused" $AT "$FX" --db "$F" session add \
    --date 2027-06-30 --title 下半年的课 --category 政治理论教育 --format 集中培训 --hours 1
has "…saying the date is after today and what to add" "$(cat "$T/err")" "培训日期 2027-06-30 晚于今天（2026-12-05）；确是将来的日期请加 --future"
eq "…and nothing is written" "$before" "$(cksum <"$F")"
status 3 "the date forms too: 2027年6月30日 without --future is refused" $AT "$FX" --db "$F" \
    session add --date 2027年6月30日 --title 下半年的课 --category 政治理论教育 --format 集中培训 --hours 1
status 3 "an end date after today is refused too" $AT "$FX" --db "$F" session add \
    --date 2026-12-04 --end-date 2026-12-06 --title 三天班 --category 政治理论教育 --format 集中培训
check "today itself needs nothing" $AT "$FX" --db "$F" session add --date 2026-12-05 --title 今天的课 \
    --category 政治理论教育 --format 集中培训 --hours 1
check "with --future it is saved" $AT "$FX" --db "$F" session add --date 2027-06-30 --future \
    --title 下半年的课 --category 政治理论教育 --format 集中培训 --hours 1
eq "…on 2027-06-30" "2027-06-30" "$(sql "$F" "select date from session where title = '下半年的课'")"
sql "$F" "INSERT INTO branch (uuid, unit_id, name, kind) VALUES ('fb', 1, '将来村党支部', '村');
INSERT INTO member (uuid, branch_id, name, role) VALUES ('fm', 1, '周八', '普通党员');"
before=$(cksum <"$F")
status 3 "member leave on a future date without --future is refused" $AT "$FX" --db "$F" \
    member leave 周八 --date 2027/1/10 --reason 转出
has "…naming the date" "$(cat "$T/err")" "离开名册的日期 2027-01-10 晚于今天（2026-12-05）"
eq "…and nothing is written" "$before" "$(cksum <"$F")"
check "member leave --future is taken" $AT "$FX" --db "$F" member leave 周八 --date 2027/1/10 \
    --reason 转出 --future
