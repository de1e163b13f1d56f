/** Schema 2: what carrier clients remember per account, trunk groups, port orders and call records. */
import type { Migration } from './migration'

export const migration2: Migration = {
  version: 2,
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
}
