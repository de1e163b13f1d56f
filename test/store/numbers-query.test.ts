/**
 * The Numbers query a technician runs all day: filters, sort, search (number digits, last four, CNAM,
 * rate center, tags and notes, account name), and totals that follow every change to the cache.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PhoneNumberRecord } from '../../src/shared/domain'
import { openStore, type Store } from '../../src/main/store/store'
import { tempDir } from '../helpers/temp'

const accounts = [
  { id: 'a-call48', carrier: 'call48', name: 'Call48 East' },
  { id: 'a-vitcom', carrier: 'vitcom', name: 'Vitcom Lab' },
] as const

type Seed = Partial<PhoneNumberRecord> & { e164: string }

const seeds: Seed[] = [
  { accountId: 'a-call48', e164: '+13055550100', state: 'FL', rateCenter: 'MIAMI', cnam: 'ACME DENTAL', trunk: 'tg-1', e911: '1 Main St' },
  { accountId: 'a-call48', e164: '+13055550199', state: 'FL', rateCenter: 'HOMESTEAD', status: 'suspended', monthlyCost: 2.5 },
  { accountId: 'a-call48', e164: '+18005550123', type: 'toll-free', cnam: 'ACME SUPPORT', monthlyCost: 1 },
  { accountId: 'a-vitcom', e164: '+12125550142', state: 'NY', rateCenter: 'NEW YORK CITY', trunk: 'tg-2', monthlyCost: 0.5 },
  { accountId: 'a-vitcom', e164: '+14155550100', state: 'CA', rateCenter: 'SAN FRANCISCO', cnam: 'BAY BAKERY' },
]

const record = (seed: Seed, asOf: number): PhoneNumberRecord => {
  const account = accounts.find((a) => a.id === (seed.accountId ?? 'a-call48'))!
  return { type: 'local', status: 'active', raw: { seed: seed.e164 }, asOf, carrier: account.carrier, accountId: account.id, ...seed }
}

describe('the Numbers query', () => {
  const dir = tempDir()
  let store: Store
  const e164s = (input: Parameters<Store['numbers']['list']>[0]): string[] => store.numbers.list(input).rows.map((n) => n.e164)

  beforeAll(() => {
    store = openStore(join(dir.path, 'db.sqlite'))
    for (const account of accounts) {
      store.accounts.insert({ ...account, baseUrl: 'http://127.0.0.1:9', environment: 'sandbox', storedSecrets: [], createdAt: 1, updatedAt: 1 })
    }
    for (const account of accounts) {
      const session = store.numbers.beginSync(account.id)
      session.writePage(seeds.filter((s) => s.accountId === account.id).map((s) => record(s, 1_000)))
      session.commit(1_000)
    }
  })
  afterAll(() => {
    store.close()
    dir.remove()
  })

  it('sorts by any column, nulls last, ties broken by number in the same direction, and pages', () => {
    expect(e164s({})).toEqual(['+12125550142', '+13055550100', '+13055550199', '+14155550100', '+18005550123'])
    expect(e164s({ sort: { column: 'monthlyCost', direction: 'desc' } })).toEqual([
      '+13055550199', '+18005550123', '+12125550142', '+14155550100', '+13055550100',
    ])
    expect(e164s({ sort: { column: 'rateCenter', direction: 'asc' }, limit: 2, offset: 1 })).toEqual(['+13055550100', '+12125550142'])
    expect(store.numbers.list({ limit: 2 }).total).toBe(5)
  })

  it('filters by carrier, status, type, state, rate center, trunk, E911 and CNAM presence', () => {
    expect(e164s({ filters: { carriers: ['vitcom'] } })).toEqual(['+12125550142', '+14155550100'])
    expect(e164s({ filters: { statuses: ['suspended'] } })).toEqual(['+13055550199'])
    expect(e164s({ filters: { types: ['toll-free'] } })).toEqual(['+18005550123'])
    expect(e164s({ filters: { states: ['FL', 'CA'] } })).toEqual(['+13055550100', '+13055550199', '+14155550100'])
    expect(e164s({ filters: { rateCenter: 'miami' } })).toEqual(['+13055550100'])
    expect(e164s({ filters: { trunk: 'tg-2' } })).toEqual(['+12125550142'])
    expect(e164s({ filters: { hasE911: true } })).toEqual(['+13055550100'])
    expect(e164s({ filters: { hasCnam: false, carriers: ['call48'] } })).toEqual(['+13055550199'])
    expect(store.numbers.list({ filters: { carriers: ['call48'], statuses: ['active'] } }).total).toBe(2)
  })

  it('finds numbers by digits however they are typed, by the last four, and by words', () => {
    expect(e164s({ search: '(305) 555-01' })).toEqual(['+13055550100', '+13055550199'])
    expect(e164s({ search: '13055550199' })).toEqual(['+13055550199'])
    expect(e164s({ search: '0142' })).toEqual(['+12125550142'])
    expect(e164s({ search: 'acme' })).toEqual(['+13055550100', '+18005550123'])
    expect(e164s({ search: 'acme supp' })).toEqual(['+18005550123'])
    expect(e164s({ search: 'francisco' })).toEqual(['+14155550100'])
    expect(e164s({ search: 'Vitcom Lab' })).toEqual(['+12125550142', '+14155550100'])
    expect(e164s({ search: 'nothing-like-this' })).toEqual([])
  })

  it('searches and filters by local tags and notes, which survive the next sync', () => {
    store.numbers.setNotes({ accountId: 'a-call48', e164: '+13055550199', tags: ['VIP', 'Front Desk'], notes: 'Lobby phone, ask Maria', now: 2_000 })
    expect(e164s({ filters: { tag: 'vip' } })).toEqual(['+13055550199'])
    expect(e164s({ search: 'maria' })).toEqual(['+13055550199'])
    expect(e164s({ search: 'front-desk' })).toEqual(['+13055550199'])

    const resync = store.numbers.beginSync('a-call48')
    resync.writePage(seeds.filter((s) => s.accountId === 'a-call48').map((s) => record({ ...s, cnam: s.cnam ? `${s.cnam} LLC` : undefined }, 3_000)))
    resync.commit(3_000)
    const kept = store.numbers.get({ accountId: 'a-call48', e164: '+13055550199' })
    expect(kept?.tags).toEqual(['vip', 'front-desk'])
    expect(kept?.notes).toBe('Lobby phone, ask Maria')
    expect(e164s({ search: 'maria' })).toEqual(['+13055550199'])
    // The CNAM changed at the carrier: search follows it.
    expect(e164s({ search: 'llc' })).toEqual(['+13055550100', '+18005550123'])
  })

  it('keeps totals right after every kind of change, including an account removed with its numbers', () => {
    const filter = { filters: { carriers: ['vitcom' as const] } }
    expect(store.numbers.list(filter).total).toBe(2)
    store.numbers.upsert([record({ accountId: 'a-vitcom', e164: '+12125550143' }, 4_000)])
    expect(store.numbers.list(filter).total).toBe(3)
    store.accounts.delete('a-vitcom')
    expect(store.numbers.list(filter).total).toBe(0)
    expect(e164s({ search: 'francisco' })).toEqual([])
  })

  it('refuses a query outside the contract', () => {
    expect(() => store.numbers.list({ limit: 5000 })).toThrow()
    expect(() => store.numbers.list({ sort: { column: 'raw' as never, direction: 'asc' } })).toThrow()
  })
})
