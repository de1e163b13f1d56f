/** SQL for the activity log: append and read, newest first. */
import type { ActivityEntry, ActivityResult, CarrierId } from '../../../shared/domain'
import type { Db } from '../database'

interface ActivityRecord {
  id: number
  at: number
  actor: string
  account_id: string | null
  carrier: CarrierId | null
  action: string
  target: string | null
  result: ActivityResult
  message: string | null
  details: string | null
}

const fromRecord = (record: ActivityRecord): ActivityEntry => ({
  id: record.id,
  at: record.at,
  actor: record.actor,
  accountId: record.account_id ?? undefined,
  carrier: record.carrier ?? undefined,
  action: record.action,
  target: record.target ?? undefined,
  result: record.result,
  message: record.message ?? undefined,
  details: record.details === null ? undefined : (JSON.parse(record.details) as Record<string, unknown>),
})

export class ActivityRepository {
  constructor(private readonly db: Db) {}

  append(entry: Omit<ActivityEntry, 'id'>): ActivityEntry {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO activity (at, actor, account_id, carrier, action, target, result, message, details)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.at,
        entry.actor,
        entry.accountId ?? null,
        entry.carrier ?? null,
        entry.action,
        entry.target ?? null,
        entry.result,
        entry.message ?? null,
        entry.details === undefined ? null : JSON.stringify(entry.details),
      )
    return { ...entry, id: Number(lastInsertRowid) }
  }

  /** The entries of the given actions (of one account, when given), newest first. */
  byActions(actions: readonly string[], options: { accountId?: string | undefined; limit: number }): ActivityEntry[] {
    if (actions.length === 0) return []
    const marks = actions.map(() => '?').join(', ')
    const records = (
      options.accountId === undefined
        ? this.db.prepare(`SELECT * FROM activity WHERE action IN (${marks}) ORDER BY id DESC LIMIT ?`).all(...actions, options.limit)
        : this.db.prepare(`SELECT * FROM activity WHERE action IN (${marks}) AND account_id = ? ORDER BY id DESC LIMIT ?`).all(...actions, options.accountId, options.limit)
    ) as ActivityRecord[]
    return records.map(fromRecord)
  }

  /** The latest entries, newest first: about one number (`target`), one account, since a time. */
  list(limit: number, target?: string, filter: { since?: number | undefined; accountId?: string | undefined } = {}): ActivityEntry[] {
    const where: string[] = []
    const params: unknown[] = []
    if (target !== undefined) {
      where.push('target = ?')
      params.push(target)
    }
    if (filter.since !== undefined) {
      where.push('at >= ?')
      params.push(filter.since)
    }
    if (filter.accountId !== undefined) {
      where.push('account_id = ?')
      params.push(filter.accountId)
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
    const records = this.db.prepare(`SELECT * FROM activity ${clause} ORDER BY id DESC LIMIT ?`).all(...params, limit) as ActivityRecord[]
    return records.map(fromRecord)
  }
}
