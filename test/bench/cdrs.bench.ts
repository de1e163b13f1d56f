/**
 * Call records (issue 17), three figures:
 *
 * 1. Ingest of one Vitcom-format daily CDR file (generated here in a temp dir, the Sandbox's columns, a
 *    quoted cause text on a fifth of the failed calls): rows per second through the real reader
 *    (readVitcomCdrFile: streaming CSV, header mapping, record building) and a real ingest session
 *    (staging, then commit with the rollups), against two baselines measured in this same run on the same
 *    file: the same streaming CSV parser alone (lib/csv.ts's readCsvRows, rows counted and dropped), and a
 *    bare better-sqlite3 prepared INSERT of the parsed records into a table with the same columns and
 *    nothing else (only the inserts are timed). Resident memory is sampled through the ingest.
 *    Targets: ≥ 0.5x the parser alone, ≥ 0.5x the bare insert, RSS grows < 100 MB.
 * 2. KPIs (store.callRecords.stats) over the cached records for a 30-day range (not on hour edges), one
 *    account and two filters (direction and trunk): p95, against the same query answered from the records
 *    alone by plain aggregates (the store's `rollups: false`). Target: p95 < 100 ms.
 * 3. The table's first page (store.callRecords.list, 100 rows, newest first) of that filtered range: p95,
 *    against the same SQL (recordWhere, same order and limit) run bare on its own read-only connection.
 *    Target: p95 < 50 ms.
 *
 * Sizes: BENCH_CDR_FILE_ROWS (default 1,000,000), BENCH_CDR_RECORDS (default 10,000,000, in two accounts
 * over 60 days), BENCH_CDR_ITERATIONS (timed calls per query, default 100; a third of that for the bare
 * aggregate). The records are seeded through the real ingest path, a day per ingest; seeding is not timed.
 */
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { bench, describe } from 'vitest'
import type { CdrFilters, CdrStatsQuery } from '../../src/shared/cdrs'
import { destinationOf } from '../../src/shared/cdrs'
import type { CdrRecord } from '../../src/shared/domain'
import { readVitcomCdrFile } from '../../src/main/carriers/vitcom/cdr-file'
import { readCsvRows } from '../../src/main/lib/csv'
import { recordWhere } from '../../src/main/store/repositories/cdr-query'
import { openStore, type Store } from '../../src/main/store/store'
import { tempDir } from '../helpers/temp'
import { benchAccounts, exclusive, insertAccounts, percentile, random, report, rssAnon, type Figure } from './fixtures'

const fileRows = Number(process.env.BENCH_CDR_FILE_ROWS ?? 1_000_000)
const recordCount = Number(process.env.BENCH_CDR_RECORDS ?? 10_000_000)
const iterations = Number(process.env.BENCH_CDR_ITERATIONS ?? 100)
const bareAggregateIterations = Math.max(3, Math.ceil(iterations / 3))

const day = 86_400_000
const hour = 3_600_000
const historyDays = 60
const historyStart = Date.UTC(2026, 9, 1)
const vitcom = benchAccounts[1]!
const call48 = benchAccounts[0]!
const trunks = ['TG100', 'TG101', 'TG102', 'TG103', 'TG500', 'TG501']

const failures: readonly [sip: number, cause: number, text: string, disposition: string][] = [
  [486, 17, 'User busy', 'BUSY'],
  [408, 19, 'No answer from user (user alerted)', 'NO ANSWER'],
  [487, 31, 'Normal, unspecified', 'CANCELLED'],
  [404, 1, 'Unallocated (unassigned) number', 'FAILED'],
  [503, 34, 'No circuit/channel available', 'FAILED'],
]

/** One call of a day: what both the CSV file and the seeded records are made from. */
interface Call {
  id: string
  startedAt: number
  answered: boolean
  ours: string
  theirs: string
  trunk: string
  duration: number
  billed: number
  rate: number
  failure: (typeof failures)[number]
}

