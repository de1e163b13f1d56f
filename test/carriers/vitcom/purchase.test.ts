/**
 * Buying through the adapter's number actions (search → reserve → gen_order → process_order) against the
 * simulator, with faults at the worst moments. The simulator's ledger is the proof: after an ambiguous
 * failure a number is bought exactly once and the result says so (`checkedAfterFailure`); after a failure
 * before the commit nothing is bought and nothing is sent twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountContext } from '../../../src/main/carriers/adapter'
import { cartMemoKey, VitcomNumberActions } from '../../../src/main/carriers/vitcom/number-actions'
import type { AvailableNumber } from '../../../src/shared/domain'
import { script, signal, startVitcom, type VitcomFixture } from './helpers'

let vitcom: VitcomFixture

beforeAll(async () => {
  vitcom = await startVitcom()
})

afterAll(async () => {
  await vitcom.stop()
})

function memoryContext(): AccountContext & { memoValues: Map<string, unknown> } {
  const memoValues = new Map<string, unknown>()
  return {
    memoValues,
    memo: { get: (key) => memoValues.get(key), set: (key, value) => memoValues.set(key, value) },
    secrets: { put: () => Promise.resolve(), get: () => Promise.resolve(undefined) },
  }
}

function actions(): VitcomNumberActions {
  return new VitcomNumberActions(vitcom.newClient(), 'acct-1', memoryContext())
}

/** How many times the simulator allocated `tn` (process_order ledger entries naming it). */
function timesBought(e164: string): number {
  const tn = e164.slice(2)
  return vitcom.ledger('process_order').filter((entry) => (entry.details.numbers as string[]).includes(tn)).length
}

async function freshNumbers(state: string, count: number, skip = 0): Promise<AvailableNumber[]> {
  const found = await actions().search({ query: { type: 'local', state, limit: count + skip }, signal: signal() })
  return found.slice(skip, skip + count)
}

describe('search and reserve', () => {
  it('searches by state, rate center and toll-free prefix; results carry what reserve needs and when they were fetched', async () => {
    const local = await actions().search({ query: { type: 'local', state: 'WA', limit: 70 }, signal: signal() })
    expect(local).toHaveLength(70)
    expect(new Set(local.map((number) => number.e164)).size).toBe(70)
    expect(local.every((number) => /^\+1\d{10}$/.test(number.e164) && number.state === 'WA' && number.fetchedAt > 0)).toBe(true)
    const [code] = await vitcom.client.npanxxAvailability({ state: 'WA', signal: signal() })
    const byRateCenter = await actions().search({ query: { type: 'local', state: 'WA', rateCenter: code!.rateCenter, limit: 5 }, signal: signal() })
    expect(byRateCenter.length).toBeGreaterThan(0)
    expect(byRateCenter.every((number) => number.rateCenter === code!.rateCenter)).toBe(true)
    const tollFree = await actions().search({ query: { type: 'toll-free', tollFreePrefix: '844', limit: 3 }, signal: signal() })
    expect(tollFree.map((number) => number.type)).toEqual(['toll-free', 'toll-free', 'toll-free'])
    await expect(actions().search({ query: { type: 'local', limit: 5 }, signal: signal() })).rejects.toMatchObject({ code: 'validation' })
  })

  it('reserves per number and says which failed when one of a batch is taken', async () => {
    const numbers = await freshNumbers('CA', 3)
    const owned = (await vitcom.client.getMyNumbers({ filter: { status: 'active' }, signal: signal() }))[0]!
    const taken: AvailableNumber = { ...numbers[0]!, e164: `+1${owned.tn}`, offer: { category: 'landline', state: 'CA' } }
    const lines = await actions().reserve({ numbers: [...numbers, taken], signal: signal() })
    expect(lines.map((line) => line.ok)).toEqual([true, true, true, false])
    expect(lines[3]!.message).toMatch(/Invalid/)
  })
})

