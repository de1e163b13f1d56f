/**
 * Every VoIP Innovations WSDL operation the product reaches, through the dispatcher as the renderer (and
 * the CLI) reach it, against the simulator: what a sync brings into the cache (DID groups by name,
 * failover, forwarding, 911 addresses from audit911, international numbers), the per-number changes
 * (forwarding, failover, DID groups in bulk, fax to e-mail, update911 vs insert911, remove911), the number
 * detail's reads (features, conference line and its PIN, 911 locations, history, alerts) and international
 * numbers bought by city and released. Each mutation is checked at the simulator (its ledger or a read),
 * in the cache and in the activity log, and the conference PIN in none of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChannelInput, ChannelOutput, Channel } from '../../src/shared/ipc-shared'
import type { NumberChange, PhoneNumberRecord } from '../../src/shared/domain'
import type { VoipInnovationsAccountClient } from '../../src/main/carriers/voip-innovations/adapter'
import type { SandboxCarrier } from '../../src/main/sandbox'
import { didGroupsFor } from '../../src/main/sandbox/voip-innovations/state'
import { openSandboxDesk, type SandboxDesk } from '../helpers/sandbox-desk'

const signal = new AbortController().signal
let env: SandboxDesk
let vi: SandboxCarrier
let api: VoipInnovationsAccountClient['api']
let accountId = ''
/** Cached US numbers handed out one per use, so tests do not disturb each other's numbers. */
let pool: PhoneNumberRecord[] = []

