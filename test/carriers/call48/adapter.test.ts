/**
 * The Call48 adapter as the core uses it (openSandboxDesk: real core, keychain, Sandbox account): syncs
 * page through the whole inventory, trunk groups, port sub orders and XDRs; number actions (search, buy,
 * change, read, release, bulk order, address check); and no secret in errors or cached `raw`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call48Adapter } from '../../../src/main/carriers/call48/adapter'
import type { CarrierClient } from '../../../src/main/carriers/adapter'
import { CarrierError } from '../../../src/main/lib/carrier-error'
import type { CdrRecord, PhoneNumberRecord, PortOrder } from '../../../src/shared/domain'
import { openSandboxDesk, type SandboxDesk } from '../../helpers/sandbox-desk'
import { signal } from './helpers'

let desk: SandboxDesk
let client: CarrierClient

beforeAll(async () => {
  desk = await openSandboxDesk({ carriers: ['call48'], numbers: 2000, callsPerDay: 150, historyDays: 4 })
  client = await desk.client('call48')
})
afterAll(async () => {
  await desk.close()
})

async function simulatorTotals(): Promise<number> {
  const carrier = desk.sandbox.carriers.call48!
  const login = await fetch(`${carrier.baseUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user_name: carrier.account.username, password: carrier.account.secrets.password }),
  })
  const token = ((await login.json()) as { data: { token: string } }).data.token
  let total = 0
  for (const type of ['local', 'toll', 'intl']) {
    const answer = await fetch(`${carrier.baseUrl}/dids?type=${type}&page=1&max=1`, { headers: { authorization: token } })
    total += ((await answer.json()) as { total: number }).total
  }
  return total
}

describe('syncs', () => {
  it('pages through the whole DID inventory with valid E.164 numbers, statuses and no secrets in raw', async () => {
    const rows: PhoneNumberRecord[] = []
    const pages: number[] = []
    await client.syncNumbers!({ signal: signal(), onPage: (page, info) => { rows.push(...page); pages.push(info.page) } })
    expect(rows.length).toBe(await simulatorTotals())
    expect(pages.length).toBeGreaterThanOrEqual(2)
    expect(new Set(rows.map((row) => row.e164)).size).toBe(rows.length)
    expect(rows.every((row) => /^\+[1-9]\d{7,14}$/.test(row.e164))).toBe(true)
    expect(rows.every((row) => row.status === 'active' && row.accountId === desk.account('call48').id)).toBe(true)
    expect(rows.some((row) => row.trunk === '52610')).toBe(true)
    expect(JSON.stringify(rows.map((row) => row.raw))).not.toMatch(/password/i)
  })

  it('lists the OD trunk groups by ext_tgid', async () => {
    const trunks = await client.syncTrunks!({ signal: signal() })
    expect(trunks.map((trunk) => trunk.id)).toEqual(expect.arrayContaining(['52610', '52611']))
    expect(trunks.every((trunk) => trunk.ips.length > 0)).toBe(true)
  })

  it('maps port sub orders onto the unified lifecycle with numbers, FOC dates and rejection reasons', async () => {
    const orders: PortOrder[] = []
    await client.syncPorts!({ signal: signal(), onPage: (page) => orders.push(...page) })
    const statuses = new Set(orders.map((order) => order.status))
    for (const status of ['submitted', 'pending', 'foc-set', 'rejected', 'cancelled', 'completed'] as const) expect(statuses).toContain(status)
    expect(orders.filter((order) => order.status === 'rejected').every((order) => (order.rejectionReason ?? '').length > 0)).toBe(true)
    expect(orders.filter((order) => order.status === 'foc-set').every((order) => /^\d{4}-\d{2}-\d{2}$/.test(order.focDate ?? ''))).toBe(true)
    expect(orders.every((order) => order.numbers.length > 0 && order.numbers.every((e164) => /^\+\d{10,15}$/.test(e164)))).toBe(true)
  })

  it('pages XDRs of a date range into call records', async () => {
    const records: CdrRecord[] = []
    let expected: number | undefined
    const now = desk.sandbox.clock.now()
    const day = (offset: number): number => now - (now % 86_400_000) + offset * 86_400_000
    await client.syncCdrRecords!({ from: day(-3), to: day(-1), signal: signal(), onPage: (page, info) => { records.push(...page); expected = info.expectedRows } })
    expect(records.length).toBe(300)
    expect(expected).toBe(300)
    expect(new Set(records.map((record) => record.id)).size).toBe(300)
    expect(records.every((record) => record.from.startsWith('+') && record.to.startsWith('+') && record.durationSeconds >= 0)).toBe(true)
  })
})

describe('number actions', () => {
  it('searches past 50, buys, changes every documented kind, reads back and releases', async () => {
    const numbers = client.numbers!
    const found = await numbers.search!({ query: { type: 'local', state: 'FL', limit: 75 }, signal: signal() })
    expect(found).toHaveLength(75)
    expect(found.every((number) => number.fetchedAt > 0 && number.offer !== undefined && number.type === 'local')).toBe(true)
    const bought = await numbers.purchase!({ numbers: found.slice(0, 2), signal: signal() })
    expect(bought.lines.every((line) => line.ok)).toBe(true)
    const e164s = found.slice(0, 2).map((number) => number.e164)

    const change = (kind: Parameters<NonNullable<typeof numbers.change>>[0]['change']) => numbers.change!({ e164s, change: kind, signal: signal() })
    expect((await change({ kind: 'routing', routing: { kind: 'trunk', trunk: '52611' } })).every((line) => line.ok)).toBe(true)
    expect((await change({ kind: 'cnam', cnam: 'ACME NOC' })).every((line) => line.ok)).toBe(true)
    const address = { callerName: 'ACME NOC', street: '100 Main St', unit: 'Suite 4', city: 'Miami', state: 'FL', zip: '33101' }
    expect((await change({ kind: 'e911', address })).every((line) => line.ok)).toBe(true)
    expect((await change({ kind: 'listing411', listing: { listed: true, name: 'Acme Noc', address } })).every((line) => line.ok)).toBe(true)
    expect((await change({ kind: 'fax', fax: { enabled: true, email: 'fax@example.com' } })).every((line) => line.ok)).toBe(true)
    const status = await change({ kind: 'status', status: 'suspended' })
    expect(status.every((line) => !line.ok && line.code === 'unsupported')).toBe(true)

    const read = await numbers.read!({ e164s, signal: signal() })
    expect(read.map((record) => record.e164).sort()).toEqual([...e164s].sort())
    expect(read.every((record) => record.trunk === '52611' && record.cnam === 'ACME NOC' && (record.e911 ?? '').includes('100 Main St'))).toBe(true)

    expect((await change({ kind: 'routing', routing: { kind: 'forward', destination: '+13055550199', mode: 'ring-then-forward' } })).every((line) => line.ok)).toBe(true)
    const badStreet = await change({ kind: 'e911', address: { ...address, street: 'Main St' } })
    expect(badStreet.every((line) => !line.ok && line.code === 'validation')).toBe(true)

    const released = await numbers.release!({ e164s, signal: signal() })
    expect(released.every((line) => line.ok)).toBe(true)
    expect(await numbers.read!({ e164s, signal: signal() })).toEqual([])
    const again = await numbers.release!({ e164s: [e164s[0]!], signal: signal() })
    expect(again[0]).toMatchObject({ ok: false, code: '404' })
  })

  it('searches toll-free and international offers and buys one from an international group', async () => {
    const toll = await client.numbers!.search!({ query: { type: 'toll-free', tollFreePrefix: '877', limit: 3 }, signal: signal() })
    expect(toll.every((number) => number.e164.startsWith('+1877') && number.type === 'toll-free')).toBe(true)
    const groups = await client.numbers!.search!({ query: { type: 'international', country: 'GB', limit: 5 }, signal: signal() })
    const london = groups.find((group) => group.rateCenter === 'London')!
    expect(london.e164).toBe('+4420')
    const result = await client.numbers!.purchase!({ numbers: [london], signal: signal() })
    expect(result.lines[0]).toMatchObject({ ok: true })
    expect(result.lines[0]!.e164).toMatch(/^\+4420\d{7}$/)
  })

  it('places a bulk order by quantity and follows it to completion', async () => {
    const placed = await client.numbers!.bulkOrder!({ request: { quantity: 3, state: 'TX', npa: '512' }, signal: signal() })
    expect(placed).toMatchObject({ state: 'pending', requested: 3, fulfilled: 0, numbers: [] })
    desk.sandbox.clock.advance(11 * 60_000)
    const done = await client.numbers!.bulkOrderStatus!({ orderId: placed.orderId, signal: signal() })
    expect(done).toMatchObject({ state: 'completed', fulfilled: 3 })
    expect(done.numbers.every((e164) => e164.startsWith('+1512'))).toBe(true)
  })

  it('verifies an address', async () => {
    const good = await client.numbers!.verifyAddress!({ address: { callerName: 'T', street: '777 Brockton Avenue', city: 'Abington', state: 'MA', zip: '02351' }, signal: signal() })
    expect(good.valid).toBe(true)
    const bad = await client.numbers!.verifyAddress!({ address: { callerName: 'T', street: '777 Brockton Avenue', city: 'Abington', state: 'MA', zip: '2351' }, signal: signal() })
    expect(bad).toMatchObject({ valid: false, message: expect.stringContaining('zipcode') })
  })
})

describe('secrets', () => {
  it('keeps a wrong password out of the connection test error', async () => {
    const carrier = desk.sandbox.carriers.call48!
    const { secrets: _secrets, ...settings } = carrier.account
    const wrong = 'Hunter2-Wrong-Password'
    const context = { memo: { get: () => undefined, set: () => undefined }, secrets: { put: async () => undefined, get: async () => undefined } }
    const bad = call48Adapter.connect({ ...settings, id: 'bad' }, { password: wrong }, context)
    const error = await bad.testConnection({ signal: signal() }).then(
      () => undefined,
      (failure: unknown) => failure,
    )
    expect(error).toBeInstanceOf(CarrierError)
    expect((error as CarrierError).code).toBe('auth')
    expect(JSON.stringify({ message: (error as Error).message, info: (error as CarrierError).info })).not.toContain(wrong)
    const ok = await client.testConnection({ signal: signal() })
    expect(ok.message).toContain(carrier.account.username!)
  })
})
