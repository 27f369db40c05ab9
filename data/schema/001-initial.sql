-- 001-initial.sql — schema version 1 of the fenxiao ledger.
-- Applied by core/store.c inside one transaction; user_version is set by the loader.
-- Lists of three or more values in CHECKs are written as "=" joined by OR: SQLite
-- 3.40 builds a temporary index for "x IN (a, b, c)" on every row it checks, which
-- was most of the cost of saving a roll call or importing a roster.

-- The unit (分校) this ledger belongs to; one row per unit (a merged county ledger holds many).
CREATE TABLE unit (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  is_local   INTEGER NOT NULL DEFAULT 1 CHECK (is_local IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Vocabularies loaded from data/vocab.ini at open: content categories, formats, kinds.
CREATE TABLE vocab (
  kind TEXT NOT NULL CHECK (kind = 'category' OR kind = 'format' OR kind = 'kind' OR kind = 'role' OR kind = 'branch_kind'),
  name TEXT NOT NULL,
  ord  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, name)
) WITHOUT ROWID;

-- 党组织: party branches of the township.
CREATE TABLE branch (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  unit_id    INTEGER NOT NULL REFERENCES unit(id),
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind       TEXT NOT NULL DEFAULT '其他',
  secretary  TEXT NOT NULL DEFAULT '',
  phone      TEXT NOT NULL DEFAULT '',
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (unit_id, name)
);

-- 党员 and others on the roster.
CREATE TABLE member (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  branch_id  INTEGER NOT NULL REFERENCES branch(id),
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  gender     TEXT NOT NULL DEFAULT '' CHECK (gender = '' OR gender = '男' OR gender = '女'),
  phone      TEXT NOT NULL DEFAULT '',
  role       TEXT NOT NULL DEFAULT '普通党员',
  note       TEXT NOT NULL DEFAULT '',
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX member_branch ON member(branch_id, name, id);
CREATE INDEX member_name ON member(name, id);

-- 师资库.
CREATE TABLE teacher (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  unit_id    INTEGER NOT NULL REFERENCES unit(id),
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  employment TEXT NOT NULL DEFAULT '兼职' CHECK (employment IN ('专职', '兼职')),
  type       TEXT NOT NULL DEFAULT '专家型' CHECK (type = '领导型' OR type = '榜样型' OR type = '专家型'),
  is_adviser INTEGER NOT NULL DEFAULT 0 CHECK (is_adviser IN (0, 1)),
  org        TEXT NOT NULL DEFAULT '',
  phone      TEXT NOT NULL DEFAULT '',
  topics     TEXT NOT NULL DEFAULT '',
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX teacher_name ON teacher(name, id);

-- 主阵地 and 教学点.
CREATE TABLE venue (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  unit_id    INTEGER NOT NULL REFERENCES unit(id),
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind       TEXT NOT NULL DEFAULT '主阵地' CHECK (kind IN ('主阵地', '教学点')),
  theme      TEXT NOT NULL DEFAULT '',
  address    TEXT NOT NULL DEFAULT '',
  capacity   INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  guide      TEXT NOT NULL DEFAULT '',
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- 培训菜单.
CREATE TABLE course (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  unit_id     INTEGER NOT NULL REFERENCES unit(id),
  title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  category    TEXT NOT NULL,
  module      TEXT NOT NULL DEFAULT '',
  format      TEXT NOT NULL,
  teacher_id  INTEGER REFERENCES teacher(id),
  venue_id    INTEGER REFERENCES venue(id),
  hours       REAL NOT NULL DEFAULT 2 CHECK (hours >= 0 AND hours <= 24),
  description TEXT NOT NULL DEFAULT '',
  featured    INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
  retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX course_category ON course(category, module, title, id);

-- 培训班次: one training event (or a branch meeting) in the ledger.
CREATE TABLE session (
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
  hours       REAL NOT NULL CHECK (hours >= 0 AND hours <= 24),
  expected    INTEGER NOT NULL DEFAULT 0 CHECK (expected >= 0),
  present     INTEGER NOT NULL DEFAULT 0 CHECK (present >= 0),
  note        TEXT NOT NULL DEFAULT '',
  recorder    TEXT NOT NULL DEFAULT '',
  voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
  void_reason TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (end_time = '' OR start_time = '' OR end_time > start_time),
  CHECK (voided = 0 OR length(void_reason) > 0)
);
CREATE INDEX session_date ON session(date DESC, id DESC);
CREATE INDEX session_kind ON session(kind, date);

-- Target branches of a session.
CREATE TABLE session_branch (
  session_id INTEGER NOT NULL REFERENCES session(id),
  branch_id  INTEGER NOT NULL REFERENCES branch(id),
  PRIMARY KEY (session_id, branch_id)
) WITHOUT ROWID;

-- Roll call: one row per member expected or added.
CREATE TABLE attendance (
  session_id INTEGER NOT NULL REFERENCES session(id),
  member_id  INTEGER NOT NULL REFERENCES member(id),
  status     TEXT NOT NULL CHECK (status = 'present' OR status = 'leave' OR status = 'absent'),
  reason     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (session_id, member_id)
) WITHOUT ROWID;
CREATE INDEX attendance_member ON attendance(member_id, session_id);

-- 点单: a branch orders a course from the menu.
CREATE TABLE course_order (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  course_id   INTEGER NOT NULL REFERENCES course(id),
  branch_id   INTEGER NOT NULL REFERENCES branch(id),
  wanted_date TEXT NOT NULL DEFAULT '' CHECK (wanted_date = '' OR date(wanted_date) = wanted_date),
  state       TEXT NOT NULL DEFAULT '已点单' CHECK (state = '已点单' OR state = '已排课' OR state = '已完成' OR state = '已取消'),
  sched_date  TEXT NOT NULL DEFAULT '' CHECK (sched_date = '' OR date(sched_date) = sched_date),
  teacher_id  INTEGER REFERENCES teacher(id),
  venue_id    INTEGER REFERENCES venue(id),
  session_id  INTEGER REFERENCES session(id),
  note        TEXT NOT NULL DEFAULT '',
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX course_order_state ON course_order(state, sched_date);

-- Manual checklist marks (组建一个工作群 and the like).
CREATE TABLE mark (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  unit_id    INTEGER NOT NULL REFERENCES unit(id),
  standard   TEXT NOT NULL,
  item       TEXT NOT NULL,
  period     TEXT NOT NULL,
  branch_id  INTEGER REFERENCES branch(id),
  date       TEXT NOT NULL CHECK (date(date) = date),
  note       TEXT NOT NULL DEFAULT '',
  undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX mark_lookup ON mark(standard, period, item);

-- Years handed in (年底交账): read-only from then on.
CREATE TABLE closed_year (
  year      INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2999),
  closed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Per-member yearly hours, maintained by the triggers below in the same
-- transaction as the attendance, so the hours report never scans a year.
CREATE TABLE member_year (
  member_id INTEGER NOT NULL REFERENCES member(id),
  year      INTEGER NOT NULL,
  hours     REAL NOT NULL DEFAULT 0,
  sessions  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (member_id, year)
) WITHOUT ROWID;
CREATE INDEX member_year_year ON member_year(year, hours);

-- Append-only audit log: who changed what, when, before and after (JSON).
CREATE TABLE audit (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  who     TEXT NOT NULL DEFAULT '',
  action  TEXT NOT NULL,
  entity  TEXT NOT NULL,
  uuid    TEXT NOT NULL DEFAULT '',
  before  TEXT,
  after   TEXT
);
CREATE INDEX audit_entity ON audit(entity, uuid);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'fenxiao: audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'fenxiao: audit log is append-only'); END;

-- Nothing is hard-deleted from the ledger.
CREATE TRIGGER session_no_delete BEFORE DELETE ON session
BEGIN SELECT RAISE(ABORT, 'fenxiao: sessions are voided, never deleted'); END;

-- A closed year is read-only in the database itself.
CREATE TRIGGER session_closed_insert BEFORE INSERT ON session
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(NEW.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER session_closed_update BEFORE UPDATE ON session
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year IN (CAST(substr(OLD.date, 1, 4) AS INTEGER), CAST(substr(NEW.date, 1, 4) AS INTEGER)))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER attendance_closed_insert BEFORE INSERT ON attendance
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id = NEW.session_id)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER attendance_closed_update BEFORE UPDATE ON attendance
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id IN (OLD.session_id, NEW.session_id))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER attendance_closed_delete BEFORE DELETE ON attendance
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id = OLD.session_id)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER session_branch_closed_insert BEFORE INSERT ON session_branch
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id = NEW.session_id)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER session_branch_closed_delete BEFORE DELETE ON session_branch
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id = OLD.session_id)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER mark_closed_insert BEFORE INSERT ON mark
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(NEW.period, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER mark_closed_update BEFORE UPDATE ON mark
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(OLD.period, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER closed_year_no_delete BEFORE DELETE ON closed_year
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;

-- member_year maintenance: a present attendance of a live session adds its hours.
CREATE TRIGGER attendance_hours_ins AFTER INSERT ON attendance
WHEN NEW.status = 'present' AND (SELECT voided FROM session WHERE id = NEW.session_id) = 0
BEGIN
  INSERT INTO member_year (member_id, year, hours, sessions)
  SELECT NEW.member_id, CAST(substr(s.date, 1, 4) AS INTEGER), s.hours, 1 FROM session s WHERE s.id = NEW.session_id
  ON CONFLICT (member_id, year) DO UPDATE SET hours = hours + excluded.hours, sessions = sessions + 1;
END;
CREATE TRIGGER attendance_hours_del AFTER DELETE ON attendance
WHEN OLD.status = 'present' AND (SELECT voided FROM session WHERE id = OLD.session_id) = 0
BEGIN
  UPDATE member_year SET hours = hours - (SELECT hours FROM session WHERE id = OLD.session_id), sessions = sessions - 1
  WHERE member_id = OLD.member_id AND year = (SELECT CAST(substr(date, 1, 4) AS INTEGER) FROM session WHERE id = OLD.session_id);
END;
CREATE TRIGGER attendance_hours_upd AFTER UPDATE OF status ON attendance
WHEN (OLD.status = 'present') <> (NEW.status = 'present') AND (SELECT voided FROM session WHERE id = NEW.session_id) = 0
BEGIN
  INSERT INTO member_year (member_id, year, hours, sessions)
  SELECT NEW.member_id, CAST(substr(s.date, 1, 4) AS INTEGER),
         CASE WHEN NEW.status = 'present' THEN s.hours ELSE -s.hours END,
         CASE WHEN NEW.status = 'present' THEN 1 ELSE -1 END
  FROM session s WHERE s.id = NEW.session_id
  ON CONFLICT (member_id, year) DO UPDATE SET hours = hours + excluded.hours, sessions = sessions + excluded.sessions;
END;
-- A change of hours, date or voided state moves the hours of every present attendee.
CREATE TRIGGER session_hours_upd AFTER UPDATE OF hours, date, voided ON session
BEGIN
  UPDATE member_year SET hours = hours - OLD.hours, sessions = sessions - 1
  WHERE OLD.voided = 0 AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER)
    AND member_id IN (SELECT member_id FROM attendance WHERE session_id = OLD.id AND status = 'present');
  INSERT INTO member_year (member_id, year, hours, sessions)
  SELECT a.member_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.hours, 1
  FROM attendance a WHERE NEW.voided = 0 AND a.session_id = NEW.id AND a.status = 'present'
  ON CONFLICT (member_id, year) DO UPDATE SET hours = hours + excluded.hours, sessions = sessions + 1;
END;
