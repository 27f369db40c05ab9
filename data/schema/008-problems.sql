-- 008-problems.sql — schema version 8: the three lists of seed 002 (问题清单 / 责任清单 / 任务清单), issue 15.
-- Applied by core/store_open.c in the transaction that upgrades a ledger, after a backup copy.
--
-- problem: one problem found (问题清单): the date it was found, its source (查账, a county inspection
-- 县级检查, or found by the 分校 itself 自查), a description, and optionally the checklist item it concerns
-- (item: an item code of a standard, e.g. 3.2) and the plan item (plan_item_id: the annual plan's row id,
-- a plain integer for now — the plan table is another migration; no foreign key). resp_unit and
-- resp_person are its 责任清单 line: the responsible unit and person.
-- problem_task: one measure (任务清单) of a problem: what is done, by when (deadline), its state
-- 未开始 / 进行中 / 已完成, and once done the date and the evidence; a task may name its own responsible
-- unit and person, else the problem's apply.
--
-- A problem is OPEN until it has at least one task and every one of its tasks is 已完成 (core/problem.c,
-- PROBLEM_OPEN). A task is OVERDUE on a day when it is not 已完成 and its deadline is before that day.
--
-- The closed year (002's rule): a problem belongs to the year of its date found, a task to its problem's
-- year; both tables get the insert/update/delete triggers, and their rows are in the digest of a year
-- closed from this version on (maint_year_digest, digest version 3).
CREATE TABLE problem (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  date         TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date) = date),
  source       TEXT NOT NULL CHECK (source IN ('查账', '县级检查', '自查')),
  description  TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  item         TEXT NOT NULL DEFAULT '' CHECK (length(item) <= 32),
  plan_item_id INTEGER,
  resp_unit    TEXT NOT NULL DEFAULT '' CHECK (length(resp_unit) <= 50),
  resp_person  TEXT NOT NULL DEFAULT '' CHECK (length(resp_person) <= 25),
  recorder     TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX problem_date ON problem(date, id);

CREATE TABLE problem_task (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  problem_id  INTEGER NOT NULL REFERENCES problem(id),
  measure     TEXT NOT NULL CHECK (length(measure) BETWEEN 1 AND 500),
  deadline    TEXT NOT NULL CHECK (deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(deadline) = deadline),
  status      TEXT NOT NULL DEFAULT '未开始' CHECK (status IN ('未开始', '进行中', '已完成')),
  done_date   TEXT NOT NULL DEFAULT '' CHECK (done_date = '' OR (done_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(done_date) = done_date)),
  evidence    TEXT NOT NULL DEFAULT '' CHECK (length(evidence) <= 500),
  resp_unit   TEXT NOT NULL DEFAULT '' CHECK (length(resp_unit) <= 50),
  resp_person TEXT NOT NULL DEFAULT '' CHECK (length(resp_person) <= 25),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK ((status = '已完成') = (done_date <> '')),
  CHECK (status <> '已完成' OR length(evidence) > 0)
);
CREATE INDEX problem_task_problem ON problem_task(problem_id, deadline, id);

CREATE TRIGGER problem_closed_insert BEFORE INSERT ON problem
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(NEW.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER problem_closed_update BEFORE UPDATE ON problem
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year IN (CAST(substr(OLD.date, 1, 4) AS INTEGER), CAST(substr(NEW.date, 1, 4) AS INTEGER)))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER problem_closed_delete BEFORE DELETE ON problem
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(OLD.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;

CREATE TRIGGER problem_task_closed_insert BEFORE INSERT ON problem_task
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN problem p ON c.year = CAST(substr(p.date, 1, 4) AS INTEGER) WHERE p.id = NEW.problem_id)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER problem_task_closed_update BEFORE UPDATE ON problem_task
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN problem p ON c.year = CAST(substr(p.date, 1, 4) AS INTEGER) WHERE p.id IN (OLD.problem_id, NEW.problem_id))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER problem_task_closed_delete BEFORE DELETE ON problem_task
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN problem p ON c.year = CAST(substr(p.date, 1, 4) AS INTEGER) WHERE p.id = OLD.problem_id)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
