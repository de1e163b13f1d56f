/**
 * Change sets: edits to numbers staged instead of sent, kept in SQLite across restarts, across numbers,
 * accounts and carriers. A set is checked by a dry run (checks.ts), applied through the numbers' own batch
 * machinery (core/numbers/changes.ts: batches, progress, cancel between batches, per-number results, the
 * activity log), with each item's outcome and the value it replaced written down as its batch settles, so
 * that a set can be applied again (what failed, or was not reached) and reverted as a new set (revert.ts).
 * One process applies a set at a time; a set left by a process that died has its items caught at the
 * carrier marked of unknown outcome.
 */
import { randomUUID } from 'node:crypto'
import { unknownOutcomeCode, type NumberKey } from '../../../shared/domain'
import {
  NumberEditSchema,
  type BatchLine,
  type ChangeSetApplyResult,
  type ChangeSetCheck,
  type ChangeSetDetail,
  type ChangeSetItem,
  type ChangeSetLine,
  type ChangeSetSummary,
  type ItemCheck,
  type ItemOutcome,
  type RevertResult,
} from '../../../shared/ipc-shared'
import { cachedValue, describeEdit, editField, type NumberEdit } from '../../../shared/number-edits'
import type { CarrierRegistry } from '../../carriers/registry'
import { AppError } from '../../lib/app-error'
import { isNotSent, notSent } from '../../lib/outcome'
import { currentOwner, isOwnerAlive } from '../../lib/process-owner'
import type { ChangeItemRow, ItemKey, ItemOutcomeUpdate, StagedItem } from '../../store/repositories/change-sets'
import type { Store } from '../../store/store'
import type { AccountsService } from '../accounts-service'
import type { ActivityLog } from '../activity-log'
import { writeCsvExport } from '../csv-export'
import type { EventHub } from '../events'
import type { Jobs } from '../jobs'
import { linesOfError } from '../numbers/carrier-actions'
import type { NumberChangesService } from '../numbers/changes'
import { checkItem } from './checks'
import { csvColumns, csvRecord, parseSetCsv, setToCsv } from './csv'
import { inverseOf } from './revert'

export interface ChangeSetsDeps {
  store: Store
  accounts: AccountsService
  registry: CarrierRegistry
  numbers: NumberChangesService
  activity: ActivityLog
  events: EventHub
  jobs: Jobs
  dataDir: string
  /** Who creates sets through this instance (the activity log's actor). */
  actor: string
  now: () => number
}

const keyOf = (item: { accountId: string; e164: string }): string => `${item.accountId} ${item.e164}`

/** The order edits go out in: local tags first, then the carriers' changes, releases last. */
const sendOrder = (edit: NumberEdit): number => (edit.kind === 'tags' ? 0 : edit.kind === 'change' ? 1 : 2)

const outcomeOfLine = (line: BatchLine): ItemOutcome | null =>
  isNotSent(line) ? null : line.ok ? 'succeeded' : line.code === unknownOutcomeCode ? 'unknown' : 'failed'

export class ChangeSetsService {
  constructor(private readonly deps: ChangeSetsDeps) {}

  private get repo(): Store['changeSets'] {
    return this.deps.store.changeSets
  }

  /** Items of a set whose edit no longer parses were written by another build: they are left out, never sent. */
  private items(setId: string): ChangeSetItem[] {
    return this.repo.items(setId).flatMap((row: ChangeItemRow): ChangeSetItem[] => {
      let edit: NumberEdit
      try {
        const parsed = NumberEditSchema.safeParse(JSON.parse(row.edit))
        if (!parsed.success) return []
        edit = parsed.data as NumberEdit
      } catch {
        return []
      }
      return [{ ...row, field: editField(edit), edit, after: describeEdit(edit) }]
    })
  }

  private requireId(idOrName: string): string {
    const id = this.repo.idOf(idOrName)
    if (!id) throw new AppError('not-found', `No change set named or with id "${idOrName.slice(0, 80)}"`)
    return id
  }

