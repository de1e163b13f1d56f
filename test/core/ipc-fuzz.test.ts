/**
 * Fuzzing the IPC contract through the dispatcher, with a live Sandbox and a filled cache: a few thousand
 * invalid payloads over every channel (wrong types, extra keys, prototype-pollution keys, huge strings,
 * deep nesting, Map/Set/Date/RegExp/BigInt/typed arrays/class instances/getters/cycles, null, nothing),
 * generated from a valid payload per channel by a seeded PRNG. Every one must be answered with a
 * `validation` Result: invoke never throws, nothing rejects unhandled, no event fires, and the database
 * (accounts, numbers, notes, activity, views, sync runs, inventory), the keychain and the simulators'
 * ledgers are exactly as before.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channelNames, eventNames, ipcContract, type Channel } from '../../src/shared/ipc-shared'
import { createKeychainVault } from '../../src/main/vault/vault'
import { random } from '../bench/fixtures'
import { openSandboxDesk, type SandboxDesk } from '../helpers/sandbox-desk'

type Path = (string | number)[]
interface Payload {
  channel: string
  label: string
  input: unknown
}

const uuid = '3b241101-e2bb-4255-8caf-4136c566a962'

/** A valid input for every channel, naming real accounts and numbers, so an input let through would act. */
function validSamples(env: SandboxDesk, number: { accountId: string; e164: string }): Record<Channel, Record<string, unknown>> {
  const call48 = env.account('call48')
  const vitcom = env.account('vitcom')
  const address = { callerName: 'ACME', street: '1 Main St', city: 'Miami', state: 'FL', zip: '33101' }
  return {
    'app.status': {},
    'carriers.list': {},
    'accounts.list': {},
    'accounts.add': {
      carrier: 'call48', name: 'Fuzzed account', baseUrl: 'https://apicontrol.call48.com/api/v4', environment: 'staging',
      username: 'noc', secrets: { password: 'pw' },
    },
    'accounts.update': { id: call48.id, name: 'Renamed', baseUrl: call48.baseUrl, username: 'noc-2', secrets: { password: 'pw-2' } },
    'accounts.remove': { id: call48.id },
    'accounts.test': { id: call48.id },
    'sandbox.open': { seed: 5 },
    'sandbox.status': {},
    'sync.start': { accountIds: [call48.id], areas: ['numbers'] },
    'numbers.list': { filters: { carriers: ['call48'], statuses: ['active'], hasCnam: true }, search: '305', sort: { column: 'e164', direction: 'asc' }, offset: 0, limit: 50 },
    'numbers.get': { ...number },
    'numbers.facets': {},
    'numbers.setNotes': { ...number, tags: ['vip'], notes: 'fuzzed' },
    'numbers.tag': { targets: [{ ...number }], add: ['fuzz'], remove: ['old'] },
    'numbers.change': { jobId: uuid, targets: [{ ...number }], change: { kind: 'routing', routing: { kind: 'trunk', trunk: 'trunk-1' } }, confirmed: true },
    'numbers.release': { jobId: uuid, targets: [{ ...number }], confirmed: true },
    'numbers.search': { query: { type: 'local', state: 'FL', npa: '305', limit: 5 }, accountIds: [call48.id] },
    'numbers.reserve': { jobId: uuid, offerIds: ['offer-1'] },
    'numbers.purchase': { jobId: uuid, offerIds: ['offer-1'], confirmed: true },
    'numbers.bulkOrder': { accountId: call48.id, quantity: 2, state: 'FL', npa: '305', confirmed: true },
    'numbers.bulkOrderStatus': { accountId: call48.id, orderId: 'order-1' },
    'numbers.verifyAddress': { accountId: call48.id, address },
    'numbers.export': { query: { filters: { accountIds: [call48.id] }, search: 'miami', sort: { column: 'e164', direction: 'desc' } }, timeZone: 'UTC', columns: ['number', 'status'] },
    'views.list': { screen: 'numbers' },
    'views.save': { screen: 'numbers', name: 'Fuzzed view', view: { filters: { statuses: ['active'] }, columns: ['number'], width: 3 } },
    'views.remove': { id: 1 },
    'jobs.cancel': { jobId: uuid },
    'billing.pay': {
      accountId: vitcom.id, amount: 10.5, confirmed: true,
      card: { firstName: 'A', lastName: 'B', cardNumber: '4111111111111111', expMonth: 12, expYear: 2030, cvv: '123' },
    },
    'trunks.list': { accountId: call48.id },
    'ports.list': { accountId: call48.id },
    'cdrs.files': { accountId: vitcom.id },
    'cdrs.records': { accountId: vitcom.id, offset: 0, limit: 10 },
    'cdrs.download': { jobId: uuid, accountId: vitcom.id, day: '2026-11-20', kind: 'successful', direction: 'origination' },
    'cdrs.export': { accountId: vitcom.id, timeZone: 'America/New_York' },
    'activity.list': { limit: 10 },
    'settings.get': {},
    'settings.update': { portsSyncMinutes: 5 },
  }
}

