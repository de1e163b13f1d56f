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
  CountryOffer,
  E911Address,
  E911Alerts,
  E911Location,
  NumberChange,
  NumberFeatures,
  NumberGroup,
  NumberSearchQuery,
  OrderLine,
  PaymentCard,
  PhoneNumberRecord,
  PortOrder,
  TrunkGroup,
} from '../../shared/domain'
import type { AccountBalance, CarrierPayment, Invoice, LedgerEntry } from '../../shared/billing'
import type { ClientCreation, ClientStatusAction, ClientView, DeviceView, NewClientInput } from '../../shared/clients'
import type { Customer, CustomerChange, CustomerCreation, DiscountPlan, SignupInput, Subscription, ValidNewCustomer } from '../../shared/customers'
import type { PortCheckLine, PortDetailField, PortForwardingEntry, PortOrderDetail } from '../../shared/ports'
import type { TrafficFigures, TrunkDirection, TrunkValues } from '../../shared/trunks'
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
   * `trunk` (a routing trunk id, as `Routing.trunk`) is where the new numbers land; absent, the carrier's
   * client picks its usual one.
   */
  purchase?(options: { numbers: AvailableNumber[]; signal: AbortSignal; trunk?: string | undefined }): Promise<PurchaseResult>
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
  /**
   * With 'numbers.purchaseAsClient': the offer with what buying it needs beyond the number (the client it
   * will belong to), checked as the carrier's document says; a validation AppError names each field wrong.
   */
  withPurchaseDetails?(options: { number: AvailableNumber; details: unknown }): AvailableNumber
  /** With 'numbers.groups': the account's number groups (made in the carrier's portal). */
  groups?(options: { signal: AbortSignal }): Promise<NumberGroup[]>
  /** With 'numbers.groups': the numbers (E.164) in one group, as the carrier lists them now. */
  groupMembers?(options: { groupId: string; signal: AbortSignal }): Promise<string[]>
  /** With 'numbers.features': a number's settings beyond the cached fields, read now (never a secret). */
  features?(options: { e164: string; signal: AbortSignal }): Promise<NumberFeatures>
  /** With 'numbers.countries': the countries and cities where the carrier sells numbers by city. */
  countries?(options: { signal: AbortSignal }): Promise<CountryOffer[]>
}

/**
 * A trunk change as the carrier settled it. `succeeded`: the carrier took it and `trunk` is the trunk as it
 * lists it afterwards (absent when the read-back failed); `unknown`: the answer was lost and re-reading could
 * not tell. A definite refusal (or an ambiguous answer the re-read shows did nothing) is thrown instead.
 */
export interface TrunkChangeResult {
  outcome: 'succeeded' | 'unknown'
  trunk?: TrunkGroup | undefined
  message: string
  /** Set when the first answer was ambiguous and the outcome comes from re-reading the carrier's list. */
  checkedAfterFailure?: boolean | undefined
}

/**
 * Trunk group management ('trunks.manage'). `values` and `changes` were checked against the carrier's own
 * trunk form (CarrierInfo.trunkForms) before the call. Each change is sent once; an ambiguous answer is
 * settled by re-reading the carrier's trunks, never by sending again.
 */
export interface TrunkActions {
  create(options: { direction: TrunkDirection; values: TrunkValues; signal: AbortSignal }): Promise<TrunkChangeResult>
  /** `changes` holds only what changes ('' empties a field the form says can be emptied). */
  update?(options: { trunk: TrunkGroup; changes: TrunkValues; signal: AbortSignal }): Promise<TrunkChangeResult>
  disable?(options: { trunk: TrunkGroup; signal: AbortSignal }): Promise<TrunkChangeResult>
}

/** Traffic reports: per trunk group and per account ('trunks.traffic'), per number ('numbers.traffic'). */
export interface TrafficActions {
  trunks?(options: { trunks: TrunkGroup[]; signal: AbortSignal }): Promise<TrafficFigures[]>
  numbers?(options: { e164s: string[]; signal: AbortSignal }): Promise<TrafficFigures[]>
  /** Month by month for a year, or one month. */
  account?(options: { year: number; month?: number | undefined; signal: AbortSignal }): Promise<TrafficFigures[]>
}

