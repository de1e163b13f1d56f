/**
 * The call-record store: every carrier's records in one table (schema 11), written through ingest sessions
 * (cdr-ingest.ts) and read as pages, KPIs, exports, the cache's coverage and each number's last call.
 */
import {
  addSums,
  emptySums,
  kpisOf,
  type CdrCoverage,
  type CdrFilters,
  type CdrGroupRow,
  type CdrIngest,
  type CdrListQuery,
  type CdrRange,
  type CdrStats,
  type CdrStatsQuery,
  type LastCall,
} from '../../../shared/cdrs'
import type { CarrierId, CdrRecord } from '../../../shared/domain'
import { zonedTime } from '../../../shared/zoned-time'
import { parseCsvLine } from '../../lib/csv'
import { readSnapshot, type Db } from '../database'
import { CdrIngestSession, type IngestSource } from './cdr-ingest'
import { dayMs, hourMs } from './cdr-rollups'
import { groupSums, orderedRecords, rollupFor, type AccountKeys } from './cdr-query'

const quarterHourMs = 900_000
const mod = (value: number, by: number): number => ((value % by) + by) % by

interface RecordRow {
  account_key: number
  record_id: string
  ingest_id: number
  direction: CdrRecord['direction']
  started_at: number
  answered_at: number | null
  ended_at: number | null
  from_number: string
  to_number: string
  our_number: string | null
  trunk: string | null
  duration_seconds: number
  billed_seconds: number
  disposition: CdrRecord['disposition']
  cause_code: string | null
  cause_text: string | null
  cost: number | null
  raw?: string
}

/** Every column a listing shows: all but the raw record. */
const listedColumns = `account_key, record_id, ingest_id, direction, started_at, answered_at, ended_at, from_number, to_number,
  our_number, trunk, duration_seconds, billed_seconds, disposition, cause_code, cause_text, cost`

export class CallRecordsRepository {
  private readonly keys = new Map<string, { key: number; carrier: CarrierId }>()
  private readonly ids = new Map<number, { accountId: string; carrier: CarrierId }>()
  private version = 0

  constructor(private readonly db: Db) {}

  /** Goes up with each commit and prune in this process, so callers may cache what they computed. */
  get dataVersion(): number {
    return this.version
  }

  private loadKeys(): void {
    this.keys.clear()
    this.ids.clear()
    const rows = this.db.prepare('SELECT account_key, account_id, carrier FROM cdr_accounts').all() as {
      account_key: number
      account_id: string
      carrier: CarrierId
    }[]
    for (const row of rows) {
      this.keys.set(row.account_id, { key: row.account_key, carrier: row.carrier })
      this.ids.set(row.account_key, { accountId: row.account_id, carrier: row.carrier })
    }
  }

  private accountOfKey(key: number): { accountId: string; carrier: CarrierId } {
    if (!this.ids.has(key)) this.loadKeys()
    return this.ids.get(key) ?? { accountId: String(key), carrier: 'unknown' }
  }

  /** The account's key, made on its first records. */
  accountKey(accountId: string, carrier: CarrierId): number {
    const known = this.keys.get(accountId)
    if (known) return known.key
    this.db.prepare('INSERT OR IGNORE INTO cdr_accounts (account_id, carrier) VALUES (?, ?)').run(accountId, carrier)
    this.loadKeys()
    return this.keys.get(accountId)!.key
  }

  /**
   * The keys a query's account and carrier filters allow (undefined: every account). A number of ours is
   * found through each account's number index, so with it every account is named.
   */
  private keysFor(filters: CdrFilters): AccountKeys {
    this.loadKeys()
    if (!filters.accountIds && !filters.carriers) return filters.ourNumber === undefined ? undefined : [...this.ids.keys()]
    const keys: number[] = []
    for (const [accountId, { key, carrier }] of this.keys) {
      if (filters.accountIds && !filters.accountIds.includes(accountId)) continue
      if (filters.carriers && !filters.carriers.includes(carrier)) continue
      keys.push(key)
    }
    return keys
  }

  /** Starts an ingest of one source of the account's records (see CdrIngestSession). */
  beginIngest(accountId: string, carrier: CarrierId, source: Omit<IngestSource, 'accountKey'>): CdrIngestSession {
    const accountKey = this.accountKey(accountId, carrier)
    return new CdrIngestSession(this.db, { ...source, accountKey }, accountId, () => {
      this.version += 1
    })
  }

