/**
 * Whether the carriers can be reached, as this window has learnt it: `app.status` says what the OS thinks
 * (Electron's net.isOnline), and the last sync says whether carriers actually answered. A sync in which
 * every attempted area failed means the carriers are out of reach, so the screens go read-only too.
 */
import { create } from 'zustand'
import type { SyncFinished } from '../../../shared/ipc-shared'
import { useAppStatusStore } from './app-status'

interface ConnectivityState {
  /** Set when the last sync reached no carrier at all; cleared when a later sync gets any answer. */
  carriersUnreachable: boolean
  lastFailure: string | undefined
  receiveSyncFinished: (event: SyncFinished) => void
}

export const useConnectivityStore = create<ConnectivityState>()((set) => ({
  carriersUnreachable: false,
  lastFailure: undefined,
  receiveSyncFinished: (event) => {
    const attempted = event.results.filter((result) => result.outcome !== 'unsupported' && result.outcome !== 'cancelled')
    if (attempted.length === 0) return
    const failed = attempted.filter((result) => result.outcome === 'failed')
    set({
      carriersUnreachable: failed.length === attempted.length,
      lastFailure: failed[0]?.message,
    })
  },
}))

/** Offline (OS or carriers): cached data stays browsable, actions that reach a carrier are disabled. */
export function useOffline(): boolean {
  const osOffline = useAppStatusStore((state) => state.status?.online === false)
  const unreachable = useConnectivityStore((state) => state.carriersUnreachable)
  return osOffline || unreachable
}
