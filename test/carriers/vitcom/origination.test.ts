/**
 * VitcomClient origination operations against the Sandbox simulator: availability, trunk groups, the
 * cart (reserve with `number` and `did`, bulk reserve, remove), orders (gen_order / generate_new_order,
 * process_order), my numbers, LNP (multipart uploads), statistics and daily CDR files; plus the documented
 * "Invalid {parameter}" refusals the simulator gives for each.
 */
import { existsSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CarrierError } from '../../../src/main/lib/carrier-error'
import { GeneratedOrderAnswer } from '../../../src/main/carriers/vitcom/schemas'
import { tempDir } from '../../helpers/temp'
import { signal, startVitcom, type VitcomFixture } from './helpers'

let vitcom: VitcomFixture
const dir = tempDir('vitcom-orig-')

beforeAll(async () => {
  vitcom = await startVitcom()
})

afterAll(async () => {
  await vitcom.stop()
  dir.remove()
})

async function refusal(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(CarrierError)
  return error as CarrierError
}

describe('availability', () => {
  it('lists states, NPANXX codes and DIDs of a state, and refuses an unknown state', async () => {
    const states = await vitcom.client.stateAvailability({ signal: signal() })
    expect(states).toContain('WA')
    const codes = await vitcom.client.npanxxAvailability({ state: 'WA', signal: signal() })
    expect(codes.length).toBeGreaterThan(0)
    expect(codes.every((code) => code.npanxx.startsWith(code.npa) && ['206', '509'].includes(code.npa))).toBe(true)
    const code = codes[0]!
    const dids = await vitcom.client.searchDids({ state: 'WA', npanxx: code.npanxx, signal: signal() })
    expect(dids.length).toBeGreaterThan(0)
    expect(dids.every((did) => did.tn.startsWith(code.npanxx))).toBe(true)
    const error = await refusal(vitcom.client.searchDids({ state: 'ZZ', signal: signal() }))
    expect(error.info).toMatchObject({ httpStatus: 404, carrierCode: '404', message: 'Invalid state' })
    expect(error.code).toBe('carrier')
  })

  it('finds one exact number and toll-free numbers by prefix; refuses a bad prefix', async () => {
    const [first] = await vitcom.client.searchDids({ state: 'FL', signal: signal() })
    const exact = await vitcom.client.searchDids({ state: 'FL', number: first!.tn, signal: signal() })
    expect(exact.map((did) => did.tn)).toEqual([first!.tn])
    const tollFree = await vitcom.client.searchTollFree({ prefix: '877', signal: signal() })
    expect(tollFree.length).toBeGreaterThan(0)
    expect(tollFree.every((tfn) => tfn.tn.startsWith('877'))).toBe(true)
    expect((await refusal(vitcom.client.searchTollFree({ prefix: '123', signal: signal() }))).info.message).toBe('Invalid tfn_prefix')
  })
})

describe('origination trunk groups', () => {
  it('defines, reads and updates a trunk group; refuses an invalid IP and an unknown id', async () => {
    const defined = await vitcom.client.defineTrunk({ title: 'Lab PBX', primaryTrunk: '198.51.100.20', primaryPort: 5060, billingType: 'Metered', signal: signal() })
    expect(defined.trunkId).toMatch(/^\d+$/)
    const [trunk] = await vitcom.client.getTrunks({ trunkId: defined.trunkId, signal: signal() })
    expect(trunk).toMatchObject({ id: defined.trunkId, title: 'Lab PBX', primaryIp: '198.51.100.20', status: '1' })
    const updated = await vitcom.client.updateTrunk({ trunkId: defined.trunkId!, secondaryTrunk: '198.51.100.21', signal: signal() })
    expect(updated.trunkId).toBe(defined.trunkId)
    const [after] = await vitcom.client.getTrunks({ trunkId: defined.trunkId, signal: signal() })
    expect(after).toMatchObject({ title: 'Lab PBX', primaryIp: '198.51.100.20', secondaryIp: '198.51.100.21' })
    expect(vitcom.ledger('defineTrunk')).toHaveLength(1)
    expect((await refusal(vitcom.client.defineTrunk({ title: 'Bad', primaryTrunk: '300.1.1.1', billingType: 'Metered', signal: signal() }))).info.message).toBe('Invalid primaryTrunk')
    expect((await refusal(vitcom.client.getTrunks({ trunkId: '99999', signal: signal() }))).info.message).toBe('Invalid tg_id')
    expect((await refusal(vitcom.client.updateTrunk({ trunkId: '99999', title: 'x', signal: signal() }))).info.message).toBe('Invalid trunkid')
  })
})

