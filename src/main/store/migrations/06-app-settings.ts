/** Schema 6: the app's own settings (shared/settings.ts), one row per setting the user changed. */
import type { Migration } from './migration'

export const migration6: Migration = {
  version: 6,
  name: 'app settings',
  sql: `
      CREATE TABLE app_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
}
