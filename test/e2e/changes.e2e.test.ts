/**
 * Change sets as a NOC technician uses them, in real Chromium against the real core and the Sandbox: changes
 * on numbers at three carriers staged from the Numbers screen instead of sent, the diff grouped by carrier
 * with each field's value before, a dry run that flags a change a carrier would refuse (and sends nothing),
 * apply with progress and a per-number result (the ledgers show exactly the set's changes, once each), and
 * a revert applied as a new set that puts the numbers back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CarrierId, PhoneNumberRecord } from '../../src/shared/domain'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'
import { expectTotal, goTo, grid } from './numbers-fixtures'

const label = (e164: string): string => `+1 (${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`
const digits = (e164: string): string => e164.slice(2)

describe('Change sets, end to end', () => {
  let harness: Harness
  const picked = {} as Record<'call48' | 'vitcom' | 'vi' | 'vitcomForward', PhoneNumberRecord>

  const activeOf = (carrier: CarrierId, skip = 0, fits: (row: PhoneNumberRecord) => boolean = () => true): PhoneNumberRecord => {
    const rows = harness.desk.store.numbers.list({ filters: { carriers: [carrier], statuses: ['active'] }, limit: 500 }).rows.filter(fits)
    expect(rows[skip], `an active ${carrier} number`).toBeDefined()
    return rows[skip]!
  }
  const ledgerLength = (): number => harness.desk.sandbox.running!.ledger.entries().length
  const ledgerSince = (from: number) => harness.desk.sandbox.running!.ledger.entries().slice(from)

  /** Opens a number's detail from the grid, starts an action and walks its form up to the confirmation. */
  async function review(number: PhoneNumberRecord, action: string, fill: (dialog: ReturnType<Harness['page']['getByRole']>) => Promise<void>) {
    const { page } = harness
    await page.getByLabel('Search numbers').fill(digits(number.e164))
    // The grid shows only this number before a row is clicked (not the last search's rows).
    await expectTotal(harness, 1)
    const row = grid(harness).getByRole('row', { name: label(number.e164) })
    await expect.poll(() => row.count()).toBeGreaterThan(0)
    await row.first().click()
    const drawer = page.getByRole('dialog', { name: label(number.e164) })
    await drawer.getByRole('button', { name: action }).click()
    const dialog = page.getByRole('dialog', { name: action })
    await fill(dialog)
    await dialog.getByRole('button', { name: 'Review change' }).click()
    await expect.poll(() => dialog.getByRole('table', { name: 'Before and after' }).count()).toBe(1)
    return { dialog, drawer }
  }

  /** Stages the reviewed change (into a new set when `newSet` is given) and closes the flow. */
  async function stage(dialog: ReturnType<Harness['page']['getByRole']>, newSet?: string, screenshot?: string) {
    const { page } = harness
    await dialog.getByRole('button', { name: 'Stage', exact: true }).click()
    const form = page.getByRole('form', { name: 'Stage into a change set' })
    if (newSet) {
      await form.getByLabel('Change set').selectOption({ label: 'New change set…' })
      await form.getByLabel('New set name').fill(newSet)
    }
    if (screenshot) await harness.screenshot(screenshot)
    await form.getByRole('button', { name: 'Stage change' }).click()
    await expect.poll(() => dialog.getByTestId('staged-summary').textContent()).toMatch(/^Staged 1 change in “Night shift”.*Nothing was sent\.$/)
    await dialog.getByRole('button', { name: 'Close' }).click()
    await page.keyboard.press('Escape')
  }

  beforeAll(async () => {
    requireKeyring()
    harness = await startHarness({ sandbox: { numbers: 600 } })
    await harness.desk.sandbox.open({})
    await harness.desk.sync.start({ areas: ['numbers', 'trunks'] }).done
    picked.call48 = activeOf('call48')
    picked.vitcom = activeOf('vitcom')
    picked.vitcomForward = activeOf('vitcom', 1)
    // Not every VoIP Innovations number can store an outbound CNAM: its DID record (read, not listed) says which.
    const vi = harness.desk.store.numbers.list({ filters: { carriers: ['voip-innovations'], statuses: ['active'] }, limit: 30 }).rows
    const client = await harness.desk.accounts.connect(harness.desk.accounts.find(vi[0]!.accountId))
    const read = (await client.numbers!.read!({ e164s: vi.map((row) => row.e164), signal: new AbortController().signal })) ?? []
    const storable = read.find((row) => (row.raw as { cnamStorageAvailability?: boolean }).cnamStorageAvailability === true)
    expect(storable, 'a VoIP Innovations number that can store a CNAM').toBeDefined()
    picked.vi = vi.find((row) => row.e164 === storable!.e164)!
    await goTo(harness, 'numbers')
  }, 120_000)
  afterAll(async () => {
    await harness?.close()
  })

  it('stages changes on numbers at three carriers from the Numbers screen, sending nothing', async () => {
    const before = ledgerLength()
    const cnam = (text: string) => async (dialog: ReturnType<Harness['page']['getByRole']>) => {
      await dialog.getByRole('textbox', { name: 'CNAM', exact: true }).fill(text)
    }
    let flow = await review(picked.call48, 'Change CNAM', cnam('NIGHT DESK'))
    await stage(flow.dialog, 'Night shift', 'changes-01-stage-popover')
    flow = await review(picked.vitcom, 'Change status', async () => undefined)
    await stage(flow.dialog)
    flow = await review(picked.vi, 'Change CNAM', cnam('NIGHT VI'))
    await stage(flow.dialog)
    // Vitcom forwards nothing (a trunk group setting): staged anyway, the dry run will say so.
    flow = await review(picked.vitcomForward, 'Change routing', async (dialog) => {
      await dialog.getByRole('radio', { name: 'Forward to a number' }).check()
      await dialog.getByRole('textbox', { name: 'Forward to', exact: true }).fill('+13055550100')
    })
    await stage(flow.dialog)
    expect(ledgerSince(before)).toEqual([])
    expect(harness.desk.changeSets.get({ id: 'Night shift' })).toMatchObject({ itemCount: 4, state: 'draft', carriers: ['call48', 'vitcom', 'voip-innovations'] })
  }, 120_000)

  it('shows the diff grouped by carrier, before → after, and a dry run flags the unsupported change', async () => {
    const { page } = harness
    await page.getByRole('link', { name: 'Change sets' }).click()
    const diff = page.getByRole('region', { name: 'Diff' })
    await expect.poll(() => diff.getByRole('group').count()).toBe(3)
    const vitcomRow = diff.getByRole('table', { name: 'Vitcom / TelecomCloud changes' }).getByRole('row', { name: `${label(picked.vitcom.e164)} Status` })
    expect(await vitcomRow.textContent()).toMatch(/active.*suspended/)
    const call48Row = diff.getByRole('table', { name: 'Call48 changes' }).getByRole('row', { name: `${label(picked.call48.e164)} CNAM` })
    expect(await call48Row.textContent()).toContain('NIGHT DESK')
    await harness.screenshot('changes-02-diff')

    const before = ledgerLength()
    await page.getByRole('toolbar', { name: 'Change set actions' }).getByRole('button', { name: 'Dry run' }).click()
    // The alert is named by its title (aria-labelledby), which says the counts.
    const result = page.getByRole('status').filter({ hasText: 'Dry run (nothing sent)' })
    await expect.poll(() => result.textContent()).toContain('Dry run (nothing sent): 3 ok, 0 with warnings, 1 refused')
    const forwardRow = diff.getByRole('row', { name: `${label(picked.vitcomForward.e164)} Routing` })
    expect(await forwardRow.textContent()).toMatch(/trunk groups only/)
    expect(ledgerSince(before)).toEqual([])
    await harness.screenshot('changes-03-dry-run')
  }, 60_000)

  it('applies the set: exactly its sendable changes reach the carriers, once each', async () => {
    const { page } = harness
    const before = ledgerLength()
    await page.getByRole('toolbar', { name: 'Change set actions' }).getByRole('button', { name: 'Apply…' }).click()
    const modal = page.getByRole('dialog', { name: 'Apply Night shift' })
    const confirm = modal.getByRole('button', { name: 'Apply 3 changes' })
    await expect.poll(() => confirm.count(), { timeout: 20_000 }).toBe(1)
    await harness.screenshot('changes-04-apply-confirm')
    await confirm.click()
    await expect.poll(() => modal.getByTestId('apply-result-summary').count(), { timeout: 60_000 }).toBe(1)
    await harness.screenshot('changes-05-apply-result')
    const outcomes = harness.desk.changeSets.get({ id: 'Night shift' }).items.map((item) => `${item.carrier} ${item.field} ${item.outcome} ${item.code ?? ''} ${item.message ?? ''}`)
    expect(await modal.getByTestId('apply-result-summary').textContent(), outcomes.join('\n')).toBe('3 applied, 0 failed, 1 skipped')
    await modal.getByRole('button', { name: 'Close' }).click()

    const sent = ledgerSince(before)
    expect(sent.map((entry) => [entry.carrier, entry.operation]).sort()).toEqual([['call48', 'create-cnam'], ['vitcom', 'updatenumber'], ['voip-innovations', 'UpdateCNAMDisplay']])
    expect(sent.find((entry) => entry.carrier === 'vitcom')!.details).toMatchObject({ numbers: [digits(picked.vitcom.e164)], status: '0' })
    expect(JSON.stringify(sent)).not.toContain(digits(picked.vitcomForward.e164))
    expect(harness.desk.store.numbers.get(picked.vitcom)?.status).toBe('suspended')
    await expect.poll(() => page.getByRole('listitem', { name: 'Night shift' }).textContent()).toContain('partly applied')
  }, 90_000)

  it('reverts the set as a new set, which applied puts the numbers back', async () => {
    const { page } = harness
    await page.getByRole('toolbar', { name: 'Change set actions' }).getByRole('button', { name: 'Revert' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Revert of Night shift' }).count()).toBe(1)
    const vitcomRow = page.getByRole('region', { name: 'Diff' }).getByRole('row', { name: `${label(picked.vitcom.e164)} Status` })
    expect(await vitcomRow.textContent()).toMatch(/suspended.*active/)
    await harness.screenshot('changes-06-revert-set')

    const before = ledgerLength()
    await page.getByRole('toolbar', { name: 'Change set actions' }).getByRole('button', { name: 'Apply…' }).click()
    const modal = page.getByRole('dialog', { name: 'Apply Revert of Night shift' })
    await modal.getByRole('button', { name: 'Apply 3 changes' }).click()
    await expect.poll(() => modal.getByTestId('apply-result-summary').textContent(), { timeout: 60_000 }).toBe('3 applied, 0 failed, 0 skipped')
    await modal.getByRole('button', { name: 'Close' }).click()
    const sent = ledgerSince(before)
    expect(sent).toHaveLength(3)
    expect(sent.find((entry) => entry.carrier === 'vitcom')!.details).toMatchObject({ status: '1' })
    expect(harness.desk.store.numbers.get(picked.vitcom)?.status).toBe('active')
    expect(harness.desk.store.numbers.get(picked.call48)?.cnam ?? '').toBe(picked.call48.cnam ?? '')
    await harness.screenshot('changes-07-reverted')
  }, 90_000)
})
