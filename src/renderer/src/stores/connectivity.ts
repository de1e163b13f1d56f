/**
 * Whether the carriers can be reached, as this window has learnt it: `app.status` says what the OS thinks
 * (Electron's net.isOnline), and the last sync says whether carriers actually answered. A sync in which
 * every attempted area failed unable to reach its carrier (`network`) means the carriers are out of reach,
 * so the screens go read-only too.
 * Main also pushes its online state as it changes (`app.online`); that is applied at once, and the
 * `app.status` poll and the last-sync check stay as the fallback.
 */
import { create } from 'zustand'
import type { SyncFinished } from '../../../shared/ipc-shared'
import { subscribe } from '../bridge'
import { useAppStatusStore } from './app-status'

interface ConnectivityState {
  /** Set when the last sync reached no carrier at all; cleared when a later sync gets any answer. */
  carriersUnreachable: boolean
  lastFailure: string | undefined
  /** The last `app.online` main pushed, for before the first `app.status` answer arrives. */
  pushedOnline: boolean | undefined
  receiveOnline: (online: boolean) => void
  receiveSyncFinished: (event: SyncFinished) => void
}

export const useConnectivityStore = create<ConnectivityState>()((set) => ({
  carriersUnreachable: false,
  lastFailure: undefined,
  pushedOnline: undefined,
  receiveOnline: (online) => {
    set({ pushedOnline: online })
    // Same source as app.status's `online`: update it now rather than at the next poll.
    useAppStatusStore.setState((state) => (state.status ? { status: { ...state.status, online } } : state))
  },
  receiveSyncFinished: (event) => {
    const attempted = event.results.filter((result) => result.outcome !== 'unsupported' && result.outcome !== 'cancelled')
    if (attempted.length === 0) return
    const failed = attempted.filter((result) => result.outcome === 'failed')
    // Out of reach only when no carrier could be reached at all, as main judges it: a sync refused for
    // another reason (a conflict, a carrier's error) says nothing about the network, and must not make
    // every screen read-only.
    const unreachable = failed.filter((result) => result.errorCode === 'network')
    set({
      carriersUnreachable: unreachable.length === attempted.length,
      lastFailure: failed[0]?.message,
    })
  },
}))

/** Subscribes to `app.online`; `refresh` re-asks `app.status` so the rest of the bar follows. Returns the unsubscribe. */
export function followOnlineEvents(refresh: () => void): () => void {
  return subscribe('app.online', ({ online }) => {
    useConnectivityStore.getState().receiveOnline(online)
    refresh()
  })
}

/** Offline (OS or carriers): cached data stays browsable, actions that reach a carrier are disabled. */
export function useOffline(): boolean {
  const polledOnline = useAppStatusStore((state) => state.status?.online)
  const pushedOnline = useConnectivityStore((state) => state.pushedOnline)
  const osOffline = (polledOnline ?? pushedOnline) === false
  const unreachable = useConnectivityStore((state) => state.carriersUnreachable)
  return osOffline || unreachable
}
