/** The store: one database and its repositories, the only place SQL lives. */
import { openDatabase, type Db, type OpenDatabaseOptions } from './database'
import { AccountMemoRepository } from './repositories/account-memo'
import { AccountsRepository } from './repositories/accounts'
import { CallRecordsRepository } from './repositories/cdr-records'
import { ActivityRepository } from './repositories/activity'
import { BillingRepository } from './repositories/billing'
import { CustomersRepository } from './repositories/customers'
import { CdrRepository } from './repositories/inventory'
import { FindingsRepository } from './repositories/findings'
import { NumbersRepository } from './repositories/numbers'
import { OffersRepository } from './repositories/offers'
import { ChangeSetsRepository } from './repositories/change-sets'
import { PortNoticesRepository, PortOrdersRepository } from './repositories/ports'
import { SavedViewsRepository } from './repositories/saved-views'
import { SettingsRepository } from './repositories/settings'
import { SyncRunsRepository } from './repositories/sync-runs'
import { TrafficRepository } from './repositories/traffic'
import { TrunksRepository } from './repositories/trunks'

export interface Store {
  db: Db
  accounts: AccountsRepository
  memo: AccountMemoRepository
  activity: ActivityRepository
  syncRuns: SyncRunsRepository
  numbers: NumbersRepository
  trunks: TrunksRepository
  traffic: TrafficRepository
  ports: PortOrdersRepository
  portNotices: PortNoticesRepository
  /** The CDR file listings (Vitcom's daily files). */
  cdrs: CdrRepository
  /** Every carrier's call records, their rollups and ingests. */
  callRecords: CallRecordsRepository
  views: SavedViewsRepository
  settings: SettingsRepository
  billing: BillingRepository
  customers: CustomersRepository
  offers: OffersRepository
  changeSets: ChangeSetsRepository
  findings: FindingsRepository
  close(): void
}

/** `mustExist`, `sharedWriter`: see OpenDatabaseOptions. */
export function openStore(path: string, options: Pick<OpenDatabaseOptions, 'mustExist' | 'sharedWriter'> = {}): Store {
  const db = openDatabase({ path, ...options })
  const customers = new CustomersRepository(db)
  return {
    db,
    accounts: new AccountsRepository(db),
    memo: new AccountMemoRepository(db),
    activity: new ActivityRepository(db),
    syncRuns: new SyncRunsRepository(db),
    numbers: new NumbersRepository(db),
    trunks: new TrunksRepository(db),
    traffic: new TrafficRepository(db),
    ports: new PortOrdersRepository(db),
    portNotices: new PortNoticesRepository(db),
    cdrs: new CdrRepository(db),
    callRecords: new CallRecordsRepository(db),
    views: new SavedViewsRepository(db),
    settings: new SettingsRepository(db),
    billing: new BillingRepository(db, customers),
    customers,
    offers: new OffersRepository(db),
    changeSets: new ChangeSetsRepository(db),
    findings: new FindingsRepository(db),
    close: () => db.close(),
  }
}
