-- 003-sessions.sql — schema version 3: training apart from meetings, classes of several days,
-- head counts and how 应到 was decided, guests on a roll call.
-- Applied by core/store_open.c in the transaction that upgrades a ledger, after a backup copy.
--
-- vocab.class: the class of a session kind — 培训 (counted in the training figures), 组织生活
-- (branch meetings: 三会一课, 主题党日; listed by `report meetings`) or 其他 (送资料, 走访).
-- vocab.counts_hours: 1 when a kind's hours count toward a member's yearly 学时 (培训 always;
-- 组织生活 when fenxiao.ini says [hours] count_meetings = yes). Both are written from
-- data/vocab.ini [kind_class] and fenxiao.ini [kind_class] whenever a ledger is opened
-- (core/vocab.c), so every figure is plain SQL joining vocab.
ALTER TABLE vocab ADD COLUMN class TEXT NOT NULL DEFAULT '培训' CHECK (class = '培训' OR class = '组织生活' OR class = '其他');
ALTER TABLE vocab ADD COLUMN counts_hours INTEGER NOT NULL DEFAULT 1 CHECK (counts_hours IN (0, 1));
-- The shipped reading (data/vocab.ini [kind_class]); a county's config may change it at open.
UPDATE vocab SET class = '组织生活', counts_hours = 0
WHERE kind = 'kind' AND (name = '支委会' OR name = '党员大会' OR name = '党小组会' OR name = '党课' OR name = '主题党日');
UPDATE vocab SET class = '其他', counts_hours = 0
WHERE kind = 'kind' AND (name = '送资料' OR name = '指导员走访' OR name = '其他');

-- Guests: people on the roster from outside the target branches. They count in 实到 and 人次, not in 应到.
ALTER TABLE attendance ADD COLUMN guest INTEGER NOT NULL DEFAULT 0 CHECK (guest IN (0, 1));

-- session is rebuilt: its hours were capped at 24 by a CHECK, which a class of several days
-- exceeds. New: end_date ('' = one day; a class is one 期, counted in the period of its start
-- date) and expected_basis (how 应到 was decided: 'given' typed by a person, 'register' the
-- members of the target branches on that date, 'rollcall' the size of the roll call; '' for
-- a session saved before this version). Rows keep their ids, so references stay valid;
-- foreign keys are off while a ledger is upgraded. Every index and trigger on session is
-- recreated below exactly as 001 made it, except session_hours_upd (kind and class now matter).
CREATE TABLE session_v3 (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  unit_id     INTEGER NOT NULL REFERENCES unit(id),
  date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date) = date),
  start_time  TEXT NOT NULL DEFAULT '' CHECK (start_time = '' OR (start_time GLOB '[0-2][0-9]:[0-5][0-9]' AND start_time < '24:00')),
  end_time    TEXT NOT NULL DEFAULT '' CHECK (end_time = '' OR (end_time GLOB '[0-2][0-9]:[0-5][0-9]' AND end_time < '24:00')),
  title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  category    TEXT NOT NULL,
  format      TEXT NOT NULL,
  kind        TEXT NOT NULL DEFAULT '培训班',
  course_id   INTEGER REFERENCES course(id),
  teacher_id  INTEGER REFERENCES teacher(id),
  venue_id    INTEGER REFERENCES venue(id),
  hours       REAL NOT NULL CHECK (hours >= 0),
  expected    INTEGER NOT NULL DEFAULT 0 CHECK (expected >= 0),
  present     INTEGER NOT NULL DEFAULT 0 CHECK (present >= 0),
  note        TEXT NOT NULL DEFAULT '',
  recorder    TEXT NOT NULL DEFAULT '',
  voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
  void_reason TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  end_date    TEXT NOT NULL DEFAULT '' CHECK (end_date = '' OR (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(end_date) = end_date)),
  expected_basis TEXT NOT NULL DEFAULT '' CHECK (expected_basis = '' OR expected_basis = 'given' OR expected_basis = 'register' OR expected_basis = 'rollcall'),
  CHECK (end_time = '' OR start_time = '' OR end_time > start_time),
  CHECK (voided = 0 OR length(void_reason) > 0),
  -- A class ends after it starts, within its year (its 学时 belong to one year), and earns at most 24 学时 a day.
  CHECK (end_date = '' OR (end_date > date AND substr(end_date, 1, 4) = substr(date, 1, 4))),
  CHECK (hours <= 24 * (CASE WHEN end_date = '' THEN 1 ELSE julianday(end_date) - julianday(date) + 1 END))
);
INSERT INTO session_v3 (id, uuid, unit_id, date, start_time, end_time, title, category, format, kind, course_id,
                        teacher_id, venue_id, hours, expected, present, note, recorder, voided, void_reason,
                        created_at, updated_at)
SELECT id, uuid, unit_id, date, start_time, end_time, title, category, format, kind, course_id,
       teacher_id, venue_id, hours, expected, present, note, recorder, voided, void_reason,
       created_at, updated_at FROM session ORDER BY id;
