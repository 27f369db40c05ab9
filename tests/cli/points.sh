#!/bin/sh
# points.sh — 党员积分 (issue 17): a rules file with three rules applied to a roster of 50. The ranking is checked
# against values worked out by hand and against an independent SQL computation; equal points share a rank;
# namesakes are told apart by their phone's last four digits; meetings and voided sessions do not count.
. "$(dirname "$0")/lib.sh"
export FENXIAO_DATA_DIR="${FENXIAO_DATA_DIR:-${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/data}"
DB=$T/ledger.db
F() { "$FX" --db "$DB" "$@"; }

check "init" F init --unit 测试镇党校分校
printf '%s\n' '党组织名称,类型' '东村党支部,村' '西社区党支部,社区' >"$T/b.csv"
check "import branches" F import branches "$T/b.csv"
{
    echo '姓名,所在党支部,类别,联系电话'
    i=1
    while [ $i -le 25 ]; do
        n=$(printf %02d $i)
        name=东村党员$n; [ $i -eq 5 ] && name=张伟
        echo "$name,东村党支部,正式党员,139000001$n"
        name=西社党员$n; [ $i -eq 7 ] && name=张伟
        echo "$name,西社区党支部,正式党员,139000002$n"
        i=$((i + 1))
    done
    echo '孙积极,西社区党支部,入党积极分子,13900000300'
} >"$T/m.csv"
check "import a roster of 50 members and one 入党积极分子" F import members "$T/m.csv"
eq "51 on the roster" "51" "$(sql "$DB" 'SELECT count(*) FROM member')"

# Names of 东村 members a to b, comma separated (05 is 张伟: given by id, as namesakes must be).
dong() {
    i=$1 out=
    while [ $i -le $2 ]; do
        if [ $i -eq 5 ]; then n=$(sql "$DB" "SELECT id FROM member WHERE phone = '13900000105'"); else n=东村党员$(printf %02d $i); fi
        out=$out${out:+,}$n${3:-}
        i=$((i + 1))
    done
    echo "$out"
}
xi() {
    i=1 out=
    while [ $i -le 25 ]; do
        if [ $i -eq 7 ]; then n=$(sql "$DB" "SELECT id FROM member WHERE phone = '13900000207'"); else n=西社党员$(printf %02d $i); fi
        out=$out${out:+,}$n
        i=$((i + 1))
    done
    echo "$out"
}
S() { F session add --category 政治理论教育 --format 专题党课 "$@"; }
check "S1 March 10, 4 学时: 东村 01–20 present, 21 absent, 22 on leave" S --date 2026-03-10 --title 三月党课 --hours 4 \
    --attendees "$(dong 1 20)" --absent 东村党员21:无故 --leave 东村党员22:病假
check "S2 March 20, 2 学时: 东村 01–10 present, 11–12 absent" S --date 2026-03-20 --title 三月下旬党课 --hours 2 \
    --attendees "$(dong 1 10)" --absent "$(dong 11 12 :未到)"
check "S3 May 8, 3 学时: all of 西社区 present" S --date 2026-05-08 --title 五月党课 --hours 3 --attendees "$(xi)"
check "a 支委会 (组织生活: no 学时) with 东村党员01 present" S --date 2026-06-01 --title 支委会 --kind 支委会 --hours 2 \
    --attendees 东村党员01
check "a session with 东村党员21 present…" S --date 2026-07-01 --title 作废的党课 --hours 8 --attendees 东村党员21
VOID=$(cat "$T/out")
check "…voided" F session void "$VOID" --reason 录错

mkdir -p "$XDG_CONFIG_HOME/fenxiao"
printf '%s\n' '[points]' 'per_hour = 2' 'full_month = 5' 'absence = -3' >"$T/rules.ini"
printf '%s\n' '[points]' "rules = $T/rules.ini" >"$XDG_CONFIG_HOME/fenxiao/fenxiao.ini"

