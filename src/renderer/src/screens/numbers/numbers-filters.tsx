/**
 * The filter row: a debounced search box and one control per filter. Values come from the carrier
 * catalogue, the accounts and `numbers.facets` (distinct states, rate centers, trunks, tags in the cache).
 */
import { Button, Group, MultiSelect, NativeSelect, Select, Switch, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconFilterOff, IconSearch } from '@tabler/icons-react'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CarrierId, NumberStatus, NumberType } from '../../../../shared/domain'
import type { NumberFacets } from '../../../../shared/numbers-query'
import { call } from '../../bridge'
import { useAccountsStore } from '../../stores/accounts'
import { useCarriersStore } from '../../stores/carriers'
import { useSyncStore } from '../../stores/sync'
import { activeFilterCount, useNumbersStore } from './numbers-store'

const statuses: NumberStatus[] = ['active', 'reserved', 'pending', 'suspended', 'porting', 'released', 'unknown']
const types: NumberType[] = ['local', 'toll-free', 'international']
const searchDebounceMs = 250

type Presence = '' | 'has' | 'lacks'
const presenceOf = (value: boolean | undefined): Presence => (value === undefined ? '' : value ? 'has' : 'lacks')
const presenceValue = (value: string): boolean | undefined => (value === '' ? undefined : value === 'has')

/** A picker's options with its chosen values kept, so a value shows before the facets are asked for. */
function withChosen(options: string[], chosen: string | string[] | undefined): string[] {
  const missing = (Array.isArray(chosen) ? chosen : chosen ? [chosen] : []).filter((value) => !options.includes(value))
  return missing.length === 0 ? options : [...missing, ...options]
}

const noFacets: NumberFacets = { states: [], rateCenters: [], trunks: [], tags: [], groups: [] }

/**
 * The distinct states, rate centers, trunks and tags of the cache, for the pickers. `numbers.facets` scans
 * the whole cache (over a second for a million numbers right after a sync) and the main process answers
 * calls in order, so it is never asked on the way to the first painted rows: only when a picker that needs
 * it opens or takes focus, and again there after the data or the query changed.
 */
function useFacets(): { facets: NumberFacets; want: () => void } {
  const [facets, setFacets] = useState<NumberFacets>(noFacets)
  const dataVersion = useSyncStore((state) => state.dataVersion)
  const generation = useNumbersStore((state) => state.generation)
  const version = `${dataVersion}:${generation}`
  const asked = useRef<string | undefined>(undefined)
  const want = useCallback(() => {
    if (asked.current === version) return
    asked.current = version
    // Facets only feed pickers; a failure leaves them as they were rather than interrupting the operator.
    call('numbers.facets', {})
      .then((answer) => asked.current === version && setFacets(answer))
      .catch(() => {
        if (asked.current === version) asked.current = undefined
      })
  }, [version])
  return { facets, want }
}

export function SearchBox() {
  const applied = useNumbersStore((state) => state.search)
  const setSearch = useNumbersStore((state) => state.setSearch)
  const [text, setText] = useState(applied)
  const [debounced] = useDebouncedValue(text, searchDebounceMs)
  useEffect(() => setSearch(debounced), [debounced, setSearch])
  // A saved view or "Clear filters" replaces the search from outside.
  useEffect(() => setText((typed) => (typed.trim() === applied.trim() ? typed : applied)), [applied])
  return (
    <TextInput
      aria-label="Search numbers"
      placeholder="Search number, CNAM, tag, note, rate center, account…"
      leftSection={<IconSearch size={15} />}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') setSearch(text)
        if (event.key === 'Escape') setText('')
      }}
      w={340}
      size="xs"
    />
  )
}

