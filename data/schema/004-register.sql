-- 004-register.sql — schema version 4: the register over time (在册党员 as of a date).
-- Applied by core/store_open.c in the transaction that upgrades a ledger, after a backup copy.
--
-- A person on the roster now has a 类别 (category: 正式党员, 预备党员, 入党积极分子, 发展对象),
-- a separate 职务 (post: 书记, 班子成员 or none, which sets the 56 学时 target) and a 流动党员 flag
-- (mobile). member_term is the dated history: one row per stretch of time in one category.
--   since  ''  = on the register since before the ledger began; else the first day (入党/转入 …)
--   until  ''  = still on it; else the first day NOT on it (转出/停用/去世, or 转正 when a new
--               term in the next category starts that same day)
-- 在册党员 on a day d = the members with a term of 正式党员 or 预备党员 where since <= d < until
-- (core/register.c, register_count; the SQL is REGISTER_ON in core/register.h). member.active stays
-- as the current state (on the roster today), member.role the version-1 word kept in step with
-- category/post/mobile so that exports, merges and older tools keep reading it.
--
-- The closed year (002's rule): a term is not a row of one year — it spans years — so it is not in
-- the digest; instead no term may be added, changed or removed so that a day of a closed year
-- changes sides (on or off the register, or its category). The triggers below refuse a new term
-- that starts or ends inside a closed year, a change of since/until whose old or new value lies in
-- a closed year, a change of category of a term that covers a day of a closed year, and any
-- deletion (history is kept; nothing is deleted). The figures of a closed year therefore read the
-- same register for ever, and the digest of its sessions and attendance stays the proof.

ALTER TABLE member ADD COLUMN category TEXT NOT NULL DEFAULT '正式党员'
  CHECK (category IN ('正式党员', '预备党员', '入党积极分子', '发展对象'));
ALTER TABLE member ADD COLUMN post TEXT NOT NULL DEFAULT '' CHECK (post IN ('', '书记', '班子成员'));
ALTER TABLE member ADD COLUMN mobile INTEGER NOT NULL DEFAULT 0 CHECK (mobile IN (0, 1));

CREATE TABLE member_term (
  id           INTEGER PRIMARY KEY,
  member_id    INTEGER NOT NULL REFERENCES member(id),
  category     TEXT NOT NULL CHECK (category IN ('正式党员', '预备党员', '入党积极分子', '发展对象')),
  since        TEXT NOT NULL DEFAULT '' CHECK (since = '' OR since GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  since_reason TEXT NOT NULL DEFAULT '',
  until        TEXT NOT NULL DEFAULT '' CHECK (until = '' OR (until GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND until > since)),
  until_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX member_term_member ON member_term(member_id, since);

-- Version 1's roles: 普通党员 → 正式党员; 党组织书记 → 正式党员 + 书记; 班子成员 → 正式党员 + 班子成员;
-- 入党积极分子 and 发展对象 → that category; 流动党员 → 正式党员 + the flag. Any other word → 正式党员.
UPDATE member SET
  category = CASE WHEN role IN ('入党积极分子', '发展对象') THEN role ELSE '正式党员' END,
  post = CASE role WHEN '党组织书记' THEN '书记' WHEN '班子成员' THEN '班子成员' ELSE '' END,
  mobile = CASE WHEN role = '流动党员' THEN 1 ELSE 0 END;

-- Join dates were never recorded: every term starts before the ledger began. A member no longer
-- active left on the day the row was last changed (its updated_at), reason 停用.
INSERT INTO member_term (member_id, category, since, since_reason, until, until_reason)
SELECT id, category, '', '',
       CASE WHEN active = 1 THEN '' ELSE substr(updated_at, 1, 10) END,
       CASE WHEN active = 1 THEN '' ELSE '停用' END
FROM member ORDER BY id;

CREATE TRIGGER member_term_closed_insert BEFORE INSERT ON member_term
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year IN (CAST(substr(NEW.since, 1, 4) AS INTEGER), CAST(substr(NEW.until, 1, 4) AS INTEGER)))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER member_term_closed_update BEFORE UPDATE ON member_term
WHEN (NEW.since IS NOT OLD.since AND EXISTS (SELECT 1 FROM closed_year WHERE year IN (CAST(substr(OLD.since, 1, 4) AS INTEGER), CAST(substr(NEW.since, 1, 4) AS INTEGER))))
  OR (NEW.until IS NOT OLD.until AND EXISTS (SELECT 1 FROM closed_year WHERE year IN (CAST(substr(OLD.until, 1, 4) AS INTEGER), CAST(substr(NEW.until, 1, 4) AS INTEGER))))
  OR ((NEW.category IS NOT OLD.category OR NEW.member_id IS NOT OLD.member_id) AND EXISTS (SELECT 1 FROM closed_year
      WHERE printf('%04d-12-31', year) >= OLD.since AND (OLD.until = '' OR printf('%04d-01-01', year) < OLD.until)))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER member_term_no_delete BEFORE DELETE ON member_term
BEGIN SELECT RAISE(ABORT, 'fenxiao: history is kept'); END;

-- Every member has a term from the moment it is inserted, however it is inserted (member_save,
-- import, merge, an older tool): on the register since before the ledger began, in its category; a
-- member inserted already inactive left on the day of its updated_at. A row inserted with only
-- version 1's role word (category, post and mobile left at their defaults) gets them from the role,
-- as the upgrade maps it. member_save then dates the term when a join date is given (core/member.c).
CREATE TRIGGER member_first_term AFTER INSERT ON member
WHEN NOT EXISTS (SELECT 1 FROM member_term WHERE member_id = NEW.id)
BEGIN
  UPDATE member SET
    category = CASE WHEN NEW.role IN ('入党积极分子', '发展对象') THEN NEW.role ELSE '正式党员' END,
    post = CASE NEW.role WHEN '党组织书记' THEN '书记' WHEN '班子成员' THEN '班子成员' ELSE '' END,
    mobile = CASE WHEN NEW.role = '流动党员' THEN 1 ELSE 0 END
  WHERE id = NEW.id AND NEW.category = '正式党员' AND NEW.post = '' AND NEW.mobile = 0
    AND NEW.role IN ('党组织书记', '班子成员', '入党积极分子', '发展对象', '流动党员');
  INSERT INTO member_term (member_id, category, since, since_reason, until, until_reason)
  SELECT NEW.id, category, '', '', CASE WHEN NEW.active = 1 THEN '' ELSE substr(NEW.updated_at, 1, 10) END,
         CASE WHEN NEW.active = 1 THEN '' ELSE '停用' END FROM member WHERE id = NEW.id;
END;
