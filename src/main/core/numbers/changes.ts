/**
 * Changes to cached numbers: the detail view, local tags and notes, and changes and releases in bulk. A bulk
 * job runs per account in batches with progress and per-number results; each number's outcome lands in the
 * activity log with its before and after. Nothing that changes routing is retried: the clients re-read the
 * carrier after an ambiguous failure and say what happened. A cancel stops the work between carrier calls:
 * every number is reported done, not sent, failed, or of unknown outcome.
 */
import {
  changeCapability,
  type AddressCheck,
  type E911Address,
  type NumberChange,
  type NumberKey,
  type OrderLine,
  type PhoneNumberRecord,
} from '../../../shared/domain'
import type { BatchLine, BatchResult, JobProgress, NumberDetail } from '../../../shared/ipc-shared'
import { cachedValue } from '../../../shared/number-edits'
import { AppError } from '../../lib/app-error'
import { notSent } from '../../lib/outcome'
import type { AccountRow } from '../../store/repositories/accounts'
import { CarrierActions, failedCount, linesOfError, messageOf, resultOf, type NumbersDeps } from './carrier-actions'

/** How many numbers go to a carrier in one call; progress and cancellation happen between batches. */
const batchSize = 100

function changedValue(change: NumberChange): unknown {
  switch (change.kind) {
    case 'routing':
      return change.routing
    case 'cnam':
      return change.cnam
    case 'e911':
      return change.address
    case 'listing411':
      return change.listing
    case 'fax':
      return change.fax
    case 'status':
      return change.status
    case 'failover':
      return change.destination
    case 'stopForwarding':
      return 'not forwarded'
    case 'group':
      return change.groupId === null ? null : { id: change.groupId, name: change.groupName }
    case 'e911Remove':
      return null
  }
}

/** What the cache shows after a successful change, when the carrier cannot be asked to read it back. */
function applyLocally(number: PhoneNumberRecord, change: NumberChange, now: number): PhoneNumberRecord {
  const next = { ...number, asOf: now }
  if (change.kind === 'routing') {
    next.trunk = change.routing.kind === 'trunk' ? change.routing.trunk : `forward ${change.routing.destination}`
  }
  if (change.kind === 'cnam') next.cnam = change.cnam ?? undefined
  if (change.kind === 'e911') {
    const a = change.address
    next.e911 = `${a.street}${a.unit ? ` ${a.unit}` : ''}, ${a.city}, ${a.state} ${a.zip}`
  }
  if (change.kind === 'status') next.status = change.status
  if (change.kind === 'failover') next.failover = change.destination ?? undefined
  if (change.kind === 'group') next.group = change.groupId === null ? undefined : (change.groupName ?? change.groupId)
  if (change.kind === 'e911Remove') next.e911 = undefined
  return next
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size))
  return out
}

export class NumberChangesService {
  private readonly carriers: CarrierActions

  constructor(private readonly deps: NumbersDeps) {
    this.carriers = new CarrierActions(deps)
  }

  detail(key: NumberKey): NumberDetail {
    const number = this.deps.store.numbers.get(key)
    if (!number) throw new AppError('not-found', `${key.e164} is not in the cache for this account`)
    const account = this.deps.accounts.find(key.accountId)
    return {
      number,
      capabilities: this.carriers.capabilitiesOf(account),
      activity: this.deps.activity.list({ limit: 50, target: key.e164 }),
    }
  }

  setNotes(input: NumberKey & { tags: string[]; notes: string }): PhoneNumberRecord {
    const before = this.deps.store.numbers.get(input)
    if (!before) throw new AppError('not-found', `${input.e164} is not in the cache for this account`)
    this.deps.store.numbers.setNotes({ ...input, now: this.deps.now() })
    const after = this.deps.store.numbers.get(input) as PhoneNumberRecord
    this.deps.activity.record({
      accountId: input.accountId,
      carrier: before.carrier,
      action: 'number.notes',
      target: input.e164,
      result: 'succeeded',
      details: { before: { tags: before.tags, notes: before.notes }, after: { tags: after.tags, notes: after.notes } },
    })
    this.deps.events.emit('numbers.changed', { accountIds: [input.accountId] })
    return after
  }

  /** Adds and removes local tags on many numbers in one transaction (CarrierDesk only, never sent). */
  tag(input: { targets: NumberKey[]; add: string[]; remove: string[] }): { updated: number } {
    const updated = this.deps.store.numbers.retag({ ...input, now: this.deps.now() })
    this.deps.activity.record({
      action: 'number.tags',
      target: input.targets.length === 1 ? input.targets[0]?.e164 : `${input.targets.length} numbers`,
      result: 'succeeded',
      details: { add: input.add, remove: input.remove, numbers: updated },
    })
    this.deps.events.emit('numbers.changed', { accountIds: [...new Set(input.targets.map((t) => t.accountId))] })
    return { updated }
  }

