/** Schema 1: carrier accounts, the activity log, sync runs and cached numbers. */
import type { Migration } from './migration'

export const migration1: Migration = {
  version: 1,
  name: 'accounts, activity log, sync runs, numbers',
  sql: `
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        carrier TEXT NOT NULL,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        base_url TEXT NOT NULL,
        environment TEXT NOT NULL,
        username TEXT,
        account_no TEXT,
        client_id TEXT,
        scope TEXT,
        -- Which secret keys sit in the keychain for this account (names only, never values).
        stored_secrets TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE activity (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        account_id TEXT,
        carrier TEXT,
        action TEXT NOT NULL,
        target TEXT,
        result TEXT NOT NULL,
        message TEXT,
        details TEXT
      );
      CREATE INDEX activity_at ON activity (at DESC);
      CREATE INDEX activity_target ON activity (target);

      CREATE TABLE sync_runs (
        run_id TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        area TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        outcome TEXT NOT NULL,
        message TEXT,
        rows INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, account_id, area)
      );
      CREATE INDEX sync_runs_account ON sync_runs (account_id, started_at DESC);

      CREATE TABLE numbers (
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
        PRIMARY KEY (account_id, e164)
      ) WITHOUT ROWID;
      CREATE INDEX numbers_e164 ON numbers (e164);
      -- The status bar asks for the oldest cached record every few seconds; keep that off a full scan.
      CREATE INDEX numbers_as_of ON numbers (as_of);
    `,
}
