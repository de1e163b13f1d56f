/** The accounts area's channel and event names, free of any dependency (see ipc-names.ts). */
export const accountsChannels = ['accounts.list', 'accounts.add', 'accounts.update', 'accounts.remove', 'accounts.test'] as const
export const accountsEvents = ['accounts.changed'] as const
