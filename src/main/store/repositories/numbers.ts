/**
 * SQL for cached numbers. A sync writes into a staging table and merges it in with one transaction at the
 * end, so a failed or cancelled sync leaves the previous data exactly as it was. The merge rewrites only new
 * and changed numbers; the rest are confirmed at once through their account's `numbers_sync_state`. Numbers the carrier no
 * longer lists are marked gone (not deleted) until a later successful sync stops listing them too.
 *
 * Local tags and notes live in `number_notes`, apart from the carrier's data, so syncs never touch them;
 * `numbers_fts` (kept by triggers) searches number, CNAM, rate center, tags and notes.
 */
import type { CarrierId, NumberKey, NumberStatus, NumberType, PhoneNumberRecord } from '../../../shared/domain'
import type { Statement } from 'better-sqlite3'
import {
  NumbersQuerySchema,
  type NumberFacets,
  type NumberFilters,
  type NumbersQuery,
  type NumbersQueryInput,
  type NumberSortColumn,
} from '../../../shared/numbers-query'
import { readSnapshot, type Db } from '../database'

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
  /** Absent when the query did not read it (see `shownColumns`). */
  raw?: string
  tags: string | null
  notes: string | null
  account_name: string | null
}

/** Tags are stored as one space-separated, lower-case string so FTS and LIKE can both read them. */
export const normaliseTags = (tags: readonly string[]): string[] => [
  ...new Set(tags.map((tag) => tag.trim().toLowerCase().replace(/\s+/g, '-')).filter((tag) => tag !== '')),
]

const fromRecord = (record: NumberRecord, withRaw: boolean): PhoneNumberRecord => ({
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
  raw: withRaw && record.raw !== undefined ? (JSON.parse(record.raw) as unknown) : undefined,
  tags: record.tags ? record.tags.split(' ') : [],
  notes: record.notes ?? undefined,
  accountName: record.account_name ?? undefined,
})

const columns =
  'account_id, e164, carrier, type, status, state, rate_center, trunk, cnam, e911, monthly_cost, gone_at, as_of, raw, sig'
/**
 * The as-of a number shows: a sync rewrites only the numbers that changed, and confirms the rest at once by
 * setting its account's `numbers_sync_state.confirmed_at`, so a listed number is as current as the later of
 * its own as-of and that confirmation. A number marked gone keeps its own as-of (frozen when it was marked).
 * Reads `n` and `s` (numbers_sync_state, joined on the account).
 */
const effectiveAsOf = 'CASE WHEN n.gone_at IS NULL AND s.confirmed_at > n.as_of THEN s.confirmed_at ELSE n.as_of END'
const syncStateJoin = 'LEFT JOIN numbers_sync_state s ON s.account_id = n.account_id'

/** Every column a number shows but its raw carrier record (the widest column, read only for its detail). */
const shownColumns = `n.account_id, n.e164, n.carrier, n.type, n.status, n.state, n.rate_center, n.trunk, n.cnam,
  n.e911, n.monthly_cost, n.gone_at, ${effectiveAsOf} AS as_of, t.tags, t.notes, a.name AS account_name`
const selectColumns = `${shownColumns}, n.raw`
const joins = `FROM numbers n
  JOIN accounts a ON a.id = n.account_id
  LEFT JOIN number_notes t ON t.account_id = n.account_id AND t.e164 = n.e164
  ${syncStateJoin}`

const sortExpressions: Record<NumberSortColumn, { sql: string; nullable: boolean }> = {
  e164: { sql: 'n.e164', nullable: false },
  carrier: { sql: 'n.carrier', nullable: false },
  account: { sql: 'a.name', nullable: false },
  type: { sql: 'n.type', nullable: false },
  status: { sql: 'n.status', nullable: false },
  state: { sql: 'n.state', nullable: true },
  rateCenter: { sql: 'n.rate_center', nullable: true },
  trunk: { sql: 'n.trunk', nullable: true },
  cnam: { sql: 'n.cnam', nullable: true },
  e911: { sql: 'n.e911', nullable: true },
  monthlyCost: { sql: 'n.monthly_cost', nullable: true },
  tags: { sql: "nullif(t.tags, '')", nullable: true },
  asOf: { sql: `(${effectiveAsOf})`, nullable: false },
}

