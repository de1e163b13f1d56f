/**
 * The carrier adapter interface. Each carrier folder implements it; the core reaches carriers only
 * through it, and the UI offers only what an adapter's `capabilities` declare.
 *
 * Each carrier folder also exports its full typed client (every documented operation); the adapter maps
 * the part the core needs (sync, search, buy, change, release) onto the shared domain model.
 *
 * Methods take one options object with an AbortSignal, so every call can be cancelled.
 */
import type {
  AccountBase,
  AccountSecrets,
  AddressCheck,
  AvailableNumber,
  BulkOrderStatus,
  CarrierInfo,
  CarrierSettings,
  CdrFile,
  CdrRecord,
  E911Address,
  NumberChange,
  NumberSearchQuery,
  OrderLine,
  PaymentCard,
  PhoneNumberRecord,
  PortOrder,
  TrunkGroup,
} from '../../shared/domain'
import type { AccountSettingsSpec } from './kit/settings'

/** An account as its adapter connects it: the common fields and the carrier's settings beside them. */
export type ConnectedAccount<S = CarrierSettings> = AccountBase & { id: string } & S

/**
 * What an account's client may keep between runs besides its settings. `memo` holds small non-secret
 * facts in SQLite (e.g. the Nexogy clients CarrierDesk created, since Nexogy cannot list them); `secrets`
 * holds secrets a carrier hands out (e.g. a Nexogy device's SIP key) in the keychain only.
 */
export interface AccountContext {
  memo: {
    get(key: string): unknown
    set(key: string, value: unknown): void
  }
  secrets: {
    put(name: string, value: string): Promise<void>
    get(name: string): Promise<string | undefined>
  }
}

export interface SyncPageInfo {
  /** Pages fetched so far, including this one. */
  page: number
  /** Total expected rows when the carrier says, for progress bars. */
  expectedRows?: number | undefined
}

export interface SyncPagesOptions<T> {
  signal: AbortSignal
  /** Called with each page, in order; the runner stages them and commits only when the sync completes. */
  onPage(rows: T[], info: SyncPageInfo): void
}
export type SyncNumbersOptions = SyncPagesOptions<PhoneNumberRecord>

export interface PurchaseResult {
  /** One line per number asked for: bought (`ok`) or not, with the carrier's code and message. */
  lines: OrderLine[]
  orderId?: string | undefined
  totalCost?: number | undefined
}

export interface BulkOrderRequest {
  /** How many numbers, and where; the carrier picks the numbers. */
  quantity: number
  state?: string | undefined
  npa?: string | undefined
  rateCenter?: string | undefined
  lata?: string | undefined
}

/** Number operations in domain terms. A carrier implements those its capabilities declare. */
export interface NumberActions {
  search?(options: { query: NumberSearchQuery; signal: AbortSignal }): Promise<AvailableNumber[]>
  /** Holds numbers before ordering, where the carrier has a cart or holds (Vitcom, VoIP Innovations). */
  reserve?(options: { numbers: AvailableNumber[]; signal: AbortSignal }): Promise<OrderLine[]>
  /**
   * Buys numbers. Never retried; after an ambiguous failure the client re-reads the carrier's state and
   * reports each number as bought or not (`checkedAfterFailure`), so a number is never bought twice.
   */
  purchase?(options: { numbers: AvailableNumber[]; signal: AbortSignal }): Promise<PurchaseResult>
  /** Orders numbers by quantity where the carrier offers it; resolves when the order is placed. */
  bulkOrder?(options: { request: BulkOrderRequest; signal: AbortSignal }): Promise<BulkOrderStatus>
  bulkOrderStatus?(options: { orderId: string; signal: AbortSignal }): Promise<BulkOrderStatus>
  /** Releases numbers; same ambiguity rule as purchase. */
  release?(options: { e164s: string[]; signal: AbortSignal }): Promise<OrderLine[]>
  /** Applies one change to numbers; capabilities say which kinds (numbers.routing, numbers.cnam, ...). */
  change?(options: { e164s: string[]; change: NumberChange; signal: AbortSignal }): Promise<OrderLine[]>
  /** Reads numbers afresh (after a change), so the cache is updated from the carrier's answer. */
  read?(options: { e164s: string[]; signal: AbortSignal }): Promise<PhoneNumberRecord[]>
  verifyAddress?(options: { address: E911Address; signal: AbortSignal }): Promise<AddressCheck>
}

/** Money the technician sends to the carrier. Never retried; an ambiguous failure is reported as such. */
export interface BillingActions {
  pay?(options: { amount: number; card?: PaymentCard | undefined; signal: AbortSignal }): Promise<{ message: string; reference?: string | undefined }>
}

/**
 * A client (end customer) an account keeps at the carrier, as CarrierDesk last saw it: the carrier's own
 * shape (ids, domain, main number, state), shown as is.
 */
export type KnownClient = Readonly<Record<string, unknown>>

/**
 * End customers and their devices, where the carrier keeps them per account but cannot list them (Nexogy's
 * residential clients): CarrierDesk remembers the ones it created or a technician adopted.
 */
export interface ClientActions {
  /** Brings a client that exists at the carrier (made elsewhere) into CarrierDesk, with its main number (10 digits or E.164). */
  adopt(options: { clientId: number; number: string; domain?: string | undefined; signal: AbortSignal }): Promise<KnownClient>
  /** The clients this account knows, as last seen. */
  known(): KnownClient[]
  /** A device's secret key (a SIP key) from the keychain, on the technician's explicit request. */
  deviceKey(options: { clientId: number; extension: string }): Promise<string | undefined>
}

/** One account's live client: holds its token in memory and talks to the carrier. */
export interface CarrierClient {
  /** Proves the settings and secrets work (logs in, or makes the cheapest authenticated read). */
  testConnection(options: { signal: AbortSignal }): Promise<{ message: string }>
  /** Present when the adapter can refresh this account's numbers. */
  syncNumbers?(options: SyncNumbersOptions): Promise<void>
  syncTrunks?(options: { signal: AbortSignal }): Promise<TrunkGroup[]>
  syncPorts?(options: SyncPagesOptions<PortOrder>): Promise<void>
  /** CDR listings: daily files (Vitcom) and/or call records (Call48 XDRs) for `[from, to]` (YYYY-MM-DD). */
  syncCdrFiles?(options: { from: string; to: string; signal: AbortSignal }): Promise<CdrFile[]>
  syncCdrRecords?(options: SyncPagesOptions<CdrRecord> & { from: string; to: string }): Promise<void>
  /** Streams one listed CDR file to `file` (through a `.part` file), never into memory whole. */
  downloadCdrFile?(options: {
    cdr: CdrFile
    file: string
    signal: AbortSignal
    onProgress?(progress: { bytes: number; totalBytes?: number | undefined }): void
  }): Promise<{ file: string; bytes: number }>
  numbers?: NumberActions
  billing?: BillingActions
  /** With 'clients.manage': the clients the account keeps (see ClientActions). */
  clients?: ClientActions
}

/**
 * A carrier's description (what the UI shows and offers), the account settings it takes (declared with
 * kit/settings.ts: the form's fields, the CLI's options and the core's check all come from it) and how to
 * connect an account.
 */
export interface CarrierAdapter<S = CarrierSettings> extends Omit<CarrierInfo, 'fields'> {
  settings: AccountSettingsSpec<S>
  /** The core checked the settings against `settings` when they were stored; a connect still copes with one missing. */
  connect(account: ConnectedAccount<Partial<S>>, secrets: AccountSecrets, context: AccountContext): CarrierClient
}
