/**
 * Number porting (LNP): check_lnp answers which numbers can be ported in, generate_lnp_order takes a
 * multipart upload (LOA and carrier document: ZIP as the doc asks, or a single PDF, PNG, JPG or TIFF, up to
 * 10 MB each) and opens an order for the accepted numbers, get_lnp_orders shows them. Orders move along the
 * simulated clock: Pending, Submitted (+2 h), then 24 h after creation either FOC (a firm date) or Rejected
 * with a reason, and Completed on the FOC date (the requested one, or the next business day at least 4 days
 * out, 15:00 UTC), when the numbers join the account (getnumbers) and the port fee is charged.
 *
 * Rejections: a share of orders (`portRejectionRate`, default 0.2, by seed and order number) meets one
 * objection from the losing carrier, naming subscriber fields. The doc has no edit call, so a rejected order
 * is fixed by generating a new order for its numbers (they are free again once rejected): when that order
 * changes the fields the objection named it is accepted, when it sends them unchanged it is rejected again
 * with the same reason. Neither is decided by chance.
 */
import { dayMs } from '../kit/calls'
import { SimHttpError, type Router } from '../kit/http'
import { areaCodeOf } from '../kit/numbering'
import { documentKindOf } from '../kit/documents'
import { hash32, hashString, pick, unit } from '../kit/random'
import { addEndpoint, type VitcomEnv } from './endpoint'
import {
  dateTime,
  invalid,
  numberList,
  ok,
  optional,
  originOf,
  parseDate,
  required,
  vitcomError,
  type VitcomFields,
} from './forms'
import { isTollFree, landlineRateCents, tollFreeRateCents, type NumberCategory } from './inventory'
import { activeTrunk, isTaken, parseCategory } from './origination'
import { categoryLabel, chargesView } from './orders'
import { bookActivity, type Charges, type LnpDocument, type LnpOrder, type LnpStage, type VitcomState } from './state'

const hourMs = 3_600_000
const portFeeCents = 500
const maxDocumentBytes = 10 * 1024 * 1024
/** Losing carriers need this many days before a port-out (the doc rejects earlier requested FOC dates). */
const minimumNoticeDays = 3

/** The numeric `status` of an LNP order; the doc shows the field without listing its values. */
const stageStatus: Record<LnpStage, string> = { Pending: '0', Submitted: '1', FOC: '2', Completed: '3', Rejected: '4' }

/** The losing carrier's objections and the subscriber fields each names; the wireless ones only to wireless ports. */
const objections: Record<string, { reason: string; fields: string[]; wireless?: true }> = {
  name: { reason: 'Authorized name on LOA does not match the customer service record', fields: ['loaAuthorizingPerson'] },
  address: {
    reason: 'Service address does not match the losing carrier records',
    fields: ['addressHouseNumber', 'addressStreetName', 'addressCity', 'addressZip'],
  },
  btn: { reason: 'Billing telephone number (BTN) mismatch', fields: ['billingNumber'] },
  account: { reason: 'Account number does not match the losing carrier records', fields: ['wirelessAccountNumber'], wireless: true },
  pin: { reason: 'Wireless PIN missing or incorrect', fields: ['wirelessPin'], wireless: true },
}

const losingCarriers = ['Bandwidth', 'Lumen', 'Frontier', 'Windstream', 'Onvoy', 'Peerless Network']

const subscriberFields = [
  'subscriberFirstName',
  'subscriberLastName',
  'addressHouseNumber',
  'addressStreetName',
  'addressStreetSuffix',
  'addressCity',
  'addressStateCode',
  'addressZip',
  'losingCarrierName',
  'billingNumber',
  'wirelessAccountNumber',
] as const

function stageAt(order: LnpOrder, now: number): LnpStage {
  if (now < order.createdAt + 2 * hourMs) return 'Pending'
  if (now < order.decidedAt) return 'Submitted'
  if (order.rejectionReason !== undefined) return 'Rejected'
  return now < order.focAt ? 'FOC' : 'Completed'
}

function stageChangedAt(order: LnpOrder, stage: LnpStage): number {
  switch (stage) {
    case 'Pending':
      return order.createdAt
    case 'Submitted':
      return order.createdAt + 2 * hourMs
    case 'Completed':
      return order.focAt
    default:
      return order.decidedAt
  }
}

function isWeekend(at: number): boolean {
  const day = new Date(at).getUTCDay()
  return day === 0 || day === 6
}

