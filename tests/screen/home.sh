#!/bin/sh
# home.sh — the frame and the home screen in an 80x24 pane: unit name, six tabs, key bar, nothing past 80 columns.
# Also: tabs switch by digit, help opens and closes, q quits and restores the terminal.
. "$(dirname "$0")/lib.sh"

ledger "$T/a.db" || { not_ok "make a test ledger"; exit 1; }
start "$T/a.db" 80 24
expect "home shows the unit name" "城东街道党校分校"
expect "home shows the six tabs" "1总览   2台账   3菜单   4清单   5报表   6名册"
# The key bar holds the F-keys that act on this screen, and only those.
expect "home shows the key bar" "F1帮助 F4编辑 F7查找 F10退出"
expect "home shows this month's figures" "在册党员 7 人"
expect "home shows members behind on hours" "学时未达标党员：7 人"
expect "home shows the “八个一” progress from core/standard.c" "“八个一”进度：0/8 项已完成"
w=$(widest)
if [ "$w" -le 80 ]; then ok "every line within 80 columns"; else not_ok "every line within 80 columns" "widest $w"; fi

# The whole screen, with the date masked, against the expected one kept in tests/.
snap home

keys 2
if wait_for "2台账" && wait_gone "本月概况"; then ok "digit 2 leaves the home screen"; else not_ok "digit 2 leaves the home screen"; fi
keys 1
expect "digit 1 comes back to 总览" "本月概况"

keys '?'
expect "? opens the help" "F7 / /"
keys Escape
if wait_gone "F7 / /"; then ok "Esc closes the help"; else not_ok "Esc closes the help"; fi
keys F1
expect "F1 opens the help too" "帮助：总览"
keys Enter
if wait_gone "帮助：总览"; then ok "Enter closes the help"; else not_ok "Enter closes the help"; fi

keys q
expect "q quits with status 0" "[exit 0]"
case $(screen) in *"F10退出"*) not_ok "the terminal is restored after quitting" ;; *) ok "the terminal is restored after quitting" ;; esac

# Colours by default; none at all with NO_COLOR set (https://no-color.org).
sgr_colours() { tm capture-pane -e -p -t fx 2>/dev/null | grep -c "$(printf '\033')\[[0-9;]*[34][0-7]m"; }
start "$T/a.db" 80 24
wait_for "本月概况"
if [ "$(sgr_colours)" -gt 0 ]; then ok "colours on a colour terminal"; else not_ok "colours on a colour terminal"; fi
keys q
wait_for "[exit 0]"
start "$T/a.db" 80 24 NO_COLOR=1
wait_for "本月概况"
if [ "$(sgr_colours)" -eq 0 ]; then ok "NO_COLOR: no colours"; else not_ok "NO_COLOR: no colours"; fi
case $(tm capture-pane -e -p -t fx) in *"$(printf '\033')[7m"*) ok "NO_COLOR: reverse video still marks the title and tab" ;; *) not_ok "NO_COLOR keeps reverse video" ;; esac
keys q
wait_for "[exit 0]"

# The demo ledger: a long unit name and a busy month in the same frame; the month's figures as sqlite3 counts them.
demo_ledger "$T/demo.db" || not_ok "make a demo ledger"
M=$(echo "$FENXIAO_TODAY" | cut -c1-7)
# Training kinds only (issue 14): the meetings of the month are in the 三会一课记录, not in these figures.
month="FROM session s WHERE voided = 0 AND date BETWEEN '$M-01' AND '$M-31'
    AND ifnull((SELECT class FROM vocab WHERE kind = 'kind' AND name = s.kind), '培训') = '培训'"
start "$T/demo.db" 80 24
expect "demo ledger: the unit name in the title" "分校台账 · 示例镇党校分校"
expect "demo ledger: the six tabs" "1总览   2台账   3菜单   4清单   5报表   6名册"
expect "demo ledger: this month's sessions" "期数 $(sqlite3 "$T/demo.db" "SELECT count(*) $month") 期"
expect "demo ledger: this month's person-times" "人次 $(sqlite3 "$T/demo.db" "SELECT ifnull(sum(present), 0) $month") 人次"
expect "demo ledger: this month's hours" "学时 $(sqlite3 "$T/demo.db" "SELECT printf('%.1f', ifnull(sum(hours), 0)) $month")"
expect "demo ledger: the party members on the register (activists apart)" \
    "在册党员 $(sqlite3 "$T/demo.db" "SELECT count(*) FROM member m WHERE EXISTS (SELECT 1 FROM member_term t
        WHERE t.member_id = m.id AND t.category IN ('正式党员', '预备党员') AND t.since <= date('$M-01', '+1 month', '-1 day')
        AND (t.until = '' OR t.until > date('$M-01', '+1 month', '-1 day')))") 人"
