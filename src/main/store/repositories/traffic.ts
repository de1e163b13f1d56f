/**
 * SQL for cached traffic reports. A report fetched replaces what was cached for the same selection (the
 * trunks or numbers it was asked for, or a year's or a month's periods) in one transaction, so a report
 * that failed leaves the previous one and its "as of" intact. Unknown figures are stored as NULL.
 */
import type { TrafficRow, TrafficScope } from '../../../shared/trunks'
import type { Db } from '../database'

interface TrafficRecord {
  account_id: string
  scope: TrafficScope
  subject: string
  direction: TrafficRow['direction']
  period: string
  processed: number | null
  completed: number | null
  asr: number | null
  acd_seconds: number | null
  minutes: number | null
  peak: number | null
  as_of: number
}

/** Which cached rows a report stands for: its subjects (trunks, numbers) and/or periods starting so. */
export interface TrafficSelection {
  accountId: string
  scope: TrafficScope
  subjects?: readonly string[] | undefined
  /** "2026" for a year's months, "2026-03" for one month. */
  periodPrefix?: string | undefined
}

function where(selection: TrafficSelection): [string, unknown[]] {
  const clauses = ['account_id = ?', 'scope = ?']
  const params: unknown[] = [selection.accountId, selection.scope]
  if (selection.subjects) {
    clauses.push(`subject IN (${selection.subjects.map(() => '?').join(', ') || "''"})`)
    params.push(...selection.subjects)
  }
  if (selection.periodPrefix !== undefined) {
    clauses.push('(period = ? OR period LIKE ?)')
    params.push(selection.periodPrefix, `${selection.periodPrefix}-%`)
  }
  return [clauses.join(' AND '), params]
}

export class TrafficRepository {
  constructor(private readonly db: Db) {}

  replace(selection: TrafficSelection, rows: readonly TrafficRow[]): void {
    const [clause, params] = where(selection)
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO traffic_stats
        (account_id, scope, subject, direction, period, processed, completed, asr, acd_seconds, minutes, peak, as_of)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM traffic_stats WHERE ${clause}`).run(...params)
      for (const r of rows) {
        if (r.accountId !== selection.accountId || r.scope !== selection.scope) throw new Error('A traffic report mixes accounts or scopes')
        insert.run(r.accountId, r.scope, r.subject, r.direction, r.period, r.processed, r.completed, r.asr, r.acdSeconds, r.minutes, r.peak, r.asOf)
      }
    })()
  }

  list(selection: TrafficSelection): TrafficRow[] {
    const [clause, params] = where(selection)
    const rows = this.db.prepare(`SELECT * FROM traffic_stats WHERE ${clause} ORDER BY period, direction, subject`).all(...params) as TrafficRecord[]
    return rows.map((r) => ({
      accountId: r.account_id,
      scope: r.scope,
      subject: r.subject,
      direction: r.direction,
      period: r.period,
      processed: r.processed,
      completed: r.completed,
      asr: r.asr,
      acdSeconds: r.acd_seconds,
      minutes: r.minutes,
      peak: r.peak,
      asOf: r.as_of,
    }))
  }
}
