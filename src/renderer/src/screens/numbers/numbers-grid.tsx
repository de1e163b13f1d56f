/**
 * The virtualised Numbers grid. Only the rows in view (plus a small overscan) exist in the DOM, so a
 * million cached numbers scroll like a hundred. Rows are fetched by page as they come into view; while
 * the user flings the scrollbar the fetch waits until scrolling settles, so pages skipped over are never
 * requested.
 *
 * Keyboard: rows are focusable; ↑/↓ move, Space selects, Shift+Space extends the selection, Enter opens
 * the detail panel.
 */
import { Loader, Text, UnstyledButton } from '@mantine/core'
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react'
import type { CarrierInfo, PhoneNumberRecord } from '../../../../shared/domain'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useNow } from '../../use-now'
import { columnSpecs, selectColumnWidth, type ColumnId } from './columns'
import { NumberCell, rowLabel } from './number-cells'
import { pageSize, selectionKey, useNumbersStore } from './numbers-store'

/** 32 px keeps a million rows (32,000,000 px) under Chromium's maximum element height. */
const rowHeight = 32
const overscanRows = 12
/** Fetch this many rows beyond the visible ones, so slow scrolling never shows placeholders. */
const prefetchRows = pageSize / 2
const settleMs = 90

function gridTemplate(columns: ColumnId[]): string {
  return [`${selectColumnWidth}px`, ...columns.map((id) => `${columnSpecs[id].width}px`)].join(' ')
}

const HeaderRow = memo(function HeaderRow({ columns, template }: { columns: ColumnId[]; template: string }) {
  const sort = useNumbersStore((state) => state.sort)
  const toggleSort = useNumbersStore((state) => state.toggleSort)
  return (
    <div role="row" aria-rowindex={1} className="cd-grid-row cd-grid-header" style={{ gridTemplateColumns: template }}>
      <div role="columnheader" className="cd-grid-cell">
        <span className="cd-visually-hidden">Selected</span>
      </div>
      {columns.map((id) => {
        const spec = columnSpecs[id]
        const active = sort.column === spec.sort
        return (
          <div
            key={id}
            role="columnheader"
            className="cd-grid-cell"
            aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <UnstyledButton
              onClick={() => toggleSort(spec.sort)}
              aria-label={`Sort by ${spec.label}`}
              className="cd-grid-sort"
            >
              <Text size="sm" fw={600} truncate>
                {spec.label}
              </Text>
              {active && (sort.direction === 'asc' ? <IconArrowUp size={13} aria-hidden /> : <IconArrowDown size={13} aria-hidden />)}
            </UnstyledButton>
          </div>
        )
      })}
    </div>
  )
})

type RowKeyHandler = (event: KeyboardEvent<HTMLDivElement>, index: number, record: PhoneNumberRecord | undefined) => void

interface RowProps {
  index: number
  start: number
  record: PhoneNumberRecord
  selected: boolean
  columns: ColumnId[]
  template: string
  carriers: CarrierInfo[]
  now: number
  /** Stable for the grid's lifetime (it reads the latest handler through a ref), so memo holds. */
  onKeyDown: RowKeyHandler
}

/**
 * One loaded row. Memoised on its props (all stable while scrolling): a scroll frame renders only the rows
 * that come into view; the ones already there are left alone. Cells are plain elements (number-cells.tsx).
 */
const GridRow = memo(function GridRow({ index, start, record, selected, columns, template, carriers, now, onKeyDown }: RowProps) {
  const label = rowLabel(record)
  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    // Clicks on the checkbox select; anywhere else on the row opens the detail.
    if ((event.target as HTMLElement).closest('[data-select-cell]')) return
    useNumbersStore.getState().openDetail({ accountId: record.accountId, e164: record.e164 })
  }
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-label={label}
      aria-selected={selected}
      tabIndex={0}
      data-index={index}
      className={`cd-grid-row cd-grid-body-row${record.goneAt !== undefined ? ' cd-grid-gone' : ''}`}
      style={{ gridTemplateColumns: template, transform: `translateY(${start}px)` }}
      onClick={onClick}
      onKeyDown={(event) => onKeyDown(event, index, record)}
    >
      <div role="gridcell" className="cd-cell cd-cell-select" data-select-cell>
        <input
          type="checkbox"
          className="cd-grid-check"
          checked={selected}
          aria-label={`Select ${label}`}
          tabIndex={-1}
          onChange={ignoreChange}
          onClick={(event) => void useNumbersStore.getState().toggleRow(index, record, event.shiftKey)}
        />
      </div>
      {columns.map((id) => (
        <NumberCell key={id} column={id} record={record} carrierLabel={carrierName(carriers, record.carrier)} now={now} />
      ))}
    </div>
  )
})

