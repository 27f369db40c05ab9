-- Schema 10: the archive (立卷归档). Seed 003 asks that a school's papers be 「分类整理、专人负责、专柜存放」:
-- a session, plan item, funds entry or checklist mark carries its sign-in sheet scan, photos or courseware. Each
-- attachment is a file copied into the folder archive/ beside the ledger under its SHA-256 (so one file attached
-- twice is stored once and a file that changed is noticed); this table keeps its hash, original name and size.
-- The entity is named by its uuid, so merge and export carry the link. year is the entity's year: an
-- attachment of a closed year is read-only like the rest of that year (002's rule).
CREATE TABLE attachment (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  entity      TEXT NOT NULL CHECK (entity IN ('session', 'plan', 'funds', 'mark')),
  entity_uuid TEXT NOT NULL,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  size        INTEGER NOT NULL CHECK (typeof(size) = 'integer' AND size >= 0),
  volume      TEXT NOT NULL DEFAULT '',
  recorder    TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (entity, entity_uuid, sha256)
);
CREATE INDEX attachment_entity ON attachment(entity, entity_uuid);
CREATE INDEX attachment_year ON attachment(year, id);

CREATE TRIGGER attachment_closed_insert BEFORE INSERT ON attachment
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER attachment_closed_update BEFORE UPDATE ON attachment
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year IN (OLD.year, NEW.year))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER attachment_closed_delete BEFORE DELETE ON attachment
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
