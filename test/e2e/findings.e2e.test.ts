/**
 * Findings in real Chromium against the real core and the Sandbox: after a sync from the Findings screen,
 * the drift the Sandbox seeds fires on its own, each kind on exactly the seeded numbers (numbers routed to
 * Vitcom's disabled trunk, Vitcom's toll-free numbers without CNAM, Call48's DIDs routed nowhere, the Vitcom
 * number Call48 lists while porting it in, local numbers without E911, a port's FOC within 48 hours, and
 * idle numbers with the idle period set to the week of call records cached); apart from those, a number the
 * test tagged and released itself is gone but still tagged. The count shows in the navigation; one finding
 * is fixed from its card (its idle numbers released, the simulator's ledger showing each release once),
 * another by routing its numbers to a working trunk (Vitcom's ledger showing the one change), and a third
 * dismissed with a reason, kept with who and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FindingKind } from '../../src/shared/findings'
import { call48Drift } from '../../src/main/sandbox/call48/inventory'
import { vitcomDrift } from '../../src/main/sandbox/kit/drift'
import { ownedNumberAt } from '../../src/main/sandbox/kit/numbering'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'

/** The Sandbox's size here, and what that gives Call48 (40%) and Vitcom (30%). */
const sandboxNumbers = 2_000
const owned = { call48: 800, vitcom: 600 }

/** The numbers the Sandbox's seed drifts (kit/drift), as E.164, per kind of finding they should raise. */
function seededDrift(seed: number): Partial<Record<FindingKind, string[]>> {
  const vitcom = vitcomDrift(seed, owned.vitcom)
  const call48 = call48Drift(seed, owned.call48, owned.vitcom)
  const e164 = (tn: string): string => `+1${tn}`
  return {
    'dangling-trunk': vitcom.onDisabledTrunk.map((index) => e164(ownedNumberAt('vitcom', seed, index).tn)).sort(),
    'no-cnam': [...vitcom.tollFree.values()].map(e164).sort(),
    unrouted: [...call48.unrouted].map((index) => e164(ownedNumberAt('call48', seed, index).tn)).sort(),
    duplicate: call48.portFromVitcom.slice(0, 1).map(e164),
  }
}

