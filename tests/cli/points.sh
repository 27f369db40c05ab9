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
       WHERE a.member_id = r.id AND a.status = 'present')
  + 5 * (SELECT count(DISTINCT substr(c.date, 1, 7)) FROM attendance a JOIN counted c ON c.id = a.session_id
         WHERE a.member_id = r.id AND NOT EXISTS (SELECT 1 FROM attendance a2 JOIN counted c2 ON c2.id = a2.session_id
           WHERE a2.member_id = r.id AND substr(c2.date, 1, 7) = substr(c.date, 1, 7) AND a2.status <> 'present'))
  - 3 * (SELECT count(*) FROM attendance a JOIN counted c ON c.id = a.session_id
         WHERE a.member_id = r.id AND a.status = 'absent') AS v FROM ranked r)
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
