/**
 * What the per-number services (features, conference line, E911 locations and alerts) share: reaching
 * the carrier client of a cached number's account for one capability, and running one mutation of one
 * number so that it is logged once with its true outcome (succeeded, failed, or unknown when the answer
 * was lost and could not be read back). A mutation cancelled before it was sent is not logged: nothing
 * happened.
 */
import type { Capability, NumberKey } from '../../../shared/domain'
import type { CarrierClient, Settled } from '../../carriers/adapter'
import { AppError } from '../../lib/app-error'
import { CarrierError, isAmbiguous } from '../../lib/carrier-error'
import { isCancelled } from '../../lib/outcome'
import type { AccountRow } from '../../store/repositories/accounts'
import { messageOf, type NumbersDeps } from './carrier-actions'

export class OneNumber {
  constructor(private readonly deps: NumbersDeps) {}

  /** The account of a number CarrierDesk has cached (changes are offered on cached numbers only). */
  accountOf(key: NumberKey): AccountRow {
    const account = this.deps.accounts.find(key.accountId)
    if (!this.deps.store.numbers.get(key)) throw new AppError('not-found', `${key.e164} is not in the cache for this account`)
    return account
  }

  /** The account's connected client, when its carrier declares `capability`. */
  async client(account: AccountRow, capability: Capability): Promise<CarrierClient> {
    const adapter = this.deps.registry.get(account.carrier)
    if (!adapter.capabilities.includes(capability)) throw new AppError('validation', `${adapter.name} does not offer this (${capability})`)
    return this.deps.accounts.connect(account)
  }

  /**
   * Runs one mutation and logs it under `action`. `details` must never hold a secret; `scrub` removes one
   * (a PIN typed for this call) from any error text before it is logged or shown.
   */
  async mutate<T extends Settled>(
    account: AccountRow,
    entry: { action: string; target: string; details?: Record<string, unknown> | undefined; scrub?: string | undefined },
    run: () => Promise<T>,
  ): Promise<T> {
    const clean = (text: string): string => (entry.scrub ? text.split(entry.scrub).join('••••') : text)
    const base = { accountId: account.id, carrier: account.carrier, action: entry.action, target: entry.target }
    let result: T
    try {
      result = await run()
    } catch (error) {
      if (isCancelled(error)) throw error
      const message = clean(messageOf(error))
      this.deps.activity.record({ ...base, result: isAmbiguous(error) ? 'unknown' : 'failed', message, details: entry.details })
      if (entry.scrub && message !== messageOf(error)) {
        if (error instanceof CarrierError) throw new CarrierError(error.code as 'carrier', { ...error.info, message: clean(error.info.message) })
        throw new AppError(error instanceof AppError ? error.code : 'internal', message)
      }
      throw error
    }
    this.deps.activity.record({
      ...base,
      result: 'succeeded',
      message: result.checkedAfterFailure ? 'Confirmed at the carrier after an unclear answer' : undefined,
      details: { ...entry.details, ...(result.checkedAfterFailure ? { checkedAfterFailure: true } : {}) },
    })
    return result
  }

  /** Reads the number afresh into the cache after a change that shows in its cached fields. */
  async refresh(account: AccountRow, client: CarrierClient, e164: string, signal: AbortSignal): Promise<void> {
    if (!client.numbers?.read) return
    try {
      const fresh = await client.numbers.read({ e164s: [e164], signal })
      this.deps.store.numbers.upsert(fresh.filter((number) => number.accountId === account.id))
      this.deps.events.emit('numbers.changed', { accountIds: [account.id] })
    } catch {
      // The change went through; the cache catches up at the next sync.
    }
  }
}
