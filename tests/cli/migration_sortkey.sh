#!/bin/sh
# migration_sortkey.sh — schema 6 (data/schema/006-member-sort-key.sql) on a ledger of schema 4, the version
# before it on main: the upgrade keeps a copy, fills member.sort_key for every row, and lists come out in pinyin
# order with surnames read as surnames; rows written later by sqlite3 get their key with the next action.
. "$(dirname "$0")/lib.sh"

# Schema 4's program is this one reading a data folder whose schema stops at 004.
OLD_DATA="$T/data4"
old_schema_data 4 "$OLD_DATA"
DB="$T/four.db"
FENXIAO_DATA_DIR="$OLD_DATA" "$FX" --db "$DB" init --unit 升级镇 >/dev/null 2>&1
eq "the old ledger is of schema version 4" "4" "$(sql "$DB" 'PRAGMA user_version')"
sql "$DB" "INSERT INTO branch (uuid, unit_id, name, kind) VALUES ('b1', 1, '东港村党支部', '村');
INSERT INTO member (uuid, branch_id, name, role) VALUES ('m1', 1, '单志强', '普通党员'), ('m2', 1, '张伟', '普通党员'),
 ('m3', 1, '曾晓燕', '普通党员'), ('m4', 1, '李红梅', '普通党员'), ('m5', 1, '欧阳建国', '普通党员');"
members_before=$(sql "$DB" "SELECT group_concat(uuid || name, ',') FROM (SELECT * FROM member ORDER BY id)")

# Opening for writing upgrades it (closing an empty year changes no figure), to this build's version.
CUR=$(ls "$TOP/data/schema/" | sed -n 's/^0*\([0-9][0-9]*\)-.*\.sql$/\1/p' | sort -n | tail -1)
check "this build opens it for writing" "$FX" --db "$DB" close-year 2020
eq "it is now of schema version $CUR" "$CUR" "$(sql "$DB" 'PRAGMA user_version')"
n=$(ls "$DB".before-v$CUR-* 2>/dev/null | wc -l)
[ "$n" -ge 1 ] && ok "a copy was kept before the upgrade" || not_ok "a copy before the upgrade" "$(ls "$T")"
eq "…and the copy is the old ledger" "4" "$(sql "$(ls "$DB".before-v$CUR-* | head -1)" 'PRAGMA user_version')"
eq "every member kept" "$members_before" "$(sql "$DB" "SELECT group_concat(uuid || name, ',') FROM (SELECT * FROM member ORDER BY id)")"
eq "every sort key filled" "0" "$(sql "$DB" "SELECT count(*) FROM member WHERE sort_key = ''")"
eq "the keys read surnames as surnames" "li hong mei !李红梅,ou yang jian guo !欧阳建国,shan zhi qiang !单志强,zeng xiao yan !曾晓燕,zhang wei !张伟" \
    "$(sql "$DB" "SELECT group_concat(sort_key, ',') FROM (SELECT sort_key FROM member ORDER BY sort_key)")"
eq "both indexes are there" "member_branch_sort,member_sort" \
    "$(sql "$DB" "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'member_%sort' ORDER BY name)")"
check "verify passes" "$FX" --db "$DB" verify

# A row written by another tool has no key until the next action writes (in that action's transaction, so a
# refused one still writes nothing); one written by this program has it at once.
sql "$DB" "INSERT INTO member (uuid, branch_id, name, role) VALUES ('m6', 1, '安然', '普通党员');"
eq "sqlite3's row: no key yet" "" "$(sql "$DB" "SELECT sort_key FROM member WHERE uuid = 'm6'")"
status 3 "a refused action" "$FX" --db "$DB" session void 999 --reason 无
eq "…leaves it without a key" "" "$(sql "$DB" "SELECT sort_key FROM member WHERE uuid = 'm6'")"
check "the next action" "$FX" --db "$DB" close-year 2019
eq "…fills the key" "an ran !安然" "$(sql "$DB" "SELECT sort_key FROM member WHERE uuid = 'm6'")"
printf '姓名,所在党支部,联系电话\n区明,东港村党支部,13900000001\n' >"$T/m.csv"
check "an import" "$FX" --db "$DB" import members "$T/m.csv"
eq "…writes the key with the row (区 as a surname: ou)" "ou ming !区明" "$(sql "$DB" "SELECT sort_key FROM member WHERE name = '区明'")"
