/**
 * The Nexogy adapter through the real core (temp SQLite, real keychain, Sandbox account): adopting and
 * creating clients, the numbers sync of remembered clients, purchase (= client creation) under injected
 * failures, status changes and release, and device keys kept in the keychain and nowhere in SQLite.
 */
import { existsSync, readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isNexogyCarrierClient, nexogyPurchaseOffer, type NexogyCarrierClient } from '../../../src/main/carriers/nexogy/adapter'
import { CarrierError } from '../../../src/main/lib/carrier-error'
import { databaseFile } from '../../../src/main/core/paths'
import { seededNexogyClients } from '../../../src/main/sandbox/nexogy/simulator'
import type { SandboxCarrier } from '../../../src/main/sandbox'
import type { FaultSettingsInput } from '../../../src/main/sandbox/kit/faults'
import { createKeychainVault } from '../../../src/main/vault/vault'
import type { AvailableNumber } from '../../../src/shared/domain'
import { openSandboxDesk, type SandboxDesk } from '../../helpers/sandbox-desk'
import { signal } from './helpers'

let opened: SandboxDesk
let client: NexogyCarrierClient
let simulator: SandboxCarrier
let accountId: string
const seeded = seededNexogyClients(1, 0)
const vault = createKeychainVault()

const buyer = { email: 'buyer@example.com', firstName: 'Lita', lastName: 'Ford', address: '1 Ocean Drive', zipcode: '33139', sameBillingAddress: true, startBillingDate: '01/15/2025' }

const faults = (settings: FaultSettingsInput): void => {
  simulator.faults.configure(settings)
}
const ledger = (operation: string) => opened.sandbox.ledger.entries({ carrier: 'nexogy', operation }).map((entry) => entry.details)

/** Available numbers, a few at a time, so each test buys its own. */
async function available(count: number): Promise<AvailableNumber[]> {
  const found = await client.numbers?.search?.({ query: { type: 'local', npa: '954', limit: 20 }, signal: signal() })
  const taken = new Set(client.nexogy.rememberedClients().map((known) => `+1${known.didNumber}`))
  const free = (found ?? []).filter((number) => !taken.has(number.e164) && !used.has(number.e164)).slice(0, count)
  for (const number of free) used.add(number.e164)
  return free
}
const used = new Set<string>()

async function syncNumbers(): Promise<{ e164: string; status: string; raw: string }[]> {
  const results = await opened.desk.sync.start({ accountIds: [accountId], areas: ['numbers'] }).done
  expect(results).toEqual([expect.objectContaining({ area: 'numbers', outcome: 'succeeded' })])
  const db = new Database(databaseFile(opened.dataDir), { readonly: true })
  try {
    return db.prepare('SELECT e164, status, raw FROM numbers WHERE account_id = ? AND gone_at IS NULL ORDER BY e164').all(accountId) as {
      e164: string
      status: string
      raw: string
    }[]
  } finally {
    db.close()
  }
}

beforeAll(async () => {
  opened = await openSandboxDesk({ carriers: ['nexogy'], numbers: 0 })
  const connected = await opened.client('nexogy')
  if (!isNexogyCarrierClient(connected)) throw new Error('the Nexogy adapter does not expose its operations')
  client = connected
  accountId = opened.account('nexogy').id
  const sandboxCarrier = opened.sandbox.carriers.nexogy
  if (!sandboxCarrier) throw new Error('no Nexogy simulator')
  simulator = sandboxCarrier
})

afterAll(async () => {
  await opened.close()
})

describe('Nexogy numbers come from remembered clients', () => {
  it('proves the connection with a token', async () => {
    expect((await client.testConnection({ signal: signal() })).message).toContain('residential dids')
  })

  it('adopts every seeded client and the numbers sync lists each with its state', async () => {
    for (const plan of seeded) {
      const adopted = await client.nexogy.adoptClient({ clientId: plan.id, didNumber: plan.didNumber, signal: signal() })
      expect(adopted).toMatchObject({ id: plan.id, didNumber: plan.didNumber, origin: 'adopted' })
      if (plan.status !== 'cancelled') {
        expect(adopted.domain).toBe(plan.domain)
        // Reading device 1000 answered its SIP key: kept in the keychain for this account.
        expect(await vault.getExtra(accountId, `device:${plan.id}:1000`)).toMatch(/^[A-Za-z0-9+/]+=*$/)
      }
    }
    const rows = await syncNumbers()
    expect(rows).toHaveLength(seeded.length)
    const expected: Record<string, string> = { active: 'active', created: 'active', suspended: 'suspended', cancelled: 'released' }
    for (const plan of seeded) {
      const row = rows.find((candidate) => candidate.e164 === `+1${plan.didNumber}`)
      expect(row?.status).toBe(expected[plan.status])
      expect(JSON.parse(row?.raw ?? '{}')).toMatchObject({ clientId: plan.id, didNumber: plan.didNumber })
    }
    for (const row of rows) expect(row.e164).toMatch(/^\+1[2-9]\d{2}[2-9]\d{6}$/)
  })

  it('refuses to adopt a client Nexogy does not know', async () => {
    const error = await client.nexogy.adoptClient({ clientId: 999_999, didNumber: '3055550123', signal: signal() }).catch((failure: unknown) => failure)
    expect(error).toBeInstanceOf(CarrierError)
    expect((error as CarrierError).info.httpStatus).toBe(404)
    expect(client.nexogy.rememberedClients().some((known) => known.id === 999_999)).toBe(false)
  })
})

