/**
 * Call48 records onto the shared domain model: E.164 numbers (kit/phone), normalised statuses, trunk
 * groups, port sub orders on the unified PortStatus lifecycle and XDRs as call records. Every domain record
 * keeps the carrier's record in `raw`, minus secrets (a Porta DID's SIP device password, a port's device
 * password).
 */
import { partyE164 } from '../kit/call-party'
import type {
  AvailableNumber,
  CdrRecord,
  NumberStatus,
  NumberType,
  PhoneNumberRecord,
  PortOrder,
  PortStatus,
  TrunkGroup,
} from '../../../shared/domain'
import type { PortLine, PortLineAction, PortOrderAction } from '../../../shared/ports'
import type { TrunkValues } from '../../../shared/trunks'
import { numberTypeOf, toE164 } from '../kit/phone'
import { secretStripper } from '../kit/secrets'
import type {
  Call48Did,
  Call48DidType,
  Call48IntlGroup,
  Call48PortDid,
  Call48PortProposal,
  Call48PortRequest,
  Call48SearchNumber,
  Call48TrunkGroup,
  Call48Xdr,
} from './schemas'

// A port's `cust_acc_pin` (and any other *pin) is a secret like the passwords.
const secrets = secretStripper(/pass(word)?|secret|token|authorization|api[-_]?key|card|cvv|cvc|pin(code)?$/i)

/**
 * The value without secret-looking fields: what `raw` and returned records may hold. An object with none
 * is answered as it is (not copied), and a record already stripped is not walked again (kit/secrets).
 */
export function withoutSecrets<T>(value: T): T {
  return secrets.deep(value)
}

export const didTypeOf: Record<NumberType, Call48DidType> = { local: 'local', 'toll-free': 'toll', international: 'intl' }
export const numberTypeOfDidType: Record<Call48DidType, NumberType> = { local: 'local', toll: 'toll-free', intl: 'international' }

/** E.164 of a Call48 DID: ten NANP digits for local/toll-free, country code first for international. */
export function e164OfDid(did: string, type: Call48DidType): string | undefined {
  const digits = did.replace(/\D/g, '')
  return type === 'intl' ? toE164(`+${digits}`) : toE164(digits)
}

/** What Call48 takes as `number`: ten digits for +1 numbers (no leading 1, doc: Remove DID), else all digits. */
export function call48Number(e164: string): string {
  return e164.startsWith('+1') ? e164.slice(2) : e164.replace(/^\+/, '')
}

