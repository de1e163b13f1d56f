/**
 * Helpers shared by the VoIP Innovations simulator contract tests: hand-written SOAP 1.1 posts with the
 * seeded account's login, an xmllint check of answers against the XML Schema inside the served WSDL, and
 * a node-soap client built from that WSDL. Nothing of CarrierDesk's own client is used.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import * as soap from 'soap'
import { expect } from 'vitest'
import type { SandboxCarrier } from '../../src/main/sandbox'

export const soapNs = 'http://schemas.xmlsoap.org/soap/envelope/'

export type Node = Record<string, unknown>

const reader = new XMLParser({
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => ['DID', 'DIDLocator', 'DIDCount', 'DIDGroup', 'VILocation', 'Status911', 'string', 'Country', 'City', 'IntlDID'].includes(name),
})

export interface ViRaw {
  endpoint: string
  login: string
  secret: string
  /** POSTs one operation with login and secret first; expects HTTP 200 and answers the body text. */
  post(operation: string, inner: string, credentials?: [string, string]): Promise<string>
}

export function viRaw(carrier: SandboxCarrier): ViRaw {
  const endpoint = carrier.baseUrl
  const login = carrier.account.username ?? ''
  const secret = carrier.account.secrets.secret ?? ''
  return {
    endpoint,
    login,
    secret,
    async post(operation, inner, credentials = [login, secret]) {
      const body =
        `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${soapNs}"><soap:Body>` +
        `<${operation} xmlns="http://tempuri.org/"><login>${credentials[0]}</login><secret>${credentials[1]}</secret>${inner}</${operation}>` +
        `</soap:Body></soap:Envelope>`
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"http://tempuri.org/${operation}"` },
        body,
      })
      expect(response.status).toBe(200)
      return response.text()
    },
  }
}

/** The `<opResult>` of an answer text, list items always arrays. */
export function resultOf(text: string, operation: string): Node {
  const envelope = (reader.parse(text) as Node).Envelope as Node
  return ((envelope.Body as Node)[`${operation}Response`] as Node)[`${operation}Result`] as Node
}

/** The items of a list element of a result (`DIDs`/`DID`...), [] when the list is empty. */
export function itemsOf(result: Node, list: string, item: string): Node[] {
  const value = result[list]
  return typeof value === 'object' && value !== null ? (((value as Node)[item] as Node[] | undefined) ?? []) : []
}

export interface SchemaCheck {
  /** xmllint's complaint about the element inside soap:Body, or '' when it validates. */
  problems(answer: string, name: string): string
  dispose(): void
}

/** The XML Schema of the WSDL the simulator serves, standalone with the prefixes the WSDL declares. */
export async function wsdlSchemaCheck(endpoint: string): Promise<SchemaCheck> {
  const wsdl = await (await fetch(`${endpoint}?wsdl`)).text()
  const schema = wsdl.slice(wsdl.indexOf('<s:schema'), wsdl.indexOf('</s:schema>') + '</s:schema>'.length)
  const workDir = mkdtempSync(join(tmpdir(), 'vi-contract-'))
  const schemaFile = join(workDir, 'apiservice.xsd')
  writeFileSync(schemaFile, schema.replace('<s:schema ', '<s:schema xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="http://tempuri.org/" '))
  return {
    problems(answer, name) {
      const start = answer.indexOf('<soap:Body>') + '<soap:Body>'.length
      const end = answer.indexOf('</soap:Body>')
      // The answer element uses xsi:nil, whose prefix the envelope declares.
      const inner = answer.slice(start, end).replace(/^<(\w+)/, '<$1 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')
      const file = join(workDir, `${name.replace(/[^\w-]/g, '_')}.xml`)
      writeFileSync(file, inner)
      try {
        execFileSync('xmllint', ['--noout', '--schema', schemaFile, file], { stdio: 'pipe' })
        return ''
      } catch (error) {
        return String((error as { stderr?: Buffer }).stderr ?? error)
      }
    },
    dispose() {
      rmSync(workDir, { recursive: true, force: true })
    },
  }
}

export interface NodeSoapPort {
  /** Calls an operation through node-soap; answers its parsed `<opResponse>` object. */
  call(operation: string, args: Node): Promise<Node>
  /** The raw XML of the last answer node-soap received. */
  lastResponse(): string
}

/** A node-soap client built from the served WSDL alone, on its SOAP 1.1 port. */
export async function nodeSoapPort(endpoint: string): Promise<NodeSoapPort> {
  const client = await soap.createClientAsync(`${endpoint}?wsdl`)
  type Method = (args: unknown, callback: (error: unknown, result: unknown) => void) => void
  const port = (client as unknown as { APIService: { APIServiceSoap: Record<string, Method> } }).APIService.APIServiceSoap
  return {
    call: (operation, args) =>
      new Promise((resolve, reject) => {
        const method = port[operation]
        if (!method) {
          reject(new Error(`node-soap has no ${operation}`))
          return
        }
        method.call(client, args, (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result as Node)))
      }),
    lastResponse: () => String((client as unknown as { lastResponse?: unknown }).lastResponse ?? ''),
  }
}
