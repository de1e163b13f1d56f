/**
 * `carrierdesk cdrs ...` against the Sandbox: the built CLI, a real data directory, the real keychain.
 * Two UTC days of a Vitcom account's daily files and a Call48 account's XDRs fetched (`sync`), then listed
 * (rows and total agree with the store, filters narrow), KPIs by day (the days sum to the total, attempts
 * are the list's total), exported (a CSV row per record), the cache's coverage, pruning (a dry run and an
 * unconfirmed prune delete nothing), a file imported twice (the second adds nothing), and bad days refused.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseFile } from '../../src/main/core/paths'
import { cliBin as bin, startCliSandbox, type CliSandbox } from '../helpers/cli-sandbox'
import { requireKeyring, tempDir } from '../helpers/temp'

const data = tempDir('carrierdesk-cdrs-cli-')
const dayMs = 86_400_000
const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)
const dayOf = (daysAgo: number): string => new Date(today - daysAgo * dayMs).toISOString().slice(0, 10)
const from = dayOf(3)
const to = dayOf(2)
/** The two synced days, as list/stats/export take them (UTC, as sync fetches). */
const range = ['--from', from, '--to', to, '--time-zone', 'UTC']

function run(args: string[], stdin = ''): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, '--data-dir', data.path, ...args], { input: stdin, encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function json<T>(args: string[]): T {
  const result = run(['--json', ...args])
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout) as T
}

interface Row {
  accountId: string
  carrier: string
  id: string
  startedAt: number
  disposition: string
  direction: string
  billedSeconds: number
  trunk?: string
}
interface Kpis {
  attempts: number
  answered: number
  asr: number | null
  acdSeconds: number | null
  minutes: number
  cost: number
}

