/**
 * SQL for change sets: the sets with their counts, their items (one edit per number and field, in the
 * order they were staged), what became of each item when applied, and which process is applying a set.
 */
import type { ChangeSetItem, ChangeSetState, ChangeSetSummary, ItemOutcome } from '../../../shared/contract/changes'
import type { CarrierId } from '../../../shared/domain'
import { AppError } from '../../lib/app-error'
import type { Db } from '../database'

/** An item as stored: the contract's item with its edit as the JSON the service parses (and no `after`, which the service words). */
export type ChangeItemRow = Omit<ChangeSetItem, 'field' | 'edit' | 'after'> & { field: string; edit: string }

export interface ItemKey {
  accountId: string
  e164: string
  field: string
}

export interface StagedItem extends ItemKey {
  edit: string
  before?: string | undefined
}

export interface ItemOutcomeUpdate extends ItemKey {
  outcome: ItemOutcome | null
  code?: string | undefined
  message?: string | undefined
  appliedAt?: number | undefined
}

interface SetRecord {
  id: string
  name: string
  created_at: number
  updated_at: number
  created_by: string
  reverts_id: string | null
  reverts_name: string | null
  applied_at: number | null
  applying_owner: string | null
  item_count: number
  number_count: number
  succeeded: number | null
  failed: number | null
  unknown: number | null
  pending: number | null
  carriers: string | null
}

const summarySql = `
  SELECT s.*,
    count(i.e164) AS item_count,
    count(DISTINCT i.account_id || ' ' || i.e164) AS number_count,
    sum(i.outcome = 'succeeded') AS succeeded,
    sum(i.outcome IN ('failed', 'skipped')) AS failed,
    sum(i.outcome IN ('unknown', 'sending')) AS unknown,
    sum(i.e164 IS NOT NULL AND (i.outcome IS NULL OR i.outcome IN ('failed', 'skipped'))) AS pending,
    group_concat(DISTINCT a.carrier) AS carriers
  FROM change_sets s
  LEFT JOIN change_set_items i ON i.set_id = s.id
  LEFT JOIN accounts a ON a.id = i.account_id`

function stateOf(record: SetRecord): ChangeSetState {
  if (record.applying_owner !== null) return 'applying'
  const done = (record.succeeded ?? 0) + (record.failed ?? 0) + (record.unknown ?? 0)
  if (done === 0) return 'draft'
  return record.item_count > 0 && record.succeeded === record.item_count ? 'applied' : 'partly applied'
}

const toSummary = (record: SetRecord): ChangeSetSummary => ({
  id: record.id,
  name: record.name,
  createdAt: record.created_at,
  updatedAt: record.updated_at,
  createdBy: record.created_by,
  revertsId: record.reverts_id ?? undefined,
  revertsName: record.reverts_name ?? undefined,
  state: stateOf(record),
  appliedAt: record.applied_at ?? undefined,
  itemCount: record.item_count,
  numberCount: record.number_count,
  carriers: (record.carriers ?? '').split(',').filter(Boolean).sort(),
  pending: record.pending ?? 0,
  succeeded: record.succeeded ?? 0,
  failed: record.failed ?? 0,
  unknown: record.unknown ?? 0,
})

interface ItemRecord {
  account_id: string
  account_name: string
  carrier: CarrierId
  e164: string
  field: string
  edit: string
  before: string | null
  staged_at: number
  outcome: ItemOutcome | null
  code: string | null
  message: string | null
  applied_at: number | null
  applied_before: string | null
}

