/**
 * Vitcom's number actions in domain terms. Buying is a cart: `reserve` puts numbers in the account's one
 * order cart (reserveId), `gen_order` turns the whole cart into an order, `process_order` charges it and
 * allocates the numbers. The API cannot list the cart, so the cart this app filled is remembered in the
 * account memo (reserveId + numbers).
 *
 * Purchases, orders and releases are never retried. After an ambiguous failure (connection lost, 5xx, an
 * unreadable answer) the carrier's state is re-read: new orders (was an order generated? processed?) and
 * my numbers (is the number owned / cancelled?), and each number is reported with `checkedAfterFailure`.
 * A number is never ordered twice. A cancel stops between calls: before `gen_order` nothing is bought
 * (the numbers are reported not sent and stay in the cart); once the order is generated it is processed
 * and settled, since an order left half done would strand the numbers.
 */
import { notSentCode, unknownOutcomeCode, type AvailableNumber, type BulkOrderStatus, type OrderState, type NumberChange, type OrderLine, type PhoneNumberRecord, type NumberSearchQuery } from '../../../shared/domain'
import type { AccountContext, BulkOrderRequest, NumberActions, PurchaseResult } from '../adapter'
import { AppError } from '../../lib/app-error'
import { CarrierError, isAmbiguous } from '../../lib/carrier-error'
import { settlingSignal, untilCancelled } from '../kit/outcome'
import { isCancelled, isNotSent, notSent, notSentMessage } from '../../lib/outcome'
import { nationalDigits } from '../kit/phone'
import { vitcomChangeProblem } from './change-rules'
import type { MyNumberStatus, NumberCategory, VitcomClient } from './client'
import { e164Of, toAvailableNumber, toNumberRecord, vitcomOriginationTrunkId, type VitcomOffer } from './mapping'
import type { NewOrder } from './schemas'

/** What the memo keeps about the cart this app filled. */
export interface RememberedCart {
  reserveId: string
  /** Ten-digit numbers. */
  numbers: string[]
}

export const cartMemoKey = 'cart'
/** An origination trunk id (plain, e.g. "100") new orders point at; else the first active trunk group. */
export const defaultTrunkMemoKey = 'defaultTrunkId'

const tollFreePrefixes = ['800', '833', '844', '855', '866', '877', '888']
/** Calls a search may spend walking NPANXX codes to reach the asked-for count. */
const maxSearchCalls = 20

const notSentLine = { ok: false, code: notSentCode, message: notSentMessage }
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))
const codeOf = (error: unknown): string | undefined => (error instanceof CarrierError ? error.info.carrierCode : undefined)

/** A cancel before a call was sent means the call did not happen: the caller reports it not sent. */
function rethrowIfCancelled(error: unknown): void {
  if (isCancelled(error)) throw error
}

function readCart(context: AccountContext): RememberedCart | undefined {
  const value = context.memo.get(cartMemoKey) as Partial<RememberedCart> | undefined
  if (!value || typeof value.reserveId !== 'string' || !Array.isArray(value.numbers)) return undefined
  return { reserveId: value.reserveId, numbers: value.numbers.filter((tn): tn is string => typeof tn === 'string') }
}

function rememberReserved(context: AccountContext, reserveId: string, numbers: string[]): RememberedCart {
  const previous = readCart(context)
  // A new reserveId means the old cart is gone (ordered or emptied elsewhere).
  const kept = previous?.reserveId === reserveId ? previous.numbers : []
  const cart = { reserveId, numbers: [...new Set([...kept, ...numbers])] }
  context.memo.set(cartMemoKey, cart)
  return cart
}

function forgetFromCart(context: AccountContext, numbers: string[]): void {
  const cart = readCart(context)
  if (!cart) return
  const left = cart.numbers.filter((tn) => !numbers.includes(tn))
  context.memo.set(cartMemoKey, left.length > 0 ? { ...cart, numbers: left } : null)
}

