/**
 * A write that meets another connection's lock waits without blocking its thread, is made once the lock
 * is free, and gives up with SQLite's own "database is locked" (nothing written) when it never is.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/main/store/store'
import { writeWhenFree } from '../../src/main/store/write-when-free'
import { tempDir } from '../helpers/temp'

describe('writeWhenFree', () => {
  let dir: ReturnType<typeof tempDir>
  let store: Store
  let other: Database.Database
  const runsOf = (): number => store.db.prepare('SELECT count(*) FROM sync_runs').pluck().get() as number

  beforeEach(() => {
    dir = tempDir()
    store = openStore(join(dir.path, 'db.sqlite'))
    store.accounts.insert({ id: 'acct-1', carrier: 'vitcom', name: 'Vitcom', baseUrl: 'http://127.0.0.1:9', environment: 'sandbox', storedSecrets: [], createdAt: 1, updatedAt: 1 })
    other = new Database(join(dir.path, 'db.sqlite'))
  })
  afterEach(() => {
    if (other.inTransaction) other.exec('ROLLBACK')
    other.close()
    store.close()
    dir.remove()
  })

  it('waits for another connection’s lock while this thread keeps running, then writes once', async () => {
    other.exec('BEGIN IMMEDIATE')
    const started = performance.now()
    const ticks: number[] = []
    const heartbeat = setInterval(() => ticks.push(performance.now() - started), 10)
    setTimeout(() => other.exec('COMMIT'), 400)
    try {
      await writeWhenFree(store.db, () => store.syncRuns.start('run-1', 'acct-1', 'numbers', 1, null))
    } finally {
      clearInterval(heartbeat)
    }
    expect(performance.now() - started).toBeGreaterThanOrEqual(390)
    expect(runsOf()).toBe(1)
    // The thread ran its timers all along: no gap near the 400 ms a blocking wait would leave.
    const gaps = ticks.map((at, index) => at - (ticks[index - 1] ?? 0))
    expect(ticks.length).toBeGreaterThanOrEqual(15)
    expect(Math.max(...gaps)).toBeLessThan(200)
    // The connection's own busy timeout is as it was.
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000)
  })

  it('gives up with "database is locked" after its timeout, writing nothing', async () => {
    other.exec('BEGIN IMMEDIATE')
    const started = performance.now()
    await expect(writeWhenFree(store.db, () => store.syncRuns.start('run-1', 'acct-1', 'numbers', 1, null), { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'SQLITE_BUSY',
      message: 'database is locked',
    })
    expect(performance.now() - started).toBeGreaterThanOrEqual(200)
    other.exec('COMMIT')
    expect(runsOf()).toBe(0)
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000)
  })

  it('passes on any other error at once', async () => {
    const started = performance.now()
    await expect(writeWhenFree(store.db, () => store.db.exec('INSERT INTO no_such_table VALUES (1)'))).rejects.toThrow(/no such table/)
    expect(performance.now() - started).toBeLessThan(100)
  })
})
