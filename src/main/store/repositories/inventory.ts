/**
 * SQL for the CDR file listings (port orders: ports.ts; trunk groups: trunks.ts; call records have their own
 * store, cdr-records.ts). Each sync replaces that account's rows in one transaction, so a failed sync leaves
 * the previous rows intact.
 */
import type { CarrierId, CdrFile } from '../../../shared/domain'
import type { Db } from '../database'

interface CdrFileRecord {
  account_id: string
  day: string
  kind: CdrFile['kind']
  direction: CdrFile['direction']
  carrier: CarrierId
  url: string
  as_of: number
}

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

export const accountFilter = (accountId: string | undefined): [string, unknown[]] =>
  accountId ? ['WHERE account_id = ?', [accountId]] : ['', []]

export class CdrRepository {
  constructor(private readonly db: Db) {}

  /** Replaces the account's listed files of the days `[from, to]` (YYYY-MM-DD) with a new listing of them. */
  replaceFilesFor(accountId: string, files: readonly CdrFile[], days: { from: string; to: string }): void {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO cdr_files (account_id, day, kind, direction, carrier, url, as_of) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM cdr_files WHERE account_id = ? AND day >= ? AND day <= ?').run(accountId, days.from, days.to)
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

  file(key: { accountId: string; day: string; kind: CdrFile['kind']; direction: CdrFile['direction'] }): CdrFile | undefined {
    return this.files(key.accountId).find((f) => f.day === key.day && f.kind === key.kind && f.direction === key.direction)
  }
}
