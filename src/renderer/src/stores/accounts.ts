/** Carrier accounts as the main process reports them (`accounts.list`), refreshed on `accounts.changed`. */
import { create } from 'zustand'
import type { AccountView } from '../../../shared/domain'
import { call } from '../bridge'
import { notifyError } from '../notify'

interface AccountsState {
  accounts: AccountView[]
  loaded: boolean
  loading: boolean
  load: () => Promise<void>
}

export const useAccountsStore = create<AccountsState>()((set) => ({
  accounts: [],
  loaded: false,
  loading: false,
  load: async () => {
    set({ loading: true })
    try {
      const accounts = await call('accounts.list', {})
      set({ accounts, loaded: true })
    } catch (error) {
      notifyError('Could not load accounts', error)
    } finally {
      set({ loading: false })
    }
  },
}))

export function accountName(accounts: AccountView[], id: string | undefined): string {
  if (!id) return '—'
  return accounts.find((account) => account.id === id)?.name ?? id
}
