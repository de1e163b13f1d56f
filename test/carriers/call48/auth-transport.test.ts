/**
 * Call48 login and transport against the simulator: customer and SP admin login, a refused password (not
 * retried), one re-login on an expired token, one login for concurrent calls, retries of reads on 429 and
 * 5xx, and malformed or truncated answers becoming CarrierErrors.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { carrierError, signal, startCall48, type Call48Bench } from './helpers'

let bench: Call48Bench

beforeAll(async () => {
  bench = await startCall48()
})
afterAll(async () => {
  await bench.stop()
})
beforeEach(() => {
  bench.faults({})
})

const loginRequests = (): number => bench.carrier.server.requestCount('/api/v4/login')

describe('login', () => {
  it('logs in once and sends the token raw (the simulator refuses a Bearer token)', async () => {
    const client = bench.client()
    const before = loginRequests()
    const { expiresAt } = await client.login({ signal: signal() })
    expect(expiresAt).toBeGreaterThan(Date.now() + 23 * 3_600_000)
    const states = await client.listStates({ signal: signal() })
    expect(states.map((state) => state.state_code)).toContain('FL')
    expect(loginRequests() - before).toBe(1)
    expect(client.loginCount).toBe(1)
  })

  it('logs in as an SP admin at /admin_login and uses that token', async () => {
    const client = bench.client({ loginMode: 'sp-admin' })
    const before = bench.carrier.server.requestCount('/admin_login')
    const countries = await client.listCountries({ signal: signal() })
    expect(countries.find((country) => country.code === 'US')?.prefix).toBe('1')
    expect(bench.carrier.server.requestCount('/admin_login') - before).toBe(1)
  })

  it('refuses a wrong password as an auth error, asked once, with no password in the error', async () => {
    const wrong = 'Wr0ng-Secret-Pa55'
    const client = bench.client({ password: wrong })
    const before = loginRequests()
    const error = await carrierError(client.listStates({ signal: signal() }))
    expect(error.code).toBe('auth')
    expect(error.info.carrierCode).toBe('400')
    expect(error.message).toContain('Invalid user name or password')
    expect(loginRequests() - before).toBe(1)
    const everything = JSON.stringify({ message: error.message, info: error.info, details: error.details })
    expect(everything).not.toContain(wrong)
    expect(everything).not.toContain(bench.carrier.account.secrets.password)
  })

  it('logs in again exactly once when the token is refused mid-session (code 401)', async () => {
    const client = bench.client()
    await client.listStates({ signal: signal() })
    bench.faults({ script: [{ fault: 'token-expired', match: 'states', count: 1 }] })
    const states = await client.listStates({ signal: signal() })
    expect(states.length).toBeGreaterThan(0)
    expect(client.loginCount).toBe(2)
  })

  it('logs in again once after the 24 h token lifetime passes on the simulated clock', async () => {
    const client = bench.client()
    await client.listStates({ signal: signal() })
    bench.sandbox.clock.advance(25 * 3_600_000)
    const countries = await client.listCountries({ signal: signal() })
    expect(countries.length).toBeGreaterThan(0)
    expect(client.loginCount).toBe(2)
  })

  it('shares one login between concurrent calls of a fresh client', async () => {
    const client = bench.client()
    const before = loginRequests()
    const answers = await Promise.all([
      client.listStates({ signal: signal() }),
      client.listCountries({ signal: signal() }),
      client.listDiscountPlans({ signal: signal() }),
    ])
    expect(answers.every((answer) => answer.length > 0)).toBe(true)
    expect(loginRequests() - before).toBe(1)
  })
})

describe('transport', () => {
  it('retries a read answered 429, waiting the Retry-After seconds', async () => {
    const client = bench.client()
    await client.login({ signal: signal() })
    bench.faults({ retryAfterSeconds: 1, script: [{ fault: 'rate-limit', match: 'states', count: 1 }] })
    const before = bench.carrier.server.requestCount('/states')
    const started = Date.now()
    const states = await client.listStates({ signal: signal() })
    expect(states.length).toBeGreaterThan(0)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(bench.carrier.server.requestCount('/states') - before).toBe(2)
  })

  it('retries a read answered 500 twice, then succeeds', async () => {
    const client = bench.client()
    bench.faults({ script: [{ fault: 'server-error', match: 'ratecenters', count: 2 }] })
    const centers = await client.listRateCenters({ state: 'FL', signal: signal() })
    expect(centers.map((center) => center.rate_center)).toContain('MIAMI')
  })

  it('gives up on a read after repeated 502 HTML pages with a carrier error', async () => {
    const client = bench.client()
    await client.login({ signal: signal() })
    bench.faults({ script: [{ fault: 'html-error', match: 'states', count: 10 }] })
    const error = await carrierError(client.listStates({ signal: signal() }))
    expect(error.code).toBe('carrier')
    expect(error.info.httpStatus).toBe(502)
    expect(error.message).toContain('not JSON')
  })

  it('turns a malformed answer into a carrier error and returns nothing', async () => {
    const client = bench.client()
    await client.login({ signal: signal() })
    bench.faults({ script: [{ fault: 'malformed', match: 'customers', count: 1 }] })
    const error = await carrierError(client.listCustomers({ signal: signal() }))
    expect(error.code).toBe('carrier')
    expect(error.info.operation).toBe('customers')
  })

  it('reads again after a truncated answer, and fails as a network error when every answer is cut', async () => {
    const client = bench.client()
    await client.login({ signal: signal() })
    bench.faults({ script: [{ fault: 'truncated', match: 'countries', count: 1 }] })
    expect((await client.listCountries({ signal: signal() })).length).toBeGreaterThan(0)
    bench.faults({ script: [{ fault: 'truncated', match: 'countries', count: 10 }] })
    const error = await carrierError(client.listCountries({ signal: signal() }))
    expect(error.code).toBe('network')
  })

  it('keeps the carrier message of an unknown record (HTTP 404, body code 404)', async () => {
    const client = bench.client()
    const error = await carrierError(client.listRateCenters({ state: 'ZZ', signal: signal() }))
    expect(error.code).toBe('carrier')
    expect(error.info.carrierCode).toBe('404')
    expect(error.message).toContain('No rate centers for state ZZ')
  })

  it('keeps the carrier message of a refusal answered with HTTP 200 and body code 400', async () => {
    const client = bench.client()
    const error = await carrierError(client.makePayment({ amount: 10, signal: signal() }))
    expect(error.code).toBe('carrier')
    expect(error.info.httpStatus).toBe(200)
    expect(error.info.carrierCode).toBe('400')
    expect(error.info.message).toBe('Amount must be greater than $20.00')
    expect(bench.ledger('payment')).toHaveLength(0)
  })

  it('makes a payment of more than $20 once', async () => {
    const client = bench.client()
    await expect(client.makePayment({ amount: 40, signal: signal() })).resolves.toBe(true)
    expect(bench.ledger('payment').map((entry) => entry.details.amount)).toEqual(['40.00'])
  })
})
