/**
 * Vitcom records onto the shared domain model: E.164 numbers (kit/phone), normalised number statuses,
 * origination and termination trunk groups, port orders on the unified lifecycle, daily CDR files.
 * Each keeps the carrier's own record in `raw`, minus anything secret-looking.
 */
import type {
  AvailableNumber,
  CdrFile,
  NumberStatus,
  PhoneNumberRecord,
  PortOrder,
  PortStatus,
  TrunkGroup,
} from '../../../shared/domain'
import type { TrunkValues } from '../../../shared/trunks'
import { numberTypeOf, toE164 } from '../kit/phone'
import { secretStripper } from '../kit/secrets'
import type { AvailableTn, DailyCdrFiles, LnpOrder, MyNumber, OriginationTrunk, TerminationTrunk } from './schemas'

export interface MappingContext {
  accountId: string
  asOf: number
}

const secrets = secretStripper(/token|pass(word)?|secret|pin|card|cvv|cvc/i)

/** The carrier's record without secret-looking fields (raw must never hold tokens, PINs or card data). */
export function withoutSecrets(record: Record<string, unknown>): Record<string, unknown> {
  return secrets.shallow(record)
}

/** A ten-digit Vitcom number as E.164; the schemas only let ten-digit NANP numbers through. */
export function e164Of(tenDigits: string): string {
  const e164 = toE164(tenDigits, 'US')
  if (e164 === undefined) throw new Error(`Not a NANP number: ${tenDigits}`)
  return e164
}

/** Trunk group ids in the store are unique per account, and Vitcom numbers each direction on its own. */
export const originationTrunkId = (id: string): string => `orig-${id}`
export const terminationTrunkId = (id: string): string => `term-${id}`

/** `term-500` → the termination trunk's own id; undefined for anything else. */
export function vitcomTerminationTrunkId(trunk: string): string | undefined {
  return /^term-(\d+)$/.exec(trunk.trim())?.[1]
}

/** `orig-100` or plain `100` → the origination trunk's own id; undefined for anything else. */
export function vitcomOriginationTrunkId(trunk: string): string | undefined {
  const match = /^(?:orig-)?(\d+)$/.exec(trunk.trim())
  return match?.[1]
}

/** getnumbers status: "1" Active, "0" Inactive, "2" Cancelled (doc). */
export function numberStatusOf(status: string): NumberStatus {
  switch (status) {
    case '1':
      return 'active'
    case '0':
      return 'suspended'
    case '2':
      return 'released'
    default:
      return 'unknown'
  }
}

export function toNumberRecord(row: MyNumber, context: MappingContext): PhoneNumberRecord {
  const e164 = e164Of(row.tn)
  const tollFree = row.category?.toLowerCase() === 'tollfree'
  return {
    accountId: context.accountId,
    carrier: 'vitcom',
    e164,
    type: tollFree ? 'toll-free' : numberTypeOf(e164),
    status: numberStatusOf(row.status),
    // The documented row names the trunk by its IP (`trunkGroup`); the id is used when the service gives it.
    trunk: row.trunkId !== undefined ? originationTrunkId(row.trunkId) : row.trunkIp,
    cnam: row.cnam,
    monthlyCost: row.monthlyRate,
    asOf: context.asOf,
    raw: withoutSecrets(row.raw),
  }
}

const statusOfTrunk = (status: string): TrunkGroup['status'] => (status === '1' ? 'active' : status === '0' ? 'disabled' : 'unknown')

/** The origination trunk's settings in its form's terms (trunk-form.ts); what get_trunk does not show is left out. */
export function originationSettingsOf(trunk: OriginationTrunk): TrunkValues {
  const billing = trunk.billingType?.toLowerCase()
  return withoutBlanks({
    name: trunk.title,
    ip: trunk.primaryIp,
    prefix: trunk.primaryPrefix,
    port: trunk.primaryPort,
    secondaryIp: trunk.secondaryIp,
    secondaryPrefix: trunk.secondaryIp ? trunk.secondaryPrefix : undefined,
    secondaryPort: trunk.secondaryIp ? trunk.secondaryPort : undefined,
    billing: billing === 'metered' || billing === 'unmetered' ? billing : undefined,
    sessions: billing === 'unmetered' && trunk.requestedSessions !== '0' ? trunk.requestedSessions : undefined,
  })
}

export function terminationSettingsOf(trunk: TerminationTrunk): TrunkValues {
  return withoutBlanks({ name: trunk.title, ip: trunk.ipAddress, ports: trunk.ports, cps: trunk.cps })
}

