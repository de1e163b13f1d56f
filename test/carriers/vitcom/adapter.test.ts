/**
 * The Vitcom adapter as the core uses it (openSandboxDesk: temp SQLite, real keychain, the account the
 * Sandbox describes): connection test, a full numbers sync through the sync runner (streamed, every number
 * stored with a valid E.164 and status), trunks of both directions, ports, CDR file listings; and the
 * account's token in no CarrierError message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { vitcomAdapter, VitcomClient } from '../../../src/main/carriers/vitcom/adapter'
import type { CarrierClient } from '../../../src/main/carriers/adapter'
import type { PhoneNumberRecord } from '../../../src/shared/domain'
import { openSandboxDesk, type SandboxDesk } from '../../helpers/sandbox-desk'
import { signal } from './helpers'

let desk: SandboxDesk
let client: CarrierClient

beforeAll(async () => {
  // 30% of 4,000 Sandbox numbers are Vitcom's.
  desk = await openSandboxDesk({ carriers: ['vitcom'], numbers: 4000, historyDays: 4, callsPerDay: 100 })
  client = await desk.client('vitcom')
}, 30_000)

afterAll(async () => {
  await desk?.close()
})

describe('Vitcom adapter through the core', () => {
  it('declares what it implements', () => {
    expect(vitcomAdapter.secretFields).toEqual([{ key: 'token', label: 'API token' }])
    expect(vitcomAdapter.capabilities).toEqual(expect.arrayContaining(['numbers.list', 'numbers.purchase', 'numbers.reserve', 'trunks.list', 'ports.list', 'cdrs.files']))
    expect(vitcomAdapter.capabilities).not.toContain('numbers.e911')
    expect(Object.keys(client.numbers ?? {}).sort()).toEqual(['bulkOrder', 'bulkOrderStatus', 'change', 'purchase', 'read', 'release', 'reserve', 'search'])
  })

  it('tests the connection', async () => {
    expect((await client.testConnection({ signal: signal() })).message).toMatch(/answered/)
  })

  it('syncs every number through the sync runner, in batches, with E.164 and normalised statuses', async () => {
    const account = desk.account('vitcom')
    const run = desk.desk.sync.start({ accountIds: [account.id], areas: ['numbers'] })
    const [result] = await run.done
    expect(result).toMatchObject({ area: 'numbers', outcome: 'succeeded', rows: 1200 })
    // The same sync straight from the client: one page of 1,200 (batches are 5,000), each row mapped.
    const pages: { page: number; rows: PhoneNumberRecord[] }[] = []
    await client.syncNumbers!({ signal: signal(), onPage: (rows, info) => pages.push({ page: info.page, rows }) })
    expect(pages.map((page) => [page.page, page.rows.length])).toEqual([[1, 1200]])
    const rows = pages[0]!.rows
    expect(new Set(rows.map((row) => row.e164)).size).toBe(1200)
    expect(rows.every((row) => /^\+1[2-9]\d{9}$/.test(row.e164) && row.accountId === account.id && row.carrier === 'vitcom')).toBe(true)
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['active', 'suspended']))
    // The seeded drift: two toll-free numbers (0.95 a month) among the landlines (0.45), three numbers on the disabled trunk 99.
    const tollFree = rows.filter((row) => row.type === 'toll-free')
    expect(tollFree).toHaveLength(2)
    expect(tollFree.every((row) => /^\+18(00|33|44|55|66|77|88)\d{7}$/.test(row.e164) && row.monthlyCost === 0.95 && !row.cnam)).toBe(true)
    expect(rows.filter((row) => row.trunk === 'orig-99')).toHaveLength(3)
    const landlines = rows.filter((row) => row.type === 'local')
    expect(landlines).toHaveLength(1198)
    expect(rows.every((row) => /^orig-(99|10[0-4])$/.test(row.trunk ?? ''))).toBe(true)
    expect(landlines.every((row) => row.monthlyCost === 0.45)).toBe(true)
    expect(JSON.stringify(rows)).not.toContain(desk.sandbox.carriers.vitcom!.account.secrets.token!)
  })

  it('syncs trunk groups of both directions with unique ids', async () => {
    const trunks = await client.syncTrunks!({ signal: signal() })
    const origination = trunks.filter((trunk) => trunk.direction === 'origination')
    expect(origination.map((trunk) => trunk.id)).toEqual(['orig-99', 'orig-100', 'orig-101', 'orig-102', 'orig-103', 'orig-104'])
    expect(trunks.filter((trunk) => trunk.direction === 'termination').map((trunk) => trunk.id)).toEqual(['term-500', 'term-501'])
    expect(trunks.every((trunk) => trunk.ips.length > 0)).toBe(true)
    // The old PBX trunk the seeded drift left disabled; every other one is active.
    expect(trunks.filter((trunk) => trunk.status !== 'active').map((trunk) => [trunk.id, trunk.status])).toEqual([['orig-99', 'disabled']])
  })

  it('syncs port orders on the unified lifecycle as the clock moves them', async () => {
    const vitcom = desk.sandbox.carriers.vitcom!
    const zip = new Blob([Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])])
    const direct = new VitcomClient({ baseUrl: vitcom.baseUrl, accountNo: vitcom.account.accountNo, secrets: vitcom.account.secrets })
    const created = await direct.generateLnpOrder({
      numbers: ['2065550999'],
      category: 'landline',
      subscriberType: 'business',
      loaAuthorizingPerson: 'Sunny Summertime',
      loaDocument: { blob: zip, name: 'loa.zip' },
      carrierDocument: { blob: zip, name: 'bill.zip' },
      signal: signal(),
    })
    const statusNow = async () => {
      const ports: { id: string; status: string; focDate?: string; rejectionReason?: string }[] = []
      await client.syncPorts!({ signal: signal(), onPage: (rows) => ports.push(...rows) })
      return ports.find((port) => port.id === created.orderNo)
    }
    expect((await statusNow())?.status).toBe('submitted')
    desk.sandbox.clock.advance(3 * 3_600_000)
    expect((await statusNow())?.status).toBe('pending')
    desk.sandbox.clock.advance(2 * 86_400_000)
    const decided = await statusNow()
    expect(['foc-set', 'rejected']).toContain(decided?.status)
    if (decided?.status === 'foc-set') expect(decided.focDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    else expect(decided?.rejectionReason).toBeTruthy()
  })

  it('lists CDR files of both directions for a date range', async () => {
    const today = new Date(desk.sandbox.clock.now())
    const to = new Date(today.getTime() - 86_400_000).toISOString().slice(0, 10)
    const from = new Date(today.getTime() - 2 * 86_400_000).toISOString().slice(0, 10)
    const files = await client.syncCdrFiles!({ from, to, signal: signal() })
    expect(files).toHaveLength(8)
    expect(new Set(files.map((file) => `${file.direction}/${file.kind}`))).toEqual(new Set(['origination/successful', 'origination/failed', 'termination/successful', 'termination/failed']))
    expect(files.every((file) => file.day >= from && file.day <= to && file.url.endsWith('.csv'))).toBe(true)
  })

  it('never puts the account token in a CarrierError message', async () => {
    const vitcom = desk.sandbox.carriers.vitcom!
    const token = vitcom.account.secrets.token!
    vitcom.faults.configure({ script: [{ fault: 'token-expired', match: 'availabilitystate', count: 2 }] })
    const error = await client.testConnection({ signal: signal() }).then(() => undefined, (caught: unknown) => caught as Error)
    expect(error).toMatchObject({ code: 'auth' })
    expect(`${error?.message} ${JSON.stringify(error)}`).not.toContain(token)
    const refused = await client.numbers!.change!({ e164s: ['+12065550000'], change: { kind: 'status', status: 'active' }, signal: signal() })
    expect(refused[0]).toMatchObject({ ok: false })
    expect(refused[0]!.message).not.toContain(token)
  })
})
