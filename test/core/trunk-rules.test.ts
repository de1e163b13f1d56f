/**
 * Every trunk field rule refuses bad input before any request is sent: through the IPC dispatcher (as the
 * screen calls it) against the Sandbox's Vitcom and Call48, each wrong value comes back as a validation error
 * naming its field, and the simulators never see a create or an update. Also how traffic report values are
 * read: "57%", "0:03:12" or seconds, blanks and missing fields (unknown is null, never 0).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { durationSecondsOf, ratioOf, trafficCountsOf } from '../../src/main/carriers/kit/traffic'
import type { TrunkValues } from '../../src/shared/trunks'
import { openSandboxDesk, type SandboxDesk } from '../helpers/sandbox-desk'

describe('trunk field rules, before anything is sent', () => {
  let env: SandboxDesk
  const sent = (): number =>
    env.sandbox.carriers.vitcom!.server.requestCount('/defineTrunk') +
    env.sandbox.carriers.vitcom!.server.requestCount('/update_trunk') +
    env.sandbox.carriers.call48!.server.requestCount('/trunkgrp/create') +
    env.sandbox.carriers.call48!.server.requestCount('/trunkgrp/update')

  beforeAll(async () => {
    env = await openSandboxDesk({ numbers: 200 })
    await env.desk.sync.start({ areas: ['trunks'] }).done
  }, 60_000)
  afterAll(async () => {
    await env?.close()
  })

  const create = async (carrier: 'vitcom' | 'call48', direction: 'origination' | 'termination', values: TrunkValues) =>
    env.dispatcher.invoke('trunks.create', { accountId: env.account(carrier).id, direction, values, confirmed: true })

  const origination = { name: 'Rules', ip: '203.0.113.10', billing: 'metered' }
  const refusals: [string, 'vitcom' | 'call48', 'origination' | 'termination', TrunkValues, string, RegExp][] = [
    ['a missing title', 'vitcom', 'origination', { ip: '203.0.113.10', billing: 'metered' }, 'name', /Title: required/],
    ['an IPv4 address out of range', 'vitcom', 'origination', { ...origination, ip: '203.0.113.256' }, 'ip', /not an IPv4 address/],
    ['a host name for an IP', 'vitcom', 'origination', { ...origination, ip: 'pbx.example.com' }, 'ip', /not an IPv4 address/],
    ['a port after a Vitcom IP', 'vitcom', 'origination', { ...origination, secondaryIp: '203.0.113.11:5060' }, 'secondaryIp', /not an IPv4 address/],
    ['a 3-digit prefix', 'vitcom', 'origination', { ...origination, prefix: '123' }, 'prefix', /4 to 6 digits/],
    ['a 7-digit prefix', 'vitcom', 'origination', { ...origination, prefix: '1234567' }, 'prefix', /4 to 6 digits/],
    ['a 5-digit port', 'vitcom', 'origination', { ...origination, port: '50600' }, 'port', /4 digits/],
    ['a port with letters', 'vitcom', 'origination', { ...origination, secondaryPort: '50a0' }, 'secondaryPort', /4 digits/],
    ['unmetered without sessions', 'vitcom', 'origination', { ...origination, billing: 'unmetered' }, 'sessions', /required when Billing type is unmetered/],
    ['an unknown billing type', 'vitcom', 'origination', { ...origination, billing: 'flat' }, 'billing', /one of metered, unmetered/],
    ['a 10-digit call forwarding number', 'vitcom', 'origination', { ...origination, callForwarding: '3055550100' }, 'callForwarding', /11 digits/],
    ['a setting Vitcom has not', 'vitcom', 'origination', { ...origination, routeType: 'RR' }, 'routeType', /no such setting/],
    ['0 termination ports', 'vitcom', 'termination', { name: 'T', ip: '203.0.113.20', ports: '0' }, 'ports', /1 to 1000/],
    ['1001 termination ports', 'vitcom', 'termination', { name: 'T', ip: '203.0.113.20', ports: '1001' }, 'ports', /1 to 1000/],
    ['a CPS of 0', 'vitcom', 'termination', { name: 'T', ip: '203.0.113.20', ports: '10', cps: '0' }, 'cps', /whole number/],
    ['a termination trunk without ports', 'vitcom', 'termination', { name: 'T', ip: '203.0.113.20' }, 'ports', /required/],
    ['a Call48 IP with a bad port', 'call48', 'origination', { name: 'C', ip: '10.50.250.10:70000' }, 'ip', /no valid port/],
    ['a Call48 IP listed twice', 'call48', 'origination', { name: 'C', ip: '10.50.250.10', extraIps: '10.50.250.11, 10.50.250.11' }, 'extraIps', /listed twice/],
    ['a Call48 route type', 'call48', 'origination', { name: 'C', ip: '10.50.250.10', routeType: 'XX' }, 'routeType', /one of RR, TD/],
    ['a Call48 termination trunk', 'call48', 'termination', { name: 'C', ip: '10.50.250.10' }, 'direction', /termination/],
  ]

  it.each(refusals)('refuses %s, naming the field', async (_what, carrier, direction, values, field, message) => {
    const before = sent()
    const answer = await create(carrier, direction, values)
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.code).toBe('validation')
    expect((answer.error.details?.fields as Record<string, string> | undefined)?.[field]).toMatch(message)
    expect(sent()).toBe(before)
  })

  it('refuses an edit of a setting the carrier cannot change, or emptying one it cannot, before sending', async () => {
    const vitcom = env.account('vitcom').id
    const trunk = env.desk.store.trunks.list(vitcom).find((candidate) => candidate.direction === 'origination')!
    const before = sent()
    for (const [changes, field, message] of [
      [{ billing: trunk.settings?.billing === 'metered' ? 'unmetered' : 'metered' }, 'billing', /cannot be changed/],
      [{ ip: '' }, 'ip', /cannot be removed/],
      [{ prefix: '12' }, 'prefix', /4 to 6 digits/],
      [{ secondaryIp: '999.1.1.1' }, 'secondaryIp', /not an IPv4 address/],
    ] as [TrunkValues, string, RegExp][]) {
      const answer = await env.dispatcher.invoke('trunks.update', { accountId: vitcom, trunkId: trunk.id, changes, confirmed: true })
      expect(answer.ok).toBe(false)
      if (!answer.ok) expect((answer.error.details?.fields as Record<string, string>)[field]).toMatch(message)
    }
    const unchanged = await env.dispatcher.invoke('trunks.update', { accountId: vitcom, trunkId: trunk.id, changes: { name: trunk.settings!.name! }, confirmed: true })
    expect(unchanged).toMatchObject({ ok: false, error: { message: /Nothing to change/ } })
    const termination = env.desk.store.trunks.list(vitcom).find((candidate) => candidate.direction === 'termination')!
    expect(await env.dispatcher.invoke('trunks.update', { accountId: vitcom, trunkId: termination.id, changes: { name: 'x' }, confirmed: true })).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect(await env.dispatcher.invoke('trunks.create', { accountId: vitcom, direction: 'origination', values: origination })).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect(sent()).toBe(before)
  })
})

describe('traffic report values', () => {
  it('reads ASR as a fraction and ACD as seconds, from a clock or a number', () => {
    expect(ratioOf('57%')).toBe(0.57)
    expect(ratioOf(' 57.5 % ')).toBeCloseTo(0.575)
    expect(ratioOf('81')).toBe(0.81)
    expect(durationSecondsOf('0:03:12')).toBe(192)
    expect(durationSecondsOf('03:12')).toBe(192)
    expect(durationSecondsOf('192')).toBe(192)
    expect(durationSecondsOf(117)).toBe(117)
  })

  it('keeps what cannot be read unknown (null), never 0', () => {
    for (const value of ['', '  ', undefined, null, 'n/a', '-', 'abc', '140%']) expect(ratioOf(value)).toBeNull()
    for (const value of ['', '  ', undefined, null, 'NULL', '-', 'abc', '1:75:00']) expect(durationSecondsOf(value)).toBeNull()
    const row = trafficCountsOf({ processed: '12,345', completed: '', asr: '57%', mou: undefined })
    expect(row).toEqual({ processed: 12_345, completed: null, asr: 0.57, acdSeconds: null, minutes: null, peak: null })
    // A ratio of no calls is unknown whatever the report printed for it.
    expect(trafficCountsOf({ processed: '0', completed: '0', asr: '0%', acd: '0', mou: '0', peak: '0' })).toEqual({
      processed: 0,
      completed: 0,
      asr: null,
      acdSeconds: null,
      minutes: 0,
      peak: 0,
    })
  })
})
