/**
 * The CLI's actions, as a script runs them: the built bin, a real data directory, the real keychain and the
 * Sandbox started by the CLI. Mutations refuse without `--yes` when there is no terminal (exit 2),
 * `--dry-run` sends nothing, `--json` lists each number's outcome and a refused number exits 1; a change set
 * staged from a CSV is dry-run and applied, and the simulators' ledgers show exactly its changes, once each;
 * the activity log shows what was done.
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliBin as bin, startCliSandbox, type CliSandbox, type CliSandboxLine } from '../helpers/cli-sandbox'
import { requireKeyring, tempDir } from '../helpers/temp'

const data = tempDir('carrierdesk-cli-changes-')

function run(args: string[], stdin = ''): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, '--data-dir', data.path, ...args], { input: stdin, encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}
const json = <T,>(args: string[]): { code: number | null; value: T; stderr: string } => {
  const result = run(['--json', ...args])
  return { code: result.code, value: JSON.parse(result.stdout || 'null') as T, stderr: result.stderr }
}

interface LedgerEntry {
  seq: number
  carrier: string
  operation: string
  details: Record<string, unknown>
}
interface Lines {
  lines: { e164: string; field?: string; outcome: string; message?: string }[]
  succeeded: number
  failed: number
  skipped: number
}

const carriers = ['call48', 'vitcom', 'voip-innovations'] as const
type Carrier = (typeof carriers)[number]
const accountName = (carrier: Carrier): string => `CLI ${carrier}`
const digits = (e164: string): string => e164.slice(2)

describe('the carrierdesk CLI: actions and change sets', () => {
  let sandbox: CliSandbox | undefined
  let line: CliSandboxLine
  const numbers = {} as Record<Carrier, string[]>

  /** Every carrier's ledger, as its control endpoint reports it. */
  async function ledger(): Promise<LedgerEntry[]> {
    const all = await Promise.all(carriers.map(async (carrier) => (await (await fetch(`${line.carriers[carrier]!.controlUrl}/ledger`)).json()) as LedgerEntry[]))
    return all.flat()
  }
  /** The ledger entries recorded while `action` ran. */
  async function recorded(action: () => void): Promise<LedgerEntry[]> {
    const before = new Set((await ledger()).map((entry) => `${entry.carrier} ${entry.seq}`))
    action()
    return (await ledger()).filter((entry) => !before.has(`${entry.carrier} ${entry.seq}`))
  }
  const mentions = (entry: LedgerEntry, e164: string): boolean => JSON.stringify(entry.details).includes(digits(e164))

  beforeAll(async () => {
    requireKeyring()
    sandbox = await startCliSandbox(['--seed', '9', '--numbers', '600'])
    line = sandbox.line
    for (const carrier of carriers) {
      const { secrets, ...account } = line.carriers[carrier]!.account
      const flags = [['--username', account.username], ['--account-no', account.accountNo]].filter(([, value]) => value !== undefined).flat() as string[]
      const added = run(['accounts', 'add', '--carrier', carrier, '--name', accountName(carrier), '--base-url', account.baseUrl, '--environment', 'sandbox', ...flags, '--secrets-stdin'], JSON.stringify(secrets))
      expect(added.stderr).toBe('')
    }
    expect(run(['sync', '--only', 'numbers']).code).toBe(0)
    for (const carrier of carriers) {
      const page = json<{ rows: { e164: string; status: string }[] }>(['numbers', 'list', '--account', accountName(carrier), '--limit', '40']).value
      numbers[carrier] = page.rows.filter((row) => row.status === 'active').map((row) => row.e164)
      expect(numbers[carrier].length, `active ${carrier} numbers`).toBeGreaterThanOrEqual(4)
    }
  }, 180_000)
  afterAll(async () => {
    await sandbox?.stop()
    data.remove()
  })

  it('refuses a change without --yes when there is no terminal (exit 2), and a dry run sends nothing', async () => {
    const [number] = numbers.vitcom
    const sent = await recorded(() => {
      const refused = run(['numbers', 'change', '--account', accountName('vitcom'), number!, '--status', 'suspended'])
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(/^error \[validation\]: --yes/m)

      const dry = json<{ dryRun: boolean; items: { e164: string; field: string; level: string; wouldSend?: string }[]; ok: number; errors: number }>(
        ['numbers', 'change', '--account', accountName('vitcom'), number!, '--status', 'suspended', '--dry-run'],
      )
      expect(dry.code).toBe(0)
      expect(dry.value).toMatchObject({ dryRun: true, ok: 1, errors: 0, items: [{ e164: number, field: 'status', level: 'ok' }] })

      // Vitcom forwards nothing (a trunk group setting): the dry run says so and exits 1.
      const unsupported = json<{ errors: number; items: { problems: { message: string }[] }[] }>(
        ['numbers', 'change', '--account', accountName('vitcom'), number!, '--forward', '+13055550100', '--dry-run'],
      )
      expect(unsupported.code).toBe(1)
      expect(unsupported.value.errors).toBe(1)
      expect(unsupported.value.items[0]!.problems[0]!.message).toMatch(/trunk groups only/)
    })
    expect(sent).toEqual([])
  }, 120_000)

  it('changes numbers with --yes, once each, listing each outcome; a refused change exits 1 and is not sent', async () => {
    const [first, second] = numbers.call48
    const cnam = await recorded(() => {
      const done = json<Lines>(['numbers', 'change', '--account', accountName('call48'), first!, second!, '--cnam', 'CLI DESK', '--tag', 'cli', '--yes'])
      expect(done.code).toBe(0)
      expect(done.value).toMatchObject({ succeeded: 4, failed: 0, skipped: 0 })
      expect(done.value.lines.map((l) => [l.e164, l.field, l.outcome]).sort()).toEqual(
        [[first, 'cnam', 'succeeded'], [second, 'cnam', 'succeeded'], [first, 'tags', 'succeeded'], [second, 'tags', 'succeeded']].sort(),
      )
    })
    for (const number of [first!, second!]) expect(cnam.filter((entry) => mentions(entry, number)).map((entry) => entry.operation)).toEqual(['create-cnam'])
    expect(cnam).toHaveLength(2)
    const listed = json<{ rows: { e164: string; cnam?: string; tags?: string[] }[] }>(['numbers', 'list', '--account', accountName('call48'), '--limit', '40']).value.rows
    expect(listed.filter((row) => row.tags?.includes('cli')).map((row) => [row.e164, row.cnam]).sort()).toEqual([[first, 'CLI DESK'], [second, 'CLI DESK']].sort())

    const [vitcom] = numbers.vitcom
    const mixed = await recorded(() => {
      const result = json<Lines>(['numbers', 'change', '--account', accountName('vitcom'), vitcom!, '--forward', '+13055550100', '--status', 'suspended', '--yes'])
      expect(result.code).toBe(1)
      expect(result.value).toMatchObject({ succeeded: 1, skipped: 1 })
      expect(result.value.lines.find((l) => l.field === 'routing')).toMatchObject({ outcome: 'skipped', message: expect.stringMatching(/trunk groups only/) })
    })
    expect(mixed.map((entry) => [entry.carrier, entry.operation])).toEqual([['vitcom', 'updatenumber']])
    expect(mixed[0]!.details).toMatchObject({ numbers: [digits(vitcom!)], status: '0' })
  }, 120_000)

  it('lists the activity log by account and age', () => {
    const entries = json<{ action: string; target?: string; result: string; accountId?: string }[]>(['activity', '--since', '1h', '--account', accountName('call48')])
    expect(entries.code).toBe(0)
    const cnams = entries.value.filter((entry) => entry.action === 'number.change.cnam' && entry.result === 'succeeded').map((entry) => entry.target)
    expect(cnams.sort()).toEqual(numbers.call48.slice(0, 2).sort())
    expect(entries.value.some((entry) => entry.action.startsWith('number.change.status'))).toBe(false)
    expect(json<unknown[]>(['activity', '--since', '2999-01-01']).value).toEqual([])
    expect(run(['activity', '--since', 'yesterday']).code).toBe(2)
  })

  it('buys an offer found by search once, refuses it a second time, and releases the number', async () => {
    const search = json<{ offers: { offerId: string; e164: string; carrier: string }[] }>(['numbers', 'search', '--state', 'FL', '--limit', '3'])
    const offer = search.value.offers.find((each) => each.carrier === 'voip-innovations')!
    expect(offer).toBeDefined()
    expect(run(['numbers', 'buy', offer.offerId]).code).toBe(2)
    const preview = json<{ dryRun: boolean; offers: { e164: string }[] }>(['numbers', 'buy', offer.offerId, '--dry-run'])
    expect(preview.value).toMatchObject({ dryRun: true, offers: [{ e164: offer.e164 }] })

    const bought = await recorded(() => {
      const result = json<Lines>(['numbers', 'buy', offer.offerId, '--yes'])
      expect(result.code).toBe(0)
      expect(result.value).toMatchObject({ succeeded: 1, lines: [{ e164: offer.e164, outcome: 'succeeded' }] })
      // The offer is spent: buying it again is refused before anything is sent.
      const again = run(['numbers', 'buy', offer.offerId, '--yes'])
      expect(again.code).toBe(1)
      expect(again.stderr).toMatch(/already bought/)
    })
    expect(bought.filter((entry) => mentions(entry, offer.e164))).toHaveLength(1)

    const released = await recorded(() => {
      const result = json<Lines>(['numbers', 'release', '--account', accountName('voip-innovations'), offer.e164, '--yes'])
      expect(result.code).toBe(0)
      expect(result.value).toMatchObject({ succeeded: 1 })
    })
    expect(released.filter((entry) => mentions(entry, offer.e164))).toHaveLength(1)
  }, 120_000)

  it('places a bulk order by quantity once confirmed, and reads its state', async () => {
    const args = ['numbers', 'bulk-order', '--account', accountName('call48'), '--quantity', '2', '--state', 'FL']
    const previewed = await recorded(() => {
      expect(json<{ dryRun: boolean; quantity: number; accountName: string }>([...args, '--dry-run']).value).toMatchObject({ dryRun: true, quantity: 2, accountName: accountName('call48') })
      expect(run(args).code).toBe(2)
    })
    expect(previewed).toEqual([])
    let orderId = ''
    const placed = await recorded(() => {
      const order = json<{ orderId: string; state: string; requested: number }>([...args, '--yes'])
      expect(order.code).toBe(0)
      expect(order.value).toMatchObject({ requested: 2 })
      orderId = order.value.orderId
    })
    expect(placed.filter((entry) => entry.carrier === 'call48')).toHaveLength(1)
    const status = json<{ orderId: string; requested: number }>(['numbers', 'bulk-order-status', orderId, '--account', accountName('call48')])
    expect(status.value).toMatchObject({ orderId, requested: 2 })
  }, 120_000)

  it('stages a CSV, dry-runs it, applies it with --yes: the ledgers show exactly its changes, once each; then reverts it', async () => {
    const [c] = numbers.call48.slice(2)
    const [v] = numbers.vitcom.slice(2)
    const [i1, i2] = numbers['voip-innovations'].slice(2)
    const csvPath = join(data.path, 'night.csv')
    writeFileSync(
      csvPath,
      [
        'account,number,field,after',
        `${accountName('call48')},${c},cnam,NIGHT DESK`,
        `${accountName('call48')},${c},tags,+night`,
        `${accountName('vitcom')},${v},status,suspended`,
        `${accountName('voip-innovations')},${i1},cnam,NIGHT VI`,
        `${accountName('voip-innovations')},${i2},cnam,NIGHT VI`,
      ].join('\n'),
    )
    const staged = json<{ staged: number; set: { name: string; state: string } }>(['changes', 'stage', '--set', 'Night', '--csv', csvPath])
    expect(staged.value).toMatchObject({ staged: 5, set: { name: 'Night', state: 'draft' } })

    const diff = run(['changes', 'show', 'Night'])
    expect(diff.stdout).toMatch(new RegExp(`^vitcom$[\\s\\S]*${v!.replace('+', '\\+')}.*Status\\tactive → suspended`, 'm'))

    const applied = await recorded(() => {
      const dry = json<{ dryRun: boolean; ok: number; errors: number }>(['changes', 'apply', 'Night', '--dry-run'])
      expect(dry.code).toBe(0)
      expect(dry.value).toMatchObject({ dryRun: true, ok: 5, errors: 0 })
      expect(run(['changes', 'apply', 'Night']).code).toBe(2)
      const result = json<Lines>(['changes', 'apply', 'Night', '--yes'])
      expect(result.code).toBe(0)
      expect(result.value).toMatchObject({ succeeded: 5, failed: 0 })
      // Applied already: a second apply sends nothing.
      expect(json<Lines>(['changes', 'apply', 'Night', '--yes']).value).toMatchObject({ succeeded: 0, lines: [] })
    })
    expect(applied.map((entry) => [entry.carrier, entry.operation]).sort()).toEqual(
      [['call48', 'create-cnam'], ['vitcom', 'updatenumber'], ['voip-innovations', 'UpdateCNAMDisplay'], ['voip-innovations', 'UpdateCNAMDisplay']].sort(),
    )
    expect(applied.find((entry) => entry.carrier === 'call48' && mentions(entry, c!))).toBeDefined()
    expect(applied.find((entry) => entry.carrier === 'vitcom')!.details).toMatchObject({ numbers: [digits(v!)], status: '0' })
    for (const number of [i1!, i2!]) expect(applied.filter((entry) => mentions(entry, number))).toHaveLength(1)
    expect(json<{ state: string; succeeded: number }>(['changes', 'show', 'Night']).value).toMatchObject({ state: 'applied', succeeded: 5 })

    const exported = run(['changes', 'export', 'Night'])
    expect(exported.stdout.split('\n')[0]).toBe('account,carrier,number,field,before,after,outcome,message')
    expect(exported.stdout.trim().split('\n')).toHaveLength(6)

    const revert = json<{ set: { name: string }; staged: number }>(['changes', 'revert', 'Night'])
    expect(revert.value).toMatchObject({ staged: 5, set: { name: 'Revert of Night' } })
    const undone = await recorded(() => expect(json<Lines>(['changes', 'apply', 'Revert of Night', '--yes']).value).toMatchObject({ succeeded: 5, failed: 0 }))
    expect(undone.find((entry) => entry.carrier === 'vitcom')!.details).toMatchObject({ numbers: [digits(v!)], status: '1' })
    expect(undone).toHaveLength(4)
  }, 180_000)

  it('flags a change its carrier would refuse in the dry run, and applying sends only the rest', async () => {
    const [v] = numbers.vitcom.slice(3)
    expect(run(['changes', 'stage', '--set', 'Flagged', '--account', accountName('vitcom'), v!, '--forward', '+13055550100', '--cnam', 'FLAGGED']).code).toBe(0)
    const dry = json<{ errors: number; ok: number; items: { field: string; level: string }[] }>(['changes', 'apply', 'Flagged', '--dry-run'])
    expect(dry.code).toBe(1)
    expect(dry.value).toMatchObject({ errors: 1, ok: 1 })
    expect(dry.value.items.find((item) => item.field === 'routing')?.level).toBe('error')
    const sent = await recorded(() => expect(json<Lines>(['changes', 'apply', 'Flagged', '--yes'])).toMatchObject({ code: 1, value: { succeeded: 1, skipped: 1 } }))
    expect(sent.map((entry) => entry.operation)).toEqual(['updatenumber'])
  }, 120_000)
})
