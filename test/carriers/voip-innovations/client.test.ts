/**
 * VoipInnovationsClient against the VoIP Innovations simulator on 127.0.0.1: every operation's happy path
 * and the errors the simulator produces, credentials failures (no loop), retries of reads, malformed and
 * truncated answers, mutations sent once, per-operation timeouts and cancellation.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../../src/main/lib/app-error'
import { VoipInnovationsClient, type VoipInnovationsClientOptions } from '../../../src/main/carriers/voip-innovations/client'
import { startSandbox, type Sandbox, type SandboxCarrier } from '../../../src/main/sandbox'
import {
  assignedElsewhereNumber,
  endpointGroupsFor,
  portIdsFor,
  reservedElsewhereNumber,
} from '../../../src/main/sandbox/voip-innovations/state'
import { carrierError } from '../../helpers/carrier-error'

const seed = 23
const numbers = 100
const ownedCount = Math.round(numbers * 0.3)
const [primaryGroup, backupGroup] = endpointGroupsFor(seed).map((group) => group.id) as [number, number]
const signal = new AbortController().signal

let sandbox: Sandbox
let vi: SandboxCarrier
let client: VoipInnovationsClient

function makeClient(overrides: Partial<VoipInnovationsClientOptions> = {}): VoipInnovationsClient {
  return new VoipInnovationsClient({
    baseUrl: vi.baseUrl,
    login: vi.account.username ?? '',
    secret: vi.account.secrets.secret ?? '',
    ...overrides,
  })
}

const requests = (): number => vi.server.requestCount('/Services/APIService.asmx')
const ledger = (operation: string): number => sandbox.ledger.entries({ carrier: 'voip-innovations', operation }).length

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}


/** Available, buyable (not tier 777) numbers of a state. */
async function buyable(state: string, count: number): Promise<string[]> {
  const found = await client.getDIDs({ criteria: { state }, signal })
  const picked = found.filter((locator) => locator.tier !== '777').slice(0, count).map((locator) => locator.tn)
  expect(picked).toHaveLength(count)
  return picked
}

beforeAll(async () => {
  sandbox = await startSandbox({ carriers: ['voip-innovations'], numbers, seed })
  vi = sandbox.carriers['voip-innovations'] as SandboxCarrier
  client = makeClient()
})

afterEach(() => {
  vi.faults.configure({})
})

afterAll(async () => {
  await sandbox.stop()
})

describe('inventory and lookups', () => {
  it('auditDIDs lists every owned DID with its endpoint group; auditDIDPages pages it', async () => {
    const all = await client.auditDIDs({ signal })
    expect(all).toHaveLength(ownedCount)
    const groups = endpointGroupsFor(seed).map((group) => group.id)
    for (const did of all) {
      expect(did.tn).toMatch(/^\d{10}$/)
      expect(did.availability).toBe('assigned')
      expect(groups).toContain(did.endpointId)
    }
    const sizes: number[] = []
    const count = await client.auditDIDPages({ signal, pageSize: 7, onPage: (page) => sizes.push(page.length) })
    expect(count).toBe(ownedCount)
    expect(sizes).toEqual([7, 7, 7, 7, 2])
  })

  it('queryDID tells owned, reserved-elsewhere, assigned-elsewhere and unknown numbers apart', async () => {
    const [owned] = await client.auditDIDs({ signal })
    const mine = await client.queryDID({ did: `+1${owned?.tn}`, signal })
    expect(mine).toMatchObject({ tn: owned?.tn, availability: 'assigned', statusCode: 100, endpointId: owned?.endpointId })
    expect((await client.queryDID({ did: reservedElsewhereNumber(seed), signal })).statusCode).toBe(102230)
    expect((await client.queryDID({ did: assignedElsewhereNumber(seed, ownedCount), signal })).statusCode).toBe(102235)
    expect(await client.queryDID({ did: '5550000000', signal })).toMatchObject({ tn: '', statusCode: 102420 })
  })

  it('getDIDs searches by state, NPA and rate center; no criterion is refused with 302490', async () => {
    const florida = await client.getDIDs({ criteria: { state: 'fl' }, signal })
    expect(florida.length).toBeGreaterThan(10)
    expect(florida.every((locator) => locator.state === 'FL' && /^\d{10}$/.test(locator.tn))).toBe(true)
    const sample = florida.at(-1)!
    const inCenter = await client.getDIDs({ criteria: { npa: sample.tn.slice(0, 3), rateCenter: sample.rateCenter }, signal })
    expect(inCenter.length).toBeGreaterThan(0)
    expect(inCenter.every((locator) => locator.rateCenter === sample.rateCenter && locator.tn.startsWith(sample.tn.slice(0, 3)))).toBe(true)
    const error = await carrierError(client.getDIDs({ criteria: {}, signal }))
    expect(error.code).toBe('carrier')
    expect(error.info).toMatchObject({ carrierCode: '302490', message: 'No search criteria defined' })
  })

  it('getDIDCount counts per rate center and tier in the asked order', async () => {
    const counts = await client.getDIDCount({ criteria: { state: 'FL' }, orderby: 'rc', signal })
    expect(counts.length).toBeGreaterThan(3)
    const centers = counts.map((count) => count.rateCenter)
    expect([...centers].sort()).toEqual(centers)
    expect(counts.every((count) => count.state === 'FL' && count.didCount > 0)).toBe(true)
    expect((await carrierError(client.getDIDCount({ criteria: {}, signal }))).info.carrierCode).toBe('302490')
  })

  it('isPortable says no for a number already at VI; getPortDetails reads a port and refuses an unknown id', async () => {
    const [owned] = await client.auditDIDs({ signal })
    expect(await client.isPortable({ tn: String(owned?.tn), signal })).toBe(false)
    const [newest] = portIdsFor(seed)
    const port = await client.getPortDetails({ portId: newest as number, signal })
    expect(port.details).toMatchObject({ id: newest, status: 'PENDING SIGNATURE' })
    expect(port.details.dids.length).toBeGreaterThan(0)
    expect(port.details.focDate).toBeUndefined()
    const unknown = await carrierError(client.getPortDetails({ portId: 1, signal }))
    expect(unknown.info.carrierCode).toBe('420')
  })
})

