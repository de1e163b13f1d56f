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
})
