/**
 * Deterministic call history. A call is derived from (stream seed, day, index) alone, so ten million records
 * can be paged or streamed as CSV without ever being held in memory, and the same record always has the
 * same id.
 *
 * What makes it look like real traffic (US traffic, so hours are read in US Eastern time, UTC-5):
 * - volume follows the day: calls are spread over the day by a diurnal profile (busy 9:00-17:00, quiet at
 *   night), in order of index, so a day is naturally sorted by start time and a time window is an index range;
 * - answer rates follow the hour (about 80% in business hours, under 55% at night, lower again for outbound
 *   calls), and night failures are more often "no answer";
 * - a few congested trunks answer about 30% fewer calls, failing with "no circuit available" and "busy";
 * - failures carry a SIP code and a Q.850 cause code and text (busy, no answer, cancelled by the caller,
 *   unallocated number, rejected, no circuit, network out of order, ...);
 * - talk time is long-tailed (a tenth of answered calls hang up within seconds, the rest log-normal around
 *   70 s, up to 2 h), billed 6/6 and costed at a per-minute rate;
 * - traffic concentrates on some of the account's numbers and never reaches a quarter of them, as in an
 *   account where some numbers are idle.
 */
import { hash32, unit } from './random'

const dayMs = 86_400_000
const hourMs = 3_600_000
/** The longest call the history makes. */
export const maxCallSeconds = 7_200

export type Disposition = 'ANSWERED' | 'BUSY' | 'NO ANSWER' | 'FAILED' | 'CANCELLED'
export type CallDirection = 'inbound' | 'outbound'

export interface SimCall {
  /** Stable id (UUID-shaped), unique within the stream. */
  id: string
  /** Index of the call within its day. */
  index: number
  direction: CallDirection
  /** When the call was set up (the INVITE). */
  startedAt: number
  /** When it was answered; null when it was not. */
  answeredAt: number | null
  endedAt: number
  /** The account's own number and the far end, ten-digit NANP numbers. */
  ours: string
  theirs: string
  /** Calling and called party: the far end calls ours inbound, ours calls out outbound. */
  from: string
  to: string
  /** The trunk group the call used, as the carrier names it. */
  trunk: string
  /** Talk time (answer to hang-up); 0 when not answered. */
  durationSeconds: number
  /** Billed seconds: 6-second increments, at least 6, for answered calls. */
  billedSeconds: number
  answered: boolean
  /** SIP final response: 200 for answered calls. */
  sipCode: number
  /** Q.850 cause code and text (16, "Normal call clearing" for answered calls). */
  causeCode: number
  causeText: string
  disposition: Disposition
  ratePerMinute: number
  cost: number
}

interface Failure {
  sipCode: number
  causeCode: number
  causeText: string
  disposition: Exclude<Disposition, 'ANSWERED'>
  weight: number
  /** Seconds of ringing or setup before the failure, [min, max). */
  ring: [number, number]
}

/** Failure causes with their usual share of unanswered calls (weights sum to 100). */
export const failureCauses: readonly Failure[] = [
  { sipCode: 486, causeCode: 17, causeText: 'User busy', disposition: 'BUSY', weight: 22, ring: [0.5, 3] },
  { sipCode: 408, causeCode: 19, causeText: 'No answer from user (user alerted)', disposition: 'NO ANSWER', weight: 16, ring: [30, 60] },
  { sipCode: 480, causeCode: 18, causeText: 'No user responding', disposition: 'NO ANSWER', weight: 8, ring: [0, 6] },
  { sipCode: 487, causeCode: 31, causeText: 'Normal, unspecified', disposition: 'CANCELLED', weight: 20, ring: [3, 40] },
  { sipCode: 404, causeCode: 1, causeText: 'Unallocated (unassigned) number', disposition: 'FAILED', weight: 7, ring: [0, 2] },
  { sipCode: 484, causeCode: 28, causeText: 'Invalid number format (address incomplete)', disposition: 'FAILED', weight: 3, ring: [0, 1] },
  { sipCode: 403, causeCode: 21, causeText: 'Call rejected', disposition: 'FAILED', weight: 4, ring: [0, 2] },
  { sipCode: 603, causeCode: 21, causeText: 'Call rejected', disposition: 'FAILED', weight: 3, ring: [1, 8] },
  { sipCode: 503, causeCode: 34, causeText: 'No circuit/channel available', disposition: 'FAILED', weight: 10, ring: [0, 2] },
  { sipCode: 502, causeCode: 38, causeText: 'Network out of order', disposition: 'FAILED', weight: 3, ring: [0, 4] },
  { sipCode: 500, causeCode: 41, causeText: 'Temporary failure', disposition: 'FAILED', weight: 2, ring: [0, 2] },
  { sipCode: 488, causeCode: 65, causeText: 'Bearer capability not implemented', disposition: 'FAILED', weight: 2, ring: [0, 1] },
]
export const answeredCause = { sipCode: 200, causeCode: 16, causeText: 'Normal call clearing' } as const

