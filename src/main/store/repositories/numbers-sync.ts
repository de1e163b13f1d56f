/**
 * A staged sync of one account's numbers. A sync writes into a staging table and merges it in with one
 * transaction at the end, so a failed or cancelled sync leaves the previous data exactly as it was. The
 * merge rewrites only new and changed numbers; the rest are confirmed at once through their account's
 * `numbers_sync_state`. Numbers the carrier no longer lists are marked gone (not deleted) until a later
 * successful sync stops listing them too.
 */
import type { Statement } from 'better-sqlite3'
import type { PhoneNumberRecord } from '../../../shared/domain'
import type { Db } from '../database'
import { carrierSignature, numberColumnsSql, stageRow, stageWidth, updateFromExcluded } from './numbers-rows'

/** Rows per multi-row INSERT into the stage: per-statement overhead, not SQLite, dominates one-row inserts. */
const stageBatch = 100
const stageColumns = 'e164, carrier, type, status, state, rate_center, trunk, cnam, e911, monthly_cost, as_of, raw, sig'
const stageValues = (rows: number): string =>
  Array.from({ length: rows }, () => `(${Array.from({ length: stageWidth }, () => '?').join(', ')})`).join(', ')

/**
 * The conflict arm of a sync's merge: only a number whose carrier data changed (or that was marked gone and
 * is listed again) is rewritten. Unchanged rows keep their as-of; the account's confirmation vouches for
 * them (see `effectiveAsOf`).
 */
const changedFromExcluded = `numbers.gone_at IS NOT NULL OR numbers.status IS NOT excluded.status
  OR numbers.type IS NOT excluded.type OR numbers.state IS NOT excluded.state
  OR numbers.rate_center IS NOT excluded.rate_center OR numbers.trunk IS NOT excluded.trunk
  OR numbers.cnam IS NOT excluded.cnam OR numbers.e911 IS NOT excluded.e911
  OR numbers.monthly_cost IS NOT excluded.monthly_cost OR numbers.carrier IS NOT excluded.carrier
  OR numbers.raw IS NOT excluded.raw`

/** Whether a listed number is already seen in this sync: its `known` entry is negative (see NumbersSyncSession). */
const seenSig = (sig: number): number => -(sig + 1)

/** One account's staged sync: pages are written to a temporary table, then merged in atomically. */
export class NumbersSyncSession {
  private readonly stage: string
  private readonly insertBatch: Statement<unknown[]>
  private readonly insertOne: Statement<unknown[]>
  private rows = 0
  private staged = 0
  private readonly values: unknown[] = new Array<unknown>(stageBatch * stageWidth)
  /**
   * The account's cached numbers (e164 → signature), read once at the start, then updated as pages come:
   * an entry ≥ 0 (or NaN, signature unknown) is a cached number not listed yet; a listed number's entry is
   * `seenSig` of its latest listing's signature. A listed number whose signature equals the cached one is
   * not staged at all (only this map knows it was listed), so a re-sync writes just the new and changed rows.
   */
  private readonly known = new Map<string, number>()
  /** What the cache held for the account at the start (count, signature sums, gone), to detect writes since. */
  private readonly fingerprint: string
  private readonly dataVersion: number

  constructor(
    private readonly db: Db,
    private readonly accountId: string,
    private readonly onCommit: () => void,
    private readonly accountWrites: () => number,
    private readonly startWrites = accountWrites(),
  ) {
    // Temporary tables are private to this connection and vanish with it, so a crash leaves no debris.
    // Pages are appended as they come (the cheapest write); the commit indexes the stage by number once.
    // The stage holds one account, so it has no account column.
    this.stage = `numbers_stage_${Math.random().toString(36).slice(2, 10)}`
    this.dataVersion = db.pragma('data_version', { simple: true }) as number
    const known = this.known
    let count = 0
    let low = 0
    let high = 0
    // One string for the whole account (number and signature, space-separated), split here: far cheaper
    // than a row object per number.
    const listing = db
      .prepare(
        `SELECT group_concat(e164 || ' ' || coalesce(sig, ''), ' ') FROM numbers INDEXED BY numbers_e164 WHERE account_id = ?`,
      )
      .pluck()
      .get(accountId) as string | null
    const parts = listing === null ? [] : listing.split(' ')
    for (let i = 0; i < parts.length; i += 2) {
      const e164 = parts[i]!
      const text = parts[i + 1]!
      count += 1
      if (text === '') {
        known.set(e164, Number.NaN)
        continue
      }
      const sig = Number(text)
      known.set(e164, sig)
      low += sig % 4294967296
      high += Math.floor(sig / 4294967296)
    }
    this.fingerprint = `${count}:${low}:${high}:${this.goneCount()}`
    db.exec(`CREATE TEMP TABLE ${this.stage} (e164 TEXT NOT NULL, carrier TEXT NOT NULL, type TEXT NOT NULL,
      status TEXT NOT NULL, state TEXT, rate_center TEXT, trunk TEXT, cnam TEXT, e911 TEXT, monthly_cost REAL,
      as_of INTEGER NOT NULL, raw TEXT NOT NULL, sig INTEGER NOT NULL)`)
    this.insertBatch = db.prepare(`INSERT INTO temp.${this.stage} (${stageColumns}) VALUES ${stageValues(stageBatch)}`)
    this.insertOne = db.prepare(`INSERT INTO temp.${this.stage} (${stageColumns}) VALUES ${stageValues(1)}`)
  }

  private goneCount(): number {
    return this.db
      .prepare('SELECT count(*) FROM numbers WHERE account_id = ? AND gone_at IS NOT NULL')
      .pluck()
      .get(this.accountId) as number
  }

