/**
 * The built sync worker (out/main/sync-worker.js; `pretest` builds it). The CLI and the Electron shell run
 * syncs in it; tests that go through the core from source use it where they say so, and the core tests'
 * desks do when CARRIERDESK_TEST_SYNC_WORKER=1 (to run the same sync tests in both modes).
 */
import { join } from 'node:path'

export const builtSyncWorker = join(__dirname, '../../out/main/sync-worker.js')

/** The worker for a test desk: the built one when the run asks for workers, else none (areas on the calling thread). */
export const testSyncWorker = (): string | undefined => (process.env.CARRIERDESK_TEST_SYNC_WORKER === '1' ? builtSyncWorker : undefined)
