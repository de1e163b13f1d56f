/**
 * The numbers cache as the front doors read it: pages of the Numbers query (with their totals and the
 * anchors of deep pages cached until the data changes), full listings from a snapshot, one number with its
 * raw record, filter facets, and the local writes (a carrier's answer after a change, releases, tags and
 * notes) that invalidate those caches. A sync writes through a NumbersSyncSession (numbers-sync.ts).
 */
import type { Statement } from 'better-sqlite3'
import type { NumberKey, PhoneNumberRecord } from '../../../shared/domain'
import type { NumberFacets, NumbersQuery, NumbersQueryInput } from '../../../shared/numbers-query'
import { readSnapshot, type Db } from '../database'
import {
  accountsNamedIn,
  anchorSpacing,
  buildWhere,
  fromRecord,
  ftsQuery,
  joins,
  normaliseTags,
  numbersPageSql,
  orderBy,
  selectColumns,
  shownColumns,
  type NumberRecord,
  type PageAnchor,
} from './numbers-query'
import { numberColumnsSql, recordValues, updateFromExcluded } from './numbers-rows'
import { NumbersSyncSession } from './numbers-sync'

export class NumbersRepository {
  private writes = 0
  /** Writes to each account's numbers through this repository (a sync session checks them at commit). */
  private readonly accountWrites = new Map<string, number>()
  private readonly totals = new Map<string, number>()
  private readonly anchors = new Map<string, PageAnchor[]>()
  private readonly statements = new Map<string, Statement<unknown[]>>()

  constructor(private readonly db: Db) {}

