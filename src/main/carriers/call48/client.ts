/**
 * The full Call48 API v4 client (carrier-docs/call48-api-v4.txt): one typed method per documented
 * operation, each taking one options object with an AbortSignal and returning validated data.
 *
 * Transport rules (raw JWT, body `code`, one re-login on 401, ambiguity of failed mutations) live in
 * transport.ts. Reads are retried by the kit; mutations never are: the adapter re-reads the DID list after
 * an ambiguous purchase or removal instead.
 */
import { z } from 'zod'
import { stringify as stringifyCsv } from 'csv-stringify/sync'
import type { AccountSecrets } from '../../../shared/domain'
import { CarrierError } from '../../lib/carrier-error'
import { call48Number, withoutSecrets, type SearchedNumber } from './mapping'
import {
  BulkDidRowSchema,
  BulkOrderListSchema,
  BulkSummaryRowSchema,
  CnamDataSchema,
  CountrySchema,
  CreatedTrunkGroupSchema,
  CustomerListBodySchema,
  CustomerRefSchema,
  DidListBodySchema,
  DiscountPlanSchema,
  E911DataSchema,
  ExportRowSchema,
  FaxDataSchema,
  FocDidSchema,
  FocListSchema,
  ForwardingDataSchema,
  IntlSearchDataSchema,
  PortabilitySchema,
  PortDetailSchema,
  PortDidListSchema,
  PortForwardingSchema,
  PortListSchema,
  PortSubmittedSchema,
  ProblematicListSchema,
  RateCenterSchema,
  SearchDataSchema,
  StateSchema,
  SubscriptionSchema,
  SuccessDataSchema,
  TrueDataSchema,
  TrunkGroupListSchema,
  XdrPageSchema,
  type Call48BulkDidRow,
  type Call48BulkOrder,
  type Call48BulkSummaryRow,
  type Call48Cnam,
  type Call48Country,
  type Call48CreatedTrunkGroup,
  type Call48Customer,
  type Call48Did,
  type Call48DidType,
  type Call48DiscountPlan,
  type Call48FocRow,
  type Call48IntlGroup,
  type Call48PortDetail,
  type Call48PortDid,
  type Call48PortForwarding,
  type Call48PortRequest,
  type Call48ProblematicPort,
  type Call48RateCenter,
  type Call48State,
  type Call48Subscription,
  type Call48TrunkGroup,
  type Call48Xdr,
} from './schemas'
import { Call48Transport, reportTimeoutMs, searchTimeoutMs, uploadTimeoutMs, type LoginMode } from './transport'

/** The service caps a search's `limit` at 50 (README, Call48). */
export const searchPageCap = 50
/** Bulk order listing: "max allowed value is 50" (doc: List Bulk Order Requests). */
export const bulkListCap = 50

interface Signal {
  signal: AbortSignal
}

export interface Call48ClientOptions {
  settings: { baseUrl: string; username?: string | undefined; scope?: string | undefined }
  secrets: AccountSecrets
  /** Log in at `/admin_login` (SP admins) instead of `/login`. */
  loginMode?: LoginMode
  now?: () => number
}

// ---- Inputs --------------------------------------------------------------------------------------------

export interface SearchResult {
  numbers: SearchedNumber[]
  /** Prices the answer gives for the whole result; items may carry their own. */
  setup?: number | undefined
  monthly?: number | undefined
  /** Search calls made (each capped at 50 numbers). */
  pages: number
}

/** A number from a search, as purchase must send it back: `loc` from the search, `locData` from the item. */
export interface PurchaseNumber {
  npa: string
  nxx: string
  xxxx: string
  state?: string | null | undefined
  ratecenter?: string | null | undefined
  loc: string
  locData?: string | undefined
}

export interface PurchaseRouting {
  /** OD trunk group (`ext_tgid`) to route the numbers to. */
  fwdTrunkGroupId?: number | undefined
  /** Use the account's preconfigured forwarding. */
  fwdPreconfigured?: boolean | undefined
}

export interface IntlPurchaseItem {
  id?: string | undefined
  name: string
  prefix: string
  country: string
  quantity?: number | undefined
  /** The group's `intl_data` from the search. */
  loc: string
  locData?: string | undefined
}

export type BulkOrderType = 'state' | 'lata' | 'npa' | 'rate_center'
export interface BulkCriterion {
  quantity: number
  state?: string | undefined
  lata?: string | undefined
  npa?: string | undefined
  rateCenter?: string | undefined
}

export type AnsweringModeName =
  | 'reject'
  | 'ring-only'
  | 'forward-only'
  | 'ring-then-forward'
  | 'voicemail-only'
  | 'ring-then-voicemail'
  | 'forward-voicemail'
  | 'ring-forward-voicemail'
/** `answeringmode` codes (doc: Update Forwarding). */
export const answeringModes: Record<AnsweringModeName, number> = {
  reject: 0,
  'ring-only': 1,
  'forward-only': 2,
  'ring-then-forward': 3,
  'voicemail-only': 4,
  'ring-then-voicemail': 5,
  'forward-voicemail': 6,
  'ring-forward-voicemail': 7,
}

/** `method1..3`: "" none, preconfigured, simple (a number), ip (an address/PBX), trunk (register a device). */
export type ForwardingMethod = '' | 'preconfigured' | 'simple' | 'ip' | 'trunk'
export interface ForwardingTarget {
  method: ForwardingMethod
  /** For `simple`. */
  number?: string | undefined
  /** For `ip`. */
  sip?: string | undefined
  timeoutSeconds?: number | undefined
}

export interface ForwardingUpdate extends Signal {
  number: string
  sequence?: 'Order' | 'Simultaneous' | 'Random' | undefined
  answeringMode?: AnsweringModeName | number | undefined
  /** Up to three forwarding steps, in order. */
  targets?: ForwardingTarget[] | undefined
  sipDigits?: string | undefined
  /** Porta `i_product`. */
  product?: string | undefined
  /** For `trunk` (device registration): the device's credentials. The password is sent, never returned. */
  deviceUsername?: string | undefined
  devicePassword?: string | undefined
  /** OD numbers: route to this trunk group (`ext_tgid`). */
  fwdTrunkGroupId?: number | undefined
}

/** OD numbers answer a description list, Porta numbers their Porta account (doc: Forwarding). */
export type ForwardingResult =
  | { platform: 'od'; descriptions: string[] }
  | { platform: 'porta'; login: string; product?: number | undefined; account?: number | undefined }

