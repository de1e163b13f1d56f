/** Opening the Sandbox: local carrier simulators plus one sandbox account for each. */
import { create } from 'zustand'
import { call } from '../bridge'
import { notifyError, notifySuccess } from '../notify'
import { useAccountsStore } from './accounts'

interface SandboxState {
  opening: boolean
  open: () => Promise<void>
}

export const useSandboxStore = create<SandboxState>()((set, get) => ({
  opening: false,
  open: async () => {
    if (get().opening) return
    set({ opening: true })
    try {
      const { accounts } = await call('sandbox.open', {})
      notifySuccess(
        'Sandbox is running',
        accounts.length > 0
          ? `Simulators started on this computer; sandbox accounts: ${accounts.map((account) => account.name).join(', ')}.`
          : 'Simulators started on this computer.',
      )
      await useAccountsStore.getState().load()
    } catch (error) {
      notifyError('Could not open the Sandbox', error)
    } finally {
      set({ opening: false })
    }
  },
}))