/**
 * How one mutation of a single number ended: `checkedAfterFailure` when its answer was lost and the
 * outcome was read back from the carrier. A change that did not happen throws (a CarrierError, ambiguous
 * when even the read-back failed).
 */
export interface Settled {
  checkedAfterFailure: boolean
}

/** With 'numbers.conference': a number that callers use as a conference bridge, entered with a PIN. */
export interface ConferenceActions {
  /** Whether the number is a conference line, and its PIN: a secret, read only for an explicit reveal. */
  get(options: { e164: string; signal: AbortSignal }): Promise<{ enabled: boolean; pin?: string | undefined }>
  /** Turns the number into a conference line entered with `pin` (or changes the PIN). */
  set(options: { e164: string; pin: string; signal: AbortSignal }): Promise<Settled>
  remove(options: { e164: string; signal: AbortSignal }): Promise<Settled>
}

/** A number's E911 beyond its address: locations ('e911.locations'), history ('e911.history'), alerts ('e911.alerts'). */
export interface E911Actions {
  locations?(options: { e164: string; signal: AbortSignal }): Promise<E911Location[]>
  /** Adds a location (checked and geocoded by the carrier, not yet the provisioned one). */
  addLocation?(options: { e164: string; address: E911Address; signal: AbortSignal }): Promise<E911Location & Settled>
  /** Makes one of the number's locations the one 911 calls are routed with. */
  provisionLocation?(options: { e164: string; locationId: string; signal: AbortSignal }): Promise<Settled>
  removeLocation?(options: { e164: string; locationId: string; signal: AbortSignal }): Promise<Settled>
  /** The locations the number was provisioned with, in the carrier's order. */
  history?(options: { e164: string; signal: AbortSignal }): Promise<E911Location[]>
  alerts?(options: { e164: string; signal: AbortSignal }): Promise<E911Alerts>
  addAlert?(options: { e164: string; email: string; signal: AbortSignal }): Promise<E911Alerts & Settled>
  removeAlert?(options: { e164: string; email: string; signal: AbortSignal }): Promise<E911Alerts & Settled>
}

/** Money the technician sends to the carrier. Never retried; an ambiguous failure is reported as such. */
export interface BillingActions {
  pay?(options: { amount: number; card?: PaymentCard | undefined; signal: AbortSignal }): Promise<{ message: string; reference?: string | undefined }>
  /** With 'billing.balance': the balance as the carrier reports it now. */
  balance?(options: { signal: AbortSignal }): Promise<AccountBalance>
  /** With 'billing.ledger': every money movement the carrier lists, oldest first. */
  ledger?(options: { signal: AbortSignal }): Promise<LedgerEntry[]>
  /** With 'billing.paymentHistory': the carrier's payments in `[from, to]` (YYYY-MM-DD; all when left out). */
  payments?(options: { from?: string | undefined; to?: string | undefined; signal: AbortSignal }): Promise<CarrierPayment[]>
  /** With 'billing.invoices': the invoices dated in `[from, to]` (YYYY-MM-DD). */
  invoices?(options: { from: string; to: string; signal: AbortSignal }): Promise<Invoice[]>
  /** Streams one listed invoice's PDF to `file` (through a `.part` file), never into memory whole. */
  downloadInvoice?(options: {
    invoice: Invoice
    file: string
    signal: AbortSignal
    onProgress?(progress: { bytes: number; totalBytes?: number | undefined }): void
  }): Promise<{ file: string; bytes: number }>
}

