/**
 * What every carrier client shares: one axios instance per account (timeouts, User-Agent, no redirects),
 * transport failures as CarrierError (lib/carrier-error.ts), and retries for reads only.
 *
 * Mutations are never retried here: a purchase that failed ambiguously must be checked, not repeated. Nor
 * are they aborted in flight: a cancel stops the next mutation from being sent, never the one on the wire.
 */
import { Readable } from 'node:stream'
import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios'
import type { CarrierId } from '../../../shared/domain'
import { AppError, throwIfAborted } from '../../lib/app-error'
import { isSecretName } from '../../lib/redact'
import { CarrierError, type CarrierErrorInfo } from '../../lib/carrier-error'

export const userAgent = 'CarrierDesk/0.1 (+desktop NOC console)'

export interface CarrierHttpOptions {
  baseUrl: string
  timeoutMs?: number
}

/**
 * A URL as it may be logged: credentials in the user-info or the query (Nexogy's token request sends them
 * there) replaced by `[redacted]`.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.username || parsed.password) {
      parsed.username = '[redacted]'
      parsed.password = ''
    }
    for (const name of [...parsed.searchParams.keys()]) {
      if (isSecretName(name)) parsed.searchParams.set(name, '[redacted]')
    }
    return parsed.toString()
  } catch {
    return '[unparseable url]'
  }
}

/**
 * Where request log lines go: stderr when CARRIERDESK_HTTP_LOG is set, else nowhere. A line names the
 * method, the redacted URL, the status and the time taken; never headers or bodies (tokens, passwords,
 * Vitcom's form fields and card data travel there).
 */
let httpLog: ((line: string) => void) | undefined = process.env.CARRIERDESK_HTTP_LOG
  ? (line) => process.stderr.write(`${line}\n`)
  : undefined

export function setHttpLog(sink: ((line: string) => void) | undefined): void {
  httpLog = sink
}

const startedAt = new WeakMap<object, number>()

/** One configured instance per account. Bodies come back as text so each client validates them itself. */
export function createCarrierHttp({ baseUrl, timeoutMs = 30_000 }: CarrierHttpOptions): AxiosInstance {
  const instance = createInstance(baseUrl, timeoutMs)
  instance.interceptors.request.use((config) => {
    startedAt.set(config, performance.now())
    return config
  })
  const logLine = (config: AxiosRequestConfig | undefined, outcome: string): void => {
    if (!httpLog || !config) return
    const started = startedAt.get(config)
    const elapsed = started === undefined ? '' : ` ${Math.round(performance.now() - started)} ms`
    httpLog(`[http] ${(config.method ?? 'get').toUpperCase()} ${redactUrl(instance.getUri(config))} ${outcome}${elapsed}`)
  }
  instance.interceptors.response.use(
    (response) => {
      logLine(response.config, String(response.status))
      return response
    },
    (error: unknown) => {
      logLine(axios.isAxiosError(error) ? error.config : undefined, axios.isAxiosError(error) ? (error.code ?? 'error') : 'error')
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    },
  )
  return instance
}

function createInstance(baseUrl: string, timeoutMs: number): AxiosInstance {
  return axios.create({
    baseURL: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
    timeout: timeoutMs,
    headers: { 'User-Agent': userAgent },
    // No redirects at all: following one could carry credentials to another origin.
    maxRedirects: 0,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    proxy: false,
  })
}

/** Waits `ms`, or rejects as cancelled when the signal aborts first. */
export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new AppError('cancelled', 'Cancelled'))
      return
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new AppError('cancelled', 'Cancelled'))
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })

export interface SendOptions {
  carrier: CarrierId
  operation: string
  /** Aborts a read at any point; a mutation only before it is sent. */
  signal: AbortSignal
  /** Reads are retried on network errors, 429 and 5xx; mutations never are. */
  kind: 'read' | 'mutation'
  maxAttempts?: number
}

/**
 * Sends one request; turns transport failures into CarrierError, retrying reads with backoff and jitter.
 * Bodies are text, or a stream with `responseType: 'stream'` (whose unread bodies of retried answers are
 * destroyed to free their sockets).
 */
export async function send<T = string>(
  http: AxiosInstance,
  config: AxiosRequestConfig,
  options: SendOptions,
): Promise<AxiosResponse<T>> {
  const attempts = options.kind === 'read' ? (options.maxAttempts ?? 4) : 1
  const mutation = options.kind === 'mutation'
  for (let attempt = 1; ; attempt += 1) {
    let response: AxiosResponse<T> | undefined
    let failure: CarrierError | undefined
    // A mutation honours the signal only before it is sent: once in flight it runs to its answer (bounded
    // by its timeout), since aborting it would turn a purchase the carrier made into an unknown one.
    if (mutation) throwIfAborted(options.signal)
    try {
      response = await http.request<T>(mutation ? config : { ...config, signal: options.signal })
    } catch (error) {
      if (!mutation && options.signal.aborted) throw new AppError('cancelled', 'Cancelled')
      const reason = axios.isAxiosError(error) ? (error.code ?? error.message) : String(error)
      failure = new CarrierError('network', {
        carrier: options.carrier,
        operation: options.operation,
        message: `The carrier could not be reached (${reason})`,
        retryable: options.kind === 'read',
        // A request that may have been sent could have taken effect.
        ambiguous: mutation,
      })
    }
    const status = response?.status
    const retryableStatus = status === 429 || (status !== undefined && status >= 500)
    if (response && !retryableStatus) return response
    if (attempt >= attempts) {
      if (failure) throw failure
      return response as AxiosResponse<T>
    }
    const body: unknown = response?.data
    if (body instanceof Readable) body.destroy()
    const retryAfter = Number(response?.headers['retry-after'])
    const backoff = Number.isFinite(retryAfter) && retryAfter >= 0
      ? Math.min(retryAfter * 1000, 30_000)
      : Math.min(250 * 2 ** (attempt - 1), 5_000) * (0.5 + Math.random())
    await sleep(backoff, options.signal)
  }
}

/** Parses a JSON body, or fails with a CarrierError that says the answer was not understood. */
export function parseJsonBody(response: AxiosResponse<string>, info: Omit<CarrierErrorInfo, 'message' | 'retryable'>): unknown {
  try {
    return JSON.parse(response.data) as unknown
  } catch {
    const contentType = String(response.headers['content-type'] ?? 'unknown')
    throw new CarrierError('carrier', {
      ...info,
      httpStatus: response.status,
      message: `The carrier answered HTTP ${response.status} with a body that is not JSON (${contentType})`,
      retryable: response.status >= 500,
    })
  }
}
