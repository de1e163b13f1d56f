/**
 * The DID methods of the VoIP Innovations Back Office API (api-reference.txt 3.1-3.7 and 3.9): audit,
 * query, search, count, and the batch methods assign/config/release/reserve, where every DIDParam gets its
 * own DID with a statusCode so a batch can partly succeed. Codes and their wording follow the error
 * codes listed in carrier-docs/README.md.
 */
import type { SimResponse } from '../kit/http'
import { listField, soapAnswer, streamedSoapAnswer, textField, type OutNode, type XmlNode } from './envelope'
import {
  didElement,
  didResponse,
  ownedFields,
  successCode,
  successMessage,
  type DidFields,
  type OperationContext,
  type OperationHandler,
} from './responses'
import { localMonthlyFeeCents } from './prepaid'
import { notOwnedEnding } from './single-did'
import { carrierName, dotNetDate, type NumberTraits, type SearchFilter, type Standing } from './state'

/** Per-DID status texts by code (the wording clients of the API map these codes to). */
export const statusTexts: Record<number, string> = {
  101200: 'No records found',
  102230: 'Number reserved for another company',
  102235: 'Number assigned to another company',
  102420: 'No records found',
  103220: 'Number already reserved for you',
  103225: 'Number already assigned to you',
  103230: 'Number is currently reserved for another company',
  103235: 'Number is currently assigned to another company',
  103250: 'You do not purchase 800 Origination Services',
  103259: 'Tier not available to your account',
  103420: 'Could not find number',
  104220: 'Number is already reserved for you',
  104225: 'Number is already assigned to you',
  104230: 'Number is already reserved for another company',
  104235: 'Number is already assigned to another company',
  104250: 'You do not purchase 800 Origination services',
  104258: 'Bad Endpoint Group. This remote is not allowed to service this endpoint group',
  104259: 'Tier not available to your account',
  104270: 'Insufficient prepaid balance',
  104420: 'Could not find number',
  105221: 'Number is not currently assigned to you',
  105225: 'Number is reserved for you',
  105230: 'Number is already reserved for another company',
  105235: 'Number is already assigned to another company',
  105250: 'You do not purchase 800 Origination services',
  105258: 'Bad Endpoint Group. This remote is not allowed to service this endpoint group',
  105420: 'Could not find number',
  106220: 'Number is still reserved for you',
  106225: 'Number is still assigned to you',
  106230: 'Number is currently reserved for another company',
  106231: 'Number currently available',
  106235: 'Number is currently assigned to another company',
  106241: 'Number previously released, but not currently available',
  106420: 'Could not find number',
  302490: 'No search criteria defined',
}

/** Tier 777 (seen in get_did_count.xml) is a premium tier the seeded account does not buy (104259/103259). */
const tierNotOffered = '777'
/** getDIDs answers at most this many DIDLocators; narrow the search for more. */
export const maxLocators = 500
const auditPageSize = 500

function failed(tn: string, statusCode: number, tier = ''): OutNode {
  return didElement({ tn, status: statusTexts[statusCode] ?? 'Unknown error', statusCode, tier })
}

function isTrue(value: string): boolean {
  return value === '1' || value.toLowerCase() === 'true'
}

/** DIDParam fields by the WSDL's names: tn, cnam, refId, epg (README: the prose doc's names differ). */
interface DidParam {
  tn: string
  cnam: string
  refId: string
  epg: number
}

function didParams(params: XmlNode): DidParam[] {
  return listField(params, 'didParams', 'DIDParam').map((item) => ({
    tn: textField(item, 'tn').replace(/\D/g, '').replace(/^1(?=\d{10}$)/, ''),
    cnam: textField(item, 'cnam'),
    refId: textField(item, 'refId'),
    epg: Number.parseInt(textField(item, 'epg'), 10),
  }))
}

/** A batch answer: overall Success, one DID per DIDParam (assign_did.xml, release_did.xml). */
function batchAnswer(operation: string, dids: OutNode[], groupsAndConference = false): SimResponse {
  return soapAnswer(operation, didResponse(successCode, successMessage, { dids, groupsAndConference }))
}

function inventoryFields(traits: NumberTraits): Pick<DidFields, 'tier' | 'network' | 'cnamStorageAvailability' | 't38'> {
  return { tier: traits.tier, network: traits.network, cnamStorageAvailability: traits.outboundCnam, t38: traits.t38 }
}