/** The next business day at least `minimumNoticeDays + 1` days out, at 15:00 UTC. */
function nextFocDate(now: number): number {
  let at = Math.floor(now / dayMs) * dayMs + (minimumNoticeDays + 1) * dayMs + 15 * hourMs
  while (isWeekend(at)) at += dayMs
  return at
}

/** Whether Vitcom can port a number in, and why not. */
function portabilityProblem(state: VitcomState, tn: string, seed: number): string | undefined {
  if (state.inventory.find(tn) !== undefined || isTaken(state, tn)) return 'already on this account'
  if (!isTollFree(tn) && !areaCodeOf(tn)) return 'rate center not served'
  for (const order of state.lnpOrders.values()) {
    if (order.appliedStage !== 'Rejected' && order.appliedStage !== 'Completed' && order.numbers.includes(tn)) {
      return 'already in a port order'
    }
  }
  // A few numbers are simply not portable (e.g. the losing carrier's own test or wireless-only ranges).
  return unit(seed, hashString(tn), 71) < 0.08 ? 'not portable' : undefined
}

async function uploadedDocument(fields: VitcomFields, name: string): Promise<LnpDocument & { extension: string }> {
  const file = fields.file(name)
  if (!file || file.size === 0 || file.size > maxDocumentBytes) throw invalid(name)
  const bytes = Buffer.from(await file.arrayBuffer())
  // The doc asks for ZIPs (several LOAs in one); a single PDF or scan is what most users actually send.
  const kind = documentKindOf(bytes)
  if (!kind) throw invalid(name)
  return { name: file.name || `${name}.${kind}`, type: file.type || 'application/octet-stream', bytes, extension: kind }
}

/**
 * What the fields an objection names say in a submission. The PIN is a secret: only a hash of it is kept,
 * enough to tell a changed PIN from the same one.
 */
function signature(fields: VitcomFields, code: string): string {
  return objections[code]!.fields
    .map((name) => {
      const value = (optional(fields, name) ?? '').trim().toLowerCase()
      return name === 'wirelessPin' && value !== '' ? String(hashString(value)) : value
    })
    .join('|')
}

/**
 * The objection a new order meets. An order for numbers of a rejected one is its resubmission: rejected
 * again only if the fields named last time are unchanged. Any other order: by the rejection rate.
 */
function objectionFor(state: VitcomState, fields: VitcomFields, numbers: string[], seed: number, rate: number, orderNo: number): LnpOrder['objection'] {
  const previous = [...state.lnpOrders.values()]
    .filter((order) => order.appliedStage === 'Rejected' && order.objection && order.numbers.some((tn) => numbers.includes(tn)))
    .at(-1)
  if (previous?.objection) {
    const { code, wrong } = previous.objection
    return signature(fields, code) === wrong ? { code, wrong } : undefined
  }
  if (!(unit(seed, orderNo, 73) < rate)) return undefined
  const wireless = optional(fields, 'wirelessAccountNumber') !== undefined || optional(fields, 'wirelessPin') !== undefined
  const codes = Object.keys(objections).filter((code) => wireless || !objections[code]!.wireless)
  const code = codes[hash32(seed, orderNo, 74) % codes.length]!
  return { code, wrong: signature(fields, code) }
}

function lnpCharges(count: number): Charges {
  const numbersCents = count * portFeeCents
  return { numbersCents, perOrderCents: 0, taxesCents: 0, otherCents: 0, discountCents: 0, totalCents: numbersCents }
}

function documentUrl(origin: string, order: LnpOrder, which: 'loa' | 'carrier_doc'): string {
  const document = which === 'loa' ? order.loa : order.carrierDoc
  const extension = /\.([a-z0-9]{2,4})$/i.exec(document.name)?.[1]?.toLowerCase() ?? 'zip'
  return `${origin}/uploads/portin/${order.orderNo}_${which}.${extension}`
}

