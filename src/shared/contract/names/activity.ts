/** The activity log area's channel and event names, free of any dependency (see ipc-names.ts). */
export const activityChannels = ['activity.list'] as const
export const activityEvents = ['activity.added'] as const
