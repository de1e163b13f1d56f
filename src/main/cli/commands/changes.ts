/**
 * `carrierdesk changes ...`: staged change sets, as on the Change sets screen. Stage edits (the options of
 * `numbers change`, or a CSV), show a set's diff, dry-run and apply it (confirmed with `--yes` or typed; a
 * job Ctrl+C cancels between carrier calls), revert it as a new set, export and import CSV. A set is named
 * by its name or id.
 */
import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import type { ChangeSetDetail, ChangeSetSummary, ItemCheck } from '../../../shared/ipc-shared'
import { fieldLabel } from '../../../shared/number-edits'
import { AppError } from '../../lib/app-error'
import { addChangeOptions, changeFlagNames, editsFromOptions } from '../change-flags'
import { confirmMutation } from '../confirm'
import type { CommandContext } from '../context'
import { checkCounts, printCheckedItems, reportDryRun, type CheckedItem } from '../dry-run'
import { reportLines, runJob } from '../outcomes'
import { numberArguments } from './numbers-actions'

const summaryLine = (set: ChangeSetSummary): string =>
  [set.name, set.state, `${set.itemCount} change(s) on ${set.numberCount} number(s)`, set.carriers.join(','), `${set.pending} pending, ${set.succeeded} done, ${set.failed} failed, ${set.unknown} unknown`, set.id].join('\t')

/** A set's items with the dry run's verdicts, in the set's order. */
function checkedItems(detail: ChangeSetDetail, checks: readonly ItemCheck[]): CheckedItem[] {
  const byKey = new Map(checks.map((check) => [`${check.accountId} ${check.e164} ${check.field}`, check]))
  return detail.items.map((item) => {
    const check = byKey.get(`${item.accountId} ${item.e164} ${item.field}`) ?? { accountId: item.accountId, e164: item.e164, field: item.field, level: 'ok' as const, problems: [] }
    return { ...check, accountName: item.accountName, carrier: item.carrier, before: item.before, after: item.after }
  })
}

/** The diff, grouped by carrier: number, account, field, before → after, outcome. */
function printDiff(cli: CommandContext, detail: ChangeSetDetail): void {
  cli.out(summaryLine(detail))
  const carriers = [...new Set(detail.items.map((item) => item.carrier))]
  for (const carrier of carriers) {
    cli.out(`\n${carrier}`)
    for (const item of detail.items.filter((each) => each.carrier === carrier)) {
      cli.out(`  ${[item.e164, item.accountName, fieldLabel(item.field), `${item.before ?? '(none)'} → ${item.after}`, item.outcome ?? 'staged', item.message ?? ''].join('\t')}`)
    }
  }
  if (detail.items.length === 0) cli.out('(no changes staged)')
}

function readCsvFile(path: string, io: CommandContext['io']): Promise<string> {
  if (path !== '-') {
    try {
      return Promise.resolve(readFileSync(path, 'utf8'))
    } catch (error) {
      throw new AppError('validation', `<file>: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`)
    }
  }
  return new Promise((resolve, reject) => {
    let text = ''
    io.stdin.setEncoding('utf8')
    io.stdin.on('data', (chunk: string) => {
      text += chunk
      if (text.length > 5_000_000) reject(new AppError('validation', '<file>: a change set CSV is at most 5 MB'))
    })
    io.stdin.once('end', () => resolve(text))
    io.stdin.once('error', reject)
  })
}

