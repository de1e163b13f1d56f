/**
 * Billing: payments to carriers, and the money the billing sync cached (balances, the ledger, the carrier's
 * payments beside CarrierDesk's) with the monthly cost of the cached inventory.
 *
 * The card (where the carrier takes one) passes straight through to the carrier client: it is never stored,
 * logged, cached or echoed; the activity log records the amount and outcome. A payment is never retried:
 * after a lost answer the carrier's payment list (where it has one) is read, compared with the one read just
 * before sending, and a new payment of that amount settles it as made. Otherwise the log and the error say
 * the outcome is unknown, and it stays unsettled (the payment form warns) until the carrier's payment list
 * shows it or a technician records what the carrier said.
 */
import type { CarrierPayment } from '../../shared/billing'
import type { ActivityEntry, PaymentCard } from '../../shared/domain'
import type { BalanceView, BillingOverview, LedgerResult, LedgerTotal, PaymentsResult, PaymentView } from '../../shared/ipc-shared'
import { isAmbiguous } from '../lib/carrier-error'
import type { CarrierRegistry } from '../carriers/registry'
import type { Store } from '../store/store'
import type { AccountsService } from './accounts-service'
import type { ActivityLog } from './activity-log'
import { AppError } from '../lib/app-error'
import { paymentAction, paymentCheckAction, paymentsView } from './billing/payments-view'

export interface BillingServiceDeps {
  store: Store
  accounts: AccountsService
  registry: CarrierRegistry
  activity: ActivityLog
}

/** Payment attempts read for the list: years of a NOC's payments fit well within this. */
const attemptsLimit = 10_000
/** Ledger entries summed for the charts. */
const ledgerScanLimit = 200_000

const dayStart = (day: string | undefined): number | undefined => (day === undefined ? undefined : Date.parse(`${day}T00:00:00Z`))
const dayEnd = (day: string | undefined): number | undefined => (day === undefined ? undefined : Date.parse(`${day}T00:00:00Z`) + 86_400_000)

/** Sums per key in whole cents, so a column of amounts adds up exactly as written. */
function totalsBy(rows: { key: string; debit: number; credit: number }[]): LedgerTotal[] {
  const sums = new Map<string, { debit: number; credit: number }>()
  for (const row of rows) {
    const sum = sums.get(row.key) ?? { debit: 0, credit: 0 }
    sum.debit += Math.round(row.debit * 100)
    sum.credit += Math.round(row.credit * 100)
    sums.set(row.key, sum)
  }
  return [...sums].map(([key, sum]) => ({ key, debit: sum.debit / 100, credit: sum.credit / 100 }))
}

export class BillingService {
  constructor(private readonly deps: BillingServiceDeps) {}

  private accountName = (accountId: string): string => this.deps.store.accounts.get(accountId)?.name ?? accountId

