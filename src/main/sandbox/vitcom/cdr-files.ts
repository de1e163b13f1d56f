/**
 * Daily CDR files: `daily_cdrs` (origination) and `daily_cdrs_termination` list one successful-calls and
 * one failed-calls CSV per day of history, and `/uploads/cdr/<accountno>/<file>.csv` serves them. Each
 * file is derived from the kit's deterministic call history (see kit/calls.ts for how traffic varies) and
 * streamed in slices, so a day of a million calls is never held in memory, and the same file downloaded
 * twice is the same bytes.
 *
 * The doc shows the listing, not the files: their columns are the Sandbox's choice (below). Times are UTC,
 * `YYYY-MM-DD HH:MM:SS` like every Vitcom time. Origination calls arrive from the far end (`ani`) at one
 * of the account's numbers (`dnis`) on the trunk group that number is routed to (`TG<tg_id>`); termination
 * calls leave from one of the account's numbers on termination trunk TG500 (80%) or its overflow TG501.
 * The Call Center trunk (TG101) and the overflow (TG501) are congested: they answer fewer calls.
 * A field holding a comma or a quote (a cause text such as "Normal, unspecified") is quoted.
 */
import { Readable } from 'node:stream'
import { createCallStream, dayMs, type CallStream, type SimCall } from '../kit/calls'
import { csv, SimHttpError, type Router } from '../kit/http'
import { ownedNumberAt } from '../kit/numbering'
import { hash32, unit } from '../kit/random'
import { addEndpoint, type VitcomEnv } from './endpoint'
import { dateOnly, dateTime, invalid, ok, optionalDate, originOf, parseDate, vitcomError } from './forms'
import { seededTrunkOf } from './inventory'
import { congestedTrunks, historyWindow } from './stats'
import { terminationShare } from './termination'

type Direction = 'orig' | 'term'
type Kind = 'success' | 'failed'

export const cdrColumns = [
  'call_id',
  'start_time',
  'answer_time',
  'end_time',
  'ani',
  'dnis',
  'duration_sec',
  'billed_sec',
  'rate_per_min',
  'charge',
  'disposition',
  'sip_code',
  'cause_code',
  'cause_text',
  'trunk_group',
] as const

const rowsPerSlice = 500

/** Termination calls come from their own stream of the history, so they differ from origination calls. */
function historySeed(seed: number, direction: Direction): number {
  return direction === 'orig' ? seed : hash32(seed, 0x7e4a)
}

function callStream(env: VitcomEnv, direction: Direction): CallStream {
  const { seed, callsPerDay, ownedNumbers } = env.context
  const terminationTrunk = (hash: number): string => (unit(hash, 53) < (terminationShare[500] ?? 0.8) ? 'TG500' : 'TG501')
  return createCallStream({
    seed: historySeed(seed, direction),
    callsPerDay,
    ownedCount: ownedNumbers > 0 ? ownedNumbers : 1000,
    ours(index, hash) {
      const tn = ownedNumberAt('vitcom', seed, index).tn
      return { tn, trunk: direction === 'orig' ? `TG${seededTrunkOf(seed, tn)}` : terminationTrunk(hash) }
    },
    outbound: () => direction === 'term',
    congested: congestedTrunks,
  })
}

const csvField = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/*
 * A day file holds up to millions of rows: these formatters do what `dateTime`, `toFixed` and `join` would,
 * several times faster, which is what keeps a million-call day within seconds.
 */
const twoDigits = Array.from({ length: 60 }, (_, value) => (value < 10 ? `0${value}` : String(value)))
const causeFields = new Map<string, string>()
const rateFields = new Map<number, string>()

/** `dateTime` for times in the file's day (others, past midnight, the slow way). */
function stampFor(dayStart: number): (at: number) => string {
  const prefix = `${dateOnly(dayStart)} `
  return (at) => {
    const offset = at - dayStart
    if (offset < 0 || offset >= dayMs) return dateTime(at)
    const seconds = Math.floor(offset / 1000)
    return prefix + twoDigits[Math.floor(seconds / 3600)]! + ':' + twoDigits[Math.floor(seconds / 60) % 60]! + ':' + twoDigits[seconds % 60]!
  }
}

