/**
 * Numbers: the detail view, local tags and notes, changes and releases in bulk, the buying search, the
 * cart (reserve and purchase), bulk orders and CSV export. Carriers are reached only through their
 * adapters' NumberActions, and only for what their capabilities declare.
 *
 * Changes and purchases run in batches with progress and per-number results; each number's outcome lands
 * in the activity log with its before and after. Nothing that costs money or changes routing is retried:
 * the clients re-read the carrier after an ambiguous failure and say what happened. A cancel stops the
 * work between carrier calls: every number is reported done, not sent (never logged: nothing happened to
 * it), failed, or of unknown outcome.
 */
import { randomUUID } from 'node:crypto'
import {
  changeCapability,
  unknownOutcomeCode,
  type AddressCheck,
  type AvailableNumber,
  type Capability,
  type E911Address,
  type NumberChange,
  type NumberKey,
  type NumberSearchQuery,
  type OrderLine,
  type PhoneNumberRecord,
} from '../../shared/domain'
import type {
  BatchLine,
  BatchResult,
  BulkOrderView,
  JobProgress,
  NumberDetail,
  NumberSearchResult,
  SearchOffer,
} from '../../shared/ipc-shared'
import type { NumberColumn, NumbersQuery } from '../../shared/numbers-query'
import type { CarrierClient, NumberActions } from '../carriers/adapter'
import { isAmbiguous } from '../lib/carrier-error'
import { isCancelled, isNotSent, notSent } from '../lib/outcome'
import type { CarrierRegistry } from '../carriers/registry'
import type { Store } from '../store/store'
import type { AccountRow } from '../store/repositories/accounts'
import type { AccountsService } from './accounts-service'
import type { ActivityLog } from './activity-log'
import { AppError } from '../lib/app-error'
import { writeCsvExport, zonedTimeFormat } from './csv-export'
import type { EventHub } from './events'
import type { Jobs } from './jobs'

export interface NumbersServiceDeps {
  store: Store
  accounts: AccountsService
  registry: CarrierRegistry
  activity: ActivityLog
  events: EventHub
  jobs: Jobs
  dataDir: string
  now: () => number
}

/** How many numbers go to a carrier in one call; progress and cancellation happen between batches. */
const batchSize = 100
/** Search results are kept this long for the cart; listed availability goes stale within the hour. */
const offerLifetimeMs = 60 * 60 * 1000

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** A cached number's value for the field a change touches, for the activity log's before/after. */
function currentValue(number: PhoneNumberRecord | undefined, change: NumberChange): unknown {
  if (!number) return undefined
  switch (change.kind) {
    case 'routing':
      return number.trunk
    case 'cnam':
      return number.cnam
    case 'e911':
      return number.e911
    case 'status':
      return number.status
    default:
      return undefined
  }
}

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
  return next
}

/** The counts of a batch's lines: done, not sent, and the rest (failed or unknown). */
function resultOf(jobId: string, lines: BatchLine[], cancelled: boolean): BatchResult {
  const succeeded = lines.filter((line) => line.ok).length
  const notSentCount = lines.filter(isNotSent).length
  return { jobId, lines, succeeded, failed: lines.length - succeeded - notSentCount, notSent: notSentCount, cancelled }
}

const failedCount = (lines: OrderLine[]): number => lines.filter((line) => !line.ok && !isNotSent(line)).length

/** The lines for numbers a carrier call did not report on because it threw. */
function linesOfError(e164s: string[], error: unknown): OrderLine[] {
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

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size))
  return out
}

export class NumbersService {
  private readonly offers = new Map<string, { offer: AvailableNumber; accountName: string; expiresAt: number }>()
  /** Offers being bought right now or already bought: a second purchase of the same offer is refused. */
  private readonly spentOffers = new Set<string>()

  constructor(private readonly deps: NumbersServiceDeps) {}

  private capabilitiesOf(account: AccountRow): Capability[] {
    return this.deps.registry.get(account.carrier).capabilities
  }

  private async actionsFor(account: AccountRow, capability: Capability): Promise<NumberActions> {
    const adapter = this.deps.registry.get(account.carrier)
    if (!adapter.capabilities.includes(capability)) {
      throw new AppError('validation', `${adapter.name} does not offer this (${capability})`)
    }
    const client: CarrierClient = await this.deps.accounts.connect(account)
    if (!client.numbers) throw new AppError('validation', `${adapter.name} does not offer number actions`)
    return client.numbers
  }

