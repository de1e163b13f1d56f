/**
 * A refused form's errors by field: the contract names a nested field with its path (`customer.email`), a
 * carrier's own check by the field alone (`email`); both land on the same input. The rest is shown above.
 */
import { BridgeError, toErrorShape } from '../bridge'
import { placeValidationErrors } from '../validation-details'

export interface FormErrors {
  byField: Record<string, string>
  /** What names no field of the form (or the whole message when nothing did). */
  general: string | undefined
}

export function formErrorsOf(error: unknown, fields: readonly string[], prefix: string): FormErrors {
  const shape = toErrorShape(error)
  const details = error instanceof BridgeError ? error.details : undefined
  if (shape.code !== 'validation' || !details) return { byField: {}, general: `${shape.code}: ${shape.message}` }
  const known = [...fields, ...fields.map((field) => `${prefix}.${field}`)]
  const placed = placeValidationErrors(details, known)
  const byField: Record<string, string> = {}
  for (const [key, message] of Object.entries(placed.byField)) byField[key.startsWith(`${prefix}.`) ? key.slice(prefix.length + 1) : key] ??= message
  const general = placed.unplaced.length > 0 ? placed.unplaced.join('; ') : Object.keys(byField).length === 0 ? shape.message : undefined
  return { byField, general }
}
