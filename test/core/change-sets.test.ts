/**
 * Change sets through the dispatcher, as the Change sets screen reaches them, against the simulators:
 * changes staged on numbers at three carriers survive a restart, the diff keeps each field's value before,
 * the dry run flags what a carrier does not offer or would not take and numbers changed at the carrier since
 * staging (sending nothing), applying sends exactly the set's changes once each (the ledgers say so) and
 * logs them, a second apply sends nothing, a revert undoes them as a new set, CSV goes out and comes back,
 * a cancel halfway leaves the rest staged, and a set left being applied by a dead process is freed with its
 * in-flight items of unknown outcome.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CarrierId, PhoneNumberRecord } from '../../src/shared/domain'
import type { ChangeSetApplyResult, ChangeSetCheck, ChangeSetDetail, ChangeSetSummary } from '../../src/shared/ipc-shared'
import { createCarrierDesk } from '../../src/main/core/carrierdesk'
import { createDispatcher } from '../../src/main/core/dispatcher'
import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/ipc-shared'
import { openSandboxDesk, type SandboxDesk } from '../helpers/sandbox-desk'

let env: SandboxDesk

beforeAll(async () => {
  env = await openSandboxDesk({ carriers: ['call48', 'vitcom', 'voip-innovations', 'nexogy'], numbers: 1200, seed: 12 })
  const run = env.desk.sync.start({ areas: ['numbers', 'trunks'] })
  await run.done
}, 120_000)
afterAll(async () => {
  await env?.close()
})

async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await env.dispatcher.invoke(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`)
  return result.value
}

/** Active numbers of a carrier's sandbox account, as cached. */
function numbersOf(carrier: CarrierId, count: number, skip = 0): PhoneNumberRecord[] {
  const rows = env.desk.store.numbers.list({ filters: { accountIds: [env.account(carrier).id], statuses: ['active'] }, limit: count + skip }).rows.slice(skip)
  expect(rows, `${count} active ${carrier} numbers`).toHaveLength(count)
  return rows
}

const key = (n: PhoneNumberRecord) => ({ accountId: n.accountId, e164: n.e164 })
const digits = (e164: string): string => e164.slice(2)
/** Ledger entries since `from` that name the number (in any of the carriers' shapes). */
const ledgerSince = (from: number) => env.sandbox.ledger.entries().filter((entry) => entry.seq > from)
const lastSeq = (): number => env.sandbox.ledger.entries().at(-1)?.seq ?? 0
const mentions = (entry: { details: Record<string, unknown> }, e164: string): boolean => JSON.stringify(entry.details).includes(digits(e164))

