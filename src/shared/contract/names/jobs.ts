/** The jobs area's channel and event names, free of any dependency (see ipc-names.ts). */
export const jobsChannels = ['jobs.cancel'] as const
export const jobsEvents = ['jobs.progress'] as const
