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
const stageColumns = 'e164, carrier, type, status, state, rate_center, trunk, cnam, e911, monthly_cost, as_of, raw, sig, number_group, failover'
const valuesOf = (rows: number, width: number): string =>
  Array.from({ length: rows }, () => `(${Array.from({ length: width }, () => '?').join(', ')})`).join(', ')
/** A stage row: the listing's ordinal (its rowid), then the stage values. */
const stagedWidth = stageWidth + 1

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
  OR numbers.raw IS NOT excluded.raw OR numbers.number_group IS NOT excluded.number_group
  OR numbers.failover IS NOT excluded.failover`

/** The full rows of a first sync, straight into `numbers` (with the ordinal, not the account, from the stage). */
const insertFromStage = (stage: string, key: string, latestOnly: string): string => `INSERT INTO numbers (${numberColumnsSql})
  SELECT ?, s.e164, s.carrier, s.type, s.status, s.state, s.rate_center, s.trunk, s.cnam, s.e911, s.monthly_cost, NULL,
    s.as_of, s.raw, s.sig, s.number_group, s.failover
  FROM ${stage} k INDEXED BY ${key} CROSS JOIN ${stage} s ON s.rowid = k.rowid
  WHERE k.e164 > '' ${latestOnly}
  ORDER BY k.e164, k.rowid`

/** FTS5's default hash size, and the one of a first sync's bulk insert (see insertFirst). */
const defaultFtsHashSize = 1024 * 1024
const bulkFtsHashSize = 16 * 1024 * 1024
/** Sets a configuration value of numbers_fts (FTS5 takes it as a literal, not a bound parameter). */
const setFtsHashSize = (db: Db, bytes: number): void =>
  void db.exec(`INSERT INTO numbers_fts (numbers_fts, rank) VALUES ('hashsize', ${Math.trunc(bytes)})`)

/** The search entries of numbers rows, with their local tags and notes, as the insert trigger writes them. */
const ftsEntriesOf = (where: string): string => `INSERT INTO numbers_fts (rowid, digits, national, line, cnam, rate_center, tags, notes)
  SELECT n.id, substr(n.e164, 2), substr(n.e164, 3), substr(n.e164, -4), n.cnam, n.rate_center, coalesce(t.tags, ''),
    coalesce(t.notes, '')
  FROM numbers n LEFT JOIN number_notes t ON t.account_id = n.account_id AND t.e164 = n.e164
  WHERE ${where}`

/**
 * One account's staged sync: pages are written to temporary tables, then merged in atomically at commit.
 *
 * A first sync (the account has no cached numbers) stages every row and, at commit, inserts them in number
 * order with the search index written in one statement rather than by the per-row trigger. A re-sync looks
 * each page's numbers up in the cache as it comes (one query per page, through numbers_e164, which holds
 * the signatures): only new and changed numbers are staged in full, and every listed number is noted
 * (number only) in a second table, which at commit tells the gone from the listed. Both tables live in
 * SQLite's temporary store (on disk, private to this connection, gone with it after a crash), so memory
 * stays flat however large the account.
 */
export class NumbersSyncSession {
  private readonly stage: string
  /** Every listed number (rowid = the listing's ordinal); only for a re-sync. */
  private readonly listed: string | undefined
  private readonly insertBatch: Statement<unknown[]>
  private readonly insertOne: Statement<unknown[]>
  private readonly listBatch: Statement<unknown[]> | undefined
  private readonly listOne: Statement<unknown[]> | undefined
  private readonly cachedSigs: Statement<unknown[]> | undefined
  private rows = 0
  private staged = 0
  /** The ordinal of the latest listing (the rowid of its stage and listed rows). */
  private ordinal = 0
  private readonly values: unknown[] = new Array<unknown>(stageBatch * stagedWidth)
  private readonly listValues: unknown[] = new Array<unknown>(stageBatch * 2)
  /** Whether the account had no cached numbers at the start: the first-sync path. */
  private readonly fresh: boolean
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
    const tag = Math.random().toString(36).slice(2, 10)
    this.stage = `numbers_stage_${tag}`
    this.dataVersion = db.pragma('data_version', { simple: true }) as number
    this.fresh = db.prepare('SELECT 1 FROM numbers WHERE account_id = ? LIMIT 1').pluck().get(accountId) === undefined
    this.fingerprint = this.fresh ? '0:0:0:0' : this.currentFingerprint()
    // Temporary tables are private to this connection and vanish with it, so a crash leaves no debris.
    // Pages are appended as they come (the cheapest write); the commit indexes them by number once.
    // The stage holds one account, so it has no account column.
    db.exec(`CREATE TEMP TABLE ${this.stage} (e164 TEXT NOT NULL, carrier TEXT NOT NULL, type TEXT NOT NULL,
      status TEXT NOT NULL, state TEXT, rate_center TEXT, trunk TEXT, cnam TEXT, e911 TEXT, monthly_cost REAL,
      as_of INTEGER NOT NULL, raw TEXT NOT NULL, sig INTEGER NOT NULL, number_group TEXT, failover TEXT)`)
    this.insertBatch = db.prepare(`INSERT INTO temp.${this.stage} (rowid, ${stageColumns}) VALUES ${valuesOf(stageBatch, stagedWidth)}`)
    this.insertOne = db.prepare(`INSERT INTO temp.${this.stage} (rowid, ${stageColumns}) VALUES ${valuesOf(1, stagedWidth)}`)
    if (!this.fresh) {
      this.listed = `numbers_listed_${tag}`
      db.exec(`CREATE TEMP TABLE ${this.listed} (e164 TEXT NOT NULL)`)
      this.listBatch = db.prepare(`INSERT INTO temp.${this.listed} (rowid, e164) VALUES ${valuesOf(stageBatch, 2)}`)
      this.listOne = db.prepare(`INSERT INTO temp.${this.listed} (rowid, e164) VALUES (?, ?)`)
      // CROSS JOIN keeps the page's numbers the outer loop: one seek each in numbers_e164.
      this.cachedSigs = db
        .prepare(
          `SELECT j.value, n.sig FROM json_each(?) j CROSS JOIN numbers n INDEXED BY numbers_e164
           ON n.e164 = j.value AND n.account_id = ?`,
        )
        .raw()
    }
  }

  private goneCount(): number {
    return this.db
      .prepare('SELECT count(*) FROM numbers WHERE account_id = ? AND gone_at IS NOT NULL')
      .pluck()
      .get(this.accountId) as number
  }

  /** The account's cached numbers in brief: count, signature sums (in two halves, exact) and gone count. */
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
    const { accountId, values, listValues } = this
    for (const n of numbers) if (n.accountId !== accountId) throw new Error('A sync page mixes accounts')
    if (numbers.length === 0) return
    // Deferred: a page reads the cache and writes only this connection's temporary tables, so it never takes
    // the database's write lock and never waits behind another account's commit (a worker's thread would
    // stall there, its carrier's socket unread).
    this.db.transaction(() => {
      // What the cache holds for this page's numbers (a re-sync only): number → signature (null: unknown).
      const cached = new Map<string, number | null>()
      if (this.cachedSigs) {
        const found = this.cachedSigs.all(JSON.stringify(numbers.map((n) => n.e164)), accountId) as [string, number | null][]
        for (const [e164, sig] of found) cached.set(e164, sig)
      }
      let filled = 0
      let listedFilled = 0
      for (const n of numbers) {
        const raw = JSON.stringify(n.raw ?? null)
        const sig = carrierSignature(n, raw)
        this.ordinal += 1
        if (this.listBatch) {
          listValues[listedFilled * 2] = this.ordinal
          listValues[listedFilled * 2 + 1] = n.e164
          listedFilled += 1
          if (listedFilled === stageBatch) {
            this.listBatch.run(listValues)
            listedFilled = 0
          }
        }
        // Unchanged: the cached row has the same signature. (A later listing of the same number, changed
        // or not, still wins at commit: the listed table keeps the order.)
        if (cached.get(n.e164) === sig) continue
        const at = filled * stagedWidth
        values[at] = this.ordinal
        stageRow(values, at + 1, n, raw, sig)
        filled += 1
        this.staged += 1
        if (filled === stageBatch) {
          this.insertBatch.run(values)
          filled = 0
        }
      }
      const one = new Array<unknown>(stagedWidth)
      for (let j = 0; j < filled; j += 1) {
        for (let k = 0; k < stagedWidth; k += 1) one[k] = values[j * stagedWidth + k]
        this.insertOne.run(one)
      }
      for (let j = 0; j < listedFilled; j += 1) this.listOne!.run(listValues[j * 2], listValues[j * 2 + 1])
    }).deferred()
    this.rows += numbers.length
  }

  /** Makes the staged numbers the account's cache; numbers no longer listed are marked gone. */
  commit(now: number): void {
    const { accountId, db } = this
    const stage = `temp.${this.stage}`
    const key = `${this.stage}_key`
    // Read in number order (through these indexes), the merge proceeds in order through `numbers` and its
    // indexes instead of jumping around the file. Built before the write lock is taken: they are this
    // connection's temporary tables, and the other accounts' commits wait for the lock meanwhile (once: a commit
    // that found the lock taken may be called again).
    db.exec(`CREATE INDEX IF NOT EXISTS temp.${key} ON ${this.stage} (e164)`)
    if (this.listed) db.exec(`CREATE INDEX IF NOT EXISTS temp.${this.listed}_key ON ${this.listed} (e164)`)
    const duplicates = this.listed ? false : (db.prepare(`SELECT count(DISTINCT e164) FROM ${stage}`).pluck().get() as number) !== this.staged
    db.transaction(() => {
      // The skipped numbers were judged against the cache as it was: if this account's numbers were
      // written since (by this process or another), and differ, the sync cannot tell what it skipped; it
      // fails, leaving the cache as it is, and the next sync starts from the new state.
      const written =
        this.accountWrites() !== this.startWrites || (db.pragma('data_version', { simple: true }) as number) !== this.dataVersion
      if (written && this.currentFingerprint() !== this.fingerprint) {
        throw new Error('The cached numbers of this account changed during the sync; sync again')
      }
      if (this.listed) this.mergeChanged(stage, key, now)
      else this.insertFirst(stage, key, duplicates)
      db.prepare(
        `INSERT INTO numbers_sync_state (account_id, confirmed_at) VALUES (?, ?)
         ON CONFLICT (account_id) DO UPDATE SET confirmed_at = excluded.confirmed_at`,
      ).run(accountId, now)
    })()
    this.onCommit()
    this.dispose()
  }

  /**
   * A first sync's commit: the account has no cached number (the fingerprint check saw to it), so every
   * staged number is new. They are inserted without the per-row search trigger, whose work is done for all
   * of them by one INSERT … SELECT; the trigger is dropped and created again inside this transaction, so
   * no other connection ever sees the schema without it (and a crash rolls both back).
   */
  private insertFirst(stage: string, key: string, duplicates: boolean): void {
    const { accountId, db } = this
    // When a number is listed twice, the later listing wins.
    const latestOnly = !duplicates
      ? ''
      : `AND NOT EXISTS (SELECT 1 FROM ${stage} d INDEXED BY ${key} WHERE d.e164 = k.e164 AND d.rowid > k.rowid)`
    const trigger = db
      .prepare("SELECT sql FROM main.sqlite_master WHERE type = 'trigger' AND name = 'numbers_fts_insert'")
      .pluck()
      .get() as string | undefined
    if (trigger === undefined) {
      db.prepare(insertFromStage(stage, key, latestOnly)).run(accountId)
      return
    }
    const lastId = db.prepare('SELECT coalesce(max(id), 0) FROM numbers').pluck().get() as number
    db.exec('DROP TRIGGER main.numbers_fts_insert')
    db.prepare(insertFromStage(stage, key, latestOnly)).run(accountId)
    // FTS5 gathers new entries in memory and writes a segment each time they reach its hash size (1 MiB by
    // default): a larger one for this bulk insert writes fewer, larger segments and merges less (a fifth
    // less time at 200,000 numbers), for 16 MiB more memory while it runs.
    setFtsHashSize(db, bulkFtsHashSize)
    // Rows are given ids above the largest one, and nothing else writes inside this transaction.
    db.prepare(ftsEntriesOf('n.id > ?')).run(lastId)
    setFtsHashSize(db, defaultFtsHashSize)
    db.exec(trigger)
  }

  /**
   * A re-sync's commit: new and changed numbers are merged in (a number's later listing wins), gone ones
   * listed again come back, and cached numbers the carrier no longer lists are marked gone.
   */
  private mergeChanged(stage: string, key: string, now: number): void {
    const { accountId, db } = this
    const listed = `temp.${this.listed!}`
    const listedKey = `${this.listed!}_key`
    const confirmed = db.prepare('SELECT confirmed_at FROM numbers_sync_state WHERE account_id = ?').pluck().get(accountId) as
      | number
      | undefined
    // Only new and changed numbers were staged; a staged listing counts only if no later one follows it.
    // The conflict arm still compares the fields themselves.
    db.prepare(
      `INSERT INTO numbers (${numberColumnsSql})
       SELECT ?, s.e164, s.carrier, s.type, s.status, s.state, s.rate_center, s.trunk, s.cnam, s.e911,
         s.monthly_cost, NULL, s.as_of, s.raw, s.sig, s.number_group, s.failover
       FROM ${stage} k INDEXED BY ${key} CROSS JOIN ${stage} s ON s.rowid = k.rowid
       WHERE k.e164 > '' AND NOT EXISTS (SELECT 1 FROM ${listed} d INDEXED BY ${listedKey} WHERE d.e164 = k.e164 AND d.rowid > k.rowid)
       ORDER BY k.e164, k.rowid
       ON CONFLICT (account_id, e164) DO UPDATE SET ${updateFromExcluded} WHERE ${changedFromExcluded}`,
    ).run(accountId)
    const isListed = db.prepare(`SELECT 1 FROM ${listed} INDEXED BY ${listedKey} WHERE e164 = ?`).pluck()
    // Numbers marked gone and listed again come back (unchanged ones were not staged); the others were
    // gone twice and are deleted (both found through the small partial index of gone numbers).
    const gone = db.prepare('SELECT e164 FROM numbers WHERE account_id = ? AND gone_at IS NOT NULL').pluck().all(accountId) as string[]
    const restore = db.prepare('UPDATE numbers SET gone_at = NULL WHERE account_id = ? AND e164 = ?')
    for (const e164 of gone) if (isListed.get(e164) !== undefined) restore.run(accountId, e164)
    db.prepare('DELETE FROM numbers WHERE account_id = ? AND gone_at IS NOT NULL').run(accountId)
    // Gone once: every cached number this sync did not list is marked, keeping the as-of it showed until
    // now (the last sync that confirmed it). Found from the account's (account_id, e164) key alone, in
    // number order, against the listed numbers' index.
    const unlisted = db
      .prepare(`SELECT e164 FROM numbers n WHERE account_id = ? AND NOT EXISTS (SELECT 1 FROM ${listed} l INDEXED BY ${listedKey} WHERE l.e164 = n.e164)`)
      .pluck()
      .all(accountId) as string[]
    const mark = db.prepare(
      'UPDATE numbers SET gone_at = ?, as_of = max(as_of, ?) WHERE account_id = ? AND e164 = ? AND gone_at IS NULL',
    )
    for (const e164 of unlisted) mark.run(now, confirmed ?? 0, accountId, e164)
  }

  dispose(): void {
    this.db.exec(`DROP TABLE IF EXISTS temp.${this.stage}`)
    if (this.listed) this.db.exec(`DROP TABLE IF EXISTS temp.${this.listed}`)
  }
}
