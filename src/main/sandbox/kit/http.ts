/**
 * The HTTP plumbing every simulator shares: a loopback server with clean shutdown, a small router,
 * request body helpers (JSON, form, multipart) and the fault injector wired around every handler.
 *
 * Each simulator only writes handlers; how faults, control endpoints and sockets work is decided here once.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { SimClock } from './clock'
import type { FaultInjector, FaultKind } from './faults'
import type { Ledger } from './ledger'

const maxBodyBytes = 64 * 1024 * 1024

export interface SimRequest {
  method: string
  url: URL
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: Buffer
  /** Route parameters, e.g. `{ id: '42' }` for `/ports/:id`. */
  params: Record<string, string>
  text(): string
  /** Parsed JSON body; throws SimHttpError(400) when the body is not JSON. */
  json(): unknown
  /** `application/x-www-form-urlencoded` fields (also accepts a query string when the body is empty). */
  form(): URLSearchParams
  /** Multipart form data, parsed by the platform's own parser. */
  multipart(): Promise<FormData>
}

export interface SimResponse {
  status: number
  headers?: Record<string, string>
  body?: string | Buffer | Readable
}

export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>

/** Thrown by handlers to answer with a status and a body formatted by the simulator's `renderError`. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: SimResponse,
  ) {
    super(message)
  }
}

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
})

export const xml = (status: number, text: string): SimResponse => ({
  status,
  headers: { 'content-type': 'text/xml; charset=utf-8' },
  body: text,
})

export const csv = (body: string | Readable, filename?: string): SimResponse => ({
  status: 200,
  headers: {
    'content-type': 'text/csv; charset=utf-8',
    ...(filename ? { 'content-disposition': `attachment; filename="${filename}"` } : {}),
  },
  body,
})

interface Route {
  method: string
  pattern: RegExp
  keys: string[]
  handler: SimHandler
}

/** A tiny router: `router.add('GET', '/ports/:id', handler)`; the first matching route wins. */
export class Router {
  private readonly routes: Route[] = []

