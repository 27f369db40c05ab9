/* cli_commands.c — the table of commands: each with its forms (subcommands), positional words and options.
 * main.c dispatches through it; --help, the manual's synopsis and the bash completion are made from it (cli_doc.c). */
#include <string.h>

#include "cli.h"

#define END                                                                                                            \
    {                                                                                                                  \
        NULL, NULL, NULL, NULL, NULL, 0, NULL                                                                          \
    }

const struct cli_option cli_global_options[] = {
    {"--db", NULL, "文件", "file", NULL, CLI_OPT_FILE,
     "账本文件（默认 $FENXIAO_DB，否则 $XDG_DATA_HOME/fenxiao/ledger.db）"},
    {"--config", NULL, "文件", "file", NULL, CLI_OPT_FILE, "配置文件（默认 $XDG_CONFIG_HOME/fenxiao/fenxiao.ini）"},
    {"-h", "--help", NULL, NULL, NULL, 0, "显示本帮助"},
    {"-V", "--version", NULL, NULL, NULL, 0, "显示版本"},
    END,
};

static const struct cli_option init_options[] = {
    {"--unit", NULL, "名称", "name", NULL, 0, "分校（单位）名称，默认取配置文件的 [unit] name"},
    END,
};

static const struct cli_option demo_options[] = {
    {"--force", NULL, NULL, NULL, NULL, 0, "替换已有的文件（不是示例账本的先留一份副本）"},
    {"--unit", NULL, "名称", "name", NULL, 0, "示例乡镇的名称"},
    END,
};

static const struct cli_option session_add_options[] = {
    {"--date", NULL, "日期", "YYYY-MM-DD", NULL, CLI_OPT_REQUIRED, "培训日期（多日的培训班：开班日期）"},
    {"--end-date", NULL, "日期", "YYYY-MM-DD", NULL, 0, "多日的培训班的结束日期（同一年内；计一期，归入开班日期的期间）"},
    {"--title", NULL, "标题", "T", NULL, CLI_OPT_REQUIRED, "培训主题"},
    {"--category", NULL, "类别", "C", NULL, CLI_OPT_REQUIRED, "内容类别（七类之一）"},
    {"--format", NULL, "形式", "F", NULL, CLI_OPT_REQUIRED, "培训形式"},
    {"--hours", NULL, "学时", "H", NULL, CLI_OPT_REQUIRED, "学时（每天 0–24；给了 --end-date 时可省略，按天计：每天 8）"},
    {"--kind", NULL, "类型", "K", NULL, 0, "记录类型（默认 培训班）"},
    {"--teacher", NULL, "姓名", "name", NULL, 0, "授课人（姓名或编号）"},
    {"--venue", NULL, "场地", "venue", NULL, 0, "场地（名称或编号）"},
    {"--start", NULL, "时:分", "HH:MM", NULL, 0, "开始时间"},
    {"--end", NULL, "时:分", "HH:MM", NULL, 0, "结束时间"},
    {"--branch", NULL, "党组织,…", "branch,...", NULL, 0, "参训党组织"},
    {"--expected", NULL, "人数", "N", NULL, 0, "应到人数（照录；不给时按培训对象党组织的在册党员，再按点名人数）"},
    {"--present", NULL, "人数", "N", NULL, 0, "实到人数（不逐人点名时的人数；与点名同给时须一致）"},
    {"--guests", NULL, "姓名,…", "name,...", NULL, 0, "培训对象党组织以外的到会人员（计入实到和人次，不计应到）"},
    {"--attendees", NULL, "姓名|编号,…", "name|id,...", NULL, 0, "到会的党员"},
    {"--absent", NULL, "姓名:原因,…", "name:reason,...", NULL, 0, "缺席的党员和原因"},
    {"--leave", NULL, "姓名:原因,…", "name:reason,...", NULL, 0, "请假的党员和原因"},
    {"--note", NULL, "备注", "text", NULL, 0, "备注"},
    {"--recorder", NULL, "姓名", "name", NULL, 0, "记录人（默认取配置文件或登录名）"},
    {"--future", NULL, NULL, NULL, NULL, 0, "日期晚于今天时确认照录（不给则拒绝）"},
    END,
};

