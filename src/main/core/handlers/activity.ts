/** The activity log area's channels (src/shared/contract/activity.ts) bound to the core. */
import type { activityChannels } from '../../../shared/contract/names/activity'
import type { AreaHandlers, HandlerDeps } from './handler'

export const activityHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof activityChannels> => ({
  'activity.list': (input) => desk.activity.list(input),
})