function orderView(env: VitcomEnv, order: LnpOrder, origin: string): Record<string, unknown> {
  const stage = stageAt(order, env.context.clock.now())
  const trunk = env.state.originationTrunks.get(order.trunkId)
  const hasFoc = stage === 'FOC' || stage === 'Completed'
  return {
    orderno: order.orderNo,
    accountno: env.state.accountNo,
    date: dateTime(order.createdAt),
    ...chargesView(order.charges),
    tg_id: String(order.trunkId),
    orderType: 'Portin',
    didCategory: categoryLabel([order.category]),
    didType: trunk?.billingType ?? 'Metered',
    sessions: String(trunk?.sessions ?? 0),
    status: stageStatus[stage],
    // Beyond the doc's example, which shows `status` without its meaning: the stage by name and why it was rejected.
    portStatus: stage,
    rejectionReason: stage === 'Rejected' ? (order.rejectionReason ?? '') : '',
    requestedFocDate: order.requestedFocAt === undefined ? '' : dateTime(order.requestedFocAt),
    actualFocDate: hasFoc ? dateTime(order.focAt) : '',
    billingNumber: order.subscriber.billingNumber ?? `+1${order.numbers[0] ?? ''}`,
    loaAuthorizingPerson: order.subscriber.loaAuthorizingPerson ?? '',
    numbers: order.numbers,
    subscriberType: order.subscriber.subscriberType ?? '',
    subscriberFirstName: order.subscriber.subscriberFirstName ?? '',
    subscriberLastName: order.subscriber.subscriberLastName ?? '',
    addressHouseNumber: order.subscriber.addressHouseNumber ?? '',
    addressStreetName: order.subscriber.addressStreetName ?? '',
    addressStreetSuffix: order.subscriber.addressStreetSuffix ?? '',
    addressCity: order.subscriber.addressCity ?? '',
    addressStateCode: order.subscriber.addressStateCode ?? '',
    addressZip: order.subscriber.addressZip ?? '',
    losingCarrierName: order.subscriber.losingCarrierName ?? '',
    lastModifiedDate: dateTime(stageChangedAt(order, stage)),
    lastModifiedBy: stage === 'Pending' ? 'API' : 'System',
    immediately: false,
    triggered: stage === 'Completed',
    loa: documentUrl(origin, order, 'loa'),
    carrier_doc: documentUrl(origin, order, 'carrier_doc'),
  }
}

/** Applies what the clock has made due: FOC notices, rejections, completed ports (numbers + fee). */
function settle(env: VitcomEnv): void {
  const { state, context } = env
  const now = context.clock.now()
  for (const order of state.lnpOrders.values()) {
    const stage = stageAt(order, now)
    if (stage === order.appliedStage) continue
    if (stage === 'Rejected') {
      env.record('lnp_rejected', { orderNo: order.orderNo, reason: order.rejectionReason })
    }
    if ((stage === 'FOC' || stage === 'Completed') && order.appliedStage !== 'FOC') {
      env.record('lnp_foc', { orderNo: order.orderNo, focDate: dateTime(order.focAt) })
    }
    if (stage === 'Completed') {
      for (const tn of order.numbers) {
        state.inventory.put({
          tn,
          category: order.category,
          status: '1',
          trunkId: order.trunkId,
          didRateCents: order.category === 'tollfree' ? tollFreeRateCents : landlineRateCents,
          orderType: 'Portin',
          orderno: order.orderNo,
          cnam: '',
        })
        state.held.delete(tn)
      }
      bookActivity(state, order.focAt, 'Order (LNP)', order.charges.totalCents, 0)
      env.record('lnp_completed', { orderNo: order.orderNo, numbers: order.numbers, amount: chargesView(order.charges).amount })
    }
    if (stage === 'Rejected') for (const tn of order.numbers) state.held.delete(tn)
    order.appliedStage = stage
  }
}

