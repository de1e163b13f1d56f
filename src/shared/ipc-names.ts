/**
 * The names of the IPC channels and events, free of any dependency: the sandboxed preload can only
 * `require('electron')`, so it imports these names and never the zod schemas of ipc-shared.ts. Each area
 * lists its own names in contract/names/<area>.ts; a new area adds one line to each list below.
 */
import { accountsChannels, accountsEvents } from './contract/names/accounts'
import { activityChannels, activityEvents } from './contract/names/activity'
import { appChannels, appEvents } from './contract/names/app'
import { balanceChannels } from './contract/names/balance'
import { billingChannels } from './contract/names/billing'
import { buyingChannels } from './contract/names/buying'
import { cdrsChannels } from './contract/names/cdrs'
import { clientsChannels } from './contract/names/clients'
import { customersChannels } from './contract/names/customers'
import { changesChannels, changesEvents } from './contract/names/changes'
import { e911Channels } from './contract/names/e911'
import { featuresChannels } from './contract/names/features'
import { findingsChannels, findingsEvents } from './contract/names/findings'
import { jobsChannels, jobsEvents } from './contract/names/jobs'
import { numbersChannels, numbersEvents } from './contract/names/numbers'
import { portsChannels, portsEvents } from './contract/names/ports'
import { sandboxChannels } from './contract/names/sandbox'
import { settingsChannels, settingsEvents } from './contract/names/settings'
import { syncChannels, syncEvents } from './contract/names/sync'
import { trunksChannels } from './contract/names/trunks'
import { viewsChannels } from './contract/names/views'

export const channelNames = [
  ...appChannels,
  ...accountsChannels,
  ...sandboxChannels,
  ...syncChannels,
  ...numbersChannels,
  ...buyingChannels,
  ...viewsChannels,
  ...jobsChannels,
  ...trunksChannels,
  ...portsChannels,
  ...cdrsChannels,
  ...billingChannels,
  ...activityChannels,
  ...settingsChannels,
  ...clientsChannels,
  ...customersChannels,
  ...changesChannels,
  ...featuresChannels,
  ...e911Channels,
  ...balanceChannels,
  ...findingsChannels,
] as const
export type Channel = (typeof channelNames)[number]

export const eventNames = [...syncEvents, ...jobsEvents, ...numbersEvents, ...appEvents, ...activityEvents, ...accountsEvents, ...settingsEvents, ...changesEvents, ...portsEvents, ...findingsEvents] as const
export type EventName = (typeof eventNames)[number]

/**
 * The one message the renderer sends without an answer: cancel the invoke made with this request id
 * (contextBridge cannot carry an AbortSignal, so the bridge names the invoke and main aborts its signal).
 */
export const cancelChannelName = 'carrierdesk-cancel:invoke'

/** A request id: names one invoke so that it can be cancelled (the renderer makes one per cancellable call). */
export const isRequestId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 100

/** Electron channel names are prefixed so no other ipc traffic can collide with the contract. */
export const invokeChannelName = (channelName: Channel): string => `carrierdesk:${channelName}`
export const eventChannelName = (eventName: EventName): string => `carrierdesk-event:${eventName}`