describe('purchase', () => {
  it('buys exactly the asked-for numbers, taking other reserved numbers out of the cart first', async () => {
    const numberActions = actions()
    const [extra, ...wanted] = await freshNumbers('NY', 3)
    await numberActions.reserve({ numbers: [extra!], signal: signal() })
    const result = await numberActions.purchase({ numbers: wanted, signal: signal() })
    expect(result.lines.map((line) => line.ok)).toEqual([true, true])
    expect(result.orderId).toMatch(/^\d+$/)
    expect(result.totalCost).toBeGreaterThan(0)
    for (const number of wanted) expect(timesBought(number.e164)).toBe(1)
    expect(timesBought(extra!.e164)).toBe(0)
  })

  it('process_order committed then the connection reset: bought exactly once, reported bought after checking', async () => {
    const numbers = await freshNumbers('IL', 2)
    script(vitcom, [{ fault: 'reset-after-commit', match: 'process_order' }])
    const result = await actions().purchase({ numbers, signal: signal() })
    expect(result.lines.map((line) => [line.ok, line.checkedAfterFailure])).toEqual([
      [true, true],
      [true, true],
    ])
    for (const number of numbers) expect(timesBought(number.e164)).toBe(1)
    expect(vitcom.ledger('gen_order').filter((entry) => (entry.details.numbers as string[]).includes(numbers[0]!.e164.slice(2)))).toHaveLength(1)
  })

  it('gen_order committed then a 500: the generated order is found and processed once, not ordered again', async () => {
    const numbers = await freshNumbers('GA', 1)
    script(vitcom, [{ fault: 'server-error-after-commit', match: 'gen_order' }])
    const result = await actions().purchase({ numbers, signal: signal() })
    expect(result.lines[0]).toMatchObject({ ok: true })
    expect(vitcom.ledger('gen_order').filter((entry) => (entry.details.numbers as string[]).includes(numbers[0]!.e164.slice(2)))).toHaveLength(1)
    expect(timesBought(numbers[0]!.e164)).toBe(1)
  })

  it('process_order reset before it ran: not bought, checked, and not sent a second time', async () => {
    const numbers = await freshNumbers('AZ', 1)
    const before = vitcom.requests('process_order')
    script(vitcom, [{ fault: 'reset', match: 'process_order' }])
    const result = await actions().purchase({ numbers, signal: signal() })
    expect(result.lines[0]).toMatchObject({ ok: false, checkedAfterFailure: true })
    expect(result.lines[0]!.message).toMatch(/not processed/)
    expect(vitcom.requests('process_order') - before).toBe(1)
    expect(timesBought(numbers[0]!.e164)).toBe(0)
  })

  it('gen_order reset before it ran: not bought, no order, gen_order sent once', async () => {
    const context = memoryContext()
    const numberActions = new VitcomNumberActions(vitcom.newClient(), 'acct-1', context)
    const numbers = await freshNumbers('MA', 1)
    const before = vitcom.requests('gen_order')
    script(vitcom, [{ fault: 'reset', match: 'gen_order' }])
    const result = await numberActions.purchase({ numbers, signal: signal() })
    expect(result.lines[0]).toMatchObject({ ok: false, checkedAfterFailure: true })
    expect(vitcom.requests('gen_order') - before).toBe(1)
    expect(timesBought(numbers[0]!.e164)).toBe(0)
    // The number is still in the cart this app remembers, so a later purchase orders it without reserving again.
    expect((context.memoValues.get(cartMemoKey) as { numbers: string[] }).numbers).toContain(numbers[0]!.e164.slice(2))
    const again = await numberActions.purchase({ numbers, signal: signal() })
    expect(again.lines[0]?.ok).toBe(true)
    expect(timesBought(numbers[0]!.e164)).toBe(1)
  })

  it('a 500 before processing ran: checked, not bought, the order stays generated (bulkOrderStatus pending)', async () => {
    const numbers = await freshNumbers('FL', 1)
    script(vitcom, [{ fault: 'server-error', match: 'process_order' }])
    const result = await actions().purchase({ numbers, signal: signal() })
    // A 500 before the handler ran is ambiguous for a mutation: checked, found not processed.
    expect(result.lines[0]).toMatchObject({ ok: false, checkedAfterFailure: true })
    const status = await actions().bulkOrderStatus({ orderId: result.orderId!, signal: signal() })
    expect(status.state).toBe('pending')
  })
})