check "report points 2026 (CSV)" F report points 2026 --format csv
tr -d '\r' <"$T/out" | sed 1,3d | grep -E '^-?[0-9]+,' >"$T/rows"
eq "50 ranked: the 入党积极分子 is not" "50" "$(wc -l <"$T/rows" | tr -d ' ')"
# By hand (2 per 学时, 5 per full month, −3 per absence):
#   东村 01–10: 6 学时, March full → 12 + 5 = 17, rank 1 (ten of them)
#   东村 13–20: 4 学时, March full (called only to S1) → 8 + 5 = 13, rank 11 (eight)
#   西社区 01–25: 3 学时, May full → 6 + 5 = 11, rank 19 (twenty-five)
#   东村 11–12: 4 学时, absent from S2 → 8 − 3 = 5, rank 44 (two)
#   东村 22 (leave), 23–25 (never called): 0, rank 46 (four)
#   东村 21: absent from S1 (the voided session does not count) → −3, rank 50
eq "the ranks and points, by hand" "10×1:17 8×11:13 25×19:11 2×44:5 4×46:0 1×50:-3" \
    "$(cut -d, -f1,8 "$T/rows" | uniq -c | awk '{split($2, a, ","); printf "%s%d×%s:%s", (NR > 1 ? " " : ""), $1, a[1], a[2]}')"
has "equal points share a rank: 东村党员01 and 东村党员10 are both 1st" "$(grep -c '^1,1,东村党支部,东村党员0[1-9]\|^1,1,东村党支部,东村党员10' "$T/rows")" "9"
eq "东村党员01: 6 学时, 1 full month, no absence, 17 (the 支委会 does not count)" "1,1,东村党支部,东村党员01,6,1,0,17" \
    "$(grep ',东村党员01,' "$T/rows" | cut -d, -f1-8)"
eq "东村党员12: 4 学时, 0 full months, 1 absence, 5" "44,19,东村党支部,东村党员12,4,0,1,5" "$(grep ',东村党员12,' "$T/rows" | cut -d, -f1-8)"
eq "东村党员22 on leave: no deduction, no full month" "46,21,东村党支部,东村党员22,0,0,0,0" "$(grep ',东村党员22,' "$T/rows" | cut -d, -f1-8)"
eq "东村党员21: the voided session's 8 学时 do not count" "50,25,东村党支部,东村党员21,0,0,1,-3" "$(grep ',东村党员21,' "$T/rows" | cut -d, -f1-8)"
eq "namesakes told apart by the phone's last four digits" "1,1,东村党支部,张伟（尾号0105）|19,1,西社区党支部,张伟（尾号0207）" \
    "$(grep ',张伟' "$T/rows" | cut -d, -f1-4 | paste -sd'|')"

# The same ranking from an independent SQL computation: points per member by correlated sums, the rank as one
# more than the number of members with more points.
cat >"$T/indep.sql" <<'SQL'
WITH counted AS (SELECT id, date, hours FROM session WHERE voided = 0 AND date BETWEEN '2026-01-01' AND '2026-12-31'
                 AND kind NOT IN (SELECT name FROM vocab WHERE kind = 'kind' AND counts_hours = 0)),
ranked AS (SELECT id, name, phone FROM member WHERE category IN ('正式党员', '预备党员')),
pts AS (SELECT r.id, r.name, r.phone,
  2 * (SELECT ifnull(sum(c.hours), 0) FROM attendance a JOIN counted c ON c.id = a.session_id
       WHERE a.member_id = r.id AND a.status = 1)
  + 5 * (SELECT count(DISTINCT substr(c.date, 1, 7)) FROM attendance a JOIN counted c ON c.id = a.session_id
         WHERE a.member_id = r.id AND NOT EXISTS (SELECT 1 FROM attendance a2 JOIN counted c2 ON c2.id = a2.session_id
           WHERE a2.member_id = r.id AND substr(c2.date, 1, 7) = substr(c.date, 1, 7) AND a2.status <> 1))
  - 3 * (SELECT count(*) FROM attendance a JOIN counted c ON c.id = a.session_id
         WHERE a.member_id = r.id AND a.status = 0) AS v FROM ranked r)
