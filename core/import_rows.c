/* import_rows.c — one line of an import into the ledger: members, branches, teachers, venues, courses.
 * The identity rules (which ledger row a line is) live here; see import.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "branch.h"
#include "course.h"
#include "date.h"
#include "funds.h"
#include "plan.h"
#include "import_internal.h"
#include "member.h"
#include "teacher.h"
#include "text.h"
#include "text_limits.h"
#include "venue.h"

static void note_change(char *msg, size_t sz, const char *label, const char *before, const char *after)
{
    import_append_text(msg, sz, "%s%s：%s → %s", msg[0] ? "；" : "", label, before[0] ? before : "（空）", after);
}

/* Set dst from the file when the file gives a value that differs; note it. */
static void take(char *dst, size_t dsz, const char *from, const char *label, char *msg, size_t msz, bool *changed)
{
    if (!from[0] || !strcmp(dst, from))
        return;
    note_change(msg, msz, label, dst, from);
    text_copy(dst, dsz, from);
    *changed = true;
}

static int seen(struct import_ctx *x, int64_t id)
{
    sqlite3_stmt *st = import_stmt_get(x, S_SEEN);
    if (!st)
        return FX_EINTERNAL;
    sqlite3_bind_int64(st, 1, id);
    return import_stmt_run(x, st, "导入");
}

/* Was this ledger row matched by an earlier line of the file? */
static bool was_seen(struct import_ctx *x, int64_t id)
{
    sqlite3_stmt *st = import_stmt_get(x, S_SEEN_HAS);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, id);
    bool yes = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    return yes;
}

int import_pick_person(const char phones[][32], const int64_t *ids, int n, int total, const char *name,
                       const char *phone, const char *where, struct import_line *l)
{
    if (phone[0])
        for (int i = 0; i < n; i++)
            if (!strcmp(phones[i], phone))
                return i;
    if (total == 0)
        return -1;
    if (total == 1)
        return 0;
    char list[160] = "";
    for (int i = 0; i < n && i < 6; i++)
        import_append_text(list, sizeof list, "%s%lld", i ? "、" : "", (long long)ids[i]);
    import_refuse(l, "%s有 %d 位“%s”（编号 %s），%s无法确定是哪一位；请在文件中写上各人的联系电话，或在名册中修改",
                  where, total, name, list, phone[0] ? "联系电话都对不上，" : "");
    return -2;
}

/* The identity rule of members and teachers: see import.h. sql selects
 * (id, phone) of same-named rows not yet matched by this file, binding ?1 = the
 * scope (branch or unit) and ?2 = the name. Returns the id, 0 for a new
 * person, or -1 when ambiguous (l is refused). */
static int64_t match_person(struct import_ctx *x, int which, int64_t scope, const char *name, const char *phone,
                            const char *where, struct import_line *l)
{
    sqlite3_stmt *st = import_stmt_get(x, which);
    if (!st) {
        import_refuse(l, "读取账本失败：%s", x->fatal.msg);
        return -1;
    }
    sqlite3_bind_int64(st, 1, scope);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, x->member_max); /* members only: ?3 is not in the teachers' query */
    int64_t ids[32];
    char phones[32][32];
    int n = 0, total = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (which == S_MEMBER_MATCH && was_seen(x, sqlite3_column_int64(st, 0)))
            continue;
        if (n < 32) {
            ids[n] = sqlite3_column_int64(st, 0);
            const unsigned char *p = sqlite3_column_text(st, 1);
            text_copy(phones[n], sizeof phones[n], p ? (const char *)p : "");
            n++;
        }
        total++;
    }
    sqlite3_reset(st);
    int i = import_pick_person((const char(*)[32])phones, ids, n, total, name, phone, where, l);
    return i >= 0 ? ids[i] : i == -1 ? 0 : -1;
}

