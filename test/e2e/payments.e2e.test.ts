/**
 * Paying a carrier from the Accounts screen, in real Chromium against the real core and the Sandbox: a
 * Vitcom card payment goes through the modal's explicit confirmation exactly once (checked at the
 * simulator's ledger), the card number lands in no log and no file, and cancelling at the confirmation
 * sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoSecretsUnder } from '../helpers/files'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'
import { goTo } from './numbers-fixtures'

const cardNumber = '4242424242424242'
const vitcomAccount = 'Sandbox Vitcom'
const expYear = String(new Date().getFullYear() + 2)


describe('Payments, end to end', () => {
  let harness: Harness

  const vitcomName = (): string => harness.desk.registry.list().find((carrier) => carrier.id === 'vitcom')!.name
  const payments = () => harness.desk.sandbox.running?.ledger.entries({ carrier: 'vitcom', operation: 'make_payment' }) ?? []

  async function fillPaymentForm(amount: string): Promise<ReturnType<Harness['page']['getByRole']>> {
    const { page } = harness
    await page.getByRole('button', { name: `Make a payment ${vitcomAccount}` }).click()
    const dialog = page.getByRole('dialog', { name: `Make a payment — ${vitcomAccount}` })
    await expect.poll(() => dialog.count()).toBe(1)
    await dialog.getByRole('textbox', { name: 'Amount (USD)' }).fill(amount)
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Ada')
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Lovelace')
    await dialog.getByRole('textbox', { name: 'Card number' }).fill(cardNumber)
    await dialog.getByRole('textbox', { name: 'Exp. month' }).fill('12')
    await dialog.getByRole('textbox', { name: 'Exp. year' }).fill(expYear)
    await dialog.getByRole('textbox', { name: 'CVV' }).fill('123')
    await dialog.getByRole('textbox', { name: 'ZIP' }).fill('33101')
    for (const name of ['Card number', 'CVV', 'Exp. month', 'Exp. year', 'First name', 'Last name', 'ZIP']) {
      expect(await dialog.getByRole('textbox', { name }).getAttribute('autocomplete'), name).toBe('off')
    }
    return dialog
  }

  beforeAll(async () => {
    requireKeyring()
    harness = await startHarness({ sandbox: { numbers: 2_000 } })
    await goTo(harness, 'accounts')
    await harness.page.getByRole('button', { name: 'Open the Sandbox' }).first().click()
    await harness.page.getByRole('button', { name: `Make a payment ${vitcomAccount}` }).waitFor({ timeout: 30_000 })
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('offers payments only for carriers that take them', async () => {
    const { page } = harness
    const payable = harness.desk.registry.list().filter((carrier) => carrier.capabilities.includes('billing.payments'))
    await expect.poll(() => page.getByRole('button', { name: /^Make a payment / }).count()).toBe(
      harness.desk.accounts.list().filter((account) => payable.some((carrier) => carrier.id === account.carrier)).length,
    )
    expect(await page.getByRole('button', { name: `Make a payment ${vitcomAccount}` }).count()).toBe(1)
  })

  it('cancelling at the confirmation step sends nothing', async () => {
    const { page } = harness
    const before = payments().length
    const activityBefore = harness.desk.activity.list({ limit: 1000 }).filter((entry) => entry.action === 'billing.payment').length
    const dialog = await fillPaymentForm('12.34')
    await dialog.getByRole('button', { name: 'Review payment' }).click()
    await expect.poll(() => dialog.getByTestId('payment-confirmation').textContent()).toBe(`Pay $12.34 to ${vitcomName()} from ${vitcomAccount}?`)
    await harness.screenshot('payments-01-confirm')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
    expect(payments().length).toBe(before)
    expect(harness.desk.activity.list({ limit: 1000 }).filter((entry) => entry.action === 'billing.payment').length).toBe(activityBefore)

    // Reopening starts empty: nothing typed survives the close.
    await page.getByRole('button', { name: `Make a payment ${vitcomAccount}` }).click()
    const reopened = page.getByRole('dialog', { name: `Make a payment — ${vitcomAccount}` })
    expect(await reopened.getByRole('textbox', { name: 'Card number' }).inputValue()).toBe('')
    expect(await reopened.getByRole('textbox', { name: 'CVV' }).inputValue()).toBe('')
    await reopened.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
  })

  it('makes a Vitcom card payment once, after confirmation, and keeps the card out of logs and files', async () => {
    const { page } = harness
    const before = payments().length
    const dialog = await fillPaymentForm('25')
    await dialog.getByRole('button', { name: 'Review payment' }).click()
    await expect.poll(() => dialog.getByTestId('payment-confirmation').textContent()).toBe(`Pay $25.00 to ${vitcomName()} from ${vitcomAccount}?`)
    expect(payments().length).toBe(before)
    await dialog.getByRole('button', { name: 'Pay $25.00' }).click()
    await expect.poll(() => dialog.getByText('Payment accepted').count(), { timeout: 30_000 }).toBe(1)
    await harness.screenshot('payments-02-paid')
    const reference = await dialog.getByTestId('payment-reference').textContent()

    const entries = payments()
    expect(entries.length - before).toBe(1)
    const entry = entries[entries.length - 1]!
    expect(entry.details.amount).toBe('25.00')
    expect(entry.details.referenceno).toBe(reference)
    expect(entry.details.cardLast4).toBe(cardNumber.slice(-4))

    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)

    // The activity log has the payment, never the card.
    const activity = harness.desk.activity.list({ limit: 1000 })
    const logged = activity.filter((each) => each.action === 'billing.payment')
    expect(logged.length).toBe(1)
    expect(logged[0]!.result).toBe('succeeded')
    expect(JSON.stringify(activity)).not.toContain(cardNumber)
    // Nor any file the app wrote (SQLite, WAL, exports, downloads).
    expectNoSecretsUnder(harness.desk.dataDir, [cardNumber])
    // Nor the page's own state once the modal is gone.
    const pageText = await page.content()
    expect(pageText).not.toContain(cardNumber)
    expect(harness.foreignRequests).toEqual([])
  })
})
