/**
 * The Numbers core through the dispatcher (as the renderer reaches it): CSV export of the whole filtered
 * result in the user's time zone, saved views, and the guards on changes that cost money or move calls.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PhoneNumberRecord } from '../../src/shared/domain'
import { createCarrierDesk, type CarrierDesk } from '../../src/main/core/carrierdesk'
import { createDispatcher, type Dispatcher } from '../../src/main/core/dispatcher'
import { tempDir } from '../helpers/temp'

const asOf = Date.UTC(2026, 10, 22, 3, 30, 0)

describe('the Numbers core', () => {
  const dir = tempDir()
  let desk: CarrierDesk
  let dispatcher: Dispatcher

  beforeAll(() => {
    desk = createCarrierDesk({ dataDir: dir.path, actor: 'test:numbers', now: () => asOf })
    dispatcher = createDispatcher(desk)
    desk.store.accounts.insert({
      id: 'acc', carrier: 'call48', name: 'Call48 East', baseUrl: 'http://127.0.0.1:9', environment: 'sandbox',
      storedSecrets: [], createdAt: 1, updatedAt: 1,
    })
    const session = desk.store.numbers.beginSync('acc')
    const rows: PhoneNumberRecord[] = []
    for (let i = 0; i < 2_500; i += 1) {
      rows.push({
        accountId: 'acc', carrier: 'call48', e164: `+1305555${String(i).padStart(4, '0')}`, type: 'local',
        status: i % 5 === 0 ? 'suspended' : 'active', state: 'FL', rateCenter: 'MIAMI',
        cnam: i % 2 === 0 ? 'ACME, "THE" DENTAL' : undefined, asOf, raw: { i },
      })
    }
    session.writePage(rows)
    session.commit(asOf)
  })
  afterAll(async () => {
    await desk.close()
    dir.remove()
  })

  it('exports the whole filtered result, not a page, as CSV with times in the user zone', async () => {
    const query = { filters: { statuses: ['active' as const] }, search: 'acme', sort: { column: 'e164' as const, direction: 'asc' as const } }
    const page = await dispatcher.invoke('numbers.list', { ...query, limit: 100 })
    expect(page.ok && page.value.total).toBe(1_000)

    const result = await dispatcher.invoke('numbers.export', { query, timeZone: 'America/New_York' })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.rows).toBe(1_000)
    const rows = parse(readFileSync(result.value.file), { columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(1_000)
    expect(rows[0]).toMatchObject({ number: '+13055550002', status: 'active', cnam: 'ACME, "THE" DENTAL', account: 'Call48 East' })
    // 03:30 UTC on 22 November is 22:30 the evening before in New York.
    expect(rows[0]?.asOf).toMatch(/^2026-11-21 22:30:00/)
    // Nothing half-written is left beside the finished file.
    expect(readdirSync(join(dir.path, 'exports')).filter((name) => name.endsWith('.part'))).toEqual([])
  })

  it('refuses an unknown time zone without writing a file', async () => {
    const before = readdirSync(join(dir.path, 'exports')).length
    const result = await dispatcher.invoke('numbers.export', { query: {}, timeZone: 'Mars/Olympus_Mons' })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('validation')
    expect(readdirSync(join(dir.path, 'exports'))).toHaveLength(before)
  })

  it('saves, replaces, lists and removes named views', async () => {
    const view = { filters: { carriers: ['call48'] }, sort: { column: 'status', direction: 'desc' }, columns: ['e164', 'status'] }
    const saved = await dispatcher.invoke('views.save', { screen: 'numbers', name: 'Suspended at Call48', view })
    expect(saved.ok).toBe(true)
    await dispatcher.invoke('views.save', { screen: 'numbers', name: 'Suspended at Call48', view: { ...view, columns: ['e164'] } })
    const listed = await dispatcher.invoke('views.list', { screen: 'numbers' })
    expect(listed.ok && listed.value.map((v) => [v.name, (v.view as { columns: string[] }).columns])).toEqual([
      ['Suspended at Call48', ['e164']],
    ])
    if (!saved.ok) return
    expect(await dispatcher.invoke('views.remove', { id: saved.value.id })).toEqual({ ok: true, value: { removed: true } })
  })

  it('refuses routing changes, releases and purchases that were not confirmed', async () => {
    const target = { accountId: 'acc', e164: '+13055550001' }
    const jobId = crypto.randomUUID()
    for (const [channel, input] of [
      ['numbers.change', { jobId, targets: [target], change: { kind: 'routing', routing: { kind: 'trunk', trunk: 'tg-9' } } }],
      ['numbers.release', { jobId, targets: [target] }],
      ['numbers.purchase', { jobId, offerIds: ['x'] }],
    ] as const) {
      const result = await dispatcher.invoke(channel, input)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.details?.fields).toMatchObject({ confirmed: 'This change must be confirmed' })
    }
    expect(desk.activity.list({ limit: 10 }).filter((entry) => entry.action.startsWith('number.'))).toEqual([])
  })

  it('keeps tags and notes locally and logs the change with before and after', async () => {
    const result = await dispatcher.invoke('numbers.setNotes', {
      accountId: 'acc', e164: '+13055550001', tags: ['Lobby'], notes: 'Front desk phone',
    })
    expect(result.ok && result.value.tags).toEqual(['lobby'])
    const detail = await dispatcher.invoke('numbers.get', { accountId: 'acc', e164: '+13055550001' })
    expect(detail.ok && detail.value.activity.map((entry) => [entry.action, entry.details])).toEqual([
      ['number.notes', { before: { tags: [] }, after: { tags: ['lobby'], notes: 'Front desk phone' } }],
    ])
    expect(detail.ok && detail.value.number.raw).toEqual({ i: 1 })
  })
})