  /**
   * Runs a batch operation over numbers grouped by account, in batches; `perBatch` returns one line per
   * number, and `onBatch` hears each batch's lines once they are settled (and logged). Cancellation stops
   * before the next batch (and the carriers stop between their calls within one); the numbers not reached
   * are reported not sent.
   */
  private async batchOver(
    options: { targets: NumberKey[]; signal: AbortSignal; onBatch?: ((lines: BatchLine[]) => void) | undefined },
    perBatch: (account: AccountRow, e164s: string[], signal: AbortSignal) => Promise<OrderLine[]>,
  ): Promise<BatchLine[]> {
    const lines: BatchLine[] = []
    const byAccount = new Map<string, string[]>()
    for (const target of options.targets) {
      const list = byAccount.get(target.accountId) ?? []
      if (!list.includes(target.e164)) list.push(target.e164)
      byAccount.set(target.accountId, list)
    }
    const settled = (batch: BatchLine[]): void => {
      lines.push(...batch)
      options.onBatch?.(batch)
    }
    for (const [accountId, e164s] of byAccount) {
      let account: AccountRow
      try {
        account = this.deps.accounts.find(accountId)
      } catch (error) {
        settled(e164s.map((e164) => ({ accountId, e164, ok: false, message: messageOf(error) })))
        continue
      }
      for (const batch of chunks(e164s, batchSize)) {
        if (options.signal.aborted) {
          settled(batch.map((e164) => ({ ...notSent(e164), accountId })))
          continue
        }
        let answered: OrderLine[]
        try {
          answered = await perBatch(account, batch, options.signal)
        } catch (error) {
          answered = linesOfError(batch, error)
        }
        const byNumber = new Map(answered.map((line) => [line.e164, line]))
        settled(batch.map((e164) => ({ ...(byNumber.get(e164) ?? { e164, ok: false, message: 'The carrier did not report on this number' }), accountId })))
      }
    }
    this.deps.events.emit('numbers.changed', { accountIds: [...byAccount.keys()] })
    return lines
  }

  /** Runs a batch operation as job `jobId`, with its progress, answering the per-number result. */
  private async asJob(
    input: { jobId: string; kind: JobProgress['kind']; targets: NumberKey[] },
    signal: AbortSignal,
    run: (options: { signal: AbortSignal; onBatch: (lines: BatchLine[]) => void }) => Promise<BatchLine[]>,
  ): Promise<BatchResult> {
    return this.deps.jobs.run(input.jobId, signal, async (jobSignal) => {
      const seen: BatchLine[] = []
      const total = input.targets.length
      const report = (): void =>
        this.carriers.progress({ jobId: input.jobId, kind: input.kind, done: seen.length, total, failed: failedCount(seen) })
      report()
      const lines = await run({
        signal: jobSignal,
        onBatch: (batch) => {
          seen.push(...batch)
          report()
        },
      })
      return resultOf(input.jobId, lines, jobSignal.aborted)
    })
  }

  async change(input: { jobId: string; targets: NumberKey[]; change: NumberChange }, signal: AbortSignal): Promise<BatchResult> {
    return this.asJob({ ...input, kind: 'change' }, signal, (options) => this.sendChange({ ...options, targets: input.targets, change: input.change }))
  }

  async release(input: { jobId: string; targets: NumberKey[] }, signal: AbortSignal): Promise<BatchResult> {
    return this.asJob({ ...input, kind: 'release' }, signal, (options) => this.sendRelease({ ...options, targets: input.targets }))
  }

  /**
   * Sends one change to numbers in batches, inside a job its caller runs (a direct change, or a change set
   * being applied): each number's outcome is logged with its before and after, and the cache refreshed.
   */
  async sendChange(options: {
    targets: NumberKey[]
    change: NumberChange
    signal: AbortSignal
    onBatch?: ((lines: BatchLine[]) => void) | undefined
  }): Promise<BatchLine[]> {
    const { change } = options
    return this.batchOver(options, async (account, e164s, s) => {
      const actions = await this.carriers.actionsFor(account, changeCapability[change.kind])
      if (!actions.change) throw new AppError('validation', 'This carrier cannot change numbers')
      const before = new Map(e164s.map((e164) => [e164, this.deps.store.numbers.get({ accountId: account.id, e164 })]))
      const details = (e164: string): Record<string, unknown> => ({ before: cachedValue(before.get(e164), change.kind), after: changedValue(change) })
      let lines: OrderLine[]
      try {
        lines = await actions.change({ e164s, change, signal: s })
      } catch (error) {
        this.carriers.recordLines(account, `number.change.${change.kind}`, linesOfError(e164s, error), details)
        throw error
      }
      const ok = lines.filter((line) => line.ok).map((line) => line.e164)
      await this.carriers.refreshCache(account, actions, ok, s, (number) => applyLocally(number, change, this.deps.now()))
      this.carriers.recordLines(account, `number.change.${change.kind}`, lines, details)
      return lines
    })
  }

  /** Releases numbers in batches inside a job its caller runs; released numbers are marked so in the cache. */
  async sendRelease(options: { targets: NumberKey[]; signal: AbortSignal; onBatch?: ((lines: BatchLine[]) => void) | undefined }): Promise<BatchLine[]> {
    return this.batchOver(options, async (account, e164s, s) => {
      const actions = await this.carriers.actionsFor(account, 'numbers.release')
      if (!actions.release) throw new AppError('validation', 'This carrier cannot release numbers')
      let lines: OrderLine[]
      try {
        lines = await actions.release({ e164s, signal: s })
      } catch (error) {
        this.carriers.recordLines(account, 'number.release', linesOfError(e164s, error))
        throw error
      }
      const released = lines.filter((line) => line.ok).map((line) => ({ accountId: account.id, e164: line.e164 }))
      this.deps.store.numbers.markReleased(released, this.deps.now())
      this.carriers.recordLines(account, 'number.release', lines)
      return lines
    })
  }

  async verifyAddress(input: { accountId: string; address: E911Address }, signal: AbortSignal): Promise<AddressCheck> {
    const account = this.deps.accounts.find(input.accountId)
    const actions = await this.carriers.actionsFor(account, 'numbers.addressVerify')
    if (!actions.verifyAddress) throw new AppError('validation', 'This carrier does not verify addresses')
    return actions.verifyAddress({ address: input.address, signal })
  }
}
