/** The call records area's channel names, free of any dependency (see ipc-names.ts). */
export const cdrsChannels = [
  'cdrs.files',
  'cdrs.ingests',
  'cdrs.records',
  'cdrs.record',
  'cdrs.stats',
  'cdrs.coverage',
  'cdrs.fetch',
  'cdrs.import',
  'cdrs.prune',
  'cdrs.download',
  'cdrs.export',
] as const
