/**
 * Request and answer plumbing of the Vitcom / TelecomCloud simulator: reading form (or multipart) fields,
 * checking `token` + `accountno`, the `{"status":"404","error":"Invalid {parameter}"}` error shape, and
 * the small value formats the service uses (string statuses, "XX.XX" money, "YYYY-MM-DD HH:mm:ss" dates).
 */
import { json, SimHttpError, type SimRequest, type SimResponse } from '../kit/http'

/** Form fields of one request, plus uploaded files when the request was multipart. */
export interface VitcomFields {
  get(name: string): string | undefined
  file(name: string): File | undefined
}

/** Where every Vitcom endpoint lives: the client appends the endpoint name to `<baseUrl>`. */
export const vitcomBasePath = '/api/did'

/**
 * Vitcom's error body. The document shows errors as "Response 404" with `{"status":"404","error":...}`,
 * so the HTTP status and the body's string status agree.
 */
export function vitcomError(status: number, message: string): SimResponse {
  return json(status, { status: String(status), error: message })
}

/** Thrown from handlers: answers `{"status":"404","error":"Invalid <parameter>"}`. */
export function invalid(parameter: string): SimHttpError {
  return new SimHttpError(404, `Invalid ${parameter}`, vitcomError(404, `Invalid ${parameter}`))
}

/** Thrown from handlers for a refusal that is not about one parameter (e.g. insufficient balance). */
export function refused(message: string): SimHttpError {
  return new SimHttpError(404, message, vitcomError(404, message))
}

/** A success answer: status "200" first, then the endpoint's documented fields. */
export function ok(fields: Record<string, unknown>): SimResponse {
  return json(200, { status: '200', ...fields })
}

const emptyFile = (): undefined => undefined

/** Reads the fields of a form POST; multipart bodies (LNP uploads) carry the same fields plus files. */
export async function readFields(request: SimRequest): Promise<VitcomFields> {
  const contentType = String(request.headers['content-type'] ?? '')
  if (contentType.includes('multipart/form-data')) {
    let data: FormData
    try {
      data = await request.multipart()
    } catch {
      throw invalid('request')
    }
    return {
      get(name) {
        const value = data.get(name)
        return typeof value === 'string' ? value.trim() : undefined
      },
      file(name) {
        const value = data.get(name)
        return value !== null && typeof value !== 'string' ? value : undefined
      },
    }
  }
  const form = request.form()
  return {
    get: (name) => form.get(name)?.trim() ?? undefined,
    file: emptyFile,
  }
}

/** A field that must be present and non-empty. */
export function required(fields: VitcomFields, name: string): string {
  const value = fields.get(name)
  if (value === undefined || value === '') throw invalid(name)
  return value
}

/** An optional field: undefined when absent or blank. */
export function optional(fields: VitcomFields, name: string): string | undefined {
  const value = fields.get(name)
  return value === undefined || value === '' ? undefined : value
}

/** The first present of several accepted names (documented name first), e.g. `number` or `did`. */
export function firstOf(fields: VitcomFields, names: string[]): string | undefined {
  for (const name of names) {
    const value = optional(fields, name)
    if (value !== undefined) return value
  }
  return undefined
}

/** A whole number in a range, or an "Invalid <name>" error. */
export function wholeNumber(value: string, name: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw invalid(name)
  const parsed = Number(value)
  if (parsed < min || parsed > max) throw invalid(name)
  return parsed
}

/** Comma separated values, blanks dropped. */
export function commaList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

/**
 * A NANP number as ten digits. The doc asks for 10 digits in origination calls and 11 in LNP calls,
 * so both (and a leading +1) are accepted everywhere.
 */
export function tenDigits(value: string): string | undefined {
  const digits = value.replace(/^\+/, '')
  if (/^\d{10}$/.test(digits)) return digits
  if (/^1\d{10}$/.test(digits)) return digits.slice(1)
  return undefined
}

/** Ten-digit numbers from a comma separated field, or "Invalid <name>" when any is not a number. */
export function numberList(value: string, name: string): string[] {
  const numbers = commaList(value).map((part) => tenDigits(part))
  if (numbers.length === 0 || numbers.some((tn) => tn === undefined)) throw invalid(name)
  return [...new Set(numbers as string[])]
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

export function isIpAddress(value: string): boolean {
  return ipv4.test(value)
}

/** "XX.XX" from cents. */
export function money(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const absolute = Math.abs(Math.round(cents))
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`
}

/** Cents from a "12.50" style amount, or undefined when it is not one. */
export function centsOf(value: string): number | undefined {
  if (!/^\d+(\.\d{1,2})?$/.test(value)) return undefined
  return Math.round(Number(value) * 100)
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0')

/** The service's timestamp format, "2015-01-26 11:58:02" (UTC). */
export function dateTime(at: number): string {
  const d = new Date(at)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}`
}

/** "2015-04-29" (UTC). */
export function dateOnly(at: number): string {
  return dateTime(at).slice(0, 10)
}

/**
 * Parses "2015-04-29" or "2015-04-29 00:00:00" (the doc uses both for `from`/`to`) as UTC;
 * undefined when it is not such a date.
 */
export function parseDate(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?Z?)?$/.exec(value)
  if (!match) return undefined
  const [, year, month, day, hour, minute, second] = match
  const at = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0))
  return Number.isNaN(at) || dateOnly(at) !== `${year}-${month}-${day}` ? undefined : at
}

/** An optional date field, "Invalid <name>" when present but not a date. */
export function optionalDate(fields: VitcomFields, name: string): number | undefined {
  const value = optional(fields, name)
  if (value === undefined) return undefined
  const at = parseDate(value)
  if (at === undefined) throw invalid(name)
  return at
}

/** The origin the request reached, for absolute download URLs like the real service answers. */
export function originOf(request: SimRequest): string {
  return `http://${request.headers.host ?? '127.0.0.1'}`
}