/** What reserve needs for a number: category plus state (landline) or toll-free prefix. */
function offerOf(number: AvailableNumber): VitcomOffer | undefined {
  const offer = number.offer as Partial<VitcomOffer> | undefined
  const tn = nationalDigits(number.e164)
  if (offer && (offer.category === 'landline' || offer.category === 'tollfree')) {
    return { category: offer.category, state: offer.state, tfnPrefix: offer.tfnPrefix ?? (offer.category === 'tollfree' ? tn.slice(0, 3) : undefined) }
  }
  if (number.type === 'toll-free') return { category: 'tollfree', tfnPrefix: tn.slice(0, 3) }
  if (number.type === 'local' && number.state) return { category: 'landline', state: number.state.toUpperCase() }
  return undefined
}

export class VitcomNumberActions implements NumberActions {
  constructor(
    private readonly client: VitcomClient,
    private readonly accountId: string,
    private readonly context: AccountContext,
  ) {}

  // ---- search -------------------------------------------------------------------------------------------

  /**
   * DID availability (searchdid) by state, NPANXX, NPA or rate center, walking the state's NPANXX codes
   * (availabilitynpanxx) when one call's answer is short of the limit; TFN availability (searchtfn) by
   * prefix, or across the toll-free prefixes. International numbers are not sold through this API.
   */
  async search({ query, signal }: { query: NumberSearchQuery; signal: AbortSignal }): Promise<AvailableNumber[]> {
    const fetchedAt = this.client.now()
    const found = new Map<string, AvailableNumber>()
    const add = (rows: { tn: string; rateCenter: string | undefined }[], offer: VitcomOffer): void => {
      for (const row of rows) {
        if (found.size >= query.limit) return
        const number = toAvailableNumber({ ...row, statusId: undefined, category: undefined }, offer, { accountId: this.accountId, fetchedAt })
        if (!found.has(number.e164)) found.set(number.e164, number)
      }
    }
    if (query.type === 'international') throw new AppError('validation', 'Vitcom sells US numbers only')
    if (query.type === 'toll-free') {
      for (const prefix of query.tollFreePrefix ? [query.tollFreePrefix] : tollFreePrefixes) {
        if (found.size >= query.limit) break
        add(await this.client.searchTollFree({ prefix, signal }), { category: 'tollfree', tfnPrefix: prefix })
      }
      return [...found.values()]
    }
    const state = query.state?.toUpperCase()
    if (!state) throw new AppError('validation', 'Vitcom searches local numbers by state: choose a state')
    if (query.npa && query.nxx) {
      const npanxx = `${query.npa}${query.nxx}`
      add(await this.client.searchDids({ state, npanxx, signal }), { category: 'landline', state })
      return [...found.values()]
    }
    let calls = 0
    if (!query.npa && !query.rateCenter) {
      add(await this.client.searchDids({ state, signal }), { category: 'landline', state })
      calls += 1
      if (found.size >= query.limit) return [...found.values()]
    }
    const rateCenter = query.rateCenter?.toUpperCase()
    const codes = (await this.client.npanxxAvailability({ state, signal })).filter(
      (code) => (!query.npa || code.npa === query.npa) && (!rateCenter || code.rateCenter?.toUpperCase() === rateCenter),
    )
    for (const code of codes) {
      if (found.size >= query.limit || calls >= maxSearchCalls) break
      const rows = await this.client.searchDids({ state, npanxx: code.npanxx, signal })
      calls += 1
      add(rows.map((row) => ({ ...row, rateCenter: row.rateCenter ?? code.rateCenter })), { category: 'landline', state })
    }
    return [...found.values()]
  }

  // ---- reserve ------------------------------------------------------------------------------------------

  /**
   * Puts numbers in the cart, one `reserve` call per category and state (or toll-free prefix). The
   * service refuses a whole call for one bad number, so a refused group is tried number by number to
   * say which ones failed (a refusal changed nothing). An ambiguous failure cannot be checked: the API
   * cannot list the cart.
   */
  async reserve({ numbers, signal }: { numbers: AvailableNumber[]; signal: AbortSignal }): Promise<OrderLine[]> {
    const lines = new Map<string, OrderLine>()
    const groups = new Map<string, { offer: VitcomOffer; numbers: AvailableNumber[] }>()
    for (const number of numbers) {
      const offer = offerOf(number)
      if (!offer) {
        lines.set(number.e164, { e164: number.e164, ok: false, message: 'The number has no state: search for it first' })
        continue
      }
      const key = `${offer.category}:${offer.state ?? ''}:${offer.tfnPrefix ?? ''}`
      const group = groups.get(key) ?? { offer, numbers: [] }
      group.numbers.push(number)
      groups.set(key, group)
    }
    const reserved = await untilCancelled(
      [...groups.values()],
      signal,
      (group) => group.numbers.map((number) => number.e164),
      (group) => this.reserveGroup(group.offer, group.numbers, signal),
    )
    for (const line of reserved) lines.set(line.e164, line)
    return numbers.map((number) => lines.get(number.e164) ?? { e164: number.e164, ok: false, message: 'Not reserved' })
  }

