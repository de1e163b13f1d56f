/**
 * Call48 account-level operations against the simulator: OD trunk groups (create, update with added and
 * deleted IPs, list), resources, signup, customers and their settings (simultaneous calls, call parking,
 * discount plans, RTP, paging, subscriptions) and XDRs by date range, customer type and page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Call48Client } from '../../../src/main/carriers/call48/client'
import { carrierError, signal, startCall48, type Call48Bench } from './helpers'

let bench: Call48Bench
let client: Call48Client

beforeAll(async () => {
  bench = await startCall48()
  client = bench.client()
})
afterAll(async () => {
  await bench.stop()
})

const day = (offsetDays: number): string => new Date(bench.sandbox.clock.now() + offsetDays * 86_400_000).toISOString().slice(0, 10)

describe('OD trunk groups', () => {
  it('creates a group, adds and deletes IPs, and lists the result', async () => {
    const created = await client.createTrunkGroup({ name: 'Test TG', routeType: 'RR', numberFormat: 'e164', ips: ['10.50.250.11', '10.50.250.15:5080'], signal: signal() })
    expect(created).toMatchObject({ trunk_name: 'Test TG', ext_tgstatus: 'queued' })
    expect(created.trunk_ips.map((ip) => `${ip.ip_address}:${ip.port}`)).toEqual(['10.50.250.11:5060', '10.50.250.15:5080'])
    await client.updateTrunkGroup({ trunkGroupId: created.trunk_grpid, name: 'Test TG 2', addIps: ['10.50.250.77'], deleteIps: ['10.50.250.11'], signal: signal() })
    const { groups, total, hasMore } = await client.listTrunkGroups({ signal: signal() })
    expect(total).toBe(groups.length)
    expect(hasMore).toBe(false)
    const listed = groups.find((group) => group.trunk_grpid === created.trunk_grpid)
    expect(listed).toMatchObject({ trunk_name: 'Test TG 2', ext_tgid: created.ext_tgid })
    expect(listed!.trunk_ips.sort()).toEqual(['10.50.250.15:5080', '10.50.250.77:5060'])
    expect(bench.ledger('trunk-update')).toHaveLength(1)
  })

  it('refuses a duplicate name and deleting an IP the group does not have', async () => {
    const duplicate = await carrierError(client.createTrunkGroup({ name: 'Sandbox Primary', ips: ['10.1.1.1'], signal: signal() }))
    expect(duplicate.message).toContain('already exists')
    const missing = await carrierError(client.updateTrunkGroup({ trunkGroupId: 11, deleteIps: ['10.9.9.9'], signal: signal() }))
    expect(missing.message).toContain('is not in trunk group')
  })
})

describe('resources and account', () => {
  it('lists countries, states and rate centers of a state', async () => {
    const countries = await client.listCountries({ signal: signal() })
    expect(countries.find((country) => country.code === 'RU')).toMatchObject({ prefix: '7', country_id: 178 })
    const states = await client.listStates({ signal: signal() })
    expect(states.find((state) => state.state_code === 'GA')?.state_name).toBe('Georgia')
    const centers = await client.listRateCenters({ state: 'ny', signal: signal() })
    expect(centers.map((center) => center.rate_center)).toEqual(expect.arrayContaining(['NEW YORK CITY', 'ROCHESTER']))
  })

  it('signs up a new account without a token, and the new user can log in', async () => {
    const fields = {
      firstName: 'Test',
      lastName: 'User',
      company: 'Sample',
      address: 'Brooklyn street',
      city: 'Brooklyn',
      country: 'US',
      state: 'NY',
      username: 'new_signup_user',
      password: 'signup-pass-1',
      email: 'user@sample.com',
      phone: '5555555555',
    }
    await expect(client.signup({ ...fields, signal: signal() })).resolves.toBe(true)
    expect(bench.ledger('signup').map((entry) => entry.details.username)).toEqual(['new_signup_user'])
    const taken = await carrierError(client.signup({ ...fields, signal: signal() }))
    expect(taken.message).toContain('already taken')
    expect(taken.message).not.toContain('signup-pass-1')
  })
})

describe('customers', () => {
  it('lists customers, creates one, and sets its features', async () => {
    const before = await client.listCustomers({ signal: signal() })
    expect(before.total).toBe(before.customers.length)
    await client.createCustomer({
      portaClass: 2348,
      username: 'devsub1247',
      password: '123456-pass',
      creditLimit: 50,
      creditLimitWarning: 20,
      email: 'test@example.com',
      salutation: 'Mr.',
      firstName: 'test',
      lastName: 'Sub1247',
      address: '1767 Hermitage Blvd',
      city: 'brb',
      zip: '02501',
      state: 'NY',
      country: 'US',
      currency: 'USD',
      bcc: 'billing@example.com',
      signal: signal(),
    })
    const after = await client.listCustomers({ signal: signal() })
    const created = after.customers.find((customer) => customer.login === 'devsub1247')
    expect(created).toMatchObject({ credit_limit: 50, credit_limit_warning: 20 })
    const id = created!.account_id
    const iCustomer = created!.i_customer
    expect(await client.setSimultaneousCalls({ customerId: id, enabled: true, maxIn: 3, maxOut: 2, max: 4, signal: signal() })).toEqual({ iCustomer })
    expect(await client.setCallParking({ customerId: id, settings: { enabled: 'yes' }, signal: signal() })).toEqual({ iCustomer })
    const plans = await client.listDiscountPlans({ signal: signal() })
    expect(plans.map((plan) => plan.i_vd_plan)).toContain(18)
    expect(await client.addDiscountPlan({ customerId: id, planId: 18, signal: signal() })).toEqual({ iCustomer })
    expect(await client.setRtp({ customerId: id, rtp: '1', signal: signal() })).toEqual({ iCustomer })
    expect(await client.setPaging({ customerId: id, enabled: true, signal: signal() })).toEqual({ iCustomer })
    expect(bench.ledger('paging').map((entry) => entry.details)).toEqual([{ account_id: id, paging: 'yes' }])
    const subscriptions = await client.listSubscriptions({ customerId: id, signal: signal() })
    expect(subscriptions.map((subscription) => subscription.status)).toEqual(['close', 'open'])
    expect(subscriptions.every((subscription) => subscription.i_customer === iCustomer)).toBe(true)
  })

  it('refuses a second discount plan assignment, limits above the maximum and an unknown customer', async () => {
    const { customers } = await client.listCustomers({ signal: signal() })
    const id = customers[0]!.account_id
    await client.addDiscountPlan({ customerId: id, planId: 4, signal: signal() })
    const again = await carrierError(client.addDiscountPlan({ customerId: id, planId: 4, signal: signal() }))
    expect(again.message).toContain('already assigned')
    const limits = await carrierError(client.setSimultaneousCalls({ customerId: id, enabled: true, maxIn: 9, maxOut: 1, max: 2, signal: signal() }))
    expect(limits.info.carrierCode).toBe('400')
    const unknown = await carrierError(client.setRtp({ customerId: 999_999, rtp: '0', signal: signal() }))
    expect(unknown.info.carrierCode).toBe('404')
  })
})

describe('XDRs', () => {
  it('pages a date range to its total, without repeating a record', async () => {
    const from = `${day(-3)} 00:00`
    const to = `${day(-2)} 23:59`
    const first = await client.listXdrs({ from, to, page: 1, max: 150, signal: signal() })
    expect(first.total).toBe(400)
    const ids = new Set(first.xdrs.map((xdr) => xdr.i_xdr))
    for (let page = 2; ids.size < first.total; page += 1) {
      const next = await client.listXdrs({ from, to, page, max: 150, signal: signal() })
      expect(next.xdrs.length).toBeGreaterThan(0)
      for (const xdr of next.xdrs) ids.add(xdr.i_xdr)
    }
    expect(ids.size).toBe(400)
  })

  it('filters by customer type and refuses an unknown one', async () => {
    const from = `${day(-3)} 00:00`
    const to = `${day(-3)} 23:59`
    const all = await client.listXdrs({ from, to, page: 1, max: 1, signal: signal() })
    const tollFree = await client.listXdrs({ from, to, customer: 'tollfree', page: 1, max: 50, signal: signal() })
    expect(tollFree.total).toBe(all.total / 10)
    expect(tollFree.xdrs.every((xdr) => xdr.description === 'Toll Free')).toBe(true)
    const error = await carrierError(client.listXdrs({ from, to, customer: 'bogus' as never, page: 1, max: 5, signal: signal() }))
    expect(error.info.carrierCode).toBe('400')
  })
})
