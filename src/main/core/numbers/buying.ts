/**
 * Buying numbers: one search across every account whose carrier sells them, the offers found (kept in
 * SQLite for an hour, so a purchase in another process finds them: the CLI searches in one run and buys in
 * the next; the renderer holds only their ids), the cart's reservations and purchases, and bulk orders.
 * Nothing that costs money is retried: the clients settle an ambiguous failure by re-reading the carrier,
 * and an offer bought (or being bought, or of unknown outcome) cannot be ordered again, from any process.
 */
import { randomUUID } from 'node:crypto'
import { unknownOutcomeCode, type AvailableNumber, type NumberSearchQuery, type OrderLine, type PhoneNumberRecord } from '../../../shared/domain'
import type { BatchLine, BatchResult, BulkOrderView, CountriesResult, NumberSearchResult, SearchOffer } from '../../../shared/ipc-shared'
import type { NumberActions } from '../../carriers/adapter'
import { AppError, throwIfAborted } from '../../lib/app-error'
import { isAmbiguous } from '../../lib/carrier-error'
import { notSent } from '../../lib/outcome'
import type { AccountRow } from '../../store/repositories/accounts'
import { purchaseTrunkMemoKey } from '../trunks/choices'
import { CarrierActions, failedCount, linesOfError, messageOf, resultOf, type NumbersDeps } from './carrier-actions'

/** Search results are kept this long for the cart; listed availability goes stale within the hour. */
const offerLifetimeMs = 60 * 60 * 1000

export class BuyingService {
  private readonly carriers: CarrierActions

  constructor(private readonly deps: NumbersDeps) {
    this.carriers = new CarrierActions(deps)
  }

  /** Searches every account (or the given ones) whose carrier sells numbers, concurrently; a cancel ends it at once. */
  async search(input: { query: NumberSearchQuery; accountIds?: string[] | undefined }, signal: AbortSignal): Promise<NumberSearchResult> {
    const now = this.deps.now()
    const accounts = (input.accountIds?.map((id) => this.deps.accounts.find(id)) ?? this.deps.store.accounts.list()).filter(
      (account) => this.carriers.capabilitiesOf(account).includes('numbers.search'),
    )
    const offers: SearchOffer[] = []
    const kept: { offerId: string; offer: AvailableNumber; expiresAt: number }[] = []
    const failures: NumberSearchResult['failures'] = []
    await Promise.all(
      accounts.map(async (account) => {
        try {
          const actions = await this.carriers.actionsFor(account, 'numbers.search')
          if (!actions.search) return
          const found = await actions.search({ query: input.query, signal })
          for (const offer of found) {
            if (offer.accountId !== account.id) continue
            const offerId = randomUUID()
            kept.push({ offerId, offer, expiresAt: now + offerLifetimeMs })
            const { offer: _carrierData, ...shown } = offer
            offers.push({ ...shown, offerId, accountName: account.name })
          }
        } catch (error) {
          failures.push({ accountId: account.id, accountName: account.name, message: messageOf(error) })
        }
      }),
    )
    // Cancelled meanwhile: the accounts' aborted searches are not failures, the search as a whole is cancelled.
    throwIfAborted(signal)
    this.deps.store.offers.add(kept, now)
    return { offers, failures, fetchedAt: now }
  }

  /**
   * The countries and cities each account's carrier sells numbers in by city ('numbers.countries'), read
   * now from every such account (or the given ones) concurrently; a carrier that fails is named apart.
   */
  async countries(input: { accountIds?: string[] | undefined }, signal: AbortSignal): Promise<CountriesResult> {
    const accounts = (input.accountIds?.map((id) => this.deps.accounts.find(id)) ?? this.deps.store.accounts.list()).filter((account) =>
      this.carriers.capabilitiesOf(account).includes('numbers.countries'),
    )
    const result: CountriesResult = { accounts: [], failures: [], fetchedAt: this.deps.now() }
    await Promise.all(
      accounts.map(async (account) => {
        try {
          const actions = await this.carriers.actionsFor(account, 'numbers.countries')
          if (!actions.countries) return
          const countries = await actions.countries({ signal })
          result.accounts.push({ accountId: account.id, accountName: account.name, carrier: account.carrier, countries })
        } catch (error) {
          result.failures.push({ accountId: account.id, accountName: account.name, message: messageOf(error) })
        }
      }),
    )
    throwIfAborted(signal)
    return result
  }