  private progress(progress: JobProgress): void {
    this.deps.events.emit('jobs.progress', progress)
  }

  detail(key: NumberKey): NumberDetail {
    const number = this.deps.store.numbers.get(key)
    if (!number) throw new AppError('not-found', `${key.e164} is not in the cache for this account`)
    const account = this.deps.accounts.find(key.accountId)
    return {
      number,
      capabilities: this.capabilitiesOf(account),
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
   * Runs a batch operation over numbers grouped by account, in batches, with progress; `perBatch` returns
   * one line per number. Cancellation stops before the next batch (and the carriers stop between their
   * calls within one); the numbers not reached are reported not sent.
   */
  private async batchOver(
    options: { jobId: string; kind: JobProgress['kind']; targets: NumberKey[]; signal: AbortSignal },
    perBatch: (account: AccountRow, e164s: string[], signal: AbortSignal) => Promise<OrderLine[]>,
  ): Promise<BatchResult> {
    const lines: BatchLine[] = []
    const total = options.targets.length
    const byAccount = new Map<string, string[]>()
    for (const target of options.targets) {
      const list = byAccount.get(target.accountId) ?? []
      if (!list.includes(target.e164)) list.push(target.e164)
      byAccount.set(target.accountId, list)
    }
    const report = (): void =>
      this.progress({ jobId: options.jobId, kind: options.kind, done: lines.length, total, failed: failedCount(lines) })
    report()
    for (const [accountId, e164s] of byAccount) {
      let account: AccountRow
      try {
        account = this.deps.accounts.find(accountId)
      } catch (error) {
        for (const e164 of e164s) lines.push({ accountId, e164, ok: false, message: messageOf(error) })
        continue
      }
      for (const batch of chunks(e164s, batchSize)) {
        if (options.signal.aborted) {
          for (const e164 of batch) lines.push({ ...notSent(e164), accountId })
          continue
        }
        let answered: OrderLine[]
        try {
          answered = await perBatch(account, batch, options.signal)
        } catch (error) {
          answered = linesOfError(batch, error)
        }
        const byNumber = new Map(answered.map((line) => [line.e164, line]))
        for (const e164 of batch) {
          const line = byNumber.get(e164) ?? { e164, ok: false, message: 'The carrier did not report on this number' }
          lines.push({ ...line, accountId })
        }
        report()
      }
    }
    this.deps.events.emit('numbers.changed', { accountIds: [...byAccount.keys()] })
    return resultOf(options.jobId, lines, options.signal.aborted)
  }

  /** Refreshes the cache for numbers a carrier just changed: from the carrier's answer where it can say. */
  private async refreshCache(
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

  async change(
    input: { jobId: string; targets: NumberKey[]; change: NumberChange },
    signal: AbortSignal,
  ): Promise<BatchResult> {
    const { change } = input
    return this.deps.jobs.run(input.jobId, signal, (jobSignal) =>
      this.batchOver({ jobId: input.jobId, kind: 'change', targets: input.targets, signal: jobSignal }, async (account, e164s, s) => {
        const actions = await this.actionsFor(account, changeCapability[change.kind])
        if (!actions.change) throw new AppError('validation', 'This carrier cannot change numbers')
        const before = new Map(e164s.map((e164) => [e164, this.deps.store.numbers.get({ accountId: account.id, e164 })]))
        let lines: OrderLine[]
        try {
          lines = await actions.change({ e164s, change, signal: s })
        } catch (error) {
          this.recordLines(account, `number.change.${change.kind}`, linesOfError(e164s, error), (e164) => ({
            before: currentValue(before.get(e164), change),
            after: changedValue(change),
          }))
          throw error
        }
        const ok = lines.filter((line) => line.ok).map((line) => line.e164)
        await this.refreshCache(account, actions, ok, s, (number) => applyLocally(number, change, this.deps.now()))
        this.recordLines(account, `number.change.${change.kind}`, lines, (e164) => ({
          before: currentValue(before.get(e164), change),
          after: changedValue(change),
        }))
        return lines
      }),
    )
  }

  async release(input: { jobId: string; targets: NumberKey[] }, signal: AbortSignal): Promise<BatchResult> {
    return this.deps.jobs.run(input.jobId, signal, (jobSignal) =>
      this.batchOver({ jobId: input.jobId, kind: 'release', targets: input.targets, signal: jobSignal }, async (account, e164s, s) => {
        const actions = await this.actionsFor(account, 'numbers.release')
        if (!actions.release) throw new AppError('validation', 'This carrier cannot release numbers')
        let lines: OrderLine[]
        try {
          lines = await actions.release({ e164s, signal: s })
        } catch (error) {
          this.recordLines(account, 'number.release', linesOfError(e164s, error))
          throw error
        }
        const released = lines.filter((line) => line.ok).map((line) => ({ accountId: account.id, e164: line.e164 }))
        this.deps.store.numbers.markReleased(released, this.deps.now())
        this.recordLines(account, 'number.release', lines)
        return lines
      }),
    )
  }

  /** Logs each number's outcome; a number not sent is not logged, since nothing happened to it. */
  private recordLines(
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
        target: line.e164,
        result: line.ok ? 'succeeded' : line.code === unknownOutcomeCode ? 'unknown' : 'failed',
        message: line.message,
        details: {
          ...(details?.(line.e164) ?? {}),
          ...(line.code ? { carrierCode: line.code } : {}),
          ...(line.checkedAfterFailure ? { checkedAfterFailure: true } : {}),
        },
      })
    }
  }