expect "demo ledger: the key bar" "F10退出"
w=$(widest)
if [ "$w" -le 80 ]; then ok "demo ledger: every line within 80 columns"; else not_ok "demo ledger: within 80 columns" "widest $w"; fi
keys F10
expect "F10 quits" "[exit 0]"

# LANG=C (issue 18): the locale's codeset is not UTF-8, so the program takes a UTF-8 character type
# (C.UTF-8) and the home screen is in correct Chinese, not garbled.
start "$T/a.db" 80 24 LANG=C LC_ALL=C
expect "LANG=C: the unit name is drawn in Chinese" "城东街道党校分校"
expect "LANG=C: the tabs are drawn in Chinese" "1总览   2台账   3菜单   4清单   5报表   6名册"
expect "LANG=C: the key bar too" "F1帮助 F4编辑 F7查找 F10退出"
keys q
expect "LANG=C: q quits with status 0" "[exit 0]"

# A key typed while the program starts (before the terminal has answered the ambiguous-width question)
# is not swallowed by that question: 2 typed at once still opens the ledger.
start "$T/a.db" 80 24
keys 2
expect "a key typed during start-up still acts" "◀"
keys q
expect "…and q quits" "[exit 0]"

# The year's plan on 总览 (issue 15): whether the year is opened, plan against actual, the overdue items in red.
# Its own calendar: 2026-12-05, so January's item is overdue and December's not yet due.
ledger "$T/p.db" || not_ok "make a ledger for the plan"
printf '月份,标题,内容类别,类型\n1月,一月党课,政治理论教育,专题党课\n12月,年终培训班,政治理论教育,培训班\n' >"$T/plan.csv"
FENXIAO_TODAY=2026-12-05 "$FX" --db "$T/p.db" plan import "$T/plan.csv" --year 2026 >/dev/null 2>&1 \
    || not_ok "import a two-item plan"
FENXIAO_TODAY=2026-12-05 "$FX" --db "$T/p.db" open-year 2026 >/dev/null 2>&1 || not_ok "open 2026"
start "$T/p.db" 80 24 FENXIAO_TODAY=2026-12-05
expect "the plan line says the year is opened, with plan against actual" "年度计划：2026年已建账，计划 2 项，已完成 0，未到期 1"
expect "…and names the overdue item" "，逾期 1：一月党课"
red=$(printf '\033')
case $(tm capture-pane -e -p -t fx | grep "一月党课") in
*"$red["*31m*"逾期"*) ok "…in red" ;;
*) not_ok "…in red" "$(tm capture-pane -e -p -t fx | grep "一月党课" | od -c | head -5)" ;;
esac
keys q
expect "q quits" "[exit 0]"

# Coming back to 总览 keeps the figures read last time only while nothing has changed (issue 22: at county scale
# they take a few hundred milliseconds): back from 台账 they are the same; a session voided in 台账 is gone from
# them at once.
ledger "$T/k.db" || not_ok "make a ledger for coming back"
"$FX" --db "$T/k.db" session add --date "${FENXIAO_TODAY%-*}-01" --title 本月第一课 --category 政治理论教育 \
    --format 集中培训 --hours 2 >/dev/null 2>&1 || not_ok "a session of this month"
start "$T/k.db" 80 24
expect "总览 counts this month's session" "期数 1 期"
keys 2
wait_for "本月第一课"
keys 1
expect "back from 台账, the same figures" "期数 1 期"
keys 2
wait_for "本月第一课"
keys d
expect "d asks before voiding" "作废培训记录"
keys y
expect "then the reason" "作废原因"
text 重复录入
keys Enter
expect "the session is voided" "另有作废 1 条"
keys 1
expect "back on 总览, the voided session is no longer counted" "期数 0 期"
keys q
expect "q quits" "[exit 0]"
