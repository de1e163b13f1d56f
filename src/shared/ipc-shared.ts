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
 */
import { z } from 'zod'
import {
  CarrierIdSchema,
  EnvironmentSchema,
  SecretKeySchema,
  type AccountView,
  type ActivityEntry,
  type AddressCheck,
  type AvailableNumber,
  type BulkOrderStatus,
  type CdrFile,
  type CdrRecord,
  type Capability,
  type CarrierInfo,
  type NumberKey,
  type OrderLine,
  type PhoneNumberRecord,
  type PortOrder,
  type SyncAreaResult,
  type TrunkGroup,
  type SyncProgress,
  type SyncArea,
} from './domain'
import { baseUrlProblem } from './base-url'
import { NumbersQuerySchema, type NumberFacets } from './numbers-query'
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
/** https, or plain http to this machine only; no credentials in the URL (see `baseUrlProblem`). */
const BaseUrl = Trimmed.max(2000, 'Base URL is at most 2000 characters').superRefine((value, context) => {
  const problem = baseUrlProblem(value)
  if (problem) context.addIssue({ code: 'custom', message: problem })
})
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
}).strict()
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
  /**
   * A base URL that sends somewhere new (another scheme, host or port) would hand every stored secret to
   * that host at the next request. Such an update is refused unless it either enters again, in `secrets`,
   * every secret the account has stored, or names the new host here, exactly as the URL shows it
   * (`URL.host`: the host name, plus `:port` when not the scheme's default, e.g. "api.example.net:8443"),
   * to say the person at the keyboard trusts that host with the stored secrets. Ignored when the base URL
   * keeps its origin.
   */
  confirmHost: Trimmed.min(1).max(300).optional(),
}).strict()
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

export interface NumberDetail {
  number: PhoneNumberRecord
  /** What this number's carrier lets a technician change. */
  capabilities: Capability[]
  /** Recent activity-log entries about this number. */
  activity: ActivityEntry[]
}

/** One number's outcome in a batch, with the account it belongs to. */
export interface BatchLine extends OrderLine {
  accountId: string
}

export interface BatchResult {
  jobId: string
  lines: BatchLine[]
  succeeded: number
  /** Lines that are neither done nor not sent: refused, failed, or of unknown outcome. */
  failed: number
  /** Lines never sent to the carrier (code `not-sent`), because the user cancelled first. */
  notSent: number
  /** True when the user cancelled the job. */
  cancelled: boolean
}

/** A search result as the renderer sees it: the carrier's offer stays in main, named by `offerId`. */
export type SearchOffer = Omit<AvailableNumber, 'offer'> & { offerId: string; accountName: string }

export interface NumberSearchResult {
  offers: SearchOffer[]
  failures: { accountId: string; accountName: string; message: string }[]
  fetchedAt: number
}

/** A bulk order with the account it was placed for. */
export interface BulkOrderView extends BulkOrderStatus {
  accountId: string
}

export interface SavedView {
  id: number
  screen: string
  name: string
  view: unknown
  updatedAt: number
}

export interface JobProgress {
  jobId: string
  kind: 'change' | 'release' | 'purchase' | 'reserve' | 'export' | 'download'
  done: number
  total: number
  failed: number
}

export interface SyncFinished {
  runId: string
  results: SyncAreaResult[]
}

const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'Numbers are E.164, like +13055550100')
const NumberKeySchema = z.object({ accountId: z.string().min(1).max(64), e164: E164 }).strict() satisfies z.ZodType<NumberKey>
const JobId = z.string().uuid()
/** Money and routing changes must say they were confirmed by the person at the keyboard. */
const Confirmed = z.literal(true, { message: 'This change must be confirmed' })
const Text = (max: number) => z.string().trim().max(max)

export const E911AddressSchema = z
  .object({
    callerName: Text(60).min(1, 'Caller name is required'),
    street: Text(100).min(1, 'Street is required'),
    unit: Text(30).optional(),
    city: Text(60).min(1, 'City is required'),
    state: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'State is two letters'),
    zip: z.string().trim().regex(/^\d{5}(-\d{4})?$/, 'ZIP is 5 digits (or ZIP+4)'),
  })
  .strict()

