/**
 * The sync runner: refreshes the cache from the carriers, accounts in parallel, with progress events and
 * cancellation. Each account's area is staged and committed only when complete, so a failed or cancelled
 * sync leaves the previous data intact and says what failed. How each area is fetched and stored is its
 * own module (areas/<area>.ts, listed in areas.ts).
 *
 * Where a worker script is given (the built out/main/sync-worker.js), each account's areas run in a worker
 * thread of their own (worker-areas.ts), at most `maxWorkers` at once: this thread keeps only the
 * bookkeeping (sync_runs rows, progress and finished events, cancel), so it stays free to answer reads.
 * Without one (the core run from source, as under vitest) the areas run on this thread.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import type { SyncArea, SyncAreaResult, SyncOutcome, SyncProgress } from '../../../shared/domain'
import { syncAreas } from '../../../shared/domain'
import { AppError } from '../../lib/app-error'
import { currentOwner } from '../../lib/process-owner'
import type { Store } from '../../store/store'
import { writeWhenFree } from '../../store/write-when-free'
import type { AccountRow } from '../../store/repositories/accounts'
import type { AccountsService } from '../accounts-service'
import type { EventHub } from '../events'
import type { Jobs } from '../jobs'
import { syncAreaModules } from './areas'
import type { AccountAreas, AreaDeps, AreaWork } from './area'
import { openWorkerAreas } from './worker-areas'

export interface SyncRunnerOptions {
  /** The sync worker's script; where absent or missing, areas run on the calling thread. */
  workerScript?: string | undefined
  /** Workers running at once (default: the cores, and at least 4, since much of a sync waits on carriers). */
  maxWorkers?: number | undefined
}

export interface SyncRequest {
  accountIds?: string[] | undefined
  areas?: SyncArea[] | undefined
}

export interface SyncRun {
  runId: string
  done: Promise<SyncAreaResult[]>
}

export class SyncRunner {
  private closed = false
  private readonly workerLanes: Lanes
  private readonly liveWorkers = new Set<AccountAreas>()

  private readonly areaDeps: AreaDeps
  /** This process, recorded with each run so that another one opening the database leaves it running. */
  private readonly owner = currentOwner()

  constructor(
    private readonly store: Store,
    private readonly accounts: AccountsService,
    private readonly events: EventHub,
    private readonly jobs: Jobs,
    private readonly now: () => number,
    private readonly options: SyncRunnerOptions = {},
  ) {
    this.areaDeps = { store, events, now }
    this.workerLanes = new Lanes(options.maxWorkers ?? Math.max(4, availableParallelism()))
  }

  /** The worker script this runner would use now, if any. */
  get workerScript(): string | undefined {
    const script = this.options.workerScript
    return script !== undefined && existsSync(script) ? script : undefined
  }

  /**
   * The account's areas, in a worker when there is a script, else on this thread. Which areas the carrier
   * supports is decided here from the client connected on this thread (deciding starts nothing), so a run
   * is recorded as started at once, as without a worker; the worker is started for the first area to run
   * and connects its own client.
   */
  private async openAreas(account: AccountRow): Promise<AccountAreas> {
    const script = this.workerScript
    const client = await this.accounts.connect(account)
    if (script === undefined) {
      return { prepare: async (area) => syncAreaModules[area](client, this.areaDeps), close: async () => undefined }
    }
    let worker: Promise<AccountAreas> | undefined
    return {
      prepare: async (area) => {
        if (syncAreaModules[area](client, this.areaDeps) === undefined) return undefined
        return async (row, signal, progress) => {
          worker ??= this.openWorker(script, account)
          const work = await (await worker).prepare(area)
          if (!work) throw new AppError('internal', `The sync worker found no ${area} sync for this account`)
          return work(row, signal, progress)
        }
      },
      close: async () => {
        const opened = await worker?.catch(() => undefined)
        if (!opened) return
        this.liveWorkers.delete(opened)
        await opened.close()
      },
    }
  }

  private async openWorker(script: string, account: AccountRow): Promise<AccountAreas> {
    const opened = await openWorkerAreas({
      script,
      databasePath: this.store.db.name,
      account,
      secrets: await this.accounts.secretsOf(account),
      keychain: this.accounts.keychainOf(account),
      events: this.events,
    })
    this.liveWorkers.add(opened)
    return opened
  }

  /**
   * Starts a run over the requested accounts (all by default) and areas, as a job whose id is the run's:
   * `jobs.cancel(runId)` cancels it, and closing the jobs waits for it. Unknown account ids are refused
   * here; after that nothing rejects `done`: every failure becomes its area's `failed` result, every started
   * area's `sync_runs` row is finished, and `sync.finished` is emitted once with all the results.
   */
  start(request: SyncRequest, parentSignal: AbortSignal = new AbortController().signal): SyncRun {
    if (this.closed) throw new AppError('cancelled', 'CarrierDesk is closing; no new sync starts')
    const targets = request.accountIds?.map((id) => this.accounts.find(id)) ?? this.store.accounts.list()
    const areas = request.areas ?? [...syncAreas]
    const runId = randomUUID()
    const done = this.jobs.run(runId, parentSignal, (signal) => this.run(runId, targets, areas, signal))
    return { runId, done }
  }

  private async run(runId: string, targets: AccountRow[], areas: SyncArea[], signal: AbortSignal): Promise<SyncAreaResult[]> {
    const unrecorded: UnrecordedFinish[] = []
    const results = await Promise.all(
      targets.map((account) =>
        this.inLane(() => this.syncAccount(runId, account, areas, signal, unrecorded)).catch((error: unknown) =>
          areas.map((area) => failedResult(account, area, error)),
        ),
      ),
    )
    const flat = results.flat()
    // A finish that could not be written at the time (the database refused it) is tried once more.
    for (const { accountId, area, result } of unrecorded) await this.recordFinish(runId, accountId, area, result)
    this.events.emit('sync.finished', { runId, results: flat })
    return flat
  }

