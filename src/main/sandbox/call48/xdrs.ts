/**
 * Call48 call records: `GET /xdr?from&to&page&max&customer`, PortaBilling-style XDRs over the generated
 * call history (callsPerDay a day, derived per index, never materialised; kit/calls.ts says how traffic
 * varies by hour, answer rate, cause and duration).
 *
 * The history covers the `historyDays` days before today and today's calls up to two hours ago (an XDR is
 * written once a call could have ended, and no call lasts longer), both moving with the simulated clock, so
 * older days leave the carrier's window as time passes. A call's customer type (local, tollfree,
 * international, termination, holding) follows from its index within the day (index mod 20), so totals for
 * a filter and a time window are counted arithmetically and any page is reached without walking the calls
 * before it. Every XDR names one of the account's own DIDs: the called number (CLD) of calls in, the caller
 * (CLI) of termination calls out, and always `account_id` (toll-free calls are dialled to an 8xx number
 * that reaches the DID). `i_xdr` (day x 10,000,000 + index) and `call_id` are stable ids.
 */
import type { Router } from '../kit/http'
import { createCallStream, dayMs, dayStartOf, maxCallSeconds, type SimCall } from '../kit/calls'
import { areaCodeOf, ownedNumberAt, states, tollFreePrefixes } from '../kit/numbering'
import { hash32 } from '../kit/random'
import { badRequest, bare, paging, queryObject } from './envelope'
import { defaultTrunkGroupId } from './inventory'
import { apiBase, type Call48World } from './world'

export const customerTypes = ['local', 'tollfree', 'international', 'termination', 'holding'] as const
type CustomerType = (typeof customerTypes)[number]

const residueCount = 20
const residuesOf: Record<CustomerType, number[]> = {
  local: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  tollfree: [11, 12],
  international: [13],
  termination: [14, 15, 16, 17, 18],
  holding: [19],
}
const allResidues = Array.from({ length: residueCount }, (_, i) => i)
const typeOfResidue = (residue: number): CustomerType =>
  customerTypes.find((type) => residuesOf[type].includes(residue)) ?? 'local'

/** Not documented; one page is capped so an answer stays bounded. */
const maxPageSize = 1000

/** Per-minute rates by customer type: DID origination, toll-free, international origination, termination. */
const ratesOf: Record<CustomerType, readonly number[]> = {
  local: [0.0045, 0.0052, 0.0062],
  tollfree: [0.0139, 0.0155, 0.018],
  international: [0.021, 0.034, 0.048],
  termination: [0.0062, 0.0075, 0.0089, 0.012],
  holding: [0],
}

const intlOrigins: [string, string, string][] = [
  ['44', 'GBR', 'United Kingdom'],
  ['49', 'DEU', 'Germany'],
  ['52', 'MEX', 'Mexico'],
  ['55', 'BRA', 'Brazil'],
]

/** `2021-04-01 00:00`, `2021-04-01 00:00:00`, `2021-04-01` or ISO; the doc's `202104-01` typo too. UTC. */
function parseMoment(value: string | undefined, field: string, endOfRange: boolean): number {
  if (!value) throw badRequest(`${field} is required`)
  const text = value.replace(/^"|"$/g, '').trim()
  const match = /^(\d{4})-?(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?(Z)?$/.exec(text)
  if (!match) throw badRequest(`${field} must look like 2021-04-01 00:00`)
  const [, year, month, day, hour, minute, second] = match
  const at = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0))
  if (Number.isNaN(at)) throw badRequest(`${field} is not a date`)
  if (!endOfRange) return at
  // An end given to the minute includes that whole minute (and a date alone, that whole day).
  return at + (hour === undefined ? dayMs : second === undefined ? 60_000 : 1000)
}