describe('batches report per number', () => {
  it('assignDID buys what it can and says why the rest failed', async () => {
    const [first, second] = await buyable('IL', 2)
    const [owned] = await client.auditDIDs({ signal })
    const before = ledger('assignDID')
    const result = await client.assignDID({
      dids: [
        { tn: String(first), epg: primaryGroup, refId: 'order-1', cnam: true },
        { tn: String(second), epg: 999_999 },
        { tn: String(owned?.tn), epg: primaryGroup },
        { tn: reservedElsewhereNumber(seed), epg: primaryGroup },
        { tn: '8005550123', epg: primaryGroup },
        { tn: '5550000000', epg: primaryGroup },
      ],
      signal,
    })
    expect(result.lines.map((line) => [line.ok, line.statusCode])).toEqual([
      [true, 100],
      [false, 104258],
      [false, 104225],
      [false, 104230],
      [false, 104250],
      [false, 104420],
    ])
    expect(result.lines[1]?.status).toContain('Bad Endpoint Group')
    expect(ledger('assignDID')).toBe(before + 1)
    expect(await client.queryDID({ did: String(first), signal })).toMatchObject({ availability: 'assigned', endpointId: primaryGroup, refId: 'order-1' })
  })

  it('configDID moves an owned number to another endpoint group; a number not ours gets 105221', async () => {
    const owned = (await client.auditDIDs({ signal })).find((did) => did.endpointId !== backupGroup)!
    const [available] = await buyable('WA', 1)
    const result = await client.configDID({
      dids: [
        { tn: owned.tn, epg: backupGroup },
        { tn: String(available), epg: backupGroup },
      ],
      signal,
    })
    expect(result.lines.map((line) => line.statusCode)).toEqual([100, 105221])
    expect((await client.queryDID({ did: owned.tn, signal })).endpointId).toBe(backupGroup)
  })

  it('releaseDID releases once; a second release answers 106241', async () => {
    const owned = (await client.auditDIDs({ signal })).find((did) => !did.has911)!
    const result = await client.releaseDID({ tns: [owned.tn], signal })
    expect(result.lines).toEqual([expect.objectContaining({ tn: owned.tn, ok: true, statusCode: 100 })])
    expect((await client.auditDIDs({ signal })).map((did) => did.tn)).not.toContain(owned.tn)
    const again = await client.releaseDID({ tns: [owned.tn], signal })
    expect(again.lines[0]).toMatchObject({ ok: false, statusCode: 106241 })
  })

  it('reserveDID holds a number; a refId with XML characters arrives intact', async () => {
    const [target] = await buyable('NC', 1)
    const refId = `a<b>&"c"'d`
    const result = await client.reserveDID({ dids: [{ tn: String(target), refId }, { tn: String(target) }], signal })
    expect(result.lines.map((line) => line.statusCode)).toEqual([100, 103220])
    expect(result.lines[0]?.did?.refId).toBe(refId)
    expect(sandbox.ledger.entries({ operation: 'reserveDID' }).at(-1)?.details).toMatchObject({ tn: target, refId })
    expect(await client.queryDID({ did: String(target), signal })).toMatchObject({ availability: 'reserved', refId })
  })
})

