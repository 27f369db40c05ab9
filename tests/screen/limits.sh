#!/bin/sh
# limits.sh — issue 21 on the screen: a field takes what the command line takes. An invisible character
# (zero-width, bidi control) typed or pasted is refused, said under the field and never stored; a field
# stops at its limit in characters (core/text_limits.h) and says so.
. "$(dirname "$0")/lib.sh"

DB=$T/l.db
ledger "$DB" || { not_ok "make a test ledger"; exit 1; }
start "$DB" 80 24
wait_for "1总览" || not_ok "home screen came up"
keys 6
wait_for "名册" || not_ok "the roster came up"
keys n
expect "n opens the member form" "新增党员"
text "$(printf '周\342\200\213九\342\200\256')"
expect "a typed zero-width or bidi character is refused, and said" "不能含看不见的字符"
if screen | grep -q "$(printf '\357\277\275')"; then
    not_ok "… and not shown as U+FFFD"
else
    ok "… and not shown as U+FFFD"
fi
keys C-u
text "$(awk 'BEGIN { for (i = 0; i < 30; i++) printf "长" }')"
expect "the name stops at its limit and says so" "姓名最多 25 个字"
keys C-u
text 周九
keys Tab
text dfc
keys Enter Enter Enter Enter Enter Enter Enter Enter
expect "the branch picker opens" "选择所在党组织"
keys Enter
wait_gone "新增党员"
sql_is "the member is saved without the invisible characters" "$DB" \
    "SELECT count(*) FROM member WHERE name = '周九'" 1
sql_is "… and nothing invisible reached the ledger" "$DB" \
    "SELECT count(*) FROM member WHERE name LIKE '%' || char(8203) || '%' OR name LIKE '%' || char(8238) || '%'" 0
keys q
expect "quits" "[exit 0]"
