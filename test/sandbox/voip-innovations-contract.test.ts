/**
 * Contract tests of the VoIP Innovations simulator against the carrier's own artefacts: every answer
 * validates against the XML Schema in the served WSDL (xmllint), every captured sample response (the
 * project's fixtures in test/fixtures/voip-innovations/sample-responses/) has a simulator answer of the same
 * element structure, and a SOAP library we did not write (node-soap) can drive the simulator from its WSDL
 * alone.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox, type SandboxCarrier } from '../../src/main/sandbox'
import { endpointGroupsFor } from '../../src/main/sandbox/voip-innovations/state'
import { nodeSoapPort, resultOf, soapNs, viRaw, wsdlSchemaCheck, type Node, type SchemaCheck, type ViRaw } from './voip-innovations-helpers'

const seed = 7
const samplesDir = join(__dirname, '../fixtures/voip-innovations/sample-responses')
const [primaryGroup, backupGroup] = endpointGroupsFor(seed).map((group) => group.id) as [number, number]

const pathReader = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, preserveOrder: true })

let sandbox: Sandbox
let raw: ViRaw
let schema: SchemaCheck
/** One answer per operation (and a few error answers), validated against the schema at the end. */
const answers = new Map<string, string>()

const post = (operation: string, inner: string, credentials?: [string, string]): Promise<string> => raw.post(operation, inner, credentials)

/** Every element path of a document (local names), ignoring values and how often an element repeats. */
function elementPaths(text: string): Set<string> {
  const paths = new Set<string>()
  const walk = (nodes: Node[], prefix: string): void => {
    for (const node of nodes) {
      const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text' && !key.startsWith('?'))
      if (!name) continue
      const path = `${prefix}/${name}`
      paths.add(path)
      walk(node[name] as Node[], path)
    }
  }
  walk(pathReader.parse(text) as Node[], '')
  return paths
}

const didParam = (tn: string, epg = primaryGroup, refId = ''): string =>
  `<didParams><DIDParam><tn>${tn}</tn><cnam/><refId>${refId}</refId><epg>${epg}</epg></DIDParam></didParams>`

async function availableNumber(state: string): Promise<string> {
  const result = resultOf(await post('getDIDs', `<state>${state}</state>`), 'getDIDs')
  const locators = (result.DIDLocators as Node).DIDLocator as Node[]
  return String(locators.find((locator) => locator.tier !== '777')?.tn)
}

async function ownedNumbers(): Promise<Node[]> {
  return (resultOf(await post('auditDIDs', ''), 'auditDIDs').DIDs as Node).DID as Node[]
}

const address =
  '<address1>150 N 200 E</address1><address2>STE 201</address2><city>Saint George</city><state>UT</state><zip>84770</zip><plusFour>2504</plusFour><callerName>Mango Voice</callerName>'
const addressWithoutSuite = address.replace('<address2>STE 201</address2>', '<address2/>')

/**
 * For each captured sample: the operation, and how to make the simulator give the same kind of answer.
 * Extra paths the simulator may write are listed with the reason.
 */
interface SampleCase {
  file: string
  operation: string
  request: () => Promise<string>
  extraPaths?: string[]
  /** Paths the simulator writes only for numbers that have the feature (the captured ones had none). */
  optionalPaths?: string[]
}

const featurePaths = (operation: string): string[] =>
  ['failover', 'forward', 'didGroupId'].map((name) => `/Envelope/Body/${operation}Response/${operation}Result/DIDs/DID/${name}`)

let owned: Node[] = []
/** An owned number without forwarding, failover or a DID group, like the captured query_did.xml's. */
let plainOwned = ''
let ownedWithout911 = ''
let ownedFor911 = ''

