/**
 * The schema, as an ordered list of migrations, one file each. The database's `user_version` is the version
 * of the last migration applied; never edit or reorder a shipped migration, only add the next version (its
 * file, and one line here).
 */
import { migration1 } from './01-accounts-activity-sync-runs-numbers'
import { migration2 } from './02-memo-trunks-ports-cdrs'
import { migration3 } from './03-numbers-fts-notes-views'
import { migration4 } from './04-account-settings'
import { migration5 } from './05-sync-run-owner'
import { migration6 } from './06-app-settings'
import { migration7 } from './07-billing-customers'
import { migration8 } from './08-change-sets-offers'
import { migration9 } from './09-port-lines-details-notices'
import { migration10 } from './10-trunk-settings-traffic'
import { migration11 } from './11-call-records'
import { migration12 } from './12-number-group-failover'
import { migration13 } from './13-finding-dismissals'
import { migration14 } from './14-call-records-account-time'
import type { Migration } from './migration'

export type { Migration } from './migration'

export const migrations: readonly Migration[] = checkedMigrations([
  migration1,
  migration2,
  migration3,
  migration4,
  migration5,
  migration6,
  migration7,
  migration8,
  migration9,
  migration10,
  migration11,
  migration12,
  migration13,
  migration14,
])

/** The list itself, once its versions are known to run 1, 2, 3 ... without a gap or a repeat, each with a step. */
export function checkedMigrations(list: readonly Migration[]): readonly Migration[] {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration "${migration.name}" has version ${migration.version}; expected ${index + 1} (versions are consecutive from 1)`)
    }
    if ((migration.sql === undefined) === (migration.up === undefined)) {
      throw new Error(`Migration ${migration.version} must have either sql or up`)
    }
  })
  return list
}
