/**
 * What VoIP Innovations' change operations take, for a dry run that asks before anything is sent. It must
 * say what the adapter's `change` refuses (test/carriers/change-rules.test.ts holds the two together): when
 * `change` learns a new kind, this learns it too.
 */
import type { NumberChange } from '../../../shared/domain'

/** VI forwards and fails over to US numbers only (+1 and ten digits). */
const nanpProblem = (e164: string): string | undefined =>
  /^\+1[2-9]\d{9}$/.test(e164) ? undefined : `VoIP Innovations forwards and fails over to US numbers only (+1 and ten digits), not ${e164}`

/** Why VoIP Innovations would refuse this change, or undefined. */
export function voipInnovationsChangeProblem(change: NumberChange): string | undefined {
  switch (change.kind) {
    case 'routing': {
      if (change.routing.kind === 'forward') return nanpProblem(change.routing.destination)
      const epg = Number(change.routing.trunk)
      return Number.isInteger(epg) && epg > 0 ? undefined : `"${change.routing.trunk}" is not a VoIP Innovations endpoint group id`
    }
    case 'failover':
      return change.destination === null ? undefined : nanpProblem(change.destination)
    case 'group': {
      if (change.groupId === null) return undefined
      const id = Number(change.groupId)
      return Number.isInteger(id) && id > 0 ? undefined : `"${change.groupId}" is not a VoIP Innovations DID group id`
    }
    case 'fax':
      return !change.fax.enabled || change.fax.email?.trim() ? undefined : 'VoIP Innovations delivers faxes by e-mail only: give the address faxes go to'
    case 'cnam':
    case 'e911':
    case 'e911Remove':
    case 'stopForwarding':
      return undefined
    default:
      return `VoIP Innovations does not support ${change.kind} changes`
  }
}
