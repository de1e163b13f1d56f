/**
 * VoIP Innovations records → the shared domain model. The endpoint group (epg) is a number's trunk, i.e.
 * its route; VI's port statuses map onto the unified PortStatus. Each record keeps VI's own record in
 * `raw`: answers carry no credentials (login/secret only travel in requests), so nothing is stripped.
 */
import type { AvailableNumber, E911Location, NumberStatus, OrderLine, PhoneNumberRecord, PortOrder, PortStatus } from '../../../shared/domain'
import { numberTypeOf, toE164 } from '../kit/phone'
import type { BatchLine, IntlDid } from './client'
import type { ViDid, ViDid911, ViDidLocator, ViLocation, ViPortDetail } from './schemas'
import { carrier } from './soap'

/** VI's "could not find" codes end in 420 (README error codes: 102420, 104420, ...). */
const notFound = (code: number): boolean => code % 1000 === 420
/** 102230 / 102235: the number is reserved for / assigned to another company. */
const elsewhere = new Set([102230, 102235])

/**
 * A DID's standing for this account. queryDID says 'assigned' for owned numbers and 'reserved' for a
 * hold of ours; anything else (available, another company's, unknown) is not on the account.
 */
export function statusOfDid(did: ViDid): NumberStatus {
  const availability = did.availability?.toLowerCase()
  if (did.statusCode === 100 && availability === 'assigned') return 'active'
  if (did.statusCode === 100 && availability === 'reserved') return 'reserved'
  if (availability === 'available' || notFound(did.statusCode) || elsewhere.has(did.statusCode)) return 'released'
  return 'unknown'
}

/** Whether queryDID shows the number on this account (after an ambiguous assign). */
export function isOwned(did: ViDid): boolean {
  return statusOfDid(did) === 'active'
}

/** A one-line 911 summary for the number views. */
export function e911Summary(record: Pick<ViDid911, 'address1' | 'address2' | 'city' | 'state' | 'zipCode'>): string {
  return [record.address1, record.address2, record.city, [record.state, record.zipCode].filter(Boolean).join(' ')]
    .filter((part) => part !== undefined && part !== '')
    .join(', ')
}

/** The routing a number shows: forwarding takes every call instead of the endpoint group (which is kept). */
export function routeOf(did: Pick<ViDid, 'forward' | 'endpointId'>): string | undefined {
  const forward = did.forward ? toE164(did.forward) : undefined
  if (forward) return `forward ${forward}`
  // The endpoint group is where the number's calls go; 0 means none (batch answers write 0).
  return did.endpointId > 0 ? String(did.endpointId) : undefined
}

/** A DID group's name as the Numbers screen shows it; a group VI answered no name for is shown by id. */
export const groupLabel = (id: number, name: string | undefined): string => name?.trim() || `Group ${id}`

export function toPhoneNumberRecord(
  did: ViDid,
  context: {
    accountId: string
    asOf: number
    cnamName?: string | undefined
    e911?: string | undefined
    /** DID group names by id (GetDIDGroups), for the group column. */
    groups?: ReadonlyMap<number, string> | undefined
  },
): PhoneNumberRecord | undefined {
  const e164 = toE164(did.tn)
  if (!e164) return undefined
  const groupId = did.didGroupId === undefined ? 0 : Number(did.didGroupId)
  return {
    accountId: context.accountId,
    carrier,
    e164,
    type: numberTypeOf(e164),
    status: statusOfDid(did),
    state: did.state,
    rateCenter: did.rateCenter,
    trunk: routeOf(did),
    cnam: context.cnamName ?? did.cnamName,
    e911: context.e911 ?? (did.has911 ? 'provisioned' : undefined),
    group: Number.isInteger(groupId) && groupId > 0 ? groupLabel(groupId, context.groups?.get(groupId)) : undefined,
    failover: did.failover ? toE164(did.failover) : undefined,
    asOf: context.asOf,
    raw: did,
  }
}