  /** Searches every account (or the given ones) whose carrier sells numbers, concurrently. */
  async search(input: { query: NumberSearchQuery; accountIds?: string[] | undefined }, signal: AbortSignal): Promise<NumberSearchResult> {
    const now = this.deps.now()
    for (const [id, entry] of this.offers) if (entry.expiresAt < now) this.offers.delete(id)
    const accounts = (input.accountIds?.map((id) => this.deps.accounts.find(id)) ?? this.deps.store.accounts.list()).filter(
      (account) => this.capabilitiesOf(account).includes('numbers.search'),
    )
    const offers: SearchOffer[] = []
    const failures: NumberSearchResult['failures'] = []
    await Promise.all(
      accounts.map(async (account) => {
        try {
          const actions = await this.actionsFor(account, 'numbers.search')
          if (!actions.search) return
          const found = await actions.search({ query: input.query, signal })
          for (const offer of found) {
            if (offer.accountId !== account.id) continue
            const offerId = randomUUID()
            this.offers.set(offerId, { offer, accountName: account.name, expiresAt: now + offerLifetimeMs })
            const { offer: _carrierData, ...shown } = offer
            offers.push({ ...shown, offerId, accountName: account.name })
          }
        } catch (error) {
          failures.push({ accountId: account.id, accountName: account.name, message: messageOf(error) })
        }
      }),
    )
    return { offers, failures, fetchedAt: now }
  }

  private offersByAccount(offerIds: string[]): Map<string, { account: AccountRow; offers: { id: string; offer: AvailableNumber }[] }> {
    const grouped = new Map<string, { account: AccountRow; offers: { id: string; offer: AvailableNumber }[] }>()
    for (const id of new Set(offerIds)) {
      const entry = this.offers.get(id)
      if (!entry) throw new AppError('not-found', 'A search result in the cart has expired; search again')
      const group = grouped.get(entry.offer.accountId) ?? { account: this.deps.accounts.find(entry.offer.accountId), offers: [] }
      group.offers.push({ id, offer: entry.offer })
      grouped.set(entry.offer.accountId, group)
    }
    return grouped
  }

  async reserve(input: { jobId: string; offerIds: string[] }, signal: AbortSignal): Promise<BatchResult> {
    const grouped = this.offersByAccount(input.offerIds)
    return this.deps.jobs.run(input.jobId, signal, async (jobSignal) => {
      const lines: BatchLine[] = []
      for (const { account, offers } of grouped.values()) {
        const e164s = offers.map(({ offer }) => offer.e164)
        let answered: OrderLine[]
        if (jobSignal.aborted) answered = e164s.map(notSent)
        else {
          try {
            const actions = await this.actionsFor(account, 'numbers.reserve')
            if (!actions.reserve) throw new AppError('validation', 'This carrier does not hold numbers')
            answered = await actions.reserve({ numbers: offers.map((o) => o.offer), signal: jobSignal })
          } catch (error) {
            answered = linesOfError(e164s, error)
          }
        }
        this.recordLines(account, 'number.reserve', answered)
        lines.push(...answered.map((line) => ({ ...line, accountId: account.id })))
        this.progress({ jobId: input.jobId, kind: 'reserve', done: lines.length, total: input.offerIds.length, failed: failedCount(lines) })
      }
      return resultOf(input.jobId, lines, jobSignal.aborted)
    })
  }