export interface TrunkGroupOptions {
  routeType?: 'RR' | 'TD' | undefined
  numberFormat?: 'e164' | '11' | '10' | undefined
  cliType?: 'paid' | 'rpid' | undefined
  prefix?: string | undefined
}

export type PortDidType = 'LCL' | 'TF' | 'INTL'
export type RequestPhase = 'In_Progress' | 'Completed' | 'Cancelled' | 'Queue' | 'Validation_Pending' | 'Processing' | 'Error'
export type ActivationType = 'Auto' | 'Manual' | 'Scheduled'
export type PortDocumentType = 'loa' | 'bill' | 'csr'

/** `port_req_detail` in the carrier's field names (doc: Submit Port Request). */
export interface PortRequestDetailInput {
  cust_acc_name: string
  cust_authorized_name: string
  cust_acc_type: 'RES' | 'BIZ'
  cust_acc_number?: string | undefined
  cust_acc_pin?: string | undefined
  activation_type?: ActivationType | undefined
  address_direction_prefix?: string | undefined
  address_direction_suffix?: string | undefined
  address_street_name_suffix?: string | undefined
  address_street_name: string
  address_number: string
  address_loc_value?: string | undefined
  address_loc_designator: string
  city: string
  postal_code: string
  /** UTC, e.g. 2022-05-02T00:00:00Z. */
  desired_foc_date: string
  btn: string
  state: string
  /** Eastern time, e.g. 2022-05-02T12:00:00-04:00. */
  activation_date: string
  email_updates?: string | undefined
  notes?: string | undefined
  tags?: string | undefined
}

export interface PortSubmitForwarding {
  fwd_preconfigured?: boolean | undefined
  fwd_trunk_grpid?: number | undefined
  fwd_sip_type?: 'NA' | '11' | '10' | 'E164' | 'INTL' | 'OPEN' | undefined
  fwd_order?: 'NA' | 'ALS' | 'SIML' | 'RND' | undefined
  fwd_answering_mode?: 'NA' | 'REJ' | 'RO' | 'FO' | 'RTF' | 'VO' | 'RTV' | 'FV' | 'RFV' | undefined
  /** Sent, never returned (port forwarding details are read without it). */
  fwd_device_password?: string | undefined
}

export interface PortTarget {
  portReqId?: number | undefined
  portProposalId?: number | undefined
}

export interface PortListFilter {
  page: number
  limit: number
  requestPhase?: RequestPhase | undefined
  didType?: PortDidType | undefined
  numbers?: string[] | undefined
}

export interface PortForwardingEntryInput {
  forwardingTypeId: number
  sequence: number
  method: 'NUM' | 'IP' | 'URI' | 'TRUNK' | string
  value: string
  timeoutSeconds: number
}

export interface UploadFile {
  name: string
  content: Blob | Uint8Array | string
  contentType?: string | undefined
}

export type XdrCustomerType = 'local' | 'tollfree' | 'international' | 'termination' | 'holding'

// ---- Helpers -------------------------------------------------------------------------------------------

/** A number as Call48 takes it: ten digits for +1 numbers (no leading 1), all digits otherwise. */
export function numberParam(value: string): string {
  if (value.trim().startsWith('+')) return call48Number(value.trim())
  const digits = value.replace(/\D/g, '')
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits
}

const yesNo = (value: boolean): 'yes' | 'no' => (value ? 'yes' : 'no')
const NoData = z.unknown()

function toBlob(file: UploadFile): Blob {
  if (file.content instanceof Blob) return file.content
  const type = file.contentType ?? 'application/octet-stream'
  return typeof file.content === 'string' ? new Blob([file.content], { type }) : new Blob([new Uint8Array(file.content)], { type })
}

function portTargetBody(target: PortTarget): Record<string, number> {
  const body: Record<string, number> = {}
  if (target.portReqId !== undefined) body.port_req_id = target.portReqId
  if (target.portProposalId !== undefined) body.port_proposal_id = target.portProposalId
  return body
}

function portFilterBody(filter: Omit<PortListFilter, 'page' | 'limit'>): Record<string, unknown> {
  return {
    ...(filter.requestPhase ? { request_phase: filter.requestPhase } : {}),
    ...(filter.didType ? { did_type: filter.didType } : {}),
    ...(filter.numbers?.length ? { numbers: filter.numbers.map(numberParam) } : {}),
  }
}

export class Call48Client {
  private readonly transport: Call48Transport

  constructor(options: Call48ClientOptions) {
    this.transport = new Call48Transport({
      baseUrl: options.settings.baseUrl,
      username: options.settings.username ?? '',
      password: options.secrets.password ?? '',
      loginMode: options.loginMode ?? (options.settings.scope?.trim().toLowerCase() === 'admin' ? 'sp-admin' : 'customer'),
      now: options.now ?? Date.now,
    })
  }

  /** How many times this client has logged in (diagnostics and tests). */
  get loginCount(): number {
    return this.transport.keeper.loginCount
  }

  // ---- Login ---------------------------------------------------------------------------------------------

  /** `POST /login`: logs in afresh as a customer. The token stays in memory, never returned. */
  login({ signal }: Signal): Promise<{ expiresAt?: number | undefined }> {
    return this.transport.relogin('customer', signal)
  }

  /** `POST /admin_login`: logs in afresh as an SP admin; later calls use the admin token. */
  adminLogin({ signal }: Signal): Promise<{ expiresAt?: number | undefined }> {
    return this.transport.relogin('sp-admin', signal)
  }

  // ---- Search and purchase -------------------------------------------------------------------------------

  /** `GET /search?type=local`: pages (50 per call, `page` from 1) until `limit` numbers or no more. */
  searchLocal(options: Signal & { state: string; rateCenter?: string; npa?: string; nxx?: string; limit: number }): Promise<SearchResult> {
    return this.searchPaged(
      'local',
      { state: options.state.toUpperCase(), ratecenter: options.rateCenter?.toUpperCase(), npa: options.npa, nxx: options.nxx },
      options.limit,
      options.signal,
    )
  }

  /** `GET /search?type=toll`, paged like searchLocal. */
  searchTollFree(options: Signal & { npa?: string; limit: number }): Promise<SearchResult> {
    return this.searchPaged('toll', { npa: options.npa }, options.limit, options.signal)
  }