  private async reserveGroup(offer: VitcomOffer, members: AvailableNumber[], signal: AbortSignal): Promise<OrderLine[]> {
    const tns = members.map((number) => nationalDigits(number.e164))
    try {
      const reservation = await this.client.reserveNumbers({ signal, category: offer.category, numbers: tns, state: offer.state, tfnPrefix: offer.tfnPrefix })
      rememberReserved(this.context, reservation.reserveId, reservation.numbers)
      return members.map((number, index) => {
        const held = reservation.numbers.includes(tns[index] as string)
        return { e164: number.e164, ok: held, message: held ? `In cart ${reservation.reserveId}` : 'Not in the reserve answer' }
      })
    } catch (error) {
      rethrowIfCancelled(error)
      if (isAmbiguous(error)) {
        const message = `Unknown: the answer was lost, the number may be held in the cart (${error.info.message})`
        return members.map((number) => ({ e164: number.e164, ok: false, code: unknownOutcomeCode, message }))
      }
      if (members.length === 1 || (error instanceof AppError && error.code === 'auth')) {
        return members.map((number) => ({ e164: number.e164, ok: false, code: codeOf(error), message: messageOf(error) }))
      }
      return untilCancelled(members, signal, (member) => [member.e164], (member) => this.reserveGroup(offer, [member], signal))
    }
  }

  // ---- purchase and bulk order --------------------------------------------------------------------------

  /**
   * Buys exactly the given numbers: reserves those not yet in the cart, takes any other number out of the
   * cart (gen_order orders the whole cart), generates the order on the chosen trunk group (`trunk`, else the
   * default one) and processes it.
   */
  async purchase({ numbers, signal, trunk }: { numbers: AvailableNumber[]; signal: AbortSignal; trunk?: string | undefined }): Promise<PurchaseResult> {
    const chosenTrunk = trunk === undefined ? undefined : vitcomOriginationTrunkId(trunk)
    if (trunk !== undefined && chosenTrunk === undefined) {
      throw new AppError('validation', `"${trunk.slice(0, 40)}" is not a Vitcom origination trunk group`, { fields: { trunk: 'Not a Vitcom origination trunk group (e.g. orig-100)' } })
    }
    const lines = new Map<string, OrderLine>()
    const wanted = new Map(numbers.map((number) => [nationalDigits(number.e164), number]))
    let cart = readCart(this.context)
    const toReserve = numbers.filter((number) => !cart?.numbers.includes(nationalDigits(number.e164)))
    if (toReserve.length > 0) {
      for (const line of await this.reserve({ numbers: toReserve, signal })) {
        if (!line.ok) lines.set(line.e164, isNotSent(line) ? line : { ...line, message: `Not bought: ${line.message ?? 'not reserved'}` })
      }
      cart = readCart(this.context)
    }
    const inCart = [...wanted.keys()].filter((tn) => cart?.numbers.includes(tn) && !lines.has(e164Of(tn)))
    const result = (extra: Partial<PurchaseResult> = {}): PurchaseResult => ({
      ...extra,
      lines: numbers.map((number) => lines.get(number.e164) ?? { e164: number.e164, ok: false, message: 'Not bought' }),
    })
    if (!cart || inCart.length === 0) return result()

    const failAll = (line: Omit<OrderLine, 'e164'>): void => {
      for (const tn of inCart) lines.set(e164Of(tn), { e164: e164Of(tn), ...line })
    }
    // Cancelled before the order: nothing is bought, and the reserved numbers stay in the cart for the next try.
    if (signal.aborted) {
      failAll(notSentLine)
      return result()
    }
    const extras = cart.numbers.filter((tn) => !wanted.has(tn))
    if (extras.length > 0 && !(await this.removeExtras(cart.reserveId, extras, signal, failAll))) return result()
    const outcome = await this.orderCart(cart.reserveId, inCart, signal, chosenTrunk)
    for (const tn of inCart) lines.set(e164Of(tn), outcome.lineOf(tn))
    return result({ orderId: outcome.orderId, totalCost: outcome.amount })
  }

