/**
 * Cancelling a purchase, release or change halfway, through the dispatcher as the app does it, against the
 * simulators. The cancel lands at an exact moment: while the simulator commits the n-th mutation (its
 * ledger's `onRecord`), so that call is in flight when the user cancels. Every number must then get its
 * true outcome: the ones the carrier did are done (never failed, never buyable again), the rest are not
 * sent (buyable again, not logged as failures), and the simulator's ledger agrees.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CarrierId, NumberSearchQuery } from '../../src/shared/domain'
import type { BatchResult, SearchOffer } from '../../src/shared/ipc-shared'
import { openSandboxDesk, type SandboxDesk } from '../helpers/sandbox-desk'

let desk: SandboxDesk

beforeAll(async () => {
  desk = await openSandboxDesk({ carriers: ['call48', 'vitcom', 'voip-innovations'], numbers: 3000 })
})
afterAll(async () => {
  await desk?.close()
})

async function search(carrier: CarrierId, query: Omit<NumberSearchQuery, 'type'> & Partial<Pick<NumberSearchQuery, 'type'>>): Promise<SearchOffer[]> {
  const found = await desk.dispatcher.invoke('numbers.search', { query: { type: 'local', ...query }, accountIds: [desk.account(carrier).id] })
  if (!found.ok) throw new Error(found.error.message)
  expect(found.value.offers).toHaveLength(query.limit)
  return found.value.offers
}

/** Runs `start(jobId)`, cancelling the job while the simulator commits the `nth` `operation` of `carrier`. */
async function cancelAt(
  carrier: CarrierId,
  operation: string,
  nth: number,
  start: (jobId: string) => Promise<{ ok: true; value: BatchResult } | { ok: false; error: { code: string; message: string } }>,
): Promise<BatchResult> {
  const jobId = randomUUID()
  let seen = 0
  const stop = desk.sandbox.ledger.onRecord((entry) => {
    if (entry.carrier !== carrier || entry.operation !== operation) return
    seen += 1
    if (seen === nth) expect(desk.desk.jobs.cancel(jobId)).toBe(true)
  })
  try {
    const result = await start(jobId)
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    expect(seen).toBeGreaterThanOrEqual(nth)
    return result.value
  } finally {
    stop()
  }
}

