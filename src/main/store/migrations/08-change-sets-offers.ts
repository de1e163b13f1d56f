/**
 * Schema 8: change sets and their items (one edit per number and
 * field, with the cached value before it and what became of it), and the buying search's offers, kept so
 * that an offer found by one process (a CLI search) can be bought by another, and never twice.
 */
import type { Migration } from './migration'

export const migration8: Migration = {
  version: 8,
  name: 'change sets, offers',
  sql: `
      CREATE TABLE change_sets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        -- The set this one reverts (made by a revert); kept when that set is deleted, as its name.
        reverts_id TEXT,
        reverts_name TEXT,
        applied_at INTEGER,
        -- The process applying the set right now (lib/process-owner.ts), so two never apply it at once.
        applying_owner TEXT
      );

      CREATE TABLE change_set_items (
        set_id TEXT NOT NULL REFERENCES change_sets (id) ON DELETE CASCADE,
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        e164 TEXT NOT NULL,
        field TEXT NOT NULL,
        -- The edit (shared/number-edits.ts) as JSON.
        edit TEXT NOT NULL,
        before TEXT,
        staged_at INTEGER NOT NULL,
        outcome TEXT,
        code TEXT,
        message TEXT,
        applied_at INTEGER,
        applied_before TEXT,
        position INTEGER NOT NULL,
        PRIMARY KEY (set_id, account_id, e164, field)
      ) WITHOUT ROWID;
      CREATE INDEX change_set_items_position ON change_set_items (set_id, position);

      CREATE TABLE offers (
        offer_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        e164 TEXT NOT NULL,
        -- The AvailableNumber as found, with the carrier's opaque offer data (not secret; never sent to the renderer).
        offer TEXT NOT NULL,
        fetched_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        -- Set while the offer is being bought and for good once bought (or of unknown outcome).
        spent_at INTEGER
      ) WITHOUT ROWID;
      CREATE INDEX offers_expiry ON offers (expires_at);
      CREATE INDEX offers_number ON offers (account_id, e164);
    `,
}
