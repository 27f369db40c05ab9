/* gen.c — deterministic synthetic ledgers for the benchmark: a town (1 unit) or a
 * merged county (30 units), written through the program's own schema, triggers and vocab. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ledger.h"
#include "rollaudit.h"
#include "store.h"
#include "text.h"

/* Everything below is fixed so the same gen.c always writes the same rows
 * (bar the unit's own uuid/created_at, which store_init_unit makes). The last
 * year ends before "today" of the runs we compare, and reaches into the year
 * the home screen shows, so the screens open on a loaded year. */
#define SEED 0x66786c67beefULL
#define LAST_YEAR 2026
#define LAST_MONTH 10 /* sessions up to the end of October of LAST_YEAR */
#define TEACHERS_PER_UNIT 30
#define VENUES_PER_UNIT 8
#define COURSES_PER_UNIT 40
#define ROWS_PER_TXN 500000 /* attendance rows per transaction: few commits, bounded journal */

struct scale {
    const char *name;
    int units, branches_per_unit, members, years, sessions;
    int att_min, att_max; /* roll call size, uniform; 送资料 has none, so rows ≈ 50 per session */
};

static const struct scale scales[] = {
    {"town", 1, 40, 2500, 5, 3000, 21, 84},
    {"county", 30, 40, 75000, 10, 90000, 21, 84},
    {"tiny", 2, 5, 300, 2, 200, 5, 25}, /* for a quick self-test of the generator */
};

/* xoshiro256** seeded through splitmix64: fast, and stable across libcs unlike rand(). */
static uint64_t rs[4];
static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static uint64_t rnd(void)
{
    uint64_t r = rs[1] * 5, t = rs[1] << 17;
    r = ((r << 7) | (r >> 57)) * 9;
    rs[2] ^= rs[0];
    rs[3] ^= rs[1];
    rs[1] ^= rs[2];
    rs[0] ^= rs[3];
    rs[2] ^= t;
    rs[3] = (rs[3] << 45) | (rs[3] >> 19);
    return r;
}
static int pick(int n) { return (int)((rnd() >> 11) % (uint64_t)n); }
static double unit01(void) { return (double)(rnd() >> 11) / 9007199254740992.0; }
/* Skewed towards the front of a list: common surnames are common. */
static int pick_skewed(int n)
{
    double u = unit01();
    return (int)(u * u * n);
}
static void uuid(char out[37])
{
    uint64_t a = rnd(), b = rnd();
    a = (a & ~0xf000ULL) | 0x4000ULL;                           /* version 4 */
    b = (b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;   /* variant 10 */
    snprintf(out, 37, "%08llx-%04llx-%04llx-%04llx-%012llx", (unsigned long long)(a >> 32),
             (unsigned long long)((a >> 16) & 0xffff), (unsigned long long)(a & 0xffff),
             (unsigned long long)(b >> 48), (unsigned long long)(b & 0xffffffffffffULL));
}

#define N(a) ((int)(sizeof a / sizeof a[0]))

/* Roughly in order of frequency (百家姓 by population). */
static const char *surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
    "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田",
    "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚",
    "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白",
    "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺",
    "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤", "欧阳", "诸葛"};
static const char *given[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
    "兰", "霞", "平", "刚", "华", "国", "民", "志", "海", "燕", "红", "梅", "玉", "文", "斌", "东", "春",
    "秋", "建", "林", "辉", "鹏", "飞", "宇", "浩", "凯", "俊", "峰", "琳", "婷", "雪", "慧", "颖", "琴",
    "云", "莉", "萍", "鑫", "宁", "佳", "欣", "晨", "阳", "帆", "荣", "新", "成", "德", "福", "贵", "生",
    "祥", "金", "山", "松", "波", "亮", "桂", "英", "秀", "淑", "珍", "凤", "莲", "荣", "光", "永", "忠"};
static const char *towns[] = {"青山镇", "临湖镇", "白沙镇", "新塘镇", "东港街道", "西岭镇", "南溪镇", "北苑街道",
                              "石桥镇", "柳林镇", "桃源镇", "长安街道", "金湖镇", "龙泉镇", "凤凰镇", "黄岗镇",
                              "清河镇", "红旗街道", "兴隆镇", "永丰镇", "大营镇", "马山镇", "城关街道", "太平镇",
                              "双河镇", "三江镇", "平原镇", "高桥镇", "新华街道", "安乐镇"};