export const NumberChangeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('routing'),
      routing: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('trunk'), trunk: Text(100).min(1, 'Trunk is required') }).strict(),
        z
          .object({
            kind: z.literal('forward'),
            destination: E164,
            mode: Text(40).optional(),
            method: Text(40).optional(),
          })
          .strict(),
      ]),
    })
    .strict(),
  z.object({ kind: z.literal('cnam'), cnam: Text(15).nullable() }).strict(),
  z.object({ kind: z.literal('e911'), address: E911AddressSchema }).strict(),
  z
    .object({
      kind: z.literal('listing411'),
      listing: z
        .object({ listed: z.boolean(), name: Text(60).optional(), address: E911AddressSchema.optional() })
        .strict(),
    })
    .strict(),
  z
    .object({ kind: z.literal('fax'), fax: z.object({ enabled: z.boolean(), email: z.string().max(254).pipe(z.email()).optional() }).strict() })
    .strict(),
  z.object({ kind: z.literal('status'), status: z.enum(['active', 'suspended']) }).strict(),
])

export const NumberSearchQuerySchema = z
  .object({
    type: z.enum(['local', 'toll-free', 'international']),
    state: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'State is two letters').optional(),
    rateCenter: Text(60).min(1).optional(),
    npa: z.string().regex(/^[2-9]\d{2}$/, 'NPA is three digits').optional(),
    nxx: z.string().regex(/^[2-9]\d{2}$/, 'NXX is three digits').optional(),
    tollFreePrefix: z.enum(['800', '833', '844', '855', '866', '877', '888']).optional(),
    country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Country is a two-letter code').optional(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict()

/** A card typed for one payment: checked for shape here, then passed straight through to the carrier. */
export const PaymentCardSchema = z
  .object({
    firstName: Text(60).min(1, 'First name is required'),
    lastName: Text(60).min(1, 'Last name is required'),
    cardNumber: z
      .string()
      .transform((value) => value.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^\d{12,19}$/, 'Card number is 12 to 19 digits')),
    expMonth: z.number().int().min(1).max(12),
    expYear: z.number().int().min(2000).max(2100),
    cvv: z.string().regex(/^\d{3,4}$/, 'CVV is 3 or 4 digits'),
    address: Text(100).optional(),
    city: Text(60).optional(),
    state: Text(30).optional(),
    zipcode: Text(12).optional(),
  })
  .strict()

