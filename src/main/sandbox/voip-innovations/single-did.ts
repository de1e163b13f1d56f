/**
 * What the WSDL's single-number operations answering a DIDResponse share (forwarding, failover, DID
 * groups, conference line): the number must be the account's, and the answer is Success with one DID
 * line whose statusCode is the outcome, as in a batch of one (api-reference.txt: "DIDs (one DID per
 * param)").
 *
 * The documents list no codes for these methods. The sandbox gives each its own six-digit family after
 * the documented 101-106 (107 forwarding, 108 failover, 109 DID groups, 110 conference line) with the
 * documented endings: x221 not assigned to you, x225 reserved for you, x230/x235 another company's,
 * x250 toll-free, x258 bad endpoint group, x420 could not find, plus x400 for a value VI would refuse
 * and x440 for an unknown DID group.
 */
import type { SimResponse } from '../kit/http'
import { soapAnswer, textField, type OutNode, type XmlNode } from './envelope'
import { didElement, didResponse, ownedFields, successCode, successMessage, type DidResponseParts } from './responses'
import type { OwnedDid, Standing, VoipInnovationsState } from './state'

export const forwardingFamily = 107
export const failoverFamily = 108
export const didGroupFamily = 109
export const conferenceFamily = 110

export const endingTexts: Record<number, string> = {
  221: 'Number is not currently assigned to you',
  225: 'Number is reserved for you',
  230: 'Number is already reserved for another company',
  235: 'Number is already assigned to another company',
  250: 'You do not purchase 800 Origination services',
  258: 'Bad Endpoint Group. This remote is not allowed to service this endpoint group',
  420: 'Could not find number',
  440: 'Could not find DID group',
}

/** The ending of the code refusing a change to a number the account does not own (configDID's 105xxx). */
export function notOwnedEnding(standing: Standing): number {
  switch (standing.kind) {
    case 'reserved':
      return 225
    case 'available':
      return 221
    case 'reserved-elsewhere':
      return 230
    case 'assigned-elsewhere':
      return 235
    case 'toll-free':
      return 250
    default:
      return 420
  }
}

/** A ten-digit number from a request field (E.164, eleven digits or punctuation tolerated). */
export function tenDigitField(params: XmlNode, name: string): string {
  return textField(params, name).replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '')
}

/** A ten-digit NANP number: area code and exchange do not start with 0 or 1. */
export const isNanpNumber = (tn: string): boolean => /^[2-9]\d{2}[2-9]\d{6}$/.test(tn)

/** One failed DID line in a Success answer. */
export function refusedDid(operation: string, tn: string, family: number, ending: number, text?: string): SimResponse {
  const line = didElement({ tn, status: text ?? endingTexts[ending] ?? 'Unknown error', statusCode: family * 1000 + ending })
  return soapAnswer(operation, didResponse(successCode, successMessage, { dids: [line] }))
}

/** The owned DID a request's `tn` names, or the refusal to answer. */
export function ownedOrRefusal(
  state: VoipInnovationsState,
  operation: string,
  family: number,
  params: XmlNode,
): { did: OwnedDid } | { refusal: SimResponse } {
  const tn = tenDigitField(params, 'tn')
  const standing = state.standing(tn)
  if (standing.kind === 'owned') return { did: standing.did }
  return { refusal: refusedDid(operation, tn, family, notOwnedEnding(standing)) }
}

/** Success: the number's DID line (with its features as they now stand) and any other parts. */
export function didAnswer(operation: string, did: OwnedDid, status: string, parts: Omit<DidResponseParts, 'dids'> = {}): SimResponse {
  const line: OutNode = didElement({ ...ownedFields(did, false), status })
  return soapAnswer(operation, didResponse(successCode, successMessage, { ...parts, dids: [line] }))
}
