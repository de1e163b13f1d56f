/**
 * Purchases and releases under injected failures, through the adapter's number actions: a purchase whose
 * answer is lost after the simulator committed it is reported bought (checked against the DID list) and
 * recorded exactly once in the ledger; one that failed before the commit is reported not bought, and
 * neither is ever sent twice.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { call48Adapter } from '../../../src/main/carriers/call48/adapter'
import type { CarrierClient } from '../../../src/main/carriers/adapter'
import type { AvailableNumber } from '../../../src/shared/domain'
import { signal, startCall48, type Call48Bench } from './helpers'

let bench: Call48Bench
let carrierClient: CarrierClient

const context = {
  memo: { get: () => undefined, set: () => undefined },
  secrets: { put: async () => undefined, get: async () => undefined },
}

beforeAll(async () => {
  bench = await startCall48({ numbers: 1500 })
  const { secrets, ...settings } = bench.carrier.account
  carrierClient = call48Adapter.connect({ ...settings, id: 'acct-c48' }, secrets, context)
})
afterAll(async () => {
  await bench.stop()
})
beforeEach(() => {
  bench.faults({})
})

const purchaseRequests = (): number => bench.carrier.server.requestCount('/api/v4/purchase')

async function offers(state: string, count: number): Promise<AvailableNumber[]> {
  const found = await carrierClient.numbers!.search!({ query: { type: 'local', state, limit: count }, signal: signal() })
  expect(found).toHaveLength(count)
  return found
}

function purchasedNumbers(): string[] {
  return bench.ledger('purchase').flatMap((entry) => entry.details.numbers as string[])
}

describe('purchase after an ambiguous failure', () => {
  for (const fault of ['reset-after-commit', 'server-error-after-commit', 'malformed'] as const) {
    it(`reports a number bought once when the answer is lost after the commit (${fault})`, async () => {
      const [offer] = await offers('CO', 1)
      const ledgerBefore = bench.ledger('purchase').length
      const requestsBefore = purchaseRequests()
      bench.faults({ script: [{ fault, match: 'purchase', count: 1 }] })
      const result = await carrierClient.numbers!.purchase!({ numbers: [offer!], signal: signal() })
      expect(result.lines).toEqual([expect.objectContaining({ e164: offer!.e164, ok: true, checkedAfterFailure: true })])
      expect(purchaseRequests() - requestsBefore).toBe(1)
      expect(bench.ledger('purchase')).toHaveLength(ledgerBefore + 1)
      expect(purchasedNumbers().filter((tn) => `+1${tn}` === offer!.e164)).toHaveLength(1)
      const [record] = await carrierClient.numbers!.read!({ e164s: [offer!.e164], signal: signal() })
      expect(record).toMatchObject({ e164: offer!.e164, status: 'active' })
    })
  }

  for (const fault of ['reset', 'server-error'] as const) {
    it(`reports a number not bought when the request failed before the commit (${fault}), and does not resend it`, async () => {
      const [offer] = await offers('AZ', 1)
      const ledgerBefore = bench.ledger('purchase').length
      const requestsBefore = purchaseRequests()
      bench.faults({ script: [{ fault, match: 'purchase', count: 1 }] })
      const result = await carrierClient.numbers!.purchase!({ numbers: [offer!], signal: signal() })
      expect(result.lines).toEqual([expect.objectContaining({ e164: offer!.e164, ok: false, checkedAfterFailure: true })])
      expect(purchaseRequests() - requestsBefore).toBe(1)
      expect(bench.ledger('purchase')).toHaveLength(ledgerBefore)
      expect(await carrierClient.numbers!.read!({ e164s: [offer!.e164], signal: signal() })).toEqual([])
    })
  }

  it('finds a number bought after the first page of a large listing (the check reads the listing from the end)', async () => {
    const [offer] = await offers('OH', 1)
    bench.faults({ script: [{ fault: 'reset-after-commit', match: 'purchase', count: 1 }] })
    const listingsBefore = bench.carrier.server.requestCount('/api/v4/dids')
    const result = await carrierClient.numbers!.purchase!({ numbers: [offer!], signal: signal() })
    expect(result.lines[0]).toMatchObject({ ok: true, checkedAfterFailure: true })
    // 600 seeded DIDs at 500 a page: page 1, then the last page where the new number is.
    expect(bench.carrier.server.requestCount('/api/v4/dids') - listingsBefore).toBe(2)
  })

  it('buys a batch number by number: one refusal does not stop the others, and a bought number is not bought again', async () => {
    const batch = await offers('WA', 3)
    const stale: AvailableNumber = { ...batch[1]!, offer: { ...(batch[1]!.offer as object), locData: 'ffff' } }
    const first = await carrierClient.numbers!.purchase!({ numbers: [batch[0]!, stale, batch[2]!], signal: signal() })
    expect(first.lines.map((line) => line.ok)).toEqual([true, false, true])
    expect(first.lines[1]).toMatchObject({ code: '400', message: expect.stringContaining('locData') })
    expect(first.totalCost).toBeCloseTo((batch[0]!.setupCost ?? 0) + (batch[2]!.setupCost ?? 0))
    const again = await carrierClient.numbers!.purchase!({ numbers: [batch[0]!], signal: signal() })
    expect(again.lines[0]).toMatchObject({ ok: false, message: expect.stringContaining('already purchased') })
    expect(purchasedNumbers().filter((tn) => `+1${tn}` === batch[0]!.e164)).toHaveLength(1)
  })

  it('refuses to buy a number that did not come from a Call48 search', async () => {
    const [offer] = await offers('IL', 1)
    const requestsBefore = purchaseRequests()
    const result = await carrierClient.numbers!.purchase!({ numbers: [{ ...offer!, offer: undefined }], signal: signal() })
    expect(result.lines[0]).toMatchObject({ ok: false, code: 'no-offer' })
    expect(purchaseRequests()).toBe(requestsBefore)
  })
})

describe('release after an ambiguous failure', () => {
  it('reports a number released once when the answer is lost after the removal', async () => {
    const [offer] = await offers('MA', 1)
    await carrierClient.numbers!.purchase!({ numbers: [offer!], signal: signal() })
    const removalsBefore = bench.ledger('remove').length
    bench.faults({ script: [{ fault: 'reset-after-commit', match: 'remove-dids', count: 1 }] })
    const lines = await carrierClient.numbers!.release!({ e164s: [offer!.e164], signal: signal() })
    expect(lines).toEqual([expect.objectContaining({ e164: offer!.e164, ok: true, checkedAfterFailure: true })])
    expect(bench.ledger('remove')).toHaveLength(removalsBefore + 1)
  })

  it('reports a number still held when the removal failed before it happened', async () => {
    const [offer] = await offers('NC', 1)
    await carrierClient.numbers!.purchase!({ numbers: [offer!], signal: signal() })
    bench.faults({ script: [{ fault: 'server-error', match: 'remove-dids', count: 1 }] })
    const lines = await carrierClient.numbers!.release!({ e164s: [offer!.e164], signal: signal() })
    expect(lines).toEqual([expect.objectContaining({ ok: false, checkedAfterFailure: true })])
    expect(await carrierClient.numbers!.read!({ e164s: [offer!.e164], signal: signal() })).toHaveLength(1)
  })
})
