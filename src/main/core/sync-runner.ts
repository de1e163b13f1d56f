/**
 * The sync runner: refreshes the cache from the carriers, accounts in parallel, with progress events and
 * cancellation. Each account's area is staged and committed only when complete, so a failed or cancelled
 * sync leaves the previous data intact and says what failed.
 */
import { randomUUID } from 'node:crypto'
import type { CdrRecord, PortOrder, SyncArea, SyncOutcome, SyncProgress } from '../../shared/domain'
import { syncAreas } from '../../shared/domain'
import type { CarrierClient } from '../carriers/adapter'
import type { Store } from '../store/store'
import type { AccountRow } from '../store/repositories/accounts'
import type { AccountsService } from './accounts-service'
import { AppError, throwIfAborted } from './app-error'
import type { EventHub } from './events'

export interface SyncRequest {
  accountIds?: string[] | undefined
  areas?: SyncArea[] | undefined
}

export interface SyncAccountResult {
  accountId: string
  accountName: string
  area: SyncArea
  outcome: Exclude<SyncOutcome, 'running'> | 'unsupported'
  rows: number
  message?: string | undefined
  /** Why it failed, as an error code ('network' when the carrier could not be reached). */
  errorCode?: string | undefined
}

export interface SyncRun {
  runId: string
  done: Promise<SyncAccountResult[]>
}

/** How each area is refreshed from a client; absent when the carrier cannot (yet) provide it. */
type AreaSync = (
  client: CarrierClient,
  account: AccountRow,
  signal: AbortSignal,
  progress: (rows: number, pages: number) => void,
) => Promise<number> | undefined

/** How many days of CDR listings a sync refreshes. */
const cdrSyncDays = 7

export class SyncRunner {
  private readonly running = new Map<string, AbortController>()

  constructor(
    private readonly store: Store,
    private readonly accounts: AccountsService,
    private readonly events: EventHub,
    private readonly now: () => number,
  ) {}

  private readonly areaSyncs: Record<SyncArea, AreaSync> = {
    numbers: (client, account, signal, progress) => {
      if (!client.syncNumbers) return undefined
      const session = this.store.numbers.beginSync(account.id)
      let pages = 0
      return client
        .syncNumbers({
          signal,
          onPage: (rows) => {
            throwIfAborted(signal)
            session.writePage(rows)
            pages += 1
            progress(session.rowCount, pages)
          },
        })
        .then(
          () => {
            throwIfAborted(signal)
            session.commit(this.now())
            return session.rowCount
          },
          (error: unknown) => {
            session.dispose()
            throw error
          },
        )
    },
    trunks: (client, account, signal, progress) => {
      if (!client.syncTrunks) return undefined
      return client.syncTrunks({ signal }).then((trunks) => {
        throwIfAborted(signal)
        this.store.trunks.replaceFor(account.id, trunks)
        progress(trunks.length, 1)
        return trunks.length
      })
    },
    ports: (client, account, signal, progress) => {
      if (!client.syncPorts) return undefined
      const orders: PortOrder[] = []
      let pages = 0
      return client
        .syncPorts({
          signal,
          onPage: (rows) => {
            throwIfAborted(signal)
            orders.push(...rows)
            pages += 1
            progress(orders.length, pages)
          },
        })
        .then(() => {
          throwIfAborted(signal)
          this.store.ports.replaceFor(account.id, orders)
          return orders.length
        })
    },
    cdrs: (client, account, signal, progress) => {
      if (!client.syncCdrFiles && !client.syncCdrRecords) return undefined
      const to = new Date(this.now())
      const from = new Date(to.getTime() - cdrSyncDays * 86_400_000)
      const day = (date: Date): string => date.toISOString().slice(0, 10)
      const range = { from: day(from), to: day(to) }
      return (async () => {
        let rows = 0
        if (client.syncCdrFiles) {
          const files = await client.syncCdrFiles({ ...range, signal })
          throwIfAborted(signal)
          this.store.cdrs.replaceFilesFor(account.id, files)
          rows += files.length
          progress(rows, 1)
        }
        if (client.syncCdrRecords) {
          const records: CdrRecord[] = []
          let pages = 0
          await client.syncCdrRecords({
            ...range,
            signal,
            onPage: (page) => {
              throwIfAborted(signal)
              records.push(...page)
              pages += 1
              progress(rows + records.length, pages)
            },
          })
          throwIfAborted(signal)
          const fromMs = Date.parse(`${range.from}T00:00:00Z`)
          const toMs = Date.parse(`${range.to}T00:00:00Z`) + 86_400_000
          rows += this.store.cdrs.replaceRecordsFor(account.id, { fromMs, toMs }, records)
        }
        return rows
      })()
    },
  }

