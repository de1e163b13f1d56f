/**
 * SQL for findings (core/findings): the cached facts each rule reads, and the dismissals kept with who and
 * why. Numbers marked gone are left out of every rule but the one about them.
 */
import type { FindingDismissal, FindingKind } from '../../../shared/findings'
import type { Db } from '../database'

/** A cached number as a rule sees it, with its account's name. */
export interface FactNumber {
  accountId: string
  accountName: string
  carrier: string
  e164: string
  type: string
  status: string
  trunk: string | null
  cnam: string | null
  e911: string | null
  monthlyCost: number | null
  goneAt: number | null
  asOf: number
  /** The carrier's record, parsed (only where a rule asks for it). */
  raw?: unknown
  tags?: string
  notes?: string
}

interface FactRow {
  account_id: string
  account_name: string
  carrier: string
  e164: string
  type: string
  status: string
  trunk: string | null
  cnam: string | null
  e911: string | null
  monthly_cost: number | null
  gone_at: number | null
  as_of: number
  raw?: string
  tags?: string
  notes?: string
}

export interface StoredDismissal extends FindingDismissal {
  findingId: string
  kind: FindingKind
  fingerprint: string
}

const columns = `n.account_id, a.name AS account_name, n.carrier, n.e164, n.type, n.status, n.trunk, n.cnam, n.e911,
  n.monthly_cost, n.gone_at, n.as_of`
const from = 'FROM numbers n JOIN accounts a ON a.id = n.account_id'
const present = "n.gone_at IS NULL AND n.status NOT IN ('released')"

const fromRow = (r: FactRow): FactNumber => ({
  accountId: r.account_id,
  accountName: r.account_name,
  carrier: r.carrier,
  e164: r.e164,
  type: r.type,
  status: r.status,
  trunk: r.trunk,
  cnam: r.cnam,
  e911: r.e911,
  monthlyCost: r.monthly_cost,
  goneAt: r.gone_at,
  asOf: r.as_of,
  ...(r.raw === undefined ? {} : { raw: JSON.parse(r.raw) as unknown }),
  ...(r.tags === undefined ? {} : { tags: r.tags }),
  ...(r.notes === undefined ? {} : { notes: r.notes }),
})

export class FindingsRepository {
  constructor(private readonly db: Db) {}

  /**
   * The rows of a query as facts; with `keep`, only those it keeps, read one at a time: a rule that judges
   * in code (by a raw record, against the cached trunks) would otherwise hold every candidate of a
   * 1,000,000-number cache at once. `keep` runs while the query is open, so it must not use the database.
   */
  private numbers(sql: string, params: unknown[] = [], keep?: (n: FactNumber) => boolean): FactNumber[] {
    const statement = this.db.prepare(sql)
    if (!keep) return (statement.all(...params) as FactRow[]).map(fromRow)
    const kept: FactNumber[] = []
    for (const row of statement.iterate(...params) as IterableIterator<FactRow>) {
      const n = fromRow(row)
      if (keep(n)) kept.push(n)
    }
    return kept
  }

  /** Active numbers with no trunk in the cache, with their raw records (a carrier may route them otherwise). */
  activeWithoutTrunk(keep?: (n: FactNumber) => boolean): FactNumber[] {
    return this.numbers(
      `SELECT ${columns}, n.raw ${from} WHERE ${present} AND n.status = 'active' AND (n.trunk IS NULL OR n.trunk = '')
      ORDER BY a.name, n.e164`,
      [],
      keep,
    )
  }

  /** Active local numbers with no E911 address cached. */
  activeLocalWithoutE911(): FactNumber[] {
    return this.numbers(`SELECT ${columns} ${from} WHERE ${present} AND n.status = 'active' AND n.type = 'local'
      AND (n.e911 IS NULL OR n.e911 = '') ORDER BY a.name, n.e164`)
  }

  /** Active toll-free numbers with no CNAM cached. */
  tollFreeWithoutCnam(): FactNumber[] {
    return this.numbers(`SELECT ${columns} ${from} WHERE ${present} AND n.status = 'active' AND n.type = 'toll-free'
      AND (n.cnam IS NULL OR n.cnam = '') ORDER BY a.name, n.e164`)
  }

  /** An account's active numbers. */
  activeOf(accountId: string): FactNumber[] {
    return this.numbers(`SELECT ${columns} ${from} WHERE n.account_id = ? AND ${present} AND n.status = 'active' ORDER BY n.e164`, [accountId])
  }