/**
 * Rows not fetched yet: one element per run of them, not one per row, and the same element from frame to
 * frame (only its offset and height change), so flinging across unloaded rows adds nothing to the DOM.
 * The row lines are drawn by its background.
 */
function LoadingRows({ first, count, start }: { first: number; count: number; start: number }) {
  return (
    <div
      role="row"
      aria-rowindex={first + 2}
      aria-busy
      className="cd-grid-loading"
      style={{ transform: `translateY(${start}px)`, height: count * rowHeight }}
    >
      <div role="gridcell" className="cd-grid-loading-label">
        Loading…
      </div>
    </div>
  )
}

/** The checkbox is controlled by the selection; its click handler (which sees Shift) does the toggling. */
const ignoreChange = (): void => undefined

export function NumbersGrid() {
  const total = useNumbersStore((state) => state.total)
  const pages = useNumbersStore((state) => state.pages)
  const generation = useNumbersStore((state) => state.generation)
  const columns = useNumbersStore((state) => state.columns)
  const selected = useNumbersStore((state) => state.selected)
  const ensureRange = useNumbersStore((state) => state.ensureRange)
  const toggleRow = useNumbersStore((state) => state.toggleRow)
  const openDetail = useNumbersStore((state) => state.openDetail)
  const carriers = useCarriersStore((state) => state.carriers)
  const now = useNow()
  const scrollRef = useRef<HTMLDivElement>(null)
  const template = gridTemplate(columns)
  const width = selectColumnWidth + columns.reduce((sum, id) => sum + columnSpecs[id].width, 0)

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: overscanRows,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0
  const scrolling = virtualizer.isScrolling

  // The first page is asked for before the total is known; later pages follow the viewport.
  useEffect(() => {
    if (total === undefined) {
      ensureRange(0, pageSize - 1)
      return
    }
    const timer = setTimeout(() => ensureRange(Math.max(0, first - prefetchRows), last + prefetchRows), scrolling ? settleMs : 0)
    return () => clearTimeout(timer)
  }, [first, last, scrolling, total, generation, ensureRange])

  const focusRow = (index: number): void => {
    const target = Math.max(0, Math.min((total ?? 1) - 1, index))
    virtualizer.scrollToIndex(target)
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus())
  }

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number, record: PhoneNumberRecord | undefined): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      focusRow(index + (event.key === 'ArrowDown' ? 1 : -1))
    } else if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault()
      focusRow(index + (event.key === 'PageDown' ? 1 : -1) * Math.max(1, items.length - overscanRows * 2))
    } else if (event.key === 'Enter' && record) {
      event.preventDefault()
      openDetail({ accountId: record.accountId, e164: record.e164 })
    } else if (event.key === ' ' && record) {
      event.preventDefault()
      void toggleRow(index, record, event.shiftKey)
    }
  }
  // Rows get one stable function that calls the latest handler, so their memo survives every render.
  const keyHandler = useRef(handleKeyDown)
  useEffect(() => {
    keyHandler.current = handleKeyDown
  })
  const onKeyDown = useCallback<RowKeyHandler>((event, index, record) => keyHandler.current(event, index, record), [])

  const rows: ReactNode[] = []
  let loading: { first: number; count: number; start: number } | undefined
  let loadingRuns = 0
  const endLoading = (): void => {
    if (loading) rows.push(<LoadingRows key={`loading-${loadingRuns++}`} {...loading} />)
    loading = undefined
  }
  for (const item of items) {
    const record = pages.get(Math.floor(item.index / pageSize))?.rows[item.index % pageSize]
    if (!record) {
      if (loading) loading.count += 1
      else loading = { first: item.index, count: 1, start: item.start }
      continue
    }
    endLoading()
    rows.push(
      <GridRow
        key={item.index}
        index={item.index}
        start={item.start}
        record={record}
        selected={selected.has(selectionKey(record))}
        columns={columns}
        template={template}
        carriers={carriers}
        now={now}
        onKeyDown={onKeyDown}
      />,
    )
  }
  endLoading()

  return (
    <div ref={scrollRef} className="cd-grid-scroll" data-testid="numbers-grid-scroll">
      <div
        role="grid"
        aria-label="Numbers"
        aria-rowcount={(total ?? 0) + 1}
        aria-colcount={columns.length + 1}
        aria-multiselectable
        aria-busy={total === undefined}
        style={{ width, minWidth: '100%' }}
      >
        <div role="rowgroup" className="cd-grid-head">
          <HeaderRow columns={columns} template={template} />
        </div>
        <div role="rowgroup" className="cd-grid-rows" style={{ height: virtualizer.getTotalSize() }}>
          {rows}
        </div>
      </div>
      {total === undefined && (
        <div className="cd-grid-overlay">
          <Loader size="sm" aria-label="Loading numbers" />
        </div>
      )}
    </div>
  )
}
