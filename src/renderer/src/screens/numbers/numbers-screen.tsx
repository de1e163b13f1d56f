/**
 * Numbers: every number the team holds at every carrier, from the local cache, online or not. Composes
 * the header actions, filters, result summary, bulk bar, the virtualised grid, the detail panel and the
 * change flow; the state lives in numbers-store.ts.
 */
import { Button, Center, Paper, Stack, Text } from '@mantine/core'
import { IconAddressBook } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import type { AccountView } from '../../../../shared/domain'
import { subscribe } from '../../bridge'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { ScreenHeader } from '../../components/screen-header'
import { SyncNowButton } from '../../components/sync-now-button'
import { SyncProgressPanel } from '../../components/sync-progress-panel'
import { useAccountsStore } from '../../stores/accounts'
import { useNavigationStore } from '../../stores/navigation'
import { useSyncStore } from '../../stores/sync'
import { BulkActionBar } from './bulk-action-bar'
import { ChangeFlowModal } from './change-flow-modal'
import { ColumnChooser } from './column-chooser'
import { ExportButton, ExportResult } from './export-button'
import { NumberDetailDrawer } from './number-detail'
import { NumbersFilters, NumbersFiltersPending } from './numbers-filters'
import { NumbersGrid } from './numbers-grid'
import { activeFilterCount, useNumbersStore } from './numbers-store'
import { ResultSummary } from './result-summary'
import { OfflineBanner } from '../../components/offline-banner'
import { SavedViews } from './saved-views'

/** Whether the Numbers screen was on screen before in this window (its pages may be stale since). */
let shownBefore = false

/** Refetch the shown pages whenever the cache changes underneath them (sync, change, purchase, notes). */
function useCacheFollowing(): void {
  const dataVersion = useSyncStore((state) => state.dataVersion)
  const accounts = useAccountsStore((state) => (state.loaded ? state.accounts : undefined))
  const seen = useRef<{ dataVersion: number; accounts: AccountView[] | undefined } | undefined>(undefined)
  useEffect(() => {
    const before = seen.current
    seen.current = { dataVersion, accounts }
    // Nothing to refresh on the first visit (its first page is being fetched right now, or was just
    // prefetched), nor when the accounts list merely arrived at startup: a refetch would only queue
    // behind that first page.
    if (before === undefined ? !shownBefore : before.dataVersion === dataVersion && before.accounts === undefined) return
    useNumbersStore.getState().refresh()
  }, [dataVersion, accounts])
  useEffect(() => {
    shownBefore = true
  }, [])
  useEffect(() => subscribe('numbers.changed', () => useNumbersStore.getState().refresh()), [])
}

function NothingCached() {
  const accounts = useAccountsStore((state) => state.accounts)
  const go = useNavigationStore((state) => state.go)
  return (
    <Paper withBorder radius="sm" p="xl">
      <Center>
        <Stack align="center" gap="xs" ta="center" maw={520}>
          <Text fw={600}>No cached numbers yet</Text>
          <Text size="sm" c="dimmed">
            {accounts.length === 0
              ? 'Add a carrier account (or open the Sandbox) first; its numbers appear here after a sync.'
              : 'Numbers appear here after a sync. Use “Sync now” to fetch them from the carriers.'}
          </Text>
          {accounts.length === 0 && (
            <Button variant="default" leftSection={<IconAddressBook size={16} />} onClick={() => go('accounts')}>
              Go to Accounts
            </Button>
          )}
        </Stack>
      </Center>
    </Paper>
  )
}

function GridArea() {
  const total = useNumbersStore((state) => state.total)
  const error = useNumbersStore((state) => state.error)
  const filters = useNumbersStore((state) => state.filters)
  const search = useNumbersStore((state) => state.search)
  const refresh = useNumbersStore((state) => state.refresh)
  const filtered = activeFilterCount(filters) > 0 || search.trim() !== ''
  if (total === 0 && !filtered && !error) return <NothingCached />
  return (
    <Paper withBorder radius="sm" pos="relative" style={{ flex: 1, minHeight: 240, display: 'flex', flexDirection: 'column' }}>
      {error && (
        <LoadErrorAlert m="xs" title="Could not load numbers" error={error} onRetry={refresh} />
      )}
      <NumbersGrid />
      {total === 0 && (
        <Center p="lg" style={{ position: 'absolute', inset: '40px 0 auto 0' }}>
          <Text size="sm" c="dimmed" role="status">
            No cached numbers match the filters.
          </Text>
        </Center>
      )}
    </Paper>
  )
}

/**
 * False until the grid's first page of rows has been painted (true at once when rows are already loaded).
 * The screen's controls around the grid mount just after that: on a cold start the first frame (style,
 * layout and paint of everything mounted) is what holds the rows back, so it carries only the grid.
 */
function useRowsFirst(): boolean {
  const [ready, setReady] = useState(() => useNumbersStore.getState().total !== undefined)
  useEffect(() => {
    if (ready) return
    let frame = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    // The frame after the rows are in the DOM has painted them; mount the rest in the task after it.
    const reveal = (): void => {
      if (frame || timer) return
      frame = requestAnimationFrame(() => (timer = setTimeout(() => setReady(true), 0)))
    }
    const check = (state: ReturnType<typeof useNumbersStore.getState>): void => {
      if (state.total !== undefined || state.error !== undefined) reveal()
    }
    const unsubscribe = useNumbersStore.subscribe(check)
    check(useNumbersStore.getState())
    // Whatever happens to the first page, the controls never wait longer than this.
    const fallback = setTimeout(() => setReady(true), firstPageWaitMs)
    return () => {
      unsubscribe()
      cancelAnimationFrame(frame)
      clearTimeout(timer)
      clearTimeout(fallback)
    }
  }, [ready])
  return ready
}

const firstPageWaitMs = 1_500

/** Filters another screen linked to (a trunk's numbers): applied once, in place of the current ones. */
function useLinkedFilters(): void {
  const linked = useNavigationStore((state) => state.numbersFilters)
  useEffect(() => {
    if (!linked) return
    useNavigationStore.setState({ numbersFilters: undefined })
    const { filters, setFilters } = useNumbersStore.getState()
    setFilters({ ...Object.fromEntries(Object.keys(filters).map((key) => [key, undefined])), ...linked })
  }, [linked])
}

export function NumbersScreen() {
  useCacheFollowing()
  useLinkedFilters()
  const ready = useRowsFirst()
  return (
    <Stack p="lg" gap={0} h="100%">
      <ScreenHeader
        title="Numbers"
        description="Every number at every carrier, from the local cache"
        actions={
          ready ? (
            <>
              <SavedViews />
              <ColumnChooser />
              <ExportButton />
              <SyncNowButton areas={['numbers']} tooltip="Fetch the numbers of every account again" />
            </>
          ) : (
            <div className="cd-numbers-actions-pending" />
          )
        }
      />
      <SyncProgressPanel />
      <OfflineBanner />
      <ExportResult />
      {ready ? <NumbersFilters /> : <NumbersFiltersPending />}
      <ResultSummary />
      {ready ? <BulkActionBar /> : <div className="cd-numbers-bulk-pending" />}
      <GridArea />
      {ready && <NumberDetailDrawer />}
      {ready && <ChangeFlowModal />}
    </Stack>
  )
}
