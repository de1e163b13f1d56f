/**
 * Contract tests of the Vitcom simulator's trunk groups (origination: define, list, update; termination:
 * define, list, disable, configuration sheet) and number porting (portability check, multipart LNP orders
 * with LOA and carrier documents, and their progress along the simulated clock).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dataOf, startVitcomHarness, type VitcomHarness } from './vitcom-helpers'

const hourMs = 3_600_000
const dayMs = 24 * hourMs

let vitcom: VitcomHarness

beforeAll(async () => {
  vitcom = await startVitcomHarness()
})

afterAll(async () => {
  await vitcom.sandbox.stop()
})

/** A small but real ZIP file (an empty archive: just the end-of-central-directory record). */
const emptyZip = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)])
/** A "ZIP" whose first entry header makes it recognisable as a ZIP with content. */
const loaZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, ...new Array<number>(20).fill(0), ...emptyZip])

function lnpForm(numbers: string, extra: Record<string, string> = {}): FormData {
  const form = new FormData()
  form.set('numbers', numbers)
  form.set('category', 'landline')
  form.set('subscriberType', 'business')
  form.set('loaAuthorizingPerson', 'Sunny Summertime')
  form.set('subscriberFirstName', 'Sunny')
  form.set('subscriberLastName', 'Summertime')
  form.set('addressCity', 'Portland')
  for (const [key, value] of Object.entries(extra)) form.set(key, value)
  form.set('loa_doc', new Blob([loaZip], { type: 'application/zip' }), 'loas.zip')
  form.set('carrier_doc', new Blob(['%PDF-1.4\n% bill copy\n'], { type: 'application/pdf' }), 'bill.pdf')
  return form
}

