-- 013: the roll call's audit records (entity 'attendance') hold what changed, not a copy of the whole roll call
-- each time (issue 22: at county scale the copies were 41% of the file). The format is in core/rollaudit.h.
-- The audit log is append-only; its guard is lifted for this one rewrite, inside the migration's transaction,
-- and put back as it was.
DROP TRIGGER audit_no_update;
-- fenxiao:step
-- (roll_migrate, core/rollaudit.c: each record rewritten; a session whose records do not rebuild its roll call
--  as it stands, or that has none, such as one taken in by a merge, gets a 'baseline' record of it as it is.)
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'fenxiao: audit log is append-only'); END;