const nest = (levels: number): unknown => {
  let value: unknown = 'bottom'
  for (let i = 0; i < levels; i += 1) value = { level: value }
  return value
}
const withOwnKey = (target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> =>
  Object.defineProperty({ ...target }, key, { value, enumerable: true, configurable: true, writable: true })
class Shaped {
  constructor(fields: Record<string, unknown>) {
    Object.assign(this, fields)
  }
}

/** Values no field of any channel accepts, wherever they are put. */
const poisons: readonly [string, () => unknown][] = [
  ['bigint', () => 10n],
  ['symbol', () => Symbol('x')],
  ['function', () => () => 'x'],
  ['Map', () => new Map([['a', 1]])],
  ['empty Map', () => new Map()],
  ['Set', () => new Set([1])],
  ['Date', () => new Date(0)],
  ['RegExp', () => /x/],
  ['Uint8Array', () => new Uint8Array(4)],
  ['boxed string', () => new String('x')],
  ['boxed number', () => new Number(1)],
  ['class instance', () => new Shaped({ a: 1 })],
  ['Error', () => new Error('x')],
  ['cycle', () => {
    const cycle: Record<string, unknown> = { a: 1 }
    cycle.self = cycle
    return cycle
  }],
  ['cycle through an array', () => {
    const list: unknown[] = []
    list.push({ list })
    return list
  }],
  ['deep nesting', () => nest(200)],
  ['getter', () => Object.defineProperty({}, 'a', { get: () => 1, enumerable: true })],
  ['non-plain prototype', () => Object.create({ inherited: true }) as unknown],
  ['own __proto__ key', () => withOwnKey({}, '__proto__', { polluted: true })],
  ['JSON __proto__ key', () => JSON.parse('{"__proto__": {"polluted": true}}') as unknown],
  ['constructor key', () => ({ constructor: { prototype: { polluted: true } } })],
  ['prototype key', () => ({ prototype: { polluted: true } })],
]

/** Every path under a sample, with whether it lies in free-form data (a saved view's contents). */
function pathsOf(value: unknown, path: Path = [], free = false, found: { path: Path; value: unknown; free: boolean }[] = []) {
  if (path.length > 0) found.push({ path, value, free })
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...path, i], free, found))
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], free || (path.length === 0 && key === 'view'), found)
  }
  return found
}

function replaced(sample: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(sample) as Record<string | number, unknown>
  let parent = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  parent[path.at(-1)!] = value
  return copy
}

/** Another JS type in place of a value (no channel takes a value of two types, but nullable CNAM). */
function swappedType(value: unknown): unknown[] {
  if (typeof value === 'string') return [12345, true, ['x'], {}]
  if (typeof value === 'number') return [String(value), false, [value], {}, Number.NaN]
  if (typeof value === 'boolean') return [String(value), 1, [value]]
  if (Array.isArray(value)) return [{}, 'x', 1]
  return [[], 'x', 1, true]
}

