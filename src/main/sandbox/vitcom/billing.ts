/**
 * Billing endpoints: get_invoices (monthly PDF invoices, downloadable from `/downloads/invoices/...`),
 * financial_summary (every money movement with a running balance), get_payments and make_payment.
 * Card payments keep only the amount and the card's last four digits: never the number or the CVV.
 */
import type { Router } from '../kit/http'
import { SimHttpError } from '../kit/http'
import { hash32, unit } from '../kit/random'
import { addEndpoint, type VitcomEnv } from './endpoint'
import {
  centsOf,
  dateTime,
  invalid,
  money,
  ok,
  optional,
  optionalDate,
  originOf,
  required,
  vitcomError,
  wholeNumber,
} from './forms'
import { landlineRateCents, tollFreeRateCents } from './inventory'
import { vitcomDrift } from '../kit/drift'
import { minimalPdf } from './pdf'
import { bookActivity, cardFeeCents, type Payment, type VitcomState } from './state'

/** The activity types the doc lists for financial_summary's `activitytype`. */
export const activityTypes = [
  'All Activity',
  'Test Call Credit',
  'Bank Transfer',
  'Bank Fee',
  'Paypal Transfer',
  'Paypal Fee',
  'USF Tax Deduction',
  'Payment Cancelled',
  'Payment Refund',
  'Call Charges',
  'Order (New DIDs)',
  'Order (LNP)',
  'Credit Card',
  'Credit Card Fee',
] as const

const paymentMethods: Record<string, Payment['method']> = { paypal: 'paypal', bank: 'bank', 'credit card': 'credit card' }

interface Invoice {
  invoiceNo: string
  at: number
  amountCents: number
}

/** Monthly invoices on the 1st, from two months before the call history up to this month. */
function invoices(env: VitcomEnv): Invoice[] {
  const { context, state } = env
  const now = context.clock.now()
  const earliest = now - (context.historyDays + 62) * 86_400_000
  const list: Invoice[] = []
  const cursor = new Date(now)
  let year = cursor.getUTCFullYear()
  let month = cursor.getUTCMonth()
  for (;;) {
    const at = Date.UTC(year, month, 1)
    if (at < earliest) break
    list.push(invoiceFor(state, context.seed, context.callsPerDay, context.ownedNumbers, year, month + 1))
    month -= 1
    if (month < 0) {
      month = 11
      year -= 1
    }
  }
  return list.reverse()
}

function invoiceFor(state: VitcomState, seed: number, callsPerDay: number, ownedNumbers: number, year: number, month: number): Invoice {
  const period = year * 100 + month
  // A month of call charges plus the DIDs' monthly rate: stable for a seed, so a re-download matches the listing.
  const callsCents = callsPerDay * 30 * 0.82 * 2.4 * 0.62 * (0.85 + unit(seed, period, 61) * 0.3)
  // The seeded numbers' rates: landlines, and the seeded drift's toll-free numbers at theirs.
  const tollFree = vitcomDrift(seed, ownedNumbers).tollFree.size
  const didCents = (ownedNumbers - tollFree) * landlineRateCents + tollFree * tollFreeRateCents
  return {
    invoiceNo: `INV-${state.accountNo}-${period}`,
    at: Date.UTC(year, month - 1, 1),
    amountCents: Math.round(callsCents + didCents + (hash32(seed, period) % 500)),
  }
}

