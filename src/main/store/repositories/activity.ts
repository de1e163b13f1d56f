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

  list(limit: number, target?: string): ActivityEntry[] {
    const records = (
      target === undefined
        ? this.db.prepare('SELECT * FROM activity ORDER BY id DESC LIMIT ?').all(limit)
        : this.db.prepare('SELECT * FROM activity WHERE target = ? ORDER BY id DESC LIMIT ?').all(target, limit)
    ) as ActivityRecord[]
    return records.map(fromRecord)
  }
}