export function toAvailableNumber(locator: ViDidLocator, context: { accountId: string; fetchedAt: number }): AvailableNumber | undefined {
  const e164 = toE164(locator.tn)
  if (!e164) return undefined
  return {
    accountId: context.accountId,
    carrier,
    e164,
    type: numberTypeOf(e164),
    state: locator.state,
    rateCenter: locator.rateCenter,
    lata: String(locator.lataId),
    fetchedAt: context.fetchedAt,
    // What a buyer should know: the tier (prices are per tier at VI) and the features.
    offer: { tier: locator.tier, t38: locator.t38, outboundCnam: locator.outboundCNAM, sms: locator.sms },
  }
}

/** A batch line in domain terms, keyed by the E.164 the caller asked for. */
export function toOrderLine(line: BatchLine, e164: string): OrderLine {
  return {
    e164,
    ok: line.ok,
    code: line.statusCode === undefined ? undefined : String(line.statusCode),
    message: line.status || undefined,
  }
}

/**
 * VI's port statuses (get_port_details.xml shows "PENDING SIGNATURE") → the unified lifecycle. A port
 * awaiting the end user's signature has not gone to the losing carrier yet: 'draft'.
 */
export function portStatusOf(status: string | undefined): PortStatus {
  const text = (status ?? '').trim().toUpperCase()
  if (text === '') return 'unknown'
  if (text.includes('SIGNATURE') || text === 'DRAFT' || text === 'NEW') return 'draft'
  if (text.includes('REJECT')) return 'rejected'
  if (text.includes('CANCEL')) return 'cancelled'
  if (text.includes('COMPLETE') || text === 'PORTED' || text === 'ACTIVATED') return 'completed'
  if (text.includes('FOC')) return 'foc-set'
  if (text.includes('SUBMIT')) return 'submitted'
  if (text.includes('PENDING') || text.includes('PROGRESS')) return 'pending'
  return 'unknown'
}

export function toPortOrder(detail: ViPortDetail, context: { accountId: string; asOf: number }): PortOrder {
  return {
    accountId: context.accountId,
    carrier,
    id: String(detail.id),
    numbers: detail.dids.map((did) => toE164(did.tn)).filter((e164): e164 is string => e164 !== undefined),
    status: portStatusOf(detail.status),
    focDate: detail.focDate?.slice(0, 10),
    // VI gives no rejection reason in PortDetail; the status is all there is.
    rejectionReason: undefined,
    asOf: context.asOf,
    raw: detail,
  }
}

/**
 * An international number (AuditIntlDIDs) in domain terms: VI writes it with its country code and no '+';
 * its city (and country) stand where a US number shows its rate center.
 */
export function toIntlRecord(did: IntlDid, context: { accountId: string; asOf: number }): PhoneNumberRecord | undefined {
  const e164 = toE164(`+${did.tn}`)
  if (!e164) return undefined
  const place = [did.city, did.country].filter(Boolean)
  return {
    accountId: context.accountId,
    carrier,
    e164,
    type: 'international',
    // IntlDID.status is the only standing VI gives ("Active" for an owned number).
    status: did.status.trim().toLowerCase() === 'active' ? 'active' : 'unknown',
    rateCenter: place.length === 2 ? `${place[0]} (${place[1]})` : place[0],
    asOf: context.asOf,
    raw: did,
  }
}

/** A VILocation (getLocations, getProvisioningHistory, addLocation) as the number detail lists it. */
export function toE911Location(location: ViLocation): E911Location {
  const status = location.statusCode ?? ''
  return {
    id: location.locationId ?? '',
    callerName: location.callerName,
    address: e911Summary({ ...location, zipCode: [location.zipCode, location.plusFour].filter(Boolean).join('-') || undefined }),
    status,
    provisioned: status.toUpperCase() === 'PROVISIONED',
    statusText: location.statusDescription,
    latitude: location.latitude,
    longitude: location.longitude,
    activatedAt: meaningfulDate(location.activatedTime),
    updatedAt: meaningfulDate(location.updateTime),
  }
}

/** .NET writes "never" as 0001-01-01 (get_locations.xml). */
const meaningfulDate = (text: string | undefined): string | undefined => (text && !text.startsWith('0001-01-01') ? text : undefined)
