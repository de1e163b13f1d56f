/**
 * The findings rules over hand-made cached data, each shown firing and not firing; dismissals kept with who
 * and why, held while the facts stay and re-opened when they change. A real core on a temp SQLite file, no
 * carrier contacted: the cache is written through the store's repositories as the syncs would.
 */
import { callRecord, putCallRecords } from '../helpers/call-records'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CarrierId, PhoneNumberRecord, PortOrder, TrunkGroup } from '../../src/shared/domain'
import type { Finding, FindingKind } from '../../src/shared/findings'
import { createCarrierDesk, type CarrierDesk } from '../../src/main/core/carrierdesk'
import { tempDir } from '../helpers/temp'

const now = Date.UTC(2026, 11, 2, 12, 0, 0)
const day = 86_400_000

let dir: ReturnType<typeof tempDir>
let desk: CarrierDesk
const accounts: Record<string, string> = {}

function addAccount(carrier: CarrierId, name: string): string {
  const id = `acct-${carrier}`
  desk.store.accounts.insert({ id, carrier, name, baseUrl: 'https://127.0.0.1:1/api', environment: 'sandbox', storedSecrets: [], createdAt: now, updatedAt: now })
  accounts[carrier] = id
  return id
}

function number(carrier: CarrierId, e164: string, fields: Partial<PhoneNumberRecord> = {}): PhoneNumberRecord {
  return { accountId: accounts[carrier]!, carrier, e164, type: 'local', status: 'active', asOf: now - 3_600_000, raw: {}, ...fields }
}

const cache = (...numbers: PhoneNumberRecord[]): void => desk.store.numbers.upsert(numbers)

function syncedArea(carrier: CarrierId, area: 'trunks' | 'cdrs' | 'numbers'): void {
  const runId = `run-${carrier}-${area}-${Math.random()}`
  desk.store.syncRuns.start(runId, accounts[carrier]!, area, now - 60_000)
  desk.store.syncRuns.finish(runId, accounts[carrier]!, area, { outcome: 'succeeded', finishedAt: now - 30_000, rows: 1 })
}

function trunk(carrier: CarrierId, id: string, status: TrunkGroup['status'] = 'active'): TrunkGroup {
  return { accountId: accounts[carrier]!, carrier, id, name: `Trunk ${id}`, direction: 'origination', ips: [], status, asOf: now, raw: {} }
}

function port(carrier: CarrierId, id: string, fields: Partial<PortOrder>): PortOrder {
  return { accountId: accounts[carrier]!, carrier, id, numbers: ['+13055550199'], status: 'foc-set', asOf: now - 60_000, raw: {}, ...fields }
}

function calls(carrier: CarrierId, list: { at: number; from: string; to: string }[]): void {
  const records = list.map((c, i) => callRecord(accounts[carrier]!, `cdr-${i}`, { carrier, startedAt: c.at, from: c.from, to: c.to, ourNumber: undefined }))
  putCallRecords(desk.store, records)
}

const findingsOf = (kind: FindingKind): Finding[] => desk.findings.compute().findings.filter((f) => f.kind === kind)
const numbersOf = (finding: Finding | undefined): string[] => (finding?.subjects ?? []).map((s) => s.e164 ?? s.objectId ?? '').sort()

/** Call48 forwarding as its DIDs carry it: OD numbers by trunk group, Porta numbers by method. */
const forwarding = (fields: Record<string, unknown>) => ({
  forwardingData: { fwd_trunk_grpid: null, method1: '', number1: '', sip1: '', method2: '', number2: '', sip2: '', method3: '', number3: '', sip3: '', product: null, ...fields },
})

beforeEach(() => {
  dir = tempDir()
  desk = createCarrierDesk({ dataDir: dir.path, actor: 'noc:alice', now: () => now })
  addAccount('call48', 'Call48 main')
  addAccount('vitcom', 'Vitcom east')
  addAccount('voip-innovations', 'VI west')
  addAccount('nexogy', 'Nexogy resi')
})

afterEach(async () => {
  await desk.close()
  dir.remove()
})

