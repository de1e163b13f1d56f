/**
 * How a batch's per-number outcome is shown wherever a purchase, release or change reports back: done,
 * not sent (the user cancelled before it reached the carrier: nothing happened), unknown (the answer was
 * lost: check before trying again) or failed. A number not sent is never shown as a failure.
 */
import { Badge } from '@mantine/core'
import { notSentCode, unknownOutcomeCode } from '../../../shared/domain'
import type { BatchLine, BatchResult } from '../../../shared/ipc-shared'
import { formatCount } from '../format'

type Outcome = 'done' | 'not-sent' | 'unknown' | 'failed'

export function outcomeOf(line: BatchLine): Outcome {
  if (line.ok) return 'done'
  if (line.code === notSentCode) return 'not-sent'
  if (line.code === unknownOutcomeCode) return 'unknown'
  return 'failed'
}

const colors: Record<Outcome, string> = { done: 'teal', 'not-sent': 'gray', unknown: 'yellow', failed: 'red' }

/** The line's badge; `done` names success in the caller's words ("bought", "ok"). */
export function OutcomeBadge({ line, done, size = 'sm' }: { line: BatchLine; done: string; size?: 'xs' | 'sm' }) {
  const outcome = outcomeOf(line)
  const labels: Record<Outcome, string> = { done, 'not-sent': 'not sent', unknown: 'unknown', failed: 'failed' }
  return (
    // Never cut to "NOT …" in a narrow column: the outcome is the point of the line.
    <Badge size={size} variant="light" color={colors[outcome]} style={{ minWidth: 'max-content' }}>
      {labels[outcome]}
    </Badge>
  )
}

/** "3 bought, 1 failed, 6 not sent (cancelled)": not sent only when there are some. */
export function outcomeSummary(result: BatchResult, done: string): string {
  const notSent = result.notSent > 0 ? `, ${formatCount(result.notSent)} not sent` : ''
  return `${formatCount(result.succeeded)} ${done}, ${formatCount(result.failed)} failed${notSent}${result.cancelled ? ' (cancelled)' : ''}`
}

const rank: Record<Outcome, number> = { failed: 0, unknown: 0, 'not-sent': 1, done: 2 }

/** The lines to read first first: failures and unknowns, then those not sent, then those done. */
export function worstFirst<Line extends BatchLine>(lines: readonly Line[]): Line[] {
  return [...lines].sort((a, b) => rank[outcomeOf(a)] - rank[outcomeOf(b)])
}