static const struct cli_option session_list_options[] = {
    {"--month", NULL, "年-月", "YYYY-MM", NULL, 0, "只列这个月"},
    {"--kind", NULL, "类型", "K", NULL, 0, "只列这一类型（如 主题党日）"},
    {"--class", NULL, "归类", "class", "培训|组织生活|其他", 0, "只列这一归类的类型"},
    {"--format", NULL, "格式", "format", "text|csv", 0, "输出格式"},
    END,
};

static const struct cli_option session_void_options[] = {
    {"--reason", NULL, "原因", "text", NULL, CLI_OPT_REQUIRED, "作废的原因（记入审计日志）"},
    END,
};

static const struct cli_option session_restore_options[] = {
    {"--reason", NULL, "原因", "text", NULL, CLI_OPT_REQUIRED, "恢复的原因（记入审计日志）"},
    END,
};

static const struct cli_option session_feedback_options[] = {
    {"--returned", NULL, "份数", "N", NULL, CLI_OPT_REQUIRED, "回收的评价表份数"},
    {"--satisfied", NULL, "份数", "N", NULL, 0, "满意的份数（与 --basic、--unsatisfied 一起给出）"},
    {"--basic", NULL, "份数", "N", NULL, 0, "基本满意的份数"},
    {"--unsatisfied", NULL, "份数", "N", NULL, 0, "不满意的份数"},
    {"--score", NULL, "平均分", "X", NULL, 0, "平均分（0 到配置 [feedback] scale，默认 5），代替三项份数"},
    {"--comment", NULL, "意见", "text", NULL, 0, "简短的意见建议"},
    END,
};

static const struct cli_form session_forms[] = {
    {"add", "", "", NULL, "新增一条培训记录，打印它的编号", session_add_options, NULL},
    {"list", "", "", NULL, "列出培训记录（作废的标明“作废”）", session_list_options, NULL},
    {"void", "编号", "id", "", "作废一条培训记录（不删除）", session_void_options, NULL},
    {"restore", "编号", "id", "", "恢复一条作废的培训记录（重新计入统计）", session_restore_options, NULL},
    {"feedback", "编号", "id", "", "登记一条培训记录的评价反馈（满意度），再登记即替换", session_feedback_options, NULL},
    {"show", "编号", "id", "", "显示一条培训记录的详情和评价", NULL, NULL},
};

static const struct cli_option member_list_options[] = {
    {"--find", NULL, "文字", "TEXT", NULL, 0, "拼音首字母、全拼、姓名的一部分或电话号码"},
    {"--branch", NULL, "党组织", "B", NULL, 0, "只列一个党组织"},
    {"--as-of", NULL, "日期", "DATE", NULL, 0, "列出这一天在名册上的人（默认今天的名册）"},
    {"--format", NULL, "格式", "format", "text|csv", 0, "输出格式"},
    END,
};

static const struct cli_option member_leave_options[] = {
    {"--date", NULL, "日期", "DATE", NULL, CLI_OPT_REQUIRED, "离开名册的日期（这一天起不在册）"},
    {"--reason", NULL, "原因", "TEXT", NULL, CLI_OPT_REQUIRED, "转出、停用、去世等"},
    {"--future", NULL, NULL, NULL, NULL, 0, "日期晚于今天时确认照录（不给则拒绝）"},
    END,
};

static const struct cli_form member_forms[] = {
    {"list", "", "", NULL, "列出名册（--as-of 某一天的名册）", member_list_options, NULL},
    {"leave", "姓名|编号", "NAME|ID", "", "登记转出、停用或去世（在册记录保留）", member_leave_options, NULL},
};

static const struct cli_option import_options[] = {
    {"--sheet", NULL, "工作表", "sheet", NULL, 0, "读工作簿的哪一张表：名称或序号（1 是第一张；默认第一张未隐藏的）"},
    {"--dry-run", "-n", NULL, NULL, NULL, 0, "试导入：只显示结果，不写入"},
    {"--create-branches", NULL, NULL, NULL, NULL, 0, "党组织不存在时新建"},
    {"--skip-bad", NULL, NULL, NULL, NULL, 0, "跳过被拒绝的行，导入其余"},
    {"--all", "-v", NULL, NULL, NULL, 0, "也列出没有变化的行"},
    {"--map", NULL, "列名=字段,…", "column=field,...", NULL, 0, "指定列对应的字段"},
    {"--rules", NULL, "文件", "file", NULL, CLI_OPT_FILE, "导入规则文件（默认 data/import.ini）"},
    END,
};