  add(method: string, path: string, handler: SimHandler): this {
    const keys: string[] = []
    const source = path
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          keys.push(segment.slice(1))
          return '([^/]+)'
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      })
      .join('/')
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`), keys, handler })
    return this
  }

  /** Finds the handler for a request; answers 404/405 the way the given renderer formats errors. */
  match(method: string, path: string): { handler: SimHandler; params: Record<string, string> } | { status: 404 | 405 } {
    let pathMatched = false
    for (const route of this.routes) {
      const found = route.pattern.exec(path)
      if (!found) continue
      pathMatched = true
      if (route.method !== method.toUpperCase()) continue
      const params: Record<string, string> = {}
      route.keys.forEach((key, index) => {
        params[key] = decodeURIComponent(found[index + 1] ?? '')
      })
      return { handler: route.handler, params }
    }
    return { status: pathMatched ? 405 : 404 }
  }
}

export interface SimulatorDefinition {
  /** Carrier id, used in the ledger and logs. */
  name: string
  router: Router
  /** How this carrier formats an error answer (JSON body, SOAP fault, ...). */
  renderError(status: number, message: string): SimResponse
  /** The operation a request is for, matched by scripted faults (defaults to the path). */
  operationOf?(request: SimRequest): string
}

export interface SimServerOptions {
  definition: SimulatorDefinition
  faults: FaultInjector
  clock: SimClock
  ledger: Ledger
  port?: number | undefined
}

export interface RunningSimServer {
  baseUrl: string
  port: number
  /** Requests served, by path, for tests that check how often a client called. */
  requestCount(pathContains?: string): number
  close(): Promise<void>
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > maxBodyBytes) throw new SimHttpError(413, 'Request body too large')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}

function toSimRequest(incoming: IncomingMessage, body: Buffer, url: URL): SimRequest {
  return {
    method: incoming.method ?? 'GET',
    url,
    path: url.pathname,
    query: url.searchParams,
    headers: incoming.headers,
    body,
    params: {},
    text: () => body.toString('utf8'),
    json() {
      try {
        return JSON.parse(body.toString('utf8')) as unknown
      } catch {
        throw new SimHttpError(400, 'Body is not valid JSON')
      }
    },
    form() {
      return body.length > 0 ? new URLSearchParams(body.toString('utf8')) : new URLSearchParams(url.search)
    },
    async multipart() {
      const contentType = incoming.headers['content-type'] ?? ''
      if (!contentType.includes('multipart/form-data')) throw new SimHttpError(400, 'Expected multipart/form-data')
      return new Request('http://sandbox.invalid/', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      }).formData()
    },
  }
}

const htmlErrorPage =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>'

async function sendResponse(response: ServerResponse, answer: SimResponse): Promise<void> {
  response.writeHead(answer.status, answer.headers)
  if (answer.body === undefined) {
    response.end()
  } else if (answer.body instanceof Readable) {
    await pipeline(answer.body, response)
  } else {
    response.end(answer.body)
  }
}

async function bufferBody(answer: SimResponse): Promise<Buffer> {
  if (answer.body === undefined) return Buffer.alloc(0)
  if (answer.body instanceof Readable) {
    const chunks: Buffer[] = []
    for await (const chunk of answer.body) chunks.push(Buffer.from(chunk as Buffer))
    return Buffer.concat(chunks)
  }
  return Buffer.from(answer.body)
}

/** Control endpoints, exempt from faults: the CLI and raw-HTTP tests steer a running simulator with them. */
async function handleControl(
  request: SimRequest,
  options: SimServerOptions,
): Promise<SimResponse | undefined> {
  const { faults, ledger, clock, definition } = options
  switch (`${request.method} ${request.path}`) {
    case 'GET /_sandbox/health':
      return json(200, { carrier: definition.name, now: clock.now() })
    case 'GET /_sandbox/faults':
      return json(200, faults.settings())
    case 'PUT /_sandbox/faults':
      try {
        return json(200, faults.configure(request.json() as never))
      } catch (error) {
        return json(400, { error: error instanceof Error ? error.message : String(error) })
      }
    case 'GET /_sandbox/ledger':
      return json(200, ledger.entries({ carrier: definition.name }))
    case 'POST /_sandbox/clock': {
      const body = request.json() as { advanceSeconds?: unknown }
      if (typeof body.advanceSeconds !== 'number') return json(400, { error: 'advanceSeconds must be a number' })
      clock.advance(body.advanceSeconds * 1000)
      return json(200, { now: clock.now() })
    }
    default:
      return undefined
  }
}

const beforeFaults = new Set<FaultKind>(['server-error', 'rate-limit', 'reset', 'html-error'])

/** Starts a simulator on 127.0.0.1 (port 0 picks a free port). */
export async function startSimServer(options: SimServerOptions): Promise<RunningSimServer> {
  const { definition, faults } = options
  const sockets = new Set<Socket>()
  const counts = new Map<string, number>()

  const server = createServer((incoming, response) => {
    void (async () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1')
      let request: SimRequest
      try {
        request = toSimRequest(incoming, await readBody(incoming), url)
      } catch (error) {
        const status = error instanceof SimHttpError ? error.status : 400
        await sendResponse(response, definition.renderError(status, 'Unreadable request'))
        return
      }
      if (url.pathname.startsWith('/_sandbox/')) {
        const control = await handleControl(request, options)
        await sendResponse(response, control ?? json(404, { error: 'Unknown control endpoint' }))
        return
      }
      counts.set(url.pathname, (counts.get(url.pathname) ?? 0) + 1)

      const settings = faults.settings()
      if (settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs))
      const operation = definition.operationOf?.(request) ?? request.path
      const fault = faults.draw(operation)
      if (fault && beforeFaults.has(fault)) {
        if (fault === 'reset') {
          incoming.socket.destroy()
          return
        }
        if (fault === 'rate-limit') {
          const answer = definition.renderError(429, 'Too Many Requests')
          answer.headers = { ...answer.headers, 'retry-after': String(settings.retryAfterSeconds) }
          await sendResponse(response, answer)
          return
        }
        if (fault === 'html-error') {
          await sendResponse(response, { status: 502, headers: { 'content-type': 'text/html' }, body: htmlErrorPage })
          return
        }
        await sendResponse(response, definition.renderError(500, 'Internal Server Error'))
        return
      }

      let answer: SimResponse
      try {
        const matched = definition.router.match(request.method, request.path)
        if ('status' in matched) {
          answer = definition.renderError(matched.status, matched.status === 404 ? 'Not Found' : 'Method Not Allowed')
        } else {
          request.params = matched.params
          ;(request as SimRequest & { fault?: FaultKind }).fault = fault
          answer = await matched.handler(request)
        }
      } catch (error) {
        if (error instanceof SimHttpError) {
          answer = error.body ?? definition.renderError(error.status, error.message)
        } else {
          answer = definition.renderError(500, error instanceof Error ? error.message : 'Internal Server Error')
        }
      }

      switch (fault) {
        case 'reset-after-commit':
          incoming.socket.destroy()
          return
        case 'server-error-after-commit':
          await sendResponse(response, definition.renderError(500, 'Internal Server Error'))
          return
        case 'malformed':
          await sendResponse(response, { status: 200, headers: answer.headers ?? {}, body: '{"code":200,"data":[{"<' })
          return
        case 'truncated': {
          const full = await bufferBody(answer)
          response.writeHead(answer.status, { ...answer.headers, 'content-length': String(full.length) })
          response.write(full.subarray(0, Math.floor(full.length / 2)))
          incoming.socket.destroy()
          return
        }
        default:
          await sendResponse(response, answer)
      }
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500)
      response.end()
    })
  })

  // Clients keep connections alive for about 4 s; a server closing idle ones at Node's default 5 s races them
  // on a loaded machine (a request sent as the socket closes is reset). Idle sockets live a minute here.
  server.keepAliveTimeout = 60_000
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    requestCount(pathContains) {
      let total = 0
      for (const [path, count] of counts) if (pathContains === undefined || path.includes(pathContains)) total += count
      return total
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
    },
  }
}

/** The fault drawn for this request, for handlers that must act on it (e.g. `token-expired`). */
export function faultOf(request: SimRequest): FaultKind | undefined {
  return (request as SimRequest & { fault?: FaultKind }).fault
}