  private async searchPaged(type: 'local' | 'toll', filters: Record<string, string | undefined>, limit: number, signal: AbortSignal): Promise<SearchResult> {
    const wanted = Math.max(1, Math.floor(limit))
    const pageSize = Math.min(wanted, searchPageCap)
    const numbers: SearchedNumber[] = []
    const seen = new Set<string>()
    let setup: number | undefined
    let monthly: number | undefined
    let pages = 0
    for (let page = 1; numbers.length < wanted; page += 1) {
      const data = await this.transport.request({
        operation: 'search',
        method: 'GET',
        path: 'search',
        query: { type, ...filters, limit: pageSize, page },
        kind: 'read',
        schema: SearchDataSchema,
        timeoutMs: searchTimeoutMs,
        signal,
      })
      pages += 1
      setup ??= data.setup
      monthly ??= data.monthly
      let fresh = 0
      for (const item of data.result) {
        const digits = `${item.npa}${item.nxx}${item.xxxx}`
        if (seen.has(digits) || numbers.length >= wanted) continue
        seen.add(digits)
        numbers.push({ ...item, loc: data.loc })
        fresh += 1
      }
      // Fewer than a page, or a page with nothing new (a service that ignores `page`): no more to find.
      if (data.result.length < pageSize || fresh === 0) break
    }
    return { numbers, setup, monthly, pages }
  }

  /** `GET /search?type=intl&country=`: city groups sold by quantity; `country` is an id or ISO code. */
  searchInternational({ country, signal }: Signal & { country: string }): Promise<Call48IntlGroup[]> {
    return this.transport.request({
      operation: 'search',
      method: 'GET',
      path: 'search',
      query: { type: 'intl', country },
      kind: 'read',
      schema: IntlSearchDataSchema,
      timeoutMs: searchTimeoutMs,
      signal,
    })
  }

  /** `POST /purchase` type local. Never retried; an ambiguous failure surfaces as CarrierError.info.ambiguous. */
  purchaseLocal(options: Signal & PurchaseRouting & { numbers: PurchaseNumber[] }): Promise<true> {
    return this.purchase('local', options.numbers.map((number) => ({ ...purchaseItem(number), ...this.routing(options) })), options.signal)
  }

  /** `POST /purchase` type toll. */
  purchaseTollFree(options: Signal & PurchaseRouting & { numbers: PurchaseNumber[] }): Promise<true> {
    return this.purchase(
      'toll',
      options.numbers.map((number) => {
        const { state: _state, ratecenter: _rateCenter, ...item } = purchaseItem(number)
        return { ...item, ...this.routing(options) }
      }),
      options.signal,
    )
  }

  /** `POST /purchase` type intl: by group and quantity; the numbers are assigned by Call48. */
  purchaseInternational(options: Signal & PurchaseRouting & { items: IntlPurchaseItem[] }): Promise<true> {
    return this.purchase(
      'intl',
      options.items.map((item) => ({ ...item, quantity: item.quantity ?? 1, ...this.routing(options) })),
      options.signal,
    )
  }

  private routing(options: PurchaseRouting): Record<string, unknown> {
    return {
      ...(options.fwdTrunkGroupId !== undefined ? { fwd_trunk_grpid: options.fwdTrunkGroupId } : {}),
      ...(options.fwdPreconfigured !== undefined ? { fwd_preconfigured: options.fwdPreconfigured } : {}),
    }
  }

  private purchase(type: Call48DidType, numbers: Record<string, unknown>[], signal: AbortSignal): Promise<true> {
    return this.transport.request({
      operation: 'purchase',
      method: 'POST',
      path: 'purchase',
      json: { type, numbers },
      kind: 'mutation',
      schema: TrueDataSchema,
      timeoutMs: searchTimeoutMs,
      signal,
    })
  }

  // ---- Bulk purchase -------------------------------------------------------------------------------------

  /**
   * `POST /lcl-did-bulk-purchase/new` (multipart): one CSV row of search criteria per line, columns named
   * in a header (state, lata, npa, rate_center, quantity). The answer is `data: true` only: find the order
   * with listBulkOrders.
   */
  bulkPurchase(
    options: Signal & {
      orderType: BulkOrderType
      fwdTrunkGroupId: number
      criteria: BulkCriterion[]
      enableCnamDip?: boolean
      allowOffnet?: boolean
      didTag?: string
      notes?: string
    },
  ): Promise<true> {
    const columns: string[] =
      options.orderType === 'rate_center' ? ['state', 'rate_center', 'quantity'] : [options.orderType, 'quantity']
    const rows = options.criteria.map((criterion) =>
      columns.map((column) => {
        switch (column) {
          case 'state':
            return criterion.state?.toUpperCase() ?? ''
          case 'lata':
            return criterion.lata ?? ''
          case 'npa':
            return criterion.npa ?? ''
          case 'rate_center':
            return criterion.rateCenter?.toUpperCase() ?? ''
          default:
            return String(criterion.quantity)
        }
      }),
    )
    const form = new FormData()
    form.set('order_type', options.orderType)
    form.set('fwd_trunk_grpid', String(options.fwdTrunkGroupId))
    if (options.enableCnamDip !== undefined) form.set('enable_cnam_dip', options.enableCnamDip ? '1' : '0')
    if (options.allowOffnet !== undefined) form.set('allow_offnet', options.allowOffnet ? '1' : '0')
    if (options.didTag) form.set('did_tag', options.didTag)
    if (options.notes) form.set('notes', options.notes)
    form.set('file', new Blob([stringifyCsv([columns, ...rows])], { type: 'text/csv' }), 'bulk-order.csv')
    return this.transport.request({
      operation: 'bulk-order',
      method: 'POST',
      path: 'lcl-did-bulk-purchase/new',
      form,
      kind: 'mutation',
      schema: TrueDataSchema,
      timeoutMs: uploadTimeoutMs,
      signal: options.signal,
    })
  }

  /** `GET /lcl-did-bulk-purchase/list`, newest first; `limit` at most 50. */
  async listBulkOrders(
    options: Signal & { page: number; limit?: number; orderType?: BulkOrderType; status?: 'Q' | 'E' | 'C' | 'P'; orderNo?: string },
  ): Promise<{ total: number; orders: Call48BulkOrder[] }> {
    const data = await this.transport.request({
      operation: 'bulk-order-list',
      method: 'GET',
      path: 'lcl-did-bulk-purchase/list',
      query: {
        page: options.page,
        limit: Math.min(options.limit ?? 10, bulkListCap),
        order_type: options.orderType,
        status: options.status,
        order_no: options.orderNo,
      },
      kind: 'read',
      schema: BulkOrderListSchema,
      signal: options.signal,
    })
    return { total: data.count, orders: data.rows }
  }

