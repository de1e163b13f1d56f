/** What Call48's feature calls take, checked before anything is sent (by a dry run; the change refuses the same). */
import type { NumberChange } from '../../../shared/domain'
import { splitStreet } from './numbers'

/** Why Call48 would refuse this change, or undefined. */
export function call48ChangeProblem(change: NumberChange): string | undefined {
  if (change.kind === 'routing' && change.routing.kind === 'trunk') {
    const id = Number(change.routing.trunk)
    if (!Number.isInteger(id) || id <= 0) return `Call48 routes to an OD trunk group id (ext_tgid), not "${change.routing.trunk}"`
  }
  if (change.kind === 'e911' && !splitStreet(change.address.street)) return `The street "${change.address.street}" must start with a house number`
  if (change.kind === 'listing411' && change.listing.listed && (!change.listing.name || !change.listing.address)) return 'A 411 listing needs a name and an address'
  if (change.kind === 'status') return 'Call48 has no API to suspend or reactivate a number'
  return undefined
}
