/**
 * Call48's number actions in domain terms: search, purchase, bulk order, release, change, read and
 * address verification, on top of Call48Client.
 *
 * Purchases and removals go one number per request, so each number gets its own definite outcome, and are
 * never retried. After an ambiguous failure (connection lost, 5xx, garbled answer) the DID list is re-read
 * and the number reported bought/released from what the carrier holds (`checkedAfterFailure`), so a
 * number is never bought twice (README: user reports). A cancel stops the run between numbers: those
 * done are reported done, the rest not sent.
 */
import { randomUUID } from 'node:crypto'
import type { BulkOrderRequest, NumberActions, PurchaseResult } from '../adapter'
import type {
  AddressCheck,
  AvailableNumber,
  E911Address,
  Listing411,
  NumberChange,
  NumberSearchQuery,
  OrderLine,
  PhoneNumberRecord,
  Routing,
} from '../../../shared/domain'
import { unknownOutcomeCode, type BulkOrderStatus, type OrderState } from '../../../shared/domain'
import { AppError } from '../../lib/app-error'
import { CarrierError, isAmbiguous } from '../../lib/carrier-error'
import { settlingSignal, untilCancelled } from '../kit/outcome'
import { numberTypeOf, toE164 } from '../kit/phone'
import { answeringModes, type AnsweringModeName, type BulkOrderType, type Call48Client, type ForwardingMethod, type ForwardingUpdate, type PurchaseRouting } from './client'
import {
  call48Number,
  didTypeOf,
  e164OfDid,
  isCall48IntlOffer,
  isCall48Offer,
  mapDid,
  mapIntlGroup,
  mapSearchNumber,
  type Call48IntlOffer,
  type Call48Offer,
} from './mapping'
import type { Call48BulkOrder, Call48Did, Call48DidType } from './schemas'

/** DIDs per `GET /dids` page when looking numbers up or syncing. */
export const didPageSize = 500

export interface NumberActionsContext {
  client: Call48Client
  accountId: string
  now: () => number
}