describe('Vitcom origination trunk groups', () => {
  it('defines, lists and updates a trunk group', async () => {
    const before = dataOf(await vitcom.post('get_trunk'))
    // The seeded five, and the old PBX trunk the seeded drift left disabled (status "0").
    expect(before.map((trunk) => trunk.id)).toEqual(['99', '100', '101', '102', '103', '104'])
    expect(before.map((trunk) => trunk.status)).toEqual(['0', '1', '1', '1', '1', '1'])
    const fields = ['id', 'accountno', 'title', 'primaryIP', 'primaryPort', 'prefix_1', 'secondaryIP', 'secondaryPort', 'prefix_2', 'date', 'req_sessions', 'alloc_sessions', 'status']
    for (const trunk of before) expect(Object.keys(trunk)).toEqual(expect.arrayContaining(fields))

    const created = await vitcom.post('defineTrunk', {
      title: 'Lab PBX',
      primaryTrunk: '203.0.113.10',
      primaryPrefix: '4321',
      primaryPort: '5060',
      secondaryTrunk: '203.0.113.11',
      billingType: 'Unmetered',
      sessions: '46',
      mou: 'Unlimited',
    })
    expect(created.body).toMatchObject({ status: '200', success: 'Trunk group added successfully.' })
    const id = String(created.body.trunkid)
    const listed = dataOf(await vitcom.post('get_trunk', { tg_id: id }))
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({ id, title: 'Lab PBX', primaryIP: '203.0.113.10', prefix_1: '4321', secondaryIP: '203.0.113.11', req_sessions: '46', status: '1', accountno: vitcom.credentials().accountno })
    expect(dataOf(await vitcom.post('get_trunk'))).toHaveLength(7)

    const updated = await vitcom.post('update_trunk', { trunkid: id, title: 'Lab PBX 2', primaryTrunk: '203.0.113.20' })
    expect(updated.body).toEqual({ status: '200', trunkid: id, success: 'Trunk successfully Updated.' })
    // Fields not given keep their values.
    expect(dataOf(await vitcom.post('get_trunk', { tg_id: id }))[0]).toMatchObject({ title: 'Lab PBX 2', primaryIP: '203.0.113.20', prefix_1: '4321', secondaryIP: '203.0.113.11' })
    expect(vitcom.ledger('defineTrunk')).toHaveLength(1)
    expect(vitcom.ledger('update_trunk')[0]?.details).toMatchObject({ trunkId: Number(id) })
  })

  it('refuses invalid trunk parameters', async () => {
    const base = { title: 'X', primaryTrunk: '198.51.100.7', billingType: 'Metered' }
    const cases: [string, Record<string, string>, string][] = [
      ['defineTrunk', { ...base, title: '' }, 'Invalid title'],
      ['defineTrunk', { title: 'X', billingType: 'Metered' }, 'Invalid primaryTrunk'],
      ['defineTrunk', { ...base, primaryTrunk: '300.1.1.1' }, 'Invalid primaryTrunk'],
      ['defineTrunk', { ...base, primaryPrefix: '12' }, 'Invalid primaryPrefix'],
      ['defineTrunk', { ...base, billingType: 'Flat' }, 'Invalid billingType'],
      ['defineTrunk', { ...base, billingType: 'Unmetered' }, 'Invalid sessions'],
      ['defineTrunk', { ...base, call_forwarding: '555' }, 'Invalid call_forwarding'],
      ['get_trunk', { tg_id: '9999' }, 'Invalid tg_id'],
      ['update_trunk', {}, 'Invalid trunkid'],
      ['update_trunk', { trunkid: '9999', title: 'Y' }, 'Invalid trunkid'],
      ['update_trunk', { trunkid: '100', secondaryTrunk: 'example' }, 'Invalid secondaryTrunk'],
    ]
    for (const [endpoint, fields, error] of cases) {
      expect({ endpoint, fields, body: (await vitcom.post(endpoint, fields)).body }).toEqual({ endpoint, fields, body: { status: '404', error } })
    }
  })

  it('reports trunk group, DID and monthly statistics', async () => {
    const stats = dataOf(await vitcom.post('tg_stats', { tg_id: '100,101' }))
    expect(stats.map((row) => row.tg_id)).toEqual(['100', '101'])
    for (const row of stats) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['accountno', 'number', 'processed', 'completed', 'acd', 'asr', 'mou', 'peak']))
      expect(Number(row.processed)).toBeGreaterThan(0)
      expect(Number(row.completed)).toBeLessThanOrEqual(Number(row.processed))
      expect(row.asr).toMatch(/^\d+%$/)
    }
    expect((await vitcom.post('tg_stats', { tg_id: '100,9999' })).body).toEqual({ status: '404', error: 'Invalid tg_id' })

    const owned = String(dataOf(await vitcom.post('getnumbers', { trunkId: '104' }))[0]?.didnumber)
    const didStats = dataOf(await vitcom.post('did_stats', { number: owned }))
    expect(didStats[0]).toMatchObject({ number: owned, accountno: vitcom.credentials().accountno })
    expect((await vitcom.post('did_stats', { number: '2125550100' })).body).toEqual({ status: '404', error: 'Invalid number' })
    expect((await vitcom.post('did_stats')).body).toEqual({ status: '404', error: 'Invalid number' })

    const now = new Date(vitcom.sandbox.clock.now() - dayMs)
    const year = String(now.getUTCFullYear())
    const month = String(now.getUTCMonth() + 1)
    const monthly = dataOf(await vitcom.post('monthly_summary', { year, month }))
    expect(monthly).toHaveLength(1)
    expect(monthly[0]?.month).toBe(`${year}-${month.padStart(2, '0')}-1`)
    expect(Number(monthly[0]?.processed)).toBeGreaterThan(0)
    expect(dataOf(await vitcom.post('monthly_summary', { year: '2001' }))).toEqual([])
    expect((await vitcom.post('monthly_summary')).body).toEqual({ status: '404', error: 'Invalid year' })
    expect((await vitcom.post('monthly_summary', { year, month: '13' })).body).toEqual({ status: '404', error: 'Invalid month' })
  })
})