  /**
   * Buys the offers in the cart, one carrier call per account. Never retried: the clients settle ambiguous
   * failures by re-reading the carrier, and an offer already bought (or being bought) is refused here. An
   * offer bought stays spent for good, and so does one whose outcome is unknown (buying it again could buy
   * it twice: sync and search again instead); one not bought or not sent can be ordered again.
   */
  async purchase(input: { jobId: string; offerIds: string[] }, signal: AbortSignal): Promise<BatchResult> {
    const grouped = this.offersByAccount(input.offerIds)
    const spent = [...new Set(input.offerIds)].filter((id) => this.spentOffers.has(id))
    if (spent.length > 0) {
      throw new AppError('conflict', `${spent.length} number(s) in the cart were already bought or are being bought`)
    }
    return this.deps.jobs.run(input.jobId, signal, async (jobSignal) => {
      // Marked inside the job, so a refused job (its id already running) leaves the offers buyable.
      for (const id of input.offerIds) this.spentOffers.add(id)
      const lines: BatchLine[] = []
      const total = input.offerIds.length
      for (const { account, offers } of grouped.values()) {
        const e164s = offers.map(({ offer }) => offer.e164)
        let answered: OrderLine[]
        let actions: NumberActions | undefined
        if (jobSignal.aborted) answered = e164s.map(notSent)
        else {
          try {
            actions = await this.actionsFor(account, 'numbers.purchase')
            if (!actions.purchase) throw new AppError('validation', 'This carrier does not sell numbers here')
            answered = (await actions.purchase({ numbers: offers.map((o) => o.offer), signal: jobSignal })).lines
          } catch (error) {
            answered = linesOfError(e164s, error)
          }
        }
        const bought = new Set(answered.filter((line) => line.ok).map((line) => line.e164))
        if (actions && bought.size > 0) {
          // Caching is a convenience after the fact: it must never change what the carrier did.
          await this.cachePurchased(account, actions, offers.map((o) => o.offer).filter((offer) => bought.has(offer.e164)), jobSignal).catch(() => undefined)
        }
        const offerOf = new Map(offers.map(({ id, offer }) => [offer.e164, { id, offer }]))
        for (const line of answered) {
          const entry = offerOf.get(line.e164)
          // A number not bought may be tried again deliberately; a bought one (or one that may be) never.
          if (entry && !line.ok && line.code !== unknownOutcomeCode) this.spentOffers.delete(entry.id)
        }
        this.recordLines(account, 'number.purchase', answered, (e164) => {
          const offer = offerOf.get(e164)?.offer
          return { setupCost: offer?.setupCost, monthlyCost: offer?.monthlyCost, type: offer?.type }
        })
        lines.push(...answered.map((line) => ({ ...line, accountId: account.id })))
        this.progress({ jobId: input.jobId, kind: 'purchase', done: lines.length, total, failed: failedCount(lines) })
      }
      this.deps.events.emit('numbers.changed', { accountIds: [...grouped.keys()] })
      return resultOf(input.jobId, lines, jobSignal.aborted)
    })
  }

  private async cachePurchased(account: AccountRow, actions: NumberActions, bought: AvailableNumber[], signal: AbortSignal): Promise<void> {
    if (bought.length === 0) return
    const now = this.deps.now()
    const fromOffers = bought.map(
      (offer): PhoneNumberRecord => ({
        accountId: account.id,
        carrier: account.carrier,
        e164: offer.e164,
        type: offer.type,
        status: 'active',
        state: offer.state,
        rateCenter: offer.rateCenter,
        monthlyCost: offer.monthlyCost,
        asOf: now,
        raw: { purchasedFrom: 'search', offer: offer.offer ?? null },
      }),
    )
    this.deps.store.numbers.upsert(fromOffers)
    await this.refreshCache(account, actions, bought.map((offer) => offer.e164), signal, (number) => number)
  }

