/**
 * The findings worker (built to out/main/findings-worker.js, beside the sync worker): the rules run over
 * the whole cache on a thread of their own after a sync, so the calling thread (Electron's main process,
 * which answers the window) stays free. It opens its own connection to the database, answers one
 * evaluation (evaluate.ts) and closes it.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { AppSettings } from '../../../shared/settings'
import { CarrierRegistry } from '../../carriers/registry'
import { openStore } from '../../store/store'
import { evaluateRules } from './evaluate'

export interface FindingsWorkerInput {
  databasePath: string
  settings: AppSettings
  now: number
}

const port = parentPort
if (!port) throw new Error('The findings worker runs only as a worker thread')
const input = workerData as FindingsWorkerInput
const store = openStore(input.databasePath, { mustExist: true })
try {
  port.postMessage(evaluateRules({ store, registry: new CarrierRegistry(), settings: input.settings, now: input.now }))
} finally {
  store.close()
}