  /** Records an ingest that failed (nothing of it was kept), so the screen can say why. */
  recordFailedIngest(
    accountId: string,
    carrier: CarrierId,
    source: Omit<IngestSource, 'accountKey'>,
    at: { startedAt: number; finishedAt: number },
    message: string,
  ): void {
    const accountKey = this.accountKey(accountId, carrier)
    this.db
      .prepare(
        `INSERT INTO cdr_ingests (account_key, source, window_from, window_to, started_at, finished_at, state, problems)
         VALUES (?, ?, ?, ?, ?, ?, 'failed', ?)`,
      )
      .run(accountKey, source.source, source.windowFrom ?? null, source.windowTo ?? null, at.startedAt, at.finishedAt, JSON.stringify([message]))
  }

  /** Each source's latest ingest (done or failed), newest first. */
  ingests(accountId?: string | undefined): CdrIngest[] {
    this.loadKeys()
    const key = accountId === undefined ? undefined : this.keys.get(accountId)?.key
    if (accountId !== undefined && key === undefined) return []
    const rows = this.db
      .prepare(
        `SELECT i.* FROM cdr_ingests i
         WHERE ingest_id = (SELECT max(ingest_id) FROM cdr_ingests j WHERE j.account_key = i.account_key AND j.source = i.source)
         ${key === undefined ? '' : 'AND i.account_key = ?'} ORDER BY finished_at DESC`,
      )
      .all(...(key === undefined ? [] : [key])) as {
      account_key: number
      source: string
      window_from: number | null
      window_to: number | null
      finished_at: number
      state: 'done' | 'failed'
      rows_read: number
      rows_added: number
      rows_rejected: number
      problems: string | null
    }[]
    return rows.map((row) => ({
      accountId: this.accountOfKey(row.account_key).accountId,
      source: row.source,
      windowFrom: row.window_from ?? undefined,
      windowTo: row.window_to ?? undefined,
      finishedAt: row.finished_at,
      state: row.state,
      read: row.rows_read,
      added: row.rows_added,
      rejected: row.rows_rejected,
      problems: row.problems === null ? [] : (JSON.parse(row.problems) as string[]),
    }))
  }

  /** Sources of the account ingested to the end (a day's file, an XDR day), for "what is not ingested yet". */
  ingestedSources(accountId: string): Set<string> {
    return new Set(
      this.ingests(accountId)
        .filter((ingest) => ingest.state === 'done')
        .map((ingest) => ingest.source),
    )
  }

  private toRecord(row: RecordRow, raw?: unknown): CdrRecord {
    const account = this.accountOfKey(row.account_key)
    return {
      accountId: account.accountId,
      carrier: account.carrier,
      id: row.record_id,
      direction: row.direction,
      startedAt: row.started_at,
      answeredAt: row.answered_at ?? undefined,
      endedAt: row.ended_at ?? undefined,
      from: row.from_number,
      to: row.to_number,
      ourNumber: row.our_number ?? undefined,
      trunk: row.trunk ?? undefined,
      durationSeconds: row.duration_seconds,
      billedSeconds: row.billed_seconds,
      disposition: row.disposition,
      causeCode: row.cause_code ?? undefined,
      causeText: row.cause_text ?? undefined,
      cost: row.cost ?? undefined,
      raw,
    }
  }

  /**
   * A page of the range's records, newest (or oldest) first, without their raw records. A page deep in a
   * large range starts from the hour holding its first row (hour counts from the rollups), so scrolling to
   * the middle of ten million rows does not walk five million index entries.
   */
  list(query: CdrListQuery): CdrRecord[] {
    const { range, order, limit } = query
    const keys = this.keysFor(range.filters)
    if (keys?.length === 0) return []
    let { from, to } = range
    let offset = query.offset
    if (offset > 2_000 && rollupFor('hour', range.filters)) {
      const anchor = this.hourAnchor(keys, range, order, offset)
      if (order === 'newest') to = anchor.bound
      else from = anchor.bound
      offset = anchor.offset
    }
    const ordered = orderedRecords({ keys, filters: range.filters, from, to, order, columns: listedColumns })
    const rows = this.db.prepare(`${ordered.sql} LIMIT ? OFFSET ?`).all(...ordered.params, limit, offset) as RecordRow[]
    return rows.map((row) => this.toRecord(row))
  }

  /** Where the row at `offset` falls: the bound of its hour and its offset from there. */
  private hourAnchor(keys: AccountKeys, range: CdrRange, order: CdrListQuery['order'], offset: number): { bound: number; offset: number } {
    const { sums } = groupSums(this.db, { keys, filters: range.filters, from: range.from, to: range.to, grouping: 'hour', rollups: true })
    const hours = [...sums.entries()].map(([hour, value]) => [Number(hour), value.attempts] as const).sort((a, b) => (order === 'newest' ? b[0] - a[0] : a[0] - b[0]))
    let before = 0
    for (const [hour, attempts] of hours) {
      if (before + attempts > offset) {
        return order === 'newest'
          ? { bound: Math.min(range.to, hour + hourMs), offset: offset - before }
          : { bound: Math.max(range.from, hour), offset: offset - before }
      }
      before += attempts
    }
    return { bound: order === 'newest' ? range.from : range.to, offset: 0 }
  }

