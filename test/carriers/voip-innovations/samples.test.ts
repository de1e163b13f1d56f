/**
 * Unit tests on the carrier's own artefacts: every captured answer (carrier-docs/voip-innovations/
 * sample-responses/, kept as the project's fixtures in test/fixtures/voip-innovations/sample-responses/ with
 * our own names for people and businesses) parses through the client's SOAP reader and zod schemas, with the
 * values a technician would look at checked; and request envelopes escape every value.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { expectAnswer } from '../../../src/main/carriers/kit/answer'
import { status911Ok } from '../../../src/main/carriers/voip-innovations/client'
import { portStatusOf, statusOfDid, toAvailableNumber, toPhoneNumberRecord, toPortOrder } from '../../../src/main/carriers/voip-innovations/mapping'
import {
  CnamResponseSchema,
  DidResponseSchema,
  PortResponseSchema,
  Response911Schema,
} from '../../../src/main/carriers/voip-innovations/schemas'
import { parseSoapText, readLeafElement, resultOf, soapEnvelope, soapParser } from '../../../src/main/carriers/voip-innovations/soap'

const samplesDir = join(__dirname, '../../fixtures/voip-innovations/sample-responses')

function parse<S extends z.ZodType>(file: string, operation: string, schema: S): z.output<S> {
  const found = resultOf(parseSoapText(readFileSync(join(samplesDir, file), 'utf8')), operation)
  if (!found || 'fault' in found) throw new Error(`${file} is not a ${operation}Response`)
  return expectAnswer(schema, found.result, { carrier: 'voip-innovations', operation })
}

const context = { accountId: 'acct-1', asOf: 1_700_000_000_000 }

/** One check per captured file; the test below fails when a file is added without one. */
const checks: Record<string, () => void> = {
  'did/assign_did.xml': () => {
    const answer = parse('did/assign_did.xml', 'assignDID', DidResponseSchema)
    expect(answer.responseCode).toBe(100)
    expect(answer.DIDs).toHaveLength(1)
    expect(answer.DIDs[0]).toMatchObject({ tn: '4352154006', statusCode: 100, tier: '2', endpointId: 0, has911: false })
    expect(answer.DIDs[0]?.status).toBe("Assigned to endpoint '8674' rewritten as '4352154006' Tier 2")
  },
  'did/audit_dids.xml': () => {
    const answer = parse('did/audit_dids.xml', 'auditDIDs', DidResponseSchema)
    // The "no records" dummy: no number, statusCode 101200, tier -99999.
    expect(answer.DIDs).toEqual([expect.objectContaining({ tn: '', statusCode: 101200, tier: '-99999', availability: 'Unavailable' })])
    expect(toPhoneNumberRecord(answer.DIDs[0] as never, context)).toBeUndefined()
  },
  'did/config_did.xml': () => {
    const answer = parse('did/config_did.xml', 'configDID', DidResponseSchema)
    expect(answer.DIDs[0]).toMatchObject({ tn: '4352154006', statusCode: 100 })
    expect(answer.DIDs[0]?.status).toContain("Reconfigured to endpoint '8675'")
  },
  'did/get_did_count.xml': () => {
    const answer = parse('did/get_did_count.xml', 'getDIDCount', DidResponseSchema)
    expect(answer.DIDCounts).toHaveLength(37)
    expect(answer.DIDCounts[0]).toEqual(
      expect.objectContaining({ didCount: 4, rateCenter: 'BEAVER', state: 'UT', tier: '1', lataId: 660, cnam: true, t38: true }),
    )
    const brighamPremium = answer.DIDCounts.find((count) => count.rateCenter === 'BRIGHAM CY' && count.tier === '777')
    expect(brighamPremium).toMatchObject({ didCount: 1, cnam: false, t38: false })
    // 37 rate-center/tier rows, 487 numbers in all (counted from the file by hand).
    expect(answer.DIDCounts.reduce((sum, count) => sum + count.didCount, 0)).toBe(487)
    expect(answer.DIDCounts.at(-1)).toMatchObject({ rateCenter: 'WASATCH', lataId: 654, didCount: 13 })
    expect(answer.DIDs).toEqual([])
  },
  'did/get_dids.xml': () => {
    const answer = parse('did/get_dids.xml', 'getDIDs', DidResponseSchema)
    expect(answer.DIDLocators.map((locator) => locator.tn)).toEqual(['4352016526', '4352016527', '4352165994'])
    expect(answer.DIDLocators[2]).toMatchObject({ rateCenter: 'ST GEORGE', state: 'UT', tier: '2', lataId: 660, outboundCNAM: true, t38: true })
    const available = toAvailableNumber(answer.DIDLocators[0]!, { accountId: 'acct-1', fetchedAt: 5 })
    expect(available).toMatchObject({ e164: '+14352016526', type: 'local', state: 'UT', rateCenter: 'RICHFIELD', lata: '660', fetchedAt: 5 })
    expect(available?.offer).toEqual({ tier: '4', t38: true, outboundCnam: true, sms: undefined })
  },
  'did/query_did.xml': () => {
    const answer = parse('did/query_did.xml', 'queryDID', DidResponseSchema)
    const did = answer.DIDs[0]!
    expect(did).toMatchObject({ tn: '4353198001', availability: 'assigned', Network: 'Onvoy', endpointId: 13550, cnam: true, t38: true })
    expect(answer.ConferenceLine).toEqual({ Enabled: false })
    const record = toPhoneNumberRecord(did, context)
    expect(record).toMatchObject({ e164: '+14353198001', status: 'active', trunk: '13550', type: 'local', e911: undefined })
    expect(record?.raw).toBe(did)
  },
  'did/release_did.xml': () => {
    const answer = parse('did/release_did.xml', 'releaseDID', DidResponseSchema)
    // An overall Success with a failed line: 106231, the number was not ours (it is available).
    expect(answer.responseCode).toBe(100)
    expect(answer.DIDs[0]).toMatchObject({ tn: '4352154974', statusCode: 106231, status: 'Number currently available', tier: undefined })
  },
  'did/reserve_did.xml': () => {
    const answer = parse('did/reserve_did.xml', 'reserveDID', DidResponseSchema)
    expect(answer.DIDs[0]).toMatchObject({ tn: '4358797726', statusCode: 100, refId: 'bada55', tier: '1' })
    expect(answer.DIDGroups).toEqual([])
  },
  'port/get_port_details.xml': () => {
    const answer = parse('port/get_port_details.xml', 'getPortDetails', PortResponseSchema)
    expect(answer.PortDetails).toMatchObject({ id: 36623, status: 'PENDING SIGNATURE', endUser: 'Pat  Okafor', defaultEndpointGroup: 8674 })
    expect(answer.PortDetails?.focDate).toBeUndefined()
    expect(answer.PortDetails?.dids).toEqual([
      expect.objectContaining({ tn: '9999999999', endpointGroup: 8674, cnam: true, e911: true, lata: '999' }),
    ])
    expect(answer.IsPortable).toBe(false)
    const order = toPortOrder(answer.PortDetails!, context)
    expect(order).toMatchObject({ id: '36623', status: 'draft', focDate: undefined })
    expect(order.numbers).toEqual(['+19999999999'])
    expect(order.raw).toBe(answer.PortDetails)
  },
  'port/is_portable.xml': () => {
    const answer = parse('port/is_portable.xml', 'isPortable', PortResponseSchema)
    expect(answer.IsPortable).toBe(true)
    expect(answer.PortDetails).toMatchObject({ id: 0, defaultEndpointGroup: undefined, dids: [] })
  },
  'cnam/get_cnam_display.xml': () => {
    expect(parse('cnam/get_cnam_display.xml', 'GetCNAMDisplay', CnamResponseSchema)).toMatchObject({ responseCode: 100, DisplayName: 'SATAN' })
  },
  'cnam/remove_cnam.xml': () => {
    expect(parse('cnam/remove_cnam.xml', 'RemoveCNAM', CnamResponseSchema)).toMatchObject({ responseCode: 100, responseMessage: 'Success' })
  },
  'cnam/update_cnam_display.xml': () => {
    expect(parse('cnam/update_cnam_display.xml', 'UpdateCNAMDisplay', CnamResponseSchema)).toMatchObject({ responseCode: 100, responseMessage: 'Success' })
  },
  'x911/add_location.xml': () => {
    const answer = parse('x911/add_location.xml', 'addLocation', Response911Schema)
    expect(answer.VILocations[0]).toMatchObject({ locationId: '18628501', address2: 'STE 201', zipCode: '84770', plusFour: '2504', statusCode: 'GEOCODED' })
  },
  'x911/audit_911.xml': () => {
    const answer = parse('x911/audit_911.xml', 'audit911', Response911Schema)
    expect(answer.DID911s.map((record) => record.tn)).toEqual(['4356569075', '4356731900'])
    expect(answer.DID911s[1]).toMatchObject({ locationId: '17713773', zipCode: '84770-3421', statusCode: 'PROVISIONED' })
  },
  'x911/get_locations.xml': () => {
    const answer = parse('x911/get_locations.xml', 'getLocations', Response911Schema)
    // The "no location" placeholder: every field empty, statusCode 206200.
    expect(answer.VILocations).toEqual([expect.objectContaining({ locationId: undefined, statusCode: '206200' })])
    expect(answer.VILocations[0]?.statusDescription).toBe('A location could not be found for 4353198001')
  },
  'x911/get_provisioning_history.xml': () => {
    const answer = parse('x911/get_provisioning_history.xml', 'getProvisioningHistory', Response911Schema)
    expect(answer.VILocations[0]).toMatchObject({ locationId: '17696872', address1: '833 E TABERNACLE ST', statusCode: 'PROVISIONED' })
  },
  'x911/insert_911.xml': () => {
    const answer = parse('x911/insert_911.xml', 'insert911', Response911Schema)
    expect(answer.Statuses).toEqual([{ code: '100', description: 'Location status updated' }])
    expect(answer.Statuses.every(status911Ok)).toBe(true)
  },
  'x911/provision_location.xml': () => {
    const answer = parse('x911/provision_location.xml', 'provisionLocation', Response911Schema)
    expect(answer.Statuses.every(status911Ok)).toBe(true)
    expect(answer.DID911s).toEqual([])
  },
  'x911/query_911.xml': () => {
    const answer = parse('x911/query_911.xml', 'query911', Response911Schema)
    expect(answer.DID911s[0]).toMatchObject({ tn: '4356569075', city: 'SAINT GEORGE', state: 'UT', zipCode: '84770-3059' })
    expect(answer.VILocations[0]).toMatchObject({ locationId: '17696872', plusFour: '3059' })
  },
  'x911/query_911_alert.xml': () => {
    const answer = parse('x911/query_911_alert.xml', 'Query911Alert', Response911Schema)
    expect(answer).toMatchObject({ responseCode: 941, responseMessage: '911 is not enabled', Alerts: [] })
  },
  'x911/remove_911.xml': () => {
    const answer = parse('x911/remove_911.xml', 'remove911', Response911Schema)
    expect(answer.Statuses[0]?.description).toBe('1 record was successfully archived for DID 4353198001')
    expect(answer.Statuses.every(status911Ok)).toBe(true)
  },
  'x911/remove_location.xml': () => {
    const answer = parse('x911/remove_location.xml', 'removeLocation', Response911Schema)
    // 205100 is a success code of its own ("Location successfully removed").
    expect(answer.Statuses).toEqual([{ code: '205100', description: 'Location successfully removed' }])
    expect(answer.Statuses.every(status911Ok)).toBe(true)
  },
  'x911/update_911.xml': () => {
    const answer = parse('x911/update_911.xml', 'update911', Response911Schema)
    expect(answer.Statuses.every(status911Ok)).toBe(true)
  },
  'x911/validate_911.xml': () => {
    expect(parse('x911/validate_911.xml', 'validate911', Response911Schema)).toMatchObject({ responseCode: 100, Statuses: [], DID911s: [] })
  },
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [relative(samplesDir, join(dir, entry.name))],
  )
}

