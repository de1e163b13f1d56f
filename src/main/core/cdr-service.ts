/**
 * Call records: downloads of the carriers' daily CDR files (streamed to disk, with progress, cancellable)
 * and CSV export of the cached call records in the technician's time zone.
 */
import { join } from 'node:path'
import type { CdrFile, CdrRecord } from '../../shared/domain'
import type { Store } from '../store/store'
import type { AccountsService } from './accounts-service'
import { AppError } from '../lib/app-error'
import { writeCsvExport, zonedTimeFormat } from './csv-export'
import type { EventHub } from './events'
import type { Jobs } from './jobs'

export interface CdrServiceDeps {
  store: Store
  accounts: AccountsService
  events: EventHub
  jobs: Jobs
  dataDir: string
  now: () => number
}

export class CdrService {
  constructor(private readonly deps: CdrServiceDeps) {}

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
        onProgress: ({ bytes, totalBytes }) =>
          this.deps.events.emit('jobs.progress', { jobId: input.jobId, kind: 'download', done: bytes, total: totalBytes ?? 0, failed: 0 }),
      }),
    )
  }

  async exportRecords(input: { accountId?: string | undefined; timeZone: string }, signal: AbortSignal): Promise<{ file: string; rows: number }> {
    const time = zonedTimeFormat(input.timeZone)
    const columns = ['started', 'from', 'to', 'durationSeconds', 'disposition', 'cost', 'carrier', 'account', 'id']
    const names = new Map(this.deps.store.accounts.list().map((account) => [account.id, account.name]))
    const records = this.deps.store.cdrs.iterateRecords(input.accountId)
    function* rows(): Generator<Record<string, string>> {
      for (const r of records as Iterable<CdrRecord>) {
        yield {
          started: time(r.startedAt),
          from: r.from,
          to: r.to,
          durationSeconds: String(r.durationSeconds),
          disposition: r.disposition,
          cost: r.cost === undefined ? '' : r.cost.toFixed(4),
          carrier: r.carrier,
          account: names.get(r.accountId) ?? r.accountId,
          id: r.id,
        }
      }
    }
    return writeCsvExport({ dataDir: this.deps.dataDir, name: 'cdrs', now: this.deps.now(), columns, rows: rows(), signal })
  }
}