  private summary(id: string): ChangeSetSummary {
    const summary = this.repo.summary(id)
    if (!summary) throw new AppError('not-found', 'This change set no longer exists')
    return summary
  }

  private changed(...setIds: string[]): void {
    this.deps.events.emit('changes.changed', { setIds })
  }

  /** Refuses to edit a set while it is being applied. */
  private ensureIdle(id: string): void {
    if (this.summary(id).state === 'applying') throw new AppError('conflict', 'This change set is being applied; wait for it to finish')
  }

  list(): ChangeSetSummary[] {
    return this.repo.list()
  }

  get(input: { id: string }): ChangeSetDetail {
    const id = this.requireId(input.id)
    return { ...this.summary(id), items: this.items(id) }
  }

  create(input: { name: string }, extra: { revertsId?: string; revertsName?: string } = {}): ChangeSetSummary {
    const set = this.repo.create({ id: randomUUID(), name: input.name.trim(), now: this.deps.now(), createdBy: this.deps.actor, ...extra })
    this.changed(set.id)
    return set
  }

  rename(input: { id: string; name: string }): ChangeSetSummary {
    const id = this.requireId(input.id)
    this.repo.rename(id, input.name.trim(), this.deps.now())
    this.changed(id)
    return this.summary(id)
  }

  delete(input: { id: string }): { deleted: boolean } {
    const id = this.requireId(input.id)
    this.ensureIdle(id)
    const deleted = this.repo.delete(id)
    this.changed(id)
    return { deleted }
  }

  /** The set `setId`, or the one named `name` (made when there is none). */
  private target(input: { setId?: string | undefined; name?: string | undefined }): string {
    if (input.setId !== undefined) return this.requireId(input.setId)
    const name = (input.name ?? '').trim()
    if (!name) throw new AppError('validation', 'name: a change set needs a name', { fields: { name: 'Required' } })
    return this.repo.idOf(name) ?? this.create({ name }).id
  }

  /** The items to stage, each with its field's cached value now; all or none: every number must be cached. */
  private prepare(wanted: { key: NumberKey; edit: NumberEdit; line?: number }[]): StagedItem[] {
    const missing: string[] = []
    const items: StagedItem[] = []
    for (const { key, edit, line } of wanted) {
      const number = this.deps.store.numbers.get(key)
      if (!number) {
        missing.push(line === undefined ? key.e164 : `row ${line} (${key.e164})`)
        continue
      }
      const field = editField(edit)
      items.push({ accountId: key.accountId, e164: key.e164, field, edit: JSON.stringify(edit), before: cachedValue(number, field) })
    }
    if (missing.length > 0) {
      const shown = missing.slice(0, 10).join(', ') + (missing.length > 10 ? ` and ${missing.length - 10} more` : '')
      throw new AppError('validation', `targets: ${missing.length} number(s) are not in the cache for their account (sync first): ${shown}`, {
        fields: { targets: 'Not cached' },
      })
    }
    return items
  }

  private stageInto(setId: string, items: StagedItem[]): number {
    this.ensureIdle(setId)
    this.repo.stage(setId, items, this.deps.now())
    this.changed(setId)
    return items.length
  }

  stage(input: { setId?: string | undefined; name?: string | undefined; targets: NumberKey[]; edit: NumberEdit }): { set: ChangeSetSummary; staged: number } {
    for (const target of input.targets) this.deps.accounts.find(target.accountId)
    const seen = new Set<string>()
    const targets = input.targets.filter((target) => !seen.has(keyOf(target)) && seen.add(keyOf(target)))
    const items = this.prepare(targets.map((key) => ({ key: { accountId: key.accountId, e164: key.e164 }, edit: input.edit })))
    const setId = this.target(input)
    const staged = this.stageInto(setId, items)
    return { set: this.summary(setId), staged }
  }

  unstage(input: { id: string; items: ItemKey[] }): ChangeSetSummary {
    const id = this.requireId(input.id)
    this.ensureIdle(id)
    this.repo.unstage(id, input.items, this.deps.now())
    this.changed(id)
    return this.summary(id)
  }

