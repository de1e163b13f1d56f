/**
 * Deterministic call history. A call is derived from (seed, day, index) alone, so ten million records can be
 * paged or streamed as CSV without ever being held in memory.
 */
import { areaCodes } from './numbering'
import { hash32, unit } from './random'

export interface SimCall {
  /** Stable id, unique within the seed. */
  id: string
  startedAt: number
  /** Ten-digit NANP numbers. */
  from: string
  to: string
  durationSeconds: number
  /** Billed seconds (6-second increments after the first 6). */
  billedSeconds: number
  answered: boolean
  /** SIP final response code: 200 for answered calls, 486/487/480/404/503 for failed ones. */
  sipCode: number
  disposition: 'ANSWERED' | 'BUSY' | 'NO ANSWER' | 'FAILED' | 'CANCELLED'
  ratePerMinute: number
  cost: number
  trunk: string
}

const dayMs = 86_400_000
const failures: [number, SimCall['disposition']][] = [
  [486, 'BUSY'],
  [480, 'NO ANSWER'],
  [487, 'CANCELLED'],
  [404, 'FAILED'],
  [503, 'FAILED'],
]

function tnFrom(seed: number, salt: number): string {
  const area = areaCodes[hash32(seed, salt, 1) % areaCodes.length]!
  const nxx = 200 + (hash32(seed, salt, 2) % 800)
  const line = hash32(seed, salt, 3) % 10_000
  return `${area.npa}${nxx}${String(line).padStart(4, '0')}`
}

/**
 * The `index`-th call of a day. Calls are spread over the day in order of index, so a day's file is
 * naturally sorted by start time. `owned` supplies the account's own numbers (the far end of each call).
 */
export function callAt(seed: number, dayStart: number, index: number, callsPerDay: number, owned: (i: number) => string): SimCall {
  const dayNumber = Math.floor(dayStart / dayMs)
  const salt = hash32(dayNumber, index)
  const startedAt = dayStart + Math.floor(((index + unit(seed, salt)) / callsPerDay) * dayMs)
  const answered = unit(seed, salt, 11) < 0.82
  const failure = failures[hash32(seed, salt, 12) % failures.length]!
  const durationSeconds = answered ? 3 + Math.floor(-Math.log(1 - unit(seed, salt, 13)) * 150) : 0
  const billedSeconds = durationSeconds === 0 ? 0 : Math.max(6, Math.ceil(durationSeconds / 6) * 6)
  const ratePerMinute = [0.0045, 0.0062, 0.0089, 0.012][hash32(seed, salt, 14) % 4]!
  const inbound = unit(seed, salt, 15) < 0.6
  const ours = owned(hash32(seed, salt, 16))
  const theirs = tnFrom(seed, salt)
  return {
    id: `${dayNumber.toString(36)}-${index.toString(36)}-${(hash32(seed, salt) % 46656).toString(36)}`,
    startedAt,
    from: inbound ? theirs : ours,
    to: inbound ? ours : theirs,
    durationSeconds,
    billedSeconds,
    answered,
    sipCode: answered ? 200 : failure[0],
    disposition: answered ? 'ANSWERED' : failure[1],
    ratePerMinute,
    cost: Math.round((billedSeconds / 60) * ratePerMinute * 1_000_000) / 1_000_000,
    trunk: `TG${100 + (hash32(seed, salt, 17) % 5)}`,
  }
}

/** Midnight UTC of the day containing `at`. */
export function dayStartOf(at: number): number {
  return Math.floor(at / dayMs) * dayMs
}

export { dayMs }
