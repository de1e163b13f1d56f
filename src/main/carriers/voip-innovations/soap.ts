/**
 * SOAP 1.1 plumbing of the VoIP Innovations Back Office API (carrier-docs README, "VoIP Innovations"):
 * document/literal, namespace http://tempuri.org/, `SOAPAction: "http://tempuri.org/<op>"`, `login` and
 * `secret` first in every request element. Envelopes are built with fast-xml-parser's XMLBuilder, which
 * escapes every value; answers are parsed with XMLParser and handed back as the `<opResult>` node, to be
 * validated by the caller's zod schema.
 *
 * There is no token: credentials travel in every request, so there is nothing to renew. A wrong login is
 * answered once with responseCode 401 and becomes a CarrierError('auth') without any retry.
 */
import { StringDecoder } from 'node:string_decoder'
import type { Readable } from 'node:stream'
import type { AxiosInstance, AxiosResponse } from 'axios'
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser'
import { AppError } from '../../lib/app-error'
import { send } from '../kit/http'
import { CarrierError, type CarrierErrorInfo } from '../../lib/carrier-error'

export const carrier = 'voip-innovations' as const
export const soapNamespace = 'http://tempuri.org/'
const envelopeNamespace = 'http://schemas.xmlsoap.org/soap/envelope/'

/** Elements that are list items in the WSDL; always parsed as arrays, even when one is present. */
const listItems = new Set([
  'DID',
  'DIDLocator',
  'DIDCount',
  'DIDGroup',
  'PortDID',
  'Status911',
  'DID911',
  'VILocation',
  'string',
  'Country',
  'City',
  'IntlDID',
])

const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false, processEntities: true })

export const soapParser = new XMLParser({
  removeNSPrefix: true,
  parseTagValue: false,
  // xsi:nil elements become '' (the schemas read '' as "not set").
  ignoreAttributes: true,
  isArray: (name) => listItems.has(name),
})

/** A request field: text, a number, or nested elements (DIDParam lists). Undefined fields are left out. */
export type SoapValue = string | number | boolean | undefined | SoapFields | SoapFields[]
export interface SoapFields {
  [name: string]: SoapValue
}

function withoutUndefined(fields: SoapFields): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue
    if (Array.isArray(value)) out[name] = value.map(withoutUndefined)
    else if (typeof value === 'object') out[name] = withoutUndefined(value)
    else out[name] = String(value)
  }
  return out
}

