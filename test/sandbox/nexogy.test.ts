/**
 * Raw-HTTP contract tests of the Sandbox's Nexogy DNA simulator: every documented operation, its status
 * codes, field names, state changes and validation rules, token handling, the ledger, and one scripted fault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox, type SandboxAccount } from '../../src/main/sandbox'
import { seededNexogyClients } from '../../src/main/sandbox/nexogy/simulator'

interface TokenAnswer {
  token_type: string
  expires_in: number
  access_token: string
  refresh_token: string
}

interface Answer {
  status: number
  headers: Headers
  /** Raw wire JSON under test, read loosely on purpose. */
  body: any
}

let sandbox: Sandbox
let base: string
let origin: string
let account: SandboxAccount
/** Available numbers from one DID search, handed out one per created client. */
const freshNumbers: string[] = []
let serial = 0

beforeAll(async () => {
  sandbox = await startSandbox({ carriers: ['nexogy'], seed: 7 })
  const nexogy = sandbox.carriers.nexogy
  if (!nexogy) throw new Error('nexogy did not start')
  base = nexogy.baseUrl
  origin = nexogy.origin
  account = nexogy.account
  const token = await tokenFor()
  const search = await call('POST', '/dids/search', token, { npa: '786', quantity: '50' })
  for (const tn of search.body.data.return.result.tn as { number: number }[]) freshNumbers.push(String(tn.number))
})

afterAll(async () => {
  await sandbox.stop()
})

async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) }
}

function passwordGrant(overrides: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'password',
    client_id: account.clientId ?? '',
    client_secret: account.secrets.clientSecret ?? '',
    username: account.username ?? '',
    password: account.secrets.password ?? '',
    scope: account.scope ?? '',
    ...overrides,
  })
}

async function tokenRequest(params: URLSearchParams, method: 'GET' | 'POST' = 'POST'): Promise<Answer> {
  return readAnswer(await fetch(`${base}/oauth/token?${params}`, { method, headers: { accept: 'application/json' } }))
}

async function tokenAnswer(scope?: string): Promise<TokenAnswer> {
  const answer = await tokenRequest(passwordGrant(scope === undefined ? {} : { scope }))
  expect(answer.status).toBe(200)
  return (answer.body as TokenAnswer[])[0] as TokenAnswer
}

async function tokenFor(scope?: string): Promise<string> {
  return (await tokenAnswer(scope)).access_token
}

/** POST sends form fields like the doc's PHP example; GET sends them in the query string. */
async function call(
  method: string,
  path: string,
  token: string | undefined,
  params: Record<string, string> = {},
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (token !== undefined) headers.authorization = `Bearer ${token}`
  const query = method === 'GET' && Object.keys(params).length > 0 ? `?${new URLSearchParams(params)}` : ''
  const body = method === 'GET' ? undefined : new URLSearchParams(params)
  return readAnswer(await fetch(`${base}${path}${query}`, { method, headers, body }))
}

function nextNumber(): string {
  const tn = freshNumbers.shift()
  if (!tn) throw new Error('the test ran out of searched numbers')
  return tn
}

function clientParams(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  serial += 1
  const params: Record<string, string | undefined> = {
    email: `tester${serial}@example.com`,
    first_name: 'Kerry',
    last_name: 'King',
    zipcode: '33134',
    address: '126 Mendoza avenue apartment 7A',
    sameBillingAddress: '1',
    has_subreseller_id: '0',
    start_billing_date: '06/08/2017',
    did_porting: '0',
    did_number: overrides.did_number ?? nextNumber(),
    ...overrides,
  }
  return Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined))
}

async function createClient(token: string, overrides: Record<string, string | undefined> = {}) {
  const answer = await call('POST', '/residential/client', token, clientParams(overrides))
  expect(answer.status).toBe(200)
  return answer.body.data.client as { id: number; ns_domain: string }
}

const ledgerOf = (operation: string) => sandbox.ledger.entries({ carrier: 'nexogy', operation })