  /** Takes numbers this purchase did not ask for out of the cart; false (lines failed) when that fails. */
  private async removeExtras(reserveId: string, extras: string[], signal: AbortSignal, failAll: (line: Omit<OrderLine, 'e164'>) => void): Promise<boolean> {
    try {
      await this.client.removeReserved({ reserveId, numbers: extras, signal })
      forgetFromCart(this.context, extras)
      return true
    } catch (error) {
      if (isCancelled(error)) failAll(notSentLine)
      else failAll({ ok: false, code: codeOf(error), message: `Not bought: other reserved numbers could not be taken out of the cart first (${messageOf(error)})` })
      return false
    }
  }

  /**
   * gen_order + process_order for the cart, never repeated. Returns per-number results; after an
   * ambiguous failure they come from re-reading new orders and my numbers.
   */
  private async orderCart(
    reserveId: string,
    expected: string[],
    signal: AbortSignal,
    chosenTrunk?: string,
  ): Promise<{ orderId?: string | undefined; amount?: number | undefined; state: OrderState; numbers: string[]; message?: string; lineOf(tn: string): OrderLine }> {
    const lineFor = (bought: Set<string>, line: Omit<OrderLine, 'e164' | 'ok'>) => (tn: string): OrderLine => ({ e164: e164Of(tn), ok: bought.has(tn), ...line })
    const notOrdered = { state: 'failed' as const, numbers: [], message: notSentMessage, lineOf: (tn: string) => notSent(e164Of(tn)) }
    let trunkId: string
    try {
      trunkId = chosenTrunk ?? (await this.defaultTrunk(signal))
    } catch (error) {
      if (isCancelled(error)) return notOrdered
      return { state: 'failed', numbers: [], message: messageOf(error), lineOf: lineFor(new Set(), { message: `Not bought: ${messageOf(error)}` }) }
    }

    // 1. gen_order: the cart becomes an order. The last point a cancel stops the purchase.
    let order: { orderId: string; numbers: string[]; amount: number | undefined; processed: boolean }
    try {
      const generated = await this.client.generateOrder({ trunkId, reserveId, signal })
      order = { orderId: generated.orderId, numbers: generated.numbers.length > 0 ? generated.numbers : expected, amount: generated.amount, processed: false }
      this.context.memo.set(cartMemoKey, null)
    } catch (error) {
      if (isCancelled(error)) return notOrdered
      if (!isAmbiguous(error)) {
        // The remembered cart is gone (ordered or emptied elsewhere): forget it so the next try reserves afresh.
        if (error instanceof CarrierError && /reserveId/.test(error.info.message)) this.context.memo.set(cartMemoKey, null)
        return { state: 'failed', numbers: [], message: messageOf(error), lineOf: lineFor(new Set(), { code: codeOf(error), message: `Not bought: ${messageOf(error)}` }) }
      }
      // Was an order generated from this cart? Look for it among the new orders.
      let found: NewOrder | undefined
      try {
        const orders = await this.client.getNewOrders({ signal: settlingSignal() })
        found = orders.filter((candidate) => candidate.numbers.some((tn) => expected.includes(tn))).sort((a, b) => Number(b.orderId) - Number(a.orderId))[0]
      } catch (checkError) {
        const message = `Unknown: the order answer was lost and the orders could not be read (${messageOf(checkError)}); check before ordering again`
        return { state: 'failed', numbers: [], message, lineOf: lineFor(new Set(), { code: unknownOutcomeCode, message }) }
      }
      if (!found) {
        const message = `Not bought: the order answer was lost and no order was generated (${error.info.message})`
        return { state: 'failed', numbers: [], message, lineOf: lineFor(new Set(), { message, checkedAfterFailure: true }) }
      }
      this.context.memo.set(cartMemoKey, null)
      order = { orderId: found.orderId, numbers: found.numbers, amount: found.amount, processed: found.status === '1' }
    }

    // 2. process_order: charged and allocated. The second half of the order runs whatever the user cancels.
    if (!order.processed) {
      try {
        await this.client.processOrder({ orderId: order.orderId, signal: settlingSignal() })
      } catch (error) {
        if (!isAmbiguous(error)) {
          const message = `Not bought: order ${order.orderId} was generated but not processed (${messageOf(error)})`
          return { orderId: order.orderId, amount: order.amount, state: 'pending', numbers: [], message, lineOf: lineFor(new Set(), { code: codeOf(error), message }) }
        }
        return this.checkProcessed(order, error, lineFor)
      }
    }
    const bought = new Set(order.numbers)
    return {
      orderId: order.orderId,
      amount: order.amount,
      state: expected.every((tn) => bought.has(tn)) ? 'completed' : 'partial',
      numbers: order.numbers,
      lineOf: (tn) => ({ e164: e164Of(tn), ok: bought.has(tn), message: bought.has(tn) ? `Order ${order.orderId}` : `Not in order ${order.orderId}` }),
    }
  }

