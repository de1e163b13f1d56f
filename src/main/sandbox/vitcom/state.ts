/**
 * Everything the Vitcom simulator remembers for the seeded account: trunk groups, the order cart, orders,
 * LNP orders, uploaded port documents, the money ledger (financial activities and payments) and the owned
 * number overlay. Seeded history is small (a handful of trunks and payments, one activity per day), so it
 * is built at start; the number inventory and call records stay derived.
 */
import type { SimulatorContext } from '../kit/simulator'
import { dayMs, dayStartOf } from '../kit/calls'
import { hash32, unit } from '../kit/random'
import { createOwnedInventory, disabledTrunkId, seededTrunkIds, type NumberCategory, type OwnedInventory } from './inventory'

export type BillingType = 'Metered' | 'Unmetered'

export interface OriginationTrunk {
  id: number
  title: string
  primaryIP: string
  primaryPort: string
  primaryPrefix: string
  secondaryIP: string
  secondaryPort: string
  secondaryPrefix: string
  billingType: BillingType
  sessions: number
  mou: string
  callForwarding: string
  createdAt: number
  status: '0' | '1'
}

export interface TerminationTrunk {
  id: number
  title: string
  ipaddress: string
  ports: number
  cps: number
  createdAt: number
  status: '0' | '1'
}

export interface CartLine {
  tn: string
  category: NumberCategory
}

export interface Cart {
  reserveId: string
  lines: Map<string, CartLine>
}

export interface Charges {
  numbersCents: number
  perOrderCents: number
  taxesCents: number
  otherCents: number
  discountCents: number
  totalCents: number
}

export interface NewOrder {
  orderId: string
  reserveId: string
  createdAt: number
  trunkId: number
  numbers: CartLine[]
  charges: Charges
  /** "0" generated and waiting for process_order, "1" processed (charged and allocated). */
  status: '0' | '1'
  processedAt?: number
}

export type LnpStage = 'Pending' | 'Submitted' | 'FOC' | 'Completed' | 'Rejected'

export interface LnpDocument {
  name: string
  type: string
  bytes: Buffer
}

export interface LnpOrder {
  orderNo: string
  createdAt: number
  category: NumberCategory
  trunkId: number
  numbers: string[]
  subscriber: Record<string, string>
  requestedFocAt?: number
  /** When the losing carrier confirms (or rejects), fixed at creation so progress follows the clock. */
  decidedAt: number
  focAt: number
  rejectionReason?: string
  /** What the losing carrier objects to (the fields it names and what they said); absent when it accepts. */
  objection?: { code: string; wrong: string }
  charges: Charges
  loa: LnpDocument
  carrierDoc: LnpDocument
  /** The stage already applied to the account (numbers allocated, charge booked, ledger written). */
  appliedStage: LnpStage
}

export interface FinancialActivity {
  at: number
  activity: string
  debitCents: number
  creditCents: number
  balanceCents: number
}

export interface Payment {
  at: number
  referenceno: string
  fundedCents: number
  chargesCents: number
  method: 'paypal' | 'bank' | 'credit card'
  status: '1' | '0'
  cardLast4?: string
}

export interface VitcomState {
  accountNo: string
  token: string
  inventory: OwnedInventory
  originationTrunks: Map<number, OriginationTrunk>
  terminationTrunks: Map<number, TerminationTrunk>
  nextTrunkId: number
  nextTerminationTrunkId: number
  cart?: Cart
  nextReserveId: number
  /** Numbers held in a cart or an unprocessed order: not for sale, not yet owned. */
  held: Set<string>
  orders: Map<string, NewOrder>
  nextOrderId: number
  lnpOrders: Map<string, LnpOrder>
  nextLnpOrderNo: number
  activities: FinancialActivity[]
  payments: Payment[]
  balanceCents: number
}

/** Books a money movement and keeps the running balance the financial summary shows. */
export function bookActivity(state: VitcomState, at: number, activity: string, debitCents: number, creditCents: number): void {
  state.balanceCents += creditCents - debitCents
  state.activities.push({ at, activity, debitCents, creditCents, balanceCents: state.balanceCents })
}

/** The card fee the service takes on a payment: 2.9% + 0.30, as typical merchant processors charge. */
export function cardFeeCents(amountCents: number): number {
  return Math.round(amountCents * 0.029) + 30
}

function seededIp(seed: number, id: number, which: number): string {
  return `${[198, 203, 192][which % 3]}.${[51, 0, 0][which % 3]}.${[100, 113, 2][which % 3]}.${10 + (hash32(seed, id, which) % 240)}`
}

