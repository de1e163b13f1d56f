/**
 * WSDL coverage: every wsdl:operation of APIService.wsdl has a VoipInnovationsClient method, and that
 * method sends the operation (its SOAPAction, seen by a recording proxy in front of the simulator).
 * A WSDL operation the client lacks, or a method that sends another operation, fails this test.
 */
import { readFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CarrierError } from '../../../src/main/lib/carrier-error'
import type { VoipInnovationsClient } from '../../../src/main/carriers/voip-innovations/client'
import { didGroupsFor, endpointGroupsFor, portIdsFor } from '../../../src/main/sandbox/voip-innovations/state'
import { signal, startViClient, type ViClientHarness } from './harness'

const seed = 43
const [primaryGroup] = endpointGroupsFor(seed).map((group) => group.id) as [number]
const group = didGroupsFor(seed)[0] as { id: number }
const address = { address1: '150 N 200 E', city: 'Saint George', state: 'UT', zip: '84770', callerName: 'Mango Voice' }

const wsdl = readFileSync(join(__dirname, '../../../src/main/sandbox/voip-innovations/APIService.wsdl'), 'utf8')
const portType = wsdl.slice(wsdl.indexOf('<wsdl:portType'), wsdl.indexOf('</wsdl:portType>'))
const wsdlOperations = [...portType.matchAll(/<wsdl:operation name="([^"]+)"/g)].map((match) => match[1] as string)

let h: ViClientHarness
let proxy: Server
let client: VoipInnovationsClient
/** SOAPActions the proxy saw, in order. */
const seen: string[] = []
let tn = ''
let intlTn = ''

/** One call per WSDL operation, through the client method that implements it. */
const calls: Record<string, () => Promise<unknown>> = {
  auditDIDs: () => client.auditDIDs({ signal }),
  queryDID: () => client.queryDID({ did: tn, signal }),
  assignDID: () => client.assignDID({ dids: [{ tn: '5550000000', epg: primaryGroup }], signal }),
  getDIDs: () => client.getDIDs({ criteria: { state: 'FL' }, signal }),
  configDID: () => client.configDID({ dids: [{ tn, epg: primaryGroup }], signal }),
  releaseDID: () => client.releaseDID({ tns: ['5550000000'], signal }),
  reserveDID: () => client.reserveDID({ dids: [{ tn: '5550000000' }], signal }),
  isPortable: () => client.isPortable({ tn: '2125559001', signal }),
  getDIDCount: () => client.getDIDCount({ criteria: { state: 'FL' }, signal }),
  getPortDetails: () => client.getPortDetails({ portId: portIdsFor(seed)[0] as number, signal }),
  GetCNAMDisplay: () => client.getCnamDisplay({ tn, signal }),
  UpdateCNAMDisplay: () => client.updateCnamDisplay({ tn, name: 'SANDBOX', signal }),
  RemoveCNAM: () => client.removeCnam({ tn, signal }),
  insert911: () => client.insert911({ did: tn, address, signal }),
  update911: () => client.update911({ did: tn, address, signal }),
  query911: () => client.query911({ did: tn, signal }),
  audit911: () => client.audit911({ signal }),
  validate911: () => client.validate911({ address, signal }),
  addLocation: () => client.addLocation({ did: tn, address, signal }),
  getLocations: () => client.getLocations({ did: tn, signal }),
  provisionLocation: () => client.provisionLocation({ did: tn, locationId: '1', signal }),
  removeLocation: () => client.removeLocation({ did: tn, locationId: '1', signal }),
  getProvisioningHistory: () => client.getProvisioningHistory({ did: tn, signal }),
  Query911Alert: () => client.query911Alert({ tn, signal }),
  Add911Alert: () => client.add911Alert({ tn, email: 'noc@example.com', signal }),
  Remove911Alert: () => client.remove911Alert({ tn, email: 'noc@example.com', signal }),
  remove911: () => client.remove911({ did: tn, signal }),
  GetDIDForward: () => client.getDidForward({ tn, signal }),
  SetDIDForward: () => client.setDidForward({ tn, forward: '3055550123', signal }),
  RemoveDIDForward: () => client.removeDidForward({ tn, signal }),
  GetDIDFailover: () => client.getDidFailover({ tn, signal }),
  UpdateDIDFailover: () => client.updateDidFailover({ tn, failover: '3055550124', signal }),
  GetDIDGroups: () => client.getDidGroups({ signal }),
  GetDIDGroup: () => client.getDidGroup({ tn, signal }),
  AuditDIDGroup: () => client.auditDidGroup({ groupId: group.id, signal }),
  SetDIDGroup: () => client.setDidGroup({ tn, groupId: group.id, signal }),
  RemoveDIDGroup: () => client.removeDidGroup({ tn, signal }),
  GetFaxToEmail: () => client.getFaxToEmail({ tn, signal }),
  SetFaxToEmail: () => client.setFaxToEmail({ tn, email: 'faxes@example.com', signal }),
  RemoveFaxToEmail: () => client.removeFaxToEmail({ tn, signal }),
  GetConferenceLine: () => client.getConferenceLine({ tn, signal }),
  SetConferenceLine: () => client.setConferenceLine({ tn, pin: '2468', signal }),
  RemoveConferenceLine: () => client.removeConferenceLine({ tn, signal }),
  GetCountries: () => client.getCountries({ signal }),
  AuditIntlDIDs: () => client.auditIntlDids({ signal }),
  AssignIntlDID: async () => {
    intlTn = (await client.assignIntlDid({ cityId: 2101, endpointGroup: primaryGroup, signal })).tn
  },
  ReleaseIntlDID: () => client.releaseIntlDid({ tn: intlTn, signal }),
  GetPrepaidBalance: () => client.getPrepaidBalance({ signal }),
}

beforeAll(async () => {
  h = await startViClient({ seed, numbers: 40 })
  tn = h.freshNumber()
  const target = new URL(h.vi.baseUrl)
  // Forwards every request to the simulator unchanged, noting its SOAPAction.
  proxy = createServer((incoming, outgoing) => {
    seen.push(String(incoming.headers.soapaction ?? ''))
    const forwarded = request(
      { host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(outgoing)
      },
    )
    forwarded.on('error', () => outgoing.destroy())
    incoming.pipe(forwarded)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const { port } = proxy.address() as AddressInfo
  client = h.makeClient({ baseUrl: `http://127.0.0.1:${port}${target.pathname}` })
})

afterAll(async () => {
  await new Promise<void>((resolve) => proxy.close(() => resolve()))
  await h.stop()
})

describe('VoipInnovationsClient covers the WSDL', () => {
  it('has a method for each of the 48 wsdl:operations', () => {
    expect(new Set(wsdlOperations).size).toBe(48)
    expect(Object.keys(calls).sort()).toEqual([...wsdlOperations].sort())
  })

  for (const operation of wsdlOperations) {
    it(`${operation}: its method sends SOAPAction "http://tempuri.org/${operation}"`, async () => {
      const call = calls[operation]
      expect(call, `no client method is listed for ${operation}`).toBeTypeOf('function')
      const from = seen.length
      try {
        await (call as () => Promise<unknown>)()
      } catch (error) {
        // A refusal by VI still proves the request was sent; anything else (no such method) is a failure.
        if (!(error instanceof CarrierError)) throw error
      }
      expect(seen.slice(from)).toContain(`"http://tempuri.org/${operation}"`)
    })
  }
})
