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
import { AppError, toErrorShape } from './app-error'
import type { CarrierDesk } from './carrierdesk'

type Handlers = {
  [C in Channel]: (input: ChannelParsedInput<C>, signal: AbortSignal) => Promise<ChannelOutput<C>> | ChannelOutput<C>
}

function handlersFor(desk: CarrierDesk): Handlers {
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
      // The renderer follows progress through events; the outcome lands in each account's last sync.
      run.done.catch(() => undefined)
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
    'numbers.search': (input, signal) => desk.numbers.search(input, signal),
    'numbers.reserve': (input, signal) => desk.numbers.reserve(input, signal),
    'numbers.purchase': (input, signal) => desk.numbers.purchase(input, signal),
    'numbers.bulkOrder': ({ confirmed: _confirmed, ...input }, signal) => desk.numbers.bulkOrder(input, signal),
    'numbers.bulkOrderStatus': (input, signal) => desk.numbers.bulkOrderStatus(input, signal),
    'numbers.verifyAddress': (input, signal) => desk.numbers.verifyAddress(input, signal),
    'numbers.export': (input, signal) => desk.numbers.export(input, signal),
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

export function createDispatcher(desk: CarrierDesk, log: (error: unknown) => void = () => undefined): Dispatcher {
  const handlers = handlersFor(desk)
  return {
    async invoke(channel, rawInput, signal = new AbortController().signal) {
      if (!Object.hasOwn(ipcContract, channel)) {
        return { ok: false, error: { code: 'validation', message: `Unknown channel ${String(channel)}` } }
      }
      const parsed = ipcContract[channel].input.safeParse(rawInput ?? {})
      if (!parsed.success) return { ok: false, error: validationError(parsed.error).toShape() }
      try {
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