  start(request: SyncRequest, parentSignal?: AbortSignal): SyncRun {
    const runId = randomUUID()
    const controller = new AbortController()
    parentSignal?.addEventListener('abort', () => controller.abort(), { once: true })
    this.running.set(runId, controller)
    const targets = request.accountIds?.map((id) => this.accounts.find(id)) ?? this.store.accounts.list()
    const areas = request.areas ?? [...syncAreas]
    const done = Promise.all(targets.map((account) => this.syncAccount(runId, account, areas, controller.signal)))
      .then((results) => {
        const flat = results.flat()
        this.events.emit('sync.finished', { runId, results: flat })
        return flat
      })
      .finally(() => this.running.delete(runId))
    return { runId, done }
  }

  cancel(runId: string): boolean {
    const controller = this.running.get(runId)
    controller?.abort()
    return controller !== undefined
  }

  private emit(progress: SyncProgress): void {
    this.events.emit('sync.progress', progress)
  }

  private async syncAccount(
    runId: string,
    account: AccountRow,
    areas: SyncArea[],
    signal: AbortSignal,
  ): Promise<SyncAccountResult[]> {
    const results: SyncAccountResult[] = []
    let client: CarrierClient
    try {
      client = await this.accounts.connect(account)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const errorCode = error instanceof AppError ? error.code : 'internal'
      return areas.map((area) => ({ accountId: account.id, accountName: account.name, area, outcome: 'failed', rows: 0, message, errorCode }))
    }
    for (const area of areas) {
      const started = this.now()
      const base = { runId, accountId: account.id, area }
      const report = (rows: number, pages: number, phase: SyncProgress['phase'], message?: string): void => {
        const seconds = Math.max((this.now() - started) / 1000, 0.001)
        this.emit({ ...base, phase, pages, rows, rowsPerSecond: Math.round(rows / seconds), message })
      }
      let pending: Promise<number> | undefined
      let lastRows = 0
      let lastPages = 0
      try {
        pending = this.areaSyncs[area](client, account, signal, (rows, pages) => {
          lastRows = rows
          lastPages = pages
          report(rows, pages, 'page')
        })
      } catch (error) {
        pending = Promise.reject(error)
      }
      if (pending === undefined) {
        results.push({ accountId: account.id, accountName: account.name, area, outcome: 'unsupported', rows: 0 })
        continue
      }
      this.store.syncRuns.start(runId, account.id, area, started)
      report(0, 0, 'started')
      try {
        const rows = await pending
        this.store.syncRuns.finish(runId, account.id, area, { outcome: 'succeeded', finishedAt: this.now(), rows })
        report(rows, lastPages, 'finished')
        results.push({ accountId: account.id, accountName: account.name, area, outcome: 'succeeded', rows })
      } catch (error) {
        const cancelled = signal.aborted || (error instanceof AppError && error.code === 'cancelled')
        const message = cancelled ? 'Cancelled' : error instanceof Error ? error.message : String(error)
        const outcome = cancelled ? 'cancelled' : 'failed'
        const errorCode = error instanceof AppError ? error.code : 'internal'
        this.store.syncRuns.finish(runId, account.id, area, { outcome, finishedAt: this.now(), rows: 0, message })
        report(lastRows, lastPages, cancelled ? 'cancelled' : 'failed', message)
        results.push({ accountId: account.id, accountName: account.name, area, outcome, rows: 0, message, errorCode })
        if (cancelled) break
      }
    }
    return results
  }
}
