/**
 * The drift the Sandbox seeds (kit/drift), what a NOC finds in a real account: on each simulator's wire, the
 * same for a seed and different for another, with every carrier still owning the numbers asked for; and after
 * a plain first sync of every Sandbox account with default settings, six kinds of findings fire, each on
 * exactly the drifted numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding, FindingKind } from '../../src/shared/findings'
import { laneIndexOf } from '../../src/main/sandbox/kit/numbering'
import { openSandboxDesk, type SandboxDesk } from '../helpers/sandbox-desk'
import { startCall48Harness, type Body } from './call48-helpers'
import { dataOf, startVitcomHarness } from './vitcom-helpers'

interface VitcomDriftSeen {
  total: number
  disabledTrunk: Record<string, unknown> | undefined
  onDisabledTrunk: string[]
  tollFree: { tn: string; cnam: unknown; status: unknown }[]
  numbers: Map<string, Record<string, unknown>>
}

/** What Vitcom's own answers show of the drift, for a Sandbox of 1,000 numbers (300 at Vitcom). */
async function vitcomDriftOf(seed: number): Promise<VitcomDriftSeen> {
  const vitcom = await startVitcomHarness({ numbers: 1_000, seed })
  try {
    const trunks = dataOf(await vitcom.post('get_trunk'))
    const all = dataOf(await vitcom.post('getnumbers'))
    const onTrunk = dataOf(await vitcom.post('getnumbers', { trunkId: '99' }))
    const tollFree = dataOf(await vitcom.post('getnumbers', { category: 'tollfree' }))
    expect(onTrunk.every((row) => row.status === '1'), 'numbers on the disabled trunk are active (billed)').toBe(true)
    return {
      total: all.length,
      disabledTrunk: trunks.find((trunk) => trunk.id === '99'),
      onDisabledTrunk: onTrunk.map((row) => String(row.didnumber)).sort(),
      tollFree: tollFree.map((row) => ({ tn: String(row.didnumber), cnam: row.cnam, status: row.status })),
      numbers: new Map(all.map((row) => [String(row.didnumber), row])),
    }
  } finally {
    await vitcom.sandbox.stop()
  }
}

interface Call48DriftSeen {
  total: number
  unrouted: string[]
  /** The Vitcom port's DIDs with their port status, from the FOC list. */
  fromVitcom: { did: string; port_status: string; port_req_id: number }[]
  listed: Set<string>
}

async function call48DriftOf(seed: number): Promise<Call48DriftSeen> {
  const call48 = await startCall48Harness({ numbers: 1_000, seed })
  try {
    const dids = (await call48.call('GET', '/dids', { query: { type: 'local', page: '1', max: '1000' } })).body.data as Body[]
    const routedNowhere = (did: Body): boolean => {
      const f = did.forwardingData as Body
      return f.fwd_trunk_grpid === null && f.product === null && [1, 2, 3].every((slot) => !f[`method${slot}`] && !f[`number${slot}`] && !f[`sip${slot}`])
    }
    const foc = (await call48.call('POST', '/port-in/view-foc-list', { body: { page: 1, limit: 100 } })).body.data.rows as Body[]
    const listed = new Set(dids.map((did) => String(did.did)))
    // The port from Vitcom is the one whose numbers lie in Vitcom's own exchanges.
    const fromVitcom = foc.filter((row) => laneIndexOf('vitcom', String(row.did))?.pool === 'owned')
    return {
      total: dids.length,
      unrouted: dids.filter(routedNowhere).map((did) => String(did.did)).sort(),
      fromVitcom: fromVitcom.map((row) => ({ did: String(row.did), port_status: String(row.port_status), port_req_id: Number(row.port_req_id) })),
      listed,
    }
  } finally {
    await call48.stop()
  }
}

describe('the seeded drift on the simulators\' wire', () => {
  it('Vitcom: three active numbers still on a disabled trunk, two toll-free numbers without a CNAM, 300 numbers still; fixed by the seed', async () => {
    const [first, again, other] = [await vitcomDriftOf(7), await vitcomDriftOf(7), await vitcomDriftOf(8)]
    expect(first.total).toBe(300)
    expect(first.disabledTrunk).toMatchObject({ id: '99', title: 'Old PBX', status: '0' })
    expect(first.onDisabledTrunk).toHaveLength(3)
    expect(first.tollFree).toHaveLength(2)
    for (const tollFree of first.tollFree) {
      expect(tollFree.tn).toMatch(/^8(00|33|44|55|66|77|88)\d{7}$/)
      expect(tollFree).toMatchObject({ cnam: '', status: '1' })
    }
    expect(again.onDisabledTrunk).toEqual(first.onDisabledTrunk)
    expect(again.tollFree).toEqual(first.tollFree)
    expect(other.total).toBe(300)
    expect(other.onDisabledTrunk).toHaveLength(3)
    expect(other.onDisabledTrunk).not.toEqual(first.onDisabledTrunk)
    expect(other.tollFree.map((row) => row.tn)).not.toEqual(first.tollFree.map((row) => row.tn))
  })

  it('Call48: three OD DIDs routed nowhere, and a port from Vitcom at FOC whose first number is activated and listed while Vitcom lists both; fixed by the seed', async () => {
    const [first, again, other] = [await call48DriftOf(7), await call48DriftOf(7), await call48DriftOf(8)]
    expect(first.total).toBe(400)
    expect(first.unrouted).toHaveLength(3)
    expect(first.fromVitcom.map((row) => row.port_status)).toEqual(['activated', 'foc_received'])
    expect(new Set(first.fromVitcom.map((row) => row.port_req_id)).size).toBe(1)
    const [activated, waiting] = first.fromVitcom.map((row) => row.did)
    expect(first.listed.has(activated!)).toBe(true)
    expect(first.listed.has(waiting!)).toBe(false)
    const vitcom = await vitcomDriftOf(7)
    expect(vitcom.numbers.get(activated!)).toMatchObject({ status: '1' })
    expect(vitcom.numbers.get(waiting!)).toMatchObject({ status: '1' })
    expect(again.unrouted).toEqual(first.unrouted)
    expect(again.fromVitcom).toEqual(first.fromVitcom)
    expect(other.total).toBe(400)
    expect(other.unrouted).toHaveLength(3)
    expect(other.unrouted).not.toEqual(first.unrouted)
    expect(other.fromVitcom.map((row) => row.did)).not.toEqual(first.fromVitcom.map((row) => row.did))
  })
})

