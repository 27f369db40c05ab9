-- 012-points-adjust.sql — schema version 12: the manual additions and deductions of 党员积分 (issue 17).
-- Applied by core/store_open.c in the transaction that upgrades a ledger, after a backup copy.
--
-- points_adjust: one manual addition (points > 0) or deduction (points < 0) to a member's points, on a date,
-- with the reason it was given. Everything else in a member's points is derived from the ledger each time
-- (POINTS_SQL, core/points.h); these rows are the one part typed by hand, so each is audited (entity
-- 'points'), never deleted, and voided with a reason. A live row counts in the points of its date's year.
-- Rows carry a uuid (merge), and belong to the year of their date: the closed-year triggers (002's rule), and
-- the rows are in the digest of a year closed from this version on (maint_year_digest, digest version 3).
CREATE TABLE points_adjust (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  member_id   INTEGER NOT NULL REFERENCES member(id),
  date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date) = date),
  points      REAL NOT NULL CHECK (typeof(points) IN ('real', 'integer') AND points <> 0 AND points BETWEEN -100 AND 100),
  reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0 AND length(reason) <= 100),
  recorder    TEXT NOT NULL DEFAULT '',
  voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
  void_reason TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (voided = 0 OR length(void_reason) > 0)
);
CREATE INDEX points_adjust_date ON points_adjust(date, member_id);

CREATE TRIGGER points_adjust_no_delete BEFORE DELETE ON points_adjust
BEGIN SELECT RAISE(ABORT, 'fenxiao: points adjustments are voided, never deleted'); END;
CREATE TRIGGER points_adjust_closed_insert BEFORE INSERT ON points_adjust
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(NEW.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER points_adjust_closed_update BEFORE UPDATE ON points_adjust
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year IN (CAST(substr(OLD.date, 1, 4) AS INTEGER), CAST(substr(NEW.date, 1, 4) AS INTEGER)))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER points_adjust_closed_delete BEFORE DELETE ON points_adjust
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(OLD.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
