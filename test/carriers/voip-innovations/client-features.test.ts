/**
 * VoipInnovationsClient's per-number features against the simulator: forwarding and failover, DID
 * groups, fax to e-mail and the conference line. Each: what a technician sets is what VI then shows
 * (read back through the client and queryDID), and VI's refusals arrive as CarrierErrors with VI's code
 * and words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { didGroupsFor, endpointGroupsFor } from '../../../src/main/sandbox/voip-innovations/state'
import { carrierError, signal, startViClient, type ViClientHarness } from './harness'

const seed = 31
const [, backupGroup] = endpointGroupsFor(seed).map((group) => group.id) as [number, number]
const groups = didGroupsFor(seed)

let h: ViClientHarness

beforeAll(async () => {
  h = await startViClient({ seed, numbers: 300 })
})

afterAll(async () => {
  await h.stop()
})

describe('forwarding and failover', () => {
  it('forwards a number, shows it on GetDIDForward and queryDID, and stops forwarding onto another endpoint group', async () => {
    const tn = h.freshNumber()
    expect(await h.client.getDidForward({ tn, signal })).toEqual({ tn, forward: undefined })
    const set = await h.client.setDidForward({ tn: `+1${tn}`, forward: '+1 (305) 555-0123', signal })
    expect(set).toEqual({ tn, forward: '3055550123', checkedAfterFailure: false })
    expect(await h.client.getDidForward({ tn, signal })).toEqual({ tn, forward: '3055550123' })
    expect((await h.client.queryDID({ did: tn, signal })).forward).toBe('3055550123')

    const removed = await h.client.removeDidForward({ tn, endpointGroup: backupGroup, signal })
    expect(removed).toEqual({ tn, forward: undefined, checkedAfterFailure: false })
    const after = await h.client.queryDID({ did: tn, signal })
    expect(after.forward).toBeUndefined()
    expect(after.endpointId).toBe(backupGroup)
  })

  it('refuses forwarding to a non-number (107400) and on a number not on the account (107420), with VI\'s words', async () => {
    const tn = h.freshNumber()
    const bad = await carrierError(h.client.setDidForward({ tn, forward: '12', signal }))
    expect(bad.info).toMatchObject({ operation: 'SetDIDForward', carrierCode: '107400' })
    expect(bad.info.ambiguous).toBeFalsy()
    expect(bad.info.message).toContain('ten-digit')
    expect((await carrierError(h.client.getDidForward({ tn: '5550000000', signal }))).info.carrierCode).toBe('107420')
    expect((await carrierError(h.client.removeDidForward({ tn, endpointGroup: 1, signal }))).info.carrierCode).toBe('107258')
  })

  it('sets, reads and clears a failover number; a bad one is refused (108400)', async () => {
    const tn = h.freshNumber()
    expect(await h.client.updateDidFailover({ tn, failover: '3055550124', signal })).toEqual({ tn, failover: '3055550124', checkedAfterFailure: false })
    expect(await h.client.getDidFailover({ tn, signal })).toEqual({ tn, failover: '3055550124' })
    await h.client.updateDidFailover({ tn, failover: undefined, signal })
    expect(await h.client.getDidFailover({ tn, signal })).toEqual({ tn, failover: undefined })
    expect((await carrierError(h.client.updateDidFailover({ tn, failover: tn, signal }))).info.carrierCode).toBe('108400')
  })
})

describe('DID groups', () => {
  it('lists the groups, moves numbers in and out, and audits a group\'s members', async () => {
    expect(await h.client.getDidGroups({ signal })).toEqual(groups)
    const [first, second] = [h.freshNumber(), h.freshNumber()]
    const target = groups[3]!
    expect(await h.client.getDidGroup({ tn: first, signal })).toEqual({ tn: first, group: undefined })
    expect(await h.client.setDidGroup({ tn: first, groupId: target.id, signal })).toEqual({ tn: first, group: target, checkedAfterFailure: false })
    await h.client.setDidGroup({ tn: second, groupId: target.id, signal })
    expect(await h.client.getDidGroup({ tn: second, signal })).toEqual({ tn: second, group: target })
    const members = await h.client.auditDidGroup({ groupId: target.id, signal })
    expect(members).toEqual(expect.arrayContaining([first, second]))
    // Every member of the audit says it is in the group when asked one by one.
    for (const tn of members.slice(0, 5)) expect((await h.client.getDidGroup({ tn, signal })).group?.id).toBe(target.id)

    // A number is in one group at a time: moving it takes it out of the other.
    await h.client.setDidGroup({ tn: first, groupId: groups[0]!.id, signal })
    expect(await h.client.auditDidGroup({ groupId: target.id, signal })).not.toContain(first)
    expect(await h.client.removeDidGroup({ tn: second, signal })).toEqual({ tn: second, group: undefined, checkedAfterFailure: false })
    expect((await h.client.queryDID({ did: second, signal })).didGroupId).toBeUndefined()
  })

  it('an unknown group is refused (109440) for a move and for an audit', async () => {
    const tn = h.freshNumber()
    const move = await carrierError(h.client.setDidGroup({ tn, groupId: 1, signal }))
    expect(move.info).toMatchObject({ carrierCode: '109440', message: 'Could not find DID group' })
    expect((await carrierError(h.client.auditDidGroup({ groupId: 1, signal }))).info.carrierCode).toBe('109440')
    expect((await h.client.getDidGroup({ tn, signal })).group).toBeUndefined()
  })
})

describe('fax to e-mail', () => {
  it('sends faxes to an address, replaces it, and stops', async () => {
    const tn = h.freshNumber()
    expect(await h.client.setFaxToEmail({ tn, email: ' faxes@example.com ', signal })).toEqual({ tn, email: 'faxes@example.com', checkedAfterFailure: false })
    expect(await h.client.getFaxToEmail({ tn, signal })).toEqual({ tn, email: 'faxes@example.com' })
    await h.client.setFaxToEmail({ tn, email: 'frontdesk@example.com', signal })
    expect((await h.client.getFaxToEmail({ tn, signal })).email).toBe('frontdesk@example.com')
    expect(await h.client.removeFaxToEmail({ tn, signal })).toEqual({ tn, email: undefined, checkedAfterFailure: false })
    expect((await h.client.getFaxToEmail({ tn, signal })).email).toBeUndefined()
  })

  it('refuses an address that is not one (400) and a number not on the account (420)', async () => {
    const tn = h.freshNumber()
    const refused = await carrierError(h.client.setFaxToEmail({ tn, email: 'front desk', signal }))
    expect(refused.info).toMatchObject({ carrierCode: '400', message: 'Email must be a valid e-mail address' })
    expect((await carrierError(h.client.getFaxToEmail({ tn: '5550000000', signal }))).info.carrierCode).toBe('420')
  })
})

describe('conference line', () => {
  it('turns a number into a conference line, reads its PIN, and turns it off; the PIN is not echoed', async () => {
    const tn = h.freshNumber()
    await h.client.removeConferenceLine({ tn, signal })
    expect(await h.client.getConferenceLine({ tn, signal })).toEqual({ tn, enabled: false })
    const pin = '482913'
    const set = await h.client.setConferenceLine({ tn, pin, signal })
    expect(set).toEqual({ tn, enabled: true, checkedAfterFailure: false })
    expect(await h.client.getConferenceLine({ tn, signal })).toEqual({ tn, enabled: true, pin })
    expect(JSON.stringify(h.sandbox.ledger.entries({ operation: 'SetConferenceLine' }))).not.toContain(pin)
    expect(await h.client.removeConferenceLine({ tn, signal })).toEqual({ tn, enabled: false, checkedAfterFailure: false })
    expect((await h.client.getConferenceLine({ tn, signal })).enabled).toBe(false)
  })

  it('refuses a PIN that is not 4 to 8 digits (110400) and a number not on the account (110420)', async () => {
    const tn = h.freshNumber()
    const refused = await carrierError(h.client.setConferenceLine({ tn, pin: '12', signal }))
    expect(refused.info).toMatchObject({ carrierCode: '110400', message: 'PIN must be 4 to 8 digits' })
    expect((await carrierError(h.client.getConferenceLine({ tn: '5550000000', signal }))).info.carrierCode).toBe('110420')
  })
})
