/** The CarrierError a call fails with, for tests of carrier clients. */
import { CarrierError } from '../../src/main/lib/carrier-error'

/** Resolves to the CarrierError `promise` rejects with; fails the test when it resolves or rejects otherwise. */
export async function carrierError(promise: Promise<unknown>): Promise<CarrierError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof CarrierError) return error
    throw error
  }
  throw new Error('Expected a CarrierError, but the call succeeded')
}
