/**
 * The error type of the main-process core. Every failure that reaches a front door (IPC, CLI, harness)
 * is an AppError with a stable code; anything else is reported as `internal` without its stack or text,
 * because unknown errors may carry request data we cannot vouch for.
 */
import type { ErrorCode, ErrorShape } from '../../shared/errors'

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'AppError'
  }

  toShape(): ErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof AppError) return error.toShape()
  if (error instanceof Error && error.name === 'AbortError') return { code: 'cancelled', message: 'Cancelled' }
  return { code: 'internal', message: 'An unexpected error occurred; see the log for details.' }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', 'Cancelled')
}
