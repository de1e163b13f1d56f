/**
 * Forwarding and failover of owned DIDs (WSDL: GetDIDForward, SetDIDForward, RemoveDIDForward,
 * GetDIDFailover, UpdateDIDFailover), each answering a DIDResponse with the number's DID line, whose
 * `forward` / `failover` elements show the destination.
 *
 * Choices where the WSDL's types leave it open (all its fields are s:string):
 * - SetDIDForward.forward and UpdateDIDFailover.failover are ten-digit NANP numbers (eleven with a
 *   leading 1 accepted); anything else, or the number itself, is refused with x400.
 * - Forwarding takes every call instead of the endpoint group, which is kept; RemoveDIDForward.epgId,
 *   when given, is the endpoint group calls go to afterwards (x258 when it is not the account's).
 * - The WSDL has no RemoveDIDFailover: UpdateDIDFailover with an empty `failover` clears it.
 * - Removing what is not set succeeds: the number ends as asked.
 */
import { textField } from './envelope'
import type { OperationHandler } from './responses'
import { didAnswer, failoverFamily, forwardingFamily, isNanpNumber, ownedOrRefusal, refusedDid, tenDigitField } from './single-did'
import { carrierName } from './state'

export const forwardingOperations: Record<string, OperationHandler> = {
  GetDIDForward: ({ state }, params) => {
    const found = ownedOrRefusal(state, 'GetDIDForward', forwardingFamily, params)
    if ('refusal' in found) return found.refusal
    const { did } = found
    return didAnswer('GetDIDForward', did, did.forward ? `Number forwarded to '${did.forward}'` : 'Number is not forwarded')
  },

  SetDIDForward: ({ state, ledger }, params) => {
    const found = ownedOrRefusal(state, 'SetDIDForward', forwardingFamily, params)
    if ('refusal' in found) return found.refusal
    const { tn } = found.did.facts
    const forward = tenDigitField(params, 'forward')
    if (!isNanpNumber(forward) || forward === tn) {
      return refusedDid('SetDIDForward', tn, forwardingFamily, 400, 'Forward number must be another ten-digit number')
    }
    const did = state.update(found.did, { forward })
    ledger.record(carrierName, 'SetDIDForward', { tn, forward })
    return didAnswer('SetDIDForward', did, `Number forwarded to '${forward}'`)
  },

  RemoveDIDForward: ({ state, ledger }, params) => {
    const found = ownedOrRefusal(state, 'RemoveDIDForward', forwardingFamily, params)
    if ('refusal' in found) return found.refusal
    const { tn } = found.did.facts
    const epgText = textField(params, 'epgId').trim()
    const endpointGroup = epgText === '' ? found.did.endpointGroup : Number(epgText)
    if (!Number.isInteger(endpointGroup) || !state.isEndpointGroup(endpointGroup)) return refusedDid('RemoveDIDForward', tn, forwardingFamily, 258)
    const did = state.update(found.did, { forward: '', endpointGroup })
    ledger.record(carrierName, 'RemoveDIDForward', { tn, endpointGroup })
    return didAnswer('RemoveDIDForward', did, `Forwarding removed; routed to endpoint '${endpointGroup}'`)
  },

  GetDIDFailover: ({ state }, params) => {
    const found = ownedOrRefusal(state, 'GetDIDFailover', failoverFamily, params)
    if ('refusal' in found) return found.refusal
    const { did } = found
    return didAnswer('GetDIDFailover', did, did.failover ? `Failover to '${did.failover}'` : 'No failover set')
  },

  UpdateDIDFailover: ({ state, ledger }, params) => {
    const found = ownedOrRefusal(state, 'UpdateDIDFailover', failoverFamily, params)
    if ('refusal' in found) return found.refusal
    const { tn } = found.did.facts
    const failover = tenDigitField(params, 'failover')
    const cleared = textField(params, 'failover').trim() === ''
    if (!cleared && (!isNanpNumber(failover) || failover === tn)) {
      return refusedDid('UpdateDIDFailover', tn, failoverFamily, 400, 'Failover number must be another ten-digit number')
    }
    const did = state.update(found.did, { failover: cleared ? '' : failover })
    ledger.record(carrierName, 'UpdateDIDFailover', { tn, failover: did.failover })
    return didAnswer('UpdateDIDFailover', did, cleared ? 'Failover removed' : `Failover set to '${failover}'`)
  },
}
