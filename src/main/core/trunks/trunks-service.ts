/**
 * Trunk groups as a technician manages them: the cached list with how many numbers route to each, one
 * trunk's detail, and creating, editing and disabling trunks. Every change is checked against the
 * carrier's trunk form before anything is sent (the problem names the field), sent once through the
 * carrier's client (which settles an ambiguous answer by re-reading the carrier's list, never by sending
 * again), cached from the carrier's read-back, and logged in the activity log with its true outcome.
 */
import type { TrunkGroup } from '../../../shared/domain'
import type { TrunkChangeOutcome, TrunkDetail, TrunkListRow } from '../../../shared/ipc-shared'
import {
  checkNewTrunk,
  checkTrunkChanges,
  problemsMessage,
  type TrunkDirection,
  type TrunkDirectionForm,
  type TrunkProblems,
  type TrunkValues,
} from '../../../shared/trunks'
import type { CarrierAdapter, TrunkActions, TrunkChangeResult } from '../../carriers/adapter'
import type { CarrierRegistry } from '../../carriers/registry'
import { AppError } from '../../lib/app-error'
import { isAmbiguous } from '../../lib/carrier-error'
import { isCancelled } from '../../lib/outcome'
import type { AccountRow } from '../../store/repositories/accounts'
import type { Store } from '../../store/store'
import type { AccountsService } from '../accounts-service'
import type { ActivityLog } from '../activity-log'

export interface TrunksDeps {
  store: Store
  accounts: AccountsService
  registry: CarrierRegistry
  activity: ActivityLog
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** A refusal before sending: the wrong fields by name, as the form's checks word them. */
function invalidFields(problems: TrunkProblems): AppError {
  return new AppError('validation', problemsMessage(problems), { fields: problems })
}

/** The form a trunk of this direction takes ('both' edits as origination). */
const formDirection = (direction: TrunkGroup['direction']): TrunkDirection => (direction === 'termination' ? 'termination' : 'origination')

export class TrunksService {
  constructor(private readonly deps: TrunksDeps) {}

  /** A trunk with the count of the account's cached numbers that route to it. */
  private withNumbers(trunk: TrunkGroup): TrunkListRow {
    return { ...trunk, numbers: this.deps.store.trunks.numbersByTrunk(trunk.accountId).get(trunk.id) ?? 0 }
  }

  list(accountId?: string | undefined): TrunkListRow[] {
    return this.deps.store.trunks.list(accountId).map((trunk) => this.withNumbers(trunk))
  }

  /** A cached trunk by its account (id or name) and id; not-found names both. */
  find(account: string, trunkId: string): { account: AccountRow; trunk: TrunkGroup } {
    const row = this.deps.accounts.find(account)
    const trunk = this.deps.store.trunks.get(row.id, trunkId)
    if (!trunk) throw new AppError('not-found', `No trunk group ${trunkId} is cached for ${row.name} (sync its trunks first)`)
    return { account: row, trunk }
  }

  detail(input: { accountId: string; trunkId: string }): TrunkDetail {
    const { account, trunk } = this.find(input.accountId, input.trunkId)
    const activity = this.deps.activity.list({ limit: 50, target: trunk.id }).filter((entry) => entry.accountId === account.id).slice(0, 20)
    return { trunk: this.withNumbers(trunk), activity }
  }

  /** The adapter's form for a direction, where the account's carrier manages trunks at all. */
  formFor(account: AccountRow, direction: TrunkDirection): { adapter: CarrierAdapter; form: TrunkDirectionForm } {
    const adapter = this.deps.registry.get(account.carrier)
    const form = adapter.capabilities.includes('trunks.manage') ? adapter.trunkForms?.[direction] : undefined
    if (!form) throw new AppError('validation', `${adapter.name} does not let CarrierDesk manage ${direction} trunks`, { fields: { direction: `${adapter.name} has no ${direction} trunks to manage` } })
    return { adapter, form }
  }

  private async actionsFor(account: AccountRow, adapter: CarrierAdapter): Promise<TrunkActions> {
    const client = await this.deps.accounts.connect(account)
    if (!client.trunks) throw new AppError('validation', `${adapter.name} does not offer trunk changes`)
    return client.trunks
  }

