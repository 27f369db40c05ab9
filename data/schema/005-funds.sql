-- 005-funds.sql — schema version 5: the funds ledger (经费台账), issue 16.
-- Applied by core/store_open.c in the transaction that upgrades a ledger, after a backup copy.
--
-- funds_entry: one income (收入) or expense (支出) entry. Amounts are whole 分 (INTEGER), never
-- floating point, and never negative: the direction says which way the money went. The sources and
-- categories are words of data/funds.ini (core/funds.c checks them, with the rule of which sources
-- may pay which category); an entry outside the rule carries the reason it was accepted (rule_reason).
-- session_id: the training session it paid for, if any. Entries are voided with a reason, never
-- deleted. funds_budget: the yearly budget of one source, in 分.
--
-- The closed year (002's rule): both tables get the insert/update/delete triggers, and their rows are
-- in the digest of a year closed from this version on (maint_year_digest, digest version 2).
CREATE TABLE funds_entry (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  unit_id     INTEGER NOT NULL REFERENCES unit(id),
  date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date) = date),
  direction   TEXT NOT NULL CHECK (direction IN ('收入', '支出')),
  source      TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
  category    TEXT NOT NULL DEFAULT '' CHECK (length(category) <= 64),
  amount      INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
  counterpart TEXT NOT NULL DEFAULT '',
  voucher     TEXT NOT NULL DEFAULT '',
  session_id  INTEGER REFERENCES session(id),
  note        TEXT NOT NULL DEFAULT '',
  rule_reason TEXT NOT NULL DEFAULT '',
  recorder    TEXT NOT NULL DEFAULT '',
  voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
  void_reason TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (voided = 0 OR length(void_reason) > 0)
);
CREATE INDEX funds_entry_date ON funds_entry(date, id);
CREATE INDEX funds_entry_session ON funds_entry(session_id);

CREATE TABLE funds_budget (
  year       INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
  source     TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
  amount     INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount >= 0),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (year, source)
);

CREATE TRIGGER funds_entry_no_delete BEFORE DELETE ON funds_entry
BEGIN SELECT RAISE(ABORT, 'fenxiao: funds entries are voided, never deleted'); END;
CREATE TRIGGER funds_entry_closed_insert BEFORE INSERT ON funds_entry
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(NEW.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER funds_entry_closed_update BEFORE UPDATE ON funds_entry
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year IN (CAST(substr(OLD.date, 1, 4) AS INTEGER), CAST(substr(NEW.date, 1, 4) AS INTEGER)))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER funds_entry_closed_delete BEFORE DELETE ON funds_entry
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = CAST(substr(OLD.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;

CREATE TRIGGER funds_budget_closed_insert BEFORE INSERT ON funds_budget
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER funds_budget_closed_update BEFORE UPDATE ON funds_budget
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year IN (OLD.year, NEW.year))
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
CREATE TRIGGER funds_budget_closed_delete BEFORE DELETE ON funds_budget
WHEN EXISTS (SELECT 1 FROM closed_year WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'fenxiao: year closed'); END;
