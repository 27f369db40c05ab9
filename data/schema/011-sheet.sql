-- 011-sheet.sql — schema version 11: the star-rating sheet (量化考评表), issue 17 (seed 003: 「先由镇街党校…自评，
-- 再由市级评委会…逐项进行评分」). Applied by core/store_open.c in the transaction that upgrades a ledger, after a backup.
--
-- sheet_score: the score one role gave one item of a scored standard for one period and one unit (分校).
-- role 'self' is 自评 (by the branch school), 'review' is 考评 (by the county's panel; on the county's merged
-- ledger unit_id is the township scored). score lies between 0 and the item's points (checked by core/sheet.c
-- against the standard file, which the schema does not know). One row per standard + period + unit + item + role:
-- scoring again replaces the score (the audit, entity 'sheet', keeps the earlier one).
-- Rows carry a uuid (merge) and belong to the year of their period: the closed-year triggers (002's rule) look at
-- it, and the rows are in the digest of a year closed from digest version 3 on (maint_year_digest, year_rows_v3).
CREATE TABLE sheet_score (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  unit_id    INTEGER NOT NULL REFERENCES unit(id),
  standard   TEXT NOT NULL,
  period     TEXT NOT NULL,
  item       TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('self', 'review')),
  score      REAL NOT NULL CHECK (score >= 0),
  note       TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  evidence   TEXT NOT NULL DEFAULT '' CHECK (length(evidence) <= 500),
  recorder   TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (standard, period, unit_id, item, role)
);

CREATE TRIGGER sheet_score_closed_insert BEFORE INSERT ON sheet_score
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(NEW.period, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER sheet_score_closed_update BEFORE UPDATE ON sheet_score
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(OLD.period, 1, 4) AS INTEGER) OR year = CAST(substr(NEW.period, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER sheet_score_closed_delete BEFORE DELETE ON sheet_score
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(OLD.period, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
