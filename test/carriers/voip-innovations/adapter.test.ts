/**
 * The VoIP Innovations adapter as the core uses it (openSandboxDesk: real core, temp SQLite, keychain):
 * numbers sync through the sync runner, search, reserve, purchase and release with injected failures
 * (exactly one purchase in the simulator's ledger), routing / CNAM / E911 changes, read and address check.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AvailableNumber } from '../../../src/shared/domain'
import type { CarrierClient, NumberActions } from '../../../src/main/carriers/adapter'
import { AppError } from '../../../src/main/lib/app-error'
import { CarrierError } from '../../../src/main/lib/carrier-error'
import { defaultEndpointGroupMemo, type VoipInnovationsAccountClient } from '../../../src/main/carriers/voip-innovations/adapter'
import type { SandboxCarrier } from '../../../src/main/sandbox'
import { endpointGroupsFor } from '../../../src/main/sandbox/voip-innovations/state'
import { openSandboxDesk, type SandboxDesk } from '../../helpers/sandbox-desk'

const numbers = 5000
const viOwned = Math.round(numbers * 0.3)
const signal = new AbortController().signal

let desk: SandboxDesk
let vi: SandboxCarrier
let client: CarrierClient
let actions: Required<Pick<NumberActions, 'search' | 'reserve' | 'purchase' | 'release' | 'change' | 'read' | 'verifyAddress'>>
let groups: number[]
let secret: string

const requests = (): number => vi.server.requestCount('/Services/APIService.asmx')
const ledger = (operation: string): { tn?: unknown }[] =>
  desk.sandbox.ledger.entries({ carrier: 'voip-innovations', operation }).map((entry) => entry.details)

/** Fresh local numbers of a state that VI sells to this account (tier 777 is not offered). */
async function offers(state: string, count: number): Promise<AvailableNumber[]> {
  const found = await actions.search({ query: { type: 'local', state, limit: 200 }, signal })
  const picked = found.filter((number) => (number.offer as { tier?: string }).tier !== '777').slice(0, count)
  expect(picked).toHaveLength(count)
  return picked
}

beforeAll(async () => {
  desk = await openSandboxDesk({ carriers: ['voip-innovations'], numbers })
  vi = desk.sandbox.carriers['voip-innovations'] as SandboxCarrier
  secret = vi.account.secrets.secret ?? ''
  groups = endpointGroupsFor(desk.sandbox.seed).map((group) => group.id)
  client = await desk.client('voip-innovations')
  actions = client.numbers as typeof actions
})

afterEach(() => {
  vi.faults.configure({})
})

afterAll(async () => {
  await desk?.close()
})