describe('billed but not routed', () => {
  it('fires for active numbers with no trunk, endpoint group or forwarding, their monthly cost summed', () => {
    cache(
      number('vitcom', '+12065550001', { monthlyCost: 0.45 }),
      number('vitcom', '+12065550002', { monthlyCost: 1 }),
      number('call48', '+12065550003', { raw: forwarding({}) }),
    )
    const found = findingsOf('unrouted')
    const vitcom = found.find((f) => f.id === `unrouted:${accounts.vitcom}`)
    expect(numbersOf(vitcom)).toEqual(['+12065550001', '+12065550002'])
    expect(vitcom?.monthlyCost).toBe(1.45)
    expect(vitcom?.severity).toBe('waste')
    expect(vitcom?.actions).toContain('route')
    expect(numbersOf(found.find((f) => f.id === `unrouted:${accounts.call48}`))).toEqual(['+12065550003'])
  })

  it('does not fire for routed, forwarded, Porta-routed, suspended or gone numbers, nor at a carrier that does not route', () => {
    cache(
      number('vitcom', '+12065550010', { trunk: 'orig-100' }),
      number('vitcom', '+12065550011', { status: 'suspended' }),
      number('vitcom', '+12065550012', { trunk: 'forward +13055550100' }),
      number('call48', '+12065550013', { raw: forwarding({ method1: 'trunk', product: 24230 }) }),
      number('call48', '+12065550014', { raw: forwarding({ method1: 'pstn', number1: '13055550100' }) }),
      number('call48', '+12065550015', { raw: forwarding({ fwd_trunk_grpid: 52610 }) }),
      number('nexogy', '+12065550016'),
    )
    expect(findingsOf('unrouted')).toEqual([])
  })
})

describe('active local numbers without an E911 address', () => {
  it('fires at carriers that keep one', () => {
    cache(number('voip-innovations', '+12065550020', { trunk: '8659' }), number('call48', '+12065550021', { trunk: '52610' }))
    const found = findingsOf('no-e911')
    expect(found.map((f) => f.id).sort()).toEqual([`no-e911:${accounts.call48}`, `no-e911:${accounts['voip-innovations']}`].sort())
    expect(found.every((f) => f.severity === 'risk')).toBe(true)
  })

  it('does not fire with an address, for toll-free or suspended numbers, nor where the carrier keeps none (Vitcom)', () => {
    cache(
      number('voip-innovations', '+12065550022', { e911: '1 Main St, Seattle, WA 98101' }),
      number('voip-innovations', '+18005550023', { type: 'toll-free', cnam: 'ACME' }),
      number('call48', '+12065550024', { status: 'suspended' }),
      number('vitcom', '+12065550025', { trunk: 'orig-100' }),
    )
    expect(findingsOf('no-e911')).toEqual([])
  })

  it('fires over 200,000 such numbers at one account: counted, their oldest as-of found, the first 10,000 listed', () => {
    // Written in SQL, as a sync's commit would: 200,000 active local Call48 numbers without an address.
    desk.store.db
      .prepare(
        `WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 199999)
         INSERT INTO numbers (account_id, e164, carrier, type, status, as_of, raw, sig)
         SELECT ?, printf('+1212%07d', n), 'call48', 'local', 'active', ? - n, '{}', 0 FROM i`,
      )
      .run(accounts.call48, now - 1_000)
    const report = desk.findings.compute()
    expect(report.notes.filter((note) => note.kind === 'no-e911')).toEqual([])
    const [found] = report.findings.filter((f) => f.id === `no-e911:${accounts.call48}`)
    expect(found?.subjectCount).toBe(200_000)
    expect(found?.subjects).toHaveLength(10_000)
    expect(found?.asOf).toBe(now - 1_000 - 199_999)
  }, 60_000)
})

describe('toll-free numbers without CNAM', () => {
  it('fires where the carrier offers CNAM', () => {
    cache(number('vitcom', '+18885550030', { type: 'toll-free', trunk: 'orig-100' }))
    expect(numbersOf(findingsOf('no-cnam')[0])).toEqual(['+18885550030'])
  })

  it('does not fire with a CNAM, for local numbers, nor where the carrier offers none', () => {
    cache(
      number('vitcom', '+18885550031', { type: 'toll-free', cnam: 'ACME SUPPORT', trunk: 'orig-100' }),
      number('vitcom', '+12065550032', { trunk: 'orig-100' }),
      number('nexogy', '+18885550033', { type: 'toll-free' }),
    )
    expect(findingsOf('no-cnam')).toEqual([])
  })
})

