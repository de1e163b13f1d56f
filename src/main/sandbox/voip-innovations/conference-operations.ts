/**
 * Conference lines (WSDL: GetConferenceLine, SetConferenceLine, RemoveConferenceLine), answering a
 * DIDResponse whose ConferenceLine (Enabled, PIN) says whether callers to the number reach a bridge.
 *
 * Choices where the WSDL leaves it open: the PIN is 4 to 8 digits (else 110400); only GetConferenceLine
 * writes the PIN (queryDID and the mutations say Enabled alone), and the ledger never records it;
 * removing a line that is not one succeeds.
 */
import { textField } from './envelope'
import type { OperationHandler } from './responses'
import { conferenceFamily, didAnswer, ownedOrRefusal, refusedDid } from './single-did'
import { carrierName } from './state'

const pinPattern = /^\d{4,8}$/

export const conferenceOperations: Record<string, OperationHandler> = {
  GetConferenceLine: ({ state }, params) => {
    const found = ownedOrRefusal(state, 'GetConferenceLine', conferenceFamily, params)
    if ('refusal' in found) return found.refusal
    const { did } = found
    const enabled = did.conferencePin !== ''
    return didAnswer('GetConferenceLine', did, enabled ? 'Conference line enabled' : 'Conference line not enabled', {
      conference: enabled ? { enabled, pin: did.conferencePin } : { enabled },
    })
  },

  SetConferenceLine: ({ state, ledger }, params) => {
    const found = ownedOrRefusal(state, 'SetConferenceLine', conferenceFamily, params)
    if ('refusal' in found) return found.refusal
    const { tn } = found.did.facts
    const pin = textField(params, 'pin').trim()
    if (!pinPattern.test(pin)) return refusedDid('SetConferenceLine', tn, conferenceFamily, 400, 'PIN must be 4 to 8 digits')
    const did = state.update(found.did, { conferencePin: pin })
    ledger.record(carrierName, 'SetConferenceLine', { tn })
    return didAnswer('SetConferenceLine', did, 'Conference line enabled', { conference: { enabled: true } })
  },

  RemoveConferenceLine: ({ state, ledger }, params) => {
    const found = ownedOrRefusal(state, 'RemoveConferenceLine', conferenceFamily, params)
    if ('refusal' in found) return found.refusal
    const did = state.update(found.did, { conferencePin: '' })
    ledger.record(carrierName, 'RemoveConferenceLine', { tn: did.facts.tn })
    return didAnswer('RemoveConferenceLine', did, 'Conference line removed', { conference: { enabled: false } })
  },
}