  private checkOne(item: ChangeSetItem, trunks: Map<string, ReturnType<Store['trunks']['list']>>): ItemCheck {
    let adapter
    try {
      adapter = this.deps.registry.get(item.carrier)
    } catch {
      adapter = undefined
    }
    if (!trunks.has(item.accountId)) trunks.set(item.accountId, this.deps.store.trunks.list(item.accountId))
    return checkItem(item, { adapter, number: this.deps.store.numbers.get(item), trunks: trunks.get(item.accountId) ?? [] })
  }

  /** The dry run: each item checked against its carrier and the cache; nothing is sent anywhere. */
  check(input: { id: string }): ChangeSetCheck {
    const id = this.requireId(input.id)
    const trunks = new Map()
    const items = this.items(id)
    const checks = items.map((item) => this.checkOne(item, trunks))
    const alreadyApplied = items.filter((item) => item.outcome === 'succeeded').length
    return {
      setId: id,
      checkedAt: this.deps.now(),
      items: checks,
      ok: checks.filter((c) => c.level === 'ok').length - alreadyApplied,
      warnings: checks.filter((c) => c.level === 'warning').length,
      errors: checks.filter((c) => c.level === 'error').length,
      alreadyApplied,
    }
  }

  /**
   * The dry run of edits staged nowhere (a direct change from the CLI, before it is confirmed): the same
   * checks as a set's, against the cache as it is now.
   */
  preview(wanted: { key: NumberKey; edit: NumberEdit }[]): (ItemCheck & { item: ChangeSetItem })[] {
    const trunks = new Map()
    return wanted.map(({ key, edit }) => {
      const account = this.deps.accounts.find(key.accountId)
      const field = editField(edit)
      const item: ChangeSetItem = {
        accountId: account.id,
        accountName: account.name,
        carrier: account.carrier,
        e164: key.e164,
        field,
        edit,
        before: cachedValue(this.deps.store.numbers.get({ accountId: account.id, e164: key.e164 }), field),
        after: describeEdit(edit),
        stagedAt: this.deps.now(),
      }
      return { ...this.checkOne(item, trunks), item }
    })
  }

  /**
   * Applies the set's items not applied yet, as job `jobId`: those the dry run refuses are skipped (not
   * sent), the rest go in groups of the same edit through the numbers' batch machinery, tags first and
   * releases last. A cancel stops between batches; what was not reached stays staged for the next apply.
   */
  async apply(input: { id: string; jobId: string }, signal: AbortSignal): Promise<ChangeSetApplyResult> {
    const id = this.requireId(input.id)
    const name = this.summary(id).name
    return this.deps.jobs.run(input.jobId, signal, async (jobSignal) => {
      if (!this.repo.claim(id, currentOwner(), isOwnerAlive)) {
        throw new AppError('conflict', 'This change set is being applied already (here or in another CarrierDesk)')
      }
      this.changed(id)
      const lines: ChangeSetLine[] = []
      try {
        await this.applyClaimed(id, input.jobId, jobSignal, lines)
      } finally {
        this.repo.release(id, this.deps.now())
        this.recordApply(id, name, lines)
        this.changed(id)
      }
      return this.resultOf(id, input.jobId, lines, jobSignal.aborted)
    })
  }