  /** `GET /lcl-did-bulk-purchase/summary_report/{id}` (CSV). */
  bulkSummaryReport({ bulkOrderId, signal }: Signal & { bulkOrderId: number }): Promise<Call48BulkSummaryRow[]> {
    return this.transport.requestCsv({
      operation: 'bulk-summary-report',
      method: 'GET',
      path: `lcl-did-bulk-purchase/summary_report/${bulkOrderId}`,
      kind: 'read',
      row: BulkSummaryRowSchema,
      timeoutMs: reportTimeoutMs,
      signal,
    })
  }

  /** `GET /lcl-did-bulk-purchase/did_report/{id}` (CSV): the numbers the order bought. */
  bulkDidReport({ bulkOrderId, signal }: Signal & { bulkOrderId: number }): Promise<Call48BulkDidRow[]> {
    return this.transport.requestCsv({
      operation: 'bulk-did-report',
      method: 'GET',
      path: `lcl-did-bulk-purchase/did_report/${bulkOrderId}`,
      kind: 'read',
      row: BulkDidRowSchema,
      timeoutMs: reportTimeoutMs,
      signal,
    })
  }

  // ---- DIDs ----------------------------------------------------------------------------------------------

  /** `GET /dids?type&page&max`: one page of the account's DIDs, with `total` when the service gives it. */
  async listDids(options: Signal & { type: Call48DidType; page: number; max: number }): Promise<{ dids: Call48Did[]; total?: number | undefined }> {
    const body = await this.transport.request({
      operation: 'list-dids',
      method: 'GET',
      path: 'dids',
      query: { type: options.type, page: options.page, max: options.max },
      kind: 'read',
      schema: DidListBodySchema,
      from: 'body',
      timeoutMs: reportTimeoutMs,
      signal: options.signal,
    })
    // A Porta DID's forwarding holds its SIP device password: never handed out.
    return { dids: body.data.map((did) => withoutSecrets(did)), total: body.total }
  }

  /** `DELETE /dids` by DID ids (`_id`) or numbers. Never retried. */
  async removeDids(options: Signal & ({ ids: number[]; numbers?: never } | { numbers: string[]; ids?: never })): Promise<true> {
    await this.transport.request({
      operation: 'remove-dids',
      method: 'DELETE',
      path: 'dids',
      json: options.ids ? { id: options.ids } : { numbers: (options.numbers ?? []).map(numberParam) },
      kind: 'mutation',
      schema: SuccessDataSchema,
      signal: options.signal,
    })
    return true
  }

  // ---- Features ------------------------------------------------------------------------------------------

  /** `GET /update411`: directory listing (`lstgn` given name, `lstnm` listing name, `strt`, `locnm` city). */
  async update411(
    options: Signal & {
      number: string
      enabled: boolean
      type?: 'RES' | 'BIZ'
      country?: string
      state?: string
      givenName?: string
      listingName?: string
      street?: string
      city?: string
      zip?: string
    },
  ): Promise<true> {
    return this.transport.request({
      operation: 'update411',
      method: 'GET',
      path: 'update411',
      query: {
        number: numberParam(options.number),
        enabled: yesNo(options.enabled),
        type: options.type,
        country: options.country,
        state: options.state,
        lstgn: options.givenName,
        lstnm: options.listingName,
        strt: options.street,
        locnm: options.city,
        zip: options.zip,
      },
      kind: 'mutation',
      schema: TrueDataSchema,
      signal: options.signal,
    })
  }

  /** `GET /update911`; answers the E911 record id (or `true`). */
  async update911(
    options: Signal & {
      number: string
      enabled: boolean
      name?: string
      streetNumber?: string
      streetName?: string
      /** Unit, suite ("Apartment 2"): `addresstypenumber`. */
      unit?: string
      city?: string
      state?: string
      zip?: string
      country?: string
    },
  ): Promise<{ recordId?: string | undefined }> {
    const data = await this.transport.request({
      operation: 'update911',
      method: 'GET',
      path: 'update911',
      query: options.enabled
        ? {
            number: numberParam(options.number),
            enabled: 'yes',
            country: options.country ?? 'US',
            state: options.state,
            name: options.name,
            streetnumber: options.streetNumber,
            streetname: options.streetName,
            city: options.city,
            zipcode: options.zip,
            addresstypenumber: options.unit ?? '',
          }
        : { number: numberParam(options.number), enabled: 'no' },
      kind: 'mutation',
      schema: E911DataSchema,
      signal: options.signal,
    })
    return { recordId: typeof data === 'string' && data !== 'true' ? data : undefined }
  }

  /** `GET /verifyaddress`: a refusal (body code 400) means the address is not valid, with the reason. */
  async verifyAddress(
    options: Signal & { country?: string; state: string; name: string; streetNumber: string; streetName: string; city: string; zip: string; location?: string },
  ): Promise<{ valid: boolean; message?: string | undefined }> {
    try {
      await this.transport.request({
        operation: 'verify-address',
        method: 'GET',
        path: 'verifyaddress',
        query: {
          country: options.country ?? 'US',
          state: options.state,
          name: options.name,
          streetnumber: options.streetNumber,
          streetname: options.streetName,
          city: options.city,
          zipcode: options.zip,
          location: options.location,
        },
        kind: 'read',
        schema: TrueDataSchema,
        signal: options.signal,
      })
      return { valid: true }
    } catch (error) {
      if (isRefusal(error)) return { valid: false, message: error.info.message }
      throw error
    }
  }

  /** `POST /update_fax`: service 0 off, 1 inbound, 2 in and out, 3 fax ATA (needs `serial`). */
  async updateFax(options: Signal & { number: string; service: 0 | 1 | 2 | 3; email?: string; serial?: string }): Promise<{ serviceId?: string | undefined }> {
    const data = await this.transport.request({
      operation: 'update-fax',
      method: 'POST',
      path: 'update_fax',
      json: {
        number: numberParam(options.number),
        service: options.service,
        ...(options.email ? { email: options.email } : {}),
        ...(options.serial ? { serial: options.serial } : {}),
      },
      kind: 'mutation',
      schema: FaxDataSchema,
      signal: options.signal,
    })
    return { serviceId: data === true ? undefined : data }
  }