static const struct cli_option export_options[] = {
    {"--format", NULL, "格式", "format", "csv|xlsx", 0, "输出格式（默认按 -o 的扩展名）"},
    {"-o", "--output", "文件", "file", NULL, CLI_OPT_FILE, "写到文件（默认标准输出）"},
    {"--force", NULL, NULL, NULL, NULL, 0, "覆盖已有的文件"},
    END,
};

static const struct cli_option check_options[] = {
    {"--period", NULL, "期间", "P", NULL, 0, "检查的期间（默认本期）"},
    {"--branch", NULL, "党组织", "B", NULL, 0, "只检查一个党组织"},
    {"--format", NULL, "格式", "format", "text|csv", 0, "输出格式"},
    END,
};

static const struct cli_option mark_options[] = {
    {"--period", NULL, "期间", "P", NULL, 0, "标记的期间（默认本期）"},
    {"--branch", NULL, "党组织", "B", NULL, 0, "按党组织检查的标准：哪一个党组织"},
    {"--note", NULL, "说明", "text", NULL, 0, "依据和说明"},
    {"--undo", NULL, NULL, NULL, NULL, 0, "撤销标记"},
    END,
};

static const struct cli_option sheet_options[] = {
    {"--period", NULL, "期间", "P", NULL, 0, "评分的期间（默认标准的本期）"},
    {"--self", NULL, NULL, NULL, NULL, 0, "登记自评（镇街分校）：条目 得分"},
    {"--review", NULL, NULL, NULL, NULL, 0, "登记考评（县级评委会）：条目 得分"},
    {"--note", NULL, "说明", "text", NULL, 0, "评分说明"},
    {"--evidence", NULL, "佐证", "text", NULL, 0, "佐证材料"},
    {"--unit", NULL, "单位", "name", NULL, 0, "县级合并账本中被评分的镇街分校（默认本账本的单位）"},
    {"--show", NULL, NULL, NULL, NULL, 0, "打印量化考评表（同 report sheet）"},
    END,
};

static const struct cli_option backup_options[] = {
    {"-o", "--output", "文件", "file", NULL, CLI_OPT_FILE, "备份到这个新文件（默认账本旁的 backups/）"},
    END,
};

static const struct cli_option merge_options[] = {
    {"-o", "--output", "文件", "file", NULL, CLI_OPT_FILE, "合并到的县级账本"},
    {"--unit", NULL, "名称", "name", NULL, 0, "县级账本的单位名称"},
    {"--summary", NULL, "期间", "P", NULL, 0, "打印县级汇总表"},
    {"--format", NULL, "格式", "format", "text|csv", 0, "汇总表的格式"},
    END,
};

static const struct cli_option funds_add_options[] = {
    {"--date", NULL, "日期", "YYYY-MM-DD", NULL, CLI_OPT_REQUIRED, "收支日期"},
    {"--income", NULL, NULL, NULL, NULL, 0, "收入（与 --expense 二选一）"},
    {"--expense", NULL, NULL, NULL, NULL, 0, "支出"},
    {"--source", NULL, "来源", "S", NULL, CLI_OPT_REQUIRED, "经费来源（data/funds.ini [sources]）"},
    {"--category", NULL, "类别", "C", NULL, 0, "支出类别（支出必填；data/funds.ini [expense]）或收入类别"},
    {"--amount", NULL, "金额", "1234.50", NULL, CLI_OPT_REQUIRED, "金额，单位元，最多两位小数（如 1,234.50）"},
    {"--payee", NULL, "对方", "P", NULL, 0, "对方单位或个人（收款人或付款人）"},
    {"--voucher", NULL, "凭证号", "V", NULL, 0, "凭证号"},
    {"--session", NULL, "编号", "ID", NULL, 0, "这笔钱用于哪一条培训记录"},
    {"--reason", NULL, "原因", "R", NULL, 0, "不符合经费规则时的原因（记入明细账）"},
    {"--note", NULL, "备注", "text", NULL, 0, "备注"},
    {"--recorder", NULL, "姓名", "name", NULL, 0, "记录人（默认取配置文件）"},
    END,
};

