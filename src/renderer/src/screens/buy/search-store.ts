/** The buying search: the last query, its offers and per-account failures, and when it ran. */
import { create } from 'zustand'
import type { ChannelInput, NumberSearchResult } from '../../../../shared/ipc-shared'
import { call, toErrorShape } from '../../bridge'

export type SearchQuery = ChannelInput<'numbers.search'>['query']

interface SearchState {
  searching: boolean
  result: NumberSearchResult | undefined
  error: string | undefined
  search: (query: SearchQuery) => Promise<void>
}

export const useBuySearchStore = create<SearchState>()((set) => ({
  searching: false,
  result: undefined,
  error: undefined,
  search: async (query) => {
    set({ searching: true, error: undefined })
    try {
      set({ result: await call('numbers.search', { query }) })
    } catch (error) {
      const shape = toErrorShape(error)
      set({ error: `${shape.code}: ${shape.message}` })
    } finally {
      set({ searching: false })
    }
  },
}))
