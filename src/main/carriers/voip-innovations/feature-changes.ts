/**
 * The per-number changes of VoIP Innovations' WSDL in domain terms, one call per number (settled by the
 * client after a lost answer):
 * - forwarding: `routing` to a number is SetDIDForward; `stopForwarding` is RemoveDIDForward (calls go to
 *   the endpoint group the number kept); routing to an endpoint group also ends forwarding (see adapter);
 * - failover: UpdateDIDFailover (an empty failover clears it: the WSDL has no RemoveDIDFailover);
 * - DID groups: SetDIDGroup, or RemoveDIDGroup for "no group";
 * - fax to e-mail: SetFaxToEmail, or RemoveFaxToEmail when fax is turned off (VI's fax is e-mail only);
 * - E911: update911 when the number already has 911 (query911 first), insert911 when it has none; remove911.
 */
import type { E911Address, OrderLine } from '../../../shared/domain'
import { AppError } from '../../lib/app-error'
import type { VoipInnovationsClient } from './client'
import { toAddress911 } from './addresses'
import { eachNumber, eachNumberSettled } from './per-number'

/** Ten NANP digits of a destination (VI forwards and fails over to US numbers only), or a refusal. */
export function nanpDestination(e164: string): string {
  if (!/^\+1[2-9]\d{9}$/.test(e164)) {
    throw new AppError('validation', `VoIP Innovations forwards and fails over to US numbers only (+1 and ten digits), not ${e164}`)
  }
  return e164.slice(2)
}

export function forwardTo(api: VoipInnovationsClient, e164s: string[], destination: string, signal: AbortSignal): Promise<OrderLine[]> {
  const forward = nanpDestination(destination)
  return eachNumberSettled(e164s, signal, (tn) => api.setDidForward({ tn, forward, signal }))
}

export function stopForwarding(api: VoipInnovationsClient, e164s: string[], signal: AbortSignal): Promise<OrderLine[]> {
  return eachNumberSettled(e164s, signal, (tn) => api.removeDidForward({ tn, signal }))
}

export function setFailover(api: VoipInnovationsClient, e164s: string[], destination: string | null, signal: AbortSignal): Promise<OrderLine[]> {
  const failover = destination === null ? undefined : nanpDestination(destination)
  return eachNumberSettled(e164s, signal, (tn) => api.updateDidFailover({ tn, failover, signal }))
}

/** A DID group id as VI numbers them (GetDIDGroups' ID). */
export function groupIdOf(text: string): number {
  const id = Number(text)
  if (!Number.isInteger(id) || id <= 0) throw new AppError('validation', `"${text}" is not a VoIP Innovations DID group id`)
  return id
}

export function moveToGroup(api: VoipInnovationsClient, e164s: string[], groupId: string | null, signal: AbortSignal): Promise<OrderLine[]> {
  if (groupId === null) return eachNumberSettled(e164s, signal, (tn) => api.removeDidGroup({ tn, signal }))
  const id = groupIdOf(groupId)
  return eachNumberSettled(e164s, signal, (tn) => api.setDidGroup({ tn, groupId: id, signal }))
}

export function setFaxToEmail(
  api: VoipInnovationsClient,
  e164s: string[],
  fax: { enabled: boolean; email?: string | undefined },
  signal: AbortSignal,
): Promise<OrderLine[]> {
  if (!fax.enabled) return eachNumberSettled(e164s, signal, (tn) => api.removeFaxToEmail({ tn, signal }))
  const email = fax.email?.trim()
  if (!email) throw new AppError('validation', 'VoIP Innovations delivers faxes by e-mail only: give the address faxes go to')
  return eachNumberSettled(e164s, signal, (tn) => api.setFaxToEmail({ tn, email, signal }))
}

/**
 * An E911 address: a number with 911 gets update911 (insert911 would add a second record), one without
 * gets insert911. insert911 does not settle itself: its lost answer is settled here with query911.
 */
export function setE911(api: VoipInnovationsClient, e164s: string[], address: E911Address, signal: AbortSignal): Promise<OrderLine[]> {
  const address911 = toAddress911(address)
  return eachNumber(
    e164s,
    signal,
    async (tn) => {
      const { records } = await api.query911({ did: tn, signal })
      if (records.length > 0) return api.update911({ did: tn, address: address911, signal })
      return api.insert911({ did: tn, address: address911, signal })
    },
    async (tn, settle) => {
      const { records } = await api.query911({ did: tn, signal: settle })
      return records.some((record) => (record.address1 ?? '').trim().toUpperCase() === address911.address1.trim().toUpperCase())
    },
  )
}

export function removeE911(api: VoipInnovationsClient, e164s: string[], signal: AbortSignal): Promise<OrderLine[]> {
  return eachNumberSettled(e164s, signal, (tn) => api.remove911({ did: tn, signal }))
}
