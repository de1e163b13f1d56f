/**
 * How mutating commands run and report: Ctrl+C cancels the job (between carrier calls, never inside one),
 * progress goes to stderr, and each number's outcome is printed (with `--json`, as `lines` with an
 * `outcome` each); a run where any number was not done exits 1.
 */
import { randomUUID } from 'node:crypto'
import { notSentCode, unknownOutcomeCode, type OrderLine } from '../../shared/domain'
import type { JobProgress } from '../../shared/ipc-shared'
import { AppError } from '../lib/app-error'
import type { CommandContext } from './context'

export type LineOutcome = 'succeeded' | 'failed' | 'unknown' | 'not-sent' | 'skipped'

export const lineOutcome = (line: OrderLine): LineOutcome =>
  line.ok ? 'succeeded' : line.code === notSentCode ? 'not-sent' : line.code === unknownOutcomeCode ? 'unknown' : line.code === 'skipped' ? 'skipped' : 'failed'

export interface ReportedLine extends OrderLine {
  accountId: string
  field?: string | undefined
}

/** Runs a job with a fresh id: Ctrl+C cancels it, its progress goes to stderr. */
export async function runJob<T>(cli: CommandContext, run: (jobId: string, signal: AbortSignal) => Promise<T>): Promise<T> {
  const desk = cli.openDesk()
  const jobId = randomUUID()
  const controller = new AbortController()
  void cli.io.stopSignal.then(() => controller.abort())
  const stop = desk.events.on('jobs.progress', (progress: JobProgress) => {
    if (progress.jobId === jobId && progress.total > 0) cli.io.stderr.write(`${progress.done}/${progress.total} done${progress.failed ? `, ${progress.failed} failed` : ''}\n`)
  })
  try {
    return await run(jobId, controller.signal)
  } finally {
    stop()
  }
}

/**
 * Prints each number's outcome (`--json`: `{...extra, lines, succeeded, failed, unknown, notSent, skipped}`)
 * and fails (exit 1) when any was not done.
 */
export function reportLines(cli: CommandContext, lines: readonly ReportedLine[], extra: Record<string, unknown> = {}): void {
  const desk = cli.openDesk()
  const names = new Map<string, string>()
  const nameOf = (accountId: string): string => {
    if (!names.has(accountId)) {
      try {
        names.set(accountId, desk.accounts.find(accountId).name)
      } catch {
        names.set(accountId, accountId)
      }
    }
    return names.get(accountId) ?? accountId
  }
  const shown = lines.map((line) => ({ ...line, accountName: nameOf(line.accountId), outcome: lineOutcome(line) }))
  const count = (outcome: LineOutcome): number => shown.filter((line) => line.outcome === outcome).length
  const counts = { succeeded: count('succeeded'), failed: count('failed'), unknown: count('unknown'), notSent: count('not-sent'), skipped: count('skipped') }
  cli.print({ ...extra, lines: shown, ...counts }, () => {
    for (const line of shown) {
      const detail = [line.code && line.code !== notSentCode && line.code !== 'skipped' ? line.code : '', line.message ?? ''].filter(Boolean).join(': ')
      cli.out([line.e164, line.accountName, line.field ?? '', line.outcome, detail].join('\t'))
    }
    cli.out(`${counts.succeeded} done, ${counts.failed} failed, ${counts.unknown} unknown, ${counts.notSent} not sent, ${counts.skipped} skipped`)
  })
  const bad = shown.length - counts.succeeded
  if (bad > 0) throw new AppError('carrier', `${bad} of ${shown.length} were not done; see each number's outcome above`)
}
