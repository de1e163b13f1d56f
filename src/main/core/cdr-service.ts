/**
 * Call records, for every front door: pages, KPIs (shared/cdrs.ts has their definitions), one record with
 * its raw carrier record, the cache's coverage per account, fetching a range from the carriers and importing
 * a file the user has (cdrs/fetch.ts), pruning past the retention setting, CSV export of the whole filtered
 * range in the user's zone, and downloads of the carriers' daily files as they are.
 */
import { basename, join } from 'node:path'
import { stat } from 'node:fs/promises'
import type { CdrAccountFetch, CdrCoverage, CdrIngest, CdrListQuery, CdrRange, CdrStats, CdrStatsQuery } from '../../shared/cdrs'
import type { CdrFile, CdrRecord } from '../../shared/domain'
import type { JobProgress } from '../../shared/contract/jobs'
import type { Store } from '../store/store'
import type { AccountsService } from './accounts-service'
import type { ActivityLog } from './activity-log'
import { AppError } from '../lib/app-error'
import { fetchCallRecords, fetchesCallRecords, ingestFile, type FetchProgress } from './cdrs/fetch'
import { applyRetention, retentionCutoff } from './cdrs/retention'
import { writeCsvExport, zonedTimeFormat } from './csv-export'
import type { EventHub } from './events'
import type { Jobs } from './jobs'

export interface CdrServiceDeps {
  store: Store
  accounts: AccountsService
  activity: ActivityLog
  events: EventHub
  jobs: Jobs
  dataDir: string
  now: () => number
}

export class CdrService {
  constructor(private readonly deps: CdrServiceDeps) {}

  private progress(jobId: string | undefined, kind: JobProgress['kind'], done: number, total: number): void {
    if (jobId) this.deps.events.emit('jobs.progress', { jobId, kind, done, total, failed: 0 })
  }

  list(query: CdrListQuery): CdrRecord[] {
    return this.deps.store.callRecords.list(query)
  }

  /** KPIs; account groups are named by the account (their id in `key`). */
  stats(query: CdrStatsQuery): CdrStats & { rows: (CdrStats['rows'][number] & { key?: string })[] } {
    const stats = this.deps.store.callRecords.stats(query)
    if (query.groupBy !== 'account') return stats
    const names = new Map(this.deps.store.accounts.list().map((account) => [account.id, account.name]))
    return { ...stats, rows: stats.rows.map((row) => ({ ...row, key: row.group, group: names.get(row.group) ?? row.group })) }
  }

  record(accountId: string, id: string, startedAt?: number | undefined): CdrRecord {
    const record = this.deps.store.callRecords.record(accountId, id, startedAt)
    if (!record) throw new AppError('not-found', `No cached call record ${id} for this account`)
    return record
  }

  coverage(): CdrCoverage[] {
    return this.deps.store.callRecords.coverage()
  }

  ingests(accountId?: string | undefined): CdrIngest[] {
    return this.deps.store.callRecords.ingests(accountId)
  }

  /**
   * Fetches the days `[from, to]` of the accounts (all that offer call records by default), accounts in
   * parallel, as a job: progress on `jobs.progress` (rows read; `total` 0 while unknown), cancelled by
   * `jobs.cancel`. Then applies the retention setting.
   */
  async fetch(
    input: { jobId?: string | undefined; accountIds?: string[] | undefined; from: string; to: string },
    signal: AbortSignal,
    onProgress?: (accountId: string, progress: FetchProgress) => void,
  ): Promise<CdrAccountFetch[]> {
    if (input.to < input.from) throw new AppError('validation', 'The range ends before it starts', { fields: { to: 'Ends before the start' } })
    const accounts = input.accountIds?.map((id) => this.deps.accounts.find(id)) ?? this.deps.store.accounts.list()
    const run = async (jobSignal: AbortSignal): Promise<CdrAccountFetch[]> => {
      const rows = new Map<string, number>()
      const results = await Promise.all(
        accounts.map(async (account): Promise<CdrAccountFetch | undefined> => {
          const empty = { accountId: account.id, accountName: account.name, sources: [], read: 0, added: 0, rejected: 0, skipped: 0 }
          try {
            const client = await this.deps.accounts.connect(account)
            if (!fetchesCallRecords(client)) {
              // Asked by name, it says why; otherwise an account without call records is left out.
              return input.accountIds ? { ...empty, error: 'This carrier offers no call records' } : undefined
            }
            const result = await fetchCallRecords(client, account, input, this.deps, jobSignal, (progress) => {
              rows.set(account.id, progress.rows)
              onProgress?.(account.id, progress)
              this.progress(input.jobId, 'ingest', [...rows.values()].reduce((sum, value) => sum + value, 0), 0)
            })
            return { ...result, accountName: account.name }
          } catch (error) {
            if (jobSignal.aborted || (error instanceof AppError && error.code === 'cancelled')) throw new AppError('cancelled', 'Cancelled')
            return { ...empty, error: error instanceof Error ? error.message : String(error) }
          }
        }),
      )
      applyRetention(this.deps.store, this.deps.now())
      return results.filter((result) => result !== undefined)
    }
    return input.jobId ? this.deps.jobs.run(input.jobId, signal, run) : run(signal)
  }