  /** Active numbers routed to a trunk (not a forward), for checking the trunk against the cached ones. */
  routedToTrunk(keep?: (n: FactNumber) => boolean): FactNumber[] {
    return this.numbers(
      `SELECT ${columns} ${from} WHERE ${present} AND n.trunk IS NOT NULL AND n.trunk <> ''
      AND n.trunk NOT LIKE 'forward %' ORDER BY a.name, n.e164`,
      [],
      keep,
    )
  }

  /** Numbers cached under more than one account (each row one listing). */
  listedTwice(): FactNumber[] {
    return this.numbers(`SELECT ${columns} ${from} WHERE ${present} AND n.e164 IN (
        SELECT e164 FROM numbers n WHERE ${present} GROUP BY e164 HAVING COUNT(*) > 1)
      ORDER BY n.e164, a.name`)
  }

  /** Numbers held for the account (reserved), with their raw records (where a hold's end is written). */
  reserved(): FactNumber[] {
    return this.numbers(`SELECT ${columns}, n.raw ${from} WHERE ${present} AND n.status = 'reserved' ORDER BY a.name, n.e164`)
  }

  /** Numbers marked gone by a sync that still carry local tags or notes. */
  goneWithNotes(): FactNumber[] {
    return this.numbers(`SELECT ${columns}, nn.tags, nn.notes ${from}
      JOIN number_notes nn ON nn.account_id = n.account_id AND nn.e164 = n.e164
      WHERE n.gone_at IS NOT NULL AND (nn.tags <> '' OR nn.notes <> '') ORDER BY a.name, n.e164`)
  }

  /** The span of an account's cached call records (epoch ms), or undefined when it has none. */
  cdrSpan(accountId: string): { first: number; last: number; count: number } | undefined {
    const row = this.db
      .prepare(
        `SELECT MIN(r.started_at) AS first, MAX(r.started_at) AS last, COUNT(*) AS count
         FROM call_records r JOIN cdr_accounts c ON c.account_key = r.account_key WHERE c.account_id = ?`,
      )
      .get(accountId) as { first: number | null; last: number | null; count: number }
    return row.first === null || row.last === null ? undefined : { first: row.first, last: row.last, count: row.count }
  }

  /** Every number that called or was called in an account's records since `sinceMs`. */
  numbersInCallsSince(accountId: string, sinceMs: number): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT r.from_number AS e164 FROM call_records r JOIN cdr_accounts c ON c.account_key = r.account_key
           WHERE c.account_id = ? AND r.started_at >= ?
         UNION SELECT r.to_number FROM call_records r JOIN cdr_accounts c ON c.account_key = r.account_key
           WHERE c.account_id = ? AND r.started_at >= ?`,
      )
      .pluck()
      .all(accountId, sinceMs, accountId, sinceMs) as string[]
    return new Set(rows)
  }

  /** When an area of an account last synced successfully, or undefined. */
  lastSucceededSync(accountId: string, area: string): number | undefined {
    const row = this.db
      .prepare(
        "SELECT MAX(finished_at) AS at FROM sync_runs WHERE account_id = ? AND area = ? AND outcome = 'succeeded'",
      )
      .get(accountId, area) as { at: number | null }
    return row.at ?? undefined
  }

  dismissals(): StoredDismissal[] {
    const rows = this.db.prepare('SELECT * FROM finding_dismissals').all() as {
      finding_id: string
      kind: FindingKind
      fingerprint: string
      dismissed_by: string
      reason: string
      dismissed_at: number
    }[]
    return rows.map((r) => ({
      findingId: r.finding_id,
      kind: r.kind,
      fingerprint: r.fingerprint,
      by: r.dismissed_by,
      reason: r.reason,
      at: r.dismissed_at,
    }))
  }

  dismiss(d: StoredDismissal): void {
    this.db
      .prepare(
        `INSERT INTO finding_dismissals (finding_id, kind, fingerprint, dismissed_by, reason, dismissed_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (finding_id) DO UPDATE SET kind = excluded.kind, fingerprint = excluded.fingerprint,
           dismissed_by = excluded.dismissed_by, reason = excluded.reason, dismissed_at = excluded.dismissed_at`,
      )
      .run(d.findingId, d.kind, d.fingerprint, d.by, d.reason, d.at)
  }

  /** Removes a dismissal; false when there was none. */
  undismiss(findingId: string): boolean {
    return this.db.prepare('DELETE FROM finding_dismissals WHERE finding_id = ?').run(findingId).changes > 0
  }
}
