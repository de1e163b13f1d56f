/**
 * A sync always ends: whatever fails in an area (the database refusing to record it, to finish it) becomes
 * that area's `failed` result with a clear message, `sync.finished` is emitted, `done` resolves. And closing
 * the core cancels the running syncs and jobs and lets them record how they ended before the database closes.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseFile } from '../../src/main/core/paths'
import { createKeychainVault } from '../../src/main/vault/vault'
import { openSandboxDesk, syncFinished, type SandboxDesk } from '../helpers/sandbox-desk'

describe('a sync whose database refuses to record it', () => {
  let env: SandboxDesk
  beforeAll(async () => {
    env = await openSandboxDesk({ numbers: 1_000, seed: 21 })
  })
  afterAll(async () => {
    await env?.close()
  })

  it('reports the refused areas as failed, the others as done, and always finishes', async () => {
    // Real SQLite refusals (temporary triggers on this connection): trunk runs cannot be recorded, and port
    // runs cannot be marked finished.
    env.desk.store.db.exec(`
      CREATE TEMP TRIGGER refuse_trunk_runs BEFORE INSERT ON main.sync_runs WHEN NEW.area = 'trunks'
        BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
      CREATE TEMP TRIGGER refuse_port_finish BEFORE UPDATE ON main.sync_runs WHEN NEW.area = 'ports'
        BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;`)
    try {
      const started = await env.dispatcher.invoke('sync.start', { areas: ['numbers', 'trunks', 'ports'] })
      expect(started.ok).toBe(true)
      if (!started.ok) return
      const { results } = await syncFinished(env.dispatcher, started.value.runId, 30_000)
      const trunks = results.filter((r) => r.area === 'trunks' && r.outcome !== 'unsupported')
      expect(trunks.length).toBeGreaterThan(0)
      for (const r of trunks) {
        expect(r).toMatchObject({ outcome: 'failed', errorCode: 'internal' })
        expect(r.message).toBe('The sync could not be recorded in the database: database or disk is full')
      }
      // The areas the database did record ran to the end; a port sync's data is in even though its end
      // could not be written.
      expect(results.filter((r) => r.area === 'numbers').map((r) => r.outcome)).toEqual(env.accounts.map(() => 'succeeded'))
      expect(results.filter((r) => r.area === 'ports' && r.outcome !== 'unsupported' && r.outcome !== 'succeeded')).toEqual([])
      const rows = env.desk.store.db
        .prepare("SELECT area, outcome FROM sync_runs WHERE run_id = ? AND area <> 'ports'")
        .all(started.value.runId) as { area: string; outcome: string }[]
      expect(rows.filter((row) => row.outcome !== 'succeeded')).toEqual([])
      expect(rows.filter((row) => row.area === 'trunks')).toEqual([])
    } finally {
      env.desk.store.db.exec('DROP TRIGGER temp.refuse_trunk_runs; DROP TRIGGER temp.refuse_port_finish;')
    }
  })

  it('the same run through desk.sync resolves done rather than rejecting', async () => {
    env.desk.store.db.exec(`CREATE TEMP TRIGGER refuse_runs BEFORE INSERT ON main.sync_runs
      BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;`)
    try {
      const run = env.desk.sync.start({ areas: ['numbers'] })
      const results = await run.done
      expect(results.map((r) => r.outcome)).toEqual(env.accounts.map(() => 'failed'))
      expect(results[0]?.message).toMatch(/could not be recorded in the database: disk I\/O error/)
    } finally {
      env.desk.store.db.exec('DROP TRIGGER temp.refuse_runs')
    }
  })
})

describe('closing the core while work runs', () => {
  it('cancels the running sync and job, lets them record how they ended, then closes', async () => {
    const env = await openSandboxDesk({ numbers: 1_000, seed: 22 })
    const call48 = env.account('call48')
    const vitcom = env.account('vitcom')
    try {
      await env.desk.sync.start({ accountIds: [vitcom.id], areas: ['cdrs'] }).done
      const [file] = env.desk.store.cdrs.files(vitcom.id)
      expect(file).toBeDefined()
      if (!file) return
      env.sandbox.carriers.call48!.faults.configure({ latencyMs: 400 })
      env.sandbox.carriers.vitcom!.faults.configure({ latencyMs: 20_000 })

      const run = env.desk.sync.start({ accountIds: [call48.id], areas: ['numbers'] })
      const download = env.dispatcher.invoke('cdrs.download', {
        jobId: crypto.randomUUID(), accountId: vitcom.id, day: file.day, kind: file.kind, direction: file.direction,
      })
      await new Promise((resolve) => setTimeout(resolve, 600))

      const closing = performance.now()
      await env.desk.close()
      expect(performance.now() - closing).toBeLessThan(8_000)

      expect((await run.done).map((r) => r.outcome)).toEqual(['cancelled'])
      expect(await download).toMatchObject({ ok: false, error: { code: 'cancelled' } })
      const downloads = join(env.dataDir, 'downloads')
      expect(existsSync(downloads) ? readdirSync(downloads).filter((name) => name.endsWith('.part')) : []).toEqual([])
      // What the file on disk says once the core is gone: the run ended as cancelled, nothing left running.
      const db = new Database(databaseFile(env.dataDir), { readonly: true })
      try {
        expect(db.prepare('SELECT outcome, finished_at IS NOT NULL AS ended FROM sync_runs WHERE run_id = ?').all(run.runId)).toEqual([
          { outcome: 'cancelled', ended: 1 },
        ])
        expect(db.prepare("SELECT count(*) AS n FROM sync_runs WHERE outcome = 'running'").get()).toEqual({ n: 0 })
      } finally {
        db.close()
      }
      // Nothing new starts on a closed core.
      expect(await env.dispatcher.invoke('sync.start', {})).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    } finally {
      const vault = createKeychainVault()
      for (const account of env.accounts) await vault.removeAll(account.id)
      await env.desk.close()
      rmSync(env.dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})
