#!/bin/sh
# menu.sh — the 菜单 screen on a demo ledger: seven categories with their counts, aligned course lists,
# ordering a course, scheduling and delivering it into the ledger, retiring a course, printing the menu (text, PDF).
. "$(dirname "$0")/lib.sh"

DB="$T/demo.db"
demo_ledger "$DB" || { not_ok "make a demo ledger"; exit 1; }
q() { sqlite3 "$DB" "$1"; }
# The course retired below has past sessions to keep their title: the demo draws its courses at random
# for the day it is made, so one is recorded here whatever the day (a day of this month).
"$FX" --db "$DB" session add --date "$(echo "$FENXIAO_TODAY" | cut -c1-8)01" --title 纪律处分条例解读 \
    --category 党章党规党纪教育 --format 专题党课 --kind 专题党课 --hours 2 >/dev/null 2>&1 ||
    not_ok "record a past session of 纪律处分条例解读"

# display_col TEXT: the display column (0-based) where TEXT last starts on each line of the two panes
# (those crossed by the │ between them) that holds it.
display_col() {
    screen | "$PY" -c '
import sys, unicodedata
want = sys.argv[1]
for line in sys.stdin.read().split("\n"):
    i = line.rfind(want)
    if i >= 0 and "│" in line:
        print(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line[:i]))' "$1"
}

start "$DB" 80 24
wait_for "本月概况" || not_ok "home screen came up"
keys 3
expect "digit 3 opens the menu" "内容类别"

# 1. The seven categories, each with the count of offered courses sqlite3 finds.
n=0 bad=""
s=$(screen)
for row in $(q "SELECT category || ':' || count(*) FROM course WHERE retired = 0 GROUP BY category"); do
    cat=${row%%:*} cnt=${row##*:}
    n=$((n + 1))
    printf '%s\n' "$s" | grep -Eq "^$cat +$cnt│" || bad="$bad $cat=$cnt"
done
if [ "$n" = 7 ] && [ -z "$bad" ]; then ok "the 7 categories show their course counts"; else not_ok "category counts" "n=$n missing:$bad
$s"; fi
total=$(q "SELECT count(*) FROM course WHERE retired = 0")
expect "the total is shown" "合计 $total 门"
w=$(widest)
if [ "$w" -le 80 ]; then ok "every line within 80 columns"; else not_ok "every line within 80 columns" "widest $w"; fi
snap menu

# 2. Open 党章党规党纪教育 (third): its courses, Chinese titles in columns that line up.
keys Down Down Enter
cat3=$(q "SELECT name FROM vocab WHERE kind = 'category' ORDER BY ord LIMIT 1 OFFSET 2")
first=$(q "SELECT c.title FROM course c WHERE c.category = '$cat3' AND retired = 0 ORDER BY module, title LIMIT 1")
expect "the third category shows its first course" "$first"
rows=0 cols=""
for f in $(q "SELECT DISTINCT format FROM course WHERE category = '$cat3' AND retired = 0"); do
    for c in $(display_col "$f"); do
        rows=$((rows + 1))
        case " $cols " in *" $c "*) ;; *) cols="$cols $c" ;; esac
    done
done
head=$(display_col "形式")
if [ "$rows" -ge 3 ] && [ "$cols" = " $head" ]; then
    ok "the 形式 column starts at column $head on all $rows course rows"
else
    not_ok "formats line up under 形式" "rows=$rows at columns [$cols], header at $head
$(screen)"
fi
for t in $(q "SELECT DISTINCT ifnull(t.name, '') FROM course c JOIN teacher t ON t.id = c.teacher_id WHERE c.category = '$cat3' AND c.retired = 0"); do
    display_col "$t"
done | sort -u >"$T/tcols"
if [ "$(wc -l <"$T/tcols")" = 1 ]; then ok "teachers line up too"; else not_ok "teachers line up" "$(cat "$T/tcols")"; fi
w=$(widest)
if [ "$w" -le 80 ]; then ok "course list within 80 columns"; else not_ok "course list within 80 columns" "widest $w"; fi

