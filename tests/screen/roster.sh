#!/bin/sh
# roster.sh — the 名册 screen: pinyin search, a member's yearly record equal to the SQL sum, the 未达标 list, forms, import.
# The ledger is made here: sessions this year, one voided, one on 12-31 and one on next year's 01-01, one absence.
. "$(dirname "$0")/lib.sh"

DB=$T/a.db
ledger "$DB" || { not_ok "make a test ledger"; exit 1; }
Y=$(echo "$FENXIAO_TODAY" | cut -c1-4)
N=$((Y + 1))
P=$((Y - 1))
# --future: the 12-31 and next 01-01 sessions are later than today on most days the suite runs.
add() { "$FX" --db "$DB" session add --future --category 政治理论教育 --format 集中培训 "$@" 2>/dev/null; }
add --date "$Y-03-15" --title 学习二十大精神 --hours 8 --attendees 张三,李四,张山峰 >/dev/null &&
    add --date "$Y-06-01" --title 张三缺席的一课 --hours 3 --attendees 李四 --absent 张三:外出务工 >/dev/null &&
    add --date "$Y-12-31" --title 年终学习 --hours 4 --attendees 张三,李四 >/dev/null &&
    add --date "$N-01-01" --title 新年第一课 --hours 2.5 --attendees 张三 >/dev/null &&
    add --date "$P-12-31" --title 去年年终学习 --hours 3 --attendees 张三 >/dev/null || not_ok "add sessions"
v=$(add --date "$Y-05-01" --title 录错的一课 --hours 6 --attendees 张三,张山峰)
"$FX" --db "$DB" session void "$v" --reason 录错了 >/dev/null 2>&1 || not_ok "void a session"

# sum YEAR UUID: the yearly hours straight from the file, written as the screen writes numbers (12, 14.5).
sum() {
    id=$(sqlite3 "$DB" "SELECT id FROM member WHERE uuid = '$2'")
    s=$(sqlite3 "$DB" "select ifnull(sum(s.hours), 0) from attendance a join session s on s.id=a.session_id
        where a.member_id=$id and a.status=1 and s.voided=0 and substr(s.date,1,4)='$1'")
    printf '%g' "$s"
}

start "$DB" 80 24
wait_for "本月概况" || not_ok "home screen came up"
keys 6
expect "digit 6 opens 名册 with this year's hours" "本年学时"
snap roster

# Search by pinyin initials: zs finds 张三, 张山峰, 赵素 and no one else.
keys /
text zs
if wait_gone "李四" && wait_gone "王小明" && wait_gone "钱多多" && wait_for "赵素"; then
    case $(screen) in *"张山峰"*) ok "zs narrows the list to 张三, 张山峰, 赵素" ;; *) not_ok "zs narrows" "$(screen)" ;; esac
else
    not_ok "zs narrows the list" "$(screen)"
fi
keys Enter

# The record of 张三 (the first row): the total equals the SQL sum, this year and next.
keys Enter
expect "Enter opens the member's record" "党员培训档案"
hrs=$(sum "$Y" m-1)
expect "the year's total equals the SQL sum ($hrs)" "合计 $hrs 学时"
gap=$(awk -v h="$hrs" 'BEGIN { printf "%g", 32 - h }')
expect "how far behind 32 it is" "还差 $gap 学时"
expect "the absence shows with its reason" "缺席：外出务工"
case $(screen) in *录错的一课*) not_ok "the voided session is not on the record" ;; *) ok "the voided session is not on the record" ;; esac
case $(screen) in *"$Y-12-31"*) ok "the session of 12-31 counts this year" ;; *) not_ok "12-31 shows this year" "$(screen)" ;; esac
keys ]
expect "] shows next year" "◀ $N年 ▶"
hrs=$(sum "$N" m-1)
expect "next year's total is the 01-01 session ($hrs)" "合计 $hrs 学时"
keys [ [
expect "[ twice shows last year" "◀ $P年 ▶"
expect "last year's 12-31 counts there" "合计 $(sum "$P" m-1) 学时"
keys ]
wait_for "◀ $Y年 ▶"
keys Escape
wait_gone "党员培训档案"
keys Escape
if wait_for "钱多多"; then ok "Esc clears the search"; else not_ok "Esc clears the search"; fi

# The members behind, largest shortfall first, with how far behind.
keys w
expect "w shows the 未达标 list" "学时未达标：7 人"
gap=$(awk -v h="$(sum "$Y" m-2)" 'BEGIN { printf "%g", 56 - h }')
line=$(screen | grep "张山峰")
case $line in *"差 $gap"*) ok "张山峰 (书记) is $gap behind 56" ;; *) not_ok "张山峰 behind by $gap" "[$line]" ;; esac
first=$(screen | grep -m1 "差 ")
case $first in *赵素*"差 56"*) ok "the largest shortfall comes first" ;; *) not_ok "sorted by shortfall" "[$first]" ;; esac
keys w
wait_for "本年学时"

