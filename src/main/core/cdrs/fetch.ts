/**
 * Fetching an account's call records for a range of days into the store: every listed daily file not
 * ingested yet is downloaded and ingested (Vitcom), and XDRs are paged day by day (Call48). Each file and
 * each XDR day is one ingest (cdr-ingest.ts): visible whole once committed, or not at all, so a cancel or a
 * failure keeps every file and day finished before it and nothing of the one in progress.
 *
 * Used by the sync area (the last days, on every sync), `carrierdesk cdrs sync` and the CDR screen's
 * "Fetch call records" (any range), and `carrierdesk cdrs import` for a file the user has.
 */
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { CdrAccountFetch, CdrIngestResult } from '../../../shared/cdrs'
import type { CdrFile, CdrRecord } from '../../../shared/domain'
import type { CarrierClient } from '../../carriers/adapter'
import { AppError, throwIfAborted } from '../../lib/app-error'
import type { AccountRow } from '../../store/repositories/accounts'
import type { Store } from '../../store/store'

const dayMs = 86_400_000
/** A carrier writes a call's record once it could have ended: an XDR day fetched this long after its end is complete. */
export const xdrSettleMs = 3 * 3_600_000

export interface FetchProgress {
  /** Rows read so far in this fetch, and the files or days done out of those to do. */
  rows: number
  added: number
  done: number
  total: number
  /** What is being read now ("2026-11-20 origination successful", "XDRs 2026-11-20"). */
  current?: string | undefined
}

export type FetchResult = Omit<CdrAccountFetch, 'accountName' | 'error'>

export interface FetchDeps {
  store: Store
  now: () => number
}

