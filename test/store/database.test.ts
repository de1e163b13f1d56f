import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/store/database'
import { migrations } from '../../src/main/store/migrations'
import { openStore } from '../../src/main/store/store'
import { tempDir } from '../helpers/temp'

describe('the database', () => {
  const dirs: { remove(): void }[] = []
  afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()))
  const newPath = (): string => {
    const dir = tempDir()
    dirs.push(dir)
    return join(dir.path, 'carrierdesk.db')
  }

  it('applies every migration, with WAL and foreign keys on', () => {
    const db = openDatabase({ path: newPath() })
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()
    expect(tables).toEqual(expect.arrayContaining(['accounts', 'activity', 'numbers', 'sync_runs']))
    db.close()
  })

  it('refuses a database written by a newer version and leaves it unchanged', () => {
    const path = newPath()
    const newer = new Database(path)
    newer.exec('CREATE TABLE future (x)')
    newer.pragma(`user_version = ${migrations.length + 3}`)
    newer.close()
    const before = readFileSync(path)

    expect(() => openDatabase({ path })).toThrow(/newer version of CarrierDesk/)
    try {
      openDatabase({ path })
    } catch (error) {
      expect((error as { code?: string }).code).toBe('conflict')
    }
    expect(readFileSync(path).equals(before)).toBe(true)
    const check = new Database(path, { readonly: true })
    expect(check.pragma('user_version', { simple: true })).toBe(migrations.length + 3)
    expect(check.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'accounts'").pluck().get()).toBe(0)
    check.close()
  })

  it('rolls back a failing migration as a whole', () => {
    const path = newPath()
    const broken = [...migrations, { version: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);' }]
    expect(() => openDatabase({ path, migrations: broken })).toThrow()
    const db = openDatabase({ path })
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0)
    db.close()
  })

  it('removes an account\'s cached numbers with the account', () => {
    const store = openStore(newPath())
    store.accounts.insert({
      id: 'a1', carrier: 'call48', name: 'One', baseUrl: 'http://127.0.0.1:1', environment: 'sandbox',
      storedSecrets: [], createdAt: 1, updatedAt: 1,
    })
    const session = store.numbers.beginSync('a1')
    session.writePage([{ accountId: 'a1', carrier: 'call48', e164: '+13055550100', type: 'local', status: 'active', asOf: 5, raw: {} }])
    session.commit(6)
    expect(store.numbers.list({ limit: 10 }).total).toBe(1)
    store.accounts.delete('a1')
    expect(store.numbers.list({ limit: 10 }).total).toBe(0)
    store.close()
  })
})
