/**
 * Exports stream for seconds over a large cache; the technician keeps working meanwhile. With 100,000
 * cached numbers, a numbers export and a CDR export run while notes are saved and a sync of every Sandbox
 * account runs, all through the dispatcher: every one succeeds, the files hold exactly the rows the cache
 * held when they started, the sync reports `sync.finished` and leaves no run `running`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CdrRecord } from '../../src/shared/domain'
import { callRecord, putCallRecords } from '../helpers/call-records'
import type { SyncFinished } from '../../src/shared/ipc-shared'
import { makeNumbers, syncThroughStore, type BenchAccount } from '../bench/fixtures'
import { openSandboxDesk, syncFinished, type SandboxDesk } from '../helpers/sandbox-desk'

const bulk: BenchAccount = { id: 'acc-bulk', carrier: 'call48', name: 'Bulk cache' }
const cachedNumbers = 100_000
const cachedCalls = 20_000
const asOf = Date.UTC(2026, 10, 20, 12, 0, 0)

describe('exports beside writes', () => {
  let env: SandboxDesk
  let firstNumber = ''

  beforeAll(async () => {
    env = await openSandboxDesk({ numbers: 2_000, seed: 12 })
    const { store } = env.desk
    // A plain cached account (not synced by these tests): the rows the exports read.
    store.accounts.insert({
      id: bulk.id, carrier: bulk.carrier, name: bulk.name, baseUrl: 'http://127.0.0.1:9', environment: 'sandbox',
      storedSecrets: [], createdAt: 1, updatedAt: 1,
    })
    const rows = makeNumbers(bulk, cachedNumbers, { seed: 7, asOf })
    syncThroughStore(store, bulk.id, rows, asOf)
    firstNumber = rows[0]!.e164
    const calls: CdrRecord[] = []
    for (let i = 0; i < cachedCalls; i += 1) {
      calls.push(callRecord(bulk.id, `call-${i}`, { startedAt: asOf - i * 1000, durationSeconds: i % 600, billedSeconds: i % 600, raw: { i } }))
    }
    putCallRecords(store, calls)
  }, 120_000)
  afterAll(async () => {
    await env?.close()
  })

  const sandboxIds = (): string[] => env.accounts.map((account) => account.id)
  const partFiles = (): string[] => {
    const dir = join(env.dataDir, 'exports')
    return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.part')) : []
  }
  const until = async (done: () => boolean, what: string, timeoutMs = 20_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
  }
  const runRows = (runId: string): { outcome: string; finished_at: number | null }[] =>
    env.desk.store.db.prepare('SELECT outcome, finished_at FROM sync_runs WHERE run_id = ?').all(runId) as never
  /** The data lines of an export (no field of these rows holds a line break), and its header's columns. */
  const csvLines = (file: string): { header: string[]; lines: string[] } => {
    const [header = '', ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n')
    return { header: header.split(','), lines }
  }

  it('exports numbers and CDRs while notes are saved and every account syncs', async () => {
    const numbersExport = env.dispatcher.invoke('numbers.export', {
      query: { filters: { accountIds: [bulk.id] } },
      timeZone: 'America/New_York',
    })
    const cdrExport = env.dispatcher.invoke('cdrs.export', { range: { from: asOf - 365 * 86_400_000, to: asOf + 1, filters: { accountIds: [bulk.id] } }, timeZone: 'UTC' })
    // Both are streaming (their .part files exist) when the writes come.
    await until(() => partFiles().length === 2, 'both exports to start writing')

    const saved = await env.dispatcher.invoke('numbers.setNotes', {
      accountId: bulk.id, e164: firstNumber, tags: ['vip'], notes: 'Checked during the export',
    })
    expect(saved).toMatchObject({ ok: true, value: { e164: firstNumber, tags: ['vip'], notes: 'Checked during the export' } })
    const started = await env.dispatcher.invoke('sync.start', { accountIds: sandboxIds(), areas: ['numbers', 'trunks', 'ports'] })
    expect(started.ok).toBe(true)
    if (!started.ok) return
    const finished = syncFinished(env.dispatcher, started.value.runId)
    // The writes did not wait for the exports: they are still streaming.
    expect(partFiles().length).toBeGreaterThan(0)

    const [numbers, cdrs, sync] = await Promise.all([numbersExport, cdrExport, finished])
    expect(numbers).toMatchObject({ ok: true, value: { rows: cachedNumbers } })
    expect(cdrs).toMatchObject({ ok: true, value: { rows: cachedCalls } })
    if (!numbers.ok || !cdrs.ok) return
    const numberCsv = csvLines(numbers.value.file)
    expect(numberCsv.header[0]).toBe('number')
    expect(numberCsv.lines).toHaveLength(cachedNumbers)
    // Every cached number once (the number is the first column and never quoted).
    expect(new Set(numberCsv.lines.map((line) => line.slice(0, line.indexOf(',')))).size).toBe(cachedNumbers)
    const cdrCsv = csvLines(cdrs.value.file)
    expect(cdrCsv.header[0]).toBe('start (UTC)')
    expect(cdrCsv.lines).toHaveLength(cachedCalls)
    expect(partFiles()).toEqual([])

    expect(sync.results.length).toBeGreaterThan(0)
    expect(sync.results.filter((r) => r.outcome !== 'succeeded' && r.outcome !== 'unsupported')).toEqual([])
    expect(sync.results.filter((r) => r.area === 'numbers' && r.outcome === 'succeeded').length).toBeGreaterThanOrEqual(3)
    const rows = runRows(started.value.runId)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.filter((row) => row.outcome !== 'succeeded' || row.finished_at === null)).toEqual([])
    // The note written beside the export is kept.
    const detail = await env.dispatcher.invoke('numbers.get', { accountId: bulk.id, e164: firstNumber })
    expect(detail.ok && detail.value.number.notes).toBe('Checked during the export')
  }, 120_000)

  it('a sync keeps going when an export starts in the middle of it', async () => {
    const run = env.desk.sync.start({ accountIds: sandboxIds(), areas: ['numbers'] })
    const events: SyncFinished[] = []
    const off = env.dispatcher.subscribe('sync.finished', (event) => events.push(event))
    let paged = false
    const stop = env.dispatcher.subscribe('sync.progress', (progress) => {
      if (progress.runId === run.runId && progress.phase === 'page') paged = true
    })
    await until(() => paged, 'the sync to write its first page')
    stop()
    const exported = env.dispatcher.invoke('numbers.export', { query: { filters: { accountIds: [bulk.id] } }, timeZone: 'UTC' })
    const results = await run.done
    off()
    expect(results.filter((r) => r.outcome !== 'succeeded')).toEqual([])
    expect(events.map((event) => event.runId)).toEqual([run.runId])
    expect(runRows(run.runId).filter((row) => row.outcome !== 'succeeded')).toEqual([])
    const result = await exported
    expect(result).toMatchObject({ ok: true, value: { rows: cachedNumbers } })
    if (result.ok) expect(csvLines(result.value.file).lines).toHaveLength(cachedNumbers)
  }, 120_000)
})
