/**
 * DID groups (WSDL: GetDIDGroups, GetDIDGroup, AuditDIDGroup, SetDIDGroup, RemoveDIDGroup), answering a
 * DIDResponse. Groups are made in VI's portal (the WSDL cannot create one); a number is in at most one
 * group (a DID has one `didGroupId`). Moves are sent once per number and settled by GetDIDGroup after a
 * lost answer.
 */
import { tenDigits, type ClientConstructor, type Settled, type Signal } from './client-base'
import { DidResponseSchema, type ViDidGroup } from './schemas'

export interface DidGroup {
  id: number
  name: string
}

export interface DidGroupMembership {
  tn: string
  /** Undefined when the number is in no group. */
  group: DidGroup | undefined
}

const toGroup = (group: ViDidGroup): DidGroup => ({ id: group.ID, name: group.Name ?? '' })

export function withDidGroups<Base extends ClientConstructor>(base: Base) {
  return class DidGroupOperations extends base {
    /** The account's DID groups. */
    async getDidGroups(options: Signal): Promise<DidGroup[]> {
      const operation = 'GetDIDGroups'
      const answer = this.expectSuccess(operation, await this.invoke(operation, {}, DidResponseSchema, { signal: options.signal, kind: 'read' }))
      return answer.DIDGroups.map(toGroup)
    }

    /** The group a number is in. */
    async getDidGroup(options: Signal & { tn: string }): Promise<DidGroupMembership> {
      const tn = tenDigits(options.tn)
      const { did, answer } = await this.oneDid('GetDIDGroup', tn, { tn }, { signal: options.signal, kind: 'read' })
      const id = did.didGroupId === undefined ? undefined : Number(did.didGroupId)
      const group = answer.DIDGroups.find((candidate) => candidate.ID === id) ?? answer.DIDGroups[0]
      return { tn, group: group ? toGroup(group) : undefined }
    }

    /** The numbers (ten digits) in a group, streamed from VI however many there are. */
    async auditDidGroup(options: Signal & { groupId: number }): Promise<string[]> {
      const tns: string[] = []
      await this.streamDids('AuditDIDGroup', { groupId: options.groupId }, options.signal, (did) => tns.push(tenDigits(did.tn)))
      return tns
    }

    /** Moves a number into a group (out of the one it was in). */
    setDidGroup(options: Signal & { tn: string; groupId: number }): Promise<DidGroupMembership & Settled> {
      const tn = tenDigits(options.tn)
      return this.settle(
        async () => {
          const { answer } = await this.oneDid('SetDIDGroup', tn, { tn, groupId: options.groupId }, { signal: options.signal, kind: 'mutation' })
          const group = answer.DIDGroups.find((candidate) => candidate.ID === options.groupId)
          return { tn, group: group ? toGroup(group) : { id: options.groupId, name: '' } }
        },
        async () => {
          const now = await this.getDidGroup({ tn, signal: options.signal })
          return now.group?.id === options.groupId ? now : undefined
        },
      )
    }

    /** Takes a number out of its group. */
    removeDidGroup(options: Signal & { tn: string }): Promise<DidGroupMembership & Settled> {
      const tn = tenDigits(options.tn)
      return this.settle(
        async () => {
          await this.oneDid('RemoveDIDGroup', tn, { tn }, { signal: options.signal, kind: 'mutation' })
          return { tn, group: undefined }
        },
        async () => {
          const now = await this.getDidGroup({ tn, signal: options.signal })
          return now.group === undefined ? now : undefined
        },
      )
    }
  }
}
