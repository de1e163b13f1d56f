/**
 * The full Vitcom / TelecomCloud client: every documented operation (origination, termination, billing) as
 * a typed method taking one options object with an AbortSignal. Reads are retried (kit/http `send`);
 * mutations are sent once and an ambiguous failure is reported as such (`info.ambiguous`), for the caller
 * to re-read the carrier's state. Downloads (CDR CSVs, invoice PDFs, port documents) stream to disk.
 */
import { openAsBlob } from 'node:fs'
import { basename } from 'node:path'
import type { AccountSecrets } from '../../../shared/domain'
import { AppError } from '../../lib/app-error'
import { downloadToFile } from '../kit/download'
import { CarrierError } from '../../lib/carrier-error'
import { streamRows } from './numbers-stream'
import {
  CheckLnpAnswer,
  DailyCdrsAnswer,
  DefineTrunkAnswer,
  DisableTrunkAnswer,
  FinancialSummaryAnswer,
  GenerateLnpOrderAnswer,
  GeneratedOrderAnswer,
  InvoicesAnswer,
  LnpOrdersAnswer,
  MakePaymentAnswer,
  MyNumberRow,
  NewOrdersAnswer,
  NpanxxAvailabilityAnswer,
  OriginationTrunksAnswer,
  PaymentsAnswer,
  ProcessOrderAnswer,
  RemoveReservedAnswer,
  ReserveAnswer,
  SearchDidAnswer,
  SearchTfnAnswer,
  StateAvailabilityAnswer,
  StatsAnswer,
  TerminationTrunksAnswer,
  UpdateNumberAnswer,
  UpdateTrunkAnswer,
  tenDigitsOf,
  type AvailableTn,
  type DailyCdrFiles,
  type FinancialActivity,
  type GeneratedOrder,
  type Invoice,
  type LnpOrderCreated,
  type LnpOrder,
  type MyNumber,
  type NewOrder,
  type NpanxxAvailability,
  type OriginationTrunk,
  type Payment,
  type Reservation,
  type TerminationTrunk,
  type TrafficStats,
} from './schemas'
import { timeouts, VitcomTransport, vitcomCarrier, type FormFields } from './transport'

export type NumberCategory = 'landline' | 'tollfree'
/** getnumbers / updatenumber status codes: "Active" = 1, "Inactive" = 0, "Cancelled" = 2. */
export type MyNumberStatus = 'active' | 'inactive' | 'cancelled'
export const myNumberStatusCode: Record<MyNumberStatus, string> = { active: '1', inactive: '0', cancelled: '2' }

export interface Signal {
  signal: AbortSignal
}

export interface VitcomClientOptions {
  baseUrl: string
  accountNo: string | undefined
  secrets: AccountSecrets
  now?: () => number
}

export interface OriginationTrunkInput {
  title?: string
  /** IP address of the primary SIP endpoint. */
  primaryTrunk?: string
  primaryPrefix?: string
  primaryPort?: number
  secondaryTrunk?: string
  secondaryPrefix?: string
  secondaryPort?: number
  /** 11-digit number calls forward to when the trunk is down. */
  callForwarding?: string
}

export interface DefineOriginationTrunkInput extends OriginationTrunkInput {
  title: string
  primaryTrunk: string
  billingType: 'Metered' | 'Unmetered'
  /** Required when billingType is Unmetered. */
  sessions?: number
  /** "Unlimited" or left out. */
  mou?: 'Unlimited'
}

export interface ReserveInput {
  category: NumberCategory
  /** Ten-digit numbers (the doc's `number`; comma-joined on the wire). */
  numbers: string[]
  /** Required for landline numbers. */
  state?: string
  npanxx?: string
  city?: string
  /** Required for toll-free numbers. */
  tfnPrefix?: string
}

export interface BulkReserveInput {
  category: NumberCategory
  /** 1 to 1000. */
  quantity: number
  state?: string
  npanxx?: string
  city?: string
  tfnPrefix?: string
}

export interface MyNumbersFilter {
  category?: NumberCategory
  status?: MyNumberStatus
  trunkId?: string
  orderNo?: string
}

/** A port document: a file on disk (streamed from it) or bytes already in memory. */
export type UploadDocument = { path: string; name?: string } | { blob: Blob; name: string }

