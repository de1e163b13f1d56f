/** Online state, cached-data age, account count and version (`app.status`) for the status bar. */
import { create } from 'zustand'
import type { AppStatus } from '../../../shared/ipc-shared'
import { call } from '../bridge'

interface AppStatusState {
  status: AppStatus | undefined
  /** True when the last poll itself failed, so the bar can say the status is unknown. */
  unreachable: boolean
  refresh: () => Promise<void>
}

export const useAppStatusStore = create<AppStatusState>()((set) => ({
  status: undefined,
  unreachable: false,
  refresh: async () => {
    try {
      const status = await call('app.status', {})
      set({ status, unreachable: false })
    } catch {
      // Polled every few seconds: a notification per failure would bury the operator; the bar shows it.
      set({ unreachable: true })
    }
  },
}))
