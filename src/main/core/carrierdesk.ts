/**
 * The CarrierDesk core: store, vault, carriers and services, with no Electron import. The Electron shell,
 * the `carrierdesk` CLI and the E2E harness each create one and talk to it through the dispatcher.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { version } from '../../../package.json'
import type { AppStatus, SyncFinished } from '../../shared/ipc-shared'
import { CarrierRegistry } from '../carriers/registry'
import type { SandboxOptions } from '../sandbox'
import { oldestInventoryAsOf } from '../store/repositories/inventory'
import { openStore, type Store } from '../store/store'
import { createKeychainVault, type Vault } from '../vault/vault'
import { AccountsService } from './accounts-service'
import { ActivityLog } from './activity-log'
import { BalanceService } from './balance-service'
import { BillingService } from './billing-service'
import { InvoicesService } from './billing/invoices'
import { CdrService } from './cdr-service'
import { ChangeSetsService } from './change-sets/service'
import { ClientsService } from './clients-service'
import { CustomersService } from './customers-service'
import { E911Service } from './e911-service'
import { EventHub } from './events'
import { FindingsService } from './findings/findings-service'
import { Jobs } from './jobs'
import { BuyingService } from './numbers/buying'
import { NumberChangesService } from './numbers/changes'
import { NumberFeaturesService } from './numbers/features'
import { NumbersExport } from './numbers/export'
import { databaseFile } from './paths'
import { isOwnerAlive } from '../lib/process-owner'
import { PortsBackgroundSync } from './ports/background-sync'
import { PortsService } from './ports/ports-service'
import { SandboxService } from './sandbox-service'
import { SettingsService } from './settings-service'
import { SyncRunner } from './sync/runner'
import { TrunkChoices } from './trunks/choices'
import { TrafficService } from './trunks/traffic'
import { TrunksService } from './trunks/trunks-service'

export interface CarrierDeskOptions {
  dataDir: string
  /** Who the activity log names for changes made through this instance. */
  actor: string
  vault?: Vault
  registry?: CarrierRegistry
  sandbox?: SandboxOptions
  now?: () => number
  /** Opens a file with the system's viewer (the desktop app's shell); without it, files are only saved. */
  openPath?: (file: string) => Promise<void>
  /** The length of a minute for the background port refresh (tests make it short). */
  portsSyncMinuteMs?: number
  /**
   * The sync worker's built script (out/main/sync-worker.js, beside the bundle that runs the core): where
   * given and present, each account's sync areas run in a worker thread, off the thread that answers the
   * front door. Without it (the core run from source) they run on the calling thread.
   */
  syncWorker?: string | undefined
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
  /** Staged change sets: stage, check (dry run), apply, revert, CSV. */
  changeSets: ChangeSetsService
  /** A number's settings read from its carrier, number groups and conference lines. */
  features: NumberFeaturesService
  /** E911 locations, provisioning history and 911 alerts. */
  e911: E911Service
  /** Prepaid balances read from the carriers that report one. */
  balance: BalanceService
  billing: BillingService
  /** Invoices: the cached list, PDF downloads, opening them with the system viewer. */
  invoices: InvoicesService
  cdrs: CdrService
  /** Trunk groups: the list with number counts, detail, create, edit and disable. */
  trunks: TrunksService
  /** The trunks numbers can be routed to, per account (routing picker, cart). */
  trunkChoices: TrunkChoices
  /** Traffic reports per account, trunk and number, cached with their "as of". */
  traffic: TrafficService
  clients: ClientsService
  customers: CustomersService
  jobs: Jobs
  sandbox: SandboxService
  settings: SettingsService
  /** The port board: checks, orders and their changes, tracked ports, notices. */
  ports: PortsService
  /** The background refresh of port orders; front doors that stay open call `start()`. */
  portsBackground: PortsBackgroundSync
  /** What is wrong across the carriers, computed from the cache after each sync and on demand. */
  findings: FindingsService
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
  // A worker connects with the built-in carriers and the system clock: a desk given others syncs on its own thread.
  const workerScript = options.registry || options.now ? undefined : options.syncWorker
  const sync = new SyncRunner(store, accounts, events, jobs, now, { workerScript })
  const numbersDeps = { store, accounts, registry, activity, events, jobs, dataDir: options.dataDir, now }
  const numbers = new NumberChangesService(numbersDeps)
  const buying = new BuyingService(numbersDeps)
  const numbersExport = new NumbersExport(numbersDeps)
  const billing = new BillingService({ store, accounts, registry, activity })
  const invoices = new InvoicesService({ store, accounts, events, jobs, dataDir: options.dataDir, now, openPath: options.openPath })
  const changeSets = new ChangeSetsService({ ...numbersDeps, numbers, actor: options.actor })
  changeSets.recoverAbandoned()
  const cdrs = new CdrService({ store, accounts, activity, events, jobs, dataDir: options.dataDir, now })
  const clients = new ClientsService({ accounts, store, activity, events })
  const customers = new CustomersService({ store, accounts, registry, activity, now })
  const trunks = new TrunksService({ store, accounts, registry, activity })
  const trunkChoices = new TrunkChoices({ store, accounts, registry })
  const traffic = new TrafficService({ store, accounts, registry, now })
  const features = new NumberFeaturesService(numbersDeps)
  const e911 = new E911Service(numbersDeps)
  const balance = new BalanceService({ accounts, registry, store })
  const sandbox = new SandboxService(accounts, options.sandbox)
  const settings = new SettingsService({ settings: store.settings, activity, events, now })
  // Built beside the sync worker (electron.vite.config.ts), and like it only with the built-in carriers and clock.
  const findingsScript = workerScript === undefined ? undefined : join(dirname(workerScript), 'findings-worker.js')
  const findingsWorker = findingsScript !== undefined && existsSync(findingsScript) ? { script: findingsScript, databasePath: store.db.name } : undefined
  const findings = new FindingsService({ store, registry, settings, activity, events, actor: options.actor, now, worker: findingsWorker })
  const stopFindings = findings.follow()
  let online = true
  const ports = new PortsService({ store, accounts, registry, activity, events, dataDir: options.dataDir, now })
  const portsBackground = new PortsBackgroundSync({
    store,
    registry,
    settings,
    sync,
    events,
    isOnline: () => online,
    now,
    minuteMs: options.portsSyncMinuteMs,
  })
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
    changeSets,
    features,
    e911,
    balance,
    billing,
    invoices,
    cdrs,
    trunks,
    trunkChoices,
    traffic,
    clients,
    customers,
    jobs,
    sandbox,
    settings,
    ports,
    portsBackground,
    findings,
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
      portsBackground.stop()
      sync.close()
      await jobs.close()
      await sync.stopWorkers()
      await sandbox.close()
      stopFindings()
      store.close()
    },
  }
}
