/** The clients area's channel names, free of any dependency (see ipc-names.ts). */
export const clientsChannels = [
  'clients.list',
  'clients.adopt',
  'clients.create',
  'clients.setStatus',
  'clients.setBillingDate',
  'clients.refresh',
  'clients.device',
  'clients.revealKey',
  'clients.offerDetails',
] as const