describe('cart and orders', () => {
  it('reserves with `number` and with `did`, removes from the cart, orders and processes the rest', async () => {
    const dids = await vitcom.client.searchDids({ state: 'CO', signal: signal() })
    const [a, b, c] = dids.map((did) => did.tn)
    const first = await vitcom.client.reserveNumbers({ category: 'landline', state: 'CO', numbers: [a!, b!], signal: signal() })
    expect(first.numbers.sort()).toEqual([a, b].sort())
    const second = await vitcom.client.reserveNumbers({ category: 'landline', state: 'CO', numbers: [c!], numberField: 'did', signal: signal() })
    expect(second.reserveId).toBe(first.reserveId)
    const removed = await vitcom.client.removeReserved({ reserveId: first.reserveId, numbers: [b!, '3035550000'], signal: signal() })
    expect(removed).toEqual({ removed: [b], notAvailable: ['3035550000'] })

    const order = await vitcom.client.generateOrder({ trunkId: '100', reserveId: first.reserveId, signal: signal() })
    expect(order.numbers.sort()).toEqual([a, c].sort())
    expect(order.amount).toBeGreaterThan(0)
    const [pending] = await vitcom.client.getNewOrders({ orderId: order.orderId, signal: signal() })
    expect(pending).toMatchObject({ orderId: order.orderId, status: '0' })
    await vitcom.client.processOrder({ orderId: order.orderId, signal: signal() })
    const [processed] = await vitcom.client.getNewOrders({ orderId: order.orderId, signal: signal() })
    expect(processed?.status).toBe('1')
    const owned = await vitcom.client.getMyNumbers({ filter: { orderNo: order.orderId }, signal: signal() })
    expect(owned.map((row) => row.tn).sort()).toEqual([a, c].sort())
    expect(owned.every((row) => row.status === '1' && row.trunkId === '100')).toBe(true)
    expect(vitcom.ledger('process_order').filter((entry) => entry.details.orderId === order.orderId)).toHaveLength(1)

    expect((await refusal(vitcom.client.processOrder({ orderId: order.orderId, signal: signal() }))).info.message).toBe('Order already processed.')
    expect((await refusal(vitcom.client.processOrder({ orderId: '1', signal: signal() }))).info.message).toBe('Invalid orderId')
  })

  it('bulk reserves by quantity and orders through generate_new_order as well', async () => {
    const reservation = await vitcom.client.bulkReserveNumbers({ category: 'tollfree', tfnPrefix: '888', quantity: 3, signal: signal() })
    expect(reservation.numbers).toHaveLength(3)
    expect(reservation.numbers.every((tn) => tn.startsWith('888'))).toBe(true)
    const before = vitcom.requests('generate_new_order')
    // Reach the variant name directly through the transport, as client code does.
    const order = await vitcom.client.transport.call('generate_new_order', { trunk_id: '101', reserveId: reservation.reserveId }, GeneratedOrderAnswer, {
      signal: signal(),
      kind: 'mutation',
    })
    expect(order.numbers.sort()).toEqual([...reservation.numbers].sort())
    expect(vitcom.requests('generate_new_order')).toBe(before + 1)
    expect((await refusal(vitcom.client.bulkReserveNumbers({ category: 'landline', state: 'ZZ', quantity: 5, signal: signal() }))).info.message).toMatch(/^Invalid/)
    await expect(vitcom.client.bulkReserveNumbers({ category: 'landline', quantity: 1001, signal: signal() })).rejects.toMatchObject({ code: 'validation' })
  })

  it('refuses taken numbers, an empty cart order and a wrong trunk', async () => {
    const [owned] = await vitcom.client.getMyNumbers({ filter: { status: 'active' }, signal: signal() })
    expect((await refusal(vitcom.client.reserveNumbers({ category: 'landline', state: 'FL', numbers: [owned!.tn], signal: signal() }))).info.message).toMatch(/^Invalid/)
    const [did] = await vitcom.client.searchDids({ state: 'TX', signal: signal() })
    const cart = await vitcom.client.reserveNumbers({ category: 'landline', state: 'TX', numbers: [did!.tn], signal: signal() })
    expect((await refusal(vitcom.client.generateOrder({ trunkId: '99999', reserveId: cart.reserveId, signal: signal() }))).info.message).toBe('Invalid trunk_id')
    await vitcom.client.removeReserved({ reserveId: cart.reserveId, signal: signal() })
    expect((await refusal(vitcom.client.generateOrder({ trunkId: '100', reserveId: cart.reserveId, signal: signal() }))).info.message).toBe('Invalid reserveId')
  })
})

