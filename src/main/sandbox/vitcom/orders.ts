/**
 * The order cart and new-number orders: reserve / bulkreserve add numbers to the account's cart (one open
 * cart, one `reserveId`), remove_reserved takes them out, gen_order (also called generate_new_order by
 * client code) turns the cart into an order, process_order charges the balance and allocates the numbers,
 * get_new_orders lists orders.
 */
import type { Router } from '../kit/http'
import { areaCodeOf, searchAvailable } from '../kit/numbering'
import { addEndpoint, type EndpointHandler, type VitcomEnv } from './endpoint'
import { dateTime, firstOf, invalid, money, numberList, ok, optional, refused, required, wholeNumber } from './forms'
import { isForSaleLandline, isForSaleTollFree, landlineRateCents, tollFreeRateCents, type NumberCategory } from './inventory'
import { activeTrunk, isTaken, parseCategory, tollFreeForSale, tollFreePrefix } from './origination'
import { bookActivity, type Cart, type CartLine, type Charges, type NewOrder, type VitcomState } from './state'

/** One-time charges per number and per order; the doc shows the fields but not the price list. */
const setupCents: Record<NumberCategory, number> = { landline: 100, tollfree: 200 }
const perOrderCents = 50
const taxRate = 0.05
const bulkDiscountFrom = 100

export function orderCharges(lines: { category: NumberCategory }[], perOrder = perOrderCents): Charges {
  const numbersCents = lines.reduce((sum, line) => sum + setupCents[line.category], 0)
  const taxesCents = Math.round(numbersCents * taxRate)
  const discountCents = lines.length >= bulkDiscountFrom ? Math.round(numbersCents * 0.1) : 0
  const otherCents = 0
  return {
    numbersCents,
    perOrderCents: perOrder,
    taxesCents,
    otherCents,
    discountCents,
    totalCents: numbersCents + perOrder + taxesCents + otherCents - discountCents,
  }
}

/** The doc's money fields of an order; `amount` is what process_order deducts. */
export function chargesView(charges: Charges): Record<string, string> {
  return {
    amount: money(charges.totalCents),
    per_order_cost: money(charges.perOrderCents),
    taxes: money(charges.taxesCents),
    other_charges: money(charges.otherCents),
    discount: money(charges.discountCents),
  }
}

export function categoryLabel(categories: NumberCategory[]): string {
  return categories.length > 0 && categories.every((value) => value === 'tollfree') ? 'TollFree' : 'Landline'
}

function openCart(state: VitcomState): Cart {
  state.cart ??= { reserveId: String(state.nextReserveId++), lines: new Map() }
  return state.cart
}

function addToCart(env: VitcomEnv, operation: string, lines: CartLine[]): Cart {
  const cart = openCart(env.state)
  for (const line of lines) {
    cart.lines.set(line.tn, line)
    env.state.held.add(line.tn)
  }
  env.record(operation, { reserveId: cart.reserveId, numbers: lines.map((line) => line.tn) })
  return cart
}

function currentCart(state: VitcomState, reserveId: string): Cart {
  if (!state.cart || state.cart.reserveId !== reserveId) throw invalid('reserveId')
  return state.cart
}

function orderView(env: VitcomEnv, order: NewOrder): Record<string, unknown> {
  const trunk = env.state.originationTrunks.get(order.trunkId)
  return {
    orderno: order.orderId,
    accountno: env.state.accountNo,
    date: dateTime(order.createdAt),
    ...chargesView(order.charges),
    tg_id: String(order.trunkId),
    orderType: 'New',
    didCategory: categoryLabel(order.numbers.map((line) => line.category)),
    didType: trunk?.billingType ?? 'Metered',
    sessions: String(trunk?.sessions ?? 0),
    status: order.status,
    numbers: order.numbers.map((line) => line.tn),
  }
}

