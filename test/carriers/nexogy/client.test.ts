/**
 * The typed Nexogy client against the Sandbox simulator: every documented operation, its documented errors,
 * the client-side validation that keeps bad requests from being sent, retries of reads, and unusable answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../../src/main/lib/app-error'
import { CarrierError } from '../../../src/main/lib/carrier-error'
import type { NexogyClient } from '../../../src/main/carriers/nexogy/client'
import { seededNexogyClients } from '../../../src/main/sandbox/nexogy/simulator'
import { clientDetails, signal, startNexogySandbox, type NexogySandbox } from './helpers'

const seed = 21
let env: NexogySandbox
let api: NexogyClient
const freshNumbers: string[] = []
const seeded = seededNexogyClients(seed, 0)

const nextNumber = (): string => {
  const number = freshNumbers.shift()
  if (!number) throw new Error('the test ran out of searched numbers')
  return number
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

async function carrierError(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(CarrierError)
  return error as CarrierError
}

beforeAll(async () => {
  env = await startNexogySandbox(seed)
  api = env.client()
  const found = await api.searchDids({ npa: '786', quantity: 50, signal: signal() })
  freshNumbers.push(...found.numbers.map((tn) => tn.digits))
})

afterAll(async () => {
  await env.sandbox.stop()
})

describe('Nexogy OAuth', () => {
  it('obtains a token with the password grant (answer wrapped in an array) and reuses it', async () => {
    const client = env.client()
    expect(await client.connect({ signal: signal() })).toEqual({ scope: 'residential dids' })
    await client.searchDids({ npa: '305', signal: signal() })
    expect(client.authStats).toEqual({ logins: 1, passwordGrants: 1, refreshGrants: 0 })
  })

  it('refuses wrong credentials as an auth error that does not echo the password', async () => {
    const wrong = 'Wr0ng-Passw0rd-For-Test'
    const error = await carrierError(env.client({ password: wrong }).connect({ signal: signal() }))
    expect(error.code).toBe('auth')
    expect(error.info.httpStatus).toBe(401)
    expect(error.message).toContain('The user credentials were incorrect.')
    expect(error.message).not.toContain(wrong)
    expect(error.message).not.toContain(env.nexogy.account.secrets.password)
  })

  it('logs in once for two concurrent calls on a fresh client', async () => {
    const client = env.client()
    await Promise.all([client.searchDids({ npa: '305', signal: signal() }), client.searchDids({ state: 'FL', signal: signal() })])
    expect(client.authStats.logins).toBe(1)
  })

  it('reports a 403 for a token without the needed scope, naming the scope, without logging in again', async () => {
    const client = env.client({ scope: 'dids' })
    const error = await carrierError(client.createClient({ client: clientDetails(nextNumber()), signal: signal() }))
    expect(error.info.httpStatus).toBe(403)
    expect(error.message).toContain('Invalid scope(s) provided.')
    expect(error.message).toContain('"dids"')
    expect(client.authStats.logins).toBe(1)
  })
})

describe('Nexogy residential clients', () => {
  it('creates a client with its number and Nexogy records it once', async () => {
    const didNumber = nextNumber()
    const created = await api.createClient({ client: clientDetails(`+1 (${didNumber.slice(0, 3)}) ${didNumber.slice(3, 6)}-${didNumber.slice(6)}`), signal: signal() })
    expect(created.id).toBeGreaterThan(0)
    expect(created.domain).toMatch(/^kerryking\d*\.com$/)
    const recorded = env.ledger('client.created').filter((entry) => entry.didNumber === didNumber)
    expect(recorded).toEqual([expect.objectContaining({ clientId: created.id, domain: created.domain, didPorting: false })])
  })

  it('sends a different billing address and a subreseller as the doc names them', async () => {
    const didNumber = nextNumber()
    const created = await api.createClient({
      client: clientDetails(didNumber, { sameBillingAddress: false, billingAddress: '2121 Ponce de Leon', billingZipcode: '33308', subresellerId: 'reseller-7', customerId: 'cust-1' }),
      signal: signal(),
    })
    const [recorded] = env.ledger('client.created').filter((entry) => entry.clientId === created.id)
    expect(recorded).toMatchObject({ subresellerId: 'reseller-7', customerId: 'cust-1' })
  })

  describe('validates before sending, naming the field', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['a billing address that differs but is missing', { sameBillingAddress: false, billingZipcode: '33308' }, /billingAddress \(billing_address\): billing address is required/],
      ['a billing zip code that differs but is missing', { sameBillingAddress: false, billingAddress: '2121 Ponce' }, /billingZipcode \(billing_zipcode\)/],
      ['a date not written MM/DD/YYYY', { startBillingDate: '2017-06-08' }, /startBillingDate \(start_billing_date\): .*MM\/DD\/YYYY/],
      ['a date that does not exist', { startBillingDate: '02/30/2024' }, /start_billing_date/],
      ['a flag that is not a boolean (1/0 on the wire)', { sameBillingAddress: 'yes' }, /sameBillingAddress/],
      ['a number that is not a US number', { didNumber: '12345' }, /didNumber \(did_number\)/],
      ['a bad email', { email: 'not-an-email' }, /email: email must be a valid email address/],
    ]
    for (const [label, overrides, expected] of cases) {
      it(`refuses ${label}`, async () => {
        const client = env.client()
        const before = env.ledger('client.created').length
        const error = await rejection(client.createClient({ client: { ...clientDetails('7865550000'), ...overrides } as never, signal: signal() }))
        expect(error).toBeInstanceOf(AppError)
        expect((error as AppError).code).toBe('validation')
        expect((error as AppError).message).toMatch(expected)
        // Nothing was sent: no login, no client.
        expect(client.authStats.logins).toBe(0)
        expect(env.ledger('client.created')).toHaveLength(before)
      })
    }
  })

  it("keeps Nexogy's per-field 406 complaints in the error (a number another client holds)", async () => {
    const held = seeded[0]?.didNumber ?? ''
    const error = await carrierError(api.createClient({ client: clientDetails(held, { didPorting: true }), signal: signal() }))
    expect(error.code).toBe('carrier')
    expect(error.info.httpStatus).toBe(406)
    expect(error.info.ambiguous).toBeUndefined()
    expect(error.message).toContain('did_number: The did_number has already been taken.')
  })

  it('walks activate, suspend, cancel and reactivation, with the domain status following', async () => {
    const { id, domain } = await api.createClient({ client: clientDetails(nextNumber()), signal: signal() })
    const status = async () => (await api.domainStatus({ domain, signal: signal() })).status
    expect(await status()).toBe('active')
    const activated = await api.activateClient({ clientId: id, signal: signal() })
    expect(activated.at).toBeGreaterThan(0)
    await api.suspendClient({ clientId: id, signal: signal() })
    expect(await status()).toBe('locked')
    const twice = await carrierError(api.suspendClient({ clientId: id, signal: signal() }))
    expect(twice.info.httpStatus).toBe(400)
    expect(twice.message).toContain('already suspended')
    await api.cancelClient({ clientId: id, signal: signal() })
    const gone = await carrierError(api.cancelClient({ clientId: id, signal: signal() }))
    expect(gone.info.httpStatus).toBe(410)
    await api.activateClient({ clientId: id, signal: signal() })
    expect(await status()).toBe('active')
    expect(env.ledger('client.cancelled').filter((entry) => entry.clientId === id)).toHaveLength(1)
  })

  it('answers 404 for an unknown client or domain', async () => {
    expect((await carrierError(api.activateClient({ clientId: 1, signal: signal() }))).info.httpStatus).toBe(404)
    const domain = await carrierError(api.domainStatus({ domain: 'nobody-here.com', signal: signal() }))
    expect(domain.info.httpStatus).toBe(404)
    expect(domain.message).toContain('Domain nobody-here.com not found')
  })

  it('updates the start billing date, validating it before sending', async () => {
    const { id } = await api.createClient({ client: clientDetails(nextNumber()), signal: signal() })
    await api.updateStartBillingDate({ clientId: id, startBillingDate: '07/01/2017', signal: signal() })
    expect(env.ledger('client.updated').filter((entry) => entry.clientId === id)).toEqual([
      expect.objectContaining({ startBillingDate: '07/01/2017', previousStartBillingDate: '06/08/2017' }),
    ])
    const invalid = await rejection(api.updateStartBillingDate({ clientId: id, startBillingDate: '7/1/2017', signal: signal() }))
    expect((invalid as AppError).code).toBe('validation')
    expect((invalid as AppError).message).toContain('start_billing_date')
  })
})

describe('Nexogy devices', () => {
  it('reads the default extension 1000 made with the client, and creates a given extension once', async () => {
    const { id, domain } = await api.createClient({ client: clientDetails(nextNumber()), signal: signal() })
    const created = env.ledger('device.created').length
    const first = await api.device({ clientId: id, signal: signal() })
    expect(first).toMatchObject({ extension: '1000', aor: `sip:1000@${domain}`, domain })
    expect(Buffer.from(first.authenticationKey, 'base64').length).toBeGreaterThan(16)
    expect(first.registrationServers[0]).toMatchObject({ name: 'server1', port: 5092 })
    expect(env.ledger('device.created')).toHaveLength(created)

    const extra = await api.device({ domain, extension: '1005', signal: signal() })
    expect(extra.extension).toBe('1005')
    const again = await api.device({ clientId: id, extension: '1005', signal: signal() })
    expect(again.authenticationKey).toBe(extra.authenticationKey)
    expect(env.ledger('device.created').filter((entry) => entry.clientId === id)).toHaveLength(2)
  })

  it('refuses a bad extension before sending, and reports a cancelled client as gone (410)', async () => {
    const bad = await rejection(api.device({ clientId: 5, extension: '12', signal: signal() }))
    expect((bad as AppError).message).toContain('extension (ext): extension must be 3 to 7 digits')
    const cancelled = seeded.find((client) => client.status === 'cancelled')
    const error = await carrierError(api.device({ clientId: cancelled?.id ?? 0, signal: signal() }))
    expect(error.info.httpStatus).toBe(410)
  })
})

describe('Nexogy DID search', () => {
  it('searches by area code and by state, answering 10-digit numbers of that area', async () => {
    const byNpa = await api.searchDids({ npa: '305', quantity: 5, signal: signal() })
    expect(byNpa.npas).toEqual(['305'])
    expect(byNpa.numbers).toHaveLength(5)
    for (const tn of byNpa.numbers) expect(tn.digits).toMatch(/^305[2-9]\d{6}$/)
    const byState = await api.searchDids({ state: 'FL', quantity: 3, signal: signal() })
    expect(byState.numbers).toHaveLength(3)
    expect(byState.npas.length).toBeGreaterThan(1)
  })

  it('refuses a search without area code or state before sending', async () => {
    const error = await rejection(api.searchDids({ signal: signal() }))
    expect((error as AppError).code).toBe('validation')
    expect((error as AppError).message).toContain('npa')
  })

  it('reports an unknown state with the service 406', async () => {
    const error = await carrierError(api.searchDids({ state: 'Atlantis', signal: signal() }))
    expect(error.info.httpStatus).toBe(406)
    expect(error.message).toContain('state: The selected state is invalid.')
  })
})

describe('Nexogy retries and unusable answers', () => {
  it('retries a read after a 429, honouring Retry-After', async () => {
    env.faults({ retryAfterSeconds: 1, script: [{ fault: 'rate-limit', match: 'dids.search' }] })
    const started = Date.now()
    const found = await api.searchDids({ npa: '305', quantity: 2, signal: signal() })
    expect(found.numbers).toHaveLength(2)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
  })

  it('retries a read after 5xx answers and an HTML proxy page', async () => {
    const { domain } = seeded[0] ?? { domain: '' }
    env.faults({ script: [{ fault: 'server-error', match: 'clients.status' }, { fault: 'html-error', match: 'clients.status' }] })
    expect((await api.domainStatus({ domain, signal: signal() })).status).toBe('active')
  })

  it('gives up on a read after repeated 5xx with a retryable carrier error', async () => {
    env.faults({ script: [{ fault: 'server-error', match: 'dids.search', count: 4 }] })
    const error = await carrierError(api.searchDids({ npa: '305', signal: signal() }))
    expect(error.code).toBe('carrier')
    expect(error.info).toMatchObject({ httpStatus: 500, retryable: true })
    env.faults({})
  })

  it('turns a malformed answer into a carrier error and returns nothing', async () => {
    env.faults({ script: [{ fault: 'malformed', match: 'dids.search' }] })
    const error = await carrierError(api.searchDids({ npa: '305', signal: signal() }))
    expect(error.code).toBe('carrier')
    expect(error.message).toContain('not JSON')
  })

  it('retries a truncated read, and fails with a CarrierError when every answer is cut short', async () => {
    env.faults({ script: [{ fault: 'truncated', match: 'dids.search' }] })
    expect((await api.searchDids({ npa: '305', quantity: 1, signal: signal() })).numbers).toHaveLength(1)
    env.faults({ script: [{ fault: 'truncated', match: 'dids.search', count: 4 }] })
    const error = await carrierError(api.searchDids({ npa: '305', signal: signal() }))
    // A body cut short with the connection closed reaches axios as a transport failure.
    expect(error.code).toBe('network')
    env.faults({})
  })

  it('never retries a mutation: a 5xx after commit is reported as ambiguous', async () => {
    const { id } = await api.createClient({ client: clientDetails(nextNumber()), signal: signal() })
    env.faults({ script: [{ fault: 'server-error-after-commit', match: 'clients.activate' }] })
    const error = await carrierError(api.activateClient({ clientId: id, signal: signal() }))
    expect(error.info).toMatchObject({ httpStatus: 500, ambiguous: true })
    expect(env.ledger('client.activated').filter((entry) => entry.clientId === id)).toHaveLength(1)
  })

  it('reports a malformed answer to a mutation as ambiguous', async () => {
    env.faults({ script: [{ fault: 'malformed', match: 'clients.create' }] })
    const didNumber = nextNumber()
    const error = await carrierError(api.createClient({ client: clientDetails(didNumber), signal: signal() }))
    expect(error.info.ambiguous).toBe(true)
    expect(env.ledger('client.created').filter((entry) => entry.didNumber === didNumber)).toHaveLength(1)
  })
})
