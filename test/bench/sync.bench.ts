/**
 * End-to-end sync: the real core (createCarrierDesk, the sync runner, the carriers' clients and adapters,
 * the store) refreshing the numbers of four Sandbox accounts (400,000 Call48, 300,000 Vitcom and 300,000
 * VoIP Innovations numbers by default, and Nexogy) over HTTP. The Sandbox runs in a process of its own, as
 * the CLI starts it (the carriers are somebody else's servers), so the syncing process is this one alone.
 *
 * Baseline, measured in this same run: a bare better-sqlite3 prepared INSERT of the very same rows (read
 * back from the synced cache), in one transaction, into a table with the same columns and nothing else, as
 * test/bench/ingest.bench.ts does it (values bound from records, `raw` serialised to JSON).
 *
 * The syncs run as the app runs them: each account's areas in a worker thread (the built
 * out/main/sync-worker.js; BENCH_SYNC_WORKER=0 runs them on the calling thread instead, for comparison).
 * While each sync runs, the window's reads are imitated: `numbers.list` (the Numbers screen's first page)
 * and `app.status`, alternately, through the dispatcher, one every ~20 ms. A read's latency is counted from
 * the moment it was due, so time spent waiting for a busy main thread counts, as it would for the window.
 * Their baseline: the same reads for a few seconds with no sync running, on the same full cache.
 *
 * Targets (issue 14): first sync ≥ 0.5x the bare rate, unchanged re-sync ≥ 0.8x, peak RSS < 400 MB, the
 * four accounts together ≤ 1.25x the slowest account alone, reads p95 ≤ 50 ms during the sync.
 * BENCH_SYNC_NUMBERS sets the Sandbox's total (default 1,000,000); BENCH_SYNC_ROUNDS the bare rounds.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { bench, describe } from 'vitest'
import { AccountInputSchema } from '../../src/shared/ipc-shared'
import { createCarrierDesk, type CarrierDesk } from '../../src/main/core/carrierdesk'
import { createDispatcher } from '../../src/main/core/dispatcher'
import { databaseFile } from '../../src/main/core/paths'
import { fromRecord, type NumberRecord } from '../../src/main/store/repositories/numbers-query'
import { startCliSandbox, type CliSandbox } from '../helpers/cli-sandbox'
import { builtSyncWorker } from '../helpers/sync-worker'
import { requireKeyring, tempDir } from '../helpers/temp'
import { exclusive, percentile, report, rssAnon, type Figure } from './fixtures'

const totalNumbers = Number(process.env.BENCH_SYNC_NUMBERS ?? 1_000_000)
const bareRounds = Number(process.env.BENCH_SYNC_ROUNDS ?? 3)
const probeEveryMs = 20
const idleProbeMs = 5_000
const syncWorker = process.env.BENCH_SYNC_WORKER === '0' ? undefined : builtSyncWorker

requireKeyring()
// One benchmark file at a time (vitest runs files in parallel): timings must not share the CPU.
const release = await exclusive()
const sandbox: CliSandbox = await startCliSandbox(['--numbers', String(totalNumbers)])
process.once('exit', () => void sandbox.stop())
// Parsed by the contract's schema, as the dispatcher would (defaults applied).
const sandboxAccounts = Object.values(sandbox.line.carriers).map(({ account }) => AccountInputSchema.parse(account))
const dir = tempDir('carrierdesk-bench-sync-')
let dirs = 0

interface SyncMeasure {
  ms: number
  rows: number
  perAccount: { name: string; rows: number }[]
  /** Read latencies (ms, from when each read was due) while the sync ran. */
  reads: number[]
  peakRss: number
  rssBefore: number
  /** Peak of the resident memory that is not a mapped file (Linux: RssAnon), and of the V8 heap in use. */
  peakAnon: number
  peakHeap: number
}

interface OpenDesk {
  desk: CarrierDesk
  dataDir: string
}

async function openDesk(carriers?: readonly string[]): Promise<OpenDesk> {
  const dataDir = join(dir.path, `desk-${(dirs += 1)}`)
  const desk = createCarrierDesk({ dataDir, actor: 'bench', syncWorker })
  if (syncWorker !== undefined && desk.sync.workerScript === undefined) throw new Error('out/main/sync-worker.js is missing: build first (npm run bench does)')
  // The keychain is the private one of scripts/with-keyring.mjs, dropped with its session.
  for (const account of sandboxAccounts) if (!carriers || carriers.includes(account.carrier)) await desk.accounts.add(account)
  return { desk, dataDir }
}

