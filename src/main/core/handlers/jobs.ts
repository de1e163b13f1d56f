/** The jobs area's channels (src/shared/contract/jobs.ts) bound to the core. */
import type { jobsChannels } from '../../../shared/contract/names/jobs'
import type { AreaHandlers, HandlerDeps } from './handler'

export const jobsHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof jobsChannels> => ({
  'jobs.cancel': (input) => ({ cancelled: desk.jobs.cancel(input.jobId) }),
})
