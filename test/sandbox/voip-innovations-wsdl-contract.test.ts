/**
 * Contract tests of the simulator's answers to the WSDL operations the captured samples do not cover
 * (forwarding and failover, DID groups, fax to e-mail, conference line, international DIDs, 911 alerts,
 * prepaid balance): the simulator answers every wsdl:operation; each operation's success and refusal
 * answers validate against the WSDL's XML Schema (xmllint); and node-soap, built from the served WSDL
 * alone, sends one request per operation that the simulator answers.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox, type SandboxCarrier } from '../../src/main/sandbox'
import { voipInnovationsOperations } from '../../src/main/sandbox/voip-innovations/simulator'
import { didGroupsFor, endpointGroupsFor } from '../../src/main/sandbox/voip-innovations/state'
import { itemsOf, nodeSoapPort, resultOf, viRaw, wsdlSchemaCheck, type Node, type NodeSoapPort, type SchemaCheck, type ViRaw } from './voip-innovations-helpers'

const seed = 11
const [primaryGroup] = endpointGroupsFor(seed).map((group) => group.id) as [number]
const [firstGroup, secondGroup] = didGroupsFor(seed) as [{ id: number; name: string }, { id: number; name: string }]
const wsdlFile = join(__dirname, '../../src/main/sandbox/voip-innovations/APIService.wsdl')
const address =
  '<address1>150 N 200 E</address1><address2/><city>Saint George</city><state>UT</state><zip>84770</zip><plusFour>2504</plusFour><callerName>Mango Voice</callerName>'

let sandbox: Sandbox
let raw: ViRaw
let schema: SchemaCheck
let soap: NodeSoapPort
/** Owned numbers without 911, one per area so the cases do not disturb each other. */
let plain: string[] = []
/** An owned number given 911 in beforeAll (alerts need it). */
let with911 = ''
/** A listed number nobody owns. */
let available = ''

/** The outcome code of a result: its DID line's statusCode when it has one, else the responseCode. */
function codeOf(result: Node): string {
  const [line] = itemsOf(result, 'DIDs', 'DID')
  return String(line?.statusCode ?? result.responseCode)
}

function expectValid(answer: string, name: string): void {
  expect({ name, problems: schema.problems(answer, name) }).toEqual({ name, problems: '' })
}

beforeAll(async () => {
  sandbox = await startSandbox({ carriers: ['voip-innovations'], numbers: 60, seed })
  raw = viRaw(sandbox.carriers['voip-innovations'] as SandboxCarrier)
  schema = await wsdlSchemaCheck(raw.endpoint)
  soap = await nodeSoapPort(raw.endpoint)
  const owned = itemsOf(resultOf(await raw.post('auditDIDs', ''), 'auditDIDs'), 'DIDs', 'DID')
  plain = owned.filter((did) => did.has911 === 'false').map((did) => String(did.tn))
  expect(plain.length).toBeGreaterThanOrEqual(12)
  with911 = plain.pop() as string
  expect(resultOf(await raw.post('insert911', `<did>${with911}</did>${address}`), 'insert911').responseCode).toBe('100')
  const locators = itemsOf(resultOf(await raw.post('getDIDs', '<state>FL</state>'), 'getDIDs'), 'DIDLocators', 'DIDLocator')
  available = String(locators[0]?.tn)
})

afterAll(async () => {
  await sandbox?.stop()
  schema?.dispose()
})

describe('VoIP Innovations simulator: every wsdl:operation is answered', () => {
  it('dispatches each of the 48 operations of APIService.wsdl', () => {
    const wsdl = readFileSync(wsdlFile, 'utf8')
    const portType = wsdl.slice(wsdl.indexOf('<wsdl:portType'), wsdl.indexOf('</wsdl:portType>'))
    const declared = [...portType.matchAll(/<wsdl:operation name="([^"]+)"/g)].map((match) => match[1])
    expect(declared).toHaveLength(48)
    expect([...voipInnovationsOperations].sort()).toEqual([...declared].sort())
  })
})

/** A success request, a check of what it answered, and a request VI refuses with its code. */
interface OperationCase {
  operation: string
  ok: () => string
  check: (result: Node) => void
  refused: () => string | { credentials: [string, string] }
  code: string
}

let intlBought = ''

