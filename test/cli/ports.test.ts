/**
 * `carrierdesk ports ...` as a script uses it: the built bin, a real data directory, the real keychain and
 * the Sandbox started by the CLI. The board after a sync, a portability check at three carriers, a Call48
 * submit with a PDF confirmed with --yes (refused without it, nothing sent on --dry-run) sent exactly once
 * although its answer is lost (reset-after-commit), its detail with the PIN never shown, one number
 * cancelled, a VoIP Innovations port tracked by id, and the board exported to CSV.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseFile } from '../../src/main/core/paths'
import { portIdsFor } from '../../src/main/sandbox/voip-innovations/state'
import { cliBin as bin, startCliSandbox, type CliSandbox, type CliSandboxLine } from '../helpers/cli-sandbox'
import { requireKeyring, tempDir } from '../helpers/temp'

const data = tempDir('carrierdesk-cli-ports-')
// Long enough that no id or carrier order number in the output holds it by chance.
const pin = '864213579'

function run(args: string[], stdin = ''): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, '--data-dir', data.path, ...args], { input: stdin, encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function json<T>(args: string[]): T {
  const result = run(['--json', ...args])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout) as T
}

interface BoardRow {
  accountName: string
  carrier: string
  orderId: string
  status: string
  focDate?: string
  rejectionReason?: string
  numbers: string[]
  asOf: number
}

describe('carrierdesk ports', () => {
  let sandbox: CliSandbox | undefined
  let line: CliSandboxLine
  const ledger = async (carrier: string): Promise<{ operation: string; details: Record<string, unknown> }[]> =>
    (await (await fetch(`${line.carriers[carrier]!.controlUrl}/ledger`)).json()) as never
  const submits = async (): Promise<unknown[]> => (await ledger('call48')).filter((entry) => entry.operation === 'port-submit')
  // Numbers outside the Sandbox's own numbering pools (555 exchanges are not portable).
  const numbers = ['+17014301842', '+17014301843']
  const orderFile = join(data.path, 'order.json')
  const pdf = join(data.path, 'loa.pdf')

  beforeAll(async () => {
    requireKeyring()
    sandbox = await startCliSandbox(['--seed', '7', '--numbers', '400'])
    line = sandbox.line
    for (const carrier of ['call48', 'vitcom', 'voip-innovations']) {
      const { secrets, ...account } = line.carriers[carrier]!.account
      const flags = [['--username', account.username], ['--account-no', account.accountNo], ['--client-id', account.clientId]]
        .filter(([, value]) => value !== undefined)
        .flat() as string[]
      const added = run(['accounts', 'add', '--carrier', carrier, '--name', `Ports ${carrier}`, '--base-url', account.baseUrl, '--environment', 'sandbox', ...flags, '--secrets-stdin'], JSON.stringify(secrets))
      expect(added.stderr).toBe('')
    }
    writeFileSync(
      orderFile,
      JSON.stringify({
        did_type: 'LCL',
        numbers,
        port_req_detail: {
          cust_acc_name: 'Prairie Feed LLC', cust_authorized_name: 'Dana Holm', cust_acc_type: 'BIZ', cust_acc_number: '55501234', cust_acc_pin: pin,
          address_number: '12', address_street_name: 'Main St', address_loc_designator: 'Suite', city: 'Bismarck', state: 'ND', postal_code: '58501',
          btn: '7014301842', desired_foc_date: '2031-01-02', activation_date: '2031-01-02', activation_type: 'Auto',
        },
      }),
    )
    writeFileSync(pdf, Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'))
  }, 120_000)
  afterAll(async () => {
    await sandbox?.stop()
    data.remove()
  }, 120_000)

  it('lists the board after a sync, filtered by status and searched by number', () => {
    const synced = run(['--json', 'sync', '--only', 'ports'])
    expect(synced.code).toBe(0)
    const board = json<{ rows: BoardRow[]; total: number }>(['ports', 'list'])
    expect(board.total).toBe(board.rows.length)
    // The Sandbox seeds Call48's orders (Vitcom's start empty; VoIP Innovations cannot list any).
    expect(new Set(board.rows.map((row) => row.carrier))).toEqual(new Set(['call48']))
    for (const row of board.rows) {
      expect(row).toMatchObject({ accountName: `Ports ${row.carrier}`, orderId: expect.any(String), asOf: expect.any(Number) })
      expect(row.numbers.every((e164) => /^\+\d{10,15}$/.test(e164))).toBe(true)
    }
    const rejected = json<{ rows: BoardRow[] }>(['ports', 'list', '--status', 'rejected'])
    expect(rejected.rows.length).toBeGreaterThan(0)
    expect(rejected.rows.every((row) => row.status === 'rejected' && (row.rejectionReason ?? '') !== '')).toBe(true)
    const one = board.rows.find((row) => row.numbers.length > 0)!
    const digits = one.numbers[0]!.slice(-7)
    const found = json<{ rows: BoardRow[] }>(['ports', 'list', '--search', digits])
    expect(found.rows.map((row) => row.orderId)).toContain(one.orderId)
    expect(run(['ports', 'list', '--status', 'lost']).code).toBe(2)
  }, 120_000)

  it('checks numbers at every account that ports, number by number, and flags what is not a number', () => {
    const checked = json<{ results: { accountName: string; carrier: string; e164: string; portable: boolean }[]; invalid: { input: string }[] }>([
      'ports', 'check', '(701) 430-1842', '7014301843,12', 'banana',
    ])
    expect(new Set(checked.results.map((result) => result.carrier))).toEqual(new Set(['call48', 'vitcom', 'voip-innovations']))
    for (const carrier of ['call48', 'vitcom', 'voip-innovations']) {
      expect(checked.results.filter((result) => result.carrier === carrier).map((result) => result.e164).sort()).toEqual(numbers)
    }
    expect(checked.results.some((result) => result.portable)).toBe(true)
    expect(checked.invalid.map((bad) => bad.input).sort()).toEqual(['12', 'banana'])
    const one = json<{ results: { carrier: string }[] }>(['ports', 'check', '--account', 'Ports call48', numbers[0]!])
    expect(one.results.map((result) => result.carrier)).toEqual(['call48'])
  }, 120_000)

  it('refuses a submit without --yes and no terminal, sends nothing on --dry-run, and rejects a bad body by field', async () => {
    const refused = run(['ports', 'submit', '--account', 'Ports call48', '--file', orderFile, '--document', `loa=${pdf}`])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/--yes/)
    const dry = json<{ dryRun: boolean; numbers: string[]; summary: { label: string; value?: string; masked?: boolean }[] }>([
      'ports', 'submit', '--account', 'Ports call48', '--file', orderFile, '--document', `loa=${pdf}`, '--dry-run',
    ])
    expect(dry).toMatchObject({ dryRun: true, numbers })
    expect(dry.summary.find((field) => field.masked)).toBeDefined()
    expect(JSON.stringify(dry)).not.toContain(pin)
    const badFile = join(data.path, 'bad.json')
    writeFileSync(badFile, JSON.stringify({ did_type: 'LCL', numbers: ['banana'], port_req_detail: {} }))
    const bad = run(['ports', 'submit', '--account', 'Ports call48', '--file', badFile, '--yes'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^error \[validation\]: .*port_req_detail/m)
    const notPdf = join(data.path, 'loa.txt')
    writeFileSync(notPdf, 'not a pdf')
    const wrongType = run(['ports', 'submit', '--account', 'Ports call48', '--file', orderFile, '--document', `loa=${notPdf}`, '--yes'])
    expect(wrongType.code).toBe(2)
    expect(wrongType.stderr).toMatch(/not a PDF/)
    expect(await submits()).toEqual([])
  }, 120_000)

  let orderId = ''
  it('submits once although the answer is lost, with its document, and shows the order without the PIN', async () => {
    const faults = await fetch(`${line.carriers.call48!.controlUrl}/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ script: [{ fault: 'reset-after-commit', match: 'submit-port-details' }] }),
    })
    expect(faults.ok).toBe(true)
    const submitted = run(['--json', 'ports', 'submit', '--account', 'Ports call48', '--file', orderFile, '--document', `loa=${pdf}`, '--yes'])
    expect(submitted.stderr).toBe('')
    expect(submitted.code).toBe(0)
    expect(submitted.stdout).not.toContain(pin)
    const result = JSON.parse(submitted.stdout) as { orderId: string; checkedAfterFailure: boolean; documents: { kind: string; ok: boolean }[] }
    expect(result.checkedAfterFailure).toBe(true)
    expect(result.documents).toEqual([expect.objectContaining({ kind: 'loa', ok: true })])
    orderId = result.orderId
    expect(await submits()).toHaveLength(1)

    const board = json<{ rows: BoardRow[] }>(['ports', 'list', '--search', orderId])
    expect(board.rows.length).toBeGreaterThan(0)
    expect(board.rows.flatMap((row) => row.numbers).sort()).toEqual(numbers)

    const shown = run(['--json', 'ports', 'show', '--account', 'Ports call48', orderId])
    expect(shown.code).toBe(0)
    expect(shown.stdout).not.toContain(pin)
    const detail = JSON.parse(shown.stdout) as { fromCache: boolean; accountData: { key: string; value?: string; masked?: boolean }[]; documents: { kind: string; attached: boolean }[] }
    expect(detail.fromCache).toBe(false)
    expect(detail.accountData.find((field) => /pin/i.test(field.key))).toMatchObject({ masked: true })
    expect(detail.accountData.find((field) => field.key.endsWith('cust_acc_number'))?.value).toBe('55501234')
    expect(detail.documents.find((document) => document.kind === 'loa')).toMatchObject({ attached: true })

    const db = new Database(databaseFile(data.path), { readonly: true })
    try {
      const activity = db.prepare("SELECT action, result, message, details FROM activity WHERE action LIKE 'port.%'").all() as { action: string; result: string }[]
      expect(activity.filter((entry) => entry.action === 'port.submit')).toEqual([expect.objectContaining({ result: 'succeeded' })])
      expect(JSON.stringify(activity)).not.toContain(pin)
      expect(JSON.stringify(db.prepare('SELECT * FROM port_orders').all())).not.toContain(pin)
    } finally {
      db.close()
    }
  }, 120_000)

  it('cancels one number of the new order, confirmed with --yes', async () => {
    // One number is cancelled in its sub order (`<port_req_id>/<port_proposal_id>`), as the board lists it.
    const subOrder = json<{ rows: BoardRow[] }>(['ports', 'list', '--search', orderId]).rows.find((row) => row.numbers.includes(numbers[1]!))!
    expect(run(['ports', 'cancel', '--account', 'Ports call48', orderId, '--number', numbers[1]!, '--yes']).stderr).toMatch(/names a sub order/)
    const refused = run(['ports', 'cancel', '--account', 'Ports call48', subOrder.orderId, '--number', numbers[1]!])
    expect(refused.code).toBe(2)
    const cancelled = json<{ message: string }>(['ports', 'cancel', '--account', 'Ports call48', subOrder.orderId, '--number', numbers[1]!, '--yes'])
    expect(cancelled.message).not.toBe('')
    const shown = json<{ order: { lines: { e164: string; status: string }[] } }>(['ports', 'show', '--account', 'Ports call48', subOrder.orderId])
    expect(shown.order.lines.find((entry) => entry.e164 === numbers[1])?.status).toBe('cancelled')
    expect((await ledger('call48')).filter((entry) => /cancel/.test(entry.operation))).toHaveLength(1)
  }, 120_000)

  it('tracks a VoIP Innovations port by its id and keeps it on the board', () => {
    const portId = String(portIdsFor(line.seed)[1])
    const tracked = json<{ id: string; carrier: string; status: string }>(['ports', 'track', '--account', 'Ports voip-innovations', portId])
    expect(tracked).toMatchObject({ id: portId, carrier: 'voip-innovations' })
    expect(json<{ rows: BoardRow[] }>(['ports', 'list', '--account', 'Ports voip-innovations']).rows.map((row) => row.orderId)).toEqual([portId])
    expect(run(['ports', 'track', '--account', 'Ports voip-innovations', 'abc']).code).toBe(2)
    expect(run(['ports', 'track', '--account', 'Ports voip-innovations', '999999']).code).toBe(1)
  }, 120_000)

  it('exports the board to CSV, one row per order', () => {
    const total = json<{ total: number }>(['ports', 'list']).total
    const exported = json<{ file: string; rows: number }>(['ports', 'export', '--time-zone', 'UTC'])
    expect(exported.rows).toBe(total)
    const rows = parse(readFileSync(exported.file, 'utf8'), { columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(total)
    expect(rows.find((row) => row.order?.startsWith(`${orderId}/`))).toMatchObject({ account: 'Ports call48', carrier: 'call48' })
  }, 120_000)
})
