/**
 * Schema 7: what the `billing` sync area caches per account (balance, ledger, the carrier's payments,
 * invoices, customers) with when each part was last fetched, and the invoices downloaded to this computer.
 * Never a password, token or card number: customers' raw records are stripped of secret-looking keys.
 */
import type { Migration } from './migration'

export const migration7: Migration = {
  version: 7,
  name: 'billing and customers cache',
  sql: `
      -- When each part of an account's billing was last fetched, so an empty list still says how old it is.
      CREATE TABLE billing_parts (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        part TEXT NOT NULL,
        as_of INTEGER NOT NULL,
        PRIMARY KEY (account_id, part)
      ) WITHOUT ROWID;

      CREATE TABLE billing_balances (
        account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        carrier TEXT NOT NULL,
        amount REAL NOT NULL,
        currency TEXT NOT NULL,
        as_of INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE billing_ledger (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        carrier TEXT NOT NULL,
        at INTEGER NOT NULL,
        activity TEXT NOT NULL,
        debit REAL NOT NULL,
        credit REAL NOT NULL,
        balance REAL NOT NULL,
        as_of INTEGER NOT NULL,
        PRIMARY KEY (account_id, seq)
      ) WITHOUT ROWID;
      CREATE INDEX billing_ledger_at ON billing_ledger (at);

      CREATE TABLE billing_payments (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        carrier TEXT NOT NULL,
        at INTEGER NOT NULL,
        reference TEXT NOT NULL,
        method TEXT NOT NULL,
        amount REAL NOT NULL,
        charges REAL,
        credited REAL,
        status TEXT NOT NULL,
        as_of INTEGER NOT NULL,
        PRIMARY KEY (account_id, seq)
      ) WITHOUT ROWID;

      CREATE TABLE billing_invoices (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        carrier TEXT NOT NULL,
        invoice_no TEXT,
        amount REAL,
        url TEXT NOT NULL,
        as_of INTEGER NOT NULL,
        PRIMARY KEY (account_id, date)
      ) WITHOUT ROWID;

      -- Kept apart from the listing, so a re-sync of the invoices keeps what was downloaded.
      CREATE TABLE invoice_downloads (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        file TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        downloaded_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, date)
      ) WITHOUT ROWID;

      CREATE TABLE customers (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        id INTEGER NOT NULL,
        carrier TEXT NOT NULL,
        ref INTEGER,
        login TEXT NOT NULL,
        name TEXT,
        company TEXT,
        email TEXT,
        status TEXT,
        active INTEGER,
        credit_limit REAL,
        credit_limit_warning REAL,
        created_at TEXT,
        as_of INTEGER NOT NULL,
        raw TEXT NOT NULL,
        PRIMARY KEY (account_id, id)
      ) WITHOUT ROWID;
    `,
}
