/**
 * The domain model every process shares: carrier accounts and what CarrierDesk caches from them.
 *
 * Cached records carry the account they came from (`accountId`) and when they were fetched (`asOf`,
 * epoch milliseconds) so every view can say how old its data is. Records keep the carrier's own answer
 * in `raw` for the detail panels; secrets never appear in any of these types.
 */
import { z } from 'zod'

/**
 * A carrier's id ("call48"), as its adapter declares it in the main process's carrier registry; the core
 * checks an id against the registry where it comes in, and the renderer learns the ids from
 * `carriers.list`, so a new carrier is added in main without touching this file.
 */
export const CarrierIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'A carrier id is lower-case letters, digits and dashes')
export type CarrierId = string

export const environments = ['production', 'staging', 'sandbox'] as const
export const EnvironmentSchema = z.enum(environments)
export type Environment = z.infer<typeof EnvironmentSchema>

/** Names of the secrets a carrier needs (its adapter names them: "password", "token"...); values live only in the keychain. */
export const SecretKeySchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, 'A secret name is letters and digits')
export type SecretKey = string
export type AccountSecrets = Partial<Record<SecretKey, string>>

/** What every account has, whatever its carrier; kept in SQLite. */
export interface AccountBase {
  carrier: CarrierId
  name: string
  baseUrl: string
  environment: Environment
}

/**
 * A carrier's own non-secret account settings (Call48's user name, Vitcom's account number...), under the
 * keys its adapter declares (`CarrierInfo.fields`). Wherever an account crosses a boundary (IPC, the CLI's
 * JSON, a Sandbox account) they sit beside the common fields, under their own keys; SQLite keeps them as
 * one JSON column.
 */
export type CarrierSettings = Partial<Record<string, string>>

/** The keys of an account's own fields, in its view and its inputs: no carrier setting may take one. */
export const reservedAccountKeys: readonly string[] = [
  'id', 'carrier', 'name', 'baseUrl', 'environment', 'secrets', 'confirmHost', 'settings', 'storedSecrets', 'createdAt', 'updatedAt', 'lastSync',
]

export type SyncArea = 'numbers' | 'trunks' | 'ports' | 'cdrs'
export const syncAreas: readonly SyncArea[] = ['numbers', 'trunks', 'ports', 'cdrs']

export type SyncOutcome = 'succeeded' | 'failed' | 'cancelled' | 'running'

/** How one area of one account ended in a sync run ('unsupported': its carrier cannot provide the area). */
export interface SyncAreaResult {
  accountId: string
  accountName: string
  area: SyncArea
  outcome: Exclude<SyncOutcome, 'running'> | 'unsupported'
  rows: number
  message?: string | undefined
  /** Why it failed, as an error code ('network' when the carrier could not be reached). */
  errorCode?: string | undefined
}

export interface SyncSummary {
  runId: string
  startedAt: number
  finishedAt?: number | undefined
  outcome: SyncOutcome
  message?: string | undefined
  rows: number
}

/**
 * An account as the renderer sees it: the common fields, which secrets are stored (never their values), the
 * last sync, and the carrier's settings under their own keys (e.g. `username`).
 */
export interface AccountView extends AccountBase {
  id: string
  createdAt: number
  updatedAt: number
  storedSecrets: SecretKey[]
  lastSync?: SyncSummary | undefined
  [setting: string]: unknown
}

/** What a carrier can do; the UI offers only what the account's carrier declares. */
export const capabilities = [
  'numbers.list',
  'numbers.search',
  'numbers.purchase',
  'numbers.release',
  'numbers.routing',
  'numbers.cnam',
  'numbers.e911',
  'numbers.listing411',
  'numbers.fax',
  'numbers.status',
  'numbers.addressVerify',
  'numbers.reserve',
  'numbers.bulkOrder',
  'trunks.list',
  'trunks.manage',
  'ports.list',
  'ports.submit',
  'ports.documents',
  'cdrs.records',
  'cdrs.files',
  'billing.invoices',
  'billing.payments',
  'clients.manage',
  'devices.manage',
] as const
export type Capability = (typeof capabilities)[number]

