/**
 * How the number services reach a carrier's number actions (only for what its capabilities declare) and
 * write down what the carrier did: each number's outcome in the activity log (a number not sent is not
 * logged: nothing happened to it), the cache refreshed from the carrier's answer, the job's progress.
 */
import { unknownOutcomeCode, type Capability, type OrderLine, type PhoneNumberRecord } from '../../../shared/domain'
import type { BatchLine, BatchResult, JobProgress } from '../../../shared/ipc-shared'
import type { CarrierClient, NumberActions } from '../../carriers/adapter'
import type { CarrierRegistry } from '../../carriers/registry'
import { AppError } from '../../lib/app-error'
import { isAmbiguous } from '../../lib/carrier-error'
import { isCancelled, isNotSent, notSent } from '../../lib/outcome'
import type { Store } from '../../store/store'
import type { AccountRow } from '../../store/repositories/accounts'
import type { AccountsService } from '../accounts-service'
import type { ActivityLog } from '../activity-log'
import type { EventHub } from '../events'
import type { Jobs } from '../jobs'

export interface NumbersDeps {
  store: Store
  accounts: AccountsService
  registry: CarrierRegistry
  activity: ActivityLog
  events: EventHub
  jobs: Jobs
  dataDir: string
  now: () => number
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** The counts of a batch's lines: done, not sent, and the rest (failed or unknown). */
export function resultOf(jobId: string, lines: BatchLine[], cancelled: boolean): BatchResult {
  const succeeded = lines.filter((line) => line.ok).length
  const notSentCount = lines.filter(isNotSent).length
  return { jobId, lines, succeeded, failed: lines.length - succeeded - notSentCount, notSent: notSentCount, cancelled }
}

export const failedCount = (lines: OrderLine[]): number => lines.filter((line) => !line.ok && !isNotSent(line)).length

/** The lines for numbers a carrier call did not report on because it threw. */
export function linesOfError(e164s: string[], error: unknown): OrderLine[] {
  // Cancelled before the call was sent (kit send checks first): nothing happened to these numbers.
  if (isCancelled(error)) return e164s.map(notSent)
  const ambiguous = isAmbiguous(error)
  return e164s.map((e164) => ({
    e164,
    ok: false,
    code: ambiguous ? unknownOutcomeCode : error instanceof AppError ? error.code : 'internal',
    message: ambiguous ? `Outcome unknown, check the carrier: ${messageOf(error)}` : messageOf(error),
  }))
}

export class CarrierActions {
  constructor(private readonly deps: NumbersDeps) {}

  capabilitiesOf(account: AccountRow): Capability[] {
    return this.deps.registry.get(account.carrier).capabilities
  }

  async actionsFor(account: AccountRow, capability: Capability): Promise<NumberActions> {
    const adapter = this.deps.registry.get(account.carrier)
    if (!adapter.capabilities.includes(capability)) {
      throw new AppError('validation', `${adapter.name} does not offer this (${capability})`)
    }
    const client: CarrierClient = await this.deps.accounts.connect(account)
    if (!client.numbers) throw new AppError('validation', `${adapter.name} does not offer number actions`)
    return client.numbers
  }

  progress(progress: JobProgress): void {
    this.deps.events.emit('jobs.progress', progress)
  }

  /** Refreshes the cache for numbers a carrier just changed: from the carrier's answer where it can say. */
  async refreshCache(
    account: AccountRow,
    actions: NumberActions,
    e164s: string[],
    signal: AbortSignal,
    fallback: (number: PhoneNumberRecord) => PhoneNumberRecord,
  ): Promise<void> {
    if (e164s.length === 0) return
    if (actions.read) {
      try {
        const fresh = await actions.read({ e164s, signal })
        this.deps.store.numbers.upsert(fresh.filter((number) => number.accountId === account.id))
        return
      } catch {
        // The change went through; a failed read-back only means the cache is patched locally below.
      }
    }
    const patched = e164s
      .map((e164) => this.deps.store.numbers.get({ accountId: account.id, e164 }))
      .filter((number): number is PhoneNumberRecord => number !== undefined)
      .map(fallback)
    this.deps.store.numbers.upsert(patched)
  }

  /** Logs each number's outcome; a number not sent is not logged, since nothing happened to it. */
  recordLines(
    account: AccountRow,
    action: string,
    lines: OrderLine[],
    details?: (e164: string) => Record<string, unknown>,
  ): void {
    for (const line of lines) {
      if (isNotSent(line)) continue
      this.deps.activity.record({
        accountId: account.id,
        carrier: account.carrier,
        action,
        // A purchase of "any number in a city" is logged under the number the carrier assigned.
        target: line.assigned ?? line.e164,
        result: line.ok ? 'succeeded' : line.code === unknownOutcomeCode ? 'unknown' : 'failed',
        message: line.message,
        details: {
          ...(details?.(line.e164) ?? {}),
          ...(line.assigned ? { offer: line.e164 } : {}),
          ...(line.code ? { carrierCode: line.code } : {}),
          ...(line.checkedAfterFailure ? { checkedAfterFailure: true } : {}),
        },
      })
    }
  }
}