const toItem = (record: ItemRecord): ChangeItemRow => ({
  accountId: record.account_id,
  accountName: record.account_name,
  carrier: record.carrier,
  e164: record.e164,
  field: record.field,
  edit: record.edit,
  before: record.before ?? undefined,
  stagedAt: record.staged_at,
  outcome: record.outcome ?? undefined,
  code: record.code ?? undefined,
  message: record.message ?? undefined,
  appliedAt: record.applied_at ?? undefined,
  appliedBefore: record.applied_before ?? undefined,
})

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && (error as { code: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE'

export class ChangeSetsRepository {
  constructor(private readonly db: Db) {}

  create(set: { id: string; name: string; now: number; createdBy: string; revertsId?: string | undefined; revertsName?: string | undefined }): ChangeSetSummary {
    try {
      this.db
        .prepare('INSERT INTO change_sets (id, name, created_at, updated_at, created_by, reverts_id, reverts_name) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(set.id, set.name, set.now, set.now, set.createdBy, set.revertsId ?? null, set.revertsName ?? null)
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', `A change set named "${set.name}" exists already`, { fields: { name: 'Taken' } })
      throw error
    }
    return this.summary(set.id) as ChangeSetSummary
  }

  list(): ChangeSetSummary[] {
    return (this.db.prepare(`${summarySql} GROUP BY s.id ORDER BY s.updated_at DESC, s.name`).all() as SetRecord[]).map(toSummary)
  }

  summary(id: string): ChangeSetSummary | undefined {
    const record = this.db.prepare(`${summarySql} WHERE s.id = ? GROUP BY s.id`).get(id) as SetRecord | undefined
    return record ? toSummary(record) : undefined
  }

  /** The id of the set with this id, or else this name (case-insensitive). */
  idOf(idOrName: string): string | undefined {
    return (this.db.prepare('SELECT id FROM change_sets WHERE id = ? OR name = ? COLLATE NOCASE ORDER BY id = ? DESC LIMIT 1').pluck().get(idOrName, idOrName, idOrName) as
      | string
      | undefined)
  }

  /** Whether some set has this name (case-insensitive). */
  nameTaken(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM change_sets WHERE name = ? COLLATE NOCASE').pluck().get(name) !== undefined
  }

  rename(id: string, name: string, now: number): void {
    try {
      this.db.prepare('UPDATE change_sets SET name = ?, updated_at = ? WHERE id = ?').run(name, now, id)
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', `A change set named "${name}" exists already`, { fields: { name: 'Taken' } })
      throw error
    }
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM change_sets WHERE id = ?').run(id).changes > 0
  }

  items(setId: string): ChangeItemRow[] {
    return (
      this.db
        .prepare(
          `SELECT i.*, a.name AS account_name, a.carrier AS carrier FROM change_set_items i
           JOIN accounts a ON a.id = i.account_id WHERE i.set_id = ? ORDER BY i.position`,
        )
        .all(setId) as ItemRecord[]
    ).map(toItem)
  }

  /**
   * Stages items in one transaction: an item for a number and field the set already holds replaces it (and
   * what became of it), keeping its place in the order.
   */
  stage(setId: string, items: readonly StagedItem[], now: number): void {
    const next = this.db.prepare('SELECT coalesce(max(position), 0) FROM change_set_items WHERE set_id = ?').pluck()
    const upsert = this.db.prepare(
      `INSERT INTO change_set_items (set_id, account_id, e164, field, edit, before, staged_at, position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (set_id, account_id, e164, field) DO UPDATE SET edit = excluded.edit, before = excluded.before,
         staged_at = excluded.staged_at, outcome = NULL, code = NULL, message = NULL, applied_at = NULL, applied_before = NULL`,
    )
    this.db.transaction(() => {
      let position = next.get(setId) as number
      for (const item of items) {
        position += 1
        upsert.run(setId, item.accountId, item.e164, item.field, item.edit, item.before ?? null, now, position)
      }
      this.touch(setId, now)
    })()
  }

  unstage(setId: string, keys: readonly ItemKey[], now: number): number {
    const remove = this.db.prepare('DELETE FROM change_set_items WHERE set_id = ? AND account_id = ? AND e164 = ? AND field = ?')
    return this.db.transaction(() => {
      let removed = 0
      for (const key of keys) removed += remove.run(setId, key.accountId, key.e164, key.field).changes
      this.touch(setId, now)
      return removed
    })()
  }

  private touch(setId: string, now: number): void {
    this.db.prepare('UPDATE change_sets SET updated_at = ? WHERE id = ?').run(now, setId)
  }

  /**
   * Claims the set for this process's apply: refused (false) while another apply of it runs in a process
   * still alive. A claim left by a process that died is taken over (see `recoverAbandoned`).
   */
  claim(setId: string, owner: string, isAlive: (owner: string | null) => boolean): boolean {
    return this.db.transaction(() => {
      const current = this.db.prepare('SELECT applying_owner FROM change_sets WHERE id = ?').pluck().get(setId) as string | null | undefined
      if (current === undefined) throw new AppError('not-found', 'This change set no longer exists')
      if (current !== null && isAlive(current)) return false
      if (current !== null) this.settleAbandoned(setId)
      this.db.prepare('UPDATE change_sets SET applying_owner = ? WHERE id = ?').run(owner, setId)
      return true
    }).immediate()
  }

  /** Ends this process's apply of the set. */
  release(setId: string, appliedAt: number): void {
    this.db.prepare('UPDATE change_sets SET applying_owner = NULL, applied_at = ?, updated_at = ? WHERE id = ?').run(appliedAt, appliedAt, setId)
  }

  /** Marks items as being sent, with the cached value each had right then. */
  markSending(setId: string, items: readonly (ItemKey & { appliedBefore?: string | undefined })[], now: number): void {
    const mark = this.db.prepare(
      `UPDATE change_set_items SET outcome = 'sending', code = NULL, message = NULL, applied_at = ?, applied_before = ?
       WHERE set_id = ? AND account_id = ? AND e164 = ? AND field = ?`,
    )
    this.db.transaction(() => {
      for (const item of items) mark.run(now, item.appliedBefore ?? null, setId, item.accountId, item.e164, item.field)
    })()
  }

  /** Writes what became of items (null: nothing, the item is pending again). */
  recordOutcomes(setId: string, updates: readonly ItemOutcomeUpdate[]): void {
    const write = this.db.prepare(
      `UPDATE change_set_items SET outcome = ?, code = ?, message = ?, applied_at = ?
       WHERE set_id = ? AND account_id = ? AND e164 = ? AND field = ?`,
    )
    this.db.transaction(() => {
      for (const u of updates) write.run(u.outcome, u.code ?? null, u.message ?? null, u.appliedAt ?? null, setId, u.accountId, u.e164, u.field)
    })()
  }

  /**
   * Sets whose apply was left by a process that is gone (killed, crashed): their items caught at the
   * carrier are of unknown outcome (the change may have gone through), and the set is free again.
   */
  recoverAbandoned(isAlive: (owner: string | null) => boolean): void {
    const claimed = this.db.prepare('SELECT id, applying_owner FROM change_sets WHERE applying_owner IS NOT NULL').all() as { id: string; applying_owner: string }[]
    for (const { id, applying_owner: owner } of claimed) {
      if (isAlive(owner)) continue
      this.db.transaction(() => {
        this.settleAbandoned(id)
        this.db.prepare('UPDATE change_sets SET applying_owner = NULL WHERE id = ?').run(id)
      })()
    }
  }

  private settleAbandoned(setId: string): void {
    this.db
      .prepare(
        `UPDATE change_set_items SET outcome = 'unknown', code = 'unknown',
           message = 'CarrierDesk stopped while this was being sent: check the carrier (sync) before staging it again'
         WHERE set_id = ? AND outcome = 'sending'`,
      )
      .run(setId)
  }
}
