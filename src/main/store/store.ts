/** The store: one database and its repositories, the only place SQL lives. */
import { openDatabase, type Db } from './database'
import { AccountMemoRepository } from './repositories/account-memo'
import { AccountsRepository } from './repositories/accounts'
import { ActivityRepository } from './repositories/activity'
import { CdrRepository, PortOrdersRepository, TrunksRepository } from './repositories/inventory'
import { NumbersRepository } from './repositories/numbers'
import { SavedViewsRepository } from './repositories/saved-views'
import { SettingsRepository } from './repositories/settings'
import { SyncRunsRepository } from './repositories/sync-runs'

export interface Store {
  db: Db
  accounts: AccountsRepository
  memo: AccountMemoRepository
  activity: ActivityRepository
  syncRuns: SyncRunsRepository
  numbers: NumbersRepository
  trunks: TrunksRepository
  ports: PortOrdersRepository
  cdrs: CdrRepository
  views: SavedViewsRepository
  settings: SettingsRepository
  close(): void
}

export function openStore(path: string): Store {
  const db = openDatabase({ path })
  return {
    db,
    accounts: new AccountsRepository(db),
    memo: new AccountMemoRepository(db),
    activity: new ActivityRepository(db),
    syncRuns: new SyncRunsRepository(db),
    numbers: new NumbersRepository(db),
    trunks: new TrunksRepository(db),
    ports: new PortOrdersRepository(db),
    cdrs: new CdrRepository(db),
    views: new SavedViewsRepository(db),
    settings: new SettingsRepository(db),
    close: () => db.close(),
  }
}
