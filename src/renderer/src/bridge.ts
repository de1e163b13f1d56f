/**
 * The renderer's only door to the main process: `window.carrierdesk`, exposed by the preload.
 *
 * `call` unwraps the `Result` envelope so screens can use plain async/await, and throws a
 * `BridgeError` carrying the contract's error code. Every other renderer module goes through here,
 * so swapping or faking the bridge (E2E harness) touches one place.
 *
 * A call given an AbortSignal can be cancelled: contextBridge cannot carry the signal, so the call gets a
 * request id, and aborting the signal sends a cancel for that id; main aborts the handler's signal and
 * the call ends with its answer (`cancelled`, unless the work had already finished).
 */
import type { ErrorCode, ErrorShape } from '../../shared/errors'
import type {
  CarrierDeskBridge,
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  IpcEvents,
} from '../../shared/ipc-shared'

declare global {
  interface Window {
    carrierdesk?: CarrierDeskBridge
  }
}

export class BridgeError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, unknown> | undefined

  constructor(shape: ErrorShape) {
    super(shape.message)
    this.name = 'BridgeError'
    this.code = shape.code
    this.details = shape.details
  }
}

function bridge(): CarrierDeskBridge {
  const exposed = window.carrierdesk
  if (!exposed) {
    // Only happens when the page is opened outside Electron (or the preload failed to load).
    throw new BridgeError({ code: 'internal', message: 'The CarrierDesk bridge is not available in this window.' })
  }
  return exposed
}

export function isBridgeAvailable(): boolean {
  return window.carrierdesk !== undefined
}

export interface CallOptions {
  /** Cancels the call: main aborts the work (between carrier calls for mutations) and answers `cancelled`. */
  signal?: AbortSignal | undefined
}

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>, options: CallOptions = {}): Promise<ChannelOutput<C>> {
  const { signal } = options
  if (signal?.aborted) throw new BridgeError({ code: 'cancelled', message: 'Cancelled' })
  let result: Awaited<ReturnType<CarrierDeskBridge['invoke']>>
  const requestId = signal ? crypto.randomUUID() : undefined
  const onAbort = (): void => {
    if (requestId) bridge().cancel(requestId)
  }
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    result = await (requestId === undefined ? bridge().invoke(channel, input) : bridge().invoke(channel, input, requestId))
  } catch (error) {
    if (error instanceof BridgeError) throw error
    // A rejected invoke means the IPC itself broke (not a handler error, which comes back as a Result).
    const message = error instanceof Error ? error.message : String(error)
    throw new BridgeError({ code: 'internal', message: `The call ${channel} failed: ${message}` })
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
  if (result.ok) return result.value as ChannelOutput<C>
  throw new BridgeError(result.error)
}

export function subscribe<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
  const exposed = window.carrierdesk
  if (!exposed) return () => {}
  return exposed.subscribe(event, listener)
}

function isErrorShape(value: unknown): value is ErrorShape {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as { code?: unknown; message?: unknown }
  return typeof candidate.code === 'string' && typeof candidate.message === 'string'
}

/** Whether `call` ended because it was cancelled. */
export const isCancelled = (error: unknown): boolean => error instanceof BridgeError && error.code === 'cancelled'

/** Turns anything thrown by `call` (or code around it) into the contract's error shape. */
export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof BridgeError) return { code: error.code, message: error.message, details: error.details }
  if (isErrorShape(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'internal', message }
}
