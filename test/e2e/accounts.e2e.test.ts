/**
 * The Accounts flow as a technician does it, in real Chromium against the real core: add a Nexogy account
 * pointing at the Sandbox simulator, see it listed, test its connection, open the Sandbox, remove an account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src/main/sandbox'
import { createKeychainVault } from '../../src/main/vault/vault'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'

describe('Accounts, end to end', () => {
  let harness: Harness
  let sandbox: Sandbox

  beforeAll(async () => {
    requireKeyring()
    sandbox = await startSandbox({ carriers: ['nexogy'], seed: 11 })
    harness = await startHarness({ sandbox: { numbers: 2_000 } })
  })
  afterAll(async () => {
    await harness?.close()
    await sandbox?.stop()
  })

  it('starts on an empty Accounts screen that offers the Sandbox', async () => {
    const { page } = harness
    await page.getByRole('link', { name: /Accounts/ }).or(page.getByRole('button', { name: /^Accounts/ })).first().click()
    await expect.poll(() => page.getByRole('button', { name: 'Open the Sandbox' }).count()).toBeGreaterThan(0)
    await harness.screenshot('01-accounts-empty')
  })

  it('adds an account through the form; the secrets land in the keychain only', async () => {
    const { page } = harness
    const account = sandbox.carriers.nexogy!.account
    await page.getByRole('button', { name: 'Add account' }).first().click()
    const form = page.getByRole('form', { name: 'Add account' })
    await form.getByLabel('Carrier', { exact: true }).selectOption('nexogy')
    await form.getByLabel('Environment').selectOption('sandbox')
    await form.getByLabel('Account name').fill('Nexogy lab')
    await form.getByLabel('Base URL').fill(account.baseUrl)
    await form.getByLabel('User name').fill(account.username!)
    await form.getByLabel('OAuth client id').fill(account.clientId!)
    await form.getByLabel('Scope').fill(account.scope ?? '')
    await form.getByLabel('Password', { exact: true }).fill(account.secrets.password!)
    await form.getByLabel('OAuth client secret').fill(account.secrets.clientSecret!)
    await harness.screenshot('02-accounts-add-form')
    await form.getByRole('button', { name: 'Save account' }).click()

    const table = page.getByRole('table', { name: 'Accounts' })
    await expect.poll(() => table.getByRole('row', { name: /Nexogy lab/ }).count()).toBe(1)
    const row = table.getByRole('row', { name: /Nexogy lab/ })
    expect(await row.textContent()).toMatch(/SANDBOX/i)
    expect(await row.textContent()).not.toContain(account.secrets.password!)

    const [stored] = harness.desk.accounts.list()
    expect(stored).toMatchObject({ name: 'Nexogy lab', carrier: 'nexogy', storedSecrets: ['password', 'clientSecret'] })
    expect(await createKeychainVault().get(stored!.id)).toEqual({
      password: account.secrets.password,
      clientSecret: account.secrets.clientSecret,
    })
    await harness.screenshot('03-accounts-listed')
  })

  it('tests the connection against the simulator and shows the result', async () => {
    const { page } = harness
    await page.getByRole('button', { name: 'Test connection Nexogy lab' }).click()
    await expect.poll(() => page.getByText(/Connection OK — Nexogy lab/).count(), { timeout: 15_000 }).toBe(1)
    expect(await page.getByText(/Nexogy issued a token/).count()).toBeGreaterThan(0)
    await harness.screenshot('04-accounts-connection-ok')
  })

  it('a base URL on a new host asks for the secrets again or a confirmation naming the host', async () => {
    const { page } = harness
    const account = sandbox.carriers.nexogy!.account
    const id = harness.desk.accounts.find('Nexogy lab').id
    const moved = new URL(account.baseUrl)
    moved.port = String(Number(moved.port) + 1)
    const host = moved.host
    await page.getByRole('button', { name: 'Edit Nexogy lab' }).click()
    const form = page.getByRole('form', { name: 'Edit account' })
    await form.getByLabel('Base URL').fill(moved.href)
    await expect.poll(() => form.getByText(`New host: ${host}`).count()).toBe(1)
    expect(await form.textContent()).toContain('(Password, OAuth client secret) would be sent to')
    await form.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => form.getByText(`Enter the stored secrets again, or confirm that ${host} may receive them`).count()).toBe(1)
    expect(harness.desk.accounts.find(id).baseUrl).toBe(account.baseUrl)

    // One secret typed again: the other still needs the confirmation.
    await form.getByLabel('Password', { exact: true }).fill('typed-again')
    await expect.poll(() => form.getByText('(OAuth client secret) would be sent to', { exact: false }).count()).toBe(1)
    await harness.screenshot('04b-accounts-new-host')
    await form.getByLabel(`Send the stored secrets to ${host}`).check()
    await form.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => page.getByRole('form', { name: 'Edit account' }).count()).toBe(0)
    expect(harness.desk.accounts.find(id).baseUrl).toBe(moved.href)
    expect(await createKeychainVault().get(id)).toEqual({ password: 'typed-again', clientSecret: account.secrets.clientSecret })
  })

  it('opens the Sandbox, which adds one sandbox account per carrier', async () => {
    const { page } = harness
    await page.getByRole('button', { name: 'Open the Sandbox' }).first().click()
    const table = page.getByRole('table', { name: 'Accounts' })
    await expect.poll(() => table.getByRole('row', { name: /Sandbox / }).count(), { timeout: 30_000 }).toBe(4)
    await harness.screenshot('05-accounts-sandbox-open')
  })

  it('removes an account after confirmation, with its keychain entries', async () => {
    const { page } = harness
    const id = harness.desk.accounts.find('Nexogy lab').id
    await page.getByRole('button', { name: 'Remove Nexogy lab' }).click()
    const dialog = page.getByRole('dialog')
    expect(await dialog.textContent()).toContain('Nexogy lab')
    await dialog.getByRole('button', { name: 'Remove account' }).click()
    const table = page.getByRole('table', { name: 'Accounts' })
    await expect.poll(() => table.getByRole('row', { name: /Nexogy lab/ }).count()).toBe(0)
    expect(await createKeychainVault().get(id)).toEqual({})
    expect(harness.desk.activity.list({ limit: 10 }).map((entry) => entry.action)).toContain('account.remove')
    await harness.screenshot('06-accounts-removed')
  })

  it('made no network request outside its own files', () => {
    expect(harness.foreignRequests).toEqual([])
  })
})