/** 3.1 auditDIDs: every owned DID, streamed; a dummy 101200 record when the account owns none (audit_dids.xml). */
export const auditDIDs: OperationHandler = ({ state }) => {
  const first = state.ownedPages(1).next()
  if (first.done) {
    const dummy = didElement({
      tn: '',
      availability: 'Unavailable',
      status: 'UNKNOWN',
      statusCode: 101200,
      tier: '-99999',
    })
    return soapAnswer('auditDIDs', didResponse(successCode, successMessage, { dids: [dummy] }))
  }
  function* pages(): Generator<OutNode> {
    for (const page of state.ownedPages(auditPageSize)) {
      yield { DID: page.map((did) => didElement(ownedFields(did, false))) }
    }
  }
  return streamedSoapAnswer('auditDIDs', didResponse(successCode, successMessage), 'DIDs', pages())
}

/** 3.2 queryDID: the standing of one number; unknown numbers get a dummy "no records" DID. */
export const queryDID: OperationHandler = ({ state }, params) => {
  const tn = textField(params, 'did').replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '')
  const standing = state.standing(tn)
  let fields: DidFields
  switch (standing.kind) {
    case 'owned':
      fields = ownedFields(standing.did, true)
      break
    case 'reserved':
      fields = {
        tn,
        availability: 'reserved',
        status: `Number currently reserved for you with refid '${standing.reservation.refId}'`,
        statusCode: successCode,
        refId: standing.reservation.refId,
        expireDate: dotNetDate(standing.reservation.expiresAt),
        ...inventoryFields(standing.traits),
      }
      break
    case 'available':
      fields = {
        tn,
        availability: 'available',
        status: 'Number currently available',
        statusCode: successCode,
        ...inventoryFields(standing.traits),
      }
      break
    case 'reserved-elsewhere':
    case 'assigned-elsewhere': {
      const statusCode = standing.kind === 'reserved-elsewhere' ? 102230 : 102235
      fields = { tn, availability: 'Unavailable', status: statusTexts[statusCode] ?? '', statusCode, tier: standing.traits.tier }
      break
    }
    default:
      // api-reference.txt 3.2: "a dummy record with a 'no records found' status", like audit_dids.xml's.
      fields = { tn: '', availability: 'Unavailable', status: 'UNKNOWN', statusCode: 102420, tier: '-99999' }
  }
  // The captured answer carries an empty DIDGroups and a ConferenceLine (query_did.xml); the line says
  // whether the number is a conference line, without its PIN (GetConferenceLine answers that).
  const conference = { enabled: standing.kind === 'owned' && standing.did.conferencePin !== '' }
  return soapAnswer('queryDID', didResponse(successCode, successMessage, { dids: [didElement(fields)], groupsAndConference: true, conference }))
}

/**
 * 3.3 assignDID. A number reserved for you is assigned when the DIDParam carries the reservation's refId.
 * The first month is charged to the prepaid balance (prepaid.ts); a number it cannot pay for is refused
 * with 104270, a code of the sandbox's own in assignDID's family.
 */
export const assignDID: OperationHandler = ({ state, ledger }, params) => {
  const dids = didParams(params).map((param): OutNode => {
    const standing = state.standing(param.tn)
    const notAssignable = assignRefusal(standing, param)
    if (notAssignable !== undefined) return failed(param.tn, notAssignable, tierOf(standing))
    if (!Number.isInteger(param.epg) || !state.isEndpointGroup(param.epg)) return failed(param.tn, 104258, tierOf(standing))
    if (standing.kind !== 'available' && standing.kind !== 'reserved') return failed(param.tn, 104420)
    if (standing.traits.tier === tierNotOffered) return failed(param.tn, 104259, standing.traits.tier)
    const charged = localMonthlyFeeCents(standing.traits.tier)
    if (!state.prepaid.charge(charged)) return failed(param.tn, 104270, standing.traits.tier)
    const refId = param.refId || (standing.kind === 'reserved' ? standing.reservation.refId : '')
    const did = state.assign(param.tn, standing.facts, standing.traits, param.epg, refId, isTrue(param.cnam))
    ledger.record(carrierName, 'assignDID', { tn: param.tn, endpointGroup: param.epg, tier: did.traits.tier, refId, chargedCents: charged })
    // The captured answer leaves endpointId 0 and every flag false: the service reports the result in `status`.
    return didElement({
      tn: param.tn,
      status: `Assigned to endpoint '${param.epg}' rewritten as '${param.tn}' Tier ${did.traits.tier}`,
      statusCode: successCode,
      tier: did.traits.tier,
      refId,
    })
  })
  return batchAnswer('assignDID', dids)
}

