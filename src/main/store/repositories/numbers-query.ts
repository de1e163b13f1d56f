/**
 * How cached numbers are read: the row as stored, the WHERE of a filtered search (FTS5 for the search box),
 * the sort orders, and the SQL of one page and its total (which finds a page by number id first, and can
 * start from a remembered row of a deep result: see PageAnchor).
 *
 * Local tags and notes live in `number_notes`, apart from the carrier's data, so syncs never touch them;
 * `numbers_fts` (kept by triggers, and written in bulk by a first sync) searches number, CNAM, rate center,
 * tags and notes.
 */
import type { Statement } from 'better-sqlite3'
import type { CarrierId, NumberStatus, NumberType, PhoneNumberRecord } from '../../../shared/domain'
import {
  NumbersQuerySchema,
  type NumberFilters,
  type NumbersQuery,
  type NumbersQueryInput,
  type NumberSortColumn,
} from '../../../shared/numbers-query'

export interface NumberRecord {
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
  number_group: string | null
  failover: string | null
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

export const fromRecord = (record: NumberRecord, withRaw: boolean): PhoneNumberRecord => ({
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
  group: record.number_group ?? undefined,
  failover: record.failover ?? undefined,
  goneAt: record.gone_at ?? undefined,
  asOf: record.as_of,
  raw: withRaw && record.raw !== undefined ? (JSON.parse(record.raw) as unknown) : undefined,
  tags: record.tags ? record.tags.split(' ') : [],
  notes: record.notes ?? undefined,
  accountName: record.account_name ?? undefined,
})

/**
 * The as-of a number shows: a sync rewrites only the numbers that changed, and confirms the rest at once by
 * setting its account's `numbers_sync_state.confirmed_at`, so a listed number is as current as the later of
 * its own as-of and that confirmation. A number marked gone keeps its own as-of (frozen when it was marked).
 * Reads `n` and `s` (numbers_sync_state, joined on the account).
 */
export const effectiveAsOf = 'CASE WHEN n.gone_at IS NULL AND s.confirmed_at > n.as_of THEN s.confirmed_at ELSE n.as_of END'
export const syncStateJoin = 'LEFT JOIN numbers_sync_state s ON s.account_id = n.account_id'

/** Every column a number shows but its raw carrier record (the widest column, read only for its detail). */
export const shownColumns = `n.account_id, n.e164, n.carrier, n.type, n.status, n.state, n.rate_center, n.trunk, n.cnam,
  n.e911, n.monthly_cost, n.number_group, n.failover, n.gone_at, ${effectiveAsOf} AS as_of, t.tags, t.notes, a.name AS account_name`
export const selectColumns = `${shownColumns}, n.raw`
export const joins = `FROM numbers n
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
  group: { sql: 'n.number_group', nullable: true },
  failover: { sql: 'n.failover', nullable: true },
  monthlyCost: { sql: 'n.monthly_cost', nullable: true },
  tags: { sql: "nullif(t.tags, '')", nullable: true },
  asOf: { sql: `(${effectiveAsOf})`, nullable: false },
}

/**
 * Sorted column first (nulls last), ties broken by number in the same direction, then by account. Sorting by
 * number names it once: a repeated term would keep SQLite from taking the order from an index.
 */
export function orderBy(column: NumberSortColumn, direction: 'ASC' | 'DESC'): string {
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

export function buildWhere(filters: NumberFilters, search: string | undefined, accountIds: readonly string[] = []): Where {
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
  if (filters.group) {
    where.push('n.number_group = ?')
    params.push(filters.group)
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
 *
 * A search sorted by number that matches many numbers (a CNAM word) is read by walking numbers_e164 in
 * order and keeping the rows in the search's set (SQLite builds it once from the index), stopping at the
 * page: far cheaper than reading every match's row to sort them. How far the walk may go is bounded, since
 * matches can bunch up at one end of the order (a rate center's area code); when the bound comes first,
 * the same statement sorts the matches instead. `estimate` (the query's total and the cache's size) says
 * whether the walk pays: it should reach the page's end within about as many index entries as there are
 * matches to sort, (offset + limit) × rows / matches ≤ matches.
 */
export function numbersPageSql(
  input: NumbersQueryInput,
  accountIds: readonly string[] = [],
  anchor?: PageAnchor,
  estimate?: { matches: number; rows: number },
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
  let ids = `SELECT n.id ${pageFrom} ${pageClause} ORDER BY ${order} LIMIT ? OFFSET ?`
  const need = query.offset + query.limit
  const searched = query.search !== undefined && ftsQuery(query.search) !== undefined
  if (byNumber && !anchor && searched && estimate && estimate.matches > 0 && need * estimate.rows <= estimate.matches ** 2) {
    // Index entries the walk may read: eight times what the matches' density predicts.
    const bound = Math.max(1_000, Math.ceil((8 * need * estimate.rows) / estimate.matches))
    const past = direction === 'ASC' ? `<= coalesce((SELECT e164 FROM numbers INDEXED BY numbers_e164 ORDER BY e164 ASC LIMIT 1 OFFSET ?), '~')`
      : `>= coalesce((SELECT e164 FROM numbers INDEXED BY numbers_e164 ORDER BY e164 DESC LIMIT 1 OFFSET ?), '')`
    const walkFrom = pageFrom.replace('FROM numbers n', 'FROM numbers n INDEXED BY numbers_e164')
    // `walked` holds the first offset + limit matches in order, unless the bound came first (fewer rows):
    // then the second arm sorts the matches (a LIMIT of 0 skips an arm without running it).
    ids = `WITH walked AS MATERIALIZED (SELECT n.id, n.e164, n.account_id ${walkFrom} ${clause ? `${clause} AND` : 'WHERE'} n.e164 ${past}
        ORDER BY ${order} LIMIT ?)
      SELECT id FROM (SELECT id FROM walked ORDER BY e164 ${direction}, account_id
        LIMIT CASE WHEN (SELECT count(*) FROM walked) < ? THEN 0 ELSE ? END OFFSET ?)
      UNION ALL
      SELECT id FROM (SELECT n.id ${pageFrom} ${clause} ORDER BY ${order}
        LIMIT CASE WHEN (SELECT count(*) FROM walked) < ? THEN ? ELSE 0 END OFFSET ?)`
    pageParams = [...params, bound, need, need, query.limit, query.offset, ...params, need, query.limit, query.offset]
  }
  return {
    // CROSS JOIN keeps the page (p) the outer loop: otherwise SQLite may walk all of `numbers` in order and
    // probe the page, to spare itself sorting a hundred rows.
    page: `SELECT ${selectColumns} FROM (${ids}) p
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
export function accountsNamedIn(search: string | undefined, prepare: (sql: string) => Statement<unknown[]>): string[] {
  const text = search?.trim()
  if (!text) return []
  return prepare('SELECT id FROM accounts WHERE name LIKE ? ORDER BY id').pluck().all(`%${text}%`) as string[]
}
