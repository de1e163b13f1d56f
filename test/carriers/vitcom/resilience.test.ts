/**
 * How VitcomClient behaves when the service misbehaves: an expired token mid-session (one renewal, the call
 * succeeds), concurrent calls on a fresh client (one "login"), a wrong token (an auth error after one
 * renewal, no loop, the token in no message), reads retried on 429 and 5xx, mutations never retried, and
 * malformed or truncated answers turned into CarrierErrors with nothing returned.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Readable } from 'node:stream'
import { CarrierError } from '../../../src/main/lib/carrier-error'
import { streamRows } from '../../../src/main/carriers/vitcom/numbers-stream'
import { MyNumberRow } from '../../../src/main/carriers/vitcom/schemas'
import { script, signal, startVitcom, type VitcomFixture } from './helpers'

let vitcom: VitcomFixture

beforeAll(async () => {
  vitcom = await startVitcom()
})

beforeEach(() => {
  vitcom.carrier.faults.configure({ retryAfterSeconds: 0 })
})

afterAll(async () => {
  await vitcom.stop()
})

async function failure(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(CarrierError)
  return error as CarrierError
}

describe('auth', () => {
  it('renews once when the token is refused mid-session and the call succeeds', async () => {
    const client = vitcom.newClient()
    await client.stateAvailability({ signal: signal() })
    expect(client.transport.keeper.loginCount).toBe(1)
    script(vitcom, [{ fault: 'token-expired', match: 'get_trunk' }])
    const before = vitcom.requests('get_trunk')
    const trunks = await client.getTrunks({ signal: signal() })
    expect(trunks.length).toBeGreaterThan(0)
    expect(client.transport.keeper.loginCount).toBe(2)
    expect(vitcom.requests('get_trunk') - before).toBe(2)
  })

  it('two concurrent calls on a fresh client obtain the token once', async () => {
    const client = vitcom.newClient()
    const [states, trunks] = await Promise.all([client.stateAvailability({ signal: signal() }), client.getTrunks({ signal: signal() })])
    expect(states.length).toBeGreaterThan(0)
    expect(trunks.length).toBeGreaterThan(0)
    expect(client.transport.keeper.loginCount).toBe(1)
  })

  it('a wrong token is an auth error after one renewal (no loop), and the token is in no message', async () => {
    const token = 'deadbeefdeadbeefdeadbeefdeadbeef'
    const client = vitcom.newClient(token)
    const before = vitcom.requests('availabilitystate')
    const error = await failure(client.stateAvailability({ signal: signal() }))
    expect(error.code).toBe('auth')
    expect(error.info).toMatchObject({ httpStatus: 404, carrierCode: '404', message: 'Invalid token', retryable: false })
    expect(vitcom.requests('availabilitystate') - before).toBe(2)
    expect(`${error.message} ${JSON.stringify(error.info)}`).not.toContain(token)
  })

  it('a missing token is an auth error without any request', async () => {
    const client = vitcom.newClient('')
    const before = vitcom.requests('availabilitystate')
    expect((await failure(client.stateAvailability({ signal: signal() }))).code).toBe('auth')
    expect(vitcom.requests('availabilitystate')).toBe(before)
  })

  it('a token-expired fault on a mutation is renewed and sent again once (nothing was done the first time)', async () => {
    const client = vitcom.newClient()
    script(vitcom, [{ fault: 'token-expired', match: 'defineTrunk_termination' }])
    const defined = await client.defineTerminationTrunk({ title: 'Renewed', ipAddress: '198.51.100.77', ports: 5, signal: signal() })
    expect(defined.trunkId).toBeDefined()
    expect(vitcom.ledger('defineTrunk_termination').filter((entry) => entry.details.ipaddress === '198.51.100.77')).toHaveLength(1)
  })
})

describe('retries', () => {
  it('retries a read on 429 (Retry-After honoured) and on 5xx, then succeeds', async () => {
    script(vitcom, [
      { fault: 'rate-limit', match: 'get_trunk_termination' },
      { fault: 'server-error', match: 'get_trunk_termination' },
    ])
    const before = vitcom.requests('get_trunk_termination')
    const trunks = await vitcom.client.getTerminationTrunks({ signal: signal() })
    expect(trunks.length).toBeGreaterThan(0)
    expect(vitcom.requests('get_trunk_termination') - before).toBe(3)
  })

  it('retries the streamed number list on 5xx and a reset before it starts', async () => {
    script(vitcom, [
      { fault: 'server-error', match: 'getnumbers' },
      { fault: 'reset', match: 'getnumbers' },
    ])
    const rows = await vitcom.client.getMyNumbers({ signal: signal() })
    expect(rows).toHaveLength(300)
  })

  it('gives up on a read after bounded attempts with a retryable error', async () => {
    script(vitcom, [{ fault: 'server-error', match: 'availabilitystate', count: 10 }])
    const error = await failure(vitcom.client.stateAvailability({ signal: signal() }))
    expect(error.info).toMatchObject({ httpStatus: 500, retryable: true })
    vitcom.carrier.faults.configure({ retryAfterSeconds: 0 })
  })

  it('never retries a mutation: a 5xx before it ran is reported ambiguous, sent once', async () => {
    script(vitcom, [{ fault: 'server-error', match: 'update_trunk' }])
    const before = vitcom.requests('update_trunk')
    const error = await failure(vitcom.client.updateTrunk({ trunkId: '100', title: 'Renamed', signal: signal() }))
    expect(error.info.ambiguous).toBe(true)
    expect(vitcom.requests('update_trunk') - before).toBe(1)
  })
})

describe('broken answers', () => {
  it('a malformed answer is a CarrierError("carrier"), nothing returned', async () => {
    script(vitcom, [{ fault: 'malformed', match: 'get_invoices', count: 4 }])
    const error = await failure(vitcom.client.getInvoices({ signal: signal() }))
    expect(error.code).toBe('carrier')
    expect(error.info.message).toMatch(/not JSON/)
  })

  it('an HTML error page from a proxy is retried like a 5xx', async () => {
    script(vitcom, [{ fault: 'html-error', match: 'get_payments' }])
    expect((await vitcom.client.getPayments({ signal: signal() })).length).toBeGreaterThan(0)
  })

  it('a truncated answer that keeps failing ends in a CarrierError, nothing returned', async () => {
    script(vitcom, [{ fault: 'truncated', match: 'financial_summary', count: 4 }])
    const error = await failure(vitcom.client.financialSummary({ signal: signal() }))
    expect(['carrier', 'network']).toContain(error.code)
  })

  it('a malformed streamed number list fails the read with a CarrierError("carrier"), no rows handed on', async () => {
    const seen: number[] = []
    script(vitcom, [{ fault: 'malformed', match: 'getnumbers' }])
    const malformed = await failure(vitcom.client.streamMyNumbers({ batchSize: 50, signal: signal(), onBatch: (rows) => seen.push(rows.length) }))
    expect(malformed.code).toBe('carrier')
    expect(seen).toEqual([])
  })

  it('a number list cut before it starts is read again (the Sandbox drops such a connection before the headers)', async () => {
    script(vitcom, [{ fault: 'truncated', match: 'getnumbers' }])
    const before = vitcom.requests('getnumbers')
    expect(await vitcom.client.getMyNumbers({ signal: signal() })).toHaveLength(300)
    expect(vitcom.requests('getnumbers') - before).toBe(2)
  })

  it('a number list cut mid-stream, or ending early, is a CarrierError("carrier")', async () => {
    const rows = Array.from({ length: 40 }, (_, index) => ({ didnumber: String(3055550100 + index), status: '1' }))
    const full = JSON.stringify({ status: '200', data: rows })
    const read = (body: Readable) =>
      streamRows(body, { operation: 'getnumbers', arrayKey: 'data', schema: MyNumberRow, batchSize: 10, signal: signal(), onBatch: () => undefined })
    const cut = new Readable({
      read() {
        this.push(full.slice(0, full.length / 2))
        this.destroy(new Error('aborted'))
      },
    })
    const midStream = await failure(read(cut))
    expect(midStream.code).toBe('carrier')
    expect(midStream.info.message).toMatch(/cut short/)
    const early = await failure(read(Readable.from([full.slice(0, full.length - 5)])))
    expect(early.code).toBe('carrier')
    expect(await read(Readable.from([full]))).toBe(40)
    const badRow = await failure(read(Readable.from([JSON.stringify({ status: '200', data: [...rows, { didnumber: 'XXXXXXXXXX', status: '1' }] })])))
    expect(badRow.info.message).toMatch(/row 41/)
    const refused = await failure(read(Readable.from([JSON.stringify({ status: '404', error: 'Invalid token' })])))
    expect(refused.code).toBe('auth')
  })

  it('a cancelled stream stops with "cancelled"', async () => {
    const controller = new AbortController()
    const error = await vitcom.client
      .streamMyNumbers({ batchSize: 10, signal: controller.signal, onBatch: () => controller.abort() })
      .then(() => undefined, (caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'cancelled' })
  })
})