/** Relative call volume per hour of the US Eastern day (0:00 to 23:00). */
const trafficByLocalHour = [0.8, 0.5, 0.4, 0.35, 0.4, 0.7, 1.5, 3, 5.5, 7.5, 8.2, 8.5, 7.8, 8, 8.3, 8, 7.2, 5.8, 4.2, 3.2, 2.6, 2, 1.5, 1.1]
/** Share of inbound calls answered per hour of the US Eastern day. */
const answerRateByLocalHour = [0.52, 0.5, 0.48, 0.47, 0.48, 0.55, 0.62, 0.7, 0.77, 0.8, 0.81, 0.81, 0.78, 0.8, 0.81, 0.8, 0.77, 0.72, 0.68, 0.66, 0.63, 0.6, 0.57, 0.54]
/** Outbound calls reach people less often than calls to a business's numbers. */
export const outboundAnswerFactor = 0.78
/** A congested trunk answers this share of what it otherwise would. */
export const congestedAnswerFactor = 0.7
const utcOffsetHours = -5

export const localHourOf = (utcHour: number): number => (utcHour + utcOffsetHours + 24) % 24

const trafficByUtcHour = Array.from({ length: 24 }, (_, hour) => trafficByLocalHour[localHourOf(hour)]!)
const trafficTotal = trafficByUtcHour.reduce((sum, weight) => sum + weight, 0)
/** Cumulative share of the day's calls before each UTC hour (25 entries, 0 to 1). */
const cumulative = trafficByUtcHour.reduce<number[]>((sums, weight) => [...sums, sums.at(-1)! + weight / trafficTotal], [0])

/** Where in the day (ms after midnight UTC) the call at fraction `p` of the day's calls starts. */
function timeOfDay(p: number): number {
  let hour = 0
  while (hour < 23 && cumulative[hour + 1]! <= p) hour += 1
  const share = trafficByUtcHour[hour]! / trafficTotal
  return Math.min(dayMs - 1, Math.floor(hour * hourMs + ((p - cumulative[hour]!) / share) * hourMs))
}

/** The expected share of calls answered at a UTC hour, before trunk congestion. */
export function expectedAnswerRate(utcHour: number, direction: CallDirection): number {
  const rate = answerRateByLocalHour[localHourOf(utcHour)]!
  return direction === 'outbound' ? rate * outboundAnswerFactor : rate
}

export interface CallStreamOptions {
  /** Seed of this stream of calls (different streams of one sandbox differ). */
  seed: number
  callsPerDay: number
  /** How many numbers the account's end of a call is drawn from. */
  ownedCount: number
  /** The account's end: its number and the trunk the call uses, from a number index and a per-call hash. */
  ours(index: number, hash: number): { tn: string; trunk: string }
  /** The far end, from a per-call hash (a default NANP number when absent). */
  theirs?(hash: number): string
  /** Whether the call at this index of its day is outbound (default: 40% outbound). */
  outbound?(index: number, hash: number): boolean
  /** Trunks that are congested. */
  congested?: ReadonlySet<string>
  /** Per-minute rates, picked per call. */
  rates?(direction: CallDirection, hash: number): number
}