  async bulkOrder(
    input: { accountId: string; quantity: number; state?: string | undefined; npa?: string | undefined; rateCenter?: string | undefined; lata?: string | undefined },
    signal: AbortSignal,
  ): Promise<BulkOrderView> {
    const account = this.deps.accounts.find(input.accountId)
    const actions = await this.actionsFor(account, 'numbers.bulkOrder')
    if (!actions.bulkOrder) throw new AppError('validation', 'This carrier does not take bulk orders')
    const { accountId: _account, ...request } = input
    try {
      const status = await actions.bulkOrder({ request, signal })
      this.deps.activity.record({
        accountId: account.id,
        carrier: account.carrier,
        action: 'number.bulkOrder',
        target: status.orderId,
        result: status.state === 'failed' ? 'failed' : 'succeeded',
        message: status.message,
        details: { ...request, state: status.state },
      })
      return { accountId: account.id, ...status }
    } catch (error) {
      this.deps.activity.record({
        accountId: account.id,
        carrier: account.carrier,
        action: 'number.bulkOrder',
        result: isAmbiguous(error) ? 'unknown' : 'failed',
        message: messageOf(error),
        details: request,
      })
      throw error
    }
  }

  async bulkOrderStatus(input: { accountId: string; orderId: string }, signal: AbortSignal): Promise<BulkOrderView> {
    const account = this.deps.accounts.find(input.accountId)
    const actions = await this.actionsFor(account, 'numbers.bulkOrder')
    if (!actions.bulkOrderStatus) throw new AppError('validation', 'This carrier cannot report bulk orders')
    return { accountId: account.id, ...(await actions.bulkOrderStatus({ orderId: input.orderId, signal })) }
  }

  async verifyAddress(input: { accountId: string; address: E911Address }, signal: AbortSignal): Promise<AddressCheck> {
    const account = this.deps.accounts.find(input.accountId)
    const actions = await this.actionsFor(account, 'numbers.addressVerify')
    if (!actions.verifyAddress) throw new AppError('validation', 'This carrier does not verify addresses')
    return actions.verifyAddress({ address: input.address, signal })
  }

  /**
   * Writes the whole filtered result (not the visible page) as CSV, streamed row by row, with times in the
   * user's zone. Written to a `.part` file and renamed, so a failed export never looks complete.
   */
  async export(
    input: { query: Omit<NumbersQuery, 'offset' | 'limit'>; timeZone: string; columns?: string[] | undefined },
    signal: AbortSignal,
  ): Promise<{ file: string; rows: number }> {
    const time = zonedTimeFormat(input.timeZone)
    // The table's columns (shared with the grid and saved views) and the notes.
    const all: Record<NumberColumn | 'notes', (n: PhoneNumberRecord) => string> = {
      number: (n) => n.e164,
      carrier: (n) => n.carrier,
      account: (n) => n.accountName ?? n.accountId,
      type: (n) => n.type,
      status: (n) => (n.goneAt ? `${n.status} (gone)` : n.status),
      state: (n) => n.state ?? '',
      rateCenter: (n) => n.rateCenter ?? '',
      trunk: (n) => n.trunk ?? '',
      cnam: (n) => n.cnam ?? '',
      e911: (n) => n.e911 ?? '',
      monthlyCost: (n) => (n.monthlyCost === undefined ? '' : n.monthlyCost.toFixed(2)),
      tags: (n) => (n.tags ?? []).join(' '),
      notes: (n) => n.notes ?? '',
      asOf: (n) => time(n.asOf),
    }
    const columns = (input.columns ?? Object.keys(all)).filter((column): column is keyof typeof all => Object.hasOwn(all, column))
    const numbers = this.deps.store.numbers.iterate(input.query)
    function* records(): Generator<Record<string, string>> {
      for (const number of numbers) {
        yield Object.fromEntries(columns.map((column) => [column, all[column](number)]))
      }
    }
    return writeCsvExport({ dataDir: this.deps.dataDir, name: 'numbers', now: this.deps.now(), columns, rows: records(), signal })
  }
}
