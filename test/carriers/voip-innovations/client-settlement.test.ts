/**
 * The client's single-number mutations when their answer is lost. Each is sent once; after an "after
 * commit" fault (VI did it, then the connection dropped or a 500 came back) the client reads the number
 * back and reports it done with `checkedAfterFailure`, and the simulator's ledger holds exactly one
 * mutation. A fault before VI did it is reported as not done (safe to try again); when the read fails
 * too, the outcome stays unknown (ambiguous) and nothing is sent again.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Settled } from '../../../src/main/carriers/voip-innovations/client'
import { didGroupsFor, endpointGroupsFor } from '../../../src/main/sandbox/voip-innovations/state'
import { carrierError, signal, startViClient, type ViClientHarness } from './harness'

const seed = 41
const [primaryGroup] = endpointGroupsFor(seed).map((group) => group.id) as [number]
const [, salesGroup] = didGroupsFor(seed) as [unknown, { id: number; name: string }]
const address = { address1: '150 N 200 E', city: 'Saint George', state: 'UT', zip: '84770', plusFour: '2504', callerName: 'Mango Voice' }

let h: ViClientHarness

beforeAll(async () => {
  h = await startViClient({ seed, numbers: 300 })
})

afterEach(() => {
  h.vi.faults.configure({})
})

afterAll(async () => {
  await h.stop()
})

interface MutationCase {
  /** The WSDL operation (the ledger's and the fault's name). */
  operation: string
  /** Puts the number where the mutation makes sense (e.g. forwarded before a removal). */
  prepare?: (tn: string) => Promise<unknown>
  run: (tn: string) => Promise<Settled & object>
  /** What the result and the carrier show afterwards. */
  verify: (tn: string, result: object) => Promise<void>
}