  /** Sends one change, caches the trunk the carrier read back, and logs the true outcome. */
  private async run(
    account: AccountRow,
    action: 'trunk.create' | 'trunk.update' | 'trunk.disable',
    target: string,
    details: Record<string, unknown>,
    send: () => Promise<TrunkChangeResult>,
  ): Promise<TrunkChangeOutcome> {
    let result: TrunkChangeResult
    try {
      result = await send()
    } catch (error) {
      // Cancelled before anything was sent: nothing happened, nothing to log.
      if (!isCancelled(error)) {
        const result = isAmbiguous(error) ? 'unknown' : 'failed'
        this.deps.activity.record({ accountId: account.id, carrier: account.carrier, action, target, result, message: messageOf(error), details })
      }
      throw error
    }
    if (result.trunk) this.deps.store.trunks.upsert(result.trunk)
    this.deps.activity.record({
      accountId: account.id,
      carrier: account.carrier,
      action,
      target: result.trunk?.id ?? target,
      result: result.outcome,
      message: result.message,
      details: { ...details, ...(result.checkedAfterFailure ? { checkedAfterFailure: true } : {}) },
    })
    return {
      outcome: result.outcome,
      message: result.message,
      trunk: result.trunk ? this.withNumbers(result.trunk) : undefined,
      checkedAfterFailure: result.checkedAfterFailure,
    }
  }

  /** Checks a new trunk's settings against the carrier's form; answers them as they will be sent. */
  checkNew(account: AccountRow, direction: TrunkDirection, values: TrunkValues): TrunkValues {
    const { form } = this.formFor(account, direction)
    const checked = checkNewTrunk(form, values)
    if (Object.keys(checked.problems).length > 0) throw invalidFields(checked.problems)
    return checked.values
  }

  async create(input: { accountId: string; direction: TrunkDirection; values: TrunkValues }, signal: AbortSignal): Promise<TrunkChangeOutcome> {
    const account = this.deps.accounts.find(input.accountId)
    const { adapter } = this.formFor(account, input.direction)
    const values = this.checkNew(account, input.direction, input.values)
    const actions = await this.actionsFor(account, adapter)
    return this.run(account, 'trunk.create', values.name ?? '', { direction: input.direction, after: values }, () =>
      actions.create({ direction: input.direction, values, signal }),
    )
  }

  /** Checks an edit against the form and the cached settings; answers the changes and the settings before them. */
  checkChanges(account: AccountRow, trunk: TrunkGroup, changes: TrunkValues): { changes: TrunkValues; before: TrunkValues } {
    const { adapter, form } = this.formFor(account, formDirection(trunk.direction))
    if (!form.canUpdate) throw new AppError('validation', `${adapter.name} cannot edit ${trunk.direction} trunks`)
    if (!trunk.settings) throw new AppError('validation', `${trunk.name}: its settings are not cached yet; sync the trunks first`)
    const checked = checkTrunkChanges(form, trunk.settings, changes)
    if (Object.keys(checked.problems).length > 0) throw invalidFields(checked.problems)
    if (Object.keys(checked.changes).length === 0) throw new AppError('validation', 'Nothing to change: the values given are the trunk’s own')
    const before = Object.fromEntries(Object.keys(checked.changes).map((key) => [key, trunk.settings?.[key as keyof TrunkValues] ?? ''])) as TrunkValues
    return { changes: checked.changes, before }
  }

  async update(input: { accountId: string; trunkId: string; changes: TrunkValues }, signal: AbortSignal): Promise<TrunkChangeOutcome> {
    const { account, trunk } = this.find(input.accountId, input.trunkId)
    const { changes, before } = this.checkChanges(account, trunk, input.changes)
    const actions = await this.actionsFor(account, this.deps.registry.get(account.carrier))
    const update = actions.update
    if (!update) throw new AppError('validation', 'This carrier cannot edit trunks')
    return this.run(account, 'trunk.update', trunk.id, { before, after: changes }, () => update({ trunk, changes, signal }))
  }

  /** What a disable would do: refused when the carrier cannot, or the trunk is already disabled. */
  checkDisable(account: AccountRow, trunk: TrunkGroup): { numbers: number } {
    const { adapter, form } = this.formFor(account, formDirection(trunk.direction))
    if (!form.canDisable) throw new AppError('validation', `${adapter.name} cannot disable ${trunk.direction} trunks`)
    if (trunk.status === 'disabled') throw new AppError('conflict', `${trunk.name} is already disabled`)
    return { numbers: this.withNumbers(trunk).numbers }
  }

  async disable(input: { accountId: string; trunkId: string }, signal: AbortSignal): Promise<TrunkChangeOutcome> {
    const { account, trunk } = this.find(input.accountId, input.trunkId)
    const { numbers } = this.checkDisable(account, trunk)
    const actions = await this.actionsFor(account, this.deps.registry.get(account.carrier))
    const disable = actions.disable
    if (!disable) throw new AppError('validation', 'This carrier cannot disable trunks')
    return this.run(account, 'trunk.disable', trunk.id, { name: trunk.name, ips: trunk.ips, numbers }, () => disable({ trunk, signal }))
  }
}
