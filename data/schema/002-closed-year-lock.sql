-- 002-closed-year-lock.sql — schema version 2: the closed year (年底交账) read-only in SQL, completely.
-- Applied by core/store_open.c in the transaction that upgrades a ledger, after a backup copy.
--
-- Version 1 left holes that a direct sqlite3 session could use: a closed_year row could be
-- updated (reopening the year), a mark deleted or moved into a closed year, a session's
-- target branches changed, the orders of its sessions changed. From here on no row that
-- belongs to a closed year can be inserted, updated, deleted or moved into it, in any
-- table, and closed_year itself is append-only. The rows of a closed year are hashed
-- when it is closed (closed_year.digest, computed by core/maint.c: maint_year_digest), and
-- `fenxiao verify` recomputes the digest and checks that these triggers are there, unaltered.
--
-- RULE FOR LATER TABLES: every table whose rows belong to a year (plan items, funds entries,
-- attachments, and any other) must get the same four triggers when it is added —
-- BEFORE INSERT, BEFORE UPDATE (the old row's year and the new row's year), BEFORE DELETE,
-- each raising 'fenxiao: year closed' when that year is in closed_year — and its rows must be
-- added to the digest in maint_year_digest (as a new digest version, so that years closed
-- before keep verifying).

-- closed_year: append-only. (closed_year_no_delete is in 001.)
ALTER TABLE closed_year ADD COLUMN digest TEXT NOT NULL DEFAULT '';

-- Marks: moving a mark into a closed year, and deleting one, are refused too.
DROP TRIGGER mark_closed_update;
CREATE TRIGGER mark_closed_update BEFORE UPDATE ON mark
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(OLD.period, 1, 4) AS INTEGER) OR year = CAST(substr(NEW.period, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER mark_closed_delete BEFORE DELETE ON mark
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(OLD.period, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;

-- Target branches of a closed-year session: no update either (insert and delete are in 001).
CREATE TRIGGER session_branch_closed_update BEFORE UPDATE ON session_branch
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id IN (OLD.session_id, NEW.session_id))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;

-- Orders (点单) of a closed-year session.
CREATE TRIGGER course_order_closed_insert BEFORE INSERT ON course_order
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id = NEW.session_id)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER course_order_closed_update BEFORE UPDATE ON course_order
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id IN (OLD.session_id, NEW.session_id))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER course_order_closed_delete BEFORE DELETE ON course_order
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id = OLD.session_id)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;

-- Years closed before this version get their digest here, from their rows as they are now
-- (the C step of version 2), before closed_year becomes append-only below.
-- fenxiao:step

CREATE TRIGGER closed_year_no_update BEFORE UPDATE ON closed_year
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
