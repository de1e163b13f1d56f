/**
 * `carrierdesk cdrs`: the call-record store from the command line, on the same core as the CDR screen:
 * fetch a range from the carriers (`sync`), import a file, list, KPIs (`stats`, the README's definitions),
 * how far back the cache goes (`coverage`), export, and prune past the retention setting.
 * Days given to list, stats and export are calendar days in `--time-zone` (this computer's zone by default);
 * `sync` fetches UTC days, as the carriers publish them.
 */
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { CdrRangeSchema, cdrDirections, cdrDispositions, cdrGroupings, DaySchema, isTimeZone, type CdrKpis, type CdrRange } from '../../../shared/cdrs'
import { zonedTime } from '../../../shared/zoned-time'
import { AppError } from '../../lib/app-error'
import { validationError } from '../../core/dispatcher'
import { confirmMutation } from '../confirm'
import type { CommandContext } from '../context'

interface RangeOptions {
  account?: string
  from: string
  to: string
  timeZone?: string
  number?: string
  otherParty?: string
  disposition?: string
  direction?: string
  trunk?: string
  carrier?: string
  minDuration?: string
}

const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone

function day(option: string, value: string): string {
  const parsed = DaySchema.safeParse(value)
  if (!parsed.success) throw new AppError('validation', `${option}: a day is YYYY-MM-DD (got ${value})`)
  return parsed.data
}

function zoneOf(options: { timeZone?: string }): string {
  const zone = options.timeZone ?? localZone()
  if (!isTimeZone(zone)) throw new AppError('validation', `--time-zone: unknown time zone ${zone} (an IANA name such as America/New_York)`)
  return zone
}

const list = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(',').map((item) => item.trim()).filter((item) => item.length > 0)

