/** The ports area's channel names, free of any dependency (see ipc-names.ts). */
export const portsChannels = ['ports.list'] as const