function failedLine(e164: string, error: unknown): OrderLine {
  if (error instanceof CarrierError && (error.code === 'carrier' || error.code === 'auth' || error.code === 'network')) {
    return { e164, ok: false, code: error.info.carrierCode, message: error.info.message }
  }
  throw error
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

function didKey(did: string, type: Call48DidType): string {
  const digits = did.replace(/\D/g, '')
  return type !== 'intl' && digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits
}

/**
 * The account's DIDs for these numbers, by E.164. `GET /dids` has no number filter, so the listing is
 * read; recent purchases are listed last, so the pages are read from the last one back.
 */
export async function findOwnedDids(client: Call48Client, e164s: string[], signal: AbortSignal): Promise<Map<string, Call48Did>> {
  const found = new Map<string, Call48Did>()
  const byType = new Map<Call48DidType, Map<string, string>>()
  for (const e164 of e164s) {
    const type = didTypeOf[numberTypeOf(e164)]
    const wanted = byType.get(type) ?? new Map<string, string>()
    wanted.set(call48Number(e164), e164)
    byType.set(type, wanted)
  }
  for (const [type, wanted] of byType) {
    const check = (dids: Call48Did[]): void => {
      for (const did of dids) {
        const e164 = wanted.get(didKey(did.did, type))
        if (e164 === undefined) continue
        found.set(e164, did)
        wanted.delete(didKey(did.did, type))
      }
    }
    const first = await client.listDids({ type, page: 1, max: didPageSize, signal })
    check(first.dids)
    if (wanted.size === 0 || first.dids.length < didPageSize) continue
    if (first.total !== undefined) {
      for (let page = Math.ceil(first.total / didPageSize); page >= 2 && wanted.size > 0; page -= 1) {
        check((await client.listDids({ type, page, max: didPageSize, signal })).dids)
      }
    } else {
      for (let page = 2; wanted.size > 0; page += 1) {
        const { dids } = await client.listDids({ type, page, max: didPageSize, signal })
        check(dids)
        if (dids.length < didPageSize) break
      }
    }
  }
  return found
}

/** Every DID of one type (for international purchases, whose numbers Call48 assigns). */
async function allDidsOfType(client: Call48Client, type: Call48DidType, signal: AbortSignal): Promise<Call48Did[]> {
  const all: Call48Did[] = []
  for (let page = 1; ; page += 1) {
    const { dids, total } = await client.listDids({ type, page, max: didPageSize, signal })
    all.push(...dids)
    if (dids.length < didPageSize || (total !== undefined && all.length >= total)) return all
  }
}

/** "123 Main St" -> house number and street name (Call48 takes them apart). */
export function splitStreet(street: string): { streetNumber: string; streetName: string } | undefined {
  const match = /^\s*(\d+[A-Za-z]?(?:-\d+)?)\s+(.+?)\s*$/.exec(street)
  return match ? { streetNumber: match[1]!, streetName: match[2]! } : undefined
}

function bulkState(order: Call48BulkOrder): OrderState {
  switch (order.status) {
    case 'Q':
    case 'P':
      return 'pending'
    case 'E':
      return 'failed'
    case 'C':
      if (order.fulfilled_quantity >= order.quantity) return 'completed'
      return order.fulfilled_quantity > 0 ? 'partial' : 'failed'
  }
}

export function createNumberActions({ client, accountId, now }: NumberActionsContext): NumberActions {
  async function search(query: NumberSearchQuery, signal: AbortSignal): Promise<AvailableNumber[]> {
    const fetchedAt = now()
    if (query.type === 'international') {
      if (!query.country) throw new AppError('validation', 'Choose a country to search Call48 international numbers')
      const [groups, countries] = await Promise.all([
        client.searchInternational({ country: query.country, signal }),
        client.listCountries({ signal }),
      ])
      return groups.slice(0, query.limit).map((group) => {
        const country = countries.find((entry) => entry.code.toUpperCase() === group.country.toUpperCase())
        return mapIntlGroup(group, country?.prefix, accountId, fetchedAt)
      })
    }
    const result =
      query.type === 'toll-free'
        ? await client.searchTollFree({ npa: query.tollFreePrefix ?? query.npa, limit: query.limit, signal })
        : await (() => {
            if (!query.state) throw new AppError('validation', 'Call48 searches local numbers by state: choose a state')
            return client.searchLocal({ state: query.state, rateCenter: query.rateCenter, npa: query.npa, nxx: query.nxx, limit: query.limit, signal })
          })()
    const didType = query.type === 'toll-free' ? 'toll' : 'local'
    return result.numbers
      .map((item) => mapSearchNumber(item, didType, result, accountId, fetchedAt))
      .filter((number): number is AvailableNumber => number !== undefined)
  }

  async function purchaseNumber(e164: string, offer: Call48Offer, signal: AbortSignal, routing: PurchaseRouting): Promise<OrderLine> {
    const number = { npa: offer.npa, nxx: offer.nxx, xxxx: offer.xxxx, state: offer.state, ratecenter: offer.ratecenter, loc: offer.loc, locData: offer.locData }
    try {
      if (offer.didType === 'toll') await client.purchaseTollFree({ numbers: [number], ...routing, signal })
      else await client.purchaseLocal({ numbers: [number], ...routing, signal })
      return { e164, ok: true }
    } catch (error) {
      if (!isAmbiguous(error)) return failedLine(e164, error)
      const owned = await findOwnedDids(client, [e164], settlingSignal()).catch((checkError: unknown) => checkError)
      if (owned instanceof Map) {
        return {
          e164,
          ok: owned.has(e164),
          checkedAfterFailure: true,
          message: owned.has(e164)
            ? `Bought (the answer was lost: ${error.info.message}; the number is now on the account)`
            : `Not bought (${error.info.message}; the number is not on the account)`,
        }
      }
      return {
        e164,
        ok: false,
        code: unknownOutcomeCode,
        message: `The purchase may have happened (${error.info.message}) and the account could not be checked: sync the numbers before trying again`,
      }
    }
  }

  /** International numbers are bought from a city group; the number bought is found by comparing the lists. */
  async function purchaseFromGroup(requested: string, offer: Call48IntlOffer, signal: AbortSignal, routing: PurchaseRouting): Promise<OrderLine> {
    const before = new Set((await allDidsOfType(client, 'intl', signal)).map((did) => didKey(did.did, 'intl')))
    let failure: CarrierError | undefined
    try {
      await client.purchaseInternational({
        items: [{ id: offer.id, name: offer.name, prefix: offer.prefix, country: offer.country, quantity: 1, loc: offer.loc }],
        ...routing,
        signal,
      })
    } catch (error) {
      if (!isAmbiguous(error)) return failedLine(requested, error)
      failure = error
    }
    // The purchase was sent: which number it bought is read even when the user cancels meanwhile.
    let after: Call48Did[]
    try {
      after = await allDidsOfType(client, 'intl', settlingSignal())
    } catch (checkError) {
      return {
        e164: requested,
        ok: false,
        code: unknownOutcomeCode,
        message: `The purchase may have happened and the account could not be checked (${messageOf(checkError)}): sync the numbers before trying again`,
      }
    }
    const bought = after
      .filter((did) => !before.has(didKey(did.did, 'intl')))
      .map((did) => e164OfDid(did.did, 'intl'))
      .find((e164): e164 is string => e164 !== undefined && e164.startsWith(requested))
    const checked = failure !== undefined
    if (bought) {
      return { e164: bought, ok: true, checkedAfterFailure: checked || undefined, message: `Bought from the ${offer.name} group` }
    }
    if (!failure) {
      return { e164: requested, ok: false, code: unknownOutcomeCode, message: 'The purchase was accepted but no new number is listed yet: sync the numbers before trying again' }
    }
    return { e164: requested, ok: false, checkedAfterFailure: true, message: `Not bought (${failure.info.message}; no new number on the account)` }
  }

  /** Where bought numbers are routed: the chosen OD trunk group (`ext_tgid`), else the account's default. */
  function purchaseRouting(trunk: string | undefined): PurchaseRouting {
    if (trunk === undefined) return {}
    if (!/^[1-9]\d{0,9}$/.test(trunk)) {
      throw new AppError('validation', `Call48 routes new numbers to an OD trunk group id (ext_tgid), not "${trunk.slice(0, 40)}"`, { fields: { trunk: 'Not an OD trunk group id' } })
    }
    return { fwdTrunkGroupId: Number(trunk) }
  }

  async function purchase(numbers: AvailableNumber[], signal: AbortSignal, trunk: string | undefined): Promise<PurchaseResult> {
    const routing = purchaseRouting(trunk)
    const lines = await untilCancelled(numbers, signal, (available) => [available.e164], async (available) => {
      if (isCall48Offer(available.offer)) return [await purchaseNumber(available.e164, available.offer, signal, routing)]
      if (isCall48IntlOffer(available.offer)) return [await purchaseFromGroup(available.e164, available.offer, signal, routing)]
      return [{ e164: available.e164, ok: false, code: 'no-offer', message: 'Not from a Call48 search (no loc/locData): search again' }]
    })
    const totalCost = numbers.reduce((sum, number, index) => sum + (lines[index]?.ok ? (number.setupCost ?? 0) : 0), 0)
    return { lines, totalCost }
  }

  /** Finds an order in the listing (newest first) by a predicate, reading up to `maxPages` pages of 50. */
  async function findBulkOrder(match: (order: Call48BulkOrder) => boolean, signal: AbortSignal, maxPages = 20): Promise<Call48BulkOrder | undefined> {
    for (let page = 1; page <= maxPages; page += 1) {
      const { orders, total } = await client.listBulkOrders({ page, limit: 50, signal })
      const found = orders.find(match)
      if (found) return found
      if (orders.length < 50 || page * 50 >= total) return undefined
    }
    return undefined
  }

  async function bulkStatusOf(order: Call48BulkOrder, signal: AbortSignal): Promise<BulkOrderStatus> {
    const state = bulkState(order)
    const numbers =
      order.status === 'C' && order.fulfilled_quantity > 0
        ? (await client.bulkDidReport({ bulkOrderId: order.bulk_order_id, signal }))
            .map((row) => toE164(row.number))
            .filter((e164): e164 is string => e164 !== undefined)
        : []
    return {
      orderId: String(order.bulk_order_id),
      state,
      requested: order.quantity,
      fulfilled: order.fulfilled_quantity,
      numbers,
      message: `${order.order_no}${order.did_event ? ` (${order.did_event})` : ''}`,
    }
  }

  async function bulkOrder(request: BulkOrderRequest, signal: AbortSignal): Promise<BulkOrderStatus> {
    const orderType: BulkOrderType | undefined = request.rateCenter ? 'rate_center' : request.npa ? 'npa' : request.lata ? 'lata' : request.state ? 'state' : undefined
    if (!orderType) throw new AppError('validation', 'A Call48 bulk order needs a state, LATA, NPA or rate center')
    if (orderType === 'rate_center' && !request.state) throw new AppError('validation', 'A rate center bulk order needs the state too')
    // The bulk order must name an OD trunk group (`fwd_trunk_grpid`): the account's first one.
    const { groups } = await client.listTrunkGroups({ page: 1, limit: 1, signal })
    const trunk = groups[0]
    if (!trunk) throw new AppError('validation', 'The Call48 account has no OD trunk group to route bulk-ordered numbers to')
    // The answer is `data: true` only; a unique note finds the order afterwards (and after an ambiguous failure).
    const marker = `CarrierDesk ${randomUUID()}`
    try {
      await client.bulkPurchase({
        orderType,
        fwdTrunkGroupId: trunk.ext_tgid,
        criteria: [{ quantity: request.quantity, state: request.state, npa: request.npa, lata: request.lata, rateCenter: request.rateCenter }],
        notes: marker,
        signal,
      })
    } catch (error) {
      if (!isAmbiguous(error)) throw error
      const placed = await findBulkOrder((order) => order.notes === marker, signal)
      if (!placed) {
        throw new CarrierError('carrier', { ...error.info, message: `The bulk order was not placed (${error.info.message})`, ambiguous: false, retryable: true })
      }
      return { ...(await bulkStatusOf(placed, signal)), message: `Placed (checked after: ${error.info.message})` }
    }
    const placed = await findBulkOrder((order) => order.notes === marker, signal)
    if (!placed) {
      throw new CarrierError('carrier', { carrier: 'call48', operation: 'bulk-order', message: 'The bulk order was accepted but is not listed', retryable: false })
    }
    return bulkStatusOf(placed, signal)
  }

  async function bulkOrderStatus(orderId: string, signal: AbortSignal): Promise<BulkOrderStatus> {
    const order = await findBulkOrder((entry) => String(entry.bulk_order_id) === orderId, signal, 100)
    if (!order) throw new AppError('not-found', `Call48 bulk order ${orderId} not found`)
    return bulkStatusOf(order, signal)
  }

  async function releaseOne(e164: string, signal: AbortSignal): Promise<OrderLine> {
    try {
      await client.removeDids({ numbers: [e164], signal })
      return { e164, ok: true }
    } catch (error) {
      if (!isAmbiguous(error)) return failedLine(e164, error)
      const owned = await findOwnedDids(client, [e164], settlingSignal()).catch((checkError: unknown) => checkError)
      if (!(owned instanceof Map)) {
        return { e164, ok: false, code: unknownOutcomeCode, message: `The release may have happened (${error.info.message}); sync the numbers to check` }
      }
      return {
        e164,
        ok: !owned.has(e164),
        checkedAfterFailure: true,
        message: owned.has(e164) ? `Not released (${error.info.message}; still on the account)` : `Released (the answer was lost: ${error.info.message})`,
      }
    }
  }

  function release(e164s: string[], signal: AbortSignal): Promise<OrderLine[]> {
    return untilCancelled(e164s, signal, (e164) => [e164], async (e164) => [await releaseOne(e164, signal)])
  }

  function forwardingOf(e164: string, routing: Routing): Omit<ForwardingUpdate, 'signal'> {
    if (routing.kind === 'trunk') {
      const id = Number(routing.trunk)
      if (!Number.isInteger(id) || id <= 0) throw new AppError('validation', `Call48 routes to an OD trunk group id (ext_tgid), not "${routing.trunk}"`)
      return { number: e164, fwdTrunkGroupId: id }
    }
    const mode = routing.mode && routing.mode in answeringModes ? (routing.mode as AnsweringModeName) : routing.mode && /^[0-7]$/.test(routing.mode) ? Number(routing.mode) : 'forward-only'
    const method = (['', 'preconfigured', 'simple', 'ip', 'trunk'] as const).find((entry) => entry === routing.method) ?? 'simple'
    const target: { method: ForwardingMethod; number?: string; sip?: string; timeoutSeconds: number } =
      method === 'ip' ? { method, sip: routing.destination, timeoutSeconds: 30 } : { method, number: routing.destination, timeoutSeconds: 30 }
    return { number: e164, answeringMode: mode, sequence: 'Order', targets: [target] }
  }

  function listing411Of(listing: Listing411): Omit<Parameters<Call48Client['update411']>[0], 'signal' | 'number'> {
    if (!listing.listed) return { enabled: false }
    if (!listing.name || !listing.address) throw new AppError('validation', 'A 411 listing needs a name and an address')
    const words = listing.name.trim().split(/\s+/)
    const listingName = words.length > 1 ? words[words.length - 1]! : words[0]!
    const givenName = words.length > 1 ? words.slice(0, -1).join(' ') : words[0]!
    return {
      enabled: true,
      type: 'RES',
      country: 'US',
      state: listing.address.state,
      givenName,
      listingName,
      street: listing.address.street,
      city: listing.address.city,
      zip: listing.address.zip,
    }
  }

  function e911Of(address: E911Address): Omit<Parameters<Call48Client['update911']>[0], 'signal' | 'number'> {
    const street = splitStreet(address.street)
    if (!street) throw new AppError('validation', `The street "${address.street}" must start with a house number`)
    return { enabled: true, name: address.callerName, ...street, unit: address.unit, city: address.city, state: address.state, zip: address.zip, country: 'US' }
  }

  async function changeOne(e164: string, change: NumberChange, did: Call48Did | undefined, signal: AbortSignal): Promise<OrderLine> {
    switch (change.kind) {
      case 'routing': {
        const result = await client.updateForwarding({ ...forwardingOf(e164, change.routing), signal })
        return { e164, ok: true, message: result.platform === 'od' ? result.descriptions.join('; ') || undefined : `Porta account ${result.login}` }
      }
      case 'cnam': {
        if (!did) return { e164, ok: false, code: 'not-found', message: 'The number is not on this Call48 account' }
        const digits = call48Number(e164)
        await client.createCnam({
          didId: did._id,
          enabled: change.cnam !== null,
          type: 'RES',
          displayName: change.cnam ?? did.cnamDisplayname ?? digits,
          displayNumber: e164.startsWith('+1') ? `1${digits}` : digits,
          signal,
        })
        return { e164, ok: true }
      }
      case 'e911': {
        const result = await client.update911({ number: e164, ...e911Of(change.address), signal })
        return { e164, ok: true, message: result.recordId ? `E911 record ${result.recordId}` : undefined }
      }
      case 'listing411':
        await client.update411({ number: e164, ...listing411Of(change.listing), signal })
        return { e164, ok: true }
      case 'fax':
        await client.updateFax({ number: e164, service: change.fax.enabled ? 1 : 0, email: change.fax.email, signal })
        return { e164, ok: true }
      case 'status':
        return { e164, ok: false, code: 'unsupported', message: 'Call48 has no API to suspend or reactivate a number' }
      default:
        // Kinds Call48 does not declare a capability for; the core never sends them.
        return { e164, ok: false, code: 'unsupported', message: `Call48 does not take ${change.kind} changes` }
    }
  }

  async function change(e164s: string[], numberChange: NumberChange, signal: AbortSignal): Promise<OrderLine[]> {
    // CNAM is set by DID id: look the ids up once for the batch.
    const owned = numberChange.kind === 'cnam' ? await findOwnedDids(client, e164s, signal) : new Map<string, Call48Did>()
    return untilCancelled(e164s, signal, (e164) => [e164], async (e164) => {
      try {
        return [await changeOne(e164, numberChange, owned.get(e164), signal)]
      } catch (error) {
        if (error instanceof AppError && error.code === 'validation') return [{ e164, ok: false, code: 'validation', message: error.message }]
        if (isAmbiguous(error)) {
          return [{ e164, ok: false, code: unknownOutcomeCode, message: `The change may have been applied (${error.info.message}); read the number to check` }]
        }
        return [failedLine(e164, error)]
      }
    })
  }

  async function read(e164s: string[], signal: AbortSignal): Promise<PhoneNumberRecord[]> {
    const owned = await findOwnedDids(client, e164s, signal)
    const asOf = now()
    return [...owned.values()].map((did) => mapDid(did, accountId, asOf)).filter((record): record is PhoneNumberRecord => record !== undefined)
  }

  async function verifyAddress(address: E911Address, signal: AbortSignal): Promise<AddressCheck> {
    const street = splitStreet(address.street)
    if (!street) return { valid: false, message: `The street "${address.street}" must start with a house number` }
    return client.verifyAddress({ name: address.callerName, ...street, city: address.city, state: address.state, zip: address.zip, signal })
  }

  return {
    search: ({ query, signal }) => search(query, signal),
    purchase: ({ numbers, signal, trunk }) => purchase(numbers, signal, trunk),
    bulkOrder: ({ request, signal }) => bulkOrder(request, signal),
    bulkOrderStatus: ({ orderId, signal }) => bulkOrderStatus(orderId, signal),
    release: ({ e164s, signal }) => release(e164s, signal),
    change: ({ e164s, change: numberChange, signal }) => change(e164s, numberChange, signal),
    read: ({ e164s, signal }) => read(e164s, signal),
    verifyAddress: ({ address, signal }) => verifyAddress(address, signal),
  }
}