export interface LnpOrderInput {
  /** Numbers to port in (sent as 11 digits, as the doc asks). */
  numbers: string[]
  category: NumberCategory
  subscriberType: 'residential' | 'business'
  loaAuthorizingPerson: string
  /** ZIP of one or more LOAs (the simulator also takes PDF and scans). */
  loaDocument: UploadDocument
  /** ZIP of the carrier documents (bill copy, CSR). */
  carrierDocument: UploadDocument
  /** "2015-05-14 16:33:24" (UTC); recommended to leave out. */
  requestedFocDate?: string
  wirelessAccountNumber?: string
  /** Passed through, never stored or logged. */
  wirelessPin?: string
  /** Optional subscriber and address fields the listings show (subscriberFirstName, addressCity, ...). */
  subscriber?: Partial<Record<LnpSubscriberField, string>>
  /** Trunk group the ported numbers point at (beyond the doc's list; the simulator takes `trunk_id`). */
  trunkId?: string
}

export const lnpSubscriberFields = [
  'subscriberFirstName',
  'subscriberLastName',
  'addressHouseNumber',
  'addressStreetName',
  'addressStreetSuffix',
  'addressCity',
  'addressStateCode',
  'addressZip',
  'losingCarrierName',
  'billingNumber',
] as const
export type LnpSubscriberField = (typeof lnpSubscriberFields)[number]

export const financialActivityTypes = [
  'All Activity',
  'Test Call Credit',
  'Bank Transfer',
  'Bank Fee',
  'Paypal Transfer',
  'Paypal Fee',
  'USF Tax Deduction',
  'Payment Cancelled',
  'Payment Refund',
  'Call Charges',
  'Order (New DIDs)',
  'Order (LNP)',
  'Credit Card',
  'Credit Card Fee',
] as const
export type FinancialActivityType = (typeof financialActivityTypes)[number]

export interface PaymentCard {
  firstName: string
  lastName: string
  /** Passed straight through to the carrier: never stored, logged, cached or put in an error. */
  cardNumber: string
  expMonth: number
  expYear: number
  /** Passed straight through, like the card number. */
  cvv: string
  address?: string
  address2?: string
  state?: string
  city?: string
  zipcode?: string
}

export interface DownloadInput extends Signal {
  /** The URL the listing answered. */
  url: string
  /** Where the finished file goes (written to `<file>.part` first, renamed when complete). */
  file: string
  onProgress?(progress: { bytes: number; totalBytes?: number | undefined }): void
}

const tenDigitsOrThrow = (value: string, operation: string): string => {
  const tn = tenDigitsOf(value)
  if (tn === undefined) throw new AppError('validation', `${operation}: "${value}" is not a 10-digit NANP number`)
  return tn
}

async function blobOf(document: UploadDocument): Promise<{ blob: Blob; name: string }> {
  if ('blob' in document) return document
  return { blob: await openAsBlob(document.path), name: document.name ?? basename(document.path) }
}

export class VitcomClient {
  readonly transport: VitcomTransport
  readonly now: () => number
  /** The order endpoint that works here: `gen_order` (doc) or `generate_new_order` (client code). */
  private orderEndpoint: 'gen_order' | 'generate_new_order' = 'gen_order'

  constructor(options: VitcomClientOptions) {
    this.transport = new VitcomTransport(options)
    this.now = options.now ?? Date.now
  }

  // ---- Origination: availability ----------------------------------------------------------------------

  /** States that have DIDs for sale. */
  async stateAvailability({ signal }: Signal): Promise<string[]> {
    return (await this.transport.call('availabilitystate', {}, StateAvailabilityAnswer, { signal, kind: 'read' })).data
  }

  /** NPANXX codes for sale in a state, with NPA and rate center. */
  async npanxxAvailability({ state, signal }: Signal & { state: string }): Promise<NpanxxAvailability[]> {
    const answer = await this.transport.call('availabilitynpanxx', { state }, NpanxxAvailabilityAnswer, { signal, kind: 'read', timeoutMs: timeouts.search })
    return answer.data
  }

  /** Local numbers for sale in a state, optionally in one NPANXX or one exact number. */
  async searchDids({ state, npanxx, number, signal }: Signal & { state: string; npanxx?: string; number?: string }): Promise<AvailableTn[]> {
    const fields: FormFields = { state, NPANXX: npanxx, NPANXXYYYY: number === undefined ? undefined : tenDigitsOrThrow(number, 'searchdid') }
    return this.transport.call('searchdid', fields, SearchDidAnswer, { signal, kind: 'read', timeoutMs: timeouts.search })
  }