export const fileSource = (file: Pick<CdrFile, 'day' | 'direction' | 'kind'>): string => `file:${file.day}/${file.direction}/${file.kind}`
export const xdrSource = (day: string): string => `xdr:${day}`
const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`)
export const utcDay = (at: number): string => new Date(at).toISOString().slice(0, 10)

/** Whether the client can bring call records in at all. */
export function fetchesCallRecords(client: CarrierClient): boolean {
  return Boolean((client.syncCdrFiles && client.downloadCdrFile && client.readCdrFile) || client.syncCdrRecords)
}

/**
 * Fetches the days `[from, to]` (YYYY-MM-DD, UTC) of one account. A source that fails is reported in its
 * result and the rest go on; a cancel stops at once (cancelled), keeping what was committed.
 */
export async function fetchCallRecords(
  client: CarrierClient,
  account: AccountRow,
  range: { from: string; to: string },
  deps: FetchDeps,
  signal: AbortSignal,
  onProgress: (progress: FetchProgress) => void = () => undefined,
): Promise<FetchResult> {
  const { store, now } = deps
  const result: FetchResult = { accountId: account.id, sources: [], read: 0, added: 0, rejected: 0, skipped: 0 }
  const progress: FetchProgress = { rows: 0, added: 0, done: 0, total: 0 }
  const ingests = store.callRecords.ingests(account.id)
  const latest = new Map(ingests.map((ingest) => [ingest.source, ingest]))
  const tasks: { source: string; label: string; run: () => Promise<CdrIngestResult> }[] = []

  const { syncCdrFiles, downloadCdrFile, readCdrFile, syncCdrRecords } = client
  if (syncCdrFiles && downloadCdrFile && readCdrFile) {
    const files = await syncCdrFiles.call(client, { ...range, signal })
    throwIfAborted(signal)
    store.cdrs.replaceFilesFor(account.id, files, range)
    for (const file of [...files].sort((a, b) => a.day.localeCompare(b.day) || a.direction.localeCompare(b.direction) || a.kind.localeCompare(b.kind))) {
      const source = fileSource(file)
      // A day's file is final once listed (the carrier lists whole days): ingested once is enough.
      if (latest.get(source)?.state === 'done') {
        result.skipped += 1
        continue
      }
      tasks.push({
        source,
        label: `${file.day} ${file.direction} ${file.kind}`,
        run: () => ingestListedFile(client, account, file, deps, signal, (rows) => onProgress({ ...progress, rows: progress.rows + rows })),
      })
    }
  }
  if (syncCdrRecords) {
    const end = now()
    for (let at = dayStart(range.from); at <= dayStart(range.to) && at < end; at += dayMs) {
      const day = utcDay(at)
      const source = xdrSource(day)
      const before = latest.get(source)
      if (before?.state === 'done' && before.finishedAt >= at + dayMs + xdrSettleMs) {
        result.skipped += 1
        continue
      }
      tasks.push({
        source,
        label: `XDRs ${day}`,
        run: () =>
          ingestRecordPages(
            account,
            { source, windowFrom: at, windowTo: Math.min(at + dayMs, end) },
            deps,
            (onRows) => syncCdrRecords.call(client, { from: at, to: at + dayMs, signal, onPage: (rows) => onRows(rows) }),
            signal,
            (rows) => onProgress({ ...progress, rows: progress.rows + rows }),
          ),
      })
    }
  }
  progress.total = tasks.length
  onProgress({ ...progress })
  for (const task of tasks) {
    throwIfAborted(signal)
    progress.current = task.label
    onProgress({ ...progress })
    try {
      const done = await task.run()
      result.sources.push({ source: task.source, ...done })
      progress.rows += done.read
      progress.added += done.added
      result.read += done.read
      result.added += done.added
      result.rejected += done.rejected
    } catch (error) {
      if (signal.aborted || (error instanceof AppError && error.code === 'cancelled')) throw new AppError('cancelled', 'Cancelled')
      result.sources.push({ source: task.source, read: 0, added: 0, rejected: 0, problems: [], error: messageOf(error) })
    }
    progress.done += 1
    onProgress({ ...progress })
  }
  return result
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Downloads one listed file next to the database (a temporary name), ingests it, and removes the download. */
async function ingestListedFile(
  client: CarrierClient,
  account: AccountRow,
  file: CdrFile,
  deps: FetchDeps,
  signal: AbortSignal,
  onRows: (rows: number) => void,
): Promise<CdrIngestResult> {
  const temporary = join(dirname(deps.store.db.name), 'downloads', `.ingest-${randomUUID()}.csv`)
  const start = dayStart(file.day)
  const source = { source: fileSource(file), windowFrom: start, windowTo: start + dayMs }
  try {
    await client.downloadCdrFile!({ cdr: file, file: temporary, signal })
    return await ingestFile(client, account, { file: temporary, direction: file.direction }, source, deps, signal, onRows)
  } catch (error) {
    if (!signal.aborted) {
      const now = deps.now()
      deps.store.callRecords.recordFailedIngest(account.id, account.carrier, source, { startedAt: now, finishedAt: now }, messageOf(error))
    }
    throw error
  } finally {
    await rm(temporary, { force: true })
  }
}

/** Reads a CDR file through the carrier's reader into one ingest. */
export async function ingestFile(
  client: CarrierClient,
  account: AccountRow,
  input: { file: string; direction?: CdrRecord['direction'] | undefined },
  source: { source: string; windowFrom?: number | undefined; windowTo?: number | undefined },
  deps: FetchDeps,
  signal: AbortSignal,
  onRows: (rows: number) => void = () => undefined,
): Promise<CdrIngestResult> {
  if (!client.readCdrFile) throw new AppError('validation', 'This carrier has no CDR file format CarrierDesk reads')
  const startedAt = deps.now()
  const session = deps.store.callRecords.beginIngest(account.id, account.carrier, source)
  try {
    const read = await client.readCdrFile({
      file: input.file,
      direction: input.direction ?? directionFromName(input.file),
      signal,
      onRows: (records, at) => {
        throwIfAborted(signal)
        session.write(records)
        onRows(at.rows)
      },
    })
    throwIfAborted(signal)
    const { added } = session.commit(
      { startedAt, finishedAt: deps.now() },
      { read: read.read, rejected: read.rejected, problems: read.problems, rawHeader: read.header },
    )
    return { read: read.read, added, rejected: read.rejected, problems: read.problems }
  } finally {
    session.dispose()
  }
}

/** Vitcom names its files `orig_…` and `term_…`; a user's file may say so too. */
function directionFromName(file: string): CdrRecord['direction'] | undefined {
  const name = basename(file).toLowerCase()
  if (/(^|[^a-z])(orig|origination|inbound)([^a-z]|$)/.test(name)) return 'origination'
  if (/(^|[^a-z])(term|termination|outbound)([^a-z]|$)/.test(name)) return 'termination'
  return undefined
}

/** Pages of records from the carrier into one ingest. */
async function ingestRecordPages(
  account: AccountRow,
  source: { source: string; windowFrom: number; windowTo: number },
  deps: FetchDeps,
  fetch: (onRows: (rows: CdrRecord[]) => void) => Promise<void>,
  signal: AbortSignal,
  onRows: (rows: number) => void,
): Promise<CdrIngestResult> {
  const startedAt = deps.now()
  const session = deps.store.callRecords.beginIngest(account.id, account.carrier, source)
  let read = 0
  try {
    await fetch((rows) => {
      throwIfAborted(signal)
      session.write(rows)
      read += rows.length
      onRows(read)
    })
    throwIfAborted(signal)
    const { added } = session.commit({ startedAt, finishedAt: deps.now() }, { read, rejected: 0, problems: [] })
    return { read, added, rejected: 0, problems: [] }
  } catch (error) {
    if (!signal.aborted) {
      deps.store.callRecords.recordFailedIngest(account.id, account.carrier, source, { startedAt, finishedAt: deps.now() }, messageOf(error))
    }
    throw error
  } finally {
    session.dispose()
  }
}