function payloads(samples: Record<Channel, Record<string, unknown>>, seed: number, count: number): Payload[] {
  const rand = random(seed)
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  const all: Payload[] = []
  for (const channel of channelNames) {
    const sample = samples[channel]
    const first = Object.keys(sample)[0]
    const whole: [string, unknown][] = [
      ['null', null],
      ['number', 0],
      ['string', 'text'],
      ['boolean', true],
      ['array', []],
      ['array of the input', [sample]],
      ['Map of the input', new Map(Object.entries(sample))],
      ['Set', new Set([sample])],
      ['Date', new Date()],
      ['RegExp', /x/],
      ['BigInt', 10n],
      ['function', () => sample],
      ['huge string', 'x'.repeat(200_000)],
      ['extra key', { ...sample, unexpected: 1 }],
      ['extra undefined key', { ...sample, unexpected: undefined }],
      ['own __proto__ key', withOwnKey(sample, '__proto__', { polluted: true })],
      ['constructor key', { ...sample, constructor: { prototype: { polluted: true } } }],
      ['inherited fields', Object.create(sample) as unknown],
      ['class instance', new Shaped(sample)],
      ['cycle', (() => { const c: Record<string, unknown> = { ...sample }; c.self = c; return c })()],
      ['deep extra key', { ...sample, deep: nest(200) }],
      ['null prototype with an extra key', Object.assign(Object.create(null) as object, sample, { unexpected: true })],
    ]
    if (first) {
      whole.push(['getter', Object.defineProperty({ ...sample }, first, { get: () => sample[first], enumerable: true })])
      whole.push(['nothing', undefined])
    }
    for (const [label, input] of whole) all.push({ channel, label: `whole: ${label}`, input })
  }
  // Leaf mutations, chosen by the PRNG: a channel, a path under its sample, a kind of damage.
  const channels = [...channelNames]
  while (all.length < count) {
    const channel = pick(channels)
    const sample = samples[channel]
    const paths = pathsOf(sample)
    if (paths.length === 0) {
      all.push({ channel, label: 'junk key', input: { [`junk_${Math.floor(rand() * 1e6)}`]: pick(poisons)[1]() } })
      continue
    }
    const { path, value, free } = pick(paths)
    const at = path.join('.')
    const roll = rand()
    if (roll < 0.55 || free) {
      const [name, make] = pick(poisons)
      all.push({ channel, label: `${at} = ${name}`, input: replaced(sample, path, make()) })
    } else if (roll < 0.75) {
      all.push({ channel, label: `${at} = other type`, input: replaced(sample, path, pick(swappedType(value))) })
    } else if (roll < 0.85 && typeof value === 'string') {
      all.push({ channel, label: `${at} = huge string`, input: replaced(sample, path, 'y'.repeat(100_000 + Math.floor(rand() * 100_000))) })
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      all.push({ channel, label: `${at} + extra key`, input: replaced(sample, path, { ...value, [`junk_${Math.floor(rand() * 1e6)}`]: 1 }) })
    } else {
      const key = pick(['__proto__', 'constructor', 'prototype'])
      const parent = path.length > 1 ? path.slice(0, -1) : []
      const container = parent.length === 0 ? sample : (pathsOf(sample).find((p) => p.path.join('.') === parent.join('.'))?.value as unknown)
      if (typeof container === 'object' && container !== null && !Array.isArray(container)) {
        const polluted = withOwnKey(container as Record<string, unknown>, key, { polluted: true })
        all.push({ channel, label: `${parent.join('.') || '(input)'} + ${key}`, input: parent.length === 0 ? polluted : replaced(sample, parent, polluted) })
      } else {
        all.push({ channel, label: `${at} = Map`, input: replaced(sample, path, new Map()) })
      }
    }
  }
  return all
}

