#!/bin/sh
# basics.sh — the command-line contract: help, version, init, exit codes, config files.
. "$(dirname "$0")/lib.sh"

check "--help exits 0" "$FX" --help
has "--help lists init" "$(cat "$T/out")" "init"
has "--help is Chinese" "$(cat "$T/out")" "用法"
check "--version exits 0" "$FX" --version
has "--version names the program" "$(cat "$T/out")" "fenxiao"
status 2 "unknown command is a usage error" "$FX" --db "$T/x.db" frobnicate
has "usage error explains in Chinese" "$(cat "$T/err")" "未知的命令"
status 2 "unknown global option is a usage error" "$FX" --frob
status 5 "a missing ledger is a file-system error" "$FX" --db "$T/none.db" session list
has "missing ledger says how to create one" "$(cat "$T/err")" "fenxiao init"

DB="$T/data/ledger.db"
check "init creates the ledger" "$FX" --db "$DB" init --unit 当湖街道党校分校
eq "ledger file is 0600" "600" "$(stat -c %a "$DB")"
eq "its directory is 0700" "700" "$(stat -c %a "$T/data")"
eq "integrity_check ok" "ok" "$(sql "$DB" 'pragma integrity_check')"
eq "journal mode is wal" "wal" "$(sql "$DB" 'pragma journal_mode')"
appid=$(sql "$DB" 'pragma application_id')
[ "$appid" -ne 0 ] && ok "application_id is set ($appid)" || not_ok "application_id is set"
uv=$(sql "$DB" 'pragma user_version')
[ "$uv" -ge 1 ] && ok "user_version >= 1 ($uv)" || not_ok "user_version >= 1"
eq "unit name stored" "当湖街道党校分校" "$(sql "$DB" 'select name from unit')"
eq "seven content categories" "7" "$(sql "$DB" "select count(*) from vocab where kind='category'")"
cp "$DB" "$T/before.db"
status 3 "init never overwrites" "$FX" --db "$DB" init
has "init refusal explains" "$(cat "$T/err")" "已存在"
cmp -s "$DB" "$T/before.db" && ok "refused init left the file unchanged" || not_ok "refused init left the file unchanged"

# XDG: without --db the ledger goes under XDG_DATA_HOME.
check "init at the XDG default" "$FX" init
[ -f "$XDG_DATA_HOME/fenxiao/ledger.db" ] && ok "default ledger under XDG_DATA_HOME" || not_ok "default ledger under XDG_DATA_HOME"
FENXIAO_DB="$T/env.db" "$FX" init >/dev/null 2>&1
[ -f "$T/env.db" ] && ok "FENXIAO_DB names the ledger" || not_ok "FENXIAO_DB names the ledger"

# A config saved by Windows Notepad: BOM and CRLF.
printf '\357\273\277; 配置\r\n[unit]\r\nname = 记事本分校\r\n[hours]\r\nmember = 32\r\n' >"$T/bom.ini"
check "config with BOM and CRLF loads" "$FX" --config "$T/bom.ini" --db "$T/bom.db" init
eq "unit name read from the BOM config" "记事本分校" "$(sql "$T/bom.db" 'select name from unit')"
printf '[unit]\nname = 甲\n[hours\n' >"$T/bad.ini"
status 3 "a broken config is bad input" "$FX" --config "$T/bad.ini" --db "$T/bad.db" init
has "broken config names file and line" "$(cat "$T/err")" "bad.ini 第3行"
[ ! -e "$T/bad.db" ] && ok "broken config wrote nothing" || not_ok "broken config wrote nothing"

# Global options after the command (issue 18): `fenxiao init --unit X --db F` works, and so does --db=F.
G="$T/after.db"
check "init --unit X --db F" "$FX" init --unit 后置镇 --db "$G"
eq "…made F with the unit X" "后置镇" "$(sql "$G" "select name from unit")"
check "session list --db=F --format csv" "$FX" session list --db="$G" --format csv
has "…read F" "$(cat "$T/out")" "编号,日期,标题"
status 2 "a --db without a file after the command is a usage error" "$FX" init --db
has "…saying so" "$(cat "$T/err")" "--db 需要一个文件名"