describe('Nexogy account', () => {
  it('describes the seeded account with its secrets apart', () => {
    expect(account).toMatchObject({ carrier: 'nexogy', name: 'Sandbox Nexogy', environment: 'sandbox', baseUrl: base })
    expect(base.endsWith('/api')).toBe(true)
    expect(account.username).toMatch(/\S/)
    expect(account.clientId).toMatch(/^\d+$/)
    expect(account.scope).toBe('residential dids')
    expect(account.secrets.password).toMatch(/^\S{12,}$/)
    expect(account.secrets.clientSecret).toMatch(/^\S{32,}$/)
  })
})

describe('Nexogy OAuth', () => {
  it('answers the password grant with the documented token object wrapped in an array', async () => {
    const answer = await tokenRequest(passwordGrant())
    expect(answer.status).toBe(200)
    expect(Array.isArray(answer.body)).toBe(true)
    expect(answer.body).toHaveLength(1)
    const token = answer.body[0] as TokenAnswer
    expect(Object.keys(token).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type'])
    expect(token.token_type).toBe('Bearer')
    expect(token.expires_in).toBe(1200)
    expect(token.access_token.split('.')).toHaveLength(3)
    expect(token.refresh_token.length).toBeGreaterThan(40)
  })

  it('also serves the token on GET, as the doc curl example sends it', async () => {
    const answer = await tokenRequest(passwordGrant(), 'GET')
    expect(answer.status).toBe(200)
    expect(answer.body[0].token_type).toBe('Bearer')
  })

  it('refuses wrong credentials, a wrong client, an unknown grant and an unknown scope', async () => {
    const wrongPassword = await tokenRequest(passwordGrant({ password: 'not-the-password' }))
    expect(wrongPassword.status).toBe(401)
    expect(wrongPassword.body.error).toBe('invalid_credentials')

    const wrongClient = await tokenRequest(passwordGrant({ client_secret: 'nope' }))
    expect(wrongClient.status).toBe(401)
    expect(wrongClient.body.error).toBe('invalid_client')

    const wrongGrant = await tokenRequest(passwordGrant({ grant_type: 'client_credentials' }))
    expect(wrongGrant.status).toBe(400)
    expect(wrongGrant.body.error).toBe('unsupported_grant_type')

    const wrongScope = await tokenRequest(passwordGrant({ scope: 'residential billing' }))
    expect(wrongScope.status).toBe(400)
    expect(wrongScope.body.error).toBe('invalid_scope')

    const missingUser = await tokenRequest(passwordGrant({ username: '' }))
    expect(missingUser.status).toBe(400)
    expect(missingUser.body.error).toBe('invalid_request')
  })

  it('refreshes with the refresh token, rotating both tokens', async () => {
    const first = await tokenAnswer()
    const refreshed = await tokenRequest(
      new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        client_id: account.clientId ?? '',
        client_secret: account.secrets.clientSecret ?? '',
      }),
    )
    expect(refreshed.status).toBe(200)
    const second = refreshed.body[0] as TokenAnswer
    expect(second.expires_in).toBe(1200)
    expect(second.access_token).not.toBe(first.access_token)
    expect(second.refresh_token).not.toBe(first.refresh_token)

    expect((await call('GET', '/residential/domain/nosuchdomain.com', second.access_token)).status).toBe(404)
    expect((await call('GET', '/residential/domain/nosuchdomain.com', first.access_token)).status).toBe(401)

    const reused = await tokenRequest(
      new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        client_id: account.clientId ?? '',
        client_secret: account.secrets.clientSecret ?? '',
      }),
    )
    expect(reused.status).toBe(401)
    expect(reused.body.message).toBe('The refresh token is invalid.')
  })

  it('answers 401 without a token or with a wrong one', async () => {
    const missing = await call('POST', '/dids/search', undefined, { npa: '305' })
    expect(missing.status).toBe(401)
    expect(missing.body).toMatchObject({ result: 'ERROR', code: 401 })
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect((await call('POST', '/dids/search', 'eyJ0eXAiOiJKV1Qi.bogus.token', { npa: '305' })).status).toBe(401)
  })

  it('answers 403 when the token scope does not allow the operation', async () => {
    const didsOnly = await tokenFor('dids')
    const params = clientParams()
    const create = await call('POST', '/residential/client', didsOnly, params)
    expect(create.status).toBe(403)
    expect(create.body).toMatchObject({ result: 'ERROR', code: 403 })
    expect((await call('POST', '/dids/search', didsOnly, { npa: '305' })).status).toBe(200)

    const residentialOnly = await tokenFor('residential')
    expect((await call('POST', '/dids/search', residentialOnly, { npa: '305' })).status).toBe(403)
    expect(ledgerOf('client.created').some((entry) => entry.details.didNumber === params.did_number)).toBe(false)
  })

  it('honours the scripted token-expired fault for exactly one request', async () => {
    const token = await tokenFor()
    const faults = await fetch(`${origin}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ script: [{ fault: 'token-expired', match: 'dids.search' }] }),
    })
    expect(faults.status).toBe(200)
    expect((await call('POST', '/dids/search', token, { npa: '305' })).status).toBe(401)
    expect((await call('POST', '/dids/search', token, { npa: '305' })).status).toBe(200)
  })
})

describe('Nexogy residential clients', () => {
  it('creates a client from form fields and records it with its default device', async () => {
    const token = await tokenFor()
    const params = clientParams({ customer_id: 'CUST-77' })
    const answer = await call('POST', '/residential/client', token, params)
    expect(answer.status).toBe(200)
    expect(answer.body.result).toBe('OK')
    const client = answer.body.data.client
    expect(Object.keys(client).sort()).toEqual(['id', 'ns_domain'])
    expect(typeof client.id).toBe('number')
    expect(client.ns_domain).toMatch(/^kerryking\d*\.com$/)

    const created = ledgerOf('client.created').filter((entry) => entry.details.clientId === client.id)
    expect(created).toHaveLength(1)
    expect(created[0]?.details).toMatchObject({
      domain: client.ns_domain,
      didNumber: params.did_number,
      didPorting: false,
      startBillingDate: '06/08/2017',
      customerId: 'CUST-77',
    })
    const device = ledgerOf('device.created').filter((entry) => entry.details.clientId === client.id)
    expect(device.map((entry) => entry.details.extension)).toEqual(['1000'])
  })

  it('reads parameters from the query string too, as the doc curl example sends them', async () => {
    const token = await tokenFor()
    const query = new URLSearchParams(clientParams({ first_name: 'Tom', last_name: 'Araya' }))
    const answer = await readAnswer(
      await fetch(`${base}/residential/client?${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      }),
    )
    expect(answer.status).toBe(200)
    expect(answer.body.data.client.ns_domain).toMatch(/^tomaraya\d*\.com$/)
  })

  it('reads a JSON body as well', async () => {
    const token = await tokenFor()
    const answer = await readAnswer(
      await fetch(`${base}/residential/client`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ ...clientParams({ first_name: 'Dave', last_name: 'Lombardo' }), sameBillingAddress: 1 }),
      }),
    )
    expect(answer.status).toBe(200)
    expect(answer.body.data.client.ns_domain).toMatch(/^davelombardo\d*\.com$/)
  })

  it('gives a repeated name a numbered domain', async () => {
    const token = await tokenFor()
    const first = await createClient(token, { first_name: 'Zakk', last_name: 'Wylde' })
    const second = await createClient(token, { first_name: 'Zakk', last_name: 'Wylde' })
    expect(first.ns_domain).toBe('zakkwylde.com')
    expect(second.ns_domain).toBe('zakkwylde2.com')
    expect(second.id).toBeGreaterThan(first.id)
  })

  describe('validation answers 406 naming the failing parameter', () => {
    const cases: [string, Record<string, string | undefined>, string[]][] = [
      ['a missing email', { email: undefined }, ['email']],
      ['a malformed email', { email: 'not-an-email' }, ['email']],
      ['a missing first name', { first_name: undefined }, ['first_name']],
      ['a malformed zipcode', { zipcode: '3313' }, ['zipcode']],
      ['sameBillingAddress 0 without billing fields', { sameBillingAddress: '0' }, ['billing_address', 'billing_zipcode']],
      ['sameBillingAddress that is not 1 or 0', { sameBillingAddress: 'true' }, ['sameBillingAddress']],
      ['a missing sameBillingAddress', { sameBillingAddress: undefined }, ['sameBillingAddress']],
      ['has_subreseller_id that is not 1 or 0', { has_subreseller_id: 'yes' }, ['has_subreseller_id']],
      ['has_subreseller_id 1 without subreseller_id', { has_subreseller_id: '1' }, ['subreseller_id']],
      ['a start billing date not in MM/DD/YYYY', { start_billing_date: '2017-06-08' }, ['start_billing_date']],
      ['a start billing date without leading zeros', { start_billing_date: '6/8/2017' }, ['start_billing_date']],
      ['a start billing date that does not exist', { start_billing_date: '02/30/2017' }, ['start_billing_date']],
      ['did_porting that is not 1 or 0', { did_porting: '2' }, ['did_porting']],
      ['a did_number that is not ten digits', { did_number: '305230477' }, ['did_number']],
      ['a non-ported did_number Nexogy does not have', { did_number: '3052304777' }, ['did_number']],
    ]
    for (const [label, overrides, parameters] of cases) {
      it(`refuses ${label}`, async () => {
        const token = await tokenFor()
        const createdBefore = ledgerOf('client.created').length
        const answer = await call('POST', '/residential/client', token, clientParams(overrides))
        expect(answer.status).toBe(406)
        expect(answer.body.result).toBe('ERROR')
        expect(answer.body.code).toBe(406)
        expect(Object.keys(answer.body.errors).sort()).toEqual([...parameters].sort())
        expect(typeof answer.body.message).toBe('string')
        expect(ledgerOf('client.created')).toHaveLength(createdBefore)
      })
    }

    it('refuses a did_number another client holds', async () => {
      const token = await tokenFor()
      const tn = nextNumber()
      await createClient(token, { did_number: tn })
      const again = await call('POST', '/residential/client', token, clientParams({ did_number: tn }))
      expect(again.status).toBe(406)
      expect(Object.keys(again.body.errors)).toEqual(['did_number'])
    })

    it('reports every failing parameter at once', async () => {
      const token = await tokenFor()
      const answer = await call('POST', '/residential/client', token, clientParams({ email: undefined, did_porting: 'x' }))
      expect(answer.status).toBe(406)
      expect(Object.keys(answer.body.errors).sort()).toEqual(['did_porting', 'email'])
    })
  })

  it('accepts billing fields when sameBillingAddress is 0, a subreseller, and a ported number', async () => {
    const token = await tokenFor()
    const client = await createClient(token, {
      sameBillingAddress: '0',
      billing_address: '2121 Ponce de Leon',
      billing_zipcode: '33308',
      has_subreseller_id: '1',
      subreseller_id: '1234',
      did_porting: '1',
      did_number: '3052304999',
    })
    const entry = ledgerOf('client.created').find((item) => item.details.clientId === client.id)
    expect(entry?.details).toMatchObject({ didNumber: '3052304999', didPorting: true, subresellerId: '1234' })
  })

  it("tolerates the early draft's same_billing_address true/false", async () => {
    const token = await tokenFor()
    const withoutBilling = await call(
      'POST',
      '/residential/client',
      token,
      clientParams({ sameBillingAddress: undefined, same_billing_address: 'false' }),
    )
    expect(withoutBilling.status).toBe(406)
    expect(Object.keys(withoutBilling.body.errors).sort()).toEqual(['billing_address', 'billing_zipcode'])
    await createClient(token, { sameBillingAddress: undefined, same_billing_address: 'true' })
  })

  it('walks create, activate, suspend, cancel and reactivation, refusing the wrong transitions', async () => {
    const token = await tokenFor()
    const client = await createClient(token, { first_name: 'Lemmy', last_name: 'Kilmister' })
    const status = async () => (await call('GET', `/residential/domain/${client.ns_domain}`, token)).body.data.status
    const post = (action: string) => call('POST', `/residential/client/${client.id}/${action}`, token)
    expect(await status()).toBe('active')

    const activated = await post('activate')
    expect(activated.status).toBe(200)
    expect(activated.body).toEqual({ result: 'OK', data: { timestamp: expect.any(Number) } })
    expect(Math.abs(activated.body.data.timestamp - sandbox.clock.now() / 1000)).toBeLessThan(60)
    expect((await post('activate')).status).toBe(400)

    expect((await post('suspend')).status).toBe(200)
    expect(await status()).toBe('locked')
    expect((await post('suspend')).status).toBe(400)

    expect((await post('activate')).status).toBe(200)
    expect(await status()).toBe('active')

    expect((await post('cancel')).status).toBe(200)
    expect(await status()).toBe('locked')
    const suspendCancelled = await post('suspend')
    expect(suspendCancelled.status).toBe(410)
    expect(suspendCancelled.body).toMatchObject({ result: 'ERROR', code: 410 })
    expect((await post('cancel')).status).toBe(410)
    expect((await call('POST', `/residential/client/${client.id}`, token, { start_billing_date: '07/01/2017' })).status).toBe(410)
    expect((await call('POST', '/residential/device', token, { client_id: String(client.id) })).status).toBe(410)

    // The doc: "If the client was previously cancelled, it activates the client on Netsapiens".
    expect((await post('activate')).status).toBe(200)
    expect(await status()).toBe('active')

    const operations = sandbox.ledger
      .entries({ carrier: 'nexogy' })
      .filter((entry) => entry.details.clientId === client.id)
      .map((entry) => entry.operation)
    expect(operations).toEqual([
      'client.created',
      'device.created',
      'client.activated',
      'client.suspended',
      'client.activated',
      'client.cancelled',
      'client.activated',
    ])
  })

  it("serves the draft's GET for activate and suspend, but not for cancel", async () => {
    const token = await tokenFor()
    const client = await createClient(token)
    expect((await call('GET', `/residential/client/${client.id}/activate`, token)).status).toBe(200)
    expect((await call('GET', `/residential/client/${client.id}/suspend`, token)).status).toBe(200)
    const cancel = await call('GET', `/residential/client/${client.id}/cancel`, token)
    expect(cancel.status).toBe(405)
    expect(cancel.body).toMatchObject({ result: 'ERROR', code: 405 })
  })

  it('updates the start billing date, validating it', async () => {
    const token = await tokenFor()
    const client = await createClient(token)
    const updated = await call('POST', `/residential/client/${client.id}`, token, { start_billing_date: '07/01/2017' })
    expect(updated.status).toBe(200)
    expect(updated.body.data.timestamp).toEqual(expect.any(Number))
    const entry = ledgerOf('client.updated').find((item) => item.details.clientId === client.id)
    expect(entry?.details).toMatchObject({ startBillingDate: '07/01/2017', previousStartBillingDate: '06/08/2017' })

    const invalid = await call('POST', `/residential/client/${client.id}`, token, { start_billing_date: '2017/07/01' })
    expect(invalid.status).toBe(406)
    expect(Object.keys(invalid.body.errors)).toEqual(['start_billing_date'])
    const missing = await call('POST', `/residential/client/${client.id}`, token, {})
    expect(missing.status).toBe(406)
  })

  it('answers 404 for an unknown client, domain or path', async () => {
    const token = await tokenFor()
    expect((await call('POST', '/residential/client/1/activate', token)).status).toBe(404)
    expect((await call('POST', '/residential/client/1', token, { start_billing_date: '07/01/2017' })).status).toBe(404)
    const domain = await call('GET', '/residential/domain/nobody-here.com', token)
    expect(domain.status).toBe(404)
    expect(domain.body).toMatchObject({ result: 'ERROR', code: 404 })
    expect((await call('GET', '/residential/clients', token)).status).toBe(404)
  })

  it('seeds clients in every state, readable by domain and device', async () => {
    const token = await tokenFor()
    const seeded = seededNexogyClients(7, 0)
    expect(seeded.length).toBeGreaterThanOrEqual(4)
    expect(new Set(seeded.map((client) => client.status))).toEqual(new Set(['active', 'suspended', 'cancelled']))
    const devicesBefore = ledgerOf('device.created').length
    for (const client of seeded) {
      const status = await call('GET', `/residential/domain/${client.domain}`, token)
      expect(status.status).toBe(200)
      expect(status.body.data.status).toBe(client.status === 'active' ? 'active' : 'locked')
      const device = await call('POST', '/residential/device', token, { client_id: String(client.id) })
      if (client.status === 'cancelled') {
        expect(device.status).toBe(410)
      } else {
        expect(device.status).toBe(200)
        expect(device.body.data.aor).toBe(`sip:1000@${client.domain}`)
      }
    }
    expect(ledgerOf('device.created')).toHaveLength(devicesBefore)
    // A seeded client's number is held, so it cannot be given to a new client.
    const seededNumber = seeded[0]?.didNumber ?? ''
    const taken = await call('POST', '/residential/client', token, clientParams({ did_porting: '1', did_number: seededNumber }))
    expect(taken.status).toBe(406)
  })

  it('seeds a few more clients for a larger sandbox, still a handful', () => {
    expect(seededNexogyClients(7, 1_000_000).length).toBeGreaterThan(seededNexogyClients(7, 0).length)
    expect(seededNexogyClients(7, 1_000_000).length).toBeLessThanOrEqual(10)
  })
})

