/**
 * Schema 5: the process that runs a sync (its pid and start time, see lib/process-owner.ts), so opening
 * the database marks a run left "running" as interrupted only when that process is gone, not while it
 * still works. Runs recorded before have no owner and are judged as before.
 */
import type { Migration } from './migration'

export const migration5: Migration = {
  version: 5,
  name: 'the owner of a running sync',
  sql: `
      ALTER TABLE sync_runs ADD COLUMN owner TEXT;
    `,
}
