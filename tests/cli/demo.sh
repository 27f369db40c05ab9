#!/bin/sh
# demo.sh — `fenxiao demo`: a believable township in a new ledger, never over an existing one without --force.
# Checks the file (integrity, WAL, ids, mode 0600) and the shape of the data against issue 2.
. "$(dirname "$0")/lib.sh"
# An out-of-tree build (make O=…) has no data/ beside its binary.
export FENXIAO_DATA_DIR="${FENXIAO_DATA_DIR:-${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/data}"

DB="$T/demo/ledger.db"
start=$(date +%s)
check "demo creates a ledger" "$FX" --db "$DB" demo
took=$(( $(date +%s) - start ))
# About a second on an ordinary build; the bound only catches something pathological
# (a commit per row would take minutes), with room for sanitizers on a busy machine.
# Under valgrind (make check-valgrind, FX_REAL set) the bound is meaningless.
limit=30; [ -n "${FX_REAL:-}" ] && limit=600
[ "$took" -le "$limit" ] && ok "demo is quick (${took}s)" || not_ok "demo is quick" "${took}s"
has "demo says what it made, in Chinese" "$(cat "$T/err")" "已生成示例账本"

eq "integrity ok and WAL" "ok
wal" "$(sqlite3 "$DB" 'pragma integrity_check; pragma journal_mode')"
[ "$(sql "$DB" 'pragma application_id')" -ne 0 ] && ok "application_id set" || not_ok "application_id set"
[ "$(sql "$DB" 'pragma user_version')" -ge 1 ] && ok "user_version ≥ 1" || not_ok "user_version ≥ 1"
eq "ledger file is mode 0600" "600" "$(stat -c %a "$DB")"
eq "no temporary file left beside it" "0" "$(ls -a "$T/demo" | grep -c '\.demo-')"
eq "unit named by default" "示例镇党校分校" "$(sql "$DB" 'select name from unit')"

between() { # NAME LOW HIGH VALUE
    if [ "$4" -ge "$2" ] && [ "$4" -le "$3" ]; then ok "$1 ($4)"; else not_ok "$1" "$4 not in $2–$3"; fi
}
between "about 30 branches" 25 35 "$(sql "$DB" 'select count(*) from branch')"
between "about 1200 members" 1100 1300 "$(sql "$DB" 'select count(*) from member')"
eq "15 teachers" "15" "$(sql "$DB" 'select count(*) from teacher')"
eq "6 venues" "6" "$(sql "$DB" 'select count(*) from venue')"
eq "2 red-history teaching points" "2" "$(sql "$DB" "select count(*) from venue where kind='教学点' and theme like '红色历史%'")"
eq "40 courses" "40" "$(sql "$DB" 'select count(*) from course')"
eq "courses over all 7 categories" "7" "$(sql "$DB" "select count(distinct c.category) from course c join vocab v on v.kind='category' and v.name=c.category")"
eq "real title 擦亮营商环境金名片" "1" "$(sql "$DB" "select count(*) from course where title='擦亮营商环境金名片'")"
eq "real title 小棒球击出乡村振兴“嘉速度”" "1" "$(sql "$DB" "select count(*) from course where title='小棒球击出乡村振兴“嘉速度”'")"
eq "one retired course" "1" "$(sql "$DB" 'select count(*) from course where retired=1')"
between "some featured courses" 3 15 "$(sql "$DB" 'select count(*) from course where featured=1')"
between "pairs of members sharing a name" 2 200 "$(sql "$DB" 'select count(*) from (select name from member group by name having count(*) > 1)')"
eq "one 党组织书记 per branch" "0" "$(sql "$DB" "select count(*) from branch b where (select count(*) from member m where m.branch_id=b.id and m.role='党组织书记') <> 1")"
between "2–4 班子成员 per branch" 60 120 "$(sql "$DB" "select count(*) from member where role='班子成员'")"
eq "every member has a phone" "0" "$(sql "$DB" "select count(*) from member where phone not glob '1[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'")"
eq "advisers among the teachers" "1" "$(sql "$DB" 'select count(*) > 0 from teacher where is_adviser=1')"