describe('Vitcom termination trunk groups', () => {
  it('defines, lists and disables a termination trunk, with a downloadable configuration sheet', async () => {
    const created = await vitcom.post('defineTrunk_termination', { title: 'Dialer', ipaddress: '198.51.100.77', ports: '120', cps: '10' })
    expect(created.body).toMatchObject({ status: '200', success: 'Trunk group added successfully.' })
    const id = String(created.body.trunkid)
    const listed = dataOf(await vitcom.post('get_trunk_termination'))
    expect(listed.map((trunk) => trunk.id)).toEqual(['500', '501', id])
    const trunk = dataOf(await vitcom.post('get_trunk_termination', { tg_id: id }))[0]!
    expect(trunk).toMatchObject({ id, ipaddress: '198.51.100.77', ports: '120', cps: '10', ports_assigned: '120', cps_assigned: '10', status: '1' })
    for (const field of ['accountno', 'config']) expect(trunk[field]).toEqual(expect.any(String))

    const sheet = await fetch(String(trunk.config))
    expect(sheet.status).toBe(200)
    expect(sheet.headers.get('content-type')).toBe('application/pdf')
    const sheetText = Buffer.from(await sheet.arrayBuffer()).toString('latin1')
    expect(sheetText.startsWith('%PDF-')).toBe(true)
    expect(sheetText).toContain('198.51.100.77')

    const disabled = await vitcom.post('disable_trunk_termination', { tg_id: id })
    expect(disabled.body).toMatchObject({ status: '200', 'Removed TNs': 'Diabled Successfully' })
    expect(dataOf(await vitcom.post('get_trunk_termination', { tg_id: id }))[0]).toMatchObject({ status: '0', ports_assigned: '0' })
    await vitcom.post('disable_trunk_termination', { tg_id: id })
    expect(vitcom.ledger('disable_trunk_termination')).toHaveLength(1)
    expect(vitcom.ledger('defineTrunk_termination')[0]?.details).toMatchObject({ ipaddress: '198.51.100.77', ports: 120 })

    expect((await vitcom.post('disable_trunk_termination', { tg_id: '9999' })).body).toEqual({ status: '404', error: 'Invalid tg_id' })
    expect((await vitcom.post('disable_trunk_termination')).body).toEqual({ status: '404', error: 'Invalid tg_id' })
    expect((await vitcom.post('defineTrunk_termination', { title: 'X', ipaddress: '198.51.100.78', ports: '0' })).body).toEqual({ status: '404', error: 'Invalid ports' })
    expect((await vitcom.post('defineTrunk_termination', { title: 'X', ports: '10' })).body).toEqual({ status: '404', error: 'Invalid ipaddress' })
  })

  it('reports termination statistics and monthly summary', async () => {
    const stats = dataOf(await vitcom.post('tg_stats_termination', { tg_id: '500' }))
    expect(stats[0]).toMatchObject({ tg_id: '500', accountno: vitcom.credentials().accountno })
    expect(Number(stats[0]?.processed)).toBeGreaterThan(0)
    expect((await vitcom.post('tg_stats_termination', { tg_id: '77' })).body).toEqual({ status: '404', error: 'Invalid tg_id' })
    const year = String(new Date(vitcom.sandbox.clock.now() - dayMs).getUTCFullYear())
    const monthly = dataOf(await vitcom.post('monthly_summary_termination', { year }))
    expect(monthly.length).toBeGreaterThan(0)
    expect(monthly.every((row) => /^\d{4}-\d{2}-1$/.test(String(row.month)))).toBe(true)
  })
})

