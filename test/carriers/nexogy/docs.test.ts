/**
 * The Nexogy client reads the documents' example answers, kept as the project's fixtures in
 * test/fixtures/nexogy/ (carrier-docs/nexogy-dna-api.md's JSON blocks, the token answer wrapped in an array
 * as printed): a stub server answers each operation with the block the doc shows for it, and with the early
 * draft's shapes (`draft-*`: answer wrapped in an array, `client` at the top level, GET-only activate/suspend).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NexogyClient } from '../../../src/main/carriers/nexogy/client'
import { CarrierError } from '../../../src/main/lib/carrier-error'
import { clientDetails, signal } from './helpers'

const fixturesDir = join(__dirname, '../../fixtures/nexogy')
const docFiles = ['token.json', 'create-client.json', 'activate.json', 'suspend.json', 'cancel.json', 'domain-status.json', 'start-billing-date.json', 'device.json', 'search-dids.txt']
const draftFiles = ['draft-create-client.json', 'draft-placeholder.json']
const fixture = (file: string): string => readFileSync(join(fixturesDir, file), 'utf8')

const [tokenExample, createExample, activateExample, suspendExample, cancelExample, statusExample, updateExample, deviceExample, searchExample] = docFiles.map(fixture)
const [draftCreateExample, draftPlaceholderExample] = draftFiles.map(fixture)

interface Seen {
  method: string
  path: string
  body: URLSearchParams
  authorization: string | undefined
}

/** Answers from a table of `METHOD path` → [status, body]; records what it was sent. */
function stubServer(routes: Map<string, [number, string]>, seen: Seen[]): Server {
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const path = (request.url ?? '').split('?')[0] ?? ''
      seen.push({ method: request.method ?? '', path, body: new URLSearchParams(Buffer.concat(chunks).toString()), authorization: request.headers.authorization })
      const [status, body] = routes.get(`${request.method} ${path}`) ?? [404, '{"result":"ERROR","code":404,"message":"no route"}']
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(body)
    })
  })
}

let server: Server
let baseUrl: string
const routes = new Map<string, [number, string]>()
const seen: Seen[] = []