-- The triggers of other tables that name session (the closed-year locks of 001 and 002) stay as
-- they are, text and all: the rename is done in legacy mode, which leaves them unparsed.
PRAGMA legacy_alter_table = ON;
DROP TABLE session;
ALTER TABLE session_v3 RENAME TO session;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX session_date ON session(date DESC, id DESC);
CREATE INDEX session_kind ON session(kind, date);
CREATE TRIGGER session_no_delete BEFORE DELETE ON session
BEGIN SELECT RAISE(ABORT, 'fenxiao: sessions are voided, never deleted'); END;
CREATE TRIGGER session_closed_insert BEFORE INSERT ON session
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(NEW.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER session_closed_update BEFORE UPDATE ON session
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year IN (CAST(substr(OLD.date, 1, 4) AS INTEGER), CAST(substr(NEW.date, 1, 4) AS INTEGER)))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;

-- member_year now holds the hours that count toward a member's 学时: sessions whose kind has
-- vocab.counts_hours = 1. The triggers of 001 are replaced; core/vocab.c rebuilds the table
-- (vocab_refresh_classes) when a kind's counting changes.
DROP TRIGGER attendance_hours_ins;
DROP TRIGGER attendance_hours_del;
DROP TRIGGER attendance_hours_upd;
CREATE TRIGGER attendance_hours_ins AFTER INSERT ON attendance
WHEN NEW.status = 'present' AND (SELECT voided FROM session WHERE id = NEW.session_id) = 0
 AND ifnull((SELECT v.counts_hours FROM session s JOIN vocab v ON v.kind = 'kind' AND v.name = s.kind WHERE s.id = NEW.session_id), 1) = 1
BEGIN
  INSERT INTO member_year (member_id, year, hours, sessions)
  SELECT NEW.member_id, CAST(substr(s.date, 1, 4) AS INTEGER), s.hours, 1 FROM session s WHERE s.id = NEW.session_id
  ON CONFLICT (member_id, year) DO UPDATE SET hours = hours + excluded.hours, sessions = sessions + 1;
END;
CREATE TRIGGER attendance_hours_del AFTER DELETE ON attendance
WHEN OLD.status = 'present' AND (SELECT voided FROM session WHERE id = OLD.session_id) = 0
 AND ifnull((SELECT v.counts_hours FROM session s JOIN vocab v ON v.kind = 'kind' AND v.name = s.kind WHERE s.id = OLD.session_id), 1) = 1
BEGIN
  UPDATE member_year SET hours = hours - (SELECT hours FROM session WHERE id = OLD.session_id), sessions = sessions - 1
  WHERE member_id = OLD.member_id AND year = (SELECT CAST(substr(date, 1, 4) AS INTEGER) FROM session WHERE id = OLD.session_id);
END;
CREATE TRIGGER attendance_hours_upd AFTER UPDATE OF status ON attendance
WHEN (OLD.status = 'present') <> (NEW.status = 'present') AND (SELECT voided FROM session WHERE id = NEW.session_id) = 0
 AND ifnull((SELECT v.counts_hours FROM session s JOIN vocab v ON v.kind = 'kind' AND v.name = s.kind WHERE s.id = NEW.session_id), 1) = 1
BEGIN
  INSERT INTO member_year (member_id, year, hours, sessions)
  SELECT NEW.member_id, CAST(substr(s.date, 1, 4) AS INTEGER),
         CASE WHEN NEW.status = 'present' THEN s.hours ELSE -s.hours END,
         CASE WHEN NEW.status = 'present' THEN 1 ELSE -1 END
  FROM session s WHERE s.id = NEW.session_id
  ON CONFLICT (member_id, year) DO UPDATE SET hours = hours + excluded.hours, sessions = sessions + excluded.sessions;
END;
-- A change of hours, date, kind or voided state moves the hours of every present attendee.
CREATE TRIGGER session_hours_upd AFTER UPDATE OF hours, date, voided, kind ON session
BEGIN
  UPDATE member_year SET hours = hours - OLD.hours, sessions = sessions - 1
  WHERE OLD.voided = 0 AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER)
    AND ifnull((SELECT counts_hours FROM vocab WHERE kind = 'kind' AND name = OLD.kind), 1) = 1
    AND member_id IN (SELECT member_id FROM attendance WHERE session_id = OLD.id AND status = 'present');
  INSERT INTO member_year (member_id, year, hours, sessions)
  SELECT a.member_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.hours, 1
  FROM attendance a WHERE NEW.voided = 0 AND a.session_id = NEW.id AND a.status = 'present'
    AND ifnull((SELECT counts_hours FROM vocab WHERE kind = 'kind' AND name = NEW.kind), 1) = 1
  ON CONFLICT (member_id, year) DO UPDATE SET hours = hours + excluded.hours, sessions = sessions + 1;
END;

-- The hours already summed, again under the new reading.
DELETE FROM member_year;
INSERT INTO member_year (member_id, year, hours, sessions)
SELECT a.member_id, CAST(substr(s.date, 1, 4) AS INTEGER), sum(s.hours), count(*)
FROM attendance a JOIN session s ON s.id = a.session_id
WHERE a.status = 'present' AND s.voided = 0
  AND ifnull((SELECT counts_hours FROM vocab WHERE kind = 'kind' AND name = s.kind), 1) = 1
GROUP BY 1, 2;