describe('VoIP Innovations captured sample responses', () => {
  it('has a check for every captured file', () => {
    expect(filesUnder(samplesDir).sort()).toEqual(Object.keys(checks).sort())
  })

  it.each(Object.keys(checks))('%s parses with the expected values', (file) => {
    checks[file]?.()
  })

  it('rejects an answer whose values break the schema, naming the field', () => {
    const text = readFileSync(join(samplesDir, 'did/query_did.xml'), 'utf8').replace('<tn>4353198001</tn>', '<tn>43531</tn>')
    const found = resultOf(parseSoapText(text), 'queryDID')
    expect(() => expectAnswer(DidResponseSchema, found && 'result' in found ? found.result : undefined, { carrier: 'voip-innovations', operation: 'queryDID' })).toThrow(
      /DIDs.*tn/,
    )
  })
})

describe('VoIP Innovations mapping', () => {
  it('maps VI port statuses onto the unified lifecycle', () => {
    expect(['PENDING SIGNATURE', 'SUBMITTED', 'FOC RECEIVED', 'REJECTED', 'COMPLETE', 'CANCELLED', 'Whatever'].map(portStatusOf)).toEqual([
      'draft',
      'submitted',
      'foc-set',
      'rejected',
      'completed',
      'cancelled',
      'unknown',
    ])
  })

  it('reads a DID standing from availability and statusCode', () => {
    const base = parse('did/query_did.xml', 'queryDID', DidResponseSchema).DIDs[0]!
    expect(statusOfDid({ ...base, availability: 'reserved' })).toBe('reserved')
    expect(statusOfDid({ ...base, availability: 'Unavailable', statusCode: 102420 })).toBe('released')
    expect(statusOfDid({ ...base, availability: 'Unavailable', statusCode: 102235 })).toBe('released')
  })
})