# Import a GBK file with CRLF and Chinese headers: the dry run, then confirm.
printf '姓名,所在党支部,联系电话\r\n周一,东风村党支部,13900000001\r\n吴二,新华社区党支部,13900000002\r\n郑五,东风村党支部,\r\n' |
    iconv -f UTF-8 -t GB18030 >"$T/members.csv"
before=$(sqlite3 "$DB" "SELECT count(*) FROM member")
keys i
expect "i opens the import form" "导入内容"
text "$T/members.csv"
keys Enter
expect "the dry run detects GBK" "GB18030"
expect "the dry run counts three new members" "新增 3，修改 0，不变 0，拒绝 0"
expect "the dry run lists the lines" "第4行  新增  郑五（东风村党支部）"
n=$(sqlite3 "$DB" "SELECT count(*) FROM member")
if [ "$n" = "$before" ]; then ok "the dry run writes nothing"; else not_ok "the dry run writes nothing" "$before → $n"; fi
keys Enter
expect "confirming asks once more" "确定导入吗"
keys y
expect "the import is done" "已导入党员：新增 3"
title_is "the title line says 已保存 with the time of the commit" "$SAVED_AT"
n=$(sqlite3 "$DB" "SELECT count(*) FROM member")
if [ "$n" = $((before + 3)) ]; then ok "three members added"; else not_ok "three members added" "$before → $n"; fi
name=$(sqlite3 "$DB" "SELECT b.name FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.name = '吴二'")
if [ "$name" = 新华社区党支部 ]; then ok "names and branches read right from GBK"; else not_ok "吴二's branch" "[$name]"; fi
keys Escape
wait_gone "导入完成"

# The same file again changes nothing.
keys i
wait_for "导入内容"
text "$T/members.csv"
keys Enter
expect "re-importing the same file changes nothing" "新增 0，修改 0，不变 3，拒绝 0"
keys Escape
wait_gone "试运行结果"

# A file with a refused line: the result says plainly that importing it as it is writes nothing (issue 18).
printf '姓名,所在党支部,联系电话\n钱六,东风村党支部,13900000006\n孙九,没有这个支部,13900000009\n' >"$T/bad.csv"
before=$(sqlite3 "$DB" "SELECT count(*) FROM member")
keys i
wait_for "导入内容"
text "$T/bad.csv"
keys Enter
expect "a refused line: importing as it is writes nothing" "有被拒绝的行，照此导入"
expect "…and the refused line is named" "第3行  孙九（没有这个支部）"
keys Escape
wait_gone "试运行结果"
n=$(sqlite3 "$DB" "SELECT count(*) FROM member")
if [ "$n" = "$before" ]; then ok "nothing written from the refused file"; else not_ok "nothing written" "$before → $n"; fi

