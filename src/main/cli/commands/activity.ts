/** `carrierdesk activity`: the activity log (every mutation, who, what, when, result), newest first. */
import type { Command } from 'commander'
import { AppError } from '../../lib/app-error'
import type { CommandContext } from '../context'
import { wholeNumberOption } from '../usage'

const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }

/** `--since`: a date (2026-11-20, read as UTC midnight), a time (ISO 8601), or an age (90m, 24h, 7d, 2w). */
export function parseSince(text: string, now: number): number {
  const age = /^\s*(\d+)\s*([mhdw])\s*$/i.exec(text)
  if (age) return now - Number(age[1]) * (units[(age[2] ?? 'd').toLowerCase()] ?? 0)
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? `${text.trim()}T00:00:00Z` : text.trim()
  const at = /^\d{4}-\d{2}-\d{2}T/.test(day) ? Date.parse(day) : Number.NaN
  if (Number.isNaN(at)) throw new AppError('validation', '--since: a date (2026-11-20), a time (2026-11-20T08:00:00Z) or an age (90m, 24h, 7d)')
  return at
}

export function activityCommands(program: Command, cli: CommandContext): void {
  const { openDesk, out, print } = cli
  program
    .command('activity')
    .description('the activity log: every change CarrierDesk made or tried, newest first')
    .option('--since <when>', 'a date, a time, or an age (24h, 7d)')
    .option('--account <name>', 'only this account')
    .option('--limit <n>', 'at most this many entries', '200')
    .action((options: { since?: string; account?: string; limit: string }) => {
      const limit = wholeNumberOption('--limit', options.limit, 1, 100_000)
      const desk = openDesk()
      const since = options.since === undefined ? undefined : parseSince(options.since, desk.now())
      const account = options.account === undefined ? undefined : desk.accounts.find(options.account)
      const entries = desk.activity.list({ limit, since, accountId: account?.id })
      const names = new Map(desk.accounts.list().map((a) => [a.id, a.name]))
      print(entries, () => {
        for (const e of entries) {
          const who = e.accountId ? (names.get(e.accountId) ?? e.accountId) : (e.carrier ?? '')
          out([new Date(e.at).toISOString(), e.actor, who, e.action, e.target ?? '', e.result, e.message ?? ''].join('\t'))
        }
        if (entries.length === 0) out('No activity.')
      })
    })
}
