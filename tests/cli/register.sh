#!/bin/sh
# register.sh — the register over time (issue 14): 在册党员 of a period is the register on its last day, so a past
# month's report reads the same after later transfers; activists and 发展对象 apart; yearly targets pro-rated by
# whole months on the register; member list --as-of, member leave, and import of 类别/职务/入党日期/转出日期.
. "$(dirname "$0")/lib.sh"
export FENXIAO_DATA_DIR="${FENXIAO_DATA_DIR:-${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/data}"
DB=$T/ledger.db
F() { "$FX" --db "$DB" "$@"; }

check "init" F init --unit 测试镇党校分校
printf '%s\n' '党组织名称,类型' '东村党支部,村' '西社区党支部,社区' >"$T/b.csv"
check "import branches" F import branches "$T/b.csv"
cat >"$T/m.csv" <<'CSV'
姓名,所在党支部,类别,职务,入党日期,转出日期,联系电话
张三,东村党支部,正式党员,书记,,,13900000001
李四,东村党支部,正式党员,,,,13900000002
王五,东村党支部,预备党员,,2025-06-01,,13900000003
赵六,西社区党支部,正式党员,班子成员,,,13900000004
钱七,西社区党支部,正式党员,,,,13900000005
孙八,西社区党支部,入党积极分子,,,,13900000006
周九,西社区党支部,发展对象,,,,13900000007
吴十,东村党支部,正式党员,,2026-10-01,,13900000008
郑一,东村党支部,正式党员,,,2026-02-15,13900000009
CSV
check "import members with 类别, 职务, 入党日期 and 转出日期" F import members "$T/m.csv"
eq "类别 and 职务 kept" "张三|正式党员|书记 王五|预备党员| 赵六|正式党员|班子成员 孙八|入党积极分子|" \
    "$(sql "$DB" "SELECT name || '|' || category || '|' || post FROM member WHERE name IN ('张三','王五','赵六','孙八') ORDER BY id" | paste -sd' ')"
eq "入党日期 dates the term" "2025-06-01" "$(sql "$DB" "SELECT since FROM member_term t JOIN member m ON m.id = t.member_id WHERE m.name = '王五'")"
eq "转出日期 ends it (转出) and takes the member off today's roster" "2026-02-15|转出|0" \
    "$(sql "$DB" "SELECT until || '|' || until_reason || '|' || m.active FROM member_term t JOIN member m ON m.id = t.member_id WHERE m.name = '郑一'")"
printf '%s\n' '姓名,所在党支部,类别' '冯二,东村党支部,党外人士' >"$T/bad.csv"
status 3 "an unknown 类别 is refused (exit 3)" F import members "$T/bad.csv"
has "…saying what 类别 may be" "$(cat "$T/err" "$T/out")" "正式党员、预备党员、入党积极分子或发展对象"

# Training in March and November; everyone present in March but the 发展对象.
check "a March session" F session add --date 2026-03-10 --title 三月专题党课 --category 政治理论教育 --format 专题党课 \
    --hours 20 --attendees 张三,李四,王五,赵六,钱七,孙八 --absent 周九:出差
check "a November session" F session add --date 2026-11-05 --title 十一月培训班 --category 政治理论教育 --format 集中培训 \
    --hours 4 --attendees 张三,李四,吴十
F report month 2026-03 >"$T/march.txt.before" 2>/dev/null
F report month 2026-03 --format csv >"$T/march.csv.before" 2>/dev/null
# 在册党员 on 2026-03-31: 张三 李四 王五 赵六 钱七 (郑一 left on 02-15, 吴十 came in October, 孙八 周九 are not members).
eq "在册党员 of March: 5" "5" "$(grep '^在册党员,' "$T/march.csv.before" | cut -d, -f2)"
eq "入党积极分子、发展对象 on their own line: 2" "2" "$(grep '^入党积极分子、发展对象,' "$T/march.csv.before" | cut -d, -f2)"
eq "受训率 of March: the 5 registered members present ÷ 5" "100.0%" "$(grep '^受训率,' "$T/march.csv.before" | cut -d, -f2)"