describe('Nexogy purchase = creating a residential client with the number', () => {
  it('buys a searched number with the client details, and the next sync lists it as pending', async () => {
    const [number] = await available(1)
    if (!number) throw new Error('no number found')
    expect(number.fetchedAt).toBeGreaterThan(0)
    const result = await client.numbers?.purchase?.({ numbers: [nexogyPurchaseOffer(number, buyer)], signal: signal() })
    expect(result?.lines).toEqual([{ e164: number.e164, ok: true }])
    expect(ledger('client.created').filter((entry) => `+1${String(entry.didNumber)}` === number.e164)).toHaveLength(1)
    const row = (await syncNumbers()).find((candidate) => candidate.e164 === number.e164)
    expect(row?.status).toBe('pending')
  })

  it('refuses a number without client details, sending nothing', async () => {
    const [number] = await available(1)
    if (!number) throw new Error('no number found')
    const before = ledger('client.created').length
    const result = await client.numbers?.purchase?.({ numbers: [number], signal: signal() })
    expect(result?.lines[0]).toMatchObject({ e164: number.e164, ok: false, code: 'validation' })
    expect(ledger('client.created')).toHaveLength(before)
  })

  for (const fault of ['reset-after-commit', 'server-error-after-commit'] as const) {
    it(`after ${fault}, looks the client up, reports the number bought once, and never sends it again`, async () => {
      const [number] = await available(1)
      if (!number) throw new Error('no number found')
      faults({ script: [{ fault, match: 'clients.create' }] })
      const result = await client.numbers?.purchase?.({ numbers: [nexogyPurchaseOffer(number, buyer)], signal: signal() })
      expect(result?.lines).toEqual([expect.objectContaining({ e164: number.e164, ok: true, checkedAfterFailure: true })])
      const created = ledger('client.created').filter((entry) => `+1${String(entry.didNumber)}` === number.e164)
      expect(created).toHaveLength(1)
      const remembered = client.nexogy.rememberedClients().find((known) => `+1${known.didNumber}` === number.e164)
      expect(remembered).toMatchObject({ domain: created[0]?.domain, origin: 'found-after-failure' })
    })
  }

  it('after a reset before commit, reports the number not bought and does not try again', async () => {
    const [number] = await available(1)
    if (!number) throw new Error('no number found')
    faults({ script: [{ fault: 'reset', match: 'clients.create' }] })
    const result = await client.numbers?.purchase?.({ numbers: [nexogyPurchaseOffer(number, buyer)], signal: signal() })
    expect(result?.lines).toEqual([expect.objectContaining({ e164: number.e164, ok: false, checkedAfterFailure: true })])
    expect(ledger('client.created').filter((entry) => `+1${String(entry.didNumber)}` === number.e164)).toHaveLength(0)
    expect(client.nexogy.rememberedClients().some((known) => `+1${known.didNumber}` === number.e164)).toBe(false)
    const again = await client.numbers?.search?.({ query: { type: 'local', npa: '954', limit: 50 }, signal: signal() })
    expect(again?.map((offered) => offered.e164)).toContain(number.e164)
  })
})