  /** `POST /update_forwarding`: answering mode, up to three methods, OD trunk group; OD or Porta answer. */
  async updateForwarding(options: ForwardingUpdate): Promise<ForwardingResult> {
    const body: Record<string, unknown> = { number: numberParam(options.number) }
    if (options.sequence) body.sequence = options.sequence
    if (options.answeringMode !== undefined) {
      body.answeringmode = String(typeof options.answeringMode === 'number' ? options.answeringMode : answeringModes[options.answeringMode])
    }
    ;(options.targets ?? []).slice(0, 3).forEach((target, index) => {
      const slot = index + 1
      body[`method${slot}`] = target.method
      if (target.number !== undefined) body[`number${slot}`] = numberParam(target.number)
      if (target.sip !== undefined) body[`sip${slot}`] = target.sip
      if (target.timeoutSeconds !== undefined) body[`timeout${slot}`] = String(target.timeoutSeconds)
    })
    if (options.sipDigits) body.sipdigits = options.sipDigits
    if (options.product) body.product = options.product
    if (options.deviceUsername !== undefined) body.username = options.deviceUsername
    if (options.devicePassword !== undefined) body.password = options.devicePassword
    if (options.fwdTrunkGroupId !== undefined) body.fwd_trunk_grpid = options.fwdTrunkGroupId
    const data = await this.transport.request({
      operation: 'update-forwarding',
      method: 'POST',
      path: 'update_forwarding',
      json: body,
      kind: 'mutation',
      schema: ForwardingDataSchema,
      signal: options.signal,
    })
    if (Array.isArray(data)) return { platform: 'od', descriptions: data.map((entry) => entry.description) }
    return {
      platform: 'porta',
      login: data.login,
      product: data.i_product ?? undefined,
      account: data.i_account ?? undefined,
    }
  }

  /** `POST /did/create-cnam` for a DID id (`_id` from listDids). */
  createCnam(
    options: Signal & { didId: number; enabled: boolean; type: 'RES' | 'BIZ'; displayName: string; displayNumber: string },
  ): Promise<Call48Cnam> {
    return this.transport.request({
      operation: 'create-cnam',
      method: 'POST',
      path: 'did/create-cnam',
      json: {
        cnam_status: options.enabled,
        cnam_type: options.type,
        display_name: options.displayName,
        display_number: options.displayNumber.replace(/\D/g, ''),
        did_id: options.didId,
      },
      kind: 'mutation',
      schema: CnamDataSchema,
      signal: options.signal,
    })
  }

  // ---- OD trunk groups -----------------------------------------------------------------------------------

  /** `POST /trunkgrp/create`; IPs with or without `:port`. */
  createTrunkGroup(options: Signal & TrunkGroupOptions & { name: string; ips: string[] }): Promise<Call48CreatedTrunkGroup> {
    return this.transport.request({
      operation: 'trunk-create',
      method: 'POST',
      path: 'trunkgrp/create',
      json: {
        trunk_name: options.name,
        ...trunkOptions(options),
        trunk_ips: options.ips.map((ip) => ({ ip_address: ip })),
      },
      kind: 'mutation',
      schema: CreatedTrunkGroupSchema,
      signal: options.signal,
    })
  }

  /** `PUT /trunkgrp/update`: settings, IPs to add (`trunk_ips`) and to remove (`deleted_ips`). */
  async updateTrunkGroup(
    options: Signal & TrunkGroupOptions & { trunkGroupId: number; name?: string; addIps?: string[]; deleteIps?: string[] },
  ): Promise<true> {
    await this.transport.request({
      operation: 'trunk-update',
      method: 'PUT',
      path: 'trunkgrp/update',
      json: {
        trunk_grpid: options.trunkGroupId,
        ...(options.name ? { trunk_name: options.name } : {}),
        ...trunkOptions(options),
        ...(options.deleteIps?.length ? { deleted_ips: options.deleteIps } : {}),
        trunk_ips: (options.addIps ?? []).map((ip) => ({ ip_address: ip })),
      },
      kind: 'mutation',
      schema: NoData,
      signal: options.signal,
    })
    return true
  }

  /** `GET /trunkgrp/list` (the doc gives the answer, not the path). */
  async listTrunkGroups(options: Signal & { page?: number; limit?: number }): Promise<{ groups: Call48TrunkGroup[]; total?: number | undefined; hasMore: boolean }> {
    const data = await this.transport.request({
      operation: 'trunk-list',
      method: 'GET',
      path: 'trunkgrp/list',
      query: { page: options.page ?? 1, limit: options.limit ?? 100 },
      kind: 'read',
      schema: TrunkGroupListSchema,
      signal: options.signal,
    })
    return { groups: data.result, total: data.totalRecords, hasMore: data.enableNext ?? false }
  }

  // ---- Resources -----------------------------------------------------------------------------------------

  /** `GET /countries`; a country's `country_id` or `code` is what an international search takes. */
  listCountries({ signal }: Signal): Promise<Call48Country[]> {
    return this.transport.request({ operation: 'countries', method: 'GET', path: 'countries', kind: 'read', schema: z.array(CountrySchema), signal })
  }

  /** `GET /states`. */
  listStates({ signal }: Signal): Promise<Call48State[]> {
    return this.transport.request({ operation: 'states', method: 'GET', path: 'states', kind: 'read', schema: z.array(StateSchema), signal })
  }

  /** `GET /ratecenter?state=`. */
  listRateCenters({ state, signal }: Signal & { state: string }): Promise<Call48RateCenter[]> {
    return this.transport.request({
      operation: 'ratecenters',
      method: 'GET',
      path: 'ratecenter',
      query: { state: state.toUpperCase() },
      kind: 'read',
      schema: z.array(RateCenterSchema),
      signal,
    })
  }

  // ---- Account -------------------------------------------------------------------------------------------

  /** `POST /signup` (no token): creates a Call48 account. The password is sent only. */
  signup(
    options: Signal & {
      firstName: string
      lastName: string
      company: string
      address: string
      city: string
      country: string
      state: string
      username: string
      password: string
      email: string
      phone: string
    },
  ): Promise<true> {
    return this.transport.request({
      operation: 'signup',
      method: 'POST',
      path: 'signup',
      json: {
        firstname: options.firstName,
        lastname: options.lastName,
        company: options.company,
        address: options.address,
        city: options.city,
        country: options.country,
        state: options.state,
        username: options.username,
        password: options.password,
        confirmpassword: options.password,
        email: options.email,
        phone: options.phone,
        terms: 1,
      },
      kind: 'mutation',
      schema: TrueDataSchema,
      signal: options.signal,
      anonymous: true,
    })
  }