async function buy(offers: SearchOffer[]): Promise<BatchResult> {
  const result = await desk.dispatcher.invoke('numbers.purchase', { jobId: randomUUID(), offerIds: offers.map((offer) => offer.offerId), confirmed: true })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const ledger = (carrier: CarrierId, operation: string) => desk.sandbox.ledger.entries({ carrier, operation })
const tenDigits = (e164: string): string => e164.slice(2)

/** The activity log's results for these numbers and this action, in order of the numbers. */
function logged(action: string, e164s: string[]): string[][] {
  const entries = desk.desk.activity.list({ limit: 1000 }).filter((entry) => entry.action === action)
  return e164s.map((e164) => entries.filter((entry) => entry.target === e164).map((entry) => entry.result))
}

const notSentLine = { ok: false, code: 'not-sent', message: 'Not sent: cancelled' }

describe('Call48: one request per number, cancelled halfway', () => {
  it('a purchase of 10 cancelled while the 4th is in flight: 4 bought, 6 not sent, and the ledger agrees', async () => {
    const offers = await search('call48', { state: 'TX', limit: 10 })
    const e164s = offers.map((offer) => offer.e164)
    const before = ledger('call48', 'purchase').length
    const result = await cancelAt('call48', 'purchase', 4, (jobId) =>
      desk.dispatcher.invoke('numbers.purchase', { jobId, offerIds: offers.map((offer) => offer.offerId), confirmed: true }),
    )

    expect(result).toMatchObject({ succeeded: 4, failed: 0, notSent: 6, cancelled: true })
    expect(result.lines.map((line) => [line.e164, line.ok])).toEqual(e164s.map((e164, index) => [e164, index < 4]))
    for (const line of result.lines.slice(4)) expect(line).toMatchObject(notSentLine)
    // Exactly the 4 reported bought were bought; the 4th, in flight when cancelled, ran to its answer.
    expect(ledger('call48', 'purchase').slice(before).flatMap((entry) => entry.details.numbers as string[])).toEqual(e164s.slice(0, 4).map(tenDigits))
    // The log says "succeeded" for the 4 and nothing for the 6, which never reached the carrier.
    expect(logged('number.purchase', e164s)).toEqual(e164s.map((_, index) => (index < 4 ? ['succeeded'] : [])))
    // The bought ones are in the cache at once.
    for (const e164 of e164s.slice(0, 4)) expect(desk.desk.store.numbers.get({ accountId: desk.account('call48').id, e164 })?.status).toBe('active')

    // The 4 bought offers are never buyable again; the 6 not sent are.
    const again = await desk.dispatcher.invoke('numbers.purchase', { jobId: randomUUID(), offerIds: offers.slice(0, 4).map((o) => o.offerId), confirmed: true })
    expect(again.ok ? again.value : again.error.code).toBe('conflict')
    const rest = await buy(offers.slice(4))
    expect(rest).toMatchObject({ succeeded: 6, failed: 0, notSent: 0, cancelled: false })
    expect(ledger('call48', 'purchase').slice(before).flatMap((entry) => entry.details.numbers as string[])).toEqual(e164s.map(tenDigits))
  })

  it('an abort while the only purchase request is in flight leaves it bought, not cancelled', async () => {
    const offers = await search('call48', { state: 'OH', limit: 1 })
    const result = await cancelAt('call48', 'purchase', 1, (jobId) =>
      desk.dispatcher.invoke('numbers.purchase', { jobId, offerIds: [offers[0]!.offerId], confirmed: true }),
    )
    expect(result).toMatchObject({ succeeded: 1, failed: 0, notSent: 0, cancelled: true })
    expect(result.lines[0]).toMatchObject({ e164: offers[0]!.e164, ok: true })
    expect(logged('number.purchase', [offers[0]!.e164])).toEqual([['succeeded']])
  })

  it('a release of 10 cancelled while the 4th is in flight: 4 released and marked so in the cache, 6 not sent', async () => {
    const offers = await search('call48', { state: 'FL', limit: 10 })
    expect((await buy(offers)).succeeded).toBe(10)
    const accountId = desk.account('call48').id
    const e164s = offers.map((offer) => offer.e164)
    const before = ledger('call48', 'remove').length
    const result = await cancelAt('call48', 'remove', 4, (jobId) =>
      desk.dispatcher.invoke('numbers.release', { jobId, targets: e164s.map((e164) => ({ accountId, e164 })), confirmed: true }),
    )

    expect(result).toMatchObject({ succeeded: 4, failed: 0, notSent: 6, cancelled: true })
    expect(result.lines.map((line) => line.ok)).toEqual(e164s.map((_, index) => index < 4))
    for (const line of result.lines.slice(4)) expect(line).toMatchObject(notSentLine)
    expect(ledger('call48', 'remove').slice(before).flatMap((entry) => entry.details.numbers as string[])).toEqual(e164s.slice(0, 4).map(tenDigits))
    expect(e164s.map((e164) => desk.desk.store.numbers.get({ accountId, e164 })?.status)).toEqual(e164s.map((_, index) => (index < 4 ? 'released' : 'active')))
    expect(logged('number.release', e164s)).toEqual(e164s.map((_, index) => (index < 4 ? ['succeeded'] : [])))
  })

  it('a routing change of 10 (10 calls in one batch) cancelled at the 4th: 4 changed, 6 not sent', async () => {
    const offers = await search('call48', { state: 'WA', limit: 10 })
    expect((await buy(offers)).succeeded).toBe(10)
    const accountId = desk.account('call48').id
    const e164s = offers.map((offer) => offer.e164)
    const trunkBefore = e164s.map((e164) => desk.desk.store.numbers.get({ accountId, e164 })?.trunk)
    const before = ledger('call48', 'update-forwarding').length
    const result = await cancelAt('call48', 'update-forwarding', 4, (jobId) =>
      desk.dispatcher.invoke('numbers.change', {
        jobId,
        targets: e164s.map((e164) => ({ accountId, e164 })),
        change: { kind: 'routing', routing: { kind: 'trunk', trunk: '52611' } },
        confirmed: true,
      }),
    )

    expect(result).toMatchObject({ succeeded: 4, failed: 0, notSent: 6, cancelled: true })
    for (const line of result.lines.slice(4)) expect(line).toMatchObject(notSentLine)
    expect(ledger('call48', 'update-forwarding').slice(before)).toHaveLength(4)
    expect(e164s.map((e164) => desk.desk.store.numbers.get({ accountId, e164 })?.trunk)).toEqual(
      e164s.map((_, index) => (index < 4 ? '52611' : trunkBefore[index])),
    )
    expect(logged('number.change.routing', e164s)).toEqual(e164s.map((_, index) => (index < 4 ? ['succeeded'] : [])))
  })
})

describe('Vitcom: reserve, then one order for the cart', () => {
  it('a purchase cancelled while the first of two reserve calls is in flight orders nothing; the offers stay buyable', async () => {
    const offers = [...(await search('vitcom', { state: 'NY', limit: 2 })), ...(await search('vitcom', { state: 'CA', limit: 2 }))]
    const orders = ledger('vitcom', 'gen_order').length
    const reserves = ledger('vitcom', 'reserve').length
    const result = await cancelAt('vitcom', 'reserve', 1, (jobId) =>
      desk.dispatcher.invoke('numbers.purchase', { jobId, offerIds: offers.map((offer) => offer.offerId), confirmed: true }),
    )

    expect(result).toMatchObject({ succeeded: 0, failed: 0, notSent: 4, cancelled: true })
    for (const line of result.lines) expect(line).toMatchObject({ ok: false, code: 'not-sent' })
    // The reserve in flight ran (those numbers wait in the cart); the second was never sent; nothing was ordered.
    expect(ledger('vitcom', 'reserve').slice(reserves)).toHaveLength(1)
    expect(ledger('vitcom', 'gen_order')).toHaveLength(orders)
    expect(logged('number.purchase', offers.map((offer) => offer.e164))).toEqual([[], [], [], []])

    const again = await buy(offers)
    expect(again).toMatchObject({ succeeded: 4, notSent: 0 })
    const bought = ledger('vitcom', 'process_order').flatMap((entry) => entry.details.numbers as string[])
    for (const offer of offers) expect(bought.filter((tn) => tn === tenDigits(offer.e164))).toHaveLength(1)
  })

  it('a cancel while gen_order is in flight still processes that order: bought, not cancelled', async () => {
    const offers = await search('vitcom', { state: 'IL', limit: 2 })
    const processed = ledger('vitcom', 'process_order').length
    const result = await cancelAt('vitcom', 'gen_order', 1, (jobId) =>
      desk.dispatcher.invoke('numbers.purchase', { jobId, offerIds: offers.map((offer) => offer.offerId), confirmed: true }),
    )
    expect(result).toMatchObject({ succeeded: 2, failed: 0, notSent: 0, cancelled: true })
    expect(ledger('vitcom', 'process_order').slice(processed).flatMap((entry) => entry.details.numbers as string[])).toEqual(
      offers.map((offer) => tenDigits(offer.e164)),
    )
    expect(logged('number.purchase', offers.map((offer) => offer.e164))).toEqual([['succeeded'], ['succeeded']])
  })

  it('a reserve of two groups cancelled during the first holds that group and does not send the second', async () => {
    const offers = [...(await search('vitcom', { state: 'GA', limit: 1 })), ...(await search('vitcom', { state: 'AZ', limit: 1 }))]
    const result = await cancelAt('vitcom', 'reserve', 1, (jobId) =>
      desk.dispatcher.invoke('numbers.reserve', { jobId, offerIds: offers.map((offer) => offer.offerId) }),
    )
    expect(result).toMatchObject({ succeeded: 1, failed: 0, notSent: 1, cancelled: true })
    expect(result.lines.map((line) => [line.e164, line.ok, line.code])).toEqual([
      [offers[0]!.e164, true, undefined],
      [offers[1]!.e164, false, 'not-sent'],
    ])
    expect(logged('number.reserve', offers.map((offer) => offer.e164))).toEqual([['succeeded'], []])
  })
})

describe('VoIP Innovations', () => {
  beforeAll(async () => {
    // The sync caches the numbers the E911 change works on and learns the endpoint group purchases use.
    const [synced] = await desk.desk.sync.start({ accountIds: [desk.account('voip-innovations').id], areas: ['numbers'] }).done
    expect(synced?.outcome).toBe('succeeded')
  })

  it('a batch purchase (one assignDID) cancelled while in flight is bought, not cancelled', async () => {
    const offers = await search('voip-innovations', { state: 'TX', limit: 3 })
    const before = ledger('voip-innovations', 'assignDID').length
    const result = await cancelAt('voip-innovations', 'assignDID', 1, (jobId) =>
      desk.dispatcher.invoke('numbers.purchase', { jobId, offerIds: offers.map((offer) => offer.offerId), confirmed: true }),
    )
    const assigned = ledger('voip-innovations', 'assignDID').slice(before).map((entry) => entry.details.tn)
    expect(result.cancelled).toBe(true)
    expect(result.notSent).toBe(0)
    // Whatever VI assigned is reported bought (a premium-tier number it refuses is a failure, not a cancel).
    expect(assigned.length).toBeGreaterThan(0)
    expect(result.lines.filter((line) => line.ok).map((line) => tenDigits(line.e164))).toEqual(assigned)
    expect(result.lines.every((line) => line.code !== 'not-sent' && line.code !== 'cancelled')).toBe(true)
    expect(logged('number.purchase', offers.map((offer) => offer.e164)).flat()).not.toContain('failed')
  })

  it('an E911 change of 5 (one call per number) cancelled at the 2nd: 2 provisioned, 3 not sent', async () => {
    const accountId = desk.account('voip-innovations').id
    const e164s = desk.desk.store.numbers.list({ filters: { carriers: ['voip-innovations'], statuses: ['active'] }, limit: 5 }).rows.map((row) => row.e164)
    expect(e164s).toHaveLength(5)
    const before = ledger('voip-innovations', 'insert911').length
    const address = { callerName: 'Kite Legal', street: '100 Main St', city: 'Austin', state: 'TX', zip: '78701' }
    const result = await cancelAt('voip-innovations', 'insert911', 2, (jobId) =>
      desk.dispatcher.invoke('numbers.change', { jobId, targets: e164s.map((e164) => ({ accountId, e164 })), change: { kind: 'e911', address }, confirmed: true }),
    )
    expect(result).toMatchObject({ succeeded: 2, failed: 0, notSent: 3, cancelled: true })
    expect(result.lines.map((line) => line.ok)).toEqual([true, true, false, false, false])
    for (const line of result.lines.slice(2)) expect(line).toMatchObject(notSentLine)
    expect(ledger('voip-innovations', 'insert911').slice(before).map((entry) => entry.details.tn)).toEqual(e164s.slice(0, 2).map(tenDigits))
    expect(logged('number.change.e911', e164s)).toEqual([['succeeded'], ['succeeded'], [], [], []])
  })

  it('a refusal that stops the run halfway (credentials refused at the 2nd of 3) keeps the 1st done', async () => {
    const accountId = desk.account('voip-innovations').id
    const e164s = desk.desk.store.numbers.list({ filters: { carriers: ['voip-innovations'], statuses: ['active'] }, offset: 10, limit: 3 }).rows.map((row) => row.e164)
    expect(e164s).toHaveLength(3)
    const vi = desk.sandbox.carriers['voip-innovations']!
    const stop = desk.sandbox.ledger.onRecord((entry) => {
      if (entry.operation === 'insert911') vi.faults.configure({ script: [{ fault: 'token-expired', match: 'insert911' }] })
    })
    try {
      const address = { callerName: 'Kite Legal', street: '200 Main St', city: 'Austin', state: 'TX', zip: '78701' }
      const result = await desk.dispatcher.invoke('numbers.change', {
        jobId: randomUUID(),
        targets: e164s.map((e164) => ({ accountId, e164 })),
        change: { kind: 'e911', address },
        confirmed: true,
      })
      if (!result.ok) throw new Error(result.error.message)
      expect(result.value).toMatchObject({ succeeded: 1, failed: 1, notSent: 1, cancelled: false })
      expect(result.value.lines.map((line) => [line.ok, line.code])).toEqual([[true, undefined], [false, 'auth'], [false, 'not-sent']])
      expect(logged('number.change.e911', e164s)).toEqual([['succeeded'], ['failed'], []])
    } finally {
      stop()
      vi.faults.configure({})
    }
  })
})
