/**
 * State of the Numbers screen: the query (filters, search, sort), visible columns, the pages of rows
 * fetched so far, the selection and the open detail.
 *
 * Rows are fetched by offset in pages of `pageSize` as the grid scrolls to them and kept in a Map; pages
 * far from what is on screen are dropped so memory stays flat with a million rows. Every page answer
 * carries the total, which sizes the scroll area. A query change starts a new generation: answers to older
 * generations are ignored, so a slow page can never paint rows of a previous filter.
 */
import { create } from 'zustand'
import type { CarrierId, NumberKey, PhoneNumberRecord } from '../../../../shared/domain'
import type { NumberFilters, NumberSortColumn, NumbersQueryInput } from '../../../../shared/numbers-query'
import { call } from '../../bridge'
import { notifyError } from '../../notify'
import { defaultColumns, isColumnId, type ColumnId } from './columns'

export const pageSize = 200
/** Pages kept either side of the visible ones; everything further away is dropped. */
const keepPagesAround = 6
/** "Select all matching" stops here: bulk jobs take at most 10,000 targets. */
export const maxSelection = 10_000

/** What a bulk action needs to know about a selected number without refetching it. */
export interface SelectedNumber extends NumberKey {
  carrier: CarrierId
  status: PhoneNumberRecord['status']
  trunk?: string | undefined
  cnam?: string | undefined
  e911?: string | undefined
  group?: string | undefined
  failover?: string | undefined
  tags: string[]
  notes: string
}

export interface SortState {
  column: NumberSortColumn
  direction: 'asc' | 'desc'
}

export interface NumbersViewSettings {
  filters: NumberFilters
  search: string
  sort: SortState
  columns: ColumnId[]
}

interface LoadedPage {
  rows: PhoneNumberRecord[]
  generation: number
}

interface NumbersState extends NumbersViewSettings {
  /** Bumped on every query change (pages are then useless) and every data change (pages are stale). */
  generation: number
  /** The generation at which the query last changed; pages older than it are of another query. */
  queryGeneration: number
  total: number | undefined
  pages: Map<number, LoadedPage>
  error: string | undefined
  selected: Map<string, SelectedNumber>
  anchorIndex: number | undefined
  selectingAll: boolean
  detail: NumberKey | undefined

  setFilters: (patch: Partial<NumberFilters>) => void
  clearFilters: () => void
  setSearch: (search: string) => void
  toggleSort: (column: NumberSortColumn) => void
  setColumns: (columns: ColumnId[]) => void
  applySettings: (settings: unknown) => void
  ensureRange: (firstIndex: number, lastIndex: number) => void
  /** The cached data changed (sync, change, purchase): refetch what is shown, keeping it until then. */
  refresh: () => void
  rowAt: (index: number) => PhoneNumberRecord | undefined
  toggleRow: (index: number, row: PhoneNumberRecord, extendRange: boolean) => Promise<void>
  selectAllMatching: () => Promise<void>
  clearSelection: () => void
  openDetail: (key: NumberKey) => void
  closeDetail: () => void
}

export const defaultSort: SortState = { column: 'e164', direction: 'asc' }

export const selectionKey = (key: NumberKey): string => `${key.accountId} ${key.e164}`

export const toSelected = (row: PhoneNumberRecord): SelectedNumber => ({
  accountId: row.accountId,
  e164: row.e164,
  carrier: row.carrier,
  status: row.status,
  trunk: row.trunk,
  cnam: row.cnam,
  e911: row.e911,
  group: row.group,
  failover: row.failover,
  tags: row.tags ?? [],
  notes: row.notes ?? '',
})

/** The query the core runs, without paging; the same object goes to numbers.export. */
export function currentQuery(state: Pick<NumbersViewSettings, 'filters' | 'search' | 'sort'>): Omit<NumbersQueryInput, 'offset' | 'limit'> {
  const search = state.search.trim()
  return { filters: state.filters, sort: state.sort, ...(search ? { search } : {}) }
}

/** Removes empty filter values so the query (and saved views) only say what narrows the result. */
function compactFilters(filters: NumberFilters): NumberFilters {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue
    out[key] = value
  }
  return out as NumberFilters
}

export function activeFilterCount(filters: NumberFilters): number {
  return Object.keys(compactFilters(filters)).length
}

const inFlight = new Set<string>()