describe('numbers sync', () => {
  it('pages the whole inventory into the store with E.164 numbers, statuses and endpoint groups', async () => {
    const pages: number[] = []
    await client.syncNumbers?.({ signal, onPage: (rows) => pages.push(rows.length) })
    // The US inventory in pages of 1000, then the three seeded international numbers (AuditIntlDIDs).
    expect(pages).toEqual([1000, viOwned - 1000, 3])

    const account = desk.account('voip-innovations')
    const [result] = await desk.desk.sync.start({ accountIds: [account.id], areas: ['numbers'] }).done
    expect(result).toMatchObject({ outcome: 'succeeded', rows: viOwned + 3 })
    const local = { filters: { types: ['local' as const] }, limit: 1000 }
    const firstPage = desk.desk.store.numbers.list(local)
    expect(firstPage.total).toBe(viOwned)
    const stored = { rows: [...firstPage.rows, ...desk.desk.store.numbers.list({ ...local, offset: 1000 }).rows] }
    expect(new Set(stored.rows.map((record) => record.e164)).size).toBe(viOwned)
    for (const record of stored.rows) {
      expect(record.e164).toMatch(/^\+1[2-9]\d{9}$/)
      expect(record).toMatchObject({ carrier: 'voip-innovations', type: 'local', status: 'active' })
      // Where calls go: the endpoint group, or the number every call is forwarded to.
      if (record.trunk?.startsWith('forward ')) expect(record.trunk).toMatch(/^forward \+1\d{10}$/)
      else expect(groups).toContain(Number(record.trunk))
      expect(JSON.stringify(record)).not.toContain(secret)
    }
    const routed = stored.rows.find((record) => !record.trunk?.startsWith('forward '))!
    const detail = desk.desk.store.numbers.get({ accountId: account.id, e164: routed.e164 })
    expect(detail?.raw).toMatchObject({ tn: routed.e164.slice(2), availability: 'assigned', endpointId: Number(routed.trunk) })
    expect(JSON.stringify(detail?.raw)).not.toContain(secret)
    // The endpoint group new purchases go to: the one most numbers use (forwarded ones keep theirs).
    const counts = new Map<string, number>()
    for (const did of await (client as VoipInnovationsAccountClient).api.auditDIDs({ signal })) {
      counts.set(String(did.endpointId), (counts.get(String(did.endpointId)) ?? 0) + 1)
    }
    const mostUsed = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
    expect(desk.desk.store.memo.get(account.id, defaultEndpointGroupMemo)).toBe(Number(mostUsed))
  })

  it('a cancelled sync stops with a cancelled error', async () => {
    const controller = new AbortController()
    vi.faults.configure({ latencyMs: 1000 })
    setTimeout(() => controller.abort(), 50)
    const error = await client.syncNumbers?.({ signal: controller.signal, onPage: () => undefined }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('cancelled')
  })
})

describe('search, reserve, purchase, release', () => {
  it('searches local numbers by state and rate center, stamped with when they were fetched', async () => {
    const before = Date.now()
    const found = await actions.search({ query: { type: 'local', state: 'TX', limit: 5 }, signal })
    expect(found).toHaveLength(5)
    for (const number of found) {
      expect(number).toMatchObject({ carrier: 'voip-innovations', type: 'local', state: 'TX' })
      expect(number.e164).toMatch(/^\+1\d{10}$/)
      expect(number.fetchedAt).toBeGreaterThanOrEqual(before)
    }
    const [sample] = found
    const inCenter = await actions.search({ query: { type: 'local', npa: sample?.e164.slice(2, 5), rateCenter: sample?.rateCenter, limit: 3 }, signal })
    expect(inCenter.every((number) => number.rateCenter === sample?.rateCenter)).toBe(true)
    const tollFree = await actions.search({ query: { type: 'toll-free', tollFreePrefix: '888', limit: 5 }, signal }).catch((error: unknown) => error)
    expect(tollFree).toBeInstanceOf(AppError)
    expect((tollFree as AppError).code).toBe('validation')
  })

  it('reserves numbers (a second hold on the same number is refused per number)', async () => {
    const [target] = await offers('NY', 1)
    const lines = await actions.reserve({ numbers: [target!, target!], signal })
    expect(lines.map((line) => [line.e164, line.ok, line.code])).toEqual([
      [target?.e164, true, '100'],
      [target?.e164, false, '103220'],
    ])
    const [record] = await actions.read({ e164s: [target!.e164], signal })
    expect(record?.status).toBe('reserved')
  })

  it('buys numbers onto the account\'s usual endpoint group, reporting each number', async () => {
    const [first, second] = await offers('FL', 2)
    const before = ledger('assignDID').length
    const result = await actions.purchase({ numbers: [first!, second!], signal })
    expect(result.lines).toEqual([
      expect.objectContaining({ e164: first?.e164, ok: true, code: '100' }),
      expect.objectContaining({ e164: second?.e164, ok: true, code: '100' }),
    ])
    expect(ledger('assignDID')).toHaveLength(before + 2)
    const usual = desk.desk.store.memo.get(desk.account('voip-innovations').id, defaultEndpointGroupMemo)
    const records = await actions.read({ e164s: [first!.e164], signal })
    expect(records[0]).toMatchObject({ status: 'active', trunk: String(usual) })
    // Buying it again is refused by VI as "already assigned to you", not bought twice.
    const again = await actions.purchase({ numbers: [first!], signal })
    expect(again.lines[0]).toMatchObject({ ok: false, code: '104225' })
    expect(ledger('assignDID')).toHaveLength(before + 2)
  })

  it.each(['reset-after-commit', 'server-error-after-commit'] as const)(
    'a purchase that failed after VI committed it (%s) is bought exactly once and reported bought',
    async (fault) => {
      const [target] = await offers('GA', 1)
      const before = ledger('assignDID').length
      const sent = requests()
      vi.faults.configure({ script: [{ fault, match: 'assignDID' }] })
      const result = await actions.purchase({ numbers: [target!], signal })
      expect(result.lines).toEqual([expect.objectContaining({ e164: target?.e164, ok: true, checkedAfterFailure: true })])
      expect(ledger('assignDID').slice(before)).toEqual([expect.objectContaining({ tn: target?.e164.slice(2) })])
      // One assignDID, one queryDID to settle it: nothing sent twice.
      expect(requests()).toBe(sent + 2)
    },
  )

  it('a purchase that failed before VI received it is reported not bought, without a second attempt', async () => {
    const [target] = await offers('CO', 1)
    const before = ledger('assignDID').length
    const sent = requests()
    vi.faults.configure({ script: [{ fault: 'reset', match: 'assignDID' }] })
    const result = await actions.purchase({ numbers: [target!], signal })
    expect(result.lines).toEqual([expect.objectContaining({ e164: target?.e164, ok: false, checkedAfterFailure: true })])
    expect(ledger('assignDID')).toHaveLength(before)
    expect(requests()).toBe(sent + 2)
    const [record] = await actions.read({ e164s: [target!.e164], signal })
    expect(record?.status).toBe('released')
  })

  it('a purchase whose outcome cannot be re-read says "unknown" for the number rather than guessing', async () => {
    const [target] = await offers('AZ', 1)
    vi.faults.configure({ script: [{ fault: 'reset-after-commit', match: 'assignDID' }, { fault: 'server-error', match: 'queryDID', count: 4 }] })
    const result = await actions.purchase({ numbers: [target!], signal })
    expect(result.lines).toEqual([expect.objectContaining({ e164: target?.e164, ok: false, code: 'unknown' })])
    expect(result.lines[0]?.checkedAfterFailure).toBeUndefined()
  })

  it('releases numbers; a release that failed after commit is checked, not repeated', async () => {
    const stored = desk.desk.store.numbers.list({ limit: 10 }).rows
    const [plain, afterFault] = (await actions.read({ e164s: stored.map((row) => row.e164), signal })).filter((record) => record.e911 === undefined)
    const lines = await actions.release({ e164s: [plain!.e164, '+15550000000'], signal })
    expect(lines).toEqual([
      expect.objectContaining({ e164: plain?.e164, ok: true, code: '100' }),
      expect.objectContaining({ e164: '+15550000000', ok: false, code: '106420' }),
    ])
    const before = ledger('releaseDID').length
    vi.faults.configure({ script: [{ fault: 'server-error-after-commit', match: 'releaseDID' }] })
    const checked = await actions.release({ e164s: [afterFault!.e164], signal })
    expect(checked).toEqual([expect.objectContaining({ e164: afterFault?.e164, ok: true, checkedAfterFailure: true })])
    expect(ledger('releaseDID')).toHaveLength(before + 1)
  })
})

describe('changes, read and address check', () => {
  it('routes numbers to another endpoint group (configDID) and reads the new route back', async () => {
    const [row] = (await actions.read({ e164s: desk.desk.store.numbers.list({ limit: 40 }).rows.map((r) => r.e164), signal })).filter(
      (record) => record.status === 'active',
    )
    const target = groups.find((group) => String(group) !== row?.trunk) as number
    const lines = await actions.change({ e164s: [row!.e164], change: { kind: 'routing', routing: { kind: 'trunk', trunk: String(target) } }, signal })
    expect(lines).toEqual([expect.objectContaining({ e164: row?.e164, ok: true, code: '100' })])
    expect((await actions.read({ e164s: [row!.e164], signal }))[0]?.trunk).toBe(String(target))
    const bad = await actions.change({ e164s: [row!.e164], change: { kind: 'routing', routing: { kind: 'trunk', trunk: '12345' } }, signal })
    expect(bad[0]).toMatchObject({ ok: false, code: '105258' })
    // Forwarding to a number (SetDIDForward) shows as the route; routing to a group again ends it.
    const forward = await actions.change({ e164s: [row!.e164], change: { kind: 'routing', routing: { kind: 'forward', destination: '+13055550100' } }, signal })
    expect(forward).toEqual([{ e164: row?.e164, ok: true }])
    expect((await actions.read({ e164s: [row!.e164], signal }))[0]?.trunk).toBe('forward +13055550100')
    const back = await actions.change({ e164s: [row!.e164], change: { kind: 'routing', routing: { kind: 'trunk', trunk: String(target) } }, signal })
    expect(back).toEqual([expect.objectContaining({ ok: true, message: 'Forwarding to +13055550100 ended' })])
    expect((await actions.read({ e164s: [row!.e164], signal }))[0]?.trunk).toBe(String(target))
  })

  it('sets and clears a CNAM display name, refusing a bad one per number', async () => {
    const candidates = await actions.read({ e164s: desk.desk.store.numbers.list({ limit: 60 }).rows.map((r) => r.e164), signal })
    const number = candidates.find((record) => record.status === 'active' && (record.raw as { cnamStorageAvailability?: boolean }).cnamStorageAvailability)!
    const set = await actions.change({ e164s: [number.e164], change: { kind: 'cnam', cnam: 'Kite Legal' }, signal })
    expect(set).toEqual([{ e164: number.e164, ok: true }])
    expect((await actions.read({ e164s: [number.e164], signal }))[0]?.cnam).toBe('KITE LEGAL')
    const refused = await actions.change({ e164s: [number.e164], change: { kind: 'cnam', cnam: 'Far too long a display name' }, signal })
    expect(refused[0]).toMatchObject({ ok: false, code: '400' })
    await actions.change({ e164s: [number.e164], change: { kind: 'cnam', cnam: null }, signal })
    expect((await actions.read({ e164s: [number.e164], signal }))[0]?.cnam).toBeUndefined()
  })

  it('provisions an E911 address and reads it back; checks addresses', async () => {
    const candidates = await actions.read({ e164s: desk.desk.store.numbers.list({ limit: 20 }).rows.map((r) => r.e164), signal })
    const number = candidates.find((record) => record.status === 'active' && record.e911 === undefined)!
    const address = { callerName: 'Harbor Dental', street: '150 N 200 E', unit: 'STE 201', city: 'Saint George', state: 'UT', zip: '84770-2504' }
    const lines = await actions.change({ e164s: [number.e164], change: { kind: 'e911', address }, signal })
    expect(lines).toEqual([{ e164: number.e164, ok: true }])
    expect((await actions.read({ e164s: [number.e164], signal }))[0]?.e911).toBe('150 N 200 E, STE 201, SAINT GEORGE, UT 84770-2504')
    expect(await actions.verifyAddress({ address, signal })).toMatchObject({ valid: true })
    const invalid = await actions.verifyAddress({ address: { ...address, zip: '847' }, signal })
    expect(invalid.valid).toBe(false)
    expect(invalid.message).toContain('zip')
  })

  it('keeps the API secret out of every error message', async () => {
    const failures: unknown[] = []
    vi.faults.configure({ script: [{ fault: 'malformed', match: 'queryDID' }] })
    failures.push(await actions.read({ e164s: ['+15550000000'], signal }).catch((error: unknown) => error))
    vi.faults.configure({ script: [{ fault: 'token-expired', match: 'getDIDs' }] })
    failures.push(await actions.search({ query: { type: 'local', state: 'FL', limit: 1 }, signal }).catch((error: unknown) => error))
    failures.push(await actions.search({ query: { type: 'local', limit: 1 }, signal }).catch((error: unknown) => error))
    vi.faults.configure({ script: [{ fault: 'server-error', match: 'UpdateCNAMDisplay' }] })
    const cnam = await actions.change({ e164s: ['+15550000000'], change: { kind: 'cnam', cnam: 'X' }, signal })
    expect(failures.map((error) => (error as CarrierError).code)).toEqual(['carrier', 'auth', 'carrier'])
    for (const error of failures) {
      expect(error).toBeInstanceOf(CarrierError)
      expect((error as CarrierError).message).not.toContain(secret)
      expect(JSON.stringify((error as CarrierError).toShape())).not.toContain(secret)
    }
    expect(JSON.stringify(cnam)).not.toContain(secret)
    expect(await client.testConnection({ signal })).toEqual({ message: expect.stringContaining('accepted') })
  })
})