describe('change sets', () => {
  let set: ChangeSetSummary
  let call48: PhoneNumberRecord[]
  let vitcom: PhoneNumberRecord[]
  let vi: PhoneNumberRecord[]
  let applied: ChangeSetApplyResult

  it('stage changes on numbers at three carriers, each with its value before, and survive a restart', async () => {
    call48 = numbersOf('call48', 2)
    vitcom = numbersOf('vitcom', 2)
    vi = numbersOf('voip-innovations', 2)
    set = (await invoke('changes.stage', { name: 'Night shift', targets: call48.map(key), edit: { kind: 'change', change: { kind: 'cnam', cnam: 'NIGHT DESK' } } })).set
    await invoke('changes.stage', { setId: set.id, targets: vitcom.map(key), edit: { kind: 'change', change: { kind: 'status', status: 'suspended' } } })
    await invoke('changes.stage', { setId: set.id, targets: vi.map(key), edit: { kind: 'change', change: { kind: 'cnam', cnam: 'NIGHT VI' } } })
    await invoke('changes.stage', { setId: set.id, targets: [key(call48[0]!)], edit: { kind: 'tags', add: ['night'], remove: [] } })
    // Staging the same field again replaces the item, not adds one.
    const again = await invoke('changes.stage', { setId: set.id, targets: vi.map(key), edit: { kind: 'change', change: { kind: 'cnam', cnam: 'NIGHT VOIP' } } })
    expect(again.set).toMatchObject({ itemCount: 7, numberCount: 6, state: 'draft', pending: 7, carriers: ['call48', 'vitcom', 'voip-innovations'] })

    // Another core on the same database (a restart, or the CLI beside the app) sees the same set.
    const other = createCarrierDesk({ dataDir: env.dataDir, actor: 'test:other' })
    try {
      const detail = await createDispatcher(other).invoke('changes.get', { id: 'night shift' })
      expect(detail.ok).toBe(true)
      const items = detail.ok ? detail.value.items : []
      expect(items.map((item) => [item.e164, item.field, item.after])).toEqual([
        [call48[0]!.e164, 'cnam', 'NIGHT DESK'],
        [call48[1]!.e164, 'cnam', 'NIGHT DESK'],
        [vitcom[0]!.e164, 'status', 'suspended'],
        [vitcom[1]!.e164, 'status', 'suspended'],
        [vi[0]!.e164, 'cnam', 'NIGHT VOIP'],
        [vi[1]!.e164, 'cnam', 'NIGHT VOIP'],
        [call48[0]!.e164, 'tags', '+night'],
      ])
      expect(items.find((item) => item.e164 === vitcom[0]!.e164)?.before).toBe('active')
      expect(items.find((item) => item.e164 === call48[0]!.e164 && item.field === 'cnam')?.before).toBe(call48[0]!.cnam)
    } finally {
      await other.close()
    }
  })

  it('refuses to stage a number that is not cached, staging nothing', async () => {
    const result = await env.dispatcher.invoke('changes.stage', {
      setId: set.id,
      targets: [key(call48[1]!), { accountId: env.account('call48').id, e164: '+19995550100' }],
      edit: { kind: 'change', change: { kind: 'cnam', cnam: 'NOPE' } },
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect((await invoke('changes.get', { id: set.id })).items.find((item) => item.e164 === call48[1]!.e164)?.after).toBe('NIGHT DESK')
  })

  it('imports CSV rows all or none, and the dry run flags what cannot be sent without sending anything', async () => {
    const account = (carrier: CarrierId): string => env.account(carrier).name
    const bad = `account,number,field,after\n${account('vitcom')},${vitcom[0]!.e164},e911,{}\n`
    expect(await env.dispatcher.invoke('changes.import', { setId: set.id, csv: bad })).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/row 2/) } })
    const csv = [
      'account,number,field,after',
      // Vitcom has no E911 and Call48 no status change (capabilities they lack); Vitcom forwards nothing (a field rule).
      `${account('vitcom')},${vitcom[1]!.e164},e911,"{""address"":{""callerName"":""ACME"",""street"":""1 Main St"",""city"":""Miami"",""state"":""FL"",""zip"":""33101""}}"`,
      `${account('vitcom')},${vitcom[0]!.e164},routing,forward:+13055550100`,
      `${account('call48')},${call48[1]!.e164},status,suspended`,
    ].join('\n')
    expect((await invoke('changes.import', { setId: set.id, csv })).staged).toBe(3)

    // Someone changed a Call48 CNAM at the carrier since staging (a sync brought it in).
    env.desk.store.numbers.upsert([{ ...env.desk.store.numbers.get(key(call48[1]!))!, cnam: 'CHANGED ELSEWHERE' }])
    const before = lastSeq()
    const check: ChangeSetCheck = await invoke('changes.check', { id: set.id })
    expect(ledgerSince(before)).toEqual([])
    const verdict = (e164: string, field: string) => check.items.find((item) => item.e164 === e164 && item.field === field)!
    expect(verdict(vitcom[1]!.e164, 'e911')).toMatchObject({ level: 'error', problems: [{ message: expect.stringMatching(/does not offer E911 address changes/) }] })
    expect(verdict(vitcom[0]!.e164, 'routing')).toMatchObject({ level: 'error', problems: [{ message: expect.stringMatching(/trunk groups only/) }] })
    expect(verdict(call48[1]!.e164, 'status')).toMatchObject({ level: 'error', problems: [{ message: expect.stringMatching(/does not offer Status changes/) }] })
    expect(verdict(call48[1]!.e164, 'cnam')).toMatchObject({ level: 'warning', problems: [{ message: expect.stringMatching(/Changed at the carrier since staging.*CHANGED ELSEWHERE now/) }] })
    expect(verdict(vi[0]!.e164, 'cnam')).toMatchObject({ level: 'ok', wouldSend: 'VoIP Innovations: CNAM → NIGHT VOIP' })
    expect(check).toMatchObject({ errors: 3, warnings: 1, ok: 6, alreadyApplied: 0 })
  })

  it('applies the set: exactly its sendable changes reach the carriers, once each, and each is logged', async () => {
    const before = lastSeq()
    applied = await invoke('changes.apply', { id: set.id, jobId: randomUUID(), confirmed: true })
    expect(applied).toMatchObject({ succeeded: 7, failed: 0, skipped: 3, notSent: 0, cancelled: false })
    const sent = ledgerSince(before)
    // One mutation per carrier change; the tag is local, the refused ones were never sent.
    for (const n of call48) expect(sent.filter((e) => e.carrier === 'call48' && mentions(e, n.e164)).map((e) => e.operation)).toEqual(['create-cnam'])
    for (const n of vi) expect(sent.filter((e) => e.carrier === 'voip-innovations' && mentions(e, n.e164)).map((e) => e.operation)).toEqual(['UpdateCNAMDisplay'])
    const vitcomUpdates = sent.filter((e) => e.carrier === 'vitcom')
    expect(vitcomUpdates.map((e) => e.operation)).toEqual(['updatenumber'])
    expect(vitcomUpdates[0]!.details).toMatchObject({ numbers: vitcom.map((n) => digits(n.e164)), status: '0' }) // updatenumber's status: 0 inactive, 1 active
    expect(sent).toHaveLength(5)

    const detail: ChangeSetDetail = await invoke('changes.get', { id: set.id })
    expect(detail).toMatchObject({ state: 'partly applied', succeeded: 7, failed: 3 })
    expect(detail.items.filter((item) => item.outcome === 'skipped').map((item) => item.field).sort()).toEqual(['e911', 'routing', 'status'])
    expect(env.desk.store.numbers.get(key(vitcom[0]!))?.status).toBe('suspended')
    expect(env.desk.store.numbers.get(key(call48[0]!))?.tags).toEqual(['night'])
    const activity = env.desk.activity.list({ limit: 100 })
    expect(activity.filter((entry) => entry.action === 'number.change.cnam' && entry.result === 'succeeded').map((entry) => entry.target).sort()).toEqual(
      [...call48, ...vi].map((n) => n.e164).sort(),
    )
    expect(activity.find((entry) => entry.action === 'changeSet.apply')).toMatchObject({ target: 'Night shift', details: { succeeded: 7, skipped: 3 } })
  })

  it('applying again sends nothing new: what was applied stays applied, what was refused is refused again', async () => {
    const before = lastSeq()
    const again = await invoke('changes.apply', { id: set.id, jobId: randomUUID(), confirmed: true })
    expect(again).toMatchObject({ succeeded: 0, skipped: 3 })
    expect(ledgerSince(before)).toEqual([])
  })

  it('reverts the applied changes as a new set, which applied puts the numbers back', async () => {
    const reverted = await invoke('changes.revert', { id: set.id })
    expect(reverted.set).toMatchObject({ name: 'Revert of Night shift', revertsId: set.id, state: 'draft', itemCount: 7 })
    expect(reverted.notRevertible).toEqual([])
    const detail = await invoke('changes.get', { id: reverted.set.id })
    const vitcomItem = detail.items.find((item) => item.e164 === vitcom[0]!.e164)!
    expect(vitcomItem).toMatchObject({ field: 'status', before: 'suspended', after: 'active' })
    expect(detail.items.find((item) => item.field === 'tags')?.after).toBe('-night')

    const before = lastSeq()
    const result = await invoke('changes.apply', { id: reverted.set.id, jobId: randomUUID(), confirmed: true })
    expect(result).toMatchObject({ succeeded: 7, failed: 0, skipped: 0 })
    expect(ledgerSince(before).filter((e) => e.carrier === 'vitcom')[0]?.details).toMatchObject({ status: '1' })
    expect(env.desk.store.numbers.get(key(vitcom[0]!))?.status).toBe('active')
    expect(env.desk.store.numbers.get(key(call48[0]!))?.tags).toEqual([])
    for (const n of vi) expect((env.desk.store.numbers.get(key(n))?.cnam ?? '').toUpperCase()).toBe((n.cnam ?? '').toUpperCase())
  })

  it('exports a set as CSV and imports it back as the same changes', async () => {
    const exported = await invoke('changes.export', { id: set.id })
    expect(exported.rows).toBe(10)
    const csv = env.desk.changeSets.csv({ id: set.id })
    expect(csv.split('\n')[0]).toBe('account,carrier,number,field,before,after,outcome,message')
    const copy = await invoke('changes.import', { name: 'Night shift (copy)', csv })
    expect(copy.staged).toBe(10)
    const original = await invoke('changes.get', { id: set.id })
    const imported = await invoke('changes.get', { id: copy.set.id })
    expect(imported.items.map((item) => [item.accountId, item.e164, item.field, item.edit])).toEqual(original.items.map((item) => [item.accountId, item.e164, item.field, item.edit]))
    expect(imported.state).toBe('draft')
  })

  it('a cancel between batches leaves the rest staged; the next apply sends only those', async () => {
    const numbers = numbersOf('call48', 4, 10)
    const cancelled = (await invoke('changes.stage', { name: 'Cancel me', targets: numbers.map(key), edit: { kind: 'change', change: { kind: 'cnam', cnam: 'HALFWAY' } } })).set
    const jobId = randomUUID()
    let seen = 0
    const stop = env.sandbox.ledger.onRecord((entry) => {
      if (entry.carrier === 'call48' && entry.operation === 'create-cnam' && (seen += 1) === 2) env.desk.jobs.cancel(jobId)
    })
    const first = await invoke('changes.apply', { id: cancelled.id, jobId, confirmed: true }).finally(stop)
    expect(first).toMatchObject({ succeeded: 2, notSent: 2, cancelled: true })
    expect((await invoke('changes.get', { id: cancelled.id })).pending).toBe(2)
    const before = lastSeq()
    expect(await invoke('changes.apply', { id: cancelled.id, jobId: randomUUID(), confirmed: true })).toMatchObject({ succeeded: 2, notSent: 0 })
    expect(ledgerSince(before).map((entry) => entry.details.number)).toEqual(numbers.slice(2).map((n) => digits(n.e164)))
  })

  it('refuses a second apply of a set being applied, and frees a set left by a process that died', async () => {
    const numbers = numbersOf('voip-innovations', 1, 5)
    const busy = (await invoke('changes.stage', { name: 'Busy', targets: numbers.map(key), edit: { kind: 'change', change: { kind: 'cnam', cnam: 'BUSY' } } })).set
    // A live process (this one) holds it: refused.
    expect(env.desk.store.changeSets.claim(busy.id, `${process.pid}@`, () => true)).toBe(true)
    expect(await env.dispatcher.invoke('changes.apply', { id: busy.id, jobId: randomUUID(), confirmed: true })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await env.dispatcher.invoke('changes.delete', { id: busy.id })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    // The holder died while its item was at the carrier: opening the core settles that as unknown.
    env.desk.store.changeSets.markSending(busy.id, [{ ...key(numbers[0]!), field: 'cnam' }], Date.now())
    env.desk.store.db.prepare("UPDATE change_sets SET applying_owner = '999999999@1' WHERE id = ?").run(busy.id)
    const reopened = createCarrierDesk({ dataDir: env.dataDir, actor: 'test:reopened' })
    await reopened.close()
    const detail = await invoke('changes.get', { id: busy.id })
    expect(detail).toMatchObject({ state: 'partly applied', unknown: 1 })
    expect(detail.items[0]).toMatchObject({ outcome: 'unknown', message: expect.stringMatching(/stopped while this was being sent/) })
    const check = await invoke('changes.check', { id: busy.id })
    expect(check.items[0]?.level).toBe('error')
    // Staging it again (after checking the carrier) makes it sendable.
    await invoke('changes.stage', { setId: busy.id, targets: numbers.map(key), edit: { kind: 'change', change: { kind: 'cnam', cnam: 'BUSY' } } })
    expect(await invoke('changes.apply', { id: busy.id, jobId: randomUUID(), confirmed: true })).toMatchObject({ succeeded: 1 })
  })
})
