/** The sync area's channel and event names, free of any dependency (see ipc-names.ts). */
export const syncChannels = ['sync.start'] as const
export const syncEvents = ['sync.progress', 'sync.finished'] as const
