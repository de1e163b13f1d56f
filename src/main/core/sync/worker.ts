/**
 * A sync worker (built to out/main/sync-worker.js): one account's sync areas on a thread of their own, so
 * the calling thread (Electron's main process, which answers the window) stays free while pages are parsed,
 * mapped and written. It opens its own connection to the database (WAL: the calling thread reads and writes
 * beside it; one writer at a time, busy_timeout covers the waits), builds the carrier client from the
 * secrets the runner sent, and runs the areas the runner asks for, one at a time (worker-messages.ts). The
 * runner keeps the bookkeeping (sync_runs, progress events, cancel); this thread only does the work.
 */
import { parentPort } from 'node:worker_threads'
import type { SyncArea } from '../../../shared/domain'
import type { EventName, IpcEvents } from '../../../shared/ipc-shared'
import { CarrierRegistry } from '../../carriers/registry'
import { AppError } from '../../lib/app-error'
import { sharedWriterWaitMs } from '../../store/database'
import { openStore, type Store } from '../../store/store'
import type { AccountRow } from '../../store/repositories/accounts'
import { connectAccount } from '../connect-account'
import { EventHub } from '../events'
import type { AreaDeps, AreaWork } from './area'
import { syncAreaModules } from './areas'
import { toWire, type FromWorker, type ToWorker, type WorkerAsk } from './worker-messages'

const port = parentPort
if (!port) throw new Error('The sync worker runs only as a worker thread')
const post = (message: FromWorker): void => port.postMessage(message)

/** Every event an area emits goes to the runner's hub too (the ports area's notices reach the window). */
class ForwardingHub extends EventHub {
  override emit<E extends EventName>(event: E, payload: IpcEvents[E]): void {
    super.emit(event, payload)
    post({ type: 'event', name: event, payload })
  }
}

const cancel = new AbortController()
const keychainAsks = new Map<number, { resolve: (value: string | undefined) => void; reject: (error: Error) => void }>()
let nextKeychainAsk = 0
let session: { store: Store; account: AccountRow; deps: AreaDeps; client: ReturnType<typeof connectAccount> } | undefined
const prepared = new Map<SyncArea, AreaWork>()

function askKeychain(message: { type: 'keychain-get'; name: string } | { type: 'keychain-put'; name: string; value: string }): Promise<string | undefined> {
  nextKeychainAsk += 1
  const id = nextKeychainAsk
  return new Promise((resolve, reject) => {
    keychainAsks.set(id, { resolve, reject })
    post({ ...message, id })
  })
}

/** The runner's database, never a new one in its place (a data folder moved or deleted since it opened). */
function openDatabaseFor(path: string): Store {
  try {
    // A worker may wait long for the write lock (another account's commit): nobody is waiting on this thread.
    return openStore(path, { mustExist: true, sharedWriter: { busyTimeoutMs: sharedWriterWaitMs } })
  } catch (error) {
    throw new AppError('internal', `The sync worker could not open the database ${path}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

const connected = (): NonNullable<typeof session> => {
  if (!session) throw new AppError('internal', 'The sync worker was asked to work before it connected')
  return session
}

async function answer(ask: WorkerAsk): Promise<unknown> {
  switch (ask.op) {
    case 'connect': {
      const store = openDatabaseFor(ask.databasePath)
      const keychain = {
        put: async (name: string, value: string) => void (await askKeychain({ type: 'keychain-put', name, value })),
        get: (name: string) => askKeychain({ type: 'keychain-get', name }),
      }
      try {
        const client = connectAccount(new CarrierRegistry(), ask.account, ask.secrets, store.memo, keychain)
        session = { store, account: ask.account, client, deps: { store, events: new ForwardingHub(), now: Date.now } }
      } catch (error) {
        store.close()
        throw error
      }
      return undefined
    }
    case 'prepare': {
      const { client, deps } = connected()
      const work = syncAreaModules[ask.area](client, deps)
      if (work) prepared.set(ask.area, work)
      return work !== undefined
    }
    case 'work': {
      const { account } = connected()
      const work = prepared.get(ask.area)
      if (!work) throw new AppError('internal', `The sync worker was asked to run ${ask.area} before preparing it`)
      return work(account, cancel.signal, (rows, pages) => post({ type: 'progress', rows, pages }))
    }
    case 'close':
      session?.store.close()
      session = undefined
      return undefined
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') {
    cancel.abort()
    return
  }
  if (message.type === 'keychain-answer') {
    const waiting = keychainAsks.get(message.id)
    keychainAsks.delete(message.id)
    if (message.error) waiting?.reject(new AppError(message.error.code ?? 'internal', message.error.message))
    else waiting?.resolve(message.value)
    return
  }
  const { id } = message
  answer(message.ask).then(
    (value) => post({ type: 'answer', id, value }),
    (error: unknown) => post({ type: 'refusal', id, error: toWire(error) }),
  )
})