SELECT ((SELECT count(*) FROM pts q WHERE q.v > p.v) + 1) || ',' ||
       CASE WHEN p.name = '张伟' THEN p.name || '（尾号' || substr(p.phone, -4) || '）' ELSE p.name END || ',' || printf('%g', p.v)
FROM pts p ORDER BY 1;
SQL
eq "the ranking equals an independent SQL computation" "$(sqlite3 "$DB" <"$T/indep.sql" | sort)" \
    "$(cut -d, -f1,4,8 "$T/rows" | sort)"

check "--branch 西社区党支部" F report points 2026 --branch 西社区党支部 --format csv
tr -d '\r' <"$T/out" | grep -E '^[0-9]+,' >"$T/xi"
eq "…25 rows, each 19th in the township and 1st in the branch" "25 19,1" \
    "$(wc -l <"$T/xi" | tr -d ' ') $(cut -d, -f1,2 "$T/xi" | sort -u | paste -sd' ')"

check "the text report" F report points 2026
has "…names the rule it used" "$(cat "$T/out")" "积分 = 学时 × 2 + 全勤月 × 5 + 无故缺席次数 × -3"
has "…says ties share a rank" "$(cat "$T/out")" "积分相同者名次相同"

printf '%s\n' '[points]' 'per_hour = 两分' >"$T/rules.ini"
status 3 "a malformed rules file is refused (exit 3)…" F report points 2026
has "…naming the file and the line" "$(cat "$T/err")" "rules.ini"
has "…the line" "$(cat "$T/err")" "第2行"
rm -f "$T/rules.ini"
status 3 "a missing rules file is refused (exit 3)" F report points 2026
has "…naming it" "$(cat "$T/err")" "找不到积分规则文件"

# --- 积分加减 (schema 12): manual additions and deductions, audited, counted in the year of their date ---
printf '%s\n' '[points]' 'per_hour = 2' 'full_month = 5' 'absence = -3' >"$T/rules.ini"
check "points add +3 to 东村党员13 (for 志愿服务)" F points add 东村党员13 --date 2026-06-10 --points 3 --reason 志愿服务
eq "…prints its id" "1" "$(cat "$T/out")"
check "points add +4 to 东村党员14" F points add 东村党员14 --date 2026-07-01 --points 4 --reason 先进事迹
check "points add -2.5 to 东村党员11" F points add 东村党员11 --date 2026-08-01 --points -2.5 --reason 会议迟到
check "points add +50 to 东村党员21…" F points add 东村党员21 --date 2026-09-01 --points 50 --reason 录错了
check "…voided" F points void 4 --reason 分数录错
check "points add -1 to 东村党员12 dated 2025 (another year)" F points add 东村党员12 --date 2025-06-01 --points -1 --reason 上年扣分
status 3 "张伟 is two people: refused…" F points add 张伟 --date 2026-06-10 --points 1 --reason 好人好事
has "…listing their ids" "$(cat "$T/err")" "请改用编号"
status 3 "0 points are refused" F points add 东村党员13 --date 2026-06-10 --points 0 --reason 无
status 3 "101 points are refused" F points add 东村党员13 --date 2026-06-10 --points 101 --reason 太多
status 3 "a blank reason is refused" F points add 东村党员13 --date 2026-06-10 --points 1 --reason ' '
status 3 "an unknown member is refused" F points add 无此人 --date 2026-06-10 --points 1 --reason 无
status 3 "a voided adjustment cannot be voided again" F points void 4 --reason 再次
eq "…nothing more was written: 5 adjustments, 1 voided" "5|1" "$(sql "$DB" 'SELECT count(*), sum(voided) FROM points_adjust')"
eq "each has its insert audit record, the voided one its void record" "5|1" \
    "$(sql "$DB" "SELECT sum(action = 'insert'), sum(action = 'void') FROM audit WHERE entity = 'points'")"
check "points list 2026" F points list 2026
eq "…four rows and the heading" "5" "$(wc -l <"$T/out" | tr -d ' ')"
has "…the voided one says so" "$(cat "$T/out")" "作废：分数录错"

