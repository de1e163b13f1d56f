/**
 * What the runner (on the calling thread) and a sync worker (core/sync/worker.ts) say to each other. The
 * runner asks (`connect`, then `prepare` and `work` per area) and the worker answers each ask by its id; the
 * worker also tells progress and the events its areas emit, and asks the runner for the keychain entries a
 * carrier keeps (the keychain is reached from the calling thread only). Secrets travel in `connect` and the
 * keychain answers, in memory only: never in an error or a log line.
 */
import type { AccountSecrets, SyncArea } from '../../../shared/domain'
import type { ErrorCode } from '../../../shared/errors'
import type { EventName, IpcEvents } from '../../../shared/ipc-shared'
import { AppError } from '../../lib/app-error'
import type { AccountRow } from '../../store/repositories/accounts'

export type WorkerAsk =
  | { op: 'connect'; databasePath: string; account: AccountRow; secrets: AccountSecrets }
  /** Answered with whether the account's carrier can sync the area. */
  | { op: 'prepare'; area: SyncArea }
  /** Answered with the rows stored. */
  | { op: 'work'; area: SyncArea }
  /** Closes the worker's database connection; the runner then ends the thread. */
  | { op: 'close' }

export type ToWorker =
  | { type: 'ask'; id: number; ask: WorkerAsk }
  | { type: 'cancel' }
  | { type: 'keychain-answer'; id: number; value?: string | undefined; error?: WireError | undefined }

export type FromWorker =
  | { type: 'answer'; id: number; value: unknown }
  | { type: 'refusal'; id: number; error: WireError }
  | { type: 'progress'; rows: number; pages: number }
  | { type: 'event'; name: EventName; payload: IpcEvents[EventName] }
  | { type: 'keychain-get'; id: number; name: string }
  | { type: 'keychain-put'; id: number; name: string; value: string }

/** An error as it crosses threads: an AppError keeps its code and words, anything else its name and words. */
export interface WireError {
  message: string
  name: string
  code?: ErrorCode | undefined
}

export function toWire(error: unknown): WireError {
  if (error instanceof AppError) return { message: error.message, name: error.name, code: error.code }
  if (error instanceof Error) return { message: error.message, name: error.name }
  return { message: String(error), name: 'Error' }
}

export function fromWire(wire: WireError): Error {
  if (wire.code !== undefined) return new AppError(wire.code, wire.message)
  const error = new Error(wire.message)
  error.name = wire.name
  return error
}
