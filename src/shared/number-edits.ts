/**
 * One edit of one field of one number, as the change flow sends it and a change set stages it: a change
 * the carrier makes (routing, CNAM, E911, 411, fax, status), a local tag edit, or a release. A change set
 * holds at most one edit per number and field, so the field is part of an edit's identity.
 *
 * Also how an edit and a field's cached value read for people (the confirmation, the change set diff, the
 * CLI), the same wherever they are shown.
 */
import type { NumberChange, PhoneNumberRecord } from './domain'

export type NumberEdit =
  | { kind: 'change'; change: NumberChange }
  | { kind: 'tags'; add: string[]; remove: string[] }
  | { kind: 'release' }

/** The field an edit touches: a change's kind, `tags` or `release`. */
export type EditField = NumberChange['kind'] | 'tags' | 'release'

export const editField = (edit: NumberEdit): EditField => (edit.kind === 'change' ? edit.change.kind : edit.kind)

const fieldLabels: Partial<Record<string, string>> = {
  routing: 'Routing',
  cnam: 'CNAM',
  e911: 'E911 address',
  listing411: '411 listing',
  fax: 'Fax',
  status: 'Status',
  failover: 'Failover',
  stopForwarding: 'Forwarding',
  group: 'Number group',
  e911Remove: 'E911 address',
  tags: 'Tags',
  release: 'Release',
}

/** A field's name for people ("E911 address"); a field this build has no label for shows its key. */
export const fieldLabel = (field: string): string => fieldLabels[field] ?? field

/** What a change sets, in a few words: "trunk 12", "forward to +13055550100", "(no CNAM)". */
export function describeChange(change: NumberChange): string {
  switch (change.kind) {
    case 'routing':
      return change.routing.kind === 'trunk' ? `trunk ${change.routing.trunk}` : `forward to ${change.routing.destination}`
    case 'cnam':
      return change.cnam === null ? '(no CNAM)' : change.cnam
    case 'e911': {
      const a = change.address
      return `${a.callerName}, ${a.street}${a.unit ? ` ${a.unit}` : ''}, ${a.city}, ${a.state} ${a.zip}`
    }
    case 'listing411':
      return change.listing.listed ? `listed${change.listing.name ? ` as ${change.listing.name}` : ''}` : 'not listed'
    case 'fax':
      return change.fax.enabled ? `fax on${change.fax.email ? ` → ${change.fax.email}` : ''}` : 'fax off'
    case 'status':
      return change.status
    case 'failover':
      return change.destination === null ? '(no failover)' : `failover to ${change.destination}`
    case 'stopForwarding':
      return 'not forwarded (calls go to the number’s trunk)'
    case 'group':
      return change.groupId === null ? '(no group)' : `group ${change.groupName ?? change.groupId}`
    case 'e911Remove':
      return '(no E911 address)'
    default: {
      // A kind this build's renderer was not told about reads as its own fields.
      const { kind: _kind, ...rest } = change as { kind: string }
      return JSON.stringify(rest)
    }
  }
}

/** What an edit sets, in a few words. */
export function describeEdit(edit: NumberEdit): string {
  if (edit.kind === 'change') return describeChange(edit.change)
  if (edit.kind === 'release') return 'released (returned to the carrier)'
  return [...edit.add.map((tag) => `+${tag}`), ...edit.remove.map((tag) => `-${tag}`)].join(' ')
}

/**
 * The cached value of a field, as text (tags space-separated), or undefined when the number has none or
 * the cache does not keep that field (411 and fax settings live in the carrier's raw record only).
 */
export function cachedValue(number: PhoneNumberRecord | undefined, field: EditField): string | undefined {
  if (!number) return undefined
  switch (field) {
    case 'routing':
      return number.trunk
    case 'cnam':
      return number.cnam
    case 'e911':
    case 'e911Remove':
      return number.e911
    case 'failover':
      return number.failover
    case 'stopForwarding':
      return number.trunk
    case 'group':
      return number.group
    case 'status':
    case 'release':
      return number.status
    case 'tags':
      return (number.tags ?? []).join(' ')
    default:
      return undefined
  }
}

/** Whether the cache keeps a field at all (so "no value" means none, not unknown). */
export const isCachedField = (field: EditField): boolean =>
  ['routing', 'cnam', 'e911', 'e911Remove', 'failover', 'stopForwarding', 'group', 'status', 'release', 'tags'].includes(field)

/** The core keeps tags lower-case with dashes for spaces; edits and previews use the same form. */
export const normaliseTag = (tag: string): string => tag.trim().toLowerCase().replace(/\s+/g, '-')

/** A number's tags after a tag edit. */
export function editedTags(tags: readonly string[], edit: { add: readonly string[]; remove: readonly string[] }): string[] {
  const remove = new Set(edit.remove.map(normaliseTag))
  return [...new Set([...tags, ...edit.add.map(normaliseTag)])].filter((tag) => !remove.has(tag))
}

/**
 * What the cache will show for a field once an edit is done, where it can be told in advance (a routing
 * to a trunk caches the trunk's id, a forward "forward <number>"); undefined where the carrier's answer
 * decides (an E911 address is cached as the carrier summarises it).
 */
export function cachedAfter(number: PhoneNumberRecord | undefined, edit: NumberEdit): string | undefined {
  if (edit.kind === 'release') return 'released'
  if (edit.kind === 'tags') return editedTags(number?.tags ?? [], edit).join(' ')
  const { change } = edit
  switch (change.kind) {
    case 'routing':
      return change.routing.kind === 'trunk' ? change.routing.trunk : `forward ${change.routing.destination}`
    case 'cnam':
      return change.cnam ?? ''
    case 'status':
      return change.status
    default:
      return undefined
  }
}
