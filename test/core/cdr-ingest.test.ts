/**
 * Ingesting a CDR file into the call-record store, and the KPI definitions, on a real SQLite file: a file
 * with reordered columns, quoted commas, an unknown column and a truncated last line ingests with the right
 * counts; re-ingesting changes nothing; attempts, answered, ASR, ACD and MOU hold on hand-built records,
 * from the rollups and from the records alike; pruning past the retention setting.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CarrierClient } from '../../src/main/carriers/adapter'
import { readVitcomCdrFile } from '../../src/main/carriers/vitcom/cdr-file'
import { ingestFile } from '../../src/main/core/cdrs/fetch'
import type { AccountRow } from '../../src/main/store/repositories/accounts'
import { openStore, type Store } from '../../src/main/store/store'
import { kpisOf, type CdrRange } from '../../src/shared/cdrs'
import { callRecord, putCallRecords } from '../helpers/call-records'
import { tempDir } from '../helpers/temp'

const day = Date.UTC(2026, 10, 20)
const wholeDay: CdrRange = { from: day, to: day + 86_400_000, filters: {} }

describe('the call-record store', () => {
  let dir: ReturnType<typeof tempDir>
  let store: Store
  const account = { id: 'acct-vitcom', carrier: 'vitcom', name: 'Vitcom NOC' } as AccountRow

  beforeEach(() => {
    dir = tempDir()
    store = openStore(join(dir.path, 'cache.db'))
    for (const [id, carrier] of [['acct-vitcom', 'vitcom'], ['acct-c48', 'call48']] as const) {
      store.accounts.insert({ id, carrier, name: id, baseUrl: 'http://127.0.0.1:9', environment: 'sandbox', storedSecrets: [], createdAt: 1, updatedAt: 1 })
    }
  })
  afterEach(() => {
    store.close()
    dir.remove()
  })

  const client = { readCdrFile: (options) => readVitcomCdrFile({ ...options, accountId: account.id, timeZone: 'UTC' }) } as CarrierClient
  const ingest = (file: string) =>
    ingestFile(client, account, { file, direction: 'origination' }, { source: 'import:test.csv' }, { store, now: () => day + 90_000_000 }, new AbortController().signal)

  it('reads a file with reordered columns, quoted commas, an unknown column and a truncated last line, and counts the rows it could not read', async () => {
    const file = join(dir.path, 'orig_20261120.csv')
    writeFileSync(
      file,
      [
        // Reordered, one renamed (billsec), one unknown (switch_node).
        'dnis,ani,start_time,call_id,billsec,switch_node,charge,disposition,cause_code,cause_text,trunk_group,end_time,answer_time,duration_sec',
        '+13055550199,+12125550100,2026-11-20 14:00:00,c-1,61,"node 7, rack 2",0.0061,ANSWERED,16,"Normal call clearing",TG1,2026-11-20 14:01:03,2026-11-20 14:00:02,61',
        '+13055550199,+12125550101,2026-11-20 14:05:00,c-2,0,node-8,0,BUSY,17,"User busy, try later",TG1,2026-11-20 14:05:04,,0',
        '+13055550198,+12125550102,not a time,c-3,0,node-8,0,FAILED,34,No circuit,TG2,,,0',
        '+13055550198,+12125550103,2026-11-20 15:00:00,c-4,30,node-8,0.003,ANSWERED,16,Normal,TG2,2026-11-20 15:00:31,2026-11-20 15:00:01,30',
        '+13055550198,+12125550104,2026-11-20 16:00:00,c-5,4', // truncated
      ].join('\n'),
    )
    const result = await ingest(file)
    expect(result).toMatchObject({ read: 5, added: 3, rejected: 2 })
    expect(result.problems).toHaveLength(2)
    expect(result.problems.join(' ')).toMatch(/line 4/)
    expect(result.problems.join(' ')).toMatch(/line 6/)
    const rows = store.callRecords.list({ range: wholeDay, order: 'oldest', offset: 0, limit: 10 })
    expect(rows.map((r) => [r.id, r.from, r.to, r.billedSeconds, r.disposition, r.trunk, r.causeText])).toEqual([
      ['c-1', '+12125550100', '+13055550199', 61, 'answered', 'TG1', 'Normal call clearing'],
      ['c-2', '+12125550101', '+13055550199', 0, 'busy', 'TG1', 'User busy, try later'],
      ['c-4', '+12125550103', '+13055550198', 30, 'answered', 'TG2', 'Normal'],
    ])
    expect(rows[0]).toMatchObject({ startedAt: Date.UTC(2026, 10, 20, 14, 0, 0), answeredAt: Date.UTC(2026, 10, 20, 14, 0, 2), direction: 'origination', cost: 0.0061 })
    // The raw record is the file's line, read back through its header, the unknown column included.
    expect(store.callRecords.record(account.id, 'c-1')?.raw).toMatchObject({ call_id: 'c-1', switch_node: 'node 7, rack 2' })

    // The same file again: nothing new, the KPIs unchanged.
    const before = store.callRecords.stats({ range: wholeDay, limit: 10 }).total
    expect(await ingest(file)).toMatchObject({ read: 5, added: 0, rejected: 2 })
    expect(store.callRecords.stats({ range: wholeDay, limit: 10 }).total).toEqual(before)
    expect(before).toMatchObject({ attempts: 3, answered: 2, billedSeconds: 91 })
  })

  it('computes attempts, answered, ASR, ACD and MOU as the README defines them, from the rollups and the records alike', () => {
    const at = (minutes: number): number => day + 10 * 3_600_000 + minutes * 60_000
    putCallRecords(store, [
      callRecord('acct-c48', 'a', { startedAt: at(0), billedSeconds: 120, cost: 0.01, trunk: 'T1' }),
      callRecord('acct-c48', 'b', { startedAt: at(5), billedSeconds: 30, cost: 0.002, trunk: 'T1' }),
      callRecord('acct-c48', 'c', { startedAt: at(10), billedSeconds: 0, durationSeconds: 0, disposition: 'busy', causeCode: '17', cost: 0, trunk: 'T2' }),
      callRecord('acct-c48', 'd', { startedAt: at(75), billedSeconds: 0, durationSeconds: 0, disposition: 'no-answer', causeCode: '19', trunk: 'T2' }),
    ])
    // Hand computation: 4 attempts, 2 answered (billed > 0), ASR 0.5, ACD (120 + 30) / 2 = 75 s, MOU 150 / 60 = 2.5.
    const expected = { attempts: 4, answered: 2, asr: 0.5, acdSeconds: 75, minutes: 2.5, billedSeconds: 150 }
    const fromRollups = store.callRecords.stats({ range: wholeDay, limit: 10 })
    const fromRecords = store.callRecords.stats({ range: { ...wholeDay, from: day + 1 }, limit: 10 }, { rollups: false })
    expect(fromRollups.total).toMatchObject(expected)
    expect(fromRecords.total).toMatchObject(expected)
    expect(kpisOf({ attempts: 0, answered: 0, billedSeconds: 0, cost: 0 })).toMatchObject({ asr: null, acdSeconds: null, minutes: 0 })
    const byTrunk = store.callRecords.stats({ range: wholeDay, groupBy: 'trunk', limit: 10 }).rows
    expect(byTrunk.map((row) => [row.group, row.attempts, row.answered, row.asr])).toEqual([
      ['T1', 2, 2, 1],
      ['T2', 2, 0, 0],
    ])
    const byHour = store.callRecords.stats({ range: wholeDay, groupBy: 'hour', limit: 10 }).rows
    expect(byHour.map((row) => [row.group, row.attempts])).toEqual([
      ['2026-11-20 10:00', 3],
      ['2026-11-20 11:00', 1],
    ])
    // A busy filter and a minimum duration narrow the same way in every view.
    expect(store.callRecords.stats({ range: { ...wholeDay, filters: { dispositions: ['busy'] } }, limit: 10 }).total.attempts).toBe(1)
    expect(store.callRecords.list({ range: { ...wholeDay, filters: { minDurationSeconds: 60 } }, order: 'newest', offset: 0, limit: 10 }).map((r) => r.id)).toEqual(['a'])
  })

  it('prunes the records before the retention cut-off with their rollups, and says so in the coverage', () => {
    putCallRecords(store, [
      callRecord('acct-c48', 'old', { startedAt: day - 10 * 86_400_000 }),
      callRecord('acct-c48', 'new', { startedAt: day + 3_600_000 }),
    ])
    expect(store.callRecords.countBefore(day)).toBe(1)
    expect(store.callRecords.prune(day)).toMatchObject({ deleted: 1 })
    const all: CdrRange = { from: day - 30 * 86_400_000, to: day + 86_400_000, filters: {} }
    expect(store.callRecords.stats({ range: all, limit: 10 }).total.attempts).toBe(1)
    expect(store.callRecords.coverage()).toMatchObject([{ accountId: 'acct-c48', records: 1 }])
  })
})
