-- 007-plan.sql — schema version 7: the year's training plan (年度培训计划) and 建账, issue 15.
-- Applied by core/store_open.c in the transaction that upgrades a ledger, after a backup copy.
--
-- plan_item: one planned class or lecture of a year: the month or period it is due in (month_first..month_last,
-- 1–12; a single month has both equal; it is overdue once month_last has ended), a title, the 内容类别 and the
-- kind (words of the vocabulary, as a session's), the target branches or people as written, the planned 学时,
-- the person responsible, and optionally a course of the menu. Voided with a reason, never deleted.
-- plan_link: which plan item a delivered session carries out (one link per session; core/plan.c links by hand
-- or by its rule of the same month, kind and category). A link is part of its session: making one also
-- touches the session's updated_at, so merge carries it with the session as it carries the roll call.
-- year_open: the year opened (建账): when and by whom, and what the plan check said then. Append-only.
--
-- The closed year (002's rule): the three tables get the insert/update/delete triggers, and their rows are in
-- the digest of a year closed from this version on (maint_year_digest, digest version 3).
CREATE TABLE plan_item (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  unit_id     INTEGER NOT NULL REFERENCES unit(id),
  year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
  month_first INTEGER NOT NULL CHECK (month_first BETWEEN 1 AND 12),
  month_last  INTEGER NOT NULL CHECK (month_last BETWEEN month_first AND 12),
  title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  category    TEXT NOT NULL DEFAULT '' CHECK (length(category) <= 64),
  kind        TEXT NOT NULL DEFAULT '' CHECK (length(kind) <= 64),
  target      TEXT NOT NULL DEFAULT '',
  hours       REAL NOT NULL DEFAULT 0 CHECK (hours >= 0),
  responsible TEXT NOT NULL DEFAULT '',
  course_id   INTEGER REFERENCES course(id),
  note        TEXT NOT NULL DEFAULT '',
  recorder    TEXT NOT NULL DEFAULT '',
  voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
  void_reason TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (voided = 0 OR length(void_reason) > 0)
);
CREATE INDEX plan_item_year ON plan_item(year, month_last, id);

CREATE TABLE plan_link (
  session_id INTEGER PRIMARY KEY REFERENCES session(id),
  plan_id    INTEGER NOT NULL REFERENCES plan_item(id),
  how        TEXT NOT NULL CHECK (how IN ('自动', '手动')),
  linked_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX plan_link_plan ON plan_link(plan_id);

CREATE TABLE year_open (
  year      INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2999),
  opened_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  opened_by TEXT NOT NULL DEFAULT '',
  result    TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER plan_item_no_delete BEFORE DELETE ON plan_item
BEGIN SELECT RAISE(ABORT, 'fenxiao: plan items are voided, never deleted'); END;
CREATE TRIGGER plan_item_closed_insert BEFORE INSERT ON plan_item
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER plan_item_closed_update BEFORE UPDATE ON plan_item
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year IN (OLD.year, NEW.year))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER plan_item_closed_delete BEFORE DELETE ON plan_item
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;

-- A link belongs to the year of its session and of its plan item.
CREATE TRIGGER plan_link_closed_insert BEFORE INSERT ON plan_link
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id IN (NEW.session_id))
  OR EXISTS (SELECT 1 FROM closed_year c JOIN plan_item p ON c.year = p.year WHERE p.id IN (NEW.plan_id))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER plan_link_closed_update BEFORE UPDATE ON plan_link
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id IN (OLD.session_id, NEW.session_id))
  OR EXISTS (SELECT 1 FROM closed_year c JOIN plan_item p ON c.year = p.year WHERE p.id IN (OLD.plan_id, NEW.plan_id))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER plan_link_closed_delete BEFORE DELETE ON plan_link
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id IN (OLD.session_id))
  OR EXISTS (SELECT 1 FROM closed_year c JOIN plan_item p ON c.year = p.year WHERE p.id IN (OLD.plan_id))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;

CREATE TRIGGER year_open_no_update BEFORE UPDATE ON year_open
BEGIN SELECT RAISE(ABORT, 'fenxiao: year_open is append-only'); END;
CREATE TRIGGER year_open_no_delete BEFORE DELETE ON year_open
BEGIN SELECT RAISE(ABORT, 'fenxiao: year_open is append-only'); END;
CREATE TRIGGER year_open_closed_insert BEFORE INSERT ON year_open
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