/** One of a carrier's account settings, as its form field (and CLI option) shows it. */
export interface CarrierField {
  key: string
  label: string
  required: boolean
}

export interface CarrierSecretField {
  key: SecretKey
  label: string
}

/** Static description of a carrier: the form fields an account needs and what the carrier supports. */
export interface CarrierInfo {
  id: CarrierId
  name: string
  defaultBaseUrls: Partial<Record<Environment, string>>
  fields: CarrierField[]
  secretFields: CarrierSecretField[]
  capabilities: Capability[]
  /** With 'billing.payments': whether a payment takes a card (Vitcom) or charges the card on file (Call48). */
  paymentMethod?: 'card' | 'on-file' | undefined
  /** Hosts of the carrier's portal or documents besides its default base URLs', which links may open. */
  linkHosts?: string[] | undefined
}

export type NumberType = 'local' | 'toll-free' | 'international'
export type NumberStatus = 'active' | 'reserved' | 'pending' | 'suspended' | 'porting' | 'released' | 'unknown'

export interface PhoneNumberRecord {
  accountId: string
  carrier: CarrierId
  /** E.164, e.g. +13055550100. */
  e164: string
  type: NumberType
  status: NumberStatus
  state?: string | undefined
  rateCenter?: string | undefined
  trunk?: string | undefined
  cnam?: string | undefined
  e911?: string | undefined
  monthlyCost?: number | undefined
  /** Set when the number was missing from the carrier's answer on the last successful sync. */
  goneAt?: number | undefined
  asOf: number
  raw: unknown
  /** Local annotations (CarrierDesk only, never sent to a carrier). */
  tags?: string[] | undefined
  notes?: string | undefined
  /** The account's name, filled in by queries for display. */
  accountName?: string | undefined
}

/** A cached number by its account: the same E.164 can be cached under two accounts. */
export interface NumberKey {
  accountId: string
  e164: string
}

export interface TrunkGroup {
  accountId: string
  carrier: CarrierId
  id: string
  name: string
  direction: 'origination' | 'termination' | 'both'
  ips: string[]
  status: 'active' | 'disabled' | 'unknown'
  asOf: number
  raw: unknown
}

/** One lifecycle for every carrier's port orders. */
export type PortStatus =
  | 'draft'
  | 'submitted'
  | 'pending'
  | 'foc-set'
  | 'completed'
  | 'rejected'
  | 'cancelled'
  | 'unknown'

export interface PortOrder {
  accountId: string
  carrier: CarrierId
  id: string
  numbers: string[]
  status: PortStatus
  focDate?: string | undefined
  rejectionReason?: string | undefined
  asOf: number
  raw: unknown
}

export interface CdrFile {
  accountId: string
  carrier: CarrierId
  /** YYYY-MM-DD. */
  day: string
  kind: 'successful' | 'failed'
  direction: 'origination' | 'termination'
  url: string
  asOf: number
}

export interface CdrRecord {
  accountId: string
  carrier: CarrierId
  id: string
  startedAt: number
  from: string
  to: string
  durationSeconds: number
  disposition: string
  cost?: number | undefined
  raw: unknown
}

/** One number's result in a batch (purchase, release, change): batches can succeed partly. */
export interface OrderLine {
  e164: string
  ok: boolean
  /** The carrier's own code for this number, when it gives one, or one of CarrierDesk's below. */
  code?: string | undefined
  message?: string | undefined
  /** Set when the first answer was ambiguous and `ok` comes from re-reading the carrier's state. */
  checkedAfterFailure?: boolean | undefined
}

/** `OrderLine.code` of a number never sent to the carrier because the user cancelled first: nothing happened to it. */
export const notSentCode = 'not-sent'
/** `OrderLine.code` of a number whose answer was lost and could not be settled by re-reading the carrier. */
export const unknownOutcomeCode = 'unknown'

export type OrderState = 'pending' | 'completed' | 'partial' | 'failed'