/* 43 first characters: 43 is prime, so (k * 13) % 43 is distinct for k < 43 and
 * every branch of a unit gets its own village name. */
static const char *vfirst[] = {"东", "西", "南", "北", "上", "下", "前", "后", "大", "小", "新", "老", "高", "王", "李",
                               "张", "陈", "刘", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "林", "何", "郭",
                               "罗", "石", "金", "龙", "凤", "桃", "杏", "柳", "梅", "竹", "松", "清", "白"};
static const char *vsecond[] = {"庄", "湾", "坪", "岗", "桥", "塘", "河", "山", "岭", "溪",
                                "坝", "园", "营", "寨", "集", "铺", "店", "沟", "峪", "圩"};
static const char *themes[] = {
    "学习贯彻党的二十大精神", "学习贯彻习近平新时代中国特色社会主义思想", "深入学习《中国共产党章程》",
    "弘扬伟大建党精神", "传承红色基因", "乡村振兴政策解读", "基层治理能力提升", "擦亮营商环境金名片",
    "小棒球击出乡村振兴“嘉速度”", "全面从严治党", "党史学习教育", "廉洁自律警示教育", "安全生产知识",
    "防范电信网络诈骗", "农村电商实务", "垃圾分类与美丽乡村", "共同富裕的实践路径", "新时代“枫桥经验”",
    "基层党组织建设规范", "民法典进村入户", "防汛防台知识", "两新组织党建", "网格化管理与服务",
    "发展壮大村级集体经济", "铸牢中华民族共同体意识", "学习《中国共产党纪律处分条例》", "数字化改革",
    "党员先锋示范岗", "红色故事宣讲", "强村富民", "生态文明建设", "老党员讲初心", "优化营商环境",
    "平安建设与矛盾调解", "移风易俗新风尚", "智慧农业技术", "应急管理与消防安全", "党务工作实务"};
static const char *leave_reasons[] = {"工作冲突", "外出务工", "身体原因", "家中有事", "出差", "值班"};
static const char *orgs[] = {"县委党校", "镇党委", "县委组织部", "县委宣传部", "县农业农村局", "镇综治中心",
                             "县人民法院", "县应急管理局", "优秀村党组织书记", "县纪委监委"};

struct kindw {
    const char *kind, *suffix;
    int weight;
    double hours[4];
};
/* How often each kind of record occurs in a branch school's year, and its usual 学时. */
static const struct kindw kinds[] = {
    {"培训班", "专题培训班", 20, {4, 8, 8, 4}},
    {"专题党课", "专题党课", 18, {2, 2, 1.5, 3}},
    {"党课", "党课", 12, {1, 2, 1.5, 2}},
    {"主题党日", "主题党日活动", 14, {2, 2, 3, 1}},
    {"现场教学", "现场教学", 8, {4, 3, 4, 8}},
    {"交流会", "经验交流会", 6, {2, 3, 2, 2}},
    {"送资料", "学习资料送学上门", 5, {1, 1, 0.5, 1}},
    {"支委会", "支委会集中学习", 6, {1, 1.5, 1, 2}},
    {"党员大会", "党员大会专题学习", 5, {2, 2, 1.5, 3}},
    {"党小组会", "党小组学习会", 4, {1, 1, 1.5, 1}},
    {"指导员走访", "指导员“四个一”走访", 2, {1, 2, 1, 1}},
};

static sqlite3 *db;
static void die(const char *what)
{
    fprintf(stderr, "gen: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
    exit(1);
}
static sqlite3_stmt *prep(const char *sql)
{
    sqlite3_stmt *st;
    if (store_prepare(db, sql, &st, NULL) != SQLITE_OK)
        die(sql);
    return st;
}
static void exec(const char *sql)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        die(sql);
}
static void done(sqlite3_stmt *st, const char *what)
{
    if (sqlite3_step(st) != SQLITE_DONE)
        die(what);
    sqlite3_reset(st);
}
static void text(sqlite3_stmt *st, int i, const char *s) { sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT); }

