-- 014: a smaller ledger still (issue 22: the file must be at most 1.6 times the same rows in a plain schema; after
-- 013 a county ledger was still 2.1 times).
--
-- 1. Saving a new session writes one short audit record, not two long ones. Until now the save wrote a 'session'
--    'insert' record holding a JSON copy of the session row, and right after it an 'attendance' 'insert' record
--    holding the whole roll call (core/rollaudit.h). Both repeated what the ledger keeps:
--    - the row as it was saved is the session row as it stands, or else the 'before' of the first 'update',
--      'void' or 'restore' record written after it (each of those keeps a whole copy of the row before the
--      change);
--    - the roll call as it was saved is the attendance rows as they stand, taken back through the 'attendance'
--      records written since (each holds what it took out and what it put in).
--    From now on the 'insert' record of a session holds the digest of its roll call as saved ("#" and 16 hex
--    digits), and it is the first record of the roll call's history: `verify` takes the rows back through the
--    later records and compares the digest, so a roll call changed behind the program's back is still found.
--    Here each such pair is folded into one: the session's 'insert' record takes the roll call of the record
--    right after it, which goes, and the C step (roll_migrate_digests, core/rollaudit.c) puts the digest in its
--    place. A session 'insert' record with no roll-call record right after it (one a merge wrote, or an import)
--    stays as it is.
--    The records are numbered again from 1 in their order, so that the numbers still have no gap: `verify`
--    reads a gap as a deleted record. The backup made before this upgrade keeps the old numbers.
CREATE TABLE audit_v14 (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  who     TEXT NOT NULL DEFAULT '',
  action  TEXT NOT NULL,
  entity  TEXT NOT NULL,
  uuid    TEXT NOT NULL DEFAULT '',
  before  TEXT,
  after   TEXT
);
INSERT INTO audit_v14 (id, at, who, action, entity, uuid, before, after)
SELECT row_number() OVER (ORDER BY a.id), a.at, a.who, a.action, a.entity, a.uuid, a.before,
       CASE WHEN a.entity = 'session' AND a.action = 'insert'
            THEN coalesce((SELECT r.after FROM audit r WHERE r.id = a.id + 1 AND r.entity = 'attendance'
                           AND r.action = 'insert' AND r.before IS NULL AND r.uuid = a.uuid), a.after)
            ELSE a.after END
FROM audit a
WHERE NOT (a.entity = 'attendance' AND a.action = 'insert' AND a.before IS NULL
           AND EXISTS (SELECT 1 FROM audit p WHERE p.id = a.id - 1 AND p.entity = 'session' AND p.action = 'insert'
                       AND p.uuid = a.uuid))
ORDER BY a.id;
DROP TABLE audit;
ALTER TABLE audit_v14 RENAME TO audit;
CREATE INDEX audit_entity ON audit(entity, uuid);
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'fenxiao: audit log is append-only'); END;

-- 2. member_year is keyed by year first. Every reading of it names the year (a member's year, a year's members),
--    so the key serves both, and the second index, (year, hours), is no longer needed: a year's members at or
--    above a target are read from the key's range of that year. The table is copied out and back, so that no
--    trigger that writes to it (attendance_hours_*, session_hours_upd) ever names a missing table.
CREATE TEMP TABLE member_year_v14 AS SELECT member_id, year, hours, sessions FROM member_year;
DROP TABLE member_year;
CREATE TABLE member_year (
  member_id INTEGER NOT NULL REFERENCES member(id),
  year      INTEGER NOT NULL,
  hours     REAL NOT NULL DEFAULT 0,
  sessions  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (year, member_id)
) WITHOUT ROWID;
INSERT INTO member_year (member_id, year, hours, sessions)
SELECT member_id, year, hours, sessions FROM temp.member_year_v14 ORDER BY year, member_id;
DROP TABLE temp.member_year_v14;

-- 3. The sessions by kind and date are read only when live (the checklist's evidence): the partial index of
--    013 (session_kind_live) serves every such read, and the full one goes.
DROP INDEX session_kind;

-- fenxiao:step
-- (roll_migrate_digests: the folded records' roll calls become their digests; then the log's guard is back.)
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'fenxiao: audit log is append-only'); END;