check "report points 2026 (CSV) with the adjustments" F report points 2026 --format csv
tr -d '\r' <"$T/out" | sed 1,3d | grep -E '^-?[0-9]+,' >"$T/rows"
# By hand: 东村 14: 13 + 4 = 17, now tied with 东村 01–10 at rank 1 (eleven); 东村 13: 13 + 3 = 16, rank 12;
# 东村 15–20 stay at 13, rank 13 (six); 西社区 11, rank 19; 东村 12: 5 (its 2025 deduction is not 2026's),
# rank 44; 东村 11: 5 − 2.5 = 2.5, rank 45; the four at 0, rank 46; 东村 21: −3 (the +50 is voided), rank 50.
eq "the ranks and points with the adjustments, by hand" "11×1:17 1×12:16 6×13:13 25×19:11 1×44:5 1×45:2.5 4×46:0 1×50:-3" \
    "$(cut -d, -f1,8 "$T/rows" | uniq -c | awk '{split($2, a, ","); printf "%s%d×%s:%s", (NR > 1 ? " " : ""), $1, a[1], a[2]}')"
eq "东村党员14 ties the first: 17, of which 4 by hand" "1,1,东村党支部,东村党员14,4,1,0,17,4" "$(grep ',东村党员14,' "$T/rows")"
eq "东村党员13: 16, of which 3 by hand" "12,12,东村党支部,东村党员13,4,1,0,16,3" "$(grep ',东村党员13,' "$T/rows")"
eq "东村党员11: 2.5, of which -2.5 by hand" "45,20,东村党支部,东村党员11,4,0,1,2.5,-2.5" "$(grep ',东村党员11,' "$T/rows")"
eq "东村党员21: the voided +50 does not count" "50,25,东村党支部,东村党员21,0,0,1,-3,0" "$(grep ',东村党员21,' "$T/rows")"
eq "东村党员12: the 2025 deduction does not count in 2026" "44,19,东村党支部,东村党员12,4,0,1,5,0" \
    "$(grep ',东村党员12,' "$T/rows")"
sed 's/^  - 3 \* (SELECT count(\*) FROM attendance a JOIN counted c ON c.id = a.session_id$/  + (SELECT ifnull(sum(x.points), 0) FROM points_adjust x WHERE x.member_id = r.id AND x.voided = 0\n       AND x.date BETWEEN '"'2026-01-01'"' AND '"'2026-12-31'"')\n&/' "$T/indep.sql" >"$T/indep2.sql"
has "the independent SQL computation, extended with the live adjustments of the year" "$(cat "$T/indep2.sql")" "x.voided = 0"
eq "the ranking with the adjustments equals the independent SQL computation" "$(sqlite3 "$DB" <"$T/indep2.sql" | sort)" \
    "$(cut -d, -f1,4,8 "$T/rows" | sort)"
check "the text report" F report points 2026
has "…the formula names the manual part" "$(cat "$T/out")" "无故缺席次数 × -3 + 手工加减"
has "…and the footnote says what it is" "$(cat "$T/out")" "其中手工：积分中手工加减的部分"
check "verify passes with the adjustments" F verify

check "close-year 2025" F close-year 2025
status 6 "an adjustment dated in the closed 2025 is refused (exit 6)" F points add 东村党员13 --date 2025-12-01 --points 1 --reason 补记
status 6 "voiding the 2025 adjustment is refused (exit 6)" F points void 5 --reason 改错
if sqlite3 "$DB" "UPDATE points_adjust SET points = 9 WHERE id = 5" 2>"$T/sqlerr"; then not_ok "sqlite3 refuses to change a 2025 adjustment"
else has "sqlite3 refuses to change a 2025 adjustment" "$(cat "$T/sqlerr")" "year closed"; fi
check "verify passes (the 2025 digest holds)" F verify
sqlite3 "$DB" "INSERT INTO points_adjust (uuid, member_id, date, points, reason) VALUES ('no-audit', 1, '2026-05-05', 7, '绕过')"
status 1 "verify finds an adjustment written around the audit log" F verify
has "…naming it" "$(cat "$T/out" "$T/err")" "积分加减 6 没有新增审计记录"

