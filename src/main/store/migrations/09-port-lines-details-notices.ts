/**
 * Schema 9: the port board. Each cached port order keeps its master order (Call48 splits a request into sub
 * orders), its numbers' own states and the actions its carrier allows; the detail panel's last read of an
 * order is kept beside it (for offline review, never a secret); and notices of changes between syncs (FOC
 * set or moved, completed, rejected) are kept until seen, so none is told twice and the badge survives a restart.
 */
import type { Migration } from './migration'

export const migration9: Migration = {
  version: 9,
  name: 'port order lines, details and notices',
  sql: `
      ALTER TABLE port_orders ADD COLUMN group_id TEXT;
      ALTER TABLE port_orders ADD COLUMN lines TEXT;
      ALTER TABLE port_orders ADD COLUMN allowed TEXT;

      CREATE TABLE port_details (
        account_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        detail TEXT NOT NULL,
        as_of INTEGER NOT NULL,
        PRIMARY KEY (account_id, order_id),
        FOREIGN KEY (account_id, order_id) REFERENCES port_orders (account_id, id) ON DELETE CASCADE
      ) WITHOUT ROWID;

      CREATE TABLE port_notices (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        order_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        message TEXT NOT NULL,
        numbers TEXT NOT NULL,
        at INTEGER NOT NULL,
        seen_at INTEGER
      );
      CREATE INDEX port_notices_unseen ON port_notices (seen_at, id);
    `,
}
