/** GetPrepaidBalance (WSDL), answering a NumericResponse with the balance prepaid.ts keeps. */
import { soapAnswer } from './envelope'
import { centsAsDecimal } from './prepaid'
import { numericResponse, successCode, successMessage, type OperationHandler } from './responses'

export const getPrepaidBalance: OperationHandler = ({ state }) =>
  soapAnswer('GetPrepaidBalance', numericResponse(successCode, successMessage, centsAsDecimal(state.prepaid.balanceCents())))
