/**
 * Call records as every process sees them: the query (a time range and filters), the KPIs and their one
 * definition, and the grouping of KPIs. One schema checks a query wherever it enters the main process (IPC,
 * CLI); the store turns it into SQL over the records or their rollups.
 *
 * KPI definitions (the README says the same; the screen and the CLI both show what `kpisOf` computes):
 * - attempts = records in range;
 * - answered = records with billed duration > 0;
 * - ASR = answered / attempts (a fraction; null when there are no attempts);
 * - ACD = sum of billed seconds of answered calls / answered (seconds; null when none was answered);
 * - MOU = sum of billed seconds / 60;
 * - cost = sum of the records' cost.
 */
import { z } from 'zod'
import { CarrierIdSchema } from './domain'

export const cdrDirections = ['origination', 'termination'] as const
export type CdrDirection = (typeof cdrDirections)[number]

export const cdrDispositions = ['answered', 'busy', 'no-answer', 'failed', 'cancelled', 'other'] as const
export type CdrDisposition = (typeof cdrDispositions)[number]

/** How KPIs can be grouped: by time bucket (in the user's zone), by account, trunk, number of ours, the far end's destination, or cause. */
export const cdrGroupings = ['hour', 'day', 'account', 'trunk', 'number', 'destination', 'cause'] as const
export type CdrGrouping = (typeof cdrGroupings)[number]

const Short = z.string().trim().min(1).max(64)
/** Digits of a number, however typed ("+1 (305) 555-01"), kept as digits for a prefix or part match. */
const Digits = z
  .string()
  .trim()
  .max(32)
  .transform((value) => value.replace(/\D/g, ''))
  .refine((digits) => digits.length >= 3, 'At least three digits')

export const CdrFiltersSchema = z
  .object({
    accountIds: z.array(z.string().min(1).max(64)).max(100).optional(),
    carriers: z.array(CarrierIdSchema).max(10).optional(),
    direction: z.enum(cdrDirections).optional(),
    dispositions: z.array(z.enum(cdrDispositions)).min(1).max(cdrDispositions.length).optional(),
    /** One of our numbers, as E.164. */
    ourNumber: z.string().regex(/^\+[1-9]\d{6,14}$/, 'Numbers are E.164, like +13055550100').optional(),
    /** The far end: digits it contains. */
    otherParty: Digits.optional(),
    trunk: Short.optional(),
    /** Calls whose billed duration is at least this many seconds. */
    minDurationSeconds: z.number().int().min(0).max(86_400).optional(),
  })
  .strict()
export type CdrFilters = z.output<typeof CdrFiltersSchema>

/** The longest range one query may cover (the retention setting's maximum). */
export const maxCdrRangeMs = 3650 * 86_400_000

/** A range [from, to) in epoch ms, and the filters. */
export const CdrRangeSchema = z
  .object({
    from: z.number().int().min(0),
    to: z.number().int().min(1),
    filters: CdrFiltersSchema.default({}),
  })
  .strict()
  .refine((range) => range.to > range.from, { message: 'The range ends after it starts', path: ['to'] })
  .refine((range) => range.to - range.from <= maxCdrRangeMs, { message: 'The range is at most ten years', path: ['to'] })
export type CdrRange = z.output<typeof CdrRangeSchema>

/** An IANA zone, e.g. America/New_York: day buckets and exports are in it. */
export const ZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'Unknown time zone (an IANA name such as America/New_York)')

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The sums every KPI is made from, for one group or the whole range. */
export interface CdrSums {
  attempts: number
  answered: number
  /** Sum of billed seconds (of answered calls: an unanswered one bills nothing). */
  billedSeconds: number
  cost: number
}

export interface CdrKpis extends CdrSums {
  /** answered / attempts; null with no attempts. */
  asr: number | null
  /** Billed seconds of answered calls / answered; null when none was answered. */
  acdSeconds: number | null
  /** Billed seconds / 60. */
  minutes: number
}

/** The one place the KPI definitions live. Cost is rounded to 1/1,000,000 so float sums print exactly. */
export function kpisOf(sums: CdrSums): CdrKpis {
  return {
    attempts: sums.attempts,
    answered: sums.answered,
    billedSeconds: sums.billedSeconds,
    cost: Math.round(sums.cost * 1_000_000) / 1_000_000,
    asr: sums.attempts > 0 ? sums.answered / sums.attempts : null,
    acdSeconds: sums.answered > 0 ? sums.billedSeconds / sums.answered : null,
    minutes: sums.billedSeconds / 60,
  }
}

export const emptySums = (): CdrSums => ({ attempts: 0, answered: 0, billedSeconds: 0, cost: 0 })

export function addSums(into: CdrSums, more: CdrSums): CdrSums {
  into.attempts += more.attempts
  into.answered += more.answered
  into.billedSeconds += more.billedSeconds
  into.cost += more.cost
  return into
}

