/**
 * The domain model every process shares: carrier accounts and what CarrierDesk caches from them.
 *
 * Cached records carry the account they came from (`accountId`) and when they were fetched (`asOf`,
 * epoch milliseconds) so every view can say how old its data is. Records keep the carrier's own answer
 * in `raw` for the detail panels; secrets never appear in any of these types.
 */
import { z } from 'zod'
import type { PortFormSpec, PortLine, PortOrderAction } from './ports'
import type { RoutingTrunkFormat, TrunkForms, TrunkValues } from './trunks'

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

export type SyncArea = 'numbers' | 'trunks' | 'ports' | 'cdrs' | 'billing'
export const syncAreas: readonly SyncArea[] = ['numbers', 'trunks', 'ports', 'cdrs', 'billing']

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
  // Per-number features beyond routing (VoIP Innovations' WSDL): see NumberFeatures and the change kinds.
  'numbers.failover',
  'numbers.stopForwarding',
  'numbers.groups',
  'numbers.e911Remove',
  'numbers.features',
  'numbers.conference',
  'numbers.countries',
  'e911.locations',
  'e911.history',
  'e911.alerts',
  'trunks.list',
  'trunks.manage',
  /** Traffic reports per trunk group and per account (ASR, ACD, minutes of use, peak). */
  'trunks.traffic',
  /** Traffic reports per number. */
  'numbers.traffic',
  'ports.list',
  'ports.check',
  'ports.submit',
  'ports.documents',
  'ports.edit',
  'ports.cancel',
  'ports.delete',
  'ports.activate',
  'ports.forwarding',
  'ports.export',
  'ports.track',
  'cdrs.records',
  'cdrs.files',
  'billing.invoices',
  'billing.payments',
  /** A balance the carrier reports (Vitcom's running balance, VoIP Innovations' prepaid balance). */
  'billing.balance',
  /** Every money movement with a running balance (Vitcom's financial summary). */
  'billing.ledger',
  /** The carrier's own list of payments, to check a payment of unknown outcome against. */
  'billing.paymentHistory',
  'clients.manage',
  'devices.manage',
  /** Sub-accounts (customers) under the account, with their own settings (Call48). */
  'customers.manage',
  /** A new carrier account can be opened from CarrierDesk (Call48's sign-up). */
  'accounts.signup',
  /** Buying a number creates a client with it: the cart asks for the client's details (Nexogy). */
  'numbers.purchaseAsClient',
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
  /** With 'ports.submit': the carrier's port form (its own submit body's fields) and documents. */
  portForm?: PortFormSpec | undefined
  /** With 'trunks.manage': the settings its trunks take, per direction (see shared/trunks.ts). */
  trunkForms?: TrunkForms | undefined
  /** With 'numbers.routing': how a trunk id typed by hand looks. */
  routingTrunk?: RoutingTrunkFormat | undefined
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
  /** The carrier's number group the number is in, by name (a VoIP Innovations DID group). */
  group?: string | undefined
  /** Where calls go when the number's trunk does not answer (E.164). */
  failover?: string | undefined
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
  /** Its settings in the carrier's trunk form's terms (shared/trunks.ts), for editing; absent when unknown. */
  settings?: TrunkValues | undefined
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
  /** Unique per account: a Call48 sub order is `<port_req_id>/<port_proposal_id>`. */
  id: string
  numbers: string[]
  status: PortStatus
  focDate?: string | undefined
  rejectionReason?: string | undefined
  asOf: number
  raw: unknown
  /** The master order this one is part of, where the carrier splits orders (Call48's `port_req_id`). */
  group?: string | undefined
  /** Each number with its own state, where the carrier says. */
  lines?: PortLine[] | undefined
  /** What the carrier allows on the order as it stands (capabilities say which actions exist at all). */
  allowed?: PortOrderAction[] | undefined
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

/**
 * One call record from any carrier, as the cache keeps it (src/shared/cdrs.ts has the query and KPIs).
 * Times are UTC epoch ms; `raw` is the carrier's own record (a CSV line's fields, or an XDR object),
 * absent from listings that did not ask for it.
 */
