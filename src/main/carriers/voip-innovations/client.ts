/**
 * The VoIP Innovations Back Office client: every documented method of api-reference.txt (3.1-3.10) plus
 * the WSDL's CNAM display and 911 methods a NOC technician needs, each a typed method taking one options
 * object with an AbortSignal and answering validated, typed results.
 *
 * Batch methods (assign/config/release/reserve) answer one line per number with VI's own statusCode,
 * because a batch can partly succeed (carrier-docs README). Mutations are sent once; an unclear outcome
 * surfaces as a CarrierError with `ambiguous: true` for the caller to check, never to repeat.
 */
import type { z } from 'zod'
import { expectAnswer } from '../kit/answer'
import { createCarrierHttp } from '../kit/http'
import { CarrierError } from '../../lib/carrier-error'
import {
  CnamResponseSchema,
  DidResponseSchema,
  DidSchema,
  PortResponseSchema,
  Response911Schema,
  ResponseHeadSchema,
  type ViDid,
  type ViDid911,
  type ViDidCount,
  type ViDidLocator,
  type ViLocation,
  type ViPortDetail,
  type ViStatus911,
} from './schemas'
import { carrier, SoapTransport, type SoapFields } from './soap'

export const successCode = 100
/** How long VI holds a reserved number (api-reference.txt 3.7). */
export const reservationMinutes = 30

export interface VoipInnovationsClientOptions {
  baseUrl: string
  login: string
  secret: string
  now?: () => number
  /** Per-operation timeouts; searches and audits are slow on the real service (180 s in other clients). */
  timeouts?: { slowMs?: number; defaultMs?: number }
}

/** One number of a batch, by the WSDL's DIDParam: tn, cnam, refId, epg (endpoint group). */
export interface DidParamInput {
  tn: string
  /** Endpoint group; required by assignDID and configDID, 0 where VI ignores it (release, reserve). */
  epg?: number | undefined
  /** Inbound CNAM lookup on or off; left out to keep the current setting. */
  cnam?: boolean | undefined
  refId?: string | undefined
}

export interface BatchLine {
  /** Ten digits, as asked for. */
  tn: string
  ok: boolean
  /** VI's per-number statusCode (100 = success); undefined when the answer had no line for the number. */
  statusCode?: number | undefined
  status: string
  did?: ViDid | undefined
}

export interface BatchResult {
  responseCode: number
  responseMessage?: string | undefined
  lines: BatchLine[]
}

/** getDIDs / getDIDCount criteria by the WSDL's names; at least one is required (else 302490). */
export interface SearchCriteria {
  state?: string | undefined
  lata?: string | undefined
  rateCenter?: string | undefined
  npa?: string | undefined
  nxx?: string | undefined
  tier?: string | undefined
  t38?: boolean | undefined
  /** Outbound CNAM storage support. */
  cnam?: boolean | undefined
  sms?: boolean | undefined
  network?: string | undefined
}

export type CountOrder = 'state' | 'rc' | 'lata' | 'tier'

export interface Address911 {
  address1: string
  address2?: string | undefined
  city: string
  state: string
  zip: string
  plusFour?: string | undefined
  callerName: string
}

export interface AddressValidation {
  valid: boolean
  code: number
  message?: string | undefined
}

export interface Alert911 {
  enabled: boolean
  code: number
  message?: string | undefined
}

export interface PortDetailsResult {
  details: ViPortDetail
  isPortable: boolean
}

interface Signal {
  signal: AbortSignal
}

/** Ten digits from what a caller may hold (E.164, 11 digits, punctuation). */
export function tenDigits(number: string): string {
  const digits = number.replace(/\D/g, '')
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits
}

/** Whether a 911 status line reports success: code 100, or a "successfully ..." text (remove_location.xml: 205100). */
export function status911Ok(status: ViStatus911): boolean {
  return status.code === String(successCode) || /success/i.test(status.description)
}

/** getLocations' placeholder for "no location" (get_locations.xml: statusCode 206200, every field empty). */
const noLocationCode = '206200'
/** Query911Alert's "911 is not enabled" (query_911_alert.xml): an answer, not a failure. */
const notEnabled911Code = 941

export class VoipInnovationsClient {
  private readonly transport: SoapTransport
  private readonly slowMs: number
  private readonly defaultMs: number
  readonly now: () => number