static const struct cli_option funds_list_options[] = {
    {"--year", NULL, "年份", "YYYY", NULL, 0, "只列这一年"},
    {"--month", NULL, "年-月", "YYYY-MM", NULL, 0, "只列这个月"},
    {"--format", NULL, "格式", "format", "text|csv", 0, "输出格式"},
    END,
};

static const struct cli_option funds_void_options[] = {
    {"--reason", NULL, "原因", "text", NULL, CLI_OPT_REQUIRED, "作废的原因（记入审计日志）"},
    END,
};

static const struct cli_option funds_budget_options[] = {
    {"--source", NULL, "来源", "S", NULL, 0, "经费来源（默认 data/funds.ini [budget] source）"},
    {"--amount", NULL, "金额", "A", NULL, CLI_OPT_REQUIRED, "全年预算，单位元"},
    END,
};

static const struct cli_form funds_forms[] = {
    {"add", "", "", NULL, "记一笔收入或支出，打印它的编号", funds_add_options, NULL},
    {"list", "", "", NULL, "列出经费收支记录（作废的标明“作废”）", funds_list_options, NULL},
    {"void", "编号", "id", "", "作废一笔经费记录（不删除）", funds_void_options, NULL},
    {"budget", "年份", "YYYY", "", "设定某一年一个经费来源的预算", funds_budget_options, NULL},
};

static const struct cli_option points_add_options[] = {
    {"--date", NULL, "日期", "YYYY-MM-DD", NULL, CLI_OPT_REQUIRED, "加减的日期（计入这一年的积分）"},
    {"--points", NULL, "分数", "N", NULL, CLI_OPT_REQUIRED, "加（正数）或减（负数）的积分，-100 到 100，不为 0"},
    {"--reason", NULL, "原因", "text", NULL, CLI_OPT_REQUIRED, "加减的原因（记入审计日志）"},
    {"--recorder", NULL, "姓名", "name", NULL, 0, "记录人（默认取配置文件）"},
    END,
};

static const struct cli_option points_void_options[] = {
    {"--reason", NULL, "原因", "text", NULL, CLI_OPT_REQUIRED, "作废的原因（记入审计日志）"},
    END,
};

static const struct cli_form points_forms[] = {
    {"add", "党员", "member", "", "给一名党员手工加减积分（写明原因），打印它的编号", points_add_options, NULL},
    {"list", "[年份]", "[YYYY]", "", "列出手工加减积分（作废的标明“作废”）", NULL, NULL},
    {"void", "编号", "id", "", "作废一笔手工加减积分（不删除）", points_void_options, NULL},
};

static const struct cli_option plan_import_options[] = {
    {"--year", NULL, "年份", "YYYY", NULL, 0, "计划年度（默认今年；“月份”列写的是这一年的月份）"},
    {"--dry-run", "-n", NULL, NULL, NULL, 0, "只检查、列出每一行，不写入"},
    {"--sheet", NULL, "工作表", "sheet", NULL, 0, "工作簿中的工作表（名称或序号）"},
    END,
};

static const struct cli_option plan_list_options[] = {
    {"--as-of", NULL, "日期", "DATE", NULL, 0, "按这一天对照（默认今天）：当月已过仍未完成的为逾期"},
    {"--format", NULL, "格式", "format", "text|csv", 0, "输出格式"},
    END,
};

static const struct cli_form plan_forms[] = {
    {"import", "文件", "file", NULL, "导入年度培训计划（月份 标题 内容类别 类型 学时 参训对象 负责人）",
     plan_import_options, NULL},
    {"list", "[年份]", "[YYYY]", "", "计划对照：每个项目和每月的计划、已完成、逾期、未到期和完成率", plan_list_options,
     NULL},
    {"link", "培训记录编号 计划项目编号", "SESSION-ID PLAN-ID", "", "把一条培训记录关联到计划项目（手动）", NULL, NULL},
};

static const struct cli_option close_year_options[] = {
    {"--reason", NULL, "原因", "text", NULL, 0, "该年还有未整改完成的问题时必填：交账的原因（记入审计日志）"},
    {"-o", "--output", "文件", "PACKAGE.pdf", NULL, CLI_OPT_FILE, "交账材料 PDF 写到这里（同名 .xlsx 在旁边）；默认文档文件夹里的“单位名称年份年交账材料.pdf”"},
    {"--force", NULL, NULL, NULL, NULL, 0, "覆盖已有的文件"},
    END,
};