describe('findings after a plain first sync of every Sandbox account, default settings', () => {
  let env: SandboxDesk
  let findings: Finding[]
  const of = (kind: FindingKind): Finding[] => findings.filter((finding) => finding.kind === kind)
  const cached = (accountId: string, e164: string) =>
    env.desk.store.db.prepare('SELECT type, status, trunk, raw FROM numbers WHERE account_id = ? AND e164 = ?').get(accountId, e164) as
      | { type: string; status: string; trunk: string | null; raw: string }
      | undefined

  beforeAll(async () => {
    env = await openSandboxDesk({ numbers: 2_000 })
    const results = await env.desk.sync.start({ accountIds: env.accounts.map((account) => account.id) }).done
    expect(results.filter((result) => result.outcome !== 'succeeded' && result.outcome !== 'unsupported')).toEqual([])
    findings = env.desk.findings.list().findings
  }, 180_000)
  afterAll(async () => {
    await env?.close()
  })

  it('fires six kinds, each owned numbers count unchanged', () => {
    expect([...new Set(findings.map((finding) => finding.kind))].sort()).toEqual(
      expect.arrayContaining(['dangling-trunk', 'duplicate', 'foc-soon', 'no-cnam', 'no-e911', 'unrouted']),
    )
    const count = (carrier: string): number =>
      env.desk.store.db.prepare("SELECT COUNT(*) FROM numbers WHERE carrier = ? AND type <> 'international'").pluck().get(carrier) as number
    expect([count('call48'), count('vitcom'), count('voip-innovations')]).toEqual([800, 600, 600])
  })

  it('numbers routed to a disabled trunk: Vitcom\'s three on Old PBX', () => {
    const vitcom = env.account('vitcom')
    const [finding, ...rest] = of('dangling-trunk')
    expect(rest).toEqual([])
    expect(finding!.subjects).toHaveLength(3)
    for (const subject of finding!.subjects) {
      expect(subject).toMatchObject({ accountId: vitcom.id, detail: 'trunk Old PBX (orig-99) is disabled' })
      expect(cached(vitcom.id, subject.e164!)).toMatchObject({ status: 'active', trunk: 'orig-99' })
    }
    expect(env.desk.store.trunks.list().find((trunk) => trunk.accountId === vitcom.id && trunk.id === 'orig-99')).toMatchObject({ status: 'disabled' })
  })

  it('billed but not routed: Call48\'s three OD DIDs with no trunk group or forwarding', () => {
    const call48 = env.account('call48')
    const finding = of('unrouted').find((entry) => entry.subjects[0]?.accountId === call48.id)
    expect(finding?.subjects).toHaveLength(3)
    for (const subject of finding!.subjects) {
      const row = cached(call48.id, subject.e164!)
      expect(row).toMatchObject({ status: 'active', trunk: null })
      expect((JSON.parse(row!.raw) as Body).forwardingData).toMatchObject({ fwd_trunk_grpid: null, method1: '', product: null })
    }
  })

  it('toll-free numbers without CNAM: Vitcom\'s two', () => {
    const vitcom = env.account('vitcom')
    const [finding, ...rest] = of('no-cnam')
    expect(rest).toEqual([])
    expect(finding!.subjects).toHaveLength(2)
    for (const subject of finding!.subjects) {
      expect(subject.accountId).toBe(vitcom.id)
      expect(cached(vitcom.id, subject.e164!)).toMatchObject({ type: 'toll-free', status: 'active' })
    }
  })

  it('listed at two carriers, a port in flight: the Vitcom number Call48 activated at FOC', () => {
    const [finding, ...rest] = of('duplicate')
    expect(rest).toEqual([])
    expect(finding!.title).toBe('Listed at two accounts, port in flight')
    const [e164] = new Set(finding!.subjects.map((subject) => subject.e164))
    expect(finding!.subjects.map((subject) => [subject.carrier, subject.e164])).toEqual([
      ['call48', e164],
      ['vitcom', e164],
    ])
    const port = env.desk.store.ports.list().find((order) => order.carrier === 'call48' && order.numbers.includes(e164!))
    expect(port?.numbers).toHaveLength(2)
    expect(port?.status).not.toMatch(/completed|rejected|cancelled/)
    expect(finding!.why).toContain(`port ${port!.id}`)
  })
})