export function changesCommands(program: Command, cli: CommandContext): void {
  const { io, openDesk, out, print } = cli
  const changes = program.command('changes').description('staged change sets: stage, show, dry-run, apply, revert, export, import')

  changes
    .command('list')
    .description('every change set with its state and counts')
    .action(() => {
      const sets = openDesk().changeSets.list()
      print(sets, () => (sets.length === 0 ? out('No change sets.') : sets.forEach((set) => out(summaryLine(set)))))
    })

  changes
    .command('show <set>')
    .description("a set's diff, by carrier: before → after per number and field (--check adds the dry run)")
    .option('--check', 'also check each change (the dry run: nothing is sent)')
    .action((set: string, options: { check?: boolean }) => {
      const desk = openDesk()
      const detail = desk.changeSets.get({ id: set })
      const check = options.check ? desk.changeSets.check({ id: detail.id }) : undefined
      print(check ? { ...detail, check } : detail, () => {
        printDiff(cli, detail)
        if (check) {
          out('')
          printCheckedItems(cli, checkedItems(detail, check.items))
          out(`${check.ok} ok, ${check.warnings} with warnings, ${check.errors} refused, ${check.alreadyApplied} applied already`)
        }
      })
    })

  const stage = changes
    .command('stage [e164...]')
    .description(`stage changes into a set (made if new): numbers with ${changeFlagNames()}, or --csv FILE`)
    .requiredOption('--set <name>', 'the change set (its name or id); a new name makes a new set')
    .option('--account <name>', 'the account the numbers belong to')
    .option('--release', 'stage releasing the numbers')
    .option('--csv <file>', 'stage the rows of a CSV (as `changes export` writes it; - reads stdin)')
  addChangeOptions(stage)
  stage.action(async (e164s: string[], options: Record<string, unknown> & { set: string; account?: string; release?: boolean; csv?: string }) => {
    const desk = openDesk()
    const edits = editsFromOptions(options)
    if (options.release) edits.push({ kind: 'release' })
    let result: { set: ChangeSetSummary; staged: number }
    if (options.csv !== undefined) {
      if (edits.length > 0 || e164s.length > 0) throw new AppError('validation', '--csv: give the changes in the CSV, or as options, not both')
      result = desk.changeSets.import({ name: options.set, csv: await readCsvFile(options.csv, io) })
    } else {
      if (edits.length === 0) throw new AppError('validation', `a change is missing: give one of ${changeFlagNames()}, --release or --csv`)
      if (!options.account) throw new AppError('validation', '--account: required with numbers')
      if (e164s.length === 0) throw new AppError('validation', '<e164...>: give the numbers to change')
      const account = desk.accounts.find(options.account)
      const targets = numberArguments(e164s).map((e164) => ({ accountId: account.id, e164 }))
      let staged = 0
      let set: ChangeSetSummary | undefined
      for (const edit of edits) {
        const step = desk.changeSets.stage({ name: options.set, targets, edit })
        staged += step.staged
        set = step.set
      }
      result = { set: set as ChangeSetSummary, staged }
    }
    print(result, () => out(`Staged ${result.staged} change(s) in ${result.set.name} (${result.set.itemCount} in all)`))
  })

  changes
    .command('unstage <set> <e164...>')
    .description('take numbers (all their fields, or --field) out of a set')
    .requiredOption('--account <name>', 'the account the numbers belong to')
    .option('--field <field>', 'only this field (routing, cnam, e911, listing411, fax, status, tags, release)')
    .action((set: string, e164s: string[], options: { account: string; field?: string }) => {
      const desk = openDesk()
      const detail = desk.changeSets.get({ id: set })
      const account = desk.accounts.find(options.account)
      const wanted = new Set(numberArguments(e164s))
      const items = detail.items
        .filter((item) => item.accountId === account.id && wanted.has(item.e164) && (options.field === undefined || item.field === options.field))
        .map(({ accountId, e164, field }) => ({ accountId, e164, field }))
      if (items.length === 0) throw new AppError('not-found', 'None of these numbers (and fields) are in the set')
      const summary = desk.changeSets.unstage({ id: detail.id, items })
      print(summary, () => out(`Took ${items.length} change(s) out of ${summary.name} (${summary.itemCount} left)`))
    })

  changes
    .command('apply <set>')
    .description('apply a set (what is not applied yet); --dry-run checks it and sends nothing')
    .option('--dry-run', 'check each change against its carrier and the cache; send nothing')
    .option('--yes', 'confirm without asking')
    .action(async (set: string, options: { dryRun?: boolean; yes?: boolean }) => {
      const desk = openDesk()
      const detail = desk.changeSets.get({ id: set })
      const check = desk.changeSets.check({ id: detail.id })
      const items = checkedItems(detail, check.items).filter((item) => !detail.items.some((each) => each.e164 === item.e164 && each.field === item.field && each.accountId === item.accountId && each.outcome === 'succeeded'))
      if (options.dryRun) {
        reportDryRun(cli, items, { setId: detail.id, name: detail.name, alreadyApplied: check.alreadyApplied })
        return
      }
      if (items.length === 0) {
        print({ setId: detail.id, lines: [], succeeded: 0, failed: 0, unknown: 0, notSent: 0, skipped: 0 }, () => out('Nothing to apply: every change in this set is applied.'))
        return
      }
      if (!cli.json()) printCheckedItems({ ...cli, out: (text: string) => void io.stderr.write(`${text}\n`) }, items)
      const counts = checkCounts(items)
      await confirmMutation(io, {
        summary: `Apply ${detail.name}: ${items.length - counts.errors} change(s) at ${detail.carriers.join(', ')}${counts.warnings ? ` (${counts.warnings} with warnings)` : ''}${counts.errors ? `; ${counts.errors} refused by the checks, not sent` : ''}`,
        yes: options.yes,
      })
      const result = await runJob(cli, (jobId, signal) => desk.changeSets.apply({ id: detail.id, jobId }, signal))
      reportLines(cli, result.lines, { setId: detail.id, name: detail.name, cancelled: result.cancelled })
    })

  changes
    .command('revert <set>')
    .description('make a new set that undoes what this one applied (review it, then apply it)')
    .option('--name <name>', 'the new set\'s name (default: "Revert of <set>")')
    .action((set: string, options: { name?: string }) => {
      const result = openDesk().changeSets.revert({ id: set, name: options.name })
      print(result, () => {
        out(`Staged ${result.staged} change(s) in ${result.set.name}; apply it with: carrierdesk changes apply "${result.set.name}"`)
        for (const item of result.notRevertible) io.stderr.write(`not reverted: ${item.e164} ${fieldLabel(item.field)}: ${item.reason}\n`)
      })
    })

  changes
    .command('export <set>')
    .description('the set as CSV, one row per number and field (to stdout, or --output FILE)')
    .option('--output <file>', 'write the CSV to this file')
    .action(async (set: string, options: { output?: string }) => {
      const desk = openDesk()
      const csv = desk.changeSets.csv({ id: set })
      if (options.output === undefined) {
        io.stdout.write(csv)
        return
      }
      await writeFile(options.output, csv)
      const rows = desk.changeSets.get({ id: set }).items.length
      print({ file: options.output, rows }, () => out(`Wrote ${rows} row(s) to ${options.output}`))
    })

  changes
    .command('import <file>')
    .description('stage the rows of a CSV (account, number, field, after) into a set; all rows or none (- reads stdin)')
    .requiredOption('--set <name>', 'the change set (its name or id); a new name makes a new set')
    .action(async (file: string, options: { set: string }) => {
      const result = openDesk().changeSets.import({ name: options.set, csv: await readCsvFile(file, io) })
      print(result, () => out(`Staged ${result.staged} change(s) in ${result.set.name} (${result.set.itemCount} in all)`))
    })

  changes
    .command('delete <set>')
    .description('delete a change set (what it applied stays applied; its activity stays logged)')
    .action((set: string) => {
      const result = openDesk().changeSets.delete({ id: set })
      print(result, () => out(result.deleted ? 'Deleted.' : 'Not found.'))
    })
}