describe('my numbers', () => {
  it('lists by filter and updates status, trunk group and CNAM; refuses unknown numbers', async () => {
    const active = await vitcom.client.getMyNumbers({ filter: { status: 'active', trunkId: '102' }, signal: signal() })
    expect(active.length).toBeGreaterThan(0)
    expect(active.every((row) => row.status === '1' && row.trunkId === '102')).toBe(true)
    const tn = active[0]!.tn
    await vitcom.client.updateNumbers({ numbers: [tn], trunkId: '103', status: 'inactive', cnam: 'Lab Desk', signal: signal() })
    const [changed] = (await vitcom.client.getMyNumbers({ filter: { trunkId: '103', status: 'inactive' }, signal: signal() })).filter((row) => row.tn === tn)
    expect(changed).toMatchObject({ tn, status: '0', trunkId: '103', cnam: 'LAB DESK' })
    expect((await refusal(vitcom.client.updateNumbers({ numbers: ['2065550000'], status: 'active', signal: signal() }))).info.message).toBe('Invalid number')
    expect((await refusal(vitcom.client.getMyNumbers({ filter: { trunkId: '99999' }, signal: signal() }))).info.message).toBe('Invalid trunkId')
  })
})

describe('LNP', () => {
  it('checks portability, opens a port order with LOA and carrier document uploads, lists it and downloads the LOA', async () => {
    const check = await vitcom.client.checkPortability({ numbers: ['2065551234', '3125551234', '4155551234'], signal: signal() })
    expect([...check.accepted, ...check.rejected].sort()).toEqual(['2065551234', '3125551234', '4155551234'])
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.from('fake zip body')])
    const loaPath = join(dir.path, 'loa.zip')
    await writeFile(loaPath, zip)
    const created = await vitcom.client.generateLnpOrder({
      numbers: check.accepted,
      category: 'landline',
      subscriberType: 'business',
      loaAuthorizingPerson: 'Sunny Summertime',
      loaDocument: { path: loaPath },
      carrierDocument: { blob: new Blob([zip], { type: 'application/zip' }), name: 'bill.zip' },
      wirelessPin: '48213',
      subscriber: { addressCity: 'Portland', addressStateCode: 'OR' },
      signal: signal(),
    })
    expect(created.accepted.sort()).toEqual([...check.accepted].sort())
    const [entry] = vitcom.ledger('generate_lnp_order')
    expect(entry?.details.documents).toEqual({ loa: zip.length, carrier_doc: zip.length })
    expect(JSON.stringify(vitcom.ledger())).not.toContain('48213')

    const [order] = await vitcom.client.getLnpOrders({ orderId: created.orderNo, signal: signal() })
    expect(order).toMatchObject({ orderNo: created.orderNo, stage: 'Pending' })
    const file = join(dir.path, 'downloads', 'loa.zip')
    const download = await vitcom.client.downloadLnpDocument({ url: order!.loaUrl!, file, signal: signal() })
    expect(download.bytes).toBe(zip.length)
    expect(readFileSync(file).equals(zip)).toBe(true)
    expect(existsSync(`${file}.part`)).toBe(false)
  })

  it('refuses a port order without a readable document', async () => {
    const error = await refusal(
      vitcom.client.generateLnpOrder({
        numbers: ['2065557777'],
        category: 'landline',
        subscriberType: 'residential',
        loaAuthorizingPerson: 'Sunny Summertime',
        loaDocument: { blob: new Blob(['not a zip']), name: 'loa.txt' },
        carrierDocument: { blob: new Blob([Buffer.from([0x25, 0x50, 0x44, 0x46])]), name: 'doc.pdf' },
        signal: signal(),
      }),
    )
    expect(error.info.message).toBe('Invalid loa_doc')
    expect(error.info.ambiguous).toBe(false)
  })
})