export interface CdrRecord {
  accountId: string
  carrier: CarrierId
  /** The carrier's stable id of the call: re-reading a file or range never adds it twice. */
  id: string
  direction: 'origination' | 'termination'
  startedAt: number
  answeredAt?: number | undefined
  endedAt?: number | undefined
  from: string
  to: string
  /** The number of ours the call belongs to (called on origination, calling on termination). */
  ourNumber?: string | undefined
  trunk?: string | undefined
  /** Talk time. */
  durationSeconds: number
  billedSeconds: number
  disposition: 'answered' | 'busy' | 'no-answer' | 'failed' | 'cancelled' | 'other'
  causeCode?: string | undefined
  causeText?: string | undefined
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
  /** The number the carrier assigned, when the offer bought named a place, not a number (`carrierPicks`). */
  assigned?: string | undefined
}

/** `OrderLine.code` of a number never sent to the carrier because the user cancelled first: nothing happened to it. */
/** The most numbers one change, release or staging takes at once (the IPC contract refuses more). */
export const maxBatchTargets = 10_000

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
  /** A city of `country`, by the carrier's id (from the countries it lists: `numbers.countries`). */
  city?: string | undefined
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
  /**
   * Set when the carrier picks the number at purchase (VoIP Innovations sells international numbers by
   * city): `e164` then only names the offer, and the number bought comes back as its line's `assigned`.
   */
  carrierPicks?: boolean | undefined
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
  /** Where calls go when the number's trunk does not answer (E.164); null clears it. */
  | { kind: 'failover'; destination: string | null }
  /** Ends call forwarding: calls go to the number's own trunk again. */
  | { kind: 'stopForwarding' }
  /** Moves numbers into one of their account's number groups (`numbers.groups`); null takes them out. */
  | { kind: 'group'; groupId: string | null; groupName?: string | undefined }
  /** Removes the number's E911 address (the 911 service with it). */
  | { kind: 'e911Remove' }

/** The capability a carrier must declare to take each kind of change. */
export const changeCapability: Record<NumberChange['kind'], Capability> = {
  routing: 'numbers.routing',
  cnam: 'numbers.cnam',
  e911: 'numbers.e911',
  listing411: 'numbers.listing411',
  fax: 'numbers.fax',
  status: 'numbers.status',
  failover: 'numbers.failover',
  stopForwarding: 'numbers.stopForwarding',
  group: 'numbers.groups',
  e911Remove: 'numbers.e911Remove',
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

/** A carrier's group of numbers within an account (a VoIP Innovations DID group), made in its portal. */
export interface NumberGroup {
  id: string
  name: string
}

/**
 * A number's settings beyond its cached fields, read from the carrier on demand (`numbers.features`).
 * A conference line's PIN is a secret: never here, only revealed on the technician's explicit request.
 */
export interface NumberFeatures {
  /** E.164 every call is forwarded to. */
  forward?: string | undefined
  failover?: string | undefined
  faxEmail?: string | undefined
  group?: NumberGroup | undefined
  conferenceLine?: { enabled: boolean } | undefined
}

/** A country where a carrier sells numbers by city, and its cities (ids are the carrier's). */
export interface CountryOffer {
  name: string
  /** ISO 3166 alpha-2 where the carrier uses it. */
  code: string
  cities: { id: string; name: string }[]
}

/** One of a number's E911 locations (or an entry of its provisioning history). */
export interface E911Location {
  id: string
  callerName?: string | undefined
  /** One line: street, unit, city, state ZIP. */
  address: string
  /** The carrier's word for its state ("PROVISIONED", "GEOCODED"...). */
  status: string
  provisioned: boolean
  statusText?: string | undefined
  latitude?: string | undefined
  longitude?: string | undefined
  /** As the carrier writes them (ISO-like text). */
  activatedAt?: string | undefined
  updatedAt?: string | undefined
}

/** Who is e-mailed when a number dials 911; `enabled` is false when the number has no 911 service. */
export interface E911Alerts {
  enabled: boolean
  recipients: string[]
  message?: string | undefined
}

