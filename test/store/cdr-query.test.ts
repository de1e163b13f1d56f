/**
 * Reading the call-record store, on a real SQLite file of hand-made records in three accounts and two
 * carriers (many records sharing a start, within and across accounts):
 * - every page (both orders, shallow and deep), every export and every KPI answer, under each filter, for
 *   ranges off and on hour and day edges, in UTC, New York and Kolkata (+5:30), equals what a plain reading
 *   of the records computes;
 * - the query plans SQLite chooses for what the store runs read each account's range through an index led
 *   by the account and the time (or by the account and the number), merge several accounts without sorting
 *   the range, and never scan the table: before ANALYZE, as the app leaves the file, and after it.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/main/store/store'
import type { Db } from '../../src/main/store/database'
import { orderedRecords } from '../../src/main/store/repositories/cdr-query'
import { emptySums, type CdrFilters, type CdrGrouping, type CdrRange, type CdrSums } from '../../src/shared/cdrs'
import type { CarrierId, CdrRecord } from '../../src/shared/domain'
import { zonedTime } from '../../src/shared/zoned-time'
import { callRecord, putCallRecords } from '../helpers/call-records'
import { tempDir } from '../helpers/temp'

const minute = 60_000
const hour = 3_600_000
const day = 86_400_000
const day1 = Date.UTC(2026, 10, 19)
const accounts: readonly { id: string; carrier: CarrierId }[] = [
  { id: 'acct-a', carrier: 'vitcom' },
  { id: 'acct-b', carrier: 'vitcom' },
  { id: 'acct-c', carrier: 'call48' },
]
const ours = ['+13055550101', '+13055550102', '+13055550103', '+13055550104', '+13055550105']
const trunks = ['TG1', 'TG2', 'TG3', undefined]
const dispositions = ['answered', 'answered', 'answered', 'busy', 'no-answer', 'failed', 'cancelled'] as const

/** A small deterministic generator, so a failure names the same records every run. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state / 2_147_483_648
  }
}

/** 1,500 records per account over three UTC days, on whole minutes (so many share a start), a few with no number of ours. */
function makeRecords(): CdrRecord[] {
  const rand = random(17)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  return accounts.flatMap(({ id, carrier }) =>
    Array.from({ length: 1_500 }, (_, index) => {
      const disposition = pick(dispositions)
      const billed = disposition === 'answered' ? 6 + Math.floor(rand() * 40) * 6 : 0
      // One in twenty names none of our numbers (a carrier's record of a call we only carried).
      const ourNumber = rand() < 0.05 ? undefined : pick(ours)
      const theirs = `+1${pick(['212', '305', '646', '415'])}555${String(Math.floor(rand() * 10_000)).padStart(4, '0')}`
      const inbound = rand() < 0.6
      return callRecord(id, `${id}-${String(index).padStart(5, '0')}`, {
        carrier,
        direction: inbound ? 'origination' : 'termination',
        startedAt: day1 + Math.floor(rand() * 3 * 24 * 60) * minute,
        from: inbound ? theirs : (ourNumber ?? '+14155550000'),
        to: inbound ? (ourNumber ?? '+14155550000') : theirs,
        ourNumber,
        trunk: pick(trunks),
        durationSeconds: billed,
        billedSeconds: billed,
        disposition,
        cost: Math.round(billed * rand() * 100) / 1_000_000,
      })
    }),
  )
}

const records = makeRecords()
const keyOf = new Map<string, number>()
const label = (record: CdrRecord): string => `${record.accountId}/${record.id}`

/** The filters as a plain reading of one record. */
function matches(record: CdrRecord, range: CdrRange): boolean {
  const f = range.filters
  const other = record.ourNumber === record.from ? record.to : record.from
  return (
    record.startedAt >= range.from &&
    record.startedAt < range.to &&
    (!f.accountIds || f.accountIds.includes(record.accountId)) &&
    (!f.carriers || f.carriers.includes(record.carrier)) &&
    (!f.direction || record.direction === f.direction) &&
    (!f.dispositions || f.dispositions.includes(record.disposition)) &&
    (!f.trunk || record.trunk === f.trunk) &&
    (!f.ourNumber || record.ourNumber === f.ourNumber) &&
    (!f.otherParty || other.includes(f.otherParty)) &&
    (f.minDurationSeconds === undefined || record.billedSeconds >= f.minDurationSeconds)
  )
}