# A refused line and a malformed file: the line number shown, nothing written.
printf '姓名,所在党支部,联系电话\r\n孙六,东风村党支部,13900000011\r\n钱七,不存在的支部,13900000012\r\n' >"$T/refused.csv"
keys i
wait_for "导入内容"
text "$T/refused.csv"
keys Enter
expect "a refused line is shown by number" "第3行  钱七（不存在的支部）"
expect "the counts say one refused" "拒绝 1"
keys Enter Escape
wait_gone "试运行结果"
printf '姓名,所在党支部,联系电话\r\n孙六,东风村党支部,13900000011\r\n"钱七,东风村党支部,139\r\n' >"$T/bad.csv"
keys i
wait_for "导入内容"
text "$T/bad.csv"
keys Enter
expect "a malformed file names its bad line" "第3行"
expect "and says what is wrong" "引号没有配对"
keys Escape
wait_gone "试运行结果"
n2=$(sqlite3 "$DB" "SELECT count(*) FROM member WHERE name IN ('孙六', '钱七')")
if [ "$n2" = 0 ]; then ok "refused and malformed files write nothing"; else not_ok "nothing written" "$n2 rows"; fi
keys i
wait_for "导入内容"
text "$T/nosuch.csv"
keys Enter
expect "a missing file is refused at the field" "找不到文件"
keys Escape
wait_for "放弃修改"
keys y
wait_gone "导入内容"

# A new member; the branch typed as initials opens the picker.
keys n
expect "n opens the member form" "新增党员"
text 孙八
keys Tab
text dfc
keys Enter Enter Enter Enter Enter Enter Enter Enter
expect "initials in the branch field open the branch picker" "选择所在党组织"
keys Enter
wait_gone "新增党员"
# The form goes before its row is committed on a busy machine: poll the ledger briefly.
for _ in 1 2 3 4 5 6 7 8 9 10; do
    b=$(sqlite3 "$DB" "SELECT b.name FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.name = '孙八'")
    [ -n "$b" ] && break
    sleep 0.3
done
if [ "$b" = 东风村党支部 ]; then ok "the new member is saved in the chosen branch"; else not_ok "孙八 saved" "[$b]"; fi

# 转出/停用: the day (today unless changed) and the reason asked; active = 0, gone from the list, the history kept.
keys /
text 孙八
keys Enter
wait_gone "钱多多"
keys d
expect "d asks for the day and the reason" "转出/停用：孙八"
expect "…the day, today by default" "$FENXIAO_TODAY"
keys Enter Right Enter
if wait_gone "孙八 "; then ok "the member who left leaves the list"; else not_ok "孙八 leaves the list" "$(screen)"; fi
a=$(sqlite3 "$DB" "SELECT m.active || '|' || t.until || '|' || t.until_reason FROM member m JOIN member_term t ON t.member_id = m.id WHERE m.name = '孙八'")
if [ "$a" = "0|$FENXIAO_TODAY|停用" ]; then ok "off the register from today (停用), not deleted"; else not_ok "active = 0, term ended today, 停用" "[$a]"; fi

keys Escape
wait_for "钱多多"

# Branches: a new one from the list of branches, another's secretary edited; the filter by branch.
keys b
expect "b lists the branches" "＋ 新建党组织"
keys Enter
expect "the first row makes a new branch" "新建党组织"
text 红星企业党支部
keys Enter Enter
text 陈书记
keys Enter Enter
wait_gone "党组织名称"
n=$(sqlite3 "$DB" "SELECT count(*) FROM branch WHERE name = '红星企业党支部' AND secretary = '陈书记'")
if [ "$n" = 1 ]; then ok "a new branch is saved"; else not_ok "a new branch is saved" "$n"; fi
keys b
wait_for "＋ 新建党组织"
text xhsq
wait_gone "＋ 新建党组织"
keys Enter
expect "a branch opens for editing" "修改党组织"
keys Tab Tab
text 刘书记
keys Enter Enter
wait_gone "修改党组织"
s=$(sqlite3 "$DB" "SELECT secretary FROM branch WHERE uuid = 'b-2'")
if [ "$s" = 刘书记 ]; then ok "a branch edited in place"; else not_ok "a branch edited in place" "[$s]"; fi
keys f
expect "f chooses a branch to show" "按党组织筛选"
text dfc
wait_gone "（全部党组织）"
keys Enter
if wait_for "东风村党支部 · " && wait_gone "钱多多"; then ok "the list shows only that branch"; else not_ok "filter by branch" "$(screen)"; fi
keys f
wait_for "（全部党组织）"
keys Enter
expect "（全部党组织） shows everyone again" "钱多多"

keys q
expect "quits" "[exit 0]"
