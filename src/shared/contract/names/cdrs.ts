/** The call records area's channel names, free of any dependency (see ipc-names.ts). */
export const cdrsChannels = ['cdrs.files', 'cdrs.records', 'cdrs.download', 'cdrs.export'] as const
