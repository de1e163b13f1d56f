/**
 * Billing, customers and Nexogy clients through the built `carrierdesk` command with the real keychain and
 * the Sandbox the CLI starts: the `billing` lists as JSON with amounts as numbers, a payment refused without
 * confirmation and made once with `--yes`, then listed beside the carrier's record; an invoice PDF
 * downloaded; a Call48 customer created and its call limit changed; a Nexogy client created on a searched
 * number and its default device read. Afterwards no card number, password or SIP key is in any file written.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliBin as bin, startCliSandbox, type CliSandbox, type CliSandboxLine } from '../helpers/cli-sandbox'
import { expectNoSecretsUnder, filesUnder } from '../helpers/files'
import { requireKeyring, tempDir } from '../helpers/temp'

const data = tempDir('carrierdesk-cli-billing-')
const cardNumber = '4012888888881881'
const customerPassword = 'Cli-Cust0mer-Pass'

function run(args: string[], stdin = ''): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, '--data-dir', data.path, ...args], { input: stdin, encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function json<T>(args: string[], stdin = ''): T {
  const result = run(['--json', ...args], stdin)
  expect(result.stderr.replace(/^warning: .*\n/gm, '')).toBe('')
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout) as T
}


// Each test spawns the CLI several times, seconds each on a loaded machine.
describe('carrierdesk billing, customers and nexogy', () => {
  let sandbox: CliSandbox | undefined
  let line: CliSandboxLine
  const secrets: string[] = [cardNumber, customerPassword]

  const ledger = async (carrier: string, operation: string): Promise<{ operation: string; details: Record<string, unknown> }[]> => {
    const entries = (await (await fetch(`${line.carriers[carrier]!.controlUrl}/ledger`)).json()) as { operation: string; details: Record<string, unknown> }[]
    return entries.filter((entry) => entry.operation === operation)
  }

  beforeAll(async () => {
    requireKeyring()
    sandbox = await startCliSandbox(['--seed', '7', '--numbers', '300'])
    line = sandbox.line
    for (const carrier of ['vitcom', 'call48', 'nexogy']) {
      const { secrets: accountSecrets, ...account } = line.carriers[carrier]!.account
      secrets.push(...Object.values(accountSecrets as Record<string, string>).filter((value) => value.length >= 6))
      const flags = [['--username', account.username], ['--account-no', account.accountNo], ['--client-id', account.clientId], ['--scope', account.scope]]
        .filter(([, value]) => value !== undefined)
        .flat() as string[]
      const added = run(['accounts', 'add', '--carrier', carrier, '--name', `CLI ${carrier}`, '--base-url', account.baseUrl, '--environment', 'sandbox', ...flags, '--secrets-stdin'], JSON.stringify(accountSecrets))
      expect(added.stderr).toBe('')
    }
  }, 60_000)
  afterAll(async () => {
    await sandbox?.stop()
    data.remove()
  })

  it('lists balances, the ledger and invoices as JSON after a billing refresh, amounts as numbers', { timeout: 120_000 }, () => {
    const balance = json<{ rows: { accountName: string; carrier: string; balance: number; currency: string; asOf: string }[] }>(['billing', 'balance', '--refresh'])
    const vitcom = balance.rows.find((row) => row.accountName === 'CLI vitcom')!
    expect(vitcom).toMatchObject({ carrier: 'vitcom', currency: 'USD' })
    expect(typeof vitcom.balance).toBe('number')
    expect(Date.parse(vitcom.asOf)).toBeGreaterThan(Date.now() - 120_000)

    const ledgerRows = json<{ rows: { accountName: string; date: string; activity: string; debit: number; credit: number; balance: number }[]; total: number }>(['billing', 'ledger', '--account', 'CLI vitcom'])
    expect(ledgerRows.rows.length).toBeGreaterThan(0)
    for (const row of ledgerRows.rows) {
      expect(row.accountName).toBe('CLI vitcom')
      for (const amount of [row.debit, row.credit, row.balance]) expect(typeof amount).toBe('number')
    }
    // The newest balance of the ledger is the balance reported.
    expect(ledgerRows.rows[0]!.balance).toBe(vitcom.balance)
    const type = ledgerRows.rows[0]!.activity
    const filtered = json<{ rows: { activity: string }[] }>(['billing', 'ledger', '--account', 'CLI vitcom', '--activity', type])
    expect(filtered.rows.length).toBeGreaterThan(0)
    expect(filtered.rows.every((row) => row.activity === type)).toBe(true)

    const badDate = run(['billing', 'ledger', '--from', '2026-13-45'])
    expect(badDate.code).toBe(2)
    expect(badDate.stderr).toMatch(/^error \[validation\]: --from: a date written YYYY-MM-DD/m)
  })

  it('downloads an invoice PDF to the downloads folder, then lists it with its file', { timeout: 120_000 }, () => {
    const invoices = json<{ rows: { accountName: string; date: string; url: string; file?: string }[] }>(['billing', 'invoices', '--account', 'CLI vitcom'])
    expect(invoices.rows.length).toBeGreaterThan(0)
    const first = invoices.rows[0]!
    expect(first.file).toBeUndefined()
    const download = run(['--json', 'billing', 'invoice', 'download', '--account', 'CLI vitcom', first.date])
    expect(download.code).toBe(0)
    // Progress goes to stderr, the result to stdout.
    expect(download.stderr).toMatch(/^downloaded \d+( of \d+)? bytes$/m)
    const downloaded = JSON.parse(download.stdout) as { file: string; bytes: number }
    expect(downloaded.file.startsWith(join(data.path, 'downloads'))).toBe(true)
    const pdf = readFileSync(downloaded.file)
    expect(pdf.length).toBe(downloaded.bytes)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(filesUnder(join(data.path, 'downloads')).some((file) => file.endsWith('.part'))).toBe(false)
    const again = json<{ rows: { date: string; file?: string }[] }>(['billing', 'invoices', '--account', 'CLI vitcom'])
    expect(again.rows.find((row) => row.date === first.date)?.file).toBe(downloaded.file)
  })

  it('refuses a payment without --yes and no terminal, then pays once with --yes and lists it beside the carrier’s record', { timeout: 120_000 }, async () => {
    const card = JSON.stringify({ firstName: 'Ada', lastName: 'Lovelace', cardNumber, expMonth: 12, expYear: new Date().getFullYear() + 2, cvv: '123', zipcode: '33101' })
    const refused = run(['billing', 'pay', '--account', 'CLI vitcom', '--amount', '9.99', '--card-stdin'], card)
    expect(refused.code).toBe(2)
    expect(await ledger('vitcom', 'make_payment')).toEqual([])
    const dry = json<{ dryRun: boolean; summary: string }>(['billing', 'pay', '--account', 'CLI vitcom', '--amount', '9.99', '--card-stdin', '--dry-run'], card)
    expect(dry.summary).toMatch(/^Pay \$9\.99 to .* from CLI vitcom with the card ending 1881$/)
    expect(await ledger('vitcom', 'make_payment')).toEqual([])

    const paid = json<{ reference?: string }>(['billing', 'pay', '--account', 'CLI vitcom', '--amount', '9.99', '--card-stdin', '--yes'], card)
    const sent = await ledger('vitcom', 'make_payment')
    expect(sent).toHaveLength(1)
    expect(sent[0]!.details.referenceno).toBe(paid.reference)

    const payments = json<{ rows: { accountName: string; date: string; reference: string | null; method: string; amount: number; status: string; source: string }[]; unsettled: number }>(['billing', 'payments', '--account', 'CLI vitcom'])
    expect(payments.unsettled).toBe(0)
    const ours = payments.rows.filter((row) => row.source === 'carrierdesk')
    expect(ours).toHaveLength(1)
    expect(ours[0]).toMatchObject({ amount: 9.99, status: 'accepted', unsettled: false })
    const theirs = payments.rows.find((row) => row.source === 'carrier' && row.reference === paid.reference)
    expect(theirs).toMatchObject({ amount: 9.99 })
    expect(run(['billing', 'payments']).stdout).not.toContain(cardNumber)
  })

  it('creates a Call48 customer once (password on stdin) and changes its call limit', { timeout: 120_000 }, async () => {
    const fields = ['--account', 'CLI call48', '--porta-class', '2348', '--username', 'cli-cust', '--credit-limit', '40', '--credit-limit-warning', '10',
      '--email', 'cli@example.com', '--salutation', 'Ms.', '--first-name', 'Dorothy', '--last-name', 'Vaughan', '--address', '2 Main St', '--city', 'Miami',
      '--zip', '33101', '--country', 'US', '--currency', 'USD', '--bcc', 'inv@example.com']
    const bad = run(['customers', 'create', ...fields.map((value) => (value === 'cli@example.com' ? 'nope' : value)), '--password-stdin', '--yes'], customerPassword)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--email/)
    expect(await ledger('call48', 'customer-create')).toEqual([])

    const created = json<{ created: boolean; customer?: { id: number; login: string } }>(['customers', 'create', ...fields, '--password-stdin', '--yes'], customerPassword)
    expect(created.created).toBe(true)
    expect(await ledger('call48', 'customer-create')).toHaveLength(1)
    const listed = json<{ rows: { id: number; login: string }[] }>(['customers', 'list', '--account', 'CLI call48'])
    const customer = listed.rows.find((row) => row.login === 'cli-cust')!
    expect(customer).toBeDefined()

    const refused = run(['customers', 'update', '--account', 'CLI call48', '--customer-id', String(customer.id), '--call-limit', '6', '--max-in', '2', '--max-out', '3'])
    expect(refused.code).toBe(2)
    json(['customers', 'update', '--account', 'CLI call48', '--customer-id', String(customer.id), '--call-limit', '6', '--max-in', '2', '--max-out', '3', '--yes'])
    const limits = await ledger('call48', 'limit-simultaneous-calls')
    expect(limits).toHaveLength(1)
    expect(limits[0]!.details).toMatchObject({ account_id: customer.id, limitsimulcalls: 'yes', simulmaxcalls: 6, simulmaxcallsin: 2, simulmaxcallsout: 3 })
  })

  it('creates a Nexogy client on a searched number and reads its default device, whose key stays in the keychain', { timeout: 120_000 }, async () => {
    const searched = json<{ offers: { carrier: string; e164: string }[] }>(['numbers', 'search', '--state', 'FL', '--limit', '5'])
    const offer = searched.offers.find((each) => each.carrier === 'nexogy')!
    expect(offer).toBeDefined()
    const today = new Date()
    const date = `${String(today.getMonth() + 1).padStart(2, '0')}/${String(today.getDate()).padStart(2, '0')}/${today.getFullYear()}`
    const fields = ['--account', 'CLI nexogy', '--number', offer.e164, '--first-name', 'Annie', '--last-name', 'Easley', '--email', 'annie@example.com',
      '--address', '3 Ocean Dr', '--zip', '33139', '--start-billing-date', date]
    const refused = run(['nexogy', 'client', 'create', ...fields])
    expect(refused.code).toBe(2)
    expect(await ledger('nexogy', 'client.created')).toEqual([])
    const created = json<{ created: boolean; client: { id: number; e164: string } }>(['nexogy', 'client', 'create', ...fields, '--yes'])
    expect(created.created).toBe(true)
    expect(created.client.e164).toBe(offer.e164)
    expect(await ledger('nexogy', 'client.created')).toHaveLength(1)

    const device = json<{ extension: string; aor: string }>(['nexogy', 'device', 'create', '--account', 'CLI nexogy', '--client-id', String(created.client.id), '--yes'])
    expect(device.extension).toBe('1000')
    const devices = json<{ extension: string }[]>(['nexogy', 'device', 'list', '--account', 'CLI nexogy', '--client-id', String(created.client.id)])
    expect(devices.map((each) => each.extension)).toEqual(['1000'])
    const key = json<{ key: string }>(['nexogy', 'device-key', '--account', 'CLI nexogy', '--client-id', String(created.client.id)])
    expect(key.key.length).toBeGreaterThan(8)
    // The key only on that explicit request: not in what device list or create printed.
    expect(JSON.stringify(devices) + JSON.stringify(device)).not.toContain(key.key)
    secrets.push(key.key)
  })

  it('left no card number, password, token or SIP key in any file it wrote (SQLite, WAL, downloads)', { timeout: 120_000 }, () => {
    const files = filesUnder(data.path)
    expect(files.some((file) => file.endsWith('.pdf'))).toBe(true)
    expect(secrets.length).toBeGreaterThan(4)
    expectNoSecretsUnder(data.path, secrets)
  })
})
