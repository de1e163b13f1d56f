/** What Vitcom's `updatenumber` takes, checked before anything is sent (by the change itself and by a dry run). */
import type { NumberChange } from '../../../shared/domain'
import { vitcomOriginationTrunkId } from './mapping'

/** Why Vitcom would refuse this change, or undefined. */
export function vitcomChangeProblem(change: NumberChange): string | undefined {
  switch (change.kind) {
    case 'routing':
      if (change.routing.kind !== 'trunk') return 'Vitcom routes numbers to trunk groups only (call forwarding is a trunk group setting)'
      if (vitcomOriginationTrunkId(change.routing.trunk) === undefined) return `"${change.routing.trunk}" is not a Vitcom origination trunk group`
      return undefined
    case 'cnam':
      if (change.cnam === null || change.cnam.trim() === '') return 'Vitcom cannot clear a CNAM, only set one'
      if (change.cnam.length > 15) return 'A CNAM has at most 15 characters'
      return undefined
    case 'status':
      return undefined
    default:
      return `Vitcom cannot change ${change.kind}`
  }
}
