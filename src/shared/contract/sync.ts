/**
 * Refreshing the cache from the carriers: a run over accounts and areas, its progress and its end. A run is
 * a job: its `runId` is the job id `jobs.cancel` takes.
 */
import { z } from 'zod'
import { syncAreas, type SyncArea, type SyncAreaResult, type SyncProgress } from '../domain'
import { AccountId, channel, type AreaChannels, type ExactlyFor } from './kit'
import type { syncChannels, syncEvents } from './names/sync'

const SyncAreaSchema = z.enum(syncAreas as [SyncArea, ...SyncArea[]])

export interface SyncFinished {
  runId: string
  results: SyncAreaResult[]
}

export const syncContract = {
  'sync.start': channel<{ runId: string }>()(
    z
      .object({
        accountIds: z.array(AccountId).max(100).optional(),
        areas: z.array(SyncAreaSchema).min(1).max(syncAreas.length).optional(),
      })
      .strict(),
  ),
} satisfies AreaChannels<(typeof syncChannels)[number]>

export type SyncEvents = ExactlyFor<(typeof syncEvents)[number], { 'sync.progress': SyncProgress; 'sync.finished': SyncFinished }>
