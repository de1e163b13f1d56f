/**
 * Outbound CNAM display names (WSDL operations GetCNAMDisplay, UpdateCNAMDisplay, RemoveCNAM), answering
 * a CNAMResponse shaped like the captures in sample-responses/cnam/.
 */
import { soapAnswer, textField, type OutNode } from './envelope'
import { successCode, successMessage, type OperationHandler } from './responses'
import { carrierName, type OwnedDid, type VoipInnovationsState } from './state'

/**
 * The CNAM methods have no documented error codes. The sandbox uses 420 for a number the account does
 * not own (the DID methods' "could not find" codes end in 420) and 400 for a display name the CNAM
 * databases would refuse (more than 15 characters, or characters other than letters, digits, space and
 * . , & - ').
 */
export const cnamNumberNotFoundCode = 420
export const cnamInvalidNameCode = 400

const displayNamePattern = /^[A-Za-z0-9 .,&'-]{1,15}$/

function cnamAnswer(operation: string, code: number, message: string, displayName?: string): ReturnType<OperationHandler> {
  const result: OutNode = { responseCode: code, responseMessage: message }
  if (displayName !== undefined) result.DisplayName = displayName
  return soapAnswer(operation, result)
}

function ownedOrAnswer(
  state: VoipInnovationsState,
  operation: string,
  tn: string,
): OwnedDid | ReturnType<OperationHandler> {
  const did = state.owned(tn.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, ''))
  return did ?? cnamAnswer(operation, cnamNumberNotFoundCode, `Could not find number ${tn}`)
}

const isOwned = (value: OwnedDid | ReturnType<OperationHandler>): value is OwnedDid => 'facts' in value

export const cnamOperations: Record<string, OperationHandler> = {
  GetCNAMDisplay: ({ state }, params) => {
    const found = ownedOrAnswer(state, 'GetCNAMDisplay', textField(params, 'tn'))
    if (!isOwned(found)) return found
    return cnamAnswer('GetCNAMDisplay', successCode, successMessage, found.cnamName)
  },

  UpdateCNAMDisplay: ({ state, ledger }, params) => {
    const found = ownedOrAnswer(state, 'UpdateCNAMDisplay', textField(params, 'tn'))
    if (!isOwned(found)) return found
    const name = textField(params, 'name').trim()
    if (!displayNamePattern.test(name)) {
      return cnamAnswer('UpdateCNAMDisplay', cnamInvalidNameCode, 'Display name must be 1 to 15 letters, digits, spaces or . , & - \'')
    }
    if (!found.traits.outboundCnam) {
      return cnamAnswer('UpdateCNAMDisplay', cnamInvalidNameCode, 'Outbound CNAM storage is not available for this number')
    }
    // CNAM databases store display names in capitals.
    state.update(found, { cnamName: name.toUpperCase() })
    ledger.record(carrierName, 'UpdateCNAMDisplay', { tn: found.facts.tn, displayName: name.toUpperCase() })
    return cnamAnswer('UpdateCNAMDisplay', successCode, successMessage)
  },

  RemoveCNAM: ({ state, ledger }, params) => {
    const found = ownedOrAnswer(state, 'RemoveCNAM', textField(params, 'tn'))
    if (!isOwned(found)) return found
    state.update(found, { cnamName: '' })
    ledger.record(carrierName, 'RemoveCNAM', { tn: found.facts.tn })
    return cnamAnswer('RemoveCNAM', successCode, successMessage)
  },
}
