/**
 * Raw-HTTP contract tests of the VoIP Innovations Back Office simulator: hand-written SOAP 1.1 envelopes
 * posted with fetch, answers read with a plain XML parser, so nothing of a client library is involved.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src/main/sandbox'
import {
  assignedElsewhereNumber,
  endpointGroupsFor,
  portIdsFor,
  reservedElsewhereNumber,
} from '../../src/main/sandbox/voip-innovations/state'

const seed = 7
const numbers = 40
const soapNs = 'http://schemas.xmlsoap.org/soap/envelope/'

type Node = Record<string, unknown>

const reader = new XMLParser({
  removeNSPrefix: true,
  parseTagValue: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => ['DID', 'DIDLocator', 'DIDCount', 'PortDID', 'Status911', 'DID911', 'VILocation'].includes(name),
})

let sandbox: Sandbox
let endpoint: string
let login: string
let secret: string
const [primaryGroup, backupGroup] = endpointGroupsFor(seed).map((group) => group.id) as [number, number]

interface Answer {
  status: number
  contentType: string
  text: string
  body: Node
}

async function post(operation: string, inner: string, options: { action?: string; credentials?: [string, string] } = {}): Promise<Answer> {
  const [user, password] = options.credentials ?? [login, secret]
  const envelope =
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${soapNs}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
    `<soap:Body><${operation} xmlns="http://tempuri.org/"><login>${user}</login><secret>${password}</secret>${inner}</${operation}></soap:Body></soap:Envelope>`
  return postRaw(envelope, options.action ?? `"http://tempuri.org/${operation}"`)
}

async function postRaw(body: string, soapAction: string | undefined): Promise<Answer> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', ...(soapAction === undefined ? {} : { soapaction: soapAction }) },
    body,
  })
  const text = await response.text()
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, body: reader.parse(text) as Node }
}

/** The `<opResult>` of an answer. */
function resultOf(answer: Answer, operation: string): Node {
  const envelope = answer.body.Envelope as Node
  const body = envelope.Body as Node
  const response = body[`${operation}Response`] as Node | undefined
  if (!response) throw new Error(`No ${operation}Response in ${answer.text.slice(0, 400)}`)
  return response[`${operation}Result`] as Node
}

function didsOf(result: Node): Node[] {
  const list = result.DIDs
  return typeof list === 'object' && list !== null ? ((list as Node).DID as Node[]) : []
}

function faultOf(answer: Answer): { faultcode: string; faultstring: string } {
  const body = (answer.body.Envelope as Node).Body as Node
  return body.Fault as { faultcode: string; faultstring: string }
}

const didParam = (tn: string, epg: number = primaryGroup, refId = '', cnam = ''): string =>
  `<DIDParam><tn>${tn}</tn><cnam>${cnam}</cnam><refId>${refId}</refId><epg>${epg}</epg></DIDParam>`
const didParams = (...params: string[]): string => `<didParams>${params.join('')}</didParams>`

async function availableNumbers(state: string, count: number): Promise<Node[]> {
  const result = resultOf(await post('getDIDs', `<state>${state}</state>`), 'getDIDs')
  const locators = ((result.DIDLocators as Node).DIDLocator as Node[]).filter((locator) => locator.tier !== '777')
  expect(locators.length).toBeGreaterThanOrEqual(count)
  return locators.slice(0, count)
}

async function ownedNumbers(): Promise<Node[]> {
  return didsOf(resultOf(await post('auditDIDs', ''), 'auditDIDs'))
}

async function queryStatus(tn: string): Promise<Node> {
  return didsOf(resultOf(await post('queryDID', `<did>${tn}</did>`), 'queryDID'))[0] as Node
}

beforeAll(async () => {
  sandbox = await startSandbox({ carriers: ['voip-innovations'], numbers, seed })
  const carrier = sandbox.carriers['voip-innovations']
  if (!carrier) throw new Error('voip-innovations did not start')
  endpoint = carrier.baseUrl
  login = carrier.account.username ?? ''
  secret = carrier.account.secrets.secret ?? ''
})