static const char *guess_branch_kind(const char *name)
{
    static const struct {
        const char *part, *kind;
    } rules[] = {
        {"社区", "社区"}, {"村", "村"},     {"公司", "企业"}, {"企业", "企业"},   {"集团", "企业"}, {"厂", "企业"},
        {"学校", "学校"}, {"小学", "学校"}, {"中学", "学校"}, {"幼儿园", "学校"}, {"机关", "机关"}, {"政府", "机关"},
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (strstr(name, rules[i].part))
            return rules[i].kind;
    return "其他";
}

static int64_t branch_by_name(struct import_ctx *x, const char *name)
{
    if (x->last_branch_id > 0 && !strcmp(name, x->last_branch))
        return x->last_branch_id;
    sqlite3_stmt *st = import_stmt_get(x, S_BRANCH_ID);
    if (!st)
        return -1;
    int64_t id = 0;
    sqlite3_bind_int64(st, 1, x->unit_id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        id = sqlite3_column_int64(st, 0);
    else if (rc != SQLITE_DONE)
        id = -1;
    sqlite3_reset(st);
    if (id > 0) {
        text_copy(x->last_branch, sizeof x->last_branch, name);
        x->last_branch_id = id;
    }
    return id;
}

/* Saves report through err; the line carries the message. */
static int saved(int rc, struct fx_error *e, struct import_line *l, int outcome)
{
    if (rc)
        return import_refuse(l, "%s", e->msg);
    l->outcome = outcome;
    return outcome;
}

static int do_branch(struct import_ctx *x, struct import_line *l)
{
    struct branch b;
    memset(&b, 0, sizeof b);
    struct fx_error e;
    fx_clear(&e);
    char kind[64], phone[64];
    text_copy(kind, sizeof kind, import_cell(x, "kind"));
    text_copy(phone, sizeof phone, import_cell(x, "phone"));
    text_copy(l->what, sizeof l->what, import_cell(x, "name"));
    if (import_clean_phone(phone, l) >= 0)
        return IMPORT_REFUSED;
    bool known = true;
    if (kind[0] && vocab_has(x->db, "branch_kind", kind, &known, &e))
        return import_refuse(l, "%s", e.msg);
    if (!known)
        return import_refuse(l, "党组织类型“%s”不认识（可用：村、社区、企业、机关、学校、其他）", kind);
    int64_t id = branch_by_name(x, import_cell(x, "name"));
    bool changed = false;
    if (id > 0) {
        sqlite3_stmt *st;
        if (store_prepare(x->db, "SELECT uuid, name, kind, secretary, phone FROM branch WHERE id = ?", &st, &e))
            return import_refuse(l, "%s", e.msg);
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            b.id = id;
            text_copy(b.uuid, sizeof b.uuid, (const char *)sqlite3_column_text(st, 0));
            text_copy(b.name, sizeof b.name, (const char *)sqlite3_column_text(st, 1));
            text_copy(b.kind, sizeof b.kind, (const char *)sqlite3_column_text(st, 2));
            text_copy(b.secretary, sizeof b.secretary, (const char *)sqlite3_column_text(st, 3));
            text_copy(b.phone, sizeof b.phone, (const char *)sqlite3_column_text(st, 4));
        }
        sqlite3_finalize(st);
        take(b.kind, sizeof b.kind, kind, "类型", l->message, sizeof l->message, &changed);
        take(b.secretary, sizeof b.secretary, import_cell(x, "secretary"), "书记", l->message, sizeof l->message,
             &changed);
        take(b.phone, sizeof b.phone, phone, "联系电话", l->message, sizeof l->message, &changed);
        if (!changed) {
            l->outcome = IMPORT_UNCHANGED;
            return IMPORT_UNCHANGED;
        }
        return saved(branch_save(x->db, &b, &e), &e, l, IMPORT_UPDATED);
    }
    text_copy(b.name, sizeof b.name, import_cell(x, "name"));
    text_copy(b.kind, sizeof b.kind, kind[0] ? kind : guess_branch_kind(b.name));
    text_copy(b.secretary, sizeof b.secretary, import_cell(x, "secretary"));
    text_copy(b.phone, sizeof b.phone, phone);
    return saved(branch_save(x->db, &b, &e), &e, l, IMPORT_ADDED);
}

/* Did the branch have members before this import? If not, a line cannot be
 * one of them, and the identity query is skipped (a new township's roster). */
static bool branch_had_members(struct import_ctx *x, int64_t branch_id)
{
    if (x->known_branch != branch_id) {
        sqlite3_stmt *st = import_stmt_get(x, S_BRANCH_HAS_MEMBERS);
        if (!st)
            return true; /* then the query itself reports the failure */
        sqlite3_bind_int64(st, 1, branch_id);
        sqlite3_bind_int64(st, 2, x->member_max);
        x->has_members = sqlite3_step(st) != SQLITE_DONE;
        sqlite3_reset(st);
        x->known_branch = branch_id;
    }
    return x->has_members;
}

static bool is_role(struct import_ctx *x, const char *role)
{
    for (int i = 0; i < x->roles.n; i++)
        if (!strcmp(x->roles.name[i], role))
            return true;
    return false;
}

/* The register's columns of a member line (类别, 职务, 入党/转入日期, 转出日期), checked. */
struct register_cells {
    bool any;
    char category[32], post[32], joined[11], left[11];
};

static int read_register(struct import_ctx *x, struct register_cells *r, struct import_line *l)
{
    memset(r, 0, sizeof *r);
    char cat[64], post[64], joined[64], left[64];
    struct fx_error e;
    text_copy(cat, sizeof cat, import_cell(x, "category"));
    text_copy(post, sizeof post, import_cell(x, "post"));
    text_copy(joined, sizeof joined, import_cell(x, "joined"));
    text_copy(left, sizeof left, import_cell(x, "left"));
    import_map_value(x, "category_values", cat, sizeof cat);
    import_map_value(x, "post_values", post, sizeof post);
    if (cat[0] && strcmp(cat, "正式党员") && strcmp(cat, "预备党员") && strcmp(cat, "入党积极分子") &&
        strcmp(cat, "发展对象"))
        return import_refuse(l, "类别“%s”应为正式党员、预备党员、入党积极分子或发展对象", cat), -1;
    if (post[0] && strcmp(post, "书记") && strcmp(post, "班子成员") && strcmp(post, "无"))
        return import_refuse(l, "职务“%s”应为书记、班子成员或无", post), -1;
    if (joined[0] && date_normalize(joined, r->joined, &e))
        return import_refuse(l, "入党/转入日期“%s”不是有效日期", joined), -1;
    if (left[0] && date_normalize(left, r->left, &e))
        return import_refuse(l, "转出日期“%s”不是有效日期", left), -1;
    if (r->joined[0] && r->left[0] && strcmp(r->left, r->joined) <= 0)
        return import_refuse(l, "转出日期 %s 应晚于入党/转入日期 %s", r->left, r->joined), -1;
    text_copy(r->category, sizeof r->category, cat);
    text_copy(r->post, sizeof r->post, post);
    r->any = cat[0] || post[0] || joined[0] || left[0];
    return 0;
}

/* Write the register's columns through member_save and member_leave (nested in the import's
 * transaction, each with its audit record): IMPORT_UPDATED when something changed. */
static int apply_register(struct import_ctx *x, int64_t id, const struct register_cells *r, struct import_line *l)
{
    struct fx_error e;
    fx_clear(&e);
    struct member m, was;
    if (member_get(x->db, id, &m, &e))
        return import_refuse(l, "%s", e.msg);
    was = m;
    if (r->category[0])
        text_copy(m.category, sizeof m.category, r->category);
    if (r->post[0])
        text_copy(m.post, sizeof m.post, strcmp(r->post, "无") ? r->post : "");
    if (r->joined[0])
        text_copy(m.since, sizeof m.since, r->joined);
    bool changed = strcmp(m.category, was.category) || strcmp(m.post, was.post) || strcmp(m.since, was.since);
    if (changed && member_save(x->db, &m, &e))
        return import_refuse(l, "%s", e.msg);
    if (r->left[0] && m.active) {
        if (member_leave(x->db, id, r->left, "转出", &e))
            return import_refuse(l, "%s", e.msg);
        changed = true;
    }
    return changed ? IMPORT_UPDATED : IMPORT_UNCHANGED;
}

/* A member line. Everything that can refuse it is checked before anything is
 * written, so a refused line leaves nothing behind without a savepoint; a
 * write that fails after that is the ledger's failure (IMPORT_FATAL). */
static int do_member(struct import_ctx *x, struct import_line *l)
{
    struct fx_error e;
    fx_clear(&e);
    char name[FX_TEXT_BYTES(FX_PERSON_CHARS)], bname[FX_TEXT_BYTES(FX_PLACE_CHARS)], phone[FX_TEXT_BYTES(FX_PHONE_CHARS)],
        role[64], gender[64];
    text_copy(name, sizeof name, import_cell(x, "name"));
    import_clean_name(name);
    text_copy(bname, sizeof bname, import_cell(x, "branch"));
    text_copy(phone, sizeof phone, import_cell(x, "phone"));
    text_copy(role, sizeof role, import_cell(x, "role"));
    text_copy(gender, sizeof gender, import_cell(x, "gender"));
    text_format(l->what, sizeof l->what, "%s（%s）", name, bname);
    if (!name[0])
        return import_refuse(l, "姓名不能为空");
    if (!bname[0])
        return import_refuse(l, "没有填写所在党支部");
    if (import_clean_phone(phone, l) >= 0)
        return IMPORT_REFUSED;
    import_map_value(x, "role_values", role, sizeof role);
    if (role[0] && !is_role(x, role)) {
        char list[400] = "";
        for (int i = 0; i < x->roles.n; i++)
            import_append_text(list, sizeof list, "%s%s", i ? "、" : "", x->roles.name[i]);
        return import_refuse(l, "人员类别“%s”不认识（可用：%s）", role, list);
    }
    import_map_value(x, "gender_values", gender, sizeof gender);
    if (gender[0] && strcmp(gender, "男") && strcmp(gender, "女"))
        return import_refuse(l, "性别应为“男”或“女”，而不是“%s”", gender);
    struct register_cells reg;
    if (read_register(x, &reg, l))
        return IMPORT_REFUSED;

    int64_t branch_id = branch_by_name(x, bname);
    if (branch_id < 0)
        return import_refuse(l, "读取账本失败");
    if (branch_id == 0 && !x->opt->create_branches)
        return import_refuse(l, "党组织“%s”不在账本中（请先导入党组织，或加 --create-branches 自动新建）", bname);
    int64_t id = 0;
    struct member m; /* the ledger's row, as far as the import changes it */
    memset(&m, 0, sizeof m);
    if (branch_id > 0 && branch_had_members(x, branch_id)) {
        char where[300];
        snprintf(where, sizeof where, "“%s”", bname);
        if ((id = match_person(x, S_MEMBER_MATCH, branch_id, name, phone, where, l)) < 0)
            return IMPORT_REFUSED;
    }
    if (id > 0) {
        sqlite3_stmt *st = import_stmt_get(x, S_MEMBER_GET);
        if (!st)
            return IMPORT_FATAL;
        sqlite3_bind_int64(st, 1, id);
        int rc = sqlite3_step(st);
        if (rc != SQLITE_ROW) {
            sqlite3_reset(st);
            return import_refuse(l, "读取账本失败：%s", rc == SQLITE_DONE ? "记录不存在" : sqlite3_errmsg(x->db));
        }
        text_copy(m.phone, sizeof m.phone, import_column_text(st, 0));
        text_copy(m.role, sizeof m.role, import_column_text(st, 1));
        text_copy(m.gender, sizeof m.gender, import_column_text(st, 2));
        text_copy(m.note, sizeof m.note, import_column_text(st, 3));
        m.active = sqlite3_column_int(st, 4);
        sqlite3_reset(st);
        bool changed = false;
        take(m.phone, sizeof m.phone, phone, "联系电话", l->message, sizeof l->message, &changed);
        take(m.role, sizeof m.role, role, "人员类别", l->message, sizeof l->message, &changed);
        take(m.gender, sizeof m.gender, gender, "性别", l->message, sizeof l->message, &changed);
        take(m.note, sizeof m.note, import_cell(x, "note"), "备注", l->message, sizeof l->message, &changed);
        if (!m.active)
            import_append_text(l->message, sizeof l->message, "%s此人在名册中已停用，仍保持停用",
                               l->message[0] ? "；" : "");
        if (!m.role[0])
            text_copy(m.role, sizeof m.role, "普通党员");
        if (changed && !is_role(x, m.role)) /* as member_save would refuse it */
            return import_refuse(l, "未知的人员类别：%s", m.role);
        if (seen(x, id))
            return IMPORT_FATAL;
        if (reg.any) {
            int r = apply_register(x, id, &reg, l);
            if (r == IMPORT_UPDATED)
                changed = true;
            else if (r != IMPORT_UNCHANGED)
                return r;
        }
        if (!changed)
            return IMPORT_UNCHANGED;
        /* Before, write, after: one audit record per changed row. */
        sqlite3_stmt *js = import_stmt_get(x, S_MEMBER_JSON), *up = import_stmt_get(x, S_MEMBER_UPDATE),
                     *au = import_stmt_get(x, S_MEMBER_AUDIT_UPDATE);
        if (!js || !up || !au)
            return IMPORT_FATAL;
        sqlite3_bind_int64(js, 1, id);
        if ((rc = sqlite3_step(js)) != SQLITE_ROW) {
            sqlite3_reset(js);
            store_fail(x->db, rc == SQLITE_DONE ? SQLITE_ERROR : rc, &x->fatal, "导入");
            return IMPORT_FATAL;
        }
        sqlite3_bind_text(au, 2, import_column_text(js, 0), -1, SQLITE_TRANSIENT);
        sqlite3_reset(js);
        sqlite3_bind_int64(up, 1, id);
        sqlite3_bind_text(up, 2, m.phone, -1, SQLITE_STATIC);
        sqlite3_bind_text(up, 3, m.role, -1, SQLITE_STATIC);
        sqlite3_bind_text(up, 4, m.gender, -1, SQLITE_STATIC);
        sqlite3_bind_text(up, 5, m.note, -1, SQLITE_STATIC);
        sqlite3_bind_text(up, 6, x->now, -1, SQLITE_STATIC);
        if (import_stmt_run(x, up, "导入"))
            return IMPORT_FATAL;
        sqlite3_bind_text(au, 1, store_actor(), -1, SQLITE_STATIC);
        sqlite3_bind_int64(au, 3, id);
        sqlite3_bind_text(au, 4, x->now_ms, -1, SQLITE_STATIC);
        if (import_stmt_run(x, au, "写审计记录"))
            return IMPORT_FATAL;
        return IMPORT_UPDATED;
    }
    if (!role[0])
        text_copy(role, sizeof role, "普通党员");
    if (!is_role(x, role))
        return import_refuse(l, "未知的人员类别：%s", role);
    if (branch_id == 0) {
        struct branch b;
        memset(&b, 0, sizeof b);
        text_copy(b.name, sizeof b.name, bname);
        text_copy(b.kind, sizeof b.kind, guess_branch_kind(bname));
        if (branch_save(x->db, &b, &e)) {
            fx_fail(&x->fatal, e.code, "新建党组织“%s”失败：%s", bname, e.msg);
            return IMPORT_FATAL;
        }
        branch_id = b.id;
        x->res->branches_created++;
        text_copy(x->last_branch, sizeof x->last_branch, bname);
        x->last_branch_id = branch_id;
        snprintf(l->message, sizeof l->message, "新建党组织“%s”（%s）", bname, b.kind);
    }
    char uuid[37];
    import_new_uuid(x, uuid);
    sqlite3_stmt *st = import_stmt_get(x, S_MEMBER_INSERT);
    if (!st)
        return IMPORT_FATAL;
    sqlite3_bind_int64(st, 1, branch_id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, gender, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, role, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, import_cell(x, "note"), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, x->now, -1, SQLITE_STATIC);
    /* 类别 and 职务 go in with the row, so its first term (the trigger's) is in its category; version 1's
     * role word follows them as member_save keeps it. */
    const char *post = strcmp(reg.post, "无") ? reg.post : "";
    sqlite3_bind_text(st, 9, reg.category[0] ? reg.category : "正式党员", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, post, -1, SQLITE_STATIC);
    if (!strcmp(post, "书记"))
        sqlite3_bind_text(st, 5, "党组织书记", -1, SQLITE_STATIC);
    else if (!strcmp(post, "班子成员"))
        sqlite3_bind_text(st, 5, "班子成员", -1, SQLITE_STATIC);
    else if (!strcmp(reg.category, "入党积极分子") || !strcmp(reg.category, "发展对象"))
        sqlite3_bind_text(st, 5, reg.category, -1, SQLITE_STATIC);
    if (import_stmt_run(x, st, "导入"))
        return IMPORT_FATAL;
    if (reg.any) {
        int r = apply_register(x, sqlite3_last_insert_rowid(x->db), &reg, l);
        if (r != IMPORT_UPDATED && r != IMPORT_UNCHANGED)
            return r == IMPORT_REFUSED ? IMPORT_FATAL : r; /* checked before: a ledger's failure */
    }
    /* Named in the file's audit record (audit_file in import.c), not one of its own. */
    return IMPORT_ADDED;
}

static int do_teacher(struct import_ctx *x, struct import_line *l)
{
    struct fx_error e;
    fx_clear(&e);
    char name[FX_TEXT_BYTES(FX_PERSON_CHARS)], phone[FX_TEXT_BYTES(FX_PHONE_CHARS)], employment[64], type[64], adviser[64];
    text_copy(name, sizeof name, import_cell(x, "name"));
    import_clean_name(name);
    text_copy(phone, sizeof phone, import_cell(x, "phone"));
    text_copy(employment, sizeof employment, import_cell(x, "employment"));
    text_copy(type, sizeof type, import_cell(x, "type"));
    text_copy(adviser, sizeof adviser, import_cell(x, "adviser"));
    text_copy(l->what, sizeof l->what, name);
    if (import_clean_phone(phone, l) >= 0)
        return IMPORT_REFUSED;
    if (!strcmp(employment, "专") || !strcmp(employment, "兼"))
        strcat(employment, "职");
    if (employment[0] && strcmp(employment, "专职") && strcmp(employment, "兼职"))
        return import_refuse(l, "专职兼职应为“专职”或“兼职”，而不是“%s”", employment);
    if (type[0] && strlen(type) == 6 && (!strcmp(type, "领导") || !strcmp(type, "榜样") || !strcmp(type, "专家")))
        strcat(type, "型");
    if (type[0] && strcmp(type, "领导型") && strcmp(type, "榜样型") && strcmp(type, "专家型"))
        return import_refuse(l, "教师类型应为 领导型、榜样型 或 专家型，而不是“%s”", type);
    int is_adviser = -1;
    if (import_parse_yes_no(x, "指导员", adviser, &is_adviser, l) >= 0)
        return IMPORT_REFUSED;
    int64_t id = match_person(x, S_TEACHER_MATCH, x->unit_id, name, phone, "师资库中", l);
    if (id < 0)
        return IMPORT_REFUSED;
    struct teacher t;
    memset(&t, 0, sizeof t);
    int outcome = IMPORT_ADDED;
    if (id > 0) {
        sqlite3_stmt *st;
        if (store_prepare(
                x->db, "SELECT uuid, name, employment, type, is_adviser, org, phone, topics FROM teacher WHERE id = ?",
                &st, &e))
            return import_refuse(l, "%s", e.msg);
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            t.id = id;
            text_copy(t.uuid, sizeof t.uuid, (const char *)sqlite3_column_text(st, 0));
            text_copy(t.name, sizeof t.name, (const char *)sqlite3_column_text(st, 1));
            text_copy(t.employment, sizeof t.employment, (const char *)sqlite3_column_text(st, 2));
            text_copy(t.type, sizeof t.type, (const char *)sqlite3_column_text(st, 3));
            t.is_adviser = sqlite3_column_int(st, 4);
            text_copy(t.org, sizeof t.org, (const char *)sqlite3_column_text(st, 5));
            text_copy(t.phone, sizeof t.phone, (const char *)sqlite3_column_text(st, 6));
            text_copy(t.topics, sizeof t.topics, (const char *)sqlite3_column_text(st, 7));
        }
        sqlite3_finalize(st);
        bool changed = false;
        take(t.employment, sizeof t.employment, employment, "专职兼职", l->message, sizeof l->message, &changed);
        take(t.type, sizeof t.type, type, "类型", l->message, sizeof l->message, &changed);
        take(t.org, sizeof t.org, import_cell(x, "org"), "单位", l->message, sizeof l->message, &changed);
        take(t.phone, sizeof t.phone, phone, "联系电话", l->message, sizeof l->message, &changed);
        take(t.topics, sizeof t.topics, import_cell(x, "topics"), "擅长专题", l->message, sizeof l->message, &changed);
        if (is_adviser >= 0 && is_adviser != t.is_adviser) {
            note_change(l->message, sizeof l->message, "指导员", t.is_adviser ? "是" : "否", is_adviser ? "是" : "否");
            t.is_adviser = is_adviser;
            changed = true;
        }
        outcome = changed ? IMPORT_UPDATED : IMPORT_UNCHANGED;
        if (!changed) {
            if (seen(x, id))
                return import_refuse(l, "内部错误（记录已匹配的行）");
            l->outcome = outcome;
            return outcome;
        }
    } else {
        text_copy(t.name, sizeof t.name, name);
        text_copy(t.employment, sizeof t.employment, employment);
        text_copy(t.type, sizeof t.type, type);
        text_copy(t.org, sizeof t.org, import_cell(x, "org"));
        text_copy(t.phone, sizeof t.phone, phone);
        text_copy(t.topics, sizeof t.topics, import_cell(x, "topics"));
        t.is_adviser = is_adviser > 0;
    }
    if (teacher_save(x->db, &t, &e))
        return import_refuse(l, "%s", e.msg);
    if (seen(x, t.id))
        return import_refuse(l, "内部错误（记录已匹配的行）");
    l->outcome = outcome;
    return outcome;
}

