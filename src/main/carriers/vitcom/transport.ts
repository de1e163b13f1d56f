/**
 * How every Vitcom call travels: a form POST to `<baseUrl>/<endpoint>` with `token` and `accountno` in the
 * body (no auth header), or a multipart POST for the LNP uploads, or a streamed POST for the unpaged
 * "get my numbers". Answers pass the envelope check (carrier-docs README: failed unless `status` is
 * "200"/"201" and there is no `error`), then a zod schema.
 *
 * The API token is a static secret: there is no login call. It still goes through TokenKeeper so that an
 * "Invalid token" answer re-reads the token and retries exactly once (a token replaced in the keychain,
 * or the Sandbox's scripted expiry), never in a loop.
 */
import type { Readable } from 'node:stream'
import type { AxiosInstance, AxiosResponse } from 'axios'
import type { z } from 'zod'
import type { AccountSecrets } from '../../../shared/domain'
import { expectAnswer } from '../kit/answer'
import { TokenKeeper } from '../kit/auth'
import { createCarrierHttp, send, userAgent } from '../kit/http'
import { CarrierError } from '../../lib/carrier-error'
import { Envelope } from './schemas'

export const vitcomCarrier = 'vitcom' as const

/** Field values of a form; undefined fields are left out (the service treats absent as "not provided"). */
export type FormFields = Record<string, string | number | undefined>

export interface CallOptions {
  signal: AbortSignal
  /** Reads are retried on network errors, 429 and 5xx; mutations never are. */
  kind: 'read' | 'mutation'
  timeoutMs?: number
  /** Values that must never appear in an error message (card number, CVV), besides the token. */
  scrub?: string[]
}

/** Per-operation timeouts: availability searches are slow on wholesale portals, listings can be long. */
export const timeouts = {
  default: 30_000,
  search: 120_000,
  listing: 120_000,
  upload: 300_000,
} as const

const okStatuses = new Set(['200', '201'])

/** Errors the service gives for credentials in the body; they are auth failures, not refusals. */
const credentialError = /^invalid (token|accountno)\b/i

export interface VitcomTransportOptions {
  baseUrl: string
  accountNo: string | undefined
  secrets: AccountSecrets
}

export class VitcomTransport {
  readonly http: AxiosInstance
  readonly keeper: TokenKeeper<string>
  private readonly accountNo: string
  private readonly secrets: AccountSecrets

  constructor(options: VitcomTransportOptions) {
    this.http = createCarrierHttp({ baseUrl: options.baseUrl, timeoutMs: timeouts.default })
    this.accountNo = options.accountNo ?? ''
    this.secrets = options.secrets
    this.keeper = new TokenKeeper<string>({
      // No login call exists: "logging in" is reading the stored API token.
      login: () => {
        const token = this.secrets.token
        if (!token) {
          return Promise.reject(
            new CarrierError('auth', { carrier: vitcomCarrier, operation: 'token', message: 'No API token is stored for this account', retryable: false }),
          )
        }
        return Promise.resolve({ value: token })
      },
    })
  }

  /** Removes the token and any caller-named secret from a text bound for an error message. */
  scrubText(text: string, extra: string[] = []): string {
    let result = text
    for (const secret of [this.secrets.token, ...extra]) {
      if (secret && secret.length >= 3) result = result.split(secret).join('[redacted]')
    }
    return result
  }

