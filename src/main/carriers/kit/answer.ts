/**
 * Validation of carrier answers: every answer passes a zod schema before anything uses it, and an answer
 * that does not fit becomes a CarrierError naming the operation and the first fields that were wrong.
 */
import type { z } from 'zod'
import { CarrierError, type CarrierErrorInfo } from '../../lib/carrier-error'

/** Parses `value` with `schema`, or throws a CarrierError saying what in the answer was unexpected. */
export function expectAnswer<S extends z.ZodType>(
  schema: S,
  value: unknown,
  info: Omit<CarrierErrorInfo, 'message' | 'retryable'>,
): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'answer'}: ${issue.message}`)
    .join('; ')
  throw new CarrierError('carrier', {
    ...info,
    message: `The carrier's answer was not understood (${problems})`,
    retryable: false,
  })
}
