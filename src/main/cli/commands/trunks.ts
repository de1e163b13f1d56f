/**
 * `carrierdesk trunks ...`: the cached trunk groups with how many numbers each carries; create, edit and
 * disable a trunk (checked against the carrier's own rules before anything is sent, confirmed with --yes or
 * on the terminal, --dry-run to only check); and traffic reports (the carrier asked now, the cache as the
 * fallback, --cached for the cache only).
 */
import { Option, type Command } from 'commander'
import type { TrunkChangeOutcome, TrunkListRow } from '../../../shared/ipc-shared'
import type { TrafficRow, TrunkDirection, TrunkFieldKey, TrunkValues } from '../../../shared/trunks'
import { AppError } from '../../lib/app-error'
import { confirmMutation } from '../confirm'
import type { CommandContext } from '../context'
import { relabelFields, wholeNumberOption } from '../usage'

/** Each trunk setting's option (the README lists them). */
const valueFlags: Record<TrunkFieldKey, string> = {
  name: '--name',
  ip: '--ip',
  secondaryIp: '--secondary-ip',
  extraIps: '--extra-ips',
  prefix: '--prefix',
  port: '--port',
  secondaryPrefix: '--secondary-prefix',
  secondaryPort: '--secondary-port',
  billing: '--billing',
  sessions: '--sessions',
  unlimitedMou: '--mou',
  callForwarding: '--call-forwarding',
  ports: '--ports',
  cps: '--cps',
  routeType: '--route-type',
  numFormat: '--num-format',
  cliType: '--cli-type',
}
const optionKey = (flag: string): string => flag.slice(2).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())

type ValueOptions = Partial<Record<string, string>> & { account: string; yes?: boolean; dryRun?: boolean }

function withValueOptions(command: Command): Command {
  const descriptions: Partial<Record<TrunkFieldKey, string>> = {
    name: 'title / trunk name',
    ip: 'primary IP address',
    secondaryIp: 'secondary IP address',
    extraIps: 'more IP addresses, comma-separated (Call48)',
    prefix: 'prefix (Vitcom: 4-6 digits)',
    port: 'port (Vitcom: 4 digits)',
    billing: 'metered or unmetered (Vitcom origination)',
    sessions: 'sessions, required when unmetered',
    unlimitedMou: '"unlimited" minutes of use (Vitcom origination)',
    callForwarding: '11-digit number calls go to when the trunk is down (Vitcom)',
    ports: 'ports 1-1000 (Vitcom termination)',
    cps: 'calls per second (Vitcom termination)',
    routeType: 'RR or TD (Call48)',
    numFormat: 'e164, 11 or 10 (Call48)',
    cliType: 'paid or rpid (Call48)',
  }
  for (const [key, flag] of Object.entries(valueFlags) as [TrunkFieldKey, string][]) command.option(`${flag} <value>`, descriptions[key] ?? key)
  return command
    .option('--yes', 'confirm: send it without asking')
    .option('--dry-run', 'check the values against the carrier’s rules and show what would be sent, without sending')
}

/** The options given, as trunk values (`''` empties a field on an edit). */
function valuesOf(options: ValueOptions): TrunkValues {
  const values: TrunkValues = {}
  for (const [key, flag] of Object.entries(valueFlags) as [TrunkFieldKey, string][]) {
    const value = options[optionKey(flag)]
    if (value !== undefined) values[key] = value
  }
  return values
}

/** The core's complaints under the options that carry the fields. */
function relabelled(error: unknown): unknown {
  return error instanceof AppError ? relabelFields(error, { ...valueFlags, direction: '--direction', subjects: '--number', month: '--month' }) : error
}

/** A trunk as `trunks list --json` shows it. */
function rowOf(trunk: TrunkListRow, accountName: string) {
  return {
    accountName,
    carrier: trunk.carrier,
    trunkId: trunk.id,
    name: trunk.name,
    direction: trunk.direction,
    addresses: trunk.ips,
    status: trunk.status,
    numbers: trunk.numbers,
    asOf: trunk.asOf,
    ...(trunk.settings ? { settings: trunk.settings } : {}),
  }
}