function callsOf(seed: number, dayStart: number, count: number, onCall: (call: Call) => void): void {
  const rand = random(seed)
  for (let index = 0; index < count; index += 1) {
    // Spread over the day in order, as a carrier writes its day file.
    const startedAt = dayStart + Math.floor(((index + rand()) / count) * day)
    const answered = rand() < 0.7
    const duration = answered ? Math.round(5 + rand() * rand() * 600) : 0
    onCall({
      id: `${seed.toString(16)}-${dayStart / day}-${index}`,
      startedAt,
      answered,
      ours: `305555${String(Math.floor(rand() * 4000)).padStart(4, '0')}`,
      theirs: `${200 + Math.floor(rand() * 700)}${200 + Math.floor(rand() * 700)}${String(Math.floor(rand() * 10000)).padStart(4, '0')}`,
      trunk: trunks[Math.floor(rand() * trunks.length)]!,
      duration,
      billed: answered ? Math.max(6, Math.ceil(duration / 6) * 6) : 0,
      rate: 0.004 + Math.floor(rand() * 4) * 0.001,
      failure: failures[Math.floor(rand() * failures.length)]!,
    })
  }
}

const stamp = (at: number): string => new Date(at).toISOString().slice(0, 19).replace('T', ' ')

/** A Vitcom origination day file of `rows` calls, written in slices. */
function writeDayFile(path: string, rows: number): void {
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, 'call_id,start_time,answer_time,end_time,ani,dnis,duration_sec,billed_sec,rate_per_min,charge,disposition,sip_code,cause_code,cause_text,trunk_group\n')
    let slice: string[] = []
    callsOf(17, historyStart, rows, (c) => {
      const answerAt = c.answered ? c.startedAt + 4_000 : undefined
      const endAt = (answerAt ?? c.startedAt + 2_000) + c.duration * 1000
      const [sip, cause, text, disposition] = c.answered ? [200, 16, 'Normal call clearing', 'ANSWERED'] : c.failure
      const charge = ((c.billed / 60) * c.rate).toFixed(6)
      slice.push(
        [c.id, stamp(c.startedAt), answerAt === undefined ? '' : stamp(answerAt), stamp(endAt), c.theirs, c.ours, c.duration, c.billed,
          c.rate.toFixed(4), charge, disposition, sip, cause, text.includes(',') ? `"${text}"` : text, c.trunk].join(','),
      )
      if (slice.length === 5_000) {
        writeSync(fd, `${slice.join('\n')}\n`)
        slice = []
      }
    })
    if (slice.length > 0) writeSync(fd, `${slice.join('\n')}\n`)
  } finally {
    closeSync(fd)
  }
}

// One benchmark file at a time (vitest runs files in parallel): timings must not share the CPU.
const release = await exclusive()
const dir = tempDir('carrierdesk-bench-cdrs-')
const csvFile = join(dir.path, 'orig_2026-10-01_success.csv')
let started = performance.now()
writeDayFile(csvFile, fileRows)
const fileSeconds = (performance.now() - started) / 1000

let files = 0
const nextDb = (): string => join(dir.path, `ingest-${(files += 1)}.sqlite`)
const mb = (bytes: number): number => bytes / 1_048_576

const samples = { parse: [] as number[], bare: [] as number[], ingest: [] as number[], rssGrowth: [] as number[], anonGrowth: [] as number[] }

async function parseAlone(): Promise<void> {
  const t = performance.now()
  let rows = 0
  for await (const batch of readCsvRows(createReadStream(csvFile, { highWaterMark: 1 << 20 }))) rows += batch.length
  samples.parse.push(performance.now() - t)
  if (rows !== fileRows + 1) throw new Error(`The parser read ${rows} rows, the file has ${fileRows + 1}`)
}

const bareColumns = `record_id, direction, started_at, answered_at, ended_at, from_number, to_number, our_number, other_number,
  destination, trunk, duration_seconds, billed_seconds, disposition, cause_code, cause_text, cost, raw`

