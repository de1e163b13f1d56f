/**
 * The `carrierdesk` command as scripts use it: the built bin, a real data directory, the real keychain,
 * and the Sandbox started by the CLI itself.
 */
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seededNexogyClients } from '../../src/main/sandbox/nexogy/store'
import { cliBin as bin, startCliSandbox, type CliSandbox, type CliSandboxLine } from '../helpers/cli-sandbox'
import { requireKeyring, tempDir } from '../helpers/temp'

const data = tempDir('carrierdesk-cli-')

function run(args: string[], stdin = ''): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, '--data-dir', data.path, ...args], {
    input: stdin,
    encoding: 'utf8',
    timeout: 30_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('the carrierdesk CLI', () => {
  let sandbox: CliSandbox | undefined
  let line: CliSandboxLine
  let addedId = ''

  beforeAll(async () => {
    requireKeyring()
    sandbox = await startCliSandbox(['--seed', '5', '--numbers', '2000'])
    line = sandbox.line
  })
  afterAll(async () => {
    await sandbox?.stop()
    data.remove()
  })

  it('prints one JSON line with every carrier, loopback URLs and the account settings', () => {
    expect(Object.keys(line.carriers).sort()).toEqual(['call48', 'nexogy', 'vitcom', 'voip-innovations'])
    for (const [carrier, entry] of Object.entries(line.carriers)) {
      expect(entry.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
      expect(entry.account).toMatchObject({ carrier, environment: 'sandbox', baseUrl: entry.baseUrl })
      expect(Object.keys(entry.account.secrets).length).toBeGreaterThan(0)
    }
  })

  it('adds an account from the sandbox line with secrets on stdin, lists it as JSON, tests it', () => {
    const { secrets, ...account } = line.carriers.call48!.account
    const args = ['accounts', 'add', '--carrier', 'call48', '--name', 'CLI Call48', '--base-url', account.baseUrl,
      '--environment', 'sandbox', '--username', account.username, '--secrets-stdin']
    const added = run(['--json', ...args], JSON.stringify(secrets))
    expect(added.stderr).toBe('')
    expect(added.code).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'CLI Call48', carrier: 'call48', storedSecrets: ['password'] })
    expect(added.stdout + added.stderr).not.toContain(secrets.password)
    addedId = (JSON.parse(added.stdout) as { id: string }).id
    const stored = spawnSync('secret-tool', ['lookup', 'service', 'CarrierDesk', 'account', `${addedId}/password`], { encoding: 'utf8' })
    expect(stored.stdout).toBe(secrets.password)

    const listed = run(['accounts', 'list', '--json'])
    expect(listed.code).toBe(0)
    const accounts = JSON.parse(listed.stdout) as { name: string; baseUrl: string; lastSync?: unknown }[]
    expect(accounts).toHaveLength(1)
    expect(accounts[0]).toMatchObject({ name: 'CLI Call48', baseUrl: account.baseUrl })

    const tested = run(['accounts', 'test', 'CLI Call48', '--json'])
    expect(tested.code).toBe(0)
    expect(JSON.parse(tested.stdout)).toMatchObject({ ok: true })
  })

  it('reports a wrong password as a failed test with exit code 1', () => {
    const { account } = line.carriers.call48!
    const added = run(['accounts', 'add', '--carrier', 'call48', '--name', 'Wrong', '--base-url', account.baseUrl,
      '--username', account.username, '--secrets-stdin'], JSON.stringify({ password: 'not-the-password' }))
    expect(added.code).toBe(0)
    const tested = run(['accounts', 'test', 'Wrong'])
    expect(tested.code).toBe(1)
    expect(tested.stdout).toMatch(/^FAILED/)
    expect(tested.stderr).toMatch(/^error \[carrier\]/m)
    expect(run(['accounts', 'remove', 'Wrong']).code).toBe(0)
  })

  it('answers bad usage with exit code 2 and the error code on stderr', () => {
    const unknownCarrier = run(['accounts', 'add', '--carrier', 'acme', '--name', 'x', '--base-url', 'http://127.0.0.1:1'])
    expect(unknownCarrier.code).toBe(2)
    const badUrl = run(['accounts', 'add', '--carrier', 'vitcom', '--name', 'x', '--base-url', 'nope', '--secrets-stdin'], '{"token":"t"}')
    expect(badUrl.code).toBe(2)
    expect(badUrl.stderr).toMatch(/^error \[validation\]: --base-url: Base URL must be an http\(s\) URL/m)
    const missing = run(['accounts', 'remove', 'Nobody'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^error \[not-found\]/m)
  })

  it('adds an account of each carrier, syncs it, and lists its numbers as JSON', () => {
    // VoIP Innovations: 600 US numbers and the three international ones its seeded account owns.
    const expected: Record<string, number> = { call48: 800, vitcom: 600, 'voip-innovations': 603 }
    for (const carrier of ['vitcom', 'voip-innovations', 'nexogy']) {
      const { secrets, ...account } = line.carriers[carrier]!.account
      const flags = [
        ['--username', account.username], ['--account-no', account.accountNo], ['--client-id', account.clientId], ['--scope', account.scope],
      ].filter(([, value]) => value !== undefined).flat() as string[]
      const added = run(['accounts', 'add', '--carrier', carrier, '--name', `CLI ${carrier}`, '--base-url', account.baseUrl,
        '--environment', 'sandbox', ...flags, '--secrets-stdin'], JSON.stringify(secrets))
      expect(added.stderr).toBe('')
      expect(added.code).toBe(0)
    }

    // Nexogy lists no inventory: adopt one of its existing clients first (its id and main number).
    const plan = seededNexogyClients(line.seed, 0).find((client) => client.status !== 'cancelled')!
    const adopted = run(['--json', 'nexogy', 'adopt', '--account', 'CLI nexogy', '--client-id', String(plan.id), '--number', plan.didNumber])
    expect(adopted.stderr).toBe('')
    expect(JSON.parse(adopted.stdout)).toMatchObject({ id: plan.id })

    const synced = run(['--json', 'sync', '--only', 'numbers'])
    expect(synced.code).toBe(0)
    const results = (JSON.parse(synced.stdout) as { results: { accountName: string; outcome: string; rows: number }[] }).results
    const nameOf = (carrier: string): string => (carrier === 'call48' ? 'CLI Call48' : `CLI ${carrier}`)
    for (const carrier of ['call48', 'vitcom', 'voip-innovations', 'nexogy']) {
      expect(results.find((r) => r.accountName === nameOf(carrier))).toMatchObject({ outcome: 'succeeded', rows: expected[carrier] ?? 1 })
      const listed = run(['--json', 'numbers', 'list', '--account', nameOf(carrier), '--limit', '5'])
      const page = JSON.parse(listed.stdout) as { rows: { e164: string; carrier: string }[]; total: number }
      expect(page.total).toBe(expected[carrier] ?? 1)
      expect(page.rows.every((row) => row.carrier === carrier && /^\+1\d{10}$/.test(row.e164))).toBe(true)
    }
    const nexogyNumbers = JSON.parse(run(['--json', 'numbers', 'list', '--carrier', 'nexogy']).stdout) as { rows: { e164: string }[] }
    expect(nexogyNumbers.rows.map((row) => row.e164)).toEqual([`+1${plan.didNumber}`])
  })

  it('searches every carrier that sells numbers without buying any', async () => {
    const searched = run(['--json', 'numbers', 'search', '--state', 'FL', '--limit', '5'])
    expect(searched.stderr).toBe('')
    const result = JSON.parse(searched.stdout) as { offers: { carrier: string; e164: string; state?: string }[] }
    expect(new Set(result.offers.map((offer) => offer.carrier))).toEqual(new Set(['call48', 'vitcom', 'voip-innovations', 'nexogy']))
    expect(result.offers.every((offer) => /^\+1\d{10}$/.test(offer.e164))).toBe(true)
    for (const entry of Object.values(line.carriers)) {
      const ledger = (await (await fetch(`${entry.controlUrl}/ledger`)).json()) as { operation: string }[]
      expect(ledger.filter((e) => /purchase|assign|order|client/i.test(e.operation))).toEqual([])
    }
  })

  it('removes the account and its keychain entry', () => {
    const removed = run(['accounts', 'remove', 'CLI Call48', '--json'])
    expect(removed.code).toBe(0)
    expect(JSON.parse(removed.stdout)).toEqual({ removed: true })
    for (const carrier of ['vitcom', 'voip-innovations', 'nexogy']) expect(run(['accounts', 'remove', `CLI ${carrier}`]).code).toBe(0)
    expect(JSON.parse(run(['accounts', 'list', '--json']).stdout)).toEqual([])
    const lookup = spawnSync('secret-tool', ['lookup', 'service', 'CarrierDesk', 'account', `${addedId}/password`], { encoding: 'utf8' })
    expect(lookup.status).not.toBe(0)
    expect(lookup.stdout).toBe('')
  })
})
