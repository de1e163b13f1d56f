/**
 * VoipInnovationsClient's international DIDs, prepaid balance and 911 (update, removal, alerts) against
 * the simulator: what is bought shows in the audit and costs exactly its price, what is released is gone,
 * an E911 update replaces the address, alert recipients are kept per number, and VI's refusals keep
 * VI's code and words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { endpointGroupsFor } from '../../../src/main/sandbox/voip-innovations/state'
import { carrierError, signal, startViClient, type ViClientHarness } from './harness'

const seed = 37
const [primaryGroup] = endpointGroupsFor(seed).map((group) => group.id) as [number]
const address = { address1: '150 N 200 E', city: 'Saint George', state: 'UT', zip: '84770', plusFour: '2504', callerName: 'Mango Voice' }

let h: ViClientHarness

/** Dollars as whole cents, the way a person reads a balance. */
const cents = (dollars: number): number => Math.round(dollars * 100)

beforeAll(async () => {
  h = await startViClient({ seed, numbers: 200 })
})

afterAll(async () => {
  await h.stop()
})

describe('international DIDs and the prepaid balance', () => {
  it('lists countries with their cities and the account\'s seeded international numbers', async () => {
    const countries = await h.client.getCountries({ signal })
    expect(countries.map((country) => country.abbrev)).toEqual(['GB', 'DE', 'MX', 'AU', 'BR', 'JP'])
    expect(countries[0]).toEqual({
      name: 'United Kingdom',
      abbrev: 'GB',
      cities: [
        { id: 2101, name: 'London' },
        { id: 2102, name: 'Manchester' },
      ],
    })
    const owned = await h.client.auditIntlDids({ signal })
    expect(owned.map((did) => [did.country, did.city, did.status])).toEqual([
      ['United Kingdom', 'London', 'Active'],
      ['Germany', 'Berlin', 'Active'],
      ['Mexico', 'Mexico City', 'Active'],
    ])
    expect(owned.every((did) => /^\d{11,12}$/.test(did.tn))).toBe(true)
  })

  it('buys a number in a city, charging its first month to the balance, and releases it', async () => {
    const before = await h.client.getPrepaidBalance({ signal })
    expect(before.decimal).toMatch(/^\d+\.\d\d$/)
    const bought = await h.client.assignIntlDid({ cityId: 2301, endpointGroup: primaryGroup, signal })
    expect(bought).toMatchObject({ country: 'Mexico', city: 'Mexico City', tier: '2', status: 'Active', checkedAfterFailure: false })
    expect((await h.client.auditIntlDids({ signal })).map((did) => did.tn)).toContain(bought.tn)
    // Mexico is tier 2 in the sandbox: $5.00 for the first month.
    const after = await h.client.getPrepaidBalance({ signal })
    expect(cents(before.amount) - cents(after.amount)).toBe(500)
    expect(h.sandbox.ledger.entries({ operation: 'AssignIntlDID' }).at(-1)?.details).toMatchObject({ tn: bought.tn, cityId: 2301, chargedCents: 500 })

    expect(await h.client.releaseIntlDid({ tn: `+${bought.tn}`, signal })).toEqual({ tn: bought.tn, checkedAfterFailure: false })
    expect((await h.client.auditIntlDids({ signal })).map((did) => did.tn)).not.toContain(bought.tn)
    expect((await carrierError(h.client.releaseIntlDid({ tn: bought.tn, signal }))).info.carrierCode).toBe('106420')
  })

  it('refuses a city with no numbers left (104440), an unknown city (104420) and a bad endpoint group (104258)', async () => {
    const empty = await carrierError(h.client.assignIntlDid({ cityId: 2601, endpointGroup: primaryGroup, signal }))
    expect(empty.info).toMatchObject({ carrierCode: '104440', message: 'No numbers available in Tokyo' })
    expect((await carrierError(h.client.assignIntlDid({ cityId: 1, endpointGroup: primaryGroup, signal }))).info.carrierCode).toBe('104420')
    expect((await carrierError(h.client.assignIntlDid({ cityId: 2101, endpointGroup: 1, signal }))).info.carrierCode).toBe('104258')
  })

  it('a local purchase costs its tier\'s first month, and a balance that cannot pay refuses the purchase', async () => {
    const [offer] = (await h.client.getDIDs({ criteria: { state: 'FL', tier: '1' }, signal }))
    const before = await h.client.getPrepaidBalance({ signal })
    const result = await h.client.assignDID({ dids: [{ tn: String(offer?.tn), epg: primaryGroup }], signal })
    expect(result.lines[0]).toMatchObject({ ok: true, statusCode: 100 })
    expect(cents(before.amount) - cents((await h.client.getPrepaidBalance({ signal })).amount)).toBe(100)

    // Spend the rest on Sao Paulo numbers ($8.00 each) until VI says the balance cannot pay.
    let bought = 0
    const buy = (): Promise<unknown> => h.client.assignIntlDid({ cityId: 2501, endpointGroup: primaryGroup, signal })
    // $500 to $600 buys at most 75 numbers; the loop is bounded in case the balance never ran out.
    while (bought < 80 && cents((await h.client.getPrepaidBalance({ signal })).amount) >= 800) {
      await buy()
      bought += 1
    }
    expect(bought).toBeGreaterThanOrEqual(60)
    const refusal = await carrierError(buy())
    expect(refusal.info).toMatchObject({ carrierCode: '104270', message: 'Insufficient prepaid balance' })
    const left = await h.client.getPrepaidBalance({ signal })
    expect(left.amount).toBeGreaterThanOrEqual(0)
    expect(left.amount).toBeLessThan(8)

    // A batch of ten $1.00 numbers: the balance pays for some, the rest are refused number by number.
    const offers = (await h.client.getDIDs({ criteria: { state: 'TX', tier: '1' }, signal })).slice(0, 10)
    expect(offers).toHaveLength(10)
    const batch = await h.client.assignDID({ dids: offers.map((locator) => ({ tn: locator.tn, epg: primaryGroup })), signal })
    const affordable = Math.floor(cents(left.amount) / 100)
    expect(batch.lines.map((line) => line.statusCode)).toEqual([...Array(10).keys()].map((index) => (index < affordable ? 100 : 104270)))
    expect(cents((await h.client.getPrepaidBalance({ signal })).amount)).toBe(cents(left.amount) - affordable * 100)
  })
})

