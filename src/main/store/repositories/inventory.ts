/**
 * SQL for the other cached areas: trunk groups, port orders, CDR files and CDR records. Each sync of an
 * area replaces that account's rows in one transaction, so a failed sync leaves the previous rows intact.
 */
import type { CarrierId, CdrFile, CdrRecord, PortOrder, PortStatus, TrunkGroup } from '../../../shared/domain'
import { readSnapshot, type Db } from '../database'

interface TrunkRecord {
  account_id: string
  id: string
  carrier: CarrierId
  name: string
  direction: TrunkGroup['direction']
  ips: string
  status: TrunkGroup['status']
  as_of: number
  raw: string
}

interface PortRecord {
  account_id: string
  id: string
  carrier: CarrierId
  numbers: string
  status: PortStatus
  foc_date: string | null
  rejection_reason: string | null
  as_of: number
  raw: string
}

interface CdrFileRecord {
  account_id: string
  day: string
  kind: CdrFile['kind']
  direction: CdrFile['direction']
  carrier: CarrierId
  url: string
  as_of: number
}

interface CdrRecordRow {
  account_id: string
  id: string
  carrier: CarrierId
  started_at: number
  from_number: string
  to_number: string
  duration_seconds: number
  disposition: string
  cost: number | null
  /** Absent when the query did not read it (see `shownCdrColumns`). */
  raw?: string
}

/** Every column of a call record but its raw carrier record. */
const shownCdrColumns = 'account_id, id, carrier, started_at, from_number, to_number, duration_seconds, disposition, cost'

/** The oldest "as of" among cached trunk groups, port orders and CDR listings, for the status bar. */
export function oldestInventoryAsOf(db: Db): number | undefined {
  const row = db
    .prepare(
      `SELECT MIN(oldest) AS oldest FROM (
         SELECT MIN(as_of) AS oldest FROM trunks UNION ALL
         SELECT MIN(as_of) FROM port_orders UNION ALL
         SELECT MIN(as_of) FROM cdr_files)`,
    )
    .get() as { oldest: number | null }
  return row.oldest ?? undefined
}

const accountFilter = (accountId: string | undefined): [string, unknown[]] =>
  accountId ? ['WHERE account_id = ?', [accountId]] : ['', []]

export class TrunksRepository {
  constructor(private readonly db: Db) {}

  replaceFor(accountId: string, trunks: readonly TrunkGroup[]): void {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO trunks (account_id, id, carrier, name, direction, ips, status, as_of, raw)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM trunks WHERE account_id = ?').run(accountId)
      for (const t of trunks) {
        if (t.accountId !== accountId) throw new Error('A trunk sync mixes accounts')
        insert.run(t.accountId, t.id, t.carrier, t.name, t.direction, JSON.stringify(t.ips), t.status, t.asOf, JSON.stringify(t.raw ?? null))
      }
    })()
  }

  list(accountId?: string | undefined): TrunkGroup[] {
    const [where, params] = accountFilter(accountId)
    const rows = this.db.prepare(`SELECT * FROM trunks ${where} ORDER BY name`).all(...params) as TrunkRecord[]
    return rows.map((r) => ({
      accountId: r.account_id,
      carrier: r.carrier,
      id: r.id,
      name: r.name,
      direction: r.direction,
      ips: JSON.parse(r.ips) as string[],
      status: r.status,
      asOf: r.as_of,
      raw: JSON.parse(r.raw) as unknown,
    }))
  }
}