  /** Toll-free numbers for sale under a prefix (800, 833, ...). */
  async searchTollFree({ prefix, signal }: Signal & { prefix: string }): Promise<AvailableTn[]> {
    return this.transport.call('searchtfn', { tfn_prefix: prefix }, SearchTfnAnswer, { signal, kind: 'read', timeoutMs: timeouts.search })
  }

  // ---- Origination: trunk groups ------------------------------------------------------------------------

  private static trunkFields(input: OriginationTrunkInput): FormFields {
    return {
      title: input.title,
      primaryTrunk: input.primaryTrunk,
      primaryPrefix: input.primaryPrefix,
      primaryPort: input.primaryPort,
      secondaryTrunk: input.secondaryTrunk,
      secondaryPrefix: input.secondaryPrefix,
      secondaryPort: input.secondaryPort,
      call_forwarding: input.callForwarding,
    }
  }

  /** Creates an origination trunk group; the id is returned when the service answers it. */
  async defineTrunk(options: Signal & DefineOriginationTrunkInput): Promise<{ message: string; trunkId: string | undefined }> {
    const fields: FormFields = { ...VitcomClient.trunkFields(options), billingType: options.billingType, sessions: options.sessions, mou: options.mou }
    return this.transport.call('defineTrunk', fields, DefineTrunkAnswer, { signal: options.signal, kind: 'mutation' })
  }

  /** Origination trunk groups (all, or one by id). */
  async getTrunks({ trunkId, signal }: Signal & { trunkId?: string }): Promise<OriginationTrunk[]> {
    return (await this.transport.call('get_trunk', { tg_id: trunkId }, OriginationTrunksAnswer, { signal, kind: 'read' })).data
  }

  /** Changes only the given values of an origination trunk group. */
  async updateTrunk(options: Signal & OriginationTrunkInput & { trunkId: string }): Promise<{ message: string; trunkId: string | undefined }> {
    const fields: FormFields = { trunkid: options.trunkId, ...VitcomClient.trunkFields(options) }
    return this.transport.call('update_trunk', fields, UpdateTrunkAnswer, { signal: options.signal, kind: 'mutation' })
  }

  // ---- Origination: cart --------------------------------------------------------------------------------

  /** Puts numbers in the account's order cart (`reserve`); answers the cart's reserveId. */
  async reserveNumbers(options: Signal & ReserveInput & { numberField?: 'number' | 'did' }): Promise<Reservation> {
    if (options.numbers.length === 0) throw new AppError('validation', 'reserve: no numbers given')
    const numbers = options.numbers.map((value) => tenDigitsOrThrow(value, 'reserve'))
    const fields: FormFields = {
      category: options.category,
      state: options.state,
      npanxx: options.npanxx,
      city: options.city,
      tfn_prefix: options.tfnPrefix,
      // Client code has sent `did` instead of the documented `number` (carrier-docs README).
      [options.numberField ?? 'number']: numbers.join(','),
    }
    return this.transport.call('reserve', fields, ReserveAnswer, { signal: options.signal, kind: 'mutation' })
  }

  /** Reserves `quantity` numbers picked by the service (ascending), into the same cart. */
  async bulkReserveNumbers(options: Signal & BulkReserveInput): Promise<Reservation> {
    if (!Number.isInteger(options.quantity) || options.quantity < 1 || options.quantity > 1000) {
      throw new AppError('validation', 'bulkreserve: quantity must be 1 to 1000')
    }
    const fields: FormFields = {
      category: options.category,
      state: options.state,
      npanxx: options.npanxx,
      city: options.city,
      tfn_prefix: options.tfnPrefix,
      quantity: options.quantity,
    }
    return this.transport.call('bulkreserve', fields, ReserveAnswer, { signal: options.signal, kind: 'mutation' })
  }

  /** Removes numbers from the cart (all of them when `numbers` is left out). */
  async removeReserved(options: Signal & { reserveId: string; numbers?: string[] }): Promise<{ removed: string[]; notAvailable: string[] }> {
    const numbers = options.numbers?.map((value) => tenDigitsOrThrow(value, 'remove_reserved'))
    const fields: FormFields = { reserveId: options.reserveId, number: numbers?.join(',') }
    return this.transport.call('remove_reserved', fields, RemoveReservedAnswer, { signal: options.signal, kind: 'mutation' })
  }

  // ---- Origination: my numbers --------------------------------------------------------------------------

