/**
 * Errors as they cross process boundaries: a stable code, a human message, optional details.
 *
 * Codes are a public surface (the CLI prints them, scripts match on them), so add codes, never rename.
 */
export const errorCodes = [
  'validation',
  'auth',
  'carrier',
  'network',
  'not-found',
  'conflict',
  'offline',
  'cancelled',
  'internal',
] as const
export type ErrorCode = (typeof errorCodes)[number]

export interface ErrorShape {
  code: ErrorCode
  message: string
  details?: Record<string, unknown> | undefined
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorShape }
