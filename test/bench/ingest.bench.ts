/**
 * Sync ingest: numbers per second through the store's real sync path (beginSync → writePage in pages of
 * 5,000 → commit) against a bare better-sqlite3 prepared INSERT of the same rows, in one transaction, into a
 * table with the same columns and nothing else (no keys, no indexes, no FTS, default pragmas), measured in
 * this same run on the same disk. Both sides bind the same values from the same PhoneNumberRecord objects,
 * including serialising `raw` to JSON, so the ratio is what the store's guarantees cost on top of the
 * cheapest possible write: the staging table, the unique key, the indexes, full-text indexing and the
 * gone-marking pass.
 *
 * Two store cases: a first sync into an empty cache, and a re-sync of the same account (the daily case:
 * every number listed again with a new as-of, 1% of them changed).
 * Targets (issue 8): ≥ 0.5 of the bare rate and ≥ 200,000 rows/s.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { bench, describe } from 'vitest'
import type { PhoneNumberRecord } from '../../src/shared/domain'
import { openStore, type Store } from '../../src/main/store/store'
import { tempDir } from '../helpers/temp'
import { benchAccounts, exclusive, insertAccounts, makeNumbers, report, resyncOf, syncThroughStore, type Figure } from './fixtures'

const rowCount = Number(process.env.BENCH_INGEST_ROWS ?? 500_000)
const rounds = Number(process.env.BENCH_INGEST_ROUNDS ?? 3)
const account = benchAccounts[1]!
const day = 86_400_000
const t0 = Date.UTC(2025, 0, 1)

// One benchmark file at a time (vitest runs files in parallel): timings must not share the CPU.
const release = await exclusive()
const rows = makeNumbers(account, rowCount, { seed: 8, asOf: t0 })
// Daily re-syncs alternate between two later listings, so every round really changes as-of and a few rows.
const resyncs = [resyncOf(rows, t0 + day), resyncOf(rows, t0 + 2 * day)]

const dir = tempDir('carrierdesk-bench-ingest-')
let files = 0
const nextFile = (): string => join(dir.path, `db-${(files += 1)}.sqlite`)

let resyncStore: Store | undefined
let round = 0
const samples = { bare: [] as number[], first: [] as number[], resync: [] as number[] }
const timed = (into: number[], run: () => void): void => {
  const started = performance.now()
  run()
  into.push(performance.now() - started)
}
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const bareColumns = `account_id TEXT NOT NULL, e164 TEXT NOT NULL, carrier TEXT NOT NULL, type TEXT NOT NULL,
  status TEXT NOT NULL, state TEXT, rate_center TEXT, trunk TEXT, cnam TEXT, e911 TEXT, monthly_cost REAL,
  gone_at INTEGER, as_of INTEGER NOT NULL, raw TEXT NOT NULL`

function bareInsert(records: readonly PhoneNumberRecord[]): void {
  const db = new Database(nextFile())
  try {
    db.exec(`CREATE TABLE numbers (${bareColumns})`)
    timed(samples.bare, () => {
      const insert = db.prepare(
        `INSERT INTO numbers (account_id, e164, carrier, type, status, state, rate_center, trunk, cnam, e911,
           monthly_cost, gone_at, as_of, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
      )
      db.transaction(() => {
        for (const n of records) {
          insert.run(n.accountId, n.e164, n.carrier, n.type, n.status, n.state ?? null, n.rateCenter ?? null,
            n.trunk ?? null, n.cnam ?? null, n.e911 ?? null, n.monthlyCost ?? null, n.asOf, JSON.stringify(n.raw ?? null))
        }
      })()
    })
  } finally {
    db.close()
  }
}

function freshStore(): Store {
  const store = openStore(nextFile())
  insertAccounts(store, [account])
  return store
}

describe(`sync ingest of ${rowCount.toLocaleString('en-US')} numbers`, () => {
  const once = { time: 0, iterations: rounds, warmupTime: 0, warmupIterations: 0 }

  bench('bare better-sqlite3: prepared INSERT, one transaction (baseline)', () => bareInsert(rows), once)

  bench(
    'store: first sync into an empty cache',
    () => {
      const store = freshStore()
      try {
        timed(samples.first, () => syncThroughStore(store, account.id, rows, t0))
      } finally {
        store.close()
      }
    },
    once,
  )

  bench(
    'store: re-sync of the same account (daily case)',
    () => {
      const listing = resyncs[round++ % resyncs.length]!
      timed(samples.resync, () => syncThroughStore(resyncStore!, account.id, listing, listing[0]!.asOf))
    },
    {
      ...once,
      setup: () => {
        // The account's first sync is setup, not measured.
        if (resyncStore) return
        resyncStore = freshStore()
        syncThroughStore(resyncStore, account.id, rows, t0)
      },
      teardown: (_task, mode) => {
        if (mode === 'run') summarise()
      },
    },
  )
})

function summarise(): void {
  resyncStore?.close()
  dir.remove()
  release()
  const rate = (ms: number): number => rowCount / (ms / 1000)
  const bare = rate(median(samples.bare))
  const figure = (metric: string, ms: readonly number[]): Figure => {
    const measured = rate(median(ms))
    const ratio = measured / bare
    return {
      metric,
      measured,
      baseline: bare,
      unit: 'rows/s',
      ratio,
      target: '≥ 0.5x bare and ≥ 200,000 rows/s',
      met: ratio >= 0.5 && measured >= 200_000,
    }
  }
  report('ingest', [figure('Sync ingest, first sync (empty cache)', samples.first), figure('Sync ingest, re-sync (same account)', samples.resync)], [
    `${rowCount.toLocaleString('en-US')} rows per sync in pages of 5,000; median of ${rounds} rounds each`,
    `seconds per sync (median): bare ${(median(samples.bare) / 1000).toFixed(2)}, first ${(median(samples.first) / 1000).toFixed(2)}, re-sync ${(median(samples.resync) / 1000).toFixed(2)}`,
  ])
}