describe('idle numbers', () => {
  const busy = '+12065550040'
  const idle = '+12065550041'
  const other = '+12065550042'
  beforeEach(() => {
    cache(
      number('call48', busy, { trunk: '52610', e911: 'x', monthlyCost: 1.5 }),
      number('call48', idle, { trunk: '52610', e911: 'x', monthlyCost: 1.25 }),
      number('call48', other, { trunk: '52610', e911: 'x', monthlyCost: 0.75 }),
    )
    syncedArea('call48', 'cdrs')
  })

  it('fires for numbers with no call in the last N days while the records cover them, their cost summed', () => {
    calls('call48', [
      { at: now - 40 * day, from: idle, to: '+13055550100' },
      { at: now - 3 * day, from: '+13055550100', to: busy },
      { at: now - 29 * day, from: other, to: '+13055550100' },
    ])
    const [finding] = findingsOf('idle')
    expect(numbersOf(finding)).toEqual([idle])
    expect(finding?.monthlyCost).toBe(1.25)
    expect(finding?.actions).toContain('release')
    desk.settings.update({ idleNumberDays: 14 })
    expect(numbersOf(desk.findings.list().findings.find((f) => f.kind === 'idle'))).toEqual([idle, other])
  })

  it('does not fire while the records do not cover the period, and says why', () => {
    calls('call48', [{ at: now - 10 * day, from: '+13055550100', to: busy }])
    const report = desk.findings.compute()
    expect(report.findings.filter((f) => f.kind === 'idle')).toEqual([])
    expect(report.notes).toContainEqual({ kind: 'idle', message: 'Call48 main: call records cover 10 of the 30 idle days, so its idle numbers are not judged yet' })
  })

  it('does not fire when every number had a call', () => {
    calls('call48', [
      { at: now - 31 * day, from: '+13055550100', to: busy },
      { at: now - 2 * day, from: idle, to: '+13055550100' },
      { at: now - 1 * day, from: '+13055550100', to: other },
      { at: now - 1 * day, from: '+13055550100', to: busy },
    ])
    expect(findingsOf('idle')).toEqual([])
  })
})

describe('routed to a trunk that no longer exists or is disabled', () => {
  it('fires for a disabled trunk and a missing one, at an account whose trunks were synced', () => {
    desk.store.trunks.replaceFor(accounts.vitcom!, [trunk('vitcom', 'orig-100'), trunk('vitcom', 'orig-101', 'disabled')])
    syncedArea('vitcom', 'trunks')
    cache(
      number('vitcom', '+12065550050', { trunk: 'orig-100' }),
      number('vitcom', '+12065550051', { trunk: 'orig-101' }),
      number('vitcom', '+12065550052', { trunk: 'orig-109' }),
    )
    const [finding] = findingsOf('dangling-trunk')
    expect(numbersOf(finding)).toEqual(['+12065550051', '+12065550052'])
    expect(finding?.subjects.map((s) => s.detail).sort()).toEqual(['trunk Trunk orig-101 (orig-101) is disabled', 'trunk orig-109 no longer exists'])
  })

  it('does not fire for live trunks, forwards, or where the trunks were never synced', () => {
    desk.store.trunks.replaceFor(accounts.vitcom!, [trunk('vitcom', 'orig-100')])
    syncedArea('vitcom', 'trunks')
    cache(
      number('vitcom', '+12065550053', { trunk: 'orig-100' }),
      number('vitcom', '+12065550054', { trunk: 'forward +13055550100' }),
      number('voip-innovations', '+12065550055', { trunk: '8659', e911: 'x' }),
    )
    expect(findingsOf('dangling-trunk')).toEqual([])
  })
})

