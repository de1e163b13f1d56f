/**
 * SQL for cached numbers. A sync writes into a staging table and swaps it in with one transaction at the
 * end, so a failed or cancelled sync leaves the previous data exactly as it was. Numbers the carrier no
 * longer lists are marked gone (not deleted) until a later successful sync stops listing them too.
 */
import type { CarrierId, NumberStatus, NumberType, PhoneNumberRecord } from '../../../shared/domain'
import type { Db } from '../database'

interface NumberRecord {
  account_id: string
  e164: string
  carrier: CarrierId
  type: NumberType
  status: NumberStatus
  state: string | null
  rate_center: string | null
  trunk: string | null
  cnam: string | null
  e911: string | null
  monthly_cost: number | null
  gone_at: number | null
  as_of: number
  raw: string
}

const fromRecord = (record: NumberRecord): PhoneNumberRecord => ({
  accountId: record.account_id,
  carrier: record.carrier,
  e164: record.e164,
  type: record.type,
  status: record.status,
  state: record.state ?? undefined,
  rateCenter: record.rate_center ?? undefined,
  trunk: record.trunk ?? undefined,
  cnam: record.cnam ?? undefined,
  e911: record.e911 ?? undefined,
  monthlyCost: record.monthly_cost ?? undefined,
  goneAt: record.gone_at ?? undefined,
  asOf: record.as_of,
  raw: JSON.parse(record.raw) as unknown,
})

const columns =
  'account_id, e164, carrier, type, status, state, rate_center, trunk, cnam, e911, monthly_cost, gone_at, as_of, raw'

export interface NumbersQuery {
  accountId?: string | undefined
  carrier?: CarrierId | undefined
  offset: number
  limit: number
}

export class NumbersRepository {
  constructor(private readonly db: Db) {}

  /** Starts a staged sync of one account's numbers; nothing is visible until `commit`. */
  beginSync(accountId: string): NumbersSyncSession {
    return new NumbersSyncSession(this.db, accountId)
  }

  list(query: NumbersQuery): { rows: PhoneNumberRecord[]; total: number } {
    const where: string[] = []
    const params: unknown[] = []
    if (query.accountId) {
      where.push('account_id = ?')
      params.push(query.accountId)
    }
    if (query.carrier) {
      where.push('carrier = ?')
      params.push(query.carrier)
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM numbers ${clause}`).get(...params) as { n: number }).n
    const records = this.db
      .prepare(`SELECT ${columns} FROM numbers ${clause} ORDER BY e164, account_id LIMIT ? OFFSET ?`)
      .all(...params, query.limit, query.offset) as NumberRecord[]
    return { rows: records.map(fromRecord), total }
  }

  oldestAsOf(): number | undefined {
    const row = this.db.prepare('SELECT MIN(as_of) AS oldest FROM numbers').get() as { oldest: number | null }
    return row.oldest ?? undefined
  }
}

/** One account's staged sync: pages are written to a temporary table, then swapped in atomically. */
export class NumbersSyncSession {
  private readonly stage: string
  private rows = 0

  constructor(
    private readonly db: Db,
    private readonly accountId: string,
  ) {
    // Temporary tables are private to this connection and vanish with it, so a crash leaves no debris.
    this.stage = `numbers_stage_${Math.random().toString(36).slice(2, 10)}`
    db.exec(`CREATE TEMP TABLE ${this.stage} AS SELECT ${columns} FROM numbers WHERE 0`)
  }

  get rowCount(): number {
    return this.rows
  }

  /** Writes one page of numbers (from one account) into the stage, in one transaction. */
  writePage(numbers: readonly PhoneNumberRecord[]): void {
    const insert = this.db.prepare(
      `INSERT INTO ${this.stage} (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    )
    this.db.transaction(() => {
      for (const n of numbers) {
        if (n.accountId !== this.accountId) throw new Error('A sync page mixes accounts')
        insert.run(
          n.accountId,
          n.e164,
          n.carrier,
          n.type,
          n.status,
          n.state ?? null,
          n.rateCenter ?? null,
          n.trunk ?? null,
          n.cnam ?? null,
          n.e911 ?? null,
          n.monthlyCost ?? null,
          n.asOf,
          JSON.stringify(n.raw ?? null),
        )
      }
    })()
    this.rows += numbers.length
  }

  /** Makes the staged numbers the account's cache; numbers no longer listed are marked gone. */
  commit(now: number): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO numbers (${columns}) SELECT ${columns} FROM ${this.stage} WHERE true
           ON CONFLICT (account_id, e164) DO UPDATE SET
             carrier = excluded.carrier, type = excluded.type, status = excluded.status, state = excluded.state,
             rate_center = excluded.rate_center, trunk = excluded.trunk, cnam = excluded.cnam, e911 = excluded.e911,
             monthly_cost = excluded.monthly_cost, gone_at = NULL, as_of = excluded.as_of, raw = excluded.raw`,
        )
        .run()
      // Gone once: mark. Gone on a second successful sync as well: delete.
      this.db
        .prepare(
          `DELETE FROM numbers WHERE account_id = ? AND gone_at IS NOT NULL
             AND e164 NOT IN (SELECT e164 FROM ${this.stage})`,
        )
        .run(this.accountId)
      this.db
        .prepare(
          `UPDATE numbers SET gone_at = ? WHERE account_id = ? AND gone_at IS NULL
             AND e164 NOT IN (SELECT e164 FROM ${this.stage})`,
        )
        .run(now, this.accountId)
    })()
    this.dispose()
  }

  dispose(): void {
    this.db.exec(`DROP TABLE IF EXISTS temp.${this.stage}`)
  }
}
