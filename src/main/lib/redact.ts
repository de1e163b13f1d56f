/** Removes secret-looking fields from structured data bound for logs, errors or the activity log. */
const secretField = /pass(word)?|secret|token|authorization|api[-_]?key|authentication_key|card|cvv|cvc/i

/** Whether a field, header or query parameter of this name carries a secret. */
export const isSecretName = (name: string): boolean => secretField.test(name)

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]'
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, isSecretName(key) ? '[redacted]' : redact(item, depth + 1)]),
    )
  }
  return value
}