/** What the store holds, read straight from its file. */
function storeCount(where = '1', ...params: unknown[]): number {
  const db = new Database(databaseFile(data.path), { readonly: true })
  try {
    return db.prepare(`SELECT count(*) FROM call_records WHERE started_at >= ? AND started_at < ? AND ${where}`).pluck().get(Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T00:00:00Z`) + dayMs, ...params) as number
  } finally {
    db.close()
  }
}

describe('carrierdesk cdrs', () => {
  let sandbox: CliSandbox | undefined
  let total = 0

  beforeAll(async () => {
    requireKeyring()
    sandbox = await startCliSandbox(['--seed', '5', '--numbers', '200', '--cdrs', '150'])
    const { line } = sandbox
    const vitcom = line.carriers.vitcom!.account
    const call48 = line.carriers.call48!.account
    const addVitcom = run(['accounts', 'add', '--carrier', 'vitcom', '--name', 'CDR Vitcom', '--base-url', vitcom.baseUrl, '--environment', 'sandbox',
      '--account-no', vitcom.accountNo, '--secrets-stdin'], JSON.stringify(vitcom.secrets))
    expect(addVitcom.stderr).toBe('')
    const addCall48 = run(['accounts', 'add', '--carrier', 'call48', '--name', 'CDR Call48', '--base-url', call48.baseUrl, '--environment', 'sandbox',
      '--username', call48.username, '--secrets-stdin'], JSON.stringify(call48.secrets))
    expect(addCall48.stderr).toBe('')
  }, 60_000)
  afterAll(async () => {
    await sandbox?.stop()
    data.remove()
  }, 60_000)

  it('fetches two days of Vitcom files and Call48 XDRs, with progress on stderr', () => {
    const synced = run(['--json', 'cdrs', 'sync', '--from', from, '--to', to])
    expect(synced.code, synced.stderr).toBe(0)
    expect(synced.stderr).toMatch(/CDR Vitcom: \d+\/\d+ sources/)
    const { accounts } = JSON.parse(synced.stdout) as { accounts: { accountName: string; read: number; added: number; rejected: number; error?: string }[] }
    expect(accounts.map((a) => a.accountName).sort()).toEqual(['CDR Call48', 'CDR Vitcom'])
    for (const account of accounts) {
      expect(account.error).toBeUndefined()
      expect(account.added, account.accountName).toBeGreaterThan(0)
      expect(account.added).toBe(account.read - account.rejected)
    }
    total = accounts.reduce((sum, account) => sum + account.added, 0)
    expect(storeCount()).toBe(total)
    // A second sync of the same days finds nothing new.
    const again = json<{ accounts: { added: number }[] }>(['cdrs', 'sync', '--from', from, '--to', to])
    expect(again.accounts.reduce((sum, account) => sum + account.added, 0)).toBe(0)
  }, 120_000)

  it('lists the range newest first with its total, as the store holds it, and filters narrow it', () => {
    const all = json<{ rows: Row[]; total: number; timeZone: string }>(['cdrs', 'list', ...range, '--limit', '1000'])
    expect(all.total).toBe(total)
    expect(all.timeZone).toBe('UTC')
    expect(all.rows).toHaveLength(Math.min(total, 1000))
    expect(all.rows.map((r) => r.startedAt)).toEqual([...all.rows.map((r) => r.startedAt)].sort((a, b) => b - a))
    expect(new Set(all.rows.map((r) => r.carrier))).toEqual(new Set(['vitcom', 'call48']))

    const vitcom = json<{ rows: Row[]; total: number }>(['cdrs', 'list', ...range, '--account', 'CDR Vitcom', '--limit', '1000'])
    expect(vitcom.total).toBe(storeCount("account_key = (SELECT account_key FROM cdr_accounts WHERE carrier = 'vitcom')"))
    expect(vitcom.total).toBeGreaterThan(0)
    expect(vitcom.total).toBeLessThan(total)
    expect(vitcom.rows.every((r) => r.carrier === 'vitcom')).toBe(true)

    const busy = json<{ rows: Row[]; total: number }>(['cdrs', 'list', ...range, '--disposition', 'busy,failed', '--limit', '1000'])
    expect(busy.total).toBe(storeCount("disposition IN ('busy', 'failed')"))
    expect(busy.total).toBeLessThan(total)
    expect(busy.rows.every((r) => r.disposition === 'busy' || r.disposition === 'failed')).toBe(true)

    const oneDay = json<{ rows: Row[]; total: number }>(['cdrs', 'list', '--from', to, '--to', to, '--time-zone', 'UTC', '--direction', 'origination', '--limit', '1000'])
    expect(oneDay.total).toBe(storeCount("started_at >= ? AND direction = 'origination'", Date.parse(`${to}T00:00:00Z`)))
    expect(oneDay.rows.every((r) => r.direction === 'origination' && r.startedAt >= Date.parse(`${to}T00:00:00Z`))).toBe(true)

    const page = json<{ rows: Row[] }>(['cdrs', 'list', ...range, '--limit', '10', '--offset', '5'])
    expect(page.rows.map((r) => r.id)).toEqual(all.rows.slice(5, 15).map((r) => r.id))
  }, 60_000)

  it('prints KPIs by day whose days sum to the total, attempts being the list total', () => {
    const stats = json<{ rows: (Kpis & { group: string })[]; total: Kpis }>(['cdrs', 'stats', ...range, '--group-by', 'day'])
    expect(stats.rows.map((row) => row.group)).toEqual([from, to])
    expect(stats.total.attempts).toBe(total)
    for (const key of ['attempts', 'answered'] as const) expect(stats.rows.reduce((sum, row) => sum + row[key], 0)).toBe(stats.total[key])
    expect(stats.rows.reduce((sum, row) => sum + row.minutes, 0)).toBeCloseTo(stats.total.minutes, 6)
    expect(stats.rows.reduce((sum, row) => sum + row.cost, 0)).toBeCloseTo(stats.total.cost, 5)
    expect(stats.total.asr).toBeCloseTo(stats.total.answered / stats.total.attempts, 12)
    expect(stats.total.answered).toBe(storeCount('billed_seconds > 0'))
  }, 60_000)

  it('exports a CSV row per record of the filtered range', () => {
    const exported = json<{ file: string; rows: number }>(['cdrs', 'export', ...range])
    expect(exported.rows).toBe(total)
    const csv = parse(readFileSync(exported.file, 'utf8'), { columns: true }) as Record<string, string>[]
    expect(csv).toHaveLength(total)
    expect(Object.keys(csv[0]!)).toContain('start (UTC)')
    expect(csv.filter((row) => row.account === 'CDR Call48')).toHaveLength(storeCount("account_key = (SELECT account_key FROM cdr_accounts WHERE carrier = 'call48')"))
  }, 60_000)

  it('says how far back the cache goes per account', () => {
    const coverage = json<{ accountName: string; records: number; fetchedFrom?: number; fetchedTo?: number; firstRecordAt?: number; lastRecordAt?: number }[]>(['cdrs', 'coverage'])
    expect(coverage.map((row) => row.accountName).sort()).toEqual(['CDR Call48', 'CDR Vitcom'])
    expect(coverage.reduce((sum, row) => sum + row.records, 0)).toBe(total)
    for (const row of coverage) {
      expect(row.fetchedFrom).toBeLessThanOrEqual(Date.parse(`${from}T00:00:00Z`))
      expect(row.fetchedTo).toBeGreaterThanOrEqual(Date.parse(`${to}T00:00:00Z`) + dayMs)
      expect(row.firstRecordAt).toBeGreaterThanOrEqual(Date.parse(`${from}T00:00:00Z`))
      expect(row.lastRecordAt).toBeLessThan(Date.parse(`${to}T00:00:00Z`) + dayMs)
    }
  }, 60_000)

  it('counts what a prune would delete without deleting, and refuses a prune without --yes and no terminal', () => {
    expect(json<Record<string, number>>(['settings', 'set', 'cdrRetentionDays=1']).cdrRetentionDays).toBe(1)
    const dryRun = json<{ deleted: number; dryRun: boolean }>(['cdrs', 'prune', '--dry-run'])
    expect(dryRun).toMatchObject({ deleted: total, dryRun: true })
    expect(storeCount()).toBe(total)
    const unconfirmed = run(['cdrs', 'prune'])
    expect(unconfirmed.code).toBe(2)
    expect(unconfirmed.stderr).toMatch(/--yes/)
    expect(storeCount()).toBe(total)
    expect(json<Record<string, number>>(['settings', 'set', 'cdrRetentionDays=400']).cdrRetentionDays).toBe(400)
  }, 60_000)

  it('imports a CDR file once: the second import of it adds nothing', () => {
    const day = dayOf(10)
    const file = join(data.path, `orig_${day}_success.csv`)
    writeFileSync(file, [
      'call_id,start_time,answer_time,end_time,ani,dnis,duration_sec,billed_sec,rate_per_min,charge,disposition,sip_code,cause_code,cause_text,trunk_group',
      `imp-1,${day} 14:00:00,${day} 14:00:03,${day} 14:01:04,2125550100,3055550199,61,66,0.0060,0.006600,ANSWERED,200,16,Normal call clearing,TG100`,
      `imp-2,${day} 14:05:00,,${day} 14:05:04,2125550101,3055550199,0,0,0.0060,0,BUSY,486,17,"User busy, try later",TG100`,
      `imp-3,${day} 15:00:00,${day} 15:00:01,${day} 15:00:31,2125550102,3055550198,30,30,0.0060,0.003000,ANSWERED,200,16,Normal call clearing,TG101`,
    ].join('\n'))
    const first = json<{ read: number; added: number; rejected: number }>(['cdrs', 'import', '--account', 'CDR Vitcom', '--direction', 'origination', file])
    expect(first).toMatchObject({ read: 3, added: 3, rejected: 0 })
    const second = json<{ read: number; added: number }>(['cdrs', 'import', '--account', 'CDR Vitcom', '--direction', 'origination', file])
    expect(second).toMatchObject({ read: 3, added: 0 })
    const listed = json<{ rows: Row[]; total: number }>(['cdrs', 'list', '--from', day, '--to', day, '--time-zone', 'UTC', '--account', 'CDR Vitcom'])
    expect(listed.total).toBe(3)
    expect(listed.rows.map((r) => r.id).sort()).toEqual(['imp-1', 'imp-2', 'imp-3'])
    expect(json<{ total: Kpis }>(['cdrs', 'stats', '--from', day, '--to', day, '--time-zone', 'UTC']).total).toMatchObject({ attempts: 3, answered: 2, minutes: 96 / 60 })
  }, 60_000)

  it('refuses a day that does not exist and a range that ends before it starts, with exit code 2', () => {
    for (const [args, message] of [
      [['cdrs', 'list', '--from', '2026-13-01', '--to', '2026-12-01'], /^error \[validation\]: --from: a day is YYYY-MM-DD \(got 2026-13-01\)$/m],
      [['cdrs', 'stats', '--from', '2026-02-30', '--to', '2026-03-05'], /^error \[validation\]: --from: a day is YYYY-MM-DD \(got 2026-02-30\)$/m],
      [['cdrs', 'list', '--from', '2026-11-20', '--to', '2026-11-19'], /^error \[validation\]: --to: the range ends before it starts$/m],
      [['cdrs', 'sync', '--from', '2026-11-20', '--to', '2026-11-32'], /^error \[validation\]: --to: a day is YYYY-MM-DD \(got 2026-11-32\)$/m],
    ] as const) {
      const result = run([...args])
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toMatch(message)
      expect(result.stdout).toBe('')
    }
  }, 60_000)
})
