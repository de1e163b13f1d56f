/**
 * The VoIP Innovations features of the WSDL as a technician reaches them, in real Chromium against the
 * real core and the VI simulator: forwarding and failover set from the Numbers routing forms, 20 numbers
 * moved into a DID group in bulk, a 911 address updated then removed, a 911 alert recipient added from the
 * number detail, a conference line whose PIN shows only on "Reveal PIN", and an international number
 * bought by city from the Buy screen, then released. Every change is checked at the simulator's ledger.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { PhoneNumberRecord } from '../../src/shared/domain'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'
import { expectTotal, goTo, grid } from './numbers-fixtures'

const label = (e164: string): string => `+1 (${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`

describe('VoIP Innovations features, end to end', () => {
  let harness: Harness
  let accountId = ''
  let pool: PhoneNumberRecord[] = []

  const ledger = (operation: string): Record<string, unknown>[] =>
    harness.desk.sandbox.running!.ledger.entries({ carrier: 'voip-innovations', operation }).map((entry) => entry.details as Record<string, unknown>)
  const take = (where: (record: PhoneNumberRecord) => boolean): PhoneNumberRecord => {
    const found = pool.find(where)
    expect(found).toBeDefined()
    pool = pool.filter((record) => record !== found)
    return found!
  }
  async function openNumber(e164: string) {
    const { page } = harness
    await page.getByLabel('Search numbers').fill(e164.slice(2))
    const row = grid(harness).getByRole('row', { name: label(e164) })
    await expect.poll(() => row.count()).toBeGreaterThan(0)
    await row.first().click()
    const drawer = page.getByRole('dialog', { name: label(e164) })
    await expect.poll(() => drawer.getByRole('table', { name: 'Number fields' }).count()).toBe(1)
    return drawer
  }
  async function runChange(button: string, dialogName: string, fill: () => Promise<void>, drawer: ReturnType<Harness['page']['getByRole']>, shot: string) {
    const { page } = harness
    await drawer.getByRole('button', { name: button, exact: true }).click()
    const dialog = page.getByRole('dialog', { name: dialogName })
    await fill()
    await dialog.getByRole('button', { name: 'Review change' }).click()
    await expect.poll(() => dialog.getByRole('table', { name: 'Before and after' }).count()).toBe(1)
    await harness.screenshot(`${shot}-confirm`)
    await dialog.getByRole('button', { name: 'Confirm change' }).click()
    await expect.poll(() => dialog.getByTestId('change-result-summary').textContent(), { timeout: 30_000 }).toBe('1 succeeded, 0 failed')
    await dialog.getByRole('button', { name: 'Close' }).click()
  }
  async function closeDrawer() {
    await harness.page.keyboard.press('Escape')
    await harness.page.getByRole('button', { name: 'Clear filters' }).click()
  }

  beforeAll(async () => {
    requireKeyring()
    harness = await startHarness({ sandbox: { numbers: 1_000, carriers: ['voip-innovations'] } })
    await harness.desk.sandbox.open({})
    accountId = harness.desk.store.accounts.list()[0]!.id
    const [result] = await harness.desk.sync.start({ accountIds: [accountId], areas: ['numbers'] }).done
    expect(result).toMatchObject({ outcome: 'succeeded' })
    pool = harness.desk.store.numbers.list({ filters: { types: ['local'] }, limit: 1000 }).rows
    await goTo(harness, 'numbers')
  }, 120_000)
  afterAll(async () => {
    await harness?.close()
  })
  // A failed test leaves no dialog or drawer over the next one.
  afterEach(async () => {
    for (let attempt = 0; attempt < 3 && (await harness.page.getByRole('dialog').count()) > 0; attempt += 1) await harness.page.keyboard.press('Escape')
  })

  it('forwards a number and sets its failover from the routing forms, as the simulator then holds', async () => {
    const { page } = harness
    const target = take((record) => !record.trunk?.startsWith('forward ') && !record.failover)
    const drawer = await openNumber(target.e164)
    await runChange('Change routing', 'Change routing', async () => {
      const dialog = page.getByRole('dialog', { name: 'Change routing' })
      await dialog.getByLabel('Forward to a number').check()
      await dialog.getByRole('textbox', { name: 'Forward to' }).fill('+13055550100')
    }, drawer, 'vi-01-forward')
    await runChange('Change failover', 'Change failover', async () => {
      await page.getByRole('dialog', { name: 'Change failover' }).getByLabel('Fail over to').fill('+13055550111')
    }, drawer, 'vi-02-failover')

    expect(ledger('SetDIDForward')).toContainEqual({ tn: target.e164.slice(2), forward: '3055550100' })
    expect(ledger('UpdateDIDFailover')).toContainEqual({ tn: target.e164.slice(2), failover: '3055550111' })
    // The cache and the carrier read of the detail say the same.
    await expect.poll(() => drawer.getByRole('table', { name: 'Number fields' }).textContent()).toContain('forward +13055550100')
    await expect.poll(() => drawer.getByRole('table', { name: 'Number features at the carrier' }).textContent(), { timeout: 15_000 }).toContain('+1 (305) 555-0111')
    expect(await drawer.getByRole('table', { name: 'Number features at the carrier' }).textContent()).toContain('+1 (305) 555-0100')
    await harness.screenshot('vi-03-forward-failover-detail')
    await closeDrawer()
  }, 90_000)

  it('moves 20 numbers into a DID group in bulk, each sent once, then filters by the group', async () => {
    const { page } = harness
    const groupsBefore = ledger('SetDIDGroup').length
    await page.getByRole('group', { name: 'Filters' }).getByRole('textbox', { name: 'Type', exact: true }).click()
    await page.getByRole('option', { name: 'local' }).click()
    await page.keyboard.press('Escape')
    const rows = grid(harness).getByRole('row', { name: /^\+1 / })
    await expect.poll(() => rows.count()).toBeGreaterThan(20)
    const first = (await rows.nth(0).getAttribute('aria-label'))!
    const twentieth = (await rows.nth(19).getAttribute('aria-label'))!
    await grid(harness).getByRole('checkbox', { name: `Select ${first}` }).click()
    await grid(harness).getByRole('checkbox', { name: `Select ${twentieth}` }).click({ modifiers: ['Shift'] })
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('20 selected')
    await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Group' }).click()
    const dialog = page.getByRole('dialog', { name: 'Move to a number group' })
    const picker = dialog.getByLabel('Move to group')
    await expect.poll(() => picker.isEnabled(), { timeout: 15_000 }).toBe(true)
    await picker.selectOption({ label: 'Support' })
    await dialog.getByRole('button', { name: 'Review change' }).click()
    expect(await dialog.getByRole('table', { name: 'Before and after' }).textContent()).toContain('group Support')
    await harness.screenshot('vi-04-group-confirm')
    await dialog.getByRole('button', { name: 'Confirm change' }).click()
    await expect.poll(() => dialog.getByTestId('change-result-summary').textContent(), { timeout: 60_000 }).toBe('20 succeeded, 0 failed')
    await harness.screenshot('vi-05-group-result')
    await dialog.getByRole('button', { name: 'Close' }).click()

    const sent = ledger('SetDIDGroup').slice(groupsBefore)
    expect(sent).toHaveLength(20)
    expect(new Set(sent.map((entry) => entry.tn)).size).toBe(20)
    const support = harness.desk.store.numbers.list({ filters: { accountIds: [accountId], group: 'Support' }, limit: 1000 })
    await page.getByRole('button', { name: 'Clear selection' }).click()
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await page.getByRole('group', { name: 'Filters' }).getByRole('textbox', { name: 'Group', exact: true }).click()
    await page.getByRole('option', { name: 'Support' }).click()
    await expectTotal(harness, support.total)
    expect(support.total).toBeGreaterThanOrEqual(20)
    await harness.screenshot('vi-06-group-filter')
    await page.getByRole('button', { name: 'Clear filters' }).click()
  }, 120_000)

  it('adds a 911 alert recipient, updates the 911 address (update911) and then removes it', async () => {
    const { page } = harness
    const target = take((record) => record.e911 !== undefined && record.e911 !== '')
    const drawer = await openNumber(target.e164)
    const alerts = drawer.getByRole('region', { name: '911 alerts' })
    await alerts.getByLabel('Add recipient').fill('noc@example.com')
    await alerts.getByRole('button', { name: 'Add recipient' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => alerts.getByRole('table', { name: '911 alert recipients' }).textContent(), { timeout: 15_000 }).toContain('noc@example.com')
    expect(ledger('Add911Alert')).toContainEqual({ tn: target.e164.slice(2), email: 'noc@example.com' })
    await harness.screenshot('vi-07-911-alert')

    await runChange('Change E911 address', 'Change E911 address', async () => {
      const dialog = page.getByRole('dialog', { name: 'Change E911 address' })
      await dialog.getByLabel('Caller name').fill('Kite Legal')
      await dialog.getByLabel('Street').fill('200 S Main St')
      await dialog.getByLabel('City').fill('Salt Lake City')
      await dialog.getByLabel('State (2 letters)').fill('UT')
      await dialog.getByLabel('ZIP').fill('84101')
    }, drawer, 'vi-08-e911-update')
    expect(ledger('update911').map((entry) => entry.tn)).toContain(target.e164.slice(2))
    expect(ledger('insert911').map((entry) => entry.tn)).not.toContain(target.e164.slice(2))
    // VI writes addresses in capitals.
    await expect.poll(async () => (await drawer.getByRole('table', { name: 'Number fields' }).textContent())?.toUpperCase()).toContain('200 S MAIN ST')

    await runChange('Remove E911 address', 'Remove E911 address', async () => undefined, drawer, 'vi-09-e911-remove')
    expect(ledger('remove911').map((entry) => entry.tn)).toContain(target.e164.slice(2))
    await expect.poll(() => harness.desk.store.numbers.get({ accountId, e164: target.e164 })?.e911).toBeUndefined()
    await harness.screenshot('vi-10-e911-removed')
    await closeDrawer()
  }, 120_000)

  it('sets a conference line whose PIN shows only on "Reveal PIN"', async () => {
    const { page } = harness
    const target = take(() => true)
    const drawer = await openNumber(target.e164)
    const conference = drawer.getByRole('region', { name: 'Conference line' })
    await conference.locator('input[type="password"]').fill('482913')
    await conference.getByRole('button', { name: 'Make conference line' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => conference.getByTestId('conference-pin').count(), { timeout: 15_000 }).toBe(1)
    expect(await conference.getByTestId('conference-pin').textContent()).not.toContain('482913')
    expect(ledger('SetConferenceLine')).toContainEqual({ tn: target.e164.slice(2) })
    await conference.getByRole('button', { name: 'Reveal PIN' }).click()
    await expect.poll(() => conference.getByTestId('conference-pin').textContent()).toBe('482913')
    await harness.screenshot('vi-11-conference-revealed')
    await conference.getByRole('button', { name: 'Hide' }).click()
    expect(await conference.getByTestId('conference-pin').textContent()).not.toContain('482913')
    await closeDrawer()
  }, 60_000)

  it('buys an international number by country and city from the Buy screen, and releases it', async () => {
    const { page } = harness
    await goTo(harness, 'buy')
    const form = page.getByRole('form', { name: 'Search numbers to buy' })
    await form.getByLabel('Number type').selectOption('international')
    await form.getByRole('textbox', { name: 'Country' }).click()
    await page.getByRole('option', { name: 'United Kingdom (GB)' }).click()
    await form.getByRole('textbox', { name: 'City' }).click()
    await page.getByRole('option', { name: 'London' }).click()
    await form.getByLabel('How many').fill('1')
    await form.getByRole('button', { name: 'Search' }).click()
    const offers = page.getByRole('table', { name: 'Offers' })
    const offer = offers.getByRole('row', { name: /London, GB: any number/ }).first()
    await expect.poll(() => offer.count(), { timeout: 30_000 }).toBe(1)
    await harness.screenshot('vi-12-intl-offers')
    const offerLabel = (await offer.getAttribute('aria-label'))!.replace(/ from .*$/, '')
    await offer.getByRole('button', { name: `Add ${offerLabel} to cart` }).click()
    const cart = page.getByRole('complementary', { name: 'Cart' })
    await cart.getByRole('button', { name: 'Order', exact: true }).click()
    await page.getByRole('dialog', { name: 'Confirm the order' }).getByRole('button', { name: 'Buy 1 number' }).click()
    const outcome = page.getByRole('region', { name: 'Order result' })
    await expect.poll(() => outcome.count(), { timeout: 60_000 }).toBe(1)
    expect(await outcome.textContent()).toContain('Order: 1 bought, 0 failed')
    await harness.screenshot('vi-13-intl-bought')
    const [assigned] = ledger('AssignIntlDID')
    expect(assigned).toMatchObject({ cityId: 2101 })
    const e164 = `+${String(assigned!.tn)}`
    expect(harness.desk.store.numbers.get({ accountId, e164 })).toMatchObject({ type: 'international', status: 'active' })

    await goTo(harness, 'numbers')
    await page.getByLabel('Search numbers').fill(e164.slice(1))
    const row = grid(harness).getByRole('row').filter({ hasText: 'international' })
    await expect.poll(() => row.count()).toBe(1)
    await row.first().click()
    const drawer = page.getByRole('dialog').filter({ has: page.getByRole('table', { name: 'Number fields' }) })
    await drawer.getByRole('button', { name: 'Release' }).click()
    const dialog = page.getByRole('dialog', { name: 'Release numbers' })
    await dialog.getByRole('button', { name: 'Release 1 number' }).click()
    await expect.poll(() => dialog.getByTestId('change-result-summary').textContent(), { timeout: 30_000 }).toBe('1 succeeded, 0 failed')
    await harness.screenshot('vi-14-intl-released')
    await dialog.getByRole('button', { name: 'Close' }).click()
    expect(ledger('ReleaseIntlDID')).toContainEqual({ tn: String(assigned!.tn) })
    expect(harness.desk.store.numbers.get({ accountId, e164 })?.status).toBe('released')
    await closeDrawer()
  }, 150_000)

  it('shows the prepaid balance on the Accounts screen as VI wrote it, with when it was read', async () => {
    const { page } = harness
    await goTo(harness, 'accounts')
    const balance = page.getByTestId('account-balance')
    await expect.poll(() => balance.count(), { timeout: 15_000 }).toBe(1)
    const atVi = (await harness.desk.balance.balances({ accountIds: [accountId] }, new AbortController().signal)).rows[0]!
    expect(await balance.textContent()).toMatch(new RegExp(`Balance \\$${atVi.decimal.replace('.', '\\.')} · as of just now`))
    await harness.screenshot('vi-15-prepaid-balance')
  })

  it('made no network request outside its own files', () => {
    expect(harness.foreignRequests).toEqual([])
  })
})
