/**
 * Call48 answer shapes and request parsing shared by every Call48 route.
 *
 * Documented envelope: `{code, message, error, data}`. Which errors carry a non-2xx HTTP status is not
 * documented; the README (carrier-docs/README.md, Call48) says both happen. The simulator answers:
 * - invalid/expired token: HTTP 401 with exactly `{"code":401,"error":"Unauthorized Access"}` (the doc's sample);
 * - malformed requests (missing/invalid parameters): HTTP 400 with body code 400;
 * - unknown records: HTTP 404 with body code 404;
 * - business-rule refusals (number no longer available, port order not editable, ...): HTTP 200 with a body
 *   code of 400, so clients that trust the HTTP status alone are caught out as they are by the real service.
 */
import type { z } from 'zod'
import { json, SimHttpError, type SimRequest, type SimResponse } from '../kit/http'

export const successMessage = 'Successful Operation'

/** The full documented envelope. */
export function ok(data: unknown, message = successMessage): SimResponse {
  return json(200, { code: 200, message, data, error: null })
}

/** A body exactly as an endpoint's doc sample shows it (several omit `code` or `message`). */
export function bare(body: Record<string, unknown>): SimResponse {
  return json(200, body)
}

export function errorBody(code: number, message: string): Record<string, unknown> {
  if (code === 401) return { code: 401, error: 'Unauthorized Access' }
  return { code, message, error: message, data: null }
}

export function renderCall48Error(status: number, message: string): SimResponse {
  return json(status, errorBody(status, message))
}

/** Malformed request: HTTP 400, body code 400. */
export function badRequest(message: string): SimHttpError {
  return new SimHttpError(400, message, json(400, errorBody(400, message)))
}

/** Unknown record: HTTP 404, body code 404. */
export function notFound(message: string): SimHttpError {
  return new SimHttpError(404, message, json(404, errorBody(404, message)))
}

/** A refusal the service answers with HTTP 200 and an error code in the body. */
export function refused(message: string, code = 400): SimHttpError {
  return new SimHttpError(200, message, json(200, errorBody(code, message)))
}

export const unauthorized = (): SimHttpError =>
  new SimHttpError(401, 'Unauthorized Access', json(401, errorBody(401, 'Unauthorized Access')))

/** The JSON body as an object (an empty body counts as `{}`). */
export function jsonBody(request: SimRequest): Record<string, unknown> {
  if (request.body.length === 0) return {}
  const value = request.json()
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest('Body must be a JSON object')
  return value as Record<string, unknown>
}

/** Query parameters as a plain object (GET endpoints take everything in the query). */
export function queryObject(request: SimRequest): Record<string, string> {
  return Object.fromEntries(request.query.entries())
}

/** Validates input with a zod schema; the first issue becomes the 400 message, naming the field. */
export function parseWith<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue?.path.join('.') ?? ''
  throw badRequest(field ? `${field}: ${issue?.message ?? 'invalid'}` : (issue?.message ?? 'Invalid request'))
}

/** Page and size from 1-based `page` and a size parameter, with a default and a cap. */
export function paging(page: unknown, size: unknown, fallbackSize: number, maxSize: number): { offset: number; size: number; page: number } {
  const pageNumber = page === undefined || page === '' ? 1 : Number(page)
  if (!Number.isInteger(pageNumber) || pageNumber < 1) throw badRequest('page must be a whole number from 1')
  let pageSize = size === undefined || size === '' ? fallbackSize : Number(size)
  if (!Number.isInteger(pageSize) || pageSize < 1) throw badRequest('limit must be a positive whole number')
  pageSize = Math.min(pageSize, maxSize)
  return { offset: (pageNumber - 1) * pageSize, size: pageSize, page: pageNumber }
}

/** Ten-digit NANP number from input that may carry a leading 1, dashes or a plus. */
export function tenDigits(value: string): string {
  const digits = value.replace(/\D/g, '')
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits
}

export function dashed(tn: string): string {
  return tn.length === 10 ? `${tn.slice(0, 3)}-${tn.slice(3, 6)}-${tn.slice(6)}` : tn
}

export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value)
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\n`
}
