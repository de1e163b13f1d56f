/**
 * The answer types of the VoIP Innovations WSDL (DIDResponse, PortResponse, CNAMResponse, Response911,
 * IntlResponse, FaxToEmailResponse, NumericResponse) as element trees in the WSDL's sequence order,
 * shaped like the captured responses in carrier-docs/voip-innovations/sample-responses/ where there are
 * some (the last three have none: their shapes follow the WSDL alone).
 */
import type { Ledger } from '../kit/ledger'
import type { SimResponse } from '../kit/http'
import type { OutNode, XmlNode } from './envelope'
import { dotNetDate, unsetDate, type OwnedDid, type VoipInnovationsState } from './state'

export interface OperationContext {
  state: VoipInnovationsState
  ledger: Ledger
}

export type OperationHandler = (context: OperationContext, params: XmlNode) => SimResponse

export type ResultType =
  | 'DIDResponse'
  | 'PortResponse'
  | 'CNAMResponse'
  | 'Response911'
  | 'IntlResponse'
  | 'FaxToEmailResponse'
  | 'NumericResponse'

export const successCode = 100
export const successMessage = 'Success'

/**
 * Wrong login or secret. The documents list no code for it; VI keeps account-level conditions in short
 * three-digit responseCodes (Query911Alert answers 941 "911 is not enabled", query_911_alert.xml) and
 * uses the longer six-digit codes per DID, so the sandbox answers 401, HTTP's "unauthorised", inside a
 * normal HTTP 200 answer of the operation's own response type.
 */
export const invalidCredentialsCode = 401
export const invalidCredentialsMessage = 'Invalid login or secret'

/** One `DID` element; fields the WSDL marks optional are written only where the captures show them. */
export interface DidFields {
  tn: string
  availability?: string
  rewrite?: string
  status: string
  statusCode: number
  tier?: string
  refId?: string
  /**
   * `failover`, `forward` and `didGroupId` are written only when set: .NET leaves a null string out, and
   * the captured numbers had none.
   */
  failover?: string
  forward?: string
  didGroupId?: number
  /** Only queryDID shows `Network` (query_did.xml). */
  network?: string
  endpointId?: number
  expireDate?: string
  has411?: boolean
  has911?: boolean
  cnam?: boolean
  cnamStorageActive?: boolean
  cnamStorageAvailability?: boolean
  t38?: boolean
}

export function didElement(fields: DidFields): OutNode {
  return {
    tn: fields.tn,
    availability: fields.availability ?? '',
    rewrite: fields.rewrite ?? '',
    status: fields.status,
    statusCode: String(fields.statusCode),
    tier: fields.tier ?? '',
    refId: fields.refId ?? '',
    ...(fields.failover ? { failover: fields.failover } : {}),
    ...(fields.forward ? { forward: fields.forward } : {}),
    ...(fields.didGroupId ? { didGroupId: String(fields.didGroupId) } : {}),
    ...(fields.network === undefined ? {} : { Network: fields.network }),
    endpointId: fields.endpointId ?? 0,
    expireDate: fields.expireDate ?? unsetDate,
    has411: fields.has411 ?? false,
    has911: fields.has911 ?? false,
    cnam: fields.cnam ?? false,
    cnamStorageActive: fields.cnamStorageActive ?? false,
    cnamStorageAvailability: fields.cnamStorageAvailability ?? false,
    t38: fields.t38 ?? false,
  }
}

/** Owned-DID fields as queryDID and auditDIDs show them (query_did.xml), features included where set. */
export function ownedFields(did: OwnedDid, withNetwork: boolean): DidFields {
  const { tn } = did.facts
  return {
    tn,
    availability: 'assigned',
    rewrite: tn,
    status: `Number currently assigned to you with refid '${did.refId}' rewritten as '${tn}' to endpoint '${did.endpointGroup}'`,
    statusCode: successCode,
    tier: did.traits.tier,
    refId: did.refId,
    failover: did.failover,
    forward: did.forward,
    didGroupId: did.didGroup,
    ...(withNetwork ? { network: did.traits.network } : {}),
    endpointId: did.endpointGroup,
    expireDate: dotNetDate(did.assignedAt),
    has911: did.has911,
    cnam: did.cnam,
    cnamStorageActive: did.cnamName !== '',
    cnamStorageAvailability: did.traits.outboundCnam,
    t38: did.traits.t38,
  }
}

