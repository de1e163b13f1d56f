/**
 * Raw-HTTP contract tests of the Call48 simulator: bulk purchase (multipart CSV, Q -> P -> C over simulated
 * time, listing, CSV reports), OD trunk groups, signup and payment, customers and their features, and XDRs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../src/main/sandbox/index'
import { startCall48Harness, type Body, type Call48Harness } from './call48-helpers'

let harness: Call48Harness
let sandbox: Sandbox
const call: Call48Harness['call'] = (...args) => harness.call(...args)
const ledger: Call48Harness['ledger'] = (operation) => harness.ledger(operation)

function bulkForm(fields: Record<string, string>, csvText: string): FormData {
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) form.set(key, value)
  form.set('file', new Blob([csvText], { type: 'text/csv' }), 'anything.csv')
  return form
}

beforeAll(async () => {
  harness = await startCall48Harness({ numbers: 1_000, seed: 7, callsPerDay: 5_000, historyDays: 10 })
  sandbox = harness.sandbox
})

afterAll(async () => {
  await harness.stop()
})

describe('bulk purchase', () => {
  it('lists seeded orders with filters and paging', async () => {
    const all = await call('GET', '/lcl-did-bulk-purchase/list', { query: { page: '1', limit: '10' } })
    expect(all.body).toMatchObject({ code: 200, message: 'Successful Operation', error: null })
    expect(all.body.data.count).toBeGreaterThanOrEqual(2)
    expect(all.body.data.rows[0]).toEqual(
      expect.objectContaining({ bulk_order_id: expect.any(Number), order_no: expect.stringMatching(/^OBO-/), status: expect.any(String), quantity: expect.any(String), fulfilled_quantity: expect.any(String) }),
    )
    const complete = await call('GET', '/lcl-did-bulk-purchase/list', { query: { page: '1', status: 'C' } })
    expect(complete.body.data.rows.every((row: Body) => row.status === 'C')).toBe(true)
    const paged = await call('GET', '/lcl-did-bulk-purchase/list', { query: { page: '2', limit: '1' } })
    expect(paged.body.data.rows).toHaveLength(1)
    expect(paged.body.data.rows[0].bulk_order_id).not.toBe(all.body.data.rows[0].bulk_order_id)
    expect((await call('GET', '/lcl-did-bulk-purchase/list', { query: { limit: '10' } })).status).toBe(400)
  })

  it('queues a state order from a CSV, moves it Q -> P -> C over simulated time and fills the reports', async () => {
    const upload = await call('POST', '/lcl-did-bulk-purchase/new', {
      form: bulkForm({ order_type: 'state', fwd_trunk_grpid: '52610', did_tag: 'bulk-test', notes: 'contract test' }, 'state,quantity\nFL,3\nTX,2\nAL,1\n'),
    })
    expect(upload.body).toEqual({ code: 200, message: 'Successful Operation', data: true, error: null })
    const ordered = (await ledger('bulk-order')).at(-1)!
    const orderNo = ordered.details.order_no as string
    const find = async () => (await call('GET', '/lcl-did-bulk-purchase/list', { query: { page: '1', order_no: orderNo } })).body.data.rows[0] as Body
    expect((await find()).status).toBe('Q')
    sandbox.clock.advance(3 * 60_000)
    expect((await find()).status).toBe('P')
    const before = await call('GET', '/dids', { query: { type: 'local', page: '1', max: '1' } })
    sandbox.clock.advance(10 * 60_000)
    const done = await find()
    expect(done).toMatchObject({ status: 'C', quantity: '6', fulfilled_quantity: '5', did_event: 'Bulk State Purchase', notes: 'contract test' })
    const after = await call('GET', '/dids', { query: { type: 'local', page: '1', max: '1' } })
    expect(after.body.total).toBe(before.body.total + 5)

    const summary = await call('GET', `/lcl-did-bulk-purchase/summary_report/${done.bulk_order_id}`)
    expect(summary.headers.get('content-type')).toMatch(/text\/csv/)
    const summaryLines = summary.text.trim().split('\n')
    expect(summaryLines[0]).toBe('bulk_order_no,requested_quantity,fulfilled_quantity,search_lata,search_npa,search_state,search_rate_center,status')
    expect(summaryLines).toContain(`${orderNo},1,0,,,AL,,C`)
    const dids = await call('GET', `/lcl-did-bulk-purchase/did_report/${done.bulk_order_id}`)
    const didLines = dids.text.trim().split('\n')
    expect(didLines[0]).toBe('number,npa,lata,state,ratecenter')
    expect(didLines).toHaveLength(6)
    expect(didLines[1]).toMatch(/^1\d{10},\d{3},\d{3},(FL|TX),/)
    expect((await call('GET', '/lcl-did-bulk-purchase/did_report/99999')).status).toBe(404)
  })

  it('accepts NPA, LATA and rate center orders and rejects bad uploads', async () => {
    const npa = await call('POST', '/lcl-did-bulk-purchase/new', { form: bulkForm({ order_type: 'npa', fwd_trunk_grpid: '52610' }, '305,2\n') })
    expect(npa.body.code).toBe(200)
    const lata = await call('POST', '/lcl-did-bulk-purchase/new', { form: bulkForm({ order_type: 'lata', fwd_trunk_grpid: '52610' }, 'lata,quantity\n460,1\n') })
    expect(lata.body.code).toBe(200)
    const center = await call('POST', '/lcl-did-bulk-purchase/new', { form: bulkForm({ order_type: 'rate_center', fwd_trunk_grpid: '52610' }, 'FL,MIAMI,1\n') })
    expect(center.body.code).toBe(200)
    const queued = await call('GET', '/lcl-did-bulk-purchase/list', { query: { page: '1', status: 'Q' } })
    expect(queued.body.data.rows.map((row: Body) => row.did_event)).toEqual(expect.arrayContaining(['Bulk NPA Purchase', 'Bulk LATA Purchase', 'Bulk Rate Center Purchase']))
    const byType = await call('GET', '/lcl-did-bulk-purchase/list', { query: { page: '1', order_type: 'lata' } })
    expect(byType.body.data.rows.every((row: Body) => row.did_event === 'Bulk LATA Purchase')).toBe(true)

    expect((await call('POST', '/lcl-did-bulk-purchase/new', { form: bulkForm({ order_type: 'county', fwd_trunk_grpid: '52610' }, 'FL,1') })).status).toBe(400)
    expect((await call('POST', '/lcl-did-bulk-purchase/new', { form: bulkForm({ order_type: 'state', fwd_trunk_grpid: '52610' }, 'FL,zero') })).status).toBe(400)
    expect((await call('POST', '/lcl-did-bulk-purchase/new', { form: bulkForm({ order_type: 'state', fwd_trunk_grpid: '1' }, 'FL,1') })).body.code).toBe(400)
    expect((await call('POST', '/lcl-did-bulk-purchase/new', { body: { order_type: 'state' } })).status).toBe(400)
  })
})

describe('OD trunk groups', () => {
  it('creates a trunk group, adds and deletes IPs, and lists it', async () => {
    const created = await call('POST', '/trunkgrp/create', {
      body: { trunk_name: 'TG CONTRACT', route_type: 'RR', num_format: 'e164', cli_type: 'paid', prefix: '2377#', trunk_ips: [{ ip_address: '10.50.250.11' }, { ip_address: '10.50.250.15:5080' }] },
    })
    expect(created.body).toMatchObject({ code: 200, message: 'Trunk Group created successfully', error: null })
    const group = created.body.data as Body
    expect(group).toMatchObject({ trunk_name: 'TG CONTRACT', ext_tgstatus: 'queued', route_type: 'RR' })
    expect(group.trunk_ips).toEqual([
      { port: 5060, trunk_grpid: group.trunk_grpid, ip_address: '10.50.250.11' },
      { port: 5080, trunk_grpid: group.trunk_grpid, ip_address: '10.50.250.15' },
    ])
    expect((await call('POST', '/trunkgrp/create', { body: { trunk_name: 'Bad', trunk_ips: [{ ip_address: '999.1.1.1' }] } })).status).toBe(400)

    const updated = await call('PUT', '/trunkgrp/update', {
      body: { trunk_grpid: group.trunk_grpid, route_type: 'TD', deleted_ips: ['10.50.250.11'], trunk_ips: [{ ip_address: '10.50.250.77' }] },
    })
    expect(updated.body).toEqual({ code: 200, message: 'Success', data: null, error: null })
    const list = await call('GET', '/trunkgrp/list')
    expect(list.body).toMatchObject({ code: 200, message: 'Success', error: null })
    const listed = (list.body.data.result as Body[]).find((entry) => entry.trunk_grpid === group.trunk_grpid)!
    expect(listed).toMatchObject({ ext_tgid: group.ext_tgid, route_type: 'TD' })
    expect(listed.trunk_ips).toEqual(['10.50.250.15:5080', '10.50.250.77:5060'])
    expect(list.body.data.totalRecords).toBe(String(list.body.data.result.length))

    const missingIp = await call('PUT', '/trunkgrp/update', { body: { trunk_grpid: group.trunk_grpid, deleted_ips: ['10.9.9.9'], trunk_ips: [] } })
    expect(missingIp.body.code).toBe(400)
    expect((await call('PUT', '/trunkgrp/update', { body: { trunk_grpid: 424242, trunk_ips: [] } })).status).toBe(404)
    expect((await ledger('trunk-create')).at(-1)?.details.trunk_grpid).toBe(group.trunk_grpid)
    expect((await ledger('trunk-update')).at(-1)?.details).toMatchObject({ deleted: ['10.50.250.11'], added: ['10.50.250.77'] })

    const fresh = await call('GET', '/search', { query: { type: 'local', state: 'OH', limit: '1' } })
    const pick = fresh.body.data.result[0] as Body
    const routed = await call('POST', '/purchase', {
      body: { type: 'local', numbers: [{ npa: pick.npa, nxx: pick.nxx, xxxx: pick.xxxx, loc: fresh.body.data.loc, locData: pick.locData, fwd_trunk_grpid: group.ext_tgid }] },
    })
    expect(routed.body.code).toBe(200)
  })
})

describe('account', () => {
  it('signs up a new account that can then log in', async () => {
    const signup = {
      firstname: 'test', lastname: 'user', company: 'sample1', address: 'Brooklyn street', city: 'Brooklyn', country: 'US', state: 'NY',
      username: 'contract_user', password: 'contract-pass', confirmpassword: 'contract-pass', email: 'user@example.com', phone: '5555555555', terms: 1,
    }
    const answer = await call('POST', '/signup', { body: signup, auth: null })
    expect(answer.body).toEqual({ error: null, data: 'true' })
    const login = await call('POST', '/login', { body: { user_name: 'contract_user', password: 'contract-pass' }, auth: null })
    expect(login.body.data.token.split('.')).toHaveLength(3)
    expect((await call('POST', '/signup', { body: signup, auth: null })).body.code).toBe(400)
    expect((await call('POST', '/signup', { body: { ...signup, username: 'other', confirmpassword: 'nope' }, auth: null })).status).toBe(400)
    const entry = (await ledger('signup')).at(-1)!
    expect(entry.details.username).toBe('contract_user')
    expect(JSON.stringify(entry.details)).not.toContain('contract-pass')
  })

  it('takes payments over $20.00 only', async () => {
    expect((await call('GET', '/payment', { query: { amount: '40.00' } })).body).toEqual({ error: null, data: 'true' })
    expect((await call('GET', '/payment', { query: { amount: '10.00' } })).body.code).toBe(400)
    expect((await ledger('payment')).map((entry) => entry.details.amount)).toEqual(['40.00'])
  })
})

describe('customers', () => {
  it('lists and creates customers', async () => {
    const before = await call('GET', '/customers')
    expect(before.body.error).toBeNull()
    expect(before.body.total).toBe(before.body.data.length)
    expect(before.body.data[0]).toEqual(expect.objectContaining({ account_id: expect.any(Number), i_customer: expect.any(Number), login: expect.any(String) }))
    const customer = {
      portaClass: 2348, username: 'devsub1247', creditLimit: 50, creditLimitWarning: 20, email: 'test@example.com', password: '123456', salutation: 'Mr.',
      firstname: 'test', lastname: 'Sub1247', address: '1767 Hermitage Blvd', zip: '02501', city: 'brb', state: 'NY', country: 'US', portaCurrency: 'USD', portaBcc: 'a@example.com',
    }
    expect((await call('PUT', '/customers', { body: customer })).body).toEqual({ error: null, data: true, code: 200 })
    const after = await call('GET', '/customers')
    expect(after.body.total).toBe(before.body.total + 1)
    expect(after.body.data.map((entry: Body) => entry.login)).toContain('devsub1247')
    expect((await call('PUT', '/customers', { body: customer })).body.code).toBe(400)
    expect((await call('PUT', '/customers', { body: { username: 'x' } })).status).toBe(400)
  })

  it('sets simultaneous calls, call parking, discount plans, RTP and paging, and lists subscriptions', async () => {
    const customers = await call('GET', '/customers')
    const target = customers.body.data[0] as Body
    const answered = { error: null, data: { i_customer: target.i_customer } }
    expect((await call('PUT', '/limitsimulcalls', { body: { id: target.account_id, limitsimulcalls: 'yes', simulmaxcallsin: 3, simulmaxcallsout: 2, simulmaxcalls: 4 } })).body).toEqual(answered)
    expect((await call('PUT', '/limitsimulcalls', { body: { id: target.account_id, limitsimulcalls: 'yes', simulmaxcallsin: 9, simulmaxcallsout: 2, simulmaxcalls: 4 } })).status).toBe(400)
    expect((await call('POST', '/callparking', { body: { id: target.account_id, callparking: 'yes' } })).body).toEqual(answered)
    const plans = await call('GET', '/discountplan')
    expect(plans.body.data[0]).toEqual(expect.objectContaining({ i_vd_plan: expect.any(Number), name: expect.any(String) }))
    const plan = plans.body.data[0].i_vd_plan as number
    expect((await call('POST', '/discountplan', { body: { id: target.account_id, i_vd_plan: plan } })).body).toEqual(answered)
    expect((await call('POST', '/discountplan', { body: { id: target.account_id, i_vd_plan: 999999 } })).status).toBe(404)
    expect((await call('POST', '/rtp', { body: { id: String(target.account_id), rtp: '1' } })).body).toEqual(answered)
    expect((await call('POST', '/rtp', { body: { id: target.account_id, rtp: '7' } })).status).toBe(400)
    expect((await call('POST', '/paging', { body: { id: target.account_id, paging: 'Yes' } })).body).toEqual(answered)
    expect((await call('POST', '/paging', { body: { id: 424242, paging: 'yes' } })).status).toBe(404)
    const subscriptions = await call('GET', '/subscriptions', { query: { id: String(target.account_id) } })
    expect(subscriptions.body.error).toBeNull()
    expect(subscriptions.body.data[0]).toEqual(expect.objectContaining({ i_customer: target.i_customer, status: expect.any(String), start_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }))
    for (const operation of ['limit-simultaneous-calls', 'call-parking', 'discount-plan-add', 'rtp', 'paging']) {
      expect(await ledger(operation)).toHaveLength(1)
    }
  })
})

describe('XDRs', () => {
  const day = (offset: number): string => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10)

  it('pages a day of call records with a consistent total', async () => {
    const query = { from: `${day(2)} 00:00`, to: `${day(2)} 23:59`, page: '1', max: '100' }
    const first = await call('GET', '/xdr', { query })
    expect(first.body.error).toBeNull()
    expect(first.body.data.total).toBe(5_000)
    const records = first.body.data.xdr_list as Body[]
    expect(records).toHaveLength(100)
    expect(records[0]).toEqual(
      expect.objectContaining({ CLI: expect.any(String), CLD: expect.any(String), i_xdr: expect.any(Number), connect_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/), charged_amount: expect.any(Number), unix_connect_time: expect.any(Number) }),
    )
    const last = await call('GET', '/xdr', { query: { ...query, page: '50' } })
    expect(last.body.data.xdr_list).toHaveLength(100)
    expect((await call('GET', '/xdr', { query: { ...query, page: '51' } })).body.data.xdr_list).toHaveLength(0)
    const times = [...records, ...(last.body.data.xdr_list as Body[])].map((record) => record.unix_connect_time as number)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    const again = await call('GET', '/xdr', { query })
    expect(again.body.data.xdr_list.map((record: Body) => record.i_xdr)).toEqual(records.map((record) => record.i_xdr))
  })

  it('filters by time window and customer type', async () => {
    // 15:00 UTC is 10 am in US Eastern time, a busy hour: several times the calls of 5 am (10:00 UTC).
    const hour = await call('GET', '/xdr', { query: { from: `${day(3)} 15:00`, to: `${day(3)} 15:59`, page: '1', max: '1000' } })
    const total = hour.body.data.total as number
    expect(total).toBeGreaterThan(300)
    expect(total).toBeLessThan(500)
    for (const record of hour.body.data.xdr_list as Body[]) expect(record.connect_time.slice(11, 13)).toBe('15')
    const night = await call('GET', '/xdr', { query: { from: `${day(3)} 10:00`, to: `${day(3)} 10:59`, page: '1', max: '1' } })
    expect(night.body.data.total).toBeLessThan(total / 5)
    const byType = await Promise.all(
      ['local', 'tollfree', 'international', 'termination', 'holding'].map(async (customer) =>
        (await call('GET', '/xdr', { query: { from: `${day(3)} 15:00`, to: `${day(3)} 15:59`, page: '1', max: '1000', customer } })).body.data as Body,
      ),
    )
    expect(byType.reduce((sum, data) => sum + (data.total as number), 0)).toBe(total)
    for (const record of byType[1]!.xdr_list as Body[]) expect(record.CLD).toMatch(/^18(00|33|44|55|66|77|88)/)
    // History starts ten days before today, whatever range is asked for (yesterday's last two hours may
    // still be unwritten shortly after midnight, so the range stops the day before).
    const nineDays = await call('GET', '/xdr', { query: { from: `${day(40)} 00:00`, to: `${day(2)} 23:59`, page: '1', max: '10' } })
    expect(nineDays.body.data.total).toBe(45_000)
    expect((await call('GET', '/xdr', { query: { from: 'yesterday', to: `${day(1)} 00:00`, page: '1', max: '10' } })).status).toBe(400)
    expect((await call('GET', '/xdr', { query: { from: `${day(1)} 00:00`, to: `${day(1)} 23:59`, page: '1', max: '10', customer: 'pstn' } })).status).toBe(400)
  })
})