/** The reader's records inserted bare, one prepared INSERT per row in one transaction per batch: only the inserts are timed. */
async function bareInsert(): Promise<void> {
  const db = new Database(nextDb())
  try {
    db.exec(`CREATE TABLE call_records (account_key INTEGER, ${bareColumns})`)
    const insert = db.prepare(`INSERT INTO call_records (account_key, ${bareColumns}) VALUES (1, ${bareColumns.split(',').map(() => '?').join(', ')})`)
    const write = db.transaction((records: CdrRecord[]) => {
      for (const r of records) {
        const other = r.ourNumber === r.from ? r.to : r.from
        insert.run(r.id, r.direction, r.startedAt, r.answeredAt ?? null, r.endedAt ?? null, r.from, r.to, r.ourNumber ?? null, other,
          destinationOf(other), r.trunk ?? null, r.durationSeconds, r.billedSeconds, r.disposition, r.causeCode ?? null, r.causeText ?? null,
          r.cost ?? null, typeof r.raw === 'string' ? r.raw : JSON.stringify(r.raw ?? null))
      }
    })
    let inserting = 0
    await readVitcomCdrFile({
      file: csvFile,
      accountId: vitcom.id,
      direction: 'origination',
      signal: new AbortController().signal,
      onRows: (records) => {
        const t = performance.now()
        write(records)
        inserting += performance.now() - t
      },
    })
    samples.bare.push(inserting)
  } finally {
    db.close()
  }
}

/** The real path: the Vitcom reader into an ingest session, then its commit (rollups and all). */
async function ingest(): Promise<void> {
  const store = openStore(nextDb())
  try {
    insertAccounts(store, [vitcom])
    const rssStart = process.memoryUsage().rss
    let rssPeak = rssStart
    const anonStart = rssAnon()
    let anonPeak = anonStart
    const t = performance.now()
    const session = store.callRecords.beginIngest(vitcom.id, vitcom.carrier, { source: 'file:2026-10-01/origination/success' })
    try {
      const read = await readVitcomCdrFile({
        file: csvFile,
        accountId: vitcom.id,
        direction: 'origination',
        signal: new AbortController().signal,
        onRows: (records) => {
          session.write(records)
          rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
          anonPeak = Math.max(anonPeak, rssAnon())
        },
      })
      const { added } = session.commit({ startedAt: 0, finishedAt: 0 }, { read: read.read, rejected: read.rejected, problems: read.problems, rawHeader: read.header })
      if (added !== fileRows || read.rejected !== 0) throw new Error(`Ingested ${added} of ${fileRows} rows, ${read.rejected} rejected`)
    } finally {
      session.dispose()
    }
    samples.ingest.push(performance.now() - t)
    samples.rssGrowth.push(Math.max(rssPeak, process.memoryUsage().rss) - rssStart)
    samples.anonGrowth.push(Math.max(anonPeak, rssAnon()) - anonStart)
  } finally {
    store.close()
  }
}

// The query side: records of two accounts over 60 days, through the real ingest path, one ingest per account-day.
const queryDir = join(dir.path, 'query.sqlite')
const store: Store = openStore(queryDir)
insertAccounts(store, [vitcom, call48])
started = performance.now()
const perDay = Math.ceil(recordCount / (historyDays * 2))
for (const [index, account] of [vitcom, call48].entries()) {
  for (let d = 0; d < historyDays; d += 1) {
    const dayStart = historyStart + d * day
    const session = store.callRecords.beginIngest(account.id, account.carrier, { source: `bench:${d}`, windowFrom: dayStart, windowTo: dayStart + day })
    try {
      let page: CdrRecord[] = []
      callsOf(1000 * (index + 1) + d, dayStart, perDay, (c) => {
        const [, cause, text, disposition] = c.failure
        const inbound = c.startedAt % 3 !== 0
        const ours = `+1${c.ours}`
        const theirs = `+1${c.theirs}`
        page.push({
          accountId: account.id,
          carrier: account.carrier,
          id: c.id,
          direction: inbound ? 'origination' : 'termination',
          startedAt: c.startedAt,
          answeredAt: c.answered ? c.startedAt + 4_000 : undefined,
          endedAt: c.startedAt + 4_000 + c.duration * 1000,
          from: inbound ? theirs : ours,
          to: inbound ? ours : theirs,
          ourNumber: ours,
          trunk: c.trunk,
          durationSeconds: c.duration,
          billedSeconds: c.billed,
          disposition: c.answered ? 'answered' : (({ BUSY: 'busy', 'NO ANSWER': 'no-answer', CANCELLED: 'cancelled' }) as Record<string, CdrRecord['disposition']>)[disposition] ?? 'failed',
          causeCode: String(c.answered ? 16 : cause),
          causeText: c.answered ? 'Normal call clearing' : text,
          cost: (c.billed / 60) * c.rate,
          raw: c.id,
        })
        if (page.length === 5_000) {
          session.write(page)
          page = []
        }
      })
      if (page.length > 0) session.write(page)
      session.commit({ startedAt: 0, finishedAt: 0 }, { read: perDay, rejected: 0, problems: [] })
    } finally {
      session.dispose()
    }
  }
}
const seedSeconds = (performance.now() - started) / 1000
const seeded = perDay * historyDays * 2

