/**
 * Every earlier schema, with rows in it, taken through every later migration: the rows survive (and are
 * found by the search the numbers' full-text index serves), and the schema ends exactly as a fresh
 * database's. The list of migrations itself is checked: versions run 1, 2, 3 ... with no gap or repeat.
 */
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/main/store/database'
import { checkedMigrations, migrations } from '../../src/main/store/migrations'
import { openStore } from '../../src/main/store/store'
import { tempDir } from '../helpers/temp'

const latest = migrations.at(-1)!.version

/** Rows as a database of schema `version` held them, in that schema's own columns. */
function seed(db: Db, version: number): void {
  const insert = (table: string, row: Record<string, unknown>): void => {
    const keys = Object.keys(row)
    db.prepare(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map((key) => `@${key}`).join(', ')})`).run(row)
  }
  const common = { base_url: 'http://127.0.0.1:9/api', environment: 'sandbox', created_at: 1, updated_at: 2 }
  if (version < 4) {
    insert('accounts', { id: 'a1', carrier: 'call48', name: 'Call48 NOC', username: 'noc', scope: 'admin', stored_secrets: '["password"]', ...common })
    insert('accounts', { id: 'a2', carrier: 'vitcom', name: 'Vitcom', account_no: '1001', stored_secrets: '["token"]', ...common })
    insert('accounts', { id: 'a3', carrier: 'nexogy', name: 'Nexogy', username: 'lab', client_id: 'cid', stored_secrets: '[]', ...common })
  } else {
    insert('accounts', { id: 'a1', carrier: 'call48', name: 'Call48 NOC', settings: '{"username":"noc","scope":"admin"}', stored_secrets: '["password"]', ...common })
    insert('accounts', { id: 'a2', carrier: 'vitcom', name: 'Vitcom', settings: '{"accountNo":"1001"}', stored_secrets: '["token"]', ...common })
    insert('accounts', { id: 'a3', carrier: 'nexogy', name: 'Nexogy', settings: '{"username":"lab","clientId":"cid"}', stored_secrets: '[]', ...common })
  }
  insert('activity', { at: 5, actor: 'cli:noc', account_id: 'a1', carrier: 'call48', action: 'account.add', target: 'Call48 NOC', result: 'succeeded', details: '{"baseUrl":"x"}' })
  insert('sync_runs', { run_id: 'r1', account_id: 'a1', area: 'numbers', started_at: 10, finished_at: 11, outcome: 'succeeded', rows: 2 })
  const number = { account_id: 'a1', carrier: 'call48', type: 'local', status: 'active', state: 'FL', as_of: 12, raw: '{"did":1}' }
  insert('numbers', { ...number, e164: '+13055550100', rate_center: 'MIAMI', cnam: 'ACME DENTAL', trunk: 'trunk-1', monthly_cost: 0.5 })
  insert('numbers', { ...number, e164: '+13055550101', rate_center: 'HOMESTEAD', gone_at: 11 })
  if (version >= 2) {
    insert('account_memo', { account_id: 'a3', key: 'clients', value: '[{"id":7}]' })
    insert('trunks', { account_id: 'a1', id: 't1', carrier: 'call48', name: 'Main', direction: 'both', ips: '["10.0.0.1"]', status: 'active', as_of: 13, raw: '{}' })
    insert('port_orders', { account_id: 'a1', id: 'p1', carrier: 'call48', numbers: '["+13055550199"]', status: 'foc-set', foc_date: '2026-12-01', as_of: 14, raw: '{}' })
    insert('cdr_files', { account_id: 'a2', day: '2026-11-20', kind: 'successful', direction: 'origination', carrier: 'vitcom', url: 'https://x/f.csv', as_of: 15 })
    // Schema 11 moved call records into their own store (with its ingests and rollups), seeded by its tests.
    if (version < 11) insert('cdr_records', { account_id: 'a1', id: 'c1', carrier: 'call48', started_at: 16, from_number: '+13055550100', to_number: '+12125550100', duration_seconds: 61, disposition: 'ANSWERED', cost: 0.01, raw: '{}' })
  }
  if (version >= 3) {
    insert('number_notes', { account_id: 'a1', e164: '+13055550100', tags: 'vip', notes: 'front desk line', updated_at: 17 })
    insert('numbers_sync_state', { account_id: 'a1', confirmed_at: 18 })
    insert('saved_views', { screen: 'numbers', name: 'Mine', view: '{"a":1}', updated_at: 19 })
  }
}

/** Each object of the schema with its SQL, as SQLite keeps them. */
const schemaOf = (db: Db): unknown[] =>
  db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all()

describe('migrations', () => {
  const dirs: { remove(): void }[] = []
  afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()))
  const newPath = (): string => {
    const dir = tempDir()
    dirs.push(dir)
    return join(dir.path, 'carrierdesk.db')
  }

  it('are numbered 1, 2, 3 ... and a list with a gap, a repeat or no step is refused', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1))
    const [first, second] = migrations as [(typeof migrations)[number], (typeof migrations)[number]]
    expect(() => checkedMigrations([first, { ...second, version: 3 }])).toThrow(/expected 2/)
    expect(() => checkedMigrations([first, { ...first }])).toThrow(/expected 2/)
    expect(() => checkedMigrations([{ version: 1, name: 'nothing' }])).toThrow(/either sql or up/)
    expect(() => openDatabase({ path: newPath(), migrations: [second] })).toThrow(/expected 1/)
  })

  const fresh = (): Db => openDatabase({ path: newPath() })

  for (let version = 1; version < latest; version += 1) {
    it(`take a database of schema ${version}, with rows, to schema ${latest}: the rows survive and the schema is a fresh one's`, () => {
      const path = newPath()
      const old = openDatabase({ path, migrations: migrations.slice(0, version) })
      expect(old.pragma('user_version', { simple: true })).toBe(version)
      seed(old, version)
      old.close()

      const store = openStore(path)
      try {
        expect(store.db.pragma('user_version', { simple: true })).toBe(latest)
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(store.db.pragma('foreign_key_check')).toEqual([])
        const reference = fresh()
        expect(schemaOf(store.db)).toEqual(schemaOf(reference))
        reference.close()

        const accounts = store.accounts.list()
        expect(accounts.map((account) => [account.id, account.carrier, account.name, account.storedSecrets])).toEqual([
          ['a1', 'call48', 'Call48 NOC', ['password']],
          ['a3', 'nexogy', 'Nexogy', []],
          ['a2', 'vitcom', 'Vitcom', ['token']],
        ])
        expect(accounts.map((account) => account.settings)).toEqual([{ username: 'noc', scope: 'admin' }, { username: 'lab', clientId: 'cid' }, { accountNo: '1001' }])
        expect(store.activity.list(10).map((entry) => [entry.action, entry.target, entry.details])).toEqual([['account.add', 'Call48 NOC', { baseUrl: 'x' }]])
        expect(store.syncRuns.lastFor('a1')).toMatchObject({ runId: 'r1', outcome: 'succeeded', rows: 2 })

        const numbers = store.numbers.list({ limit: 10 })
        expect(numbers.total).toBe(2)
        expect(numbers.rows.map((row) => [row.e164, row.rateCenter, row.cnam, row.goneAt])).toEqual([
          ['+13055550100', 'MIAMI', 'ACME DENTAL', undefined],
          ['+13055550101', 'HOMESTEAD', undefined, 11],
        ])
        expect(store.numbers.get({ accountId: 'a1', e164: '+13055550100' })?.raw).toEqual({ did: 1 })
        // The full-text index covers the rows that were there before it existed.
        expect(store.numbers.list({ search: 'dental', limit: 10 }).rows.map((row) => row.e164)).toEqual(['+13055550100'])
        expect(store.numbers.list({ search: 'homestead', limit: 10 }).rows.map((row) => row.e164)).toEqual(['+13055550101'])
        expect(store.numbers.list({ search: '0101', limit: 10 }).rows.map((row) => row.e164)).toEqual(['+13055550101'])

        if (version >= 2) {
          expect(store.memo.get('a3', 'clients')).toEqual([{ id: 7 }])
          expect(store.trunks.list('a1').map((trunk) => [trunk.id, trunk.ips])).toEqual([['t1', ['10.0.0.1']]])
          expect(store.ports.list('a1').map((order) => [order.id, order.status, order.numbers])).toEqual([['p1', 'foc-set', ['+13055550199']]])
          expect(store.cdrs.files('a2').map((file) => file.url)).toEqual(['https://x/f.csv'])
        }
        if (version >= 2 && version < 11) {
          // The call records cached before schema 11 are carried into the one store, their KPIs with them.
          const range = { from: 0, to: 1_000, filters: { accountIds: ['a1'] } }
          expect(store.callRecords.list({ range, order: 'newest', offset: 0, limit: 10 }).map((record) => [record.id, record.durationSeconds, record.billedSeconds, record.disposition])).toEqual([['c1', 61, 61, 'answered']])
          expect(store.callRecords.stats({ range, limit: 10 }).total).toMatchObject({ attempts: 1, answered: 1, billedSeconds: 61 })
        }
        if (version >= 3) {
          expect(store.numbers.get({ accountId: 'a1', e164: '+13055550100' })).toMatchObject({ tags: ['vip'], notes: 'front desk line' })
          expect(store.numbers.list({ search: 'vip', limit: 10 }).rows.map((row) => row.e164)).toEqual(['+13055550100'])
          expect(store.views.list('numbers').map((view) => [view.name, view.view])).toEqual([['Mine', { a: 1 }]])
        }
        // And the migrated cache keeps working: a note written now is searchable.
        store.numbers.setNotes({ accountId: 'a1', e164: '+13055550101', tags: ['spare'], notes: '', now: 20 })
        expect(store.numbers.list({ search: 'spare', limit: 10 }).rows.map((row) => row.e164)).toEqual(['+13055550101'])
      } finally {
        store.close()
      }
    })
  }
})
