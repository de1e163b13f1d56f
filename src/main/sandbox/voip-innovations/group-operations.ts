/**
 * DID groups (WSDL: GetDIDGroups, GetDIDGroup, AuditDIDGroup, SetDIDGroup, RemoveDIDGroup), answering
 * a DIDResponse with DIDGroups (Name, ID).
 *
 * Choices where the WSDL leaves it open: groups are the account's fixed four (state.ts didGroupsFor; the
 * WSDL cannot create one); a number is in at most one group, since a DID has one `didGroupId`, so
 * SetDIDGroup moves it; GetDIDGroup answers the number's DID line and its group in DIDGroups (empty
 * when none); AuditDIDGroup streams the group's DIDs like auditDIDs, and an unknown group id is a
 * responseCode 109440; removing a number that is in no group succeeds.
 */
import { soapAnswer, streamedSoapAnswer, textField, type OutNode } from './envelope'
import { didElement, didGroupElement, didResponse, ownedFields, successCode, successMessage, type OperationHandler } from './responses'
import { didAnswer, didGroupFamily, endingTexts, ownedOrRefusal, refusedDid } from './single-did'
import { carrierName, type OwnedDid, type VoipInnovationsState } from './state'

const unknownGroupCode = didGroupFamily * 1000 + 440
const auditPageSize = 500

function groupsOf(state: VoipInnovationsState, did: OwnedDid): OutNode[] {
  const group = state.didGroup(did.didGroup)
  return group ? [didGroupElement(group)] : []
}

export const groupOperations: Record<string, OperationHandler> = {
  GetDIDGroups: ({ state }) =>
    soapAnswer('GetDIDGroups', didResponse(successCode, successMessage, { groups: state.didGroups.map(didGroupElement) })),

  GetDIDGroup: ({ state }, params) => {
    const found = ownedOrRefusal(state, 'GetDIDGroup', didGroupFamily, params)
    if ('refusal' in found) return found.refusal
    const { did } = found
    const group = state.didGroup(did.didGroup)
    const status = group ? `Number is in DID group '${group.name}'` : 'Number is in no DID group'
    return didAnswer('GetDIDGroup', did, status, { groups: groupsOf(state, did) })
  },

  AuditDIDGroup: ({ state }, params) => {
    const groupId = Number.parseInt(textField(params, 'groupId'), 10)
    if (!state.didGroup(groupId)) {
      return soapAnswer('AuditDIDGroup', didResponse(unknownGroupCode, endingTexts[440] ?? 'Could not find DID group'))
    }
    function* pages(): Generator<OutNode> {
      for (const page of state.ownedPages(auditPageSize)) {
        const members = page.filter((did) => did.didGroup === groupId)
        if (members.length > 0) yield { DID: members.map((did) => didElement(ownedFields(did, false))) }
      }
    }
    return streamedSoapAnswer('AuditDIDGroup', didResponse(successCode, successMessage), 'DIDs', pages())
  },

  SetDIDGroup: ({ state, ledger }, params) => {
    const found = ownedOrRefusal(state, 'SetDIDGroup', didGroupFamily, params)
    if ('refusal' in found) return found.refusal
    const { tn } = found.did.facts
    const group = state.didGroup(Number.parseInt(textField(params, 'groupId'), 10))
    if (!group) return refusedDid('SetDIDGroup', tn, didGroupFamily, 440)
    const did = state.update(found.did, { didGroup: group.id })
    ledger.record(carrierName, 'SetDIDGroup', { tn, groupId: group.id })
    return didAnswer('SetDIDGroup', did, `Number moved to DID group '${group.name}'`, { groups: [didGroupElement(group)] })
  },

  RemoveDIDGroup: ({ state, ledger }, params) => {
    const found = ownedOrRefusal(state, 'RemoveDIDGroup', didGroupFamily, params)
    if ('refusal' in found) return found.refusal
    const { tn } = found.did.facts
    const did = state.update(found.did, { didGroup: 0 })
    ledger.record(carrierName, 'RemoveDIDGroup', { tn, groupId: found.did.didGroup })
    return didAnswer('RemoveDIDGroup', did, 'Number removed from its DID group')
  },
}
