/**
 * What the number detail reads and changes one number at a time at VoIP Innovations, in domain terms:
 * its settings beyond the cached fields (GetDIDForward, GetDIDFailover, GetFaxToEmail, GetDIDGroup,
 * GetConferenceLine without its PIN), its DID groups (GetDIDGroups, AuditDIDGroup), its conference line
 * (the PIN only for an explicit reveal) and its 911 locations, provisioning history and alerts.
 */
import type { E911Alerts, NumberFeatures, NumberGroup } from '../../../shared/domain'
import type { ConferenceActions, E911Actions } from '../adapter'
import { AppError } from '../../lib/app-error'
import { toE164 } from '../kit/phone'
import { tenDigits, type DidGroup, type VoipInnovationsClient } from './client'
import { toAddress911 } from './addresses'
import { groupLabel, toE911Location } from './mapping'
import { isInternational } from './international'

const toGroup = (group: DidGroup): NumberGroup => ({ id: String(group.id), name: groupLabel(group.id, group.name) })

/** These settings exist for US numbers (ten digits); VI's international numbers have none of them. */
function usNumber(e164: string): string {
  if (isInternational(e164)) throw new AppError('validation', 'VoIP Innovations keeps these settings for its US numbers only')
  return tenDigits(e164)
}

/** DID groups by id → name, read once per client (groups are made in VI's portal and rarely change). */
export class DidGroupNames {
  private names: Promise<DidGroup[]> | undefined

  constructor(private readonly api: VoipInnovationsClient) {}

  list(signal: AbortSignal): Promise<DidGroup[]> {
    const pending = this.names ?? this.api.getDidGroups({ signal })
    this.names = pending
    pending.catch(() => {
      if (this.names === pending) this.names = undefined
    })
    return pending
  }

  /** Forgets the list, so the next read asks VI (the groups screen's refresh). */
  forget(): void {
    this.names = undefined
  }

  async byId(signal: AbortSignal): Promise<Map<number, string>> {
    return new Map((await this.list(signal)).map((group) => [group.id, groupLabel(group.id, group.name)]))
  }
}

export async function groups(names: DidGroupNames, signal: AbortSignal): Promise<NumberGroup[]> {
  names.forget()
  return (await names.list(signal)).map(toGroup)
}

export async function groupMembers(api: VoipInnovationsClient, groupId: string, signal: AbortSignal): Promise<string[]> {
  const id = Number(groupId)
  if (!Number.isInteger(id) || id <= 0) throw new AppError('validation', `"${groupId}" is not a VoIP Innovations DID group id`)
  const tns = await api.auditDidGroup({ groupId: id, signal })
  return tns.map((tn) => toE164(tn)).filter((e164): e164 is string => e164 !== undefined)
}

/** The number's settings as VI holds them now, read in parallel; the conference PIN is dropped here. */
export async function features(api: VoipInnovationsClient, e164: string, signal: AbortSignal): Promise<NumberFeatures> {
  const tn = usNumber(e164)
  const [forward, failover, fax, group, conference] = await Promise.all([
    api.getDidForward({ tn, signal }),
    api.getDidFailover({ tn, signal }),
    api.getFaxToEmail({ tn, signal }),
    api.getDidGroup({ tn, signal }),
    api.getConferenceLine({ tn, signal }),
  ])
  return {
    forward: forward.forward ? toE164(forward.forward) : undefined,
    failover: failover.failover ? toE164(failover.failover) : undefined,
    faxEmail: fax.email,
    group: group.group ? toGroup(group.group) : undefined,
    conferenceLine: { enabled: conference.enabled },
  }
}

export function conferenceActions(api: VoipInnovationsClient): ConferenceActions {
  return {
    async get({ e164, signal }) {
      const line = await api.getConferenceLine({ tn: usNumber(e164), signal })
      return { enabled: line.enabled, pin: line.pin }
    },
    async set({ e164, pin, signal }) {
      if (!/^\d{4,8}$/.test(pin)) throw new AppError('validation', 'A conference PIN is 4 to 8 digits')
      const { checkedAfterFailure } = await api.setConferenceLine({ tn: usNumber(e164), pin, signal })
      return { checkedAfterFailure }
    },
    async remove({ e164, signal }) {
      const { checkedAfterFailure } = await api.removeConferenceLine({ tn: usNumber(e164), signal })
      return { checkedAfterFailure }
    },
  }
}

const alertsOf = (answer: { enabled: boolean; recipients: string[]; message?: string | undefined }): E911Alerts => ({
  enabled: answer.enabled,
  recipients: answer.recipients,
  message: answer.enabled ? undefined : (answer.message ?? '911 is not enabled on this number'),
})

export function e911Actions(api: VoipInnovationsClient): E911Actions {
  return {
    async locations({ e164, signal }) {
      return (await api.getLocations({ did: usNumber(e164), signal })).map(toE911Location)
    },
    async addLocation({ e164, address, signal }) {
      const added = await api.addLocation({ did: usNumber(e164), address: toAddress911(address), signal })
      return { ...toE911Location(added), checkedAfterFailure: added.checkedAfterFailure }
    },
    async provisionLocation({ e164, locationId, signal }) {
      return { checkedAfterFailure: (await api.provisionLocation({ did: usNumber(e164), locationId, signal })).checkedAfterFailure }
    },
    async removeLocation({ e164, locationId, signal }) {
      return { checkedAfterFailure: (await api.removeLocation({ did: usNumber(e164), locationId, signal })).checkedAfterFailure }
    },
    async history({ e164, signal }) {
      return (await api.getProvisioningHistory({ did: usNumber(e164), signal })).map(toE911Location)
    },
    async alerts({ e164, signal }) {
      return alertsOf(await api.query911Alert({ tn: usNumber(e164), signal }))
    },
    async addAlert({ e164, email, signal }) {
      const changed = await api.add911Alert({ tn: usNumber(e164), email, signal })
      return { enabled: true, recipients: changed.recipients, checkedAfterFailure: changed.checkedAfterFailure }
    },
    async removeAlert({ e164, email, signal }) {
      const changed = await api.remove911Alert({ tn: usNumber(e164), email, signal })
      return { enabled: true, recipients: changed.recipients, checkedAfterFailure: changed.checkedAfterFailure }
    },
  }
}
