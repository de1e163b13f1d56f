/**
 * Maps the `details` of a `validation` error onto form fields.
 *
 * The contract leaves `details` open, so this accepts the shapes a zod-based handler plausibly sends:
 * `issues: [{ path, message }]` (zod issues), `fieldErrors: { field: string[] }` (zod's flattened form)
 * and `fields: { field: string | string[] }`. Paths are joined with dots ("secrets.password").
 * Anything that does not name a known field is returned in `unplaced` so the form can still show it.
 */

export interface PlacedErrors {
  byField: Record<string, string>
  unplaced: string[]
}

function firstMessage(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.find((item): item is string => typeof item === 'string')
  return undefined
}

function collect(details: Record<string, unknown>): [string, string][] {
  const found: [string, string][] = []
  const issues = details.issues ?? details.errors
  if (Array.isArray(issues)) {
    for (const issue of issues) {
      if (typeof issue !== 'object' || issue === null) continue
      const { path, message } = issue as { path?: unknown; message?: unknown }
      if (typeof message !== 'string') continue
      const key = Array.isArray(path) ? path.map(String).join('.') : typeof path === 'string' ? path : ''
      found.push([key, message])
    }
  }
  for (const container of [details.fieldErrors, details.fields]) {
    if (typeof container !== 'object' || container === null || Array.isArray(container)) continue
    for (const [key, value] of Object.entries(container)) {
      const message = firstMessage(value)
      if (message) found.push([key, message])
    }
  }
  if (typeof details.field === 'string' && typeof details.message === 'string') found.push([details.field, details.message])
  return found
}

export function placeValidationErrors(
  details: Record<string, unknown> | undefined,
  knownFields: readonly string[],
): PlacedErrors {
  const placed: PlacedErrors = { byField: {}, unplaced: [] }
  if (!details) return placed
  for (const [key, message] of collect(details)) {
    if (knownFields.includes(key) && placed.byField[key] === undefined) placed.byField[key] = message
    else placed.unplaced.push(key ? `${key}: ${message}` : message)
  }
  return placed
}