describe('statistics and daily CDR files', () => {
  it('answers DID, trunk group and monthly statistics; refuses unknown subjects', async () => {
    const [owned] = await vitcom.client.getMyNumbers({ filter: { trunkId: '100' }, signal: signal() })
    const [did] = await vitcom.client.didStats({ numbers: [owned!.tn], signal: signal() })
    expect(did!.subject).toBe(owned!.tn)
    expect(did!.completed).toBeLessThanOrEqual(did!.processed!)
    const trunks = await vitcom.client.trunkGroupStats({ trunkIds: ['100', '101'], signal: signal() })
    expect(trunks.map((row) => row.subject)).toEqual(['100', '101'])
    const year = new Date(vitcom.sandbox.clock.now()).getUTCFullYear()
    const months = await vitcom.client.monthlySummary({ year, signal: signal() })
    expect(months.length).toBeGreaterThan(0)
    expect(months.every((row) => row.month?.startsWith(String(year)))).toBe(true)
    expect((await refusal(vitcom.client.didStats({ numbers: ['2065550000'], signal: signal() }))).info.message).toBe('Invalid number')
    expect((await refusal(vitcom.client.trunkGroupStats({ trunkIds: ['99999'], signal: signal() }))).info.message).toBe('Invalid tg_id')
  })

  it('lists daily CDR files for a range and streams one to disk', async () => {
    const all = await vitcom.client.dailyCdrs({ signal: signal() })
    expect(all).toHaveLength(5)
    const day = all[1]!.day
    const one = await vitcom.client.dailyCdrs({ from: day, to: day, signal: signal() })
    expect(one.map((row) => row.day)).toEqual([day])
    const file = join(dir.path, 'cdr', `${day}-success.csv`)
    const download = await vitcom.client.downloadCdrFile({ url: one[0]!.successUrl!, file, signal: signal() })
    const text = readFileSync(file, 'utf8')
    expect(download.bytes).toBe(Buffer.byteLength(text))
    expect(text.split('\n')[0]).toMatch(/^call_id,start_time/)
    expect(text.trimEnd().split('\n').length).toBeGreaterThan(100)
  })

  it('keeps no partial file when a download is cut short', async () => {
    const [day] = await vitcom.client.dailyCdrs({ signal: signal() })
    vitcom.carrier.faults.configure({ script: [{ fault: 'truncated', match: 'download_cdr', count: 1 }] })
    const file = join(dir.path, 'cdr', 'cut.csv')
    await expect(vitcom.client.downloadCdrFile({ url: day!.failedUrl!, file, signal: signal() })).rejects.toBeInstanceOf(CarrierError)
    expect(existsSync(file)).toBe(false)
    expect(existsSync(`${file}.part`)).toBe(false)
  })
})
