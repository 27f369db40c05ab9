#!/bin/sh
# branches.sh — every 党组织 picker as a person meets it: the 台账 filter and 参训党组织, 点单, and the 名册 filter,
# branch list and member form; pinyin search, ticks, the screen's own first row, paging, and each whole screen kept in expected/.
. "$(dirname "$0")/lib.sh"

DB=$T/b.db
ledger "$DB" || { not_ok "make a test ledger"; exit 1; }
# A name too long for its column (cut with …), and seventy more branches so a picker pages past its first 64 rows.
sqlite3 "$DB" "
UPDATE branch SET secretary = '王书记' WHERE uuid = 'b-1';
INSERT INTO branch (uuid, unit_id, name, kind, secretary) VALUES
  ('b-3', 1, '城东街道机关第一党支部与城东街道机关第二党支部联合党支部委员会', '机关', '欧阳书记很长的名字');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70)
  INSERT INTO branch (uuid, unit_id, name, kind) SELECT 'p-' || i, 1, '测试党支部' || printf('%02d', i), '企业' FROM n;
INSERT INTO course (uuid, unit_id, title, category, format) VALUES ('c-1', 1, '党章学习', '党章党规党纪教育', '集中培训');" ||
    { not_ok "fill the ledger"; exit 1; }

start "$DB" 80 24
wait_for "本月概况" || not_ok "home screen came up"

# ---- 台账 filter: one branch, the current one ticked; Backspace clears the field ----
keys 2
wait_for "共 0 期"
keys F7
expect "F7 opens the ledger filter" "筛选台账"
keys BTab
text dfc
expect "initials on the branch field open the picker" "选择党组织"
expect "dfc finds 东风村党支部" "│ [ ] 东风村党支部"
wait_gone "│ [ ] 新华社区党支部"
snap branches-ledger-filter
keys Enter
expect "Enter puts the branch in the field" "参训党组织 东风村党支部"
keys Space
expect "Space opens the picker on every branch" "│ [ ] 新华社区党支部"
expect "the branch in the field is ticked" "│ [✓] 东风村党支部"
snap branches-ledger-filter-ticked
keys End
expect "End pages to the last branch" "│ [ ] 测试党支部70"
keys Escape
wait_gone "选择党组织"
expect "Esc keeps the branch" "参训党组织 东风村党支部"
keys BSpace
expect "Backspace clears the branch" "参训党组织 （空格选择）"
keys Escape
wait_for "放弃修改"
keys y
wait_gone "筛选台账"

# ---- 台账 new session: 参训党组织, ticked one after another, Enter again unticks ----
keys n
expect "n opens the new-session form" "新建培训记录"
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
text dfc
expect "typing on the branch field opens the multi-select picker" "参训党组织（已选 0 个）"
keys Enter
expect "Enter ticks and the picker comes back afresh" "参训党组织（已选 1 个）"
expect "the ticked branch shows its tick" "│ [✓] 东风村党支部"
snap branches-ledger-target
text xhsq
wait_gone "│ [✓] 东风村党支部"
keys Enter
expect "a second branch is ticked" "参训党组织（已选 2 个）"
keys Down Down
keys Enter
expect "Enter on a ticked branch unticks it" "参训党组织（已选 1 个）"
keys Escape
wait_gone "参训党组织（已选"
expect "the form shows the branch kept" "东风村党支部"
keys Escape
wait_for "放弃修改"
keys y
wait_gone "新建培训记录"

# ---- 菜单 点单: the branch that orders ----
keys 3
wait_for "内容类别"
keys o
wait_for "s 排课"
keys F2
expect "F2 orders: the course picker" "点单：选择课程"
keys Enter
expect "then the branch picker" "点单的党组织"
expect "with each branch's secretary" "王书记"
snap branches-menu-order
text xhsq
if wait_for "│ 新华社区党支部" && wait_gone "│ 东风村党支部"; then ok "xhsq narrows to 新华社区党支部"; else not_ok "xhsq narrows" "$(screen)"; fi
keys Escape
wait_gone "查找：xhsq"
keys End
expect "End pages to the last branch" "│ 测试党支部70"
keys Home
wait_for "│ 东风村党支部"
keys Down
keys Enter
expect "the order form names the branch chosen (cut with …)" "┌─ 点单：城东街道机关第一党支部与城东街道机关第二党支部联合党支部… ──┐"
keys F2
expect "the order is placed" "已点单 党章学习"
sql_is "the order is the chosen branch's" "$DB" "SELECT b.uuid FROM course_order o JOIN branch b ON b.id = o.branch_id" b-3

# ---- 名册: filter (全部 first), branch list (新建 first), member form ----
keys 6
wait_for "全部党组织 · "
keys f
expect "f opens the branch filter" "按党组织筛选"
expect "its first row shows everyone" "│ （全部党组织）"
expect "each branch shows its members" "3人"
snap branches-roster-filter
text xhsq
wait_gone "│ （全部党组织）"
keys Enter
expect "the list shows that branch" "新华社区党支部 · 4 人"
keys f
wait_for "│ （全部党组织）"
keys End
expect "End pages past the first row" "│ 测试党支部70"
keys Home Enter
expect "（全部党组织） shows everyone again" "全部党组织 · 7 人"
keys b
expect "b lists the branches, new first" "│ ＋ 新建党组织"
snap branches-roster-branches
text dfc
wait_gone "＋ 新建党组织"
keys Enter
expect "Enter edits the branch" "修改党组织"
keys Escape
wait_gone "修改党组织"
keys n
expect "n opens the member form" "新增党员"
text 孙八
keys Tab
text xhsq
keys Enter Enter Enter Enter Enter Enter Enter Enter
expect "initials in the branch field open the picker" "选择所在党组织"
expect "the picker starts from what was typed" "查找：xhsq"
snap branches-roster-member
keys Enter
wait_gone "新增党员"
sql_is "the member is saved in the branch picked" "$DB" \
    "SELECT b.uuid FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.name = '孙八'" b-2

keys q
expect "quits" "[exit 0]"
