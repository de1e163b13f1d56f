/**
 * The VoIP Innovations Back Office API simulator: one ASP.NET-style SOAP 1.1 endpoint at
 * /Services/APIService.asmx that serves its WSDL on `?wsdl` and dispatches POSTs by SOAPAction to every
 * operation of the WSDL: DIDs, ports, CNAM, 911 and its alerts, forwarding and failover, DID groups, fax
 * to e-mail, conference lines, international DIDs and the prepaid balance. Errors of a method come inside HTTP 200 answers (responseCode /
 * statusCode); requests that cannot be dispatched get a SOAP Fault with HTTP 500.
 */
import { faultOf, Router, type SimRequest, type SimResponse } from '../kit/http'
import type { SimulatorFactory } from '../kit/simulator'
import { wsdlFor } from './apiservice-wsdl'
import { getPrepaidBalance } from './balance-operations'
import { cnamOperations } from './cnam-operations'
import { conferenceOperations } from './conference-operations'
import { auditDIDs, assignDID, configDID, getDIDCount, getDIDs, queryDID, releaseDID, reserveDID } from './did-operations'
import { e911Operations } from './e911-operations'
import { operationFromSoapAction, parseSoapRequest, soapAnswer, SoapFault, soapFault, textField } from './envelope'
import { faxOperations } from './fax-operations'
import { forwardingOperations } from './forwarding-operations'
import { groupOperations } from './group-operations'
import { intlOperations } from './intl-operations'
import { getPortDetails, isPortable } from './port-operations'
import { invalidCredentials, type OperationContext, type OperationHandler, type ResultType } from './responses'
import { carrierName, VoipInnovationsState } from './state'

export const voipInnovationsBasePath = '/Services/APIService.asmx'

interface Operation {
  resultType: ResultType
  handle: OperationHandler
}

function ofType(resultType: ResultType, handlers: Record<string, OperationHandler>): Record<string, Operation> {
  return Object.fromEntries(Object.entries(handlers).map(([name, handle]) => [name, { resultType, handle }]))
}

const operations: Record<string, Operation> = {
  auditDIDs: { resultType: 'DIDResponse', handle: auditDIDs },
  queryDID: { resultType: 'DIDResponse', handle: queryDID },
  assignDID: { resultType: 'DIDResponse', handle: assignDID },
  getDIDs: { resultType: 'DIDResponse', handle: getDIDs },
  configDID: { resultType: 'DIDResponse', handle: configDID },
  releaseDID: { resultType: 'DIDResponse', handle: releaseDID },
  reserveDID: { resultType: 'DIDResponse', handle: reserveDID },
  isPortable: { resultType: 'PortResponse', handle: isPortable },
  getDIDCount: { resultType: 'DIDResponse', handle: getDIDCount },
  getPortDetails: { resultType: 'PortResponse', handle: getPortDetails },
  ...ofType('CNAMResponse', cnamOperations),
  ...ofType('Response911', e911Operations),
  ...ofType('DIDResponse', forwardingOperations),
  ...ofType('DIDResponse', groupOperations),
  ...ofType('DIDResponse', conferenceOperations),
  ...ofType('FaxToEmailResponse', faxOperations),
  ...ofType('IntlResponse', intlOperations),
  GetPrepaidBalance: { resultType: 'NumericResponse', handle: getPrepaidBalance },
}

/** Names of the SOAP operations the simulator answers. */
export const voipInnovationsOperations: ReadonlySet<string> = new Set(Object.keys(operations))

function serviceHelpPage(): SimResponse {
  const items = [...voipInnovationsOperations].map((name) => `<li>${name}</li>`).join('')
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!DOCTYPE html><html><head><title>APIService Web Service</title></head><body><h1>APIService</h1><p>The following operations are supported. For a formal definition, please review the <a href="?WSDL">Service Description</a>.</p><ul>${items}</ul></body></html>`,
  }
}

export const createVoipInnovationsSimulator: SimulatorFactory = (context) => {
  const state = new VoipInnovationsState(context.seed, context.ownedNumbers, context.clock)
  const operationContext: OperationContext = { state, ledger: context.ledger }
  const router = new Router()

  router.add('GET', voipInnovationsBasePath, (request) => {
    const asksForWsdl = [...request.query.keys()].some((key) => key.toLowerCase() === 'wsdl')
    if (!asksForWsdl) return serviceHelpPage()
    // ASP.NET writes the address the request came in on, which is what makes the WSDL usable as-is.
    const host = request.headers.host ?? '127.0.0.1'
    return {
      status: 200,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: wsdlFor(`http://${host}${voipInnovationsBasePath}`),
    }
  })

  router.add('POST', voipInnovationsBasePath, (request) => {
    const contentType = request.headers['content-type'] ?? ''
    if (!/\bxml\b/i.test(contentType)) {
      return soapFault('soap:Client', `Unsupported media type ${contentType || '(none)'}; expected text/xml; charset=utf-8.`, 415)
    }
    try {
      const call = parseSoapRequest(request.text(), request.headers.soapaction, voipInnovationsOperations)
      const operation = operations[call.operation] as Operation
      const authorised =
        textField(call.params, 'login') === state.login &&
        textField(call.params, 'secret') === state.secret &&
        faultOf(request) !== 'token-expired'
      if (!authorised) return soapAnswer(call.operation, invalidCredentials(operation.resultType))
      return operation.handle(operationContext, call.params)
    } catch (error) {
      if (error instanceof SoapFault) return soapFault(error.faultCode, error.message)
      throw error
    }
  })

  return {
    basePath: voipInnovationsBasePath,
    definition: {
      name: carrierName,
      router,
      renderError: (status, message) => soapFault(status >= 500 ? 'soap:Server' : 'soap:Client', message, status),
      operationOf: (request: SimRequest) =>
        operationFromSoapAction(request.headers.soapaction) ?? (request.method === 'GET' ? 'wsdl' : request.path),
    },
    account: (baseUrl) => ({
      carrier: carrierName,
      name: 'Sandbox VoIP Innovations',
      baseUrl,
      environment: 'sandbox',
      username: state.login,
      secrets: { secret: state.secret },
    }),
  }
}
