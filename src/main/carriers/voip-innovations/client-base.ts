/**
 * What every part of VoipInnovationsClient shares: the SOAP transport, per-operation timeouts, answer
 * validation, the single-number DIDResponse reading and the settling of a mutation whose answer was lost.
 *
 * The client is one class composed of area mixins (client-cnam.ts, client-911.ts, client-forwarding.ts...)
 * over this base, so each area lives in a file of its own while callers see one flat, typed API.
 */
import type { z } from 'zod'
import { expectAnswer } from '../kit/answer'
import { createCarrierHttp } from '../kit/http'
import { CarrierError, isAmbiguous } from '../../lib/carrier-error'
import { DidResponseSchema, DidSchema, ResponseHeadSchema, type ViDid, type ViDidResponse } from './schemas'
import { carrier, SoapTransport, type SoapFields } from './soap'

export const successCode = 100

export interface VoipInnovationsClientOptions {
  baseUrl: string
  login: string
  secret: string
  now?: () => number
  /** Per-operation timeouts; searches and audits are slow on the real service (180 s in other clients). */
  timeouts?: { slowMs?: number; defaultMs?: number }
}

export interface Signal {
  signal: AbortSignal
}

/**
 * How a single-number mutation ended: `checkedAfterFailure` is true when its answer was lost (connection
 * dropped, 5xx, unreadable answer) and the outcome shown was read back from VI instead.
 */
export interface Settled {
  checkedAfterFailure: boolean
}

/** Ten digits from what a caller may hold (E.164, 11 digits, punctuation). */
export function tenDigits(number: string): string {
  const digits = number.replace(/\D/g, '')
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits
}

export type InvokeOptions = Signal & { kind: 'read' | 'mutation'; slow?: boolean }

export class ViClientBase {
  protected readonly transport: SoapTransport
  protected readonly slowMs: number
  protected readonly defaultMs: number
  readonly now: () => number

  constructor(options: VoipInnovationsClientOptions) {
    const http = createCarrierHttp({ baseUrl: options.baseUrl, timeoutMs: options.timeouts?.defaultMs ?? 30_000 })
    this.transport = new SoapTransport({ http, endpoint: options.baseUrl, login: options.login, secret: options.secret })
    this.slowMs = options.timeouts?.slowMs ?? 180_000
    this.defaultMs = options.timeouts?.defaultMs ?? 30_000
    this.now = options.now ?? Date.now
  }

  protected async invoke<S extends z.ZodType>(operation: string, fields: SoapFields, schema: S, options: InvokeOptions): Promise<z.output<S>> {
    const result = await this.transport.call(operation, fields, {
      signal: options.signal,
      kind: options.kind,
      timeoutMs: options.slow ? this.slowMs : this.defaultMs,
    })
    try {
      return expectAnswer(schema, result, { carrier, operation, httpStatus: 200 })
    } catch (error) {
      // A mutation answered with something we cannot read may still have been carried out.
      if (options.kind === 'mutation' && error instanceof CarrierError) {
        throw new CarrierError('carrier', { ...error.info, ambiguous: true })
      }
      throw error
    }
  }

  /** Answers the response when its responseCode is 100 (or one of `accepted`), else raises VI's refusal. */
  protected expectSuccess<T extends { responseCode: number; responseMessage?: string | undefined }>(
    operation: string,
    answer: T,
    accepted: number[] = [],
  ): T {
    if (answer.responseCode === successCode || accepted.includes(answer.responseCode)) return answer
    throw this.transport.refusal(operation, answer.responseCode, answer.responseMessage)
  }

  /** A CarrierError for an answer that passed the schema but lacks what the operation must answer. */
  protected missing(operation: string, what: string): CarrierError {
    return new CarrierError('carrier', { carrier, operation, httpStatus: 200, message: `The answer held no ${what}`, retryable: false })
  }

  /**
   * A single-number operation answering a DIDResponse (forwarding, failover, DID groups, conference
   * line): responseCode 100, then the number's own DID line, whose statusCode (100 = success) is the
   * outcome, as in a batch of one. A refusal keeps VI's code and words.
   */
  protected async oneDid(operation: string, tn: string, fields: SoapFields, options: InvokeOptions): Promise<{ did: ViDid; answer: ViDidResponse }> {
    const answer = this.expectSuccess(operation, await this.invoke(operation, fields, DidResponseSchema, options))
    const did = answer.DIDs.find((line) => tenDigits(line.tn) === tn) ?? answer.DIDs[0]
    if (!did) throw this.missing(operation, 'DID record')
    if (did.statusCode !== successCode) {
      throw new CarrierError('carrier', {
        carrier,
        operation,
        httpStatus: 200,
        carrierCode: String(did.statusCode),
        message: this.transport.redact(did.status || `statusCode ${did.statusCode}`),
        retryable: false,
      })
    }
    return { did, answer }
  }

  /**
   * Streams an answer whose body is a long DID list (auditDIDs, AuditDIDGroup), each DID validated and
   * handed to `onDid` as it arrives, so a 300,000-number list never sits in memory. The dummy "no
   * records" DID (statusCode 101200, audit_dids.xml) is not a number and is dropped.
   */
  protected async streamDids(operation: string, fields: SoapFields, signal: AbortSignal, onDid: (did: ViDid) => void): Promise<void> {
    const head = await this.transport.stream(operation, fields, 'DID', { signal, kind: 'read', timeoutMs: this.slowMs }, (item) => {
      const did = expectAnswer(DidSchema, item, { carrier, operation, httpStatus: 200 })
      if (did.tn !== '') onDid(did)
    })
    this.expectSuccess(operation, expectAnswer(ResponseHeadSchema, head, { carrier, operation, httpStatus: 200 }))
  }

  /**
   * Sends a mutation once. When its outcome is unclear, `readBack` asks VI how things stand: it answers
   * the result when the change is there and undefined when it is not (then the error says it was not
   * done, no longer ambiguous, so trying again is safe). When the read fails too, the original ambiguous
   * error stands: the outcome is unknown and nothing is sent again.
   */
  protected async settle<T extends object>(send: () => Promise<T>, readBack: () => Promise<T | undefined>): Promise<T & Settled> {
    try {
      return { ...(await send()), checkedAfterFailure: false }
    } catch (error) {
      if (!isAmbiguous(error)) throw error
      let found: T | undefined
      try {
        found = await readBack()
      } catch {
        throw error
      }
      if (found === undefined) {
        throw new CarrierError('carrier', {
          ...error.info,
          message: `Not done: the answer was lost (${error.info.message}) and reading it back shows no change`,
          retryable: true,
          ambiguous: false,
        })
      }
      return { ...found, checkedAfterFailure: true }
    }
  }
}

/** What an area mixin extends: the base, or the base with other areas already mixed in. */
export type ClientConstructor = new (...args: any[]) => ViClientBase