# A year of sessions: every month of the last twelve, the kinds of vocab.ini, on working days.
months=0
i=1
while [ $i -le 11 ]; do
    m=$(date -d "$(echo "$FENXIAO_TODAY" | cut -c1-7)-15 -$i month" +%Y-%m)
    n=$(sql "$DB" "select count(*) from session where substr(date,1,7)='$m'")
    [ "$n" -gt 0 ] && months=$((months + 1))
    i=$((i + 1))
done
eq "sessions in each of the 11 full months before this one" "11" "$months"
between "sessions in 12 distinct months" 12 13 "$(sql "$DB" "select count(distinct substr(date,1,7)) from session")"
eq "no session after today" "0" "$(sql "$DB" "select count(*) from session where date > date('$FENXIAO_TODAY')")"
eq "no session more than a year old" "0" "$(sql "$DB" "select count(*) from session where date <= date('$FENXIAO_TODAY','-1 year')")"
eq "all nine kinds present" "9" "$(sql "$DB" "select count(distinct kind) from session where kind in ('培训班','专题党课','交流会','送资料','现场教学','支委会','党员大会','党小组会','主题党日')")"
eq "sessions on working days" "0" "$(sql "$DB" "select count(*) from session where strftime('%w', date) in ('0','6')")"
between "roll calls mostly present (%)" 80 95 "$(sql "$DB" "select cast(100.0*sum(status=1)/count(*) as int) from attendance")"
# A township as it really is (issue 14): mostly training; meetings in their own kinds (one model branch keeps its
# 三会一课 here); a 3-day class that is one 期 of 24 学时; most members reach their hours.
training="select count(*) from session s join vocab v on v.kind='kind' and v.name=s.kind where s.voided=0 and v.class='培训'"
meetings="select count(*) from session s join vocab v on v.kind='kind' and v.name=s.kind where s.voided=0 and v.class='组织生活'"
t=$(sql "$DB" "$training") m=$(sql "$DB" "$meetings")
[ "$t" -gt "$m" ] && ok "training ($t) outnumbers meetings ($m)" || not_ok "training outnumbers meetings" "$t vs $m"
eq "one 3-day class: one record, 24 学时" "1|24.0" "$(sql "$DB" "select count(*), printf('%.1f', max(hours)) from session where end_date<>'' and julianday(end_date)-julianday(date)=2 and kind='培训班'")"
# Over the demo's year (the twelve months to today, whatever the day), most party members attend 32 学时 of training.
between "most members attend 32 学时 of training in the demo's year (%)" 80 99 "$(sql "$DB" "
  select cast(100.0 * sum(h >= 32) / count(*) as int) from (
    select m.id, ifnull((select sum(s.hours) from attendance a join session s on s.id = a.session_id
      join vocab v on v.kind = 'kind' and v.name = s.kind and v.class = '培训'
      where a.member_id = m.id and a.status = 1 and s.voided = 0), 0) h
    from member m where m.category in ('正式党员', '预备党员') and m.active = 1)")"
# The month summary of the busiest training month fits on one A4 page.
busiest=$(sql "$DB" "select substr(s.date,1,7) from session s join vocab v on v.kind='kind' and v.name=s.kind where s.voided=0 and v.class='培训' group by 1 order by count(*) desc, 1 limit 1")
check "report month $busiest (the busiest) as PDF" "$FX" --db "$DB" report month "$busiest" --format pdf -o "$T/busiest.pdf"
eq "…on one page" "1" "$(pdfinfo "$T/busiest.pdf" | awk '/^Pages:/ {print $2}')"
has "…of A4" "$(pdfinfo "$T/busiest.pdf" | grep 'Page size')" "(A4)"
eq "leave and absence carry reasons" "0" "$(sql "$DB" "select count(*) from attendance where status<>1 and reason=''")"
eq "hours by the usual rule (8 for a full day)" "1" "$(sql "$DB" "select count(*) > 0 from session where start_time='08:30' and end_time='16:30' and hours=8")"
eq "one voided session with a reason" "1" "$(sql "$DB" "select count(*) from session where voided=1 and void_reason<>''")"
eq "orders in every state" "4" "$(sql "$DB" 'select count(distinct state) from course_order')"
eq "completed orders link their session" "0" "$(sql "$DB" "select count(*) from course_order o left join session s on s.id=o.session_id where o.state='已完成' and (s.id is null or s.course_id<>o.course_id)")"
eq "an overdue scheduled order" "1" "$(sql "$DB" "select count(*) > 0 from course_order where state='已排课' and sched_date < date('$FENXIAO_TODAY')")"

