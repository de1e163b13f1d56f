/**
 * Wire conventions of the Nexogy DNA API shared by every simulator module: how parameters are read
 * (query string, form body or JSON body, merged), the `{"result":"OK","data":{...}}` success envelope,
 * the error body, and the 406 parameter-validation answer.
 */
import { json, SimHttpError, type SimRequest, type SimResponse } from '../kit/http'

export const nexogyCarrier = 'nexogy'

/** Simulated Unix seconds, as every documented `timestamp` field carries. */
export const unixSeconds = (milliseconds: number): number => Math.floor(milliseconds / 1000)

export const ok = (data: Record<string, unknown>): SimResponse => json(200, { result: 'OK', data })

/**
 * The documents promise the status codes (400-503) but never show an error body. The service is a Laravel
 * app (Passport tokens, Slate docs), so errors most plausibly mirror the success envelope with `result`
 * set to "ERROR", and validation failures carry Laravel's `errors` map of parameter -> messages.
 */
export function nexogyErrorBody(status: number, message: string, errors?: Record<string, string[]>): SimResponse {
  const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : {}
  return json(status, { result: 'ERROR', code: status, message, ...(errors ? { errors } : {}) }, headers)
}

/** Reads request parameters the way Laravel's `$request->input()` does: body fields win over the query string. */
export function inputOf(request: SimRequest): Map<string, string> {
  const input = new Map<string, string>()
  for (const [key, value] of request.query) if (!input.has(key)) input.set(key, value)
  if (request.body.length === 0) return input
  const contentType = String(request.headers['content-type'] ?? '')
  if (contentType.includes('application/json')) {
    const body = request.json()
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new SimHttpError(400, 'The request body must be a JSON object')
    }
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (value === null || value === undefined) continue
      // JSON booleans reach Laravel's boolean rules as true/false, which it treats like 1/0.
      input.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value))
    }
    return input
  }
  const form = new URLSearchParams(request.text())
  const seen = new Set<string>()
  for (const [key, value] of form) {
    if (seen.has(key)) continue
    seen.add(key)
    input.set(key, value)
  }
  return input
}

/** Collects every failing parameter (Laravel reports them all at once) and answers 406 naming them. */
export class ParameterErrors {
  private readonly errors: Record<string, string[]> = {}

  add(parameter: string, message: string): void {
    ;(this.errors[parameter] ??= []).push(message)
  }

  has(parameter: string): boolean {
    return parameter in this.errors
  }

  throwIfAny(): void {
    const first = Object.values(this.errors)[0]?.[0]
    if (first === undefined) return
    throw new SimHttpError(406, first, nexogyErrorBody(406, first, this.errors))
  }
}

/** A present, non-blank parameter value, trimmed. */
export function present(input: Map<string, string>, name: string): string | undefined {
  const value = input.get(name)?.trim()
  return value === undefined || value === '' ? undefined : value
}

/** Reads a documented "Accepts 1 or 0" flag, recording a 406 error when it is missing or anything else. */
export function zeroOrOne(input: Map<string, string>, name: string, errors: ParameterErrors): boolean | undefined {
  const value = present(input, name)
  if (value === undefined) {
    errors.add(name, `The ${name} field is required.`)
    return undefined
  }
  if (value !== '0' && value !== '1') {
    errors.add(name, `The ${name} field must be 1 or 0.`)
    return undefined
  }
  return value === '1'
}

/** Whether `text` is a real calendar date written MM/DD/YYYY (Laravel's `date_format:m/d/Y`: two-digit month and day). */
export function isBillingDate(text: string): boolean {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text)
  if (!match) return false
  const month = Number(match[1])
  const day = Number(match[2])
  const year = Number(match[3])
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** MM/DD/YYYY of a simulated instant, in UTC. */
export function billingDateOf(milliseconds: number): string {
  const date = new Date(milliseconds)
  const two = (value: number): string => String(value).padStart(2, '0')
  return `${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${date.getUTCFullYear()}`
}