  constructor(options: VoipInnovationsClientOptions) {
    const http = createCarrierHttp({ baseUrl: options.baseUrl, timeoutMs: options.timeouts?.defaultMs ?? 30_000 })
    this.transport = new SoapTransport({ http, endpoint: options.baseUrl, login: options.login, secret: options.secret })
    this.slowMs = options.timeouts?.slowMs ?? 180_000
    this.defaultMs = options.timeouts?.defaultMs ?? 30_000
    this.now = options.now ?? Date.now
  }

  private async invoke<S extends z.ZodType>(
    operation: string,
    fields: SoapFields,
    schema: S,
    options: Signal & { kind: 'read' | 'mutation'; slow?: boolean },
  ): Promise<z.output<S>> {
    const result = await this.transport.call(operation, fields, {
      signal: options.signal,
      kind: options.kind,
      timeoutMs: options.slow ? this.slowMs : this.defaultMs,
    })
    let answer: z.output<S>
    try {
      answer = expectAnswer(schema, result, { carrier, operation, httpStatus: 200 })
    } catch (error) {
      // A mutation answered with something we cannot read may still have been carried out.
      if (options.kind === 'mutation' && error instanceof CarrierError) {
        throw new CarrierError('carrier', { ...error.info, ambiguous: true })
      }
      throw error
    }
    return answer
  }

  /** Answers the response when its responseCode is 100 (or one of `accepted`), else raises VI's refusal. */
  private expectSuccess<T extends { responseCode: number; responseMessage?: string | undefined }>(
    operation: string,
    answer: T,
    accepted: number[] = [],
  ): T {
    if (answer.responseCode === successCode || accepted.includes(answer.responseCode)) return answer
    throw this.transport.refusal(operation, answer.responseCode, answer.responseMessage)
  }

  // ---- 3.1 auditDIDs ------------------------------------------------------------------------------

  /**
   * Every DID the account owns, streamed in pages of `pageSize` so memory stays flat however large the
   * inventory. The dummy "no records" DID (statusCode 101200, audit_dids.xml) is not a number and is
   * dropped. Answers how many DIDs were passed on.
   */
  async auditDIDPages(options: Signal & { pageSize?: number; onPage(dids: ViDid[]): void }): Promise<number> {
    const operation = 'auditDIDs'
    const pageSize = options.pageSize ?? 1000
    let page: ViDid[] = []
    let count = 0
    const head = await this.transport.stream(
      operation,
      {},
      'DID',
      { signal: options.signal, kind: 'read', timeoutMs: this.slowMs },
      (item) => {
        const did = expectAnswer(DidSchema, item, { carrier, operation, httpStatus: 200 })
        if (did.tn === '') return
        page.push(did)
        count += 1
        if (page.length >= pageSize) {
          const full = page
          page = []
          options.onPage(full)
        }
      },
    )
    const answer = expectAnswer(ResponseHeadSchema, head, { carrier, operation, httpStatus: 200 })
    this.expectSuccess(operation, answer)
    if (page.length > 0) options.onPage(page)
    return count
  }

  /** 3.1 auditDIDs, collected (small accounts and tests; syncs use auditDIDPages). */
  async auditDIDs(options: Signal): Promise<ViDid[]> {
    const all: ViDid[] = []
    await this.auditDIDPages({ ...options, onPage: (dids) => all.push(...dids) })
    return all
  }

  // ---- 3.2 queryDID -------------------------------------------------------------------------------

  /**
   * One number's standing. Owned numbers answer availability 'assigned'; others a dummy or an
   * Unavailable record with a 102xxx statusCode (102230/102235 another company, 102420 not found).
   */
  async queryDID(options: Signal & { did: string }): Promise<ViDid> {
    const operation = 'queryDID'
    const answer = this.expectSuccess(
      operation,
      await this.invoke(operation, { did: tenDigits(options.did) }, DidResponseSchema, { signal: options.signal, kind: 'read' }),
    )
    const [did] = answer.DIDs
    if (!did) {
      throw new CarrierError('carrier', { carrier, operation, httpStatus: 200, message: 'The answer held no DID record', retryable: false })
    }
    return did
  }

  // ---- 3.3 / 3.5 / 3.6 / 3.7 batches --------------------------------------------------------------

