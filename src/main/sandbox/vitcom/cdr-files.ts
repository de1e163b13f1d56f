/**
 * Daily CDR files: `daily_cdrs` (origination) and `daily_cdrs_termination` list one successful-calls and
 * one failed-calls CSV per day of history, and `/uploads/cdr/<accountno>/<file>.csv` serves them. Each
 * file is derived from the kit's deterministic call history and streamed in slices, so a day of a million
 * calls is never held in memory.
 */
import { Readable } from 'node:stream'
import { callAt, dayMs, type SimCall } from '../kit/calls'
import { csv, SimHttpError, type Router } from '../kit/http'
import { ownedNumberAt } from '../kit/numbering'
import { hash32, unit } from '../kit/random'
import { addEndpoint, type VitcomEnv } from './endpoint'
import { dateOnly, dateTime, invalid, ok, optionalDate, originOf, parseDate, vitcomError } from './forms'
import { historyWindow } from './stats'

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
  'trunk_group',
] as const

const rowsPerSlice = 500

/** Termination calls come from their own stream of the history, so they differ from origination calls. */
function historySeed(seed: number, direction: Direction): number {
  return direction === 'orig' ? seed : hash32(seed, 0x7e4a)
}

function cdrRow(call: SimCall, ours: string, direction: Direction, seed: number, index: number): string {
  const theirs = call.from === ours ? call.to : call.from
  const ringMs = (call.answered ? 2 + (hash32(seed, index, 51) % 10) : 5 + (hash32(seed, index, 52) % 30)) * 1000
  const answerAt = call.startedAt + ringMs
  const endAt = call.answered ? answerAt + call.durationSeconds * 1000 : answerAt
  const trunk = direction === 'orig' ? call.trunk : unit(seed, index, 53) < 0.8 ? 'TG500' : 'TG501'
  return [
    call.id,
    dateTime(call.startedAt),
    call.answered ? dateTime(answerAt) : '',
    dateTime(endAt),
    // Origination: the far end calls one of the account's DIDs; termination: the account calls out.
    direction === 'orig' ? theirs : ours,
    direction === 'orig' ? ours : theirs,
    String(call.durationSeconds),
    String(call.billedSeconds),
    call.ratePerMinute.toFixed(4),
    call.cost.toFixed(6),
    call.disposition,
    String(call.sipCode),
    trunk,
  ].join(',')
}

function* cdrCsv(env: VitcomEnv, direction: Direction, kind: Kind, dayStart: number): Generator<string> {
  const { seed: baseSeed, callsPerDay, ownedNumbers } = env.context
  const seed = historySeed(baseSeed, direction)
  yield `${cdrColumns.join(',')}\n`
  let slice: string[] = []
  for (let index = 0; index < callsPerDay; index += 1) {
    let ours = ''
    const call = callAt(seed, dayStart, index, callsPerDay, (i) => {
      ours = ownedNumberAt('vitcom', baseSeed, ownedNumbers > 0 ? i % ownedNumbers : i % 1000).tn
      return ours
    })
    if (call.answered !== (kind === 'success')) continue
    slice.push(cdrRow(call, ours, direction, seed, index))
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
  registerListing(router, env, 'daily_cdrs', 'orig')
  registerListing(router, env, 'daily_cdrs_termination', 'term')

  router.add('GET', '/uploads/cdr/:accountno/:file', (request) => {
    const notFound = new SimHttpError(404, 'File not found', vitcomError(404, 'File not found'))
    const match = /^(orig|term)_(\d{4}-\d{2}-\d{2})_(success|failed)\.csv$/.exec(request.params.file ?? '')
    if (request.params.accountno !== env.state.accountNo || !match) throw notFound
    const day = parseDate(match[2]!)
    const { first, end } = historyWindow(env.context)
    if (day === undefined || day < first || day >= end) throw notFound
    const body = Readable.from(cdrCsv(env, match[1] as Direction, match[3] as Kind, day))
    return csv(body, request.params.file)
  })
}
