/**
 * Trunk groups as a NOC technician manages them, in real Chromium against the real core and the Sandbox:
 * a Vitcom origination trunk created with two IPs (a wrong IP named before anything is sent), two numbers
 * routed to it by picking it from the list (read back at the simulator), its secondary IP edited with a
 * before/after confirmation, a termination trunk created and disabled, a trunk's traffic drawn as a chart
 * beside its table, and a number bought onto a chosen trunk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountRow } from '../../src/main/store/repositories/accounts'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'
import { goTo, grid } from './numbers-fixtures'

const signal = (): AbortSignal => new AbortController().signal
const phoneLabel = (e164: string): string => `+1 (${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`

describe('Trunks, end to end', () => {
  let harness: Harness
  let vitcom: AccountRow
  let trunkId = ''
  const trunkName = 'E2E PBX'

  const ledger = (operation: string) => harness.desk.sandbox.running!.ledger.entries().filter((entry) => entry.operation === operation)
  const client = async () => harness.desk.accounts.connect(vitcom)

  beforeAll(async () => {
    requireKeyring()
    harness = await startHarness({ sandbox: { numbers: 300 } })
    await harness.desk.sandbox.open({})
    vitcom = harness.desk.store.accounts.list().find((account) => account.carrier === 'vitcom')!
    await harness.desk.sync.start({ accountIds: [vitcom.id], areas: ['numbers', 'trunks'] }).done
    await goTo(harness, 'trunks')
    await harness.page.getByRole('table', { name: 'Trunk groups' }).waitFor()
  }, 120_000)
  afterAll(async () => {
    await harness?.close()
  })

  it('creates a Vitcom origination trunk with two IPs, refusing a wrong IP before anything is sent', async () => {
    const { page } = harness
    await page.getByRole('button', { name: 'New trunk group' }).click()
    await page.getByRole('menuitem', { name: `${vitcom.name}: origination` }).click()
    const dialog = page.getByRole('dialog', { name: 'New origination trunk group' })
    const form = dialog.getByRole('form', { name: 'New trunk group' })
    await form.getByLabel('Title').fill(trunkName)
    await form.getByLabel('Primary IP').fill('198.51.100.300')
    await form.getByLabel('Secondary IP (optional)').fill('198.51.100.61')
    await form.getByLabel('Primary prefix (optional)').fill('12')
    await form.getByRole('button', { name: 'Review' }).click()
    await expect.poll(() => form.textContent()).toContain('Primary IP: "198.51.100.300" is not an IPv4 address')
    expect(await form.textContent()).toContain('Primary prefix: 4 to 6 digits')
    await harness.screenshot('trunks-01-create-invalid')
    expect(ledger('defineTrunk')).toEqual([])

    await form.getByLabel('Primary IP').fill('198.51.100.60')
    await form.getByLabel('Primary prefix (optional)').fill('')
    await form.getByRole('button', { name: 'Review' }).click()
    const settings = dialog.getByRole('table', { name: 'New trunk settings' })
    expect(await settings.textContent()).toContain('198.51.100.61')
    await harness.screenshot('trunks-02-create-confirm')
    await dialog.getByRole('button', { name: 'Create trunk group' }).click()
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0)
    expect(ledger('defineTrunk')).toHaveLength(1)

    const row = page.getByRole('table', { name: 'Trunk groups' }).getByRole('row', { name: `Trunk ${trunkName}` })
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.textContent()).toContain('198.51.100.60')
    expect(await row.textContent()).toContain('198.51.100.61')
    trunkId = harness.desk.store.trunks.list(vitcom.id).find((trunk) => trunk.name === trunkName)!.id
    // The detail panel opened on the new trunk.
    const drawer = page.getByRole('dialog', { name: trunkName })
    await expect.poll(() => drawer.getByTestId('trunk-numbers').textContent()).toBe('0 cached numbers route to it')
    await harness.screenshot('trunks-03-created')
    await page.keyboard.press('Escape')
  }, 90_000)

  it('routes two numbers to it by picking it from the list, and the simulator reflects it', async () => {
    const { page } = harness
    const numbers = harness.desk.store.numbers.list({ filters: { accountIds: [vitcom.id], statuses: ['active'] }, sort: { column: 'e164', direction: 'asc' }, limit: 2 }).rows
    expect(numbers).toHaveLength(2)
    await goTo(harness, 'numbers')
    await page.getByLabel('Search numbers').fill(numbers[0]!.e164.slice(2, 8))
    const boxes = numbers.map((number) => grid(harness).getByRole('checkbox', { name: `Select ${phoneLabel(number.e164)}` }))
    for (const box of boxes) await expect.poll(() => box.count(), { timeout: 10_000 }).toBe(1)
    // The search lands after a short debounce and a new result clears the selection: tick what is not ticked
    // until both are, as a person would.
    await expect
      .poll(
        async () => {
          for (const box of boxes) if (!(await box.isChecked())) await box.click()
          return page.getByTestId('selection-count').textContent()
        },
        { timeout: 20_000 },
      )
      .toBe('2 selected')
    await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Routing' }).click()
    const dialog = page.getByRole('dialog', { name: 'Change routing' })
    await dialog.getByRole('textbox', { name: 'Trunk', exact: true }).click()
    const option = page.getByRole('option').filter({ hasText: `${trunkName} (${trunkId}) · 198.51.100.60, 198.51.100.61 · 0 numbers` })
    await expect.poll(() => option.count()).toBe(1)
    await harness.screenshot('trunks-04-routing-picker')
    await option.click()
    await dialog.getByRole('button', { name: 'Review change' }).click()
    expect(await dialog.getByRole('table', { name: 'Before and after' }).textContent()).toContain(`trunk ${trunkId}`)
    await dialog.getByRole('button', { name: 'Confirm change' }).click()
    await expect.poll(() => dialog.getByTestId('change-result-summary').textContent(), { timeout: 30_000 }).toBe('2 succeeded, 0 failed')
    await dialog.getByRole('button', { name: 'Close' }).click()

    const read = await (await client()).numbers!.read!({ e164s: numbers.map((number) => number.e164), signal: signal() })
    expect(read?.map((number) => number.trunk)).toEqual([trunkId, trunkId])
    await page.getByRole('button', { name: 'Clear selection' }).click().catch(() => undefined)
    await page.getByLabel('Search numbers').fill('')
  }, 90_000)

  it('edits its secondary IP with a before/after confirmation, and links to the numbers it carries', async () => {
    const { page } = harness
    await goTo(harness, 'trunks')
    await page.getByRole('table', { name: 'Trunk groups' }).getByRole('row', { name: `Trunk ${trunkName}` }).click()
    const drawer = page.getByRole('dialog', { name: trunkName })
    await expect.poll(() => drawer.getByTestId('trunk-numbers').textContent()).toBe('2 cached numbers route to it')
    await drawer.getByRole('button', { name: 'Edit' }).click()
    const dialog = page.getByRole('dialog', { name: `Edit ${trunkName}` })
    await dialog.getByLabel('Secondary IP (optional)').fill('198.51.100.62')
    await dialog.getByRole('button', { name: 'Review' }).click()
    const changes = dialog.getByRole('table', { name: 'Changes before and after' })
    expect(await changes.textContent()).toMatch(/Secondary IP198\.51\.100\.61198\.51\.100\.62/)
    expect(await dialog.textContent()).toContain('2 cached numbers route to it')
    await harness.screenshot('trunks-05-edit-confirm')
    await dialog.getByRole('button', { name: 'Apply changes' }).click()
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0)
    await expect.poll(() => drawer.getByRole('table', { name: 'Trunk settings' }).textContent()).toContain('198.51.100.62')
    expect(ledger('update_trunk')).toHaveLength(1)
    const [fresh] = (await (await client()).syncTrunks!({ signal: signal() })).filter((trunk) => trunk.id === trunkId)
    expect(fresh?.ips).toEqual(['198.51.100.60', '198.51.100.62'])
    await drawer.getByRole('tab', { name: 'Activity' }).click()
    await expect.poll(() => drawer.getByRole('table', { name: 'Recent activity' }).textContent()).toContain('trunk.update')
    await harness.screenshot('trunks-06-edited')

    await drawer.getByRole('button', { name: 'Show them in Numbers' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Numbers' }).count()).toBe(1)
    await expect.poll(() => page.getByTestId('numbers-total').textContent(), { timeout: 10_000 }).toMatch(/^2 numbers?/)
    await harness.screenshot('trunks-07-numbers-on-trunk')
    await page.getByRole('button', { name: 'Clear filters' }).click()
  }, 90_000)

  it('creates a termination trunk and disables it, saying how many numbers route to it', async () => {
    const { page } = harness
    await goTo(harness, 'trunks')
    await page.getByRole('button', { name: 'New trunk group' }).click()
    await page.getByRole('menuitem', { name: `${vitcom.name}: termination` }).click()
    const dialog = page.getByRole('dialog', { name: 'New termination trunk group' })
    await dialog.getByLabel('Title').fill('E2E Out')
    await dialog.getByLabel('IP address').fill('198.51.100.70')
    await dialog.getByLabel('Ports').fill('1001')
    await dialog.getByRole('button', { name: 'Review' }).click()
    await expect.poll(() => dialog.textContent()).toContain('Ports: a whole number from 1 to 1000')
    await dialog.getByLabel('Ports').fill('40')
    await dialog.getByRole('button', { name: 'Review' }).click()
    await dialog.getByRole('button', { name: 'Create trunk group' }).click()
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0)

    const drawer = page.getByRole('dialog', { name: 'E2E Out' })
    await drawer.getByRole('button', { name: 'Disable' }).click()
    const confirm = page.getByRole('dialog', { name: 'Disable E2E Out?' })
    expect(await confirm.getByTestId('disable-numbers').textContent()).toBe('No cached number routes to it.')
    await harness.screenshot('trunks-08-disable-confirm')
    await confirm.getByRole('button', { name: 'Disable trunk group' }).click()
    await expect.poll(() => confirm.count(), { timeout: 30_000 }).toBe(0)
    const row = page.getByRole('table', { name: 'Trunk groups' }).getByRole('row', { name: 'Trunk E2E Out' })
    await expect.poll(() => row.textContent()).toContain('disabled')
    expect(ledger('disable_trunk_termination')).toHaveLength(1)
    await harness.screenshot('trunks-09-disabled')
    await page.keyboard.press('Escape')
  }, 90_000)

  it('opens a trunk’s traffic as a chart beside its table', async () => {
    const { page } = harness
    const busiest = harness.desk.trunks.list(vitcom.id).filter((trunk) => trunk.direction === 'origination').sort((a, b) => b.numbers - a.numbers)[0]!
    await page.getByRole('table', { name: 'Trunk groups' }).getByRole('row', { name: `Trunk ${busiest.name}` }).first().click()
    const drawer = page.getByRole('dialog', { name: busiest.name })
    await drawer.getByRole('tab', { name: 'Traffic' }).click()
    const table = drawer.getByRole('table', { name: `Traffic of ${busiest.name}` })
    await expect.poll(() => table.getByRole('row').count(), { timeout: 20_000 }).toBe(2)
    const cached = harness.desk.store.traffic.list({ accountId: vitcom.id, scope: 'trunk', subjects: [busiest.id] })[0]!
    expect(await table.textContent()).toContain(`${Math.round(cached.asr! * 1000) / 10}%`)
    expect(await drawer.getByTestId('traffic-data-age').textContent()).toMatch(/Data as of just now/)
    await harness.screenshot('trunks-10-traffic')
    await expect.poll(() => drawer.getByTestId('traffic-chart').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0)
    await page.keyboard.press('Escape')

    await expect.poll(() => drawer.count()).toBe(0)
    await page.locator('label', { hasText: 'Account traffic' }).click()
    await page.getByRole('button', { name: 'Refresh from carrier' }).click()
    await expect.poll(() => page.getByRole('table', { name: `Traffic of ${vitcom.name}` }).getByRole('row').count(), { timeout: 20_000 }).toBeGreaterThan(1)
    await harness.screenshot('trunks-11-account-traffic')
    await page.locator('label', { hasText: 'Trunk groups' }).click()
  }, 90_000)

  it('buys a number onto a chosen trunk', async () => {
    const { page } = harness
    await goTo(harness, 'buy')
    const form = page.getByRole('form', { name: 'Search numbers to buy' })
    await form.getByLabel('Number type').selectOption('local')
    await form.getByLabel('State').fill('FL')
    await form.getByLabel('How many').fill('5')
    await form.getByRole('button', { name: 'Search' }).click()
    const offers = page.getByRole('table', { name: 'Offers' })
    const vitcomName = harness.desk.registry.list().find((carrier) => carrier.id === 'vitcom')!.name
    const offer = offers.getByRole('row', { name: new RegExp(` from ${vitcomName}$`) }).first()
    await expect.poll(() => offer.count(), { timeout: 60_000 }).toBe(1)
    const label = (await offer.getAttribute('aria-label'))!.replace(/ from .*$/, '')
    await offer.getByRole('button', { name: `Add ${label} to cart` }).click()
    const cart = page.getByRole('complementary', { name: 'Cart' })
    const landing = cart.getByLabel(`${vitcom.name}: new numbers land on`)
    await expect.poll(() => landing.count()).toBe(1)
    await landing.selectOption(trunkId)
    await harness.screenshot('trunks-12-cart-trunk')
    await cart.getByRole('button', { name: 'Order' }).click()
    const confirm = page.getByRole('dialog', { name: 'Confirm the order' })
    expect(await confirm.textContent()).toContain(`${vitcom.name}: new numbers land on ${trunkId}`)
    await confirm.getByRole('button', { name: 'Buy 1 number' }).click()
    const outcome = page.getByRole('region', { name: 'Order result' })
    await expect.poll(() => outcome.count(), { timeout: 60_000 }).toBe(1)
    expect(await outcome.textContent()).toContain('Order: 1 bought, 0 failed')
    await harness.screenshot('trunks-13-bought-on-trunk')

    const e164 = `+${label.replace(/\D/g, '')}`
    const [bought] = (await (await client()).numbers!.read!({ e164s: [e164], signal: signal() })) ?? []
    expect(bought?.trunk).toBe(trunkId)
    // The choice is remembered for the account's next purchase.
    expect(harness.desk.trunkChoices.list([vitcom.id])[0]?.remembered).toBe(trunkId)
  }, 150_000)
})