/**
 * Sorted column first (nulls last), ties broken by number in the same direction, then by account. Sorting by
 * number names it once: a repeated term would keep SQLite from taking the order from an index.
 */
function orderBy(column: NumberSortColumn, direction: 'ASC' | 'DESC'): string {
  const sort = sortExpressions[column]
  const tail = `n.e164 ${direction}, n.account_id`
  if (column === 'e164') return tail
  return `${sort.nullable ? `(${sort.sql} IS NULL), ` : ''}${sort.sql} ${direction}, ${tail}`
}

/**
 * Turns the search box's text into an FTS5 query: digit runs match the number (as a prefix of the full or
 * national digits, or the last four), words match any text column as prefixes. Every term must match.
 */
export function ftsQuery(search: string): string | undefined {
  const terms: string[] = []
  // Phone punctuation between digits joins them: "(305) 555-0100" is one number.
  const joined = search.replace(/(\d)[\s().+-]+(?=\d)/g, '$1')
  for (const token of joined.split(/\s+/)) {
    const cleaned = token.replace(/["*^:(){}+]/g, '').trim()
    if (cleaned === '') continue
    if (/^\d+$/.test(cleaned)) {
      terms.push(`({digits national} : "${cleaned}"* OR line : "${cleaned}")`)
    } else {
      for (const word of cleaned.split(/[^\p{L}\p{N}_-]+/u).filter(Boolean)) {
        terms.push(`"${word.replace(/-/g, ' ')}"*`)
      }
    }
  }
  return terms.length > 0 ? terms.join(' AND ') : undefined
}

interface Where {
  clause: string
  params: unknown[]
  /** Whether the clause reads the local tags and notes (`t`). */
  readsNotes: boolean
}

function buildWhere(filters: NumberFilters, search: string | undefined, accountIds: readonly string[] = []): Where {
  const where: string[] = []
  const params: unknown[] = []
  const inList = (column: string, values: readonly unknown[] | undefined): void => {
    if (!values || values.length === 0) return
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`)
    params.push(...values)
  }
  inList('n.carrier', filters.carriers)
  inList('n.account_id', filters.accountIds)
  inList('n.status', filters.statuses)
  inList('n.type', filters.types)
  inList('n.state', filters.states)
  if (filters.rateCenter) {
    where.push('n.rate_center = ? COLLATE NOCASE')
    params.push(filters.rateCenter)
  }
  if (filters.trunk) {
    where.push('n.trunk = ?')
    params.push(filters.trunk)
  }
  if (filters.hasE911 !== undefined) where.push(filters.hasE911 ? "coalesce(n.e911, '') <> ''" : "coalesce(n.e911, '') = ''")
  if (filters.hasCnam !== undefined) where.push(filters.hasCnam ? "coalesce(n.cnam, '') <> ''" : "coalesce(n.cnam, '') = ''")
  if (filters.tag) {
    where.push("(' ' || t.tags || ' ') LIKE ?")
    params.push(`% ${normaliseTags([filters.tag])[0] ?? ''} %`)
  }
  if (filters.includeGone === false) where.push('n.gone_at IS NULL')
  const match = search ? ftsQuery(search) : undefined
  if (search && search.trim() !== '') {
    // Account names are searched directly (renaming an account must not need a re-index): the caller
    // passes the ids of the accounts whose name matches.
    const byAccount = accountIds.length > 0 ? `n.account_id IN (${accountIds.map(() => '?').join(', ')})` : undefined
    const byText = match ? 'n.id IN (SELECT rowid FROM numbers_fts WHERE numbers_fts MATCH ?)' : undefined
    if (byText && byAccount) where.push(`(${byText} OR ${byAccount})`)
    else where.push(byText ?? byAccount ?? '0')
    if (match) params.push(match)
    params.push(...accountIds)
  }
  return { clause: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params, readsNotes: !!filters.tag }
}

/**
 * The SQL behind one page of the Numbers query and behind its total (exported for the benchmarks).
 *
 * The page is found first by number id alone (joining accounts and notes only when the filters or the sort
 * read them), then only its rows are read in full: skipping far into a sorted result walks an index instead
 * of loading and sorting whole rows, raw records included. `accountIds` are the accounts whose name matches
 * the search (looked up beforehand: the accounts table is tiny, and an OR on it would stop SQLite from using
 * the numbers' indexes).
 */
export function numbersPageSql(
  input: NumbersQueryInput,
  accountIds: readonly string[] = [],
  anchor?: PageAnchor,
): { page: string; count: string; params: unknown[]; pageParams: unknown[]; byNumber: boolean } {
  const query: NumbersQuery = NumbersQuerySchema.parse(input)
  const { clause, params, readsNotes } = buildWhere(query.filters, query.search, accountIds)
  const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC'
  const order = orderBy(query.sort.column, direction)
  // Only the joins the filters (and, for the page, the sort) read: every number has its account (a foreign
  // key) and notes are optional, so leaving them out changes no row and no count.
  const notesJoin = ' LEFT JOIN number_notes t ON t.account_id = n.account_id AND t.e164 = n.e164'
  const countFrom = `FROM numbers n${readsNotes ? notesJoin : ''}`
  const pageFrom = `FROM numbers n${query.sort.column === 'account' ? ' JOIN accounts a ON a.id = n.account_id' : ''}${
    readsNotes || query.sort.column === 'tags' ? notesJoin : ''
  }${query.sort.column === 'asOf' ? ` ${syncStateJoin}` : ''}`
  // Sorted by number, the order is total and walks numbers_e164: a page can start from a remembered row
  // (an anchor) with a keyset condition instead of skipping every row before it.
  const byNumber = query.sort.column === 'e164'
  let pageClause = clause
  let pageParams = [...params, query.limit, query.offset]
  if (anchor && byNumber) {
    const keyset = `n.e164 ${direction === 'ASC' ? '>=' : '<='} ? AND NOT (n.e164 = ? AND n.account_id < ?)`
    pageClause = clause ? `${clause} AND ${keyset}` : `WHERE ${keyset}`
    pageParams = [...params, anchor.e164, anchor.e164, anchor.accountId, query.limit, query.offset - anchor.offset]
  }
  return {
    // CROSS JOIN keeps the page (p) the outer loop: otherwise SQLite may walk all of `numbers` in order and
    // probe the page, to spare itself sorting a hundred rows.
    page: `SELECT ${selectColumns} FROM (SELECT n.id ${pageFrom} ${pageClause} ORDER BY ${order} LIMIT ? OFFSET ?) p
      CROSS JOIN numbers n ON n.id = p.id JOIN accounts a ON a.id = n.account_id${notesJoin} ${syncStateJoin}
      ORDER BY ${order}`,
    count: `SELECT COUNT(*) ${countFrom} ${clause}`,
    params,
    pageParams,
    byNumber,
  }
}

/** A row of a sorted result remembered by position: its offset and its sort key (number, then account). */
export interface PageAnchor {
  offset: number
  e164: string
  accountId: string
}

/** Rows between two anchors: a deep page skips at most this many rows past the nearest one. */
export const anchorSpacing = 10_000

/** The accounts whose name contains the search text (case-insensitive, as LIKE), read through `prepare`. */
function accountsNamedIn(search: string | undefined, prepare: (sql: string) => Statement<unknown[]>): string[] {
  const text = search?.trim()
  if (!text) return []
  return prepare('SELECT id FROM accounts WHERE name LIKE ? ORDER BY id').pluck().all(`%${text}%`) as string[]
}

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
    let sql = numbersPageSql(input, accountIds)
    const offset = input.offset ?? 0
    if (sql.byNumber && offset >= anchorSpacing) {
      const anchor = this.anchorBefore(input, accountIds, sql, offset)
      if (anchor) sql = numbersPageSql(input, accountIds, anchor)
    }
    const records = this.statement(sql.page).all(...sql.pageParams) as NumberRecord[]
    return { rows: records.map((record) => fromRecord(record, false)), total: this.count(sql.count, sql.params) }
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
      `INSERT INTO numbers (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)
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
    }
    this.facetsCache = { version, facets }
    return facets
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

const updateFromExcluded = `carrier = excluded.carrier, type = excluded.type, status = excluded.status,
  state = excluded.state, rate_center = excluded.rate_center, trunk = excluded.trunk, cnam = excluded.cnam,
  e911 = excluded.e911, monthly_cost = excluded.monthly_cost, gone_at = NULL, as_of = excluded.as_of,
  raw = excluded.raw, sig = excluded.sig`

const recordValues = (n: PhoneNumberRecord): unknown[] => {
  const values: unknown[] = [n.accountId]
  stageRow(values, 1, n)
  return values
}

/**
 * A 53-bit hash (after cyrb53) of the fields a sync compares: the carrier's data and its raw record. Equal
 * signatures are taken as "unchanged" (two different records share one with odds of about 1 in 2^53). Every
 * number is hashed on every sync, so the text is read two characters per step, field by field, without
 * first joining the fields into one string.
 */
export function carrierSignature(n: PhoneNumberRecord, raw: string): number {
  const state: [number, number] = [0xdeadbeef, 0x41c6ce57]
  mix(state, n.carrier)
  mix(state, n.type)
  mix(state, n.status)
  mix(state, n.state)
  mix(state, n.rateCenter)
  mix(state, n.trunk)
  mix(state, n.cnam)
  mix(state, n.e911)
  mix(state, n.monthlyCost === undefined ? undefined : String(n.monthlyCost))
  mix(state, raw)
  let [h1, h2] = state
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** Folds one field (and its length, so fields cannot run into each other; absent is −1) into the hash. */
function mix(state: [number, number], text: string | undefined): void {
  let h1 = state[0]
  let h2 = state[1]
  const length = text === undefined ? -1 : text.length
  h1 = Math.imul(h1 ^ length, 2654435761)
  h2 = Math.imul(h2 ^ length, 1597334677)
  if (text !== undefined) {
    const even = length - (length & 1)
    let i = 0
    for (; i < even; i += 2) {
      const c = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)
      h1 = Math.imul(h1 ^ c, 2654435761)
      h2 = Math.imul(h2 ^ c, 1597334677)
    }
    if (i < length) {
      const c = text.charCodeAt(i)
      h1 = Math.imul(h1 ^ c, 2654435761)
      h2 = Math.imul(h2 ^ c, 1597334677)
    }
  }
  state[0] = h1
  state[1] = h2
}

/** Rows per multi-row INSERT into the stage: per-statement overhead, not SQLite, dominates one-row inserts. */
const stageBatch = 100
const stageColumns = 'e164, carrier, type, status, state, rate_center, trunk, cnam, e911, monthly_cost, as_of, raw, sig'
const stageWidth = 13
const stageValues = (rows: number): string =>
  Array.from({ length: rows }, () => `(${Array.from({ length: stageWidth }, () => '?').join(', ')})`).join(', ')

/** Writes one record's stage values (every column but account_id and gone_at) into `values` from `at`. */
function stageRow(values: unknown[], at: number, n: PhoneNumberRecord, raw = JSON.stringify(n.raw ?? null), sig = carrierSignature(n, raw)): number {
  values[at] = n.e164
  values[at + 1] = n.carrier
  values[at + 2] = n.type
  values[at + 3] = n.status
  values[at + 4] = n.state ?? null
  values[at + 5] = n.rateCenter ?? null
  values[at + 6] = n.trunk ?? null
  values[at + 7] = n.cnam ?? null
  values[at + 8] = n.e911 ?? null
  values[at + 9] = n.monthlyCost ?? null
  values[at + 10] = n.asOf
  values[at + 11] = raw
  values[at + 12] = sig
  return at + stageWidth
}

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
          `INSERT INTO numbers (${columns})
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