describe('the IPC contract under fuzzing', () => {
  let env: SandboxDesk
  let samples: Record<Channel, Record<string, unknown>>

  beforeAll(async () => {
    env = await openSandboxDesk({ numbers: 600, seed: 41 })
    await env.desk.sync.start({ areas: ['numbers'] }).done
    const [number] = env.desk.store.numbers.list({ filters: { accountIds: [env.account('call48').id] }, limit: 1 }).rows
    if (!number) throw new Error('The sync cached no Call48 number')
    env.desk.store.views.save({ screen: 'numbers', name: 'Existing', view: { a: 1 }, now: 1 })
    env.desk.numbers.setNotes({ accountId: number.accountId, e164: number.e164, tags: ['kept'], notes: 'kept' })
    samples = validSamples(env, { accountId: number.accountId, e164: number.e164 })
  }, 60_000)
  afterAll(async () => {
    await env?.close()
  })

  /** Everything a rejected input must leave as it was. */
  const fingerprint = async (): Promise<string> => {
    const { db } = env.desk.store
    const all = (sql: string): unknown => db.prepare(sql).all()
    const vault = createKeychainVault()
    const state = {
      accounts: all('SELECT * FROM accounts ORDER BY id'),
      numbers: all('SELECT account_id, count(*), total(length(raw)), max(as_of), group_concat(status) FROM numbers GROUP BY account_id ORDER BY account_id'),
      notes: all('SELECT * FROM number_notes ORDER BY account_id, e164'),
      activity: all('SELECT count(*), max(id) FROM activity'),
      views: all('SELECT * FROM saved_views ORDER BY id'),
      settings: all('SELECT * FROM app_settings ORDER BY key'),
      syncRuns: all('SELECT count(*), group_concat(outcome) FROM sync_runs'),
      inventory: all('SELECT (SELECT count(*) FROM trunks), (SELECT count(*) FROM port_orders), (SELECT count(*) FROM cdr_files), (SELECT count(*) FROM cdr_records)'),
      memo: all('SELECT * FROM account_memo ORDER BY 1, 2'),
      secrets: await Promise.all(env.accounts.map((account) => vault.get(account.id))),
      ledger: env.sandbox.ledger.entries(),
      sandbox: env.desk.sandbox.status(),
      status: env.desk.status(),
    }
    return createHash('sha256').update(JSON.stringify(state)).digest('hex')
  }

  it('has a valid sample for every channel, so each mutation below breaks a valid input', () => {
    for (const channel of channelNames) {
      const parsed = ipcContract[channel].input.safeParse(samples[channel])
      expect(parsed.success, `${channel}: ${parsed.error?.message ?? ''}`).toBe(true)
    }
  })

  it('refuses the inputs the issue found getting through', async () => {
    const refused = async (channel: Channel, input: unknown): Promise<string> => {
      const result = await env.dispatcher.invoke(channel, input)
      expect(result.ok, `${channel} accepted ${String(input)}`).toBe(false)
      return result.ok ? '' : `${result.error.code}: ${result.error.message}`
    }
    const before = await fingerprint()
    expect(await refused('sync.start', new Map())).toBe('validation: (input): Expected plain data, received a Map')
    expect(await refused('sandbox.open', null)).toBe('validation: (input): Expected an object, received null')
    expect(await refused('views.save', { ...samples['views.save'], view: { big: 10n } })).toBe('validation: view.big: Expected plain data, received a BigInt')
    const cycle: Record<string, unknown> = { a: 1 }
    cycle.self = cycle
    expect(await refused('views.save', { ...samples['views.save'], view: cycle })).toBe('validation: view.self: Input contains itself (a cycle)')
    expect(await refused('accounts.add', { ...samples['accounts.add'], isAdmin: true })).toMatch(/^validation: .*isAdmin/)
    expect(await refused('accounts.update', JSON.parse(`{"__proto__": {"x": 1}, "id": "${env.account('call48').id}"}`))).toBe(
      'validation: __proto__: The key "__proto__" is not allowed',
    )
    expect(await refused('numbers.list', { filters: new Map() })).toBe('validation: filters: Expected plain data, received a Map')
    expect(await refused('numbers.list', undefined)).toBe('validation: (input): Input is required (an object)')
    expect(await refused('app.status', null)).toMatch(/^validation:/)
    expect(await env.dispatcher.invoke('app.status', undefined)).toMatchObject({ ok: true })
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
      expect(await refused(name as Channel, {})).toMatch(/^validation: Unknown channel/)
    }
    expect(await fingerprint()).toBe(before)
  })

  it('answers thousands of invalid payloads over every channel with validation errors and changes nothing', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason)
    }
    process.on('unhandledRejection', onUnhandled)
    const events: string[] = []
    const stops = eventNames.map((name) => env.dispatcher.subscribe(name, () => events.push(name)))
    const before = await fingerprint()
    const list = payloads(samples, 20261122, 5_000)
    const thrown: string[] = []
    const accepted: string[] = []
    const wrongCode: string[] = []
    const covered = new Set<string>()
    const started = performance.now()
    try {
      for (const { channel, label, input } of list) {
        let result: Awaited<ReturnType<SandboxDesk['dispatcher']['invoke']>>
        try {
          result = await env.dispatcher.invoke(channel as Channel, input)
        } catch (error) {
          thrown.push(`${channel} ${label}: ${String(error)}`)
          continue
        }
        covered.add(channel)
        if (result.ok) accepted.push(`${channel} ${label}`)
        else if (result.error.code !== 'validation') wrongCode.push(`${channel} ${label}: ${result.error.code} ${result.error.message}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    } finally {
      process.off('unhandledRejection', onUnhandled)
      for (const stop of stops) stop()
    }
    expect(list.length).toBeGreaterThanOrEqual(5_000)
    expect([...covered].sort()).toEqual([...channelNames].sort())
    expect(thrown).toEqual([])
    expect(accepted).toEqual([])
    expect(wrongCode).toEqual([])
    expect(unhandled).toEqual([])
    expect(events).toEqual([])
    expect(await fingerprint()).toBe(before)
    expect(performance.now() - started).toBeLessThan(20_000)
  }, 60_000)
})
