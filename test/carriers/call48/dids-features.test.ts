/**
 * Call48 DID operations against the simulator: searches (paging past the 50 cap), purchases echoing
 * loc/locData, bulk purchase with its listing and CSV reports, the DID listing and removal, and the per-DID
 * features (411, 911, fax, forwarding in the OD and Porta shapes, CNAM) plus address verification.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Call48Client } from '../../../src/main/carriers/call48/client'
import type { Call48Did } from '../../../src/main/carriers/call48/schemas'
import { carrierError, signal, startCall48, type Call48Bench } from './helpers'

let bench: Call48Bench
let client: Call48Client

beforeAll(async () => {
  bench = await startCall48({ numbers: 600 })
  client = bench.client()
})
afterAll(async () => {
  await bench.stop()
})

async function allDids(type: 'local' | 'toll' | 'intl'): Promise<Call48Did[]> {
  const all: Call48Did[] = []
  for (let page = 1; ; page += 1) {
    const { dids } = await client.listDids({ type, page, max: 100, signal: signal() })
    all.push(...dids)
    if (dids.length < 100) return all
  }
}

describe('search', () => {
  it('pages through the 50-per-call cap to reach the limit, without duplicates', async () => {
    const result = await client.searchLocal({ state: 'TX', limit: 120, signal: signal() })
    expect(result.pages).toBe(3)
    expect(result.numbers).toHaveLength(120)
    const digits = result.numbers.map((number) => `${number.npa}${number.nxx}${number.xxxx}`)
    expect(new Set(digits).size).toBe(120)
    expect(result.numbers.every((number) => number.state === 'TX' && number.loc.length > 0 && number.locData)).toBe(true)
  })

  it('filters by rate center, NPA and NXX', async () => {
    const byNpa = await client.searchLocal({ state: 'FL', npa: '305', limit: 5, signal: signal() })
    expect(byNpa.numbers.every((number) => number.npa === '305')).toBe(true)
    const nxx = byNpa.numbers[0]!.nxx
    const byNxx = await client.searchLocal({ state: 'FL', npa: '305', nxx, limit: 3, signal: signal() })
    expect(byNxx.numbers.every((number) => number.nxx === nxx)).toBe(true)
    const byCenter = await client.searchLocal({ state: 'FL', rateCenter: 'Miami', limit: 4, signal: signal() })
    expect(byCenter.numbers.length).toBeGreaterThan(0)
    expect(byCenter.numbers.every((number) => number.ratecenter === 'MIAMI')).toBe(true)
  })

  it('finds toll-free numbers by prefix and international groups by country', async () => {
    const toll = await client.searchTollFree({ npa: '888', limit: 60, signal: signal() })
    expect(toll.numbers).toHaveLength(60)
    expect(toll.numbers.every((number) => number.npa === '888')).toBe(true)
    const groups = await client.searchInternational({ country: 'RU', signal: signal() })
    expect(groups.map((group) => group.name)).toContain('Arkhangelsk')
    expect(groups.every((group) => group.intl_data.length > 0)).toBe(true)
  })

  it('passes the carrier message of a refused search (toll-free prefix must be 8xx)', async () => {
    const error = await carrierError(client.searchTollFree({ npa: '305', limit: 3, signal: signal() }))
    expect(error.info.carrierCode).toBe('400')
    expect(error.message).toContain('toll-free prefix')
  })
})

describe('purchase', () => {
  it('buys local, toll-free and international numbers, each recorded once', async () => {
    const local = (await client.searchLocal({ state: 'GA', limit: 2, signal: signal() })).numbers
    await client.purchaseLocal({ numbers: local, fwdTrunkGroupId: 52610, signal: signal() })
    const toll = (await client.searchTollFree({ limit: 1, signal: signal() })).numbers
    await client.purchaseTollFree({ numbers: toll, signal: signal() })
    const group = (await client.searchInternational({ country: 'BR', signal: signal() }))[0]!
    await client.purchaseInternational({
      items: [{ id: group.id, name: group.name, prefix: group.prefix, country: group.country, quantity: 2, loc: group.intl_data }],
      signal: signal(),
    })
    const purchases = bench.ledger('purchase').map((entry) => entry.details)
    expect(purchases).toEqual([
      { type: 'local', numbers: local.map((number) => `${number.npa}${number.nxx}${number.xxxx}`) },
      { type: 'toll', numbers: toll.map((number) => `${number.npa}${number.nxx}${number.xxxx}`) },
      expect.objectContaining({ type: 'intl', groups: [group.id] }),
    ])
    const tollDids = await allDids('toll')
    expect(tollDids.map((did) => did.did)).toContain(`${toll[0]!.npa}${toll[0]!.nxx}${toll[0]!.xxxx}`)
    expect((await allDids('intl')).filter((did) => did.did.startsWith(`55${group.prefix}`))).toHaveLength(2)
  })

  it('refuses a purchase whose locData does not match, buying nothing', async () => {
    const [first, second] = (await client.searchLocal({ state: 'NY', limit: 2, signal: signal() })).numbers
    const before = bench.ledger('purchase').length
    const error = await carrierError(client.purchaseLocal({ numbers: [{ ...first!, locData: second!.locData }], signal: signal() }))
    expect(error.info.carrierCode).toBe('400')
    expect(error.info.ambiguous).toBeFalsy()
    expect(error.message).toContain('locData')
    expect(bench.ledger('purchase')).toHaveLength(before)
  })
})

describe('bulk purchase', () => {
  it('uploads a CSV order, lists it through Q -> C and reads both CSV reports', async () => {
    await client.bulkPurchase({
      orderType: 'rate_center',
      fwdTrunkGroupId: 52610,
      criteria: [{ state: 'FL', rateCenter: 'Miami', quantity: 2 }, { state: 'TX', rateCenter: 'Dallas', quantity: 1 }],
      didTag: 'bulk-test',
      notes: 'bulk test order',
      signal: signal(),
    })
    const queued = await client.listBulkOrders({ page: 1, limit: 5, status: 'Q', signal: signal() })
    const order = queued.orders.find((entry) => entry.notes === 'bulk test order')
    expect(order).toMatchObject({ status: 'Q', quantity: 3, fulfilled_quantity: 0 })
    bench.sandbox.clock.advance(11 * 60_000)
    const done = await client.listBulkOrders({ page: 1, orderNo: order!.order_no, signal: signal() })
    expect(done.orders).toEqual([expect.objectContaining({ status: 'C', fulfilled_quantity: 3 })])
    const summary = await client.bulkSummaryReport({ bulkOrderId: order!.bulk_order_id, signal: signal() })
    expect(summary.map((row) => [row.search_state, row.search_rate_center, row.requested_quantity, row.fulfilled_quantity])).toEqual([
      ['FL', 'MIAMI', 2, 2],
      ['TX', 'DALLAS', 1, 1],
    ])
    const dids = await client.bulkDidReport({ bulkOrderId: order!.bulk_order_id, signal: signal() })
    expect(dids).toHaveLength(3)
    expect(dids.filter((row) => row.ratecenter === 'MIAMI')).toHaveLength(2)
    const owned = new Set((await allDids('local')).map((did) => did.did))
    expect(dids.every((row) => owned.has(row.number.slice(1)))).toBe(true)
  })

  it('filters and pages the bulk order listing', async () => {
    const failed = await client.listBulkOrders({ page: 1, status: 'E', signal: signal() })
    expect(failed.orders.length).toBeGreaterThan(0)
    expect(failed.orders.every((order) => order.status === 'E')).toBe(true)
    const firstPage = await client.listBulkOrders({ page: 1, limit: 1, signal: signal() })
    const secondPage = await client.listBulkOrders({ page: 2, limit: 1, signal: signal() })
    expect(firstPage.total).toBeGreaterThanOrEqual(3)
    expect(secondPage.orders[0]!.bulk_order_id).not.toBe(firstPage.orders[0]!.bulk_order_id)
  })

  it('refuses a bulk order for an unknown trunk group and a report for an unknown order', async () => {
    const refused = await carrierError(
      client.bulkPurchase({ orderType: 'state', fwdTrunkGroupId: 99, criteria: [{ state: 'FL', quantity: 1 }], signal: signal() }),
    )
    expect(refused.message).toContain('Trunk group 99 not found')
    const missing = await carrierError(client.bulkDidReport({ bulkOrderId: 9999, signal: signal() }))
    expect(missing.info.carrierCode).toBe('404')
  })
})

describe('DID listing and removal', () => {
  it('pages the listing with a total and removes DIDs by id and by number', async () => {
    const first = await client.listDids({ type: 'local', page: 1, max: 10, signal: signal() })
    expect(first.total).toBeGreaterThanOrEqual(240)
    const [byId, byNumber] = first.dids
    await client.removeDids({ ids: [byId!._id], signal: signal() })
    await client.removeDids({ numbers: [`+1${byNumber!.did}`], signal: signal() })
    const after = await client.listDids({ type: 'local', page: 1, max: 10, signal: signal() })
    expect(after.total).toBe(first.total! - 2)
    expect(after.dids.map((did) => did.did)).not.toContain(byId!.did)
    expect(after.dids.map((did) => did.did)).not.toContain(byNumber!.did)
    expect(bench.ledger('remove').map((entry) => entry.details.numbers)).toEqual([[byId!.did], [byNumber!.did]])
  })

  it('never hands out the SIP device password of a Porta DID', async () => {
    const { dids } = await client.listDids({ type: 'local', page: 1, max: 50, signal: signal() })
    const porta = dids.find((did) => did.portaAID !== null && did.portaAID !== undefined)
    expect(porta).toBeDefined()
    expect(porta!.forwardingData).toBeDefined()
    expect(JSON.stringify(porta)).not.toMatch(/password/i)
  })

  it('answers 404 for removing a number the account does not hold', async () => {
    const error = await carrierError(client.removeDids({ numbers: ['2015550100'], signal: signal() }))
    expect(error.info.carrierCode).toBe('404')
    expect(error.info.ambiguous).toBeFalsy()
  })
})

describe('per-DID features', () => {
  let od: Call48Did
  let porta: Call48Did

  beforeAll(async () => {
    const { dids } = await client.listDids({ type: 'local', page: 2, max: 40, signal: signal() })
    od = dids.find((did) => did.portaAID === null)!
    porta = dids.find((did) => did.portaAID !== null)!
  })

  const current = async (did: Call48Did): Promise<Call48Did> => (await allDids('local')).find((entry) => entry.did === did.did)!

  it('updates the 411 listing', async () => {
    await client.update411({
      number: od.did,
      enabled: true,
      type: 'RES',
      country: 'US',
      state: 'FL',
      givenName: 'Ada',
      listingName: 'Lovelace',
      street: '123 Main St',
      city: 'Miami',
      zip: '33155',
      signal: signal(),
    })
    expect((await current(od)).listing411Data).toMatchObject({ enabled: 'yes', lstnm: 'Lovelace', locnm: 'Miami' })
    const incomplete = await carrierError(client.update411({ number: od.did, enabled: true, signal: signal() }))
    expect(incomplete.info.carrierCode).toBe('400')
  })

  it('sets a 911 address (the answer is the record id), with or without a unit, and refuses a bad ZIP', async () => {
    const result = await client.update911({
      number: od.did,
      enabled: true,
      name: 'Test User',
      streetNumber: '123',
      streetName: 'Test St',
      unit: 'Apartment 2',
      city: 'Miami',
      state: 'FL',
      zip: '33155',
      signal: signal(),
    })
    expect(result.recordId).toMatch(/^\d+$/)
    expect((await current(od)).e911Data).toMatchObject({ enabled: 'yes', streetname: 'Test St', zipcode: '33155' })
    await client.update911({ number: od.did, enabled: true, name: 'No Unit', streetNumber: '9', streetName: 'Elm St', city: 'Miami', state: 'FL', zip: '33101', signal: signal() })
    expect((await current(od)).e911Data).toMatchObject({ enabled: 'yes', streetname: 'Elm St', address: '' })
    const bad = await carrierError(
      client.update911({ number: od.did, enabled: true, name: 'X', streetNumber: '1', streetName: 'A St', city: 'Miami', state: 'FL', zip: 'ABC', signal: signal() }),
    )
    expect(bad.message).toContain('Invalid zipcode')
  })

  it('verifies an address: valid, or not with the reason', async () => {
    const good = await client.verifyAddress({ state: 'MA', name: 'E911TEST', streetNumber: '777', streetName: 'Brockton Avenue', city: 'Abington', zip: '02351', signal: signal() })
    expect(good).toEqual({ valid: true })
    const bad = await client.verifyAddress({ state: 'MA', name: 'E911TEST', streetNumber: 'x1', streetName: 'Brockton Avenue', city: 'Abington', zip: '02351', signal: signal() })
    expect(bad.valid).toBe(false)
    expect(bad.message).toContain('Invalid street number')
  })

  it('turns fax on (answer: the service id) and off', async () => {
    const on = await client.updateFax({ number: od.did, service: 1, email: 'fax@example.com', signal: signal() })
    expect(on.serviceId).toMatch(/^\d+$/)
    expect((await current(od)).fax).toBe(true)
    await client.updateFax({ number: od.did, service: 0, signal: signal() })
    expect((await current(od)).fax).toBe(false)
    const ata = await carrierError(client.updateFax({ number: od.did, service: 3, email: 'fax@example.com', signal: signal() }))
    expect(ata.message).toContain('serial')
  })

  it('updates forwarding: OD answer for an OD number, Porta answer for a Porta number', async () => {
    const odResult = await client.updateForwarding({
      number: od.did,
      sequence: 'Simultaneous',
      answeringMode: 'forward-only',
      targets: [
        { method: 'simple', number: '2522378144', timeoutSeconds: 99 },
        { method: 'ip', sip: '127.0.0.1', timeoutSeconds: 20 },
      ],
      sipDigits: '11',
      signal: signal(),
    })
    expect(odResult).toEqual({ platform: 'od', descriptions: ['Routing request completed'] })
    expect((await current(od)).forwardingData).toMatchObject({ method1: 'simple', number1: '2522378144', method2: 'ip', sip2: '127.0.0.1', answeringmode: '2' })
    const trunk = await client.updateForwarding({ number: od.did, fwdTrunkGroupId: 52611, signal: signal() })
    expect(trunk.platform).toBe('od')
    expect((await current(od)).forwardingData?.fwd_trunk_grpid).toBe(52611)
    const portaResult = await client.updateForwarding({
      number: porta.did,
      answeringMode: 2,
      targets: [{ method: 'trunk', timeoutSeconds: 30 }],
      deviceUsername: `1${porta.did}`,
      devicePassword: 'device-secret-1',
      product: '24230',
      signal: signal(),
    })
    expect(portaResult).toEqual({ platform: 'porta', login: `1${porta.did}`, product: 24230, account: porta.portaAID })
    expect(JSON.stringify(await current(porta))).not.toContain('device-secret-1')
  })

  it('refuses forwarding that names no number for the simple method, and an unknown trunk group', async () => {
    const missing = await carrierError(client.updateForwarding({ number: od.did, answeringMode: 2, targets: [{ method: 'simple' }], signal: signal() }))
    expect(missing.message).toContain('number1')
    const unknown = await carrierError(client.updateForwarding({ number: od.did, fwdTrunkGroupId: 1, signal: signal() }))
    expect(unknown.message).toContain('Trunk group 1 not found')
  })

  it('creates a CNAM for a DID id and refuses an unknown DID id', async () => {
    const cnam = await client.createCnam({ didId: od._id, enabled: true, type: 'BIZ', displayName: 'ACME SUPPORT', displayNumber: `1${od.did}`, signal: signal() })
    expect(cnam).toMatchObject({ did_id: od._id, cnam_status: true, display_name: 'ACME SUPPORT' })
    expect(await current(od)).toMatchObject({ cnamLookup: 'yes', cnamDisplayname: 'ACME SUPPORT' })
    const error = await carrierError(client.createCnam({ didId: 987654321, enabled: true, type: 'RES', displayName: 'X', displayNumber: '12025550100', signal: signal() }))
    expect(error.info.carrierCode).toBe('404')
  })
})
