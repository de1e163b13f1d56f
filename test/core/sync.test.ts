/**
 * Sync end to end: the real core, the real keychain and the four simulators. Every account's numbers,
 * trunks, ports and CDR listings land in SQLite; a carrier that cannot be reached fails alone and says so;
 * a cancelled sync leaves the previous cache exactly as it was.
 */
import { existsSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SyncFinished } from '../../src/shared/ipc-shared'
import { openSandboxDesk, type SandboxDesk } from '../helpers/sandbox-desk'

// VoIP Innovations: its 600 US numbers and the three international ones the seeded account owns (AuditIntlDIDs).
const inventory = { call48: 800, vitcom: 600, 'voip-innovations': 603 } as const

describe('sync across the four carriers', () => {
  let env: SandboxDesk
  beforeAll(async () => {
    env = await openSandboxDesk({ numbers: 2_000, seed: 5, callsPerDay: 300 })
  })
  afterAll(async () => {
    await env?.close()
  })

  const sync = async (input: { accountIds?: string[]; areas?: ('numbers' | 'trunks' | 'ports' | 'cdrs')[] } = {}) => {
    const run = env.desk.sync.start(input)
    return { runId: run.runId, results: await run.done }
  }

  it('pulls every carrier that lists inventory into the cache, with the simulator’s counts', async () => {
    const finished: SyncFinished[] = []
    const off = env.desk.events.on('sync.finished', (event) => finished.push(event))
    const { results } = await sync({ areas: ['numbers'] })
    off()
    expect(finished).toHaveLength(1)
    for (const [carrier, count] of Object.entries(inventory)) {
      const account = env.account(carrier as keyof typeof inventory)
      expect(results.find((r) => r.accountId === account.id)).toMatchObject({ outcome: 'succeeded', rows: count })
      const page = env.desk.store.numbers.list({ filters: { accountIds: [account.id] }, limit: 1000 })
      expect(page.total).toBe(count)
      for (const number of page.rows) {
        expect(number.e164).toMatch(number.type === 'international' ? /^\+[2-9]\d{7,14}$/ : /^\+1[2-9]\d{9}$/)
        expect(number.status).not.toBe('unknown')
      }
    }
    expect(env.desk.status().online).toBe(true)
  })

  it('fills trunks, ports and CDR listings where the carrier has them', async () => {
    const { results } = await sync({ areas: ['trunks', 'ports', 'cdrs'] })
    const failed = results.filter((r) => r.outcome === 'failed')
    expect(failed).toEqual([])
    const supported = results.filter((r) => r.outcome === 'succeeded')
    expect(supported.length).toBeGreaterThan(0)
    const trunks = env.desk.store.trunks.list()
    const ports = env.desk.store.ports.list()
    const cdrFiles = env.desk.store.cdrs.files()
    const cdrRecords = env.desk.store.db.prepare('SELECT a.account_id AS accountId FROM call_records r JOIN cdr_accounts a USING (account_key)').all() as { accountId: string }[]
    for (const r of supported) {
      const rows = { trunks: trunks, ports: ports, cdrs: [...cdrFiles, ...cdrRecords] }[r.area as 'trunks' | 'ports' | 'cdrs']
      expect(rows.filter((row) => row.accountId === r.accountId).length > 0 || r.rows === 0).toBe(true)
    }
  })

  it('downloads a listed CDR file to disk and exports the cached call records', async () => {
    const vitcom = env.account('vitcom')
    const listed = await env.dispatcher.invoke('cdrs.files', { accountId: vitcom.id })
    const first = listed.ok ? listed.value[0] : undefined
    expect(first).toBeDefined()
    if (!first) return
    const progress: number[] = []
    const off = env.desk.events.on('jobs.progress', (p) => progress.push(p.done))
    const downloaded = await env.dispatcher.invoke('cdrs.download', {
      jobId: crypto.randomUUID(), accountId: vitcom.id, day: first.day, kind: first.kind, direction: first.direction,
    })
    off()
    expect(downloaded.ok).toBe(true)
    if (!downloaded.ok) return
    const text = readFileSync(downloaded.value.file, 'utf8')
    expect(text.length).toBe(downloaded.value.bytes)
    expect(text.split('\n').length).toBeGreaterThan(1)
    expect(existsSync(`${downloaded.value.file}.part`)).toBe(false)
    expect(progress.at(-1)).toBe(downloaded.value.bytes)

    const total = env.desk.store.db.prepare('SELECT count(*) FROM call_records').pluck().get() as number
    expect(total).toBeGreaterThan(0)
    const now = env.sandbox.clock.now()
    const exported = await env.dispatcher.invoke('cdrs.export', { range: { from: now - 365 * 86_400_000, to: now + 86_400_000 }, timeZone: 'UTC' })
    expect(exported).toMatchObject({ ok: true, value: { rows: total } })
    if (exported.ok) expect(readFileSync(exported.value.file, 'utf8').trim().split('\n')).toHaveLength(total + 1)
  })

  it('a carrier that cannot be reached fails alone, says why, and keeps its cached numbers', async () => {
    const vitcom = env.account('vitcom')
    const before = env.desk.store.numbers.list({ filters: { accountIds: [vitcom.id] }, limit: 5 })
    env.sandbox.carriers.vitcom!.faults.configure({ resetRate: 1 })
    try {
      const { results } = await sync({ areas: ['numbers'] })
      const vitcomResult = results.find((r) => r.accountId === vitcom.id)
      expect(vitcomResult?.outcome).toBe('failed')
      expect(vitcomResult?.message).toMatch(/could not be reached|reset|socket/i)
      expect(results.filter((r) => r.accountId !== vitcom.id && r.outcome === 'failed')).toEqual([])
      const after = env.desk.store.numbers.list({ filters: { accountIds: [vitcom.id] }, limit: 5 })
      expect(after).toEqual(before)
    } finally {
      env.sandbox.carriers.vitcom!.faults.configure({})
    }
  })

  it('goes offline when no carrier can be reached, and back online when one answers', async () => {
    for (const entry of env.sandbox.list()) entry.faults.configure({ resetRate: 1 })
    try {
      await sync({ areas: ['numbers'] })
      expect(env.desk.status().online).toBe(false)
    } finally {
      for (const entry of env.sandbox.list()) entry.faults.configure({})
    }
    await sync({ areas: ['numbers'], accountIds: [env.account('call48').id] })
    expect(env.desk.status().online).toBe(true)
  })

  it('a cancelled sync leaves the previous cache exactly as it was', async () => {
    const call48 = env.account('call48')
    const before = env.desk.store.numbers.list({ filters: { accountIds: [call48.id] }, limit: 1000 })
    env.sandbox.carriers.call48!.faults.configure({ latencyMs: 200 })
    try {
      const run = env.desk.sync.start({ accountIds: [call48.id], areas: ['numbers'] })
      setTimeout(() => env.desk.jobs.cancel(run.runId), 300)
      const results = await run.done
      expect(results[0]?.outcome).toBe('cancelled')
    } finally {
      env.sandbox.carriers.call48!.faults.configure({})
    }
    expect(env.desk.store.numbers.list({ filters: { accountIds: [call48.id] }, limit: 1000 })).toEqual(before)
  })
})
