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
  const nexogy = env.account('nexogy')
  const client = {
    email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', address: '1 Main St', zipcode: '33101', sameBillingAddress: false,
    billingAddress: '2 Side St', billingZipcode: '33102', startBillingDate: '06/08/2027', subresellerId: 'sub-1', customerId: 'cust-1',
  }
  const customer = {
    portaClass: 2348, username: 'fuzzed_customer', password: 'fuzzed-pass', creditLimit: 50, creditLimitWarning: 20, email: 'sub@example.com',
    salutation: 'Mr.', firstName: 'Test', lastName: 'Sub', address: '1767 Hermitage Blvd', address2: 'Apt B1', city: 'Boston', zip: '02501',
    state: 'MA', country: 'US', companyName: 'Dev Sub', currency: 'USD', bcc: 'billing@example.com', phone: '9188283811',
  }
  const cdrRange = {
    from: Date.UTC(2026, 10, 19),
    to: Date.UTC(2026, 10, 21),
    filters: { accountIds: [vitcom.id], carriers: ['vitcom'], direction: 'origination', dispositions: ['busy'], ourNumber: '+13055550100', otherParty: '305', trunk: 'trunk-1', minDurationSeconds: 1 },
  }
  const address = { callerName: 'ACME', street: '1 Main St', city: 'Miami', state: 'FL', zip: '33101' }
  const pdfBase64 = Buffer.from('%PDF-1.4 fuzz').toString('base64')
  // Every value text, as the port form sends it (a number where text is due is refused by the contract).
  const portOrder = {
    did_type: 'LCL',
    numbers: ['+17019001234'],
    port_req_detail: {
      cust_acc_name: 'Fuzz LLC', cust_authorized_name: 'Pat Fuzz', cust_acc_type: 'BIZ', cust_acc_number: '55501234', cust_acc_pin: '4321',
      address_number: '1', address_street_name: 'Main St', address_loc_designator: 'Suite', city: 'Bismarck', state: 'ND', postal_code: '58501',
      btn: '7019001234', desired_foc_date: '2031-01-02', activation_date: '2031-01-02', activation_type: 'Auto',
    },
  }
  return {
    'app.status': {},
    'carriers.list': {},
    'accounts.list': {},
    'accounts.add': {
      carrier: 'call48', name: 'Fuzzed account', baseUrl: 'http://127.0.0.1:9/api/v4', environment: 'staging',
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
    'ports.list': { accountId: call48.id, status: 'submitted', search: '701' },
    'ports.check': { numbers: ['(701) 555-0100', '+17012001293'], accountIds: [call48.id] },
    'ports.preview': { accountId: call48.id, order: portOrder },
    'ports.submit': { accountId: call48.id, order: portOrder, documents: [{ kind: 'loa', name: 'loa.pdf', contentBase64: pdfBase64 }], confirmed: true },
    'ports.detail': { accountId: call48.id, orderId: '241/181' },
    'ports.previewChanges': { accountId: call48.id, orderId: '241/181', changes: { port_req_detail: { cust_acc_number: '99887766' } } },
    'ports.update': { accountId: call48.id, orderId: '241/181', changes: { port_req_detail: { cust_acc_number: '99887766' } }, confirmed: true },
    'ports.cancel': { accountId: call48.id, orderId: '241/181', number: '+17012001293', confirmed: true },
    'ports.delete': { accountId: call48.id, orderId: '241/181', number: '+17012001293', confirmed: true },
    'ports.activate': { accountId: call48.id, orderId: '241/181', number: '+17012001293', confirmed: true },
    'ports.addDocument': { accountId: call48.id, orderId: '241', document: { kind: 'bill', name: 'bill.pdf', contentBase64: pdfBase64 }, confirmed: true },
    'ports.removeDocument': { accountId: call48.id, orderId: '241', kind: 'bill', confirmed: true },
    'ports.updateForwarding': {
      accountId: call48.id, orderId: '241', preconfigured: false, confirmed: true,
      entries: [{ sequence: 1, method: 'NUM', value: '17015550100', timeoutSeconds: 30, forwardingTypeId: 2 }],
    },
    'ports.updateActivation': { accountId: call48.id, orderId: '241/181', number: '+17012001293', activationType: 'Manual', activationDate: '2031-01-02', confirmed: true },
    'ports.export': { source: 'board', accountId: call48.id, status: 'submitted', search: '701', timeZone: 'UTC' },
    'ports.track': { accountId: env.account('voip-innovations').id, portId: '36001' },
    'ports.untrack': { accountId: env.account('voip-innovations').id, portId: '36001' },
    'ports.notices': {},
    'ports.markNoticesSeen': { throughId: 5 },
    'ports.syncStatus': {},
    'trunks.detail': { accountId: vitcom.id, trunkId: 'orig-100' },
    'trunks.choices': { accountIds: [vitcom.id] },
    'trunks.create': { accountId: vitcom.id, direction: 'origination', values: { name: 'Fuzzed', ip: '203.0.113.9', billing: 'metered' }, confirmed: true },
    'trunks.update': { accountId: vitcom.id, trunkId: 'orig-100', changes: { secondaryIp: '203.0.113.10' }, confirmed: true },
    'trunks.disable': { accountId: vitcom.id, trunkId: 'term-500', confirmed: true },
    'trunks.traffic': { accountId: vitcom.id, scope: 'trunk', subjects: ['orig-100'], refresh: true },
    'cdrs.files': { accountId: vitcom.id },
    'cdrs.ingests': { accountId: vitcom.id },
    'cdrs.records': { range: cdrRange, order: 'oldest', offset: 0, limit: 10 },
    'cdrs.record': { accountId: vitcom.id, id: 'call-1' },
    'cdrs.stats': { range: cdrRange, groupBy: 'hour', timeZone: 'America/New_York', limit: 10 },
    'cdrs.coverage': {},
    'cdrs.fetch': { jobId: uuid, accountIds: [vitcom.id], from: '2026-11-19', to: '2026-11-20' },
    'cdrs.import': { jobId: uuid, accountId: vitcom.id, file: '/tmp/orig_20261120.csv', direction: 'origination' },
    'cdrs.prune': { dryRun: false, confirmed: true },
    'cdrs.download': { jobId: uuid, accountId: vitcom.id, day: '2026-11-20', kind: 'successful', direction: 'origination' },
    'cdrs.export': { jobId: uuid, range: cdrRange, timeZone: 'America/New_York' },
    'activity.list': { limit: 10 },
    'settings.get': {},
    'settings.update': { portsSyncMinutes: 5 },
    'billing.overview': { accountId: vitcom.id },
    'billing.ledger': { accountId: vitcom.id, activity: 'Call Charges', from: '2026-10-01', to: '2026-11-30', limit: 100 },
    'billing.payments': { accountId: vitcom.id, from: '2026-10-01', to: '2026-11-30' },
    'billing.checkPayment': { activityId: 1, wentThrough: true, confirmed: true },
    'billing.invoices': { accountId: vitcom.id, from: '2026-01-01', to: '2026-11-30' },
    'billing.downloadInvoice': { jobId: uuid, accountId: vitcom.id, date: '2026-11-01' },
    'billing.openInvoice': { accountId: vitcom.id, date: '2026-11-01' },
    'clients.list': { accountId: nexogy.id },
    'clients.adopt': { accountId: nexogy.id, clientId: 7, number: '+13055550123', domain: 'kerryking.com' },
    'clients.create': { accountId: nexogy.id, client: { ...client, didNumber: '3055550123', didPorting: false }, confirmed: true },
    'clients.setStatus': { accountId: nexogy.id, clientId: 7, action: 'suspend', confirmed: true },
    'clients.setBillingDate': { accountId: nexogy.id, clientId: 7, startBillingDate: '06/08/2027', confirmed: true },
    'clients.refresh': { accountId: nexogy.id, clientId: 7 },
    'clients.device': { accountId: nexogy.id, clientId: 7, extension: '1002', confirmed: true },
    'clients.revealKey': { accountId: nexogy.id, clientId: 7, extension: '1000' },
    'clients.offerDetails': { offerId: 'offer-1', client },
    'customers.list': { accountId: call48.id },
    'customers.create': { accountId: call48.id, customer, confirmed: true },
    'customers.update': { accountId: call48.id, customerId: 24, change: { kind: 'paging', enabled: true }, confirmed: true },
    'customers.discountPlans': { accountId: call48.id },
    'customers.subscriptions': { accountId: call48.id, customerId: 24 },
    'customers.signup': {
      carrier: 'call48', name: 'Fuzzed signup', baseUrl: 'http://127.0.0.1:9/api/v4', environment: 'staging', confirmed: true,
      signup: { firstName: 'Ada', lastName: 'Lovelace', company: 'Acme', address: '1 Main St', city: 'Miami', state: 'FL', country: 'US', username: 'ada_fuzz', password: 'fuzzed-password', email: 'ada@example.com', phone: '3055550123' },
    },
    'changes.list': {},
    'changes.get': { id: 'Existing set' },
    'changes.create': { name: 'Fuzzed set' },
    'changes.rename': { id: 'Existing set', name: 'Renamed set' },
    'changes.delete': { id: 'Existing set' },
    'changes.stage': { setId: 'Existing set', targets: [{ ...number }], edit: { kind: 'change', change: { kind: 'cnam', cnam: 'FUZZ' } } },
    'changes.unstage': { id: 'Existing set', items: [{ ...number, field: 'cnam' }] },
    'changes.check': { id: 'Existing set' },
    'changes.apply': { id: 'Existing set', jobId: uuid, confirmed: true },
    'changes.revert': { id: 'Existing set', name: 'Fuzzed revert' },
    'changes.export': { id: 'Existing set' },
    'changes.import': { name: 'Fuzzed import', csv: `account,number,field,after\n${call48.name},${number.e164},cnam,FUZZ\n` },
    'numbers.countries': { accountIds: [call48.id] },
    'features.get': { ...number },
    'features.groups': { accountId: number.accountId },
    'features.groupMembers': { accountId: number.accountId, groupId: '1' },
    'features.conference': { ...number },
    'features.revealConferencePin': { ...number },
    'features.setConference': { ...number, pin: '2468', confirmed: true },
    'features.removeConference': { ...number, confirmed: true },
    'e911.locations': { ...number },
    'e911.addLocation': { ...number, address, confirmed: true },
    'e911.provisionLocation': { ...number, locationId: 'loc-1', confirmed: true },
    'e911.removeLocation': { ...number, locationId: 'loc-1', confirmed: true },
    'e911.history': { ...number },
    'e911.alerts': { ...number },
    'e911.addAlert': { ...number, email: 'noc@example.com', confirmed: true },
    'e911.removeAlert': { ...number, email: 'noc@example.com', confirmed: true },
    'accounts.balance': {},
    'findings.list': {},
    'findings.refresh': {},
    'findings.dismiss': { id: `no-e911:${call48.id}`, reason: 'Fax-only numbers, never dial 911' },
    'findings.reopen': { id: `no-e911:${call48.id}` },
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
    env.desk.changeSets.stage({ name: 'Existing set', targets: [{ accountId: number.accountId, e164: number.e164 }], edit: { kind: 'change', change: { kind: 'cnam', cnam: 'KEPT' } } })
    samples = validSamples(env, { accountId: number.accountId, e164: number.e164 })
    // The sync and the notes above schedule a findings computation; its event must not land in the fuzzing.
    await env.desk.findings.quiet()
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
      dismissals: all('SELECT * FROM finding_dismissals ORDER BY finding_id'),
      syncRuns: all('SELECT count(*), group_concat(outcome) FROM sync_runs'),
      inventory: all('SELECT (SELECT count(*) FROM trunks), (SELECT count(*) FROM port_orders), (SELECT count(*) FROM cdr_files), (SELECT count(*) FROM call_records), (SELECT count(*) FROM cdr_ingests), (SELECT count(*) FROM traffic_stats)'),
      memo: all('SELECT * FROM account_memo ORDER BY 1, 2'),
      changeSets: all('SELECT * FROM change_sets ORDER BY id'),
      changeItems: all('SELECT * FROM change_set_items ORDER BY set_id, position'),
      offers: all('SELECT * FROM offers ORDER BY offer_id'),
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