const sampleCases: SampleCase[] = [
  { file: 'did/audit_dids.xml', operation: 'auditDIDs', request: () => post('auditDIDs', ''), optionalPaths: featurePaths('auditDIDs') },
  { file: 'did/query_did.xml', operation: 'queryDID', request: () => post('queryDID', `<did>${plainOwned}</did>`) },
  {
    file: 'did/get_dids.xml',
    operation: 'getDIDs',
    request: () => post('getDIDs', '<state>UT</state><npa>801</npa>').then(() => post('getDIDs', '<state>FL</state>')),
    // The WSDL's DIDLocator requires `sms`, which the older capture predates.
    extraPaths: ['/Envelope/Body/getDIDsResponse/getDIDsResult/DIDLocators/DIDLocator/sms'],
  },
  {
    file: 'did/get_did_count.xml',
    operation: 'getDIDCount',
    request: () => post('getDIDCount', '<state>FL</state>'),
    extraPaths: ['/Envelope/Body/getDIDCountResponse/getDIDCountResult/DIDCounts/DIDCount/sms'],
  },
  { file: 'did/reserve_did.xml', operation: 'reserveDID', request: async () => post('reserveDID', didParam(await availableNumber('TX'), primaryGroup, 'bada55')) },
  { file: 'did/assign_did.xml', operation: 'assignDID', request: async () => post('assignDID', didParam(await availableNumber('NY'))) },
  { file: 'did/config_did.xml', operation: 'configDID', request: () => post('configDID', didParam(String(owned[1]?.tn), backupGroup)) },
  { file: 'did/release_did.xml', operation: 'releaseDID', request: async () => post('releaseDID', didParam(await availableNumber('OH'))) },
  { file: 'port/is_portable.xml', operation: 'isPortable', request: () => post('isPortable', '<tn>2125559001</tn>') },
  {
    file: 'port/get_port_details.xml',
    operation: 'getPortDetails',
    request: async () => {
      const { portIdsFor } = await import('../../src/main/sandbox/voip-innovations/state')
      return post('getPortDetails', `<portId>${String(portIdsFor(seed)[0])}</portId>`)
    },
  },
  { file: 'cnam/update_cnam_display.xml', operation: 'UpdateCNAMDisplay', request: () => post('UpdateCNAMDisplay', `<tn>${cnamNumber()}</tn><name>SANDBOX</name>`) },
  { file: 'cnam/get_cnam_display.xml', operation: 'GetCNAMDisplay', request: () => post('GetCNAMDisplay', `<tn>${cnamNumber()}</tn>`) },
  { file: 'cnam/remove_cnam.xml', operation: 'RemoveCNAM', request: () => post('RemoveCNAM', `<tn>${cnamNumber()}</tn>`) },
  { file: 'x911/validate_911.xml', operation: 'validate911', request: () => post('validate911', address) },
  { file: 'x911/query_911_alert.xml', operation: 'Query911Alert', request: () => post('Query911Alert', `<tn>${ownedWithout911}</tn>`) },
  { file: 'x911/get_locations.xml', operation: 'getLocations', request: () => post('getLocations', `<did>${ownedWithout911}</did>`) },
  { file: 'x911/add_location.xml', operation: 'addLocation', request: () => post('addLocation', `<did>${ownedWithout911}</did>${address}`) },
  {
    file: 'x911/provision_location.xml',
    operation: 'provisionLocation',
    request: async () => {
      const added = resultOf(await post('addLocation', `<did>${ownedWithout911}</did>${addressWithoutSuite}`), 'addLocation')
      const locationId = String(((added.VILocations as Node).VILocation as Node[])[0]?.locationId)
      return post('provisionLocation', `<did>${ownedWithout911}</did><locationId>${locationId}</locationId>`)
    },
  },
  { file: 'x911/insert_911.xml', operation: 'insert911', request: () => post('insert911', `<did>${ownedFor911}</did>${addressWithoutSuite}`) },
  { file: 'x911/update_911.xml', operation: 'update911', request: () => post('update911', `<did>${ownedFor911}</did>${addressWithoutSuite}`) },
  { file: 'x911/query_911.xml', operation: 'query911', request: () => post('query911', `<did>${ownedFor911}</did>`) },
  { file: 'x911/get_provisioning_history.xml', operation: 'getProvisioningHistory', request: () => post('getProvisioningHistory', `<did>${ownedFor911}</did>`) },
  { file: 'x911/audit_911.xml', operation: 'audit911', request: () => post('audit911', '') },
  {
    file: 'x911/remove_location.xml',
    operation: 'removeLocation',
    request: async () => {
      const added = resultOf(await post('addLocation', `<did>${ownedFor911}</did>${addressWithoutSuite}`), 'addLocation')
      const locationId = String(((added.VILocations as Node).VILocation as Node[])[0]?.locationId)
      return post('removeLocation', `<locationId>${locationId}</locationId><did>${ownedFor911}</did>`)
    },
  },
  { file: 'x911/remove_911.xml', operation: 'remove911', request: () => post('remove911', `<did>${ownedFor911}</did>`) },
]

function cnamNumber(): string {
  return String(owned.find((did) => did.cnamStorageAvailability === 'true')?.tn)
}

beforeAll(async () => {
  sandbox = await startSandbox({ carriers: ['voip-innovations'], numbers: 40, seed })
  raw = viRaw(sandbox.carriers['voip-innovations'] as SandboxCarrier)
  owned = await ownedNumbers()
  plainOwned = String(owned.find((did) => did.forward === undefined && did.failover === undefined && did.didGroupId === undefined)?.tn)
  ownedWithout911 = String(owned.find((did) => did.has911 === 'false')?.tn)
  ownedFor911 = String(owned.filter((did) => did.has911 === 'false')[1]?.tn)
  // The schema is the one in the WSDL the simulator serves.
  schema = await wsdlSchemaCheck(raw.endpoint)
})