  /** After an ambiguous process_order: the order's status and the account's numbers of that order say. */
  private async checkProcessed(
    order: { orderId: string; numbers: string[]; amount: number | undefined },
    failure: CarrierError,
    lineFor: (bought: Set<string>, line: Omit<OrderLine, 'e164' | 'ok'>) => (tn: string) => OrderLine,
  ) {
    const signal = settlingSignal()
    try {
      const [listed] = await this.client.getNewOrders({ orderId: order.orderId, signal })
      const owned = new Set((await this.client.getMyNumbers({ filter: { orderNo: order.orderId }, signal })).map((row) => row.tn))
      const processed = listed?.status === '1' || owned.size > 0
      const bought = processed ? new Set(order.numbers.filter((tn) => owned.size === 0 || owned.has(tn))) : new Set<string>()
      const message = processed
        ? `Bought (order ${order.orderId}; confirmed after the answer was lost)`
        : `Not bought: order ${order.orderId} is generated but was not processed (${failure.info.message})`
      return {
        orderId: order.orderId,
        amount: order.amount,
        state: (processed ? 'completed' : 'pending') as OrderState,
        numbers: [...bought],
        message,
        lineOf: lineFor(bought, { message, checkedAfterFailure: true }),
      }
    } catch (checkError) {
      const message = `Unknown: order ${order.orderId} may have been processed; it could not be checked (${messageOf(checkError)})`
      return { orderId: order.orderId, amount: order.amount, state: 'pending' as const, numbers: [], message, lineOf: lineFor(new Set(), { code: unknownOutcomeCode, message }) }
    }
  }

  /** The origination trunk group new numbers point at: the remembered default, else the first active one. */
  private async defaultTrunk(signal: AbortSignal): Promise<string> {
    const remembered = this.context.memo.get(defaultTrunkMemoKey)
    if (typeof remembered === 'string' && /^\d+$/.test(remembered)) return remembered
    const active = (await this.client.getTrunks({ signal }))
      .filter((trunk) => trunk.status === '1')
      .sort((a, b) => Number(a.id) - Number(b.id))[0]
    if (!active) throw new AppError('validation', 'Vitcom orders need an origination trunk group: define one first')
    return active.id
  }

