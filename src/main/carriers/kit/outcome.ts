/**
 * How a run of mutations ends when the user cancels it halfway: the cancel stops the run between carrier
 * calls, never inside one (kit `send` runs a mutation in flight to its answer), and every number gets its
 * true outcome: done, not sent, or settled by re-reading the carrier.
 */
import { unknownOutcomeCode, type OrderLine } from '../../../shared/domain'
import { isCancelled, notSent } from '../../lib/outcome'
import { AppError } from '../../lib/app-error'
import { isAmbiguous } from '../../lib/carrier-error'

/** How long re-reading the carrier to settle a sent mutation may take, however the user cancels. */
const settleTimeoutMs = 120_000

/**
 * The signal for calls that finish what a sent mutation started: re-reads that settle an ambiguous answer,
 * the second step of a two-step order. Not the job's signal, so a cancel cannot leave a number's outcome
 * unknown or half done; bounded by its own time instead. A settle that fails (or times out) is an unknown
 * outcome, never "cancelled".
 */
export const settlingSignal = (): AbortSignal => AbortSignal.timeout(settleTimeoutMs)

/**
 * Runs `act` on each item in order, one carrier call (or settled group of calls) at a time, and stops
 * between items once `signal` aborts: the items not reached get `notSent` lines. `act` must throw
 * "cancelled" only before it sent anything (kit `send` checks the signal before a mutation leaves), so
 * such an item is not sent either. Any other error stops the run too, without losing what was done: that
 * item fails with it (unknown outcome when it is ambiguous or unexpected) and the rest are not sent.
 */
export async function untilCancelled<T>(
  items: readonly T[],
  signal: AbortSignal,
  e164sOf: (item: T) => string[],
  act: (item: T) => Promise<OrderLine[]>,
): Promise<OrderLine[]> {
  const lines: OrderLine[] = []
  let stoppedBy: string | undefined
  for (const item of items) {
    if (stoppedBy !== undefined) {
      lines.push(...e164sOf(item).map((e164) => ({ ...notSent(e164), message: `Not sent: stopped by an earlier error (${stoppedBy})` })))
      continue
    }
    if (signal.aborted) {
      lines.push(...e164sOf(item).map(notSent))
      continue
    }
    try {
      lines.push(...(await act(item)))
    } catch (error) {
      if (isCancelled(error)) {
        lines.push(...e164sOf(item).map(notSent))
        continue
      }
      stoppedBy = error instanceof AppError ? error.message : 'unexpected error'
      lines.push(...e164sOf(item).map((e164) => stoppedLine(e164, error)))
    }
  }
  return lines
}

function stoppedLine(e164: string, error: unknown): OrderLine {
  if (error instanceof AppError && !isAmbiguous(error)) return { e164, ok: false, code: error.code, message: error.message }
  const message = error instanceof AppError ? error.message : 'unexpected error'
  return { e164, ok: false, code: unknownOutcomeCode, message: `Outcome unknown, check the carrier: ${message}` }
}
