-- 009-feedback.sql — schema version 9: the feedback collected after a session (评价反馈), issue 17.
-- Applied by core/store_open.c in the transaction that upgrades a ledger, after a backup copy.
--
-- session_feedback: at most one row per session. The secretary records how many forms came back
-- (returned) and either the counts 满意 / 基本满意 / 不满意 (satisfied, basic, unsatisfied; their sum is
-- at most returned) or an average score on a scale (score between 0 and scale; scale is [feedback]
-- scale of the config at the time it was recorded, kept here so a later change of the config does not
-- change a past figure). What 满意度 is, from these, is said once in core/feedback.h.
-- Rows carry a uuid (merge), are audited (entity 'feedback'), and belong to the year of their session:
-- the closed-year triggers (002's rule) look at the session's date, and the rows are in the digest of a
-- year closed from this version on (maint_year_digest, digest version 3, year_rows_v3_feedback).
CREATE TABLE session_feedback (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  session_id  INTEGER NOT NULL UNIQUE REFERENCES session(id),
  returned    INTEGER NOT NULL CHECK (typeof(returned) = 'integer' AND returned >= 0),
  satisfied   INTEGER CHECK (satisfied IS NULL OR (typeof(satisfied) = 'integer' AND satisfied >= 0)),
  basic       INTEGER CHECK (basic IS NULL OR (typeof(basic) = 'integer' AND basic >= 0)),
  unsatisfied INTEGER CHECK (unsatisfied IS NULL OR (typeof(unsatisfied) = 'integer' AND unsatisfied >= 0)),
  score       REAL,
  scale       INTEGER,
  comment     TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 500),
  recorder    TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK ((score IS NULL AND scale IS NULL AND satisfied IS NOT NULL AND basic IS NOT NULL AND unsatisfied IS NOT NULL
          AND satisfied + basic + unsatisfied <= returned)
      OR (score IS NOT NULL AND scale IS NOT NULL AND satisfied IS NULL AND basic IS NULL AND unsatisfied IS NULL
          AND scale BETWEEN 1 AND 100 AND score >= 0 AND score <= scale))
);

CREATE TRIGGER session_feedback_closed_insert BEFORE INSERT ON session_feedback
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id = NEW.session_id)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER session_feedback_closed_update BEFORE UPDATE ON session_feedback
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id IN (OLD.session_id, NEW.session_id))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER session_feedback_closed_delete BEFORE DELETE ON session_feedback
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id = OLD.session_id)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;

-- A teacher or a venue retired (停用) says why, as a voided session does (issue 17); active = 0 as before,
-- and the audit record (action 'retire') keeps the reason too. Not year-bound.
ALTER TABLE teacher ADD COLUMN retire_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE venue ADD COLUMN retire_reason TEXT NOT NULL DEFAULT '';
