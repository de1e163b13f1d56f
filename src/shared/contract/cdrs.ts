/**
 * Call records: the daily files listed, what was ingested, pages of records and one with its raw record,
 * KPIs, the cache's coverage, fetching a range from the carriers, importing a file, pruning past the
 * retention setting, downloads of a file as it is, and CSV export of a filtered range.
 */
import { z } from 'zod'
import {
  CdrListQuerySchema,
  CdrRangeSchema,
  CdrStatsQuerySchema,
  DaySchema,
  cdrDirections,
  type CdrAccountFetch,
  type CdrCoverage,
  type CdrIngest,
  type CdrIngestResult,
  type CdrStats,
} from '../cdrs'
import type { CdrFile, CdrRecord } from '../domain'
import { AccountId, channel, Confirmed, JobId, TimeZone, type AreaChannels } from './kit'
import type { cdrsChannels } from './names/cdrs'

export const cdrsContract = {
  'cdrs.files': channel<CdrFile[]>()(z.object({ accountId: AccountId.optional() }).strict()),
  'cdrs.ingests': channel<CdrIngest[]>()(z.object({ accountId: AccountId.optional() }).strict()),
  /** A page of the range's records (without raw); the range's total is `cdrs.stats`'s attempts. */
  'cdrs.records': channel<{ rows: CdrRecord[] }>()(CdrListQuerySchema),
  /** One record with its raw carrier record; its start (from the page it was listed on) makes the lookup one seek. */
  'cdrs.record': channel<CdrRecord>()(
    z.object({ accountId: AccountId, id: z.string().min(1).max(200), startedAt: z.number().int().min(0).optional() }).strict(),
  ),
  'cdrs.stats': channel<CdrStats>()(CdrStatsQuerySchema),
  'cdrs.coverage': channel<CdrCoverage[]>()(z.object({}).strict()),
  'cdrs.fetch': channel<CdrAccountFetch[]>()(
    z
      .object({
        jobId: JobId,
        accountIds: z.array(AccountId).min(1).max(100).optional(),
        from: DaySchema,
        to: DaySchema,
      })
      .strict(),
  ),
  /** A CDR file already on this computer (its absolute path), read by the account's carrier's reader. */
  'cdrs.import': channel<CdrIngestResult>()(
    z
      .object({
        jobId: JobId,
        accountId: AccountId,
        file: z
          .string()
          .min(2)
          .max(4096)
          .regex(/^(\/|[A-Za-z]:[\\/]).*\.csv$/i, 'The absolute path of a .csv file'),
        direction: z.enum(cdrDirections).optional(),
      })
      .strict(),
  ),
  /** Deletes the records past the retention setting (`dryRun` only counts them). */
  'cdrs.prune': channel<{ deleted: number; cutoff: number; dryRun: boolean }>()(
    z.union([z.object({ dryRun: z.literal(true) }).strict(), z.object({ dryRun: z.literal(false), confirmed: Confirmed }).strict()]),
  ),
  'cdrs.download': channel<{ file: string; bytes: number }>()(
    z
      .object({
        jobId: JobId,
        accountId: AccountId,
        day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Day is YYYY-MM-DD'),
        kind: z.enum(['successful', 'failed']),
        direction: z.enum(['origination', 'termination']),
      })
      .strict(),
  ),
  'cdrs.export': channel<{ file: string; rows: number }>()(
    z.object({ jobId: JobId.optional(), range: CdrRangeSchema, timeZone: TimeZone }).strict(),
  ),
} satisfies AreaChannels<(typeof cdrsChannels)[number]>
