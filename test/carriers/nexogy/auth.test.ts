/**
 * The Nexogy token lifecycle against the simulator: renewal before the 1200 s expiry with the refresh token,
 * exactly one re-login when a token is refused mid-session, and a password grant when a refresh is refused.
 * Its own Sandbox, because moving the simulated clock invalidates every token issued before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CarrierError } from '../../../src/main/lib/carrier-error'
import { signal, startNexogySandbox, type NexogySandbox } from './helpers'

let env: NexogySandbox

beforeAll(async () => {
  env = await startNexogySandbox(33)
})

afterAll(async () => {
  await env.sandbox.stop()
})

describe('Nexogy token lifecycle', () => {
  it('logs in again exactly once when a token is refused mid-session, and the call succeeds', async () => {
    const client = env.client()
    await client.searchDids({ npa: '305', quantity: 1, signal: signal() })
    env.faults({ script: [{ fault: 'token-expired', match: 'dids.search' }] })
    const found = await client.searchDids({ npa: '305', quantity: 2, signal: signal() })
    expect(found.numbers).toHaveLength(2)
    // The first token came from the password grant, the replacement from its refresh token.
    expect(client.authStats).toEqual({ logins: 2, passwordGrants: 1, refreshGrants: 1 })
  })

  it('gives up after one renewal when the new token is refused too', async () => {
    const client = env.client()
    await client.connect({ signal: signal() })
    env.faults({ script: [{ fault: 'token-expired', match: 'dids.search', count: 2 }] })
    const error = await client.searchDids({ npa: '305', signal: signal() }).catch((failure: unknown) => failure)
    expect(error).toBeInstanceOf(CarrierError)
    expect((error as CarrierError).code).toBe('auth')
    expect(client.authStats.logins).toBe(2)
    env.faults({})
  })

  it('renews with the refresh token before the 1200 s expiry, so no call meets a 401', async () => {
    const client = env.client({ simulatedClock: true })
    await client.searchDids({ npa: '305', quantity: 1, signal: signal() })
    // 1100 s later the token has 100 s left: inside the renewal margin, still accepted by Nexogy.
    env.sandbox.clock.advance(1100 * 1000)
    await client.searchDids({ npa: '305', quantity: 1, signal: signal() })
    expect(client.authStats).toEqual({ logins: 2, passwordGrants: 1, refreshGrants: 1 })
    await client.searchDids({ npa: '305', quantity: 1, signal: signal() })
    expect(client.authStats.logins).toBe(2)
  })

  it('recovers from a token that expired unnoticed (401) with one refresh, then falls back to the password grant if the refresh is refused', async () => {
    const client = env.client()
    await client.searchDids({ npa: '305', quantity: 1, signal: signal() })
    env.sandbox.clock.advance(1201 * 1000)
    await client.searchDids({ npa: '305', quantity: 1, signal: signal() })
    expect(client.authStats).toEqual({ logins: 2, passwordGrants: 1, refreshGrants: 1 })

    env.faults({ script: [{ fault: 'server-error', match: 'oauth.token.refresh', count: 4 }] })
    env.sandbox.clock.advance(1201 * 1000)
    await client.searchDids({ npa: '305', quantity: 1, signal: signal() })
    expect(client.authStats).toEqual({ logins: 3, passwordGrants: 2, refreshGrants: 1 })
  })
})
