/**
 * Fax to e-mail (WSDL: GetFaxToEmail, SetFaxToEmail, RemoveFaxToEmail), answering a
 * FaxToEmailResponse (responseCode, responseMessage, Email).
 *
 * Choices where the WSDL leaves it open: codes follow the CNAM methods' (cnam-operations.ts), 420 for a
 * number the account does not own and 400 for an address that is not one; Email is written when an
 * address is set (Get and Set); one address per number, Set replaces it; removing when none is set
 * succeeds.
 */
import type { SimResponse } from '../kit/http'
import { soapAnswer, textField, type XmlNode } from './envelope'
import { isEmailAddress } from './email'
import { faxToEmailResponse, successCode, successMessage, type OperationHandler } from './responses'
import { tenDigitField } from './single-did'
import { carrierName, type OwnedDid, type VoipInnovationsState } from './state'

export const faxNumberNotFoundCode = 420
export const faxInvalidEmailCode = 400

function ownedOrAnswer(state: VoipInnovationsState, operation: string, params: XmlNode): { did: OwnedDid } | { response: SimResponse } {
  const tn = tenDigitField(params, 'tn')
  const did = state.owned(tn)
  return did ? { did } : { response: soapAnswer(operation, faxToEmailResponse(faxNumberNotFoundCode, `Could not find number ${tn}`)) }
}

export const faxOperations: Record<string, OperationHandler> = {
  GetFaxToEmail: ({ state }, params) => {
    const found = ownedOrAnswer(state, 'GetFaxToEmail', params)
    if ('response' in found) return found.response
    return soapAnswer('GetFaxToEmail', faxToEmailResponse(successCode, successMessage, found.did.faxEmail))
  },

  SetFaxToEmail: ({ state, ledger }, params) => {
    const found = ownedOrAnswer(state, 'SetFaxToEmail', params)
    if ('response' in found) return found.response
    const email = textField(params, 'email').trim()
    if (!isEmailAddress(email)) {
      return soapAnswer('SetFaxToEmail', faxToEmailResponse(faxInvalidEmailCode, 'Email must be a valid e-mail address'))
    }
    const did = state.update(found.did, { faxEmail: email })
    ledger.record(carrierName, 'SetFaxToEmail', { tn: did.facts.tn, email })
    return soapAnswer('SetFaxToEmail', faxToEmailResponse(successCode, successMessage, email))
  },

  RemoveFaxToEmail: ({ state, ledger }, params) => {
    const found = ownedOrAnswer(state, 'RemoveFaxToEmail', params)
    if ('response' in found) return found.response
    const did = state.update(found.did, { faxEmail: '' })
    ledger.record(carrierName, 'RemoveFaxToEmail', { tn: did.facts.tn })
    return soapAnswer('RemoveFaxToEmail', faxToEmailResponse(successCode, successMessage))
  },
}