export const useNumbersStore = create<NumbersState>()((set, get) => {
  /** A new query: pages, total, selection anchor and selection no longer mean anything. */
  const restart = (patch: Partial<NumbersState>): void =>
    set((state) => ({
      ...patch,
      generation: state.generation + 1,
      queryGeneration: state.generation + 1,
      pages: new Map(),
      total: undefined,
      error: undefined,
      selected: new Map(),
      anchorIndex: undefined,
    }))

  const fetchPage = async (page: number): Promise<void> => {
    const { generation, queryGeneration } = get()
    const flightKey = `${generation}:${page}`
    if (inFlight.has(flightKey)) return
    inFlight.add(flightKey)
    try {
      const answer = await call('numbers.list', { ...currentQuery(get()), offset: page * pageSize, limit: pageSize })
      // Answers to a previous query are dropped; answers to a previous data version still beat nothing.
      if (get().queryGeneration !== queryGeneration) return
      set((state) => {
        const pages = new Map(state.pages)
        const existing = pages.get(page)
        if (existing && existing.generation > generation) return state
        pages.set(page, { rows: answer.rows, generation })
        return { pages, total: answer.total, error: undefined }
      })
    } catch (error) {
      if (get().queryGeneration === queryGeneration) set({ error: error instanceof Error ? error.message : String(error) })
    } finally {
      inFlight.delete(flightKey)
    }
  }

  /** Rows at indexes [from, to] of the current result, from loaded pages or fetched in chunks. */
  const rowsBetween = async (from: number, to: number): Promise<PhoneNumberRecord[]> => {
    const rows: PhoneNumberRecord[] = []
    for (let offset = from; offset <= to; offset += 1000) {
      const limit = Math.min(1000, to - offset + 1)
      const answer = await call('numbers.list', { ...currentQuery(get()), offset, limit })
      rows.push(...answer.rows)
      if (answer.rows.length < limit) break
    }
    return rows
  }

  return {
    filters: {},
    search: '',
    sort: defaultSort,
    columns: defaultColumns,
    generation: 0,
    queryGeneration: 0,
    total: undefined,
    pages: new Map(),
    error: undefined,
    selected: new Map(),
    anchorIndex: undefined,
    selectingAll: false,
    detail: undefined,

    setFilters: (patch) => restart({ filters: compactFilters({ ...get().filters, ...patch }) }),
    clearFilters: () => restart({ filters: {}, search: '' }),
    setSearch: (search) => {
      if (search.trim() === get().search.trim()) return
      restart({ search })
    },
    toggleSort: (column) => {
      const { sort } = get()
      restart({ sort: { column, direction: sort.column === column && sort.direction === 'asc' ? 'desc' : 'asc' } })
    },
    setColumns: (columns) => set({ columns: columns.length > 0 ? columns : ['number'] }),
    applySettings: (settings) => {
      // Saved views come back from SQLite as unknown JSON; take only what still makes sense.
      const view = (typeof settings === 'object' && settings !== null ? settings : {}) as Partial<Record<keyof NumbersViewSettings, unknown>>
      const columns = Array.isArray(view.columns) ? view.columns.filter(isColumnId) : defaultColumns
      const sort = view.sort as SortState | undefined
      restart({
        filters: compactFilters((view.filters ?? {}) as NumberFilters),
        search: typeof view.search === 'string' ? view.search : '',
        sort: sort && typeof sort.column === 'string' ? sort : defaultSort,
        columns: columns.length > 0 ? columns : defaultColumns,
      })
    },
    ensureRange: (firstIndex, lastIndex) => {
      const firstPage = Math.max(0, Math.floor(firstIndex / pageSize))
      const lastPage = Math.max(firstPage, Math.floor(lastIndex / pageSize))
      const { pages, generation, total } = get()
      const lastExisting = total === undefined ? lastPage : Math.max(0, Math.ceil(total / pageSize) - 1)
      for (let page = firstPage; page <= Math.min(lastPage, lastExisting); page += 1) {
        if (pages.get(page)?.generation !== generation) void fetchPage(page)
      }
      const far = [...pages.keys()].filter((page) => page < firstPage - keepPagesAround || page > lastPage + keepPagesAround)
      if (far.length > 0) {
        set((state) => {
          const kept = new Map(state.pages)
          for (const page of far) kept.delete(page)
          return { pages: kept }
        })
      }
    },
    refresh: () => set((state) => ({ generation: state.generation + 1 })),
    rowAt: (index) => get().pages.get(Math.floor(index / pageSize))?.rows[index % pageSize],
    toggleRow: async (index, row, extendRange) => {
      const { anchorIndex, selected } = get()
      const key = selectionKey(row)
      if (extendRange && anchorIndex !== undefined && anchorIndex !== index) {
        const from = Math.min(anchorIndex, index)
        const to = Math.min(Math.max(anchorIndex, index), from + maxSelection - 1)
        try {
          const rows = await rowsBetween(from, to)
          set((state) => {
            const next = new Map(state.selected)
            for (const each of rows) if (next.size < maxSelection) next.set(selectionKey(each), toSelected(each))
            return { selected: next, anchorIndex: index }
          })
        } catch (error) {
          notifyError('Could not select the range', error)
        }
        return
      }
      const next = new Map(selected)
      if (next.has(key)) next.delete(key)
      else if (next.size < maxSelection) next.set(key, toSelected(row))
      set({ selected: next, anchorIndex: index })
    },
    selectAllMatching: async () => {
      const total = get().total ?? 0
      if (total === 0) return
      set({ selectingAll: true })
      try {
        const rows = await rowsBetween(0, Math.min(total, maxSelection) - 1)
        set({ selected: new Map(rows.map((row) => [selectionKey(row), toSelected(row)])) })
      } catch (error) {
        notifyError('Could not select the matching numbers', error)
      } finally {
        set({ selectingAll: false })
      }
    },
    clearSelection: () => set({ selected: new Map(), anchorIndex: undefined }),
    openDetail: (key) => set({ detail: key }),
    closeDetail: () => set({ detail: undefined }),
  }
})

/**
 * Asks for the first page of the current query right away, before any component mounts: main.tsx calls
 * it when the app opens on the Numbers screen, so the main process answers while React renders the shell.
 * The grid asks for the same page when it mounts; the request in flight covers it.
 */
export function prefetchFirstPage(): void {
  useNumbersStore.getState().ensureRange(0, pageSize - 1)
}