  /** Work that opens a worker waits for a free lane; on this thread it needs none. */
  private inLane<T>(work: () => Promise<T>): Promise<T> {
    return this.workerScript === undefined ? work() : this.workerLanes.run(work)
  }

  /** Refuses new runs; the running ones are jobs, cancelled and waited for by `Jobs.close`. */
  close(): void {
    this.closed = true
  }

  /**
   * Ends the workers still running once the jobs have had their time to settle (Jobs.close): a worker held
   * up in a long write must not keep the process alive; its open transaction goes with its connection.
   */
  async stopWorkers(): Promise<void> {
    await Promise.all([...this.liveWorkers].map((areas) => areas.terminate?.()))
  }

  private emit(progress: SyncProgress): void {
    this.events.emit('sync.progress', progress)
  }

  /**
   * Writes an area's end to `sync_runs`; false (and nothing thrown) when the database refuses. Like the
   * start, it waits for another account's commit without blocking this thread (see write-when-free.ts).
   */
  private async recordFinish(runId: string, accountId: string, area: SyncArea, result: FinishedArea): Promise<boolean> {
    try {
      await writeWhenFree(this.store.db, () => this.store.syncRuns.finish(runId, accountId, area, result))
      return true
    } catch {
      return false
    }
  }

  private async syncAccount(
    runId: string,
    account: AccountRow,
    areas: SyncArea[],
    signal: AbortSignal,
    unrecorded: UnrecordedFinish[],
  ): Promise<SyncAreaResult[]> {
    let opened: AccountAreas
    try {
      opened = await this.openAreas(account)
    } catch (error) {
      return areas.map((area) => failedResult(account, area, error))
    }
    try {
      return await this.syncAreas(runId, account, opened, areas, signal, unrecorded)
    } finally {
      await opened.close()
    }
  }

  private async syncAreas(
    runId: string,
    account: AccountRow,
    opened: AccountAreas,
    areas: SyncArea[],
    signal: AbortSignal,
    unrecorded: UnrecordedFinish[],
  ): Promise<SyncAreaResult[]> {
    const results: SyncAreaResult[] = []
    for (const area of areas) {
      const started = this.now()
      const base = { runId, accountId: account.id, area }
      const report = (rows: number, pages: number, phase: SyncProgress['phase'], message?: string): void => {
        const seconds = Math.max((this.now() - started) / 1000, 0.001)
        this.emit({ ...base, phase, pages, rows, rowsPerSecond: Math.round(rows / seconds), message })
      }
      let work: AreaWork | undefined
      try {
        work = await opened.prepare(area)
      } catch (error) {
        results.push(failedResult(account, area, error))
        continue
      }
      if (work === undefined) {
        results.push({ accountId: account.id, accountName: account.name, area, outcome: 'unsupported', rows: 0 })
        continue
      }
      try {
        await writeWhenFree(this.store.db, () => this.store.syncRuns.start(runId, account.id, area, started, this.owner))
      } catch (error) {
        // Not recorded, so not started: a sync the database cannot track is not run.
        const result = failedResult(account, area, error, 'The sync could not be recorded in the database')
        report(0, 0, 'failed', result.message)
        results.push(result)
        continue
      }
      report(0, 0, 'started')
      let lastRows = 0
      let lastPages = 0
      let finished: FinishedArea
      try {
        const rows = await work(account, signal, (rows, pages) => {
          lastRows = rows
          lastPages = pages
          report(rows, pages, 'page')
        })
        finished = { outcome: 'succeeded', finishedAt: this.now(), rows }
        report(rows, lastPages, 'finished')
        results.push({ accountId: account.id, accountName: account.name, area, outcome: 'succeeded', rows })
      } catch (error) {
        const cancelled = signal.aborted || (error instanceof AppError && error.code === 'cancelled')
        const result: SyncAreaResult = cancelled
          ? { accountId: account.id, accountName: account.name, area, outcome: 'cancelled', rows: 0, message: 'Cancelled', errorCode: 'cancelled' }
          : failedResult(account, area, error)
        finished = { outcome: cancelled ? 'cancelled' : 'failed', finishedAt: this.now(), rows: 0, message: result.message }
        report(lastRows, lastPages, cancelled ? 'cancelled' : 'failed', result.message)
        results.push(result)
      }
      if (!(await this.recordFinish(runId, account.id, area, finished))) unrecorded.push({ accountId: account.id, area, result: finished })
      if (finished.outcome === 'cancelled') break
    }
    return results
  }
}

/** At most `size` pieces of work at once; the others wait their turn, first come first served. */
class Lanes {
  private busy = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve))
    else this.busy += 1
    try {
      return await work()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.busy -= 1
    }
  }
}

type FinishedArea = { outcome: Exclude<SyncOutcome, 'running'>; finishedAt: number; rows: number; message?: string | undefined }

interface UnrecordedFinish {
  accountId: string
  area: SyncArea
  result: FinishedArea
}

/**
 * An area's failure as its result: an AppError keeps its words and code; anything else (a database or
 * programming error) says it was unexpected, with its message, as `internal`.
 */
function failedResult(account: AccountRow, area: SyncArea, error: unknown, context = 'Unexpected error'): SyncAreaResult {
  const base = { accountId: account.id, accountName: account.name, area, outcome: 'failed' as const, rows: 0 }
  if (error instanceof AppError) return { ...base, message: error.message, errorCode: error.code }
  const text = error instanceof Error ? error.message : String(error)
  return { ...base, message: `${context}: ${text}`, errorCode: 'internal' }
}
