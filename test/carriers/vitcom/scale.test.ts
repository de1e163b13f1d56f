/**
 * The unpaged "get my numbers" at scale: 100,000 numbers (~26 MB of JSON) are stream-parsed and handed on
 * in batches of 5,000 through the adapter's syncNumbers, each batch mapped to E.164 records and dropped,
 * so the heap does not grow with the account. The count must match the simulator's inventory. (Its speed
 * is the sync benchmark's business: a time limit here only measured how loaded the machine was.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { vitcomAdapter } from '../../../src/main/carriers/vitcom/adapter'
import { startSandbox, type Sandbox } from '../../../src/main/sandbox/index'
import { signal } from './helpers'

let sandbox: Sandbox

beforeAll(async () => {
  // Vitcom gets 30% of the Sandbox's numbers: 333,334 × 0.3 rounds to 100,000.
  sandbox = await startSandbox({ carriers: ['vitcom'], numbers: 333_334, seed: 5, callsPerDay: 10, historyDays: 1 })
})

afterAll(async () => {
  await sandbox.stop()
})

it('syncs 100,000 numbers in batches of 5,000 with flat memory', async () => {
  const vitcom = sandbox.carriers.vitcom!
  const client = vitcomAdapter.connect({ ...vitcom.account, id: 'scale' }, vitcom.account.secrets, {
    memo: { get: () => undefined, set: () => undefined },
    secrets: { put: () => Promise.resolve(), get: () => Promise.resolve(undefined) },
  })
  const seen = new Set<string>()
  const batchSizes: number[] = []
  let heapPeak = 0
  const heapBefore = process.memoryUsage().heapUsed
  await client.syncNumbers!({
    signal: signal(),
    onPage: (rows, info) => {
      expect(info.page).toBe(batchSizes.length + 1)
      batchSizes.push(rows.length)
      for (const row of rows) seen.add(row.e164)
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
    },
  })
  expect(seen.size).toBe(100_000)
  expect(batchSizes.length).toBe(20)
  expect(batchSizes.every((size) => size === 5_000)).toBe(true)
  // The whole answer would be ~26 MB of text and far more as objects; the parser holds one batch at a time
  // (the Set of 100,000 E.164 strings kept by this test is most of the growth).
  expect(heapPeak - heapBefore).toBeLessThan(150 * 1024 * 1024)
}, 120_000)
