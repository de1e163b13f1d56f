/**
 * The schema, as an ordered list of migrations. The database's `user_version` is the number of migrations
 * applied; never edit or reorder a shipped migration, only append.
 */
export interface Migration {
  name: string
  sql: string
}

export const migrations: readonly Migration[] = [
  {
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
  },
  {
    name: 'account memo, trunk groups, port orders, CDR files and records',
    sql: `
      -- Small non-secret facts a carrier client keeps per account (e.g. Nexogy clients CarrierDesk created).
      CREATE TABLE account_memo (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (account_id, key)
      ) WITHOUT ROWID;

      CREATE TABLE trunks (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        carrier TEXT NOT NULL,
        name TEXT NOT NULL,
        direction TEXT NOT NULL,
        ips TEXT NOT NULL,
        status TEXT NOT NULL,
        as_of INTEGER NOT NULL,
        raw TEXT NOT NULL,
        PRIMARY KEY (account_id, id)
      );

      CREATE TABLE port_orders (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        carrier TEXT NOT NULL,
        numbers TEXT NOT NULL,
        status TEXT NOT NULL,
        foc_date TEXT,
        rejection_reason TEXT,
        as_of INTEGER NOT NULL,
        raw TEXT NOT NULL,
        PRIMARY KEY (account_id, id)
      );

      CREATE TABLE cdr_files (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        direction TEXT NOT NULL,
        carrier TEXT NOT NULL,
        url TEXT NOT NULL,
        as_of INTEGER NOT NULL,
        PRIMARY KEY (account_id, day, kind, direction)
      );

      CREATE TABLE cdr_records (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        carrier TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        from_number TEXT NOT NULL,
        to_number TEXT NOT NULL,
        duration_seconds INTEGER NOT NULL,
        disposition TEXT NOT NULL,
        cost REAL,
        raw TEXT NOT NULL,
        PRIMARY KEY (account_id, id)
      );
      CREATE INDEX cdr_records_started ON cdr_records (started_at);
    `,
  },
  {
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
        INSERT INTO numbers_fts (rowid, digits, national, line, cnam, rate_center, tags, notes)
        SELECT new.id, substr(new.e164, 2), substr(new.e164, 3), substr(new.e164, -4), new.cnam, new.rate_center,
          coalesce(n.tags, ''), coalesce(n.notes, '')
        FROM (SELECT 1) LEFT JOIN number_notes n ON n.account_id = new.account_id AND n.e164 = new.e164;
      END;
      -- Only re-index the numbers whose searchable text changed.
      CREATE TRIGGER numbers_fts_update AFTER UPDATE OF cnam, rate_center ON numbers
        WHEN old.cnam IS NOT new.cnam OR old.rate_center IS NOT new.rate_center BEGIN
        DELETE FROM numbers_fts WHERE rowid = old.id;
        INSERT INTO numbers_fts (rowid, digits, national, line, cnam, rate_center, tags, notes)
        SELECT new.id, substr(new.e164, 2), substr(new.e164, 3), substr(new.e164, -4), new.cnam, new.rate_center,
          coalesce(n.tags, ''), coalesce(n.notes, '')
        FROM (SELECT 1) LEFT JOIN number_notes n ON n.account_id = new.account_id AND n.e164 = new.e164;
      END;
      CREATE TRIGGER numbers_fts_delete AFTER DELETE ON numbers BEGIN
        DELETE FROM numbers_fts WHERE rowid = old.id;
      END;
      CREATE TRIGGER number_notes_fts AFTER INSERT ON number_notes BEGIN
        DELETE FROM numbers_fts WHERE rowid = (SELECT id FROM numbers WHERE account_id = new.account_id AND e164 = new.e164);
        INSERT INTO numbers_fts (rowid, digits, national, line, cnam, rate_center, tags, notes)
        SELECT id, substr(e164, 2), substr(e164, 3), substr(e164, -4), cnam, rate_center, new.tags, new.notes
        FROM numbers WHERE account_id = new.account_id AND e164 = new.e164;
      END;
      CREATE TRIGGER number_notes_fts_update AFTER UPDATE ON number_notes BEGIN
        DELETE FROM numbers_fts WHERE rowid = (SELECT id FROM numbers WHERE account_id = new.account_id AND e164 = new.e164);
        INSERT INTO numbers_fts (rowid, digits, national, line, cnam, rate_center, tags, notes)
        SELECT id, substr(e164, 2), substr(e164, 3), substr(e164, -4), cnam, rate_center, new.tags, new.notes
        FROM numbers WHERE account_id = new.account_id AND e164 = new.e164;
      END;
      INSERT INTO numbers_fts (rowid, digits, national, line, cnam, rate_center, tags, notes)
        SELECT id, substr(e164, 2), substr(e164, 3), substr(e164, -4), cnam, rate_center, '', '' FROM numbers;

      CREATE TABLE saved_views (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        screen TEXT NOT NULL,
        name TEXT NOT NULL,
        view TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (screen, name)
      );
    `,
  },
]