const cases: OperationCase[] = [
  {
    operation: 'SetDIDForward',
    ok: () => `<tn>${plain[0]}</tn><forward>+1 (305) 555-0123</forward>`,
    check: (result) => expect(itemsOf(result, 'DIDs', 'DID')[0]).toMatchObject({ tn: plain[0], statusCode: '100', forward: '3055550123' }),
    refused: () => `<tn>${plain[0]}</tn><forward>12</forward>`,
    code: '107400',
  },
  {
    operation: 'GetDIDForward',
    ok: () => `<tn>${plain[0]}</tn>`,
    check: (result) => expect(itemsOf(result, 'DIDs', 'DID')[0]?.forward).toBe('3055550123'),
    refused: () => '<tn>5550000000</tn>',
    code: '107420',
  },
  {
    operation: 'RemoveDIDForward',
    ok: () => `<tn>${plain[0]}</tn><epgId>${primaryGroup}</epgId>`,
    check: (result) => {
      const [did] = itemsOf(result, 'DIDs', 'DID')
      expect(did?.endpointId).toBe(String(primaryGroup))
      expect(did?.forward).toBeUndefined()
    },
    refused: () => `<tn>${plain[0]}</tn><epgId>1</epgId>`,
    code: '107258',
  },
  {
    operation: 'UpdateDIDFailover',
    ok: () => `<tn>${plain[1]}</tn><failover>3055550124</failover>`,
    check: (result) => expect(itemsOf(result, 'DIDs', 'DID')[0]?.failover).toBe('3055550124'),
    refused: () => `<tn>${plain[1]}</tn><failover>not a number</failover>`,
    code: '108400',
  },
  {
    operation: 'GetDIDFailover',
    ok: () => `<tn>${plain[1]}</tn>`,
    check: (result) => expect(itemsOf(result, 'DIDs', 'DID')[0]?.failover).toBe('3055550124'),
    refused: () => `<tn>${available}</tn>`,
    code: '108221',
  },
  {
    operation: 'GetDIDGroups',
    ok: () => '',
    check: (result) => expect(itemsOf(result, 'DIDGroups', 'DIDGroup').map((group) => group.Name)).toEqual(['Main Office', 'Sales', 'Support', 'Fax Lines']),
    refused: () => ({ credentials: [raw.login, 'wrong'] }),
    code: '401',
  },
  {
    operation: 'SetDIDGroup',
    ok: () => `<tn>${plain[2]}</tn><groupId>${secondGroup.id}</groupId>`,
    check: (result) => {
      expect(itemsOf(result, 'DIDs', 'DID')[0]?.didGroupId).toBe(String(secondGroup.id))
      expect(itemsOf(result, 'DIDGroups', 'DIDGroup')).toEqual([{ Name: secondGroup.name, ID: String(secondGroup.id) }])
    },
    refused: () => `<tn>${plain[2]}</tn><groupId>1</groupId>`,
    code: '109440',
  },
  {
    operation: 'GetDIDGroup',
    ok: () => `<tn>${plain[2]}</tn>`,
    check: (result) => expect(itemsOf(result, 'DIDGroups', 'DIDGroup')[0]?.ID).toBe(String(secondGroup.id)),
    refused: () => '<tn>5550000000</tn>',
    code: '109420',
  },
  {
    operation: 'AuditDIDGroup',
    ok: () => `<groupId>${secondGroup.id}</groupId>`,
    check: (result) => {
      const members = itemsOf(result, 'DIDs', 'DID')
      expect(members.map((did) => did.tn)).toContain(plain[2])
      expect(members.every((did) => did.didGroupId === String(secondGroup.id))).toBe(true)
    },
    refused: () => '<groupId>1</groupId>',
    code: '109440',
  },
  {
    operation: 'RemoveDIDGroup',
    ok: () => `<tn>${plain[2]}</tn>`,
    check: (result) => expect(itemsOf(result, 'DIDs', 'DID')[0]?.didGroupId).toBeUndefined(),
    refused: () => '<tn>5550000000</tn>',
    code: '109420',
  },
  {
    operation: 'SetFaxToEmail',
    ok: () => `<tn>${plain[3]}</tn><email>faxes@example.com</email>`,
    check: (result) => expect(result.Email).toBe('faxes@example.com'),
    refused: () => `<tn>${plain[3]}</tn><email>not-an-address</email>`,
    code: '400',
  },
  {
    operation: 'GetFaxToEmail',
    ok: () => `<tn>${plain[3]}</tn>`,
    check: (result) => expect(result.Email).toBe('faxes@example.com'),
    refused: () => '<tn>5550000000</tn>',
    code: '420',
  },
  {
    operation: 'RemoveFaxToEmail',
    ok: () => `<tn>${plain[3]}</tn>`,
    check: (result) => expect(result.Email).toBeUndefined(),
    refused: () => '<tn>5550000000</tn>',
    code: '420',
  },
  {
    operation: 'SetConferenceLine',
    ok: () => `<tn>${plain[4]}</tn><pin>246810</pin>`,
    // The mutation says the line is on without echoing the PIN.
    check: (result) => expect(result.ConferenceLine).toEqual({ Enabled: 'true' }),
    refused: () => `<tn>${plain[4]}</tn><pin>12</pin>`,
    code: '110400',
  },
  {
    operation: 'GetConferenceLine',
    ok: () => `<tn>${plain[4]}</tn>`,
    check: (result) => expect(result.ConferenceLine).toEqual({ Enabled: 'true', PIN: '246810' }),
    refused: () => `<tn>${available}</tn>`,
    code: '110221',
  },
  {
    operation: 'RemoveConferenceLine',
    ok: () => `<tn>${plain[4]}</tn>`,
    check: (result) => expect(result.ConferenceLine).toEqual({ Enabled: 'false' }),
    refused: () => '<tn>5550000000</tn>',
    code: '110420',
  },
  {
    operation: 'GetCountries',
    ok: () => '',
    check: (result) => {
      const countries = itemsOf(result, 'Countries', 'Country')
      expect(countries.map((country) => country.abbrev)).toEqual(['GB', 'DE', 'MX', 'AU', 'BR', 'JP'])
      expect(itemsOf(countries[0] as Node, 'cities', 'City')).toEqual([
        { name: 'London', id: '2101' },
        { name: 'Manchester', id: '2102' },
      ])
    },
    refused: () => ({ credentials: [raw.login, 'wrong'] }),
    code: '401',
  },
  {
    operation: 'AuditIntlDIDs',
    ok: () => '',
    check: (result) =>
      expect(itemsOf(result, 'DIDs', 'IntlDID').map((did) => did.city)).toEqual(['London', 'Berlin', 'Mexico City']),
    refused: () => ({ credentials: [raw.login, 'wrong'] }),
    code: '401',
  },
  {
    operation: 'AssignIntlDID',
    ok: () => `<cityID>2102</cityID><epgID>${primaryGroup}</epgID>`,
    check: (result) => {
      const [did] = result.DID as Node[]
      expect(did).toMatchObject({ country: 'United Kingdom', city: 'Manchester', tier: '1', status: 'Active' })
      expect(String(did?.tn)).toMatch(/^44161496\d{4}$/)
      intlBought = String(did?.tn)
    },
    // Tokyo is listed with no numbers left.
    refused: () => `<cityID>2601</cityID><epgID>${primaryGroup}</epgID>`,
    code: '104440',
  },
  {
    operation: 'ReleaseIntlDID',
    ok: () => `<tn>${intlBought}</tn>`,
    check: (result) => expect(result.responseMessage).toBe('Success'),
    refused: () => `<tn>${intlBought}</tn>`,
    code: '106420',
  },
  {
    operation: 'Add911Alert',
    ok: () => `<tn>${with911}</tn><email>noc@example.com</email>`,
    check: (result) => expect(itemsOf(result, 'Alerts', 'string')).toEqual(['noc@example.com']),
    refused: () => `<tn>${plain[5]}</tn><email>noc@example.com</email>`,
    code: '941',
  },
  {
    operation: 'Query911Alert',
    ok: () => `<tn>${with911}</tn>`,
    check: (result) => expect(itemsOf(result, 'Alerts', 'string')).toEqual(['noc@example.com']),
    refused: () => `<tn>${plain[5]}</tn>`,
    code: '941',
  },
  {
    operation: 'Remove911Alert',
    ok: () => `<tn>${with911}</tn><email>NOC@example.com</email>`,
    check: (result) => expect(result.Alerts).toBe(''),
    refused: () => `<tn>${with911}</tn><email>someone@example.com</email>`,
    code: '943',
  },
  {
    operation: 'GetPrepaidBalance',
    ok: () => '',
    check: (result) => expect(String(result.Amount)).toMatch(/^5\d\d\.\d\d$/),
    refused: () => ({ credentials: [raw.login, 'wrong'] }),
    code: '401',
  },
]