static int do_venue(struct import_ctx *x, struct import_line *l)
{
    struct fx_error e;
    fx_clear(&e);
    char kind[64];
    text_copy(kind, sizeof kind, import_cell(x, "kind"));
    text_copy(l->what, sizeof l->what, import_cell(x, "name"));
    if (kind[0] && strstr(kind, "教学点"))
        text_copy(kind, sizeof kind, "教学点");
    if (kind[0] && strcmp(kind, "主阵地") && strcmp(kind, "教学点"))
        return import_refuse(l, "场地类型应为“主阵地”或“教学点”，而不是“%s”", kind);
    double cap = -1;
    if (import_cell(x, "capacity")[0] &&
        import_parse_number("容纳人数", import_cell(x, "capacity"), "人", 0, 1000000, true, &cap, l) >= 0)
        return IMPORT_REFUSED;
    struct venue v;
    memset(&v, 0, sizeof v);
    sqlite3_stmt *st;
    if (store_prepare(x->db,
                      "SELECT id, uuid, name, kind, theme, address, capacity, guide FROM venue "
                      "WHERE unit_id = ?1 AND name = ?2 ORDER BY active DESC, id LIMIT 1",
                      &st, &e))
        return import_refuse(l, "%s", e.msg);
    sqlite3_bind_int64(st, 1, x->unit_id);
    sqlite3_bind_text(st, 2, import_cell(x, "name"), -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        v.id = sqlite3_column_int64(st, 0);
        text_copy(v.uuid, sizeof v.uuid, (const char *)sqlite3_column_text(st, 1));
        text_copy(v.name, sizeof v.name, (const char *)sqlite3_column_text(st, 2));
        text_copy(v.kind, sizeof v.kind, (const char *)sqlite3_column_text(st, 3));
        text_copy(v.theme, sizeof v.theme, (const char *)sqlite3_column_text(st, 4));
        text_copy(v.address, sizeof v.address, (const char *)sqlite3_column_text(st, 5));
        v.capacity = sqlite3_column_int(st, 6);
        text_copy(v.guide, sizeof v.guide, (const char *)sqlite3_column_text(st, 7));
    }
    sqlite3_finalize(st);
    if (v.id) {
        bool changed = false;
        take(v.kind, sizeof v.kind, kind, "类型", l->message, sizeof l->message, &changed);
        take(v.theme, sizeof v.theme, import_cell(x, "theme"), "主题", l->message, sizeof l->message, &changed);
        take(v.address, sizeof v.address, import_cell(x, "address"), "地址", l->message, sizeof l->message, &changed);
        take(v.guide, sizeof v.guide, import_cell(x, "guide"), "讲解员", l->message, sizeof l->message, &changed);
        if (cap >= 0 && (int)cap != v.capacity) {
            char a[16], b[16];
            snprintf(a, sizeof a, "%d", v.capacity);
            snprintf(b, sizeof b, "%d", (int)cap);
            note_change(l->message, sizeof l->message, "容纳人数", a, b);
            v.capacity = (int)cap;
            changed = true;
        }
        if (!changed) {
            l->outcome = IMPORT_UNCHANGED;
            return IMPORT_UNCHANGED;
        }
        return saved(venue_save(x->db, &v, &e), &e, l, IMPORT_UPDATED);
    }
    text_copy(v.name, sizeof v.name, import_cell(x, "name"));
    text_copy(v.kind, sizeof v.kind, kind);
    text_copy(v.theme, sizeof v.theme, import_cell(x, "theme"));
    text_copy(v.address, sizeof v.address, import_cell(x, "address"));
    text_copy(v.guide, sizeof v.guide, import_cell(x, "guide"));
    v.capacity = cap > 0 ? (int)cap : 0;
    return saved(venue_save(x->db, &v, &e), &e, l, IMPORT_ADDED);
}

