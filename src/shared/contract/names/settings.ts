/** The settings area's channel and event names, free of any dependency (see ipc-names.ts). */
export const settingsChannels = ['settings.get', 'settings.update'] as const
export const settingsEvents = ['settings.changed'] as const
