/** The store: one database and its repositories, the only place SQL lives. */
import { openDatabase, type Db } from './database'
import { AccountsRepository } from './repositories/accounts'
import { ActivityRepository } from './repositories/activity'
import { NumbersRepository } from './repositories/numbers'
import { SyncRunsRepository } from './repositories/sync-runs'

export interface Store {
  db: Db
  accounts: AccountsRepository
  activity: ActivityRepository
  syncRuns: SyncRunsRepository
  numbers: NumbersRepository
  close(): void
}

export function openStore(path: string): Store {
  const db = openDatabase({ path })
  return {
    db,
    accounts: new AccountsRepository(db),
    activity: new ActivityRepository(db),
    syncRuns: new SyncRunsRepository(db),
    numbers: new NumbersRepository(db),
    close: () => db.close(),
  }
}