describe('Nexogy devices', () => {
  it('answers the default extension 1000 that client creation made, without creating another', async () => {
    const token = await tokenFor()
    const client = await createClient(token, { first_name: 'Kirk', last_name: 'Hammett' })
    const devicesBefore = ledgerOf('device.created').length
    const answer = await call('POST', '/residential/device', token, { client_id: String(client.id) })
    expect(answer.status).toBe(200)
    expect(answer.body.result).toBe('OK')
    const device = answer.body.data
    expect(Object.keys(device).sort()).toEqual(['aor', 'authentication_key', 'domain', 'regservers', 'subscriber_name', 'timestamp'])
    expect(device.subscriber_name).toBe('1000')
    expect(device.aor).toBe(`sip:1000@${client.ns_domain}`)
    expect(device.domain).toBe(client.ns_domain)
    expect(device.regservers.server1).toEqual({ address: expect.any(String), port: expect.stringMatching(/^\d+$/) })
    expect(device.authentication_key).toMatch(/^[A-Za-z0-9+/]+={0,2}$/)
    expect(Buffer.from(device.authentication_key, 'base64').length).toBeGreaterThanOrEqual(40)
    expect(ledgerOf('device.created')).toHaveLength(devicesBefore)
  })

  it('creates a given extension once and returns the existing one after that', async () => {
    const token = await tokenFor()
    const client = await createClient(token)
    const created = await call('POST', '/residential/device', token, { domain: client.ns_domain, ext: '1003' })
    expect(created.status).toBe(200)
    expect(created.body.data.subscriber_name).toBe('1003')
    expect(created.body.data.aor).toBe(`sip:1003@${client.ns_domain}`)
    const again = await call('POST', '/residential/device', token, { client_id: String(client.id), ext: '1003' })
    expect(again.status).toBe(200)
    expect(again.body.data.authentication_key).toBe(created.body.data.authentication_key)
    const defaultDevice = await call('POST', '/residential/device', token, { client_id: String(client.id) })
    expect(defaultDevice.body.data.authentication_key).not.toBe(created.body.data.authentication_key)

    const entries = ledgerOf('device.created').filter((entry) => entry.details.clientId === client.id)
    expect(entries.map((entry) => entry.details.extension)).toEqual(['1000', '1003'])
  })

  it("reads the doc table's `extension` name as well as `ext`", async () => {
    const token = await tokenFor()
    const client = await createClient(token)
    const answer = await call('POST', '/residential/device', token, { client_id: String(client.id), extension: '2001' })
    expect(answer.status).toBe(200)
    expect(answer.body.data.subscriber_name).toBe('2001')
  })

  it('validates the device parameters', async () => {
    const token = await tokenFor()
    const client = await createClient(token)
    const other = await createClient(token)
    const neither = await call('POST', '/residential/device', token, { ext: '1001' })
    expect(neither.status).toBe(406)
    expect(Object.keys(neither.body.errors).sort()).toEqual(['client_id', 'domain'])
    const mismatch = await call('POST', '/residential/device', token, { client_id: String(client.id), domain: other.ns_domain })
    expect(mismatch.status).toBe(406)
    expect(Object.keys(mismatch.body.errors)).toEqual(['domain'])
    const badExtension = await call('POST', '/residential/device', token, { client_id: String(client.id), ext: 'abc' })
    expect(badExtension.status).toBe(406)
    expect(Object.keys(badExtension.body.errors)).toEqual(['ext'])
    expect((await call('POST', '/residential/device', token, { client_id: '1' })).status).toBe(404)
    expect((await call('POST', '/residential/device', token, { domain: 'nobody-here.com' })).status).toBe(404)
  })
})

