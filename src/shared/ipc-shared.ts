/**
 * The one IPC contract between the renderer and the main process.
 *
 * Every channel names a zod schema for its input (checked in main before any handler runs) and the type
 * of its output. Events flow the other way, main to renderer, through `subscribe`. The Electron shell,
 * the preload bridge, the E2E harness and the renderer are all typed from this file, so a channel cannot
 * exist on one side only.
 */
import { z } from 'zod'
import {
  CarrierIdSchema,
  EnvironmentSchema,
  SecretKeySchema,
  type AccountView,
  type ActivityEntry,
  type CarrierInfo,
  type PhoneNumberRecord,
  type SyncProgress,
  type SyncArea,
} from './domain'
import type { Result } from './errors'
import type { Channel, EventName } from './ipc-names'

export { channelNames, eventNames, eventChannelName, invokeChannelName } from './ipc-names'
export type { Channel, EventName } from './ipc-names'

/** Output types are carried by a phantom field so the contract stays one plain object. */
interface ChannelSpec<I extends z.ZodType, O> {
  input: I
  output?: O
}
function channel<O>() {
  return <I extends z.ZodType>(input: I): ChannelSpec<I, O> => ({ input })
}

const Trimmed = z.string().trim()
const AccountName = Trimmed.min(1, 'Name is required').max(80, 'Name is at most 80 characters')
const BaseUrl = Trimmed.refine((value) => {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}, 'Base URL must be an http(s) URL')
const OptionalField = Trimmed.max(200).optional()
const SecretsInput = z.partialRecord(SecretKeySchema, z.string().min(1).max(4096))

export const AccountInputSchema = z.object({
  carrier: CarrierIdSchema,
  name: AccountName,
  baseUrl: BaseUrl,
  environment: EnvironmentSchema.default('production'),
  username: OptionalField,
  accountNo: OptionalField,
  clientId: OptionalField,
  scope: OptionalField,
  secrets: SecretsInput.default({}),
})
export type AccountInput = z.input<typeof AccountInputSchema>

const AccountId = z.string().min(1).max(64)

export const AccountUpdateSchema = z.object({
  id: AccountId,
  name: AccountName.optional(),
  baseUrl: BaseUrl.optional(),
  environment: EnvironmentSchema.optional(),
  username: OptionalField,
  accountNo: OptionalField,
  clientId: OptionalField,
  scope: OptionalField,
  /** Only the secrets named here are replaced; the others stay in the keychain as they are. */
  secrets: SecretsInput.optional(),
})
export type AccountUpdate = z.input<typeof AccountUpdateSchema>

const SyncAreaSchema = z.enum(['numbers', 'trunks', 'ports', 'cdrs'] satisfies SyncArea[])

export interface ConnectionTestResult {
  ok: boolean
  latencyMs: number
  message: string
}

export interface SandboxStatus {
  running: boolean
  carriers: { carrier: string; baseUrl: string }[]
}

export interface AppStatus {
  online: boolean
  /** The oldest "as of" among cached records of accounts that have synced, or undefined if none. */
  oldestDataAsOf?: number | undefined
  accounts: number
  version: string
}

export interface NumbersPage {
  rows: PhoneNumberRecord[]
  total: number
}

export const ipcContract = {
  'app.status': channel<AppStatus>()(z.object({}).strict()),
  'carriers.list': channel<CarrierInfo[]>()(z.object({}).strict()),
  'accounts.list': channel<AccountView[]>()(z.object({}).strict()),
  'accounts.add': channel<AccountView>()(AccountInputSchema),
  'accounts.update': channel<AccountView>()(AccountUpdateSchema),
  'accounts.remove': channel<{ removed: boolean }>()(z.object({ id: AccountId }).strict()),
  'accounts.test': channel<ConnectionTestResult>()(z.object({ id: AccountId }).strict()),
  'sandbox.open': channel<{ accounts: AccountView[] }>()(
    z.object({ seed: z.number().int().min(0).max(2 ** 31).optional() }).strict(),
  ),
  'sandbox.status': channel<SandboxStatus>()(z.object({}).strict()),
  'sync.start': channel<{ runId: string }>()(
    z
      .object({
        accountIds: z.array(AccountId).max(100).optional(),
        areas: z.array(SyncAreaSchema).min(1).optional(),
      })
      .strict(),
  ),
  'sync.cancel': channel<{ cancelled: boolean }>()(z.object({ runId: z.string().min(1) }).strict()),
  'numbers.list': channel<NumbersPage>()(
    z
      .object({
        accountId: AccountId.optional(),
        carrier: CarrierIdSchema.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
  ),
  'activity.list': channel<ActivityEntry[]>()(
    z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
  ),
} as const satisfies Record<Channel, ChannelSpec<z.ZodType, unknown>>

export type IpcContract = typeof ipcContract
export type ChannelInput<C extends Channel> = z.input<IpcContract[C]['input']>
export type ChannelParsedInput<C extends Channel> = z.output<IpcContract[C]['input']>
export type ChannelOutput<C extends Channel> = NonNullable<IpcContract[C]['output']>

/** Main-to-renderer events. */
export interface IpcEvents extends Record<EventName, unknown> {
  'sync.progress': SyncProgress
  'activity.added': ActivityEntry
  'accounts.changed': { accountIds: string[] }
}

/** The single object the preload exposes as `window.carrierdesk` (and the E2E harness imitates). */
export interface CarrierDeskBridge {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>
  subscribe<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void
}
