/**
 * Sync in worker threads (the built out/main/sync-worker.js), through the real core, keychain and
 * simulators: while a large account syncs, the thread that answers the window keeps answering reads and
 * writes; a worker that cannot work or dies ends its areas failed, with the reason, and no run left
 * `running`.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountView, SyncProgress } from '../../src/shared/domain'
import { AccountInputSchema } from '../../src/shared/ipc-shared'
import { createCarrierDesk, type CarrierDesk } from '../../src/main/core/carrierdesk'
import { createDispatcher, type Dispatcher } from '../../src/main/core/dispatcher'
import { databaseFile } from '../../src/main/core/paths'
import { startCliSandbox, type CliSandbox } from '../helpers/cli-sandbox'
import { openSandboxDesk, syncFinished, type SandboxDesk } from '../helpers/sandbox-desk'
import { builtSyncWorker } from '../helpers/sync-worker'
import { requireKeyring, tempDir } from '../helpers/temp'

const runningRows = (env: SandboxDesk): number =>
  env.desk.store.db.prepare(`SELECT count(*) FROM sync_runs WHERE outcome = 'running'`).pluck().get() as number

beforeAll(() => {
  if (!existsSync(builtSyncWorker)) throw new Error('out/main/sync-worker.js is missing: run `npx electron-vite build` (npm test does it first)')
})

describe('a long sync in a worker thread', () => {
  // The carriers are somebody else's servers: the Sandbox runs in its own process, as the CLI starts it, so
  // this thread serves only the reads (an in-process Sandbox would build every page on it).
  let sandbox: CliSandbox
  let desk: CarrierDesk
  let dispatcher: Dispatcher
  const data = tempDir('carrierdesk-sync-worker-')
  const accounts: Partial<Record<'call48' | 'vitcom', AccountView>> = {}
  beforeAll(async () => {
    requireKeyring()
    sandbox = await startCliSandbox(['--numbers', '40000', '--seed', '11'])
    desk = createCarrierDesk({ dataDir: data.path, actor: 'test', syncWorker: builtSyncWorker })
    dispatcher = createDispatcher(desk)
    for (const carrier of ['call48', 'vitcom'] as const) {
      accounts[carrier] = await desk.accounts.add(AccountInputSchema.parse(sandbox.line.carriers[carrier]!.account))
    }
  }, 60_000)
  afterAll(async () => {
    for (const account of Object.values(accounts)) await desk?.accounts.remove({ id: account.id }).catch(() => undefined)
    await desk?.close()
    await sandbox?.stop()
    data.remove()
  })

  it('leaves reads and writes answering before it ends, each within a second', async () => {
    const call48 = accounts.call48!
    const vitcom = accounts.vitcom!
    expect(desk.sync.workerScript).toBe(builtSyncWorker)
    // A number cached first, for the write made during the long sync.
    const [small] = await desk.sync.start({ accountIds: [vitcom.id], areas: ['numbers'] }).done
    expect(small).toMatchObject({ outcome: 'succeeded' })
    const target = desk.store.numbers.list({ filters: { accountIds: [vitcom.id] }, limit: 1 }).rows[0]!
    // After a sync this thread computes the findings (findings.follow, 150 ms later): let it, then warm the page.
    await new Promise((resolve) => setTimeout(resolve, 500))
    await dispatcher.invoke('numbers.list', { limit: 100 })

    const pages: SyncProgress[] = []
    const offProgress = desk.events.on('sync.progress', (progress) => {
      if (progress.phase === 'page') pages.push(progress)
    })
    const started = performance.now()
    const run = desk.sync.start({ accountIds: [call48.id], areas: ['numbers'] })
    let ended = false
    void run.done.finally(() => (ended = true))
    while (pages.length === 0 && !ended) await new Promise((resolve) => setTimeout(resolve, 5))

    // Each call is due 20 ms after the last one was answered (the window does not wait for a busy thread):
    // its time counts from then, so a thread that was busy when it fell due shows in it.
    const answered: { channel: string; ms: number; beforeEnd: boolean }[] = []
    let due = performance.now()
    const timed = async (channel: 'numbers.list' | 'accounts.list' | 'numbers.setNotes', input: unknown): Promise<void> => {
      const result = await dispatcher.invoke(channel, input)
      expect(result.ok, JSON.stringify(result)).toBe(true)
      answered.push({ channel, ms: performance.now() - due, beforeEnd: !ended })
      due = performance.now()
    }
    let wrote = false
    while (!ended) {
      await timed('numbers.list', { filters: {}, sort: { column: 'e164', direction: 'asc' }, limit: 100 })
      await timed('accounts.list', undefined)
      if (!wrote && pages.length >= 2) {
        await timed('numbers.setNotes', { accountId: vitcom.id, e164: target.e164, tags: ['mid-sync'], notes: 'written while Call48 synced' })
        wrote = true
      }
      due = performance.now() + 20
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    offProgress()
    const [result] = await run.done
    const syncMs = performance.now() - started
    expect(result).toMatchObject({ outcome: 'succeeded' })
    expect(result!.rows).toBeGreaterThan(10_000)
    expect(desk.store.numbers.list({ filters: { accountIds: [call48.id] }, limit: 1 }).total).toBe(result!.rows)

    const duringSync = answered.filter((each) => each.beforeEnd)
    const slowest = Math.max(...duringSync.map((each) => each.ms))
    const worst = [...duringSync].sort((a, b) => b.ms - a.ms).slice(0, 5).map((each) => `${each.channel} ${Math.round(each.ms)} ms`)
    console.log(`sync ${Math.round(syncMs)} ms, ${result!.rows} rows; ${duringSync.length} calls answered during it, slowest: ${worst.join(", ")}`)
    expect(syncMs).toBeGreaterThan(1_000)
    expect(duringSync.filter((each) => each.channel === 'numbers.list').length).toBeGreaterThanOrEqual(10)
    expect(duringSync.some((each) => each.channel === 'numbers.setNotes')).toBe(true)
    // Generous, for a loaded 2-core machine (the strict 50 ms p95 is the benchmark's): a read after the
    // worker's commit counts the new totals from the file, and the page-by-page reads take tens of ms.
    expect(slowest).toBeLessThan(1_000)
    // The note written beside the sync's pages is kept, and the sync's commit did not undo it.
    expect(desk.store.numbers.get({ accountId: vitcom.id, e164: target.e164 })).toMatchObject({ tags: ['mid-sync'], notes: 'written while Call48 synced' })
  }, 240_000)

  it('keeps answering while another connection holds the write lock, and records the area once it is free', async () => {
    const vitcom = accounts.vitcom!
    // Another account's long commit, as its worker's connection holds it: the write lock, for 1.5 s. This
    // thread used to wait for it inside SQLite to record the area's start, answering nothing meanwhile.
    const other = new Database(databaseFile(data.path))
    const lockedMs = 1_500
    other.exec('BEGIN IMMEDIATE')
    const started = performance.now()
    const released = new Promise<number>((resolve) =>
      setTimeout(() => {
        other.exec('COMMIT')
        resolve(performance.now() - started)
      }, lockedMs),
    )
    try {
      const run = desk.sync.start({ accountIds: [vitcom.id], areas: ['numbers'] })
      const whileLocked: number[] = []
      while (performance.now() - started < lockedMs - 100) {
        const due = performance.now()
        expect(await dispatcher.invoke('app.status', {})).toMatchObject({ ok: true })
        expect(await dispatcher.invoke('numbers.list', { offset: 0, limit: 100 })).toMatchObject({ ok: true })
        whileLocked.push(performance.now() - due)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const [result] = await run.done
      const releasedAt = await released
      expect(result).toMatchObject({ outcome: 'succeeded' })
      expect(result!.rows).toBeGreaterThan(10_000)
      // The lock was released on time (this thread's timer ran) and every read answered while it was held.
      expect(releasedAt).toBeLessThan(lockedMs + 500)
      expect(whileLocked.length).toBeGreaterThanOrEqual(10)
      expect(Math.max(...whileLocked)).toBeLessThan(300)
      const recorded = desk.store.db
        .prepare(`SELECT outcome, rows FROM sync_runs WHERE run_id = ? AND account_id = ? AND area = 'numbers'`)
        .get(run.runId, vitcom.id)
      expect(recorded).toEqual({ outcome: 'succeeded', rows: result!.rows })
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK')
      other.close()
    }
  }, 120_000)
})

describe('a sync worker that cannot work', () => {
  const scripts = tempDir('carrierdesk-worker-')
  afterAll(() => scripts.remove())

  /** A desk whose sync worker is `source` (written to a file), with a Call48 sandbox account. */
  const deskWith = async (source: string): Promise<SandboxDesk> => {
    const script = join(scripts.path, `worker-${Math.random().toString(36).slice(2)}.cjs`)
    writeFileSync(script, source)
    return openSandboxDesk({ carriers: ['call48'], numbers: 200 }, { syncWorker: script })
  }

  it('dying in the middle of an area ends that area and the rest failed, with no run left running', async () => {
    // Answers like the real worker until it is asked to work, then its thread exits after one page.
    const env = await deskWith(`
      const { parentPort } = require('node:worker_threads')
      parentPort.on('message', (message) => {
        if (message.type !== 'ask') return
        if (message.ask.op === 'work') {
          parentPort.postMessage({ type: 'progress', rows: 100, pages: 1 })
          setTimeout(() => process.exit(3), 100)
          return
        }
        parentPort.postMessage({ type: 'answer', id: message.id, value: message.ask.op === 'prepare' ? true : undefined })
      })`)
    try {
      const run = env.desk.sync.start({ areas: ['numbers', 'trunks'] })
      const finished = syncFinished(env.dispatcher, run.runId)
      const results = await run.done
      expect(results.map((r) => [r.area, r.outcome])).toEqual([['numbers', 'failed'], ['trunks', 'failed']])
      expect(results[0]!.message).toMatch(/sync worker exited \(code 3\)/)
      expect(results[1]!.message).toMatch(/sync worker exited \(code 3\)/)
      expect((await finished).results).toHaveLength(2)
      expect(runningRows(env)).toBe(0)
      expect(env.desk.accounts.list()[0]!.lastSync).toMatchObject({ runId: run.runId, outcome: 'failed' })
    } finally {
      await env.close()
    }
  }, 60_000)

  it('throwing as it loads fails the account’s areas, saying so, with no run left running', async () => {
    const env = await deskWith(`throw new Error('the worker could not load')`)
    try {
      const results = await env.desk.sync.start({ areas: ['numbers', 'ports'] }).done
      expect(results.map((r) => r.outcome)).toEqual(['failed', 'failed'])
      for (const result of results) expect(result.message).toMatch(/sync worker stopped: the worker could not load/)
      expect(runningRows(env)).toBe(0)
      expect(env.desk.store.db.prepare(`SELECT area, outcome FROM sync_runs ORDER BY area`).all()).toEqual([
        { area: 'numbers', outcome: 'failed' },
        { area: 'ports', outcome: 'failed' },
      ])
    } finally {
      await env.close()
    }
  }, 60_000)

  it('with the database moved away, fails with the reason instead of creating a new one', async () => {
    const env = await openSandboxDesk({ carriers: ['call48'], numbers: 200 }, { syncWorker: builtSyncWorker })
    const moved = `${env.dataDir}-moved`
    try {
      // This thread keeps its open connection (and its WAL files) to the moved database.
      renameSync(env.dataDir, moved)
      const results = await env.desk.sync.start({ areas: ['numbers'] }).done
      expect(results).toMatchObject([{ area: 'numbers', outcome: 'failed' }])
      expect(results[0]!.message).toMatch(/sync worker could not open the database/)
      expect(existsSync(join(env.dataDir, 'carrierdesk.db'))).toBe(false)
      expect(runningRows(env)).toBe(0)
    } finally {
      if (existsSync(moved)) {
        renameSync(moved, env.dataDir)
      }
      await env.close()
    }
  }, 60_000)
})