function tierOf(standing: Standing): string {
  return 'traits' in standing ? standing.traits.tier : standing.kind === 'owned' ? standing.did.traits.tier : ''
}

function assignRefusal(standing: Standing, param: DidParam): number | undefined {
  switch (standing.kind) {
    case 'owned':
      return 104225
    case 'reserved':
      // The doc assigns "an available or reserved DID"; 104220 ("already reserved for you") is read as a
      // reservation claimed under a different refId than the one it was made with.
      return standing.reservation.refId !== '' && param.refId !== '' && param.refId !== standing.reservation.refId
        ? 104220
        : undefined
    case 'reserved-elsewhere':
      return 104230
    case 'assigned-elsewhere':
      return 104235
    case 'toll-free':
      return 104250
    case 'available':
      return undefined
    default:
      return 104420
  }
}

/** 3.5 configDID: endpoint group, inbound CNAM and refId of DIDs the account owns. */
export const configDID: OperationHandler = ({ state, ledger }, params) => {
  const dids = didParams(params).map((param): OutNode => {
    const standing = state.standing(param.tn)
    if (standing.kind !== 'owned') return failed(param.tn, 105_000 + notOwnedEnding(standing), tierOf(standing))
    if (!Number.isInteger(param.epg) || !state.isEndpointGroup(param.epg)) {
      return failed(param.tn, 105258, standing.did.traits.tier)
    }
    const did = state.update(standing.did, {
      endpointGroup: param.epg,
      ...(param.cnam === '' ? {} : { cnam: isTrue(param.cnam) }),
      ...(param.refId === '' ? {} : { refId: param.refId }),
    })
    ledger.record(carrierName, 'configDID', { tn: param.tn, endpointGroup: did.endpointGroup, cnam: did.cnam, refId: did.refId })
    return didElement({
      tn: param.tn,
      status: `Reconfigured to endpoint '${param.epg}' rewritten as '${param.tn}' Tier ${did.traits.tier}`,
      statusCode: successCode,
      tier: did.traits.tier,
      refId: did.refId,
    })
  })
  return batchAnswer('configDID', dids)
}

/**
 * 3.6 releaseDID. A DID with E911 service still provisioned is not released (106225 "still assigned to
 * you"): the sandbox reads that code as the refusal carriers give while an emergency address is active.
 */
export const releaseDID: OperationHandler = ({ state, ledger }, params) => {
  const dids = didParams(params).map((param): OutNode => {
    const standing = state.standing(param.tn)
    switch (standing.kind) {
      case 'owned': {
        if (standing.did.has911) return failed(param.tn, 106225, standing.did.traits.tier)
        state.release(param.tn)
        ledger.record(carrierName, 'releaseDID', { tn: param.tn })
        return didElement({ tn: param.tn, status: 'Number released', statusCode: successCode, tier: standing.did.traits.tier })
      }
      case 'reserved':
        return failed(param.tn, 106220)
      case 'reserved-elsewhere':
        return failed(param.tn, 106230)
      case 'available':
        return failed(param.tn, 106231)
      case 'assigned-elsewhere':
        return failed(param.tn, 106235)
      case 'released':
        return failed(param.tn, 106241)
      default:
        return failed(param.tn, 106420)
    }
  })
  return batchAnswer('releaseDID', dids)
}

/** 3.7 reserveDID: holds an available DID for 30 minutes of simulated time. */
export const reserveDID: OperationHandler = ({ state, ledger }, params) => {
  const dids = didParams(params).map((param): OutNode => {
    const standing = state.standing(param.tn)
    switch (standing.kind) {
      case 'available':
        break
      case 'reserved':
        return failed(param.tn, 103220, standing.traits.tier)
      case 'owned':
        return failed(param.tn, 103225, standing.did.traits.tier)
      case 'reserved-elsewhere':
        return failed(param.tn, 103230, standing.traits.tier)
      case 'assigned-elsewhere':
        return failed(param.tn, 103235, standing.traits.tier)
      case 'toll-free':
        return failed(param.tn, 103250)
      default:
        return failed(param.tn, 103420)
    }
    if (standing.traits.tier === tierNotOffered) return failed(param.tn, 103259, standing.traits.tier)
    const reservation = state.reserve(param.tn, param.refId)
    ledger.record(carrierName, 'reserveDID', { tn: param.tn, refId: param.refId, expiresAt: reservation.expiresAt })
    return didElement({
      tn: param.tn,
      status: `Reserved for 30 minutes -- Will be Tier ${standing.traits.tier}`,
      statusCode: successCode,
      tier: standing.traits.tier,
      refId: param.refId,
    })
  })
  return batchAnswer('reserveDID', dids, true)
}