  /** Prepared once per SQL text: the Numbers screen asks the same few shapes over and over. */
  private statement(sql: string): Statement<unknown[]> {
    let statement = this.statements.get(sql)
    if (!statement) {
      if (this.statements.size >= 200) this.statements.clear()
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  /**
   * Changes whenever any connection writes (this one's row changes, including cascades and triggers, or
   * another connection's commits), so cached totals are never stale.
   */
  private dataVersion(): string {
    const changes = this.statement('SELECT total_changes()').pluck().get() as number
    const version = this.statement('PRAGMA data_version').pluck().get() as number
    return `${this.writes}:${changes}:${version}`
  }

  private wrote(accountIds: Iterable<string> = []): void {
    this.writes += 1
    this.totals.clear()
    this.anchors.clear()
    for (const id of accountIds) this.accountWrites.set(id, (this.accountWrites.get(id) ?? 0) + 1)
  }

  /** Starts a staged sync of one account's numbers; nothing is visible until `commit`. */
  beginSync(accountId: string): NumbersSyncSession {
    return new NumbersSyncSession(this.db, accountId, () => this.wrote([accountId]), () => this.accountWrites.get(accountId) ?? 0)
  }

  /** One page of the Numbers query, and how many numbers match in all. Rows come without `raw`. */
  list(input: NumbersQueryInput): { rows: PhoneNumberRecord[]; total: number } {
    const accountIds = this.accountsNamed(input.search)
    let sql = this.pageSql(input, accountIds)
    const offset = input.offset ?? 0
    if (sql.byNumber && offset >= anchorSpacing) {
      const anchor = this.anchorBefore(input, accountIds, sql, offset)
      if (anchor) sql = numbersPageSql(input, accountIds, anchor)
    }
    const records = this.statement(sql.page).all(...sql.pageParams) as NumberRecord[]
    return { rows: records.map((record) => fromRecord(record, false)), total: this.count(sql.count, sql.params) }
  }

  /**
   * The SQL `list` runs for a page that starts from no remembered row (exported for the benchmarks): a
   * search's page is planned from the query's total and the cache's size, both counted once per data
   * version (see numbersPageSql).
   */
  pageSql(input: NumbersQueryInput, accountIds = this.accountsNamed(input.search)): ReturnType<typeof numbersPageSql> {
    const plain = numbersPageSql(input, accountIds)
    if (!plain.byNumber || !input.search || ftsQuery(input.search) === undefined) return plain
    const estimate = { matches: this.count(plain.count, plain.params), rows: this.count('SELECT COUNT(*) FROM numbers', []) }
    return numbersPageSql(input, accountIds, undefined, estimate)
  }

  /**
   * The remembered row at or before `offset` in a result sorted by number (offsets anchorSpacing,
   * 2 × anchorSpacing, …). Missing ones are found by stepping anchorSpacing rows from the last one known, so
   * the first deep page costs what a plain OFFSET would and later ones start next to their rows. Kept (like
   * totals) until the data changes: the data version is part of the key, and every write clears them.
   */
  private anchorBefore(
    input: NumbersQueryInput,
    accountIds: readonly string[],
    sql: { page: string; params: unknown[] },
    offset: number,
  ): PageAnchor | undefined {
    const key = `${this.dataVersion()}|${sql.page}|${JSON.stringify(sql.params)}`
    const anchors = this.anchors.get(key) ?? []
    const wanted = Math.floor(offset / anchorSpacing)
    while (anchors.length < wanted) {
      const next = (anchors.length + 1) * anchorSpacing
      const step = numbersPageSql({ ...input, offset: next, limit: 1 }, accountIds, anchors.at(-1))
      const [row] = this.statement(step.page).all(...step.pageParams) as NumberRecord[]
      if (!row) break
      anchors.push({ offset: next, e164: row.e164, accountId: row.account_id })
    }
    if (!this.anchors.has(key)) {
      if (this.anchors.size >= 20) this.anchors.clear()
      this.anchors.set(key, anchors)
    }
    return anchors[Math.min(wanted, anchors.length) - 1]
  }

  /** The accounts whose name contains the search text (case-insensitive, as LIKE). */
  accountsNamed(search: string | undefined): string[] {
    return accountsNamedIn(search, (sql) => this.statement(sql))
  }

  private count(sql: string, params: unknown[]): number {
    const key = `${this.dataVersion()}|${sql}|${JSON.stringify(params)}`
    const cached = this.totals.get(key)
    if (cached !== undefined) return cached
    const n = this.statement(sql).pluck().get(...params) as number
    if (this.totals.size > 200) this.totals.clear()
    this.totals.set(key, n)
    return n
  }

  /**
   * Every row matching the query's filters and search, in its sort order, without paging (for export and the
   * CLI's listing), without `raw`. Read from a snapshot on a connection of its own (see `readSnapshot`), so
   * a caller may await between rows while notes, changes and syncs write beside it.
   */
  *iterate(query: Omit<NumbersQuery, 'offset' | 'limit'>): Generator<PhoneNumberRecord> {
    yield* readSnapshot(this.db, function* (reader) {
      const accountIds = accountsNamedIn(query.search, (sql) => reader.prepare(sql))
      const { clause, params } = buildWhere(query.filters, query.search, accountIds)
      const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC'
      const order = orderBy(query.sort.column, direction)
      const statement = reader.prepare(`SELECT ${shownColumns} ${joins} ${clause} ORDER BY ${order}`)
      for (const record of statement.iterate(...params) as Iterable<NumberRecord>) yield fromRecord(record, false)
    })
  }

  /** One number with its raw carrier record, for the detail panel. */
  get(key: NumberKey): PhoneNumberRecord | undefined {
    const record = this.db
      .prepare(`SELECT ${selectColumns} ${joins} WHERE n.account_id = ? AND n.e164 = ?`)
      .get(key.accountId, key.e164) as NumberRecord | undefined
    return record ? fromRecord(record, true) : undefined
  }

  /** Writes numbers as a carrier just answered for them (after a change or a purchase). */
  upsert(numbers: readonly PhoneNumberRecord[]): void {
    const statement = this.db.prepare(
      `INSERT INTO numbers (${numberColumnsSql}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, e164) DO UPDATE SET ${updateFromExcluded}`,
    )
    this.db.transaction(() => {
      for (const n of numbers) statement.run(...recordValues(n))
    })()
    this.wrote(new Set(numbers.map((n) => n.accountId)))
  }

  /** Marks numbers released at the carrier (kept, marked, until a sync no longer lists them). */
  markReleased(keys: readonly NumberKey[], now: number): void {
    const statement = this.db.prepare(`UPDATE numbers SET status = 'released', as_of = ? WHERE account_id = ? AND e164 = ?`)
    this.db.transaction(() => {
      for (const key of keys) statement.run(now, key.accountId, key.e164)
    })()
    this.wrote(new Set(keys.map((key) => key.accountId)))
  }

  setNotes(key: NumberKey & { tags: string[]; notes: string; now: number }): void {
    this.db
      .prepare(
        `INSERT INTO number_notes (account_id, e164, tags, notes, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, e164) DO UPDATE SET tags = excluded.tags, notes = excluded.notes,
           updated_at = excluded.updated_at`,
      )
      .run(key.accountId, key.e164, normaliseTags(key.tags).join(' '), key.notes, key.now)
    this.wrote()
  }

  /** Adds and removes tags on many numbers at once, keeping their notes; returns how many were cached. */
  retag(input: { targets: readonly NumberKey[]; add: readonly string[]; remove: readonly string[]; now: number }): number {
    const add = normaliseTags(input.add)
    const remove = new Set(normaliseTags(input.remove))
    const read = this.db.prepare('SELECT tags FROM number_notes WHERE account_id = ? AND e164 = ?').pluck()
    const exists = this.db.prepare('SELECT 1 FROM numbers WHERE account_id = ? AND e164 = ?').pluck()
    const write = this.db.prepare(
      `INSERT INTO number_notes (account_id, e164, tags, notes, updated_at) VALUES (?, ?, ?, '', ?)
       ON CONFLICT (account_id, e164) DO UPDATE SET tags = excluded.tags, updated_at = excluded.updated_at`,
    )
    let updated = 0
    this.db.transaction(() => {
      for (const key of input.targets) {
        if (exists.get(key.accountId, key.e164) === undefined) continue
        const current = ((read.get(key.accountId, key.e164) as string | undefined) ?? '').split(' ').filter(Boolean)
        const next = normaliseTags([...current, ...add]).filter((tag) => !remove.has(tag))
        write.run(key.accountId, key.e164, next.join(' '), input.now)
        updated += 1
      }
    })()
    this.wrote()
    return updated
  }

  private facetsCache: { version: string; facets: NumberFacets } | undefined

  /**
   * Distinct values for the filter pickers (states, rate centers, trunks, tags). Kept until the data
   * changes: over a million numbers this reads the whole table, and the screen asks on every visit.
   */
  facets(): NumberFacets {
    const version = this.dataVersion()
    if (this.facetsCache?.version === version) return this.facetsCache.facets
    const distinct = (sql: string): string[] =>
      (this.statement(sql).pluck().all() as (string | null)[]).filter((value): value is string => !!value)
    const tags = new Set<string>()
    for (const line of distinct("SELECT DISTINCT tags FROM number_notes WHERE tags <> ''")) {
      for (const tag of line.split(' ')) tags.add(tag)
    }
    const facets = {
      states: distinct('SELECT DISTINCT state FROM numbers ORDER BY state'),
      // Read from the rate center index (narrow) rather than the table.
      rateCenters: distinct('SELECT DISTINCT rate_center FROM numbers INDEXED BY numbers_rate_center WHERE (rate_center IS NULL) = 0 ORDER BY rate_center'),
      trunks: distinct('SELECT DISTINCT trunk FROM numbers ORDER BY trunk'),
      tags: [...tags].sort(),
      groups: distinct('SELECT DISTINCT number_group FROM numbers WHERE number_group IS NOT NULL ORDER BY number_group'),
    }
    this.facetsCache = { version, facets }
    return facets
  }

  /** How many of an account's cached numbers (not gone) are in each number group, by group name. */
  groupCounts(accountId: string): Map<string, number> {
    const rows = this.statement(
      `SELECT number_group, count(*) FROM numbers WHERE account_id = ? AND number_group IS NOT NULL AND gone_at IS NULL GROUP BY number_group`,
    )
      .raw()
      .all(accountId) as [string, number][]
    return new Map(rows)
  }

  /**
   * How old the oldest cached number is, as the numbers show it (see `effectiveAsOf`): per account, the
   * oldest listed number's as-of or the account's confirmation if later (one seek each in numbers_as_of),
   * and the oldest number marked gone (few, through numbers_gone).
   */
  oldestAsOf(): number | undefined {
    const oldest = this.statement(
      `SELECT min(oldest) FROM (
         SELECT max(m.oldest, coalesce(s.confirmed_at, 0)) AS oldest FROM (
           SELECT a.id AS account_id,
             (SELECT min(as_of) FROM numbers WHERE account_id = a.id AND gone_at IS NULL) AS oldest
           FROM accounts a) m
         LEFT JOIN numbers_sync_state s ON s.account_id = m.account_id WHERE m.oldest IS NOT NULL
         UNION ALL
         SELECT min(as_of) FROM numbers WHERE gone_at IS NOT NULL)`,
    )
      .pluck()
      .get() as number | null
    return oldest ?? undefined
  }
}
