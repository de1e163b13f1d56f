/**
 * A real CarrierDesk core (temp SQLite, real keychain) with the Sandbox open: one sandbox account per
 * started carrier. For tests that go through the core the way the app does.
 */
import type { CarrierId, AccountView } from '../../src/shared/domain'
import type { CarrierClient } from '../../src/main/carriers/adapter'
import { createCarrierDesk, type CarrierDesk } from '../../src/main/core/carrierdesk'
import { createDispatcher, type Dispatcher } from '../../src/main/core/dispatcher'
import type { SyncFinished } from '../../src/shared/ipc-shared'
import type { Sandbox, SandboxOptions } from '../../src/main/sandbox'
import { testSyncWorker } from './sync-worker'
import { requireKeyring, tempDir } from './temp'

export interface SandboxDesk {
  desk: CarrierDesk
  dispatcher: Dispatcher
  sandbox: Sandbox
  accounts: AccountView[]
  account(carrier: CarrierId): AccountView
  /** The account's connected client, as the core uses it (adapter + AccountContext). */
  client(carrier: CarrierId): Promise<CarrierClient>
  dataDir: string
  close(): Promise<void>
}

/** `syncWorker`: the sync worker's script for this desk (default: testSyncWorker()). */
export async function openSandboxDesk(options: SandboxOptions = {}, deskOptions: { syncWorker?: string } = {}): Promise<SandboxDesk> {
  requireKeyring()
  const dir = tempDir()
  const syncWorker = 'syncWorker' in deskOptions ? deskOptions.syncWorker : testSyncWorker()
  const desk = createCarrierDesk({ dataDir: dir.path, actor: 'test', sandbox: { numbers: 2000, ...options }, syncWorker })
  const dispatcher = createDispatcher(desk)
  const { accounts } = await desk.sandbox.open({})
  const sandbox = desk.sandbox.running
  if (!sandbox) throw new Error('The Sandbox did not start')
  const account = (carrier: CarrierId): AccountView => {
    const found = accounts.find((view) => view.carrier === carrier)
    if (!found) throw new Error(`No sandbox account for ${carrier}`)
    return found
  }
  return {
    desk,
    dispatcher,
    sandbox,
    accounts,
    account,
    client: (carrier) => desk.accounts.connect(desk.accounts.find(account(carrier).id)),
    dataDir: dir.path,
    async close() {
      for (const view of accounts) await desk.accounts.remove({ id: view.id }).catch(() => undefined)
      await desk.close()
      dir.remove()
    },
  }
}

/** The `sync.finished` event of one run, as the renderer would receive it; rejects after `timeoutMs`. */
export function syncFinished(dispatcher: Dispatcher, runId: string, timeoutMs = 60_000): Promise<SyncFinished> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off()
      reject(new Error(`No sync.finished for run ${runId} within ${timeoutMs} ms`))
    }, timeoutMs)
    const off = dispatcher.subscribe('sync.finished', (event) => {
      if (event.runId !== runId) return
      clearTimeout(timer)
      off()
      resolve(event)
    })
  })
}
