/**
 * SOAP 1.1 envelopes for the VoIP Innovations simulator: reading a request (envelope, Body, operation
 * element, SOAPAction) and writing answers and Faults the way an ASP.NET .asmx service does.
 *
 * Parsing and building go through fast-xml-parser so every value is escaped by one well-tested writer.
 */
import { Readable } from 'node:stream'
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser'
import { xml, type SimResponse } from '../kit/http'

export const soap11EnvelopeNs = 'http://schemas.xmlsoap.org/soap/envelope/'
export const soap12EnvelopeNs = 'http://www.w3.org/2003/05/soap-envelope'
export const serviceNs = 'http://tempuri.org/'
const xsiNs = 'http://www.w3.org/2001/XMLSchema-instance'
const xsdNs = 'http://www.w3.org/2001/XMLSchema'

export type FaultCode = 'soap:Client' | 'soap:Server' | 'soap:VersionMismatch'

/** A request the service cannot dispatch; answered as a SOAP Fault with HTTP 500 (SOAP 1.1, section 6.2). */
export class SoapFault extends Error {
  constructor(
    readonly faultCode: FaultCode,
    message: string,
  ) {
    super(message)
  }
}

/** A parsed element: text, or child elements by local name (repeated ones as arrays). */
export type XmlValue = string | XmlNode | XmlValue[]
export interface XmlNode {
  [name: string]: XmlValue
}

export interface SoapCall {
  operation: string
  params: XmlNode
}

const repeatedRequestElements = new Set(['DIDParam'])

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  isArray: (name) => repeatedRequestElements.has(localName(name)),
})

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  // xsi:nil="true" must keep its value; a bare attribute is not XML.
  suppressBooleanAttributes: false,
  format: false,
})

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon === -1 ? name : name.slice(colon + 1)
}

function prefixOf(name: string): string {
  const colon = name.indexOf(':')
  return colon === -1 ? '' : name.slice(0, colon)
}

type RawNode = Record<string, unknown>

function isRawNode(value: unknown): value is RawNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Namespace declarations on one element, merged over those in scope. */
function declarations(node: RawNode, inScope: Map<string, string>): Map<string, string> {
  const scope = new Map(inScope)
  for (const [key, value] of Object.entries(node)) {
    if (key === '@_xmlns') scope.set('', String(value))
    else if (key.startsWith('@_xmlns:')) scope.set(key.slice('@_xmlns:'.length), String(value))
  }
  return scope
}

function elementEntries(node: RawNode): [string, unknown][] {
  return Object.entries(node).filter(([key]) => !key.startsWith('@_') && key !== '#text' && !key.startsWith('?'))
}

/** Drops prefixes and attributes: request fields are read by local name, the way .NET deserialises them. */
function simplify(value: unknown): XmlValue {
  if (Array.isArray(value)) return value.map(simplify)
  if (!isRawNode(value)) return value === undefined || value === null ? '' : String(value)
  const children = elementEntries(value)
  if (children.length === 0) return value['#text'] === undefined ? '' : String(value['#text'])
  const node: XmlNode = {}
  for (const [key, child] of children) node[localName(key)] = simplify(child)
  return node
}

/** The operation named by a SOAPAction header (`"http://tempuri.org/assignDID"`, quoted or not). */
export function operationFromSoapAction(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim().replace(/^"|"$/g, '')
  if (!value) return undefined
  return value.startsWith(serviceNs) ? value.slice(serviceNs.length) : value.slice(value.lastIndexOf('/') + 1)
}

/**
 * Reads a SOAP 1.1 request. Faults follow what ASP.NET answers: unreadable XML and a missing Body are
 * client faults; the operation is chosen by SOAPAction, which must name the element in the Body.
 */
