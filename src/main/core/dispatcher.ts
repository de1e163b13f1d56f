/**
 * The dispatcher: the IPC contract's channels bound to the core, each area's handlers in handlers/<area>.ts.
 * Every input is validated against the contract's schema before a handler runs, and every outcome becomes
 * a Result, so the Electron shell, the CLI and the E2E harness expose exactly the same behaviour.
 */
import { z } from 'zod'
import type { Result } from '../../shared/errors'
import {
  ipcContract,
  isRequestId,
  type Channel,
  type ChannelOutput,
  type EventName,
  type IpcEvents,
} from '../../shared/ipc-shared'
import { AppError, toErrorShape } from '../lib/app-error'
import { plainInputProblem } from './plain-input'
import type { CarrierDesk } from './carrierdesk'
import { accountsChecks, accountsHandlers } from './handlers/accounts'
import { activityHandlers } from './handlers/activity'
import { appHandlers } from './handlers/app'
import { balanceHandlers } from './handlers/balance'
import { billingHandlers } from './handlers/billing'
import { buyingHandlers } from './handlers/buying'
import { cdrsHandlers } from './handlers/cdrs'
import { clientsHandlers } from './handlers/clients'
import { customersHandlers } from './handlers/customers'
import { changesHandlers } from './handlers/changes'
import { e911Handlers } from './handlers/e911'
import { featuresHandlers } from './handlers/features'
import type { Handler, HandlerDeps, InputCheck } from './handlers/handler'
import { findingsHandlers } from './handlers/findings'
import { jobsHandlers } from './handlers/jobs'
import { numbersChecks, numbersHandlers } from './handlers/numbers'
import { portsHandlers } from './handlers/ports'
import { sandboxHandlers } from './handlers/sandbox'
import { settingsHandlers } from './handlers/settings'
import { syncHandlers } from './handlers/sync'
import { trunksHandlers } from './handlers/trunks'
import { viewsHandlers } from './handlers/views'

/** Every channel's handler: an area missing here, or a channel missing from its area, is a compile error. */
type Handlers = { [C in Channel]: Handler<C> }

function handlersFor(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...accountsHandlers(deps),
    ...sandboxHandlers(deps),
    ...syncHandlers(deps),
    ...numbersHandlers(deps),
    ...buyingHandlers(deps),
    ...viewsHandlers(deps),
    ...jobsHandlers(deps),
    ...trunksHandlers(deps),
    ...portsHandlers(deps),
    ...cdrsHandlers(deps),
    ...billingHandlers(deps),
    ...activityHandlers(deps),
    ...settingsHandlers(deps),
    ...clientsHandlers(deps),
    ...customersHandlers(deps),
    ...changesHandlers(deps),
    ...featuresHandlers(deps),
    ...e911Handlers(deps),
    ...balanceHandlers(deps),
    ...findingsHandlers(deps),
  }
}

/** The checks beyond the contract, by channel (see InputCheck). */
function checksFor(deps: HandlerDeps): Partial<Record<Channel, InputCheck>> {
  return { ...accountsChecks(deps), ...numbersChecks(deps) }
}

export interface InvokeOptions {
  /** Names the invoke so that `cancel(requestId)` aborts its signal (from a front door's cancel message). */
  requestId?: unknown
  /** Aborts the invoke too (a front door's own signal: the CLI's Ctrl+C). */
  signal?: AbortSignal
}

export interface Dispatcher {
  invoke<C extends Channel>(channel: C, rawInput: unknown, options?: InvokeOptions): Promise<Result<ChannelOutput<C>>>
  /** Aborts the signal of the invoke running under `requestId`; false when none is (already answered). */
  cancel(requestId: unknown): boolean
  subscribe<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void
}

/** A schema's issues (and any further problems found beside it) as one validation error, by field. */
export function validationError(error: z.ZodError | undefined, problems: Record<string, string> = {}): AppError {
  const fields: Record<string, string> = {}
  for (const issue of error?.issues ?? []) {
    const path = issue.path.join('.') || '(input)'
    fields[path] ??= issue.message
  }
  for (const [path, message] of Object.entries(problems)) fields[path] ??= message
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
function parseInput(channel: Channel, rawInput: unknown, check: InputCheck | undefined): { ok: true; data: unknown } | { ok: false; error: AppError } {
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
  const problems = check?.(rawInput) ?? {}
  if (parsed.success && Object.keys(problems).length === 0) return { ok: true, data: parsed.data }
  return { ok: false, error: validationError(parsed.success ? undefined : parsed.error, problems) }
}

export function createDispatcher(desk: CarrierDesk, log: (error: unknown) => void = () => undefined): Dispatcher {
  const handlers = handlersFor({ desk, log })
  const checks = checksFor({ desk, log })
  /** The invokes running under a request id, each with the controller of the signal its handler got. */
  const running = new Map<string, AbortController>()
  return {
    async invoke(channel, rawInput, options = {}) {
      const controller = new AbortController()
      const requestId = isRequestId(options.requestId) ? options.requestId : undefined
      const onAbort = (): void => controller.abort()
      options.signal?.addEventListener('abort', onAbort, { once: true })
      if (options.signal?.aborted) controller.abort()
      // Everything, validation included, inside the try: no input may make invoke throw or reject.
      try {
        if (requestId !== undefined) {
          if (running.has(requestId)) return { ok: false, error: { code: 'validation', message: 'This request id is already in use' } }
          running.set(requestId, controller)
        }
        const signal = controller.signal
        if (typeof channel !== 'string' || !Object.hasOwn(ipcContract, channel)) {
          return { ok: false, error: { code: 'validation', message: `Unknown channel ${typeof channel === 'string' ? channel.slice(0, 100) : typeof channel}` } }
        }
        const parsed = parseInput(channel, rawInput, checks[channel])
        if (!parsed.ok) return { ok: false, error: parsed.error.toShape() }
        const handler = handlers[channel] as (input: unknown, signal: AbortSignal) => unknown
        return { ok: true, value: (await handler(parsed.data, signal)) as ChannelOutput<typeof channel> }
      } catch (error) {
        // Only the name, message and stack: a raw error object (an axios error's config) can hold credentials.
        if (!(error instanceof AppError)) log(error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : typeof error)
        return { ok: false, error: toErrorShape(error) }
      } finally {
        options.signal?.removeEventListener('abort', onAbort)
        if (requestId !== undefined && running.get(requestId) === controller) running.delete(requestId)
      }
    },
    cancel(requestId) {
      const controller = isRequestId(requestId) ? running.get(requestId) : undefined
      controller?.abort()
      return controller !== undefined
    },
    subscribe: (event, listener) => desk.events.on(event, listener),
  }
}