# A member transferred out in November: March printed before and after is the same, byte for byte.
check "李四 transferred out on 2026-11-20" F member leave 李四 --date 2026-11-20 --reason 转出
F report month 2026-03 >"$T/march.txt.after" 2>/dev/null
F report month 2026-03 --format csv >"$T/march.csv.after" 2>/dev/null
if cmp -s "$T/march.txt.before" "$T/march.txt.after"; then ok "March's text report is byte-identical after the November transfer"
else not_ok "March's text report is byte-identical after the November transfer" "$(diff "$T/march.txt.before" "$T/march.txt.after" | head -5)"; fi
if cmp -s "$T/march.csv.before" "$T/march.csv.after"; then ok "…and its CSV too"
else not_ok "…and its CSV too" "$(diff "$T/march.csv.before" "$T/march.csv.after" | head -5)"; fi
F report month 2026-11 --format csv >"$T/nov.csv" 2>/dev/null
eq "November's register no longer has 李四 (郑一 gone, 吴十 in): 5" "5" "$(grep '^在册党员,' "$T/nov.csv" | cut -d, -f2)"
eq "the history is kept" "2" "$(sql "$DB" "SELECT count(*) FROM member_term t JOIN member m ON m.id = t.member_id WHERE m.name IN ('李四','郑一') AND until <> ''")"
status 3 "leaving again is refused (exit 3)" F member leave 李四 --date 2026-11-25 --reason 转出
status 3 "a leave dated before the term began is refused" F member leave 吴十 --date 2026-09-01 --reason 转出
status 2 "member leave without --reason is a usage error" F member leave 张三 --date 2026-11-25

# member list as of a day.
F member list --as-of 2026-03-31 --format csv >"$T/l.csv" 2>/dev/null
has "the roster of 2026-03-31 has 李四" "$(cat "$T/l.csv")" "李四"
case $(cat "$T/l.csv") in *吴十*) not_ok "…and not 吴十, who came in October" ;; *) ok "…and not 吴十, who came in October" ;; esac
case $(F member list 2>/dev/null) in *李四*) not_ok "today's roster has not 李四" ;; *) ok "today's roster has not 李四" ;; esac
has "member list --find by initials" "$(F member list --find zs 2>/dev/null)" "张三"
eq "member list --branch: everyone on its roster (2 members, an activist, a 发展对象)" "4" "$(F member list --branch 西社区党支部 --format csv 2>/dev/null | tail -n +2 | wc -l | tr -d ' ')"
status 2 "member list --as-of with a bad date is a usage error" F member list --as-of 2026-13-01

# An activist is not in 在册党员 and not in 未达标; the hours list holds party members only.
F report hours 2026 --below --format csv >"$T/below.csv" 2>/dev/null
case $(cat "$T/below.csv") in *孙八*|*周九*) not_ok "an activist (孙八) and a 发展对象 (周九) are not in 未达标" ;;
    *) ok "an activist (孙八) and a 发展对象 (周九) are not in 未达标" ;; esac
F report hours 2026 --format csv >"$T/hours.csv" 2>/dev/null
eq "the year's register: 7 party members on it some day of 2026" "7" "$(grep '^当年在册党员,' "$T/hours.csv" | cut -d, -f2)"
need() { grep ",$1," "$2" | cut -d, -f7; }
eq "张三, 书记 by 职务: 56" "56" "$(need 张三 "$T/hours.csv")"
eq "吴十, in from October: 3 whole months → 32 × 3/12 = 8" "8" "$(need 吴十 "$T/hours.csv")"
eq "李四, out on 11-20: 10 whole months → 26.7" "26.7" "$(need 李四 "$T/hours.csv")"
eq "郑一, out on 02-15: 1 whole month → 2.7" "2.7" "$(need 郑一 "$T/hours.csv")"
F report year 2026 --format csv >"$T/year.csv" 2>/dev/null
eq "the year summary's 学时未达标 agrees with the list" "$(grep -c '^[0-9][0-9]*,' "$T/below.csv")" \
    "$(grep '^学时未达标,' "$T/year.csv" | cut -d, -f2)"

