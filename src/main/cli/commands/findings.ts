/**
 * `carrierdesk findings`: what is wrong across the carriers, computed from the cache now (the same rules as
 * the Findings screen), and dismissing or re-opening one (a local note with who and why: nothing is sent
 * to a carrier).
 */
import { Option, type Command } from 'commander'
import { FindingId } from '../../../shared/contract/findings'
import { findingKinds, type Finding, type FindingsReport } from '../../../shared/findings'
import { validationError } from '../../core/dispatcher'
import { AppError } from '../../lib/app-error'
import type { CommandContext } from '../context'

const money = (value: number | undefined): string => (value === undefined ? '' : `$${value.toFixed(2)}/mo`)

/** "312,004 numbers" or "3 objects": a finding's subjects are all numbers or all other things. */
const subjectsLine = (f: Finding): string => {
  const noun = f.subjects.some((s) => s.e164) ? 'number' : 'object'
  return `${f.subjectCount.toLocaleString('en-US')} ${noun}${f.subjectCount === 1 ? '' : 's'}`
}

function parsedId(id: string): string {
  const parsed = FindingId.safeParse(id)
  if (!parsed.success) throw validationError(parsed.error)
  return parsed.data
}

export function findingsCommands(program: Command, cli: CommandContext): void {
  const { openDesk, out, print } = cli
  const findings = program
    .command('findings')
    .description('what is wrong across the carriers (waste, risk, deadlines), computed from the cache')
    .option('--all', 'dismissed findings too')
    .addOption(new Option('--kind <kind>', 'only this rule').choices([...findingKinds]))
    .option('--account <name>', 'only findings about this account')
    .action((options: { all?: boolean; kind?: string; account?: string }) => {
      const desk = openDesk()
      const accountId = options.account ? desk.accounts.find(options.account).id : undefined
      const report = desk.findings.compute()
      const shown = report.findings.filter(
        (f) =>
          (options.all || f.status === 'open') &&
          (!options.kind || f.kind === options.kind) &&
          (!accountId || f.subjects.some((s) => s.accountId === accountId)),
      )
      const value: FindingsReport = { ...report, findings: shown }
      print(value, () => {
        for (const f of shown) {
          const account = [...new Set(f.subjects.map((s) => s.accountName))].join(', ')
          out(`${f.id}\t${f.severity}\t${f.status}${f.reopened ? ' (re-opened)' : ''}\t${account}\t${subjectsLine(f)}\t${money(f.monthlyCost)}\t${f.title}`)
        }
        for (const note of report.notes) out(`note\t${note.kind}\t${note.message}`)
        out(`${report.open} open, ${report.dismissed} dismissed (computed ${new Date(report.computedAt).toISOString()})`)
      })
    })
  findings
    .command('show <id>')
    .description('one finding with every number or object it concerns')
    .action((id: string) => {
      const wanted = parsedId(id)
      const finding = openDesk().findings.withAllSubjects(wanted)
      if (!finding) throw new AppError('not-found', `No finding ${wanted} now`)
      print(finding, () => {
        out(`${finding.title} (${finding.severity}, ${finding.status})`)
        out(finding.why)
        if (finding.monthlyCost !== undefined) out(`Monthly cost: ${money(finding.monthlyCost)}`)
        if (finding.dismissal) {
          out(`${finding.reopened ? 'Was dismissed' : 'Dismissed'} by ${finding.dismissal.by} on ${new Date(finding.dismissal.at).toISOString()}: ${finding.dismissal.reason}${finding.reopened ? ' (the facts changed since)' : ''}`)
        }
        for (const s of finding.subjects) {
          out(`${s.e164 ?? s.objectId ?? ''}\t${s.accountName}\t${s.carrier}\t${s.monthlyCost === undefined ? '' : money(s.monthlyCost)}\t${s.detail ?? ''}`)
        }
      })
    })
  findings
    .command('dismiss <id>')
    .description('dismiss a finding, saying why (kept with your name; re-opens when its facts change)')
    .requiredOption('--reason <text>', 'why it needs no action')
    .action((id: string, options: { reason: string }) => {
      const reason = options.reason.trim()
      if (reason === '' || reason.length > 500) throw new AppError('validation', '--reason: say why, in at most 500 characters')
      const finding = openDesk().findings.dismiss({ id: parsedId(id), reason })
      print(finding, () => out(`${finding.id}\tdismissed\t${finding.dismissal?.reason ?? ''}`))
    })
  findings
    .command('reopen <id>')
    .description('open a dismissed finding again')
    .action((id: string) => {
      const finding = openDesk().findings.reopen({ id: parsedId(id) })
      print(finding, () => out(`${finding.id}\t${finding.status}`))
    })
}