describe('CNAM display and 911', () => {
  it('stores, reads and removes a CNAM display name; a bad name is refused with VI\'s words', async () => {
    const owned = (await client.auditDIDs({ signal })).find((did) => did.cnamStorageAvailability)!
    await client.updateCnamDisplay({ tn: owned.tn, name: 'Harbor Dental', signal })
    expect(await client.getCnamDisplay({ tn: owned.tn, signal })).toBe('HARBOR DENTAL')
    const refused = await carrierError(client.updateCnamDisplay({ tn: owned.tn, name: 'A name far too long for CNAM', signal }))
    expect(refused.info).toMatchObject({ carrierCode: '400' })
    expect(refused.info.message).toContain('1 to 15')
    await client.removeCnam({ tn: owned.tn, signal })
    expect(await client.getCnamDisplay({ tn: owned.tn, signal })).toBeUndefined()
    expect((await carrierError(client.getCnamDisplay({ tn: '5550000000', signal }))).info.carrierCode).toBe('420')
  })

  it('validates, inserts, queries, audits and removes 911; locations can be added, provisioned and removed', async () => {
    const owned = (await client.auditDIDs({ signal })).find((did) => !did.has911)!
    const address = { address1: '150 N 200 E', city: 'Saint George', state: 'UT', zip: '84770', plusFour: '2504', callerName: 'Mango Voice' }
    expect(await client.query911Alert({ tn: owned.tn, signal })).toMatchObject({ enabled: false, code: 941 })
    expect(await client.validate911({ address, signal })).toMatchObject({ valid: true })
    const invalid = await client.validate911({ address: { ...address, state: 'Utah' }, signal })
    expect(invalid).toMatchObject({ valid: false, code: 400 })
    expect(invalid.message).toContain('state')
    expect(await client.getLocations({ did: owned.tn, signal })).toEqual([])

    const statuses = await client.insert911({ did: owned.tn, address, signal })
    expect(statuses[0]?.description).toBe('Location status updated')
    const queried = await client.query911({ did: owned.tn, signal })
    expect(queried.records[0]).toMatchObject({ tn: owned.tn, city: 'SAINT GEORGE', zipCode: '84770-2504', statusCode: 'PROVISIONED' })
    expect((await client.audit911({ signal })).map((record) => record.tn)).toContain(owned.tn)
    expect((await client.queryDID({ did: owned.tn, signal })).has911).toBe(true)

    const added = await client.addLocation({ did: owned.tn, address: { ...address, address1: '1 MAIN ST' }, signal })
    expect(added).toMatchObject({ address1: '1 MAIN ST', statusCode: 'GEOCODED' })
    await client.provisionLocation({ did: owned.tn, locationId: String(added.locationId), signal })
    const history = await client.getProvisioningHistory({ did: owned.tn, signal })
    expect(history.at(-1)?.address1).toBe('1 MAIN ST')
    expect(history.map((location) => location.address1)).toContain('150 N 200 E')
    const missing = await carrierError(client.provisionLocation({ did: owned.tn, locationId: '1', signal }))
    expect(missing.info).toMatchObject({ carrierCode: '206200' })
    const locations = await client.getLocations({ did: owned.tn, signal })
    expect(locations).toHaveLength(2)
    const geocoded = locations.find((location) => location.statusCode !== 'PROVISIONED')!
    expect(await client.removeLocation({ did: owned.tn, locationId: String(geocoded.locationId), signal })).toEqual({
      statuses: [{ code: '205100', description: 'Location successfully removed' }],
      checkedAfterFailure: false,
    })

    const removed = await client.remove911({ did: owned.tn, signal })
    expect(removed.statuses[0]?.description).toBe(`1 record was successfully archived for DID ${owned.tn}`)
    expect((await client.queryDID({ did: owned.tn, signal })).has911).toBe(false)
    expect((await carrierError(client.insert911({ did: '5550000000', address, signal }))).info.carrierCode).toBe('420')
  })
})

