/**
 * The buying search: the last query, its offers and per-account failures, and when it ran. A search can be
 * stopped while it runs (Stop, or a new search), which cancels it in the main process too.
 */
import { create } from 'zustand'
import type { ChannelInput, NumberSearchResult } from '../../../../shared/ipc-shared'
import { call, isCancelled, toErrorShape } from '../../bridge'

export type SearchQuery = ChannelInput<'numbers.search'>['query']

interface SearchState {
  searching: boolean
  result: NumberSearchResult | undefined
  error: string | undefined
  /** Set when the last search was stopped before it answered. */
  stopped: boolean
  search: (query: SearchQuery) => Promise<void>
  stop: () => void
}

/** The running search's controller: aborting it cancels the call. */
let running: AbortController | undefined

export const useBuySearchStore = create<SearchState>()((set) => ({
  searching: false,
  result: undefined,
  error: undefined,
  stopped: false,
  search: async (query) => {
    running?.abort()
    const controller = new AbortController()
    running = controller
    set({ searching: true, error: undefined, stopped: false })
    try {
      const result = await call('numbers.search', { query }, { signal: controller.signal })
      if (running === controller) set({ result })
    } catch (error) {
      if (running !== controller) return
      if (isCancelled(error)) set({ stopped: true })
      else {
        const shape = toErrorShape(error)
        set({ error: `${shape.code}: ${shape.message}` })
      }
    } finally {
      if (running === controller) {
        running = undefined
        set({ searching: false })
      }
    }
  },
  stop: () => running?.abort(),
}))