  /** `GET /payment?amount=` (more than $20.00). A payment: never retried. */
  makePayment({ amount, signal }: Signal & { amount: number }): Promise<true> {
    return this.transport.request({
      operation: 'payment',
      method: 'GET',
      path: 'payment',
      query: { amount: amount.toFixed(2) },
      kind: 'mutation',
      schema: TrueDataSchema,
      signal,
    })
  }

  // ---- Customers -----------------------------------------------------------------------------------------

  /** `GET /customers`. */
  async listCustomers({ signal }: Signal): Promise<{ customers: Call48Customer[]; total?: number | undefined }> {
    const body = await this.transport.request({
      operation: 'customers',
      method: 'GET',
      path: 'customers',
      kind: 'read',
      schema: CustomerListBodySchema,
      from: 'body',
      signal,
    })
    return { customers: body.data.map((customer) => withoutSecrets(customer)), total: body.total }
  }

  /** `PUT /customers`: a sub-customer with its own login (the password is sent only). */
  createCustomer(
    options: Signal & {
      portaClass: number
      username: string
      password: string
      creditLimit: number
      creditLimitWarning: number
      email: string
      salutation: string
      firstName: string
      lastName: string
      address: string
      address2?: string
      city: string
      zip: string
      state?: string
      country: string
      companyName?: string
      currency: string
      bcc: string
      phone?: string
    },
  ): Promise<true> {
    return this.transport.request({
      operation: 'customer-create',
      method: 'PUT',
      path: 'customers',
      json: {
        portaClass: options.portaClass,
        username: options.username,
        creditLimit: options.creditLimit,
        creditLimitWarning: options.creditLimitWarning,
        email: options.email,
        password: options.password,
        salutation: options.salutation,
        firstname: options.firstName,
        lastname: options.lastName,
        address: options.address,
        ...(options.address2 ? { address2: options.address2 } : {}),
        city: options.city,
        zip: options.zip,
        ...(options.state ? { state: options.state } : {}),
        country: options.country,
        ...(options.companyName ? { companyname: options.companyName } : {}),
        portaCurrency: options.currency,
        portaBcc: options.bcc,
        ...(options.phone ? { phone: options.phone } : {}),
      },
      kind: 'mutation',
      schema: TrueDataSchema,
      signal: options.signal,
    })
  }

  /** `PUT /limitsimulcalls`. */
  setSimultaneousCalls(
    options: Signal & { customerId: number; enabled: boolean; maxIn: number; maxOut: number; max: number },
  ): Promise<{ iCustomer: number }> {
    return this.customerFeature('limit-simultaneous-calls', 'PUT', 'limitsimulcalls', options.signal, {
      id: options.customerId,
      limitsimulcalls: yesNo(options.enabled),
      simulmaxcallsin: options.maxIn,
      simulmaxcallsout: options.maxOut,
      simulmaxcalls: options.max,
    })
  }

  /** `POST /callparking`: the doc lists no parameters beyond the customer; extra settings pass through. */
  setCallParking(
    options: Signal & { customerId: number; settings?: Record<string, string | number | boolean> },
  ): Promise<{ iCustomer: number }> {
    return this.customerFeature('call-parking', 'POST', 'callparking', options.signal, { ...options.settings, id: options.customerId })
  }

  /** `GET /discountplan`. */
  listDiscountPlans({ signal }: Signal): Promise<Call48DiscountPlan[]> {
    return this.transport.request({ operation: 'discount-plans', method: 'GET', path: 'discountplan', kind: 'read', schema: z.array(DiscountPlanSchema), signal })
  }

  /** `POST /discountplan`. */
  addDiscountPlan(options: Signal & { customerId: number; planId: number }): Promise<{ iCustomer: number }> {
    return this.customerFeature('discount-plan-add', 'POST', 'discountplan', options.signal, { id: options.customerId, i_vd_plan: options.planId })
  }

  /** `POST /rtp`: N default, 0 direct, 1 optimal, 2 on NAT, 3 always. */
  setRtp(options: Signal & { customerId: number; rtp: 'N' | '0' | '1' | '2' | '3' }): Promise<{ iCustomer: number }> {
    return this.customerFeature('rtp', 'POST', 'rtp', options.signal, { id: options.customerId, rtp: options.rtp })
  }

  /** `POST /paging`. */
  setPaging(options: Signal & { customerId: number; enabled: boolean }): Promise<{ iCustomer: number }> {
    return this.customerFeature('paging', 'POST', 'paging', options.signal, { id: options.customerId, paging: options.enabled ? 'Yes' : 'No' })
  }

  /** `GET /subscriptions?id=` (a customer's account id). */
  listSubscriptions({ customerId, signal }: Signal & { customerId: number }): Promise<Call48Subscription[]> {
    return this.transport.request({
      operation: 'subscriptions',
      method: 'GET',
      path: 'subscriptions',
      query: { id: customerId },
      kind: 'read',
      schema: z.array(SubscriptionSchema),
      signal,
    })
  }

  private async customerFeature(
    operation: string,
    method: 'POST' | 'PUT',
    path: string,
    signal: AbortSignal,
    json: Record<string, unknown>,
  ): Promise<{ iCustomer: number }> {
    const data = await this.transport.request({ operation, method, path, json, kind: 'mutation', schema: CustomerRefSchema, signal })
    return { iCustomer: data.i_customer }
  }

  // ---- XDRs ----------------------------------------------------------------------------------------------

  /** `GET /xdr`: call records in `[from, to]` ("2021-04-01 00:00"), optionally one customer type, paged. */
  async listXdrs(
    options: Signal & { from: string; to: string; customer?: XdrCustomerType; page: number; max: number },
  ): Promise<{ xdrs: Call48Xdr[]; total: number }> {
    const data = await this.transport.request({
      operation: 'xdr',
      method: 'GET',
      path: 'xdr',
      query: { from: options.from, to: options.to, customer: options.customer, page: options.page, max: options.max },
      kind: 'read',
      schema: XdrPageSchema,
      timeoutMs: reportTimeoutMs,
      signal: options.signal,
    })
    return { xdrs: data.xdr_list, total: data.total }
  }