# --- a ledger of schema 11 is upgraded to 12 by the first points add ---
OLD_DATA="$T/data11"
old_schema_data 11 "$OLD_DATA"
D11="$T/eleven.db"
FENXIAO_DATA_DIR="$OLD_DATA" "$FX" --db "$D11" init --unit 升级镇 >/dev/null 2>&1
printf '%s\n' '姓名,所在党支部,类别,联系电话' '王升级,东村党支部,正式党员,13900000999' >"$T/m11.csv"
FENXIAO_DATA_DIR="$OLD_DATA" "$FX" --db "$D11" import branches "$T/b.csv" >/dev/null 2>&1
FENXIAO_DATA_DIR="$OLD_DATA" "$FX" --db "$D11" import members "$T/m11.csv" >/dev/null 2>&1
eq "a ledger of schema 11 with one member" "11|1" "$(sql "$D11" 'SELECT (SELECT user_version FROM pragma_user_version), count(*) FROM member')"
check "this build adds points on it" "$FX" --db "$D11" points add 王升级 --date 2026-04-01 --points 2 --reason 升级后加分
CUR=$(ls "$TOP/data/schema/" | sed -n 's/^0*\([0-9][0-9]*\)-.*\.sql$/\1/p' | sort -n | tail -1)
eq "…upgraded to schema $CUR (12 or later)" "$CUR" "$(sql "$D11" 'PRAGMA user_version')"
eq "…keeping a copy of schema 11" "11" "$(sql "$(ls "$D11".before-v$CUR-* | head -1)" 'PRAGMA user_version')"
eq "…the adjustment saved" "王升级|2.0" "$(sql "$D11" 'SELECT m.name, p.points FROM points_adjust p JOIN member m ON m.id = p.member_id')"
check "verify passes after the upgrade" "$FX" --db "$D11" verify

# --- merge carries the adjustments by uuid, the member through its uuid; a closed year of the county is skipped ---
check "the township adds a 2025 adjustment too" "$FX" --db "$D11" points add 王升级 --date 2025-04-01 --points 1 --reason 上年加分
check "merge into a county ledger" "$FX" merge "$D11" -o "$T/county.db"
eq "…both adjustments came, on the county's 王升级" "2|王升级" \
    "$(sql "$T/county.db" 'SELECT count(*), min(m.name) FROM points_adjust p JOIN member m ON m.id = p.member_id')"
eq "…with their audit records" "2" "$(sql "$T/county.db" "SELECT count(*) FROM audit WHERE entity = 'points' AND action = 'insert'")"
check "verify passes on the county ledger" "$FX" --db "$T/county.db" verify
# Within one second both copies would have the same updated_at: date the county's copy back, as funds.sh does.
sql "$T/county.db" "UPDATE points_adjust SET updated_at = '2026-01-01T00:00:00Z' WHERE date LIKE '2026%'"
check "the township voids its 2026 adjustment" "$FX" --db "$D11" points void 1 --reason 重复
check "merge again" "$FX" merge "$T/county.db" "$D11" -o "$T/county2.db"
eq "…nothing doubled, the void came along" "2|1" "$(sql "$T/county2.db" 'SELECT count(*), sum(voided) FROM points_adjust')"
check "the county closes 2025" "$FX" --db "$T/county2.db" close-year 2025
check "the township adds another 2025 adjustment" "$FX" --db "$D11" points add 王升级 --date 2025-05-01 --points 3 --reason 补记
check "merge into the county again" "$FX" merge "$D11" -o "$T/county2.db"
has "…the adjustment of the closed 2025 is skipped, said" "$(cat "$T/err")" "积分加减 新增 0 不变 2 已交账跳过 1"
eq "…not merged" "2" "$(sql "$T/county2.db" 'SELECT count(*) FROM points_adjust')"
