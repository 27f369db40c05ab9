#!/bin/sh
# archive_merge.sh — 立卷归档 across ledgers (issue 17): merge carries attachments by uuid and their files by
# SHA-256, one file stored once however many townships attached it; a file altered in a township's archive/ is not
# copied and its row is reported; merging again adds nothing. The checklist's evidence names the attachments, and
# verify names an attachment without its insert audit record.
. "$(dirname "$0")/lib.sh"
export FENXIAO_DATA_DIR="${FENXIAO_DATA_DIR:-${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/data}"
# The dates below (a mark made "today", 2026's checklist) are read on one day, whatever day the suite runs.
export FENXIAO_TODAY=2026-12-05
mkdir -m 700 "$T/a" "$T/b" "$T/county"
A=$T/a/ledger.db B=$T/b/ledger.db C=$T/county/county.db

printf '签到表：张三 李四\n' >"$T/签到表.jpg"
printf '县委宣讲团 合影\n' >"$T/合影.jpg"
printf '王五 代签\n' >"$T/代签.jpg"
SIGN=$(sha256sum "$T/签到表.jpg" | cut -c1-64)
PHOTO=$(sha256sum "$T/合影.jpg" | cut -c1-64)
FORGED=$(sha256sum "$T/代签.jpg" | cut -c1-64)

check "township A: init" "$FX" --db "$A" init --unit 甲镇党校分校
check "…a session" "$FX" --db "$A" session add --date 2026-03-10 --title 甲镇三月党课 --category 政治理论教育 --format 专题党课 --hours 2
check "…its sign-in sheet" "$FX" --db "$A" attach session 1 "$T/签到表.jpg"
check "…and the shared photo" "$FX" --db "$A" attach session 1 "$T/合影.jpg"
check "township B: init" "$FX" --db "$B" init --unit 乙镇党校分校
check "…a session" "$FX" --db "$B" session add --date 2026-03-12 --title 乙镇三月党课 --category 政治理论教育 --format 专题党课 --hours 2
check "…the same photo (identical file)" "$FX" --db "$B" attach session 1 "$T/合影.jpg"

check "merge A and B into the county" "$FX" merge "$A" "$B" -o "$C" --unit 县委党校汇总
eq "all three rows arrive" "合影.jpg|乙镇三月党课 合影.jpg|甲镇三月党课 签到表.jpg|甲镇三月党课" \
    "$(sql "$C" "SELECT a.name || '|' || s.title FROM attachment a JOIN session s ON s.uuid = a.entity_uuid ORDER BY a.name, s.title" | paste -sd' ')"
eq "the identical photo is stored once: two files in the county's archive/" "2" "$(ls "$T/county/archive" | wc -l | tr -d ' ')"
eq "…the photo byte for byte" "same" "$(cmp -s "$T/合影.jpg" "$T/county/archive/$PHOTO" && echo same)"
eq "…the sign-in sheet byte for byte" "same" "$(cmp -s "$T/签到表.jpg" "$T/county/archive/$SIGN" && echo same)"
has "merge copies A's two files" "$(cat "$T/err")" "附件 新增 2；附件文件复制 2 个"
has "…and none for B (the photo was there)" "$(cat "$T/err")" "附件 新增 1；附件文件复制 0 个"
eq "each arrives with its township's insert audit record" "3" \
    "$(sql "$C" "SELECT count(*) FROM audit WHERE entity = 'attachment' AND action = 'insert' AND who <> ''")"
check "the county passes verify" "$FX" --db "$C" verify

check "merge both again" "$FX" merge "$A" "$B" -o "$C"
eq "…nothing new: three rows" "3" "$(sql "$C" "SELECT count(*) FROM attachment")"
eq "…still two files" "2" "$(ls "$T/county/archive" | wc -l | tr -d ' ')"
eq "…no audit record added" "3" "$(sql "$C" "SELECT count(*) FROM audit WHERE entity = 'attachment'")"
has "…and says so" "$(cat "$T/err")" "附件 新增 0 不变 2"

# A file altered in B's archive/ after it was attached: not copied, the row not merged, reported.
check "B: a second session" "$FX" --db "$B" session add --date 2026-04-02 --title 乙镇四月党课 --category 政治理论教育 --format 专题党课 --hours 2
check "…with its sign-in sheet" "$FX" --db "$B" attach session 2 "$T/代签.jpg"
chmod u+w "$T/b/archive/$FORGED"
printf '改过了\n' >>"$T/b/archive/$FORGED"
check "merge B with the tampered file" "$FX" merge "$B" -o "$C"
has "…reports the attachment" "$(cat "$T/err")" "附件 “《代签.jpg》 2026-04-02 乙镇四月党课”"
has "…as altered, not copied" "$(cat "$T/err")" "文件已被改动（内容与 SHA-256 不符）：未复制，未合并"
has "…and counts it" "$(cat "$T/err")" "附件未合并 1"
eq "…the file is not in the county's archive/" "absent" "$([ -e "$T/county/archive/$FORGED" ] || echo absent)"
eq "…nor its row" "0" "$(sql "$C" "SELECT count(*) FROM attachment WHERE name = '代签.jpg'")"
eq "…while its session came" "1" "$(sql "$C" "SELECT count(*) FROM session WHERE title = '乙镇四月党课'")"
check "the county still passes verify" "$FX" --db "$C" verify
cp "$T/代签.jpg" "$T/b/archive/$FORGED"
check "merge B once its file is mended" "$FX" merge "$B" -o "$C"
eq "…the row comes" "1" "$(sql "$C" "SELECT count(*) FROM attachment WHERE name = '代签.jpg'")"
eq "…with its file" "same" "$(cmp -s "$T/代签.jpg" "$T/county/archive/$FORGED" && echo same)"

