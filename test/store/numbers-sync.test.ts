import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PhoneNumberRecord } from '../../src/shared/domain'
import { openStore, type Store } from '../../src/main/store/store'
import { tempDir } from '../helpers/temp'

const number = (e164: string, asOf: number, status: PhoneNumberRecord['status'] = 'active'): PhoneNumberRecord => ({
  accountId: 'acc', carrier: 'vitcom', e164, type: 'local', status, asOf, raw: { tn: e164.slice(2) },
})

describe('a staged numbers sync', () => {
  let dir: ReturnType<typeof tempDir>
  let store: Store
  beforeEach(() => {
    dir = tempDir()
    store = openStore(join(dir.path, 'db.sqlite'))
    store.accounts.insert({
      id: 'acc', carrier: 'vitcom', name: 'Acc', baseUrl: 'http://127.0.0.1:9', environment: 'sandbox',
      storedSecrets: [], createdAt: 1, updatedAt: 1,
    })
    const first = store.numbers.beginSync('acc')
    first.writePage([number('+13055550100', 10), number('+13055550101', 10)])
    first.commit(10)
  })
  afterEach(() => {
    store.close()
    dir.remove()
  })

  it('shows nothing of a sync until it commits, and nothing at all of an abandoned one', () => {
    const failing = store.numbers.beginSync('acc')
    failing.writePage([number('+13055550100', 20, 'suspended'), number('+13055550199', 20)])
    expect(store.numbers.list({ limit: 10 }).rows.map((n) => [n.e164, n.status, n.asOf])).toEqual([
      ['+13055550100', 'active', 10],
      ['+13055550101', 'active', 10],
    ])
    failing.dispose()
    expect(store.numbers.list({ limit: 10 }).total).toBe(2)
  })

  it('updates changed numbers, marks missing ones gone, and drops them after a second sync without them', () => {
    const second = store.numbers.beginSync('acc')
    second.writePage([number('+13055550100', 20, 'suspended')])
    second.commit(20)
    const afterSecond = store.numbers.list({ limit: 10 }).rows
    expect(afterSecond.map((n) => [n.e164, n.status, n.goneAt])).toEqual([
      ['+13055550100', 'suspended', undefined],
      ['+13055550101', 'active', 20],
    ])
    expect(store.numbers.get({ accountId: 'acc', e164: '+13055550100' })?.raw).toEqual({ tn: '3055550100' })

    const third = store.numbers.beginSync('acc')
    third.writePage([number('+13055550100', 30)])
    third.commit(30)
    expect(store.numbers.list({ limit: 10 }).rows.map((n) => n.e164)).toEqual(['+13055550100'])
  })

  it('brings back a number marked gone when the carrier lists it again', () => {
    const second = store.numbers.beginSync('acc')
    second.writePage([number('+13055550100', 20)])
    second.commit(20)
    const third = store.numbers.beginSync('acc')
    third.writePage([number('+13055550100', 30), number('+13055550101', 30)])
    third.commit(30)
    expect(store.numbers.list({ limit: 10 }).rows.map((n) => n.goneAt)).toEqual([undefined, undefined])
  })

  it('re-syncs without rewriting unchanged numbers, confirming them at the new sync time', () => {
    store.numbers.setNotes({ accountId: 'acc', e164: '+13055550101', tags: ['vip'], notes: 'front desk', now: 15 })
    const key = (e164: string) => store.db.prepare('SELECT id FROM numbers WHERE e164 = ?').pluck().get(e164) as number
    const ids = [key('+13055550100'), key('+13055550101')]
    // Every write to a number row, whatever its kind, lands in this log.
    store.db.exec(`CREATE TEMP TABLE writes (e164 TEXT);
      CREATE TEMP TRIGGER w_insert AFTER INSERT ON main.numbers BEGIN INSERT INTO writes VALUES (new.e164); END;
      CREATE TEMP TRIGGER w_update AFTER UPDATE ON main.numbers BEGIN INSERT INTO writes VALUES (new.e164); END;
      CREATE TEMP TRIGGER w_delete AFTER DELETE ON main.numbers BEGIN INSERT INTO writes VALUES (old.e164); END;`)
    const writes = () => store.db.prepare('SELECT e164 FROM writes ORDER BY rowid').pluck().all()
    const filter = { filters: { statuses: ['active' as const] }, limit: 10 }
    expect(store.numbers.list(filter).total).toBe(2)

    const same = store.numbers.beginSync('acc')
    same.writePage([number('+13055550100', 20), number('+13055550101', 20)])
    same.commit(25)
    // Only the account's confirmation was written: no number row (nor its indexes or search entry).
    expect(writes()).toEqual([])
    expect(store.db.prepare('SELECT as_of FROM numbers ORDER BY e164').pluck().all()).toEqual([10, 10])
    expect([key('+13055550100'), key('+13055550101')]).toEqual(ids)
    const shown = store.numbers.list({ limit: 10 }).rows
    expect(shown.map((n) => [n.e164, n.asOf, n.goneAt])).toEqual([
      ['+13055550100', 25, undefined],
      ['+13055550101', 25, undefined],
    ])
    expect(store.numbers.get({ accountId: 'acc', e164: '+13055550101' })).toMatchObject({ asOf: 25, raw: { tn: '3055550101' }, tags: ['vip'] })
    expect([...store.numbers.iterate({ filters: {}, sort: { column: 'e164', direction: 'asc' } })].map((n) => n.asOf)).toEqual([25, 25])
    expect(store.numbers.oldestAsOf()).toBe(25)
    expect(store.numbers.list({ search: '0101' }).rows.map((n) => n.e164)).toEqual(['+13055550101'])
    expect(store.numbers.list({ search: 'front' }).rows.map((n) => n.e164)).toEqual(['+13055550101'])
    expect(store.numbers.list(filter).total).toBe(2)

    // A changed number gets its new values (and as-of); a missing one is marked gone, keeping the as-of it
    // showed; the totals follow.
    const changed = store.numbers.beginSync('acc')
    changed.writePage([{ ...number('+13055550100', 30, 'suspended'), cnam: 'NEW NAME', raw: { tn: '3055550100', v: 2 } }])
    changed.commit(35)
    expect(writes()).toEqual(['+13055550100', '+13055550101'])
    expect(store.numbers.list(filter).total).toBe(1)
    expect(store.numbers.get({ accountId: 'acc', e164: '+13055550100' })).toMatchObject({
      status: 'suspended', cnam: 'NEW NAME', asOf: 35, raw: { tn: '3055550100', v: 2 },
    })
    expect(key('+13055550100')).toBe(ids[0])
    expect(store.numbers.get({ accountId: 'acc', e164: '+13055550101' })).toMatchObject({ goneAt: 35, asOf: 25 })
    expect(store.numbers.list({ search: 'new name' }).rows.map((n) => n.e164)).toEqual(['+13055550100'])
    expect(store.numbers.oldestAsOf()).toBe(25)
    expect(store.numbers.list({ sort: { column: 'asOf', direction: 'desc' } }).rows.map((n) => [n.e164, n.asOf])).toEqual([
      ['+13055550100', 35],
      ['+13055550101', 25],
    ])

    // Listed again unchanged: back, as of this sync, with its notes.
    const back = store.numbers.beginSync('acc')
    back.writePage([{ ...number('+13055550100', 40, 'suspended'), cnam: 'NEW NAME', raw: { tn: '3055550100', v: 2 } }, number('+13055550101', 40)])
    back.commit(45)
    expect(store.numbers.list({ limit: 10 }).rows.map((n) => [n.e164, n.asOf, n.goneAt, n.tags])).toEqual([
      ['+13055550100', 45, undefined, []],
      ['+13055550101', 45, undefined, ['vip']],
    ])
  })

  it('lets the later of two listings of one number win', () => {
    const twice = store.numbers.beginSync('acc')
    twice.writePage([number('+13055550100', 20, 'suspended'), number('+13055550101', 20)])
    twice.writePage([number('+13055550100', 20)])
    twice.commit(20)
    expect(store.numbers.get({ accountId: 'acc', e164: '+13055550100' })?.status).toBe('active')
    const again = store.numbers.beginSync('acc')
    again.writePage([number('+13055550100', 30), number('+13055550101', 30)])
    again.writePage([number('+13055550100', 30, 'porting')])
    again.commit(30)
    expect(store.numbers.get({ accountId: 'acc', e164: '+13055550100' })?.status).toBe('porting')
  })

  it('fails a sync whose account was written meanwhile (it skipped unchanged numbers by what it read first)', () => {
    const before = store.numbers.list({ limit: 10 }).rows
    const session = store.numbers.beginSync('acc')
    session.writePage([number('+13055550100', 20), number('+13055550101', 20)])
    store.numbers.upsert([number('+13055550101', 15, 'suspended')])
    const after = store.numbers.list({ limit: 10 }).rows
    expect(() => session.commit(20)).toThrow(/changed during the sync/)
    session.dispose()
    expect(store.numbers.list({ limit: 10 }).rows).toEqual(after)
    expect(after).not.toEqual(before)
    // A write that leaves the account's numbers as they were does not fail the sync.
    const next = store.numbers.beginSync('acc')
    next.writePage([number('+13055550100', 30)])
    store.numbers.upsert([number('+13055550101', 15, 'suspended')])
    next.commit(30)
    expect(store.numbers.list({ limit: 10 }).rows.map((n) => [n.e164, n.goneAt])).toEqual([
      ['+13055550100', undefined],
      ['+13055550101', 30],
    ])
  })

  it('stages pages while another connection holds the write lock, and commits once it is let go', () => {
    // A sync worker's connection (every transaction immediate, waiting for the lock) beside one that writes.
    const worker = openStore(join(dir.path, 'db.sqlite'), { mustExist: true, sharedWriter: { busyTimeoutMs: 200 } })
    try {
      const first = worker.numbers.beginSync('acc')
      const second = worker.numbers.beginSync('acc')
      store.db.exec('BEGIN IMMEDIATE')
      let started = performance.now()
      first.writePage([number('+13055550100', 20, 'suspended'), number('+13055550102', 20)])
      second.writePage([number('+13055550100', 20)])
      // Neither page waited out the other connection's write (the busy timeout is 200 ms).
      expect(performance.now() - started).toBeLessThan(150)
      started = performance.now()
      expect(() => first.commit(20)).toThrow(/database is locked/)
      expect(performance.now() - started).toBeGreaterThanOrEqual(150)
      store.db.exec('COMMIT')
      first.commit(20)
      expect(store.numbers.list({ limit: 10 }).rows.map((n) => [n.e164, n.status, n.goneAt])).toEqual([
        ['+13055550100', 'suspended', undefined],
        ['+13055550101', 'active', 20],
        ['+13055550102', 'active', undefined],
      ])
      second.dispose()
    } finally {
      if (store.db.inTransaction) store.db.exec('ROLLBACK')
      worker.close()
    }
  })
})