  async pay(
    input: { accountId: string; amount: number; card?: PaymentCard | undefined },
    signal: AbortSignal,
  ): Promise<{ message: string; reference?: string | undefined; checkedAfterFailure?: boolean | undefined }> {
    const account = this.deps.accounts.find(input.accountId)
    const adapter = this.deps.registry.get(account.carrier)
    if (!adapter.capabilities.includes('billing.payments')) {
      throw new AppError('validation', `${adapter.name} does not take payments through its API`)
    }
    if (adapter.paymentMethod === 'card' && !input.card) {
      throw new AppError('validation', `${adapter.name} needs a card for this payment`, { fields: { card: 'Card details are required' } })
    }
    const client = await this.deps.accounts.connect(account)
    const billing = client.billing
    const pay = billing?.pay?.bind(billing)
    if (!billing || !pay) throw new AppError('validation', `${adapter.name} does not take payments through its API`)
    const base = { accountId: account.id, carrier: account.carrier, action: paymentAction, target: account.name }
    const details = { amount: input.amount, method: adapter.paymentMethod ?? 'on-file' }
    const listPayments = billing.payments?.bind(billing)
    // The carrier's payments just before sending, so that after a lost answer a new one can be told apart.
    const before = listPayments ? await this.knownReferences(account.id, () => listPayments({ signal })) : undefined
    try {
      const result = await pay({
        amount: input.amount,
        card: adapter.paymentMethod === 'card' ? input.card : undefined,
        signal,
      })
      this.deps.activity.record({ ...base, result: 'succeeded', message: result.message, details: { ...details, reference: result.reference } })
      return result
    } catch (error) {
      const ambiguous = isAmbiguous(error)
      const message = error instanceof Error ? error.message : String(error)
      if (!ambiguous) {
        this.deps.activity.record({ ...base, result: 'failed', message, details })
        throw error
      }
      // Never sent again: the carrier's own list is read to settle what happened.
      const found = listPayments && before ? await this.newPayment(input.amount, before, () => listPayments({ signal: AbortSignal.timeout(30_000) })) : undefined
      if (found) {
        const settled = `${adapter.name} lists the payment (reference ${found.reference}) although its answer was lost`
        this.deps.activity.record({ ...base, result: 'succeeded', message: settled, details: { ...details, reference: found.reference, checkedAfterFailure: true } })
        return { message: settled, reference: found.reference, checkedAfterFailure: true }
      }
      const notListed = found === null ? `; ${adapter.name}'s payment list does not show it yet` : ''
      this.deps.activity.record({
        ...base,
        result: 'unknown',
        message: `Outcome unknown: check ${adapter.name}'s payment history before paying again (${message})${notListed}`,
        details: { ...details, checkedAfterFailure: listPayments !== undefined },
      })
      if (error instanceof AppError) {
        throw new AppError(error.code, `The payment may or may not have gone through: check ${adapter.name}'s payment history before paying again (${message})${notListed}`, error.details)
      }
      throw error
    }
  }

  /**
   * The references of the account's payments at the carrier now (read), or, when the read fails, those the
   * cache and the activity log know: the payments that are not the one about to be sent.
   */
  private async knownReferences(accountId: string, read: () => Promise<CarrierPayment[]>): Promise<Set<string>> {
    try {
      return new Set((await read()).map((payment) => payment.reference))
    } catch {
      const cached = this.deps.store.billing.payments({ accountId }).map((payment) => payment.reference)
      const logged = this.deps.store.activity
        .byActions([paymentAction], { accountId, limit: attemptsLimit })
        .map((entry) => entry.details?.reference)
        .filter((reference): reference is string => typeof reference === 'string')
      return new Set([...cached, ...logged])
    }
  }

  /** After a lost answer: the carrier's new payment of that amount, null when the list has none, undefined when it cannot be read. */
  private async newPayment(amount: number, before: Set<string>, read: () => Promise<CarrierPayment[]>): Promise<CarrierPayment | null | undefined> {
    try {
      const fresh = (await read()).filter((payment) => !before.has(payment.reference) && Math.round(payment.amount * 100) === Math.round(amount * 100))
      return fresh[0] ?? null
    } catch {
      return undefined
    }
  }

  /** Balances of every account (or one), and which carriers report none. */
  private balances(accountId?: string): BalanceView[] {
    const cached = new Map(this.deps.store.billing.balances(accountId).map((balance) => [balance.accountId, balance]))
    const accounts = this.deps.store.accounts.list().filter((account) => accountId === undefined || account.id === accountId)
    return accounts.map((account) => {
      const balance = cached.get(account.id)
      const supported = this.deps.registry.get(account.carrier).capabilities.includes('billing.balance')
      return {
        accountId: account.id,
        accountName: account.name,
        carrier: account.carrier,
        supported,
        amount: balance?.amount,
        currency: balance?.currency,
        asOf: balance?.asOf,
      }
    })
  }

  overview(input: { accountId?: string | undefined }): BillingOverview {
    const accountId = input.accountId === undefined ? undefined : this.deps.accounts.find(input.accountId).id
    const inventory = this.deps.store.billing
      .inventoryCost()
      .filter((row) => accountId === undefined || row.accountId === accountId)
      .map((row) => ({ ...row, accountName: this.accountName(row.accountId) }))
    return { balances: this.balances(accountId), inventory, unsettled: this.payments({ accountId }).unsettled.length }
  }