describe('bulk order, release and changes', () => {
  it('bulk orders by quantity and state; bulkOrderStatus reads the order back', async () => {
    const status = await actions().bulkOrder({ request: { quantity: 4, state: 'TX' }, signal: signal() })
    expect(status).toMatchObject({ state: 'completed', requested: 4, fulfilled: 4 })
    expect(status.numbers.every((e164) => timesBought(e164) === 1)).toBe(true)
    expect((await actions().bulkOrderStatus({ orderId: status.orderId, signal: signal() })).state).toBe('completed')
    await expect(actions().bulkOrder({ request: { quantity: 2, npa: '512' }, signal: signal() })).rejects.toMatchObject({ code: 'validation' })
  })

  it('changes routing, status and CNAM, reads them back, then releases (cancel) with a check after an ambiguous failure', async () => {
    const numberActions = actions()
    const [a, b] = (await vitcom.client.getMyNumbers({ filter: { trunkId: '101', status: 'active' }, signal: signal() })).slice(0, 2).map((row) => `+1${row.tn}`)
    expect((await numberActions.change({ e164s: [a!, b!], change: { kind: 'routing', routing: { kind: 'trunk', trunk: 'orig-104' } }, signal: signal() })).every((line) => line.ok)).toBe(true)
    expect((await numberActions.change({ e164s: [a!], change: { kind: 'cnam', cnam: 'Front Desk' }, signal: signal() }))[0]?.ok).toBe(true)
    expect((await numberActions.change({ e164s: [b!], change: { kind: 'status', status: 'suspended' }, signal: signal() }))[0]?.ok).toBe(true)
    const records = await numberActions.read({ e164s: [a!, b!], signal: signal() })
    expect(records.find((record) => record.e164 === a)).toMatchObject({ trunk: 'orig-104', cnam: 'FRONT DESK', status: 'active' })
    expect(records.find((record) => record.e164 === b)).toMatchObject({ trunk: 'orig-104', status: 'suspended' })
    await expect(numberActions.change({ e164s: [a!], change: { kind: 'routing', routing: { kind: 'forward', destination: '+13055550100' } }, signal: signal() })).rejects.toMatchObject({ code: 'validation' })

    script(vitcom, [{ fault: 'reset-after-commit', match: 'updatenumber' }])
    const released = await numberActions.release({ e164s: [a!, b!], signal: signal() })
    expect(released.map((line) => [line.ok, line.checkedAfterFailure])).toEqual([
      [true, true],
      [true, true],
    ])
    expect(vitcom.ledger('updatenumber').filter((entry) => entry.details.status === '2' && (entry.details.numbers as string[]).includes(a!.slice(2)))).toHaveLength(1)
    const after = await numberActions.read({ e164s: [a!], signal: signal() })
    expect(after[0]?.status).toBe('released')
  })

  it('releases numbers still in the cart by taking them out of it', async () => {
    const numberActions = actions()
    const numbers = await freshNumbers('CO', 2)
    await numberActions.reserve({ numbers, signal: signal() })
    const lines = await numberActions.release({ e164s: numbers.map((number) => number.e164), signal: signal() })
    expect(lines.every((line) => line.ok && line.message === 'Taken out of the cart')).toBe(true)
    expect(vitcom.ledger('remove_reserved').some((entry) => (entry.details.numbers as string[]).includes(numbers[0]!.e164.slice(2)))).toBe(true)
  })
})
