/**
 * The error a carrier client throws: an AppError that keeps the carrier's own words and says whether a
 * mutation may have taken effect. Carriers throw it; the core reads it (an ambiguous purchase is settled,
 * never repeated), so it lives below both.
 */
import type { CarrierId } from '../../shared/domain'
import type { ErrorCode } from '../../shared/errors'
import { AppError } from './app-error'

export interface CarrierErrorInfo {
  carrier: CarrierId
  operation: string
  httpStatus?: number | undefined
  carrierCode?: string | undefined
  /** The carrier's own words, kept for the technician. */
  message: string
  retryable: boolean
  /**
   * A mutation whose outcome is unknown (the connection dropped, a timeout, a 5xx after sending): the
   * client must re-read the carrier's state before saying whether it happened, never retry it blindly.
   */
  ambiguous?: boolean | undefined
}

export class CarrierError extends AppError {
  readonly info: CarrierErrorInfo

  constructor(code: Extract<ErrorCode, 'carrier' | 'auth' | 'network' | 'cancelled'>, info: CarrierErrorInfo) {
    super(code, `${info.operation}: ${info.message}`, {
      carrier: info.carrier,
      operation: info.operation,
      httpStatus: info.httpStatus,
      carrierCode: info.carrierCode,
      retryable: info.retryable,
      ambiguous: info.ambiguous,
    })
    this.name = 'CarrierError'
    this.info = info
  }
}

/** The request may have taken effect (a mutation's connection lost, a 5xx or an unreadable answer to it). */
export function isAmbiguous(error: unknown): error is CarrierError {
  return error instanceof CarrierError && error.info.ambiguous === true
}
