/**
 * What every carrier's port actions share: a port mutation sent once and settled by a read after an
 * ambiguous failure, a body's fields by their dotted path, and the confirmation's summary of a body made
 * from the carrier's form (secrets masked).
 */
import type { z } from 'zod'
import type { PortDetailField, PortFieldSpec } from '../../../shared/ports'
import { AppError } from '../../lib/app-error'
import { CarrierError, isAmbiguous } from '../../lib/carrier-error'
import { settlingSignal } from './outcome'

/**
 * Sends a port mutation once. When its answer is lost, `verify` re-reads the carrier (on a signal of its
 * own, so a cancel cannot leave it unsettled): true → done, after all; false → a "Not done" CarrierError
 * that is not ambiguous (the technician may send it again); a failed read → the original ambiguous error.
 */
export async function settledPortMutation(options: {
  carrier: string
  operation: string
  send: () => Promise<unknown>
  verify: (signal: AbortSignal) => Promise<boolean>
}): Promise<{ checkedAfterFailure: boolean }> {
  try {
    await options.send()
    return { checkedAfterFailure: false }
  } catch (error) {
    if (!isAmbiguous(error)) throw error
    let happened: boolean
    try {
      happened = await options.verify(settlingSignal())
    } catch {
      throw error
    }
    if (happened) return { checkedAfterFailure: true }
    throw new CarrierError('carrier', {
      carrier: options.carrier,
      operation: options.operation,
      message: `Not done: the answer was lost and ${options.carrier} shows no change, so nothing happened (${error.info.message})`,
      retryable: true,
      ambiguous: false,
    })
  }
}

/** The value at a dotted path of a body (`port_req_detail.btn`). */
export function valueAt(body: unknown, path: string): unknown {
  let value: unknown = body
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/** A body's fields as the confirmation lists them, in the form's order; secret ones as given or not. */
export function portSummary(fields: readonly PortFieldSpec[], body: unknown): PortDetailField[] {
  const summary: PortDetailField[] = []
  for (const field of fields) {
    const value = valueAt(body, field.key)
    if (value === undefined || value === null || value === '') continue
    summary.push(field.kind === 'secret' ? { key: field.key, label: field.label, masked: true } : { key: field.key, label: field.label, value: String(value) })
  }
  return summary
}

/** The values of a body's secret fields, to be scrubbed from any message. */
export function secretValues(fields: readonly PortFieldSpec[], body: unknown): string[] {
  return fields
    .filter((field) => field.kind === 'secret')
    .map((field) => valueAt(body, field.key))
    .filter((value): value is string | number => (typeof value === 'string' && value !== '') || typeof value === 'number')
    .map(String)
}

/** Problems with a body's fields, by path, as one validation error (`port_req_detail.btn: Required`). */
export function portFieldsError(what: string, fields: Record<string, string>): AppError {
  const text = Object.entries(fields)
    .slice(0, 8)
    .map(([path, message]) => `${path}: ${message}`)
    .join('; ')
  return new AppError('validation', `${what}: ${text}`, { fields })
}

/** A body refused by its schema, as a validation error by field path; `prefix` names where the schema's root sits. */
export function portBodyError(error: z.ZodError, what: string, prefix = ''): AppError {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.') || '(body)'
    fields[path] ??= issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message
  }
  return portFieldsError(what, fields)
}