/** Luhn check, so obviously mistyped card numbers are refused as a gateway would. */
function luhnValid(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

function paymentView(state: VitcomState, payment: Payment): Record<string, string> {
  return {
    accountno: state.accountNo,
    date: dateTime(payment.at),
    referenceno: payment.referenceno,
    funded_amount: money(payment.fundedCents),
    charges: money(payment.chargesCents),
    amount: money(payment.fundedCents - payment.chargesCents),
    method: payment.method,
    status: payment.status,
  }
}

export function registerBillingRoutes(router: Router, env: VitcomEnv): void {
  const { state, context } = env

  addEndpoint(router, env, 'get_invoices', (fields, request) => {
    const from = optionalDate(fields, 'from')
    const to = optionalDate(fields, 'to')
    const base = `${originOf(request)}/downloads/invoices/${state.accountNo}`
    const data = invoices(env)
      .filter((invoice) => (from === undefined || invoice.at >= from) && (to === undefined || invoice.at <= to))
      .map((invoice) => ({
        date: dateTime(invoice.at),
        file: `${base}/${invoice.invoiceNo}.pdf`,
        // Beyond the doc's example: the invoice number and total, so a list can be shown without downloading.
        invoiceno: invoice.invoiceNo,
        amount: money(invoice.amountCents),
      }))
    return ok({ data })
  })

  router.add('GET', '/downloads/invoices/:accountno/:file', (request) => {
    const invoice = invoices(env).find((candidate) => `${candidate.invoiceNo}.pdf` === request.params.file)
    if (request.params.accountno !== state.accountNo || !invoice) {
      throw new SimHttpError(404, 'File not found', vitcomError(404, 'File not found'))
    }
    const body = minimalPdf([
      'TelecomCloud Invoice',
      `Invoice: ${invoice.invoiceNo}`,
      `Account: ${state.accountNo}`,
      `Date: ${dateTime(invoice.at).slice(0, 10)}`,
      `Amount due: $${money(invoice.amountCents)}`,
    ])
    return { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${invoice.invoiceNo}.pdf"` }, body }
  })

  addEndpoint(router, env, 'financial_summary', (fields) => {
    const type = optional(fields, 'activitytype')
    const known = type === undefined ? undefined : activityTypes.find((candidate) => candidate.toLowerCase() === type.toLowerCase())
    if (type !== undefined && known === undefined) throw invalid('activitytype')
    const data = state.activities
      .filter((activity) => known === undefined || known === 'All Activity' || activity.activity === known)
      .map((activity) => ({
        accountno: state.accountNo,
        date: dateTime(activity.at),
        activity: activity.activity,
        debit: money(activity.debitCents),
        credit: money(activity.creditCents),
        balance: money(activity.balanceCents),
      }))
    return ok({ data })
  })

  addEndpoint(router, env, 'get_payments', (fields) => {
    const referenceno = optional(fields, 'referenceno')
    const from = optionalDate(fields, 'from')
    const to = optionalDate(fields, 'to')
    const methodValue = optional(fields, 'method')
    const method = methodValue === undefined ? undefined : paymentMethods[methodValue.toLowerCase()]
    if (methodValue !== undefined && method === undefined) throw invalid('method')
    const data = state.payments
      .filter(
        (payment) =>
          (referenceno === undefined || payment.referenceno === referenceno) &&
          (from === undefined || payment.at >= from) &&
          // A bare date as `to` means the whole of that day.
          (to === undefined || payment.at < (to % 86_400_000 === 0 ? to + 86_400_000 : to + 1000)) &&
          (method === undefined || payment.method === method),
      )
      .map((payment) => paymentView(state, payment))
    return ok({ data })
  })

  addEndpoint(router, env, 'make_payment', (fields) => {
    required(fields, 'firstname')
    required(fields, 'lastname')
    const cardNumber = required(fields, 'cardnumber').replace(/[\s-]/g, '')
    if (!/^\d{13,19}$/.test(cardNumber) || !luhnValid(cardNumber)) throw invalid('cardnumber')
    const expMonth = wholeNumber(required(fields, 'expmonth'), 'expmonth', 1, 12)
    const expYearValue = required(fields, 'expyear')
    const expYear = /^\d{2}$/.test(expYearValue) ? 2000 + Number(expYearValue) : wholeNumber(expYearValue, 'expyear', 2000, 2100)
    const now = new Date(context.clock.now())
    if (expYear * 12 + expMonth < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) throw invalid('expyear')
    if (!/^\d{3,4}$/.test(required(fields, 'cvv'))) throw invalid('cvv')
    // The doc lists no amount, yet a payment needs one: `amount` (dollars, e.g. "50.00") is required
    // rather than charging a card an invented sum.
    const amountCents = centsOf(required(fields, 'amount'))
    if (amountCents === undefined || amountCents < 100 || amountCents > 1_000_000) throw invalid('amount')
    const at = context.clock.now()
    const chargesCents = cardFeeCents(amountCents)
    const cardLast4 = cardNumber.slice(-4)
    const payment: Payment = {
      at,
      referenceno: `CC${String(hash32(context.seed, state.payments.length, at % 1_000_000) % 100_000_000).padStart(8, '0')}`,
      fundedCents: amountCents,
      chargesCents,
      method: 'credit card',
      status: '1',
      cardLast4,
    }
    state.payments.push(payment)
    bookActivity(state, at, 'Credit Card', 0, amountCents)
    bookActivity(state, at, 'Credit Card Fee', chargesCents, 0)
    env.record('make_payment', { referenceno: payment.referenceno, amount: money(amountCents), charges: money(chargesCents), cardLast4 })
    // `referenceno` is beyond the doc's example; it is what get_payments is filtered by.
    return ok({ success: 'Payment added successfully.', referenceno: payment.referenceno })
  })
}