function seedTrunks(state: VitcomState, seed: number, now: number): void {
  seededTrunkIds.forEach((id, position) => {
    const unmetered = position % 2 === 1
    state.originationTrunks.set(id, {
      id,
      title: ['Main PBX', 'Call Center', 'Backup SBC', 'Fax Gateway', 'Branch Office'][position] ?? `Trunk ${id}`,
      primaryIP: seededIp(seed, id, 0),
      primaryPort: '5060',
      primaryPrefix: String(1000 + (hash32(seed, id, 5) % 9000)),
      secondaryIP: position === 2 ? '' : seededIp(seed, id, 1),
      secondaryPort: position === 2 ? '' : '5060',
      secondaryPrefix: position === 2 ? '' : String(1000 + (hash32(seed, id, 6) % 9000)),
      billingType: unmetered ? 'Unmetered' : 'Metered',
      sessions: unmetered ? 23 * (1 + (hash32(seed, id, 7) % 4)) : 0,
      mou: unmetered ? 'Unlimited' : '',
      callForwarding: '',
      createdAt: now - (400 - position * 30) * dayMs,
      status: '1',
    })
  })
  // The account's first PBX trunk, replaced by Main PBX and disabled since: the seeded drift (kit/drift)
  // leaves a few numbers routed to it.
  state.originationTrunks.set(disabledTrunkId, {
    id: disabledTrunkId,
    title: 'Old PBX',
    primaryIP: seededIp(seed, disabledTrunkId, 0),
    primaryPort: '5060',
    primaryPrefix: String(1000 + (hash32(seed, disabledTrunkId, 5) % 9000)),
    secondaryIP: '',
    secondaryPort: '',
    secondaryPrefix: '',
    billingType: 'Metered',
    sessions: 0,
    mou: '',
    callForwarding: '',
    createdAt: now - 520 * dayMs,
    status: '0',
  })
  for (const [position, id] of [500, 501].entries()) {
    state.terminationTrunks.set(id, {
      id,
      title: position === 0 ? 'Outbound Primary' : 'Outbound Overflow',
      ipaddress: seededIp(seed, id, 2),
      ports: position === 0 ? 200 : 50,
      cps: position === 0 ? 20 : 5,
      createdAt: now - (380 - position * 40) * dayMs,
      status: '1',
    })
  }
}

/**
 * A believable money history: an opening bank transfer, then per history day the day's call charges,
 * with a PayPal or card top-up whenever the balance runs low.
 */
function seedFinances(state: VitcomState, context: SimulatorContext, now: number): void {
  const start = dayStartOf(now) - (context.historyDays + 1) * dayMs
  const payment = (at: number, method: Payment['method'], fundedCents: number, index: number): void => {
    const chargesCents = method === 'bank' ? 1500 : method === 'paypal' ? Math.round(fundedCents * 0.035) : cardFeeCents(fundedCents)
    const referenceno = `${method === 'bank' ? 'BT' : method === 'paypal' ? 'PP' : 'CC'}${String(hash32(context.seed, index, 99) % 100_000_000).padStart(8, '0')}`
    state.payments.push({ at, referenceno, fundedCents, chargesCents, method, status: '1', ...(method === 'credit card' ? { cardLast4: String(1000 + (index % 9000)) } : {}) })
    const activity = method === 'bank' ? 'Bank Transfer' : method === 'paypal' ? 'Paypal Transfer' : 'Credit Card'
    const fee = method === 'bank' ? 'Bank Fee' : method === 'paypal' ? 'Paypal Fee' : 'Credit Card Fee'
    bookActivity(state, at, activity, 0, fundedCents)
    bookActivity(state, at, fee, chargesCents, 0)
  }
  bookActivity(state, start, 'Test Call Credit', 0, 200)
  payment(start + 3_600_000, 'bank', 250_000, 0)
  // Daily call charges scale with the configured call volume (roughly 2 billed minutes at 0.6 cents each).
  const dailyChargeCents = Math.max(1, Math.round(context.callsPerDay * 0.82 * 2.4 * 0.62))
  for (let day = 1; day <= context.historyDays; day += 1) {
    const at = start + day * dayMs + 2 * 3_600_000
    const jitter = 0.85 + unit(context.seed, day, 41) * 0.3
    bookActivity(state, at, 'Call Charges', Math.round(dailyChargeCents * jitter), 0)
    if (day % 7 === 0) bookActivity(state, at + 60_000, 'USF Tax Deduction', Math.round(dailyChargeCents * 0.2), 0)
    if (state.balanceCents < 100_000) {
      payment(at + 3_600_000, day % 2 === 0 ? 'paypal' : 'credit card', 150_000, day)
    }
  }
}

export function createVitcomState(context: SimulatorContext): VitcomState {
  const now = context.clock.now()
  const accountNo = String(1_000_000 + (hash32(context.seed, 0x7c0) % 9_000_000))
  const token = [1, 2, 3, 4].map((part) => hash32(context.seed, 0x70c, part).toString(16).padStart(8, '0')).join('')
  const state: VitcomState = {
    accountNo,
    token,
    inventory: createOwnedInventory(context.seed, context.ownedNumbers),
    originationTrunks: new Map(),
    terminationTrunks: new Map(),
    nextTrunkId: 105,
    nextTerminationTrunkId: 502,
    nextReserveId: 300_000 + (hash32(context.seed, 11) % 100_000),
    held: new Set(),
    orders: new Map(),
    nextOrderId: 700_000 + (hash32(context.seed, 12) % 100_000),
    lnpOrders: new Map(),
    nextLnpOrderNo: 900_000 + (hash32(context.seed, 13) % 50_000),
    activities: [],
    payments: [],
    balanceCents: 0,
  }
  seedTrunks(state, context.seed, now)
  seedFinances(state, context, now)
  return state
}