/** The range's records in the store's order: start, then account, then record id. */
function expectedOrder(range: CdrRange, order: 'newest' | 'oldest'): string[] {
  const sorted = records
    .filter((record) => matches(record, range))
    .sort((a, b) => a.startedAt - b.startedAt || keyOf.get(a.accountId)! - keyOf.get(b.accountId)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  if (order === 'newest') sorted.reverse()
  return sorted.map(label)
}

const mod = (value: number, by: number): number => ((value % by) + by) % by

/** Each zone's hour and day labels, by local bucket start (Intl is slow enough to matter over 4,500 records). */
const labels = new Map<string, { zoned: ReturnType<typeof zonedTime>; hours: Map<number, string>; days: Map<number, string> }>()

/** KPI sums per group, computed record by record. */
function expectedGroups(range: CdrRange, grouping: CdrGrouping | undefined, zone: string): Map<string, CdrSums> {
  const zoned = labels.get(zone) ?? { zoned: zonedTime(zone), hours: new Map<number, string>(), days: new Map<number, string>() }
  labels.set(zone, zoned)
  const hourLabel = (at: number): string => {
    const start = at - mod(at + zoned.zoned.offsetAt(at), hour)
    return zoned.hours.get(start) ?? zoned.hours.set(start, zoned.zoned.minuteLabel(start)).get(start)!
  }
  const dayLabel = (at: number): string => {
    const start = zoned.zoned.dayStart(at)
    return zoned.days.get(start) ?? zoned.days.set(start, zoned.zoned.dayLabel(start)).get(start)!
  }
  const groups = new Map<string, CdrSums>()
  for (const record of records) {
    if (!matches(record, range)) continue
    const at = record.startedAt
    const group =
      grouping === undefined ? ''
      : grouping === 'hour' ? hourLabel(at)
      : grouping === 'day' ? dayLabel(at)
      : grouping === 'account' ? record.accountId
      : grouping === 'trunk' ? (record.trunk ?? '')
      : (record.ourNumber ?? '')
    const sums = groups.get(group) ?? emptySums()
    sums.attempts += 1
    sums.answered += record.billedSeconds > 0 ? 1 : 0
    sums.billedSeconds += record.billedSeconds
    sums.cost += record.cost ?? 0
    groups.set(group, sums)
  }
  return groups
}

const filterSets: readonly [string, CdrFilters][] = [
  ['no filter', {}],
  ['one account', { accountIds: ['acct-a'] }],
  ['two accounts', { accountIds: ['acct-a', 'acct-c'] }],
  ['one carrier (two accounts)', { carriers: ['vitcom'] }],
  ['one account, direction and trunk', { accountIds: ['acct-b'], direction: 'origination', trunk: 'TG2' }],
  ['a number of ours, every account', { ourNumber: '+13055550103' }],
  ['a number of ours in one account', { accountIds: ['acct-c'], ourNumber: '+13055550102' }],
  ['two dispositions', { dispositions: ['busy', 'failed'] }],
  ['the other party', { otherParty: '212555' }],
  ['a minimum duration, two accounts', { accountIds: ['acct-b', 'acct-c'], minDurationSeconds: 120 }],
]

/** Off the hour at both ends; whole hours; whole UTC days; within one hour; from and to on records' starts. */
const ranges: readonly [string, number, number][] = [
  ['off the hour', day1 + 10 * hour + 17 * minute, day1 + 2 * day + 5 * hour + 43 * minute],
  ['whole hours', day1 + 3 * hour, day1 + day + 21 * hour],
  ['whole days', day1, day1 + 3 * day],
  ['within an hour', day1 + day + 14 * hour + 5 * minute, day1 + day + 14 * hour + 50 * minute],
  ['on records', ...([records[10]!.startedAt, records[4_000]!.startedAt].sort((a, b) => a - b) as [number, number])],
]

describe('reading the call-record store', () => {
  let dir: ReturnType<typeof tempDir>
  let store: Store

  beforeAll(() => {
    dir = tempDir()
    store = openStore(join(dir.path, 'cache.db'))
    for (const { id, carrier } of accounts) {
      store.accounts.insert({ id, carrier, name: id, baseUrl: 'http://127.0.0.1:9', environment: 'sandbox', storedSecrets: [], createdAt: 1, updatedAt: 1 })
      // Accounts get their keys in this order; b before a, so key order is not id order.
    }
    for (const id of ['acct-b', 'acct-a', 'acct-c']) {
      const mine = records.filter((record) => record.accountId === id)
      expect(putCallRecords(store, mine)).toBe(mine.length)
      keyOf.set(id, store.callRecords.accountKey(id, mine[0]!.carrier))
    }
  })
  afterAll(() => {
    store.close()
    dir.remove()
  })

  it('holds records that share a start, within one account and across accounts', () => {
    const starts = new Map<number, Set<string>>()
    for (const record of records) starts.set(record.startedAt, (starts.get(record.startedAt) ?? new Set()).add(record.accountId))
    expect([...starts.values()].filter((accountIds) => accountIds.size > 1).length).toBeGreaterThan(100)
    expect(starts.size).toBeLessThan(records.length - 1_000)
  })

  it('finds one record with its raw record, by its id alone or with its start (and not with another start)', () => {
    for (const record of [records[7]!, records[1_600]!, records[4_499]!]) {
      const alone = store.callRecords.record(record.accountId, record.id)
      expect(alone).toMatchObject({ accountId: record.accountId, id: record.id, startedAt: record.startedAt, raw: record.raw })
      expect(store.callRecords.record(record.accountId, record.id, record.startedAt)).toEqual(alone)
      expect(store.callRecords.record(record.accountId, record.id, record.startedAt + 1)).toBeUndefined()
    }
  })

  for (const [name, filters] of filterSets) {
    it(`pages, exports and totals equal a plain reading of the records: ${name}`, () => {
      for (const [rangeName, from, to] of ranges) {
        const range: CdrRange = { from, to, filters }
        for (const order of ['newest', 'oldest'] as const) {
          const expected = expectedOrder(range, order)
          for (const [offset, limit] of [[0, 100], [150, 50], [2_100, 100], [expected.length - 30, 100]] as const) {
            if (offset < 0) continue
            const page = store.callRecords.list({ range, order, offset, limit }).map(label)
            expect(page, `${order}, offset ${offset}`).toEqual(expected.slice(offset, offset + limit))
          }
          // An export opens a connection of its own: two ranges are enough to show it reads what a page does.
          if (rangeName === 'off the hour' || rangeName === 'on records') expect([...store.callRecords.iterate(range, order)].map(label)).toEqual(expected)
        }
        expect(store.callRecords.stats({ range, limit: 1_000 }).total.attempts).toBe(expectedOrder(range, 'oldest').length)
      }
    })

    it(`KPIs per group, in UTC, New York and Kolkata, equal sums of the records: ${name}`, () => {
      for (const [rangeName, from, to] of ranges) {
        const range: CdrRange = { from, to, filters }
        for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
          // Only time buckets depend on the zone.
          for (const groupBy of zone === 'UTC' ? ([undefined, 'hour', 'day', 'account', 'trunk', 'number'] as const) : (['hour', 'day'] as const)) {
            const where = `${rangeName}, ${zone}, by ${groupBy ?? 'nothing'}`
            const stats = store.callRecords.stats({ range, groupBy, timeZone: zone, limit: 1_000 })
            const expected = expectedGroups(range, groupBy, zone)
            const total = [...expected.values()].reduce((sum, sums) => ({
              attempts: sum.attempts + sums.attempts,
              answered: sum.answered + sums.answered,
              billedSeconds: sum.billedSeconds + sums.billedSeconds,
              cost: sum.cost + sums.cost,
            }), emptySums())
            expect(stats.total, where).toMatchObject({ attempts: total.attempts, answered: total.answered, billedSeconds: total.billedSeconds })
            expect(stats.total.cost, where).toBeCloseTo(total.cost, 6)
            if (groupBy === undefined) continue
            const got = new Map(stats.rows.map((row) => [row.group, row]))
            expect([...got.keys()].sort(), where).toEqual([...expected.keys()].sort())
            for (const [group, sums] of expected) {
              expect(got.get(group), `${where}: ${group}`).toMatchObject({ attempts: sums.attempts, answered: sums.answered, billedSeconds: sums.billedSeconds })
            }
            if (groupBy === 'hour' || groupBy === 'day') {
              const ats = stats.rows.map((row) => row.at!)
              expect(ats, where).toEqual([...ats].sort((a, b) => a - b))
            }
          }
        }
      }
    })
  }

  describe('query plans', () => {
    const range = (filters: CdrFilters): CdrRange => ({ from: day1 + 10 * hour + 17 * minute, to: day1 + 2 * day + 5 * hour + 43 * minute, filters })
    const page = (filters: CdrFilters) => () => store.callRecords.list({ range: range(filters), order: 'newest', offset: 0, limit: 100 })
    const kpis = (filters: CdrFilters) => () => store.callRecords.stats({ range: range(filters), limit: 1_000 })

    /** The plan of each statement on call records the store ran during `action`, with the values it bound. */
    function plansOf(db: Db, action: () => unknown): string[][] {
      const runs: { sql: string; params: unknown[] }[] = []
      const prepare = db.prepare
      db.prepare = ((sql: string) => {
        const statement = prepare.call(db, sql)
        const watched: typeof statement = new Proxy(statement, {
          get(target, property) {
            const value: unknown = Reflect.get(target, property, target)
            if (typeof value !== 'function') return value
            return (...args: unknown[]) => {
              if (['all', 'get', 'iterate', 'run'].includes(String(property))) runs.push({ sql, params: args })
              const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args)
              return result === target ? watched : result
            }
          },
        })
        return watched
      }) as typeof db.prepare
      try {
        action()
      } finally {
        db.prepare = prepare
      }
      return runs
        .filter((run) => /\bFROM (call_records|cdr_hourly|cdr_daily_\w+)\b/.test(run.sql))
        .map((run) => ((prepare.call(db, `EXPLAIN QUERY PLAN ${run.sql}`) as { all(...params: unknown[]): unknown }).all(...run.params) as { detail: string }[]).map((row) => row.detail))
    }

    /** The plans' first steps on the rollups, and the plans on the records. */
    const rollupsOf = (plans: string[][]): string[] => plans.map((plan) => plan[0]!).filter((step) => /^SEARCH cdr_/.test(step))
    const recordsOf = (plans: string[][]): string[][] => plans.filter((plan) => !/^SEARCH cdr_/.test(plan[0]!))

    const byAccountAndTime = 'SEARCH call_records USING INDEX call_records_account_time (account_key=? AND started_at>? AND started_at<?)'
    const byTime = 'SEARCH call_records USING INDEX call_records_time (started_at>? AND started_at<?)'
    const hourlyByAccount = 'SEARCH cdr_hourly USING PRIMARY KEY (account_key=? AND hour>? AND hour<?)'
    const byNumber = 'SEARCH call_records USING INDEX call_records_number (account_key=? AND our_number=? AND started_at>? AND started_at<?)'

    /** What no plan may do: scan the table, find an account's records without their range, or sort the whole range. */
    function expectNoWalk(plans: string[][]): void {
      expect(plans.length).toBeGreaterThan(0)
      for (const plan of plans) {
        for (const step of plan) {
          expect(step).not.toMatch(/^SCAN (call_records|cdr_)/)
          expect(step).not.toMatch(/\(account_key=\?\)$/)
          expect(step).not.toBe('USE TEMP B-TREE FOR ORDER BY')
        }
      }
    }

    const checks: readonly [string, () => unknown, (plans: string[][]) => void][] = [
      ['first page, one account, two filters: one seek in time order', page({ accountIds: ['acct-a'], direction: 'origination', trunk: 'TG1' }), (plans) => {
        expect(plans).toEqual([[byAccountAndTime, 'USE TEMP B-TREE FOR LAST TERM OF ORDER BY']])
      }],
      ['first page, two accounts: a seek per account, merged', page({ accountIds: ['acct-a', 'acct-b'], trunk: 'TG2' }), (plans) => {
        expect(plans).toHaveLength(1)
        expect(plans[0]![0]).toBe('MERGE (UNION ALL)')
        expect(plans[0]!.filter((step) => step === byAccountAndTime)).toHaveLength(2)
      }],
      ['first page, every account: the time index, in order', page({ direction: 'termination' }), (plans) => {
        expect(plans).toEqual([[byTime]])
      }],
      ['first page, a number of ours: its index in each account', page({ ourNumber: '+13055550101' }), (plans) => {
        expect(plans[0]!.filter((step) => step === byNumber)).toHaveLength(3)
      }],
      ['KPIs, one account, two filters: the partial hours by seek, the rest from the hourly rollup', kpis({ accountIds: ['acct-a'], direction: 'origination', trunk: 'TG1' }), (plans) => {
        expect(recordsOf(plans).map((plan) => plan[0])).toEqual([byAccountAndTime, byAccountAndTime])
        expect(rollupsOf(plans)).toEqual([hourlyByAccount])
      }],
      ['KPIs, two accounts: the partial hours by seeks', kpis({ accountIds: ['acct-a', 'acct-c'] }), (plans) => {
        expect(recordsOf(plans).map((plan) => plan[0])).toEqual([byAccountAndTime, byAccountAndTime])
        expect(rollupsOf(plans)).toEqual([hourlyByAccount])
      }],
      ['KPIs, a number of ours: its index, the whole days from the daily rollup', kpis({ accountIds: ['acct-b'], ourNumber: '+13055550104' }), (plans) => {
        expect(recordsOf(plans).map((plan) => plan[0])).toEqual([byNumber, byNumber])
        expect(rollupsOf(plans)).toEqual(['SEARCH cdr_daily_numbers USING PRIMARY KEY (account_key=? AND day>? AND day<?)'])
      }],
      ['KPIs with a filter no rollup keeps: one seek over the range', kpis({ accountIds: ['acct-b'], minDurationSeconds: 60 }), (plans) => {
        expect(plans.map((plan) => plan[0])).toEqual([byAccountAndTime])
      }],
      ['a record by its id and start: one seek of the unique time index', () => store.callRecords.record(records[7]!.accountId, records[7]!.id, records[7]!.startedAt), (plans) => {
        expect(plans).toEqual([['SEARCH call_records USING INDEX call_records_time (started_at=? AND account_key=? AND record_id=?)']])
      }],
    ]

    for (const analysed of [false, true]) {
      for (const [name, action, check] of checks) {
        it(`${analysed ? 'after ANALYZE' : 'unanalysed'}: ${name}`, () => {
          if (analysed) store.db.exec('ANALYZE')
          else expect(store.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").pluck().get()).toBe(0)
          const plans = plansOf(store.db, action)
          expectNoWalk(plans)
          check(plans)
        })
      }
    }

    it('an export of several accounts streams a merge of seeks, with no sort of the range', () => {
      const ordered = orderedRecords({ keys: [1, 2, 3], filters: { trunk: 'TG3' }, from: day1, to: day1 + 3 * day, order: 'oldest', columns: 'started_at, account_key, record_id' })
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${ordered.sql}`).all(...ordered.params) as { detail: string }[]).map((row) => row.detail)
      expect(plan[0]).toBe('MERGE (UNION ALL)')
      expect(plan.filter((step) => step === byAccountAndTime)).toHaveLength(3)
      expectNoWalk([plan])
    })
  })
})
