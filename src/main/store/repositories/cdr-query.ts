/**
 * How call records are read: a range and its filters as SQL over the records or over a rollup
 * (cdr-rollups.ts).
 *
 * Over the records, one account's range is a seek into `call_records_account_time` (or, for one number of
 * ours, `call_records_number`); an ordered listing of several accounts merges one such seek per account
 * (`orderedRecords`), so a newest-first page reads about a page of rows per account rather than every row of
 * the range; with no account filter it walks `call_records_time`, already in the listing's order.
 *
 * A rollup answers only for whole buckets (UTC hours, or UTC days) and only filters it keeps: the range is cut
 * into its partial first bucket, the whole buckets in the middle and its partial last bucket; the middle
 * comes from the rollup and the two ends from the records, so an answer is exact for any range.
 */
import { addSums, emptySums, type CdrFilters, type CdrGrouping, type CdrSums } from '../../../shared/cdrs'
import type { Db } from '../database'
import { causeKeySql, dayMs, hourMs } from './cdr-rollups'

export interface Sql {
  sql: string
  params: unknown[]
}

/** The account keys a query may touch: undefined for every account. */
export type AccountKeys = readonly number[] | undefined

const inList = (column: string, values: readonly unknown[]): Sql => ({
  sql: `${column} IN (${values.map(() => '?').join(', ')})`,
  params: [...values],
})

const join = (parts: Sql[]): Sql => ({
  sql: parts.length === 0 ? '1' : parts.map((part) => part.sql).join(' AND '),
  params: parts.flatMap((part) => part.params),
})

/**
 * The conditions on `call_records` for accounts and filters (not the time range). One account is an equality,
 * which the planner serves from an index led by the account; `walkTime` keeps the accounts out of the
 * indexes' reach (`+account_key`) so the range walks `call_records_time` in order.
 */
export function recordConditions(keys: AccountKeys, filters: CdrFilters, walkTime = false): Sql[] {
  const parts: Sql[] = []
  if (keys && walkTime) parts.push(inList('+account_key', keys))
  else if (keys?.length === 1) parts.push({ sql: 'account_key = ?', params: [keys[0]] })
  else if (keys) parts.push(inList('account_key', keys))
  if (filters.direction) parts.push({ sql: 'direction = ?', params: [filters.direction] })
  if (filters.dispositions) parts.push(inList('disposition', filters.dispositions))
  if (filters.trunk) parts.push({ sql: 'trunk = ?', params: [filters.trunk] })
  if (filters.ourNumber) parts.push({ sql: 'our_number = ?', params: [filters.ourNumber] })
  if (filters.otherParty) parts.push({ sql: 'other_number LIKE ?', params: [`%${filters.otherParty}%`] })
  if (filters.minDurationSeconds !== undefined) parts.push({ sql: 'billed_seconds >= ?', params: [filters.minDurationSeconds] })
  return parts
}

/** `started_at` in [from, to) and the rest. */
export function recordWhere(keys: AccountKeys, filters: CdrFilters, from: number, to: number, walkTime = false): Sql {
  return join([{ sql: 'started_at >= ? AND started_at < ?', params: [from, to] }, ...recordConditions(keys, filters, walkTime)])
}

/** Beyond this many accounts a listing walks the time index rather than merging a seek per account. */
const mergedAccountsMax = 64

/**
 * `columns` (which must include started_at, account_key and record_id) of the range's records, newest or
 * oldest first, ties broken by account and record id; the caller appends LIMIT/OFFSET. Several accounts are
 * one SELECT each (each a seek in time order) merged by UNION ALL, which SQLite streams: a page reads about
 * a page of rows per account, and an export holds no sort of the whole range.
 */
export function orderedRecords(options: {
  keys: AccountKeys
  filters: CdrFilters
  from: number
  to: number
  order: 'newest' | 'oldest'
  columns: string
}): Sql {
  const { keys, filters, from, to, columns } = options
  const direction = options.order === 'newest' ? 'DESC' : 'ASC'
  const orderBy = `ORDER BY started_at ${direction}, account_key ${direction}, record_id ${direction}`
  if (keys === undefined || keys.length <= 1 || keys.length > mergedAccountsMax) {
    const where = recordWhere(keys, filters, from, to, keys !== undefined && keys.length > 1)
    return { sql: `SELECT ${columns} FROM call_records WHERE ${where.sql} ${orderBy}`, params: where.params }
  }
  const arms = keys.map((key) => recordWhere([key], filters, from, to))
  return {
    sql: `${arms.map((arm) => `SELECT ${columns} FROM call_records WHERE ${arm.sql}`).join(' UNION ALL ')} ${orderBy}`,
    params: arms.flatMap((arm) => arm.params),
  }
}

interface RollupSource {
  table: string
  bucket: string
  size: number
  /** Filters it keeps (beyond accounts, direction, dispositions, trunk). */
  ourNumber: boolean
  /**
   * It holds only the records that name a number of ours, so it answers only for one number: grouped by
   * number over every record, the records naming none would be missing from its whole days.
   */
  numberedOnly?: boolean
  /** The SQL of each grouping it serves. */
  groups: Partial<Record<CdrGrouping | 'none', string>>
}

