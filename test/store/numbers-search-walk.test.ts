/**
 * A search sorted by number that matches many numbers is read by walking the number index (bounded, with
 * the sort as the fallback when matches bunch up past the bound): every page must hold exactly the rows of
 * the plain plan (the matches sorted), in both directions, at any offset, with filters, for a word spread
 * over the whole order and for one found only at its far end.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NumbersQueryInput } from '../../src/shared/numbers-query'
import type { PhoneNumberRecord } from '../../src/shared/domain'
import { numbersPageSql } from '../../src/main/store/repositories/numbers-query'
import { openStore, type Store } from '../../src/main/store/store'
import { tempDir } from '../helpers/temp'

const accounts = ['a', 'b']
const perAccount = 10_000

describe('searches sorted by number', () => {
  const dir = tempDir()
  let store: Store
  beforeAll(() => {
    store = openStore(join(dir.path, 'db.sqlite'))
    for (const id of accounts) {
      store.accounts.insert({ id, carrier: 'vitcom', name: `Account ${id}`, baseUrl: 'http://127.0.0.1:9', environment: 'sandbox', storedSecrets: [], createdAt: 1, updatedAt: 1 })
      const rows: PhoneNumberRecord[] = []
      for (let i = 0; i < perAccount; i += 1) {
        // Both accounts hold some of the same numbers (ties on e164 are broken by account).
        const n = id === 'a' ? i * 7 : i * 7 + (i % 3 === 0 ? 0 : 3)
        const e164 = `+1${String(2_000_000_000 + n * 97)}`
        const cnam = i % 9 === 0 ? 'ACME DENTAL' : i % 13 === 0 ? 'BLUE PLUMBING' : undefined
        // The last numbers of the order alone carry this word: a walk from the start meets none of them.
        const rateCenter = i >= perAccount - 1_500 ? 'ZULU HARBOR' : 'MIAMI'
        rows.push({ accountId: id, carrier: 'vitcom', e164, type: 'local', status: i % 10 === 0 ? 'suspended' : 'active', cnam, rateCenter, asOf: 1, raw: { i } })
      }
      const session = store.numbers.beginSync(id)
      session.writePage(rows)
      session.commit(1)
    }
  })
  afterAll(() => {
    store.close()
    dir.remove()
  })

  const plain = (input: NumbersQueryInput): string[] => {
    const sql = numbersPageSql(input)
    return (store.db.prepare(sql.page).all(...sql.pageParams) as { e164: string; account_id: string }[]).map((r) => `${r.e164}/${r.account_id}`)
  }
  const listed = (input: NumbersQueryInput): string[] => store.numbers.list(input).rows.map((n) => `${n.e164}/${n.accountId}`)

  it('walks the index for a word spread over the order, and gives the plain plan’s pages', () => {
    expect(store.numbers.pageSql({ search: 'dental' }).page).toContain('WITH walked')
    for (const direction of ['asc', 'desc'] as const) {
      for (const offset of [0, 100, 250, 1_000]) {
        for (const filters of [{}, { statuses: ['active' as const] }, { accountIds: ['b'] }]) {
          const input: NumbersQueryInput = { search: 'dental', sort: { column: 'e164', direction }, offset, limit: 100, filters }
          const expected = plain(input)
          expect(expected.length, JSON.stringify(input)).toBeGreaterThan(0)
          expect(listed(input), JSON.stringify(input)).toEqual(expected)
        }
      }
    }
  })

  it('falls back to sorting when the matches lie past the walk’s bound', () => {
    const input: NumbersQueryInput = { search: 'zulu', sort: { column: 'e164', direction: 'asc' }, limit: 100 }
    expect(store.numbers.pageSql(input).page).toContain('WITH walked')
    for (const offset of [0, 500, 2_900]) expect(listed({ ...input, offset })).toEqual(plain({ ...input, offset }))
    // From the other end they come first: the walk finds them.
    expect(listed({ ...input, sort: { column: 'e164', direction: 'desc' } })).toEqual(plain({ ...input, sort: { column: 'e164', direction: 'desc' } }))
  })

  it('sorts as before where the walk would not pay: few matches, deep offsets, other sort columns', () => {
    expect(store.numbers.pageSql({ search: 'plumbing', offset: 1_500 }).page).not.toContain('WITH walked')
    expect(store.numbers.pageSql({ search: 'dental', sort: { column: 'rateCenter', direction: 'asc' } }).page).not.toContain('WITH walked')
    expect(store.numbers.pageSql({ search: '2000000097' }).page).not.toContain('WITH walked')
    for (const input of [{ search: 'plumbing', offset: 1_500 }, { search: 'plumbing' }, { search: 'account b dental' }] as NumbersQueryInput[]) {
      expect(listed(input)).toEqual(plain(input))
    }
  })
})
