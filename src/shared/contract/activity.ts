/** The activity log: every mutation, who, what, when and with what result. */
import { z } from 'zod'
import type { ActivityEntry } from '../domain'
import { AccountId, channel, type AreaChannels, type ExactlyFor } from './kit'
import type { activityChannels, activityEvents } from './names/activity'

export const activityContract = {
  'activity.list': channel<ActivityEntry[]>()(
    z
      .object({
        limit: z.number().int().min(1).max(1000).default(200),
        /** Only entries at or after this time (epoch ms). */
        since: z.number().int().min(0).optional(),
        accountId: AccountId.optional(),
      })
      .strict(),
  ),
} satisfies AreaChannels<(typeof activityChannels)[number]>

export type ActivityEvents = ExactlyFor<(typeof activityEvents)[number], { 'activity.added': ActivityEntry }>