mkdir -p "$T/cfg"
printf '[hours]\nprorate = no\ncount_candidates = yes\n' >"$T/cfg/fenxiao.ini"
"$FX" --db "$DB" --config "$T/cfg/fenxiao.ini" report hours 2026 --format csv >"$T/hours2.csv" 2>/dev/null
eq "prorate = no: 吴十 is held to 32" "32" "$(need 吴十 "$T/hours2.csv")"
eq "count_candidates = yes: 孙八 is held to 32" "32" "$(need 孙八 "$T/hours2.csv")"
printf '[hours]\nprorate = maybe\n' >"$T/cfg/bad.ini"
status 3 "prorate = maybe is refused" "$FX" --db "$DB" --config "$T/cfg/bad.ini" report hours 2026

# The closed year: its register cannot change.
check "close 2025" F close-year 2025
status 6 "a leave dated in the closed year is refused (exit 6)" F member leave 赵六 --date 2025-12-01 --reason 转出
if sqlite3 "$DB" "DELETE FROM member_term" 2>/dev/null; then not_ok "member_term rows cannot be deleted in SQL"
else ok "member_term rows cannot be deleted in SQL"; fi
if sqlite3 "$DB" "UPDATE member_term SET since = '2025-03-01' WHERE since = ''" 2>/dev/null; then
    not_ok "a term cannot be moved into the closed year in SQL"
else ok "a term cannot be moved into the closed year in SQL"; fi
check "the ledger passes verify" F verify

# The 通讯录 lists what its heading says: party members on today's roster, not activists, not those gone.
F report directory --format csv >"$T/dir.csv" 2>/dev/null
case $(cat "$T/dir.csv") in *孙八*|*周九*|*李四*|*郑一*) not_ok "the 通讯录 has neither activists, 发展对象 nor members gone" ;;
    *) ok "the 通讯录 has neither activists, 发展对象 nor members gone" ;; esac
has "…and has the 预备党员 王五" "$(cat "$T/dir.csv")" "王五"
eq "…the secretary first in 东村党支部, with 职务 书记" "张三,书记" "$(grep '东村党支部' "$T/dir.csv" | head -1 | cut -d, -f3,5)"

# Sorting and search (issue 18): the roster by pinyin with surnames read as surnames — 单志强 under S,
# 曾晓燕 under Z, 欧阳建国 under O; `zhang` (full pinyin) and `1381234` (phone digits) find the right people.
P="$T/pinyin.db"
F() { "$FX" --db "$P" "$@"; }
F init --unit 拼音镇 2>/dev/null
sql "$P" "INSERT INTO branch (uuid, unit_id, name) VALUES ('pb', 1, '一支部');
  INSERT INTO member (uuid, branch_id, name, phone) VALUES ('p1', 1, '曾晓燕', '138-1234-5678'), ('p2', 1, '欧阳建国', ''),
  ('p3', 1, '王小明', ''), ('p4', 1, '单志强', ''), ('p5', 1, '张三', '139 0000 1111'), ('p6', 1, '章华', ''),
  ('p7', 1, '李四', '');"
check "member list (pinyin order)" F member list --format csv
eq "by pinyin: 李 L, 欧阳 O, 单 S, 王 W, 曾 Z, 章 and 张 zhang" "李四 欧阳建国 单志强 王小明 曾晓燕 章华 张三" \
    "$(tr -d '\r' <"$T/out" | sed 1d | cut -d, -f2 | tr '\n' ' ' | sed 's/ $//')"
check "member list --find zhang" F member list --find zhang --format csv
eq "zhang finds 章华 and 张三, nobody else" "章华 张三" "$(tr -d '\r' <"$T/out" | sed 1d | cut -d, -f2 | tr '\n' ' ' | sed 's/ $//')"
check "member list --find 1381234" F member list --find 1381234 --format csv
eq "1381234 finds 曾晓燕 (138-1234-5678)" "曾晓燕" "$(tr -d '\r' <"$T/out" | sed 1d | cut -d, -f2)"
check "member list --find zengx" F member list --find zengxiao --format csv
eq "zengxiao (full pinyin, the last syllable begun) finds 曾晓燕" "曾晓燕" "$(tr -d '\r' <"$T/out" | sed 1d | cut -d, -f2)"