/** Imitates the window: one read every ~20 ms through the dispatcher until stopped, and samples RSS. */
function probeReads(desk: CarrierDesk, into: SyncMeasure): { stop(): Promise<void> } {
  const dispatcher = createDispatcher(desk)
  let stopped = false
  let due = 0
  let turn = 0
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  const tick = async (): Promise<void> => {
    const result =
      turn++ % 2 === 0 ? await dispatcher.invoke('numbers.list', { offset: 0, limit: 100 }) : await dispatcher.invoke('app.status', {})
    into.reads.push(performance.now() - due)
    into.peakRss = Math.max(into.peakRss, process.memoryUsage.rss())
    into.peakAnon = Math.max(into.peakAnon, rssAnon())
    into.peakHeap = Math.max(into.peakHeap, process.memoryUsage().heapUsed)
    if (!result.ok) throw new Error(`A read during the sync failed: ${result.error.message}`)
    schedule()
  }
  const schedule = (): void => {
    if (stopped) return
    due = performance.now() + probeEveryMs
    timer = setTimeout(() => (running = tick()), probeEveryMs)
  }
  schedule()
  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}

/** One sync of the desk's accounts' numbers, timed, with the window's reads going on beside it. */
async function timedSync({ desk }: OpenDesk): Promise<SyncMeasure> {
  global.gc?.()
  const measure: SyncMeasure = { ms: 0, rows: 0, perAccount: [], reads: [], peakRss: 0, rssBefore: process.memoryUsage.rss(), peakAnon: 0, peakHeap: 0 }
  measure.peakRss = measure.rssBefore
  const probe = probeReads(desk, measure)
  const started = performance.now()
  const results = await desk.sync.start({ areas: ['numbers'] }).done
  measure.ms = performance.now() - started
  await probe.stop()
  for (const result of results) {
    if (result.outcome !== 'succeeded') throw new Error(`${result.accountName}: ${result.outcome} (${result.message ?? ''})`)
    measure.rows += result.rows
    measure.perAccount.push({ name: result.accountName, rows: result.rows })
  }
  return measure
}

/** Waits until this thread is idle (five 50 ms timers in a row fire within 15 ms of time). */
async function quiet(): Promise<number> {
  const started = performance.now()
  for (let onTime = 0; onTime < 5 && performance.now() - started < 180_000; ) {
    const at = performance.now()
    await new Promise((resolve) => setTimeout(resolve, 50))
    onTime = performance.now() - at < 65 ? onTime + 1 : 0
  }
  return performance.now() - started
}

/**
 * The findings a sync's end schedules, computed in the findings worker from the new cache: waited for (their
 * time and the process's peak RSS meanwhile are reported apart), so that the re-sync is measured alone.
 */
async function awaitFindings(desk: CarrierDesk): Promise<void> {
  const started = performance.now()
  const sampler = setInterval(() => (findingsAfterFirst.peakRss = Math.max(findingsAfterFirst.peakRss, process.memoryUsage.rss())), 100)
  try {
    await desk.findings.quiet()
  } finally {
    clearInterval(sampler)
  }
  findingsAfterFirst.ms = performance.now() - started
}
const findingsAfterFirst = { ms: 0, peakRss: 0 }

/** The same reads with no sync running (once the findings are computed and the thread is idle), for `idleProbeMs`. */
async function idleReads({ desk }: OpenDesk): Promise<number[]> {
  await awaitFindings(desk)
  quietAfterFirstMs = await quiet()
  const measure: SyncMeasure = { ms: 0, rows: 0, perAccount: [], reads: [], peakRss: 0, rssBefore: 0, peakAnon: 0, peakHeap: 0 }
  const probe = probeReads(desk, measure)
  await new Promise((resolve) => setTimeout(resolve, idleProbeMs))
  await probe.stop()
  return measure.reads
}

/** How long this thread stayed busy after the first sync ended (its findings), before the idle reads. */
let quietAfterFirstMs = 0
const measures: { first?: SyncMeasure; resync?: SyncMeasure; idle?: number[]; alone: SyncMeasure[]; bare: number[] } = { alone: [], bare: [] }
let four: OpenDesk | undefined

const bareColumns = `account_id TEXT NOT NULL, e164 TEXT NOT NULL, carrier TEXT NOT NULL, type TEXT NOT NULL,
  status TEXT NOT NULL, state TEXT, rate_center TEXT, trunk TEXT, cnam TEXT, e911 TEXT, monthly_cost REAL,
  gone_at INTEGER, as_of INTEGER NOT NULL, raw TEXT NOT NULL`

