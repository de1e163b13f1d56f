/** Schema 3: numbers get a rowid for full-text search (numbers_fts, kept by the triggers of fts.ts), local tags and notes, saved views. */
import type { Migration } from './migration'
import { indexEveryNumber, indexNewNumber, reindexNotedNumber } from './fts'

export const migration3: Migration = {
  version: 3,
  name: 'numbers with a rowid for full-text search, local tags and notes, saved views',
  sql: `
      -- FTS5 rows are keyed by an integer rowid, so numbers get one (and keep (account_id, e164) unique).
      CREATE TABLE numbers_next (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        e164 TEXT NOT NULL,
        carrier TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        state TEXT,
        rate_center TEXT,
        trunk TEXT,
        cnam TEXT,
        e911 TEXT,
        monthly_cost REAL,
        gone_at INTEGER,
        as_of INTEGER NOT NULL,
        raw TEXT NOT NULL,
        -- A hash of the carrier's fields (see carrierSignature): lets a sync find the numbers that changed from
        -- an index alone. NULL (never equal) for rows written before it existed.
        sig INTEGER,
        UNIQUE (account_id, e164)
      );
      INSERT INTO numbers_next (account_id, e164, carrier, type, status, state, rate_center, trunk, cnam, e911,
        monthly_cost, gone_at, as_of, raw)
        SELECT account_id, e164, carrier, type, status, state, rate_center, trunk, cnam, e911, monthly_cost, gone_at,
          as_of, raw FROM numbers;
      DROP TABLE numbers;
      ALTER TABLE numbers_next RENAME TO numbers;
      -- The Numbers screen's default order (number, then account) straight from an index. Status and carrier
      -- ride along so the commonest filters, their totals and deep pages are read from the index alone; the
      -- signature lets a sync skip unchanged numbers without reading their rows.
      CREATE INDEX numbers_e164 ON numbers (e164, account_id, status, carrier, sig);
      -- The oldest cached record per account (the status bar asks every few seconds). Numbers marked gone
      -- keep their own as-of and are found through numbers_gone.
      CREATE INDEX numbers_as_of ON numbers (account_id, as_of) WHERE gone_at IS NULL;
      -- Sorting by rate center (nulls last, as the query orders it).
      CREATE INDEX numbers_rate_center ON numbers ((rate_center IS NULL), rate_center, e164, account_id);
      -- Numbers marked gone (few): lets a sync's commit find the ones to drop without reading the account.
      CREATE INDEX numbers_gone ON numbers (account_id) WHERE gone_at IS NOT NULL;

      -- When each account's numbers were last confirmed by a successful sync. A sync rewrites only the numbers
      -- that changed; the others are as current as this (their as-of shown is the later of the two).
      CREATE TABLE numbers_sync_state (
        account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        confirmed_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- Local annotations: kept apart from the carrier's data so a sync never overwrites them.
      CREATE TABLE number_notes (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        e164 TEXT NOT NULL,
        tags TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, e164)
      ) WITHOUT ROWID;

      -- Search over number (full, national and last four digits), CNAM, rate center, tags and notes.
      -- Contentless: the text lives in numbers and number_notes; triggers keep the index in step.
      CREATE VIRTUAL TABLE numbers_fts USING fts5(
        digits, national, line, cnam, rate_center, tags, notes,
        content = '', contentless_delete = 1, prefix = '3 6'
      );
      CREATE TRIGGER numbers_fts_insert AFTER INSERT ON numbers BEGIN
${indexNewNumber}
      END;
      -- Only re-index the numbers whose searchable text changed.
      CREATE TRIGGER numbers_fts_update AFTER UPDATE OF cnam, rate_center ON numbers
        WHEN old.cnam IS NOT new.cnam OR old.rate_center IS NOT new.rate_center BEGIN
        DELETE FROM numbers_fts WHERE rowid = old.id;
${indexNewNumber}
      END;
      CREATE TRIGGER numbers_fts_delete AFTER DELETE ON numbers BEGIN
        DELETE FROM numbers_fts WHERE rowid = old.id;
      END;
      CREATE TRIGGER number_notes_fts AFTER INSERT ON number_notes BEGIN
        DELETE FROM numbers_fts WHERE rowid = (SELECT id FROM numbers WHERE account_id = new.account_id AND e164 = new.e164);
${reindexNotedNumber}
      END;
      CREATE TRIGGER number_notes_fts_update AFTER UPDATE ON number_notes BEGIN
        DELETE FROM numbers_fts WHERE rowid = (SELECT id FROM numbers WHERE account_id = new.account_id AND e164 = new.e164);
${reindexNotedNumber}
      END;
${indexEveryNumber}

      CREATE TABLE saved_views (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        screen TEXT NOT NULL,
        name TEXT NOT NULL,
        view TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (screen, name)
      );
    `,
}
