/**
 * Payments in one list: the carrier's own (cached by the billing sync) beside those made from CarrierDesk
 * (the activity log), each CarrierDesk payment matched to the carrier's record of it. A payment whose answer
 * was lost (`unknown`) stays unsettled until the carrier's list shows it (the same amount, soon after) or a
 * technician records what the carrier said; until then the payment form warns before paying again.
 */
import type { CarrierPayment } from '../../../shared/billing'
import type { ActivityEntry } from '../../../shared/domain'
import type { PaymentSettlement, PaymentView } from '../../../shared/ipc-shared'

export const paymentAction = 'billing.payment'
export const paymentCheckAction = 'billing.payment.check'

/** How long after a lost answer the carrier's record of that payment may be dated (its clock, its queue). */
const matchWindowMs = 24 * 3_600_000
/** And how long before (clocks differ). */
const clockSkewMs = 15 * 60_000

const sameAmount = (a: number, b: number): boolean => Math.round(a * 100) === Math.round(b * 100)

const numberOf = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)
const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)

const outcomeWords: Record<ActivityEntry['result'], string> = { succeeded: 'accepted', failed: 'refused', unknown: 'outcome unknown' }

export function paymentsView(options: {
  carrierPayments: CarrierPayment[]
  attempts: ActivityEntry[]
  checks: ActivityEntry[]
  accountName: (accountId: string) => string
}): PaymentView[] {
  const { accountName } = options
  const claimed = new Set<CarrierPayment>()
  const checkOf = new Map<number, ActivityEntry>()
  // Newest first: the latest check of a payment is the one that stands.
  for (const check of options.checks) {
    const id = numberOf(check.details?.activityId)
    if (id !== undefined && !checkOf.has(id)) checkOf.set(id, check)
  }
  const ofAccount = (accountId: string | undefined): CarrierPayment[] => options.carrierPayments.filter((payment) => payment.accountId === accountId)

  // Oldest attempts first, so each claims the earliest carrier record that fits it.
  const attempts = [...options.attempts].sort((a, b) => a.at - b.at || a.id - b.id)
  const desk: PaymentView[] = attempts.map((attempt) => {
    const amount = numberOf(attempt.details?.amount) ?? 0
    const reference = textOf(attempt.details?.reference)
    const candidates = ofAccount(attempt.accountId).filter((payment) => !claimed.has(payment))
    let settlement: PaymentSettlement | undefined
    let matched: CarrierPayment | undefined
    if (reference) matched = candidates.find((payment) => payment.reference === reference)
    const check = checkOf.get(attempt.id)
    if (check) {
      settlement = { how: 'checked', wentThrough: check.details?.wentThrough === true, at: check.at }
    } else if (attempt.result === 'unknown') {
      matched ??= candidates.find(
        (payment) => sameAmount(payment.amount, amount) && payment.at >= attempt.at - clockSkewMs && payment.at <= attempt.at + matchWindowMs,
      )
      if (matched) settlement = { how: 'seen-at-carrier', wentThrough: true, reference: matched.reference, at: matched.asOf }
    }
    if (matched) claimed.add(matched)
    return {
      key: `desk:${attempt.id}`,
      source: 'carrierdesk',
      accountId: attempt.accountId ?? '',
      accountName: attempt.accountId ? accountName(attempt.accountId) : (attempt.target ?? ''),
      carrier: attempt.carrier ?? '',
      at: attempt.at,
      reference: reference ?? matched?.reference,
      method: textOf(attempt.details?.method) ?? 'card',
      amount,
      status: outcomeWords[attempt.result],
      activityId: attempt.id,
      outcome: attempt.result,
      message: attempt.message,
      settlement,
      unsettled: attempt.result === 'unknown' && settlement === undefined,
    }
  })

  const carrier: PaymentView[] = options.carrierPayments.map((payment, index) => ({
    key: `carrier:${payment.accountId}:${payment.reference}:${index}`,
    source: 'carrier',
    accountId: payment.accountId,
    accountName: accountName(payment.accountId),
    carrier: payment.carrier,
    at: payment.at,
    reference: payment.reference,
    method: payment.method,
    amount: payment.amount,
    status: payment.status,
    charges: payment.charges,
    credited: payment.credited,
    unsettled: false,
    madeFromCarrierDesk: claimed.has(payment),
    asOf: payment.asOf,
  }))

  return [...desk, ...carrier].sort((a, b) => b.at - a.at)
}
