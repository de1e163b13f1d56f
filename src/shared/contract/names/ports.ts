/** The ports area's channel and event names, free of any dependency (see ipc-names.ts). */
export const portsChannels = [
  'ports.list',
  'ports.check',
  'ports.preview',
  'ports.submit',
  'ports.detail',
  'ports.previewChanges',
  'ports.update',
  'ports.cancel',
  'ports.delete',
  'ports.activate',
  'ports.addDocument',
  'ports.removeDocument',
  'ports.updateForwarding',
  'ports.updateActivation',
  'ports.export',
  'ports.track',
  'ports.untrack',
  'ports.notices',
  'ports.markNoticesSeen',
  'ports.syncStatus',
] as const
export const portsEvents = ['ports.notice', 'ports.changed', 'ports.syncStatus'] as const
