/**
 * Opening a Call48 account from CarrierDesk (`customers.signup`) against the Sandbox: refused unless
 * confirmed and when a field is wrong (nothing sent), sent once when confirmed, the new account added with
 * its password in the keychain only (not in SQLite, its WAL, the activity log or the answer), and it logs in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeychainVault } from '../../src/main/vault/vault'
import { expectNoSecretsUnder } from '../helpers/files'
import { openSandboxDesk, type SandboxDesk } from '../helpers/sandbox-desk'

const password = 'Signup-Pass-4242'

describe('Call48 sign-up', () => {
  let env: SandboxDesk
  beforeAll(async () => {
    env = await openSandboxDesk({ numbers: 20, carriers: ['call48'] })
  })
  afterAll(async () => {
    await env?.close()
  })

  const signups = () => env.sandbox.ledger.entries({ carrier: 'call48', operation: 'signup' })
  const input = (overrides: Record<string, unknown> = {}) => ({
    carrier: 'call48',
    name: 'Signed up',
    baseUrl: env.account('call48').baseUrl,
    environment: 'sandbox',
    signup: {
      firstName: 'Evelyn',
      lastName: 'Boyd',
      company: 'Boyd Telecom',
      address: '5 Main St',
      city: 'Miami',
      state: 'FL',
      country: 'US',
      username: 'boyd-telecom',
      password,
      email: 'evelyn@example.com',
      phone: '3055550100',
      ...overrides,
    },
  })

  it('refuses an unconfirmed sign-up or a wrong field, sending nothing', async () => {
    const unconfirmed = await env.dispatcher.invoke('customers.signup', input())
    expect(unconfirmed.ok).toBe(false)
    const badPhone = await env.dispatcher.invoke('customers.signup', { ...input({ phone: '12-34' }), confirmed: true })
    expect(badPhone.ok).toBe(false)
    expect(JSON.stringify(badPhone)).not.toContain(password)
    expect(signups()).toEqual([])
  })

  it('opens the account once, adds it with its password in the keychain only, and it logs in', async () => {
    const result = await env.dispatcher.invoke('customers.signup', { ...input(), confirmed: true })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toMatchObject({ created: true, account: { name: 'Signed up', carrier: 'call48', storedSecrets: ['password'] } })
    expect(JSON.stringify(result)).not.toContain(password)
    expect(signups()).toHaveLength(1)
    const account = result.value.account!
    expect(await createKeychainVault().get(account.id, ['password'])).toEqual({ password })
    const tested = await env.desk.accounts.test({ id: account.id, signal: new AbortController().signal })
    expect(tested.ok).toBe(true)
    const logged = env.desk.activity.list({ limit: 20 }).filter((entry) => entry.action === 'account.signup')
    expect(logged.map((entry) => entry.result)).toEqual(['succeeded'])
    expect(JSON.stringify(env.desk.activity.list({ limit: 100 }))).not.toContain(password)
    expectNoSecretsUnder(env.dataDir, [password])
  })
})