/** With 'customers.manage': the sub-accounts an account keeps at its carrier (Call48's customers). */
export interface CustomerActions {
  list(options: { signal: AbortSignal }): Promise<Customer[]>
  /** Sent once; a lost answer is settled by listing the customers again (the user name is unique). */
  create(options: { customer: ValidNewCustomer; signal: AbortSignal }): Promise<CustomerCreation>
  /** One settings change, sent once (the carrier has no read of these settings to settle a lost answer with). */
  change(options: { customerId: number; change: CustomerChange; signal: AbortSignal }): Promise<{ message: string }>
  discountPlans(options: { signal: AbortSignal }): Promise<DiscountPlan[]>
  subscriptions(options: { customerId: number; signal: AbortSignal }): Promise<Subscription[]>
}

/** What opening a carrier account came to, and the new account's settings and secrets to keep. */
export interface SignupResult {
  created: boolean
  checkedAfterFailure?: boolean | undefined
  outcomeUnknown?: boolean | undefined
  message: string
  /** The CarrierDesk account to add once created: its settings and (keychain only) secrets. */
  settings: CarrierSettings
  secrets: AccountSecrets
}

/**
 * End customers and their devices, where the carrier keeps them per account but cannot list them (Nexogy's
 * residential clients): CarrierDesk remembers the ones it created or a technician adopted.
 */
export interface ClientActions {
  /** Brings a client that exists at the carrier (made elsewhere) into CarrierDesk, with its main number (10 digits or E.164). */
  adopt(options: { clientId: number; number: string; domain?: string | undefined; signal: AbortSignal }): Promise<ClientView>
  /** The clients this account knows, as last seen, with the devices seen for each. */
  known(): ClientView[]
  /** Creates a client with its main number (checked as the carrier's document says first). Never retried. */
  create(options: { client: NewClientInput; signal: AbortSignal }): Promise<ClientCreation>
  /** Activates, suspends or cancels a client; a lost answer is settled by reading the client's state. */
  setStatus(options: { clientId: number; action: ClientStatusAction; signal: AbortSignal }): Promise<{ ok: boolean; checkedAfterFailure?: boolean | undefined; outcomeUnknown?: boolean | undefined; message?: string | undefined }>
  setStartBillingDate(options: { clientId: number; startBillingDate: string; signal: AbortSignal }): Promise<ClientView>
  /** Reads the client's state at the carrier now (and remembers it). */
  refresh(options: { clientId: number; signal: AbortSignal }): Promise<ClientView>
  /** Creates the extension (the default one when left out), or reads it if it exists; its key goes to the keychain. */
  device(options: { clientId: number; extension?: string | undefined; signal: AbortSignal }): Promise<DeviceView>
  /** A device's secret key (a SIP key) from the keychain, on the technician's explicit request. */
  deviceKey(options: { clientId: number; extension: string }): Promise<string | undefined>
}

/** A document for a port, as read from a file the technician chose; `kind` is one of the carrier's form's kinds. */
export interface PortDocument {
  kind: string
  name: string
  bytes: Uint8Array
}

/**
 * A port order's body (or an edit's changes) as the carrier documents it, checked before anything is sent:
 * the numbers, every field as the confirmation lists it (the PIN masked), the secret values that must never
 * appear in a message, and the body itself, opaque to the core.
 */
export interface ParsedPortOrder {
  numbers: string[]
  summary: PortDetailField[]
  secrets: string[]
  body: unknown
}

export interface PortMutationResult {
  message: string
  /** Set when the first answer was lost and the outcome comes from re-reading the carrier. */
  checkedAfterFailure: boolean
  /**
   * Every row of the order's master order as the carrier lists it afterwards (none when it is gone), to
   * refresh the cache; absent when that read failed.
   */
  orders?: PortOrder[] | undefined
}

export interface PortSubmitResult extends PortMutationResult {
  /** The new order's id (Call48's `port_req_id`, Vitcom's order number). */
  orderId: string
  /** Documents attached after the order was made (Call48), each with its own outcome. */
  documents?: { kind: string; name: string; ok: boolean; message: string }[] | undefined
}

/**
 * What the carrier's part of an order's detail panel holds (the core adds siblings, history, cache state),
 * with every row of the order's master order as now listed, to refresh the cache.
 */