# 3. Order a course for a branch, schedule it, deliver it.
course=党的创新理论微党课
cid=$(q "SELECT id FROM course WHERE title = '$course'")
keys /
expect "/ searches the menu" "查找课程"
text cxll
expect "pinyin initials find the course" "│ $course"
keys Enter
expect "the list jumps to the course found" "《$course》"
keys Enter
expect "Enter on a course orders it: branch picker" "点单的党组织"
text jqc
expect "the branch picker finds 金桥村 by pinyin" "│ 金桥村党支部"
keys Enter
expect "the order form names branch and course" "点单：金桥村党支部 点《$course》"
text 2030-05-06
keys Enter
text 村里点单
keys Enter
expect "the order is placed" "已点《$course》"
oid=$(q "SELECT max(id) FROM course_order")
st=$(q "SELECT state || '|' || wanted_date || '|' || course_id FROM course_order WHERE id = $oid")
if [ "$st" = "已点单|2030-05-06|$cid" ]; then ok "course_order row is 已点单 with the wanted date"; else not_ok "order row" "$st"; fi

keys o
expect "o shows the orders" "s 排课"
expect "the new order is listed first as 已点单" "已点单 $course"
keys s
expect "s schedules: date prefilled from the wanted date" "上课日期* 2030-05-06"
keys F2
expect "the order is scheduled" "已排课 $course"
keys w
# Delivering opens the ledger screen's new-session form, filled from the course and order;
# F2 saves from any field, then comes the roll call of the ordering branch.
expect "deliver opens the prefilled ledger form" "点单交付：录入培训记录"
expect "the form carries the course's title" "$course"
keys F2
# The wanted date (2030) is after today: the form asks first (issue 18), and 是 goes on.
expect "a date after today asks first" "培训日期 2030-05-06 晚于今天"
keys y
expect "then the roll call of the ordering branch" "点名："
keys Enter
# Nobody is ticked present: saving asks first (the issue's saving rule).
expect "a roll call with nobody present asks first" "点名里没有一个人到会"
keys y
expect "the order shows 已完成" "已完成 $course"
sid=$(q "SELECT session_id FROM course_order WHERE id = $oid AND state = '已完成'")
if [ -n "$sid" ]; then ok "course_order.session_id links the session ($sid)"; else not_ok "order linked to a session"; fi
got=$(q "SELECT s.title || '|' || s.category || '|' || s.teacher_id || '|' || s.hours || '|' || s.date FROM session s WHERE s.id = '$sid'")
want=$(q "SELECT title || '|' || category || '|' || teacher_id || '|' || hours || '|2030-05-06' FROM course WHERE id = $cid")
if [ -n "$got" ] && [ "$got" = "$want" ]; then ok "the session has the course's title, category, teacher and hours"; else not_ok "session from course" "got [$got] want [$want]"; fi
expect "the order points at its ledger record" "台账记录 $sid"

# 4. Retire a course with past sessions: gone from ordering, its sessions keep their title.
old=纪律处分条例解读
oldid=$(q "SELECT id FROM course WHERE title = '$old'")
past=$(q "SELECT count(*) FROM session WHERE title = '$old' AND voided = 0")
keys c
expect "c returns to the courses" "内容类别"
keys F7
text 纪律处分
expect "search by Chinese text" "│ $old"
keys Enter
expect "jumps to the course" "《$old》"
keys d
expect "d asks before retiring" "停用课程《$old》？"
keys y
expect "the course is retired" "课程《$old》已停用"
r=$(q "SELECT retired FROM course WHERE id = $oldid")
if [ "$r" = 1 ]; then ok "course.retired = 1"; else not_ok "course.retired" "$r"; fi
if wait_gone "$old  "; then ok "a retired course leaves the menu"; else not_ok "retired course hidden" "$(screen)"; fi
keys o
expect "back to the orders" "s 排课"
keys F2
expect "F2 orders: the course picker" "点单：选择课程"
text 纪律
if wait_for "（没有内容）" && ! screen | grep -q "│ $old"; then ok "a retired course cannot be ordered"; else not_ok "retired course offered" "$(screen)"; fi
keys Escape Escape
wait_gone "点单：选择课程"
after=$(q "SELECT count(*) FROM session WHERE title = '$old' AND voided = 0")
if [ "$past" -ge 1 ] && [ "$after" = "$past" ]; then ok "its $past past sessions keep their title"; else not_ok "past sessions keep title" "$past → $after"; fi