  /**
   * One record with its raw carrier record (a CSV line read back through its file's header, or the XDR).
   * With its start, one seek of the unique time index; without, a walk through the account's records.
   */
  record(accountId: string, id: string, startedAt?: number | undefined): CdrRecord | undefined {
    this.loadKeys()
    const key = this.keys.get(accountId)?.key
    if (key === undefined) return undefined
    const row = (
      startedAt === undefined
        ? this.db
            .prepare(`SELECT ${listedColumns}, raw FROM call_records WHERE account_key = ? AND record_id = ? ORDER BY started_at DESC LIMIT 1`)
            .get(key, id)
        : this.db.prepare(`SELECT ${listedColumns}, raw FROM call_records WHERE started_at = ? AND account_key = ? AND record_id = ?`).get(startedAt, key, id)
    ) as RecordRow | undefined
    if (!row) return undefined
    const header = this.db.prepare('SELECT raw_header FROM cdr_ingests WHERE ingest_id = ?').pluck().get(row.ingest_id) as string | null | undefined
    let raw: unknown
    if (header) {
      const names = JSON.parse(header) as string[]
      const fields = parseCsvLine(row.raw ?? '')
      raw = Object.fromEntries(fields.map((value, index) => [names[index] ?? `column ${index + 1}`, value]))
    } else {
      try {
        raw = JSON.parse(row.raw ?? 'null') as unknown
      } catch {
        raw = row.raw
      }
    }
    return this.toRecord(row, raw)
  }

  /** KPIs of the range, in total and per group (see shared/cdrs.ts for the definitions). */
  stats(query: CdrStatsQuery, options: { rollups?: boolean } = {}): CdrStats {
    const { range, groupBy, limit } = query
    const keys = this.keysFor(range.filters)
    if (keys?.length === 0) return { rows: [], total: kpisOf(emptySums()), source: 'records' }
    const zone = zonedTime(query.timeZone ?? 'UTC')
    const timeGroup = groupBy === 'hour' || groupBy === 'day'
    // UTC hours are the zone's hours only when it is a whole number of hours off UTC; other zones (India's
    // +5:30, Nepal's +5:45) are bucketed from the records' UTC quarter hours, which fall in one local hour.
    const wholeHours = !timeGroup || zone.wholeHours(range.from, range.to)
    const rollups = options.rollups !== false && wholeHours
    const bucketMs = wholeHours ? hourMs : quarterHourMs
    const { sums, source } = groupSums(this.db, { keys, filters: range.filters, from: range.from, to: range.to, grouping: groupBy ?? 'none', rollups, bucketMs })
    const total = emptySums()
    for (const value of sums.values()) addSums(total, value)
    let rows: CdrGroupRow[] = []
    if (groupBy === 'hour' || groupBy === 'day') {
      const buckets = new Map<number, typeof total>()
      for (const [bucket, value] of sums) {
        const start = Number(bucket)
        const at = groupBy === 'day' ? zone.dayStart(start) : start - mod(start + zone.offsetAt(start), hourMs)
        buckets.set(at, addSums(buckets.get(at) ?? emptySums(), value))
      }
      rows = [...buckets.entries()]
        .sort((a, b) => a[0] - b[0])
        .slice(0, limit)
        .map(([at, value]) => ({ group: groupBy === 'day' ? zone.dayLabel(at) : zone.minuteLabel(at), at, ...kpisOf(value) }))
    } else if (groupBy !== undefined) {
      rows = [...sums.entries()]
        .map(([group, value]) => ({ group: groupBy === 'account' ? this.accountOfKey(Number(group)).accountId : String(group), ...kpisOf(value) }))
        .sort((a, b) => b.attempts - a.attempts || a.group.localeCompare(b.group))
        .slice(0, limit)
    }
    return { rows, total: kpisOf(total), source }
  }

  /**
   * Every record of the range, in time order, without raw, for export: read from a snapshot on a
   * connection of its own (see `readSnapshot`), so the caller may await between rows while ingests write.
   */
  *iterate(range: CdrRange, order: CdrListQuery['order'] = 'newest'): Generator<CdrRecord> {
    const keys = this.keysFor(range.filters)
    if (keys?.length === 0) return
    const ordered = orderedRecords({ keys, filters: range.filters, from: range.from, to: range.to, order, columns: listedColumns })
    const toRecord = (row: RecordRow): CdrRecord => this.toRecord(row)
    yield* readSnapshot(this.db, function* (reader) {
      for (const row of reader.prepare(ordered.sql).iterate(...ordered.params) as Iterable<RecordRow>) yield toRecord(row)
    })
  }