export function NumbersFilters() {
  const filters = useNumbersStore((state) => state.filters)
  const setFilters = useNumbersStore((state) => state.setFilters)
  const clearFilters = useNumbersStore((state) => state.clearFilters)
  const search = useNumbersStore((state) => state.search)
  const carriers = useCarriersStore((state) => state.carriers)
  const accounts = useAccountsStore((state) => state.accounts)
  const { facets, want: wantFacets } = useFacets()
  const active = activeFilterCount(filters) + (search.trim() ? 1 : 0)

  return (
    <Group gap="xs" mb="xs" align="flex-end" role="group" aria-label="Filters">
      <SearchBox />
      <MultiSelect
        size="xs"
        w={170}
        aria-label="Carrier"
        placeholder="Carrier"
        data={carriers.map((carrier) => ({ value: carrier.id, label: carrier.name }))}
        value={filters.carriers ?? []}
        onChange={(value) => setFilters({ carriers: value as CarrierId[] })}
        clearable
      />
      <MultiSelect
        size="xs"
        w={180}
        aria-label="Account"
        placeholder="Account"
        data={accounts.map((account) => ({ value: account.id, label: account.name }))}
        value={filters.accountIds ?? []}
        onChange={(value) => setFilters({ accountIds: value })}
        searchable
        clearable
      />
      <MultiSelect
        size="xs"
        w={150}
        aria-label="Status"
        placeholder="Status"
        data={statuses}
        value={filters.statuses ?? []}
        onChange={(value) => setFilters({ statuses: value as NumberStatus[] })}
        clearable
      />
      <MultiSelect
        size="xs"
        w={140}
        aria-label="Type"
        placeholder="Type"
        data={types}
        value={filters.types ?? []}
        onChange={(value) => setFilters({ types: value as NumberType[] })}
        clearable
      />
      <MultiSelect
        size="xs"
        w={120}
        aria-label="State"
        onFocus={wantFacets}
        onDropdownOpen={wantFacets}
        placeholder="State"
        data={withChosen(facets.states, filters.states)}
        value={filters.states ?? []}
        onChange={(value) => setFilters({ states: value })}
        searchable
        clearable
      />
      <Select
        size="xs"
        w={150}
        aria-label="Rate center"
        onFocus={wantFacets}
        onDropdownOpen={wantFacets}
        placeholder="Rate center"
        data={withChosen(facets.rateCenters, filters.rateCenter)}
        value={filters.rateCenter ?? null}
        onChange={(value) => setFilters({ rateCenter: value ?? undefined })}
        searchable
        clearable
        limit={200}
      />
      <Select
        size="xs"
        w={150}
        aria-label="Trunk"
        onFocus={wantFacets}
        onDropdownOpen={wantFacets}
        placeholder="Trunk / route"
        data={withChosen(facets.trunks, filters.trunk)}
        value={filters.trunk ?? null}
        onChange={(value) => setFilters({ trunk: value ?? undefined })}
        searchable
        clearable
        limit={200}
      />
      <Select
        size="xs"
        w={130}
        aria-label="Group"
        onFocus={wantFacets}
        onDropdownOpen={wantFacets}
        placeholder="Group"
        data={withChosen(facets.groups, filters.group)}
        value={filters.group ?? null}
        onChange={(value) => setFilters({ group: value ?? undefined })}
        searchable
        clearable
      />
      <NativeSelect
        size="xs"
        w={110}
        aria-label="E911"
        value={presenceOf(filters.hasE911)}
        onChange={(event) => setFilters({ hasE911: presenceValue(event.currentTarget.value) })}
        data={[
          { value: '', label: 'E911: any' },
          { value: 'has', label: 'Has E911' },
          { value: 'lacks', label: 'Lacks E911' },
        ]}
      />
      <NativeSelect
        size="xs"
        w={110}
        aria-label="CNAM"
        value={presenceOf(filters.hasCnam)}
        onChange={(event) => setFilters({ hasCnam: presenceValue(event.currentTarget.value) })}
        data={[
          { value: '', label: 'CNAM: any' },
          { value: 'has', label: 'Has CNAM' },
          { value: 'lacks', label: 'Lacks CNAM' },
        ]}
      />
      <Select
        size="xs"
        w={130}
        aria-label="Tag"
        onFocus={wantFacets}
        onDropdownOpen={wantFacets}
        placeholder="Tag"
        data={withChosen(facets.tags, filters.tag)}
        value={filters.tag ?? null}
        onChange={(value) => setFilters({ tag: value ?? undefined })}
        searchable
        clearable
      />
      <Switch
        size="xs"
        label="Show gone"
        checked={filters.includeGone !== false}
        onChange={(event) => setFilters({ includeGone: event.currentTarget.checked ? undefined : false })}
      />
      <Button size="xs" variant="subtle" leftSection={<IconFilterOff size={14} />} disabled={active === 0} onClick={clearFilters}>
        Clear filters
      </Button>
    </Group>
  )
}

/** Widths of the filter row's controls, in order (search box … "Show gone", "Clear filters"). */
const filterWidths = [340, 170, 180, 150, 140, 120, 150, 150, 130, 110, 110, 130, 100, 110]

/**
 * Stands in for the filter row while the first rows paint (numbers-screen.tsx): empty boxes of the
 * controls' widths, so the row wraps exactly as the real one will and the grid does not move.
 */
export function NumbersFiltersPending() {
  return (
    <div className="cd-numbers-filters-pending" aria-hidden>
      {filterWidths.map((width, index) => (
        <div key={index} style={{ width }} />
      ))}
    </div>
  )
}