function statusOfDid(did: Call48Did): NumberStatus {
  if ((did.isDeleted ?? '').toLowerCase() === 'yes') return 'released'
  switch ((did.status ?? '').toUpperCase()) {
    case 'USING':
    case 'ACTIVE':
      return 'active'
    case 'RESERVED':
      return 'reserved'
    case 'PENDING':
      return 'pending'
    case 'SUSPENDED':
      return 'suspended'
    case 'PORTING':
      return 'porting'
    default:
      return 'unknown'
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/** The E911 address on file, one line, when enabled. */
function e911Line(did: Call48Did): string | undefined {
  const data = did.e911Data
  if (!data || (data.enabled ?? '').toLowerCase() !== 'yes') return undefined
  const parts = [
    [text(data.streetnumber), text(data.streetname)].filter(Boolean).join(' '),
    text(data.address),
    text(data.city),
    [text(data.state), text(data.zipcode)].filter(Boolean).join(' '),
  ].filter((part): part is string => part !== undefined && part !== '')
  return parts.length > 0 ? parts.join(', ') : 'enabled'
}

export function mapDid(did: Call48Did, accountId: string, asOf: number): PhoneNumberRecord | undefined {
  const e164 = e164OfDid(did.did, did.type)
  if (!e164) return undefined
  const trunk = did.forwardingData?.fwd_trunk_grpid
  return {
    accountId,
    carrier: 'call48',
    e164,
    type: did.type === 'intl' ? 'international' : numberTypeOf(e164) === 'toll-free' || did.type === 'toll' ? 'toll-free' : 'local',
    status: statusOfDid(did),
    state: text(did.state),
    rateCenter: text(did.ratecenter) ?? text(did.rateCenter),
    trunk: trunk === null || trunk === undefined ? undefined : String(trunk),
    cnam: (did.cnamLookup ?? '').toLowerCase() === 'yes' ? text(did.cnamDisplayname) : undefined,
    e911: e911Line(did),
    asOf,
    raw: withoutSecrets(did),
  }
}

/** Where to buy a searched number again: the search's `loc` and the item's `locData` (README, Call48). */
export interface Call48Offer {
  kind: 'number'
  didType: 'local' | 'toll'
  npa: string
  nxx: string
  xxxx: string
  state?: string | undefined
  ratecenter?: string | undefined
  loc: string
  locData?: string | undefined
}

export interface Call48IntlOffer {
  kind: 'intl-group'
  id: string
  name: string
  prefix: string
  country: string
  loc: string
}

export function isCall48Offer(value: unknown): value is Call48Offer {
  if (value === null || typeof value !== 'object') return false
  const offer = value as Record<string, unknown>
  return (
    offer.kind === 'number' &&
    (offer.didType === 'local' || offer.didType === 'toll') &&
    typeof offer.loc === 'string' &&
    typeof offer.npa === 'string' &&
    typeof offer.nxx === 'string' &&
    typeof offer.xxxx === 'string'
  )
}

export function isCall48IntlOffer(value: unknown): value is Call48IntlOffer {
  if (value === null || typeof value !== 'object') return false
  const offer = value as Record<string, unknown>
  return offer.kind === 'intl-group' && typeof offer.loc === 'string' && typeof offer.name === 'string' && typeof offer.country === 'string'
}

export interface SearchedNumber extends Call48SearchNumber {
  /** The `loc` of the search page this number came from. */
  loc: string
}

export function mapSearchNumber(
  item: SearchedNumber,
  didType: 'local' | 'toll',
  prices: { setup?: number | undefined; monthly?: number | undefined },
  accountId: string,
  fetchedAt: number,
): AvailableNumber | undefined {
  const e164 = toE164(`${item.npa}${item.nxx}${item.xxxx}`)
  if (!e164) return undefined
  const offer: Call48Offer = {
    kind: 'number',
    didType,
    npa: item.npa,
    nxx: item.nxx,
    xxxx: item.xxxx,
    state: text(item.state),
    ratecenter: text(item.ratecenter),
    loc: item.loc,
    locData: item.locData,
  }
  return {
    accountId,
    carrier: 'call48',
    e164,
    type: didType === 'toll' ? 'toll-free' : 'local',
    state: text(item.state),
    rateCenter: text(item.ratecenter),
    lata: item.lata ?? undefined,
    setupCost: item.setup ?? prices.setup,
    monthlyCost: item.monthly ?? prices.monthly,
    fetchedAt,
    offer,
  }
}

/**
 * An international group as something to buy: Call48 sells international numbers by city group (the number
 * is assigned at purchase), so `e164` is the group's dialling prefix in E.164 form, not a whole number.
 */
export function mapIntlGroup(group: Call48IntlGroup, countryPrefix: string | undefined, accountId: string, fetchedAt: number): AvailableNumber {
  const offer: Call48IntlOffer = { kind: 'intl-group', id: group.id, name: group.name, prefix: group.prefix, country: group.country, loc: group.intl_data }
  return {
    accountId,
    carrier: 'call48',
    e164: `+${countryPrefix ?? ''}${group.prefix}`,
    type: 'international',
    rateCenter: group.name,
    setupCost: group.setup,
    monthlyCost: group.monthly,
    fetchedAt,
    offer,
  }
}

/** An OD trunk group's settings in its form's terms (trunk-form.ts): its IPs first, second and the rest. */
export function trunkGroupSettingsOf(group: Call48TrunkGroup): TrunkValues {
  const [ip, secondaryIp, ...extraIps] = group.trunk_ips
  const values: Record<string, string | null | undefined> = {
    name: group.trunk_name,
    ip,
    secondaryIp,
    extraIps: extraIps.length > 0 ? extraIps.join(', ') : undefined,
    routeType: group.route_type,
    numFormat: group.num_format,
    cliType: group.cli_type,
    prefix: group.prefix,
  }
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')) as TrunkValues
}

export function mapTrunkGroup(group: Call48TrunkGroup, accountId: string, asOf: number): TrunkGroup {
  return {
    accountId,
    carrier: 'call48',
    // `ext_tgid` is what routing (`fwd_trunk_grpid`) names (doc: List trunk group).
    id: String(group.ext_tgid),
    name: group.trunk_name,
    // OD trunk groups receive the account's inbound calls.
    direction: 'origination',
    ips: group.trunk_ips,
    status: 'active',
    settings: trunkGroupSettingsOf(group),
    asOf,
    raw: withoutSecrets(group),
  }
}

/**
 * A sub order's status on the unified lifecycle. `retry` is Call48's rejected-awaiting-correction state
 * (failure_reason says why). Orders the carrier has not worked yet (Queue, Validation_Pending, and Error,
 * which it could not work: "No DID found for build operation!") are drafts: editable, cancellable, deletable.
 */
export function portStatusOf(status: string, phase?: string): PortStatus {
  switch (status.toLowerCase()) {
    case 'submitted':
      return 'submitted'
    case 'queued':
    case 'validation_pending':
    case 'error':
      return 'draft'
    case 'reviewed':
    case 'processing':
      return 'pending'
    case 'foc_received':
      return 'foc-set'
    case 'activated':
    case 'completed':
      return 'completed'
    case 'retry':
    case 'rejected':
      return 'rejected'
    case 'cancelled':
      return 'cancelled'
    default:
      if (phase === 'Completed') return 'completed'
      if (phase === 'Cancelled') return 'cancelled'
      return 'unknown'
  }
}

/** The sub order's actions as its flags allow; documents and forwarding while the request is still open. */
function proposalActions(request: Call48PortRequest, proposal: Call48PortProposal): PortOrderAction[] {
  const actions: PortOrderAction[] = []
  if (proposal.allow_suborder_edit) actions.push('edit')
  if (proposal.allow_suborder_cancel) actions.push('cancel')
  if (proposal.allow_suborder_delete) actions.push('delete')
  if (proposal.allow_suborder_activate) actions.push('activate')
  if (request.request_phase !== 'Cancelled' && request.request_phase !== 'Completed') actions.push('documents', 'forwarding')
  return actions
}

/** A DID of a sub order as a line of its own, with what its flags allow. */
export function mapPortDid(did: Call48PortDid, didType: Call48DidType, focDate: string | undefined): PortLine | undefined {
  const e164 = e164OfDid(did.did, didType)
  if (!e164) return undefined
  const status = portStatusOf(did.port_status)
  const allowed: PortLineAction[] = []
  if (did.allow_did_cancel) allowed.push('cancel')
  if (did.allow_did_activate) allowed.push('activate')
  if (did.allow_did_delete) allowed.push('delete')
  if (status === 'foc-set') allowed.push('activation')
  return { e164, status, focDate: status === 'foc-set' || status === 'completed' ? focDate : undefined, allowed }
}

/** One PortOrder per sub order (`port_proposal_id`): status, FOC date and rejection reason live there. */
export function mapPortProposal(
  request: Call48PortRequest,
  proposal: Call48PortProposal,
  dids: Call48PortDid[],
  didType: Call48DidType,
  accountId: string,
  asOf: number,
): PortOrder {
  const status = portStatusOf(proposal.port_req_status, request.request_phase)
  const { port_proposals: _siblings, ...master } = request
  const focDate = text(proposal.foc_date)?.slice(0, 10)
  const lines = dids.map((did) => mapPortDid(did, didType, focDate)).filter((line): line is PortLine => line !== undefined)
  const reason = text(proposal.failure_reason)
  return {
    accountId,
    carrier: 'call48',
    id: `${request.port_req_id}/${proposal.port_proposal_id}`,
    group: String(request.port_req_id),
    numbers: lines.map((line) => line.e164),
    status,
    focDate,
    rejectionReason: status === 'rejected' || status === 'draft' ? reason : undefined,
    asOf,
    raw: withoutSecrets({ request: master, proposal, dids }),
    lines,
    allowed: proposalActions(request, proposal),
  }
}

/** Port did_type_id: 1 local, 2 toll-free, 3 international (doc: VIEW LIST `did_type_name`). */
export function didTypeOfPort(request: Call48PortRequest): Call48DidType {
  if (request.did_type_id === 2 || /toll/i.test(request.did_type_name ?? '')) return 'toll'
  if (request.did_type_id === 3 || /intl|international/i.test(request.did_type_name ?? '')) return 'intl'
  return 'local'
}

/**
 * The disposition a Q.850 cause tells for a call that billed nothing (answered = billed > 0): 17 busy, 18/19
 * no answer, 31 (normal, unspecified: the caller gave up) cancelled, 16 with nothing billed other, the rest
 * failed.
 */
function xdrDisposition(cause: string | undefined, billed: number): CdrRecord['disposition'] {
  if (billed > 0) return 'answered'
  switch (cause) {
    case undefined:
    case '':
      return 'other'
    case '17':
      return 'busy'
    case '18':
    case '19':
      return 'no-answer'
    case '31':
      return 'cancelled'
    case '16':
      return 'other'
    default:
      return 'failed'
  }
}

/**
 * An XDR as a call record. XDR parties are written with their country code and no plus (`18002823655`,
 * `44...`); `account_id` is the account's own DID, so a call whose caller it is went out (termination).
 * Connect to disconnect is the talk time; `charged_quantity` the billed seconds.
 */
export function mapXdr(xdr: Call48Xdr, accountId: string): CdrRecord {
  const ended = xdr.unix_disconnect_time
  const from = partyE164(xdr.CLI)
  const to = partyE164(xdr.CLD)
  const ours = typeof xdr.account_id === 'string' || typeof xdr.account_id === 'number' ? partyE164(String(xdr.account_id)) : undefined
  const direction = ours !== undefined && ours === from ? 'termination' : 'origination'
  const billed = Math.max(0, Math.round(xdr.charged_quantity ?? 0))
  const cause = xdr.disconnect_cause ?? undefined
  return {
    accountId,
    carrier: 'call48',
    id: String(xdr.i_xdr),
    direction,
    startedAt: xdr.unix_connect_time * 1000,
    endedAt: ended === undefined ? undefined : ended * 1000,
    from,
    to,
    ourNumber: ours ?? (direction === 'origination' ? to : from),
    durationSeconds: ended !== undefined ? Math.max(0, ended - xdr.unix_connect_time) : billed,
    billedSeconds: billed,
    disposition: xdrDisposition(cause, billed),
    causeCode: cause ?? undefined,
    causeText: text(xdr.disconnect_reason),
    cost: xdr.charged_amount,
    raw: withoutSecrets(xdr),
  }
}