# member_year is maintained by triggers: it must equal the sum over the roll calls of the kinds whose hours
# count toward a member's 学时 (vocab.counts_hours: training kinds, by default).
eq "member_year equals the sum over attendance" "0" "$(sql "$DB" "
with a as (select a.member_id, cast(substr(s.date,1,4) as integer) y, sum(s.hours) h, count(*) n
           from attendance a join session s on s.id=a.session_id
           where a.status=1 and s.voided=0
             and ifnull((select counts_hours from vocab where kind='kind' and name=s.kind), 1) = 1 group by 1, 2)
select count(*) from (
  select member_id, y, h, n from a except select member_id, year, hours, sessions from member_year where sessions > 0
  union all
  select member_id, year, hours, sessions from member_year where sessions > 0 except select member_id, y, h, n from a)")"

# Never over an existing ledger without --force; the file stays as it was.
cp "$DB" "$T/before.db"
status 3 "demo again without --force exits 3" "$FX" --db "$DB" demo
has "refusal is in Chinese" "$(cat "$T/err")" "已存在"
cmp -s "$DB" "$T/before.db" && ok "ledger unchanged after the refusal" || not_ok "ledger unchanged after the refusal"

uuid=$(sql "$DB" 'select uuid from unit')
check "demo --force replaces it" "$FX" --db "$DB" demo --force --unit 测试镇党校分校
eq "replaced ledger is a new one" "1" "$(sql "$DB" "select count(*) from unit where uuid <> '$uuid' and name='测试镇党校分校'")"
eq "replaced ledger intact" "ok" "$(sql "$DB" 'pragma integrity_check')"
eq "replaced ledger still mode 0600" "600" "$(stat -c %a "$DB")"

# Same output every run, except dates and uuids: against another run (tests/days.sh lends the day's own).
demo_ledger "$T/again.db"
q="select name, gender, phone, role from member order by id"
[ "$(sql "$DB" "$q" | md5sum)" = "$(sql "$T/again.db" "$q" | md5sum)" ] && ok "members the same every run" ||
    not_ok "members the same every run"
q="select title, kind, hours, expected, present from session order by date, id"
[ "$(sql "$DB" "$q" | md5sum)" = "$(sql "$T/again.db" "$q" | md5sum)" ] && ok "sessions the same every run" ||
    not_ok "sessions the same every run"

# --force does not clobber a file that is not a ledger.
echo "not a ledger" >"$T/notes.txt"
status 3 "--force refuses a file that is not a ledger" "$FX" --db "$T/notes.txt" demo --force
eq "that file untouched" "not a ledger" "$(cat "$T/notes.txt")"
status 2 "unknown option is a usage error" "$FX" --db "$T/x.db" demo --bogus
[ ! -e "$T/x.db" ] && ok "usage error writes nothing" || not_ok "usage error writes nothing"

# A failure half-way (a broken word list) leaves the old ledger as it was and no temporary file.
cp -r "$FENXIAO_DATA_DIR" "$T/data"
sed -i '0,/| 政治理论教育 |/s//| 无此类别 |/' "$T/data/demo/courses.ini"
cp "$DB" "$T/before.db"
FENXIAO_DATA_DIR="$T/data" "$FX" --db "$DB" demo --force >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -ne 0 ] && ok "broken demo data fails ($rc)" || not_ok "broken demo data fails"
has "failure names the course" "$(cat "$T/err")" "课程"
cmp -s "$DB" "$T/before.db" && ok "old ledger kept after a failure" || not_ok "old ledger kept after a failure"
eq "no temporary file left after a failure" "0" "$(ls -a "$T/demo" | grep -c '\.demo-')"