export interface CallStream {
  callAt(dayStart: number, index: number): SimCall
  /**
   * The call only when it was answered (`answered` true) or only when it was not (false), else undefined:
   * a day file of one kind skips the rest of the work for calls of the other.
   */
  callIf(dayStart: number, index: number, answered: boolean): SimCall | undefined
  /** When the call at `index` starts: cheaper than `callAt`, for searching a time window. */
  startOf(dayStart: number, index: number): number
  /** The first index of the day whose call starts at or after `at` (callsPerDay when none does). */
  firstIndexFrom(dayStart: number, at: number): number
}

/**
 * The k-th 32-bit draw of a call from its hash (the murmur3 finaliser): a call needs about twenty, and a
 * day file a million calls, so this stays a plain two-argument function.
 */
function draw(h: number, k: number): number {
  let x = Math.imul(h ^ Math.imul(k, 0x9e3779b9), 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}
const uniform = (h: number, k: number): number => draw(h, k) / 0x1_0000_0000

/** Two hex digits per byte value: `toString(16)` and padding cost more than the rest of a call. */
const byteHex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))
const hex16 = (value: number): string => byteHex[(value >>> 8) & 0xff]! + byteHex[value & 0xff]!
const hex32 = (value: number): string => hex16(value >>> 16) + hex16(value)

/** A version-4-shaped UUID from the call's hash. */
function uuidOf(h: number): string {
  const a = draw(h, 101)
  const b = draw(h, 102)
  const c = draw(h, 103)
  const d = draw(h, 104)
  return `${hex32(a)}-${hex16(b >>> 16)}-${hex16(0x4000 | (b & 0xfff))}-${hex16(0x8000 | (c >>> 18))}-${hex16(c)}${hex32(d)}`
}

const farAreaCodes = ['201', '212', '305', '310', '312', '404', '415', '469', '512', '602', '617', '646', '702', '713', '786', '818', '917', '954']

function defaultTheirs(hash: number): string {
  // Exchange 200-999 then the line: always seven digits, no padding needed.
  return farAreaCodes[hash % farAreaCodes.length]! + String((200 + (draw(hash, 2) % 800)) * 10_000 + (draw(hash, 3) % 10_000))
}

const defaultRates = (direction: CallDirection, hash: number): number =>
  direction === 'inbound' ? [0.0045, 0.0052, 0.0062][hash % 3]! : [0.0062, 0.0075, 0.0089, 0.012][hash % 4]!

/** A bijection on [0, n) that scatters ranks over the account's numbers. */
function scatter(n: number): (rank: number) => number {
  if (n <= 1) return () => 0
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))
  let step = Math.floor(n * 0.618_034) + 1
  while (gcd(step, n) !== 1) step += 1
  return (rank) => (rank * step + 7) % n
}

/** Cumulative failure shares: congestion makes "no circuit" and "busy" likelier, the night "no answer". */
function failureTable(congested: boolean, night: boolean): number[] {
  const weights = failureCauses.map(
    (failure) => failure.weight * (congested && failure.causeCode === 34 ? 5 : congested && failure.causeCode === 17 ? 2 : night && failure.disposition === 'NO ANSWER' ? 2 : 1),
  )
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  let running = 0
  return weights.map((weight) => (running += weight / total))
}
const failureTables = [failureTable(false, false), failureTable(false, true), failureTable(true, false), failureTable(true, true)]

function failureOf(u: number, congested: boolean, night: boolean): Failure {
  const table = failureTables[(congested ? 2 : 0) + (night ? 1 : 0)]!
  let position = 0
  while (position < table.length - 1 && table[position]! <= u) position += 1
  return failureCauses[position]!
}

const medianLog = Math.log(70)
/** A standard normal draw from two uniforms (Box-Muller). */
const normal = (u1: number, u2: number): number => Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2)

/** How many of `ownedCount` numbers the call history reaches: three quarters, the busiest first by rank. */
const calledCount = (ownedCount: number): number => Math.max(1, Math.ceil(ownedCount * 0.75))

/**
 * How many of `ownedCount` numbers no call of a stream ever names (whatever the stream's seed): the quarter
 * of an account's numbers that stays idle.
 */
export const uncalledCount = (ownedCount: number): number => Math.max(1, ownedCount) - calledCount(Math.max(1, ownedCount))

