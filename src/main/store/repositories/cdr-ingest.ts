/**
 * Ingesting call records: the one boundary every source goes through (a downloaded Vitcom file, a user's
 * file, a range of Call48 XDRs). It takes rows only (`write(records)`), so it can run wherever the database
 * is open, a worker thread included.
 *
 * Pages are written as they arrive into a staging table of this connection (each page one transaction, on
 * disk, so memory stays flat however large the source), and `commit` moves them into `call_records` in one
 * transaction with the rollups and the ingest's own row: readers see all of a source or none of it, and a
 * failed or cancelled ingest (or a crash: the stage is a temporary table) leaves the previous records
 * exactly as they were. A record already cached (same account, start and carrier id) is not added again.
 */
import type { Statement } from 'better-sqlite3'
import { destinationOf } from '../../../shared/cdrs'
import type { CdrRecord } from '../../../shared/domain'
import type { Db } from '../database'
import { addRollupsOfRecords, RollupSums } from './cdr-rollups'

/** Rows per multi-row INSERT into the stage: per-statement overhead, not SQLite, dominates one-row inserts. */
const stageBatch = 64
const stageColumns = [
  'record_id',
  'direction',
  'started_at',
  'answered_at',
  'ended_at',
  'from_number',
  'to_number',
  'our_number',
  'other_number',
  'destination',
  'trunk',
  'duration_seconds',
  'billed_seconds',
  'disposition',
  'cause_code',
  'cause_text',
  'cost',
  'raw',
] as const
const width = stageColumns.length
const placeholders = (rows: number): string => Array.from({ length: rows }, () => `(${Array.from({ length: width }, () => '?').join(', ')})`).join(', ')

export interface IngestSource {
  accountKey: number
  /** What was read: `file:<day>/<direction>/<kind>`, `xdr:<day>`, `import:<file name>`. */
  source: string
  /** The period the source covers (a file's day, an XDR range), for the cache's coverage. */
  windowFrom?: number | undefined
  windowTo?: number | undefined
}

export interface IngestSummary {
  read: number
  rejected: number
  problems: readonly string[]
  /** A CSV source's header: records keep their line, read back through it. */
  rawHeader?: readonly string[] | undefined
}

let stageCounter = 0

export class CdrIngestSession {
  private readonly stage: string
  private readonly insertBatch: Statement<unknown[]>
  private readonly insertOne: Statement<unknown[]>
  private readonly values: unknown[] = new Array<unknown>(stageBatch * width)
  private readonly sums = new RollupSums()
  private staged = 0
  private open = true

  constructor(
    private readonly db: Db,
    private readonly source: IngestSource,
    private readonly accountId: string,
    private readonly onCommit: () => void,
  ) {
    stageCounter += 1
    this.stage = `cdr_stage_${process.pid}_${stageCounter}`
    db.exec(`CREATE TEMP TABLE ${this.stage} (${stageColumns.join(', ')})`)
    const columns = stageColumns.join(', ')
    this.insertBatch = db.prepare(`INSERT INTO temp.${this.stage} (${columns}) VALUES ${placeholders(stageBatch)}`)
    this.insertOne = db.prepare(`INSERT INTO temp.${this.stage} (${columns}) VALUES ${placeholders(1)}`)
  }

  /** Rows staged so far. */
  get stagedRows(): number {
    return this.staged
  }

  /** Stages one page of records (of this session's account), in one transaction. */
  write(records: readonly CdrRecord[]): void {
    if (!this.open) throw new Error('This ingest has ended')
    const { values, sums, accountId } = this
    for (const record of records) if (record.accountId !== accountId) throw new Error('An ingest page mixes accounts')
    // Deferred: only this connection's temporary stage is written, so no write lock is taken or waited for.
    this.db.transaction(() => {
      let filled = 0
      for (const r of records) {
        const other = r.ourNumber === r.from ? r.to : r.from
        const destination = destinationOf(other)
        const o = filled * width
        values[o] = r.id
        values[o + 1] = r.direction
        values[o + 2] = r.startedAt
        values[o + 3] = r.answeredAt ?? null
        values[o + 4] = r.endedAt ?? null
        values[o + 5] = r.from
        values[o + 6] = r.to
        values[o + 7] = r.ourNumber ?? null
        values[o + 8] = other
        values[o + 9] = destination
        values[o + 10] = r.trunk ?? null
        values[o + 11] = r.durationSeconds
        values[o + 12] = r.billedSeconds
        values[o + 13] = r.disposition
        values[o + 14] = r.causeCode ?? null
        values[o + 15] = r.causeText ?? null
        values[o + 16] = r.cost ?? null
        values[o + 17] = typeof r.raw === 'string' ? r.raw : JSON.stringify(r.raw ?? null)
        sums.add(r, destination)
        filled += 1
        if (filled === stageBatch) {
          this.insertBatch.run(values)
          filled = 0
        }
      }
      const one = new Array<unknown>(width)
      for (let j = 0; j < filled; j += 1) {
        for (let k = 0; k < width; k += 1) one[k] = values[j * width + k]
        this.insertOne.run(one)
      }
    }).deferred()
    this.staged += records.length
  }

  /**
   * Makes the staged records visible, with their rollups and the ingest's row, in one transaction; returns
   * how many were new. The stage is dropped either way.
   */
  commit(at: { startedAt: number; finishedAt: number }, summary: IngestSummary): { added: number; ingestId: number } {
    if (!this.open) throw new Error('This ingest has ended')
    const { db, source } = this
    try {
      const result = db.transaction(() => {
        const ingestId = Number(
          db
            .prepare(
              `INSERT INTO cdr_ingests (account_key, source, window_from, window_to, raw_header, started_at, finished_at, state,
                 rows_read, rows_added, rows_rejected, problems) VALUES (?, ?, ?, ?, ?, ?, ?, 'done', ?, 0, ?, ?)`,
            )
            .run(
              source.accountKey,
              source.source,
              source.windowFrom ?? null,
              source.windowTo ?? null,
              summary.rawHeader ? JSON.stringify(summary.rawHeader) : null,
              at.startedAt,
              at.finishedAt,
              summary.read,
              summary.rejected,
              summary.problems.length > 0 ? JSON.stringify(summary.problems) : null,
            ).lastInsertRowid,
        )
        const lastSeq = (db.prepare('SELECT coalesce(max(seq), 0) FROM call_records').pluck().get() as number) ?? 0
        const columns = stageColumns.join(', ')
        const added = db
          .prepare(
            `INSERT OR IGNORE INTO call_records (account_key, ingest_id, ${columns})
             SELECT ?, ?, ${columns} FROM temp.${this.stage} ORDER BY rowid`,
          )
          .run(source.accountKey, ingestId).changes
        // Sums gathered while staging hold only when every staged row was new; otherwise SQL sums exactly the added rows.
        if (added === this.staged) this.sums.flush(db, source.accountKey)
        else if (added > 0) addRollupsOfRecords(db, source.accountKey, lastSeq)
        db.prepare('UPDATE cdr_ingests SET rows_added = ? WHERE ingest_id = ?').run(added, ingestId)
        return { added, ingestId }
      })()
      this.onCommit()
      return result
    } finally {
      this.dispose()
    }
  }

  /** Drops the stage (nothing staged becomes visible); safe to call more than once. */
  dispose(): void {
    if (!this.open) return
    this.open = false
    this.db.exec(`DROP TABLE IF EXISTS temp.${this.stage}`)
  }
}