describe('VoIP Innovations request envelopes', () => {
  const credentials = { login: 'api-user', secret: 's3cr&t<' }

  it('escapes every value, and the values round-trip through the parser', () => {
    const hostile = `a<b>&"c"'d`
    const text = soapEnvelope('reserveDID', credentials, { didParams: { DIDParam: [{ tn: '3056000001', refId: hostile, epg: 0 }] } })
    expect(text).not.toContain(hostile)
    expect(text).toContain('<refId>a&lt;b&gt;&amp;&quot;c&quot;&apos;d</refId>')
    expect(text).toContain('<secret>s3cr&amp;t&lt;</secret>')
    const parsed = parseSoapText(text) as { Envelope: { Body: { reserveDID: Record<string, unknown> } } }
    const request = parsed.Envelope.Body.reserveDID
    expect(request.secret).toBe(credentials.secret)
    expect(request.didParams).toEqual({ DIDParam: { tn: '3056000001', refId: hostile, epg: '0' } })
  })

  it('puts login and secret first, in the tempuri namespace, and leaves out unset fields', () => {
    const text = soapEnvelope('getDIDs', credentials, { state: 'FL', lata: undefined, npa: '305' })
    expect(text).toMatch(/<soap:Body><getDIDs xmlns="http:\/\/tempuri.org\/"><login>api-user<\/login><secret>s3cr&amp;t&lt;<\/secret><state>FL<\/state><npa>305<\/npa><\/getDIDs>/)
    expect(text).not.toContain('<lata>')
  })
})

