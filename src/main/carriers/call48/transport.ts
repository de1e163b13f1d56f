/**
 * How every Call48 request is made and its answer judged (carrier-docs/call48-api-v4.txt, README "Call48"):
 * the JWT goes raw in `Authorization` (no `Bearer `), the body's `code` decides success even under HTTP 200,
 * `code: 401` means log in again once (TokenKeeper does that on a CarrierError 'auth'), a wrong password at
 * login is a refusal that is not retried. Mutations answered 5xx or unparseable are ambiguous: the caller
 * must re-read the carrier's state, never resend.
 */
import type { AxiosInstance, AxiosResponse } from 'axios'
import { parse as parseCsv } from 'csv-parse/sync'
import type { z } from 'zod'
import { expectAnswer } from '../kit/answer'
import { TokenKeeper, type IssuedToken } from '../kit/auth'
import { createCarrierHttp, send } from '../kit/http'
import { CarrierError } from '../../lib/carrier-error'
import { EnvelopeSchema, LoginDataSchema, type Envelope } from './schemas'

export type Query = Record<string, string | number | boolean | undefined>

export interface RequestSpec<S extends z.ZodType> {
  operation: string
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  query?: Query | undefined
  json?: unknown
  form?: FormData | undefined
  /** Reads are retried on network errors, 429 and 5xx; mutations never are. */
  kind: 'read' | 'mutation'
  /** Validates `data` (default) or the whole body (answers with `total` beside `data`). */
  schema: S
  from?: 'data' | 'body'
  timeoutMs?: number | undefined
  signal: AbortSignal
  /** Signup is the one call made without a token. */
  anonymous?: boolean
}

export interface CsvSpec<S extends z.ZodType> extends Omit<RequestSpec<S>, 'schema' | 'from'> {
  /** Schema of one CSV row (columns from the header line). */
  row: S
}

export type LoginMode = 'customer' | 'sp-admin'

export interface Call48TransportOptions {
  baseUrl: string
  username: string
  password: string
  loginMode: LoginMode
  now: () => number
}

export const defaultTimeoutMs = 30_000
/** Searches on carrier number pools are slow. */
export const searchTimeoutMs = 120_000
export const reportTimeoutMs = 60_000
export const uploadTimeoutMs = 120_000

const carrier = 'call48'

/** The carrier's own words from an error body: `error` (string) first, then `message`. */
function carrierMessage(body: Envelope): string | undefined {
  for (const value of [body.error, body.message]) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
  }
  return undefined
}