describe('Nexogy DID search', () => {
  it('searches by npa in the documented shape', async () => {
    const token = await tokenFor()
    const answer = await call('POST', '/dids/search', token, { npa: '305' })
    expect(answer.status).toBe(200)
    const result = answer.body.data.return
    expect(result.npas).toEqual({ npa: '305' })
    expect(result.consecutive).toBe(1)
    expect(result.tnCount).toBe(result.result.tn.length)
    expect(result.tnCount).toBeGreaterThan(0)
    for (const tn of result.result.tn as { number: unknown; category: string }[]) {
      expect(typeof tn.number).toBe('number')
      expect(String(tn.number)).toMatch(/^305\d{7}$/)
      expect(['Vanity', 'Standard']).toContain(tn.category)
    }
  })

  it('searches by state code or state name, on GET as the curl example does', async () => {
    const token = await tokenFor()
    const floridaNpas = ['305', '786', '954', '407', '813']
    const byCode = await call('POST', '/dids/search', token, { state: 'FL' })
    expect(byCode.status).toBe(200)
    const numbers = (byCode.body.data.return.result.tn as { number: number }[]).map((tn) => String(tn.number))
    expect(numbers.length).toBeGreaterThan(0)
    for (const tn of numbers) expect(floridaNpas).toContain(tn.slice(0, 3))
    expect([...byCode.body.data.return.npas.npa].sort()).toEqual([...floridaNpas].sort())

    const byName = await call('GET', '/dids/search', token, { state: 'Florida' })
    expect(byName.status).toBe(200)
    expect(byName.body.data.return.result.tn.map((tn: { number: number }) => String(tn.number))).toEqual(numbers)
  })

  it('answers an empty list for an area code in another state', async () => {
    const token = await tokenFor()
    const answer = await call('POST', '/dids/search', token, { npa: '212', state: 'FL' })
    expect(answer.status).toBe(200)
    expect(answer.body.data.return.tnCount).toBe(0)
    expect(answer.body.data.return.result.tn).toEqual([])
  })

  it('validates the search parameters', async () => {
    const token = await tokenFor()
    const neither = await call('POST', '/dids/search', token, {})
    expect(neither.status).toBe(406)
    expect(Object.keys(neither.body.errors).sort()).toEqual(['npa', 'state'])
    const badNpa = await call('POST', '/dids/search', token, { npa: '30' })
    expect(badNpa.status).toBe(406)
    expect(Object.keys(badNpa.body.errors)).toEqual(['npa'])
    const badState = await call('POST', '/dids/search', token, { state: 'Atlantis' })
    expect(badState.status).toBe(406)
    expect(Object.keys(badState.body.errors)).toEqual(['state'])
  })

  it('stops offering a number once a client holds it', async () => {
    const token = await tokenFor()
    const before = await call('POST', '/dids/search', token, { npa: '954', quantity: '5' })
    const first = String(before.body.data.return.result.tn[0].number)
    await createClient(token, { did_number: first })
    const after = await call('POST', '/dids/search', token, { npa: '954', quantity: '5' })
    const offered = (after.body.data.return.result.tn as { number: number }[]).map((tn) => String(tn.number))
    expect(offered).not.toContain(first)
    expect(offered).toHaveLength(5)
  })
})