  private static numbersFilterFields(filter: MyNumbersFilter = {}): FormFields {
    return {
      category: filter.category,
      status: filter.status === undefined ? undefined : myNumberStatusCode[filter.status],
      trunkId: filter.trunkId,
      orderno: filter.orderNo,
    }
  }

  /**
   * The account's numbers, streamed: `onBatch` gets validated rows in batches (default 5,000) while the
   * unpaged answer is still arriving, so memory stays flat. Returns how many rows there were.
   */
  async streamMyNumbers(options: Signal & { filter?: MyNumbersFilter; batchSize?: number; onBatch(rows: MyNumber[]): void }): Promise<number> {
    const { signal } = options
    return this.transport.stream('getnumbers', VitcomClient.numbersFilterFields(options.filter), { signal, timeoutMs: timeouts.listing }, (body) =>
      streamRows(body, { operation: 'getnumbers', arrayKey: 'data', schema: MyNumberRow, batchSize: options.batchSize ?? 5_000, signal, onBatch: options.onBatch }),
    )
  }

  /** The account's numbers matching a filter, collected; for large accounts use `streamMyNumbers`. */
  async getMyNumbers(options: Signal & { filter?: MyNumbersFilter }): Promise<MyNumber[]> {
    const all: MyNumber[] = []
    await this.streamMyNumbers({ ...options, onBatch: (rows) => all.push(...rows) })
    return all
  }

  /** Changes the status, trunk group or CNAM of numbers (comma-joined in one call). */
  async updateNumbers(options: Signal & { numbers: string[]; trunkId?: string; status?: MyNumberStatus; cnam?: string }): Promise<{ message: string }> {
    if (options.numbers.length === 0) throw new AppError('validation', 'updatenumber: no numbers given')
    if (options.trunkId === undefined && options.status === undefined && options.cnam === undefined) {
      throw new AppError('validation', 'updatenumber: nothing to change')
    }
    const fields: FormFields = {
      number: options.numbers.map((value) => tenDigitsOrThrow(value, 'updatenumber')).join(','),
      trunkId: options.trunkId,
      status: options.status === undefined ? undefined : myNumberStatusCode[options.status],
      // The doc's description names CNAM ("Status, Trunk Group or CNAM etc.") though its parameter list does not.
      cnam: options.cnam,
    }
    return this.transport.call('updatenumber', fields, UpdateNumberAnswer, { signal: options.signal, kind: 'mutation' })
  }

  // ---- Origination: orders ------------------------------------------------------------------------------

  /**
   * Turns the cart into an order (`gen_order`). Client code calls it `generate_new_order` (carrier-docs
   * README): when `gen_order` is answered as an unknown endpoint, nothing was ordered, so the other name is
   * tried once and remembered.
   */
  async generateOrder(options: Signal & { trunkId: string; reserveId: string }): Promise<GeneratedOrder> {
    const fields: FormFields = { trunk_id: options.trunkId, reserveId: options.reserveId }
    try {
      return await this.transport.call(this.orderEndpoint, fields, GeneratedOrderAnswer, { signal: options.signal, kind: 'mutation' })
    } catch (error) {
      const unknownEndpoint =
        error instanceof CarrierError && error.info.httpStatus === 404 && /^not found$/i.test(error.info.message) && this.orderEndpoint === 'gen_order'
      if (!unknownEndpoint) throw error
      this.orderEndpoint = 'generate_new_order'
      return this.transport.call(this.orderEndpoint, fields, GeneratedOrderAnswer, { signal: options.signal, kind: 'mutation' })
    }
  }

  /** Charges the order to the balance and allocates its numbers. */
  async processOrder(options: Signal & { orderId: string }): Promise<{ message: string; orderId: string | undefined }> {
    return this.transport.call('process_order', { orderId: options.orderId }, ProcessOrderAnswer, { signal: options.signal, kind: 'mutation' })
  }

  /** New-number orders (all, or one). */
  async getNewOrders({ orderId, signal }: Signal & { orderId?: string }): Promise<NewOrder[]> {
    return this.transport.call('get_new_orders', { orderId }, NewOrdersAnswer, { signal, kind: 'read', timeoutMs: timeouts.listing })
  }

  // ---- Origination: LNP ---------------------------------------------------------------------------------

