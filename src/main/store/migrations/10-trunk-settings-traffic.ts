/**
 * Schema 10: a trunk group's settings in its carrier's form terms (for editing), and traffic reports
 * cached per account, scope (account, trunk, number), subject, direction and period, so they can be
 * reviewed offline with their "as of". A figure the report did not give is NULL, never 0.
 */
import type { Migration } from './migration'

export const migration10: Migration = {
  version: 10,
  name: 'trunk settings, traffic reports',
  sql: `
      ALTER TABLE trunks ADD COLUMN settings TEXT;

      CREATE TABLE traffic_stats (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        scope TEXT NOT NULL,
        subject TEXT NOT NULL,
        direction TEXT NOT NULL,
        period TEXT NOT NULL,
        processed INTEGER,
        completed INTEGER,
        asr REAL,
        acd_seconds REAL,
        minutes REAL,
        peak INTEGER,
        as_of INTEGER NOT NULL,
        PRIMARY KEY (account_id, scope, subject, direction, period)
      ) WITHOUT ROWID;
    `,
}