const pad = (value: number): string => String(value).padStart(2, '0')
function stamp(at: number): string {
  const date = new Date(at)
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
}
function clockTime(seconds: number): string {
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`
}

/** Indexes in [0, n) whose residue is in `residues`. */
function countBelow(n: number, residues: number[]): number {
  const rest = n % residueCount
  return Math.floor(n / residueCount) * residues.length + residues.filter((residue) => residue < rest).length
}

/** The index of the k-th (0-based) member of the residue set. */
function nthMember(k: number, residues: number[]): number {
  return Math.floor(k / residues.length) * residueCount + residues[k % residues.length]!
}

export function registerXdrs(router: Router, world: Call48World): void {
  const { context, inventory } = world
  const { seed, callsPerDay, historyDays } = context
  const owned = (i: number): string =>
    inventory.baseCount > 0 ? inventory.baseDid(i % inventory.baseCount).tn : ownedNumberAt('call48', seed, i % 1000).tn
  const stream = createCallStream({
    seed,
    callsPerDay,
    ownedCount: inventory.baseCount > 0 ? inventory.baseCount : 1000,
    // Seeded OD DIDs route to the default OD trunk group; XDRs carry no trunk, so none is congested here.
    ours: (index) => ({ tn: owned(index), trunk: String(defaultTrunkGroupId) }),
    outbound: (index) => typeOfResidue(index % residueCount) === 'termination',
  })
  const rateOf = (type: CustomerType, hash: number): number => ratesOf[type][hash % ratesOf[type].length]!

  /** The window the carrier serves now: `historyDays` whole days, then today until two hours ago. */
  function served(): { start: number; end: number } {
    const now = context.clock.now()
    return { start: dayStartOf(now) - historyDays * dayMs, end: now - maxCallSeconds * 1000 }
  }

  /** Per day of the window: the index range [from, to) of calls inside it. */
  function windowRanges(from: number, to: number): { dayStart: number; first: number; end: number }[] {
    const window = served()
    const start = Math.max(from, window.start)
    const stop = Math.min(to, window.end)
    const ranges: { dayStart: number; first: number; end: number }[] = []
    for (let dayStart = dayStartOf(start); dayStart < stop; dayStart += dayMs) {
      const first = start <= dayStart ? 0 : stream.firstIndexFrom(dayStart, start)
      const end = stop >= dayStart + dayMs ? callsPerDay : stream.firstIndexFrom(dayStart, stop)
      if (end > first) ranges.push({ dayStart, first, end })
    }
    return ranges
  }

  function xdrOf(call: SimCall, dayStart: number, index: number): Record<string, unknown> {
    const type = typeOfResidue(index % residueCount)
    const h = hash32(seed, Math.floor(dayStart / dayMs), index, 99)
    const { ours, theirs } = call
    let cli = `1${theirs}`
    let cld = `1${ours}`
    let iso = 'USA'
    let country = 'United States of America'
    let description = states.find((state) => state.code === areaCodeOf(theirs)?.state)?.name ?? 'United States'
    if (type === 'tollfree') {
      cld = `1${tollFreePrefixes[h % tollFreePrefixes.length]}${ours.slice(3)}`
      description = 'Toll Free'
    } else if (type === 'international') {
      const origin = intlOrigins[h % intlOrigins.length]!
      cli = `${origin[0]}${theirs.slice(1)}`
      iso = origin[1]
      country = origin[2]
      description = origin[2]
    } else if (type === 'termination') {
      cli = `1${ours}`
      cld = `1${theirs}`
    } else if (type === 'holding') {
      description = 'HOLDING'
    }
    // Connect to disconnect is the talk time (zero for a call not answered); the ringing before it is the
    // set-up time. Records keep the call's start as their time, so they sort and filter by it.
    const connectAt = call.startedAt
    const connectSeconds = Math.floor(connectAt / 1000)
    const disconnectAt = connectAt + call.durationSeconds * 1000
    const billedUnits = call.billedSeconds / 6
    const ratePerMinute = rateOf(type, hash32(h, 7))
    const cost = Math.round((call.billedSeconds / 60) * ratePerMinute * 100_000) / 100_000
    return {
      destination: type === 'termination' ? cld.slice(0, 4) : type === 'international' ? cli.slice(0, 2) : cld.slice(0, 4),
      i_dest: 116_000 + (h % 1000),
      CLD: cld,
      i_xdr: Math.floor(dayStart / dayMs) * 10_000_000 + index,
      i_account: 395_961,
      connect_time: stamp(connectAt),
      charged_amount: cost,
      bit_flags: type === 'termination' ? 12 : 8,
      unix_connect_time: connectSeconds,
      history: billedUnits > 0 ? `+${billedUnits}x6@${ratePerMinute}` : '',
      xdr_type: 'account',
      bill_status: 'O',
      call_id: call.id,
      service: 'Voice Calls',
      description,
      account_id: `1${ours}`,
      aux_xdrs: [{ value: '0', xdr_time: stamp(disconnectAt), xdr_column_id: 'media_duration' }],
      // Post-dial delay in ms: ringing until the answer or the failure.
      setup_time: (call.answeredAt ?? call.endedAt) - call.startedAt,
      h323_conf_id: [0, 1, 2, 3].map((i) => hash32(h, i).toString(16).toUpperCase().padStart(8, '0')).join(' '),
      disconnect_time: stamp(disconnectAt),
      disconnect_reason: call.causeText,
      i_service: 3,
      subdivision: '',
      iso_3166_1_a3: iso,
      CLI: cli,
      bill_time: stamp(connectAt),
      i_rate: 184_426_000 + (h % 1000),
      is_split: '0',
      country,
      unix_disconnect_time: Math.floor(disconnectAt / 1000),
      charged_quantity: call.billedSeconds,
      disconnect_cause: String(call.causeCode),
      i_customer: 55_694,
      formatted_bill_time: clockTime(call.durationSeconds),
    }
  }

  router.add(
    'GET',
    `${apiBase}/xdr`,
    world.auth.guard((request) => {
      const query = queryObject(request)
      const from = parseMoment(query.from, 'from', false)
      const to = parseMoment(query.to, 'to', true)
      if (to <= from) throw badRequest('to must be after from')
      const customer = query.customer?.trim().toLowerCase()
      if (customer && !(customerTypes as readonly string[]).includes(customer)) {
        throw badRequest(`customer must be one of ${customerTypes.join(', ')}`)
      }
      const residues = customer ? residuesOf[customer as CustomerType] : allResidues
      if (query.page === undefined || query.max === undefined) throw badRequest('page and max are required')
      const { offset, size } = paging(query.page, query.max, 10, maxPageSize)

      const ranges = windowRanges(from, to)
      let total = 0
      const list: Record<string, unknown>[] = []
      let skip = offset
      for (const range of ranges) {
        const before = countBelow(range.first, residues)
        const inRange = countBelow(range.end, residues) - before
        total += inRange
        if (list.length >= size) continue
        if (skip >= inRange) {
          skip -= inRange
          continue
        }
        for (let k = before + skip; k < before + inRange && list.length < size; k += 1) {
          const index = nthMember(k, residues)
          list.push(xdrOf(stream.callAt(range.dayStart, index), range.dayStart, index))
        }
        skip = 0
      }
      // The doc's XDR sample is `{error, data: {xdr_list, total}}` with no `code`.
      return bare({ error: null, data: { xdr_list: list, total } })
    }),
  )
}