  /** Which numbers can be ported in (answers ten-digit numbers). */
  async checkPortability({ numbers, signal }: Signal & { numbers: string[] }): Promise<{ accepted: string[]; rejected: string[] }> {
    const list = numbers.map((value) => `1${tenDigitsOrThrow(value, 'check_lnp')}`).join(',')
    return this.transport.call('check_lnp', { numbers: list }, CheckLnpAnswer, { signal, kind: 'read' })
  }

  /** Opens a port-in order for the accepted numbers, uploading the LOA and carrier documents (multipart). */
  async generateLnpOrder(options: Signal & LnpOrderInput): Promise<LnpOrderCreated> {
    const fields: FormFields = {
      numbers: options.numbers.map((value) => `1${tenDigitsOrThrow(value, 'generate_lnp_order')}`).join(','),
      category: options.category,
      subscriberType: options.subscriberType,
      loaAuthorizingPerson: options.loaAuthorizingPerson,
      requestedFocDate: options.requestedFocDate,
      wirelessAccountNumber: options.wirelessAccountNumber,
      wirelessPin: options.wirelessPin,
      trunk_id: options.trunkId,
    }
    for (const name of lnpSubscriberFields) fields[name] = options.subscriber?.[name]
    const files = { loa_doc: await blobOf(options.loaDocument), carrier_doc: await blobOf(options.carrierDocument) }
    const scrub = options.wirelessPin ? [options.wirelessPin] : []
    return this.transport.callMultipart('generate_lnp_order', fields, files, GenerateLnpOrderAnswer, { signal: options.signal, scrub })
  }

  /** Port-in orders (all, or one). */
  async getLnpOrders({ orderId, signal }: Signal & { orderId?: string }): Promise<LnpOrder[]> {
    return this.transport.call('get_lnp_orders', { orderId }, LnpOrdersAnswer, { signal, kind: 'read', timeoutMs: timeouts.listing })
  }

  // ---- Origination: statistics and CDR files ------------------------------------------------------------

  async didStats({ numbers, signal }: Signal & { numbers: string[] }): Promise<TrafficStats[]> {
    const list = numbers.map((value) => tenDigitsOrThrow(value, 'did_stats')).join(',')
    return (await this.transport.call('did_stats', { number: list }, StatsAnswer, { signal, kind: 'read', timeoutMs: timeouts.listing })).data
  }

  /** Daily CDR files of origination calls (one successful and one failed CSV per day), `from`/`to` YYYY-MM-DD. */
  async dailyCdrs({ from, to, signal }: Signal & { from?: string; to?: string }): Promise<DailyCdrFiles[]> {
    return (await this.transport.call('daily_cdrs', { from, to }, DailyCdrsAnswer, { signal, kind: 'read', timeoutMs: timeouts.listing })).data
  }

  async trunkGroupStats({ trunkIds, signal }: Signal & { trunkIds: string[] }): Promise<TrafficStats[]> {
    return (await this.transport.call('tg_stats', { tg_id: trunkIds.join(',') }, StatsAnswer, { signal, kind: 'read', timeoutMs: timeouts.listing })).data
  }

  async monthlySummary({ year, month, signal }: Signal & { year: number; month?: number }): Promise<TrafficStats[]> {
    return (await this.transport.call('monthly_summary', { year, month }, StatsAnswer, { signal, kind: 'read', timeoutMs: timeouts.listing })).data
  }

  // ---- Termination --------------------------------------------------------------------------------------

  async defineTerminationTrunk(options: Signal & { title: string; ipAddress: string; ports: number; cps?: number }): Promise<{ message: string; trunkId: string | undefined }> {
    const fields: FormFields = { title: options.title, ipaddress: options.ipAddress, ports: options.ports, cps: options.cps }
    return this.transport.call('defineTrunk_termination', fields, DefineTrunkAnswer, { signal: options.signal, kind: 'mutation' })
  }

  async getTerminationTrunks({ trunkId, signal }: Signal & { trunkId?: string }): Promise<TerminationTrunk[]> {
    return (await this.transport.call('get_trunk_termination', { tg_id: trunkId }, TerminationTrunksAnswer, { signal, kind: 'read' })).data
  }

  async disableTerminationTrunk({ trunkId, signal }: Signal & { trunkId: string }): Promise<{ message: string }> {
    return this.transport.call('disable_trunk_termination', { tg_id: trunkId }, DisableTrunkAnswer, { signal, kind: 'mutation' })
  }

