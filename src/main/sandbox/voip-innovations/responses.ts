/**
 * The answer types of the VoIP Innovations WSDL (DIDResponse, PortResponse, CNAMResponse, Response911)
 * as element trees in the WSDL's sequence order, shaped like the captured responses in
 * carrier-docs/voip-innovations/sample-responses/.
 */
import type { Ledger } from '../kit/ledger'
import type { SimResponse } from '../kit/http'
import type { OutNode, XmlNode } from './envelope'
import { unsetDate, type VoipInnovationsState } from './state'

export interface OperationContext {
  state: VoipInnovationsState
  ledger: Ledger
}

export type OperationHandler = (context: OperationContext, params: XmlNode) => SimResponse

export type ResultType = 'DIDResponse' | 'PortResponse' | 'CNAMResponse' | 'Response911'

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

export interface DidResponseParts {
  dids?: OutNode[]
  locators?: OutNode[]
  counts?: OutNode[]
  /**
   * `DIDGroups` and `ConferenceLine` appear in the captured queryDID and reserveDID answers only; the
   * other captures end at DIDCounts, so the sandbox writes them where the service was seen to.
   */
  groupsAndConference?: boolean
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
    ...(parts.groupsAndConference ? { DIDGroups: '', ConferenceLine: { Enabled: false } } : {}),
  }
}

export function response911(code: number, message: string, parts: { statuses?: OutNode[]; did911s?: OutNode[]; locations?: OutNode[] } = {}): OutNode {
  return {
    responseCode: code,
    responseMessage: message,
    Statuses: listOf('Status911', parts.statuses),
    DID911s: listOf('DID911', parts.did911s),
    VILocations: listOf('VILocation', parts.locations),
    Alerts: '',
  }
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
  }
}
