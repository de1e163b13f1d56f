/**
 * Payments to carriers. The card (where the carrier takes one) passes straight through to the carrier
 * client: it is never stored, logged, cached or echoed; the activity log records the amount and outcome.
 * A payment is never retried; when its outcome is unknown the log and the error say so, so nobody pays
 * twice by trying again blindly.
 */
import type { PaymentCard } from '../../shared/domain'
import { isAmbiguous } from '../lib/carrier-error'
import type { CarrierRegistry } from '../carriers/registry'
import type { AccountsService } from './accounts-service'
import type { ActivityLog } from './activity-log'
import { AppError } from '../lib/app-error'

export interface BillingServiceDeps {
  accounts: AccountsService
  registry: CarrierRegistry
  activity: ActivityLog
}

export class BillingService {
  constructor(private readonly deps: BillingServiceDeps) {}

  async pay(
    input: { accountId: string; amount: number; card?: PaymentCard | undefined },
    signal: AbortSignal,
  ): Promise<{ message: string; reference?: string | undefined }> {
    const account = this.deps.accounts.find(input.accountId)
    const adapter = this.deps.registry.get(account.carrier)
    if (!adapter.capabilities.includes('billing.payments')) {
      throw new AppError('validation', `${adapter.name} does not take payments through its API`)
    }
    if (adapter.paymentMethod === 'card' && !input.card) {
      throw new AppError('validation', `${adapter.name} needs a card for this payment`, { fields: { card: 'Card details are required' } })
    }
    const client = await this.deps.accounts.connect(account)
    if (!client.billing?.pay) throw new AppError('validation', `${adapter.name} does not take payments through its API`)
    const base = { accountId: account.id, carrier: account.carrier, action: 'billing.payment', target: account.name }
    const details = { amount: input.amount, method: adapter.paymentMethod ?? 'on-file' }
    try {
      const result = await client.billing.pay({
        amount: input.amount,
        card: adapter.paymentMethod === 'card' ? input.card : undefined,
        signal,
      })
      this.deps.activity.record({ ...base, result: 'succeeded', message: result.message, details: { ...details, reference: result.reference } })
      return result
    } catch (error) {
      const ambiguous = isAmbiguous(error)
      const message = error instanceof Error ? error.message : String(error)
      this.deps.activity.record({
        ...base,
        result: ambiguous ? 'unknown' : 'failed',
        message: ambiguous ? `Outcome unknown: check ${adapter.name}'s payment history before paying again (${message})` : message,
        details,
      })
      if (ambiguous && error instanceof AppError) {
        throw new AppError(error.code, `The payment may or may not have gone through: check ${adapter.name}'s payment history before paying again (${message})`, error.details)
      }
      throw error
    }
  }
}
