/**
 * SQL for cached trunk groups: a sync replaces an account's trunks in one transaction (a failed sync leaves
 * the previous ones intact), a change writes the one trunk the carrier answered, and how many cached numbers
 * route to each trunk value is counted per account (kept until the data changes: a large account's count
 * reads all its numbers).
 */
import type { CarrierId, TrunkGroup } from '../../../shared/domain'
import type { TrunkValues } from '../../../shared/trunks'
import type { Db } from '../database'
import { accountFilter } from './inventory'

interface TrunkRecord {
  account_id: string
  id: string
  carrier: CarrierId
  name: string
  direction: TrunkGroup['direction']
  ips: string
  status: TrunkGroup['status']
  settings: string | null
  as_of: number
  raw: string
}

const fromRecord = (r: TrunkRecord): TrunkGroup => ({
  accountId: r.account_id,
  carrier: r.carrier,
  id: r.id,
  name: r.name,
  direction: r.direction,
  ips: JSON.parse(r.ips) as string[],
  status: r.status,
  ...(r.settings === null ? {} : { settings: JSON.parse(r.settings) as TrunkValues }),
  asOf: r.as_of,
  raw: JSON.parse(r.raw) as unknown,
})

export class TrunksRepository {
  private readonly usageCache = new Map<string, { version: string; counts: Map<string, number> }>()

  constructor(private readonly db: Db) {}

  private write(t: TrunkGroup): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO trunks (account_id, id, carrier, name, direction, ips, status, settings, as_of, raw)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(t.accountId, t.id, t.carrier, t.name, t.direction, JSON.stringify(t.ips), t.status, t.settings ? JSON.stringify(t.settings) : null, t.asOf, JSON.stringify(t.raw ?? null))
  }

  replaceFor(accountId: string, trunks: readonly TrunkGroup[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM trunks WHERE account_id = ?').run(accountId)
      for (const t of trunks) {
        if (t.accountId !== accountId) throw new Error('A trunk sync mixes accounts')
        this.write(t)
      }
    })()
  }

  /** One trunk as the carrier answered it after a change. */
  upsert(trunk: TrunkGroup): void {
    this.write(trunk)
  }

  get(accountId: string, id: string): TrunkGroup | undefined {
    const row = this.db.prepare('SELECT * FROM trunks WHERE account_id = ? AND id = ?').get(accountId, id) as TrunkRecord | undefined
    return row ? fromRecord(row) : undefined
  }

  list(accountId?: string | undefined): TrunkGroup[] {
    const [where, params] = accountFilter(accountId)
    const rows = this.db.prepare(`SELECT * FROM trunks ${where} ORDER BY name`).all(...params) as TrunkRecord[]
    return rows.map(fromRecord)
  }

  /** Changes whenever any connection writes, so a count is never stale. */
  private dataVersion(): string {
    const changes = this.db.prepare('SELECT total_changes()').pluck().get() as number
    const version = this.db.pragma('data_version', { simple: true }) as number
    return `${changes}:${version}`
  }

  /** How many of the account's cached numbers (not gone) route to each trunk value. */
  numbersByTrunk(accountId: string): Map<string, number> {
    const version = this.dataVersion()
    const cached = this.usageCache.get(accountId)
    if (cached?.version === version) return cached.counts
    const rows = this.db
      .prepare('SELECT trunk, count(*) AS n FROM numbers WHERE account_id = ? AND gone_at IS NULL AND trunk IS NOT NULL GROUP BY trunk')
      .all(accountId) as { trunk: string; n: number }[]
    const counts = new Map(rows.map((row) => [row.trunk, row.n]))
    this.usageCache.set(accountId, { version, counts })
    return counts
  }
}
