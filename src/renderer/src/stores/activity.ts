/** The activity log (`activity.list`), with new entries from `activity.added` prepended as they arrive. */
import { create } from 'zustand'
import type { ActivityEntry } from '../../../shared/domain'
import { call } from '../bridge'
import { notifyError } from '../notify'

const shownEntries = 500

interface ActivityState {
  entries: ActivityEntry[]
  loaded: boolean
  load: () => Promise<void>
  add: (entry: ActivityEntry) => void
}

export const useActivityStore = create<ActivityState>()((set) => ({
  entries: [],
  loaded: false,
  load: async () => {
    try {
      const entries = await call('activity.list', { limit: shownEntries })
      set({ entries: [...entries].sort((a, b) => b.at - a.at || b.id - a.id), loaded: true })
    } catch (error) {
      notifyError('Could not load the activity log', error)
    }
  },
  add: (entry) =>
    set((state) => {
      // An entry can arrive both by event and in a reload racing with it.
      if (state.entries.some((existing) => existing.id === entry.id)) return state
      return { entries: [entry, ...state.entries].slice(0, shownEntries) }
    }),
}))