describe('the streamed-audit leaf reader', () => {
  it('reads every DID of the captures exactly as the full parser does', () => {
    for (const file of ['did/query_did.xml', 'did/assign_did.xml', 'did/audit_dids.xml', 'did/release_did.xml', 'did/reserve_did.xml']) {
      const text = readFileSync(join(samplesDir, file), 'utf8')
      const element = text.slice(text.indexOf('<DID>'), text.indexOf('</DID>') + '</DID>'.length)
      const full = (soapParser.parse(element) as { DID: unknown[] }).DID[0]
      expect(readLeafElement(element, 'DID'), file).toEqual(full)
    }
  })

  it('decodes entities, reads xsi:nil as empty, and declines what it cannot read faithfully', () => {
    expect(readLeafElement('<DID><refId>a&lt;b&gt;&amp;&quot;c&quot;&apos;&#65;&#x42;</refId><expireDate xsi:nil="true"/></DID>', 'DID')).toEqual({
      refId: `a<b>&"c"'AB`,
      expireDate: '',
    })
    expect(readLeafElement('<DID><tn>1</tn><x><y>2</y></x></DID>', 'DID')).toBeUndefined()
    expect(readLeafElement('<DID><tn><![CDATA[1]]></tn></DID>', 'DID')).toBeUndefined()
    expect(readLeafElement('<DID><tn>1</tn><tn>2</tn></DID>', 'DID')).toBeUndefined()
    expect(readLeafElement('<DID><tn>&nbsp;</tn></DID>', 'DID')).toBeUndefined()
    expect(readLeafElement('<DID><tn>a & b</tn></DID>', 'DID')).toBeUndefined()
    expect(readLeafElement('<DID><tn>1</status></DID>', 'DID')).toBeUndefined()
  })
})
