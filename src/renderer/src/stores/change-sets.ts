/**
 * The change sets (`changes.list`), kept current by `changes.changed` (a stage from the Numbers screen, an
 * apply from the CLI), and the set the Numbers change flow staged into last, offered first next time.
 */
import { create } from 'zustand'
import type { ChangeSetSummary } from '../../../shared/ipc-shared'
import { call, subscribe } from '../bridge'

interface ChangeSetsState {
  sets: ChangeSetSummary[]
  loaded: boolean
  /** The set a stage went into last (this session). */
  lastStagedId: string | undefined
  load(): Promise<void>
  setLastStaged(id: string): void
}

export const useChangeSetsStore = create<ChangeSetsState>()((set) => ({
  sets: [],
  loaded: false,
  lastStagedId: undefined,
  async load() {
    set({ sets: await call('changes.list', {}), loaded: true })
  },
  setLastStaged: (id) => set({ lastStagedId: id }),
}))

/** Reloads the list whenever main says a set changed; returns the unsubscribe. */
export function followChangeSets(): () => void {
  return subscribe('changes.changed', () => void useChangeSetsStore.getState().load().catch(() => undefined))
}