  private body(token: string, fields: FormFields): string {
    const form = new URLSearchParams({ token, accountno: this.accountNo })
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, String(value))
    return form.toString()
  }

  /** A form POST whose answer is checked and validated; renews (re-reads) the token once on "Invalid token". */
  async call<S extends z.ZodType>(endpoint: string, fields: FormFields, schema: S, options: CallOptions): Promise<z.output<S>> {
    return this.keeper.run(options.signal, async (token) => {
      const response = await send(
        this.http,
        {
          method: 'POST',
          url: endpoint,
          data: this.body(token, fields),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          timeout: options.timeoutMs ?? timeouts.default,
        },
        { carrier: vitcomCarrier, operation: endpoint, signal: options.signal, kind: options.kind },
      )
      return this.interpret(response.status, response.headers['content-type'], response.data, endpoint, schema, options)
    })
  }

  /** A multipart POST (LNP order with its LOA and carrier document); never retried. */
  async callMultipart<S extends z.ZodType>(
    endpoint: string,
    fields: FormFields,
    files: Record<string, { blob: Blob; name: string }>,
    schema: S,
    options: Omit<CallOptions, 'kind'>,
  ): Promise<z.output<S>> {
    return this.keeper.run(options.signal, async (token) => {
      const form = new FormData()
      form.set('token', token)
      form.set('accountno', this.accountNo)
      for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, String(value))
      for (const [name, file] of Object.entries(files)) form.set(name, file.blob, file.name)
      const response = await send(
        this.http,
        { method: 'POST', url: endpoint, data: form, timeout: options.timeoutMs ?? timeouts.upload },
        { carrier: vitcomCarrier, operation: endpoint, signal: options.signal, kind: 'mutation' },
      )
      return this.interpret(response.status, response.headers['content-type'], response.data, endpoint, schema, { ...options, kind: 'mutation' })
    })
  }

  /**
   * Checks an answer: HTTP status, JSON, the envelope, then the schema. For a mutation, a 5xx, a body that
   * does not parse or a success that does not fit the schema is ambiguous: it may have taken effect.
   */
  interpret<S extends z.ZodType>(
    httpStatus: number,
    contentType: unknown,
    text: string,
    operation: string,
    schema: S,
    options: Pick<CallOptions, 'kind' | 'scrub'>,
  ): z.output<S> {
    const mutation = options.kind === 'mutation'
    const base = { carrier: vitcomCarrier, operation, httpStatus }
    let body: unknown
    try {
      body = JSON.parse(text) as unknown
    } catch {
      throw new CarrierError('carrier', {
        ...base,
        message: `The carrier answered HTTP ${httpStatus} with a body that is not JSON (${String(contentType ?? 'unknown')})`,
        retryable: httpStatus >= 500 || httpStatus === 429,
        ambiguous: mutation && httpStatus !== 429 && !(httpStatus >= 400 && httpStatus < 500),
      })
    }
    this.checkEnvelope(body, httpStatus, operation, options)
    try {
      return expectAnswer(schema, body, { carrier: vitcomCarrier, operation, httpStatus })
    } catch (error) {
      if (mutation && error instanceof CarrierError) {
        // The call said it succeeded but the answer is not understood: it happened, details unknown.
        throw new CarrierError('carrier', { ...error.info, ambiguous: true })
      }
      throw error
    }
  }

  /** Throws the carrier's own refusal (or an auth failure) unless the envelope says success. */
  checkEnvelope(body: unknown, httpStatus: number, operation: string, options: Pick<CallOptions, 'kind' | 'scrub'>): void {
    const envelope = Envelope.safeParse(body)
    const base = { carrier: vitcomCarrier, operation, httpStatus }
    const mutation = options.kind === 'mutation'
    if (!envelope.success) {
      throw new CarrierError('carrier', {
        ...base,
        message: `The carrier's answer has no status (HTTP ${httpStatus})`,
        retryable: httpStatus >= 500,
        ambiguous: mutation && (httpStatus >= 500 || httpStatus < 300),
      })
    }
    const { status, error } = envelope.data
    const hasError = error !== undefined && error !== null && error !== ''
    // gen_order's documented example repeats `status` with the order's "1" last, which a JSON reader keeps;
    // such an answer still carries `success` and no error (vitcom-telecomcloud-api.txt, "Generate New DID/TFN Order").
    const orderStatusVariant = status === '1' && typeof (body as Record<string, unknown>).success === 'string' && !hasError
    if ((okStatuses.has(status) || orderStatusVariant) && !hasError && httpStatus < 300) return
    const carrierMessage = hasError ? (typeof error === 'string' ? error : JSON.stringify(error)) : `status ${status}`
    const message = this.scrubText(carrierMessage, options.scrub)
    const serverFailure = httpStatus >= 500 || Number(status) >= 500
    const auth = credentialError.test(message) || httpStatus === 401 || httpStatus === 403
    throw new CarrierError(auth ? 'auth' : 'carrier', {
      ...base,
      carrierCode: status,
      message,
      retryable: serverFailure || httpStatus === 429 || status === '429',
      // A 5xx after a mutation was sent may hide a committed change; a 4xx refusal did not happen.
      ambiguous: mutation && serverFailure,
    })
  }

  /**
   * A streamed form POST (getnumbers, tens of megabytes, unpaged). Retries like a read until the answer
   * starts; hands the open 200 body to `consume`. Non-200 answers are read (bounded) and interpreted.
   */
  async stream<R>(endpoint: string, fields: FormFields, options: { signal: AbortSignal; timeoutMs?: number }, consume: (body: Readable) => Promise<R>): Promise<R> {
    return this.keeper.run(options.signal, async (token) => {
      const response = await this.openStream(endpoint, this.body(token, fields), options)
      if (response.status !== 200) {
        const text = await readBounded(response.data, 1024 * 1024)
        this.interpret(response.status, response.headers['content-type'], text, endpoint, Envelope, { kind: 'read' })
        throw new CarrierError('carrier', {
          carrier: vitcomCarrier,
          operation: endpoint,
          httpStatus: response.status,
          message: `The carrier answered HTTP ${response.status}`,
          retryable: false,
        })
      }
      return consume(response.data)
    })
  }

  /** Opens a streamed answer with the kit's read retry policy (network errors, 429 with Retry-After, 5xx). */
  private openStream(endpoint: string, data: string, options: { signal: AbortSignal; timeoutMs?: number }): Promise<AxiosResponse<Readable>> {
    return send<Readable>(
      this.http,
      {
        method: 'POST',
        url: endpoint,
        data,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': userAgent },
        responseType: 'stream',
        timeout: options.timeoutMs ?? timeouts.listing,
      },
      { carrier: vitcomCarrier, operation: endpoint, signal: options.signal, kind: 'read' },
    )
  }
}

/** Reads a (small, error) body up to `limit` bytes. */
async function readBounded(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
      size += buffer.length
      if (size > limit) break
      chunks.push(buffer)
    }
  } catch {
    // A body cut short is interpreted as far as it got.
  } finally {
    body.destroy()
  }
  return Buffer.concat(chunks).toString('utf8')
}