describe('the same number listed at two accounts', () => {
  it('fires per number, naming a port in flight when one lists it', () => {
    cache(
      number('vitcom', '+12065550060', { trunk: 'orig-100', monthlyCost: 0.45 }),
      number('call48', '+12065550060', { trunk: '52610', e911: 'x' }),
      number('vitcom', '+12065550061', { trunk: 'orig-100', monthlyCost: 0.45 }),
      number('voip-innovations', '+12065550061', { trunk: '8659', e911: 'x' }),
    )
    desk.store.ports.replaceFor(accounts.call48!, [port('call48', '77/1', { numbers: ['+12065550060'], status: 'submitted' })])
    const found = findingsOf('duplicate')
    expect(found.map((f) => f.id).sort()).toEqual(['duplicate:+12065550060', 'duplicate:+12065550061'])
    const ported = found.find((f) => f.id === 'duplicate:+12065550060')
    expect(ported?.title).toBe('Listed at two accounts, port in flight')
    expect(ported?.subjects.map((s) => s.accountName).sort()).toEqual(['Call48 main', 'Vitcom east'])
    expect(found.find((f) => f.id === 'duplicate:+12065550061')?.title).toBe('Listed at two accounts')
  })

  it('does not fire for a number at one account, nor when the other listing is gone', () => {
    cache(number('vitcom', '+12065550062', { trunk: 'orig-100' }), number('vitcom', '+12065550063', { trunk: 'orig-100' }))
    cache(number('call48', '+12065550063', { trunk: '52610', e911: 'x' }))
    desk.store.db.prepare('UPDATE numbers SET gone_at = ? WHERE account_id = ? AND e164 = ?').run(now - day, accounts.call48, '+12065550063')
    expect(findingsOf('duplicate')).toEqual([])
  })
})

describe('reservations about to expire', () => {
  const reserved = (e164: string, expireDate: string) =>
    number('voip-innovations', e164, { status: 'reserved', raw: { tn: e164.slice(2), availability: 'reserved', expireDate } })
  const dotNet = (at: number) => new Date(at).toISOString().replace('Z', '')

  it('fires for a hold ending within a day', () => {
    cache(reserved('+12065550070', dotNet(now + 2 * 3_600_000)))
    const [finding] = findingsOf('expiring-hold')
    expect(numbersOf(finding)).toEqual(['+12065550070'])
    expect(finding?.subjects[0]?.detail).toBe('hold ends 2026-12-02T14:00:00Z')
  })

  it('does not fire for a hold ending later, one already over, or an unset date', () => {
    cache(reserved('+12065550071', dotNet(now + 3 * day)), reserved('+12065550072', dotNet(now - 3_600_000)), reserved('+12065550073', '1900-01-01T00:00:00'))
    const report = desk.findings.compute()
    expect(report.findings.filter((f) => f.kind === 'expiring-hold')).toEqual([])
    expect(report.notes).toContainEqual({ kind: 'expiring-hold', message: '1 reserved number whose carrier record does not say when the hold ends' })
  })
})

describe('port orders with a FOC date in the next 48 hours', () => {
  it('fires for a FOC today or tomorrow', () => {
    desk.store.ports.replaceFor(accounts.call48!, [
      port('call48', '10/1', { focDate: '2026-12-02' }),
      port('call48', '10/2', { focDate: '2026-12-03', status: 'pending' }),
    ])
    const found = findingsOf('foc-soon')
    expect(numbersOf({ subjects: found.flatMap((f) => f.subjects) } as Finding)).toEqual(['10/1', '10/2'])
    expect(found[0]?.id).toBe(`foc-soon:${accounts.call48}/10/1`)
  })

  it('does not fire for a FOC further out, one passed, or a port completed, rejected or cancelled', () => {
    desk.store.ports.replaceFor(accounts.call48!, [
      port('call48', '11/1', { focDate: '2026-12-06' }),
      port('call48', '11/2', { focDate: '2026-12-01' }),
      port('call48', '11/3', { focDate: '2026-12-03', status: 'completed' }),
      port('call48', '11/4', { focDate: '2026-12-03', status: 'cancelled' }),
      port('call48', '11/5', { status: 'submitted' }),
    ])
    expect(findingsOf('foc-soon')).toEqual([])
  })
})