  private offersByAccount(offerIds: string[]): Map<string, { account: AccountRow; offers: { id: string; offer: AvailableNumber }[] }> {
    const grouped = new Map<string, { account: AccountRow; offers: { id: string; offer: AvailableNumber }[] }>()
    const ids = [...new Set(offerIds)]
    const found = new Map(this.deps.store.offers.find(ids, this.deps.now()).map((stored) => [stored.offerId, stored]))
    for (const id of ids) {
      const entry = found.get(id)
      if (!entry) throw new AppError('not-found', `A search result (${id.slice(0, 64)}) has expired or is unknown; search again`)
      const group = grouped.get(entry.offer.accountId) ?? { account: this.deps.accounts.find(entry.offer.accountId), offers: [] }
      group.offers.push({ id, offer: entry.offer })
      grouped.set(entry.offer.accountId, group)
    }
    return grouped
  }

  /**
   * Gives an offer what buying it needs beyond the number, where the carrier sells numbers only with a client
   * ('numbers.purchaseAsClient'): the carrier's adapter checks the details as its document says and the
   * offer, kept in SQLite, carries them to the purchase. An offer bought or being bought is not changed.
   */
  async attachPurchaseDetails(input: { offerId: string; details: unknown }): Promise<{ offerId: string; e164: string }> {
    const [entry] = this.deps.store.offers.find([input.offerId], this.deps.now())
    if (!entry) throw new AppError('not-found', 'This search result has expired; search again')
    if (entry.spentAt !== undefined) throw new AppError('conflict', 'This number was already bought or is being bought')
    const account = this.deps.accounts.find(entry.offer.accountId)
    const actions = await this.carriers.actionsFor(account, 'numbers.purchaseAsClient')
    if (!actions.withPurchaseDetails) throw new AppError('validation', 'This carrier takes no purchase details')
    const offer = actions.withPurchaseDetails({ number: entry.offer, details: input.details })
    if (!this.deps.store.offers.replace(input.offerId, offer)) throw new AppError('conflict', 'This number was already bought or is being bought')
    return { offerId: input.offerId, e164: offer.e164 }
  }