/** One row of grouped KPIs: the group's key (an hour or day start in epoch ms, an account id, a trunk...) and its label. */
export interface CdrGroupRow extends CdrKpis {
  group: string
  /** For hour and day groups, the bucket's start (epoch ms). */
  at?: number | undefined
}

export interface CdrStats {
  rows: CdrGroupRow[]
  total: CdrKpis
  /** Whether the answer came from the hourly rollups (with the range's partial hours read from the records) or from the records alone. */
  source: 'rollups' | 'records'
}

export const CdrStatsQuerySchema = z
  .object({
    range: CdrRangeSchema,
    groupBy: z.enum(cdrGroupings).optional(),
    /** The zone hour and day buckets follow; UTC when absent. */
    timeZone: ZoneSchema.optional(),
    /** At most this many groups, the largest by attempts first (time buckets are all kept, in order). */
    limit: z.number().int().min(1).max(10_000).default(1_000),
  })
  .strict()
export type CdrStatsQuery = z.output<typeof CdrStatsQuerySchema>

export const CdrListQuerySchema = z
  .object({
    range: CdrRangeSchema,
    order: z.enum(['newest', 'oldest']).default('newest'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1_000).default(100),
  })
  .strict()
export type CdrListQuery = z.output<typeof CdrListQuerySchema>

/** How far back the cache goes for one account: the span fetched (files ingested, XDR days fetched) and the records in it. */
export interface CdrCoverage {
  accountId: string
  /** Earliest and latest moment fetched from the carrier (epoch ms), whatever the records in it. */
  fetchedFrom?: number | undefined
  fetchedTo?: number | undefined
  firstRecordAt?: number | undefined
  lastRecordAt?: number | undefined
  records: number
}

/** A number of ours and its last call record (epoch ms), from the cache. */
export interface LastCall {
  accountId: string
  e164: string
  lastCallAt: number
}

/** What reading one file or one range of records did. */
export interface CdrIngestResult {
  /** Rows read from the carrier (or the file). */
  read: number
  /** New records stored (the rest were already cached). */
  added: number
  /** Rows that could not be read, with the first few reasons (line numbers for files). */
  rejected: number
  problems: string[]
}

/** The far end's destination as KPIs group it: "+1 305" for a NANP number, the country code ("+44") otherwise. */
export function destinationOf(e164: string): string {
  if (e164.startsWith('+1') && e164.length === 12) return `+1 ${e164.slice(2, 5)}`
  if (!e164.startsWith('+')) return 'other'
  const digits = e164.slice(1)
  for (const length of [1, 2, 3]) {
    const code = digits.slice(0, length)
    if (countryCodes.has(code)) return `+${code}`
  }
  return `+${digits.slice(0, 3)}`
}

/** ITU country calling codes (1-3 digits) that start a number, enough to name a destination. */
const countryCodes = new Set(
  (
    '1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98 ' +
    '211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 248 249 ' +
    '250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 266 267 268 269 290 291 297 298 299 350 351 352 353 354 355 356 357 358 359 ' +
    '370 371 372 373 374 375 376 377 378 380 381 382 383 385 386 387 389 420 421 423 500 501 502 503 504 505 506 507 508 509 590 591 592 593 ' +
    '594 595 596 597 598 599 670 672 673 674 675 676 677 678 679 680 681 682 683 685 686 687 688 689 690 691 692 850 852 853 855 856 880 886 ' +
    '960 961 962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 992 993 994 995 996 998'
  ).split(' '),
)

/** One file read or range fetched, as the CDR screen lists it (the latest of each source). */
export interface CdrIngest {
  accountId: string
  /** `file:<day>/<direction>/<kind>`, `xdr:<day>` or `import:<file name>:<size>`. */
  source: string
  windowFrom?: number | undefined
  windowTo?: number | undefined
  finishedAt: number
  state: 'done' | 'failed'
  read: number
  added: number
  rejected: number
  problems: string[]
}

/** What fetching one source (a file, an XDR day) did. */
export interface CdrSourceResult extends CdrIngestResult {
  source: string
  /** Set when this source failed (the others still count). */
  error?: string | undefined
}

/** A fetch of one account's range. */
export interface CdrAccountFetch {
  accountId: string
  accountName: string
  sources: CdrSourceResult[]
  read: number
  added: number
  rejected: number
  /** Sources skipped because they were ingested already. */
  skipped: number
  /** Set when the account could not be fetched at all. */
  error?: string | undefined
}

/** A calendar day; one that does not exist (2026-02-30, which Date.parse rolls over to March 2) is refused. */
export const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A day is YYYY-MM-DD')
  .refine((day) => {
    const at = Date.parse(`${day}T00:00:00Z`)
    return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === day
  }, 'Not a date')
