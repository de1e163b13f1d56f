/**
 * Schema 12: two more fields a carrier reports for each number, so the Numbers screen can show, filter and
 * sort them from the cache: the number group it is in (a VoIP Innovations DID group, by name) and its
 * failover destination. Both are nullable columns the sync fills; the group is indexed for its filter and
 * its facet (most carriers have none, hence a partial index).
 */
import type { Migration } from './migration'

export const migration12: Migration = {
  version: 12,
  name: 'number group and failover',
  sql: `
      ALTER TABLE numbers ADD COLUMN number_group TEXT;
      ALTER TABLE numbers ADD COLUMN failover TEXT;
      CREATE INDEX numbers_group ON numbers (number_group) WHERE number_group IS NOT NULL;
    `,
}