  // ---- Port-in -------------------------------------------------------------------------------------------

  /** `POST /port-in/check-ports`: portable or not, per number (keyed by the carrier's digits). */
  async checkPortability(options: Signal & { didType: PortDidType; numbers: string[] }): Promise<Record<string, boolean>> {
    return this.transport.request({
      operation: 'port-check-ports',
      method: 'POST',
      path: 'port-in/check-ports',
      json: { did_type: options.didType, numbers: options.numbers.map(numberParam) },
      kind: 'read',
      schema: PortabilitySchema,
      signal: options.signal,
    })
  }

  /** `POST /port-in/submit-port-details`. */
  async submitPort(
    options: Signal & { didType: PortDidType; numbers: string[]; detail: PortRequestDetailInput; forwarding?: PortSubmitForwarding; accountId?: number },
  ): Promise<{ portReqId: number }> {
    const data = await this.transport.request({
      operation: 'port-submit-port-details',
      method: 'POST',
      path: 'port-in/submit-port-details',
      json: {
        did_type: options.didType,
        ...(options.accountId !== undefined ? { account_id: options.accountId } : {}),
        numbers: options.numbers.map(numberParam),
        port_req_detail: { activation_type: 'Auto', fwd_sip_type: 'NA', fwd_order: 'NA', fwd_answering_mode: 'NA', ...options.detail, ...options.forwarding },
      },
      kind: 'mutation',
      schema: PortSubmittedSchema,
      signal: options.signal,
    })
    return { portReqId: data.port_req_id }
  }

  /** `GET /port-in/view-port-detail`: the master request's detail, or a sub order's (its PIN left out). */
  async viewPortDetail(options: Signal & PortTarget): Promise<Call48PortDetail> {
    return withoutSecrets(await this.viewPortDetailWithSecrets(options))
  }

  /**
   * The same detail with its PIN (`cust_acc_pin`), for an edit that must send the detail whole (update-request
   * takes every field) without clearing the PIN the technician did not retype. Never leaves the adapter.
   */
  async viewPortDetailWithSecrets(options: Signal & PortTarget): Promise<Call48PortDetail> {
    return this.transport.request({
      operation: 'port-view-port-detail',
      method: 'GET',
      path: 'port-in/view-port-detail',
      query: { port_req_id: options.portReqId, port_proposal_id: options.portProposalId },
      kind: 'read',
      schema: PortDetailSchema,
      signal: options.signal,
    })
  }

  /** `POST /port-in/view-list`: port requests with their sub orders, filtered, paged. */
  async listPorts(options: Signal & PortListFilter): Promise<{ requests: Call48PortRequest[]; total: number; hasMore: boolean }> {
    const data = await this.transport.request({
      operation: 'port-view-list',
      method: 'POST',
      path: 'port-in/view-list',
      json: { page: String(options.page), limit: String(options.limit), ...portFilterBody(options) },
      kind: 'read',
      schema: PortListSchema,
      signal: options.signal,
    })
    return { requests: data.result, total: data.totalRecords, hasMore: data.enableNext ?? options.page * options.limit < data.totalRecords }
  }

  /** `GET /port-in/view-did-list?port_proposal_id=`. */
  async listPortDids({ portProposalId, signal }: Signal & { portProposalId: number }): Promise<Call48PortDid[]> {
    const data = await this.transport.request({
      operation: 'port-view-did-list',
      method: 'GET',
      path: 'port-in/view-did-list',
      query: { port_proposal_id: portProposalId },
      kind: 'read',
      schema: PortDidListSchema,
      signal,
    })
    return data.result
  }

  /** `POST /port-in/update-request`: edit (and resubmit) a request or one sub order. */
  async updatePort(options: Signal & { portReqId: number; portProposalId?: number; detail: PortRequestDetailInput }): Promise<true> {
    return this.portMutation('port-update-request', 'update-request', options.signal, {
      port_req_id: options.portReqId,
      ...(options.portProposalId !== undefined ? { port_proposal_id: options.portProposalId } : {}),
      port_req_detail: options.detail,
    })
  }

  /** `POST /port-in/cancel-order`: the whole request, or one sub order. */
  cancelPort(options: Signal & PortTarget): Promise<true> {
    return this.portMutation('port-cancel-order', 'cancel-order', options.signal, portTargetBody(options))
  }

  /** `POST /port-in/cancel-did-order`: one number of a sub order. */
  cancelPortDid(options: Signal & { portProposalId: number; number: string }): Promise<true> {
    return this.portMutation('port-cancel-did-order', 'cancel-did-order', options.signal, {
      port_proposal_id: options.portProposalId,
      did_number: numberParam(options.number),
    })
  }

  /** `GET /port-in/forwarding-details` (the device password is not returned). */
  async portForwardingDetails({ portReqId, signal }: Signal & { portReqId: number }): Promise<Call48PortForwarding> {
    const data = await this.transport.request({
      operation: 'port-forwarding-details',
      method: 'GET',
      path: 'port-in/forwarding-details',
      query: { port_req_id: portReqId },
      kind: 'read',
      schema: PortForwardingSchema,
      signal,
    })
    return withoutSecrets(data)
  }

  /** `POST /port-in/update-forwarding`. */
  updatePortForwarding(options: Signal & { portReqId: number; forwardings?: PortForwardingEntryInput[]; preconfigured?: boolean }): Promise<true> {
    return this.portMutation('port-update-forwarding', 'update-forwarding', options.signal, {
      port_req_id: options.portReqId,
      ...(options.forwardings
        ? {
            forwarding_data: options.forwardings.map((entry) => ({
              forwarding_type_id: entry.forwardingTypeId,
              timeout: entry.timeoutSeconds,
              value: entry.value,
              method: entry.method,
              sequence: entry.sequence,
            })),
          }
        : {}),
      ...(options.preconfigured !== undefined ? { fwd_preconfigured: options.preconfigured } : {}),
    })
  }

  /** `POST /port-in/delete-request`: a cancelled request (`port_request_id`), sub order, or one of its numbers. */
  deletePort(options: Signal & PortTarget & { number?: string }): Promise<true> {
    return this.portMutation('port-delete-request', 'delete-request', options.signal, {
      ...(options.portReqId !== undefined ? { port_request_id: options.portReqId } : {}),
      ...(options.portProposalId !== undefined ? { port_proposal_id: options.portProposalId } : {}),
      ...(options.number !== undefined ? { did_number: numberParam(options.number) } : {}),
    })
  }