  ledger(input: { accountId?: string | undefined; activity?: string | undefined; from?: string | undefined; to?: string | undefined; limit: number }): LedgerResult {
    const accountId = input.accountId === undefined ? undefined : this.deps.accounts.find(input.accountId).id
    const filter = { accountId, activity: input.activity, fromMs: dayStart(input.from), toMs: dayEnd(input.to) }
    const all = this.deps.store.billing.ledger({ ...filter, limit: ledgerScanLimit })
    const asOfs = this.deps.store.billing.partsAsOf(accountId).filter((part) => part.part === 'ledger')
    return {
      rows: all.slice(0, input.limit).map((entry) => ({ ...entry, accountName: this.accountName(entry.accountId) })),
      total: all.length,
      byMonth: totalsBy(all.map((entry) => ({ key: new Date(entry.at).toISOString().slice(0, 7), debit: entry.debit, credit: entry.credit }))).sort((a, b) =>
        a.key.localeCompare(b.key),
      ),
      byActivity: totalsBy(all.map((entry) => ({ key: entry.activity, debit: entry.debit, credit: entry.credit }))).sort((a, b) => b.debit - a.debit || b.credit - a.credit),
      activities: this.deps.store.billing.activities(accountId),
      asOf: asOfs.length === 0 ? undefined : Math.min(...asOfs.map((part) => part.asOf)),
    }
  }

  payments(input: { accountId?: string | undefined; from?: string | undefined; to?: string | undefined }): PaymentsResult {
    const accountId = input.accountId === undefined ? undefined : this.deps.accounts.find(input.accountId).id
    const { activity, billing } = this.deps.store
    const fromMs = dayStart(input.from)
    const toMs = dayEnd(input.to)
    const attempts = activity.byActions([paymentAction], { accountId, limit: attemptsLimit })
    const checks = activity.byActions([paymentCheckAction], { accountId, limit: attemptsLimit })
    // Matched over everything cached, then filtered: a payment's carrier record may fall just outside the range.
    const all = paymentsView({ carrierPayments: billing.payments({ accountId }), attempts, checks, accountName: this.accountName })
    const rows = all.filter((row) => (fromMs === undefined || row.at >= fromMs) && (toMs === undefined || row.at < toMs))
    const asOfs = billing.partsAsOf(accountId).filter((part) => part.part === 'payments')
    return {
      rows,
      unsettled: all.filter((row) => row.unsettled),
      asOf: asOfs.length === 0 ? undefined : Math.min(...asOfs.map((part) => part.asOf)),
    }
  }

  /** Records what the technician found at the carrier about a payment of unknown outcome; it is then settled. */
  checkPayment(input: { activityId: number; wentThrough: boolean }): PaymentView {
    const attempt = this.deps.store.activity.byActions([paymentAction], { limit: attemptsLimit }).find((entry) => entry.id === input.activityId)
    if (!attempt) throw new AppError('not-found', `No payment made from CarrierDesk has the activity id ${input.activityId}`)
    if (attempt.result !== 'unknown') throw new AppError('validation', `That payment's outcome is known (${attempt.result}); there is nothing to settle`)
    const entry: Omit<ActivityEntry, 'id' | 'at' | 'actor'> = {
      accountId: attempt.accountId,
      carrier: attempt.carrier,
      action: paymentCheckAction,
      target: attempt.target,
      result: 'succeeded',
      message: input.wentThrough ? 'Checked with the carrier: the payment went through' : 'Checked with the carrier: the payment did not go through',
      details: { activityId: attempt.id, wentThrough: input.wentThrough, amount: attempt.details?.amount },
    }
    this.deps.activity.record(entry)
    const settled = this.payments({ accountId: attempt.accountId }).rows.find((row) => row.activityId === attempt.id)
    if (!settled) throw new AppError('internal', 'The payment could not be read back after recording the check')
    return settled
  }
}