export type CarrierPortDetail = Omit<PortOrderDetail, 'siblings' | 'history' | 'fromCache'> & { orders?: PortOrder[] | undefined }

/**
 * Which order an action is for: the board's id, and every number of its master order as cached (carriers
 * that list orders by number, not by id, find it with them).
 */
export interface PortOrderRef {
  orderId: string
  numbers: string[]
  signal: AbortSignal
}

/**
 * Port operations in domain terms; capabilities say which exist. Order ids are the board's (`PortOrder.id`, or
 * a master order's `group`). Mutations are sent once and never retried; after an ambiguous failure they
 * re-read the carrier: done (`checkedAfterFailure`), not done (a CarrierError that is not ambiguous, "Not
 * done: ..."), or, when the read fails too, the ambiguous error itself.
 */
export interface PortActions {
  check?(options: { numbers: string[]; signal: AbortSignal }): Promise<PortCheckLine[]>
  /** Checks a new order's body (the carrier's documented submit body); throws a validation AppError by field. */
  parseOrder?(body: unknown): ParsedPortOrder
  submit?(options: { order: ParsedPortOrder; documents: PortDocument[]; signal: AbortSignal }): Promise<PortSubmitResult>
  detail?(options: PortOrderRef & { cached: PortOrder | undefined }): Promise<CarrierPortDetail>
  /** Checks an edit's changes (the submit body's fields, all or some); throws a validation AppError by field. */
  parseChanges?(changes: unknown): ParsedPortOrder
  update?(options: PortOrderRef & { changes: ParsedPortOrder }): Promise<PortMutationResult>
  /** Cancels the order, or one of its numbers. */
  cancel?(options: PortOrderRef & { number?: string | undefined }): Promise<PortMutationResult>
  /** Deletes a draft or a cancelled order, or one of its numbers. */
  discard?(options: PortOrderRef & { number?: string | undefined }): Promise<PortMutationResult>
  /** Activates the order, or one of its numbers, once its FOC date has come. */
  activate?(options: PortOrderRef & { number?: string | undefined }): Promise<PortMutationResult>
  addDocument?(options: PortOrderRef & { document: PortDocument }): Promise<PortMutationResult>
  removeDocument?(options: PortOrderRef & { kind: string }): Promise<PortMutationResult>
  updateForwarding?(options: PortOrderRef & { entries?: PortForwardingEntry[] | undefined; preconfigured?: boolean | undefined }): Promise<PortMutationResult>
  /** How and when one number goes live (YYYY-MM-DD or ISO 8601). */
  updateActivation?(options: PortOrderRef & { number: string; activationType: string; activationDate: string }): Promise<PortMutationResult>
  /** The carrier's own CSV export: the order list, one order's sub orders, or a sub order's numbers. */
  exportCsv?(options: { orderId?: string | undefined; signal: AbortSignal }): Promise<{ name: string; rows: Record<string, string>[] }>
  /** Starts following a port the carrier cannot list (VoIP Innovations), remembered per account. */
  track?(options: { portId: string; signal: AbortSignal }): Promise<PortOrder>
  untrack?(options: { portId: string }): void
}

export interface ReadCdrFileOptions {
  file: string
  /** The calls' direction when the file does not say per row (the listing tells, or the user). */
  direction?: CdrRecord['direction'] | undefined
  /** The zone of the file's zone-less times; the account's carrier time zone when absent. */
  timeZone?: string | undefined
  signal: AbortSignal
  /** Each batch of records read, in file order, with how far the reading got. */
  onRows(records: CdrRecord[], progress: { rows: number; bytes: number; totalBytes: number }): void
}

/** What reading a CDR file found: its header (to read raw lines back), rows read, and those that could not be. */
export interface CdrFileRead {
  header: string[]
  read: number
  rejected: number
  /** The first reasons, by line. */
  problems: string[]
}