  private async applyClaimed(id: string, jobId: string, signal: AbortSignal, lines: ChangeSetLine[]): Promise<void> {
    const items = this.items(id).filter((item) => item.outcome !== 'succeeded')
    const progress = (): void =>
      this.deps.events.emit('jobs.progress', { jobId, kind: 'changeSet', done: lines.length, total: items.length, failed: lines.filter((l) => !l.ok && !isNotSent(l)).length })
    progress()

    const trunks = new Map()
    const skipped: ItemOutcomeUpdate[] = []
    const groups = new Map<string, { edit: NumberEdit; items: ChangeSetItem[] }>()
    for (const item of items) {
      const check = this.checkOne(item, trunks)
      if (check.level === 'error') {
        const message = `Not sent: ${check.problems.filter((p) => p.level === 'error').map((p) => p.message).join('; ')}`
        // An unknown outcome stays unknown until the technician has checked; the rest are refused.
        const outcome: ItemOutcome = item.outcome === 'unknown' || item.outcome === 'sending' ? 'unknown' : 'skipped'
        skipped.push({ accountId: item.accountId, e164: item.e164, field: item.field, outcome, code: outcome === 'unknown' ? unknownOutcomeCode : 'skipped', message })
        lines.push({ accountId: item.accountId, e164: item.e164, field: item.field, ok: false, code: 'skipped', message })
        continue
      }
      const key = JSON.stringify(item.edit)
      const group = groups.get(key) ?? { edit: item.edit, items: [] }
      group.items.push(item)
      groups.set(key, group)
    }
    this.repo.recordOutcomes(id, skipped)
    progress()

    for (const { edit, items: members } of [...groups.values()].sort((a, b) => sendOrder(a.edit) - sendOrder(b.edit))) {
      const field = editField(edit)
      const targets = members.map((item) => ({ accountId: item.accountId, e164: item.e164 }))
      const settled = new Set<string>()
      const onBatch = (batch: BatchLine[]): void => {
        const now = this.deps.now()
        this.repo.recordOutcomes(
          id,
          batch.map((line) => {
            const outcome = outcomeOfLine(line)
            return { accountId: line.accountId, e164: line.e164, field, outcome, code: line.code, message: line.message, appliedAt: outcome === null ? undefined : now }
          }),
        )
        for (const line of batch) settled.add(keyOf(line))
        lines.push(...batch.map((line) => ({ ...line, field })))
        progress()
      }
      if (signal.aborted) {
        onBatch(targets.map((target) => ({ ...notSent(target.e164), accountId: target.accountId })))
        continue
      }
      this.repo.markSending(
        id,
        members.map((item) => ({ accountId: item.accountId, e164: item.e164, field, appliedBefore: cachedValue(this.deps.store.numbers.get(item), field) })),
        this.deps.now(),
      )
      try {
        if (edit.kind === 'change') await this.deps.numbers.sendChange({ targets, change: edit.change, signal, onBatch })
        else if (edit.kind === 'release') await this.deps.numbers.sendRelease({ targets, signal, onBatch })
        else {
          this.deps.numbers.tag({ targets, add: edit.add, remove: edit.remove })
          onBatch(targets.map((target) => ({ ...target, ok: true })))
        }
      } catch (error) {
        // The batch machinery reports carrier failures per number; what is left here failed before any batch.
        const rest = targets.filter((target) => !settled.has(keyOf(target)))
        onBatch(linesOfError(rest.map((target) => target.e164), error).map((line, index) => ({ ...line, accountId: rest[index]?.accountId ?? '' })))
      }
    }
  }

  private resultOf(setId: string, jobId: string, lines: ChangeSetLine[], cancelled: boolean): ChangeSetApplyResult {
    const succeeded = lines.filter((line) => line.ok).length
    const notSentCount = lines.filter(isNotSent).length
    const skipped = lines.filter((line) => line.code === 'skipped').length
    return { setId, jobId, lines, succeeded, failed: lines.length - succeeded - notSentCount - skipped, skipped, notSent: notSentCount, cancelled }
  }

  /** One entry for the apply as a whole (each number's own outcome is logged by the batch machinery). */
  private recordApply(setId: string, name: string, lines: ChangeSetLine[]): void {
    const result = this.resultOf(setId, '', lines, false)
    const unknown = lines.filter((line) => line.code === unknownOutcomeCode).length
    this.deps.activity.record({
      action: 'changeSet.apply',
      target: name,
      result: result.failed - unknown > 0 ? 'failed' : unknown > 0 ? 'unknown' : 'succeeded',
      message: `${result.succeeded} done, ${result.failed} failed, ${result.skipped} skipped, ${result.notSent} not sent`,
      details: { setId, succeeded: result.succeeded, failed: result.failed, skipped: result.skipped, notSent: result.notSent },
    })
  }

