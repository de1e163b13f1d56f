/**
 * The names of the IPC channels and events, free of any dependency: the sandboxed preload can only
 * `require('electron')`, so it imports these names and never the zod schemas of ipc-shared.ts.
 */
export const channelNames = [
  'app.status',
  'carriers.list',
  'accounts.list',
  'accounts.add',
  'accounts.update',
  'accounts.remove',
  'accounts.test',
  'sandbox.open',
  'sandbox.status',
  'sync.start',
  'sync.cancel',
  'numbers.list',
  'numbers.get',
  'numbers.facets',
  'numbers.setNotes',
  'numbers.tag',
  'numbers.change',
  'numbers.release',
  'numbers.search',
  'numbers.reserve',
  'numbers.purchase',
  'numbers.bulkOrder',
  'numbers.bulkOrderStatus',
  'numbers.verifyAddress',
  'numbers.export',
  'views.list',
  'views.save',
  'views.remove',
  'jobs.cancel',
  'billing.pay',
  'trunks.list',
  'ports.list',
  'cdrs.files',
  'cdrs.records',
  'cdrs.download',
  'cdrs.export',
  'activity.list',
] as const
export type Channel = (typeof channelNames)[number]

export const eventNames = [
  'sync.progress',
  'sync.finished',
  'jobs.progress',
  'numbers.changed',
  'app.online',
  'activity.added',
  'accounts.changed',
] as const
export type EventName = (typeof eventNames)[number]

/** Electron channel names are prefixed so no other ipc traffic can collide with the contract. */
export const invokeChannelName = (channelName: Channel): string => `carrierdesk:${channelName}`
export const eventChannelName = (eventName: EventName): string => `carrierdesk-event:${eventName}`