  /**
   * How far back the cache goes per account: the span its ingests fetched (after any pruning) and its
   * records. For "no calls for N days" a number is idle only where the span covers those days.
   */
  coverage(accountId?: string | undefined): CdrCoverage[] {
    this.loadKeys()
    const rows = this.db
      .prepare(
        `SELECT a.account_key, a.account_id,
           (SELECT min(window_from) FROM cdr_ingests i WHERE i.account_key = a.account_key AND state = 'done') AS fetched_from,
           (SELECT max(window_to) FROM cdr_ingests i WHERE i.account_key = a.account_key AND state = 'done') AS fetched_to,
           (SELECT min(hour) FROM cdr_hourly h WHERE h.account_key = a.account_key) AS first_hour,
           (SELECT max(hour) FROM cdr_hourly h WHERE h.account_key = a.account_key) AS last_hour,
           (SELECT coalesce(sum(attempts), 0) FROM cdr_hourly h WHERE h.account_key = a.account_key) AS records,
           (SELECT value FROM cdr_pruned p WHERE p.account_key = a.account_key) AS pruned_before
         FROM cdr_accounts a ${accountId === undefined ? '' : 'WHERE a.account_id = ?'} ORDER BY a.account_id`,
      )
      .all(...(accountId === undefined ? [] : [accountId])) as {
      account_key: number
      account_id: string
      fetched_from: number | null
      fetched_to: number | null
      first_hour: number | null
      last_hour: number | null
      records: number
      pruned_before: number | null
    }[]
    const edge = (key: number, from: number, to: number, fn: 'min' | 'max'): number | undefined =>
      (this.db
        .prepare(`SELECT ${fn}(started_at) FROM call_records WHERE started_at >= ? AND started_at < ? AND account_key = ?`)
        .pluck()
        .get(from, to, key) as number | null) ?? undefined
    return rows.map((row) => {
      const pruned = row.pruned_before ?? undefined
      const fetchedFrom = row.fetched_from === null ? undefined : Math.max(row.fetched_from, pruned ?? 0)
      return {
        accountId: row.account_id,
        fetchedFrom,
        fetchedTo: row.fetched_to ?? undefined,
        firstRecordAt: row.first_hour === null ? undefined : edge(row.account_key, row.first_hour, row.first_hour + hourMs, 'min'),
        lastRecordAt: row.last_hour === null ? undefined : edge(row.account_key, row.last_hour, row.last_hour + hourMs, 'max'),
        records: row.records,
      }
    })
  }

  /** Each number of ours with its last call record, from the cache (kept at ingest; pruning does not forget it). */
  lastCalls(accountId?: string | undefined): LastCall[] {
    this.loadKeys()
    const rows = this.db
      .prepare(
        `SELECT a.account_id, n.our_number, n.last_at FROM cdr_number_last n JOIN cdr_accounts a ON a.account_key = n.account_key
         ${accountId === undefined ? '' : 'WHERE a.account_id = ?'} ORDER BY a.account_id, n.our_number`,
      )
      .raw()
      .all(...(accountId === undefined ? [] : [accountId])) as [string, string, number][]
    return rows.map(([account, e164, lastCallAt]) => ({ accountId: account, e164, lastCallAt }))
  }

  /** How many records started before `before` (what a prune would delete). */
  countBefore(before: number): number {
    const cutoff = before - (before % dayMs)
    return this.db.prepare('SELECT count(*) FROM call_records WHERE started_at < ?').pluck().get(cutoff) as number
  }

  /**
   * Deletes the records that started before the UTC day holding `before`, with their rollups, in one
   * transaction; the last call per number is kept (it stays true). Returns how many were deleted.
   */
  prune(before: number): { deleted: number; cutoff: number } {
    const cutoff = before - (before % dayMs)
    const deleted = this.db.transaction(() => {
      const count = this.db.prepare('DELETE FROM call_records WHERE started_at < ?').run(cutoff).changes
      this.db.prepare('DELETE FROM cdr_hourly WHERE hour < ?').run(cutoff)
      this.db.prepare('DELETE FROM cdr_daily_numbers WHERE day < ?').run(cutoff)
      this.db.prepare('DELETE FROM cdr_daily_destinations WHERE day < ?').run(cutoff)
      this.db
        .prepare(
          `INSERT INTO cdr_pruned (account_key, value) SELECT account_key, ? FROM cdr_accounts WHERE true
           ON CONFLICT DO UPDATE SET value = max(value, excluded.value)`,
        )
        .run(cutoff)
      return count
    })()
    if (deleted > 0) this.version += 1
    return { deleted, cutoff }
  }
}