const cases: MutationCase[] = [
  {
    operation: 'SetDIDForward',
    run: (tn) => h.client.setDidForward({ tn, forward: '3055550140', signal }),
    verify: async (tn, result) => {
      expect(result).toMatchObject({ tn, forward: '3055550140' })
      expect((await h.client.getDidForward({ tn, signal })).forward).toBe('3055550140')
    },
  },
  {
    operation: 'RemoveDIDForward',
    prepare: (tn) => h.client.setDidForward({ tn, forward: '3055550141', signal }),
    run: (tn) => h.client.removeDidForward({ tn, signal }),
    verify: async (tn, result) => {
      expect(result).toMatchObject({ tn, forward: undefined })
      expect((await h.client.getDidForward({ tn, signal })).forward).toBeUndefined()
    },
  },
  {
    operation: 'UpdateDIDFailover',
    run: (tn) => h.client.updateDidFailover({ tn, failover: '3055550142', signal }),
    verify: async (tn) => expect((await h.client.getDidFailover({ tn, signal })).failover).toBe('3055550142'),
  },
  {
    operation: 'SetDIDGroup',
    run: (tn) => h.client.setDidGroup({ tn, groupId: salesGroup.id, signal }),
    verify: async (tn, result) => {
      expect(result).toMatchObject({ group: salesGroup })
      expect((await h.client.getDidGroup({ tn, signal })).group).toEqual(salesGroup)
    },
  },
  {
    operation: 'RemoveDIDGroup',
    prepare: (tn) => h.client.setDidGroup({ tn, groupId: salesGroup.id, signal }),
    run: (tn) => h.client.removeDidGroup({ tn, signal }),
    verify: async (tn) => expect((await h.client.getDidGroup({ tn, signal })).group).toBeUndefined(),
  },
  {
    operation: 'SetFaxToEmail',
    run: (tn) => h.client.setFaxToEmail({ tn, email: 'faxes@example.com', signal }),
    verify: async (tn) => expect((await h.client.getFaxToEmail({ tn, signal })).email).toBe('faxes@example.com'),
  },
  {
    operation: 'RemoveFaxToEmail',
    prepare: (tn) => h.client.setFaxToEmail({ tn, email: 'faxes@example.com', signal }),
    run: (tn) => h.client.removeFaxToEmail({ tn, signal }),
    verify: async (tn) => expect((await h.client.getFaxToEmail({ tn, signal })).email).toBeUndefined(),
  },
  {
    operation: 'SetConferenceLine',
    run: (tn) => h.client.setConferenceLine({ tn, pin: '97531', signal }),
    verify: async (tn, result) => {
      expect(JSON.stringify(result)).not.toContain('97531')
      expect(await h.client.getConferenceLine({ tn, signal })).toMatchObject({ enabled: true, pin: '97531' })
    },
  },
  {
    operation: 'RemoveConferenceLine',
    prepare: (tn) => h.client.setConferenceLine({ tn, pin: '97531', signal }),
    run: (tn) => h.client.removeConferenceLine({ tn, signal }),
    verify: async (tn) => expect((await h.client.getConferenceLine({ tn, signal })).enabled).toBe(false),
  },
  {
    operation: 'Add911Alert',
    prepare: (tn) => h.client.insert911({ did: tn, address, signal }),
    run: (tn) => h.client.add911Alert({ tn, email: 'noc@example.com', signal }),
    verify: async (tn, result) => {
      expect(result).toMatchObject({ recipients: ['noc@example.com'] })
      expect((await h.client.query911Alert({ tn, signal })).recipients).toEqual(['noc@example.com'])
    },
  },
  {
    operation: 'Remove911Alert',
    prepare: async (tn) => {
      await h.client.insert911({ did: tn, address, signal })
      await h.client.add911Alert({ tn, email: 'noc@example.com', signal })
    },
    run: (tn) => h.client.remove911Alert({ tn, email: 'noc@example.com', signal }),
    verify: async (tn) => expect((await h.client.query911Alert({ tn, signal })).recipients).toEqual([]),
  },
  {
    operation: 'update911',
    prepare: (tn) => h.client.insert911({ did: tn, address, signal }),
    run: (tn) => h.client.update911({ did: tn, address: { ...address, address1: '9 Oak Ave' }, signal }),
    verify: async (tn) => expect((await h.client.query911({ did: tn, signal })).records[0]?.address1).toBe('9 OAK AVE'),
  },
  {
    operation: 'remove911',
    prepare: (tn) => h.client.insert911({ did: tn, address, signal }),
    run: (tn) => h.client.remove911({ did: tn, signal }),
    verify: async (tn) => expect((await h.client.query911({ did: tn, signal })).records).toEqual([]),
  },
  {
    operation: 'addLocation',
    run: (tn) => h.client.addLocation({ did: tn, address, signal }),
    verify: async (tn, result) => {
      expect(result).toMatchObject({ address1: '150 N 200 E', statusCode: 'GEOCODED' })
      expect(await h.client.getLocations({ did: tn, signal })).toHaveLength(1)
    },
  },
  {
    operation: 'provisionLocation',
    run: async (tn) => {
      const location = await h.client.addLocation({ did: tn, address, signal })
      return h.client.provisionLocation({ did: tn, locationId: String(location.locationId), signal })
    },
    verify: async (tn) => expect((await h.client.getLocations({ did: tn, signal }))[0]?.statusCode).toBe('PROVISIONED'),
  },
  {
    operation: 'removeLocation',
    run: async (tn) => {
      const location = await h.client.addLocation({ did: tn, address, signal })
      return h.client.removeLocation({ did: tn, locationId: String(location.locationId), signal })
    },
    verify: async (tn) => expect(await h.client.getLocations({ did: tn, signal })).toEqual([]),
  },
]

