/**
 * Streamed reading of "get my numbers". The answer is unpaged (`{"status":"200","data":[...]}` with every
 * number of the account, ~77 MB at 300,000 numbers), so it is parsed token by token with stream-json and
 * handed on in batches: memory stays flat whatever the account's size.
 *
 * The envelope is checked as it streams: a `status` other than "200"/"201" or an `error` key fails the
 * read (at once when it comes before the rows, as the service writes it; at the end otherwise). Each row
 * passes the schema; one row that does not fit fails the whole read, so nothing half-parsed is kept.
 */
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import StreamAssembler from 'stream-json/Assembler'
import StreamParser from 'stream-json/Parser'
import type { z } from 'zod'
import { AppError } from '../../lib/app-error'
import { CarrierError } from '../../lib/carrier-error'
import { vitcomCarrier } from './transport'

interface Token {
  name: string
  value?: string | undefined
}

export interface StreamRowsOptions<S extends z.ZodType> {
  operation: string
  /** The key of the top-level array that holds the rows. */
  arrayKey: string
  schema: S
  batchSize: number
  signal: AbortSignal
  onBatch(rows: z.output<S>[]): void
}

const okStatuses = new Set(['200', '201'])

/** Parses `body`, calling `onBatch` with validated rows in order; returns how many rows were read. */
export async function streamRows<S extends z.ZodType>(body: Readable, options: StreamRowsOptions<S>): Promise<number> {
  const { operation } = options
  const fail = (message: string, extra: { carrierCode?: string; code?: 'carrier' | 'auth' } = {}): CarrierError =>
    new CarrierError(extra.code ?? 'carrier', { carrier: vitcomCarrier, operation, carrierCode: extra.carrierCode, message, retryable: false })

  let depth = 0
  let topKey: string | undefined
  let inRows = false
  let sawRows = false
  let item: StreamAssembler | undefined
  let status: string | undefined
  let error: string | undefined
  let rows = 0
  let batch: z.output<S>[] = []

  const flush = (): void => {
    if (batch.length === 0) return
    const full = batch
    batch = []
    options.onBatch(full)
  }
  const envelopeFailure = (): CarrierError | undefined => {
    if (error !== undefined) {
      // Credentials are only an auth failure while nothing was handed on (a retry would repeat rows).
      const auth = rows === 0 && /^invalid (token|accountno)\b/i.test(error)
      return fail(error, { carrierCode: status, code: auth ? 'auth' : 'carrier' })
    }
    if (status !== undefined && !okStatuses.has(status)) return fail(`The carrier answered status ${status}`, { carrierCode: status })
    return undefined
  }
  const accept = (value: unknown): void => {
    const parsed = options.schema.safeParse(value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'row'
      throw fail(`The carrier's answer was not understood (row ${rows + 1}, ${where}: ${issue?.message ?? 'invalid'})`)
    }
    batch.push(parsed.data)
    rows += 1
    if (batch.length >= options.batchSize) flush()
  }
  const scalar = (token: Token): string | undefined => {
    switch (token.name) {
      case 'stringValue':
      case 'numberValue':
        return token.value
      case 'trueValue':
        return 'true'
      case 'falseValue':
        return 'false'
      case 'nullValue':
        return ''
      default:
        return undefined
    }
  }

  const handle = (token: Token): void => {
    if (item) {
      // Inside one row: assemble it, then validate it when it closes.
      item.consume(token)
      if (token.name === 'startObject' || token.name === 'startArray') depth += 1
      if (token.name === 'endObject' || token.name === 'endArray') depth -= 1
      if (depth === 2) {
        accept(item.current)
        item = undefined
      }
      return
    }
    switch (token.name) {
      case 'startObject':
      case 'startArray':
        depth += 1
        if (depth === 1 && token.name !== 'startObject') throw fail('The answer is not a JSON object')
        if (depth === 2 && topKey === options.arrayKey) {
          if (token.name !== 'startArray') throw fail(`"${options.arrayKey}" is not a list`)
          const failure = envelopeFailure()
          if (failure) throw failure
          inRows = true
          sawRows = true
        } else if (depth === 3 && inRows) {
          item = new StreamAssembler()
          item.consume(token)
        }
        return
      case 'endObject':
      case 'endArray':
        if (depth === 2 && inRows) inRows = false
        depth -= 1
        return
      case 'keyValue':
        if (depth === 1) topKey = token.value
        return
      default: {
        const value = scalar(token)
        if (value === undefined) return
        if (depth === 1 && topKey === 'status') status = value
        else if (depth === 1 && topKey === 'error') error = value
        else if (depth === 2 && inRows) accept(value)
        else if (depth === 1 && topKey === options.arrayKey) throw fail(`"${options.arrayKey}" is not a list`)
      }
    }
  }

  // `error` given as an object or array: note its presence from the first token under it.
  const handleWithErrorObjects = (token: Token): void => {
    if (depth === 1 && topKey === 'error' && (token.name === 'startObject' || token.name === 'startArray')) error ??= 'error'
    handle(token)
  }

  // Tokens are handled in a plain 'data' listener (no per-token Writable bookkeeping): millions of tokens.
  const parser = new StreamParser({ packValues: true, streamValues: false })
  parser.on('data', (token: Token) => {
    try {
      handleWithErrorObjects(token)
    } catch (failure) {
      parser.destroy(failure instanceof Error ? failure : new Error(String(failure)))
    }
  })

  try {
    await pipeline(body, parser, { signal: options.signal })
  } catch (failure) {
    if (options.signal.aborted) throw new AppError('cancelled', 'Cancelled')
    if (failure instanceof CarrierError) throw failure
    const reason = failure instanceof Error ? failure.message : String(failure)
    // stream-json's own errors say the JSON was bad; anything else is the connection failing mid-answer.
    const badJson = /parser cannot parse|unexpected|json/i.test(reason)
    throw new CarrierError('carrier', {
      carrier: vitcomCarrier,
      operation,
      message: badJson
        ? `The carrier's answer is not valid JSON (after ${rows} rows)`
        : `The answer was cut short after ${rows} rows (${reason})`,
      retryable: !badJson,
    })
  }
  const failure = envelopeFailure()
  if (failure) throw failure
  if (status === undefined) throw fail('The answer has no status')
  if (depth !== 0) throw fail(`The answer ended early (after ${rows} rows)`)
  if (!sawRows) throw fail(`The answer has no "${options.arrayKey}" list`)
  flush()
  return rows
}