afterAll(async () => {
  await sandbox.stop()
  schema.dispose()
})

const schemaProblems = (answer: string, name: string): string => schema.problems(answer, name)

describe('VoIP Innovations simulator: answers match the captured sample responses', () => {
  it('has a sample case for every captured response', () => {
    const dirs = ['did', 'port', 'cnam', 'x911']
    const files = dirs.flatMap((dir) =>
      execFileSync('ls', [join(samplesDir, dir)]).toString().trim().split('\n').map((name) => `${dir}/${name}`),
    )
    expect(sampleCases.map((sample) => sample.file).sort()).toEqual(files.sort())
  })

  for (const sample of sampleCases) {
    it(`${sample.file}: ${sample.operation} answers with the same element structure`, async () => {
      const answer = await sample.request()
      answers.set(sample.operation, answer)
      const expected = elementPaths(readFileSync(join(samplesDir, sample.file), 'utf8'))
      for (const extra of sample.extraPaths ?? []) expected.add(extra)
      const written = [...elementPaths(answer)].filter((path) => !sample.optionalPaths?.includes(path))
      expect(written.sort()).toEqual([...expected].sort())
    })
  }
})

describe('VoIP Innovations simulator: answers validate against the WSDL schema', () => {
  it('the schema check rejects an answer that breaks the WSDL', () => {
    const broken = `<soap:Envelope xmlns:soap="${soapNs}"><soap:Body><assignDIDResponse xmlns="http://tempuri.org/"><assignDIDResult><responseMessage>x</responseMessage></assignDIDResult></assignDIDResponse></soap:Body></soap:Envelope>`
    expect(schemaProblems(broken, 'broken')).toContain('responseCode')
  })

  it('every operation answer, success and error, validates with xmllint', async () => {
    const [target] = [await availableNumber('GA')]
    answers.set('wrong-credentials', await post('assignDID', didParam(String(target)), [raw.login, 'wrong']))
    answers.set('no-criteria', await post('getDIDs', ''))
    answers.set('query-unknown', await post('queryDID', '<did>5550000000</did>'))
    answers.set('port-unknown', await post('getPortDetails', '<portId>1</portId>'))
    answers.set('batch-errors', await post('reserveDID', didParam('5550000000') + didParam(String(owned[0]?.tn))))
    answers.set('cnam-unknown', await post('GetCNAMDisplay', '<tn>5550000000</tn>'))
    const operations = [...answers.keys()]
    expect(operations.length).toBeGreaterThanOrEqual(sampleCases.length)
    for (const operation of ['auditDIDs', 'queryDID', 'assignDID', 'getDIDs', 'configDID', 'releaseDID', 'reserveDID', 'isPortable', 'getDIDCount', 'getPortDetails']) {
      expect(operations).toContain(operation)
    }
    for (const [name, answer] of answers) {
      expect({ name, problems: schemaProblems(answer, name) }).toEqual({ name, problems: '' })
    }
  })
})

describe('VoIP Innovations simulator: driven by node-soap from the served WSDL', () => {
  it('searches with getDIDs and assigns with assignDID through the SOAP 1.1 port', async () => {
    const port = await nodeSoapPort(raw.endpoint)
    const { login, secret } = raw
    const call = (method: string, args: Node): Promise<Node> => port.call(method, args)

    const search = (await call('getDIDs', { login, secret, state: 'WA' })).getDIDsResult as Node
    expect(search.responseCode).toBe(100)
    const locators = ((search.DIDLocators as Node).DIDLocator as Node[]).filter((locator) => locator.tier !== '777')
    expect(locators.length).toBeGreaterThan(0)
    const tn = String(locators[0]?.tn)
    expect(locators[0]?.state).toBe('WA')

    const assigned = (await call('assignDID', {
      login,
      secret,
      didParams: { DIDParam: [{ tn, cnam: 'true', refId: 'soap-client', epg: primaryGroup }] },
    })).assignDIDResult as Node
    expect(assigned.responseCode).toBe(100)
    const did = ((assigned.DIDs as Node).DID as Node[])[0]
    expect(did).toMatchObject({ tn, statusCode: '100', refId: 'soap-client', has911: false })
    expect(sandbox.ledger.entries({ operation: 'assignDID' }).at(-1)?.details).toMatchObject({ tn, refId: 'soap-client' })

    const refused = (await call('assignDID', { login, secret, didParams: { DIDParam: [{ tn, epg: primaryGroup }] } }))
      .assignDIDResult as Node
    expect(((refused.DIDs as Node).DID as Node[])[0]?.statusCode).toBe('104225')
  })
})
