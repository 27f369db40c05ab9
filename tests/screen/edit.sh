#!/bin/sh
# edit.sh — Chinese typed through tmux (as an input method sends it) into a form field, edited in the middle, stored exactly.
# The field is 设置/单位名称 on the home screen, saved by unit_set_name; sqlite3 reads back what was stored.
. "$(dirname "$0")/lib.sh"

ledger "$T/a.db" || { not_ok "make a test ledger"; exit 1; }
audits=$(sqlite3 "$T/a.db" "SELECT count(*) FROM audit")
start "$T/a.db" 80 24
wait_for "本月概况" || not_ok "home screen came up"

keys e
expect "e opens the unit name form" "设置：单位名称"
keys C-u
text "新华测试"
expect "Chinese typed with send-keys -l appears" "单位名称* 新华测试"
keys Left Left
text "中心"
keys BSpace
expect "edited in the middle: Left twice, insert, Backspace" "单位名称* 新华中测试"
expect "the title line says 未保存 while editing" "未保存"
keys Enter
title_is "saving puts 已保存 and the time in the title line" "$SAVED_AT"
expect "the title line shows the new name" "分校台账 · 新华中测试"
eq_name=$(sqlite3 "$T/a.db" "SELECT name FROM unit WHERE is_local = 1")
if [ "$eq_name" = "新华中测试" ]; then ok "stored exactly"; else not_ok "stored exactly" "got [$eq_name]"; fi
n=$(sqlite3 "$T/a.db" "SELECT count(*) FROM audit WHERE entity = 'unit' AND action = 'update'")
if [ "$n" = 1 ]; then ok "the rename is audited"; else not_ok "the rename is audited" "$n audit rows (had $audits)"; fi

# Validation from the form, shown at the field.
keys e
wait_for "设置：单位名称"
keys C-u Enter
expect "an empty name is refused at the field" "单位名称不能为空"

# Esc never discards typed text without asking.
text "草稿"
keys Escape
expect "Esc with changes asks first" "放弃修改"
keys n
if wait_gone "放弃修改" && wait_for "单位名称* 草稿"; then ok "answering no keeps the typed text"; else not_ok "answering no keeps the typed text"; fi
keys Escape
wait_for "放弃修改"
keys y
if wait_gone "设置：单位名称"; then ok "answering yes closes the form"; else not_ok "answering yes closes the form"; fi
name=$(sqlite3 "$T/a.db" "SELECT name FROM unit WHERE is_local = 1")
if [ "$name" = "新华中测试" ]; then ok "a cancelled form stores nothing"; else not_ok "a cancelled form stores nothing" "[$name]"; fi

# Bracketed paste: a newline inside pasted text is text, not Enter; escapes in it are dropped.
keys e
wait_for "设置：单位名称"
keys C-u
tm set-buffer -b fx "$(printf '东风\n分校\033[31m')"
tm paste-buffer -p -b fx -t fx
expect "a bracketed paste lands as text" "单位名称* 东风 分校"
keys Enter
wait_for "分校台账 · 东风 分校"
name=$(sqlite3 "$T/a.db" "SELECT name FROM unit WHERE is_local = 1")
if [ "$name" = "东风 分校" ]; then ok "pasted text stored without controls"; else not_ok "pasted text stored without controls" "[$name]"; fi
keys q
expect "quits" "[exit 0]"
