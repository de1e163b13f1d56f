/**
 * Schema 4: a carrier's own account settings in one JSON column, `settings`, under the keys its adapter
 * declares (the adapter's schema checks them), instead of a column per setting a carrier once needed. The
 * four old columns move into it under the keys the adapters use, set ones only.
 */
import type { Migration } from './migration'

const setting = (key: string, column: string): string =>
  `CASE WHEN ${column} IS NULL OR ${column} = '' THEN '{}' ELSE json_object('${key}', ${column}) END`

export const migration4: Migration = {
  version: 4,
  name: 'account settings as one JSON column',
  sql: `
      ALTER TABLE accounts ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
      UPDATE accounts SET settings = json_patch(json_patch(json_patch(json_patch('{}',
        ${setting('username', 'username')}), ${setting('accountNo', 'account_no')}),
        ${setting('clientId', 'client_id')}), ${setting('scope', 'scope')});
      ALTER TABLE accounts DROP COLUMN username;
      ALTER TABLE accounts DROP COLUMN account_no;
      ALTER TABLE accounts DROP COLUMN client_id;
      ALTER TABLE accounts DROP COLUMN scope;
    `,
}