  private async batch(operation: string, params: DidParamInput[], signal: AbortSignal): Promise<BatchResult> {
    const tns = params.map((param) => tenDigits(param.tn))
    const didParams = params.map((param, index) => ({
      tn: tns[index],
      cnam: param.cnam === undefined ? undefined : String(param.cnam),
      refId: param.refId,
      // epg is required by the WSDL (s:int, minOccurs 1); 0 where the method does not use it.
      epg: param.epg ?? 0,
    }))
    const answer = this.expectSuccess(
      operation,
      await this.invoke(operation, { didParams: { DIDParam: didParams } }, DidResponseSchema, { signal, kind: 'mutation' }),
    )
    const remaining = [...answer.DIDs]
    const lines = tns.map((tn): BatchLine => {
      // One DID per DIDParam in order (api-reference.txt); matched by number so a reordered answer still fits.
      const index = remaining.findIndex((did) => tenDigits(did.tn) === tn)
      const did = index === -1 ? undefined : remaining.splice(index, 1)[0]
      if (!did) return { tn, ok: false, status: 'The carrier answered no line for this number' }
      return { tn, ok: did.statusCode === successCode, statusCode: did.statusCode, status: did.status, did }
    })
    return { responseCode: answer.responseCode, responseMessage: answer.responseMessage, lines }
  }

  /** 3.3 assignDID: buys available or reserved numbers onto an endpoint group. Sent once, never retried. */
  assignDID(options: Signal & { dids: (DidParamInput & { epg: number })[] }): Promise<BatchResult> {
    return this.batch('assignDID', options.dids, options.signal)
  }

  /** 3.5 configDID: moves owned numbers to another endpoint group (the route), inbound CNAM, refId. */
  configDID(options: Signal & { dids: (DidParamInput & { epg: number })[] }): Promise<BatchResult> {
    return this.batch('configDID', options.dids, options.signal)
  }

  /** 3.6 releaseDID: gives numbers back. Sent once, never retried. */
  releaseDID(options: Signal & { tns: string[] }): Promise<BatchResult> {
    return this.batch('releaseDID', options.tns.map((tn) => ({ tn })), options.signal)
  }

  /** 3.7 reserveDID: holds available numbers for 30 minutes; assignDID with the same refId claims them. */
  reserveDID(options: Signal & { dids: { tn: string; refId?: string | undefined }[] }): Promise<BatchResult> {
    return this.batch('reserveDID', options.dids, options.signal)
  }

  // ---- 3.4 getDIDs / 3.9 getDIDCount --------------------------------------------------------------

  private criteriaFields(criteria: SearchCriteria): SoapFields {
    const flagText = (value: boolean | undefined): string | undefined => (value === undefined ? undefined : String(value))
    // WSDL order and names (`network` in lower case, unlike the prose doc's `Network`).
    return {
      state: criteria.state?.toUpperCase(),
      lata: criteria.lata,
      rateCenter: criteria.rateCenter?.toUpperCase(),
      npa: criteria.npa,
      nxx: criteria.nxx,
      tier: criteria.tier,
      t38: flagText(criteria.t38),
      cnam: flagText(criteria.cnam),
    }
  }

  /** 3.4 getDIDs: available numbers matching the criteria (slow on the real service: long timeout). */
  async getDIDs(options: Signal & { criteria: SearchCriteria }): Promise<ViDidLocator[]> {
    const operation = 'getDIDs'
    const { criteria } = options
    const fields: SoapFields = {
      ...this.criteriaFields(criteria),
      sms: criteria.sms === undefined ? undefined : String(criteria.sms),
      network: criteria.network,
    }
    const answer = this.expectSuccess(
      operation,
      await this.invoke(operation, fields, DidResponseSchema, { signal: options.signal, kind: 'read', slow: true }),
    )
    return answer.DIDLocators
  }

  /** 3.9 getDIDCount: available numbers per rate center and tier, ordered by `orderby` (default state). */
  async getDIDCount(options: Signal & { criteria: SearchCriteria; orderby?: CountOrder | undefined }): Promise<ViDidCount[]> {
    const operation = 'getDIDCount'
    const { criteria } = options
    const fields: SoapFields = {
      ...this.criteriaFields(criteria),
      orderby: options.orderby,
      sms: criteria.sms === undefined ? undefined : String(criteria.sms),
      network: criteria.network,
    }
    const answer = this.expectSuccess(
      operation,
      await this.invoke(operation, fields, DidResponseSchema, { signal: options.signal, kind: 'read', slow: true }),
    )
    return answer.DIDCounts
  }

