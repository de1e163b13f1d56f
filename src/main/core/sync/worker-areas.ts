/**
 * One account's sync areas in a worker thread (worker.ts), as the runner drives them. The runner reads the
 * secrets from the keychain and sends them; the worker connects, and each area is asked for (`prepare`)
 * and then run (`work`), its progress and events coming back. A worker that dies (an uncaught error, an
 * exit, a thread the system could not start) refuses what was asked and everything after it with the reason,
 * so its areas end failed and their sync_runs rows are finished by the runner.
 */
import { Worker } from 'node:worker_threads'
import type { AccountSecrets } from '../../../shared/domain'
import type { AccountContext } from '../../carriers/adapter'
import { AppError } from '../../lib/app-error'
import type { AccountRow } from '../../store/repositories/accounts'
import type { EventHub } from '../events'
import type { AccountAreas } from './area'
import { fromWire, toWire, type FromWorker, type ToWorker, type WorkerAsk } from './worker-messages'

export interface WorkerAreasOptions {
  /** The worker's built script (out/main/sync-worker.js). */
  script: string
  databasePath: string
  account: AccountRow
  secrets: AccountSecrets
  keychain: AccountContext['secrets']
  events: EventHub
}

export async function openWorkerAreas(options: WorkerAreasOptions): Promise<AccountAreas> {
  // A small young generation: four workers' default semi-spaces alone took about 100 MB of a 1,000,000-number
  // sync's peak RSS, and the pages they parse are short-lived (no slower in the benchmark).
  const worker = new Worker(options.script, { resourceLimits: { maxYoungGenerationSizeMb: 8 } })
  const send = (message: ToWorker): void => worker.postMessage(message)
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  let nextId = 0
  let stopped: Error | undefined
  let closing = false
  let progress: ((rows: number, pages: number) => void) | undefined
  const stop = (reason: Error): void => {
    stopped ??= reason
    for (const waiting of pending.values()) waiting.reject(stopped)
    pending.clear()
  }
  worker.on('error', (error) => stop(new AppError('internal', `The sync worker stopped: ${error.message}`)))
  worker.on('exit', (code) =>
    stop(new AppError('internal', closing ? 'The sync worker was closed' : `The sync worker exited (code ${code}) before its areas were done`)),
  )
  worker.on('message', (message: FromWorker) => {
    switch (message.type) {
      case 'answer':
      case 'refusal': {
        const waiting = pending.get(message.id)
        pending.delete(message.id)
        if (message.type === 'answer') waiting?.resolve(message.value)
        else waiting?.reject(fromWire(message.error))
        return
      }
      case 'progress':
        progress?.(message.rows, message.pages)
        return
      case 'event':
        options.events.emit(message.name, message.payload)
        return
      case 'keychain-get':
      case 'keychain-put': {
        const { id } = message
        const asked = message.type === 'keychain-get' ? options.keychain.get(message.name) : options.keychain.put(message.name, message.value)
        asked.then(
          (value) => send({ type: 'keychain-answer', id, value: value ?? undefined }),
          (error: unknown) => send({ type: 'keychain-answer', id, error: toWire(error) }),
        )
        return
      }
    }
  })
  const ask = (asked: WorkerAsk): Promise<unknown> => {
    if (stopped) return Promise.reject(stopped)
    nextId += 1
    const id = nextId
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      send({ type: 'ask', id, ask: asked })
    })
  }
  const close = async (): Promise<void> => {
    closing = true
    await ask({ op: 'close' }).catch(() => undefined)
    await worker.terminate()
  }

  try {
    await ask({ op: 'connect', databasePath: options.databasePath, account: options.account, secrets: options.secrets })
  } catch (error) {
    await close()
    throw error
  }
  return {
    async prepare(area) {
      if ((await ask({ op: 'prepare', area })) !== true) return undefined
      return async (_account, signal, onProgress) => {
        const onAbort = (): void => send({ type: 'cancel' })
        if (signal.aborted) onAbort()
        else signal.addEventListener('abort', onAbort, { once: true })
        progress = onProgress
        try {
          return (await ask({ op: 'work', area })) as number
        } finally {
          progress = undefined
          signal.removeEventListener('abort', onAbort)
        }
      }
    },
    close,
    async terminate() {
      closing = true
      await worker.terminate()
    },
  }
}