const OfferIds = z.array(z.string().min(1).max(64)).min(1).max(1000)
const Targets = z.array(NumberKeySchema).min(1).max(10_000)

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
        areas: z.array(SyncAreaSchema).min(1).max(4).optional(),
      })
      .strict(),
  ),
  'sync.cancel': channel<{ cancelled: boolean }>()(z.object({ runId: z.string().min(1).max(100) }).strict()),
  'numbers.list': channel<NumbersPage>()(NumbersQuerySchema),
  'numbers.get': channel<NumberDetail>()(NumberKeySchema),
  'numbers.facets': channel<NumberFacets>()(z.object({}).strict()),
  'numbers.setNotes': channel<PhoneNumberRecord>()(
    NumberKeySchema.extend({ tags: z.array(Text(40)).max(50), notes: Text(4000) }).strict(),
  ),
  'numbers.tag': channel<{ updated: number }>()(
    z
      .object({
        targets: Targets,
        add: z.array(Text(40).min(1)).max(20).default([]),
        remove: z.array(Text(40).min(1)).max(20).default([]),
      })
      .strict(),
  ),
  'numbers.change': channel<BatchResult>()(
    z.object({ jobId: JobId, targets: Targets, change: NumberChangeSchema, confirmed: Confirmed }).strict(),
  ),
  'numbers.release': channel<BatchResult>()(z.object({ jobId: JobId, targets: Targets, confirmed: Confirmed }).strict()),
  'numbers.search': channel<NumberSearchResult>()(
    z.object({ query: NumberSearchQuerySchema, accountIds: z.array(AccountId).max(100).optional() }).strict(),
  ),
  'numbers.reserve': channel<BatchResult>()(z.object({ jobId: JobId, offerIds: OfferIds }).strict()),
  'numbers.purchase': channel<BatchResult>()(z.object({ jobId: JobId, offerIds: OfferIds, confirmed: Confirmed }).strict()),
  'numbers.bulkOrder': channel<BulkOrderView>()(
    z
      .object({
        accountId: AccountId,
        quantity: z.number().int().min(1).max(10_000),
        state: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).optional(),
        npa: z.string().regex(/^[2-9]\d{2}$/).optional(),
        rateCenter: Text(60).min(1).optional(),
        lata: z.string().regex(/^\d{3}$/).optional(),
        confirmed: Confirmed,
      })
      .strict(),
  ),
  'numbers.bulkOrderStatus': channel<BulkOrderView>()(
    z.object({ accountId: AccountId, orderId: z.string().min(1).max(100) }).strict(),
  ),
  'numbers.verifyAddress': channel<AddressCheck>()(z.object({ accountId: AccountId, address: E911AddressSchema }).strict()),
  'numbers.export': channel<{ file: string; rows: number }>()(
    z
      .object({
        query: NumbersQuerySchema.omit({ offset: true, limit: true }),
        /** IANA zone for the "as of" column, e.g. America/New_York. */
        timeZone: z.string().min(1).max(64),
        columns: z.array(z.string().min(1).max(40)).max(30).optional(),
      })
      .strict(),
  ),
  'views.list': channel<SavedView[]>()(z.object({ screen: z.string().min(1).max(40) }).strict()),
  'views.save': channel<SavedView>()(
    z
      .object({
        screen: z.string().min(1).max(40),
        name: Text(60).min(1, 'Name is required'),
        view: z.record(z.string().max(100), z.unknown()).refine((value) => {
          // The dispatcher lets only plain data through, but the refine must not throw on anything.
          try {
            return JSON.stringify(value).length <= 20_000
          } catch {
            return false
          }
        }, 'View is too large or not JSON'),
      })
      .strict(),
  ),
  'views.remove': channel<{ removed: boolean }>()(z.object({ id: z.number().int().min(1) }).strict()),
  'jobs.cancel': channel<{ cancelled: boolean }>()(z.object({ jobId: JobId }).strict()),
  'trunks.list': channel<TrunkGroup[]>()(z.object({ accountId: AccountId.optional() }).strict()),
  'ports.list': channel<PortOrder[]>()(z.object({ accountId: AccountId.optional() }).strict()),
  'cdrs.files': channel<CdrFile[]>()(z.object({ accountId: AccountId.optional() }).strict()),
  'cdrs.records': channel<{ rows: CdrRecord[]; total: number }>()(
    z
      .object({
        accountId: AccountId.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
  ),
  'cdrs.download': channel<{ file: string; bytes: number }>()(
    z
      .object({
        jobId: JobId,
        accountId: AccountId,
        day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Day is YYYY-MM-DD'),
        kind: z.enum(['successful', 'failed']),
        direction: z.enum(['origination', 'termination']),
      })
      .strict(),
  ),
  'cdrs.export': channel<{ file: string; rows: number }>()(
    z.object({ accountId: AccountId.optional(), timeZone: z.string().min(1).max(64) }).strict(),
  ),
  'billing.pay': channel<{ message: string; reference?: string | undefined }>()(
    z
      .object({
        accountId: AccountId,
        /** Dollars; shown to the technician in the confirmation before this is sent. */
        amount: z.number().positive('Amount must be more than 0').max(100_000).multipleOf(0.01, 'Amount is in dollars and cents'),
        card: PaymentCardSchema.optional(),
        confirmed: Confirmed,
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

/**
 * `Spec` itself, when it has an entry for each of `Names` and no other: a missing or a stray entry is a
 * compile error.
 */
export type ExactlyFor<
  Names extends PropertyKey,
  Spec extends { [N in Names]: unknown } & { [K in Exclude<keyof Spec, Names>]: never },
> = Spec

/** Main-to-renderer events: a payload type for exactly each of `eventNames`. */
export type IpcEvents = ExactlyFor<
  EventName,
  {
    'sync.progress': SyncProgress
    'sync.finished': SyncFinished
    'jobs.progress': JobProgress
    'numbers.changed': { accountIds: string[] }
    'app.online': { online: boolean }
    'activity.added': ActivityEntry
    'accounts.changed': { accountIds: string[] }
  }
>

/** The single object the preload exposes as `window.carrierdesk` (and the E2E harness imitates). */
export interface CarrierDeskBridge {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>
  subscribe<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void
}