  // ---- 3.8 isPortable / 3.10 getPortDetails -------------------------------------------------------

  /** 3.8 isPortable: whether a number can be ported in to VI. */
  async isPortable(options: Signal & { tn: string }): Promise<boolean> {
    const operation = 'isPortable'
    const answer = this.expectSuccess(
      operation,
      await this.invoke(operation, { tn: tenDigits(options.tn) }, PortResponseSchema, { signal: options.signal, kind: 'read' }),
    )
    return answer.IsPortable
  }

  /** 3.10 getPortDetails: one port order by id (the WSDL's `portId`). */
  async getPortDetails(options: Signal & { portId: number }): Promise<PortDetailsResult> {
    const operation = 'getPortDetails'
    const answer = this.expectSuccess(
      operation,
      await this.invoke(operation, { portId: options.portId }, PortResponseSchema, { signal: options.signal, kind: 'read' }),
    )
    if (!answer.PortDetails) {
      throw new CarrierError('carrier', { carrier, operation, httpStatus: 200, message: 'The answer held no PortDetails', retryable: false })
    }
    return { details: answer.PortDetails, isPortable: answer.IsPortable }
  }

  // ---- CNAM display (WSDL: GetCNAMDisplay, UpdateCNAMDisplay, RemoveCNAM) -------------------------

  /** The outbound CNAM display name stored for an owned number; undefined when none is stored. */
  async getCnamDisplay(options: Signal & { tn: string }): Promise<string | undefined> {
    const operation = 'GetCNAMDisplay'
    const answer = this.expectSuccess(
      operation,
      await this.invoke(operation, { tn: tenDigits(options.tn) }, CnamResponseSchema, { signal: options.signal, kind: 'read' }),
    )
    return answer.DisplayName?.trim() || undefined
  }

  /** Stores an outbound CNAM display name (the CNAM databases keep at most 15 characters). */
  async updateCnamDisplay(options: Signal & { tn: string; name: string }): Promise<void> {
    const operation = 'UpdateCNAMDisplay'
    this.expectSuccess(
      operation,
      await this.invoke(operation, { tn: tenDigits(options.tn), name: options.name }, CnamResponseSchema, {
        signal: options.signal,
        kind: 'mutation',
      }),
    )
  }

  async removeCnam(options: Signal & { tn: string }): Promise<void> {
    const operation = 'RemoveCNAM'
    this.expectSuccess(
      operation,
      await this.invoke(operation, { tn: tenDigits(options.tn) }, CnamResponseSchema, { signal: options.signal, kind: 'mutation' }),
    )
  }

  // ---- 911 (WSDL: insert911 ... Query911Alert) ----------------------------------------------------

  private addressFields(address: Address911): SoapFields {
    return {
      address1: address.address1,
      address2: address.address2 ?? '',
      city: address.city,
      state: address.state,
      zip: address.zip,
      plusFour: address.plusFour ?? '',
      callerName: address.callerName,
    }
  }

  /**
   * A 911 change: responseCode 100 and every status line a success. A status line can carry a failure
   * inside a Success answer (provisionLocation: 206200 "could not be found"); success texts are not
   * mistaken for errors (README: E911 updates were).
   */
  private async change911(operation: string, fields: SoapFields, signal: AbortSignal): Promise<ViStatus911[]> {
    const answer = this.expectSuccess(operation, await this.invoke(operation, fields, Response911Schema, { signal, kind: 'mutation' }))
    const failed = answer.Statuses.find((status) => !status911Ok(status))
    if (failed) {
      throw new CarrierError('carrier', {
        carrier,
        operation,
        httpStatus: 200,
        carrierCode: failed.code,
        message: this.transport.redact(failed.description || `status ${failed.code}`),
        retryable: false,
      })
    }
    return answer.Statuses
  }

  /** insert911: a 911 address for an owned number, provisioned at once. */
  insert911(options: Signal & { did: string; address: Address911 }): Promise<ViStatus911[]> {
    return this.change911('insert911', { did: tenDigits(options.did), ...this.addressFields(options.address) }, options.signal)
  }