export function cdrsCommands(program: Command, cli: CommandContext): void {
  const { io, openDesk, out, print } = cli
  const cdrs = program.command('cdrs').description('call records: fetch, import, list, KPIs, coverage, export, prune')

  /** The days `--from`..`--to` (both included) in the zone, and the filters, as the core's range. */
  const rangeOf = (options: RangeOptions): { range: CdrRange; zone: string } => {
    const zone = zoneOf(options)
    const from = day('--from', options.from)
    const to = day('--to', options.to)
    if (to < from) throw new AppError('validation', '--to: the range ends before it starts')
    const time = zonedTime(zone)
    const nextDay = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    const desk = openDesk()
    const minDuration = options.minDuration === undefined ? undefined : Number(options.minDuration)
    const parsed = CdrRangeSchema.safeParse({
      from: time.startOfDay(from),
      to: time.startOfDay(nextDay),
      filters: {
        accountIds: options.account ? [desk.accounts.find(options.account).id] : undefined,
        carriers: list(options.carrier),
        direction: options.direction,
        dispositions: list(options.disposition),
        ourNumber: options.number,
        otherParty: options.otherParty,
        trunk: options.trunk,
        minDurationSeconds: minDuration,
      },
    })
    if (!parsed.success) throw validationError(parsed.error)
    return { range: parsed.data, zone }
  }

  const withRange = (command: Command): Command =>
    command
      .option('--account <name>', 'only this account')
      .requiredOption('--from <YYYY-MM-DD>', 'first day')
      .requiredOption('--to <YYYY-MM-DD>', 'last day (included)')
      .option('--time-zone <zone>', "the days' zone and the times shown (default: this computer's)")
      .option('--number <e164>', 'one of our numbers')
      .option('--other-party <digits>', 'the far end contains these digits')
      .option('--disposition <list>', `comma-separated: ${cdrDispositions.join(',')}`)
      .option('--direction <direction>', cdrDirections.join(' or '))
      .option('--trunk <trunk>', 'this trunk')
      .option('--carrier <list>', 'comma-separated carrier ids')
      .option('--min-duration <seconds>', 'billed at least this many seconds')

  /** Ctrl+C cancels the long commands; the rows already committed stay. */
  const stopOnSignal = (): AbortSignal => {
    const controller = new AbortController()
    void io.stopSignal.then(() => controller.abort())
    return controller.signal
  }

  cdrs
    .command('sync')
    .description('fetch the UTC days --from..--to from the carriers: download and ingest new daily files, page XDRs (progress on stderr)')
    .option('--account <name>', 'only this account')
    .requiredOption('--from <YYYY-MM-DD>', 'first day')
    .requiredOption('--to <YYYY-MM-DD>', 'last day (included)')
    .action(async (options: { account?: string; from: string; to: string }) => {
      const from = day('--from', options.from)
      const to = day('--to', options.to)
      const desk = openDesk()
      const accountIds = options.account ? [desk.accounts.find(options.account).id] : undefined
      const names = new Map(desk.store.accounts.list().map((account) => [account.id, account.name]))
      const results = await desk.cdrs.fetch({ accountIds, from, to }, stopOnSignal(), (accountId, p) => {
        io.stderr.write(`${names.get(accountId) ?? accountId}: ${p.done}/${p.total} sources, ${p.rows} rows read, ${p.added} new${p.current ? ` (${p.current})` : ''}\n`)
      })
      print({ accounts: results }, () => {
        for (const r of results) {
          out(`${r.accountName}\tread ${r.read}\tnew ${r.added}\trejected ${r.rejected}\tskipped ${r.skipped}${r.error ? `\t${r.error}` : ''}`)
          for (const s of r.sources.filter((source) => source.error !== undefined)) out(`  ${s.source}\tfailed\t${s.error}`)
        }
      })
      if (results.some((r) => r.error !== undefined || r.sources.some((s) => s.error !== undefined))) {
        throw new AppError('carrier', 'Some call records could not be fetched; see the results above')
      }
    })

  cdrs
    .command('import <file>')
    .description("ingest a CDR file you already have (the account's carrier's format); re-importing adds nothing twice")
    .requiredOption('--account <name>', 'the account the calls belong to')
    .option('--direction <direction>', `${cdrDirections.join(' or ')}, when the file does not say`)
    .action(async (file: string, options: { account: string; direction?: string }) => {
      if (options.direction !== undefined && !(cdrDirections as readonly string[]).includes(options.direction)) {
        throw new AppError('validation', `--direction: ${cdrDirections.join(' or ')}`)
      }
      const desk = openDesk()
      const account = desk.accounts.find(options.account)
      const result = await desk.cdrs.importFile(
        { accountId: account.id, file: resolve(file), direction: options.direction as (typeof cdrDirections)[number] | undefined },
        stopOnSignal(),
      )
      print(result, () => {
        out(`read ${result.read}\tnew ${result.added}\trejected ${result.rejected}`)
        for (const problem of result.problems) out(`  ${problem}`)
      })
    })

  withRange(cdrs.command('list'))
    .description('call records of the range, newest first → {rows, total}')
    .option('--limit <n>', 'at most this many rows (1-1000)', '100')
    .option('--offset <n>', 'skip this many rows', '0')
    .action((options: RangeOptions & { limit: string; offset: string }) => {
      const { range, zone } = rangeOf(options)
      const limit = Number(options.limit)
      const offset = Number(options.offset)
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new AppError('validation', '--limit: a whole number from 1 to 1000')
      if (!Number.isInteger(offset) || offset < 0) throw new AppError('validation', '--offset: a whole number from 0')
      const desk = openDesk()
      const rows = desk.cdrs.list({ range, order: 'newest', offset, limit })
      const total = desk.cdrs.stats({ range, limit: 1 }).total.attempts
      const time = zonedTime(zone)
      print({ rows, total, timeZone: zone }, () => {
        out(`start (${zone})\tdirection\tfrom\tto\tbilled\tdisposition\tcause\tcost\ttrunk`)
        for (const r of rows) {
          out(`${time.minuteLabel(r.startedAt)}\t${r.direction}\t${r.from}\t${r.to}\t${r.billedSeconds}s\t${r.disposition}\t${[r.causeCode, r.causeText].filter(Boolean).join(' ')}\t${r.cost ?? ''}\t${r.trunk ?? ''}`)
        }
        out(`${rows.length} of ${total} call records`)
      })
    })

  withRange(cdrs.command('stats'))
    .description('KPIs of the range (attempts, answered, ASR, ACD, MOU, cost), optionally grouped → {rows, total}')
    .option('--group-by <group>', cdrGroupings.join('|'))
    .action((options: RangeOptions & { groupBy?: string }) => {
      if (options.groupBy !== undefined && !(cdrGroupings as readonly string[]).includes(options.groupBy)) {
        throw new AppError('validation', `--group-by: one of ${cdrGroupings.join(', ')}`)
      }
      const { range, zone } = rangeOf(options)
      const stats = openDesk().cdrs.stats({ range, groupBy: options.groupBy as (typeof cdrGroupings)[number] | undefined, timeZone: zone, limit: 1000 })
      const line = (label: string, k: CdrKpis): string =>
        `${label}\t${k.attempts}\t${k.answered}\t${k.asr === null ? '—' : `${(k.asr * 100).toFixed(1)}%`}\t${k.acdSeconds === null ? '—' : `${k.acdSeconds.toFixed(1)}s`}\t${k.minutes.toFixed(1)}\t${k.cost.toFixed(4)}`
      print({ rows: stats.rows, total: stats.total, timeZone: zone }, () => {
        out('group\tattempts\tanswered\tASR\tACD\tminutes\tcost')
        for (const row of stats.rows) out(line(row.group, row))
        out(line('total', stats.total))
      })
    })

  withRange(cdrs.command('export'))
    .description('the whole filtered range as CSV, times in --time-zone (the headers say which) → {file, rows}')
    .action(async (options: RangeOptions) => {
      const { range, zone } = rangeOf(options)
      const result = await openDesk().cdrs.exportRecords({ range, timeZone: zone }, stopOnSignal())
      print(result, () => out(`${result.rows} call records written to ${result.file}`))
    })

  cdrs
    .command('coverage')
    .description('how far back the cache goes, per account')
    .action(() => {
      const desk = openDesk()
      const names = new Map(desk.store.accounts.list().map((account) => [account.id, account.name]))
      const rows = desk.cdrs.coverage().map((row) => ({ ...row, accountName: names.get(row.accountId) ?? row.accountId }))
      const iso = (at: number | undefined): string => (at === undefined ? '—' : new Date(at).toISOString())
      print(rows, () => {
        out('account\trecords\tfetched from\tfetched to\tfirst record\tlast record')
        for (const r of rows) out(`${r.accountName}\t${r.records}\t${iso(r.fetchedFrom)}\t${iso(r.fetchedTo)}\t${iso(r.firstRecordAt)}\t${iso(r.lastRecordAt)}`)
      })
    })

  cdrs
    .command('prune')
    .description('delete cached call records older than the cdrRetentionDays setting (they cannot be fetched again once the carrier forgot them)')
    .option('--dry-run', 'only count them')
    .option('--yes', 'confirm without asking')
    .action(async (options: { dryRun?: boolean; yes?: boolean }) => {
      const desk = openDesk()
      const preview = desk.cdrs.prune({ dryRun: true })
      const day = new Date(preview.cutoff).toISOString().slice(0, 10)
      if (options.dryRun) {
        print(preview, () => out(`${preview.deleted} call records from before ${day} (UTC) would be deleted`))
        return
      }
      await confirmMutation(io, { summary: `Delete ${preview.deleted} cached call records from before ${day} (UTC), past the retention setting?`, yes: options.yes })
      const result = desk.cdrs.prune({ dryRun: false })
      print(result, () => out(`${result.deleted} call records from before ${day} (UTC) deleted`))
    })
}
