/**
 * `carrierdesk trunks ...` against the Sandbox: the built CLI, a real data directory, the real keychain.
 * Lists trunk groups with their number counts, refuses bad fields and unconfirmed changes before anything
 * reaches the simulator (its ledger stays empty), creates, edits and disables trunks (read back at the
 * simulator), and prints traffic with ASR as a fraction and ACD in seconds.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliBin as bin, startCliSandbox, type CliSandbox, type CliSandboxLine } from '../helpers/cli-sandbox'
import { requireKeyring, tempDir } from '../helpers/temp'

const data = tempDir('carrierdesk-trunks-cli-')

function run(args: string[], stdin = ''): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, '--data-dir', data.path, ...args], { input: stdin, encoding: 'utf8', timeout: 30_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

interface TrunkRow {
  accountName: string
  carrier: string
  trunkId: string
  name: string
  direction: string
  addresses: string[]
  status: string
  numbers: number
  asOf: number
}

describe('carrierdesk trunks', () => {
  let sandbox: CliSandbox | undefined
  let line: CliSandboxLine
  const ledger = async (): Promise<{ operation: string; details: Record<string, unknown> }[]> =>
    (await (await fetch(`${line.carriers.vitcom!.controlUrl}/ledger`)).json()) as { operation: string; details: Record<string, unknown> }[]
  const trunks = (): TrunkRow[] => (JSON.parse(run(['--json', 'trunks', 'list', '--account', 'CLI Vitcom']).stdout) as { rows: TrunkRow[] }).rows

  beforeAll(async () => {
    requireKeyring()
    sandbox = await startCliSandbox(['--seed', '8', '--numbers', '300'])
    line = sandbox.line
    const { secrets, ...account } = line.carriers.vitcom!.account
    const added = run(['accounts', 'add', '--carrier', 'vitcom', '--name', 'CLI Vitcom', '--base-url', account.baseUrl, '--environment', 'sandbox',
      '--account-no', account.accountNo, '--secrets-stdin'], JSON.stringify(secrets))
    expect(added.stderr).toBe('')
    expect(run(['--json', 'sync', '--only', 'numbers,trunks']).code).toBe(0)
  }, 60_000)
  afterAll(async () => {
    await sandbox?.stop()
    data.remove()
  }, 90_000)

  it('lists the cached trunk groups with their addresses and how many numbers route to each', () => {
    const rows = trunks()
    expect(rows.length).toBeGreaterThan(1)
    expect(rows.every((row) => row.accountName === 'CLI Vitcom' && row.carrier === 'vitcom' && row.asOf > 0)).toBe(true)
    expect(new Set(rows.map((row) => row.direction))).toEqual(new Set(['origination', 'termination']))
    const numbers = JSON.parse(run(['--json', 'numbers', 'list', '--account', 'CLI Vitcom', '--limit', '1000']).stdout) as { rows: { trunk?: string }[] }
    for (const row of rows) expect(row.numbers).toBe(numbers.rows.filter((number) => number.trunk === row.trunkId).length)
    expect(rows.reduce((sum, row) => sum + row.numbers, 0)).toBeGreaterThan(0)
  }, 90_000)

  it('refuses a wrong field, or a change without --yes and no terminal, before anything is sent', async () => {
    const base = ['trunks', 'create', '--account', 'CLI Vitcom', '--direction', 'origination', '--name', 'Edge']
    const badIp = run([...base, '--ip', '203.0.113.300', '--yes'])
    expect(badIp.code).toBe(2)
    expect(badIp.stderr).toMatch(/--ip: .*Primary IP: "203\.0\.113\.300" is not an IPv4 address/)
    const badPrefix = run([...base, '--ip', '203.0.113.5', '--prefix', '12', '--billing', 'metered', '--yes'])
    expect(badPrefix.code).toBe(2)
    expect(badPrefix.stderr).toMatch(/--prefix: .*4 to 6 digits/)
    const noSessions = run([...base, '--ip', '203.0.113.5', '--billing', 'unmetered', '--yes'])
    expect(noSessions.code).toBe(2)
    expect(noSessions.stderr).toMatch(/--sessions: .*required when Billing type is unmetered/)
    const badPorts = run(['trunks', 'create', '--account', 'CLI Vitcom', '--direction', 'termination', '--name', 'T', '--ip', '203.0.113.6', '--ports', '1001', '--yes'])
    expect(badPorts.code).toBe(2)
    expect(badPorts.stderr).toMatch(/--ports: .*1 to 1000/)
    const unconfirmed = run([...base, '--ip', '203.0.113.5', '--billing', 'metered'])
    expect(unconfirmed.code).toBe(2)
    expect(unconfirmed.stderr).toMatch(/--yes/)
    const dryRun = run(['--json', ...base, '--ip', '203.0.113.5', '--billing', 'Metered', '--dry-run'])
    expect(dryRun.code).toBe(0)
    expect(JSON.parse(dryRun.stdout)).toMatchObject({ dryRun: true, values: { name: 'Edge', ip: '203.0.113.5', billing: 'metered' } })
    expect((await ledger()).filter((entry) => /trunk/i.test(entry.operation))).toEqual([])
  }, 90_000)

  it('creates an origination trunk with two IPs, edits its secondary IP, and reads both back at the carrier', async () => {
    const created = run(['--json', 'trunks', 'create', '--account', 'CLI Vitcom', '--direction', 'origination', '--name', 'CLI PBX',
      '--ip', '198.51.100.20', '--secondary-ip', '198.51.100.21', '--prefix', '4455', '--port', '5060', '--billing', 'unmetered', '--sessions', '12', '--yes'])
    expect(created.stderr).toBe('')
    expect(created.code).toBe(0)
    const outcome = JSON.parse(created.stdout) as { outcome: string; trunk: TrunkRow }
    expect(outcome).toMatchObject({ outcome: 'succeeded', trunk: { name: 'CLI PBX', direction: 'origination', addresses: ['198.51.100.20', '198.51.100.21'], numbers: 0 } })
    const id = outcome.trunk.trunkId
    expect(trunks().find((row) => row.trunkId === id)).toMatchObject({ name: 'CLI PBX', status: 'active' })
    expect((await ledger()).filter((entry) => entry.operation === 'defineTrunk')).toHaveLength(1)

    const dry = JSON.parse(run(['--json', 'trunks', 'update', '--account', 'CLI Vitcom', id, '--secondary-ip', '198.51.100.99', '--dry-run']).stdout) as { before: object; after: object }
    expect(dry).toMatchObject({ before: { secondaryIp: '198.51.100.21' }, after: { secondaryIp: '198.51.100.99' } })
    const refusedBilling = run(['trunks', 'update', '--account', 'CLI Vitcom', id, '--billing', 'metered', '--yes'])
    expect(refusedBilling.code).toBe(2)
    expect(refusedBilling.stderr).toMatch(/--billing: .*cannot be changed/)

    const updated = run(['--json', 'trunks', 'update', '--account', 'CLI Vitcom', id, '--secondary-ip', '198.51.100.99', '--yes'])
    expect(updated.code).toBe(0)
    expect(JSON.parse(updated.stdout)).toMatchObject({ outcome: 'succeeded', trunk: { addresses: ['198.51.100.20', '198.51.100.99'] } })
    const updates = (await ledger()).filter((entry) => entry.operation === 'update_trunk')
    expect(updates).toHaveLength(1)
    // A fresh sync (the carrier's own list) agrees with what the change cached.
    expect(run(['sync', '--only', 'trunks']).code).toBe(0)
    expect(trunks().find((row) => row.trunkId === id)?.addresses).toEqual(['198.51.100.20', '198.51.100.99'])
    // The activity log has each change with its true outcome and no secret.
    const db = new Database(join(data.path, 'carrierdesk.db'), { readonly: true })
    try {
      const logged = db.prepare("SELECT action, result, details FROM activity WHERE action LIKE 'trunk.%' ORDER BY id").all() as { action: string; result: string; details: string }[]
      expect(logged.map((entry) => `${entry.action} ${entry.result}`)).toEqual(['trunk.create succeeded', 'trunk.update succeeded'])
      expect(JSON.parse(logged[1]!.details)).toMatchObject({ before: { secondaryIp: '198.51.100.21' }, after: { secondaryIp: '198.51.100.99' } })
      expect(logged.map((entry) => entry.details).join(' ')).not.toContain(line.carriers.vitcom!.account.secrets.token)
    } finally {
      db.close()
    }
  }, 90_000)

  it('creates a termination trunk and disables it, saying how many numbers route to it', () => {
    const created = run(['--json', 'trunks', 'create', '--account', 'CLI Vitcom', '--direction', 'termination', '--name', 'CLI Out', '--ip', '198.51.100.40', '--ports', '50', '--cps', '5', '--yes'])
    expect(created.code).toBe(0)
    const trunk = (JSON.parse(created.stdout) as { trunk: TrunkRow }).trunk
    expect(trunk).toMatchObject({ direction: 'termination', status: 'active', addresses: ['198.51.100.40'] })
    const dry = run(['trunks', 'disable', '--account', 'CLI Vitcom', trunk.trunkId, '--dry-run'])
    expect(dry.stdout).toMatch(/Would disable CLI Out .*0 cached numbers route to it/)
    const disabled = run(['--json', 'trunks', 'disable', '--account', 'CLI Vitcom', trunk.trunkId, '--yes'])
    expect(disabled.code).toBe(0)
    expect(JSON.parse(disabled.stdout)).toMatchObject({ outcome: 'succeeded', trunk: { status: 'disabled' } })
    expect(trunks().find((row) => row.trunkId === trunk.trunkId)?.status).toBe('disabled')
    const again = run(['trunks', 'disable', '--account', 'CLI Vitcom', trunk.trunkId, '--yes'])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/already disabled/)
  }, 90_000)

  it('prints traffic per trunk, per number and per month with ASR as a fraction, ACD in seconds and unknown as null', () => {
    type StatsRow = { trunkId?: string; e164?: string; period: string; processed: number | null; completed: number | null; asr: number | null; acdSeconds: number | null; minutes: number | null; peak: number | null }
    const listed = trunks()
    const busiest = listed.filter((row) => row.direction === 'origination').sort((a, b) => b.numbers - a.numbers)[0]!
    const byTrunk = run(['--json', 'trunks', 'stats', '--account', 'CLI Vitcom', '--trunk', busiest.trunkId])
    expect(byTrunk.stderr).toBe('')
    const trunkRows = (JSON.parse(byTrunk.stdout) as { rows: StatsRow[]; asOf: number }).rows
    expect(trunkRows).toHaveLength(1)
    const [row] = trunkRows
    expect(row).toMatchObject({ trunkId: busiest.trunkId, period: 'overall' })
    expect(row!.processed).toBeGreaterThan(0)
    expect(row!.completed).toBeLessThanOrEqual(row!.processed!)
    expect(row!.asr).toBeGreaterThan(0)
    expect(row!.asr).toBeLessThan(1)
    expect(row!.asr).toBeCloseTo(row!.completed! / row!.processed!, 2)
    expect(row!.acdSeconds).toBeGreaterThanOrEqual(100)

    // A trunk made today has carried nothing: ASR and ACD of no calls are unknown, not 0.
    const fresh = listed.find((candidate) => candidate.name === 'CLI PBX')!
    const freshRow = (JSON.parse(run(['--json', 'trunks', 'stats', '--account', 'CLI Vitcom', '--trunk', fresh.trunkId]).stdout) as { rows: StatsRow[] }).rows[0]
    expect(freshRow).toMatchObject({ processed: 0, asr: null, acdSeconds: null })
    expect(run(['trunks', 'stats', '--account', 'CLI Vitcom', '--trunk', fresh.trunkId]).stdout).toMatch(/\tunknown\tunknown\t/)

    const numbers = JSON.parse(run(['--json', 'numbers', 'list', '--account', 'CLI Vitcom', '--limit', '1']).stdout) as { rows: { e164: string }[] }
    const e164 = numbers.rows[0]!.e164
    const byNumber = (JSON.parse(run(['--json', 'trunks', 'stats', '--account', 'CLI Vitcom', '--number', e164]).stdout) as { rows: StatsRow[] }).rows
    expect(byNumber.map((entry) => entry.e164)).toEqual([e164])

    const monthly = JSON.parse(run(['--json', 'trunks', 'stats', '--account', 'CLI Vitcom']).stdout) as { rows: StatsRow[] }
    expect(monthly.rows.length).toBeGreaterThan(0)
    expect(monthly.rows.every((entry) => /^\d{4}-\d{2}$/.test(entry.period) && (entry.asr === null || (entry.asr >= 0 && entry.asr <= 1)))).toBe(true)

    // Offline review: --cached answers from SQLite with the same rows.
    const cached = JSON.parse(run(['--json', 'trunks', 'stats', '--account', 'CLI Vitcom', '--trunk', busiest.trunkId, '--cached']).stdout) as { rows: StatsRow[] }
    expect(cached.rows).toEqual(trunkRows)
    expect(run(['trunks', 'stats', '--account', 'CLI Vitcom', '--month', '13']).code).toBe(2)
  }, 120_000)
})