describe('Nexogy status changes and release', () => {
  it('suspends, re-activates and releases (cancels) a client by its number', async () => {
    const [number] = await available(1)
    if (!number) throw new Error('no number found')
    await client.numbers?.purchase?.({ numbers: [nexogyPurchaseOffer(number, buyer)], signal: signal() })
    const suspended = await client.numbers?.change?.({ e164s: [number.e164], change: { kind: 'status', status: 'suspended' }, signal: signal() })
    expect(suspended).toEqual([{ e164: number.e164, ok: true }])
    expect((await client.numbers?.read?.({ e164s: [number.e164], signal: signal() }))?.[0]?.status).toBe('suspended')
    const activated = await client.numbers?.change?.({ e164s: [number.e164], change: { kind: 'status', status: 'active' }, signal: signal() })
    expect(activated).toEqual([{ e164: number.e164, ok: true }])
    const released = await client.numbers?.release?.({ e164s: [number.e164], signal: signal() })
    expect(released).toEqual([{ e164: number.e164, ok: true }])
    expect((await client.numbers?.read?.({ e164s: [number.e164], signal: signal() }))?.[0]?.status).toBe('released')
    const twice = await client.numbers?.release?.({ e164s: [number.e164], signal: signal() })
    expect(twice?.[0]).toMatchObject({ ok: false, code: '410' })
  })

  it('after a reset once the cancellation is committed, checks and reports the number released', async () => {
    const [number] = await available(1)
    if (!number) throw new Error('no number found')
    await client.numbers?.purchase?.({ numbers: [nexogyPurchaseOffer(number, buyer)], signal: signal() })
    const id = client.nexogy.rememberedClients().find((known) => `+1${known.didNumber}` === number.e164)?.id
    faults({ script: [{ fault: 'reset-after-commit', match: 'clients.cancel' }] })
    const released = await client.numbers?.release?.({ e164s: [number.e164], signal: signal() })
    expect(released).toEqual([{ e164: number.e164, ok: true, checkedAfterFailure: true }])
    expect(ledger('client.cancelled').filter((entry) => entry.clientId === id)).toHaveLength(1)
  })

  it('a release of 3 cancelled while the first cancellation is in flight: that one released, the others not sent', async () => {
    const numbers = await available(3)
    expect(numbers).toHaveLength(3)
    const bought = await client.numbers?.purchase?.({ numbers: numbers.map((number) => nexogyPurchaseOffer(number, buyer)), signal: signal() })
    expect(bought?.lines.map((line) => line.ok)).toEqual([true, true, true])
    const before = ledger('client.cancelled').length
    const controller = new AbortController()
    const stop = opened.sandbox.ledger.onRecord((entry) => {
      if (entry.operation === 'client.cancelled') controller.abort()
    })
    try {
      const lines = await client.numbers?.release?.({ e164s: numbers.map((number) => number.e164), signal: controller.signal })
      expect(lines).toEqual([
        { e164: numbers[0]!.e164, ok: true },
        { e164: numbers[1]!.e164, ok: false, code: 'not-sent', message: 'Not sent: cancelled' },
        { e164: numbers[2]!.e164, ok: false, code: 'not-sent', message: 'Not sent: cancelled' },
      ])
    } finally {
      stop()
    }
    expect(ledger('client.cancelled')).toHaveLength(before + 1)
  })

  it('says which numbers it cannot act on: unknown, or a client whose id Nexogy never answered', async () => {
    const lines = await client.numbers?.release?.({ e164s: ['+13055550199'], signal: signal() })
    expect(lines?.[0]).toMatchObject({ ok: false, code: 'not-known' })
    const withoutId = client.nexogy.rememberedClients().find((known) => known.id === undefined)
    const noId = await client.numbers?.release?.({ e164s: [`+1${withoutId?.didNumber}`], signal: signal() })
    expect(noId?.[0]).toMatchObject({ ok: false, code: 'no-client-id' })
  })
})

describe('Nexogy device keys stay in the keychain', () => {
  it('keeps a created device key in the keychain, returns it only on request, and never writes it to SQLite', async () => {
    const [number] = await available(1)
    if (!number) throw new Error('no number found')
    await client.numbers?.purchase?.({ numbers: [nexogyPurchaseOffer(number, buyer)], signal: signal() })
    const id = client.nexogy.rememberedClients().find((known) => `+1${known.didNumber}` === number.e164)?.id
    if (id === undefined) throw new Error('the purchase did not remember the client')
    const device = await client.nexogy.device({ clientId: id, extension: '1002', signal: signal() })
    expect(device).toMatchObject({ clientId: id, extension: '1002', keyName: `device:${id}:1002` })
    expect(JSON.stringify(device)).not.toMatch(/authentication|Key"/)

    // The same key as Nexogy answers it (the device exists, so this only reads it back).
    const key = (await client.nexogy.api.device({ clientId: id, extension: '1002', signal: signal() })).authenticationKey
    expect(await client.nexogy.readDeviceKey({ clientId: id, extension: '1002' })).toBe(key)
    expect(await vault.getExtra(accountId, `device:${id}:1002`)).toBe(key)

    await syncNumbers()
    const file = databaseFile(opened.dataDir)
    for (const path of [file, `${file}-wal`]) {
      if (existsSync(path)) expect(readFileSync(path).includes(Buffer.from(key))).toBe(false)
    }
    const db = new Database(file, { readonly: true })
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
      expect(tables.length).toBeGreaterThan(2)
      for (const { name } of tables) {
        expect(JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).not.toContain(key)
      }
    } finally {
      db.close()
    }
  })
})

describe('Nexogy secrets in errors', () => {
  it('never puts the account password in a CarrierError message', async () => {
    const password = simulator.account.secrets.password ?? ''
    expect(password.length).toBeGreaterThan(8)
    const failures = await Promise.all([
      client.nexogy.adoptClient({ clientId: 1, didNumber: '3055550123', signal: signal() }).catch((error: unknown) => error),
      client.nexogy.api.domainStatus({ domain: 'unknown-domain.com', signal: signal() }).catch((error: unknown) => error),
      client.nexogy.api.createClient({ client: { ...buyer, didNumber: seeded[1]?.didNumber ?? '', didPorting: true }, signal: signal() }).catch((error: unknown) => error),
    ])
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(CarrierError)
      expect((failure as CarrierError).message).not.toContain(password)
      expect(JSON.stringify((failure as CarrierError).details)).not.toContain(password)
    }
  })
})