afterAll(async () => {
  await sandbox.stop()
})

describe('VoIP Innovations simulator: service and envelope', () => {
  it('describes the seeded account for CarrierDesk', () => {
    const { account, baseUrl, origin } = sandbox.carriers['voip-innovations'] ?? {}
    expect(baseUrl).toBe(`${origin}/Services/APIService.asmx`)
    expect(account).toMatchObject({ carrier: 'voip-innovations', name: 'Sandbox VoIP Innovations', environment: 'sandbox', baseUrl })
    expect(login).not.toBe('')
    expect(secret).not.toBe('')
  })

  it('serves the WSDL on ?wsdl with its address pointing at the simulator', async () => {
    const response = await fetch(`${endpoint}?wsdl`)
    const text = await response.text()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/xml')
    expect(text).toContain('<wsdl:definitions')
    expect(text).toContain(`<soap:address location="${endpoint}" />`)
    expect(text).toContain(`<soap12:address location="${endpoint}" />`)
    expect(text).toContain('soapAction="http://tempuri.org/assignDID"')
    // The shipped WSDL file byte for byte (CRLF line endings too), but for the two service addresses.
    const shipped = readFileSync(join(__dirname, '../../src/main/sandbox/voip-innovations/APIService.wsdl'), 'utf8')
    expect(shipped).toContain('\r\n')
    expect(text).toBe(shipped.replace(/(<soap(?:12)?:address location=")[^"]*"/g, `$1${endpoint}"`))
  })

  it('answers SOAP 1.1 with text/xml and the <opResponse><opResult> wrapper', async () => {
    const answer = await post('auditDIDs', '')
    expect(answer.status).toBe(200)
    expect(answer.contentType).toBe('text/xml; charset=utf-8')
    expect(answer.text).toContain(`<soap:Envelope xmlns:soap="${soapNs}"`)
    expect(answer.text).toContain('<auditDIDsResponse xmlns="http://tempuri.org/"><auditDIDsResult>')
  })

  it('answers a SOAP Fault with HTTP 500 for a body that is not XML', async () => {
    const answer = await postRaw('this is not xml', '"http://tempuri.org/auditDIDs"')
    expect(answer.status).toBe(500)
    expect(faultOf(answer).faultcode).toBe('soap:Client')
    expect(faultOf(answer).faultstring).toContain('unable to read request')
  })

  it('answers a SOAP Fault for an envelope without a Body', async () => {
    const answer = await postRaw(`<soap:Envelope xmlns:soap="${soapNs}"><soap:Header/></soap:Envelope>`, '"http://tempuri.org/auditDIDs"')
    expect(answer.status).toBe(500)
    expect(faultOf(answer).faultstring).toContain('no Body')
  })

  it('answers a SOAP Fault for an unknown operation', async () => {
    const answer = await post('transferDID', '', { action: '"http://tempuri.org/transferDID"' })
    expect(answer.status).toBe(500)
    expect(faultOf(answer).faultstring).toBe('Server did not recognize the value of HTTP Header SOAPAction: transferDID.')
  })

  it('answers a SOAP Fault when SOAPAction does not name the Body element, or is missing', async () => {
    const mismatch = await post('auditDIDs', '', { action: '"http://tempuri.org/queryDID"' })
    expect(mismatch.status).toBe(500)
    expect(faultOf(mismatch).faultstring).toContain('auditDIDs')
    const unquoted = await post('auditDIDs', '', { action: 'http://tempuri.org/auditDIDs' })
    expect(unquoted.status).toBe(200)
    const missing = await postRaw(
      `<soap:Envelope xmlns:soap="${soapNs}"><soap:Body><auditDIDs xmlns="http://tempuri.org/"/></soap:Body></soap:Envelope>`,
      undefined,
    )
    expect(missing.status).toBe(500)
    expect(faultOf(missing).faultcode).toBe('soap:Client')
  })

  it('answers a VersionMismatch Fault for a SOAP 1.2 envelope', async () => {
    const answer = await postRaw(
      '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><auditDIDs xmlns="http://tempuri.org/"/></env:Body></env:Envelope>',
      '"http://tempuri.org/auditDIDs"',
    )
    expect(answer.status).toBe(500)
    expect(faultOf(answer).faultcode).toBe('soap:VersionMismatch')
  })

  it('answers a Fault for a path or method the service does not have', async () => {
    const missing = await fetch(`${sandbox.carriers['voip-innovations']?.origin}/Services/Other.asmx`, { method: 'POST' })
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain('<faultcode>soap:Client</faultcode>')
    const wrongMethod = await fetch(endpoint, { method: 'DELETE' })
    expect(wrongMethod.status).toBe(405)
  })

  it('answers wrong credentials with an error responseCode inside HTTP 200, in each response type', async () => {
    const wrong: [string, string] = [login, 'not-the-secret']
    const audit = resultOf(await post('auditDIDs', '', { credentials: wrong }), 'auditDIDs')
    expect(audit.responseCode).toBe('401')
    expect(audit.responseMessage).toBe('Invalid login or secret')
    expect(audit.DIDs).toBe('')
    const port = await post('isPortable', '<tn>3055550100</tn>', { credentials: ['someone', secret] })
    expect(port.status).toBe(200)
    expect(resultOf(port, 'isPortable')).toMatchObject({ responseCode: '401', IsPortable: 'false' })
    const count = sandbox.ledger.entries({ carrier: 'voip-innovations' }).length
    const assign = resultOf(await post('assignDID', didParams(didParam('3056000001')), { credentials: wrong }), 'assignDID')
    expect(assign.responseCode).toBe('401')
    expect(sandbox.ledger.entries({ carrier: 'voip-innovations' })).toHaveLength(count)
  })

  it('escapes values in answers', async () => {
    const [target] = await availableNumbers('GA', 1)
    const refId = `a<b>&"c"`
    const answer = await post('reserveDID', didParams(didParam(String(target?.tn), primaryGroup, refId.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))))
    expect(answer.text).toContain('<refId>a&lt;b&gt;&amp;&quot;c&quot;</refId>')
    expect(didsOf(resultOf(answer, 'reserveDID'))[0]?.refId).toBe(refId)
  })
})

describe('VoIP Innovations simulator: DID methods', () => {
  it('auditDIDs lists every owned DID with its endpoint group', async () => {
    const owned = await ownedNumbers()
    expect(owned).toHaveLength(Math.round(numbers * 0.3))
    for (const did of owned) {
      expect(did.tn).toMatch(/^\d{10}$/)
      expect(did.statusCode).toBe('100')
      expect(did.availability).toBe('assigned')
      expect(endpointGroupsFor(seed).map((group) => String(group.id))).toContain(did.endpointId)
    }
  })

  it('queryDID tells owned, available, foreign and unknown numbers apart', async () => {
    const [owned] = await ownedNumbers()
    const ownedStatus = await queryStatus(String(owned?.tn))
    expect(ownedStatus).toMatchObject({ tn: owned?.tn, availability: 'assigned', statusCode: '100', rewrite: owned?.tn })
    expect(ownedStatus.Network).toBeTruthy()

    const [available] = await availableNumbers('TX', 1)
    expect(await queryStatus(String(available?.tn))).toMatchObject({ availability: 'available', statusCode: '100' })
    expect((await queryStatus(reservedElsewhereNumber(seed))).statusCode).toBe('102230')
    expect((await queryStatus(assignedElsewhereNumber(seed, Math.round(numbers * 0.3)))).statusCode).toBe('102235')
    const unknown = await queryStatus('5550000000')
    expect(unknown).toMatchObject({ statusCode: '102420', tier: '-99999', availability: 'Unavailable' })
  })

  it('getDIDs searches by state, NPA, rate center and LATA, and needs a criterion (302490)', async () => {
    const byState = resultOf(await post('getDIDs', '<state>FL</state><lata></lata><rateCenter/>'), 'getDIDs')
    expect(byState.responseCode).toBe('100')
    const locators = (byState.DIDLocators as Node).DIDLocator as Node[]
    expect(locators.length).toBeGreaterThan(10)
    expect(locators.every((locator) => locator.state === 'FL')).toBe(true)

    const sample = locators.at(-1) as Node
    const npa = String(sample.tn).slice(0, 3)
    const byRateCenter = resultOf(await post('getDIDs', `<npa>${npa}</npa><rateCenter>${String(sample.rateCenter)}</rateCenter>`), 'getDIDs')
    const inRateCenter = (byRateCenter.DIDLocators as Node).DIDLocator as Node[]
    expect(inRateCenter.length).toBeGreaterThan(0)
    expect(inRateCenter.every((locator) => String(locator.tn).startsWith(npa) && locator.rateCenter === sample.rateCenter)).toBe(true)
    const byLata = resultOf(await post('getDIDs', `<lata>${String(sample.lataId)}</lata>`), 'getDIDs')
    const inLata = (byLata.DIDLocators as Node).DIDLocator as Node[]
    expect(inLata.map((locator) => locator.tn)).toContain(sample.tn)
    expect(inLata.every((locator) => locator.lataId === sample.lataId)).toBe(true)
    const unknownState = resultOf(await post('getDIDs', '<state>ZZ</state>'), 'getDIDs')
    expect(unknownState).toMatchObject({ responseCode: '100', DIDLocators: '' })

    const byTier = resultOf(await post('getDIDs', '<state>NY</state><tier>777</tier>'), 'getDIDs')
    const premium = (byTier.DIDLocators as Node).DIDLocator as Node[]
    expect(premium.every((locator) => locator.tier === '777' && locator.t38 === 'false')).toBe(true)

    const none = resultOf(await post('getDIDs', '<state></state><t38>false</t38>'), 'getDIDs')
    expect(none.responseCode).toBe('302490')
    expect(none.DIDLocators).toBe('')
  })

  it('getDIDCount counts available numbers per rate center and tier, ordered by orderby', async () => {
    const result = resultOf(await post('getDIDCount', '<state>FL</state><orderby>rc</orderby>'), 'getDIDCount')
    const counts = (result.DIDCounts as Node).DIDCount as Node[]
    expect(counts.length).toBeGreaterThan(3)
    const rateCenters = counts.map((count) => String(count.rateCenter))
    expect([...rateCenters].sort()).toEqual(rateCenters)
    expect(counts.every((count) => count.state === 'FL' && Number(count.didCount) > 0)).toBe(true)

    // The counts agree with a search: reserving a number lowers its group by one.
    const key = (count: Node): string => `${String(count.rateCenter)}|${String(count.tier)}`
    const [target] = await availableNumbers('CO', 1)
    const before = (resultOf(await post('getDIDCount', '<state>CO</state>'), 'getDIDCount').DIDCounts as Node).DIDCount as Node[]
    await post('reserveDID', didParams(didParam(String(target?.tn))))
    const after = (resultOf(await post('getDIDCount', '<state>CO</state>'), 'getDIDCount').DIDCounts as Node).DIDCount as Node[]
    const group = `${String(target?.rateCenter)}|${String(target?.tier)}`
    const countIn = (list: Node[]): number => Number(list.find((count) => key(count) === group)?.didCount ?? 0)
    expect(countIn(after)).toBe(countIn(before) - 1)

    expect(resultOf(await post('getDIDCount', ''), 'getDIDCount').responseCode).toBe('302490')
  })

  it('assignDID assigns available numbers and records each in the ledger; a batch can partly succeed', async () => {
    const [first, second] = await availableNumbers('IL', 2)
    const [owned] = await ownedNumbers()
    const assignsBefore = sandbox.ledger.entries({ carrier: 'voip-innovations', operation: 'assignDID' }).length
    const answer = resultOf(
      await post(
        'assignDID',
        didParams(
          didParam(String(first?.tn), primaryGroup, 'order-1', 'true'),
          didParam(String(second?.tn), 999_999),
          didParam(String(owned?.tn)),
          didParam(reservedElsewhereNumber(seed)),
          didParam(assignedElsewhereNumber(seed, Math.round(numbers * 0.3))),
          didParam('8005550123'),
          didParam('5550000000'),
        ),
      ),
      'assignDID',
    )
    expect(answer.responseCode).toBe('100')
    const dids = didsOf(answer)
    expect(dids.map((did) => did.statusCode)).toEqual(['100', '104258', '104225', '104230', '104235', '104250', '104420'])
    expect(dids[0]?.status).toBe(`Assigned to endpoint '${primaryGroup}' rewritten as '${String(first?.tn)}' Tier ${String(first?.tier)}`)
    expect(dids[1]?.status).toContain('Bad Endpoint Group')

    const assigns = sandbox.ledger.entries({ carrier: 'voip-innovations', operation: 'assignDID' })
    expect(assigns).toHaveLength(assignsBefore + 1)
    expect(assigns.at(-1)?.details).toMatchObject({ tn: first?.tn, endpointGroup: primaryGroup, refId: 'order-1' })
    expect(await queryStatus(String(first?.tn))).toMatchObject({ availability: 'assigned', endpointId: String(primaryGroup), refId: 'order-1', cnam: 'true' })
    expect((await ownedNumbers()).map((did) => did.tn)).toContain(first?.tn)
    expect((await queryStatus(String(second?.tn))).availability).toBe('available')
  })

  it('assignDID refuses tier 777 numbers (104259)', async () => {
    const result = resultOf(await post('getDIDs', '<state>CA</state><tier>777</tier>'), 'getDIDs')
    const [premium] = (result.DIDLocators as Node).DIDLocator as Node[]
    const dids = didsOf(resultOf(await post('assignDID', didParams(didParam(String(premium?.tn)))), 'assignDID'))
    expect(dids[0]?.statusCode).toBe('104259')
  })

  it('configDID moves owned DIDs to another endpoint group and refuses the rest', async () => {
    const [owned] = await ownedNumbers()
    const [available] = await availableNumbers('WA', 1)
    const configsBefore = sandbox.ledger.entries({ operation: 'configDID' }).length
    const answer = resultOf(
      await post(
        'configDID',
        didParams(
          didParam(String(owned?.tn), backupGroup, 'moved', 'false'),
          didParam(String(owned?.tn), 123),
          didParam(String(available?.tn), backupGroup),
          didParam(assignedElsewhereNumber(seed, Math.round(numbers * 0.3)), backupGroup),
          didParam('5550000000', backupGroup),
        ),
      ),
      'configDID',
    )
    expect(didsOf(answer).map((did) => did.statusCode)).toEqual(['100', '105258', '105221', '105235', '105420'])
    expect(didsOf(answer)[0]?.status).toContain(`Reconfigured to endpoint '${backupGroup}'`)
    expect(await queryStatus(String(owned?.tn))).toMatchObject({ endpointId: String(backupGroup), refId: 'moved', cnam: 'false' })
    expect(sandbox.ledger.entries({ operation: 'configDID' })).toHaveLength(configsBefore + 1)

    const [toReserve] = await availableNumbers('AZ', 1)
    await post('reserveDID', didParams(didParam(String(toReserve?.tn))))
    const reserved = didsOf(resultOf(await post('configDID', didParams(didParam(String(toReserve?.tn)))), 'configDID'))
    expect(reserved[0]?.statusCode).toBe('105225')
  })

  it('releaseDID releases owned DIDs once; a second release answers 106241', async () => {
    const owned = await ownedNumbers()
    const releasable = owned.find((did) => did.has911 === 'false')
    const with911 = owned.find((did) => did.has911 === 'true')
    const [available] = await availableNumbers('OH', 1)
    const answer = resultOf(
      await post(
        'releaseDID',
        didParams(didParam(String(releasable?.tn)), didParam(String(available?.tn)), didParam(reservedElsewhereNumber(seed)), didParam('5550000000')),
      ),
      'releaseDID',
    )
    expect(answer.responseCode).toBe('100')
    expect(didsOf(answer).map((did) => did.statusCode)).toEqual(['100', '106231', '106230', '106420'])
    expect(sandbox.ledger.entries({ operation: 'releaseDID' }).at(-1)?.details).toEqual({ tn: releasable?.tn })
    expect((await ownedNumbers()).map((did) => did.tn)).not.toContain(releasable?.tn)

    const again = didsOf(resultOf(await post('releaseDID', didParams(didParam(String(releasable?.tn)))), 'releaseDID'))
    expect(again[0]?.statusCode).toBe('106241')
    if (with911) {
      const blocked = didsOf(resultOf(await post('releaseDID', didParams(didParam(String(with911.tn)))), 'releaseDID'))
      expect(blocked[0]?.statusCode).toBe('106225')
    }
  })

  it('reserveDID holds a number for 30 simulated minutes, then it returns to inventory', async () => {
    const [target, other] = await availableNumbers('NC', 2)
    const tn = String(target?.tn)
    const answer = resultOf(await post('reserveDID', didParams(didParam(tn, primaryGroup, 'bada55'), didParam(tn))), 'reserveDID')
    const [reserved, duplicate] = didsOf(answer)
    expect(reserved).toMatchObject({ statusCode: '100', refId: 'bada55', status: `Reserved for 30 minutes -- Will be Tier ${String(target?.tier)}` })
    expect(duplicate?.statusCode).toBe('103220')
    expect(sandbox.ledger.entries({ operation: 'reserveDID' }).at(-1)?.details).toMatchObject({ tn, refId: 'bada55' })

    const held = await queryStatus(tn)
    expect(held.availability).toBe('reserved')
    const releaseReserved = didsOf(resultOf(await post('releaseDID', didParams(didParam(tn))), 'releaseDID'))
    expect(releaseReserved[0]?.statusCode).toBe('106220')
    const search = (resultOf(await post('getDIDs', `<npa>${tn.slice(0, 3)}</npa>`), 'getDIDs').DIDLocators as Node).DIDLocator as Node[]
    expect(search.map((locator) => locator.tn)).not.toContain(tn)

    sandbox.clock.advance(29 * 60 * 1000)
    expect((await queryStatus(tn)).availability).toBe('reserved')
    sandbox.clock.advance(2 * 60 * 1000)
    expect((await queryStatus(tn)).availability).toBe('available')
    const again = didsOf(resultOf(await post('reserveDID', didParams(didParam(tn))), 'reserveDID'))
    expect(again[0]?.statusCode).toBe('100')

    // A reservation is claimed by assignDID with its refId; another refId is refused (104220).
    await post('reserveDID', didParams(didParam(String(other?.tn), primaryGroup, 'mine')))
    const wrongRef = didsOf(resultOf(await post('assignDID', didParams(didParam(String(other?.tn), primaryGroup, 'theirs'))), 'assignDID'))
    expect(wrongRef[0]?.statusCode).toBe('104220')
    const claimed = didsOf(resultOf(await post('assignDID', didParams(didParam(String(other?.tn), primaryGroup, 'mine'))), 'assignDID'))
    expect(claimed[0]?.statusCode).toBe('100')
  })

  it('reserveDID refuses owned, foreign, toll-free, premium and unknown numbers', async () => {
    const [owned] = await ownedNumbers()
    const premium = ((resultOf(await post('getDIDs', '<state>MA</state><tier>777</tier>'), 'getDIDs').DIDLocators as Node).DIDLocator as Node[])[0]
    const dids = didsOf(
      resultOf(
        await post(
          'reserveDID',
          didParams(
            didParam(String(owned?.tn)),
            didParam(reservedElsewhereNumber(seed)),
            didParam(assignedElsewhereNumber(seed, Math.round(numbers * 0.3))),
            didParam('8885550100'),
            didParam(String(premium?.tn)),
            didParam('5550000000'),
          ),
        ),
        'reserveDID',
      ),
    )
    expect(dids.map((did) => did.statusCode)).toEqual(['103225', '103230', '103235', '103250', '103259', '103420'])
  })
})

describe('VoIP Innovations simulator: ports', () => {
  it('isPortable says no for numbers already at VI and yes for most others', async () => {
    const [owned] = await ownedNumbers()
    const ownedAnswer = resultOf(await post('isPortable', `<tn>${String(owned?.tn)}</tn>`), 'isPortable')
    expect(ownedAnswer).toMatchObject({ responseCode: '100', IsPortable: 'false' })
    const outside = ['2125559001', '3125559002', '4045559003', '6175559004', '2065559005']
    const verdicts = await Promise.all(
      outside.map(async (tn) => resultOf(await post('isPortable', `<tn>${tn}</tn>`), 'isPortable').IsPortable),
    )
    expect(verdicts.filter((verdict) => verdict === 'true').length).toBeGreaterThanOrEqual(3)
  })

  it('getPortDetails follows a port from signature to completion on the simulated clock', async () => {
    const [newest] = portIdsFor(seed)
    const details = async (): Promise<Node> =>
      resultOf(await post('getPortDetails', `<portId>${String(newest)}</portId>`), 'getPortDetails').PortDetails as Node
    const pending = await details()
    expect(pending).toMatchObject({ id: String(newest), status: 'PENDING SIGNATURE' })
    expect(pending.focDate).toEqual({ '@_nil': 'true' })
    const portNumbers = ((pending.dids as Node).PortDID as Node[]).map((did) => String(did.tn))
    expect(portNumbers.length).toBeGreaterThan(0)

    sandbox.clock.advance(25 * 60 * 60 * 1000)
    const submitted = await details()
    expect(submitted.status).toBe('SUBMITTED')
    expect(typeof submitted.submittedDate).toBe('string')

    sandbox.clock.advance(2 * 24 * 60 * 60 * 1000)
    const foc = await details()
    expect(foc.status).toBe('FOC RECEIVED')
    expect(String(foc.focDate)).toMatch(/^\d{4}-\d{2}-\d{2}T/)

    sandbox.clock.advance(6 * 24 * 60 * 60 * 1000)
    expect((await details()).status).toBe('COMPLETE')
    const owned = (await ownedNumbers()).map((did) => did.tn)
    for (const tn of portNumbers) expect(owned).toContain(tn)
  })

  it('getPortDetails shows rejected ports and answers an unknown id with an error code', async () => {
    const statuses = await Promise.all(
      portIdsFor(seed).map(async (id) => {
        const result = resultOf(await post('getPortDetails', `<portId>${id}</portId>`), 'getPortDetails')
        return String((result.PortDetails as Node).status)
      }),
    )
    expect(statuses).toContain('REJECTED')
    const unknown = resultOf(await post('getPortDetails', '<portId>1</portId>'), 'getPortDetails')
    expect(unknown.responseCode).toBe('420')
    expect(unknown.IsPortable).toBe('false')
  })
})

describe('VoIP Innovations simulator: CNAM and 911', () => {
  it('stores, reads and removes an outbound CNAM display name', async () => {
    const owned = (await ownedNumbers()).find((did) => did.cnamStorageAvailability === 'true')
    const tn = String(owned?.tn)
    const update = resultOf(await post('UpdateCNAMDisplay', `<tn>${tn}</tn><name>Harbor Dental</name>`), 'UpdateCNAMDisplay')
    expect(update.responseCode).toBe('100')
    expect(resultOf(await post('GetCNAMDisplay', `<tn>${tn}</tn>`), 'GetCNAMDisplay').DisplayName).toBe('HARBOR DENTAL')
    const tooLong = resultOf(await post('UpdateCNAMDisplay', `<tn>${tn}</tn><name>A name far too long for CNAM</name>`), 'UpdateCNAMDisplay')
    expect(tooLong.responseCode).toBe('400')
    expect(resultOf(await post('RemoveCNAM', `<tn>${tn}</tn>`), 'RemoveCNAM').responseCode).toBe('100')
    expect(resultOf(await post('GetCNAMDisplay', `<tn>${tn}</tn>`), 'GetCNAMDisplay').DisplayName).toBe('')
    expect(resultOf(await post('GetCNAMDisplay', '<tn>5550000000</tn>'), 'GetCNAMDisplay').responseCode).toBe('420')
  })

  it('provisions, queries and removes 911 for an owned DID', async () => {
    const owned = (await ownedNumbers()).find((did) => did.has911 === 'false')
    const tn = String(owned?.tn)
    expect(resultOf(await post('Query911Alert', `<tn>${tn}</tn>`), 'Query911Alert').responseCode).toBe('941')
    const address = '<address1>150 N 200 E</address1><address2/><city>Saint George</city><state>UT</state><zip>84770</zip><plusFour>2504</plusFour><callerName>Mango Voice</callerName>'
    const inserted = resultOf(await post('insert911', `<did>${tn}</did>${address}`), 'insert911')
    expect(inserted.responseCode).toBe('100')
    expect(((inserted.Statuses as Node).Status911 as Node[])[0]?.description).toBe('Location status updated')
    expect((await queryStatus(tn)).has911).toBe('true')

    const query = resultOf(await post('query911', `<did>${tn}</did>`), 'query911')
    expect(((query.DID911s as Node).DID911 as Node[])[0]).toMatchObject({ tn, city: 'SAINT GEORGE', zipCode: '84770-2504', statusCode: 'PROVISIONED' })
    const blocked = didsOf(resultOf(await post('releaseDID', didParams(didParam(tn))), 'releaseDID'))
    expect(blocked[0]?.statusCode).toBe('106225')

    const removed = resultOf(await post('remove911', `<did>${tn}</did>`), 'remove911')
    expect(((removed.Statuses as Node).Status911 as Node[])[0]?.description).toBe(`1 record was successfully archived for DID ${tn}`)
    expect((await queryStatus(tn)).has911).toBe('false')
    const invalid = resultOf(await post('validate911', '<address1>1 Main</address1><city>X</city><state>Utah</state><zip>84770</zip>'), 'validate911')
    expect(invalid.responseCode).toBe('400')
    expect(sandbox.ledger.entries({ operation: 'insert911' }).at(-1)?.details).toMatchObject({ tn })
  })
})

describe('VoIP Innovations simulator: ambiguous failures', () => {
  it('a dropped connection after assignDID committed leaves exactly one assign in the ledger', async () => {
    const carrier = sandbox.carriers['voip-innovations']
    const [target] = await availableNumbers('GA', 2).then((found) => found.slice(1))
    carrier?.faults.configure({ script: [{ fault: 'reset-after-commit', match: 'assignDID' }] })
    const before = sandbox.ledger.entries({ operation: 'assignDID' }).length
    await expect(post('assignDID', didParams(didParam(String(target?.tn))))).rejects.toThrow()
    const after = sandbox.ledger.entries({ operation: 'assignDID' })
    expect(after).toHaveLength(before + 1)
    expect(after.at(-1)?.details).toMatchObject({ tn: target?.tn })
    // The number was taken: a blind retry is refused as "already assigned to you".
    const retry = didsOf(resultOf(await post('assignDID', didParams(didParam(String(target?.tn)))), 'assignDID'))
    expect(retry[0]?.statusCode).toBe('104225')
    expect(sandbox.ledger.entries({ operation: 'assignDID' })).toHaveLength(before + 1)
  })
})
