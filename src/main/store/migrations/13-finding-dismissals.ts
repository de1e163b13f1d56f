/**
 * Schema 13: dismissed findings (core/findings). A dismissal names the finding, the fingerprint of the facts
 * it was made on, who made it and why; it holds while the finding's fingerprint stays the same and is kept
 * (shown as outgrown) when the facts change.
 */
import type { Migration } from './migration'

export const migration13: Migration = {
  version: 13,
  name: 'finding dismissals',
  sql: `
      CREATE TABLE finding_dismissals (
        finding_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        dismissed_by TEXT NOT NULL,
        reason TEXT NOT NULL,
        dismissed_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
}
