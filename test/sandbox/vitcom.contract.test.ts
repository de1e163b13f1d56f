/**
 * Contract tests of the Vitcom / TelecomCloud simulator, over raw HTTP form POSTs: credentials in the body,
 * string statuses and the documented error shape, availability searches, the order cart (reserve, bulk
 * reserve, remove, gen_order / generate_new_order, process_order), the account's numbers, and an
 * ambiguous failure (connection reset after the order was processed) that must not double-charge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dataOf, startVitcomHarness, type VitcomHarness } from './vitcom-helpers'

let vitcom: VitcomHarness

beforeAll(async () => {
  vitcom = await startVitcomHarness()
})

afterAll(async () => {
  await vitcom.sandbox.stop()
})

async function balance(): Promise<number> {
  const rows = dataOf(await vitcom.post('financial_summary'))
  return Number(rows.at(-1)?.balance)
}

describe('Vitcom account and authentication', () => {
  it('describes the seeded account the way `accounts add` takes it', () => {
    const account = vitcom.carrier.account
    expect(account).toMatchObject({ carrier: 'vitcom', name: 'Sandbox Vitcom', environment: 'sandbox', baseUrl: vitcom.carrier.baseUrl })
    expect(account.baseUrl.endsWith('/api/did')).toBe(true)
    expect(account.accountNo).toMatch(/^\d{7}$/)
    expect(account.secrets.token).toMatch(/^[0-9a-f]{32}$/)
  })

  it('answers a wrong token, a wrong account number and missing credentials with the documented error', async () => {
    const { token, accountno } = vitcom.credentials()
    const wrongToken = await vitcom.post('availabilitystate', { token: 'not-the-token', accountno }, false)
    expect(wrongToken.httpStatus).toBe(404)
    expect(wrongToken.body).toEqual({ status: '404', error: 'Invalid token' })
    const wrongAccount = await vitcom.post('availabilitystate', { token, accountno: '0000000' }, false)
    expect(wrongAccount.body).toEqual({ status: '404', error: 'Invalid accountno' })
    const missing = await vitcom.post('getnumbers', {}, false)
    expect(missing.body).toEqual({ status: '404', error: 'Invalid token' })
  })

  it('accepts only POST and answers JSON errors for unknown endpoints', async () => {
    const get = await fetch(`${vitcom.carrier.baseUrl}/availabilitystate`)
    expect(get.status).toBe(405)
    expect(await get.json()).toMatchObject({ status: '405' })
    const unknown = await vitcom.post('no_such_endpoint')
    expect(unknown.httpStatus).toBe(404)
    expect(unknown.body.status).toBe('404')
  })

  it('treats a scripted token-expired fault as an invalid token', async () => {
    vitcom.carrier.faults.configure({ script: [{ fault: 'token-expired', match: 'availabilitystate' }] })
    const expired = await vitcom.post('availabilitystate')
    expect(expired.body).toEqual({ status: '404', error: 'Invalid token' })
    const after = await vitcom.post('availabilitystate')
    expect(after.body.status).toBe('200')
  })
})

describe('Vitcom availability', () => {
  it('lists states with available DIDs', async () => {
    const answer = await vitcom.post('availabilitystate')
    expect(answer.httpStatus).toBe(200)
    expect(answer.contentType).toContain('application/json')
    expect(answer.body.status).toBe('200')
    expect(answer.body.data).toEqual(expect.arrayContaining(['CA', 'CO', 'FL', 'WA']))
  })

  it('lists NPANXX codes of a state with NPA and rate center, and requires the state', async () => {
    const answer = await vitcom.post('availabilitynpanxx', { state: 'WA' })
    const rows = dataOf(answer)
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['NPA', 'NPANXX', 'RateCenter'])
      expect(['206', '509']).toContain(row.NPA)
      expect(String(row.NPANXX).startsWith(String(row.NPA))).toBe(true)
    }
    expect(rows.map((row) => row.RateCenter)).toContain('SEATTLE')
    expect((await vitcom.post('availabilitynpanxx')).body).toEqual({ status: '404', error: 'Invalid state' })
    expect((await vitcom.post('availabilitynpanxx', { state: 'ZZ' })).body).toEqual({ status: '404', error: 'Invalid state' })
  })

  it('searches DIDs by state, NPANXX and exact number', async () => {
    const npanxx = String(dataOf(await vitcom.post('availabilitynpanxx', { state: 'FL' }))[0]?.NPANXX)
    const byState = dataOf(await vitcom.post('searchdid', { state: 'FL' }), 'DIDs')
    expect(byState.length).toBeGreaterThan(10)
    for (const did of byState) {
      expect(did.TN).toMatch(/^\d{10}$/)
      expect(did.statusid).toBe('0')
    }
    const byNpanxx = dataOf(await vitcom.post('searchdid', { state: 'FL', NPANXX: npanxx }), 'DIDs')
    expect(byNpanxx.length).toBeGreaterThan(0)
    expect(byNpanxx.every((did) => String(did.TN).startsWith(npanxx))).toBe(true)
    const exact = String(byNpanxx[3]?.TN)
    expect(dataOf(await vitcom.post('searchdid', { state: 'FL', NPANXXYYYY: exact }), 'DIDs')).toEqual([{ TN: exact, statusid: '0' }])
    expect((await vitcom.post('searchdid', {})).body).toEqual({ status: '404', error: 'Invalid state' })
    expect((await vitcom.post('searchdid', { state: 'FL', NPANXX: '12' })).body).toEqual({ status: '404', error: 'Invalid NPANXX' })
  })

  it('searches toll-free numbers by prefix', async () => {
    const tfns = dataOf(await vitcom.post('searchtfn', { tfn_prefix: '877' }), 'TFNs')
    expect(tfns.length).toBeGreaterThan(10)
    expect(tfns.every((tfn) => /^877\d{7}$/.test(String(tfn.TN)) && tfn.statusid === '0')).toBe(true)
    expect((await vitcom.post('searchtfn', { tfn_prefix: '123' })).body).toEqual({ status: '404', error: 'Invalid tfn_prefix' })
    expect((await vitcom.post('searchtfn')).body).toEqual({ status: '404', error: 'Invalid tfn_prefix' })
  })
})

describe('Vitcom order cart', () => {
  it('reserves, bulk reserves, removes, orders and processes: numbers are allocated and the balance charged', async () => {
    const dids = dataOf(await vitcom.post('searchdid', { state: 'TX' }), 'DIDs').map((did) => String(did.TN))
    const [first, second, third] = dids
    const balanceBefore = await balance()

    const reserved = await vitcom.post('reserve', { category: 'landline', state: 'TX', number: first! })
    expect(reserved.httpStatus).toBe(200)
    expect(reserved.body).toEqual({ status: '200', reserveId: expect.stringMatching(/^\d+$/), TNs: [first] })
    const reserveId = String(reserved.body.reserveId)
    // Client code sends `did` instead of `number`: same cart.
    const viaDid = await vitcom.post('reserve', { category: 'landline', state: 'TX', did: second! })
    expect(viaDid.body).toEqual({ status: '200', reserveId, TNs: [second] })
    const again = await vitcom.post('reserve', { category: 'landline', state: 'TX', number: first! })
    expect(again.body).toEqual({ status: '404', error: 'Invalid number' })

    const bulk = await vitcom.post('bulkreserve', { category: 'landline', state: 'CO', quantity: '3' })
    expect(bulk.body.reserveId).toBe(reserveId)
    const bulkTns = bulk.body.TNs as string[]
    expect(bulkTns).toHaveLength(3)
    expect([...bulkTns].sort()).toEqual(bulkTns)
    expect(bulkTns.every((tn) => tn.startsWith('303'))).toBe(true)

    // Reserved numbers are no longer offered.
    const stillListed = dataOf(await vitcom.post('searchdid', { state: 'TX' }), 'DIDs').map((did) => did.TN)
    expect(stillListed).not.toContain(first)

    const removed = await vitcom.post('remove_reserved', { reserveId, number: `${bulkTns[0]},${third}` })
    expect(removed.body).toEqual({ status: '200', 'Removed TNs': [bulkTns[0]], 'TNs not available': [third] })

    const order = await vitcom.post('gen_order', { trunk_id: '100', reserveId })
    expect(order.body).toMatchObject({
      status: '200',
      success: 'Order Generated successfully.',
      orderId: expect.stringMatching(/^\d+$/),
      tg_id: '100',
      orderType: 'New',
      didCategory: 'Landline',
      orderStatus: '0',
    })
    for (const money of ['amount', 'per_order_cost', 'taxes', 'other_charges', 'discount']) {
      expect(order.body[money]).toMatch(/^\d+\.\d{2}$/)
    }
    expect(order.body.date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    const ordered = [first, second, bulkTns[1], bulkTns[2]]
    expect([...(order.body.numbers as string[])].sort()).toEqual([...ordered].sort())
    const orderId = String(order.body.orderId)
    const amount = Number(order.body.amount)
    expect(amount).toBeGreaterThan(0)

    // The cart became the order: the reserveId is spent.
    expect((await vitcom.post('gen_order', { trunk_id: '100', reserveId })).body).toEqual({ status: '404', error: 'Invalid reserveId' })
    const pending = dataOf(await vitcom.post('get_new_orders', { orderId }), 'Orders')
    expect(pending[0]).toMatchObject({ orderno: orderId, status: '0', accountno: vitcom.credentials().accountno })
    // Nothing is allocated before process_order.
    expect(dataOf(await vitcom.post('getnumbers', { orderno: orderId }))).toEqual([])

    const processed = await vitcom.post('process_order', { orderId })
    expect(processed.body).toEqual({ status: '200', success: 'Order Processed Successfully.', orderId })

    const mine = dataOf(await vitcom.post('getnumbers', { orderno: orderId }))
    expect(mine.map((row) => row.didnumber).sort()).toEqual([...ordered].sort())
    for (const row of mine) expect(row).toMatchObject({ status: '1', orderType: 'New', trunkId: '100', didRate: expect.stringMatching(/^\d+\.\d{2}$/) })

    expect(await balance()).toBeCloseTo(balanceBefore - amount, 2)
    const charges = dataOf(await vitcom.post('financial_summary', { activitytype: 'Order (New DIDs)' }))
    expect(charges.at(-1)).toMatchObject({ activity: 'Order (New DIDs)', debit: order.body.amount, credit: '0.00' })
    expect(dataOf(await vitcom.post('get_new_orders', { orderId }), 'Orders')[0]?.status).toBe('1')

    expect((await vitcom.post('process_order', { orderId })).body).toEqual({ status: '404', error: 'Order already processed.' })
    expect(vitcom.ledger('process_order').filter((entry) => entry.details.orderId === orderId)).toHaveLength(1)
    const operations = vitcom.ledger().map((entry) => entry.operation)
    expect(operations).toEqual(expect.arrayContaining(['reserve', 'bulkreserve', 'remove_reserved', 'gen_order', 'process_order']))
  })

  it('accepts the generate_new_order name and toll-free carts', async () => {
    const tfn = String(dataOf(await vitcom.post('searchtfn', { tfn_prefix: '888' }), 'TFNs')[0]?.TN)
    const reserved = await vitcom.post('reserve', { category: 'tollfree', tfn_prefix: '888', number: tfn })
    expect(reserved.body.TNs).toEqual([tfn])
    const order = await vitcom.post('generate_new_order', { trunk_id: '101', reserveId: String(reserved.body.reserveId) })
    expect(order.body).toMatchObject({ status: '200', didCategory: 'TollFree', tg_id: '101', numbers: [tfn] })
    const processed = await vitcom.post('process_order', { orderId: String(order.body.orderId) })
    expect(processed.body.status).toBe('200')
    const tollFree = dataOf(await vitcom.post('getnumbers', { category: 'tollfree' }))
    expect(tollFree.map((row) => row.didnumber)).toContain(tfn)
  })

  it('removes the whole cart when no number is given', async () => {
    const [a, b] = dataOf(await vitcom.post('searchdid', { state: 'GA' }), 'DIDs').map((did) => String(did.TN))
    const reserveId = String((await vitcom.post('reserve', { category: 'landline', state: 'GA', number: `${a},${b}` })).body.reserveId)
    const removed = await vitcom.post('remove_reserved', { reserveId })
    expect(removed.body).toEqual({ status: '200', 'Removed TNs': [a, b], 'TNs not available': [] })
    expect((await vitcom.post('gen_order', { trunk_id: '100', reserveId })).body).toEqual({ status: '404', error: 'Invalid reserveId' })
    // Removed numbers are for sale again.
    expect(dataOf(await vitcom.post('searchdid', { state: 'GA', NPANXXYYYY: a! }), 'DIDs')).toHaveLength(1)
  })

  it('refuses missing or invalid parameters with "Invalid {parameter}"', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['reserve', { state: 'TX', number: '2125550100' }, 'Invalid category'],
      ['reserve', { category: 'landline', state: 'TX' }, 'Invalid number'],
      ['reserve', { category: 'landline', number: '2125550100' }, 'Invalid state'],
      ['reserve', { category: 'landline', state: 'NY', number: '2125550100' }, 'Invalid number'],
      ['reserve', { category: 'tollfree', number: '8775550100' }, 'Invalid tfn_prefix'],
      ['bulkreserve', { category: 'landline', state: 'TX' }, 'Invalid quantity'],
      ['bulkreserve', { category: 'landline', state: 'TX', quantity: '1001' }, 'Invalid quantity'],
      ['remove_reserved', {}, 'Invalid reserveId'],
      ['gen_order', { reserveId: '1' }, 'Invalid trunk_id'],
      ['gen_order', { trunk_id: '100', reserveId: '1' }, 'Invalid reserveId'],
      ['gen_order', { trunk_id: '999', reserveId: '1' }, 'Invalid trunk_id'],
      ['process_order', {}, 'Invalid orderId'],
      ['process_order', { orderId: '42' }, 'Invalid orderId'],
      ['get_new_orders', { orderId: '42' }, 'Invalid orderId'],
      ['getnumbers', { status: '7' }, 'Invalid status'],
      ['getnumbers', { category: 'mobile' }, 'Invalid category'],
    ]
    for (const [endpoint, fields, error] of cases) {
      const answer = await vitcom.post(endpoint, fields)
      expect({ endpoint, fields, body: answer.body, httpStatus: answer.httpStatus }).toEqual({ endpoint, fields, body: { status: '404', error }, httpStatus: 404 })
    }
  })
})

describe('Vitcom numbers', () => {
  it('lists every owned number in the documented fields', async () => {
    const rows = dataOf(await vitcom.post('getnumbers', { category: 'landline' }))
    // 300 sandbox numbers, 30% at Vitcom, plus what the cart tests ordered.
    expect(rows.length).toBeGreaterThanOrEqual(90)
    const fields = ['didnumber', 'trunkGroup', 'prefix1', 'trunkGroup2', 'prefix2', 'didRate', 'didType', 'orderType', 'status', 'cnam']
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(fields))
      expect(row.didnumber).toMatch(/^\d{10}$/)
      expect(['0', '1', '2']).toContain(row.status)
      expect(['Metered', 'Unmetered']).toContain(row.didType)
    }
    expect(new Set(rows.map((row) => row.didnumber)).size).toBe(rows.length)
    const onTrunk = dataOf(await vitcom.post('getnumbers', { trunkId: '102' }))
    expect(onTrunk.length).toBeGreaterThan(0)
    expect(onTrunk.every((row) => row.trunkId === '102')).toBe(true)
  })

  it('updates status, trunk group and CNAM of owned numbers', async () => {
    const [one, two] = dataOf(await vitcom.post('getnumbers', { trunkId: '100', status: '1' })).map((row) => String(row.didnumber))
    const updated = await vitcom.post('updatenumber', { number: `${one},${two}`, trunkId: '103', status: '0' })
    expect(updated.body).toEqual({ status: '200', success: 'Trunk successfully Updated.' })
    const inactive = dataOf(await vitcom.post('getnumbers', { trunkId: '103', status: '0' })).map((row) => row.didnumber)
    expect(inactive).toEqual(expect.arrayContaining([one, two]))
    const trunk = dataOf(await vitcom.post('get_trunk', { tg_id: '103' }))[0]
    const row = dataOf(await vitcom.post('getnumbers', { trunkId: '103' })).find((candidate) => candidate.didnumber === one)
    expect(row).toMatchObject({ trunkGroup: trunk?.primaryIP, prefix1: trunk?.prefix_1, status: '0' })

    await vitcom.post('updatenumber', { number: one!, cnam: 'Acme Widgets' })
    const renamed = dataOf(await vitcom.post('getnumbers', { trunkId: '103' })).find((candidate) => candidate.didnumber === one)
    expect(renamed?.cnam).toBe('ACME WIDGETS')
    expect(vitcom.ledger('updatenumber').some((entry) => (entry.details.numbers as string[]).includes(two!))).toBe(true)

    expect((await vitcom.post('updatenumber', { number: '2125550100', status: '1' })).body).toEqual({ status: '404', error: 'Invalid number' })
    expect((await vitcom.post('updatenumber', { number: one!, trunkId: '999' })).body).toEqual({ status: '404', error: 'Invalid trunkId' })
    expect((await vitcom.post('updatenumber', { status: '1' })).body).toEqual({ status: '404', error: 'Invalid number' })
  })
})

describe('Vitcom ambiguous failure', () => {
  it('commits process_order exactly once when the connection drops after the commit', async () => {
    const tn = String(dataOf(await vitcom.post('searchdid', { state: 'OH' }), 'DIDs')[0]?.TN)
    const reserveId = String((await vitcom.post('reserve', { category: 'landline', state: 'OH', number: tn })).body.reserveId)
    const orderId = String((await vitcom.post('gen_order', { trunk_id: '100', reserveId })).body.orderId)
    const balanceBefore = await balance()

    vitcom.carrier.faults.configure({ script: [{ fault: 'reset-after-commit', match: 'process_order' }] })
    await expect(vitcom.post('process_order', { orderId })).rejects.toThrow()

    const processed = vitcom.ledger('process_order').filter((entry) => entry.details.orderId === orderId)
    expect(processed).toHaveLength(1)
    // A careful client checks before retrying: the order is already processed and the number allocated.
    expect(dataOf(await vitcom.post('get_new_orders', { orderId }), 'Orders')[0]?.status).toBe('1')
    expect(dataOf(await vitcom.post('getnumbers', { orderno: orderId })).map((row) => row.didnumber)).toEqual([tn])
    expect((await vitcom.post('process_order', { orderId })).body).toEqual({ status: '404', error: 'Order already processed.' })
    const charged = balanceBefore - (await balance())
    expect(charged).toBeGreaterThan(0)
    expect(vitcom.ledger('process_order').filter((entry) => entry.details.orderId === orderId)).toHaveLength(1)
  })
})