describe('credentials, retries and faults', () => {
  it('wrong credentials: one request, a CarrierError(auth) without the secret, no retry', async () => {
    const wrongSecret = 'not-the-secret-xyz'
    const wrong = makeClient({ secret: wrongSecret })
    const before = requests()
    const error = await carrierError(wrong.queryDID({ did: '5550000000', signal }))
    expect(error.code).toBe('auth')
    expect(error.info.carrierCode).toBe('401')
    expect(requests()).toBe(before + 1)
    expect(error.message).not.toContain(wrongSecret)
    expect(JSON.stringify(error.toShape())).not.toContain(wrongSecret)
    const batch = await carrierError(wrong.assignDID({ dids: [{ tn: '3056000001', epg: primaryGroup }], signal }))
    expect(batch.code).toBe('auth')
    expect(batch.info.ambiguous).toBeUndefined()
  })

  it('a credentials refusal mid-session (token-expired fault) fails that call once, the next call works', async () => {
    vi.faults.configure({ script: [{ fault: 'token-expired', match: 'queryDID' }] })
    const before = requests()
    expect((await carrierError(client.queryDID({ did: '5550000000', signal }))).code).toBe('auth')
    expect(requests()).toBe(before + 1)
    expect((await client.queryDID({ did: '5550000000', signal })).statusCode).toBe(102420)
  })

  it('two concurrent calls on a fresh client send two requests and nothing else (no login round-trip)', async () => {
    const fresh = makeClient()
    const before = requests()
    const [first, second] = await Promise.all([fresh.queryDID({ did: '5550000000', signal }), fresh.isPortable({ tn: '2125559001', signal })])
    expect(first.statusCode).toBe(102420)
    expect(typeof second).toBe('boolean')
    expect(requests()).toBe(before + 2)
  })

  it('retries a read on 429, honouring Retry-After', async () => {
    vi.faults.configure({ retryAfterSeconds: 1, script: [{ fault: 'rate-limit', match: 'getDIDs' }] })
    const before = requests()
    const started = Date.now()
    const found = await client.getDIDs({ criteria: { state: 'TX' }, signal })
    expect(found.length).toBeGreaterThan(0)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(requests()).toBe(before + 2)
  })

  it('retries a read on 5xx and on a dropped connection', async () => {
    vi.faults.configure({ script: [{ fault: 'server-error', match: 'queryDID' }, { fault: 'reset', match: 'queryDID' }] })
    const before = requests()
    expect((await client.queryDID({ did: '5550000000', signal })).statusCode).toBe(102420)
    expect(requests()).toBe(before + 3)
  })

  it('a malformed answer to a read is a CarrierError(carrier), nothing returned', async () => {
    vi.faults.configure({ script: [{ fault: 'malformed', match: 'getDIDs' }] })
    const error = await carrierError(client.getDIDs({ criteria: { state: 'TX' }, signal }))
    expect(error.code).toBe('carrier')
    expect(error.info.message).toContain('not a SOAP getDIDsResponse')
  })

  it('a streamed audit cut short every time fails with a CarrierError and returns nothing', async () => {
    vi.faults.configure({ script: [{ fault: 'truncated', match: 'auditDIDs', count: 4 }] })
    const before = requests()
    const error = await carrierError(client.auditDIDs({ signal }))
    expect(['network', 'carrier']).toContain(error.code)
    // A read: retried up to the kit's four attempts, then given up.
    expect(requests()).toBe(before + 4)
    vi.faults.configure({ script: [{ fault: 'truncated', match: 'auditDIDs' }] })
    expect(await client.auditDIDs({ signal })).toHaveLength(ownedCount)
  })

  it('a truncated answer to a plain read is retried', async () => {
    vi.faults.configure({ script: [{ fault: 'truncated', match: 'queryDID' }] })
    const before = requests()
    expect((await client.queryDID({ did: '5550000000', signal })).statusCode).toBe(102420)
    expect(requests()).toBe(before + 2)
  })

  it('a mutation is sent once: a 500 before commit is ambiguous, not retried, and nothing was assigned', async () => {
    const [target] = await buyable('GA', 1)
    vi.faults.configure({ script: [{ fault: 'server-error', match: 'assignDID' }] })
    const before = requests()
    const assigns = ledger('assignDID')
    const error = await carrierError(client.assignDID({ dids: [{ tn: String(target), epg: primaryGroup }], signal }))
    expect(error.info.ambiguous).toBe(true)
    expect(requests()).toBe(before + 1)
    expect(ledger('assignDID')).toBe(assigns)
  })

  it('uses the long timeout for searches and the short one for other calls', async () => {
    const timed = makeClient({ timeouts: { defaultMs: 150, slowMs: 5_000 } })
    vi.faults.configure({ latencyMs: 400 })
    const found = await timed.getDIDs({ criteria: { state: 'OH' }, signal })
    expect(found.length).toBeGreaterThan(0)
    const [target] = found.filter((locator) => locator.tier !== '777').map((locator) => locator.tn)
    const error = await carrierError(timed.reserveDID({ dids: [{ tn: String(target) }], signal }))
    expect(error.code).toBe('network')
    expect(error.info.ambiguous).toBe(true)
  })

  it('a cancelled search stops at once with a cancelled error', async () => {
    vi.faults.configure({ latencyMs: 2_000 })
    const controller = new AbortController()
    const started = Date.now()
    const pending = rejection(client.getDIDs({ criteria: { state: 'CO' }, signal: controller.signal }))
    setTimeout(() => controller.abort(), 100)
    const error = await pending
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('cancelled')
    expect(Date.now() - started).toBeLessThan(1_500)
  })
})