/**
 * The bare insert of the rows the four-account sync cached, timed alone: rows are read back in chunks (not
 * timed) and inserted in one transaction that spans them all, so memory stays bounded at any size.
 */
function bareInsert(source: string): number {
  const from = new Database(source, { readonly: true })
  const db = new Database(join(dir.path, `bare-${(dirs += 1)}.sqlite`))
  let ms = 0
  try {
    db.exec(`CREATE TABLE numbers (${bareColumns})`)
    const read = from.prepare(
      `SELECT id, account_id, e164, carrier, type, status, state, rate_center, trunk, cnam, e911, monthly_cost, number_group,
         failover, gone_at, as_of, raw, NULL AS tags, NULL AS notes, NULL AS account_name
       FROM numbers WHERE id > ? ORDER BY id LIMIT 20000`,
    )
    const timed = (run: () => void): void => {
      const started = performance.now()
      run()
      ms += performance.now() - started
    }
    let insert: Database.Statement | undefined
    timed(() => {
      insert = db.prepare(
        `INSERT INTO numbers (account_id, e164, carrier, type, status, state, rate_center, trunk, cnam, e911,
           monthly_cost, gone_at, as_of, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
      )
      db.exec('BEGIN')
    })
    for (let last = 0; ; ) {
      // The store's own mapping of a cached row (the raw record parsed), as a sync hands rows to the insert.
      const chunk = (read.all(last) as (NumberRecord & { id: number })[]).map((row) => ({ id: row.id, record: fromRecord(row, true) }))
      if (chunk.length === 0) break
      last = chunk.at(-1)!.id
      timed(() => {
        for (const { record: n } of chunk) {
          insert!.run(n.accountId, n.e164, n.carrier, n.type, n.status, n.state ?? null, n.rateCenter ?? null,
            n.trunk ?? null, n.cnam ?? null, n.e911 ?? null, n.monthlyCost ?? null, n.asOf, JSON.stringify(n.raw ?? null))
        }
      })
    }
    timed(() => db.exec('COMMIT'))
  } finally {
    db.close()
    from.close()
  }
  return ms
}

describe(`sync of ${totalNumbers.toLocaleString('en-US')} Sandbox numbers through the core`, () => {
  const once = { time: 0, iterations: 1, warmupTime: 0, warmupIterations: 0 }

  bench(
    'four accounts, first sync into an empty cache',
    async () => {
      four = await openDesk()
      measures.first = await timedSync(four)
    },
    once,
  )

  bench('the window\'s reads with no sync running (baseline of the reads during a sync)', async () => void (measures.idle = await idleReads(four!)), once)

  bench('four accounts, re-sync with nothing changed', async () => void (measures.resync = await timedSync(four!)), {
    ...once,
    teardown: async (_task, mode) => {
      if (mode === 'run') await four?.desk.close()
    },
  })

  for (const carrier of ['call48', 'vitcom', 'voip-innovations']) {
    bench(
      `${carrier} alone, first sync`,
      async () => {
        const alone = await openDesk([carrier])
        try {
          measures.alone.push(await timedSync(alone))
        } finally {
          await alone.desk.close()
        }
      },
      once,
    )
  }

  bench('bare better-sqlite3: prepared INSERT of the same rows, one transaction (baseline)', () => {
    // The runner may call a synchronous benchmark more than once: the rounds are counted here.
    while (measures.bare.length < bareRounds) measures.bare.push(bareInsert(databaseFile(four!.dataDir)))
  }, {
    ...once,
    teardown: (_task, mode) => {
      if (mode !== 'run') return
      // Synchronously: the runner may end this process as soon as the last benchmark is over.
      summarise()
      dir.remove()
      release()
      void sandbox.stop()
    },
  })
})

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const mb = (bytes: number): number => bytes / 1024 / 1024

function summarise(): void {
  const first = measures.first!
  const resync = measures.resync!
  const rate = (m: { ms: number; rows: number }): number => m.rows / (m.ms / 1000)
  const bareRate = first.rows / (median(measures.bare) / 1000)
  const slowest = measures.alone.reduce((a, b) => (b.ms > a.ms ? b : a))
  const peakRss = Math.max(first.peakRss, resync.peakRss)
  const readsFirst = percentile(first.reads, 95)
  const readsResync = percentile(resync.reads, 95)
  const readsIdle = percentile(measures.idle!, 95)
  const figures: Figure[] = [
    {
      metric: `First sync, 4 accounts (${first.rows.toLocaleString('en-US')} numbers)`,
      measured: rate(first),
      baseline: bareRate,
      unit: 'rows/s',
      ratio: rate(first) / bareRate,
      target: '≥ 0.5x bare',
      met: rate(first) / bareRate >= 0.5,
    },
    {
      metric: 'Re-sync, nothing changed',
      measured: rate(resync),
      baseline: bareRate,
      unit: 'rows/s',
      ratio: rate(resync) / bareRate,
      target: '≥ 0.8x bare',
      met: rate(resync) / bareRate >= 0.8,
    },
    {
      metric: 'Peak RSS of the syncing process (first sync and re-sync)',
      measured: mb(peakRss),
      baseline: mb(first.rssBefore),
      unit: 'MB',
      ratio: peakRss / first.rssBefore,
      target: '< 400 MB (baseline: RSS before the sync)',
      met: mb(peakRss) < 400,
    },
    {
      metric: `4-account wall vs the slowest account alone (${slowest.perAccount[0]?.name ?? '?'})`,
      measured: first.ms / 1000,
      baseline: slowest.ms / 1000,
      unit: 's',
      ratio: first.ms / slowest.ms,
      target: '≤ 1.25x',
      met: first.ms / slowest.ms <= 1.25,
    },
    {
      metric: `Read latency p95 during the first sync (numbers.list + app.status, ${first.reads.length} reads)`,
      measured: readsFirst,
      baseline: readsIdle,
      unit: 'ms',
      ratio: readsFirst / readsIdle,
      target: `≤ 50 ms (baseline: the same reads with no sync, ${measures.idle!.length} reads)`,
      met: readsFirst <= 50,
    },
    {
      metric: `Read latency p95 during the re-sync (${resync.reads.length} reads)`,
      measured: readsResync,
      baseline: readsIdle,
      unit: 'ms',
      ratio: readsResync / readsIdle,
      target: '≤ 50 ms',
      met: readsResync <= 50,
    },
  ]
  const seconds = (ms: number): string => (ms / 1000).toFixed(1)
  report('sync', figures, [
    `${syncWorker ? 'each account in a sync worker thread' : 'areas on the calling thread (BENCH_SYNC_WORKER=0)'}; Sandbox of ${totalNumbers.toLocaleString('en-US')} numbers in its own process; numbers only; bare insert median of ${bareRounds} rounds (${measures.bare.map(seconds).join(', ')} s)`,
    `first sync ${seconds(first.ms)} s, re-sync ${seconds(resync.ms)} s; alone: ${measures.alone
      .map((m) => `${m.perAccount[0]?.name ?? '?'} ${m.rows.toLocaleString('en-US')} in ${seconds(m.ms)} s (${Math.round(rate(m)).toLocaleString('en-US')} rows/s)`)
      .join(', ')}`,
    `after the first sync the findings worker computed the findings from the new cache in ${seconds(findingsAfterFirst.ms)} s (peak RSS meanwhile ${mb(findingsAfterFirst.peakRss).toFixed(0)} MB, not counted in the sync's); then this thread was idle within ${seconds(quietAfterFirstMs)} s, and the reads with no sync were taken`,
    `reads with no sync: p50 ${percentile(measures.idle!, 50).toFixed(1)} ms, max ${Math.max(...measures.idle!).toFixed(0)} ms; during the re-sync: p50 ${percentile(resync.reads, 50).toFixed(1)} ms, max ${Math.max(...resync.reads).toFixed(0)} ms`,
    `reads during the first sync: p50 ${percentile(first.reads, 50).toFixed(1)} ms, p99 ${percentile(first.reads, 99).toFixed(1)} ms, max ${Math.max(...first.reads).toFixed(0)} ms`,
    `RSS before the first sync ${mb(first.rssBefore).toFixed(0)} MB; peak during it ${mb(first.peakRss).toFixed(0)} MB, during the re-sync ${mb(resync.peakRss).toFixed(0)} MB; of which not file-backed (RssAnon, peak) ${mb(first.peakAnon).toFixed(0)} / ${mb(resync.peakAnon).toFixed(0)} MB (the rest is SQLite's memory-mapped database file); V8 heap in use (peak) ${mb(first.peakHeap).toFixed(0)} / ${mb(resync.peakHeap).toFixed(0)} MB`,
  ])
}
