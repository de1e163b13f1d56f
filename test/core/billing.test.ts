/**
 * Payments as a technician makes them: confirmed, sent once, logged with the amount, and the card never
 * kept anywhere (database, activity log, errors). A lost answer is settled by reading the carrier's payments,
 * never by sending again; when that read shows nothing new the outcome is reported unknown.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSandboxDesk, type SandboxDesk } from '../helpers/sandbox-desk'

const card = {
  firstName: 'Ada',
  lastName: 'Tech',
  cardNumber: '4111 1111 1111 1111',
  expMonth: 12,
  expYear: 2030,
  cvv: '737',
  zipcode: '33101',
}

describe('payments', () => {
  let env: SandboxDesk
  beforeAll(async () => {
    env = await openSandboxDesk({ numbers: 50, carriers: ['vitcom', 'call48'] })
  })
  afterAll(async () => {
    await env?.close()
  })

  const payments = (carrier: string, operation: string) => env.sandbox.ledger.entries({ carrier, operation })

  it('refuses a payment that was not confirmed, or a card carrier without a card, and sends nothing', async () => {
    const vitcom = env.account('vitcom')
    const unconfirmed = await env.dispatcher.invoke('billing.pay', { accountId: vitcom.id, amount: 25, card })
    expect(unconfirmed.ok).toBe(false)
    const cardless = await env.dispatcher.invoke('billing.pay', { accountId: vitcom.id, amount: 25, confirmed: true })
    expect(cardless.ok || cardless.error.details?.fields).toEqual({ card: 'Card details are required' })
    expect(payments('vitcom', 'make_payment')).toEqual([])
  })

  it('pays Vitcom by card once, logs the amount, and keeps the card nowhere', async () => {
    const vitcom = env.account('vitcom')
    const result = await env.dispatcher.invoke('billing.pay', { accountId: vitcom.id, amount: 42.5, card, confirmed: true })
    expect(result.ok).toBe(true)
    expect(payments('vitcom', 'make_payment').map((entry) => entry.details.amount)).toEqual(['42.50'])
    const logged = env.desk.activity.list({ limit: 5 }).find((entry) => entry.action === 'billing.payment')
    expect(logged).toMatchObject({ result: 'succeeded', details: { amount: 42.5, method: 'card' } })

    const everything = readdirSync(env.dataDir)
      .filter((name) => name.startsWith('carrierdesk.db'))
      .map((name) => readFileSync(join(env.dataDir, name)).toString('latin1'))
      .join('')
    expect(everything).not.toContain('4111111111111111')
    expect(everything).not.toContain('4111 1111 1111 1111')
    expect(JSON.stringify(env.desk.activity.list({ limit: 50 }))).not.toMatch(/4111|"737"/)
  })

  it('settles a payment whose answer was lost by reading the carrier’s payments: made once, logged succeeded', async () => {
    const vitcom = env.account('vitcom')
    const before = payments('vitcom', 'make_payment').length
    env.sandbox.carriers.vitcom!.faults.configure({ script: [{ fault: 'server-error-after-commit', match: 'make_payment' }] })
    const result = await env.dispatcher.invoke('billing.pay', { accountId: vitcom.id, amount: 10, card, confirmed: true })
    // It went through at the carrier, exactly once, and the carrier's list says so.
    expect(payments('vitcom', 'make_payment')).toHaveLength(before + 1)
    const sent = payments('vitcom', 'make_payment').at(-1)!
    expect(result).toEqual({ ok: true, value: { message: expect.stringContaining(`reference ${String(sent.details.referenceno)}`), reference: sent.details.referenceno, checkedAfterFailure: true } })
    expect(JSON.stringify(result)).not.toMatch(/4111|737/)
    const logged = env.desk.activity.list({ limit: 5 }).find((entry) => entry.action === 'billing.payment')
    expect(logged).toMatchObject({ result: 'succeeded', details: { amount: 10, reference: sent.details.referenceno, checkedAfterFailure: true } })
  })

  it('reports a lost answer as unknown when the carrier’s list has no new payment, never retries it, and holds no card data', async () => {
    const vitcom = env.account('vitcom')
    const before = payments('vitcom', 'make_payment').length
    env.sandbox.carriers.vitcom!.faults.configure({ script: [{ fault: 'reset', match: 'make_payment' }] })
    const result = await env.dispatcher.invoke('billing.pay', { accountId: vitcom.id, amount: 11, card, confirmed: true })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.message).toMatch(/may or may not have gone through/)
    expect(result.error.message).toMatch(/payment list does not show it yet/)
    expect(JSON.stringify(result.error)).not.toMatch(/4111|737/)
    // Not sent again after the reset: the carrier has no such payment.
    expect(payments('vitcom', 'make_payment')).toHaveLength(before)
    const logged = env.desk.activity.list({ limit: 5 }).find((entry) => entry.action === 'billing.payment')
    expect(logged?.result).toBe('unknown')
    // And it stays unsettled, so the payment form warns before paying again.
    expect(env.desk.billing.payments({ accountId: vitcom.id }).unsettled.map((payment) => payment.amount)).toEqual([11])
  })

  it('charges the card on file at Call48, and shows Call48’s own words when it refuses', async () => {
    const call48 = env.account('call48')
    const refused = await env.dispatcher.invoke('billing.pay', { accountId: call48.id, amount: 15, confirmed: true })
    expect(refused.ok || refused.error.message).toBe('payment: Amount must be greater than $20.00')
    const paid = await env.dispatcher.invoke('billing.pay', { accountId: call48.id, amount: 25, confirmed: true })
    expect(paid).toEqual({ ok: true, value: { message: 'Call48 accepted a payment of $25.00' } })
    expect(payments('call48', 'payment').map((entry) => entry.details.amount)).toEqual(['25.00'])
  })
})
