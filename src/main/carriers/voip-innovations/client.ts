/**
 * The VoIP Innovations Back Office client: every operation of the WSDL (48 of 48), each a typed method
 * taking one options object with an AbortSignal and answering validated, typed results.
 *
 * This file holds the ten methods of the prose reference (api-reference.txt 3.1-3.10) and composes the
 * WSDL's other areas, one file each: CNAM display (client-cnam.ts), E911 and 911 alerts (client-911.ts),
 * forwarding and failover (client-forwarding.ts), DID groups (client-groups.ts), fax to e-mail
 * (client-fax.ts), conference line (client-conference.ts), international DIDs (client-international.ts)
 * and the prepaid balance (client-balance.ts).
 *
 * Batch methods (assign/config/release/reserve) answer one line per number with VI's own statusCode,
 * because a batch can partly succeed (carrier-docs README); their unclear outcomes surface as a
 * CarrierError with `ambiguous: true` for the caller to check by queryDID, never to repeat. The
 * single-number mutations of the other areas are sent once and settle an unclear outcome themselves by
 * reading the number back (`checkedAfterFailure`).
 */
import { withPrepaidBalance } from './client-balance'
import { successCode, tenDigits, ViClientBase, type Signal } from './client-base'
import { withConferenceLine } from './client-conference'
import { withCnam } from './client-cnam'
import { withFaxToEmail } from './client-fax'
import { with911 } from './client-911'
import { withForwarding } from './client-forwarding'
import { withDidGroups } from './client-groups'
import { withInternational } from './client-international'
import { DidResponseSchema, PortResponseSchema, type ViDid, type ViDidCount, type ViDidLocator, type ViPortDetail } from './schemas'
import type { SoapFields } from './soap'

export { successCode, tenDigits, type Settled, type VoipInnovationsClientOptions } from './client-base'
export { status911Ok, type Address911, type AddressValidation, type Alert911, type AlertRecipients, type Change911 } from './client-911'
export type { DidFailover, DidForwarding } from './client-forwarding'
export type { DidGroup, DidGroupMembership } from './client-groups'
export type { FaxToEmail } from './client-fax'
export type { ConferenceLine } from './client-conference'
export type { IntlCity, IntlCountry, IntlDid } from './client-international'
export type { PrepaidBalance } from './client-balance'

/** How long VI holds a reserved number (api-reference.txt 3.7). */
export const reservationMinutes = 30

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

export interface PortDetailsResult {
  details: ViPortDetail
  isPortable: boolean
}

const ViClientAreas = withPrepaidBalance(
  withInternational(withConferenceLine(withFaxToEmail(withDidGroups(withForwarding(with911(withCnam(ViClientBase))))))),
)

export class VoipInnovationsClient extends ViClientAreas {
  // ---- 3.1 auditDIDs ------------------------------------------------------------------------------

  /**
   * Every DID the account owns, streamed in pages of `pageSize` so memory stays flat however large the
   * inventory. The dummy "no records" DID (statusCode 101200, audit_dids.xml) is not a number and is
   * dropped. Answers how many DIDs were passed on.
   */
  async auditDIDPages(options: Signal & { pageSize?: number; onPage(dids: ViDid[]): void }): Promise<number> {
    const pageSize = options.pageSize ?? 1000
    let page: ViDid[] = []
    let count = 0
    await this.streamDids('auditDIDs', {}, options.signal, (did) => {
      page.push(did)
      count += 1
      if (page.length >= pageSize) {
        const full = page
        page = []
        options.onPage(full)
      }
    })
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
    if (!did) throw this.missing(operation, 'DID record')
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
    if (!answer.PortDetails) throw this.missing(operation, 'PortDetails')
    return { details: answer.PortDetails, isPortable: answer.IsPortable }
  }
}
