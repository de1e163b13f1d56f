/** Call records: the cached daily files and records, downloads of a file, and CSV export. */
import { z } from 'zod'
import type { CdrFile, CdrRecord } from '../domain'
import { AccountId, channel, JobId, TimeZone, type AreaChannels } from './kit'
import type { cdrsChannels } from './names/cdrs'

export const cdrsContract = {
  'cdrs.files': channel<CdrFile[]>()(z.object({ accountId: AccountId.optional() }).strict()),
  'cdrs.records': channel<{ rows: CdrRecord[]; total: number }>()(
    z
      .object({
        accountId: AccountId.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
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
    z.object({ accountId: AccountId.optional(), timeZone: TimeZone }).strict(),
  ),
} satisfies AreaChannels<(typeof cdrsChannels)[number]>