  update911(options: Signal & { did: string; address: Address911 }): Promise<ViStatus911[]> {
    return this.change911('update911', { did: tenDigits(options.did), ...this.addressFields(options.address) }, options.signal)
  }

  remove911(options: Signal & { did: string }): Promise<ViStatus911[]> {
    return this.change911('remove911', { did: tenDigits(options.did) }, options.signal)
  }

  /** The provisioned 911 record(s) and locations of a number. */
  async query911(options: Signal & { did: string }): Promise<{ records: ViDid911[]; locations: ViLocation[] }> {
    const operation = 'query911'
    const answer = this.expectSuccess(
      operation,
      await this.invoke(operation, { did: tenDigits(options.did) }, Response911Schema, { signal: options.signal, kind: 'read' }),
    )
    return { records: answer.DID911s, locations: answer.VILocations }
  }

  /** Every number with 911 on the account. */
  async audit911(options: Signal): Promise<ViDid911[]> {
    const operation = 'audit911'
    const answer = this.expectSuccess(operation, await this.invoke(operation, {}, Response911Schema, { signal: options.signal, kind: 'read', slow: true }))
    return answer.DID911s
  }

  /** Checks an address; a refused address is an answer (valid: false, VI's message), not an error. */
  async validate911(options: Signal & { address: Address911 }): Promise<AddressValidation> {
    const operation = 'validate911'
    const answer = await this.invoke(operation, this.addressFields(options.address), Response911Schema, { signal: options.signal, kind: 'read' })
    if (answer.responseCode === successCode) return { valid: true, code: answer.responseCode, message: answer.responseMessage }
    const refusal = this.transport.refusal(operation, answer.responseCode, answer.responseMessage)
    if (refusal.code === 'auth') throw refusal
    return { valid: false, code: answer.responseCode, message: refusal.info.message }
  }

  /** Adds a (geocoded, not yet provisioned) location to an owned number. */
  async addLocation(options: Signal & { did: string; address: Address911 }): Promise<ViLocation> {
    const operation = 'addLocation'
    const answer = this.expectSuccess(
      operation,
      await this.invoke(operation, { did: tenDigits(options.did), ...this.addressFields(options.address) }, Response911Schema, {
        signal: options.signal,
        kind: 'mutation',
      }),
    )
    const [location] = answer.VILocations
    if (!location?.locationId) {
      throw new CarrierError('carrier', { carrier, operation, httpStatus: 200, message: 'The answer held no location', retryable: false })
    }
    return location
  }

  /** A number's locations; VI's empty 206200 placeholder (get_locations.xml) means none. */
  async getLocations(options: Signal & { did: string }): Promise<ViLocation[]> {
    const operation = 'getLocations'
    const answer = this.expectSuccess(
      operation,
      await this.invoke(operation, { did: tenDigits(options.did) }, Response911Schema, { signal: options.signal, kind: 'read' }),
    )
    return answer.VILocations.filter((location) => location.statusCode !== noLocationCode && location.locationId !== undefined)
  }

  provisionLocation(options: Signal & { did: string; locationId: string }): Promise<ViStatus911[]> {
    return this.change911('provisionLocation', { did: tenDigits(options.did), locationId: options.locationId }, options.signal)
  }

  removeLocation(options: Signal & { did: string; locationId: string }): Promise<ViStatus911[]> {
    // WSDL order: locationId before did.
    return this.change911('removeLocation', { locationId: options.locationId, did: tenDigits(options.did) }, options.signal)
  }

  async getProvisioningHistory(options: Signal & { did: string }): Promise<ViLocation[]> {
    const operation = 'getProvisioningHistory'
    const answer = this.expectSuccess(
      operation,
      await this.invoke(operation, { did: tenDigits(options.did) }, Response911Schema, { signal: options.signal, kind: 'read' }),
    )
    return answer.VILocations
  }

  /** Whether 911 alerts can be set for a number; 941 "911 is not enabled" is an answer, not a failure. */
  async query911Alert(options: Signal & { tn: string }): Promise<Alert911> {
    const operation = 'Query911Alert'
    const answer = this.expectSuccess(
      operation,
      await this.invoke(operation, { tn: tenDigits(options.tn) }, Response911Schema, { signal: options.signal, kind: 'read' }),
      [notEnabled911Code],
    )
    return { enabled: answer.responseCode === successCode, code: answer.responseCode, message: answer.responseMessage }
  }
}
