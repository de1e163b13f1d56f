/**
 * The dispatcher: the IPC contract's channels bound to the core. Every input is validated against the
 * contract's schema before a handler runs, and every outcome becomes a Result, so the Electron shell and
 * the E2E harness expose exactly the same behaviour.
 */
import { z } from 'zod'
import type { Result } from '../../shared/errors'
import {
  ipcContract,
  type Channel,
  type ChannelOutput,
  type ChannelParsedInput,
  type EventName,
  type IpcEvents,
} from '../../shared/ipc-shared'
import { AppError, toErrorShape } from '../lib/app-error'
import { plainInputProblem } from './plain-input'
import type { CarrierDesk } from './carrierdesk'

type Handlers = {
  [C in Channel]: (input: ChannelParsedInput<C>, signal: AbortSignal) => Promise<ChannelOutput<C>> | ChannelOutput<C>
}

function handlersFor(desk: CarrierDesk, log: (error: unknown) => void): Handlers {
  return {
    'app.status': () => desk.status(),
    'carriers.list': () => desk.registry.list(),
    'accounts.list': () => desk.accounts.list(),
    'accounts.add': (input) => desk.accounts.add(input),
    'accounts.update': (input) => desk.accounts.update(input),
    'accounts.remove': (input) => desk.accounts.remove(input),
    'accounts.test': (input, signal) => desk.accounts.test({ ...input, signal }),
    'sandbox.open': (input) => desk.sandbox.open(input),
    'sandbox.status': () => desk.sandbox.status(),
    'sync.start': (input) => {
      const run = desk.sync.start(input)
      // The renderer follows progress through events; the outcome lands in each account's last sync and in
      // `sync.finished`. `done` does not reject; this only keeps a broken promise from going unseen.
      run.done.catch((error: unknown) => log(error instanceof Error ? `${error.name}: ${error.message}` : typeof error))
      return { runId: run.runId }
    },
    'sync.cancel': (input) => ({ cancelled: desk.sync.cancel(input.runId) }),
    'numbers.list': (input) => desk.store.numbers.list(input),
    'numbers.get': (input) => desk.numbers.detail(input),
    'numbers.facets': () => desk.store.numbers.facets(),
    'numbers.setNotes': (input) => desk.numbers.setNotes(input),
    'numbers.tag': (input) => desk.numbers.tag(input),
    'numbers.change': (input, signal) => desk.numbers.change(input, signal),
    'numbers.release': (input, signal) => desk.numbers.release(input, signal),
    'numbers.search': (input, signal) => desk.buying.search(input, signal),
    'numbers.reserve': (input, signal) => desk.buying.reserve(input, signal),
    'numbers.purchase': (input, signal) => desk.buying.purchase(input, signal),
    'numbers.bulkOrder': ({ confirmed: _confirmed, ...input }, signal) => desk.buying.bulkOrder(input, signal),
    'numbers.bulkOrderStatus': (input, signal) => desk.buying.bulkOrderStatus(input, signal),
    'numbers.verifyAddress': (input, signal) => desk.numbers.verifyAddress(input, signal),
    'numbers.export': (input, signal) => desk.numbersExport.export(input, signal),
    'views.list': (input) => desk.store.views.list(input.screen),
    'views.save': (input) => desk.store.views.save({ ...input, now: desk.now() }),
    'views.remove': (input) => ({ removed: desk.store.views.remove(input.id) }),
    'jobs.cancel': (input) => ({ cancelled: desk.jobs.cancel(input.jobId) }),
    'trunks.list': (input) => desk.store.trunks.list(input.accountId),
    'ports.list': (input) => desk.store.ports.list(input.accountId),
    'cdrs.files': (input) => desk.store.cdrs.files(input.accountId),
    'cdrs.records': (input) => ({
      rows: desk.store.cdrs.records(input),
      total: desk.store.cdrs.countRecords(input.accountId),
    }),
    'cdrs.download': (input, signal) => desk.cdrs.download(input, signal),
    'cdrs.export': (input, signal) => desk.cdrs.exportRecords(input, signal),
    'billing.pay': ({ confirmed: _confirmed, ...input }, signal) => desk.billing.pay(input, signal),
    'activity.list': (input) => desk.activity.list(input),
  }
}

export interface Dispatcher {
  invoke<C extends Channel>(channel: C, rawInput: unknown, signal?: AbortSignal): Promise<Result<ChannelOutput<C>>>
  subscribe<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void
}

export function validationError(error: z.ZodError): AppError {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '(input)'
    fields[path] ??= issue.message
  }
  return new AppError(
    'validation',
    Object.entries(fields)
      .map(([path, message]) => `${path}: ${message}`)
      .join('; '),
    { fields },
  )
}

/** Whether a channel's input has no fields at all (`{}`), so that sending nothing means the same. */
function takesNoInput(schema: z.ZodType): boolean {
  return schema instanceof z.ZodObject && Object.keys(schema.shape).length === 0
}

/**
 * The input as the channel's schema parsed it, or the validation error to answer. Only plain data reaches
 * the schema (see `plainInputProblem`); `undefined` stands for `{}` only where the channel takes no input,
 * and `null` is never an input.
 */
function parseInput(channel: Channel, rawInput: unknown): { ok: true; data: unknown } | { ok: false; error: AppError } {
  const schema: z.ZodType = ipcContract[channel].input
  const refuse = (path: string, message: string): { ok: false; error: AppError } => ({
    ok: false,
    error: new AppError('validation', `${path || '(input)'}: ${message}`, { fields: { [path || '(input)']: message } }),
  })
  if (rawInput === undefined) {
    if (takesNoInput(schema)) return { ok: true, data: {} }
    return refuse('', 'Input is required (an object)')
  }
  if (rawInput === null) return refuse('', 'Expected an object, received null')
  let problem: ReturnType<typeof plainInputProblem>
  try {
    problem = plainInputProblem(rawInput)
  } catch {
    // Only a Proxy or a similar exotic object can throw while being inspected.
    return refuse('', 'Input could not be read as plain data')
  }
  if (problem) return refuse(problem.path, problem.message)
  const parsed = schema.safeParse(rawInput)
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: validationError(parsed.error) }
}

export function createDispatcher(desk: CarrierDesk, log: (error: unknown) => void = () => undefined): Dispatcher {
  const handlers = handlersFor(desk, log)
  return {
    async invoke(channel, rawInput, signal = new AbortController().signal) {
      // Everything, validation included, inside the try: no input may make invoke throw or reject.
      try {
        if (typeof channel !== 'string' || !Object.hasOwn(ipcContract, channel)) {
          return { ok: false, error: { code: 'validation', message: `Unknown channel ${typeof channel === 'string' ? channel.slice(0, 100) : typeof channel}` } }
        }
        const parsed = parseInput(channel, rawInput)
        if (!parsed.ok) return { ok: false, error: parsed.error.toShape() }
        const handler = handlers[channel] as (input: unknown, signal: AbortSignal) => unknown
        return { ok: true, value: (await handler(parsed.data, signal)) as ChannelOutput<typeof channel> }
      } catch (error) {
        // Only the name, message and stack: a raw error object (an axios error's config) can hold credentials.
        if (!(error instanceof AppError)) log(error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : typeof error)
        return { ok: false, error: toErrorShape(error) }
      }
    },
    subscribe: (event, listener) => desk.events.on(event, listener),
  }
}
