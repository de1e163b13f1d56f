/**
 * How the adapter runs a change one number at a time (CNAM, 911, forwarding, failover, DID groups, fax to
 * e-mail): one call per number, stopping between numbers on a cancel; a refusal is that number's line, an
 * auth failure stops everything, and an answer that was lost is settled by reading the number back, never
 * by sending again. A number whose outcome could not be settled is reported unknown, never guessed.
 */
import { unknownOutcomeCode, type OrderLine } from '../../../shared/domain'
import type { Settled } from '../adapter'
import { isAuthFailure } from '../kit/auth'
import { settlingSignal, untilCancelled } from '../kit/outcome'
import { CarrierError } from '../../lib/carrier-error'
import { AppError } from '../../lib/app-error'
import { tenDigits } from './client'

/** The line for a number whose outcome stayed unknown: the core logs it as such. */
export function unknownOutcome(e164: string, failure: CarrierError): OrderLine {
  return {
    e164,
    ok: false,
    code: unknownOutcomeCode,
    message: `Outcome unknown (${failure.info.message}) and the number could not be re-read: check it before trying again`,
  }
}

/** A number's line for an error that is about this number only (a refusal, a bad value); others are thrown. */
function lineOfRefusal(e164: string, error: unknown): OrderLine {
  if (error instanceof AppError && error.code === 'validation') return { e164, ok: false, code: 'validation', message: error.message }
  if (isAuthFailure(error) || !(error instanceof CarrierError)) throw error
  if (error.info.ambiguous) return unknownOutcome(e164, error)
  return { e164, ok: false, code: error.info.carrierCode, message: error.info.message }
}

/**
 * For operations that raise an ambiguous error when their answer is lost (insert911, the CNAM display
 * name): `verify` reads the number back on a settling signal to say whether the change is there.
 */
export function eachNumber(
  e164s: string[],
  signal: AbortSignal,
  act: (tn: string) => Promise<unknown>,
  verify: (tn: string, settle: AbortSignal) => Promise<boolean>,
): Promise<OrderLine[]> {
  return untilCancelled(e164s, signal, (e164) => [e164], async (e164): Promise<OrderLine[]> => {
    const tn = tenDigits(e164)
    try {
      // Some of these settle themselves (update911 does): their word that they checked is kept.
      const result = await act(tn)
      const checked = typeof result === 'object' && result !== null && (result as Partial<Settled>).checkedAfterFailure === true
      return [checked ? { e164, ok: true, message: 'Confirmed after an unclear answer', checkedAfterFailure: true } : { e164, ok: true }]
    } catch (error) {
      if (!(error instanceof CarrierError) || !error.info.ambiguous || isAuthFailure(error)) return [lineOfRefusal(e164, error)]
      try {
        const done = await verify(tn, settlingSignal())
        return [{ e164, ok: done, message: done ? 'Confirmed after an unclear answer' : error.info.message, checkedAfterFailure: true }]
      } catch {
        return [unknownOutcome(e164, error)]
      }
    }
  })
}

/**
 * For the client's self-settling mutations (they read the number back after a lost answer and answer
 * `checkedAfterFailure`, or throw "Not done", or throw the ambiguous error when the read failed too).
 */
export function eachNumberSettled(e164s: string[], signal: AbortSignal, act: (tn: string, e164: string) => Promise<Settled>): Promise<OrderLine[]> {
  return untilCancelled(e164s, signal, (e164) => [e164], async (e164): Promise<OrderLine[]> => {
    try {
      const { checkedAfterFailure } = await act(tenDigits(e164), e164)
      return [checkedAfterFailure ? { e164, ok: true, message: 'Confirmed after an unclear answer', checkedAfterFailure } : { e164, ok: true }]
    } catch (error) {
      return [lineOfRefusal(e164, error)]
    }
  })
}
