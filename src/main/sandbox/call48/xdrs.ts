/**
 * Call48 call records: `GET /xdr?from&to&page&max&customer`, PortaBilling-style XDRs over the generated
 * call history (callsPerDay x historyDays records, derived per index, never materialised).
 *
 * A call's customer type (local, tollfree, international, termination, holding) follows from its index
 * within the day (index mod 20), so totals for a filter and a time window are counted arithmetically and
 * any page is reached without walking the calls before it.
 */
import type { Router } from '../kit/http'
import { callAt, dayMs, dayStartOf, type SimCall } from '../kit/calls'
import { areaCodeOf, ownedNumberAt, states, tollFreePrefixes } from '../kit/numbering'
import { hash32 } from '../kit/random'
import { badRequest, bare, paging, queryObject } from './envelope'
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

const disconnects: Record<number, [string, string]> = {
  200: ['16', 'Normal call clearing'],
  486: ['17', 'User busy'],
  480: ['19', 'No answer from user (user alerted)'],
  487: ['31', 'Normal, unspecified'],
  404: ['1', 'Unallocated (unassigned) number'],
  503: ['34', 'No circuit/channel available'],
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
  const historyEnd = dayStartOf(context.clock.now())
  const historyStart = historyEnd - historyDays * dayMs
  const owned = (i: number): string =>
    inventory.baseCount > 0 ? inventory.baseDid(i % inventory.baseCount).tn : ownedNumberAt('call48', seed, i % 1000).tn
  const startOf = (dayStart: number, index: number): number => callAt(seed, dayStart, index, callsPerDay, owned).startedAt

  /** First index of the day whose call starts at or after `at`. */
  function firstIndexFrom(dayStart: number, at: number): number {
    let low = 0
    let high = callsPerDay
    while (low < high) {
      const middle = (low + high) >>> 1
      if (startOf(dayStart, middle) < at) low = middle + 1
      else high = middle
    }
    return low
  }

  /** Per day of the window: the index range [from, to) of calls inside it. */
  function windowRanges(from: number, to: number): { dayStart: number; first: number; end: number }[] {
    const ranges: { dayStart: number; first: number; end: number }[] = []
    const firstDay = Math.max(historyStart, dayStartOf(from))
    for (let dayStart = firstDay; dayStart < historyEnd && dayStart < to; dayStart += dayMs) {
      const first = from <= dayStart ? 0 : firstIndexFrom(dayStart, from)
      const end = to >= dayStart + dayMs ? callsPerDay : firstIndexFrom(dayStart, to)
      if (end > first) ranges.push({ dayStart, first, end })
    }
    return ranges
  }

  function xdrOf(call: SimCall, dayStart: number, index: number): Record<string, unknown> {
    const type = typeOfResidue(index % residueCount)
    const h = hash32(seed, Math.floor(dayStart / dayMs), index, 99)
    // callAt picks the account's own end of a call as owned(hash32(seed, salt, 16)); the far end is the other one.
    const ours = owned(hash32(seed, hash32(Math.floor(dayStart / dayMs), index), 16))
    const theirs = call.from === ours ? call.to : call.from
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
    const disconnect = disconnects[call.sipCode] ?? ['16', 'Normal call clearing']
    const connectSeconds = Math.floor(call.startedAt / 1000)
    const disconnectAt = call.startedAt + call.durationSeconds * 1000
    const billedUnits = call.billedSeconds / 6
    return {
      destination: type === 'termination' ? cld.slice(0, 4) : type === 'international' ? cli.slice(0, 2) : cld.slice(0, 4),
      i_dest: 116_000 + (h % 1000),
      CLD: cld,
      i_xdr: Math.floor(dayStart / dayMs) * 10_000_000 + index,
      i_account: 395_961,
      connect_time: stamp(call.startedAt),
      charged_amount: call.cost,
      bit_flags: type === 'termination' ? 12 : 8,
      unix_connect_time: connectSeconds,
      history: billedUnits > 0 ? `+${billedUnits}x6@${call.ratePerMinute}` : '',
      xdr_type: 'account',
      bill_status: 'O',
      call_id: `${call.id}-${(h % 0xffff).toString(16)}`,
      service: 'Voice Calls',
      description,
      account_id: type === 'termination' ? cli : cld,
      aux_xdrs: [{ value: '0', xdr_time: stamp(disconnectAt), xdr_column_id: 'media_duration' }],
      setup_time: 100 + (h % 200),
      h323_conf_id: [0, 1, 2, 3].map((i) => hash32(h, i).toString(16).toUpperCase().padStart(8, '0')).join(' '),
      disconnect_time: stamp(disconnectAt),
      disconnect_reason: disconnect[1],
      i_service: 3,
      subdivision: '',
      iso_3166_1_a3: iso,
      CLI: cli,
      bill_time: stamp(call.startedAt),
      i_rate: 184_426_000 + (h % 1000),
      is_split: '0',
      country,
      unix_disconnect_time: Math.floor(disconnectAt / 1000),
      charged_quantity: call.billedSeconds,
      disconnect_cause: disconnect[0],
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
          list.push(xdrOf(callAt(seed, range.dayStart, index, callsPerDay, owned), range.dayStart, index))
        }
        skip = 0
      }
      // The doc's XDR sample is `{error, data: {xdr_list, total}}` with no `code`.
      return bare({ error: null, data: { xdr_list: list, total } })
    }),
  )
}
