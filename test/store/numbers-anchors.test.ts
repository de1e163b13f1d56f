/**
 * Deep pages sorted by number start from remembered rows (anchors) instead of skipping every row before
 * them: they must equal what the plain OFFSET query returns, in both directions, with filters, and after
 * the data changes.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PhoneNumberRecord } from '../../src/shared/domain'
import type { NumbersQueryInput } from '../../src/shared/numbers-query'
import { anchorSpacing, numbersPageSql } from '../../src/main/store/repositories/numbers-query'
import { openStore, type Store } from '../../src/main/store/store'
import { tempDir } from '../helpers/temp'

const accounts = ['a-one', 'a-two'] as const
const perAccount = Math.round(anchorSpacing * 1.6)

function numbers(accountId: string, asOf: number, skip = (_i: number): boolean => false): PhoneNumberRecord[] {
  const rows: PhoneNumberRecord[] = []
  for (let i = 0; i < perAccount; i += 1) {
    if (skip(i)) continue
    // Both accounts list every third number of the other's range too: equal numbers, tie broken by account.
    const base = accountId === 'a-one' ? i : i % 3 === 0 ? i : perAccount + i
    rows.push({
      accountId, carrier: 'vitcom', e164: `+1305${String(1_000_000 + base).padStart(7, '0')}`, type: 'local',
      status: i % 4 === 0 ? 'suspended' : 'active', asOf, raw: { i },
    })
  }
  return rows
}

describe('deep pages sorted by number', () => {
  const dir = tempDir()
  let store: Store
  const sync = (accountId: string, rows: PhoneNumberRecord[], now: number): void => {
    const session = store.numbers.beginSync(accountId)
    for (let start = 0; start < rows.length; start += 5_000) session.writePage(rows.slice(start, start + 5_000))
    session.commit(now)
  }
  /** The plain OFFSET query, straight from the SQL (no anchors). */
  const plain = (input: NumbersQueryInput): string[] => {
    const sql = numbersPageSql(input)
    return (store.db.prepare(sql.page).all(...sql.pageParams) as { account_id: string; e164: string }[]).map(
      (r) => `${r.e164}/${r.account_id}`,
    )
  }
  const listed = (input: NumbersQueryInput): string[] => store.numbers.list(input).rows.map((n) => `${n.e164}/${n.accountId}`)

  beforeAll(() => {
    store = openStore(join(dir.path, 'db.sqlite'))
    for (const id of accounts) {
      store.accounts.insert({ id, carrier: 'vitcom', name: id, baseUrl: 'http://127.0.0.1:9', environment: 'sandbox', storedSecrets: [], createdAt: 1, updatedAt: 1 })
      sync(id, numbers(id, 1_000), 1_000)
    }
  })
  afterAll(() => {
    store.close()
    dir.remove()
  })

  const offsets = [anchorSpacing - 1, anchorSpacing, anchorSpacing + 57, 2 * anchorSpacing - 50, 2 * anchorSpacing + 3, 3 * anchorSpacing - 20, 2 * perAccount - 30]
  const queries = (offset: number): NumbersQueryInput[] => [
    { sort: { column: 'e164', direction: 'asc' }, offset, limit: 100 },
    { sort: { column: 'e164', direction: 'desc' }, offset, limit: 100 },
    { filters: { statuses: ['active'] }, sort: { column: 'e164', direction: 'asc' }, offset, limit: 100 },
    { filters: { statuses: ['active'] }, sort: { column: 'e164', direction: 'desc' }, offset, limit: 37 },
    { filters: { accountIds: ['a-two'] }, sort: { column: 'e164', direction: 'asc' }, offset, limit: 100 },
  ]
  const check = (): void => {
    for (const offset of offsets) {
      for (const input of queries(offset)) {
        const expected = plain(input)
        expect(listed(input), JSON.stringify(input)).toEqual(expected)
        // Again, now through the anchors built by the first call.
        expect(listed(input), JSON.stringify(input)).toEqual(expected)
      }
    }
  }

  it('equal the plain OFFSET result, both directions, with filters', () => {
    expect(store.numbers.list({}).total).toBe(2 * perAccount)
    expect(plain({ sort: { column: 'e164', direction: 'asc' }, offset: anchorSpacing, limit: 100 })).toHaveLength(100)
    check()
  })

  it('still equal it after writes move rows across the anchors', () => {
    // Numbers dropped from the first account (marked gone: still listed), then gone twice (deleted), and
    // another account's changes: every anchor shifts.
    sync('a-one', numbers('a-one', 2_000, (i) => i % 7 === 0), 2_000)
    check()
    sync('a-one', numbers('a-one', 3_000, (i) => i % 7 === 0), 3_000)
    expect(store.numbers.list({}).total).toBeLessThan(2 * perAccount)
    check()
    store.numbers.markReleased([{ accountId: 'a-two', e164: numbers('a-two', 0)[5]!.e164 }], 4_000)
    sync('a-two', numbers('a-two', 5_000, (i) => i % 5 === 1).map((n, i) => (i % 2 ? { ...n, status: 'active' } : n)), 5_000)
    check()
  })
})