describe('Findings, end to end', () => {
  let harness: Harness
  let released: { accountId: string; e164: string }

  beforeAll(async () => {
    requireKeyring()
    harness = await startHarness({ sandbox: { numbers: sandboxNumbers } })
    const { desk } = harness
    const { accounts } = await desk.sandbox.open({})
    await harness.page.getByRole('navigation', { name: 'Screens' }).waitFor()
    // Earlier in the day: VoIP Innovations' numbers synced, one tagged for a customer, then released.
    const vi = accounts.find((a) => a.carrier === 'voip-innovations')!
    await desk.sync.start({ accountIds: [vi.id], areas: ['numbers'] }).done
    const e164 = desk.store.db.prepare('SELECT e164 FROM numbers WHERE account_id = ? ORDER BY e164 LIMIT 1').pluck().get(vi.id) as string
    released = { accountId: vi.id, e164 }
    desk.numbers.setNotes({ ...released, tags: ['acme'], notes: 'ACME front desk' })
    const result = await desk.numbers.release({ jobId: crypto.randomUUID(), targets: [released] }, new AbortController().signal)
    expect(result.succeeded).toBe(1)
    // The call-record cache holds a week: judge idle numbers over that week.
    desk.settings.update({ idleNumberDays: 7 })
  }, 120_000)
  afterAll(async () => {
    await harness?.close()
  })

  it('shows the findings after a sync: the seeded drift of seven kinds on exactly its numbers, the test\'s own release apart, and the open count in the navigation', async () => {
    const { page, desk } = harness
    await page.getByRole('link', { name: /^Findings/ }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Findings' }).count()).toBe(1)
    await harness.screenshot('findings-00-before-sync')

    await page.getByRole('button', { name: 'Sync now' }).click()
    const progress = page.getByRole('region', { name: 'Sync progress' })
    await expect.poll(() => progress.getByText('Sync finished').count(), { timeout: 120_000 }).toBe(1)
    await page.getByRole('button', { name: 'Dismiss sync progress' }).click()

    const report = desk.findings.list()
    // The seed's own kinds, the test's tag-and-release left out of the count.
    const seededKinds = new Set(report.findings.filter((f) => f.kind !== 'gone-annotated').map((f) => f.kind))
    expect([...seededKinds].sort()).toEqual(['dangling-trunk', 'duplicate', 'foc-soon', 'idle', 'no-cnam', 'no-e911', 'unrouted'])
    // Each drifted kind names exactly the numbers the seed drifted.
    const accountOf = (carrier: string): string => desk.store.accounts.list().find((a) => a.carrier === carrier)!.id
    const subjectsOf = (kind: FindingKind, carrier: string): string[] =>
      report.findings
        .filter((f) => f.kind === kind)
        .flatMap((f) => f.subjects)
        .filter((s) => s.accountId === accountOf(carrier))
        .map((s) => s.e164!)
        .sort()
    const drift = seededDrift(desk.sandbox.running!.seed)
    expect(subjectsOf('dangling-trunk', 'vitcom')).toEqual(drift['dangling-trunk'])
    expect(subjectsOf('no-cnam', 'vitcom')).toEqual(drift['no-cnam'])
    expect(subjectsOf('unrouted', 'call48')).toEqual(drift.unrouted)
    expect(drift['dangling-trunk']).toHaveLength(3)
    expect(drift.unrouted).toHaveLength(3)
    const duplicate = report.findings.filter((f) => f.kind === 'duplicate')
    expect(duplicate.map((f) => f.title)).toEqual(['Listed at two accounts, port in flight'])
    expect(duplicate[0]!.subjects.map((s) => [s.carrier, s.e164])).toEqual([
      ['call48', drift.duplicate![0]],
      ['vitcom', drift.duplicate![0]],
    ])
    expect(subjectsOf('no-e911', 'call48').length).toBeGreaterThan(0)
    expect(report.findings.some((f) => f.kind === 'foc-soon' && f.subjects[0]?.accountId === accountOf('call48'))).toBe(true)
    // Apart from the seed: the number released above, gone but still tagged.
    const gone = report.findings.filter((f) => f.kind === 'gone-annotated')
    expect(gone.flatMap((f) => f.subjects.map((s) => s.e164))).toEqual([released.e164])

    await expect.poll(() => page.locator('[data-finding]').count()).toBe(report.open)
    await expect.poll(() => page.getByLabel(`${report.open} open findings`).count()).toBe(1)
    for (const title of [
      'Routed to a missing or disabled trunk',
      'Toll-free numbers without CNAM',
      'Listed at two accounts, port in flight',
      'Gone from the carrier, still tagged or noted',
    ]) {
      expect(await page.getByText(title, { exact: true }).count(), title).toBe(1)
    }
    expect(await page.getByText('Billed but not routed', { exact: true }).count()).toBeGreaterThan(0)
    expect(await page.getByText('Port FOC date within 48 hours', { exact: true }).count()).toBeGreaterThan(0)
    await harness.screenshot('findings-01-after-sync')
  }, 180_000)

  it('fixes one from its card: the idle numbers released, each once at the carrier, and the finding gone', async () => {
    const { page, desk } = harness
    const idle = desk.findings.list().findings.find((f) => f.kind === 'idle')!
    const card = page.locator(`[data-finding="${idle.id}"]`)
    await card.getByRole('button', { name: 'Release…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Release numbers' })
    await expect.poll(() => dialog.getByText('Releasing cannot be undone').count()).toBe(1)
    await harness.screenshot('findings-02-release-confirm')
    await dialog.getByLabel(/^Release \d+ numbers?$/).check()
    await dialog.getByRole('button', { name: 'Release', exact: true }).click()
    await expect.poll(() => card.count(), { timeout: 60_000 }).toBe(0)
    expect(desk.findings.list().findings.some((f) => f.kind === 'idle')).toBe(false)
    // Call48 records a release as `remove`, naming the numbers by their ten digits.
    const removed = desk.sandbox.running!.ledger.entries({ carrier: 'call48', operation: 'remove' }).flatMap((e) => e.details.numbers as string[])
    expect(removed.sort()).toEqual(idle.subjects.map((s) => s.e164!.slice(2)).sort())
    await harness.screenshot('findings-03-fixed')
  }, 120_000)

  it('fixes another by routing its numbers to a working trunk: Vitcom changes them once, to Main PBX, and the finding goes', async () => {
    const { page, desk } = harness
    const dangling = desk.findings.list().findings.find((f) => f.kind === 'dangling-trunk')!
    const card = page.locator(`[data-finding="${dangling.id}"]`)
    await card.getByRole('button', { name: 'Route to a trunk…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Route to a trunk' })
    await dialog.getByRole('textbox', { name: 'Trunk' }).click()
    // Only working trunks are offered: Old PBX, the disabled one, is not.
    await expect.poll(() => page.getByRole('option', { name: 'Main PBX (orig-100)' }).count()).toBe(1)
    expect(await page.getByRole('option', { name: /Old PBX/ }).count()).toBe(0)
    await page.getByRole('option', { name: 'Main PBX (orig-100)' }).click()
    await harness.screenshot('findings-04-route-dangling')
    await dialog.getByRole('button', { name: 'Route 3 numbers' }).click()
    await expect.poll(() => card.count(), { timeout: 60_000 }).toBe(0)
    expect(desk.findings.list().findings.some((f) => f.kind === 'dangling-trunk')).toBe(false)
    const changes = desk.sandbox.running!.ledger.entries({ carrier: 'vitcom', operation: 'updatenumber' })
    expect(changes.map((e) => e.details.trunkId)).toEqual(changes.map(() => 100))
    expect(changes.flatMap((e) => e.details.numbers as string[]).sort()).toEqual(dangling.subjects.map((s) => s.e164!.slice(2)).sort())
  }, 120_000)

  it('dismisses another with a reason, kept with who and why, shown again with "Show dismissed"', async () => {
    const { page, desk } = harness
    const target = desk.findings.list().findings.find((f) => f.kind === 'no-e911' && f.status === 'open')!
    const openBefore = desk.findings.list().open
    const card = page.locator(`[data-finding="${target.id}"]`)
    await card.getByRole('button', { name: 'Dismiss…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Dismiss finding' })
    await dialog.getByLabel('Why it needs no action').fill('Inbound-only fax lines, never dial 911')
    await harness.screenshot('findings-05-dismiss')
    await dialog.getByRole('button', { name: 'Dismiss', exact: true }).click()
    await expect.poll(() => card.count()).toBe(0)
    await expect.poll(() => page.getByLabel(`${openBefore - 1} open findings`).count()).toBe(1)
    expect(desk.findings.list().findings.find((f) => f.id === target.id)).toMatchObject({
      status: 'dismissed',
      dismissal: { by: 'e2e', reason: 'Inbound-only fax lines, never dial 911' },
    })
    await page.getByLabel('Show dismissed').check()
    await expect.poll(() => card.count()).toBe(1)
    expect(await card.textContent()).toContain('Dismissed by e2e')
    await harness.screenshot('findings-06-dismissed')
    expect(harness.foreignRequests).toEqual([])
  })
})
