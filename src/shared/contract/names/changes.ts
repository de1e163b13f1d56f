/** The change sets area's channel and event names, free of any dependency (see ipc-names.ts). */
export const changesChannels = [
  'changes.list',
  'changes.get',
  'changes.create',
  'changes.rename',
  'changes.delete',
  'changes.stage',
  'changes.unstage',
  'changes.check',
  'changes.apply',
  'changes.revert',
  'changes.export',
  'changes.import',
] as const
export const changesEvents = ['changes.changed'] as const