  /** Ingests a CDR file the user has, read by the account's carrier's reader; logged. */
  async importFile(
    input: { jobId?: string | undefined; accountId: string; file: string; direction?: CdrRecord['direction'] | undefined },
    signal: AbortSignal,
  ): Promise<{ read: number; added: number; rejected: number; problems: string[] }> {
    const account = this.deps.accounts.find(input.accountId)
    const size = await stat(input.file).then(
      (info) => info.size,
      () => {
        throw new AppError('not-found', `No such file: ${input.file}`)
      },
    )
    const client = await this.deps.accounts.connect(account)
    if (!client.readCdrFile) throw new AppError('validation', `CarrierDesk reads no CDR files of ${account.carrier} accounts`)
    const run = async (jobSignal: AbortSignal) => {
      const result = await ingestFile(
        client,
        account,
        { file: input.file, direction: input.direction },
        { source: `import:${basename(input.file)}:${size}` },
        this.deps,
        jobSignal,
        (rows) => this.progress(input.jobId, 'ingest', rows, 0),
      )
      this.deps.activity.record({
        accountId: account.id,
        carrier: account.carrier,
        action: 'cdrs.import',
        target: basename(input.file),
        result: 'succeeded',
        message: `${result.added} new call records of ${result.read} read${result.rejected > 0 ? `, ${result.rejected} rows could not be read` : ''}`,
        details: { file: input.file, read: result.read, added: result.added, rejected: result.rejected },
      })
      return result
    }
    return input.jobId ? this.deps.jobs.run(input.jobId, signal, run) : run(signal)
  }

  /** What pruning now would delete (records past the retention setting), or does it, logged. */
  prune(input: { dryRun: boolean }): { deleted: number; cutoff: number; dryRun: boolean } {
    const now = this.deps.now()
    const cutoff = retentionCutoff(this.deps.store, now)
    if (input.dryRun) {
      const day = cutoff - (cutoff % 86_400_000)
      return { deleted: this.deps.store.callRecords.countBefore(cutoff), cutoff: day, dryRun: true }
    }
    const result = applyRetention(this.deps.store, now)
    this.deps.activity.record({
      action: 'cdrs.prune',
      result: 'succeeded',
      message: `${result.deleted} call records from before ${new Date(result.cutoff).toISOString().slice(0, 10)} pruned`,
      details: { deleted: result.deleted, cutoff: result.cutoff },
    })
    return { ...result, dryRun: false }
  }

  async download(
    input: { jobId: string; accountId: string; day: string; kind: CdrFile['kind']; direction: CdrFile['direction'] },
    signal: AbortSignal,
  ): Promise<{ file: string; bytes: number }> {
    const account = this.deps.accounts.find(input.accountId)
    const cdr = this.deps.store.cdrs.file(input)
    if (!cdr) throw new AppError('not-found', `No ${input.kind} ${input.direction} CDR file listed for ${input.day}; sync CDRs first`)
    const client = await this.deps.accounts.connect(account)
    if (!client.downloadCdrFile) throw new AppError('validation', 'This carrier offers no CDR file downloads')
    const download = client.downloadCdrFile.bind(client)
    const safeName = account.name.replace(/[^\w.-]+/g, '_')
    const file = join(this.deps.dataDir, 'downloads', `cdr-${safeName}-${cdr.day}-${cdr.direction}-${cdr.kind}.csv`)
    return this.deps.jobs.run(input.jobId, signal, (jobSignal) =>
      download({
        cdr,
        file,
        signal: jobSignal,
        onProgress: ({ bytes, totalBytes }) => this.progress(input.jobId, 'download', bytes, totalBytes ?? 0),
      }),
    )
  }

  /**
   * The whole filtered range as CSV in the user's zone (the time columns' headers name it), streamed from a
   * snapshot; progress against the range's attempts, cancellable.
   */
  async exportRecords(
    input: { jobId?: string | undefined; range: CdrRange; timeZone: string },
    signal: AbortSignal,
  ): Promise<{ file: string; rows: number }> {
    const time = zonedTimeFormat(input.timeZone)
    const when = (at: number | undefined): string => (at === undefined ? '' : time(at))
    const zone = input.timeZone
    const columns = [
      `start (${zone})`,
      `answer (${zone})`,
      `end (${zone})`,
      'direction',
      'from',
      'to',
      'our number',
      'trunk',
      'duration seconds',
      'billed seconds',
      'disposition',
      'cause code',
      'cause text',
      'cost',
      'carrier',
      'account',
      'id',
    ]
    const names = new Map(this.deps.store.accounts.list().map((account) => [account.id, account.name]))
    const total = this.deps.store.callRecords.stats({ range: input.range, limit: 1 }).total.attempts
    const records = this.deps.store.callRecords.iterate(input.range)
    const progress = (done: number): void => this.progress(input.jobId, 'export', done, total)
    function* rows(): Generator<Record<string, string>> {
      let done = 0
      for (const r of records) {
        yield {
          [columns[0]!]: time(r.startedAt),
          [columns[1]!]: when(r.answeredAt),
          [columns[2]!]: when(r.endedAt),
          direction: r.direction,
          from: r.from,
          to: r.to,
          'our number': r.ourNumber ?? '',
          trunk: r.trunk ?? '',
          'duration seconds': String(r.durationSeconds),
          'billed seconds': String(r.billedSeconds),
          disposition: r.disposition,
          'cause code': r.causeCode ?? '',
          'cause text': r.causeText ?? '',
          cost: r.cost === undefined ? '' : String(r.cost),
          carrier: r.carrier,
          account: names.get(r.accountId) ?? r.accountId,
          id: r.id,
        }
        done += 1
        if (done % 5_000 === 0) progress(done)
      }
      progress(done)
    }
    const write = (jobSignal: AbortSignal) =>
      writeCsvExport({ dataDir: this.deps.dataDir, name: 'cdrs', now: this.deps.now(), columns, rows: rows(), signal: jobSignal })
    return input.jobId ? this.deps.jobs.run(input.jobId, signal, write) : write(signal)
  }
}