export function registerLnpRoutes(router: Router, env: VitcomEnv): void {
  const { state, context } = env
  env.beforeEach.push(() => settle(env))

  addEndpoint(router, env, 'check_lnp', (fields) => {
    const numbers = numberList(required(fields, 'numbers'), 'numbers')
    const accepted: string[] = []
    const rejected: string[] = []
    for (const tn of numbers) (portabilityProblem(state, tn, context.seed) ? rejected : accepted).push(`1${tn}`)
    // The doc's example wraps the numbers in `[{ "X","Y" }]`, which is not JSON; plain arrays are answered.
    return ok({ accepted, rejected })
  })

  addEndpoint(router, env, 'generate_lnp_order', async (fields) => {
    const numbers = numberList(required(fields, 'numbers'), 'numbers')
    const category = parseCategory(required(fields, 'category'))!
    const subscriberType = required(fields, 'subscriberType').toLowerCase()
    if (subscriberType !== 'residential' && subscriberType !== 'business') throw invalid('subscriberType')
    const loaAuthorizingPerson = required(fields, 'loaAuthorizingPerson')
    if (!/\S+\s+\S+/.test(loaAuthorizingPerson)) throw invalid('loaAuthorizingPerson')
    const loa = await uploadedDocument(fields, 'loa_doc')
    const carrierDoc = await uploadedDocument(fields, 'carrier_doc')
    const now = context.clock.now()
    const requestedValue = optional(fields, 'requestedFocDate')
    let requestedFocAt: number | undefined
    if (requestedValue !== undefined) {
      requestedFocAt = parseDate(requestedValue)
      if (requestedFocAt === undefined || requestedFocAt < now + minimumNoticeDays * dayMs || isWeekend(requestedFocAt)) {
        throw invalid('requestedFocDate')
      }
    }
    const trunkValue = optional(fields, 'trunk_id') ?? optional(fields, 'tg_id')
    const trunk =
      trunkValue !== undefined
        ? activeTrunk(state, trunkValue, 'trunk_id')
        : [...state.originationTrunks.values()].find((candidate) => candidate.status === '1')
    if (!trunk) throw invalid('trunk_id')

    const accepted: string[] = []
    const rejected: string[] = []
    for (const tn of numbers) {
      const wrongCategory = isTollFree(tn) !== (category === 'tollfree')
      ;(wrongCategory || portabilityProblem(state, tn, context.seed) ? rejected : accepted).push(tn)
    }
    if (accepted.length === 0) throw invalid('numbers')

    const orderNo = String(state.nextLnpOrderNo++)
    const subscriber: Record<string, string> = { subscriberType, loaAuthorizingPerson }
    for (const name of subscriberFields) {
      const value = optional(fields, name)
      if (value !== undefined) subscriber[name] = value
    }
    subscriber.losingCarrierName ??= pick(losingCarriers, hashString(accepted[0]!))
    // The wireless PIN is a secret: it is never stored or echoed (an objection keeps only a hash of it).
    const objection = objectionFor(state, fields, accepted, context.seed, context.portRejectionRate, Number(orderNo))
    const order: LnpOrder = {
      orderNo,
      createdAt: now,
      category: category as NumberCategory,
      trunkId: trunk.id,
      numbers: accepted,
      subscriber,
      ...(requestedFocAt !== undefined ? { requestedFocAt } : {}),
      decidedAt: now + dayMs,
      focAt: requestedFocAt ?? nextFocDate(now),
      ...(objection ? { objection, rejectionReason: objections[objection.code]!.reason } : {}),
      charges: lnpCharges(accepted.length),
      loa: { name: `loa.${loa.extension}`, type: loa.type, bytes: loa.bytes },
      carrierDoc: { name: `carrier_doc.${carrierDoc.extension}`, type: carrierDoc.type, bytes: carrierDoc.bytes },
      appliedStage: 'Pending',
    }
    state.lnpOrders.set(orderNo, order)
    for (const tn of accepted) state.held.add(tn)
    env.record('generate_lnp_order', {
      orderNo,
      numbers: accepted,
      rejected,
      category,
      documents: { loa: loa.bytes.length, carrier_doc: carrierDoc.bytes.length },
    })
    return ok({
      success: 'Order Generated Successfully.',
      orderNo,
      date: dateTime(now),
      ...chargesView(order.charges),
      tg_id: String(trunk.id),
      // The doc's example says "New" here, a copy of gen_order's; get_lnp_orders says "Portin", answered in both.
      orderType: 'Portin',
      didCategory: categoryLabel([order.category]),
      didType: trunk.billingType,
      sessions: String(trunk.sessions),
      // As in gen_order, the order's own status is not answered as a second `status` key.
      orderStatus: stageStatus.Pending,
      acceptedTns: accepted.map((tn) => `1${tn}`),
      rejectedTns: rejected.map((tn) => `1${tn}`),
    })
  })

  addEndpoint(router, env, 'get_lnp_orders', (fields, request) => {
    const orderId = optional(fields, 'orderId')
    const origin = originOf(request)
    if (orderId !== undefined) {
      const order = state.lnpOrders.get(orderId)
      if (!order) throw invalid('orderId')
      return ok({ Orders: [orderView(env, order, origin)] })
    }
    return ok({ Orders: [...state.lnpOrders.values()].map((order) => orderView(env, order, origin)) })
  })

  router.add('GET', '/uploads/portin/:file', (request) => {
    const match = /^(\d+)_(loa|carrier_doc)\.[a-z0-9]+$/.exec(request.params.file ?? '')
    const order = match ? state.lnpOrders.get(match[1]!) : undefined
    if (!match || !order) throw new SimHttpError(404, 'File not found', vitcomError(404, 'File not found'))
    const document = match[2] === 'loa' ? order.loa : order.carrierDoc
    return { status: 200, headers: { 'content-type': document.type }, body: document.bytes }
  })
}
