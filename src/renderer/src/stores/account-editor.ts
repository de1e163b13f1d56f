/** Whether the add/edit account form is open, and for which account; opened from screens and the palette. */
import { create } from 'zustand'

export type AccountEditorTarget = { mode: 'add' } | { mode: 'edit'; accountId: string }

interface AccountEditorState {
  target: AccountEditorTarget | undefined
  openAdd: () => void
  openEdit: (accountId: string) => void
  close: () => void
}

export const useAccountEditorStore = create<AccountEditorState>()((set) => ({
  target: undefined,
  openAdd: () => set({ target: { mode: 'add' } }),
  openEdit: (accountId) => set({ target: { mode: 'edit', accountId } }),
  close: () => set({ target: undefined }),
}))