function withoutBlanks(values: Record<string, string | undefined>): TrunkValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== '')) as TrunkValues
}

export function toOriginationTrunk(trunk: OriginationTrunk, context: MappingContext): TrunkGroup {
  return {
    accountId: context.accountId,
    carrier: 'vitcom',
    id: originationTrunkId(trunk.id),
    name: trunk.title || `Trunk ${trunk.id}`,
    direction: 'origination',
    ips: [trunk.primaryIp, trunk.secondaryIp].filter((ip): ip is string => ip !== undefined && ip !== ''),
    status: statusOfTrunk(trunk.status),
    settings: originationSettingsOf(trunk),
    asOf: context.asOf,
    raw: withoutSecrets(trunk.raw),
  }
}

export function toTerminationTrunk(trunk: TerminationTrunk, context: MappingContext): TrunkGroup {
  return {
    accountId: context.accountId,
    carrier: 'vitcom',
    id: terminationTrunkId(trunk.id),
    name: trunk.title ?? `Termination ${trunk.id}`,
    direction: 'termination',
    ips: [trunk.ipAddress],
    status: statusOfTrunk(trunk.status),
    settings: terminationSettingsOf(trunk),
    asOf: context.asOf,
    raw: withoutSecrets(trunk.raw),
  }
}

/**
 * The LNP order's stage on the unified lifecycle. The doc shows `status` without its values; the stage
 * name (`portStatus`) is used when given, else the simulator's numeric codes (0 Pending, 1 Submitted,
 * 2 FOC, 3 Completed, 4 Rejected). Vitcom's "Pending" is an order received but not yet sent on
 * (submitted); its "Submitted" waits on the losing carrier (pending).
 */
export function portStatusOf(order: Pick<LnpOrder, 'stage' | 'status' | 'actualFocDate' | 'rejectionReason'>): PortStatus {
  const byName: Record<string, PortStatus> = {
    pending: 'submitted',
    submitted: 'pending',
    foc: 'foc-set',
    completed: 'completed',
    complete: 'completed',
    rejected: 'rejected',
    cancelled: 'cancelled',
    canceled: 'cancelled',
  }
  const byCode: Record<string, PortStatus> = { '0': 'submitted', '1': 'pending', '2': 'foc-set', '3': 'completed', '4': 'rejected' }
  const status = (order.stage !== undefined ? byName[order.stage.toLowerCase()] : undefined) ?? byCode[order.status] ?? 'unknown'
  if (status === 'pending' && order.actualFocDate !== undefined) return 'foc-set'
  return status
}

export function toPortOrder(order: LnpOrder, context: MappingContext): PortOrder {
  const status = portStatusOf(order)
  return {
    accountId: context.accountId,
    carrier: 'vitcom',
    id: order.orderNo,
    numbers: order.numbers.map(e164Of),
    status,
    focDate: order.actualFocDate?.slice(0, 10),
    rejectionReason: status === 'rejected' ? order.rejectionReason : undefined,
    asOf: context.asOf,
    raw: withoutSecrets(order.raw),
    // The doc has no edit call: a rejected order is fixed by a new order for its numbers.
    allowed: status === 'rejected' ? ['resubmit'] : [],
  }
}

/** One listing row gives up to two files (successful and failed calls) for one day and direction. */
export function toCdrFiles(row: DailyCdrFiles, direction: CdrFile['direction'], context: MappingContext): CdrFile[] {
  const files: CdrFile[] = []
  const base = { accountId: context.accountId, carrier: 'vitcom' as const, day: row.day, direction, asOf: context.asOf }
  if (row.successUrl) files.push({ ...base, kind: 'successful', url: row.successUrl })
  if (row.failedUrl) files.push({ ...base, kind: 'failed', url: row.failedUrl })
  return files
}

/** What `reserve` needs echoed to hold this exact number: its category and its state or toll-free prefix. */
export interface VitcomOffer {
  category: 'landline' | 'tollfree'
  state?: string | undefined
  npanxx?: string | undefined
  tfnPrefix?: string | undefined
}

export function toAvailableNumber(tn: AvailableTn, offer: VitcomOffer, context: { accountId: string; fetchedAt: number }): AvailableNumber {
  const e164 = e164Of(tn.tn)
  return {
    accountId: context.accountId,
    carrier: 'vitcom',
    e164,
    type: offer.category === 'tollfree' ? 'toll-free' : numberTypeOf(e164),
    state: offer.state,
    rateCenter: tn.rateCenter,
    fetchedAt: context.fetchedAt,
    offer: { ...offer, npanxx: offer.category === 'landline' ? tn.tn.slice(0, 6) : undefined },
  }
}