# 5. Print the menu of one category to a text file whose path is shown.
keys c
expect "courses again" "内容类别"
keys p
expect "p opens the print form" "打印培训菜单"
keys F2
expect "the path is shown" "$HOME/培训菜单.txt"
keys Enter
if [ -s "$HOME/培训菜单.txt" ] && grep -q "培训菜单" "$HOME/培训菜单.txt"; then ok "the menu file is written"; else not_ok "menu file"; fi
wide=$("$PY" -c '
import sys, unicodedata
print(max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$HOME/培训菜单.txt")
if [ "$wide" -le 80 ]; then ok "the printed menu fits 80 columns"; else not_ok "printed menu width" "$wide"; fi
if ! grep -q "$old" "$HOME/培训菜单.txt"; then ok "the printed menu leaves out the retired course"; else not_ok "retired course printed"; fi
# The same category as PDF: the report model's menu, the name following the format, the file 0600.
keys p
expect "p opens the print form again" "打印培训菜单"
keys Tab Right Right F2
expect "the PDF path is shown" "$HOME/培训菜单.pdf"
keys Enter
if [ -s "$HOME/培训菜单.pdf" ] && [ "$(stat -c %a "$HOME/培训菜单.pdf")" = 600 ]; then ok "the menu PDF is written, 0600"; else
    not_ok "menu PDF" "$(ls -l "$HOME")"; fi
if command -v pdftotext >/dev/null 2>&1; then
    if pdftotext "$HOME/培训菜单.pdf" - 2>/dev/null | grep -q "培训菜单"; then ok "the menu PDF has its title"; else
        not_ok "menu PDF title"; fi
else
    ok "# SKIP pdftotext is not installed"
fi

# 6. The teacher pool: training sessions taught this year (as the teachers report counts them, issue 17), then
# 学时, 人次 and 满意度.
keys t
expect "t shows the teacher pool" "满意度"
name=$(q "SELECT name FROM teacher WHERE active = 1 ORDER BY name, id LIMIT 1")
n=$(q "SELECT count(s.id) FROM teacher t LEFT JOIN session s ON s.teacher_id = t.id AND s.voided = 0
       AND s.date BETWEEN strftime('%Y', '$FENXIAO_TODAY') || '-01-01' AND strftime('%Y', '$FENXIAO_TODAY') || '-12-31'
       AND ifnull((SELECT class FROM vocab WHERE kind = 'kind' AND name = s.kind), '培训') = '培训'
       WHERE t.name = '$name'")
if screen | grep -Eq "^$name .* $n +[0-9.]+ +[0-9]+ +(—|[0-9.]+%)\$"; then ok "$name taught $n sessions this year"; else not_ok "teacher count" "$name $n
$(screen)"; fi
keys F2
expect "F2 adds a teacher" "新建教师"
text 测试老师
keys Tab Right Tab Right
keys F2
expect "the teacher is saved" "教师 测试老师 已保存"
t=$(q "SELECT employment || type FROM teacher WHERE name = '测试老师'")
if [ "$t" = 专职领导型 ]; then ok "choices are stored"; else not_ok "teacher choices" "$t"; fi

# 7. Import courses from CSV: the dry run shows refused lines by number and writes nothing.
printf '%s\r\n' '课程名称,内容类别,形式,学时' '新课程甲,政治理论教育,微党课,1' '坏课程,不存在的类别,微党课,1' >"$T/c.csv"
keys c i
expect "i opens the import form" "从 CSV 导入"
keys Enter
text "$T/c.csv"
keys Enter
expect "the dry run names the refused line" "第 3 行"
keys Enter
if [ "$(q "SELECT count(*) FROM course WHERE title = '新课程甲'")" = 0 ]; then ok "a refused line keeps the whole file out"; else not_ok "partial import"; fi
head -2 "$T/c.csv" >"$T/good.csv"
keys i Enter
text "$T/good.csv"
keys Enter
expect "a clean file asks to import" "现在导入？"
keys y
expect "and imports" "已导入课程：新增 1"
if [ "$(q "SELECT count(*) FROM course WHERE title = '新课程甲'")" = 1 ]; then ok "the course is in the ledger"; else not_ok "import wrote"; fi

keys q
expect "quits" "[exit 0]"
