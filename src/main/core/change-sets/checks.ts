/**
 * The dry run of a change set, item by item, without a word to any carrier: can the number's carrier make
 * this change at all (its capabilities), would it take this value (its field rules), and what does the
 * cache say of the number now (still listed, not released, the trunk one of the account's, the field as it
 * was when staged, not already so). An error is not sent when the set is applied; a warning is, once the
 * technician has seen it.
 */
import { changeCapability, type Capability, type PhoneNumberRecord, type TrunkGroup } from '../../../shared/domain'
import type { ChangeSetItem, ItemCheck } from '../../../shared/ipc-shared'
import { cachedAfter, cachedValue, describeEdit, fieldLabel, isCachedField } from '../../../shared/number-edits'
import type { CarrierAdapter } from '../../carriers/adapter'

export interface CheckContext {
  adapter: CarrierAdapter | undefined
  /** The number as cached now (undefined: not cached). */
  number: PhoneNumberRecord | undefined
  /** The account's trunks as last synced (empty when its carrier lists none, or never synced). */
  trunks: readonly TrunkGroup[]
}

const same = (a: string | undefined, b: string | undefined): boolean => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase()

/** A trunk named in a routing change, among the account's (Vitcom's `orig-100` is also typed `100`). */
const trunkNamed = (trunks: readonly TrunkGroup[], name: string): TrunkGroup | undefined =>
  trunks.find((trunk) => trunk.id === name || trunk.id.endsWith(`-${name}`) || trunk.name === name)

function capabilityOf(item: ChangeSetItem): Capability | undefined {
  if (item.edit.kind === 'change') return changeCapability[item.edit.change.kind]
  if (item.edit.kind === 'release') return 'numbers.release'
  return undefined
}

export function checkItem(item: ChangeSetItem, context: CheckContext): ItemCheck {
  const problems: ItemCheck['problems'] = []
  const error = (message: string): void => void problems.push({ level: 'error', message })
  const warning = (message: string): void => void problems.push({ level: 'warning', message })
  const { adapter, number } = context
  const current = cachedValue(number, item.field)
  const label = fieldLabel(item.field)

  if (item.outcome === 'succeeded') {
    return { accountId: item.accountId, e164: item.e164, field: item.field, level: 'ok', problems: [], current }
  }
  if (item.outcome === 'unknown' || item.outcome === 'sending') {
    error('Its last apply ended with an unknown outcome: check the number at the carrier (sync), then stage it again')
  }

  const capability = capabilityOf(item)
  if (!adapter) error(`This build does not know the carrier ${item.carrier}`)
  else if (capability && !adapter.capabilities.includes(capability)) {
    error(`${adapter.name} does not offer ${item.field === 'release' ? 'releases' : `${label} changes`} (${capability})`)
  } else if (item.edit.kind === 'change') {
    const refused = adapter.changeProblem?.(item.edit.change)
    if (refused) error(refused)
  }

  if (!number) error('Not in the cache for this account: sync, or take it out of the set')
  else {
    if (number.goneAt !== undefined) error(`${adapter?.name ?? item.carrier} no longer lists this number (last sync)`)
    else if (number.status === 'released') error('Released: the number is no longer the account’s')
    else if (number.status === 'porting' && item.edit.kind !== 'tags') warning('Being ported: the carrier may refuse changes until the port completes')
    if (isCachedField(item.field) && item.field !== 'tags' && !same(item.before, current)) {
      warning(`Changed at the carrier since staging: ${item.before ?? '(none)'} then, ${current ?? '(none)'} now`)
    }
    const after = cachedAfter(number, item.edit)
    if (after !== undefined && item.field !== 'release' && same(after, current)) warning(`Already so: ${label} is ${current || '(none)'}, nothing would change`)
  }

  if (item.edit.kind === 'change' && item.edit.change.kind === 'routing' && item.edit.change.routing.kind === 'trunk' && context.trunks.length > 0) {
    const trunk = trunkNamed(context.trunks, item.edit.change.routing.trunk)
    if (!trunk) warning(`Trunk ${item.edit.change.routing.trunk} is not one of this account’s trunks as last synced`)
    else if (trunk.status === 'disabled') warning(`Trunk ${trunk.name} is disabled at the carrier`)
  }

  const level = problems.some((p) => p.level === 'error') ? 'error' : problems.length > 0 ? 'warning' : 'ok'
  return {
    accountId: item.accountId,
    e164: item.e164,
    field: item.field,
    level,
    problems,
    current,
    wouldSend: level === 'error' ? undefined : `${adapter?.name ?? item.carrier}: ${label} → ${describeEdit(item.edit)}${item.edit.kind === 'tags' ? ' (local, not sent)' : ''}`,
  }
}