export function registerOrderRoutes(router: Router, env: VitcomEnv): void {
  const { state, context } = env

  addEndpoint(router, env, 'reserve', (fields) => {
    const category = parseCategory(required(fields, 'category'))!
    // Client code has sent `did` instead of the documented `number` (carrier-docs README); both work.
    const numbersValue = firstOf(fields, ['number', 'did'])
    if (numbersValue === undefined) throw invalid('number')
    const numbers = numberList(numbersValue, 'number')
    if (category === 'landline') {
      const stateCode = required(fields, 'state').toUpperCase()
      const npanxx = optional(fields, 'npanxx')
      for (const tn of numbers) {
        if (!isForSaleLandline(tn) || isTaken(state, tn)) throw invalid('number')
        if (areaCodeOf(tn)?.state !== stateCode) throw invalid('state')
        if (npanxx !== undefined && !tn.startsWith(npanxx)) throw invalid('npanxx')
      }
    } else {
      const prefix = tollFreePrefix(optional(fields, 'tfn_prefix'))
      for (const tn of numbers) {
        if (!isForSaleTollFree(tn) || isTaken(state, tn)) throw invalid('number')
        if (!tn.startsWith(prefix)) throw invalid('tfn_prefix')
      }
    }
    const cart = addToCart(env, 'reserve', numbers.map((tn) => ({ tn, category })))
    // The doc's example shows `"TNs": ["XXXXXXXXXX , XXXXXXXXXX"]`; one array element per number is answered.
    return ok({ reserveId: cart.reserveId, TNs: numbers })
  })

  addEndpoint(router, env, 'bulkreserve', (fields) => {
    const category = parseCategory(required(fields, 'category'))!
    const quantity = wholeNumber(required(fields, 'quantity'), 'quantity', 1, 1000)
    let numbers: string[]
    if (category === 'landline') {
      const npanxx = optional(fields, 'npanxx')
      if (npanxx !== undefined && !/^\d{6}$/.test(npanxx)) throw invalid('npanxx')
      const stateCode = optional(fields, 'state')
      const city = optional(fields, 'city')
      const filter = {
        ...(stateCode ? { state: stateCode } : {}),
        ...(npanxx ? { npa: npanxx.slice(0, 3), nxx: npanxx.slice(3) } : {}),
        ...(city ? { rateCenter: city } : {}),
      }
      numbers = searchAvailable('vitcom', context.seed, filter, quantity, (tn) => isTaken(state, tn)).map((facts) => facts.tn)
    } else {
      numbers = tollFreeForSale(env, tollFreePrefix(optional(fields, 'tfn_prefix')), quantity)
    }
    // All or nothing: a bulk range that cannot be filled is refused rather than silently shortened.
    if (numbers.length < quantity) throw invalid('quantity')
    numbers.sort()
    const cart = addToCart(env, 'bulkreserve', numbers.map((tn) => ({ tn, category })))
    return ok({ reserveId: cart.reserveId, TNs: numbers })
  })

  addEndpoint(router, env, 'remove_reserved', (fields) => {
    const cart = currentCart(state, required(fields, 'reserveId'))
    const numbersValue = optional(fields, 'number')
    const asked = numbersValue === undefined ? [...cart.lines.keys()] : numberList(numbersValue, 'number')
    const removed = asked.filter((tn) => cart.lines.has(tn))
    const notAvailable = asked.filter((tn) => !cart.lines.has(tn))
    for (const tn of removed) {
      cart.lines.delete(tn)
      state.held.delete(tn)
    }
    if (removed.length > 0) env.record('remove_reserved', { reserveId: cart.reserveId, numbers: removed })
    return ok({ 'Removed TNs': removed, 'TNs not available': notAvailable })
  })

  const generateOrder = (endpoint: string): EndpointHandler => (fields) => {
    const trunk = activeTrunk(state, optional(fields, 'trunk_id') ?? optional(fields, 'tg_id'), 'trunk_id')
    const cart = currentCart(state, required(fields, 'reserveId'))
    if (cart.lines.size === 0) throw invalid('reserveId')
    const numbers = [...cart.lines.values()]
    const order: NewOrder = {
      orderId: String(state.nextOrderId++),
      reserveId: cart.reserveId,
      createdAt: context.clock.now(),
      trunkId: trunk.id,
      numbers,
      charges: orderCharges(numbers),
      status: '0',
    }
    state.orders.set(order.orderId, order)
    state.cart = undefined
    env.record('gen_order', { endpoint, orderId: order.orderId, reserveId: order.reserveId, trunkId: trunk.id, numbers: numbers.map((line) => line.tn), amount: money(order.charges.totalCents) })
    const { orderno: _orderno, accountno: _accountno, status: orderStatus, ...view } = orderView(env, order)
    // The doc's example repeats "status" for the order ("1") after the answer's "200"; a JSON reader keeps
    // the last one, so the order's status is answered as `orderStatus` to keep `status` "200".
    return ok({ success: 'Order Generated successfully.', orderId: order.orderId, ...view, orderStatus })
  }
  addEndpoint(router, env, 'gen_order', generateOrder('gen_order'))
  addEndpoint(router, env, 'generate_new_order', generateOrder('generate_new_order'))

  addEndpoint(router, env, 'process_order', (fields) => {
    const order = state.orders.get(required(fields, 'orderId'))
    if (!order) throw invalid('orderId')
    if (order.status === '1') throw refused('Order already processed.')
    if (state.balanceCents < order.charges.totalCents) throw refused('Insufficient balance.')
    const now = context.clock.now()
    for (const line of order.numbers) {
      state.inventory.put({
        tn: line.tn,
        category: line.category,
        status: '1',
        trunkId: order.trunkId,
        didRateCents: line.category === 'tollfree' ? tollFreeRateCents : landlineRateCents,
        orderType: 'New',
        orderno: order.orderId,
        cnam: '',
      })
      state.held.delete(line.tn)
    }
    order.status = '1'
    order.processedAt = now
    bookActivity(state, now, 'Order (New DIDs)', order.charges.totalCents, 0)
    env.record('process_order', { orderId: order.orderId, numbers: order.numbers.map((line) => line.tn), amount: money(order.charges.totalCents) })
    return ok({ success: 'Order Processed Successfully.', orderId: order.orderId })
  })

  addEndpoint(router, env, 'get_new_orders', (fields) => {
    const orderId = optional(fields, 'orderId')
    if (orderId !== undefined) {
      const order = state.orders.get(orderId)
      if (!order) throw invalid('orderId')
      return ok({ Orders: [orderView(env, order)] })
    }
    return ok({ Orders: [...state.orders.values()].map((order) => orderView(env, order)) })
  })
}
