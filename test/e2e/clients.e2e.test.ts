/**
 * Nexogy clients in real Chromium against the Sandbox: a Nexogy number put in the cart opens the new-client
 * form, ordering it creates the client once (checked at the simulator's ledger), and the number is listed in
 * Numbers after the next sync; on the Clients screen the client's default device is read and its SIP key
 * shown only on "Reveal", with a countdown, and hidden again; the key is in no file the app wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoSecretsUnder } from '../helpers/files'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'
import { expectTotal, goTo } from './numbers-fixtures'


describe('Nexogy clients, end to end', () => {
  let harness: Harness
  let bought = ''

  const created = () => harness.desk.sandbox.running?.ledger.entries({ carrier: 'nexogy', operation: 'client.created' }) ?? []
  const nexogyName = (): string => harness.desk.registry.list().find((carrier) => carrier.id === 'nexogy')!.name

  beforeAll(async () => {
    requireKeyring()
    harness = await startHarness({ sandbox: { numbers: 1_000 } })
    await harness.desk.sandbox.open({})
    await goTo(harness, 'buy')
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('buys a Nexogy number through the cart by creating a client, then lists it in Numbers after a sync', { timeout: 150_000 }, async () => {
    const { page } = harness
    const form = page.getByRole('form', { name: 'Search numbers to buy' })
    await form.getByLabel('Number type').selectOption('local')
    await form.getByLabel('State').fill('FL')
    await form.getByLabel('How many').fill('5')
    await form.getByRole('button', { name: 'Search' }).click()
    const offers = page.getByRole('table', { name: 'Offers' })
    const row = offers.getByRole('row', { name: new RegExp(` from ${nexogyName()}$`) }).first()
    await expect.poll(() => row.count(), { timeout: 60_000 }).toBe(1)
    const label = (await row.getAttribute('aria-label'))!.replace(/ from .*$/, '')
    await row.getByRole('button', { name: `Add ${label} to cart` }).click()

    // The client form opens for that number; the cart cannot order until it is filled.
    const dialog = page.getByRole('dialog', { name: `New client for ${label}` })
    await expect.poll(() => dialog.count()).toBe(1)
    const field = (name: string) => dialog.getByRole('textbox', { name: new RegExp(`^${name}( \\*)?$`) })
    await field('First name').fill('Mary')
    await field('Last name').fill('Jackson')
    await field('Email').fill('not-an-email')
    await field('Service address').fill('4 Ocean Dr, Miami, FL')
    await field('Service zip code').fill('33139')
    await dialog.getByRole('button', { name: 'Use these details' }).click()
    // Checked in main as Nexogy's document says before anything is sent.
    await expect.poll(() => dialog.getByText('email must be a valid email address').count()).toBe(1)
    expect(created().length).toBe(0)
    await field('Email').fill('mary@example.com')
    await dialog.getByRole('button', { name: 'Use these details' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    const cart = page.getByRole('complementary', { name: 'Cart' })
    await expect.poll(() => cart.getByText('Client: Mary Jackson').count()).toBe(1)
    await harness.screenshot('clients-01-cart-with-client')

    await cart.getByRole('button', { name: 'Order', exact: true }).click()
    const confirm = page.getByRole('dialog', { name: 'Confirm the order' })
    expect(await confirm.textContent()).toContain('new client Mary Jackson')
    expect(created().length).toBe(0)
    await confirm.getByRole('button', { name: 'Buy 1 number' }).click()
    const outcome = page.getByRole('region', { name: 'Order result' })
    await expect.poll(() => outcome.count(), { timeout: 60_000 }).toBe(1)
    expect(await outcome.textContent()).toContain('Order: 1 bought, 0 failed')
    expect(created().length).toBe(1)
    bought = label
    const digits = label.replace(/\D/g, '').slice(-10)
    expect(harness.desk.activity.list({ limit: 50 }).filter((entry) => entry.action === 'number.purchase' && entry.result === 'succeeded').length).toBe(1)

    // Numbers, after the next sync, lists it.
    await goTo(harness, 'numbers')
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect.poll(() => page.getByRole('button', { name: 'Sync now' }).isEnabled(), { timeout: 90_000 }).toBe(true)
    await expect.poll(() => harness.desk.store.numbers.list({ search: digits, limit: 5 }).total, { timeout: 60_000 }).toBe(1)
    await page.getByLabel('Search numbers').fill(digits)
    await expectTotal(harness, 1, 30_000)
    await harness.screenshot('clients-02-bought-in-numbers')
    expect(created().length).toBe(1)
  })

  it('reads the client’s default device and shows its SIP key only on Reveal, then hides it', { timeout: 90_000 }, async () => {
    const { page } = harness
    expect(bought).not.toBe('')
    await goTo(harness, 'clients')
    const row = page.getByRole('row', { name: `Client ${bought}` })
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1)
    await harness.screenshot('clients-03-list')
    await row.getByRole('button', { name: `Manage ${bought}` }).click()
    const drawer = page.getByRole('dialog', { name: new RegExp(`^Client ${bought.replace(/[()+]/g, '\\$&')}`) })
    await expect.poll(() => drawer.count()).toBe(1)
    await drawer.getByRole('button', { name: 'Read default device' }).click()
    await page.getByRole('button', { name: 'Create', exact: true }).click()
    const device = drawer.getByRole('row', { name: 'Device 1000' })
    await expect.poll(() => device.count(), { timeout: 30_000 }).toBe(1)
    expect(await drawer.getByTestId('sip-key').count()).toBe(0)

    const client = (await harness.desk.clients.list({})).find((each) => each.devices.some((one) => one.extension === '1000'))!
    const key = (await harness.desk.clients.deviceKey({ account: client.accountId, clientId: client.id!, extension: '1000' }))!
    expect(key.length).toBeGreaterThan(8)
    expect(await page.content()).not.toContain(key)

    await device.getByRole('button', { name: 'Reveal SIP key 1000' }).click()
    await expect.poll(() => drawer.getByTestId('sip-key').textContent(), { timeout: 10_000 }).toBe(key)
    expect(await drawer.getByTestId('sip-key-countdown').textContent()).toMatch(/^hidden in (30|29|28) s$/)
    await harness.screenshot('clients-04-sip-key-revealed')
    await drawer.getByRole('button', { name: 'Hide SIP key 1000' }).click()
    await expect.poll(() => drawer.getByTestId('sip-key').count()).toBe(0)
    expect(await page.content()).not.toContain(key)
    await harness.screenshot('clients-05-sip-key-hidden')

    // The reveal is logged, the key never; it is in no file the app wrote (SQLite, WAL, downloads).
    const activity = harness.desk.activity.list({ limit: 200 })
    expect(activity.some((entry) => entry.action === 'device.revealKey' && entry.result === 'succeeded')).toBe(true)
    expect(JSON.stringify(activity)).not.toContain(key)
    expectNoSecretsUnder(harness.desk.dataDir, [key])
    expect(harness.foreignRequests).toEqual([])
  })
})