static int do_course(struct import_ctx *x, struct import_line *l)
{
    struct fx_error e;
    fx_clear(&e);
    char title[256];
    text_copy(title, sizeof title, import_cell(x, "title"));
    /* Titles are kept without the book-title marks people put around them. */
    size_t tn = strlen(title);
    if (tn > 6 && !strncmp(title, "《", 3) && !strcmp(title + tn - 3, "》")) {
        title[tn - 3] = '\0';
        memmove(title, title + 3, tn - 5);
    }
    text_format(l->what, sizeof l->what, "《%s》", title);
    int64_t teacher_id = 0, venue_id = 0;
    if (import_cell(x, "teacher")[0] && teacher_find(x->db, import_cell(x, "teacher"), &teacher_id, &e))
        return import_refuse(l, "%s（请先导入教师）", e.msg);
    if (import_cell(x, "venue")[0] && venue_find(x->db, import_cell(x, "venue"), &venue_id, &e))
        return import_refuse(l, "%s（请先导入场地）", e.msg);
    double hours = -1;
    if (import_cell(x, "hours")[0] &&
        import_parse_number("学时", import_cell(x, "hours"), "学时", 0, 24, false, &hours, l) >= 0)
        return IMPORT_REFUSED;
    char featured_text[64];
    text_copy(featured_text, sizeof featured_text, import_cell(x, "featured"));
    int featured = -1;
    if (import_parse_yes_no(x, "精品课", featured_text, &featured, l) >= 0)
        return IMPORT_REFUSED;
    struct course c;
    memset(&c, 0, sizeof c);
    sqlite3_stmt *st;
    if (store_prepare(x->db, "SELECT id FROM course WHERE unit_id = ?1 AND title = ?2 ORDER BY retired, id", &st, &e))
        return import_refuse(l, "%s", e.msg);
    sqlite3_bind_int64(st, 1, x->unit_id);
    sqlite3_bind_text(st, 2, title, -1, SQLITE_STATIC);
    int64_t id = 0;
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        if (n++ == 0)
            id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (n > 1)
        return import_refuse(l, "培训菜单中有 %d 门课程都叫《%s》，无法确定是哪一门；请在菜单中修改", n, title);
    int outcome = IMPORT_ADDED;
    if (id) {
        if (course_get(x->db, id, &c, &e))
            return import_refuse(l, "%s", e.msg);
        bool changed = false;
        take(c.category, sizeof c.category, import_cell(x, "category"), "内容类别", l->message, sizeof l->message,
             &changed);
        take(c.module, sizeof c.module, import_cell(x, "module"), "模块", l->message, sizeof l->message, &changed);
        take(c.format, sizeof c.format, import_cell(x, "format"), "形式", l->message, sizeof l->message, &changed);
        take(c.description, sizeof c.description, import_cell(x, "description"), "简介", l->message, sizeof l->message,
             &changed);
        if (teacher_id && teacher_id != c.teacher_id) {
            note_change(l->message, sizeof l->message, "教师", c.teacher, import_cell(x, "teacher"));
            c.teacher_id = teacher_id;
            changed = true;
        }
        if (venue_id && venue_id != c.venue_id) {
            note_change(l->message, sizeof l->message, "场地", c.venue, import_cell(x, "venue"));
            c.venue_id = venue_id;
            changed = true;
        }
        if (hours >= 0 && hours != c.hours) {
            char a[32], b[32];
            snprintf(a, sizeof a, "%g", c.hours);
            snprintf(b, sizeof b, "%g", hours);
            note_change(l->message, sizeof l->message, "学时", a, b);
            c.hours = hours;
            changed = true;
        }
        if (featured >= 0 && featured != c.featured) {
            note_change(l->message, sizeof l->message, "精品课", c.featured ? "是" : "否", featured ? "是" : "否");
            c.featured = featured;
            changed = true;
        }
        if (!changed) {
            l->outcome = IMPORT_UNCHANGED;
            return IMPORT_UNCHANGED;
        }
        outcome = IMPORT_UPDATED;
    } else {
        text_copy(c.title, sizeof c.title, title);
        text_copy(c.category, sizeof c.category, import_cell(x, "category"));
        text_copy(c.module, sizeof c.module, import_cell(x, "module"));
        text_copy(c.format, sizeof c.format, import_cell(x, "format"));
        text_copy(c.description, sizeof c.description, import_cell(x, "description"));
        c.teacher_id = teacher_id;
        c.venue_id = venue_id;
        c.hours = hours >= 0 ? hours : 2;
        c.featured = featured > 0;
    }
    return saved(course_save(x->db, &c, &e), &e, l, outcome);
}

