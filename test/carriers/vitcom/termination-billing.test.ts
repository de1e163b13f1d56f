/**
 * VitcomClient termination and billing operations against the Sandbox simulator: termination trunk
 * groups (define, get, disable), their statistics, monthly summary and daily CDR files; invoices (PDF
 * downloads to disk), the financial summary by activity type, payments, and make_payment, whose card
 * number and CVV must never reach an error message or the simulator's ledger.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CarrierError } from '../../../src/main/lib/carrier-error'
import type { PaymentCard } from '../../../src/main/carriers/vitcom/client'
import { tempDir } from '../../helpers/temp'
import { signal, startVitcom, type VitcomFixture } from './helpers'

let vitcom: VitcomFixture
const dir = tempDir('vitcom-billing-')

beforeAll(async () => {
  vitcom = await startVitcom()
})

afterAll(async () => {
  await vitcom.stop()
  dir.remove()
})

async function refusal(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(CarrierError)
  return error as CarrierError
}

describe('termination', () => {
  it('defines, reads and disables a termination trunk group; refuses a duplicate IP and an unknown id', async () => {
    const defined = await vitcom.client.defineTerminationTrunk({ title: 'Lab out', ipAddress: '198.51.100.44', ports: 30, cps: 3, signal: signal() })
    const [trunk] = await vitcom.client.getTerminationTrunks({ trunkId: defined.trunkId, signal: signal() })
    expect(trunk).toMatchObject({ id: defined.trunkId, ipAddress: '198.51.100.44', ports: '30', cps: '3', status: '1' })
    expect((await refusal(vitcom.client.defineTerminationTrunk({ title: 'Dup', ipAddress: '198.51.100.44', ports: 1, signal: signal() }))).info.message).toBe('Invalid ipaddress')
    await vitcom.client.disableTerminationTrunk({ trunkId: defined.trunkId!, signal: signal() })
    const [disabled] = await vitcom.client.getTerminationTrunks({ trunkId: defined.trunkId, signal: signal() })
    expect(disabled?.status).toBe('0')
    expect(vitcom.ledger('disable_trunk_termination')).toHaveLength(1)
    expect((await refusal(vitcom.client.disableTerminationTrunk({ trunkId: '99999', signal: signal() }))).info.message).toBe('Invalid tg_id')
  })

  it('downloads a trunk group configuration sheet', async () => {
    const [trunk] = await vitcom.client.getTerminationTrunks({ signal: signal() })
    const file = join(dir.path, 'trunk.pdf')
    await vitcom.client.downloadTrunkSettings({ url: trunk!.configUrl!, file, signal: signal() })
    expect(readFileSync(file).subarray(0, 4).toString()).toBe('%PDF')
  })

  it('answers trunk statistics, monthly summary and daily CDR files of termination', async () => {
    const stats = await vitcom.client.trunkGroupStatsTermination({ trunkIds: ['500', '501'], signal: signal() })
    expect(stats.map((row) => row.subject)).toEqual(['500', '501'])
    expect(stats[0]!.processed).toBeGreaterThan(stats[1]!.processed!)
    const year = new Date(vitcom.sandbox.clock.now()).getUTCFullYear()
    expect((await vitcom.client.monthlySummaryTermination({ year, signal: signal() })).length).toBeGreaterThan(0)
    expect((await refusal(vitcom.client.monthlySummaryTermination({ year: 1999, signal: signal() }))).info.message).toBe('Invalid year')
    const days = await vitcom.client.dailyCdrsTermination({ signal: signal() })
    expect(days).toHaveLength(5)
    expect(days[0]!.successUrl).toContain('/term_')
    expect((await refusal(vitcom.client.dailyCdrsTermination({ from: '2020-13-01', signal: signal() }))).info.message).toBe('Invalid from')
  })
})

describe('billing', () => {
  it('lists invoices for a range and streams a PDF to disk (no .part left)', async () => {
    const invoices = await vitcom.client.getInvoices({ signal: signal() })
    expect(invoices.length).toBeGreaterThan(1)
    const last = invoices.at(-1)!
    const day = last.date.slice(0, 10)
    const ranged = await vitcom.client.getInvoices({ from: day, to: day, signal: signal() })
    expect(ranged.map((invoice) => invoice.url)).toEqual([last.url])
    const file = join(dir.path, 'invoices', `${last.invoiceNo ?? 'invoice'}.pdf`)
    const result = await vitcom.client.downloadInvoice({ url: last.url, file, signal: signal() })
    expect(result.contentType).toBe('application/pdf')
    expect(readFileSync(file, 'latin1')).toContain(`Invoice: ${last.invoiceNo}`)
    expect(existsSync(`${file}.part`)).toBe(false)
  })

  it('filters the financial summary by activity type; the balances run', async () => {
    const all = await vitcom.client.financialSummary({ signal: signal() })
    expect(all.length).toBeGreaterThan(3)
    for (let index = 1; index < all.length; index += 1) {
      const row = all[index]!
      expect(row.balance).toBeCloseTo(all[index - 1]!.balance + row.credit - row.debit, 2)
    }
    const charges = await vitcom.client.financialSummary({ activityType: 'Call Charges', signal: signal() })
    expect(charges.length).toBeGreaterThan(0)
    expect(charges.every((row) => row.activity === 'Call Charges' && row.debit > 0)).toBe(true)
  })

  it('lists payments by method and reference', async () => {
    const payments = await vitcom.client.getPayments({ signal: signal() })
    expect(payments.length).toBeGreaterThan(0)
    const bank = await vitcom.client.getPayments({ method: 'Bank', signal: signal() })
    expect(bank.every((payment) => payment.method === 'bank')).toBe(true)
    const [one] = await vitcom.client.getPayments({ referenceNo: payments[0]!.referenceNo, signal: signal() })
    expect(one).toEqual(payments[0])
  })

  const card: PaymentCard = { firstName: 'Pat', lastName: 'Lee', cardNumber: '4111111111111111', expMonth: 12, expYear: 2099, cvv: '737', zipcode: '33101' }

  it('makes a card payment: the balance grows by the amount, the ledger keeps only the last four digits', async () => {
    const before = (await vitcom.client.financialSummary({ signal: signal() })).at(-1)!.balance
    const paid = await vitcom.client.makePayment({ card, amount: '50.00', signal: signal() })
    expect(paid.referenceNo).toMatch(/^CC\d+$/)
    const after = await vitcom.client.financialSummary({ signal: signal() })
    const credit = after.find((row) => row.activity === 'Credit Card' && row.credit === 50)
    expect(credit).toBeDefined()
    expect(after.at(-1)!.balance).toBeCloseTo(before + 50 - (after.at(-1)!.debit ?? 0), 2)
    const ledger = JSON.stringify(vitcom.ledger('make_payment'))
    expect(ledger).toContain('"cardLast4":"1111"')
    expect(ledger).not.toContain(card.cardNumber)
  })

  it('a refused payment names the problem but contains neither the card number nor the CVV', async () => {
    const badCard = { ...card, cardNumber: '4111111111111112', cvv: '9137' }
    const error = await refusal(vitcom.client.makePayment({ card: badCard, amount: '20.00', signal: signal() }))
    expect(error.info.message).toBe('Invalid cardnumber')
    const everything = `${error.message} ${JSON.stringify(error.info)} ${JSON.stringify(error.details ?? {})} ${String(error.stack)}`
    expect(everything).not.toContain(badCard.cardNumber)
    expect(everything).not.toContain(badCard.cvv)
    const badCvv = await refusal(vitcom.client.makePayment({ card: { ...card, cvv: '12' }, amount: '20.00', signal: signal() }))
    expect(badCvv.info.message).toBe('Invalid cvv')
    await expect(vitcom.client.makePayment({ card, amount: 'twenty', signal: signal() })).rejects.toMatchObject({ code: 'validation' })
  })

  it('scrubs a card number or CVV the carrier might echo in its error text', () => {
    const error = (() => {
      try {
        vitcom.client.transport.checkEnvelope({ status: '404', error: 'Card 4111111111111111 declined (cvv 737)' }, 404, 'make_payment', {
          kind: 'mutation',
          scrub: [card.cardNumber, card.cvv],
        })
      } catch (caught) {
        return caught as CarrierError
      }
      return undefined
    })()
    expect(error?.info.message).toBe('Card [redacted] declined (cvv [redacted])')
  })
})