export function parseSoapRequest(
  body: string,
  soapAction: string | string[] | undefined,
  knownOperations: ReadonlySet<string>,
): SoapCall {
  const validation = XMLValidator.validate(body)
  if (validation !== true) {
    const { line, col, msg } = validation.err
    throw new SoapFault(
      'soap:Client',
      `Server was unable to read request. ---> There is an error in XML document (${line}, ${col}). ---> ${msg}`,
    )
  }
  const document = parser.parse(body) as RawNode
  const rootEntry = elementEntries(document)[0]
  if (!rootEntry || localName(rootEntry[0]) !== 'Envelope' || !isRawNode(rootEntry[1])) {
    throw new SoapFault('soap:Client', 'Server was unable to read request. ---> The root element is not a SOAP Envelope.')
  }
  const [envelopeName, envelope] = rootEntry
  const envelopeScope = declarations(envelope, new Map())
  const envelopeNamespace = envelopeScope.get(prefixOf(envelopeName))
  if (envelopeNamespace !== soap11EnvelopeNs) {
    throw new SoapFault(
      'soap:VersionMismatch',
      `Possible SOAP version mismatch: Envelope namespace ${envelopeNamespace ?? '(none)'} was unexpected. Expecting ${soap11EnvelopeNs}.`,
    )
  }
  const bodyEntry = elementEntries(envelope).find(
    ([name]) => localName(name) === 'Body' && prefixOf(name) === prefixOf(envelopeName),
  )
  if (!bodyEntry || !isRawNode(bodyEntry[1])) {
    throw new SoapFault('soap:Client', 'Server was unable to process request. ---> The SOAP message has no Body.')
  }
  const bodyScope = declarations(bodyEntry[1], envelopeScope)
  const operationEntry = elementEntries(bodyEntry[1])[0]

  const action = operationFromSoapAction(soapAction)
  if (!action || !knownOperations.has(action)) {
    throw new SoapFault('soap:Client', `Server did not recognize the value of HTTP Header SOAPAction: ${action ?? ''}.`)
  }
  if (!operationEntry) {
    throw new SoapFault('soap:Client', `Server was unable to read request. ---> The Body has no ${action} element.`)
  }
  const [operationName, operationValue] = operationEntry
  const operationNode = isRawNode(operationValue) ? operationValue : {}
  const operationNamespace = declarations(operationNode, bodyScope).get(prefixOf(operationName))
  if (localName(operationName) !== action || operationNamespace !== serviceNs) {
    throw new SoapFault(
      'soap:Client',
      `Server was unable to read request. ---> <${localName(operationName)} xmlns='${operationNamespace ?? ''}'> was not expected; SOAPAction names ${action} in ${serviceNs}.`,
    )
  }
  const params = simplify(operationNode)
  return { operation: action, params: typeof params === 'string' ? {} : (params as XmlNode) }
}

/** A text field of a request element; absent or nested values read as ''. */
export function textField(node: XmlNode, name: string): string {
  const value = node[name]
  return typeof value === 'string' ? value : ''
}

/** The repeated child `itemName` inside `listName` (e.g. didParams/DIDParam). */
export function listField(node: XmlNode, listName: string, itemName: string): XmlNode[] {
  const list = node[listName]
  if (typeof list !== 'object' || Array.isArray(list)) return []
  const items = list[itemName]
  const array = Array.isArray(items) ? items : items === undefined ? [] : [items]
  return array.map((item) => (typeof item === 'object' && !Array.isArray(item) ? item : {}))
}

/** An element value for the answer builder: text, number, boolean, nested elements or a list of them. */
export type OutValue = string | number | boolean | OutNode | OutNode[] | OutValue[]
export interface OutNode {
  [name: string]: OutValue
}

/** `xsi:nil="true"`, as .NET writes a null nillable element. */
export const nil: OutNode = { '@_xsi:nil': 'true' }

function envelopeAround(content: OutNode): OutNode {
  return {
    'soap:Envelope': {
      '@_xmlns:soap': soap11EnvelopeNs,
      '@_xmlns:xsi': xsiNs,
      '@_xmlns:xsd': xsdNs,
      'soap:Body': content,
    },
  }
}

const declaration = '<?xml version="1.0" encoding="utf-8"?>'

/** Writes elements (no envelope): used for streamed lists. */
export function buildFragment(content: OutNode): string {
  return builder.build(content) as string
}

/** `<opResponse xmlns="http://tempuri.org/"><opResult>...</opResult></opResponse>` in an envelope. */
export function soapAnswer(operation: string, result: OutNode): SimResponse {
  const content = { [`${operation}Response`]: { '@_xmlns': serviceNs, [`${operation}Result`]: result } }
  return xml(200, declaration + buildFragment(envelopeAround(content)))
}

const streamMarker = 'STREAMED-LIST-MARKER'

/**
 * An answer whose `listName` element holds items produced page by page, so an account with hundreds of
 * thousands of numbers is never held in memory as one document.
 */
export function streamedSoapAnswer(
  operation: string,
  result: OutNode,
  listName: string,
  pages: Iterable<OutNode>,
): SimResponse {
  const content = {
    [`${operation}Response`]: { '@_xmlns': serviceNs, [`${operation}Result`]: { ...result, [listName]: streamMarker } },
  }
  const whole = declaration + buildFragment(envelopeAround(content))
  const [head, tail] = whole.split(streamMarker) as [string, string]
  function* chunks(): Generator<string> {
    yield head
    for (const page of pages) yield buildFragment(page)
    yield tail
  }
  return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: Readable.from(chunks()) }
}

/** A SOAP 1.1 Fault as ASP.NET writes it; HTTP status 500 unless the transport said otherwise. */
export function soapFault(faultCode: FaultCode, message: string, status = 500): SimResponse {
  const content = { 'soap:Fault': { faultcode: faultCode, faultstring: message, detail: '' } }
  return xml(status, declaration + buildFragment(envelopeAround(content)))
}