// 30 days ending mid-history, starting and ending off the hour, so both partial ends are read from the records.
const rangeTo = historyStart + 45 * day + 13 * hour + 17 * 60_000
const range = { from: rangeTo - 30 * day, to: rangeTo, filters: { accountIds: [vitcom.id], direction: 'origination', trunk: 'TG101' } satisfies CdrFilters }
const statsQuery: CdrStatsQuery = { range, limit: 1_000 }
const listQuery = { range, order: 'newest' as const, offset: 0, limit: 100 }
const inRange = store.callRecords.stats(statsQuery).total.attempts
const plainTotal = store.callRecords.stats(statsQuery, { rollups: false }).total.attempts
if (inRange !== plainTotal || inRange === 0) throw new Error(`Rollups count ${inRange} records in range, the records ${plainTotal}`)

const bareDb = new Database(queryDir, { readonly: true })
const vitcomKey = store.callRecords.accountKey(vitcom.id, vitcom.carrier)
const where = recordWhere([vitcomKey], range.filters, range.from, range.to)
const bareList = bareDb.prepare(
  `SELECT account_key, record_id, ingest_id, direction, started_at, answered_at, ended_at, from_number, to_number,
     our_number, trunk, duration_seconds, billed_seconds, disposition, cause_code, cause_text, cost
   FROM call_records WHERE ${where.sql} ORDER BY started_at DESC, account_key DESC, record_id DESC LIMIT ? OFFSET ?`,
)
const timings = { stats: [] as number[], aggregate: [] as number[], list: [] as number[], bareList: [] as number[] }
const timed = (into: number[], run: () => unknown): void => {
  const t = performance.now()
  run()
  into.push(performance.now() - t)
}
const median = (values: readonly number[]): number => percentile(values, 50)

