/** SQL for sync runs: one row per run, account and area, so each account can show its last sync. */
import type { SyncArea, SyncOutcome, SyncSummary } from '../../../shared/domain'
import type { Db } from '../database'

interface SyncRunRecord {
  run_id: string
  account_id: string
  area: SyncArea
  started_at: number
  finished_at: number | null
  outcome: SyncOutcome
  message: string | null
  rows: number
}

export class SyncRunsRepository {
  constructor(private readonly db: Db) {}

  /** Records an area as started by `owner` (the process running it: see lib/process-owner.ts). */
  start(runId: string, accountId: string, area: SyncArea, startedAt: number, owner: string | null = null): void {
    this.db
      .prepare(
        `INSERT INTO sync_runs (run_id, account_id, area, started_at, outcome, rows, owner) VALUES (?, ?, ?, ?, 'running', 0, ?)`,
      )
      .run(runId, accountId, area, startedAt, owner)
  }

  finish(
    runId: string,
    accountId: string,
    area: SyncArea,
    result: { outcome: Exclude<SyncOutcome, 'running'>; finishedAt: number; rows: number; message?: string | undefined },
  ): void {
    this.db
      .prepare(
        `UPDATE sync_runs SET outcome = ?, finished_at = ?, rows = ?, message = ?
         WHERE run_id = ? AND account_id = ? AND area = ?`,
      )
      .run(result.outcome, result.finishedAt, result.rows, result.message ?? null, runId, accountId, area)
  }

  /** The latest run of an account, all areas folded together: failed if any area failed. */
  lastFor(accountId: string): SyncSummary | undefined {
    const records = this.db
      .prepare(
        `SELECT * FROM sync_runs WHERE account_id = ? AND run_id =
           (SELECT run_id FROM sync_runs WHERE account_id = ? ORDER BY started_at DESC LIMIT 1)`,
      )
      .all(accountId, accountId) as SyncRunRecord[]
    const first = records[0]
    if (!first) return undefined
    const rank: Record<SyncOutcome, number> = { succeeded: 0, running: 1, cancelled: 2, failed: 3 }
    const worst = records.reduce((a, b) => (rank[b.outcome] > rank[a.outcome] ? b : a))
    const finished = records.every((record) => record.finished_at !== null)
    return {
      runId: first.run_id,
      startedAt: Math.min(...records.map((record) => record.started_at)),
      finishedAt: finished ? Math.max(...records.map((record) => record.finished_at ?? 0)) : undefined,
      outcome: worst.outcome,
      message: records
        .filter((record) => record.message)
        .map((record) => `${record.area}: ${record.message}`)
        .join('; ') || undefined,
      rows: records.reduce((sum, record) => sum + record.rows, 0),
    }
  }

  /**
   * Marks as failed ("Interrupted") the runs left 'running' by a process that is gone (it crashed or was
   * killed), so no account claims to be syncing forever; runs whose owner still works are left alone.
   */
  failAbandoned(now: number, isAlive: (owner: string | null) => boolean): void {
    const owners = this.db.prepare(`SELECT DISTINCT owner FROM sync_runs WHERE outcome = 'running'`).pluck().all() as (string | null)[]
    const fail = this.db.prepare(
      `UPDATE sync_runs SET outcome = 'failed', finished_at = ?, message = 'Interrupted' WHERE outcome = 'running' AND owner IS ?`,
    )
    for (const owner of owners) if (!isAlive(owner)) fail.run(now, owner)
  }
}