export class PortOrdersRepository {
  private readonly insertSql = `INSERT OR REPLACE INTO port_orders
    (account_id, id, carrier, numbers, status, foc_date, rejection_reason, as_of, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

  constructor(private readonly db: Db) {}

  /** Starts a staged replacement of an account's port orders (pages arrive one by one). */
  replaceFor(accountId: string, orders: readonly PortOrder[]): void {
    const insert = this.db.prepare(this.insertSql)
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM port_orders WHERE account_id = ?').run(accountId)
      for (const p of orders) {
        if (p.accountId !== accountId) throw new Error('A port sync mixes accounts')
        insert.run(
          p.accountId,
          p.id,
          p.carrier,
          JSON.stringify(p.numbers),
          p.status,
          p.focDate ?? null,
          p.rejectionReason ?? null,
          p.asOf,
          JSON.stringify(p.raw ?? null),
        )
      }
    })()
  }

  list(accountId?: string | undefined): PortOrder[] {
    const [where, params] = accountFilter(accountId)
    const rows = this.db.prepare(`SELECT * FROM port_orders ${where} ORDER BY as_of DESC, id`).all(...params) as PortRecord[]
    return rows.map((r) => ({
      accountId: r.account_id,
      carrier: r.carrier,
      id: r.id,
      numbers: JSON.parse(r.numbers) as string[],
      status: r.status,
      focDate: r.foc_date ?? undefined,
      rejectionReason: r.rejection_reason ?? undefined,
      asOf: r.as_of,
      raw: JSON.parse(r.raw) as unknown,
    }))
  }
}

export class CdrRepository {
  constructor(private readonly db: Db) {}

  replaceFilesFor(accountId: string, files: readonly CdrFile[]): void {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO cdr_files (account_id, day, kind, direction, carrier, url, as_of) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM cdr_files WHERE account_id = ?').run(accountId)
      for (const f of files) {
        if (f.accountId !== accountId) throw new Error('A CDR sync mixes accounts')
        insert.run(f.accountId, f.day, f.kind, f.direction, f.carrier, f.url, f.asOf)
      }
    })()
  }

  files(accountId?: string | undefined): CdrFile[] {
    const [where, params] = accountFilter(accountId)
    const rows = this.db.prepare(`SELECT * FROM cdr_files ${where} ORDER BY day DESC`).all(...params) as CdrFileRecord[]
    return rows.map((r) => ({
      accountId: r.account_id,
      carrier: r.carrier,
      day: r.day,
      kind: r.kind,
      direction: r.direction,
      url: r.url,
      asOf: r.as_of,
    }))
  }

  /** Replaces an account's call records within [fromMs, toMs) with the given ones, in one transaction. */
  replaceRecordsFor(accountId: string, range: { fromMs: number; toMs: number }, records: Iterable<CdrRecord>): number {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO cdr_records
        (account_id, id, carrier, started_at, from_number, to_number, duration_seconds, disposition, cost, raw)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    let count = 0
    this.db.transaction(() => {
      this.db
        .prepare('DELETE FROM cdr_records WHERE account_id = ? AND started_at >= ? AND started_at < ?')
        .run(accountId, range.fromMs, range.toMs)
      for (const c of records) {
        if (c.accountId !== accountId) throw new Error('A CDR sync mixes accounts')
        insert.run(c.accountId, c.id, c.carrier, c.startedAt, c.from, c.to, c.durationSeconds, c.disposition, c.cost ?? null, JSON.stringify(c.raw ?? null))
        count += 1
      }
    })()
    return count
  }

  records(options: { accountId?: string | undefined; limit: number; offset: number }): CdrRecord[] {
    const [where, params] = accountFilter(options.accountId)
    const rows = this.db
      .prepare(`SELECT * FROM cdr_records ${where} ORDER BY started_at DESC, account_id, id LIMIT ? OFFSET ?`)
      .all(...params, options.limit, options.offset) as CdrRecordRow[]
    return rows.map(fromCdrRow)
  }

  countRecords(accountId?: string | undefined): number {
    const [where, params] = accountFilter(accountId)
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM cdr_records ${where}`).get(...params) as { n: number }).n
  }

  /**
   * Every record of an account (or all), newest first, for export, without `raw`: read from a snapshot on a
   * connection of its own (see `readSnapshot`), so the caller may await between rows while syncs write.
   */
  *iterateRecords(accountId?: string | undefined): Generator<CdrRecord> {
    const [where, params] = accountFilter(accountId)
    yield* readSnapshot(this.db, function* (reader) {
      const statement = reader.prepare(
        `SELECT ${shownCdrColumns} FROM cdr_records ${where} ORDER BY started_at DESC, account_id, id`,
      )
      for (const row of statement.iterate(...params) as Iterable<CdrRecordRow>) yield fromCdrRow(row)
    })
  }

  file(key: { accountId: string; day: string; kind: CdrFile['kind']; direction: CdrFile['direction'] }): CdrFile | undefined {
    return this.files(key.accountId).find((f) => f.day === key.day && f.kind === key.kind && f.direction === key.direction)
  }
}

const fromCdrRow = (r: CdrRecordRow): CdrRecord => ({
  accountId: r.account_id,
  carrier: r.carrier,
  id: r.id,
  startedAt: r.started_at,
  from: r.from_number,
  to: r.to_number,
  durationSeconds: r.duration_seconds,
  disposition: r.disposition,
  cost: r.cost ?? undefined,
  raw: r.raw === undefined ? undefined : (JSON.parse(r.raw) as unknown),
})