const hourly: RollupSource = {
  table: 'cdr_hourly',
  bucket: 'hour',
  size: hourMs,
  ourNumber: false,
  groups: { none: "''", hour: 'hour', day: 'hour', account: 'account_key', trunk: 'trunk', cause: 'cause' },
}
const dailyNumbers: RollupSource = {
  table: 'cdr_daily_numbers',
  bucket: 'day',
  size: dayMs,
  ourNumber: true,
  numberedOnly: true,
  // For one number of ours, whole days of its KPIs, per account or trunk too.
  groups: { number: 'our_number', none: "''", account: 'account_key', trunk: 'trunk' },
}
const dailyDestinations: RollupSource = {
  table: 'cdr_daily_destinations',
  bucket: 'day',
  size: dayMs,
  ourNumber: false,
  groups: { destination: 'destination' },
}

/**
 * The records' SQL for each grouping. Hours and days are UTC bucket starts (hours, or quarter hours for a
 * zone that is not a whole number of hours off UTC); the caller buckets them in the zone.
 */
const recordGroup = (grouping: CdrGrouping | 'none', bucketMs: number): string =>
  grouping === 'hour' || grouping === 'day' ? `started_at - started_at % ${bucketMs}` : recordGroups[grouping]

const recordGroups: Record<Exclude<CdrGrouping, 'hour' | 'day'> | 'none', string> = {
  none: "''",
  account: 'account_key',
  trunk: "coalesce(trunk, '')",
  cause: causeKeySql,
  number: "coalesce(our_number, '')",
  destination: 'destination',
}

/** The rollup that can answer a grouping under these filters, if any. */
export function rollupFor(grouping: CdrGrouping | 'none', filters: CdrFilters): RollupSource | undefined {
  if (filters.otherParty !== undefined || filters.minDurationSeconds !== undefined) return undefined
  for (const source of [hourly, dailyNumbers, dailyDestinations]) {
    if (source.groups[grouping] === undefined) continue
    if (filters.ourNumber !== undefined && !source.ourNumber) continue
    if (source.numberedOnly && filters.ourNumber === undefined) continue
    return source
  }
  return undefined
}

function rollupConditions(keys: AccountKeys, filters: CdrFilters, source: RollupSource): Sql[] {
  const parts: Sql[] = []
  if (keys) parts.push(inList('account_key', keys))
  if (filters.direction) parts.push({ sql: 'direction = ?', params: [filters.direction] })
  if (filters.dispositions) parts.push(inList('disposition', filters.dispositions))
  if (filters.trunk) parts.push({ sql: 'trunk = ?', params: [filters.trunk] })
  if (filters.ourNumber && source.ourNumber) parts.push({ sql: 'our_number = ?', params: [filters.ourNumber] })
  return parts
}

export type GroupSums = Map<string | number, CdrSums>

function addRows(into: GroupSums, rows: [string | number, number, number, number, number][]): void {
  for (const [group, attempts, answered, billedSeconds, cost] of rows) {
    const sums = into.get(group) ?? emptySums()
    addSums(sums, { attempts, answered: answered ?? 0, billedSeconds: billedSeconds ?? 0, cost: cost ?? 0 })
    into.set(group, sums)
  }
}

/**
 * Sums per group over [from, to): from the rollup the grouping and filters allow, with the range's partial
 * buckets from the records, or from the records alone. Hour and day groups are UTC hour starts.
 */
export function groupSums(
  db: Db,
  options: {
    keys: AccountKeys
    filters: CdrFilters
    from: number
    to: number
    grouping: CdrGrouping | 'none'
    rollups: boolean
    /** The records' time buckets (default an hour); the rollups keep hours. */
    bucketMs?: number
  },
): { sums: GroupSums; source: 'rollups' | 'records' } {
  const { keys, filters, from, to, grouping } = options
  const sums: GroupSums = new Map()
  const source = options.rollups ? rollupFor(grouping, filters) : undefined
  const fromRecords = (start: number, end: number): void => {
    if (end <= start) return
    const where = recordWhere(keys, filters, start, end)
    const rows = db
      .prepare(
        `SELECT ${recordGroup(grouping, options.bucketMs ?? hourMs)} AS g, count(*), sum(billed_seconds > 0), sum(billed_seconds), sum(cost)
         FROM call_records WHERE ${where.sql} GROUP BY g`,
      )
      .raw()
      .all(...where.params) as [string | number, number, number, number, number][]
    addRows(sums, rows)
  }
  if (!source) {
    fromRecords(from, to)
    return { sums, source: 'records' }
  }
  const first = Math.ceil(from / source.size) * source.size
  const last = Math.floor(to / source.size) * source.size
  if (last <= first) {
    fromRecords(from, to)
    return { sums, source: 'records' }
  }
  fromRecords(from, first)
  const where = join([{ sql: `${source.bucket} >= ? AND ${source.bucket} < ?`, params: [first, last] }, ...rollupConditions(keys, filters, source)])
  const rows = db
    .prepare(
      `SELECT ${source.groups[grouping]} AS g, sum(attempts), sum(answered), sum(billed_seconds), sum(cost)
       FROM ${source.table} WHERE ${where.sql} GROUP BY g`,
    )
    .raw()
    .all(...where.params) as [string | number, number, number, number, number][]
  addRows(sums, rows)
  fromRecords(last, to)
  return { sums, source: 'rollups' }
}
