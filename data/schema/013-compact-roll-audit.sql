-- 013: a more compact ledger (issue 22: at county scale the file was 3.2 times the same rows in a plain schema),
-- and two indexes for opening the screens at county scale.
--
-- 1. The attendance status is stored as a small integer: 0 absent (缺席), 1 present (出席), 2 leave (请假).
--    SQLite stores 0 and 1 in no bytes at all, so a roll-call row is eight bytes shorter. The code reads and
--    writes the numbers through core/rollaudit.h (roll_code_of, ATT_SQL_* in core/ledger.h); the words stay the
--    program's own (the export, the screens) and the closed years' digests read the words back (core/maint.c).
--    The table is rebuilt: SQLite cannot change a column's type in place. Its triggers are made again with the
--    numbers, and so is the one trigger of another table that reads it (session_hours_upd).
-- 2. The roll call's audit records (entity 'attendance') hold what changed, not a copy of the whole roll call
--    each time (the copies were 41% of the file). The format is in core/rollaudit.h. The audit log is
--    append-only; its guard is lifted for this one rewrite, inside the migration's transaction, and put back.
DROP TRIGGER session_hours_upd;

CREATE TABLE attendance_v13 (
  session_id INTEGER NOT NULL REFERENCES session(id),
  member_id  INTEGER NOT NULL REFERENCES member(id),
  status     INTEGER NOT NULL CHECK (status = 1 OR status = 2 OR status = 0),
  reason     TEXT NOT NULL DEFAULT '',
  guest      INTEGER NOT NULL DEFAULT 0 CHECK (guest IN (0, 1)),
  PRIMARY KEY (session_id, member_id)
) WITHOUT ROWID;
INSERT INTO attendance_v13 (session_id, member_id, status, reason, guest)
SELECT session_id, member_id, CASE status WHEN 'present' THEN 1 WHEN 'leave' THEN 2 ELSE 0 END, reason, guest
FROM attendance ORDER BY session_id, member_id;
DROP TABLE attendance;
ALTER TABLE attendance_v13 RENAME TO attendance;
CREATE INDEX attendance_member ON attendance(member_id, session_id);

CREATE TRIGGER attendance_closed_insert BEFORE INSERT ON attendance
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id = NEW.session_id)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER attendance_closed_update BEFORE UPDATE ON attendance
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id IN (OLD.session_id, NEW.session_id))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER attendance_closed_delete BEFORE DELETE ON attendance
WHEN EXISTS (SELECT 1 FROM closed_year c JOIN session s ON c.year = CAST(substr(s.date, 1, 4) AS INTEGER) WHERE s.id = OLD.session_id)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;

CREATE TRIGGER attendance_hours_ins AFTER INSERT ON attendance
WHEN NEW.status = 1 AND (SELECT voided FROM session WHERE id = NEW.session_id) = 0
 AND ifnull((SELECT v.counts_hours FROM session s JOIN vocab v ON v.kind = 'kind' AND v.name = s.kind WHERE s.id = NEW.session_id), 1) = 1
BEGIN
  INSERT INTO member_year (member_id, year, hours, sessions)
  SELECT NEW.member_id, CAST(substr(s.date, 1, 4) AS INTEGER), s.hours, 1 FROM session s WHERE s.id = NEW.session_id
  ON CONFLICT (member_id, year) DO UPDATE SET hours = hours + excluded.hours, sessions = sessions + 1;
END;
CREATE TRIGGER attendance_hours_del AFTER DELETE ON attendance
WHEN OLD.status = 1 AND (SELECT voided FROM session WHERE id = OLD.session_id) = 0
 AND ifnull((SELECT v.counts_hours FROM session s JOIN vocab v ON v.kind = 'kind' AND v.name = s.kind WHERE s.id = OLD.session_id), 1) = 1
BEGIN
  UPDATE member_year SET hours = hours - (SELECT hours FROM session WHERE id = OLD.session_id), sessions = sessions - 1
  WHERE member_id = OLD.member_id AND year = (SELECT CAST(substr(date, 1, 4) AS INTEGER) FROM session WHERE id = OLD.session_id);
END;
CREATE TRIGGER attendance_hours_upd AFTER UPDATE OF status ON attendance
WHEN (OLD.status = 1) <> (NEW.status = 1) AND (SELECT voided FROM session WHERE id = NEW.session_id) = 0
 AND ifnull((SELECT v.counts_hours FROM session s JOIN vocab v ON v.kind = 'kind' AND v.name = s.kind WHERE s.id = NEW.session_id), 1) = 1
BEGIN
  INSERT INTO member_year (member_id, year, hours, sessions)
  SELECT NEW.member_id, CAST(substr(s.date, 1, 4) AS INTEGER),
         CASE WHEN NEW.status = 1 THEN s.hours ELSE -s.hours END,
         CASE WHEN NEW.status = 1 THEN 1 ELSE -1 END
  FROM session s WHERE s.id = NEW.session_id
  ON CONFLICT (member_id, year) DO UPDATE SET hours = hours + excluded.hours, sessions = sessions + excluded.sessions;
END;
CREATE TRIGGER session_hours_upd AFTER UPDATE OF hours, date, voided, kind ON session
BEGIN
  UPDATE member_year SET hours = hours - OLD.hours, sessions = sessions - 1
  WHERE OLD.voided = 0 AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER)
    AND ifnull((SELECT counts_hours FROM vocab WHERE kind = 'kind' AND name = OLD.kind), 1) = 1
    AND member_id IN (SELECT member_id FROM attendance WHERE session_id = OLD.id AND status = 1);
  INSERT INTO member_year (member_id, year, hours, sessions)
  SELECT a.member_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.hours, 1
  FROM attendance a WHERE NEW.voided = 0 AND a.session_id = NEW.id AND a.status = 1
    AND ifnull((SELECT counts_hours FROM vocab WHERE kind = 'kind' AND name = NEW.kind), 1) = 1
  ON CONFLICT (member_id, year) DO UPDATE SET hours = hours + excluded.hours, sessions = sessions + 1;
END;

-- 3. Two partial indexes so that opening a screen costs what the screen shows, not the ledger's size (issue 22,
--    bench item 11): the 清单 tab reads the live sessions of its kinds from the index alone, and the 名册 count
--    (every member less the inactive ones, core/member.c) reads the few inactive members instead of the roster.
--    A partial index leaves the plans of the roster's and the ledger's pages as they were.
CREATE INDEX session_kind_live ON session(kind, date) WHERE voided = 0;
CREATE INDEX member_inactive ON member(branch_id) WHERE active = 0;

DROP TRIGGER audit_no_update;
-- fenxiao:step
-- (roll_migrate, core/rollaudit.c: each roll-call record rewritten; a session whose records do not rebuild its
--  roll call as it stands, or that has none, such as one taken in by an older merge, gets a 'baseline' record
--  of it as it is.)
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'fenxiao: audit log is append-only'); END;