static void person(char *out, size_t n)
{
    const char *s = surnames[pick_skewed(N(surnames))];
    if (pick(10) < 3)
        snprintf(out, n, "%s%s", s, given[pick(N(given))]);
    else
        snprintf(out, n, "%s%s%s", s, given[pick(N(given))], given[pick(N(given))]);
}
static void phone(char *out, size_t n)
{
    static const char *pre[] = {"135", "136", "138", "139", "150", "151", "158", "159", "177", "180", "187", "189"};
    snprintf(out, n, "%s%08d", pre[pick(N(pre))], pick(100000000));
}

/* Vocabulary from the ledger itself (loaded from data/vocab.ini at open). */
struct words {
    char w[32][64];
    int n;
};
static void vocab(const char *kind, struct words *out)
{
    sqlite3_stmt *st = prep("SELECT name FROM vocab WHERE kind = ? ORDER BY ord, name");
    text(st, 1, kind);
    out->n = 0;
    while (out->n < 32 && sqlite3_step(st) == SQLITE_ROW)
        snprintf(out->w[out->n++], 64, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (!out->n)
        die("vocab is empty");
}
static int in_words(const struct words *w, const char *s)
{
    for (int i = 0; i < w->n; i++)
        if (!strcmp(w->w[i], s))
            return 1;
    return 0;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
/* Working days of a year: Monday to Friday, without 元旦, 劳动节 and 国庆 (a fixed
 * approximation of the holiday calendar; make-up Saturdays are ignored). */
static int working_days(int year, int last_month, char (*out)[11])
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int n = 0;
    for (int m = 1; m <= last_month; m++) {
        int md = mdays[m - 1] + (m == 2 && ((year % 4 == 0 && year % 100) || year % 400 == 0));
        for (int d = 1; d <= md; d++) {
            long wd = (days_from_civil(year, m, d) + 3) % 7; /* 0 = Monday */
            if (wd >= 5 || (m == 1 && d == 1) || (m == 5 && d <= 3) || (m == 10 && d <= 7))
                continue;
            text_format(out[n++], 11, "%04d-%02d-%02d", year, m, d);
        }
    }
    return n;
}
static int cmp_date(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen town|county|tiny OUT.db [--branches-only]\n");
        return 2;
    }
    const struct scale *sc = NULL;
    for (int i = 0; i < N(scales); i++)
        if (!strcmp(argv[1], scales[i].name))
            sc = &scales[i];
    if (!sc) {
        fprintf(stderr, "gen: unknown scale %s\n", argv[1]);
        return 2;
    }
    int branches_only = argc > 3 && !strcmp(argv[3], "--branches-only");
    uint64_t seed = SEED;
    for (int i = 0; i < 4; i++)
        rs[i] = splitmix(&seed);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);

    struct fx_error err;
    fx_clear(&err);
    char unitname[256];
    snprintf(unitname, sizeof unitname, "%s党校分校", towns[0]);
    if (store_open(argv[2], STORE_CREATE | STORE_NEW, &db, &err) || store_init_unit(db, unitname, &err)) {
        fprintf(stderr, "gen: %s (%s)\n", err.msg, err.detail);
        return 1;
    }
    /* A bulk load, not a ledger being typed: no fsync, no journal, a big cache.
     * The file is put back in WAL mode at the end, as the program keeps it. */
    exec("PRAGMA journal_mode = OFF");
    exec("PRAGMA synchronous = OFF");
    exec("PRAGMA cache_size = -1000000");
    exec("PRAGMA temp_store = MEMORY");

    struct words cat, fmt, kindv, role, bkind;
    vocab("category", &cat);
    vocab("format", &fmt);
    vocab("kind", &kindv);
    vocab("role", &role);
    vocab("branch_kind", &bkind);
    const char *ts = "2016-12-31T08:00:00Z"; /* fixed so the file is reproducible */

    exec("BEGIN");
    sqlite3_stmt *ins_unit = prep("INSERT INTO unit (uuid, name, is_local, created_at) VALUES (?, ?, 0, ?)");
    sqlite3_stmt *ins_branch = prep("INSERT INTO branch (uuid, unit_id, name, kind, secretary, phone, updated_at) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?)");
    /* The sort key as the program gives every member it writes (store_open's fx_sort_key: pinyin, then the name). */
    sqlite3_stmt *ins_member = prep("INSERT INTO member (uuid, branch_id, name, gender, phone, role, active, updated_at, "
                                    "sort_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, fx_sort_key(?3))");
    sqlite3_stmt *ins_teacher = prep("INSERT INTO teacher (uuid, unit_id, name, employment, type, is_adviser, org, phone, "
                                     "topics, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_stmt *ins_venue = prep("INSERT INTO venue (uuid, unit_id, name, kind, theme, address, capacity, guide, "
                                   "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_stmt *ins_course = prep("INSERT INTO course (uuid, unit_id, title, category, module, format, teacher_id, "
                                    "venue_id, hours, featured, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int64_t local_unit = store_unit_id(db);
    char u[37], name[256], buf[256], ph[32];

    int members_per_unit = sc->members / sc->units;
    int64_t *unit_first_member = calloc((size_t)sc->units, sizeof *unit_first_member);
    int64_t *unit_first_teacher = calloc((size_t)sc->units, sizeof *unit_first_teacher);
    int64_t *unit_first_venue = calloc((size_t)sc->units, sizeof *unit_first_venue);
    int64_t *unit_first_course = calloc((size_t)sc->units, sizeof *unit_first_course);
    int64_t *unit_id = calloc((size_t)sc->units, sizeof *unit_id);
    /* member id → branch id, for session targets (ids are dense from 1). */
    int64_t *member_branch = calloc((size_t)sc->members + 2, sizeof *member_branch);
    if (!unit_first_member || !unit_first_teacher || !unit_first_venue || !unit_first_course || !unit_id ||
        !member_branch)
        die("out of memory");

    for (int un = 0; un < sc->units; un++) {
        const char *town = towns[un % N(towns)];
        /* --branches-only makes the ledger a roster is imported into: every branch
         * under the local unit, as a county school keeping its whole roster would. */
        if (un == 0 || branches_only) {
            unit_id[un] = local_unit;
        } else {
            /* Units as if merged from other townships' ledgers (is_local = 0). */
            uuid(u);
            snprintf(name, sizeof name, "%s党校分校", town);
            text(ins_unit, 1, u);
            text(ins_unit, 2, name);
            text(ins_unit, 3, ts);
            done(ins_unit, "unit");
            unit_id[un] = sqlite3_last_insert_rowid(db);
        }
        /* Branch sizes vary (a big village, a small school); the last takes the rest. */
        int nb = sc->branches_per_unit;
        double w[64], wsum = 0;
        for (int k = 0; k < nb; k++)
            wsum += (w[k] = 0.4 + unit01() * 1.2);
        int left = members_per_unit;
        for (int k = 0; k < nb; k++) {
            const char *vil1 = vfirst[(k * 13 + un) % N(vfirst)], *vil2 = vsecond[(k * 7 + un * 3) % N(vsecond)];
            const char *kind, *suffix;
            if (k < nb * 5 / 8) {
                kind = "村", suffix = k % 9 == 4 ? "村党总支" : "村党支部";
            } else if (k < nb * 6 / 8) {
                kind = "社区", suffix = "社区党支部";
            } else if (k < nb * 7 / 8) {
                kind = "企业", suffix = k % 2 ? "农业发展有限公司党支部" : "机械制造有限公司党支部";
            } else if (k < nb - 2) {
                kind = "机关", suffix = "片区机关党支部";
            } else if (k < nb - 1) {
                kind = "学校", suffix = "中心小学党支部";
            } else {
                kind = "其他", suffix = "非公经济联合党支部";
            }
            if (!in_words(&bkind, kind))
                kind = bkind.w[bkind.n - 1];
            snprintf(name, sizeof name, "%s%s%s%s", town, vil1, vil2, suffix);
            char sec[64];
            person(sec, sizeof sec);
            phone(ph, sizeof ph);
            uuid(u);
            text(ins_branch, 1, u);
            sqlite3_bind_int64(ins_branch, 2, unit_id[un]);
            text(ins_branch, 3, name);
            text(ins_branch, 4, kind);
            text(ins_branch, 5, sec);
            text(ins_branch, 6, ph);
            text(ins_branch, 7, ts);
            done(ins_branch, "branch");
            int64_t bid = sqlite3_last_insert_rowid(db);
            if (branches_only)
                continue;
            int cnt = k == nb - 1 ? left : (int)(members_per_unit * w[k] / wsum);
            if (cnt > left)
                cnt = left;
            left -= cnt;
            for (int j = 0; j < cnt; j++) {
                /* The secretary first, then 2–4 committee members, then the rest. */
                const char *r = j == 0 ? "党组织书记" : j <= 1 + (int)(bid % 3) ? "班子成员"
                              : pick(50) == 0 ? "入党积极分子" : pick(80) == 0 ? "流动党员" : "普通党员";
                if (!in_words(&role, r))
                    r = role.w[0];
                if (j == 0)
                    snprintf(buf, sizeof buf, "%s", sec);
                else
                    person(buf, sizeof buf);
                phone(ph, sizeof ph);
                uuid(u);
                text(ins_member, 1, u);
                sqlite3_bind_int64(ins_member, 2, bid);
                text(ins_member, 3, buf);
                text(ins_member, 4, pick(100) < 62 ? "男" : "女");
                text(ins_member, 5, ph);
                text(ins_member, 6, r);
                sqlite3_bind_int(ins_member, 7, pick(100) < 97);
                text(ins_member, 8, ts);
                done(ins_member, "member");
                int64_t mid = sqlite3_last_insert_rowid(db);
                if (j == 0 && k == 0)
                    unit_first_member[un] = mid;
                if (mid <= sc->members)
                    member_branch[mid] = bid;
            }
        }
        for (int t = 0; t < TEACHERS_PER_UNIT; t++) {
            static const char *types[] = {"领导型", "榜样型", "专家型"};
            person(buf, sizeof buf);
            phone(ph, sizeof ph);
            uuid(u);
            snprintf(name, sizeof name, "%s、%s", themes[pick(N(themes))], themes[pick(N(themes))]);
            text(ins_teacher, 1, u);
            sqlite3_bind_int64(ins_teacher, 2, unit_id[un]);
            text(ins_teacher, 3, buf);
            text(ins_teacher, 4, t < 5 ? "专职" : "兼职");
            text(ins_teacher, 5, types[pick(3)]);
            sqlite3_bind_int(ins_teacher, 6, t % 5 == 1);
            text(ins_teacher, 7, orgs[pick(N(orgs))]);
            text(ins_teacher, 8, ph);
            text(ins_teacher, 9, name);
            text(ins_teacher, 10, ts);
            done(ins_teacher, "teacher");
            if (t == 0)
                unit_first_teacher[un] = sqlite3_last_insert_rowid(db);
        }
        for (int v = 0; v < VENUES_PER_UNIT; v++) {
            static const char *sites[] = {"红色教育基地", "革命烈士纪念馆", "乡村振兴示范点", "党建主题公园",
                                          "新时代文明实践站", "农业科技示范园", "廉政教育馆"};
            if (v == 0)
                snprintf(name, sizeof name, "%s党群服务中心", town);
            else
                snprintf(name, sizeof name, "%s%s%s", vfirst[(v * 5 + un) % N(vfirst)], vsecond[v % N(vsecond)],
                         sites[(v - 1) % N(sites)]);
            uuid(u);
            text(ins_venue, 1, u);
            sqlite3_bind_int64(ins_venue, 2, unit_id[un]);
            text(ins_venue, 3, name);
            text(ins_venue, 4, v == 0 ? "主阵地" : "教学点");
            text(ins_venue, 5, v == 0 ? "" : themes[pick(N(themes))]);
            snprintf(buf, sizeof buf, "%s%s%s村", town, vfirst[(v * 5 + un) % N(vfirst)], vsecond[v % N(vsecond)]);
            text(ins_venue, 6, buf);
            sqlite3_bind_int(ins_venue, 7, 30 + pick(200));
            person(buf, sizeof buf);
            text(ins_venue, 8, buf);
            text(ins_venue, 9, ts);
            done(ins_venue, "venue");
            if (v == 0)
                unit_first_venue[un] = sqlite3_last_insert_rowid(db);
        }
        for (int c = 0; c < COURSES_PER_UNIT && !branches_only; c++) {
            uuid(u);
            snprintf(name, sizeof name, "《%s》", themes[(c + un) % N(themes)]);
            text(ins_course, 1, u);
            sqlite3_bind_int64(ins_course, 2, unit_id[un]);
            text(ins_course, 3, name);
            text(ins_course, 4, cat.w[c % cat.n]);
            snprintf(buf, sizeof buf, "模块%d", 1 + c / 10);
            text(ins_course, 5, buf);
            text(ins_course, 6, fmt.w[pick(fmt.n)]);
            sqlite3_bind_int64(ins_course, 7, unit_first_teacher[un] + pick(TEACHERS_PER_UNIT));
            sqlite3_bind_int64(ins_course, 8, unit_first_venue[un] + pick(VENUES_PER_UNIT));
            sqlite3_bind_double(ins_course, 9, 2);
            sqlite3_bind_int(ins_course, 10, c % 8 == 0);
            text(ins_course, 11, ts);
            done(ins_course, "course");
            if (c == 0)
                unit_first_course[un] = sqlite3_last_insert_rowid(db);
        }
    }
    sqlite3_finalize(ins_unit);
    sqlite3_finalize(ins_branch);
    sqlite3_finalize(ins_member);
    sqlite3_finalize(ins_teacher);
    sqlite3_finalize(ins_venue);
    sqlite3_finalize(ins_course);
    exec("COMMIT");

    long total_att = 0, total_sessions = 0;
    if (!branches_only) {
        sqlite3_stmt *ins_session = prep(
            "INSERT INTO session (uuid, unit_id, date, start_time, end_time, title, category, format, kind, course_id, "
            "teacher_id, venue_id, hours, expected, present, note, recorder, voided, void_reason, created_at, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20)");
        sqlite3_stmt *ins_target = prep("INSERT OR IGNORE INTO session_branch (session_id, branch_id) VALUES (?, ?)");
        /* The triggers on attendance keep member_year in step, row by row, as in a real save. */
        sqlite3_stmt *ins_att = prep("INSERT INTO attendance (session_id, member_id, status, reason) VALUES (?, ?, ?, ?)");
        int roll_status[256];
        /* The audit trail a save leaves (verify checks every session has one), as ledger_save_session writes
         * it: one insert record holding the digest of the roll call (rollaudit.h), and for a voided session its
         * void record (a copy of the row). */
        sqlite3_stmt *audit_session = prep(
            "INSERT INTO audit (at, who, action, entity, uuid, after) SELECT ?2, recorder, 'insert', 'session', uuid, "
            "?3 FROM session WHERE id = ?1");
        sqlite3_stmt *audit_void = prep(
            "INSERT INTO audit (at, who, action, entity, uuid, after) SELECT ?2, recorder, 'void', 'session', uuid, "
            "json_object('id', id, 'uuid', uuid, 'unit_id', unit_id, 'date', date, 'start_time', start_time, "
            "'end_time', end_time, 'title', title, 'category', category, 'format', format, 'kind', kind, "
            "'teacher_id', teacher_id, 'venue_id', venue_id, 'hours', hours, 'expected', expected, 'present', present, "
            "'voided', voided, 'void_reason', void_reason) FROM session WHERE id = ?1");
        sqlite3_stmt *roll_read = NULL; /* ledger_roll_call_json's, kept: the roll call in the record's form */
        int kweight = 0;
        for (int i = 0; i < N(kinds); i++)
            kweight += kinds[i].weight;
        int per_unit_year = sc->sessions / (sc->units * sc->years);
        char(*wdays)[11] = malloc(262 * sizeof *wdays);
        const char **dates = malloc((size_t)per_unit_year * sizeof *dates);
        long rows_in_txn = 0;
        exec("BEGIN");
        for (int un = 0; un < sc->units; un++) {
            for (int y = LAST_YEAR - sc->years + 1; y <= LAST_YEAR; y++) {
                /* The last year stops at LAST_MONTH; it keeps the full count, so its months are busier. */
                int nd = working_days(y, y == LAST_YEAR ? LAST_MONTH : 12, wdays);
                int ns = per_unit_year;
                for (int i = 0; i < ns; i++)
                    dates[i] = wdays[pick(nd)];
                qsort(dates, (size_t)ns, sizeof *dates, cmp_date);
                for (int i = 0; i < ns; i++) {
                    int kw = pick(kweight), ki = 0;
                    while (kw >= kinds[ki].weight)
                        kw -= kinds[ki++].weight;
                    const struct kindw *kd = &kinds[ki];
                    const char *kind = in_words(&kindv, kd->kind) ? kd->kind : kindv.w[kindv.n - 1];
                    double hours = kd->hours[pick(4)];
                    int sh = pick(3) == 0 ? 14 : 9, sm = pick(2) * 30;
                    int em = sh * 60 + sm + (int)(hours > 4 ? 7.5 * 60 : hours * 60);
                    char start[6], end[6], created[32];
                    snprintf(start, sizeof start, "%02d:%02d", sh, sm);
                    text_format(end, sizeof end, "%02d:%02d", em / 60 > 23 ? 23 : em / 60, em / 60 > 23 ? 59 : em % 60);
                    const char *theme = themes[pick(N(themes))];
                    if (pick(4) == 0)
                        snprintf(name, sizeof name, "%s%s（第%d期）", theme, kd->suffix, 1 + pick(6));
                    else
                        snprintf(name, sizeof name, "%s%s", theme, kd->suffix);
                    /* 送资料 carries a head count without a roll call, as it is recorded in practice. */
                    int roll = strcmp(kd->kind, "送资料") != 0;
                    int n = sc->att_min + pick(sc->att_max - sc->att_min + 1);
                    if (n > members_per_unit)
                        n = members_per_unit;
                    /* Roll call first, so 应到/实到 go in with the row as a save writes them. */
                    int present = 0;
                    for (int j = 0; j < n; j++) {
                        roll_status[j] = pick(100);
                        present += roll_status[j] < 88;
                    }
                    int voided = pick(100) == 0;
                    int cidx = pick(3) == 0 ? pick(COURSES_PER_UNIT) : -1;
                    uuid(u);
                    snprintf(created, sizeof created, "%sT%02d:%02d:00Z", dates[i], sh + 1 > 23 ? 23 : sh + 1, sm);
                    text(ins_session, 1, u);
                    sqlite3_bind_int64(ins_session, 2, unit_id[un]);
                    text(ins_session, 3, dates[i]);
                    text(ins_session, 4, start);
                    text(ins_session, 5, end);
                    text(ins_session, 6, name);
                    text(ins_session, 7, cat.w[pick(cat.n)]);
                    text(ins_session, 8, fmt.w[pick(fmt.n)]);
                    text(ins_session, 9, kind);
                    if (cidx >= 0)
                        sqlite3_bind_int64(ins_session, 10, unit_first_course[un] + cidx);
                    else
                        sqlite3_bind_null(ins_session, 10);
                    sqlite3_bind_int64(ins_session, 11, unit_first_teacher[un] + pick(TEACHERS_PER_UNIT));
                    sqlite3_bind_int64(ins_session, 12, unit_first_venue[un] + pick(VENUES_PER_UNIT));
                    sqlite3_bind_double(ins_session, 13, hours);
                    sqlite3_bind_int(ins_session, 14, n);
                    sqlite3_bind_int(ins_session, 15, roll ? present : n - pick(3));
                    text(ins_session, 16, pick(10) == 0 ? "签到表已归档" : "");
                    text(ins_session, 17, "分校办公室");
                    sqlite3_bind_int(ins_session, 18, voided);
                    text(ins_session, 19, voided ? "重复录入" : "");
                    text(ins_session, 20, created);
                    done(ins_session, "session");
                    int64_t sid = sqlite3_last_insert_rowid(db);
                    total_sessions++;
                    /* A roll call is a run of neighbours on the roster: one or two branches. */
                    int64_t first = roll ? unit_first_member[un] + pick(members_per_unit - n + 1) : 0;
                    int64_t last_branch = 0;
                    for (int j = 0; roll && j < n; j++) {
                        int64_t mid = first + j;
                        int r = roll_status[j];
                        int status = r < 88 ? ROLL_PRESENT : r < 95 ? ROLL_LEAVE : ROLL_ABSENT;
                        sqlite3_bind_int64(ins_att, 1, sid);
                        sqlite3_bind_int64(ins_att, 2, mid);
                        sqlite3_bind_int(ins_att, 3, status);
                        text(ins_att, 4, r >= 88 && r < 95 ? leave_reasons[pick(N(leave_reasons))] : "");
                        done(ins_att, "attendance");
                        int64_t b = mid <= sc->members ? member_branch[mid] : 0;
                        if (b && b != last_branch) {
                            sqlite3_bind_int64(ins_target, 1, sid);
                            sqlite3_bind_int64(ins_target, 2, b);
                            done(ins_target, "session_branch");
                            last_branch = b;
                        }
                    }
                    sqlite3_bind_int64(audit_session, 1, sid);
                    text(audit_session, 2, created);
                    char *record = ledger_roll_call_json(db, sid, &roll_read), digest[ROLL_DIGEST_SIZE];
                    if (!record || roll_digest_of(record, digest))
                        die("roll call");
                    sqlite3_free(record);
                    sqlite3_bind_text(audit_session, 3, digest, -1, SQLITE_TRANSIENT);
                    done(audit_session, "audit");
                    if (voided) {
                        sqlite3_bind_int64(audit_void, 1, sid);
                        text(audit_void, 2, created);
                        done(audit_void, "audit");
                    }
                    if (!roll)
                        continue;
                    total_att += n;
                    rows_in_txn += n;
                    if (rows_in_txn >= ROWS_PER_TXN) {
                        exec("COMMIT");
                        exec("BEGIN");
                        rows_in_txn = 0;
                    }
                }
            }
            fprintf(stderr, "\rgen %s: unit %d/%d, %ld sessions, %ld attendance rows", sc->name, un + 1, sc->units,
                    total_sessions, total_att);
        }
        exec("COMMIT");
        fputc('\n', stderr);
        sqlite3_finalize(ins_session);
        sqlite3_finalize(ins_target);
        sqlite3_finalize(ins_att);
        sqlite3_finalize(audit_session);
        sqlite3_finalize(audit_void);
        sqlite3_finalize(roll_read);
        free(wdays);
        free(dates);

        /* The aggregate was kept by the triggers; prove it equals a recount (kinds that count toward 学时 only: 003). */
        sqlite3_stmt *chk = prep(
            "WITH r AS (SELECT a.member_id AS m, CAST(substr(s.date, 1, 4) AS INTEGER) AS y, sum(s.hours) AS h, "
            "count(*) AS n FROM attendance a JOIN session s ON s.id = a.session_id "
            "WHERE a.status = 1 AND s.voided = 0 "
            "AND ifnull((SELECT counts_hours FROM vocab WHERE kind = 'kind' AND name = s.kind), 1) = 1 GROUP BY 1, 2) "
            "SELECT (SELECT count(*) FROM r LEFT JOIN member_year y ON y.member_id = r.m AND y.year = r.y "
            "        WHERE y.member_id IS NULL OR abs(y.hours - r.h) > 1e-6 OR y.sessions <> r.n) + "
            "       (SELECT count(*) FROM member_year y WHERE (y.hours <> 0 OR y.sessions <> 0) AND NOT EXISTS "
            "        (SELECT 1 FROM r WHERE r.m = y.member_id AND r.y = y.year))");
        if (sqlite3_step(chk) != SQLITE_ROW || sqlite3_column_int64(chk, 0) != 0)
            die("member_year does not match a recount of attendance");
        sqlite3_finalize(chk);
    }
    /* The file as `merge -o` leaves a county ledger it makes, and as closing a year or an upgrade leaves a
     * township's: its pages packed (store_compact). */
    exec("VACUUM");
    exec("PRAGMA journal_mode = WAL");
    store_close(db);
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    fprintf(stderr, "gen %s: %s: %d units, %d branches, %d members, %ld sessions, %ld attendance rows in %.1f s\n",
            sc->name, argv[2], sc->units, sc->units * sc->branches_per_unit, branches_only ? 0 : sc->members,
            total_sessions, total_att, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    free(unit_first_member);
    free(unit_first_teacher);
    free(unit_first_venue);
    free(unit_first_course);
    free(unit_id);
    free(member_branch);
    return 0;
}