describe('VoIP Innovations simulator: answers of the WSDL-only operations validate against its schema', () => {
  it('the cases cover every operation the captured samples do not', () => {
    const sampled = ['auditDIDs', 'queryDID', 'getDIDs', 'getDIDCount', 'reserveDID', 'assignDID', 'configDID', 'releaseDID', 'isPortable',
      'getPortDetails', 'UpdateCNAMDisplay', 'GetCNAMDisplay', 'RemoveCNAM', 'validate911', 'Query911Alert', 'getLocations', 'addLocation',
      'provisionLocation', 'insert911', 'update911', 'query911', 'getProvisioningHistory', 'audit911', 'removeLocation', 'remove911']
    const unsampled = [...voipInnovationsOperations].filter((operation) => !sampled.includes(operation))
    expect(unsampled).toHaveLength(23)
    expect(cases.map((entry) => entry.operation).filter((operation) => operation !== 'Query911Alert').sort()).toEqual(unsampled.sort())
  })

  for (const entry of cases) {
    it(`${entry.operation}: a success and a refusal (${entry.code}), both valid by the WSDL`, async () => {
      const success = await raw.post(entry.operation, entry.ok())
      const result = resultOf(success, entry.operation)
      expect(result.responseCode).toBe('100')
      expect(codeOf(result)).toBe('100')
      entry.check(result)
      expectValid(success, `${entry.operation}-ok`)

      const refusal = entry.refused()
      const refused =
        typeof refusal === 'string' ? await raw.post(entry.operation, refusal) : await raw.post(entry.operation, '', refusal.credentials)
      expect(codeOf(resultOf(refused, entry.operation))).toBe(entry.code)
      expectValid(refused, `${entry.operation}-refused`)
    })
  }

  it('wrong credentials answer 401 in each new response type, valid by the WSDL', async () => {
    for (const operation of ['GetFaxToEmail', 'AssignIntlDID', 'GetPrepaidBalance', 'GetDIDForward', 'Add911Alert']) {
      const answer = await raw.post(operation, '', [raw.login, 'wrong'])
      expect(resultOf(answer, operation).responseCode).toBe('401')
      expectValid(answer, `${operation}-credentials`)
    }
  })

  it('queryDID and auditDIDs show forward, failover and didGroupId where set, in the schema\'s order', async () => {
    const tn = plain[6] as string
    await raw.post('SetDIDForward', `<tn>${tn}</tn><forward>3055550150</forward>`)
    await raw.post('UpdateDIDFailover', `<tn>${tn}</tn><failover>3055550151</failover>`)
    await raw.post('SetDIDGroup', `<tn>${tn}</tn><groupId>${firstGroup.id}</groupId>`)
    await raw.post('SetConferenceLine', `<tn>${tn}</tn><pin>1357</pin>`)
    const query = await raw.post('queryDID', `<did>${tn}</did>`)
    const result = resultOf(query, 'queryDID')
    expect(itemsOf(result, 'DIDs', 'DID')[0]).toMatchObject({ forward: '3055550150', failover: '3055550151', didGroupId: String(firstGroup.id) })
    // queryDID tells a conference line without its PIN.
    expect(result.ConferenceLine).toEqual({ Enabled: 'true' })
    expectValid(query, 'queryDID-features')
    const audit = await raw.post('auditDIDs', '')
    expect(itemsOf(resultOf(audit, 'auditDIDs'), 'DIDs', 'DID').find((did) => did.tn === tn)).toMatchObject({ forward: '3055550150' })
    expectValid(audit, 'auditDIDs-features')
    expect(JSON.stringify(sandbox.ledger.entries({ operation: 'SetConferenceLine' }))).not.toContain('1357')
  })
})