const describeValues = (values: TrunkValues): string =>
  Object.entries(values)
    .map(([key, value]) => `${valueFlags[key as TrunkFieldKey] ?? key}=${value === '' ? '(removed)' : value}`)
    .join(' ')

export function trunksCommands(program: Command, cli: CommandContext): void {
  const { io, openDesk, out, print } = cli
  const trunks = program.command('trunks').description('SIP trunk groups: list, create, edit, disable, traffic')
  const signal = (): AbortSignal => {
    const controller = new AbortController()
    void io.stopSignal.then(() => controller.abort())
    return controller.signal
  }
  /** Prints a change's outcome; an unknown one fails the command (exit 1) after saying so. */
  const report = (outcome: TrunkChangeOutcome, accountName: string): void => {
    print({ ...outcome, trunk: outcome.trunk ? rowOf(outcome.trunk, accountName) : undefined }, () => {
      out(`${outcome.outcome}: ${outcome.message}`)
      if (outcome.trunk) out(`${outcome.trunk.id}\t${outcome.trunk.name}\t${outcome.trunk.ips.join(', ')}\t${outcome.trunk.status}`)
    })
    if (outcome.outcome === 'unknown') throw new AppError('carrier', 'The outcome is unknown: check the carrier before trying again')
  }

  trunks
    .command('list')
    .description('cached trunk groups, with how many cached numbers route to each')
    .option('--account <name>', 'only this account')
    .action((options: { account?: string }) => {
      const desk = openDesk()
      const accountId = options.account ? desk.accounts.find(options.account).id : undefined
      const names = new Map(desk.store.accounts.list().map((account) => [account.id, account.name]))
      const rows = desk.trunks.list(accountId).map((trunk) => rowOf(trunk, names.get(trunk.accountId) ?? trunk.accountId))
      print({ rows }, () => {
        for (const r of rows) out(`${r.accountName}\t${r.trunkId}\t${r.name}\t${r.direction}\t${r.addresses.join(', ')}\t${r.status}\t${r.numbers} numbers`)
        out(`${rows.length} trunk group${rows.length === 1 ? '' : 's'}`)
      })
    })

  withValueOptions(
    trunks
      .command('create')
      .description('create a trunk group (checked against the carrier’s rules first)')
      .requiredOption('--account <name>')
      .addOption(new Option('--direction <direction>').choices(['origination', 'termination']).makeOptionMandatory()),
  ).action(async (options: ValueOptions & { direction: TrunkDirection }) => {
    const desk = openDesk()
    const account = desk.accounts.find(options.account)
    try {
      const values = desk.trunks.checkNew(account, options.direction, valuesOf(options))
      if (options.dryRun) {
        print({ dryRun: true, accountName: account.name, direction: options.direction, values }, () => out(`Would create a ${options.direction} trunk at ${account.name}: ${describeValues(values)}`))
        return
      }
      await confirmMutation(io, { summary: `Create a ${options.direction} trunk group at ${account.name}: ${describeValues(values)}`, yes: options.yes })
      report(await desk.trunks.create({ accountId: account.id, direction: options.direction, values }, signal()), account.name)
    } catch (error) {
      throw relabelled(error)
    }
  })

  withValueOptions(
    trunks
      .command('update <trunkId>')
      .description('edit a trunk group: only the options given change (an empty value removes one where the carrier allows)')
      .requiredOption('--account <name>'),
  ).action(async (trunkId: string, options: ValueOptions) => {
    const desk = openDesk()
    const { account, trunk } = desk.trunks.find(options.account, trunkId)
    try {
      const { changes, before } = desk.trunks.checkChanges(account, trunk, valuesOf(options))
      const summary = `Edit ${trunk.name} (${trunk.id}) at ${account.name}: before ${describeValues(before)}; after ${describeValues(changes)}`
      if (options.dryRun) {
        print({ dryRun: true, accountName: account.name, trunkId: trunk.id, before, after: changes }, () => out(`Would ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`))
        return
      }
      await confirmMutation(io, { summary, yes: options.yes })
      report(await desk.trunks.update({ accountId: account.id, trunkId: trunk.id, changes }, signal()), account.name)
    } catch (error) {
      throw relabelled(error)
    }
  })

  trunks
    .command('disable <trunkId>')
    .description('disable a trunk group (Vitcom termination trunks)')
    .requiredOption('--account <name>')
    .option('--yes', 'confirm: send it without asking')
    .option('--dry-run', 'show what would be disabled, without sending')
    .action(async (trunkId: string, options: { account: string; yes?: boolean; dryRun?: boolean }) => {
      const desk = openDesk()
      const { account, trunk } = desk.trunks.find(options.account, trunkId)
      const { numbers } = desk.trunks.checkDisable(account, trunk)
      const summary = `Disable ${trunk.name} (${trunk.id}, ${trunk.ips.join(', ')}) at ${account.name}: ${numbers} cached number${numbers === 1 ? '' : 's'} route to it`
      if (options.dryRun) {
        print({ dryRun: true, accountName: account.name, trunkId: trunk.id, numbers }, () => out(`Would ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`))
        return
      }
      await confirmMutation(io, { summary, yes: options.yes })
      report(await desk.trunks.disable({ accountId: account.id, trunkId: trunk.id }, signal()), account.name)
    })

  trunks
    .command('stats')
    .description('traffic: per trunk (--trunk), per number (--number), else the account month by month (--year, --month)')
    .requiredOption('--account <name>')
    .option('--trunk <trunkId...>', 'trunk groups (running totals)')
    .option('--number <e164...>', 'numbers (running totals)')
    .option('--year <year>', 'account report: this year (default: this year)')
    .option('--month <month>', 'account report: only this month (1-12)')
    .option('--cached', 'do not ask the carrier: show the cached report')
    .action(async (options: { account: string; trunk?: string[]; number?: string[]; year?: string; month?: string; cached?: boolean }) => {
      if (options.trunk && options.number) throw new AppError('validation', '--number: give --trunk or --number, not both')
      const desk = openDesk()
      const account = desk.accounts.find(options.account)
      const year = options.year === undefined ? undefined : wholeNumberOption('--year', options.year, 2000, 2100)
      const month = options.month === undefined ? undefined : wholeNumberOption('--month', options.month, 1, 12)
      const scope = options.trunk ? 'trunk' : options.number ? 'number' : 'account'
      let result
      try {
        result = await desk.traffic.report({ accountId: account.id, scope, subjects: options.trunk ?? options.number, year, month, refresh: !options.cached }, signal())
      } catch (error) {
        throw relabelled(error)
      }
      if (result.failure) io.stderr.write(`warning: the carrier could not be asked (${result.failure}); showing the cached report\n`)
      const rows = result.rows.map((row: TrafficRow) => ({
        ...(row.scope === 'trunk' ? { trunkId: row.subject } : {}),
        ...(row.scope === 'number' ? { e164: row.subject } : {}),
        direction: row.direction,
        period: row.period,
        processed: row.processed,
        completed: row.completed,
        asr: row.asr,
        acdSeconds: row.acdSeconds,
        minutes: row.minutes,
        peak: row.peak,
        asOf: row.asOf,
      }))
      const shown = (value: number | null, format: (value: number) => string = String): string => (value === null ? 'unknown' : format(value))
      print({ rows, asOf: result.asOf, ...(result.failure ? { failure: result.failure } : {}) }, () => {
        out('subject\tdirection\tperiod\tprocessed\tcompleted\tASR\tACD\tminutes\tpeak')
        for (const r of result.rows) {
          out(
            [r.subject || account.name, r.direction, r.period, shown(r.processed), shown(r.completed), shown(r.asr, (v) => `${Math.round(v * 1000) / 10}%`), shown(r.acdSeconds, (v) => `${Math.round(v)} s`), shown(r.minutes), shown(r.peak)].join('\t'),
          )
        }
        out(`${rows.length} row${rows.length === 1 ? '' : 's'}${result.asOf ? `, as of ${new Date(result.asOf).toISOString()}` : ''}`)
      })
    })
}