/** The `k`-th of those numbers' indexes (0 ≤ k < uncalledCount), in the stream's rank order. */
export function uncalledIndex(ownedCount: number, k: number): number {
  const count = Math.max(1, ownedCount)
  if (!Number.isInteger(k) || k < 0 || k >= uncalledCount(count)) throw new RangeError(`no uncalled number ${k} of ${count}`)
  return scatter(count)(calledCount(count) + k)
}

export function createCallStream(options: CallStreamOptions): CallStream {
  const { seed, callsPerDay } = options
  const ownedCount = Math.max(1, options.ownedCount)
  // A quarter of the numbers get no calls; the rest by a skewed rank (busy numbers first).
  const active = calledCount(ownedCount)
  const rankToIndex = scatter(ownedCount)
  const congested = options.congested ?? new Set<string>()
  const theirsOf = options.theirs ?? defaultTheirs
  const outboundOf = options.outbound ?? ((_index: number, hash: number) => uniform(hash, 15) < 0.4)
  const rateOf = options.rates ?? defaultRates

  function startOf(dayStart: number, index: number): number {
    const salt = hash32(Math.floor(dayStart / dayMs), index)
    return dayStart + timeOfDay((index + unit(seed, salt)) / callsPerDay)
  }

  function callIf(dayStart: number, index: number, only: boolean | undefined): SimCall | undefined {
    const dayNumber = Math.floor(dayStart / dayMs)
    const salt = hash32(dayNumber, index)
    const h = hash32(seed, salt)
    const startedAt = dayStart + timeOfDay((index + unit(seed, salt)) / callsPerDay)
    const direction: CallDirection = outboundOf(index, h) ? 'outbound' : 'inbound'
    const rank = Math.floor(active * uniform(h, 16) ** 2)
    const leg = options.ours(rankToIndex(rank), draw(h, 17))
    const theirs = theirsOf(draw(h, 18))
    const utcHour = Math.floor((startedAt - dayStart) / hourMs)
    const isCongested = congested.has(leg.trunk)
    const answerRate = expectedAnswerRate(utcHour, direction) * (isCongested ? congestedAnswerFactor : 1)
    const answered = uniform(h, 11) < answerRate
    if (only !== undefined && answered !== only) return undefined
    const localHour = localHourOf(utcHour)
    const failure = answered ? undefined : failureOf(uniform(h, 12), isCongested, localHour < 7 || localHour >= 21)
    let durationSeconds = 0
    if (answered) {
      durationSeconds =
        uniform(h, 13) < 0.1
          ? 1 + Math.floor(uniform(h, 14) * 8)
          : Math.min(maxCallSeconds, Math.max(1, Math.round(Math.exp(medianLog + 1.1 * normal(uniform(h, 21), uniform(h, 22))))))
    }
    const ringMin = failure ? failure.ring[0] : 2
    const ringMax = failure ? failure.ring[1] : 14
    const ringMs = Math.floor((ringMin + uniform(h, 19) * (ringMax - ringMin)) * 1000)
    const answeredAt = answered ? startedAt + ringMs : null
    const billedSeconds = answered ? Math.max(6, Math.ceil(durationSeconds / 6) * 6) : 0
    const ratePerMinute = rateOf(direction, draw(h, 20))
    const cause = failure ?? answeredCause
    return {
      id: uuidOf(h),
      index,
      direction,
      startedAt,
      answeredAt,
      endedAt: startedAt + ringMs + durationSeconds * 1000,
      ours: leg.tn,
      theirs,
      from: direction === 'inbound' ? theirs : leg.tn,
      to: direction === 'inbound' ? leg.tn : theirs,
      trunk: leg.trunk,
      durationSeconds,
      billedSeconds,
      answered,
      sipCode: cause.sipCode,
      causeCode: cause.causeCode,
      causeText: cause.causeText,
      disposition: failure ? failure.disposition : 'ANSWERED',
      ratePerMinute,
      cost: Math.round((billedSeconds / 60) * ratePerMinute * 1_000_000) / 1_000_000,
    }
  }

  const callAt = (dayStart: number, index: number): SimCall => callIf(dayStart, index, undefined)!

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

  return { callAt, callIf, startOf, firstIndexFrom }
}

/** Midnight UTC of the day containing `at`. */
export function dayStartOf(at: number): number {
  return Math.floor(at / dayMs) * dayMs
}

export { dayMs }