describe('911 updates, removal and alerts', () => {
  it('updates a 911 address in place and removes it', async () => {
    const tn = h.freshNumber()
    await h.client.insert911({ did: tn, address, signal })
    const updated = await h.client.update911({ did: tn, address: { ...address, address1: '1 Main St', zip: '84790', plusFour: undefined }, signal })
    expect(updated.checkedAfterFailure).toBe(false)
    expect(updated.statuses[0]?.description).toBe('Location status updated')
    const [record] = (await h.client.query911({ did: tn, signal })).records
    expect(record).toMatchObject({ address1: '1 MAIN ST', zipCode: '84790', statusCode: 'PROVISIONED' })
    const removed = await h.client.remove911({ did: tn, signal })
    expect(removed.statuses[0]?.description).toMatch(/successfully archived/)
    expect((await h.client.query911({ did: tn, signal })).records).toEqual([])
    expect((await carrierError(h.client.update911({ did: '5550000000', address, signal }))).info.carrierCode).toBe('420')
  })

  it('keeps who is told when a number dials 911; a number without 911 takes no recipients (941)', async () => {
    const tn = h.freshNumber()
    expect(await h.client.query911Alert({ tn, signal })).toMatchObject({ enabled: false, code: 941, recipients: [] })
    const noService = await carrierError(h.client.add911Alert({ tn, email: 'noc@example.com', signal }))
    expect(noService.info).toMatchObject({ carrierCode: '941', message: '911 is not enabled' })

    await h.client.insert911({ did: tn, address, signal })
    expect(await h.client.add911Alert({ tn, email: 'noc@example.com', signal })).toEqual({ tn, recipients: ['noc@example.com'], checkedAfterFailure: false })
    await h.client.add911Alert({ tn, email: 'security@example.com', signal })
    expect(await h.client.query911Alert({ tn, signal })).toMatchObject({ enabled: true, code: 100, recipients: ['noc@example.com', 'security@example.com'] })
    expect((await carrierError(h.client.add911Alert({ tn, email: 'not an address', signal }))).info.carrierCode).toBe('942')

    expect((await h.client.remove911Alert({ tn, email: 'NOC@example.com', signal })).recipients).toEqual(['security@example.com'])
    expect((await carrierError(h.client.remove911Alert({ tn, email: 'noc@example.com', signal }))).info.carrierCode).toBe('943')
    // Alerts belong to the 911 service: removing 911 removes them.
    await h.client.remove911({ did: tn, signal })
    await h.client.insert911({ did: tn, address, signal })
    expect((await h.client.query911Alert({ tn, signal })).recipients).toEqual([])
  })
})
