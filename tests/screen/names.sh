#!/bin/sh
# names.sh — the screens forgiving as people expect (issue 18): two 张伟 in one branch told apart in the roll call by
# their 身份 and the last four digits of their phone; a date after today asks before it is saved; the roster in pinyin
# order with surnames read as surnames (单 shan, 曾 zeng, 欧阳 ouyang), the rows written by sqlite3 here included.
. "$(dirname "$0")/lib.sh"

DB=$T/n.db
"$FX" --db "$DB" init --unit 测试镇党校分校 >/dev/null 2>&1 || { not_ok "init"; exit 1; }
sqlite3 "$DB" "
INSERT INTO branch (uuid, unit_id, name, kind) VALUES ('b1', 1, '东港村党支部', '村');
INSERT INTO member (uuid, branch_id, name, role, category, phone) VALUES
 ('m1', 1, '张伟', '普通党员', '预备党员', '138-1234-5678'),
 ('m2', 1, '张伟', '普通党员', '正式党员', '13900000042'),
 ('m3', 1, '李红梅', '普通党员', '正式党员', '13700001111');
INSERT INTO branch (uuid, unit_id, name, kind) VALUES ('b2', 1, '西岭村党支部', '村');
INSERT INTO member (uuid, branch_id, name, role) VALUES
 ('p1', 2, '曾晓燕', '普通党员'), ('p2', 2, '欧阳建国', '普通党员'), ('p3', 2, '单志强', '普通党员'),
 ('p4', 2, '安然', '普通党员');" || not_ok "fill the roster"

# A session with both 张伟, 李红梅 and a guest from 西岭村, for the 台账 detail view below (made before any screen holds the ledger).
FENXIAO_TODAY=2026-12-05 "$FX" --db "$DB" session add --date 2026-12-01 --title 同名详情 --category 政治理论教育 \
    --format 集中培训 --hours 2 --branch 东港村党支部 --attendees 1,2,3 --guests 安然 >/dev/null 2>&1 ||
    not_ok "a session with both 张伟"

# ---- the roll call: the two 张伟 with 身份 and phone tail, 李红梅 by name alone ----
start "$DB" 80 24
wait_for "本月概况" || not_ok "home screen came up"
keys 2 n
wait_for "新建培训记录" || not_ok "n opens the new-session form"
keys Tab Tab Tab Tab
text 同名测试
# title → category, format, kind, plan item, teacher, venue, branches: typing there opens the branch picker
keys Tab Tab Tab Tab Tab Tab Tab
text dgc
wait_for "参训党组织（已选 0 个）" >/dev/null
keys Enter
wait_for "参训党组织（已选 1 个）" >/dev/null
keys Escape
expect "the roll call follows the branch: 应到 3" "应到 3  实到 0"
keys Tab
text 2
keys F2
expect "saving the form opens the roll call" "点名："
screen >"$T/rc.txt"
grep -q "张伟 .*预备党员，尾号5678（东港村党支部）" "$T/rc.txt" && ok "the first 张伟 shows 预备党员 and 5678" ||
    not_ok "the first 张伟" "$(grep 张伟 "$T/rc.txt")"
grep -q "张伟 .*正式党员，尾号0042（东港村党支部）" "$T/rc.txt" && ok "the second 张伟 shows 正式党员 and 0042" ||
    not_ok "the second 张伟" "$(grep 张伟 "$T/rc.txt")"
grep "李红梅" "$T/rc.txt" | grep -q "尾号" && not_ok "李红梅 has no namesake: no tail" "$(grep 李红梅 "$T/rc.txt")" ||
    ok "李红梅 has no namesake: shown by branch alone"
keys Escape

# ---- the 台账 detail view's 点名 lines tell the two 张伟 apart the same way ----
start "$DB" 80 24 FENXIAO_TODAY=2026-12-05
wait_for "本月概况" || not_ok "home screen came up"
keys 2
wait_for "同名详情" || not_ok "the session is listed"
keys Enter
expect "Enter opens the detail with its roll call" "点名（4 人）"
screen >"$T/detail.txt"
grep -q "张伟 .*预备党员，尾号5678（东港村党支部）" "$T/detail.txt" && ok "detail: the first 张伟 shows 预备党员 and 5678" ||
    not_ok "detail: the first 张伟" "$(grep 张伟 "$T/detail.txt")"
grep -q "张伟 .*正式党员，尾号0042（东港村党支部）" "$T/detail.txt" && ok "detail: the second 张伟 shows 正式党员 and 0042" ||
    not_ok "detail: the second 张伟" "$(grep 张伟 "$T/detail.txt")"
grep "李红梅" "$T/detail.txt" | grep -q "尾号" && not_ok "detail: 李红梅 by branch alone" "$(grep 李红梅 "$T/detail.txt")" ||
    ok "detail: 李红梅 has no namesake: shown by branch alone"
grep -q "安然 .*西岭村党支部  外" "$T/detail.txt" && ok "detail: the guest from another branch is marked 外" ||
    not_ok "detail: the guest marked 外" "$(grep 安然 "$T/detail.txt")"
keys Escape q

# ---- a date after today asks (是/否) before saving; 否 leaves the form with nothing written ----
start "$DB" 80 24 FENXIAO_TODAY=2026-12-05
wait_for "本月概况" || not_ok "home screen came up"
keys 2 n
wait_for "新建培训记录" || not_ok "n opens the new-session form"
keys C-u
text 2027-06-30
keys Tab Tab Tab Tab
text 将来的课
# title → category, format, kind, plan item, teacher, venue, branches, hours
keys Tab Tab Tab Tab Tab Tab Tab Tab
text 2
keys F2
expect "a date after today asks first" "培训日期 2027-06-30 晚于今天（2026-12-05）"
keys n
expect "否: back in the form, nothing saved" "没有保存：培训日期 2027-06-30 晚于今天"
sql_is "…and nothing is in the ledger" "$DB" "SELECT count(*) FROM session WHERE title = '将来的课'" 0
keys F2
expect "the save key asks again" "日期晚于今天"
keys y
wait_gone "新建培训记录"
sql_is "是: saved on 2027-06-30" "$DB" "SELECT date FROM session WHERE title = '将来的课'" 2027-06-30
keys q

# ---- the roster by pinyin: 单志强 under S, 曾晓燕 under Z, 欧阳建国 under O (not by code point: 单 张 曾 李 欧阳) ----
start "$DB" 80 24 FENXIAO_TODAY=2026-12-05
wait_for "本月概况" || not_ok "home screen came up"
keys 6
wait_for "本年学时" || not_ok "6 opens the roster"
order=$(screen | grep -o '安然\|李红梅\|欧阳建国\|单志强\|曾晓燕\|张伟' | tr '\n' ' ')
want="安然 李红梅 欧阳建国 单志强 曾晓燕 张伟 张伟 "
if [ "$order" = "$want" ]; then ok "the roster in pinyin order: $want"; else not_ok "the roster in pinyin order" "[$order]"; fi
keys q
