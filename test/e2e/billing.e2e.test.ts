/**
 * The Billing screen in real Chromium against the real core and the Sandbox: after a billing sync the
 * Vitcom balance shows with "as of", the ledger with its charts, an invoice PDF lands in the downloads
 * folder (no `.part` left behind), and a payment made from the screen is then listed among the payments,
 * matched to the carrier's own record. No card number, password or token is found in the SQLite file, its
 * WAL or the downloads afterwards.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeychainVault } from '../../src/main/vault/vault'
import { expectNoSecretsUnder, filesUnder } from '../helpers/files'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'
import { goTo } from './numbers-fixtures'

const vitcomAccount = 'Sandbox Vitcom'
const cardNumber = '4111111111111111'
const expYear = String(new Date().getFullYear() + 3)


describe('Billing, end to end', () => {
  let harness: Harness

  const vitcomId = (): string => harness.desk.accounts.list().find((account) => account.name === vitcomAccount)!.id

  async function syncBilling(): Promise<void> {
    const { page } = harness
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect.poll(() => page.getByRole('button', { name: 'Sync now' }).isEnabled(), { timeout: 60_000 }).toBe(true)
  }

  beforeAll(async () => {
    requireKeyring()
    harness = await startHarness({ sandbox: { numbers: 2_000 } })
    await harness.desk.sandbox.open({})
    await goTo(harness, 'billing')
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('shows the Vitcom balance with "as of" and the ledger with its charts after a billing sync', async () => {
    const { page } = harness
    await expect.poll(() => page.getByRole('heading', { name: 'Billing' }).count()).toBe(1)
    await page.getByRole('button', { name: 'Sync now' }).waitFor({ timeout: 30_000 })
    await syncBilling()
    const card = page.getByRole('group', { name: `Balance ${vitcomAccount}` })
    await expect.poll(() => card.getByTestId('balance-amount').count(), { timeout: 60_000 }).toBe(1)
    // The balance shown is the one the cache holds from the carrier (the last ledger balance).
    const overview = await harness.desk.billing.overview({ accountId: vitcomId() })
    const balance = overview.balances.find((each) => each.accountId === vitcomId())!
    expect(balance.supported).toBe(true)
    expect(typeof balance.amount).toBe('number')
    const shown = (await card.getByTestId('balance-amount').textContent()) ?? ''
    expect(shown.replace(/[^\d.-]/g, '')).toBe(balance.amount!.toFixed(2).replace(/^-?/, balance.amount! < 0 ? '-' : ''))
    expect(await card.getByTestId('balance-as-of').textContent()).toMatch(/^as of /)
    await harness.screenshot('billing-01-overview')

    await page.getByRole('tab', { name: 'Ledger' }).click()
    const ledger = page.getByRole('table', { name: 'Ledger' })
    await expect.poll(() => ledger.getByRole('row').count(), { timeout: 30_000 }).toBeGreaterThan(1)
    const cached = await harness.desk.billing.ledger({ accountId: vitcomId(), limit: 500 })
    expect(cached.total).toBeGreaterThan(0)
    expect(await page.getByTestId('ledger-total').textContent()).toMatch(/entr(y|ies)$/)
    expect(await page.getByRole('img', { name: 'Spend by month chart' }).locator('.recharts-bar-rectangle, path.recharts-rectangle').count()).toBeGreaterThan(0)
    expect(await page.getByRole('img', { name: 'Spend by activity type chart' }).count()).toBe(1)
    await harness.screenshot('billing-02-ledger')

    // Filtering by one activity type keeps only its entries.
    const type = cached.activities[0]!
    await page.getByRole('textbox', { name: 'Activity type' }).click()
    await page.getByRole('option', { name: type, exact: true }).click()
    const filtered = await harness.desk.billing.ledger({ accountId: vitcomId(), activity: type, limit: 500 })
    await expect.poll(() => page.getByTestId('ledger-total').textContent()).toMatch(new RegExp(`^${filtered.total.toLocaleString('en-US')} entr`))
    const activities = await ledger.locator('tbody tr td:nth-child(3)').allTextContents()
    expect(new Set(activities)).toEqual(new Set([type]))
    await harness.screenshot('billing-03-ledger-filtered')
  })

  it('downloads an invoice PDF to the downloads folder, with no .part left behind', async () => {
    const { page } = harness
    await page.getByRole('tab', { name: 'Invoices' }).click()
    const invoices = page.getByRole('table', { name: 'Invoices' })
    await expect.poll(() => invoices.getByRole('row').count(), { timeout: 30_000 }).toBeGreaterThan(1)
    const row = invoices.getByRole('row', { name: new RegExp(` ${vitcomAccount}$`) }).first()
    const label = (await row.getAttribute('aria-label'))!.replace(/^Invoice /, '')
    await row.getByRole('button', { name: `Download invoice ${label}` }).click()
    const result = page.getByRole('status', { name: `Download result ${label}` })
    await expect.poll(() => result.count(), { timeout: 30_000 }).toBe(1)
    const file = (await result.getByTestId('invoice-file').textContent())!
    expect(file.startsWith(join(harness.desk.dataDir, 'downloads'))).toBe(true)
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(filesUnder(join(harness.desk.dataDir, 'downloads')).filter((each) => each.endsWith('.part'))).toEqual([])
    expect(await row.getByRole('button', { name: `Open invoice ${label}` }).count()).toBe(1)
    await harness.screenshot('billing-04-invoice-downloaded')
  })

  it('makes a payment from the Billing screen and then lists it beside the carrier’s own record', async () => {
    const { page } = harness
    await page.getByRole('tab', { name: 'Overview' }).click()
    await page.getByRole('button', { name: `Make a payment ${vitcomAccount}` }).click()
    const dialog = page.getByRole('dialog', { name: `Make a payment — ${vitcomAccount}` })
    await expect.poll(() => dialog.count()).toBe(1)
    await dialog.getByRole('textbox', { name: 'Amount (USD)' }).fill('17.5')
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Grace')
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Hopper')
    await dialog.getByRole('textbox', { name: 'Card number' }).fill(cardNumber)
    await dialog.getByRole('textbox', { name: 'Exp. month' }).fill('11')
    await dialog.getByRole('textbox', { name: 'Exp. year' }).fill(expYear)
    await dialog.getByRole('textbox', { name: 'CVV' }).fill('321')
    await dialog.getByRole('textbox', { name: 'ZIP' }).fill('33101')
    await dialog.getByRole('button', { name: 'Review payment' }).click()
    await dialog.getByRole('button', { name: 'Pay $17.50' }).click()
    await expect.poll(() => dialog.getByText('Payment accepted').count(), { timeout: 30_000 }).toBe(1)
    const reference = (await dialog.getByTestId('payment-reference').textContent())!
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)

    const sent = harness.desk.sandbox.running!.ledger.entries({ carrier: 'vitcom', operation: 'make_payment' })
    expect(sent.filter((entry) => entry.details.referenceno === reference).length).toBe(1)

    // Made from CarrierDesk, it is listed at once; after the next sync the carrier's own record shows it too.
    await page.getByRole('tab', { name: 'Payments' }).click()
    const payments = page.getByRole('table', { name: 'Payments' })
    await expect.poll(() => payments.locator('tr[data-source="carrierdesk"]').count(), { timeout: 30_000 }).toBe(1)
    await syncBilling()
    const atCarrier = payments.locator('tr[data-source="carrier"]', { hasText: reference })
    await expect.poll(() => atCarrier.count(), { timeout: 60_000 }).toBe(1)
    expect(await atCarrier.textContent()).toContain('17.50')
    expect(await atCarrier.textContent()).toContain('made from CarrierDesk')
    await harness.screenshot('billing-05-payments')

    // The card number, the accounts' passwords and tokens are in no file the app wrote (SQLite, WAL, downloads).
    const vault = createKeychainVault()
    const secrets = [cardNumber]
    for (const account of harness.desk.accounts.list()) {
      for (const value of Object.values(await vault.get(account.id))) if (value && value.length >= 6) secrets.push(value)
    }
    expect(secrets.length).toBeGreaterThan(1)
    const files = filesUnder(harness.desk.dataDir)
    expect(files.some((file) => file.endsWith('.pdf'))).toBe(true)
    expectNoSecretsUnder(harness.desk.dataDir, secrets)
    expect(await page.content()).not.toContain(cardNumber)
    expect(harness.foreignRequests).toEqual([])
  })
})