  /** A new set undoing the applied items of this one (last applied first), from the values they replaced. */
  revert(input: { id: string; name?: string | undefined }): RevertResult {
    const original = this.get(input)
    const applied = original.items.filter((item) => item.outcome === 'succeeded')
    if (applied.length === 0) throw new AppError('validation', 'Nothing in this change set was applied, so there is nothing to revert')
    const notRevertible: RevertResult['notRevertible'] = []
    const wanted: { key: NumberKey; edit: NumberEdit }[] = []
    for (const item of [...applied].reverse()) {
      const inverse = inverseOf(item)
      if ('reason' in inverse) notRevertible.push({ accountId: item.accountId, e164: item.e164, field: item.field, reason: inverse.reason })
      else wanted.push({ key: { accountId: item.accountId, e164: item.e164 }, edit: inverse.edit })
    }
    if (wanted.length === 0) {
      throw new AppError('validation', `Nothing applied in this set can be reverted: ${[...new Set(notRevertible.map((n) => n.reason))].join('; ')}`)
    }
    let name = input.name?.trim() || `Revert of ${original.name}`
    if (!input.name) for (let n = 2; this.repo.nameTaken(name); n += 1) name = `Revert of ${original.name} (${n})`
    const items = this.prepare(wanted)
    const set = this.create({ name }, { revertsId: original.id, revertsName: original.name })
    const staged = this.stageInto(set.id, items)
    return { set: this.summary(set.id), staged, notRevertible }
  }

  /** The set as CSV text (the CLI prints it). */
  csv(input: { id: string }): string {
    const items = this.get(input).items
    return items.length > 0 ? setToCsv(items) : `${csvColumns.join(',')}\n`
  }

  /** The set as a CSV file under `<data dir>/exports/`. */
  async export(input: { id: string }, signal: AbortSignal): Promise<{ file: string; rows: number }> {
    const set = this.get(input)
    const safe = set.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'set'
    return writeCsvExport({ dataDir: this.deps.dataDir, name: `changes-${safe}`, now: this.deps.now(), columns: [...csvColumns], rows: set.items.map(csvRecord), signal })
  }

  /** Stages the rows of a CSV into a set: every row checked first (its account and number known), then all at once. */
  import(input: { setId?: string | undefined; name?: string | undefined; csv: string }): { set: ChangeSetSummary; staged: number } {
    const rows = parseSetCsv(input.csv)
    const accounts = new Map<string, string | undefined>()
    const problems: Record<string, string> = {}
    const wanted: { key: NumberKey; edit: NumberEdit; line: number }[] = []
    for (const row of rows) {
      if (!accounts.has(row.account)) {
        try {
          accounts.set(row.account, this.deps.accounts.find(row.account).id)
        } catch {
          accounts.set(row.account, undefined)
        }
      }
      const accountId = accounts.get(row.account)
      if (!accountId) problems[`row ${row.line}`] = `account: no account named or with id "${row.account.slice(0, 60)}"`
      else wanted.push({ key: { accountId, e164: row.e164 }, edit: row.edit, line: row.line })
    }
    const listed = Object.entries(problems)
    if (listed.length > 0) {
      throw new AppError('validation', `csv: ${listed.slice(0, 20).map(([row, message]) => `${row}: ${message}`).join('; ')}`, { fields: Object.fromEntries(listed.slice(0, 20)) })
    }
    const items = this.prepare(wanted)
    const setId = this.target(input)
    const staged = this.stageInto(setId, items)
    return { set: this.summary(setId), staged }
  }

  /** Opening the core: sets left being applied by a process that is gone are freed (see the repository). */
  recoverAbandoned(): void {
    this.repo.recoverAbandoned(isOwnerAlive)
  }
}