/** One account's live client: holds its token in memory and talks to the carrier. */
export interface CarrierClient {
  /** Proves the settings and secrets work (logs in, or makes the cheapest authenticated read). */
  testConnection(options: { signal: AbortSignal }): Promise<{ message: string }>
  /** Present when the adapter can refresh this account's numbers. */
  syncNumbers?(options: SyncNumbersOptions): Promise<void>
  syncTrunks?(options: { signal: AbortSignal }): Promise<TrunkGroup[]>
  syncPorts?(options: SyncPagesOptions<PortOrder>): Promise<void>
  /** Daily CDR files (Vitcom) listed for the days `[from, to]` (YYYY-MM-DD, UTC). */
  syncCdrFiles?(options: { from: string; to: string; signal: AbortSignal }): Promise<CdrFile[]>
  /** Call records (Call48 XDRs) that started in `[from, to)` (epoch ms), page by page. */
  syncCdrRecords?(options: SyncPagesOptions<CdrRecord> & { from: number; to: number }): Promise<void>
  /** Reads a CDR file of this carrier's format (downloaded or the user's own) into call records, streamed. */
  readCdrFile?(options: ReadCdrFileOptions): Promise<CdrFileRead>
  /** Streams one listed CDR file to `file` (through a `.part` file), never into memory whole. */
  downloadCdrFile?(options: {
    cdr: CdrFile
    file: string
    signal: AbortSignal
    onProgress?(progress: { bytes: number; totalBytes?: number | undefined }): void
  }): Promise<{ file: string; bytes: number }>
  numbers?: NumberActions
  /** With 'trunks.manage': creating, editing and disabling trunk groups. */
  trunks?: TrunkActions
  traffic?: TrafficActions
  billing?: BillingActions
  /** With 'clients.manage': the clients the account keeps (see ClientActions). */
  clients?: ClientActions
  /** With 'customers.manage': the account's customers (see CustomerActions). */
  customers?: CustomerActions
  /** With 'ports.*' capabilities: port checks, orders and their changes (see PortActions). */
  ports?: PortActions
  conference?: ConferenceActions
  e911?: E911Actions
}

/** What those facts are read from: a cached number's status, trunk column and raw record. */
export type CachedNumberView = Pick<PhoneNumberRecord, 'status' | 'raw'> & { trunk?: string | null | undefined }

/** Facts a carrier's raw number record holds beyond the cache's columns, read without calling the carrier. */
export interface CachedNumberFacts {
  /** Where the number's calls go when its trunk column is empty (a forward, the account's SIP product), if anywhere. */
  routedBy?(number: CachedNumberView): string | undefined
  /** When a hold on the number (a reservation) ends, epoch ms, when the record says. */
  holdExpiresAt?(number: CachedNumberView): number | undefined
}

/**
 * A carrier's description (what the UI shows and offers), the account settings it takes (declared with
 * kit/settings.ts: the form's fields, the CLI's options and the core's check all come from it) and how to
 * connect an account.
 */
export interface CarrierAdapter<S = CarrierSettings> extends Omit<CarrierInfo, 'fields'> {
  settings: AccountSettingsSpec<S>
  /**
   * Why this carrier would refuse a change before anything is sent (its own rules for a field: the form of a
   * trunk id, a value it cannot clear), or undefined. Asked by a change set's dry run, without connecting;
   * the client's `change` refuses the same changes.
   */
  changeProblem?(change: NumberChange): string | undefined
  /** What a cached number's raw record says that its columns do not (read by the findings). */
  cachedFacts?: CachedNumberFacts
  /** The core checked the settings against `settings` when they were stored; a connect still copes with one missing. */
  connect(account: ConnectedAccount<Partial<S>>, secrets: AccountSecrets, context: AccountContext): CarrierClient
  /**
   * With 'accounts.signup': opens a new account at the carrier (no credentials needed). Sent once; a lost
   * answer is settled by logging in with the new credentials.
   */
  signup?(options: { baseUrl: string; input: SignupInput; signal: AbortSignal }): Promise<SignupResult>
}
