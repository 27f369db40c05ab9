/* config.h — fenxiao.ini: unit name, hour minimums and counting rule, printing, backups.
 * A missing file means defaults; see fenxiao(5) for every key. */
#ifndef FX_CONFIG_H
#define FX_CONFIG_H

#include <stdbool.h>

#include "error.h"

enum hour_rule {
    HOURS_CLOCK,   /* one 学时 per hour (or per lesson_minutes), in halves */
    HOURS_DAY      /* a full day counts full_day, half a day half_day, else per hour */
};

/* How the terminal draws East Asian Ambiguous characters ([screen] ambiguous). */
enum ambiguous_width {
    AMBIGUOUS_AUTO,   /* ask the terminal at start (a cursor-position report); narrow if it does not answer */
    AMBIGUOUS_NARROW, /* one column, as glibc's wcwidth says */
    AMBIGUOUS_WIDE    /* two columns (PuTTY/Xshell CJK, GNOME "Wide", xterm -cjk_width) */
};

struct fx_config {
    char path[1024];
    bool loaded;                 /* a file was read (false: all defaults) */
    int ambiguous;               /* [screen] ambiguous = auto | narrow | wide */
    char unit[128];              /* [unit] name */
    double min_member;           /* [hours] member = 32 */
    double min_leader;           /* [hours] leader = 56 (书记 and 班子成员) */
    char leader_roles[256];      /* [hours] leader_roles = 党组织书记,班子成员 (version 1's roles; the 56 学时
                                    target now follows 职务: 书记 and 班子成员) */
    bool prorate;                /* [hours] prorate = yes: a part year's target by whole months on the register */
    bool count_candidates;       /* [hours] count_candidates = no: 入党积极分子/发展对象 held to the 32 学时 */
    int rule;                    /* [hours] rule = day | clock */
    int lesson_minutes;          /* [hours] lesson_minutes = 60 */
    double full_day, half_day;   /* [hours] full_day = 8, half_day = 4 */
    char printer[128];           /* [print] printer = (default queue) */
    char maker_label[64];        /* [print] maker = 制表人 */
    char reviewer_label[64];     /* [print] reviewer = 审核人 */
    char recorder[64];           /* [ledger] recorder = who is named in new records */
    int backup_keep;             /* [backup] keep = 7 */
    char backup_dir[1024];       /* [backup] dir = (beside the ledger) */
    char summary_standard[64];   /* [report] standard = bageyi: noted on a month's summary */
    bool count_meetings;         /* [hours] count_meetings = no: 组织生活 kinds' hours count toward a member's 学时 */
    char funds_rules[1024];      /* [funds] rules = FILE: the funds ledger's words and rule (default data/funds.ini) */
    char funds_budget[32];       /* [funds] budget = 50000.00: the default yearly budget (元), over funds.ini's */
    char points_rules[1024];     /* [points] rules = FILE: the rules of 党员积分 (default data/points.ini) */
    char funds_budget_source[65];/* [funds] budget_source = 市级配套经费: the source that budget is for */
    double sheet_gap;            /* [sheet] gap = 5: a 自评 and 考评 further apart than this are marked ※ on the sheet */
    int feedback_scale;          /* [feedback] scale = 5: the top of the average score (评分) a session's feedback gives */
    int nkind_class;             /* [kind_class] 主题党日 = 培训 …: the county's reading over data/vocab.ini's */
    struct {
        char kind[64], cls[16]; /* cls: 培训, 组织生活 or 其他 */
    } kind_class[32];
};

void config_defaults(struct fx_config *cfg);
/* Load path over the defaults. Missing file: defaults and 0. Malformed:
 * FX_EINPUT with the file and line in err->msg. */
int config_load(const char *path, struct fx_config *cfg, struct fx_error *err);

/* The class the county's config gives kind (培训, 组织生活, 其他), or NULL when it says nothing. */
const char *config_kind_class(const struct fx_config *cfg, const char *kind);

/* Suggested 学时 for a class of days whole days from from to to (YYYY-MM-DD, to after from): days × full_day
 * (rule day) or days × 8 clock hours; 0 when the dates are not a range. */
double config_days_hours(const struct fx_config *cfg, const char *from, const char *to);

/* Yearly minimum hours for a member of that role. */
double config_min_hours(const struct fx_config *cfg, const char *role);

/* Suggested 学时 for a session from start to end (minutes after midnight). */
double config_suggest_hours(const struct fx_config *cfg, int start_min, int end_min);

#endif