/** The SOAP 1.1 envelope of one operation; `login` and `secret` come first, as the WSDL orders them. */
export function soapEnvelope(operation: string, credentials: { login: string; secret: string }, fields: SoapFields): string {
  const body = withoutUndefined({ login: credentials.login, secret: credentials.secret, ...fields })
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({
    'soap:Envelope': {
      '@_xmlns:soap': envelopeNamespace,
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
      'soap:Body': { [operation]: { '@_xmlns': soapNamespace, ...body } },
    },
  })}`
}

type Node = Record<string, unknown>
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The `<opResult>` of a parsed answer, or a SOAP Fault's text. Undefined when the document is not a SOAP
 * answer to this operation.
 */
export function resultOf(document: unknown, operation: string): { result: unknown } | { fault: string } | undefined {
  const body = isNode(document) && isNode(document.Envelope) ? document.Envelope.Body : undefined
  if (!isNode(body)) return undefined
  if (isNode(body.Fault)) return { fault: String(body.Fault.faultstring ?? body.Fault.faultcode ?? 'SOAP Fault') }
  const response = body[`${operation}Response`]
  if (!isNode(response)) return undefined
  // An empty result element parses as '' and fails the caller's schema, which is what it should do.
  return { result: response[`${operation}Result`] }
}

/** Parses a whole answer text; undefined when it is not well-formed XML. */
export function parseSoapText(text: string): unknown {
  if (XMLValidator.validate(text) !== true) return undefined
  try {
    return soapParser.parse(text) as unknown
  } catch {
    return undefined
  }
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

const entityPattern = /&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);/g

/** Decodes XML's predefined and numeric entities; undefined for anything else (left to XMLParser). */
function decodeText(text: string): string | undefined {
  if (!text.includes('&')) return text
  // A bare '&' is not well-formed; an entity other than the five predefined needs a DTD.
  if (/&(?!(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);)/.test(text)) return undefined
  let unknown = false
  const decoded = text.replace(entityPattern, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10))
    const value = entities[name]
    if (value === undefined) unknown = true
    return value ?? whole
  })
  return unknown ? undefined : decoded
}

/**
 * Reads an element whose children are all text leaves (a streamed `DID`) the way soapParser would:
 * text values, '' for empty or xsi:nil children. Undefined when the element has anything else (nested
 * elements, CDATA, comments, repeated names, unknown entities): the caller then uses soapParser. This is
 * the hot path of a 300,000-number audit, where XMLParser costs about 100 µs per DID, so it scans
 * characters by hand (no regular expression per child). Each child is read as
 * `<[prefix:]name (attr="v")* />` or `<[prefix:]name (attr="v")*>text</[prefix:]name>`, with XML
 * names `[A-Za-z_][\w.-]*`, whitespace as JavaScript's `\s`, and text without '<'.
 */
export function readLeafElement(xml: string, tag: string): Record<string, string> | undefined {
  const opening = `<${tag}>`
  const closing = `</${tag}>`
  if (!xml.startsWith(opening) || !xml.endsWith(closing)) return undefined
  const end = xml.length - closing.length
  const out: Record<string, string> = {}
  let i = opening.length
  for (;;) {
    i = skipSpace(xml, i, end)
    if (i >= end) return out
    if (xml.charCodeAt(i) !== lessThan) return undefined
    // The child's name, after an optional namespace prefix.
    let nameStart = i + 1
    let nameEnd = scanName(xml, nameStart, end)
    if (nameEnd === nameStart) return undefined
    if (xml.charCodeAt(nameEnd) === colon) {
      nameStart = nameEnd + 1
      nameEnd = scanName(xml, nameStart, end)
      if (nameEnd === nameStart) return undefined
    }
    i = skipAttributes(xml, nameEnd, end)
    i = skipSpace(xml, i, end)
    let text = ''
    if (xml.charCodeAt(i) === slash && xml.charCodeAt(i + 1) === greaterThan && i + 1 < end) {
      i += 2
    } else if (xml.charCodeAt(i) === greaterThan && i < end) {
      const textStart = i + 1
      const textEnd = xml.indexOf('<', textStart)
      if (textEnd === -1 || textEnd >= end || xml.charCodeAt(textEnd + 1) !== slash) return undefined
      // The closing tag: an optional prefix, the same name, optional whitespace, '>'.
      let closeStart = textEnd + 2
      let closeEnd = scanName(xml, closeStart, end)
      if (xml.charCodeAt(closeEnd) === colon && closeEnd > closeStart) {
        closeStart = closeEnd + 1
        closeEnd = scanName(xml, closeStart, end)
      }
      if (closeEnd - closeStart !== nameEnd - nameStart || !xml.startsWith(xml.slice(nameStart, nameEnd), closeStart)) return undefined
      i = skipSpace(xml, closeEnd, end)
      if (i >= end || xml.charCodeAt(i) !== greaterThan) return undefined
      i += 1
      text = xml.slice(textStart, textEnd)
    } else {
      return undefined
    }
    const name = xml.slice(nameStart, nameEnd)
    if (Object.hasOwn(out, name) || name === '__proto__' || name === 'constructor' || name === 'prototype') return undefined
    const decoded = decodeText(text.trim())
    if (decoded === undefined) return undefined
    out[name] = decoded
  }
}

const lessThan = 60
const greaterThan = 62
const slash = 47
const colon = 58
const equals = 61

/** JavaScript's `\s`: what the reader (and String.prototype.trim) take as whitespace. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13)
  if (code < 160) return false
  return (
    code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  )
}

function skipSpace(text: string, i: number, end: number): number {
  while (i < end && isSpace(text.charCodeAt(i))) i += 1
  return i
}

/** The end of an XML name `[A-Za-z_][\w.-]*` starting at `i` (`i` itself when there is none). */
function scanName(text: string, i: number, end: number): number {
  if (i >= end) return i
  const first = text.charCodeAt(i)
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95)) return i
  let j = i + 1
  for (; j < end; j += 1) {
    const c = text.charCodeAt(j)
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45)) break
  }
  return j
}

/**
 * Skips `(\s+name\s*=\s*("…"|'…'))*` from `i`: attributes (xsi:nil="true") are read past, not kept.
 * Answers where the last complete attribute ends (`i` when there is none).
 */
function skipAttributes(text: string, i: number, end: number): number {
  for (;;) {
    let j = skipSpace(text, i, end)
    if (j === i) return i
    const nameStart = j
    while (j < end) {
      const c = text.charCodeAt(j)
      if (c === lessThan || c === greaterThan || c === equals || isSpace(c)) break
      j += 1
    }
    if (j === nameStart) return i
    j = skipSpace(text, j, end)
    if (j >= end || text.charCodeAt(j) !== equals) return i
    j = skipSpace(text, j + 1, end)
    const quote = text.charCodeAt(j)
    if (j >= end || (quote !== 34 && quote !== 39)) return i
    const close = text.indexOf(quote === 34 ? '"' : "'", j + 1)
    if (close === -1 || close >= end) return i
    i = close + 1
  }
}

export interface SoapCallOptions {
  signal: AbortSignal
  /** Reads are retried (kit send); mutations are sent once and an unclear outcome is `ambiguous`. */
  kind: 'read' | 'mutation'
  timeoutMs: number
}

export interface SoapTransportOptions {
  http: AxiosInstance
  endpoint: string
  login: string
  secret: string
}

/** VI's responseCode for wrong credentials (the sandbox's; the documents list none): see responses.ts of the simulator. */
export const invalidCredentialsCode = 401
const authMessage = /invalid (login|secret|credential)|authenticat|not authori[sz]ed/i

export class SoapTransport {
  constructor(private readonly options: SoapTransportOptions) {}

  /** Removes the account's secret from any text that may reach a message (a Fault could echo it). */
  redact(text: string): string {
    const { secret } = this.options
    return secret.length >= 3 ? text.split(secret).join('***') : text
  }

  private request(operation: string, fields: SoapFields, options: SoapCallOptions, stream: boolean): Promise<AxiosResponse> {
    const { http, endpoint, login, secret } = this.options
    return send(
      http,
      {
        method: 'POST',
        // The exact endpoint: an .asmx path with a trailing slash is a different resource to ASP.NET.
        url: endpoint,
        data: soapEnvelope(operation, { login, secret }, fields),
        headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${soapNamespace}${operation}"` },
        timeout: options.timeoutMs,
        ...(stream ? { responseType: 'stream' as const } : {}),
      },
      { carrier, operation, signal: options.signal, kind: options.kind },
    )
  }

  /** Sends one operation and answers its `<opResult>` node (not yet validated). */
  async call(operation: string, fields: SoapFields, options: SoapCallOptions): Promise<unknown> {
    const response = await this.request(operation, fields, options, false)
    const text = typeof response.data === 'string' ? response.data : ''
    return this.interpret(operation, response.status, String(response.headers['content-type'] ?? ''), text, options.kind)
  }

  /** Turns an HTTP answer into the result node, or a CarrierError that keeps the carrier's own words. */
  private interpret(operation: string, status: number, contentType: string, text: string, kind: SoapCallOptions['kind']): unknown {
    const info = { carrier, operation, httpStatus: status }
    const parsed = parseSoapText(text)
    const found = parsed === undefined ? undefined : resultOf(parsed, operation)
    // A mutation answered with a 5xx or an unreadable body may still have been carried out.
    const unclear = kind === 'mutation' && (status >= 500 || found === undefined)
    if (found && 'fault' in found) {
      throw new CarrierError('carrier', {
        ...info,
        message: `SOAP Fault: ${this.redact(found.fault)}`,
        retryable: status >= 500,
        ambiguous: unclear || undefined,
      })
    }
    if (status !== 200 || found === undefined) {
      throw new CarrierError('carrier', {
        ...info,
        message:
          status !== 200
            ? `The carrier answered HTTP ${status} (${contentType || 'no content type'})`
            : `The carrier's answer is not a SOAP ${operation}Response (${contentType || 'no content type'})`,
        retryable: status === 429 || status >= 500,
        ambiguous: unclear || undefined,
      })
    }
    return found.result
  }

  /**
   * Raises the error a non-success responseCode means: 401 (or a message about the login) → 'auth',
   * anything else → 'carrier', with the carrier's code and message.
   */
  refusal(operation: string, responseCode: number, responseMessage: string | undefined): CarrierError {
    const message = this.redact(responseMessage?.trim() || `responseCode ${responseCode}`)
    const info: CarrierErrorInfo = { carrier, operation, httpStatus: 200, carrierCode: String(responseCode), message, retryable: false }
    const isAuth = responseCode === invalidCredentialsCode || authMessage.test(message)
    return new CarrierError(isAuth ? 'auth' : 'carrier', info)
  }

  /**
   * Streams an answer whose body is dominated by one repeated element (auditDIDs' `DID`), so a
   * 300,000-number inventory never sits in memory: each `<item>...</item>` is parsed on its own and
   * handed to `onItem`; the rest of the document (envelope, responseCode) is parsed at the end.
   */
  async stream(
    operation: string,
    fields: SoapFields,
    itemTag: string,
    options: SoapCallOptions,
    onItem: (item: unknown) => void,
  ): Promise<unknown> {
    const response = await this.request(operation, fields, { ...options, kind: 'read' }, true)
    const body = response.data as Readable
    if (response.status !== 200) {
      const text = await readAll(body, options.signal, operation)
      return this.interpret(operation, response.status, String(response.headers['content-type'] ?? ''), text, 'read')
    }
    const open = `<${itemTag}>`
    const close = `</${itemTag}>`
    const decoder = new StringDecoder('utf8')
    let buffer = ''
    let skeleton = ''
    // Scans by index and cuts the buffer once per chunk: slicing per element would copy the rest of the
    // buffer for every DID (quadratic on a 300,000-number audit).
    const drain = (): void => {
      let position = 0
      for (;;) {
        const start = buffer.indexOf(open, position)
        const end = start === -1 ? -1 : buffer.indexOf(close, start)
        if (start === -1 || end === -1) {
          // Keep an unfinished element, or a tail that could begin an opening tag split across chunks.
          const keepFrom = start !== -1 ? start : Math.max(position, buffer.length - (open.length - 1))
          skeleton += buffer.slice(position, keepFrom)
          buffer = buffer.slice(keepFrom)
          return
        }
        skeleton += buffer.slice(position, start)
        position = end + close.length
        const element = buffer.slice(start, position)
        onItem(readLeafElement(element, itemTag) ?? this.parseItem(operation, element, itemTag))
      }
    }
    await forEachChunk(body, options.signal, operation, (chunk) => {
      buffer += decoder.write(chunk)
      drain()
    })
    buffer += decoder.end()
    drain()
    skeleton += buffer
    return this.interpret(operation, 200, String(response.headers['content-type'] ?? ''), skeleton, 'read')
  }

  /** One streamed element through the full parser (when the fast leaf reader declined it). */
  private parseItem(operation: string, element: string, itemTag: string): unknown {
    const parsed = parseSoapText(element)
    const item = isNode(parsed) ? parsed[itemTag] : undefined
    if (!Array.isArray(item) || item.length !== 1) throw this.unreadable(operation, `a ${itemTag} element is not well-formed`)
    return item[0]
  }

  private unreadable(operation: string, why: string): CarrierError {
    return new CarrierError('carrier', { carrier, operation, httpStatus: 200, message: `The carrier's answer was not understood (${why})`, retryable: false })
  }
}

/** Reads a response stream chunk by chunk, honouring the signal; a cut-short body is a CarrierError. */
async function forEachChunk(body: Readable, signal: AbortSignal, operation: string, onChunk: (chunk: Buffer) => void): Promise<void> {
  const onAbort = (): void => {
    body.destroy(new AppError('cancelled', 'Cancelled'))
  }
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    for await (const chunk of body) onChunk(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  } catch (error) {
    if (signal.aborted) throw new AppError('cancelled', 'Cancelled')
    if (error instanceof CarrierError) throw error
    throw new CarrierError('carrier', {
      carrier,
      operation,
      httpStatus: 200,
      message: 'The carrier\'s answer was cut short before it was complete',
      retryable: true,
    })
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
  if (signal.aborted) throw new AppError('cancelled', 'Cancelled')
}

async function readAll(body: Readable, signal: AbortSignal, operation: string): Promise<string> {
  const chunks: Buffer[] = []
  await forEachChunk(body, signal, operation, (chunk) => chunks.push(chunk))
  return Buffer.concat(chunks).toString('utf8')
}
