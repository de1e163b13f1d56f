/**
 * A number's outcome when a run of mutations stops halfway: "not sent" (nothing reached the carrier for
 * it, so nothing happened and nothing is logged) and the cancellation that causes it. Carriers produce these
 * lines and the core counts them, so they live below both.
 */
import { notSentCode, type OrderLine } from '../../shared/domain'
import { AppError } from './app-error'

export const notSentMessage = 'Not sent: cancelled'

/** The line of a number the run stopped before: nothing was sent for it. */
export const notSent = (e164: string): OrderLine => ({ e164, ok: false, code: notSentCode, message: notSentMessage })

export const isNotSent = (line: OrderLine): boolean => line.code === notSentCode

export const isCancelled = (error: unknown): boolean => error instanceof AppError && error.code === 'cancelled'