/** `exp` of a JWT (epoch ms), or undefined when the token is not a readable JWT. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1]
  if (!payload) return undefined
  try {
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }
    return typeof decoded.exp === 'number' ? decoded.exp * 1000 : undefined
  } catch {
    return undefined
  }
}

export class Call48Transport {
  readonly http: AxiosInstance
  readonly keeper: TokenKeeper<string>
  private loginMode: LoginMode

  constructor(private readonly options: Call48TransportOptions) {
    this.http = createCarrierHttp({ baseUrl: options.baseUrl, timeoutMs: defaultTimeoutMs })
    this.loginMode = options.loginMode
    this.keeper = new TokenKeeper<string>({ login: ({ signal }) => this.login(signal), now: options.now })
  }

  get mode(): LoginMode {
    return this.loginMode
  }

  /** Logs in afresh (as a customer or an SP admin); the token stays inside the keeper. */
  async relogin(mode: LoginMode, signal: AbortSignal): Promise<{ expiresAt?: number | undefined }> {
    this.loginMode = mode
    this.keeper.forget()
    const token = await this.keeper.token(signal)
    return { expiresAt: jwtExpiry(token) }
  }

  private async login(signal: AbortSignal): Promise<IssuedToken<string>> {
    const operation = this.loginMode === 'sp-admin' ? 'admin-login' : 'login'
    if (!this.options.username || !this.options.password) {
      throw new CarrierError('auth', { carrier, operation, message: 'The account has no user name or password stored', retryable: false })
    }
    try {
      const data = await this.exchange(
        {
          operation,
          method: 'POST',
          path: this.loginMode === 'sp-admin' ? 'admin_login' : 'login',
          json: { user_name: this.options.username, password: this.options.password },
          kind: 'read',
          schema: LoginDataSchema,
          signal,
        },
        undefined,
      )
      return { value: data.token, expiresAt: jwtExpiry(data.token) }
    } catch (error) {
      // A refused login (wrong password: HTTP 200 with code 400) is a credential failure, not retried.
      if (error instanceof CarrierError && error.code === 'carrier' && !error.info.retryable && !error.info.ambiguous) {
        throw new CarrierError('auth', { ...error.info, message: `Login refused: ${error.info.message}`, retryable: false })
      }
      throw error
    }
  }

  /** An authenticated (or anonymous) JSON call, renewed once on an auth failure. */
  request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    if (spec.anonymous) return this.exchange(spec, undefined)
    return this.keeper.run(spec.signal, (token) => this.exchange(spec, token))
  }

  /** An authenticated call answered with CSV (reports, exports), parsed into validated rows. */
  requestCsv<S extends z.ZodType>(spec: CsvSpec<S>): Promise<z.output<S>[]> {
    return this.keeper.run(spec.signal, async (token) => {
      const response = await this.sendRaw(spec, token, 'text/csv, application/json')
      const info = { carrier, operation: spec.operation, httpStatus: response.status } as const
      const text = response.data
      const contentType = String(response.headers['content-type'] ?? '')
      if (contentType.includes('json') || /^\s*\{/.test(text)) {
        // An error envelope (or a success answer where CSV was expected).
        this.judge(response, spec)
        throw new CarrierError('carrier', { ...info, message: 'Expected a CSV report, got a JSON answer', retryable: false })
      }
      if (response.status === 401) this.judge(response, spec)
      if (response.status < 200 || response.status >= 300) {
        throw new CarrierError('carrier', {
          ...info,
          message: `The report answered HTTP ${response.status}`,
          retryable: response.status >= 500 || response.status === 429,
        })
      }
      let rows: unknown
      try {
        rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as unknown
      } catch (error) {
        throw new CarrierError('carrier', {
          ...info,
          message: `The CSV report could not be read (${error instanceof Error ? error.message : String(error)})`,
          retryable: false,
        })
      }
      if (!Array.isArray(rows)) throw new CarrierError('carrier', { ...info, message: 'The CSV report could not be read', retryable: false })
      return rows.map((row, index) => expectAnswer(spec.row, row, { ...info, operation: `${spec.operation} (row ${index + 1})` }))
    })
  }

  private async exchange<S extends z.ZodType>(spec: RequestSpec<S>, token: string | undefined): Promise<z.output<S>> {
    const response = await this.sendRaw(spec, token, 'application/json')
    const body = this.judge(response, spec)
    return expectAnswer(spec.schema, spec.from === 'body' ? body : body.data, {
      carrier,
      operation: spec.operation,
      httpStatus: response.status,
    })
  }

  private sendRaw(
    spec: Omit<RequestSpec<z.ZodType>, 'schema'>,
    token: string | undefined,
    accept: string,
  ): Promise<AxiosResponse<string>> {
    const headers: Record<string, string> = { Accept: accept }
    // The raw JWT, no `Bearer ` (README, Call48).
    if (token !== undefined) headers.Authorization = token
    if (spec.json !== undefined) headers['Content-Type'] = 'application/json'
    const params = spec.query
      ? Object.fromEntries(Object.entries(spec.query).filter(([, value]) => value !== undefined))
      : undefined
    return send(
      this.http,
      {
        method: spec.method,
        url: spec.path,
        params,
        // FormData goes as multipart (axios sets the boundary); anything else as JSON.
        data: spec.form ?? (spec.json === undefined ? undefined : JSON.stringify(spec.json)),
        headers,
        timeout: spec.timeoutMs ?? defaultTimeoutMs,
      },
      { carrier, operation: spec.operation, signal: spec.signal, kind: spec.kind },
    )
  }

  /** The envelope of a JSON answer, or the CarrierError it means. */
  private judge(response: AxiosResponse<string>, { operation, kind }: { operation: string; kind: 'read' | 'mutation' }): Envelope {
    const status = response.status
    const info = { carrier, operation, httpStatus: status } as const
    let parsed: unknown
    try {
      parsed = JSON.parse(response.data) as unknown
    } catch {
      if (status === 401) throw new CarrierError('auth', { ...info, message: 'Unauthorized Access', retryable: false })
      const contentType = String(response.headers['content-type'] ?? 'unknown')
      throw new CarrierError('carrier', {
        ...info,
        message: `The carrier answered HTTP ${status} with a body that is not JSON (${contentType})`,
        retryable: kind === 'read' && status >= 500,
        // A mutation whose answer is lost or garbled may have happened.
        ambiguous: kind === 'mutation' && (status >= 500 || (status >= 200 && status < 300)),
      })
    }
    const envelope = EnvelopeSchema.safeParse(parsed)
    if (!envelope.success || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new CarrierError('carrier', {
        ...info,
        message: 'The carrier answered something other than a Call48 envelope',
        retryable: false,
        ambiguous: kind === 'mutation' && status < 300,
      })
    }
    const body = envelope.data
    const noError = body.error === null || body.error === undefined || body.error === ''
    // Several documented answers omit `code` (README, Call48): a 2xx with no error is a success then.
    const code = body.code ?? (status >= 200 && status < 300 && noError ? 200 : status)
    const message = carrierMessage(body) ?? `HTTP ${status}, code ${code}`
    if (code === 401 || status === 401) {
      throw new CarrierError('auth', { ...info, carrierCode: String(code), message, retryable: false })
    }
    if (status >= 500 || code >= 500) {
      throw new CarrierError('carrier', {
        ...info,
        carrierCode: String(code),
        message,
        retryable: kind === 'read',
        ambiguous: kind === 'mutation',
      })
    }
    if (code !== 200 || status < 200 || status >= 300 || (body.code === undefined && !noError)) {
      throw new CarrierError('carrier', { ...info, carrierCode: String(code), message, retryable: status === 429 })
    }
    return body
  }
}