beforeAll(async () => {
  server = stubServer(routes, seen)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const newClient = () =>
  new NexogyClient({
    account: { baseUrl, username: 'reseller', clientId: '7', scope: 'residential dids' },
    secrets: { password: 'doc-password', clientSecret: 'doc-client-secret' },
  })

describe("the Nexogy doc's example answers", () => {
  it('has a fixture for every example the client must read', () => {
    expect(readdirSync(fixturesDir).sort()).toEqual([...docFiles, ...draftFiles].sort())
    // The doc prints the token answer wrapped in an array: the client must take it as it is.
    expect(JSON.parse(tokenExample ?? '')).toEqual([expect.objectContaining({ token_type: 'Bearer', expires_in: 1200 })])
  })

  it('reads each documented answer into typed results', async () => {
    routes.set('POST /api/oauth/token', [200, tokenExample ?? ''])
    routes.set('POST /api/residential/client', [200, createExample ?? ''])
    routes.set('POST /api/residential/client/92769/activate', [200, activateExample ?? ''])
    routes.set('POST /api/residential/client/92769/suspend', [200, suspendExample ?? ''])
    routes.set('POST /api/residential/client/92769/cancel', [200, cancelExample ?? ''])
    routes.set('POST /api/residential/client/92769', [200, updateExample ?? ''])
    routes.set('GET /api/residential/domain/kerryking2.com', [200, statusExample ?? ''])
    routes.set('POST /api/residential/device', [200, deviceExample ?? ''])
    // The doc's search example lacks its final closing brace; the service's real answer would have it.
    expect(() => JSON.parse(searchExample ?? '')).toThrow()
    routes.set('POST /api/dids/search', [200, `${searchExample ?? ''}}`])

    const api = newClient()
    const created = await api.createClient({ client: clientDetails('3052304777'), signal: signal() })
    expect(created).toEqual({ id: 92769, domain: 'kerryking2.com' })
    expect(await api.activateClient({ clientId: 92769, signal: signal() })).toEqual({ at: 1496930642 * 1000 })
    expect(await api.suspendClient({ clientId: 92769, signal: signal() })).toEqual({ at: 1496940922 * 1000 })
    expect(await api.cancelClient({ clientId: 92769, signal: signal() })).toEqual({ at: 1496931834 * 1000 })
    expect(await api.updateStartBillingDate({ clientId: 92769, startBillingDate: '06/08/2017', signal: signal() })).toEqual({ at: 1496941963 * 1000 })
    expect(await api.domainStatus({ domain: 'kerryking2.com', signal: signal() })).toEqual({ status: 'active', at: 1496259363 * 1000 })
    const device = await api.device({ clientId: 92769, extension: '1012', signal: signal() })
    expect(device).toMatchObject({
      extension: '1012',
      aor: 'sip:1012@kirkhammet.com',
      domain: 'kirkhammet.com',
      authenticationKey: 'encrypted key',
      registrationServers: [{ name: 'server1', address: 'sandbox.nexogy.net', port: 5092 }],
    })
    const search = await api.searchDids({ npa: '305', state: 'FL', signal: signal() })
    expect(search.npas).toEqual(['305'])
    expect(search.numbers.map((tn) => tn.digits)).toEqual(['3052304666', '3052304777', '3052304999', '3054344555', '3054344600', '3054344777'])
    expect(search.numbers.every((tn) => tn.category === 'Vanity')).toBe(true)

    // What went over the wire: one password grant, form bodies with the doc's names, Bearer on every call.
    const grants = seen.filter((request) => request.path === '/api/oauth/token')
    expect(grants).toHaveLength(1)
    expect(grants[0]?.body.get('grant_type')).toBe('password')
    expect(grants[0]?.body.get('scope')).toBe('residential dids')
    const create = seen.find((request) => request.path === '/api/residential/client')
    expect(Object.fromEntries(create?.body ?? [])).toMatchObject({ sameBillingAddress: '1', did_porting: '0', has_subreseller_id: '0', did_number: '3052304777', start_billing_date: '06/08/2017' })
    expect(seen.filter((request) => request.path !== '/api/oauth/token').every((request) => request.authorization === 'Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImp0aSI6IjY1N2')).toBe(true)
  })
})

describe("the early draft's shapes", () => {
  it('reads a create answer wrapped in an array with the client at the top level, and a bare token object', async () => {
    routes.clear()
    const bareToken = JSON.stringify((JSON.parse(tokenExample ?? '[]') as unknown[])[0])
    routes.set('POST /api/oauth/token', [200, bareToken])
    routes.set('POST /api/residential/client', [200, draftCreateExample ?? ''])
    expect(await newClient().createClient({ client: clientDetails('3052304999'), signal: signal() })).toEqual({ id: 6519, domain: 'ironmaiden.com' })
  })

  it('falls back to GET for activate and suspend when POST is not allowed (405), never for cancel', async () => {
    routes.set('POST /api/residential/client/6519/activate', [405, '{"result":"ERROR","code":405,"message":"Method Not Allowed"}'])
    routes.set('GET /api/residential/client/6519/activate', [200, activateExample ?? ''])
    routes.set('POST /api/residential/client/6519/cancel', [405, '{"result":"ERROR","code":405,"message":"Method Not Allowed"}'])
    routes.set('GET /api/residential/client/6519/cancel', [200, cancelExample ?? ''])
    seen.length = 0
    const api = newClient()
    expect(await api.activateClient({ clientId: 6519, signal: signal() })).toEqual({ at: 1496930642 * 1000 })
    const error = await api.cancelClient({ clientId: 6519, signal: signal() }).catch((failure: unknown) => failure)
    expect(error).toBeInstanceOf(CarrierError)
    expect((error as CarrierError).info.httpStatus).toBe(405)
    expect(seen.filter((request) => request.path.endsWith('/cancel')).map((request) => request.method)).toEqual(['POST'])
  })

  it("rejects the draft's placeholder activate example (not a Nexogy answer) instead of half-reading it", async () => {
    routes.set('POST /api/residential/client/6519/suspend', [200, draftPlaceholderExample ?? ''])
    const error = await newClient().suspendClient({ clientId: 6519, signal: signal() }).catch((failure: unknown) => failure)
    expect(error).toBeInstanceOf(CarrierError)
    expect((error as CarrierError).info).toMatchObject({ ambiguous: true })
  })

  it('keeps the per-field complaints of a 406 in the message', async () => {
    routes.set('POST /api/residential/client', [406, JSON.stringify({ result: 'ERROR', code: 406, message: 'The given data was invalid.', errors: { billing_zipcode: ['The billing zipcode field is required when same billing address is 0.'] } })])
    const error = await newClient().createClient({ client: clientDetails('3052304999'), signal: signal() }).catch((failure: unknown) => failure)
    expect((error as CarrierError).message).toContain('billing_zipcode: The billing zipcode field is required')
    expect((error as CarrierError).info.carrierCode).toBe('406')
  })
})