  /**
   * Offers as a search showed them (without the carrier's own data), for a confirmation before buying them;
   * `spent` when bought, being bought or of unknown outcome. An id not found (expired, never seen) is an error.
   */
  describe(offerIds: string[]): (SearchOffer & { spent: boolean })[] {
    const found = new Map(this.deps.store.offers.find(offerIds, this.deps.now()).map((stored) => [stored.offerId, stored]))
    return [...new Set(offerIds)].map((id) => {
      const stored = found.get(id)
      if (!stored) throw new AppError('not-found', `Offer ${id.slice(0, 64)} has expired or is unknown; search again`)
      const { offer: _carrierData, ...shown } = stored.offer
      return { ...shown, offerId: id, accountName: this.deps.accounts.find(stored.offer.accountId).name, spent: stored.spentAt !== undefined }
    })
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
            const actions = await this.carriers.actionsFor(account, 'numbers.reserve')
            if (!actions.reserve) throw new AppError('validation', 'This carrier does not hold numbers')
            answered = await actions.reserve({ numbers: offers.map((o) => o.offer), signal: jobSignal })
          } catch (error) {
            answered = linesOfError(e164s, error)
          }
        }
        this.carriers.recordLines(account, 'number.reserve', answered)
        lines.push(...answered.map((line) => ({ ...line, accountId: account.id })))
        this.carriers.progress({ jobId: input.jobId, kind: 'reserve', done: lines.length, total: input.offerIds.length, failed: failedCount(lines) })
      }
      return resultOf(input.jobId, lines, jobSignal.aborted)
    })
  }

  /**
   * Buys the offers in the cart, one carrier call per account. Never retried: the clients settle ambiguous
   * failures by re-reading the carrier, and an offer already bought (or being bought, in any process, or
   * another offer of the same number) is refused here. An offer bought stays spent for good, and so does
   * one whose outcome is unknown (buying it again could buy it twice: sync and search again instead); one
   * not bought or not sent can be ordered again.
   */
  async purchase(input: { jobId: string; offerIds: string[]; trunks?: Record<string, string> | undefined }, signal: AbortSignal): Promise<BatchResult> {
    const grouped = this.offersByAccount(input.offerIds)
    return this.deps.jobs.run(input.jobId, signal, async (jobSignal) => {
      // Marked inside the job, so a refused job (its id already running) leaves the offers buyable; all or none.
      const spending = this.deps.store.offers.spend([...new Set(input.offerIds)], this.deps.now())
      if (!spending.spent) {
        throw new AppError('conflict', `${spending.taken.length} of these numbers were already bought or are being bought; sync and search again`)
      }
      const lines: BatchLine[] = []
      const total = input.offerIds.length
      for (const { account, offers } of grouped.values()) {
        const e164s = offers.map(({ offer }) => offer.e164)
        let answered: OrderLine[]
        let actions: NumberActions | undefined
        if (jobSignal.aborted) answered = e164s.map(notSent)
        else {
          try {
            actions = await this.carriers.actionsFor(account, 'numbers.purchase')
            if (!actions.purchase) throw new AppError('validation', 'This carrier does not sell numbers here')
            const trunk = input.trunks?.[account.id]
            answered = (await actions.purchase({ numbers: offers.map((o) => o.offer), signal: jobSignal, trunk })).lines
            if (trunk !== undefined && answered.some((line) => line.ok)) this.deps.store.memo.set(account.id, purchaseTrunkMemoKey, trunk)
          } catch (error) {
            answered = linesOfError(e164s, error)
          }
        }
        // The numbers bought, as offers: where the carrier picked the number (`assigned`), the offer under it.
        const boughtOffers = answered.flatMap((line) => {
          const offer = line.ok ? offers.find((o) => o.offer.e164 === line.e164)?.offer : undefined
          return offer ? [line.assigned ? { ...offer, e164: line.assigned, carrierPicks: undefined } : offer] : []
        })
        if (actions && boughtOffers.length > 0) {
          // Caching is a convenience after the fact: it must never change what the carrier did.
          await this.cachePurchased(account, actions, boughtOffers, jobSignal).catch(() => undefined)
        }
        const offerOf = new Map(offers.map(({ id, offer }) => [offer.e164, { id, offer }]))
        // A number not bought may be tried again deliberately; a bought one (or one that may be) never.
        this.deps.store.offers.unspend(
          answered.filter((line) => !line.ok && line.code !== unknownOutcomeCode).flatMap((line) => offerOf.get(line.e164)?.id ?? []),
        )
        this.carriers.recordLines(account, 'number.purchase', answered, (e164) => {
          const offer = offerOf.get(e164)?.offer
          return { setupCost: offer?.setupCost, monthlyCost: offer?.monthlyCost, type: offer?.type, trunk: input.trunks?.[account.id] }
        })
        lines.push(...answered.map((line) => ({ ...line, accountId: account.id })))
        this.carriers.progress({ jobId: input.jobId, kind: 'purchase', done: lines.length, total, failed: failedCount(lines) })
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
    await this.carriers.refreshCache(account, actions, bought.map((offer) => offer.e164), signal, (number) => number)
  }

  async bulkOrder(
    input: { accountId: string; quantity: number; state?: string | undefined; npa?: string | undefined; rateCenter?: string | undefined; lata?: string | undefined },
    signal: AbortSignal,
  ): Promise<BulkOrderView> {
    const account = this.deps.accounts.find(input.accountId)
    const actions = await this.carriers.actionsFor(account, 'numbers.bulkOrder')
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
    const actions = await this.carriers.actionsFor(account, 'numbers.bulkOrder')
    if (!actions.bulkOrderStatus) throw new AppError('validation', 'This carrier cannot report bulk orders')
    return { accountId: account.id, ...(await actions.bulkOrderStatus({ orderId: input.orderId, signal })) }
  }
}