  async dailyCdrsTermination({ from, to, signal }: Signal & { from?: string; to?: string }): Promise<DailyCdrFiles[]> {
    return (await this.transport.call('daily_cdrs_termination', { from, to }, DailyCdrsAnswer, { signal, kind: 'read', timeoutMs: timeouts.listing })).data
  }

  async trunkGroupStatsTermination({ trunkIds, signal }: Signal & { trunkIds: string[] }): Promise<TrafficStats[]> {
    const answer = await this.transport.call('tg_stats_termination', { tg_id: trunkIds.join(',') }, StatsAnswer, { signal, kind: 'read', timeoutMs: timeouts.listing })
    return answer.data
  }

  async monthlySummaryTermination({ year, month, signal }: Signal & { year: number; month?: number }): Promise<TrafficStats[]> {
    const answer = await this.transport.call('monthly_summary_termination', { year, month }, StatsAnswer, { signal, kind: 'read', timeoutMs: timeouts.listing })
    return answer.data
  }

  // ---- Billing ------------------------------------------------------------------------------------------

  async getInvoices({ from, to, signal }: Signal & { from?: string; to?: string }): Promise<Invoice[]> {
    return (await this.transport.call('get_invoices', { from, to }, InvoicesAnswer, { signal, kind: 'read', timeoutMs: timeouts.listing })).data
  }

  async financialSummary({ activityType, signal }: Signal & { activityType?: FinancialActivityType }): Promise<FinancialActivity[]> {
    const answer = await this.transport.call('financial_summary', { activitytype: activityType }, FinancialSummaryAnswer, { signal, kind: 'read', timeoutMs: timeouts.listing })
    return answer.data
  }

  async getPayments(options: Signal & { referenceNo?: string; from?: string; to?: string; method?: 'Paypal' | 'Bank' | 'Credit Card' }): Promise<Payment[]> {
    const fields: FormFields = { referenceno: options.referenceNo, from: options.from, to: options.to, method: options.method }
    return (await this.transport.call('get_payments', fields, PaymentsAnswer, { signal: options.signal, kind: 'read', timeoutMs: timeouts.listing })).data
  }

  /**
   * Charges a card and credits the balance. The card number and CVV go straight from the caller's options
   * into this one request body: they are not kept, logged, or allowed into an error message. `amount` is
   * dollars ("50.00"); the doc lists no amount, the simulator requires it. Never retried: after an
   * ambiguous failure check `getPayments` before paying again.
   */
  async makePayment(options: Signal & { card: PaymentCard; amount: string }): Promise<{ message: string; referenceNo: string | undefined }> {
    const { card } = options
    if (!/^\d+(\.\d{1,2})?$/.test(options.amount)) throw new AppError('validation', 'make_payment: amount must be dollars, e.g. 50.00')
    const fields: FormFields = {
      firstname: card.firstName,
      lastname: card.lastName,
      cardnumber: card.cardNumber,
      expmonth: card.expMonth,
      expyear: card.expYear,
      cvv: card.cvv,
      address: card.address,
      address2: card.address2,
      state: card.state,
      city: card.city,
      zipcode: card.zipcode,
      amount: options.amount,
    }
    const digits = card.cardNumber.replace(/\D/g, '')
    const scrub = [card.cardNumber, digits, card.cvv].filter((value) => value.length >= 3)
    return this.transport.call('make_payment', fields, MakePaymentAnswer, { signal: options.signal, kind: 'mutation', scrub })
  }

  // ---- Downloads ----------------------------------------------------------------------------------------

  private download(operation: string, input: DownloadInput): Promise<{ file: string; bytes: number; contentType?: string | undefined }> {
    return downloadToFile(this.transport.http, {
      carrier: vitcomCarrier,
      operation,
      url: input.url,
      file: input.file,
      signal: input.signal,
      onProgress: input.onProgress,
      timeoutMs: 600_000,
    })
  }

  /** A daily CDR CSV (origination or termination), streamed to `file`. */
  downloadCdrFile(input: DownloadInput) {
    return this.download('download_cdr', input)
  }

  /** An invoice PDF, streamed to `file`. */
  downloadInvoice(input: DownloadInput) {
    return this.download('download_invoice', input)
  }

  /** A port order's LOA or carrier document, streamed to `file`. */
  downloadLnpDocument(input: DownloadInput) {
    return this.download('download_lnp_document', input)
  }

  /** A termination trunk's configuration sheet (`config` URL), streamed to `file`. */
  downloadTrunkSettings(input: DownloadInput) {
    return this.download('download_trunk_settings', input)
  }
}