describe('Vitcom number porting', () => {
  it('checks portability: numbers already on the account are rejected', async () => {
    const owned = String(dataOf(await vitcom.post('getnumbers', { status: '1' }))[0]?.didnumber)
    const answer = await vitcom.post('check_lnp', { numbers: `1${owned},13035550142` })
    expect(answer.body.status).toBe('200')
    expect(answer.body.rejected).toContain(`1${owned}`)
    expect([...(answer.body.accepted as string[]), ...(answer.body.rejected as string[])].sort()).toEqual([`1${owned}`, '13035550142'].sort())
    expect((await vitcom.post('check_lnp')).body).toEqual({ status: '404', error: 'Invalid numbers' })
    expect((await vitcom.post('check_lnp', { numbers: '12' })).body).toEqual({ status: '404', error: 'Invalid numbers' })
  })

  it('requires the LOA and carrier documents as multipart uploads', async () => {
    const plain = await vitcom.post('generate_lnp_order', { numbers: '13035550143', category: 'landline', subscriberType: 'business', loaAuthorizingPerson: 'Sunny Summertime' })
    expect(plain.body).toEqual({ status: '404', error: 'Invalid loa_doc' })
    const withoutCarrierDoc = lnpForm('13035550143')
    withoutCarrierDoc.delete('carrier_doc')
    expect((await vitcom.postMultipart('generate_lnp_order', withoutCarrierDoc)).body).toEqual({ status: '404', error: 'Invalid carrier_doc' })
    const textLoa = lnpForm('13035550143')
    textLoa.set('loa_doc', new Blob(['just text']), 'loa.txt')
    expect((await vitcom.postMultipart('generate_lnp_order', textLoa)).body).toEqual({ status: '404', error: 'Invalid loa_doc' })
    expect((await vitcom.postMultipart('generate_lnp_order', lnpForm('13035550143', { subscriberType: 'alien' }))).body).toEqual({ status: '404', error: 'Invalid subscriberType' })
    const saturday = new Date(vitcom.sandbox.clock.now() + 10 * dayMs)
    saturday.setUTCDate(saturday.getUTCDate() + ((6 - saturday.getUTCDay() + 7) % 7))
    const weekendFoc = lnpForm('13035550143', { requestedFocDate: `${saturday.toISOString().slice(0, 10)} 15:00:00` })
    expect((await vitcom.postMultipart('generate_lnp_order', weekendFoc)).body).toEqual({ status: '404', error: 'Invalid requestedFocDate' })
    expect(vitcom.ledger('generate_lnp_order')).toHaveLength(0)
  })

  it('moves LNP orders through their states on the simulated clock; about one in five is rejected with a reason', async () => {
    const candidates = Array.from({ length: 40 }, (_, i) => `1303555${String(1000 + i)}`)
    const accepted = (await vitcom.post('check_lnp', { numbers: candidates.join(',') })).body.accepted as string[]
    expect(accepted.length).toBeGreaterThanOrEqual(10)

    const orderNos: string[] = []
    for (const number of accepted.slice(0, 10)) {
      const created = await vitcom.postMultipart('generate_lnp_order', lnpForm(number))
      expect(created.body).toMatchObject({ status: '200', success: 'Order Generated Successfully.', orderType: 'Portin', acceptedTns: [number], orderStatus: '0' })
      orderNos.push(String(created.body.orderNo))
    }
    expect(vitcom.ledger('generate_lnp_order')).toHaveLength(10)

    const orders = async () => dataOf(await vitcom.post('get_lnp_orders'), 'Orders').filter((order) => orderNos.includes(String(order.orderno)))
    const first = dataOf(await vitcom.post('get_lnp_orders', { orderId: orderNos[0]! }), 'Orders')[0]!
    expect(first).toMatchObject({ orderType: 'Portin', status: '0', portStatus: 'Pending', loaAuthorizingPerson: 'Sunny Summertime', subscriberFirstName: 'Sunny', addressCity: 'Portland', actualFocDate: '' })
    // The uploaded LOA is stored and served back at the order's `loa` URL.
    const loa = await fetch(String(first.loa))
    expect(loa.status).toBe(200)
    expect(new Uint8Array(await loa.arrayBuffer())).toEqual(loaZip)

    vitcom.sandbox.clock.advance(3 * hourMs)
    expect((await orders()).every((order) => order.portStatus === 'Submitted' && order.status === '1')).toBe(true)

    vitcom.sandbox.clock.advance(dayMs)
    const decided = await orders()
    const rejected = decided.filter((order) => order.portStatus === 'Rejected')
    const confirmed = decided.filter((order) => order.portStatus === 'FOC')
    expect(rejected.length + confirmed.length).toBe(10)
    expect(rejected.length).toBeGreaterThanOrEqual(1)
    expect(rejected.length).toBeLessThanOrEqual(5)
    for (const order of rejected) expect(order).toMatchObject({ status: '4', rejectionReason: expect.stringMatching(/\w+/), actualFocDate: '' })
    for (const order of confirmed) expect(order.actualFocDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    expect(vitcom.ledger('lnp_rejected')).toHaveLength(rejected.length)

    vitcom.sandbox.clock.advance(7 * dayMs)
    const completed = (await orders()).filter((order) => order.portStatus === 'Completed')
    expect(completed).toHaveLength(confirmed.length)
    const portedIn = dataOf(await vitcom.post('getnumbers')).filter((row) => row.orderType === 'Portin' && completed.some((order) => order.orderno === row.orderno))
    expect(portedIn.map((row) => row.didnumber).sort()).toEqual(completed.flatMap((order) => (order.numbers as string[])).sort())
    const lnpCharges = dataOf(await vitcom.post('financial_summary', { activitytype: 'Order (LNP)' }))
    expect(lnpCharges).toHaveLength(completed.length)
    expect(vitcom.ledger('lnp_completed')).toHaveLength(completed.length)
  })
})