describe('Nexogy errors, ledger and faults', () => {
  it('answers 405 for a method a path does not serve', async () => {
    const token = await tokenFor()
    const answer = await call('PUT', '/residential/client', token, clientParams())
    expect(answer.status).toBe(405)
    expect(answer.body).toMatchObject({ result: 'ERROR', code: 405 })
  })

  it('answers a scripted rate limit as a Nexogy 429 with Retry-After', async () => {
    const token = await tokenFor()
    await fetch(`${origin}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ retryAfterSeconds: 3, script: [{ fault: 'rate-limit', match: 'dids.search' }] }),
    })
    const limited = await call('POST', '/dids/search', token, { npa: '305' })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('3')
    expect(limited.body).toMatchObject({ result: 'ERROR', code: 429 })
    expect((await call('POST', '/dids/search', token, { npa: '305' })).status).toBe(200)
  })

  it('names the token operation so a scripted fault can target it', async () => {
    await fetch(`${origin}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ script: [{ fault: 'server-error', match: 'oauth.token' }] }),
    })
    const failed = await tokenRequest(passwordGrant())
    expect(failed.status).toBe(500)
    expect(failed.body).toMatchObject({ result: 'ERROR', code: 500 })
    expect((await tokenRequest(passwordGrant())).status).toBe(200)
  })

  it('records a creation exactly once when the connection drops after commit', async () => {
    const token = await tokenFor()
    const scripted = await fetch(`${origin}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ script: [{ fault: 'reset-after-commit', match: 'clients.create' }] }),
    })
    expect(scripted.status).toBe(200)
    const params = clientParams({ first_name: 'Ozzy', last_name: 'Osbourne' })
    await expect(call('POST', '/residential/client', token, params)).rejects.toThrow()
    const created = ledgerOf('client.created').filter((entry) => entry.details.didNumber === params.did_number)
    expect(created).toHaveLength(1)
    // A blind retry does not create a second client: the number is already held.
    const retry = await call('POST', '/residential/client', token, params)
    expect(retry.status).toBe(406)
    expect(Object.keys(retry.body.errors)).toEqual(['did_number'])
    expect(ledgerOf('client.created').filter((entry) => entry.details.didNumber === params.did_number)).toHaveLength(1)
  })

  it('honours the token lifetime and per-token request limit fault settings', async () => {
    const configure = (settings: object) =>
      fetch(`${origin}/_sandbox/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(settings),
      })
    expect((await configure({ tokenLifetimeSeconds: 60, tokenExpiryAfterRequests: 2 })).status).toBe(200)
    try {
      const token = await tokenAnswer()
      expect(token.expires_in).toBe(60)
      expect((await call('POST', '/dids/search', token.access_token, { npa: '305' })).status).toBe(200)
      expect((await call('POST', '/dids/search', token.access_token, { npa: '305' })).status).toBe(200)
      expect((await call('POST', '/dids/search', token.access_token, { npa: '305' })).status).toBe(401)
    } finally {
      await configure({})
    }
    expect((await tokenAnswer()).expires_in).toBe(1200)
  })

  it('never writes a secret to the ledger', async () => {
    const token = await tokenAnswer()
    const client = await createClient(token.access_token)
    const device = await call('POST', '/residential/device', token.access_token, { client_id: String(client.id), ext: '1009' })
    expect(device.status).toBe(200)
    const ledger = await fetch(`${origin}/_sandbox/ledger`)
    expect(ledger.status).toBe(200)
    const text = await ledger.text()
    expect(text).toContain('device.created')
    expect(text).toContain('"extension":"1009"')
    for (const secret of [
      device.body.data.authentication_key as string,
      account.secrets.password ?? '',
      account.secrets.clientSecret ?? '',
      token.access_token,
      token.refresh_token,
    ]) {
      expect(secret.length).toBeGreaterThan(10)
      expect(text).not.toContain(secret)
    }
    expect(text).not.toContain('authentication_key')
  })
})

// Last: moving the shared simulated clock forward invalidates every token issued before.
describe('Nexogy token expiry', () => {
  it('refuses a token after its 1200 seconds and accepts a refreshed one', async () => {
    const token = await tokenAnswer()
    expect((await call('POST', '/dids/search', token.access_token, { npa: '305' })).status).toBe(200)
    sandbox.clock.advance(1201 * 1000)
    const expired = await call('POST', '/dids/search', token.access_token, { npa: '305' })
    expect(expired.status).toBe(401)
    expect(expired.body).toMatchObject({ result: 'ERROR', code: 401 })

    const refreshed = await tokenRequest(
      new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: token.refresh_token,
        client_id: account.clientId ?? '',
        client_secret: account.secrets.clientSecret ?? '',
      }),
    )
    expect(refreshed.status).toBe(200)
    expect((await call('POST', '/dids/search', refreshed.body[0].access_token, { npa: '305' })).status).toBe(200)
  })
})
