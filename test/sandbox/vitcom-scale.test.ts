/**
 * Scale contract of the Vitcom simulator: a Sandbox of a million numbers (300,000 at Vitcom) with a
 * hundred thousand calls a day starts at once, finds and changes its last seeded number, filters the
 * whole inventory in one streamed answer and streams a full day of CDRs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src/main/sandbox/index'

const callsPerDay = 100_000
let sandbox: Sandbox
let startMs = 0

beforeAll(async () => {
  const started = Date.now()
  sandbox = await startSandbox({ carriers: ['vitcom'], numbers: 1_000_000, seed: 7, callsPerDay, historyDays: 90 })
  startMs = Date.now() - started
})

afterAll(async () => {
  await sandbox.stop()
})

async function post(endpoint: string, fields: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const carrier = sandbox.carriers.vitcom!
  const body = new URLSearchParams({ token: carrier.account.secrets.token ?? '', accountno: carrier.account.accountNo ?? '', ...fields })
  const response = await fetch(`${carrier.baseUrl}/${endpoint}`, { method: 'POST', body })
  return (await response.json()) as Record<string, unknown>
}

describe('Vitcom simulator at a million numbers', () => {
  it('starts without materialising the inventory', () => {
    expect(startMs).toBeLessThan(5_000)
  })

  it('changes a number deep in the inventory and finds it through a filter over all 300,000', async () => {
    const before = (await post('getnumbers', { status: '0' })).data as { didnumber: string }[]
    // About 4% of seeded numbers start inactive.
    expect(before.length).toBeGreaterThan(6_000)
    expect(before.length).toBeLessThan(18_000)
    const active = (await post('getnumbers', { trunkId: '104', status: '1' })).data as { didnumber: string }[]
    const deep = active.at(-1)!.didnumber
    expect(await post('updatenumber', { number: deep, status: '0' })).toEqual({ status: '200', success: 'Trunk successfully Updated.' })
    const after = (await post('getnumbers', { status: '0' })).data as { didnumber: string }[]
    expect(after.length).toBe(before.length + 1)
    expect(after.map((row) => row.didnumber)).toContain(deep)
  }, 60_000)

  it('streams a full day of calls split into the two files', async () => {
    const day = ((await post('daily_cdrs')).data as { success: string; failed: string }[])[0]!
    let rows = 0
    for (const url of [day.success, day.failed]) {
      const text = await (await fetch(url)).text()
      rows += text.trimEnd().split('\n').length - 1
    }
    expect(rows).toBe(callsPerDay)
  }, 60_000)
})