/* A funds entry: the date, 收入 or 支出 (from 收支, or from which of 收入金额/支出金额 is filled), the amount in yuan,
 * checked by funds_add as `funds add` is (the source and category lists, the rule that says which source pays
 * for what, unless the line gives its 例外原因). A live entry of the same date, direction, amount, counterpart
 * and voucher is the same entry: a statement imported twice adds nothing. */
static int do_funds(struct import_ctx *x, struct import_line *l)
{
    struct fx_error e;
    fx_clear(&e);
    if (!x->funds) {
        if (!(x->funds = calloc(1, sizeof *x->funds)))
            return import_refuse(l, "内存不足");
        if (funds_rules_load(NULL, x->opt->cfg, x->funds, &e))
            return import_refuse(l, "%s", e.msg);
    }
    struct funds_entry f;
    memset(&f, 0, sizeof f);
    if (date_normalize(import_cell(x, "date"), f.date, &e))
        return import_refuse(l, "日期“%s”：%s", import_cell(x, "date"), e.msg);
    const char *dir = import_cell(x, "direction"), *in = import_cell(x, "income"), *out = import_cell(x, "expense");
    const char *amount = import_cell(x, "amount");
    if (dir[0]) {
        if (strstr(dir, "收") && !strstr(dir, "支"))
            text_copy(f.direction, sizeof f.direction, FUNDS_INCOME);
        else if (strstr(dir, "支") && !strstr(dir, "收"))
            text_copy(f.direction, sizeof f.direction, FUNDS_EXPENSE);
        else
            return import_refuse(l, "收支应为“收入”或“支出”，而不是“%s”", dir);
    } else if (in[0] && !out[0]) {
        text_copy(f.direction, sizeof f.direction, FUNDS_INCOME);
        amount = in;
    } else if (out[0] && !in[0]) {
        text_copy(f.direction, sizeof f.direction, FUNDS_EXPENSE);
        amount = out;
    } else {
        return import_refuse(l, "请填写“收支”和“金额”，或只填“收入金额”“支出金额”中的一个");
    }
    if (funds_parse_amount(amount, "金额", &f.amount, &e))
        return import_refuse(l, "%s", e.msg);
    text_copy(f.source, sizeof f.source, import_cell(x, "source"));
    text_copy(f.category, sizeof f.category, import_cell(x, "category"));
    text_copy(f.counterpart, sizeof f.counterpart, import_cell(x, "counterpart"));
    text_copy(f.voucher, sizeof f.voucher, import_cell(x, "voucher"));
    text_copy(f.note, sizeof f.note, import_cell(x, "note"));
    text_copy(f.rule_reason, sizeof f.rule_reason, import_cell(x, "reason"));
    text_format(l->what, sizeof l->what, "%s %s %s", f.date, f.direction, amount);
    bool same = false;
    if (store_exists(x->db,
                     "SELECT 1 FROM funds_entry WHERE voided = 0 AND date = ?1 AND direction = ?2 AND amount = ?3 "
                     "AND counterpart = ?4 AND voucher = ?5",
                     STORE_ARGS(STORE_TEXT(f.date), STORE_TEXT(f.direction), STORE_INT(f.amount),
                                STORE_TEXT(text_trim(f.counterpart)), STORE_TEXT(text_trim(f.voucher))),
                     &same, &e))
        return import_refuse(l, "%s", e.msg);
    if (same) {
        l->outcome = IMPORT_UNCHANGED;
        return IMPORT_UNCHANGED;
    }
    return saved(funds_add(x->db, x->funds, &f, &e), &e, l, IMPORT_ADDED);
}

