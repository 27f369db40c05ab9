#!/bin/sh
# import_pick.sh — the import's file chooser (issue 19): the .csv, .xlsx and .xls files of home, 文档 and 下载
# with their size and date, newest first, filtered as typed; the chosen file fills the path and imports.
. "$(dirname "$0")/lib.sh"

DB=$T/a.db
ledger "$DB" || { not_ok "make a test ledger"; exit 1; }
mkdir -p "$HOME/文档" "$HOME/下载" "$HOME/别的"
printf '姓名,所在党支部,联系电话\r\n周一,东风村党支部,13900000001\r\n' >"$HOME/下载/新党员名单.csv"
touch -d '2026-11-20 09:30' "$HOME/下载/新党员名单.csv"
head -c 2048 /dev/zero >"$HOME/文档/去年的名册.xlsx"
touch -d '2026-10-01 08:00' "$HOME/文档/去年的名册.xlsx"
printf 'x' >"$HOME/文档/OLD.XLS"
touch -d '2025-01-02 10:00' "$HOME/文档/OLD.XLS"
printf 'x' >"$HOME/文档/说明.txt"
printf 'x' >"$HOME/别的/藏起来.csv"

start "$DB" 100 30
wait_for "1总览"
keys 6
wait_for "名册"
keys i
expect "the import form has a 选择文件 line" "选择文件"
keys Up Space
expect "the chooser opens" "选择要导入的文件"
expect "it lists the csv in 下载 with its size and date" "新党员名单.csv"
S=$(screen)
has() { case $1 in *"$2"*) ok "$3" ;; *) not_ok "$3" "[$2] not on screen" ;; esac; }
has "$S" "2026-11-20 09:30" "…its date"
has "$S" "2.0 KB" "the xlsx in 文档 with its size"
has "$S" "OLD.XLS" "an .XLS in capitals"
case $S in *说明.txt*) not_ok "no other files" ;; *) ok "no other files" ;; esac
case $S in *藏起来*) not_ok "only the usual folders" ;; *) ok "only the usual folders" ;; esac
first=$(screen | grep -n '新党员名单\|去年的名册\|OLD.XLS' | head -1)
case $first in *新党员名单*) ok "newest first" ;; *) not_ok "newest first" "$first" ;; esac
text "名册"
wait_gone "新党员名单.csv" >/dev/null
S=$(screen)
has "$S" "去年的名册.xlsx" "typing filters: 名册 keeps 去年的名册.xlsx"
case $S in *新党员名单.csv*) not_ok "…and drops the others" ;; *) ok "…and drops the others" ;; esac
keys BSpace BSpace
text "下载"
wait_for "新党员名单.csv" >/dev/null
keys Enter
expect "the chosen file fills the path" "$HOME/下载/新党员名单.csv"
keys F2
expect "the dry run reads it" "新增 1"
keys Escape
