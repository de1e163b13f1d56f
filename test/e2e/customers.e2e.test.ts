/**
 * Call48 customers on the Customers screen, in real Chromium against the Sandbox: the list a billing sync
 * fetched, a new customer checked before sending (a bad email is refused with nothing sent), created once
 * after confirmation, then its simultaneous-call limit changed once after confirmation — each logged with
 * its outcome, and the customer's password in no file the app wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoSecretsUnder } from '../helpers/files'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'
import { goTo } from './numbers-fixtures'

const customerPassword = 'Cust0mer-Secret-77'
const login = 'noc-e2e-customer'


describe('Call48 customers, end to end', () => {
  let harness: Harness

  const sent = (operation: string) => harness.desk.sandbox.running?.ledger.entries({ carrier: 'call48', operation }) ?? []

  beforeAll(async () => {
    requireKeyring()
    harness = await startHarness({ sandbox: { numbers: 1_000 } })
    await harness.desk.sandbox.open({})
    await goTo(harness, 'customers')
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('lists the customers the billing sync fetched', async () => {
    const { page } = harness
    await expect.poll(() => page.getByRole('heading', { name: 'Customers' }).count()).toBe(1)
    await page.getByRole('button', { name: 'Sync now' }).click()
    const table = page.getByRole('table', { name: 'Customers' })
    await expect.poll(() => table.getByRole('row').count(), { timeout: 60_000 }).toBeGreaterThan(1)
    const cached = harness.desk.customers.list({}).rows
    expect(cached.length).toBeGreaterThan(0)
    await expect.poll(() => page.getByTestId('customers-total').textContent()).toBe(`${cached.length} customer${cached.length === 1 ? '' : 's'}`)
  })

  it('creates a customer once after checking its fields and a confirmation, then changes its call limit', { timeout: 120_000 }, async () => {
    const { page } = harness
    await page.getByRole('button', { name: 'Sync now' }).waitFor()
    await expect.poll(() => page.getByRole('button', { name: 'Sync now' }).isEnabled(), { timeout: 60_000 }).toBe(true)
    await page.getByRole('button', { name: 'New customer' }).click()
    const dialog = page.getByRole('dialog', { name: /^New customer — / })
    await expect.poll(() => dialog.count()).toBe(1)
    const fill = async (label: string, value: string): Promise<void> => dialog.getByRole('textbox', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`) }).fill(value)
    await fill('User name', login)
    await dialog.getByLabel(/^Password( \*)?$/).fill(customerPassword)
    await fill('Email', 'not-an-email')
    await fill('First name', 'Katherine')
    await fill('Last name', 'Johnson')
    await fill('Invoice copies to', 'billing@example.com')
    await fill('Address', '1 Main St')
    await fill('City', 'Miami')
    await fill('ZIP', '33101')
    await fill('Customer class (portaClass)', '2348')
    await dialog.getByRole('button', { name: 'Review' }).click()
    // Checked before sending: the bad email is named at its field, and nothing went to the carrier.
    await expect.poll(() => dialog.getByText('Enter a valid email address').count()).toBe(1)
    expect(await dialog.getByTestId('customer-confirmation').count()).toBe(0)
    expect(sent('customer-create').length).toBe(0)

    await fill('Email', 'katherine@example.com')
    await dialog.getByRole('button', { name: 'Review' }).click()
    await expect.poll(() => dialog.getByTestId('customer-confirmation').textContent()).toMatch(new RegExp(`^Create ${login} \\(Katherine Johnson\\) at .* with a credit limit of 50\\.00 USD\\?$`))
    await harness.screenshot('customers-01-confirm')
    expect(sent('customer-create').length).toBe(0)
    await dialog.getByRole('button', { name: 'Create customer' }).click()
    await expect.poll(() => dialog.getByRole('status').getByText('Customer created').count(), { timeout: 30_000 }).toBe(1)
    expect(sent('customer-create').length).toBe(1)
    await dialog.getByRole('button', { name: 'Close' }).click()

    const row = page.getByRole('row', { name: `Customer ${login}` })
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1)
    const created = harness.desk.customers.list({}).rows.find((customer) => customer.login === login)!
    expect(created).toBeDefined()
    const logged = harness.desk.activity.list({ limit: 100 }).filter((entry) => entry.action === 'customer.create')
    expect(logged.map((entry) => entry.result)).toEqual(['succeeded'])

    // Its simultaneous-call limit: 8 in total, 3 in, 4 out, after a confirmation naming it.
    await row.getByRole('button', { name: `Settings ${login}` }).click()
    const drawer = page.getByRole('dialog', { name: new RegExp(`^${login} — `) })
    await expect.poll(() => drawer.count()).toBe(1)
    const limits = drawer.getByRole('group', { name: 'Simultaneous calls' })
    await limits.getByRole('textbox', { name: 'Total' }).fill('8')
    await limits.getByRole('textbox', { name: 'Inbound' }).fill('3')
    await limits.getByRole('textbox', { name: 'Outbound' }).fill('4')
    await limits.getByRole('button', { name: 'Apply call limit' }).click()
    const confirmation = page.getByTestId('customer-change-confirmation')
    await expect.poll(() => confirmation.count()).toBe(1)
    expect(await confirmation.textContent()).toContain(login)
    await harness.screenshot('customers-02-call-limit-confirm')
    expect(sent('limit-simultaneous-calls').length).toBe(0)
    await page.getByRole('button', { name: 'Apply', exact: true }).click()
    await expect.poll(() => sent('limit-simultaneous-calls').length, { timeout: 30_000 }).toBe(1)
    const change = sent('limit-simultaneous-calls')[0]!
    expect(change.details).toMatchObject({ account_id: created.id, limitsimulcalls: 'yes', simulmaxcalls: 8, simulmaxcallsin: 3, simulmaxcallsout: 4 })
    await expect
      .poll(() => harness.desk.activity.list({ limit: 100 }).filter((entry) => entry.action === 'customer.update').map((entry) => entry.result))
      .toEqual(['succeeded'])
    await expect.poll(() => drawer.getByText('Limit simultaneous calls to 8 (in 3, out 4)').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await harness.screenshot('customers-03-call-limit-changed')

    // The customer's password went to the carrier only.
    expectNoSecretsUnder(harness.desk.dataDir, [customerPassword])
    expect(JSON.stringify(harness.desk.activity.list({ limit: 1000 }))).not.toContain(customerPassword)
    expect(await page.content()).not.toContain(customerPassword)
    expect(harness.foreignRequests).toEqual([])
  })
})