static const struct cli_option open_year_options[] = {
    {"-o", "--output", "文件", "COVER.pdf", NULL, CLI_OPT_FILE, "建账后把年度台账封面（单位、年度、建账时间和建账人、年度培训计划表）写成 PDF"},
    {"--force", NULL, NULL, NULL, NULL, 0, "覆盖已有的文件"},
    END,
};

static const struct cli_option problem_add_options[] = {
    {"--date", NULL, "日期", "YYYY-MM-DD", NULL, CLI_OPT_REQUIRED, "发现日期（问题归入这一年）"},
    {"--source", NULL, "来源", "查账|县级检查|自查", NULL, CLI_OPT_REQUIRED, "问题来源：查账、县级检查（或 县级）、自查"},
    {"--text", NULL, "描述", "text", NULL, CLI_OPT_REQUIRED, "问题描述"},
    {"--item", NULL, "条目", "CODE", NULL, 0, "对应的检查清单条目编号（如 3.2）"},
    {"--plan-item", NULL, "编号", "ID", NULL, 0, "对应的年度计划项目编号"},
    {"--unit", NULL, "单位", "U", NULL, 0, "责任单位（责任清单）"},
    {"--person", NULL, "姓名", "P", NULL, 0, "责任人（责任清单）"},
    {"--recorder", NULL, "姓名", "name", NULL, 0, "记录人（默认取配置文件）"},
    END,
};

static const struct cli_option problem_list_options[] = {
    {"--as-of", NULL, "日期", "YYYY-MM-DD", NULL, 0, "按这一天判断逾期（默认今天）"},
    {"--format", NULL, "格式", "format", "text|csv", 0, "输出格式"},
    END,
};

static const struct cli_option problem_task_options[] = {
    {"--measure", NULL, "措施", "text", NULL, CLI_OPT_REQUIRED, "整改措施（任务清单）"},
    {"--deadline", NULL, "日期", "YYYY-MM-DD", NULL, CLI_OPT_REQUIRED, "完成时限"},
    {"--unit", NULL, "单位", "U", NULL, 0, "责任单位（默认同问题）"},
    {"--person", NULL, "姓名", "P", NULL, 0, "责任人（默认同问题）"},
    {"--started", NULL, NULL, NULL, NULL, 0, "任务已经开始（状态记为 进行中）"},
    END,
};

static const struct cli_option problem_done_options[] = {
    {"--date", NULL, "日期", "YYYY-MM-DD", NULL, CLI_OPT_REQUIRED, "完成日期"},
    {"--evidence", NULL, "佐证", "text", NULL, CLI_OPT_REQUIRED, "整改佐证（材料、记录）"},
    END,
};

static const struct cli_form problem_forms[] = {
    {"add", "", "", NULL, "记一个问题（问题清单、责任清单），打印它的编号", problem_add_options, NULL},
    {"list", "[年份]", "[YYYY]", "", "列出一年的问题清单、责任清单和任务清单，逾期的任务标明“逾期”",
     problem_list_options, NULL},
    {"task", "问题编号", "PROBLEM-ID", "", "给问题添加一项整改任务（任务清单），打印它的编号", problem_task_options,
     NULL},
    {"start", "任务编号", "TASK-ID", "", "把整改任务记为 进行中", NULL, NULL},
    {"done", "任务编号", "TASK-ID", "", "把整改任务记为 已完成，写明日期和佐证", problem_done_options, NULL},
};

static const struct cli_form attach_forms[] = {
    {"session", "编号 文件", "id file", NULL, "把文件复制进账本旁的 archive/ 文件夹，记为一条培训记录的附件", NULL, NULL},
    {"plan", "编号 文件", "id file", NULL, "记为一个计划项目的附件", NULL, NULL},
    {"funds", "编号 文件", "id file", NULL, "记为一笔经费记录的附件（如凭证）", NULL, NULL},
    {"mark", "编号 文件", "id file", NULL, "记为一个清单标记的附件（佐证材料）", NULL, NULL},
    {"list", "[对象 编号]", "[entity id]", "", "列出附件（全部，或一条记录的）：编号、原文件名、大小、SHA-256、卷号", NULL,
     NULL},
    {"number", "年份", "YYYY", "", "给该年度有附件的记录编卷号（年度-类别-序号；已编的不变）", NULL, NULL},
};

