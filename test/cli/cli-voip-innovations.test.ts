/**
 * The VoIP Innovations commands as a script uses them (the built bin, a real data directory, the real
 * keychain, the Sandbox started by the CLI): number groups, a bulk group move with --dry-run and --yes,
 * forwarding and failover, a conference line whose PIN only `--reveal` prints, 911 alerts and locations,
 * the countries sold by city. Each change is checked at the simulator's ledger.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { get } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliBin as bin, startCliSandbox, type CliSandbox } from '../helpers/cli-sandbox'
import { requireKeyring, tempDir } from '../helpers/temp'

const data = tempDir('carrierdesk-cli-vi-')
const account = 'CLI VI'

function run(args: string[], stdin = ''): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, '--data-dir', data.path, ...args], { input: stdin, encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const json = <T>(args: string[], stdin = ''): T => {
  const result = run(['--json', ...args], stdin)
  // Standard error carries a job's progress ("5/5 done"), never an error on success.
  expect(result.stderr).not.toMatch(/error/i)
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout) as T
}

// Each test runs the CLI several times, a second or two each on a loaded machine.
describe('carrierdesk on a VoIP Innovations account', { timeout: 120_000 }, () => {
  let sandbox: CliSandbox | undefined
  let controlUrl = ''
  let local: string[] = []

  const ledger = async (operation: string): Promise<Record<string, unknown>[]> => {
    // A fresh connection each time (no keep-alive): the simulator may close an idle one between CLI runs.
    const body = await new Promise<string>((resolve, reject) => {
      get(`${controlUrl}/ledger`, { agent: false }, (response) => {
        let text = ''
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve(text)).on('error', reject)
      }).on('error', reject)
    })
    const entries = JSON.parse(body) as { operation: string; details: Record<string, unknown> }[]
    return entries.filter((entry) => entry.operation === operation).map((entry) => entry.details)
  }

  beforeAll(async () => {
    requireKeyring()
    sandbox = await startCliSandbox(['--seed', '7', '--numbers', '1000'])
    const entry = sandbox.line.carriers['voip-innovations']!
    controlUrl = entry.controlUrl
    const { secrets, ...settings } = entry.account
    const added = run(
      ['accounts', 'add', '--carrier', 'voip-innovations', '--name', account, '--base-url', settings.baseUrl, '--environment', 'sandbox', '--username', settings.username, '--secrets-stdin'],
      JSON.stringify(secrets),
    )
    expect(added.stderr).toBe('')
    const synced = run(['--json', 'sync', '--only', 'numbers'])
    expect(synced.code).toBe(0)
    expect((JSON.parse(synced.stdout) as { results: { outcome: string }[] }).results[0]).toMatchObject({ outcome: 'succeeded' })
    const listed = json<{ rows: { e164: string; type: string; trunk?: string }[] }>(['numbers', 'list', '--account', account, '--limit', '1000'])
    local = listed.rows.filter((row) => row.type === 'local' && !row.trunk?.startsWith('forward ')).map((row) => row.e164)
    expect(local.length).toBeGreaterThan(30)
  }, 120_000)
  afterAll(async () => {
    await sandbox?.stop()
    data.remove()
  })

  it('lists the DID groups and moves numbers into one: --dry-run sends nothing, no --yes refuses, --yes sends each once', async () => {
    const groups = json<{ groups: { id: string; name: string; cached: number }[] }>(['numbers', 'groups', '--account', account])
    expect(groups.groups.map((group) => group.name)).toEqual(expect.arrayContaining(['Main Office', 'Sales', 'Support', 'Fax Lines']))
    const sales = groups.groups.find((group) => group.name === 'Sales')!
    const targets = local.slice(0, 5)

    const dry = json<{ dryRun: boolean; items: { e164: string; after: string }[] }>(['numbers', 'change', '--account', account, '--group', 'Sales', '--dry-run', ...targets])
    expect(dry.items.map((line) => [line.e164, line.after])).toEqual(targets.map((e164) => [e164, expect.stringContaining('Sales')]))
    expect(await ledger('SetDIDGroup')).toEqual([])

    const refused = run(['numbers', 'change', '--account', account, '--group', sales.id, ...targets])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/--yes/)
    expect(await ledger('SetDIDGroup')).toEqual([])

    const result = json<{ succeeded: number; failed: number }>(['numbers', 'change', '--account', account, '--group', sales.id, '--yes', ...targets])
    expect(result).toMatchObject({ succeeded: 5, failed: 0 })
    const sent = await ledger('SetDIDGroup')
    expect(sent.map((entry) => `+1${String(entry.tn)}`).sort()).toEqual([...targets].sort())
    expect(new Set(sent.map((entry) => String(entry.groupId)))).toEqual(new Set([sales.id]))
    const members = json<{ numbers: string[] }>(['numbers', 'groups', '--account', account, '--members', sales.id])
    expect(members.numbers).toEqual(expect.arrayContaining(targets))
    // The cache shows the group (filter and column of the Numbers screen).
    const after = json<{ rows: { e164: string; group?: string }[] }>(['numbers', 'list', '--account', account, '--limit', '1000'])
    for (const e164 of targets) expect(after.rows.find((row) => row.e164 === e164)?.group).toBe('Sales')
  })

  it('forwards a number and sets its failover, as `numbers features` then reads from VI', async () => {
    const e164 = local[10]!
    expect(json<{ succeeded: number }>(['numbers', 'change', '--account', account, '--forward', '+13055550100', '--yes', e164]).succeeded).toBe(1)
    expect(json<{ succeeded: number }>(['numbers', 'change', '--account', account, '--failover', '+13055550111', '--yes', e164]).succeeded).toBe(1)
    expect(await ledger('SetDIDForward')).toContainEqual({ tn: e164.slice(2), forward: '3055550100' })
    expect(await ledger('UpdateDIDFailover')).toContainEqual({ tn: e164.slice(2), failover: '3055550111' })
    expect(json<{ forward?: string; failover?: string }>(['numbers', 'features', '--account', account, e164])).toMatchObject({
      forward: '+13055550100',
      failover: '+13055550111',
    })
    const bad = run(['numbers', 'change', '--account', account, '--failover', '555', '--yes', e164])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^error \[validation\]: --failover: /m)
  })

  it('sets a conference line with a PIN from stdin that only --reveal prints, never the cache or the log', async () => {
    const e164 = local[11]!
    const pin = '73914826'
    const set = run(['--json', 'numbers', 'conference', '--account', account, '--pin-stdin', '--yes', e164], `${pin}\n`)
    expect(set.stderr).toBe('')
    expect(JSON.parse(set.stdout)).toMatchObject({ e164, enabled: true })
    expect(set.stdout).not.toContain(pin)
    const shown = run(['--json', 'numbers', 'conference', '--account', account, e164])
    expect(JSON.parse(shown.stdout)).toMatchObject({ enabled: true })
    expect(shown.stdout).not.toContain(pin)
    expect(JSON.parse(run(['--json', 'numbers', 'conference', '--account', account, '--reveal', e164]).stdout)).toEqual({ enabled: true, pin })
    // The activity log, the cache and everything else CarrierDesk keeps are in the database and its WAL.
    for (const file of ['carrierdesk.db', 'carrierdesk.db-wal']) {
      let bytes = ''
      try {
        bytes = readFileSync(join(data.path, file), 'latin1')
      } catch {
        continue
      }
      expect(bytes).not.toContain(pin)
    }
    const badPin = run(['numbers', 'conference', '--account', account, '--pin-stdin', '--yes', e164], '12ab99\n')
    expect(badPin.code).toBe(2)
    expect(badPin.stderr).not.toContain('12ab99')
  })

  it('adds a 911 alert recipient to a number with 911, lists its locations, and refuses without --yes', async () => {
    const with911 = json<{ rows: { e164: string; e911?: string; type: string }[] }>(['numbers', 'list', '--account', account, '--limit', '1000']).rows.find(
      (row) => row.type === 'local' && row.e911,
    )!
    const refused = run(['e911', 'alerts', '--account', account, '--add', 'noc@example.com', with911.e164])
    expect(refused.code).toBe(2)
    const added = json<{ recipients: string[] }>(['e911', 'alerts', '--account', account, '--add', 'noc@example.com', '--yes', with911.e164])
    expect(added.recipients).toContain('noc@example.com')
    expect(await ledger('Add911Alert')).toContainEqual({ tn: with911.e164.slice(2), email: 'noc@example.com' })
    expect(json<{ recipients: string[] }>(['e911', 'alerts', '--account', account, with911.e164]).recipients).toContain('noc@example.com')
    const locations = json<{ locations: { provisioned: boolean; address: string }[] }>(['e911', 'locations', 'list', '--account', account, with911.e164])
    expect(locations.locations.some((location) => location.provisioned)).toBe(true)
  })

  it('lists the countries and cities VI sells numbers in', () => {
    const result = json<{ accounts: { accountName: string; countries: { code: string; cities: { id: string; name: string }[] }[] }[] }>(['numbers', 'countries'])
    const countries = result.accounts.find((entry) => entry.accountName === account)!.countries
    expect(countries.length).toBe(6)
    expect(countries.every((country) => /^[A-Z]{2}$/.test(country.code) && country.cities.length > 0)).toBe(true)
  })

  it('reads the prepaid balance with when it was read', () => {
    const view = json<{ rows: { accountName: string; decimal: string; amount: number; currency: string; asOf: number }[]; failures: unknown[] }>(['accounts', 'balance'])
    expect(view.failures).toEqual([])
    expect(view.rows).toEqual([expect.objectContaining({ accountName: account, currency: 'USD' })])
    expect(view.rows[0]!.decimal).toMatch(/^\d+(\.\d+)?$/)
    expect(Number(view.rows[0]!.decimal)).toBe(view.rows[0]!.amount)
    const text = run(['accounts', 'balance', '--account', account])
    expect(text.stdout).toContain(`${account}\tvoip-innovations\t${view.rows[0]!.decimal} USD`)
  })
})