describe('a lost answer after VI committed is settled by reading back: done once, reported done', () => {
  cases.forEach((entry, index) => {
    const fault = index % 2 === 0 ? 'reset-after-commit' : 'server-error-after-commit'
    it(`${entry.operation} (${fault})`, async () => {
      const tn = h.freshNumber()
      await entry.prepare?.(tn)
      const before = h.ledger(entry.operation)
      h.vi.faults.configure({ script: [{ fault, match: entry.operation }] })
      const result = await entry.run(tn)
      expect(result.checkedAfterFailure).toBe(true)
      expect(h.ledger(entry.operation)).toBe(before + 1)
      await entry.verify(tn, result)
    })
  })

  it('AssignIntlDID: the one number bought is reported bought, and only one was bought', async () => {
    const before = await h.client.auditIntlDids({ signal })
    const purchases = h.ledger('AssignIntlDID')
    h.vi.faults.configure({ script: [{ fault: 'reset-after-commit', match: 'AssignIntlDID' }] })
    const bought = await h.client.assignIntlDid({ cityId: 2202, endpointGroup: primaryGroup, signal })
    expect(bought).toMatchObject({ city: 'Frankfurt', checkedAfterFailure: true })
    expect(h.ledger('AssignIntlDID')).toBe(purchases + 1)
    expect(h.sandbox.ledger.entries({ operation: 'AssignIntlDID' }).at(-1)?.details).toMatchObject({ tn: bought.tn })
    expect((await h.client.auditIntlDids({ signal })).length).toBe(before.length + 1)
  })

  it('ReleaseIntlDID: released once, reported released', async () => {
    const bought = await h.client.assignIntlDid({ cityId: 2102, endpointGroup: primaryGroup, signal })
    const releases = h.ledger('ReleaseIntlDID')
    h.vi.faults.configure({ script: [{ fault: 'server-error-after-commit', match: 'ReleaseIntlDID' }] })
    expect(await h.client.releaseIntlDid({ tn: bought.tn, signal })).toEqual({ tn: bought.tn, checkedAfterFailure: true })
    expect(h.ledger('ReleaseIntlDID')).toBe(releases + 1)
    expect((await h.client.auditIntlDids({ signal })).map((did) => did.tn)).not.toContain(bought.tn)
  })
})

describe('a lost answer that VI did not act on, or cannot be read back', () => {
  it('a 500 before VI acted: reported not done (no longer ambiguous), nothing in the ledger, and trying again works', async () => {
    const tn = h.freshNumber()
    const before = h.ledger('SetDIDForward')
    h.vi.faults.configure({ script: [{ fault: 'server-error', match: 'SetDIDForward' }] })
    const error = await carrierError(h.client.setDidForward({ tn, forward: '3055550143', signal }))
    expect(error.info.ambiguous).toBe(false)
    expect(error.info.message).toMatch(/^Not done/)
    expect(h.ledger('SetDIDForward')).toBe(before)
    expect((await h.client.setDidForward({ tn, forward: '3055550143', signal })).checkedAfterFailure).toBe(false)
    expect(h.ledger('SetDIDForward')).toBe(before + 1)
  })

  it('a change whose read-back fails too stays ambiguous: done once at VI, sent once, outcome unknown', async () => {
    const tn = h.freshNumber()
    const moves = h.ledger('SetDIDGroup')
    const requests = h.vi.server.requestCount('/Services/APIService.asmx')
    h.vi.faults.configure({
      script: [
        { fault: 'reset-after-commit', match: 'SetDIDGroup' },
        { fault: 'server-error', match: 'GetDIDGroup', count: 4 },
      ],
    })
    const error = await carrierError(h.client.setDidGroup({ tn, groupId: salesGroup.id, signal }))
    expect(error.info).toMatchObject({ operation: 'SetDIDGroup', ambiguous: true })
    expect(h.ledger('SetDIDGroup')).toBe(moves + 1)
    // One SetDIDGroup, then the read-back's four attempts (a read is retried; the change never is).
    expect(h.vi.server.requestCount('/Services/APIService.asmx') - requests).toBe(5)
    expect((await h.client.getDidGroup({ tn, signal })).group).toEqual(salesGroup)
  })

  it('a refusal is not ambiguous and reads nothing back', async () => {
    const tn = h.freshNumber()
    const requests = h.vi.server.requestCount('/Services/APIService.asmx')
    const error = await carrierError(h.client.setDidGroup({ tn, groupId: 1, signal }))
    expect(error.info).toMatchObject({ carrierCode: '109440' })
    expect(error.info.ambiguous).toBeFalsy()
    expect(h.vi.server.requestCount('/Services/APIService.asmx') - requests).toBe(1)
  })
})