/** One request per operation, built by node-soap from the WSDL, answered by the simulator. */
const soapCases: { operation: string; args: () => Node; check: (result: Node) => void }[] = [
  { operation: 'SetDIDForward', args: () => ({ tn: plain[7], forward: '3055550160' }), check: (result) => expect(didOf(result).forward).toBe('3055550160') },
  { operation: 'GetDIDForward', args: () => ({ tn: plain[7] }), check: (result) => expect(didOf(result).forward).toBe('3055550160') },
  { operation: 'RemoveDIDForward', args: () => ({ tn: plain[7], epgId: '' }), check: (result) => expect(didOf(result).forward).toBeUndefined() },
  { operation: 'UpdateDIDFailover', args: () => ({ tn: plain[7], failover: '3055550161' }), check: (result) => expect(didOf(result).failover).toBe('3055550161') },
  { operation: 'GetDIDFailover', args: () => ({ tn: plain[7] }), check: (result) => expect(didOf(result).failover).toBe('3055550161') },
  { operation: 'GetDIDGroups', args: () => ({}), check: (result) => expect(groupsOf(result)).toHaveLength(4) },
  { operation: 'SetDIDGroup', args: () => ({ tn: plain[8], groupId: firstGroup.id }), check: (result) => expect(didOf(result).didGroupId).toBe(String(firstGroup.id)) },
  { operation: 'GetDIDGroup', args: () => ({ tn: plain[8] }), check: (result) => expect(groupsOf(result)[0]?.Name).toBe(firstGroup.name) },
  {
    operation: 'AuditDIDGroup',
    args: () => ({ groupId: firstGroup.id }),
    check: (result) => expect(listOf((result.DIDs as Node).DID).map((did) => did.tn)).toContain(plain[8]),
  },
  { operation: 'RemoveDIDGroup', args: () => ({ tn: plain[8] }), check: (result) => expect(didOf(result).didGroupId).toBeUndefined() },
  { operation: 'SetFaxToEmail', args: () => ({ tn: plain[9], email: 'inbound-fax@example.com' }), check: (result) => expect(result.Email).toBe('inbound-fax@example.com') },
  { operation: 'GetFaxToEmail', args: () => ({ tn: plain[9] }), check: (result) => expect(result.Email).toBe('inbound-fax@example.com') },
  { operation: 'RemoveFaxToEmail', args: () => ({ tn: plain[9] }), check: (result) => expect(result.responseCode).toBe(100) },
  { operation: 'SetConferenceLine', args: () => ({ tn: plain[10], pin: '8642' }), check: (result) => expect((result.ConferenceLine as Node).Enabled).toBe(true) },
  { operation: 'GetConferenceLine', args: () => ({ tn: plain[10] }), check: (result) => expect(result.ConferenceLine).toEqual({ Enabled: true, PIN: '8642' }) },
  { operation: 'RemoveConferenceLine', args: () => ({ tn: plain[10] }), check: (result) => expect((result.ConferenceLine as Node).Enabled).toBe(false) },
  { operation: 'GetCountries', args: () => ({}), check: (result) => expect(listOf((result.Countries as Node).Country)).toHaveLength(6) },
  { operation: 'AuditIntlDIDs', args: () => ({}), check: (result) => expect(listOf((result.DIDs as Node).IntlDID).length).toBeGreaterThanOrEqual(3) },
  {
    operation: 'AssignIntlDID',
    args: () => ({ cityID: 2401, epgID: primaryGroup }),
    check: (result) => {
      expect((result.DID as Node).city).toBe('Sydney')
      intlBought = String((result.DID as Node).tn)
    },
  },
  { operation: 'ReleaseIntlDID', args: () => ({ tn: intlBought }), check: (result) => expect(result.responseCode).toBe(100) },
  { operation: 'Add911Alert', args: () => ({ tn: with911, email: 'security@example.com' }), check: (result) => expect(listOf((result.Alerts as Node).string)).toEqual(['security@example.com']) },
  { operation: 'Query911Alert', args: () => ({ tn: with911 }), check: (result) => expect(listOf((result.Alerts as Node).string)).toEqual(['security@example.com']) },
  { operation: 'Remove911Alert', args: () => ({ tn: with911, email: 'security@example.com' }), check: (result) => expect(result.responseCode).toBe(100) },
  { operation: 'GetPrepaidBalance', args: () => ({}), check: (result) => expect(Number(result.Amount)).toBeGreaterThan(0) },
]

function listOf(value: unknown): Node[] {
  return value === undefined ? [] : Array.isArray(value) ? (value as Node[]) : [value as Node]
}

function didOf(result: Node): Node {
  const [did] = listOf((result.DIDs as Node).DID)
  expect(did?.statusCode).toBe('100')
  return did as Node
}

function groupsOf(result: Node): Node[] {
  return listOf((result.DIDGroups as Node | undefined)?.DIDGroup)
}

describe('VoIP Innovations simulator: driven by node-soap from the served WSDL, one request per operation', () => {
  for (const entry of soapCases) {
    it(`${entry.operation} through node-soap`, async () => {
      const answer = await soap.call(entry.operation, { login: raw.login, secret: raw.secret, ...entry.args() })
      const result = answer[`${entry.operation}Result`] as Node
      expect(result.responseCode).toBe(100)
      entry.check(result)
      expectValid(soap.lastResponse(), `${entry.operation}-node-soap`)
    })
  }
})