  /**
   * Bulk reserve by quantity (state, NPANXX, city or toll-free prefix; 1 to 1000), then order the cart
   * as a purchase does. NPA and LATA alone are not filters Vitcom's bulk reserve takes.
   */
  async bulkOrder({ request, signal }: { request: BulkOrderRequest; signal: AbortSignal }): Promise<BulkOrderStatus> {
    if (request.npa || request.lata) throw new AppError('validation', 'Vitcom bulk orders filter by state and city (rate center), not by NPA or LATA')
    const category: NumberCategory = 'landline'
    const previous = readCart(this.context)
    let reserveId: string
    let reserved: string[]
    try {
      const reservation = await this.client.bulkReserveNumbers({ category, quantity: request.quantity, state: request.state, city: request.rateCenter, signal })
      reserveId = reservation.reserveId
      reserved = reservation.numbers
      rememberReserved(this.context, reserveId, reserved)
    } catch (error) {
      rethrowIfCancelled(error)
      const message = isAmbiguous(error)
        ? `Unknown: the bulk reserve answer was lost; numbers may be held in the cart (${error.info.message})`
        : messageOf(error)
      return { orderId: '', state: 'failed', requested: request.quantity, fulfilled: 0, numbers: [], message }
    }
    const extras = previous?.reserveId === reserveId ? previous.numbers.filter((tn) => !reserved.includes(tn)) : []
    if (extras.length > 0) {
      let removed = true
      await this.removeExtras(reserveId, extras, signal, () => {
        removed = false
      })
      if (!removed) {
        return { orderId: '', state: 'failed', requested: request.quantity, fulfilled: 0, numbers: [], message: 'Other reserved numbers could not be taken out of the cart' }
      }
    }
    const outcome = await this.orderCart(reserveId, reserved, signal)
    return {
      orderId: outcome.orderId ?? '',
      state: outcome.state,
      requested: request.quantity,
      fulfilled: outcome.state === 'completed' || outcome.state === 'partial' ? outcome.numbers.length : 0,
      numbers: outcome.numbers.map(e164Of),
      message: outcome.message,
    }
  }

  async bulkOrderStatus({ orderId, signal }: { orderId: string; signal: AbortSignal }): Promise<BulkOrderStatus> {
    const [order] = await this.client.getNewOrders({ orderId, signal })
    if (!order) throw new AppError('not-found', `Vitcom order ${orderId} was not found`)
    const processed = order.status === '1'
    return {
      orderId,
      state: processed ? 'completed' : 'pending',
      requested: order.numbers.length,
      fulfilled: processed ? order.numbers.length : 0,
      numbers: order.numbers.map(e164Of),
      message: processed ? undefined : 'Generated, not processed',
    }
  }

  // ---- release ------------------------------------------------------------------------------------------

  /**
   * Releases numbers: those still in this app's cart are taken out of it (`remove_reserved`); owned
   * numbers are cancelled (`updatenumber` status 2, "Cancel"). After an ambiguous failure the cancelled
   * numbers are re-read (getnumbers status 2).
   */
  async release({ e164s, signal }: { e164s: string[]; signal: AbortSignal }): Promise<OrderLine[]> {
    const lines = new Map<string, OrderLine>()
    const cart = readCart(this.context)
    const tns = e164s.map(nationalDigits)
    const reserved = tns.filter((tn) => cart?.numbers.includes(tn))
    if (cart && reserved.length > 0) {
      try {
        const answer = await this.client.removeReserved({ reserveId: cart.reserveId, numbers: reserved, signal })
        forgetFromCart(this.context, answer.removed)
        for (const tn of reserved) {
          const removed = answer.removed.includes(tn)
          lines.set(tn, { e164: e164Of(tn), ok: removed, message: removed ? 'Taken out of the cart' : 'Not in the cart' })
        }
      } catch (error) {
        rethrowIfCancelled(error)
        for (const tn of reserved) lines.set(tn, { e164: e164Of(tn), ok: false, code: codeOf(error), message: messageOf(error) })
      }
    }
    const owned = tns.filter((tn) => !lines.has(tn))
    const cancelOwned = (numbers: string[]): Promise<OrderLine[]> =>
      this.updateEach(numbers, { status: 'cancelled' }, signal, async (settle) => {
        const cancelled = new Set((await this.client.getMyNumbers({ filter: { status: 'cancelled' }, signal: settle })).map((row) => row.tn))
        return (tn) => cancelled.has(tn)
      })
    // Those taken out of the cart are done; a cancel after that leaves the owned ones not sent.
    for (const line of await untilCancelled([owned], signal, (numbers) => numbers.map(e164Of), cancelOwned)) {
      lines.set(nationalDigits(line.e164), line)
    }
    return tns.map((tn) => lines.get(tn) ?? { e164: e164Of(tn), ok: false, message: 'Not released' })
  }