/* A command with no subcommand word: one form. */
#define ALONE(args, args_en, values, summary, options)                                                                 \
    (const struct cli_form[]){{NULL, args, args_en, values, summary, options, NULL}}, 1, NULL

const struct cli_command cli_commands[] = {
    {"init", "新建账本（不会覆盖已有文件）", ALONE("", "", NULL, NULL, init_options), cmd_init},
    {"demo", "另建一个示例乡镇的账本（不会碰您的账本）", ALONE("", "", NULL, NULL, demo_options), cmd_demo},
    {"session", "培训记录：新增、列出、作废、恢复、评价、详情", session_forms, 6, NULL, cmd_session},
    {"member", "名册：某一天的在册人员，转出和停用", member_forms, 2, NULL, cmd_member},
    {"import", "导入党组织、党员、教师、场地、课程、出勤记录、经费记录",
     ALONE("表 文件", "table file", "branches|members|teachers|venues|courses|attendance|funds|plan", NULL, import_options),
     cmd_import},
    {"export", "导出（已有的文件须加 --force 才覆盖）",
     ALONE("表", "table", "branches|members|teachers|venues|courses|sessions|attendance|funds|plan|problems|feedback",
           NULL, export_options),
     cmd_export},
    {"report", "报表（text/csv/xlsx/pdf，可打印）", NULL, 0, cli_report_form, cmd_report},
    {"check", "检查清单", ALONE("[标准]", "[standard]", "", NULL, check_options), cmd_check},
    {"standards", "列出已安装的标准", ALONE("", "", NULL, NULL, NULL), cmd_standards},
    {"mark", "手工标记", ALONE("标准 条目", "standard item", "", NULL, mark_options), cmd_mark},
    {"sheet", "量化考评表：逐项登记自评、考评得分，或打印考评表",
     ALONE("标准 [条目 得分]", "standard [item score]", "", NULL, sheet_options), cmd_sheet},
    {"backup", "备份账本", ALONE("", "", NULL, NULL, backup_options), cmd_backup},
    {"restore", "从备份恢复（保留被替换的账本）", ALONE("文件", "file", NULL, NULL, NULL), cmd_restore},
    {"verify", "检查账本完整性", ALONE("", "", NULL, NULL, NULL), cmd_verify},
    {"close-year", "年底交账：该年度记录只读", ALONE("年份", "YYYY", "", NULL, close_year_options),
     cmd_close_year},
    {"merge", "合并各乡镇账本（县级汇总）", ALONE("账本…", "file...", NULL, NULL, merge_options), cmd_merge},
    {"funds", "经费台账：收支记录、作废、预算", funds_forms, 4, NULL, cmd_funds},
    {"points", "党员积分的手工加减：新增、列出、作废（积分排名见 report points）", points_forms, 3, NULL, cmd_points},
    {"plan", "年度培训计划：导入、计划对照、关联培训记录", plan_forms, 3, NULL, cmd_plan},
    {"open-year", "年初建账：记录建账人和时间，按培训计划标准检查全年计划", ALONE("年份", "YYYY", "", NULL, open_year_options),
     cmd_open_year},
    {"problem", "问题清单、责任清单、任务清单：问题、整改任务、完成", problem_forms, 5, NULL, cmd_problem},
    {"attach", "立卷归档：给培训记录、计划项目、经费记录或清单标记添加附件（复制进 archive/ 文件夹）", attach_forms, 6,
     NULL, cmd_attach},
};
const int cli_ncommands = (int)(sizeof cli_commands / sizeof cli_commands[0]);

const struct cli_command *cli_command_find(const char *name)
{
    for (int i = 0; name && i < cli_ncommands; i++)
        if (!strcmp(cli_commands[i].name, name))
            return &cli_commands[i];
    return NULL;
}

bool cli_command_form(const struct cli_command *c, int i, struct cli_form *out)
{
    if (c->form_at)
        return c->form_at(i, out);
    if (i < 0 || i >= c->nforms)
        return false;
    *out = c->forms[i];
    return true;
}