  /** `POST /port-in/activate-order`: a request or sub order whose FOC is received. */
  activatePort(options: Signal & PortTarget): Promise<true> {
    return this.portMutation('port-activate-order', 'activate-order', options.signal, portTargetBody(options))
  }

  /** `POST /port-in/activate-did`. */
  activatePortDid(options: Signal & { portProposalId: number; number: string }): Promise<true> {
    return this.portMutation('port-activate-did', 'activate-did', options.signal, {
      port_proposal_id: options.portProposalId,
      did_number: numberParam(options.number),
    })
  }

  /** `POST /port-in/upload-docs` (multipart): LOA, bill or CSR for a request or sub order. */
  async uploadPortDocument(options: Signal & PortTarget & { type: PortDocumentType; file: UploadFile }): Promise<true> {
    const form = new FormData()
    for (const [key, value] of Object.entries(portTargetBody(options))) form.set(key, String(value))
    form.set('type', options.type)
    form.set('file', toBlob(options.file), options.file.name)
    await this.transport.request({
      operation: 'port-upload-docs',
      method: 'POST',
      path: 'port-in/upload-docs',
      form,
      kind: 'mutation',
      schema: NoData,
      timeoutMs: uploadTimeoutMs,
      signal: options.signal,
    })
    return true
  }

  /** `POST /port-in/remove-upload-docs`. */
  removePortDocument(options: Signal & PortTarget & { type: PortDocumentType }): Promise<true> {
    return this.portMutation('port-remove-upload-docs', 'remove-upload-docs', options.signal, { ...portTargetBody(options), type: options.type })
  }

  /**
   * `POST /port-in/export-list` (CSV): requests (filters), a request's sub orders (`portReqId`) or a sub
   * order's numbers (`portProposalId`). Columns differ per level, so rows are kept as text by column.
   */
  exportPorts(options: Signal & PortTarget & Omit<PortListFilter, 'page' | 'limit'>): Promise<Record<string, string>[]> {
    return this.transport.requestCsv({
      operation: 'port-export-list',
      method: 'POST',
      path: 'port-in/export-list',
      json: { ...portTargetBody(options), ...portFilterBody(options) },
      kind: 'read',
      row: ExportRowSchema,
      timeoutMs: reportTimeoutMs,
      signal: options.signal,
    })
  }

  /** `POST /port-in/view-foc-list`: numbers whose FOC is received (or activated). */
  async listFocReady(
    options: Signal & { page: number; limit: number; activationType?: ActivationType; numbers?: string[] },
  ): Promise<{ total: number; rows: Call48FocRow[] }> {
    const data = await this.transport.request({
      operation: 'port-view-foc-list',
      method: 'POST',
      path: 'port-in/view-foc-list',
      json: {
        page: String(options.page),
        limit: String(options.limit),
        ...(options.activationType ? { activation_type: options.activationType } : {}),
        ...(options.numbers?.length ? { numbers: options.numbers.map(numberParam) } : {}),
      },
      kind: 'read',
      schema: FocListSchema,
      signal: options.signal,
    })
    return { total: data.count, rows: data.rows }
  }

  /** `GET /port-in/view-did-activation`. */
  async viewDidActivation({ did, portProposalId, signal }: Signal & { did: string; portProposalId: number }): Promise<Call48FocRow> {
    const data = await this.transport.request({
      operation: 'port-view-did-activation',
      method: 'GET',
      path: 'port-in/view-did-activation',
      query: { did: numberParam(did), port_proposal_id: portProposalId },
      kind: 'read',
      schema: FocDidSchema,
      signal,
    })
    return data.data
  }

  /** `POST /port-in/update-activation`: activation type and (Eastern) date of one number. */
  updateDidActivation(
    options: Signal & { did: string; portProposalId: number; activationType: ActivationType; activationDate: string },
  ): Promise<true> {
    return this.portMutation('port-update-activation', 'update-activation', options.signal, {
      activation_date: options.activationDate,
      activation_type: options.activationType,
      did: numberParam(options.did),
      port_proposal_id: options.portProposalId,
    })
  }

  /** `POST /port-in/view-rejection-list`: rejected or failed sub orders with their reasons. */
  async listProblematicPorts(
    options: Signal & PortListFilter,
  ): Promise<{ ports: Call48ProblematicPort[]; total: number; hasMore: boolean; requestPhases: string[]; atlStatuses: string[] }> {
    const data = await this.transport.request({
      operation: 'port-view-rejection-list',
      method: 'POST',
      path: 'port-in/view-rejection-list',
      json: { page: String(options.page), limit: String(options.limit), ...portFilterBody(options) },
      kind: 'read',
      schema: ProblematicListSchema,
      signal: options.signal,
    })
    const result = data.result
    return {
      ports: result.result,
      total: result.totalRecords,
      hasMore: result.enableNext ?? false,
      requestPhases: (result.request_phase_list ?? []).map((entry) => entry.request_phase),
      atlStatuses: (result.atl_status_list ?? []).map((entry) => entry.atl_status),
    }
  }

  private async portMutation(operation: string, path: string, signal: AbortSignal, json: Record<string, unknown>): Promise<true> {
    await this.transport.request({ operation, method: 'POST', path: `port-in/${path}`, json, kind: 'mutation', schema: NoData, signal })
    return true
  }
}

/** Exactly the documented purchase fields of a searched number (search items carry more). */
function purchaseItem(number: PurchaseNumber): Record<string, string> {
  return {
    npa: number.npa,
    nxx: number.nxx,
    xxxx: number.xxxx,
    ...(number.state ? { state: number.state } : {}),
    ...(number.ratecenter ? { ratecenter: number.ratecenter } : {}),
    loc: number.loc,
    ...(number.locData ? { locData: number.locData } : {}),
  }
}

function trunkOptions(options: TrunkGroupOptions): Record<string, string> {
  return {
    ...(options.routeType ? { route_type: options.routeType } : {}),
    ...(options.numberFormat ? { num_format: options.numberFormat } : {}),
    ...(options.cliType ? { cli_type: options.cliType } : {}),
    ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
  }
}

/** A definite refusal (HTTP 200 with an error code in the body): the request was understood and declined. */
export function isRefusal(error: unknown): error is CarrierError {
  return error instanceof CarrierError && error.code === 'carrier' && error.info.httpStatus === 200 && !error.info.ambiguous
}
