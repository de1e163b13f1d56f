/**
 * The call records' rollups, kept at ingest so KPIs over millions of records read thousands of rows:
 * - `cdr_hourly`: per account, UTC hour, direction, disposition, trunk and cause;
 * - `cdr_daily_numbers`: per account, UTC day, number of ours, direction, disposition and trunk;
 * - `cdr_daily_destinations`: per account, UTC day, the far end's destination, direction, disposition, trunk;
 * - `cdr_number_last`: the last call per number of ours.
 * Each holds attempts, answered (billed > 0), billed seconds and cost (see shared/cdrs.ts for the KPIs).
 *
 * An ingest adds its new records' sums here in the same transaction that makes them visible: summed in
 * memory while the rows are staged when every staged row turned out new, or else summed by SQL over
 * exactly the rows that were added.
 */
import type { CdrRecord } from '../../../shared/domain'
import type { Db } from '../database'

export const hourMs = 3_600_000
export const dayMs = 86_400_000

/** The cause as the rollups and the "failures by cause" table name it: "17 User busy". */
export const causeKey = (code: string | undefined, text: string | undefined): string =>
  code === undefined ? (text ?? '') : text === undefined ? code : `${code} ${text}`
export const causeKeySql = "coalesce(cause_code || ' ', '') || coalesce(cause_text, '')"

type Sums = [attempts: number, answered: number, billed: number, cost: number]

/** Sums per key, the key's parts joined by a separator no value holds. */
class SumMap {
  readonly map = new Map<string, Sums>()
  add(key: string, billed: number, cost: number): void {
    const sums = this.map.get(key)
    if (sums) {
      sums[0] += 1
      if (billed > 0) sums[1] += 1
      sums[2] += billed
      sums[3] += cost
    } else {
      this.map.set(key, [1, billed > 0 ? 1 : 0, billed, cost])
    }
  }
}

const sep = '\u0001'

/** An ingest's rollup sums, gathered row by row as records are staged. */
export class RollupSums {
  private readonly hourly = new SumMap()
  private readonly numbers = new SumMap()
  private readonly destinations = new SumMap()
  private readonly last = new Map<string, number>()

  add(record: CdrRecord, destination: string): void {
    const { startedAt, billedSeconds: billed, direction, disposition } = record
    const cost = record.cost ?? 0
    const trunk = record.trunk ?? ''
    const hour = startedAt - (startedAt % hourMs)
    const day = startedAt - (startedAt % dayMs)
    const tail = sep + direction + sep + disposition + sep + trunk
    this.hourly.add(hour + tail + sep + causeKey(record.causeCode, record.causeText), billed, cost)
    this.destinations.add(day + sep + destination + tail, billed, cost)
    const ours = record.ourNumber
    if (ours !== undefined) {
      this.numbers.add(day + sep + ours + tail, billed, cost)
      const before = this.last.get(ours)
      if (before === undefined || startedAt > before) this.last.set(ours, startedAt)
    }
  }

  /** Adds the sums to the rollup tables (inside the caller's transaction). */
  flush(db: Db, accountKey: number): void {
    const upsert = (table: string, columns: string, keyParts: number, map: Map<string, Sums>): void => {
      const statement = db.prepare(
        `INSERT INTO ${table} (account_key, ${columns}, attempts, answered, billed_seconds, cost)
         VALUES (?, ${Array.from({ length: keyParts }, () => '?').join(', ')}, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET attempts = attempts + excluded.attempts, answered = answered + excluded.answered,
           billed_seconds = billed_seconds + excluded.billed_seconds, cost = cost + excluded.cost`,
      )
      for (const [key, sums] of map) {
        const parts: (string | number)[] = key.split(sep)
        parts[0] = Number(parts[0])
        statement.run(accountKey, ...parts, ...sums)
      }
    }
    upsert('cdr_hourly', 'hour, direction, disposition, trunk, cause', 5, this.hourly.map)
    upsert('cdr_daily_numbers', 'day, our_number, direction, disposition, trunk', 5, this.numbers.map)
    upsert('cdr_daily_destinations', 'day, destination, direction, disposition, trunk', 5, this.destinations.map)
    const last = db.prepare(
      `INSERT INTO cdr_number_last (account_key, our_number, last_at) VALUES (?, ?, ?)
       ON CONFLICT DO UPDATE SET last_at = max(last_at, excluded.last_at)`,
    )
    for (const [ours, at] of this.last) last.run(accountKey, ours, at)
  }
}

const sumsSql = 'count(*), sum(billed_seconds > 0), sum(billed_seconds), coalesce(sum(cost), 0)'
const addExcluded = `ON CONFLICT DO UPDATE SET attempts = attempts + excluded.attempts, answered = answered + excluded.answered,
  billed_seconds = billed_seconds + excluded.billed_seconds, cost = cost + excluded.cost`

/** Adds the sums of the records with `seq > afterSeq` of one account to the rollups, by SQL. */
export function addRollupsOfRecords(db: Db, accountKey: number, afterSeq: number): void {
  const rows = `FROM call_records WHERE seq > ? AND account_key = ?`
  db.prepare(
    `INSERT INTO cdr_hourly (account_key, hour, direction, disposition, trunk, cause, attempts, answered, billed_seconds, cost)
     SELECT account_key, started_at - started_at % ${hourMs}, direction, disposition, coalesce(trunk, ''), ${causeKeySql}, ${sumsSql}
     ${rows} GROUP BY 1, 2, 3, 4, 5, 6 ${addExcluded}`,
  ).run(afterSeq, accountKey)
  db.prepare(
    `INSERT INTO cdr_daily_numbers (account_key, day, our_number, direction, disposition, trunk, attempts, answered, billed_seconds, cost)
     SELECT account_key, started_at - started_at % ${dayMs}, our_number, direction, disposition, coalesce(trunk, ''), ${sumsSql}
     ${rows} AND our_number IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6 ${addExcluded}`,
  ).run(afterSeq, accountKey)
  db.prepare(
    `INSERT INTO cdr_daily_destinations (account_key, day, destination, direction, disposition, trunk, attempts, answered, billed_seconds, cost)
     SELECT account_key, started_at - started_at % ${dayMs}, destination, direction, disposition, coalesce(trunk, ''), ${sumsSql}
     ${rows} GROUP BY 1, 2, 3, 4, 5, 6 ${addExcluded}`,
  ).run(afterSeq, accountKey)
  db.prepare(
    `INSERT INTO cdr_number_last (account_key, our_number, last_at)
     SELECT account_key, our_number, max(started_at) ${rows} AND our_number IS NOT NULL GROUP BY 1, 2
     ON CONFLICT DO UPDATE SET last_at = max(last_at, excluded.last_at)`,
  ).run(afterSeq, accountKey)
}
