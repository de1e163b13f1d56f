/**
 * A first sync into an empty account takes its own path (every number inserted in one statement, search
 * entries written in bulk instead of by the per-row trigger); it must leave exactly what the trigger path
 * leaves, and a failure inside it must leave the account empty and the schema (the trigger) as it was.
 */
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PhoneNumberRecord } from '../../src/shared/domain'
import { openStore, type Store } from '../../src/main/store/store'
import { tempDir } from '../helpers/temp'

const number = (accountId: string, e164: string, extra: Partial<PhoneNumberRecord> = {}): PhoneNumberRecord => ({
  accountId, carrier: 'vitcom', e164, type: 'local', status: 'active', asOf: 10, raw: { tn: e164.slice(2) }, ...extra,
})

describe('a first sync into an empty account', () => {
  let dir: ReturnType<typeof tempDir>
  let store: Store
  const trigger = (): string | undefined =>
    store.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'numbers_fts_insert'").pluck().get() as string | undefined
  beforeEach(() => {
    dir = tempDir()
    store = openStore(join(dir.path, 'db.sqlite'))
    for (const id of ['a', 'b']) {
      store.accounts.insert({ id, carrier: 'vitcom', name: id, baseUrl: 'http://127.0.0.1:9', environment: 'sandbox', storedSecrets: [], createdAt: 1, updatedAt: 1 })
    }
  })
  afterEach(() => {
    store.close()
    dir.remove()
  })

  it('is searchable as the trigger would index it, notes written before it included, and the later of two listings wins', () => {
    const before = trigger()
    // Notes may exist for a number before any sync lists it.
    store.numbers.setNotes({ accountId: 'a', e164: '+13055550102', tags: ['lobby'], notes: 'front desk phone', now: 5 })
    const session = store.numbers.beginSync('a')
    session.writePage([number('a', '+13055550100', { cnam: 'ACME DENTAL', rateCenter: 'MIAMI' }), number('a', '+13055550101', { status: 'suspended' })])
    session.writePage([number('a', '+13055550102'), number('a', '+13055550101', { status: 'porting' })])
    session.commit(20)
    expect(trigger()).toBe(before)
    const rows = store.numbers.list({ limit: 10 }).rows
    expect(rows.map((n) => [n.e164, n.status, n.asOf])).toEqual([
      ['+13055550100', 'active', 20],
      ['+13055550101', 'porting', 20],
      ['+13055550102', 'active', 20],
    ])
    const found = (search: string): string[] => store.numbers.list({ search }).rows.map((n) => n.e164)
    expect(found('dental')).toEqual(['+13055550100'])
    expect(found('miami')).toEqual(['+13055550100'])
    expect(found('0101')).toEqual(['+13055550101'])
    expect(found('305555')).toHaveLength(3)
    expect(found('lobby')).toEqual(['+13055550102'])
    expect(found('front')).toEqual(['+13055550102'])
    // One search entry per number, as many as the trigger path writes.
    expect(store.db.prepare('SELECT count(*) FROM numbers_fts').pluck().get()).toBe(3)

    // The trigger is back: a number written later is indexed by it, and a second account's first sync
    // beside the first account's numbers indexes only its own.
    store.numbers.upsert([number('a', '+13055550199', { cnam: 'LATE ARRIVAL' })])
    expect(found('arrival')).toEqual(['+13055550199'])
    const other = store.numbers.beginSync('b')
    other.writePage([number('b', '+13055550100', { cnam: 'OTHER DENTAL' })])
    other.commit(30)
    expect(store.numbers.list({ search: 'dental' }).rows.map((n) => [n.accountId, n.cnam])).toEqual([
      ['a', 'ACME DENTAL'],
      ['b', 'OTHER DENTAL'],
    ])
    expect(store.db.prepare('SELECT count(*) FROM numbers_fts').pluck().get()).toBe(5)
  })

  it('leaves the account empty and the trigger in place when its commit fails halfway', () => {
    const before = trigger()
    // Fails the insert of one number, after the first ones went in (and after the trigger was dropped).
    store.db.exec(`CREATE TEMP TRIGGER refuse AFTER INSERT ON main.numbers WHEN new.e164 = '+13055550150'
      BEGIN SELECT RAISE(ABORT, 'refused'); END`)
    const session = store.numbers.beginSync('a')
    session.writePage(Array.from({ length: 100 }, (_, i) => number('a', `+130555501${String(i).padStart(2, '0')}`)))
    expect(() => session.commit(20)).toThrow(/refused/)
    session.dispose()
    expect(trigger()).toBe(before)
    expect(store.numbers.list({ limit: 10 }).total).toBe(0)
    expect(store.db.prepare('SELECT count(*) FROM numbers_fts').pluck().get()).toBe(0)
    store.db.exec('DROP TRIGGER temp.refuse')
    const again = store.numbers.beginSync('a')
    again.writePage([number('a', '+13055550150', { cnam: 'SECOND TRY' })])
    again.commit(30)
    expect(store.numbers.list({ search: 'second' }).rows.map((n) => n.e164)).toEqual(['+13055550150'])
  })
})
