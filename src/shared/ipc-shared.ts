/**
 * The one IPC contract between the renderer and the main process.
 *
 * Every channel names a zod schema for its input (checked in main before any handler runs) and the type
 * of its output. Events flow the other way, main to renderer, through `subscribe`.
 *
 * Inputs are strict: every object schema refuses keys it does not name, and the dispatcher lets only plain
 * data reach a schema (objects with Object.prototype or a null prototype, arrays, strings, numbers,
 * booleans, null, undefined; no Map, Set, Date, RegExp, BigInt, class instance, getter, cycle or
 * `__proto__`/`constructor`/`prototype` key at any depth; see core/plain-input.ts). An input is an object:
 * `null` is refused everywhere, and leaving the input out (`undefined`) means `{}` only for the channels
 * whose schema is `z.object({})`. The Electron shell,
 * the preload bridge, the E2E harness and the renderer are all typed from this file, so a channel cannot
 * exist on one side only.
 *
 * Each area's channels (their schemas and payload types) and events live in contract/<area>.ts, its names
 * in contract/names/<area>.ts; this file composes them into the one `ipcContract`, and re-exports every
 * area so `ipc-shared` stays the one import path for the contract.
 */
import type { z } from 'zod'
import type { Result } from './errors'
import type { Channel, EventName } from './ipc-names'
import { accountsContract, type AccountsEvents } from './contract/accounts'
import { activityContract, type ActivityEvents } from './contract/activity'
import { appContract, type AppEvents } from './contract/app'
import { balanceContract } from './contract/balance'
import { billingContract } from './contract/billing'
import { buyingContract } from './contract/buying'
import { cdrsContract } from './contract/cdrs'
import { clientsContract } from './contract/clients'
import { customersContract } from './contract/customers'
import { changesContract, type ChangesEvents } from './contract/changes'
import { e911Contract } from './contract/e911'
import { featuresContract } from './contract/features'
import { jobsContract, type JobsEvents } from './contract/jobs'
import type { ChannelSpec, ExactlyFor } from './contract/kit'
import { findingsContract, type FindingsEvents } from './contract/findings'
import { numbersContract, type NumbersEvents } from './contract/numbers'
import { portsContract, type PortsEvents } from './contract/ports'
import { sandboxContract } from './contract/sandbox'
import { settingsContract, type SettingsEvents } from './contract/settings'
import { syncContract, type SyncEvents } from './contract/sync'
import { trunksContract } from './contract/trunks'
import { viewsContract } from './contract/views'

export { cancelChannelName, channelNames, eventNames, eventChannelName, invokeChannelName, isRequestId } from './ipc-names'
export type { Channel, EventName } from './ipc-names'
export type { ExactlyFor } from './contract/kit'
export * from './contract/accounts'
export * from './contract/activity'
export * from './contract/app'
export * from './contract/balance'
export * from './contract/billing'
export * from './contract/buying'
export * from './contract/cdrs'
export * from './contract/clients'
export * from './contract/customers'
export * from './contract/changes'
export * from './contract/e911'
export * from './contract/features'
export * from './contract/jobs'
export * from './contract/findings'
export * from './contract/numbers'
export * from './contract/ports'
export * from './contract/sandbox'
export * from './contract/settings'
export * from './contract/sync'
export * from './contract/trunks'
export * from './contract/views'

export const ipcContract = {
  ...appContract,
  ...accountsContract,
  ...sandboxContract,
  ...syncContract,
  ...numbersContract,
  ...buyingContract,
  ...viewsContract,
  ...jobsContract,
  ...trunksContract,
  ...portsContract,
  ...cdrsContract,
  ...billingContract,
  ...activityContract,
  ...settingsContract,
  ...clientsContract,
  ...customersContract,
  ...changesContract,
  ...featuresContract,
  ...e911Contract,
  ...balanceContract,
  ...findingsContract,
} as const satisfies Record<Channel, ChannelSpec<z.ZodType, unknown>>

export type IpcContract = typeof ipcContract
export type ChannelInput<C extends Channel> = z.input<IpcContract[C]['input']>
export type ChannelParsedInput<C extends Channel> = z.output<IpcContract[C]['input']>
export type ChannelOutput<C extends Channel> = NonNullable<IpcContract[C]['output']>

/** Main-to-renderer events: a payload type for exactly each of `eventNames` (each area declares its own). */
export type IpcEvents = ExactlyFor<EventName, AppEvents & AccountsEvents & SyncEvents & NumbersEvents & JobsEvents & ActivityEvents & SettingsEvents & ChangesEvents & PortsEvents & FindingsEvents>

/** The single object the preload exposes as `window.carrierdesk` (and the E2E harness imitates). */
export interface CarrierDeskBridge {
  /** Calls a channel; with a `requestId`, the call can be cancelled while it runs. */
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>, requestId?: string): Promise<Result<ChannelOutput<C>>>
  /** Aborts the signal of the invoke made with `requestId`; its answer (usually `cancelled`) still comes. */
  cancel(requestId: string): void
  subscribe<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void
}