/** A bulk order (numbers ordered by quantity; the carrier picks them) as the carrier last reported it. */
export interface BulkOrderStatus {
  orderId: string
  state: OrderState
  requested: number
  fulfilled: number
  numbers: string[]
  message?: string | undefined
}

export interface Order {
  accountId: string
  carrier: CarrierId
  id: string
  createdAt: number
  status: OrderState
  lines: OrderLine[]
  totalCost?: number | undefined
}

export type ActivityResult = 'succeeded' | 'failed' | 'unknown'

/** One row of the activity log: every mutation, who/what/when/result, never a secret. */
export interface ActivityEntry {
  id: number
  at: number
  actor: string
  accountId?: string | undefined
  carrier?: CarrierId | undefined
  action: string
  target?: string | undefined
  result: ActivityResult
  message?: string | undefined
  details?: Record<string, unknown> | undefined
}

export interface SyncProgress {
  runId: string
  accountId: string
  area: SyncArea
  phase: 'started' | 'page' | 'finished' | 'failed' | 'cancelled'
  pages: number
  rows: number
  rowsPerSecond: number
  message?: string | undefined
}

/** What a technician searches for when buying numbers; carriers ignore what they cannot filter on. */
export interface NumberSearchQuery {
  type: NumberType
  /** Two-letter US state. */
  state?: string | undefined
  rateCenter?: string | undefined
  npa?: string | undefined
  nxx?: string | undefined
  /** 800, 833, 844, ... for toll-free searches. */
  tollFreePrefix?: string | undefined
  /** ISO 3166 alpha-2, for international searches. */
  country?: string | undefined
  /** How many numbers are wanted; clients page through the carrier's per-call caps to reach it. */
  limit: number
}

/** A number a carrier offers for sale, as found by a search. */
export interface AvailableNumber {
  accountId: string
  carrier: CarrierId
  e164: string
  type: NumberType
  state?: string | undefined
  rateCenter?: string | undefined
  lata?: string | undefined
  setupCost?: number | undefined
  monthlyCost?: number | undefined
  /** When the search ran: listed availability goes stale within the hour. */
  fetchedAt: number
  /** What the carrier needs echoed back to buy this exact number (Call48's loc/locData); JSON, opaque to the UI. */
  offer?: unknown
}

/** Where a number's calls go. */
export type Routing =
  | { kind: 'trunk'; trunk: string }
  | { kind: 'forward'; destination: string; mode?: string | undefined; method?: string | undefined }

export interface E911Address {
  callerName: string
  street: string
  unit?: string | undefined
  city: string
  state: string
  zip: string
}

export interface Listing411 {
  listed: boolean
  name?: string | undefined
  address?: E911Address | undefined
}

export interface FaxSettings {
  enabled: boolean
  email?: string | undefined
}

/** One change a technician can make to numbers; capabilities say which kinds a carrier takes. */
export type NumberChange =
  | { kind: 'routing'; routing: Routing }
  | { kind: 'cnam'; cnam: string | null }
  | { kind: 'e911'; address: E911Address }
  | { kind: 'listing411'; listing: Listing411 }
  | { kind: 'fax'; fax: FaxSettings }
  | { kind: 'status'; status: 'active' | 'suspended' }

/** The capability a carrier must declare to take each kind of change. */
export const changeCapability: Record<NumberChange['kind'], Capability> = {
  routing: 'numbers.routing',
  cnam: 'numbers.cnam',
  e911: 'numbers.e911',
  listing411: 'numbers.listing411',
  fax: 'numbers.fax',
  status: 'numbers.status',
}

export interface AddressCheck {
  valid: boolean
  /** The carrier's corrected form of the address, when it offers one. */
  suggestion?: E911Address | undefined
  message?: string | undefined
}

/**
 * A payment card, as typed by the technician for one payment. Passed straight through to the carrier and
 * never stored, logged, cached or put in an error.
 */
export interface PaymentCard {
  firstName: string
  lastName: string
  cardNumber: string
  expMonth: number
  expYear: number
  cvv: string
  address?: string | undefined
  city?: string | undefined
  state?: string | undefined
  zipcode?: string | undefined
}