  /** The same fingerprint as at the start, read from the database (only asked when something wrote since). */
  private currentFingerprint(): string {
    const [count, low, high] = this.db
      .prepare(
        `SELECT count(*), coalesce(sum(sig & 4294967295), 0), coalesce(sum(sig >> 32), 0)
         FROM numbers INDEXED BY numbers_e164 WHERE account_id = ?`,
      )
      .raw()
      .get(this.accountId) as [number, number, number]
    return `${count}:${low}:${high}:${this.goneCount()}`
  }

  get rowCount(): number {
    return this.rows
  }

  /** Writes one page of numbers (from one account) into the stage, in one transaction. */
  writePage(numbers: readonly PhoneNumberRecord[]): void {
    const { accountId, values, known } = this
    for (const n of numbers) if (n.accountId !== accountId) throw new Error('A sync page mixes accounts')
    this.db.transaction(() => {
      let filled = 0
      for (const n of numbers) {
        const raw = JSON.stringify(n.raw ?? null)
        const sig = carrierSignature(n, raw)
        const before = known.get(n.e164)
        known.set(n.e164, seenSig(sig))
        // Unchanged: the cached row (or this sync's latest listing of the number) has the same signature.
        if (before === sig || before === seenSig(sig)) continue
        stageRow(values, filled * stageWidth, n, raw, sig)
        filled += 1
        this.staged += 1
        if (filled === stageBatch) {
          this.insertBatch.run(values)
          filled = 0
        }
      }
      const one = new Array<unknown>(stageWidth)
      for (let j = 0; j < filled; j += 1) {
        for (let k = 0; k < stageWidth; k += 1) one[k] = values[j * stageWidth + k]
        this.insertOne.run(one)
      }
    })()
    this.rows += numbers.length
  }

  /** Makes the staged numbers the account's cache; numbers no longer listed are marked gone. */
  commit(now: number): void {
    const stage = `temp.${this.stage}`
    const key = `${this.stage}_key`
    const { accountId, known } = this
    this.db.transaction(() => {
      // The map stands for the cache as it was at the start: if this account's numbers were written since
      // (by this process or another), and differ, the sync cannot tell what it skipped; it fails, leaving
      // the cache as it is, and the next sync starts from the new state.
      const written =
        this.accountWrites() !== this.startWrites ||
        (this.db.pragma('data_version', { simple: true }) as number) !== this.dataVersion
      if (written && this.currentFingerprint() !== this.fingerprint) {
        throw new Error('The cached numbers of this account changed during the sync; sync again')
      }
      // Read in number order (through this index), the merge proceeds in order through `numbers` and its
      // indexes instead of jumping around the file.
      this.db.exec(`CREATE INDEX temp.${key} ON ${this.stage} (e164)`)
      const distinct = this.db.prepare(`SELECT count(DISTINCT e164) FROM ${stage}`).pluck().get() as number
      const confirmed = this.db
        .prepare('SELECT confirmed_at FROM numbers_sync_state WHERE account_id = ?')
        .pluck()
        .get(accountId) as number | undefined
      // Only new and changed numbers were staged. When a number is staged twice, the later listing wins.
      // The conflict arm still compares the fields themselves.
      const latestOnly = distinct === this.staged ? '' : `AND NOT EXISTS (SELECT 1 FROM ${stage} d INDEXED BY ${key}
        WHERE d.e164 = k.e164 AND d.rowid > k.rowid)`
      this.db
        .prepare(
          `INSERT INTO numbers (${numberColumnsSql})
           SELECT ?, s.e164, s.carrier, s.type, s.status, s.state, s.rate_center, s.trunk, s.cnam, s.e911,
             s.monthly_cost, NULL, s.as_of, s.raw, s.sig
           FROM ${stage} k INDEXED BY ${key} CROSS JOIN ${stage} s ON s.rowid = k.rowid
           WHERE k.e164 > '' ${latestOnly}
           ORDER BY k.e164, k.rowid
           ON CONFLICT (account_id, e164) DO UPDATE SET ${updateFromExcluded} WHERE ${changedFromExcluded}`,
        )
        .run(accountId)
      // Numbers marked gone and listed again come back (unchanged ones were not staged); the others were
      // gone twice and are deleted (both found through the small partial index of gone numbers).
      const gone = this.db
        .prepare('SELECT e164 FROM numbers WHERE account_id = ? AND gone_at IS NOT NULL')
        .pluck()
        .all(accountId) as string[]
      const restore = this.db.prepare('UPDATE numbers SET gone_at = NULL WHERE account_id = ? AND e164 = ?')
      for (const e164 of gone) if ((known.get(e164) ?? 0) < 0) restore.run(accountId, e164)
      this.db.prepare('DELETE FROM numbers WHERE account_id = ? AND gone_at IS NOT NULL').run(accountId)
      // Gone once: every cached number this sync did not list is marked, keeping the as-of it showed until
      // now (the last sync that confirmed it).
      const mark = this.db.prepare(
        'UPDATE numbers SET gone_at = ?, as_of = max(as_of, ?) WHERE account_id = ? AND e164 = ? AND gone_at IS NULL',
      )
      for (const [e164, entry] of known) if (!(entry < 0)) mark.run(now, confirmed ?? 0, accountId, e164)
      this.db
        .prepare(
          `INSERT INTO numbers_sync_state (account_id, confirmed_at) VALUES (?, ?)
           ON CONFLICT (account_id) DO UPDATE SET confirmed_at = excluded.confirmed_at`,
        )
        .run(accountId, now)
    })()
    this.onCommit()
    this.dispose()
  }

  dispose(): void {
    this.known.clear()
    this.db.exec(`DROP TABLE IF EXISTS temp.${this.stage}`)
  }
}
