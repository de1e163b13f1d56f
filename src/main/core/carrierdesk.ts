/**
 * The CarrierDesk core: store, vault, carriers and services, with no Electron import. The Electron shell,
 * the `carrierdesk` CLI and the E2E harness each create one and talk to it through the dispatcher.
 */
import { version } from '../../../package.json'
import type { AppStatus, SyncFinished } from '../../shared/ipc-shared'
import { CarrierRegistry } from '../carriers/registry'
import type { SandboxOptions } from '../sandbox'
import { oldestInventoryAsOf } from '../store/repositories/inventory'
import { openStore, type Store } from '../store/store'
import { createKeychainVault, type Vault } from '../vault/vault'
import { AccountsService } from './accounts-service'
import { ActivityLog } from './activity-log'
import { BillingService } from './billing-service'
import { CdrService } from './cdr-service'
import { ClientsService } from './clients-service'
import { EventHub } from './events'
import { Jobs } from './jobs'
import { BuyingService } from './numbers/buying'
import { NumberChangesService } from './numbers/changes'
import { NumbersExport } from './numbers/export'
import { databaseFile } from './paths'
import { isOwnerAlive } from '../lib/process-owner'
import { SandboxService } from './sandbox-service'
import { SettingsService } from './settings-service'
import { SyncRunner } from './sync/runner'

export interface CarrierDeskOptions {
  dataDir: string
  /** Who the activity log names for changes made through this instance. */
  actor: string
  vault?: Vault
  registry?: CarrierRegistry
  sandbox?: SandboxOptions
  now?: () => number
}

export interface CarrierDesk {
  dataDir: string
  store: Store
  events: EventHub
  registry: CarrierRegistry
  activity: ActivityLog
  accounts: AccountsService
  sync: SyncRunner
  /** Cached numbers' detail, tags and notes, changes and releases. */
  numbers: NumberChangesService
  /** The buying search, the cart (reserve, purchase) and bulk orders. */
  buying: BuyingService
  numbersExport: NumbersExport
  billing: BillingService
  cdrs: CdrService
  clients: ClientsService
  jobs: Jobs
  sandbox: SandboxService
  settings: SettingsService
  now: () => number
  status(): AppStatus
  /** Whether carriers have been reachable lately; front doors may also report the OS's view. */
  setOnline(online: boolean): void
  /** Cancels running syncs and jobs (waiting a few seconds at most for them to settle), then closes. */
  close(): Promise<void>
}

const oldestOf = (...times: (number | undefined)[]): number | undefined => {
  const known = times.filter((time): time is number => time !== undefined)
  return known.length > 0 ? Math.min(...known) : undefined
}

export function createCarrierDesk(options: CarrierDeskOptions): CarrierDesk {
  const now = options.now ?? Date.now
  const store = openStore(databaseFile(options.dataDir))
  store.syncRuns.failAbandoned(now(), isOwnerAlive)
  const events = new EventHub()
  const registry = options.registry ?? new CarrierRegistry()
  const vault = options.vault ?? createKeychainVault()
  const activity = new ActivityLog(store.activity, events, options.actor, now)
  const accounts = new AccountsService({
    accounts: store.accounts,
    memo: store.memo,
    syncRuns: store.syncRuns,
    vault,
    registry,
    activity,
    events,
    now,
  })
  const jobs = new Jobs()
  const sync = new SyncRunner(store, accounts, events, jobs, now)
  const numbersDeps = { store, accounts, registry, activity, events, jobs, dataDir: options.dataDir, now }
  const numbers = new NumberChangesService(numbersDeps)
  const buying = new BuyingService(numbersDeps)
  const numbersExport = new NumbersExport(numbersDeps)
  const billing = new BillingService({ accounts, registry, activity })
  const cdrs = new CdrService({ store, accounts, events, jobs, dataDir: options.dataDir, now })
  const clients = new ClientsService(accounts)
  const sandbox = new SandboxService(accounts, options.sandbox)
  const settings = new SettingsService({ settings: store.settings, activity, events, now })
  let online = true
  // Reachability as the last sync saw it: offline when every carrier that was tried could not be reached,
  // online when one answered with data or a refusal. An empty success proves nothing (nothing may have
  // been asked: a Nexogy account with no clients), so it leaves the state as it was.
  events.on('sync.finished', ({ results }) => {
    const reachedCarrier = (r: SyncFinished['results'][number]): boolean =>
      (r.outcome === 'succeeded' && r.rows > 0) || (r.outcome === 'failed' && r.errorCode !== 'network')
    const unreachable = (r: SyncFinished['results'][number]): boolean => r.outcome === 'failed' && r.errorCode === 'network'
    const telling = results.filter((r) => reachedCarrier(r) || unreachable(r))
    const next = telling.length === 0 ? online : telling.some(reachedCarrier)
    if (next !== online) {
      online = next
      events.emit('app.online', { online })
    }
  })

  return {
    dataDir: options.dataDir,
    store,
    events,
    registry,
    activity,
    accounts,
    sync,
    numbers,
    buying,
    numbersExport,
    billing,
    cdrs,
    clients,
    jobs,
    sandbox,
    settings,
    now,
    status: () => ({
      online,
      oldestDataAsOf: oldestOf(store.numbers.oldestAsOf(), oldestInventoryAsOf(store.db)),
      accounts: store.accounts.count(),
      version,
    }),
    setOnline(value) {
      if (value === online) return
      online = value
      events.emit('app.online', { online })
    },
    async close() {
      // Running syncs and jobs are cancelled and given a moment to record how they ended (their sync_runs
      // rows, their activity entries) while the database is still open.
      sync.close()
      await jobs.close()
      await sandbox.close()
      store.close()
    },
  }
}