/**
 * Search criteria of getDIDs/getDIDCount by the WSDL's names (`network` in lower case). A feature flag
 * sent as '0'/'false' is read as "not required" rather than "must lack", which is what a client sending
 * its default false means.
 */
function searchFilter(params: XmlNode): SearchFilter {
  const text = (name: string): string => textField(params, name).trim()
  return {
    ...(text('state') ? { state: text('state').toUpperCase() } : {}),
    ...(text('lata') ? { lata: text('lata') } : {}),
    ...(text('rateCenter') ? { rateCenter: text('rateCenter').toUpperCase() } : {}),
    ...(text('npa') ? { npa: text('npa') } : {}),
    ...(text('nxx') ? { nxx: text('nxx') } : {}),
    ...(text('tier') ? { tier: text('tier') } : {}),
    ...(isTrue(text('t38')) ? { t38: true } : {}),
    ...(isTrue(text('cnam')) ? { outboundCnam: true } : {}),
    ...(isTrue(text('sms')) ? { sms: true } : {}),
    ...(text('network') || text('Network') ? { network: text('network') || text('Network') } : {}),
  }
}

function noCriteria(operation: string): SimResponse {
  return soapAnswer(operation, didResponse(302490, statusTexts[302490] ?? ''))
}

/** 3.4 getDIDs: available numbers as DIDLocators; 302490 when no criterion is given. */
export const getDIDs: OperationHandler = ({ state }, params) => {
  const filter = searchFilter(params)
  if (Object.keys(filter).length === 0) return noCriteria('getDIDs')
  const locators = state.search(filter, maxLocators).map(({ facts, traits }) => ({
    tn: facts.tn,
    rateCenter: facts.rateCenter,
    state: facts.state,
    tier: traits.tier,
    lataId: Number(facts.lata),
    outboundCNAM: traits.outboundCnam,
    t38: traits.t38,
    // Required by the WSDL although the older capture (get_dids.xml) predates it.
    sms: traits.sms,
  }))
  return soapAnswer('getDIDs', didResponse(successCode, successMessage, { locators }))
}

type CountRow = ReturnType<OperationContext['state']['count']>[number]

const orderings: Record<string, (row: CountRow) => (string | number)[]> = {
  state: (row) => [row.facts.state, row.facts.rateCenter, Number(row.traits.tier)],
  rc: (row) => [row.facts.rateCenter, Number(row.traits.tier)],
  lata: (row) => [Number(row.facts.lata), row.facts.rateCenter, Number(row.traits.tier)],
  tier: (row) => [Number(row.traits.tier), row.facts.state, row.facts.rateCenter],
}

function compareKeys(left: (string | number)[], right: (string | number)[]): number {
  for (let index = 0; index < left.length; index += 1) {
    const a = left[index] as string | number
    const b = right[index] as string | number
    if (a < b) return -1
    if (a > b) return 1
  }
  return 0
}

/** 3.9 getDIDCount: available numbers per rate center and tier, ordered by `orderby` (default state). */
export const getDIDCount: OperationHandler = ({ state }, params) => {
  const filter = searchFilter(params)
  // The doc requires at least one criterion here too; the sandbox answers getDIDs' code for its absence.
  if (Object.keys(filter).length === 0) return noCriteria('getDIDCount')
  const order = orderings[textField(params, 'orderby').trim().toLowerCase()] ?? orderings.state
  const keyOf = order as (row: CountRow) => (string | number)[]
  const counts = state
    .count(filter)
    .sort((left, right) => compareKeys(keyOf(left), keyOf(right)))
    .map((row) => ({
      didCount: String(row.count),
      rateCenter: row.facts.rateCenter,
      state: row.facts.state,
      tier: row.traits.tier,
      lataId: Number(row.facts.lata),
      cnam: row.traits.outboundCnam,
      t38: row.traits.t38,
      sms: row.traits.sms,
    }))
  return soapAnswer('getDIDCount', didResponse(successCode, successMessage, { counts }))
}