/* A plan item of the year opt->year: its month or period (plan_parse_months), title, 内容类别 and 类型 (words of
 * the vocabulary), 学时, 参训对象, 负责人, and a course of the menu by title or number. A live item of the same
 * months, title, kind and category is the same item: a plan imported twice adds nothing. */
static int do_plan(struct import_ctx *x, struct import_line *l)
{
    struct fx_error e;
    fx_clear(&e);
    struct plan_item p;
    memset(&p, 0, sizeof p);
    p.year = x->plan_year;
    text_copy(l->what, sizeof l->what, import_cell(x, "title"));
    if (plan_parse_months(import_cell(x, "month"), p.year, &p.month_first, &p.month_last, &e))
        return import_refuse(l, "“月份”列：%s", e.msg);
    text_copy(p.title, sizeof p.title, import_cell(x, "title"));
    text_copy(p.category, sizeof p.category, import_cell(x, "category"));
    text_copy(p.kind, sizeof p.kind, import_cell(x, "kind"));
    text_copy(p.target, sizeof p.target, import_cell(x, "target"));
    text_copy(p.responsible, sizeof p.responsible, import_cell(x, "responsible"));
    text_copy(p.note, sizeof p.note, import_cell(x, "note"));
    if (import_cell(x, "hours")[0] &&
        import_parse_number("学时", import_cell(x, "hours"), "学时", 0, 1000, false, &p.hours, l) >= 0)
        return IMPORT_REFUSED;
    const char *course = import_cell(x, "course");
    if (course[0]) {
        int64_t id = -1;
        if (store_get_int(x->db,
                          "SELECT id FROM course WHERE (CAST(id AS TEXT) = ?1 OR title = ?1) AND unit_id = ?2 "
                          "ORDER BY id LIMIT 1",
                          STORE_ARGS(STORE_TEXT(course), STORE_INT(x->unit_id)), &id, &e))
            return import_refuse(l, "%s", e.msg);
        if (id < 0)
            return import_refuse(l, "“课程”列：培训菜单中没有“%s”", course);
        p.course_id = id;
    }
    char months[32];
    plan_format_months(p.month_first, p.month_last, months, sizeof months);
    text_format(l->what, sizeof l->what, "%s %s", months, p.title);
    bool same = false;
    if (store_exists(x->db,
                     "SELECT 1 FROM plan_item WHERE voided = 0 AND year = ?1 AND month_first = ?2 AND month_last = ?3 "
                     "AND title = ?4 AND kind = ?5 AND category = ?6",
                     STORE_ARGS(STORE_INT(p.year), STORE_INT(p.month_first), STORE_INT(p.month_last),
                                STORE_TEXT(text_trim(p.title)), STORE_TEXT(text_trim(p.kind)),
                                STORE_TEXT(text_trim(p.category))),
                     &same, &e))
        return import_refuse(l, "%s", e.msg);
    if (same) {
        l->outcome = IMPORT_UNCHANGED;
        return IMPORT_UNCHANGED;
    }
    int rc = plan_add(x->db, &p, &e);
    if (rc == FX_ECLOSED)
        x->refused_closed++;
    return saved(rc, &e, l, IMPORT_ADDED);
}

int import_process_line(struct import_ctx *x, struct import_line *l)
{
    if (import_read_cells(x, l) >= 0)
        return IMPORT_REFUSED;
    for (int f = 0; f < x->nfields; f++) {
        if (x->fields[f].required && !x->val[f][0]) {
            text_copy(l->what, sizeof l->what, x->opt->table == IMPORT_ATTENDANCE ? import_cell(x, "name") : x->val[0]);
            return import_refuse(l, "没有填写“%s”", x->fields[f].label);
        }
    }
    switch (x->opt->table) {
    case IMPORT_BRANCHES: return do_branch(x, l);
    case IMPORT_MEMBERS: return do_member(x, l);
    case IMPORT_TEACHERS: return do_teacher(x, l);
    case IMPORT_VENUES: return do_venue(x, l);
    case IMPORT_COURSES: return do_course(x, l);
    case IMPORT_ATTENDANCE: return import_attendance_line(x, l);
    case IMPORT_FUNDS: return do_funds(x, l);
    case IMPORT_PLAN: return do_plan(x, l);
    }
    return import_refuse(l, "未知的表");
}