describe('numbers gone from a carrier but still tagged or noted', () => {
  const markGone = (carrier: CarrierId, e164: string): void => {
    desk.store.db.prepare('UPDATE numbers SET gone_at = ? WHERE account_id = ? AND e164 = ?').run(now - day, accounts[carrier], e164)
  }

  it('fires for a gone number with a tag or a note', () => {
    cache(number('vitcom', '+12065550080', { trunk: 'orig-100' }), number('vitcom', '+12065550081', { trunk: 'orig-100' }))
    desk.store.numbers.setNotes({ accountId: accounts.vitcom!, e164: '+12065550080', tags: ['acme'], notes: '', now })
    desk.store.numbers.setNotes({ accountId: accounts.vitcom!, e164: '+12065550081', tags: [], notes: 'Main line of ACME', now })
    markGone('vitcom', '+12065550080')
    markGone('vitcom', '+12065550081')
    const [finding] = findingsOf('gone-annotated')
    expect(numbersOf(finding)).toEqual(['+12065550080', '+12065550081'])
    expect(finding?.subjects.map((s) => s.detail)).toEqual(['tags: acme', 'notes: Main line of ACME'])
  })

  it('does not fire for a gone number without notes, nor a present number with them', () => {
    cache(number('vitcom', '+12065550082', { trunk: 'orig-100' }), number('vitcom', '+12065550083', { trunk: 'orig-100' }))
    desk.store.numbers.setNotes({ accountId: accounts.vitcom!, e164: '+12065550083', tags: ['acme'], notes: 'x', now })
    markGone('vitcom', '+12065550082')
    expect(findingsOf('gone-annotated')).toEqual([])
  })
})

describe('dismissals', () => {
  it('are kept with who and why, hold while the facts stay, and re-open when they change', () => {
    cache(number('vitcom', '+12065550090', { monthlyCost: 0.45 }))
    const id = `unrouted:${accounts.vitcom}`
    const events: number[] = []
    desk.events.on('findings.changed', (summary) => events.push(summary.open))
    const dismissed = desk.findings.dismiss({ id, reason: 'Parked for a customer moving in January' })
    expect(dismissed).toMatchObject({ status: 'dismissed', dismissal: { by: 'noc:alice', reason: 'Parked for a customer moving in January', at: now } })
    expect(desk.activity.list({ limit: 5 })[0]).toMatchObject({ action: 'finding.dismiss', target: id, result: 'succeeded', actor: 'noc:alice' })
    expect(desk.findings.compute()).toMatchObject({ open: 0, dismissed: 1 })
    expect(events.at(-1)).toBe(0)

    // A second unrouted number at the account: the facts changed, the finding opens again.
    cache(number('vitcom', '+12065550091', { monthlyCost: 0.45 }))
    const reopened = desk.findings.compute().findings.find((f) => f.id === id)
    expect(reopened).toMatchObject({ status: 'open', reopened: true, dismissal: { by: 'noc:alice' } })
    expect(reopened?.monthlyCost).toBe(0.9)

    // Dismissed again on the new facts, then re-opened by hand.
    desk.findings.dismiss({ id, reason: 'Both parked' })
    expect(desk.findings.list().findings.find((f) => f.id === id)?.status).toBe('dismissed')
    const byHand = desk.findings.reopen({ id })
    expect(byHand.status).toBe('open')
    expect(byHand.dismissal).toBeUndefined()
    expect(desk.activity.list({ limit: 1 })[0]).toMatchObject({ action: 'finding.reopen', target: id })
  })

  it('survive a restart (SQLite) and refuse an unknown finding', async () => {
    cache(number('vitcom', '+12065550092'))
    const id = `unrouted:${accounts.vitcom}`
    desk.findings.dismiss({ id, reason: 'Test number' })
    await desk.close()
    desk = createCarrierDesk({ dataDir: dir.path, actor: 'noc:bob', now: () => now })
    expect(desk.findings.list().findings.find((f) => f.id === id)).toMatchObject({ status: 'dismissed', dismissal: { by: 'noc:alice', reason: 'Test number' } })
    expect(() => desk.findings.dismiss({ id: 'idle:nobody', reason: 'x' })).toThrow(/No finding idle:nobody/)
    expect(() => desk.findings.reopen({ id: `no-e911:${accounts.vitcom}` })).toThrow(/No finding/)
  })
})