export interface DidResponseParts {
  dids?: OutNode[]
  locators?: OutNode[]
  counts?: OutNode[]
  /**
   * `DIDGroups` and `ConferenceLine` appear in the captured queryDID and reserveDID answers only; the
   * other captures end at DIDCounts, so the sandbox writes them where the service was seen to: empty
   * with this flag, or with the groups and conference line given.
   */
  groupsAndConference?: boolean
  groups?: OutNode[]
  /** A ConferenceLine; the PIN only where the caller asked for it (GetConferenceLine). */
  conference?: { enabled: boolean; pin?: string }
}

const listOf = (itemName: string, items: OutNode[] | undefined): OutNode | string =>
  items && items.length > 0 ? { [itemName]: items } : ''

export function didResponse(code: number, message: string, parts: DidResponseParts = {}): OutNode {
  return {
    responseCode: code,
    responseMessage: message,
    DIDs: listOf('DID', parts.dids),
    DIDLocators: listOf('DIDLocator', parts.locators),
    DIDCounts: listOf('DIDCount', parts.counts),
    ...(parts.groupsAndConference || parts.groups ? { DIDGroups: listOf('DIDGroup', parts.groups) } : {}),
    ...(parts.groupsAndConference || parts.conference ? { ConferenceLine: conferenceLine(parts.conference) } : {}),
  }
}

function conferenceLine(conference: DidResponseParts['conference']): OutNode {
  if (!conference?.enabled) return { Enabled: false }
  return { Enabled: true, ...(conference.pin === undefined ? {} : { PIN: conference.pin }) }
}

/** A DIDGroup element (Name, ID). */
export function didGroupElement(group: { id: number; name: string }): OutNode {
  return { Name: group.name, ID: group.id }
}

export function response911(
  code: number,
  message: string,
  parts: { statuses?: OutNode[]; did911s?: OutNode[]; locations?: OutNode[]; alerts?: string[] } = {},
): OutNode {
  return {
    responseCode: code,
    responseMessage: message,
    Statuses: listOf('Status911', parts.statuses),
    DID911s: listOf('DID911', parts.did911s),
    VILocations: listOf('VILocation', parts.locations),
    Alerts: parts.alerts && parts.alerts.length > 0 ? { string: parts.alerts } : '',
  }
}

/** An IntlResponse: Countries for GetCountries, DIDs for AuditIntlDIDs, DID for AssignIntlDID. */
export function intlResponse(code: number, message: string, parts: { countries?: OutNode[]; dids?: OutNode[]; did?: OutNode } = {}): OutNode {
  return {
    responseCode: code,
    responseMessage: message,
    ...(parts.countries ? { Countries: listOf('Country', parts.countries) } : {}),
    ...(parts.dids ? { DIDs: listOf('IntlDID', parts.dids) } : {}),
    ...(parts.did ? { DID: parts.did } : {}),
  }
}

export function faxToEmailResponse(code: number, message: string, email?: string): OutNode {
  return { responseCode: code, responseMessage: message, ...(email ? { Email: email } : {}) }
}

/** A NumericResponse; Amount is required by the WSDL, so errors answer 0.00. */
export function numericResponse(code: number, message: string, amount = '0.00'): OutNode {
  return { responseCode: code, responseMessage: message, Amount: amount }
}

/** The answer to a request with wrong credentials, in the operation's own response type. */
export function invalidCredentials(resultType: ResultType): OutNode {
  switch (resultType) {
    case 'DIDResponse':
      return didResponse(invalidCredentialsCode, invalidCredentialsMessage)
    case 'PortResponse':
      return { responseCode: invalidCredentialsCode, responseMessage: invalidCredentialsMessage, IsPortable: false }
    case 'CNAMResponse':
      return { responseCode: invalidCredentialsCode, responseMessage: invalidCredentialsMessage }
    case 'Response911':
      return response911(invalidCredentialsCode, invalidCredentialsMessage)
    case 'IntlResponse':
      return intlResponse(invalidCredentialsCode, invalidCredentialsMessage)
    case 'FaxToEmailResponse':
      return faxToEmailResponse(invalidCredentialsCode, invalidCredentialsMessage)
    case 'NumericResponse':
      return numericResponse(invalidCredentialsCode, invalidCredentialsMessage)
  }
}