function summarise(): void {
  const rate = (ms: number): number => fileRows / (ms / 1000)
  const ingestRate = rate(median(samples.ingest))
  const parseRate = rate(median(samples.parse))
  const bareRate = rate(median(samples.bare))
  const growth = mb(Math.max(...samples.rssGrowth))
  const stats95 = percentile(timings.stats, 95)
  const aggregate95 = percentile(timings.aggregate, 95)
  const list95 = percentile(timings.list, 95)
  const bareList95 = percentile(timings.bareList, 95)
  const fileSize = `${fileRows.toLocaleString('en-US')}-row file`
  const cached = `${seeded.toLocaleString('en-US')} records`
  const figures: Figure[] = [
    { metric: `CDR file ingest vs the CSV parser alone (${fileSize})`, measured: ingestRate, baseline: parseRate, unit: 'rows/s', ratio: ingestRate / parseRate, target: '≥ 0.5x parser alone', met: ingestRate / parseRate >= 0.5 },
    { metric: `CDR file ingest vs a bare prepared INSERT (${fileSize})`, measured: ingestRate, baseline: bareRate, unit: 'rows/s', ratio: ingestRate / bareRate, target: '≥ 0.5x bare insert', met: ingestRate / bareRate >= 0.5 },
    { metric: `CDR file ingest, RSS growth (${fileSize})`, measured: growth, unit: 'MB', target: '< 100 MB', met: growth < 100 },
    { metric: `KPIs p95, 30 days, one account, direction + trunk (${cached})`, measured: stats95, baseline: aggregate95, unit: 'ms', ratio: stats95 / aggregate95, target: '< 100 ms', met: stats95 < 100 },
    { metric: `Table first page p95, same range and filters (${cached})`, measured: list95, baseline: bareList95, unit: 'ms', ratio: list95 / bareList95, target: '< 50 ms', met: list95 < 50 },
  ]
  report('cdrs', figures, [
    `file of ${fileRows.toLocaleString('en-US')} rows generated in ${fileSeconds.toFixed(1)} s; ingest, parse and bare insert: median of ${samples.ingest.length} rounds each`,
    `RSS growth of the ingest, largest of the rounds: ${growth.toFixed(0)} MB, of which not file-backed (RssAnon) ${mb(Math.max(...samples.anonGrowth)).toFixed(0)} MB; the rest is SQLite's memory-mapped database file`,
    `seconds per file (median): parser alone ${(median(samples.parse) / 1000).toFixed(2)}, bare inserts ${(median(samples.bare) / 1000).toFixed(2)}, ingest ${(median(samples.ingest) / 1000).toFixed(2)}`,
    `${cached} in 2 accounts over ${historyDays} days seeded through ingest sessions in ${seedSeconds.toFixed(1)} s; the range holds ${inRange.toLocaleString('en-US')} of them after its filters`,
    `KPI baseline: the same stats query from the records alone (plain aggregates, rollups off), p95 of ${timings.aggregate.length} calls; store calls: ${timings.stats.length}`,
    `first-page baseline: the same SQL bare on its own read-only connection, p95 of ${timings.bareList.length} calls`,
  ])
}

const rounds = Number(process.env.BENCH_CDR_ROUNDS ?? 2)
const once = { time: 0, iterations: rounds, warmupTime: 0, warmupIterations: 0 }
const repeated = (n: number): { time: number; iterations: number; warmupTime: number; warmupIterations: number } => ({ time: 0, iterations: n, warmupTime: 0, warmupIterations: 3 })

describe(`call records: a ${fileRows.toLocaleString('en-US')}-row CDR file, ${seeded.toLocaleString('en-US')} cached records`, () => {
  bench('streaming CSV parser alone (baseline)', parseAlone, once)
  bench('reader + bare prepared INSERT (baseline; inserts timed)', bareInsert, once)
  bench('Vitcom reader + ingest session + commit', ingest, once)
  bench('plain aggregates over the records (baseline)', () => timed(timings.aggregate, () => store.callRecords.stats(statsQuery, { rollups: false })), {
    ...repeated(bareAggregateIterations),
    setup: (_task, mode) => {
      if (mode === 'run') timings.aggregate.length = 0
    },
  })
  bench('store.callRecords.stats: 30 days, one account, two filters', () => timed(timings.stats, () => store.callRecords.stats(statsQuery)), {
    ...repeated(iterations),
    setup: (_task, mode) => {
      if (mode === 'run') timings.stats.length = 0
    },
  })
  bench('bare SQL: first page (baseline)', () => timed(timings.bareList, () => bareList.all(...where.params, 100, 0)), {
    ...repeated(iterations),
    setup: (_task, mode) => {
      if (mode === 'run') timings.bareList.length = 0
    },
  })
  bench('store.callRecords.list: first page', () => timed(timings.list, () => store.callRecords.list(listQuery)), {
    ...repeated(iterations),
    setup: (_task, mode) => {
      if (mode === 'run') timings.list.length = 0
    },
    teardown: (_task, mode) => {
      if (mode !== 'run') return
      summarise()
      bareDb.close()
      store.close()
      dir.remove()
      release()
    },
  })
})
