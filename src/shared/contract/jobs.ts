/** Long-running work by its job id (the renderer's choice for changes and purchases, a sync's `runId`): progress, and cancel. */
import { z } from 'zod'
import { channel, JobId, type AreaChannels, type ExactlyFor } from './kit'
import type { jobsChannels, jobsEvents } from './names/jobs'

export interface JobProgress {
  jobId: string
  kind: 'change' | 'release' | 'purchase' | 'reserve' | 'export' | 'download' | 'changeSet' | 'ingest'
  done: number
  total: number
  failed: number
}

export const jobsContract = {
  'jobs.cancel': channel<{ cancelled: boolean }>()(z.object({ jobId: JobId }).strict()),
} satisfies AreaChannels<(typeof jobsChannels)[number]>

export type JobsEvents = ExactlyFor<(typeof jobsEvents)[number], { 'jobs.progress': JobProgress }>
