#!/bin/sh
# sessions14.sh — issue 14's must-shows for sessions: training apart from meetings (summary vs 三会一课记录),
# a head count of 40/35 gives 参训率 87.5%, a 3-day class is one 期 of 24 学时, 应到 by one rule, numbers
# given on the command line honoured or refused (exit 3), guests, [kind_class] and [hours] count_meetings.
. "$(dirname "$0")/lib.sh"

DB="$T/ledger.db"
"$FX" --db "$DB" init --unit 测试镇党校分校 2>/dev/null
sql "$DB" "
INSERT INTO branch (uuid, unit_id, name, kind) VALUES ('b1', 1, '东风村党支部', '村'), ('b2', 1, '机关党支部', '机关');
INSERT INTO member (uuid, branch_id, name, role) VALUES
 ('m1', 1, '张三', '普通党员'), ('m2', 1, '李四', '普通党员'), ('m3', 1, '王小明', '党组织书记'),
 ('m4', 2, '赵六', '普通党员');"
add() { "$FX" --db "$DB" session add --category 政治理论教育 "$@"; }

# --- training and meetings in one month --------------------------------------------------------
check "a training session in November" add --date 2026-11-03 --title 专题培训 --format 集中培训 --hours 4 \
    --branch 东风村党支部 --attendees 张三,李四,王小明
check "a 支委会 in November" add --date 2026-11-05 --title 十一月支委会 --format 会议 --kind 支委会 --hours 2 \
    --branch 东风村党支部 --attendees 张三,王小明
check "a 主题党日 in November" add --date 2026-11-10 --title 十一月主题党日 --format 会议 --kind 主题党日 \
    --hours 2.5 --branch 东风村党支部 --attendees 张三,李四,王小明
check "the training summary of November" "$FX" --db "$DB" report month 2026-11 --format csv
csv=$(tr -d '\r' <"$T/out")
eq "期数 ignores the meetings" "期数,1,期" "$(echo "$csv" | grep '^期数,')"
eq "人次 ignores the meetings" "人次,3,人次" "$(echo "$csv" | grep '^人次,')"
eq "学时 ignores the meetings" "总学时,4,学时" "$(echo "$csv" | grep '^总学时,')"
case $csv in *支委会\ *|*十一月支委会*|*十一月主题党日*) not_ok "no meeting is a row of the summary" ;;
*) ok "no meeting is a row of the summary" ;; esac
has "the footnote says what was counted" "$csv" "只计培训类：培训班、专题党课、交流会、现场教学；会议另见三会一课记录。"
check "report meetings 2026-11" "$FX" --db "$DB" report meetings 2026-11
txt=$(cat "$T/out")
has "the 三会一课记录 lists the 支委会" "$txt" "十一月支委会"
has "…and the 主题党日" "$txt" "十一月主题党日"
case $txt in *专题培训*) not_ok "…and not the training" ;; *) ok "…and not the training" ;; esac
check "report meetings as CSV" "$FX" --db "$DB" report meetings 2026-11 --format csv
eq "…its 合计: 应到 6, 实到 5 (the two meetings are its figure 组织生活)" "合计,,,,,6,5,83.3%," "$(tr -d '\r' <"$T/out" | grep '^合计,')"
check "session list --class 组织生活" "$FX" --db "$DB" session list --class 组织生活 --format csv
eq "…lists the two meetings" "2" "$(grep -c '会' "$T/out")"
check "session list --kind 主题党日" "$FX" --db "$DB" session list --kind 主题党日 --format csv
eq "…lists one" "1" "$(tail -n +2 "$T/out" | wc -l)"
status 2 "session list --class 会议 is a usage error" "$FX" --db "$DB" session list --class 会议
check "report hours 2026" "$FX" --db "$DB" report hours 2026 --format csv
eq "a member's 学时 count training only by default (张三: 4)" "4" \
    "$(tr -d '\r' <"$T/out" | awk -F, '$3 == "张三" {print $6}')"
check "verify after meetings" "$FX" --db "$DB" verify

# --- [hours] count_meetings and [kind_class] ----------------------------------------------------
mkdir -p "$T/home/config/fenxiao"
printf '[hours]\ncount_meetings = yes\n' >"$T/home/config/fenxiao/fenxiao.ini"
check "report hours with count_meetings = yes" "$FX" --db "$DB" report hours 2026 --format csv
eq "…张三 gets the 支委会 and 主题党日 too (4+2+2.5)" "8.5" \
    "$(tr -d '\r' <"$T/out" | awk -F, '$3 == "张三" {print $6}')"
check "…and verify agrees" "$FX" --db "$DB" verify
printf '[kind_class]\n主题党日 = 培训\n' >"$T/home/config/fenxiao/fenxiao.ini"
check "a county counting 主题党日 as training" "$FX" --db "$DB" report month 2026-11 --format csv
csv=$(tr -d '\r' <"$T/out")
eq "…期数 2" "期数,2,期" "$(echo "$csv" | grep '^期数,')"
has "…footnoted as the county's setting" "$csv" "按本县设置"
printf '[kind_class]\n主题党日 = 会议\n' >"$T/home/config/fenxiao/fenxiao.ini"
status 3 "an unknown class in the config is refused" "$FX" --db "$DB" report month 2026-11
rm -f "$T/home/config/fenxiao/fenxiao.ini"
check "without the config, the shipped reading is back" "$FX" --db "$DB" report month 2026-11 --format csv
eq "…期数 1" "期数,1,期" "$(tr -d '\r' <"$T/out" | grep '^期数,')"

