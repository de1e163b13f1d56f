/** The trunks area's channel names, free of any dependency (see ipc-names.ts). */
export const trunksChannels = ['trunks.list'] as const