async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await env.dispatcher.invoke(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`)
  return result.value
}

const ledger = (operation: string): Record<string, unknown>[] =>
  env.sandbox.ledger.entries({ carrier: 'voip-innovations', operation }).map((entry) => entry.details as Record<string, unknown>)

const cached = (e164: string): PhoneNumberRecord => env.desk.store.numbers.get({ accountId, e164 })!

function take(count: number, where: (record: PhoneNumberRecord) => boolean = () => true): PhoneNumberRecord[] {
  const picked = pool.filter(where).slice(0, count)
  expect(picked).toHaveLength(count)
  pool = pool.filter((record) => !picked.includes(record))
  return picked
}

function change(records: PhoneNumberRecord[], numberChange: NumberChange) {
  return invoke('numbers.change', { jobId: crypto.randomUUID(), targets: records.map((r) => ({ accountId, e164: r.e164 })), change: numberChange, confirmed: true })
}

beforeAll(async () => {
  env = await openSandboxDesk({ carriers: ['voip-innovations'], numbers: 3000 })
  vi = env.sandbox.carriers['voip-innovations'] as SandboxCarrier
  accountId = env.account('voip-innovations').id
  api = ((await env.client('voip-innovations')) as VoipInnovationsAccountClient).api
  const [result] = await env.desk.sync.start({ accountIds: [accountId], areas: ['numbers'] }).done
  expect(result).toMatchObject({ outcome: 'succeeded' })
  pool = env.desk.store.numbers.list({ filters: { types: ['local'] }, limit: 1000 }).rows
}, 120_000)

afterAll(async () => {
  await env?.close()
})

describe('what a numbers sync brings in', () => {
  it('caches each number\'s DID group by name, failover, forwarding and 911 address, and the international numbers', async () => {
    const dids = await api.auditDIDs({ signal })
    const names = new Map(didGroupsFor(env.sandbox.seed).map((group) => [group.id, group.name]))
    const grouped = dids.find((did) => did.didGroupId && Number(did.didGroupId) > 0)!
    expect(cached(`+1${grouped.tn}`).group).toBe(names.get(Number(grouped.didGroupId)))
    const failing = dids.find((did) => did.failover)!
    expect(cached(`+1${failing.tn}`).failover).toBe(`+1${failing.failover}`)
    const forwarded = dids.find((did) => did.forward)!
    expect(cached(`+1${forwarded.tn}`).trunk).toBe(`forward +1${forwarded.forward}`)
    // The 911 column holds the provisioned address audit911 answered, not just "provisioned".
    const [with911] = await api.audit911({ signal })
    expect(cached(`+1${with911!.tn}`).e911).toMatch(new RegExp(`^${with911!.address1}, `))

    const facets = await invoke('numbers.facets', {})
    expect(facets.groups).toEqual([...names.values()].sort())
    const international = env.desk.store.numbers.list({ filters: { types: ['international'] }, limit: 10 }).rows
    expect(international.map((r) => r.e164).sort()).toEqual((await api.auditIntlDids({ signal })).map((did) => `+${did.tn}`).sort())
    expect(international.every((r) => r.status === 'active' && /\(/.test(r.rateCenter ?? ''))).toBe(true)
  })

  it('lists the account\'s DID groups with how many cached numbers each holds, and a group\'s numbers at VI', async () => {
    const { groups } = await invoke('features.groups', { accountId })
    expect(groups.map((group) => group.name).sort()).toEqual(didGroupsFor(env.sandbox.seed).map((group) => group.name).sort())
    const [sales] = groups.filter((group) => group.cached > 0)
    const inCache = env.desk.store.numbers.list({ filters: { accountIds: [accountId], group: sales!.name }, limit: 1000 })
    expect(inCache.total).toBe(sales!.cached)
    const members = await invoke('features.groupMembers', { accountId, groupId: sales!.id })
    expect(members.numbers.sort()).toEqual(inCache.rows.map((r) => r.e164).sort())
  })
})

describe('per-number changes', () => {
  it('moves 20 numbers into a DID group in bulk, once each, with before and after in the activity log', async () => {
    const { groups } = await invoke('features.groups', { accountId })
    const target = groups.find((group) => group.name === 'Sales')!
    const numbers = take(20, (r) => r.group !== 'Sales')
    const before = ledger('SetDIDGroup').length
    const result = await change(numbers, { kind: 'group', groupId: target.id, groupName: target.name })
    expect(result).toMatchObject({ succeeded: 20, failed: 0 })
    expect(ledger('SetDIDGroup').slice(before).map((entry) => entry.tn).sort()).toEqual(numbers.map((r) => r.e164.slice(2)).sort())
    for (const record of numbers) expect(cached(record.e164).group).toBe('Sales')
    const logged = env.desk.activity.list({ limit: 100 }).filter((entry) => entry.action === 'number.change.group')
    expect(logged).toHaveLength(20)
    expect(logged[0]?.details).toMatchObject({ after: { id: target.id, name: 'Sales' } })

    const out = await change(numbers.slice(0, 2), { kind: 'group', groupId: null })
    expect(out.succeeded).toBe(2)
    expect(cached(numbers[0]!.e164).group).toBeUndefined()
    expect((await api.getDidGroup({ tn: numbers[0]!.e164, signal })).group).toBeUndefined()
  })

  it('forwards, sets a failover, stops forwarding, and clears the failover, as VI then shows', async () => {
    const [number] = take(1, (r) => !r.trunk?.startsWith('forward') && !r.failover)
    const e164 = number!.e164
    expect((await change([number!], { kind: 'routing', routing: { kind: 'forward', destination: '+13055550140' } })).succeeded).toBe(1)
    expect((await change([number!], { kind: 'failover', destination: '+13055550141' })).succeeded).toBe(1)
    expect(await api.getDidForward({ tn: e164, signal })).toMatchObject({ forward: '3055550140' })
    expect(await api.getDidFailover({ tn: e164, signal })).toMatchObject({ failover: '3055550141' })
    expect(cached(e164)).toMatchObject({ trunk: 'forward +13055550140', failover: '+13055550141' })
    const features = await invoke('features.get', { accountId, e164 })
    expect(features).toMatchObject({ forward: '+13055550140', failover: '+13055550141', conferenceLine: { enabled: false } })

    expect((await change([number!], { kind: 'stopForwarding' })).succeeded).toBe(1)
    expect((await change([number!], { kind: 'failover', destination: null })).succeeded).toBe(1)
    expect(cached(e164).trunk).toBe(number!.trunk)
    expect(cached(e164).failover).toBeUndefined()
    expect(ledger('RemoveDIDForward').some((entry) => entry.tn === e164.slice(2))).toBe(true)

    // VI forwards to US numbers only: refused before anything is sent.
    const refused = await change([number!], { kind: 'failover', destination: '+442079460000' })
    expect(refused.lines[0]).toMatchObject({ ok: false, code: 'validation' })
  })

  it('sends faxes to an e-mail address and stops, read back as VI holds it', async () => {
    const [number] = take(1)
    expect((await change([number!], { kind: 'fax', fax: { enabled: true, email: 'fax@harbor-dental.example' } })).succeeded).toBe(1)
    expect((await invoke('features.get', { accountId, e164: number!.e164 })).faxEmail).toBe('fax@harbor-dental.example')
    expect((await change([number!], { kind: 'fax', fax: { enabled: false } })).succeeded).toBe(1)
    expect((await invoke('features.get', { accountId, e164: number!.e164 })).faxEmail).toBeUndefined()
    expect(ledger('RemoveFaxToEmail')).toHaveLength(1)
  })

  it('updates the 911 address of a number that has one (update911), inserts where none, and removes it', async () => {
    const address = { callerName: 'Harbor Dental', street: '150 N 200 E', city: 'Saint George', state: 'UT', zip: '84770' }
    const [with911] = take(1, (r) => r.e911 !== undefined)
    const [without] = take(1, (r) => r.e911 === undefined)
    const inserts = ledger('insert911').length
    expect((await change([with911!, without!], { kind: 'e911', address })).succeeded).toBe(2)
    expect(ledger('update911').map((entry) => entry.tn)).toEqual([with911!.e164.slice(2)])
    expect(ledger('insert911').slice(inserts).map((entry) => entry.tn)).toEqual([without!.e164.slice(2)])
    expect(cached(with911!.e164).e911).toBe('150 N 200 E, SAINT GEORGE, UT 84770')
    const logged = env.desk.activity.list({ limit: 10, target: with911!.e164 })[0]
    expect(logged?.details).toMatchObject({ before: with911!.e911 })

    expect((await change([with911!], { kind: 'e911Remove' })).succeeded).toBe(1)
    expect(ledger('remove911').map((entry) => entry.tn)).toContain(with911!.e164.slice(2))
    expect(cached(with911!.e164).e911).toBeUndefined()
    expect((await api.query911({ did: with911!.e164, signal })).records).toEqual([])
  })
})

describe('the conference line and its PIN', () => {
  it('sets a line with a PIN that no answer, cache or log carries but the explicit reveal', async () => {
    const [number] = take(1)
    const key = { accountId, e164: number!.e164 }
    const pin = '731904'
    expect(await invoke('features.setConference', { ...key, pin, confirmed: true })).toEqual({ checkedAfterFailure: false })
    expect(await invoke('features.conference', key)).toMatchObject({ enabled: true })
    const features = await invoke('features.get', key)
    expect(features.conferenceLine).toEqual({ enabled: true })
    expect(JSON.stringify(features)).not.toContain(pin)
    expect(await invoke('features.revealConferencePin', key)).toEqual({ enabled: true, pin })

    // Nowhere else: not the cache (nor the raw record after a read), not the activity log.
    await invoke('numbers.get', key)
    expect(JSON.stringify(env.desk.store.numbers.get(key))).not.toContain(pin)
    const logged = env.desk.activity.list({ limit: 20, target: number!.e164 })
    expect(logged.map((entry) => entry.action)).toEqual(expect.arrayContaining(['number.change.conference', 'number.conference.reveal']))
    expect(JSON.stringify(logged)).not.toContain(pin)

    // A refused PIN is refused by the contract before anything is sent.
    const bad = await env.dispatcher.invoke('features.setConference', { ...key, pin: '12', confirmed: true })
    expect(bad.ok).toBe(false)
    expect(await invoke('features.removeConference', { ...key, confirmed: true })).toEqual({ checkedAfterFailure: false })
    expect(await invoke('features.revealConferencePin', key)).toEqual({ enabled: false })
  })
})

describe('911 locations, history and alerts', () => {
  it('adds a location, provisions it (the cached address follows), shows the history, and removes the old one', async () => {
    const [number] = take(1, (r) => r.e911 !== undefined)
    const key = { accountId, e164: number!.e164 }
    const [current] = (await invoke('e911.locations', key)).locations
    expect(current).toMatchObject({ provisioned: true })
    const added = await invoke('e911.addLocation', {
      ...key,
      address: { callerName: 'Kite Legal', street: '200 S Main St', city: 'Salt Lake City', state: 'UT', zip: '84101' },
      confirmed: true,
    })
    expect(added).toMatchObject({ provisioned: false, address: '200 S MAIN ST, SALT LAKE CITY, UT 84101', checkedAfterFailure: false })
    expect((await invoke('e911.locations', key)).locations).toHaveLength(2)

    await invoke('e911.provisionLocation', { ...key, locationId: added.id, confirmed: true })
    expect(cached(number!.e164).e911).toBe('200 S MAIN ST, SALT LAKE CITY, UT 84101')
    const history = (await invoke('e911.history', key)).locations
    expect(history.map((entry) => entry.address)).toContain('200 S MAIN ST, SALT LAKE CITY, UT 84101')

    await invoke('e911.removeLocation', { ...key, locationId: current!.id, confirmed: true })
    expect((await invoke('e911.locations', key)).locations.map((location) => location.id)).toEqual([added.id])
    expect(env.desk.activity.list({ limit: 10, target: number!.e164 }).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['e911.location.add', 'e911.location.provision', 'e911.location.remove']),
    )
  })

  it('adds and removes a 911 alert recipient; a number without 911 takes none', async () => {
    const [number] = take(1, (r) => r.e911 !== undefined)
    const key = { accountId, e164: number!.e164 }
    expect(await invoke('e911.alerts', key)).toMatchObject({ enabled: true, recipients: [] })
    const added = await invoke('e911.addAlert', { ...key, email: 'security@harbor-dental.example', confirmed: true })
    expect(added.recipients).toEqual(['security@harbor-dental.example'])
    expect((await api.query911Alert({ tn: number!.e164, signal })).recipients).toEqual(['security@harbor-dental.example'])
    expect((await invoke('e911.removeAlert', { ...key, email: 'security@harbor-dental.example', confirmed: true })).recipients).toEqual([])

    const [without] = take(1, (r) => r.e911 === undefined)
    expect(await invoke('e911.alerts', { accountId, e164: without!.e164 })).toMatchObject({ enabled: false, recipients: [] })
    const refused = await env.dispatcher.invoke('e911.addAlert', { accountId, e164: without!.e164, email: 'a@b.example', confirmed: true })
    expect(refused.ok).toBe(false)
    expect(env.desk.activity.list({ limit: 5, target: without!.e164 })[0]).toMatchObject({ action: 'e911.alert.add', result: 'failed' })
  })
})

describe('international numbers', () => {
  it('lists countries and cities, buys "any number in London" once despite a lost answer, and releases it', async () => {
    const { accounts } = await invoke('numbers.countries', {})
    const gb = accounts[0]!.countries.find((country) => country.code === 'GB')!
    const london = gb.cities.find((city) => city.name === 'London')!
    const search = await invoke('numbers.search', { query: { type: 'international', country: 'GB', city: london.id, limit: 2 } })
    const offers = search.offers.filter((offer) => offer.carrier === 'voip-innovations')
    expect(offers).toHaveLength(2)
    expect(offers.every((offer) => offer.carrierPicks && offer.rateCenter === 'London')).toBe(true)
    const perCity = await invoke('numbers.search', { query: { type: 'international', country: 'GB', limit: 10 } })
    expect(perCity.offers.filter((offer) => offer.carrier === 'voip-innovations').map((offer) => offer.rateCenter)).toEqual(['London', 'Manchester'])

    vi.faults.configure({ script: [{ fault: 'reset-after-commit', match: 'AssignIntlDID' }] })
    const bought = await invoke('numbers.purchase', { jobId: crypto.randomUUID(), offerIds: [offers[0]!.offerId], confirmed: true })
    vi.faults.configure({})
    expect(ledger('AssignIntlDID')).toHaveLength(1)
    const [line] = bought.lines
    expect(line).toMatchObject({ ok: true, checkedAfterFailure: true })
    expect(line?.assigned).toMatch(/^\+44207946\d{4}$/)
    const assigned = line!.assigned!
    expect(cached(assigned)).toMatchObject({ type: 'international', status: 'active', rateCenter: 'London (United Kingdom)' })
    expect(env.desk.activity.list({ limit: 5, target: assigned })[0]).toMatchObject({ action: 'number.purchase', result: 'succeeded' })

    const released = await invoke('numbers.release', { jobId: crypto.randomUUID(), targets: [{ accountId, e164: assigned }], confirmed: true })
    expect(released.succeeded).toBe(1)
    expect(ledger('ReleaseIntlDID').map((entry) => entry.tn)).toEqual([assigned.slice(1)])
    expect(cached(assigned).status).toBe('released')
    expect((await api.auditIntlDids({ signal })).some((did) => `+${did.tn}` === assigned)).toBe(false)
  })
})

describe('prepaid balance', () => {
  it('shows GetPrepaidBalance as VI wrote it, with when it was read, and follows a purchase', async () => {
    const before = await invoke('accounts.balance', {})
    expect(before.failures).toEqual([])
    expect(before.rows).toHaveLength(1)
    const [row] = before.rows
    const atVi = await api.getPrepaidBalance({ signal })
    expect(row).toMatchObject({ accountId, carrier: 'voip-innovations', currency: 'USD', decimal: atVi.decimal, amount: atVi.amount })
    expect(row!.asOf).toBeGreaterThan(0)

    // An international number's first month is charged: the balance read next shows exactly that much less.
    const search = await invoke('numbers.search', { query: { type: 'international', country: 'DE', limit: 1 } })
    const bought = await invoke('numbers.purchase', { jobId: crypto.randomUUID(), offerIds: [search.offers[0]!.offerId], confirmed: true })
    expect(bought.lines[0]).toMatchObject({ ok: true })
    const charged = Number(ledger('AssignIntlDID').at(-1)!.chargedCents)
    const after = (await invoke('accounts.balance', { accountIds: [accountId] })).rows[0]!
    expect(Math.round(after.amount * 100)).toBe(Math.round(row!.amount * 100) - charged)
    // The Billing screen's cached balance is that same reading, not an older one.
    const overview = await invoke('billing.overview', { accountId })
    expect(overview.balances).toEqual([expect.objectContaining({ accountId, supported: true, amount: after.amount, asOf: after.asOf })])
  })
})
