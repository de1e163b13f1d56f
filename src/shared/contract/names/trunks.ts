/** The trunks area's channel names, free of any dependency (see ipc-names.ts). */
export const trunksChannels = [
  'trunks.list',
  'trunks.detail',
  'trunks.choices',
  'trunks.create',
  'trunks.update',
  'trunks.disable',
  'trunks.traffic',
] as const