/** A non-negative amount with six decimals, as `toFixed(6)` writes it. */
function sixDecimals(amount: number): string {
  const micros = Math.round(amount * 1_000_000)
  const fraction = String(micros % 1_000_000)
  return `${Math.floor(micros / 1_000_000)}.${'000000'.slice(fraction.length)}${fraction}`
}

function cdrRow(call: SimCall, stamp: (at: number) => string): string {
  let rate = rateFields.get(call.ratePerMinute)
  if (rate === undefined) rateFields.set(call.ratePerMinute, (rate = call.ratePerMinute.toFixed(4)))
  let cause = causeFields.get(call.causeText)
  if (cause === undefined) causeFields.set(call.causeText, (cause = csvField(call.causeText)))
  return (
    call.id + ',' +
    stamp(call.startedAt) + ',' +
    (call.answeredAt === null ? '' : stamp(call.answeredAt)) + ',' +
    stamp(call.endedAt) + ',' +
    call.from + ',' +
    call.to + ',' +
    call.durationSeconds + ',' +
    call.billedSeconds + ',' +
    rate + ',' +
    sixDecimals(call.cost) + ',' +
    call.disposition + ',' +
    call.sipCode + ',' +
    call.causeCode + ',' +
    cause + ',' +
    call.trunk
  )
}

function* cdrCsv(stream: CallStream, callsPerDay: number, kind: Kind, dayStart: number): Generator<string> {
  const stamp = stampFor(dayStart)
  const answered = kind === 'success'
  yield `${cdrColumns.join(',')}\n`
  let slice: string[] = []
  for (let index = 0; index < callsPerDay; index += 1) {
    const call = stream.callIf(dayStart, index, answered)
    if (!call) continue
    slice.push(cdrRow(call, stamp))
    if (slice.length >= rowsPerSlice) {
      yield `${slice.join('\n')}\n`
      slice = []
    }
  }
  if (slice.length > 0) yield `${slice.join('\n')}\n`
}

function fileName(direction: Direction, day: number, kind: Kind): string {
  return `${direction}_${dateOnly(day)}_${kind}.csv`
}

function registerListing(router: Router, env: VitcomEnv, endpoint: string, direction: Direction): void {
  addEndpoint(router, env, endpoint, (fields, request) => {
    const { first, end } = historyWindow(env.context)
    const from = optionalDate(fields, 'from')
    const to = optionalDate(fields, 'to')
    if (from !== undefined && to !== undefined && from > to) throw invalid('to')
    // Both bounds are whole days, `to` included; without them the whole history is listed.
    const firstDay = Math.max(first, from === undefined ? first : Math.floor(from / dayMs) * dayMs)
    const lastDay = Math.min(end - dayMs, to === undefined ? end - dayMs : Math.floor(to / dayMs) * dayMs)
    const base = `${originOf(request)}/uploads/cdr/${env.state.accountNo}`
    const data: { date: string; success: string; failed: string }[] = []
    // Newest first, as in the doc's example.
    for (let day = lastDay; day >= firstDay; day -= dayMs) {
      data.push({
        date: dateTime(day),
        success: `${base}/${fileName(direction, day, 'success')}`,
        failed: `${base}/${fileName(direction, day, 'failed')}`,
      })
    }
    return ok({ data })
  })
}

export function registerCdrRoutes(router: Router, env: VitcomEnv): void {
  const streams: Record<Direction, CallStream> = { orig: callStream(env, 'orig'), term: callStream(env, 'term') }
  registerListing(router, env, 'daily_cdrs', 'orig')
  registerListing(router, env, 'daily_cdrs_termination', 'term')

  router.add('GET', '/uploads/cdr/:accountno/:file', (request) => {
    const notFound = new SimHttpError(404, 'File not found', vitcomError(404, 'File not found'))
    const match = /^(orig|term)_(\d{4}-\d{2}-\d{2})_(success|failed)\.csv$/.exec(request.params.file ?? '')
    if (request.params.accountno !== env.state.accountNo || !match) throw notFound
    const day = parseDate(match[2]!)
    const { first, end } = historyWindow(env.context)
    if (day === undefined || day < first || day >= end) throw notFound
    const body = Readable.from(cdrCsv(streams[match[1] as Direction], env.context.callsPerDay, match[3] as Kind, day))
    return csv(body, request.params.file)
  })
}