# --- a head count: 应到 40, 实到 35 ---------------------------------------------------------------
check "session add --expected 40 --present 35 (no roll call)" add --date 2026-10-08 --title 云课堂 \
    --format 云课堂 --hours 2 --expected 40 --present 35
id=$(cat "$T/out")
eq "saved as 40/35" "40|35|given" "$(sql "$DB" "SELECT expected || '|' || present || '|' || expected_basis FROM session WHERE id = $id")"
check "report month 2026-10" "$FX" --db "$DB" report month 2026-10 --format csv
eq "参训率 87.5%" "参训率,87.5%," "$(tr -d '\r' <"$T/out" | grep '^参训率,')"

# --- numbers given are honoured or refused -------------------------------------------------------
check "--expected 10 with a roll call of one" add --date 2026-10-09 --title 小型座谈 --format 交流研讨 --hours 1 \
    --expected 10 --attendees 张三
eq "…stays 10" "10|1" "$(sql "$DB" "SELECT expected || '|' || present FROM session WHERE id = $(cat "$T/out")")"
before=$(sha256sum "$DB" | cut -c1-64)
status 3 "实到 above a given 应到 is refused" add --date 2026-10-09 --title 超员 --format 交流研讨 --hours 1 \
    --expected 1 --attendees 张三,李四
status 3 "a head count above 应到 is refused" add --date 2026-10-09 --title 超员 --format 云课堂 --hours 1 \
    --expected 1 --present 2
status 3 "--present that contradicts the roll call is refused" add --date 2026-10-09 --title 不符 --format 云课堂 \
    --hours 1 --present 5 --attendees 张三
eq "…nothing written" "$before" "$(sha256sum "$DB" | cut -c1-64)"

# --- 应到 by one rule, guests ----------------------------------------------------------------------
check "target branch and no 应到: the register of the branch" add --date 2026-10-12 --title 支部轮训 \
    --format 集中培训 --hours 2 --branch 东风村党支部 --attendees 张三 --guests 赵六
id=$(cat "$T/out")
eq "…应到 3 (its members), 实到 2 (the guest included)" "3|2|register" \
    "$(sql "$DB" "SELECT expected || '|' || present || '|' || expected_basis FROM session WHERE id = $id")"
eq "…赵六 is marked a guest" "1" "$(sql "$DB" "SELECT guest FROM attendance a JOIN member m ON m.id = a.member_id
    WHERE a.session_id = $id AND m.name = '赵六'")"
status 3 "a member of the target branch is not a guest" add --date 2026-10-12 --title 错 --format 集中培训 \
    --hours 2 --branch 东风村党支部 --guests 李四
check "no branch, no 应到: the roll call's size" add --date 2026-10-13 --title 点名 --format 集中培训 --hours 2 \
    --attendees 张三 --absent 李四:病假
eq "…应到 2" "2|1|rollcall" \
    "$(sql "$DB" "SELECT expected || '|' || present || '|' || expected_basis FROM session WHERE id = $(cat "$T/out")")"

# --- a 3-day class ---------------------------------------------------------------------------------
check "a 3-day 培训班 (--end-date, no --hours)" add --date 2026-09-07 --end-date 2026-09-09 --title 三天轮训班 \
    --format 集中培训 --branch 东风村党支部 --attendees 张三,李四,王小明
id=$(cat "$T/out")
eq "…24 学时" "24.0|2026-09-09" "$(sql "$DB" "SELECT printf('%.1f', hours) || '|' || end_date FROM session WHERE id = $id")"
check "report month 2026-09" "$FX" --db "$DB" report month 2026-09 --format csv
csv=$(tr -d '\r' <"$T/out")
eq "…one 期" "期数,1,期" "$(echo "$csv" | grep '^期数,')"
eq "…24 学时" "总学时,24,学时" "$(echo "$csv" | grep '^总学时,')"
check "a class of 5 days may have 40 学时" add --date 2026-09-14 --end-date 2026-09-18 --title 五天班 \
    --format 集中培训 --hours 40
status 3 "more than 24 学时 a day is refused" add --date 2026-09-21 --end-date 2026-09-22 --title 超时 \
    --format 集中培训 --hours 49
status 3 "a class across New Year is refused" add --future --date 2026-12-30 --end-date 2027-01-02 --title 跨年 \
    --format 集中培训
status 3 "an end date before the start is refused" add --date 2026-09-10 --end-date 2026-09-09 --title 倒 \
    --format 集中培训 --hours 8
check "verify at the end" "$FX" --db "$DB" verify

# --- 受训率 counts the people trained: a month of meetings only has trained nobody (it read 50% once) ------
M="$T/meetings.db"
"$FX" --db "$M" init --unit 会议镇党校分校 2>/dev/null
sql "$M" "INSERT INTO branch (uuid, unit_id, name, kind) VALUES ('b1', 1, '东风村党支部', '村');
INSERT INTO member (uuid, branch_id, name, role) VALUES ('m1', 1, '张三', '普通党员'), ('m2', 1, '李四', '普通党员');"
check "a 支委会 alone in October" "$FX" --db "$M" session add --category 政治理论教育 --date 2026-10-05 --title 十月支委会 \
    --format 会议 --kind 支委会 --hours 2 --branch 东风村党支部 --attendees 张三
check "the training summary of October" "$FX" --db "$M" report month 2026-10 --format csv
csv10=$(tr -d '\r' <"$T/out")
eq "…人数 0" "人数,0,人" "$(echo "$csv10" | grep '^人数,')"
eq "…受训率 0 of the 2 在册党员" "受训率,0.0%," "$(echo "$csv10" | grep '^受训率,')"