# 卷号 given in a township after a merge follow on the next.
check "A numbers 2026" "$FX" --db "$A" attach number 2026
check "merge A again" "$FX" merge "$A" -o "$C"
eq "…the county has A's 卷号" "2026-培训-001 2026-培训-001" \
    "$(sql "$C" "SELECT a.volume FROM attachment a JOIN session s ON s.uuid = a.entity_uuid WHERE s.title = '甲镇三月党课' ORDER BY a.id" | paste -sd' ')"
check "…and passes verify" "$FX" --db "$C" verify

# A record the county does not take (a year it has closed) leaves its attachment behind, reported.
check "the county closes 2025" "$FX" --db "$C" close-year 2025
check "A: a 2025 session" "$FX" --db "$A" session add --date 2025-11-20 --title 甲镇去年党课 --category 政治理论教育 --format 专题党课 --hours 2
check "…with its photo" "$FX" --db "$A" attach session 2 "$T/合影.jpg"
check "merge A" "$FX" merge "$A" -o "$C"
has "…the session is skipped (closed year)" "$(cat "$T/err")" "培训记录 “2025-11-20 甲镇去年党课”"
has "…and its attachment reported" "$(cat "$T/err")" "“《合影.jpg》 2025-11-20 甲镇去年党课”（"
has "…as left behind with it" "$(cat "$T/err")" "所属的记录没有并入汇总账本：未合并"
eq "…not in the county" "0" "$(sql "$C" "SELECT count(*) FROM attachment WHERE year = 2025")"
check "…which still passes verify" "$FX" --db "$C" verify

# verify names an attachment without its insert audit record. The audit log refuses deletes (001's trigger), so
# the row is written around it with the sqlite3 shell; its file is in the archive, so only the audit is wanting.
sql "$C" "INSERT INTO attachment (uuid, entity, entity_uuid, year, sha256, name, size) SELECT 'no-audit', 'session', uuid, 2026, '$SIGN', '补签表.jpg', 26 FROM session WHERE title = '乙镇三月党课'"
status 1 "verify finds the attachment written around the audit log (exit 1)" "$FX" --db "$C" verify
has "…naming it" "$(cat "$T/out")" "《补签表.jpg》没有添加时的审计记录"
eq "…and nothing else" "1" "$(grep -c '附件' "$T/out")"

# The checklist's evidence names the attachments: a proving session's, and a manual item's mark's.
mkdir -m 700 "$T/c"
D=$T/c/ledger.db
check "a township for the checklist" "$FX" --db "$D" init --unit 丙镇党校分校
check "…its training class" "$FX" --db "$D" session add --date 2026-03-10 --title 三月培训班 --category 政治理论教育 --format 集中培训 --hours 2
check "…with the sign-in sheet and the photo" "$FX" --db "$D" attach session 1 "$T/签到表.jpg"
check "…" "$FX" --db "$D" attach session 1 "$T/合影.jpg"
check "mark item 1 (the work group)" "$FX" --db "$D" mark 八个一 1 --period 2026 --note 分校工作群
check "…with its screenshot" "$FX" --db "$D" attach mark 1 "$T/代签.jpg"
status 1 "check 八个一 2026 (not all done: exit 1)" "$FX" --db "$D" check 八个一 --period 2026
eq "check names the session's attachments under it" "        #1  2026-03-10  三月培训班（培训班）
          附件：签到表.jpg、合影.jpg" "$(grep -A1 '#1  2026-03-10' "$T/out")"
eq "…and the mark's" "        已标记 2026-12-05：分校工作群
          附件：代签.jpg" "$(grep -A1 '已标记' "$T/out")"
status 1 "check as CSV" "$FX" --db "$D" check 八个一 --period 2026 --format csv
has "…a 附件 column last" "$(head -1 "$T/out")" "本县口径,附件"
has "…the session's, by its id" "$(cat "$T/out")" ",#1：签到表.jpg、合影.jpg"
has "…the mark's" "$(cat "$T/out")" "分校工作群,,,,标记：代签.jpg"
check "report checklist" "$FX" --db "$D" report checklist 八个一 --period 2026
has "the report's evidence column: the session and its attachments" "$(cat "$T/out")" "2026-03-10  三月培训班（附件：签到表.jpg、合影.jpg）"
has "…the mark and its attachment" "$(cat "$T/out")" "标记：分校工作群（附件：代签.jpg）"
