/**
 * The edit that undoes an applied item, made from the value the field had right before it was sent (as
 * the cache held it), or why there is none: a release cannot be undone (the number went back to the
 * carrier), an E911 address is cached only as a line of text without its caller name, and 411 and fax
 * settings are not cached at all, so their earlier values are not known.
 */
import type { ChangeSetItem } from '../../../shared/ipc-shared'
import { fieldLabel, type NumberEdit } from '../../../shared/number-edits'

export type Inverse = { edit: NumberEdit } | { reason: string }

const forwardPrefix = /^forward\s+(\+[1-9]\d{6,14})$/

export function inverseOf(item: ChangeSetItem): Inverse {
  const before = item.appliedBefore ?? item.before
  const { edit } = item
  if (edit.kind === 'release') return { reason: 'A release cannot be undone: the number went back to the carrier (buy it again if it is still available)' }
  if (edit.kind === 'tags') {
    const had = new Set((before ?? '').split(' ').filter(Boolean))
    const add = edit.remove.filter((tag) => had.has(tag))
    const remove = edit.add.filter((tag) => !had.has(tag))
    return add.length + remove.length > 0 ? { edit: { kind: 'tags', add, remove } } : { reason: 'The tag edit changed nothing' }
  }
  const { change } = edit
  switch (change.kind) {
    case 'routing': {
      if (before === undefined || before.trim() === '') return { reason: 'The number had no routing cached before: there is nothing to go back to' }
      const forward = forwardPrefix.exec(before.trim())
      return { edit: { kind: 'change', change: { kind: 'routing', routing: forward ? { kind: 'forward', destination: forward[1] as string } : { kind: 'trunk', trunk: before.trim() } } } }
    }
    case 'cnam':
      return { edit: { kind: 'change', change: { kind: 'cnam', cnam: before && before.trim() !== '' ? before.slice(0, 15) : null } } }
    case 'status':
      return before === 'active' || before === 'suspended'
        ? { edit: { kind: 'change', change: { kind: 'status', status: before } } }
        : { reason: `The number was ${before ?? 'of unknown status'} before, a status CarrierDesk cannot set` }
    case 'e911':
      return { reason: 'The earlier E911 address is cached only as text, without its caller name: stage it again by hand' }
    default:
      return { reason: `The earlier ${fieldLabel(change.kind)} is not cached, so it is not known` }
  }
}
