/** The app area's channel and event names, free of any dependency (see ipc-names.ts). */
export const appChannels = ['app.status', 'carriers.list'] as const
export const appEvents = ['app.online'] as const