  /**
   * One `updatenumber` for all numbers; a refusal of several is retried number by number (a refusal
   * changed nothing) to say which failed, stopping between numbers on a cancel; an ambiguous failure is
   * settled by `check`, given a signal the cancel does not abort.
   */
  private async updateEach(
    tns: string[],
    change: { trunkId?: string; status?: MyNumberStatus; cnam?: string },
    signal: AbortSignal,
    check: (settle: AbortSignal) => Promise<(tn: string) => boolean>,
  ): Promise<OrderLine[]> {
    if (tns.length === 0) return []
    try {
      const answer = await this.client.updateNumbers({ numbers: tns, ...change, signal })
      return tns.map((tn) => ({ e164: e164Of(tn), ok: true, message: answer.message }))
    } catch (error) {
      rethrowIfCancelled(error)
      if (isAmbiguous(error)) {
        try {
          const done = await check(settlingSignal())
          return tns.map((tn) => ({
            e164: e164Of(tn),
            ok: done(tn),
            checkedAfterFailure: true,
            message: done(tn) ? 'Done (confirmed after the answer was lost)' : `Not done (${error.info.message})`,
          }))
        } catch (checkError) {
          return tns.map((tn) => ({ e164: e164Of(tn), ok: false, code: unknownOutcomeCode, message: `Unknown: could not be checked (${messageOf(checkError)})` }))
        }
      }
      if (tns.length === 1 || (error instanceof AppError && error.code === 'auth')) {
        return tns.map((tn) => ({ e164: e164Of(tn), ok: false, code: codeOf(error), message: messageOf(error) }))
      }
      return untilCancelled(tns, signal, (tn) => [e164Of(tn)], (tn) => this.updateEach([tn], change, signal, check))
    }
  }

  // ---- change and read ----------------------------------------------------------------------------------

  /** Routing (trunk group), status (active / inactive) or CNAM, through `updatenumber`. */
  async change({ e164s, change, signal }: { e164s: string[]; change: NumberChange; signal: AbortSignal }): Promise<OrderLine[]> {
    const problem = vitcomChangeProblem(change)
    if (problem) throw new AppError('validation', problem)
    let update: { trunkId?: string; status?: MyNumberStatus; cnam?: string }
    let applied: (record: PhoneNumberRecord) => boolean
    switch (change.kind) {
      case 'routing': {
        const trunkId = change.routing.kind === 'trunk' ? vitcomOriginationTrunkId(change.routing.trunk) : undefined
        if (trunkId === undefined) throw new AppError('validation', 'Vitcom routes numbers to its origination trunk groups')
        update = { trunkId }
        applied = (record) => record.trunk === `orig-${trunkId}`
        break
      }
      case 'status':
        update = { status: change.status === 'active' ? 'active' : 'inactive' }
        applied = (record) => record.status === (change.status === 'active' ? 'active' : 'suspended')
        break
      case 'cnam': {
        const cnam = change.cnam ?? ''
        update = { cnam }
        applied = (record) => record.cnam?.toUpperCase() === cnam.toUpperCase()
        break
      }
      default:
        throw new AppError('validation', `Vitcom cannot change ${change.kind}`)
    }
    return this.updateEach(e164s.map(nationalDigits), update, signal, async (settle) => {
      const records = await this.read({ e164s, signal: settle })
      const done = new Set(records.filter(applied).map((record) => nationalDigits(record.e164)))
      return (tn) => done.has(tn)
    })
  }

  /**
   * Reads numbers afresh. getnumbers has no number filter, so the account's list is streamed and only
   * the asked-for numbers are kept (memory stays flat; time grows with the account).
   */
  async read({ e164s, signal }: { e164s: string[]; signal: AbortSignal }): Promise<PhoneNumberRecord[]> {
    const wanted = new Set(e164s.map(nationalDigits))
    const found: PhoneNumberRecord[] = []
    const asOf = this.client.now()
    await this.client.streamMyNumbers({
      signal,
      onBatch: (rows) => {
        for (const row of rows) if (wanted.has(row.tn)) found.push(toNumberRecord(row, { accountId: this.accountId, asOf }))
      },
    })
    return found
  }
}
