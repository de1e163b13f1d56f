/**
 * Cached call records of the filtered range: KPIs and charts (cdr-kpis.tsx), a virtualised table whose
 * pages are fetched as they scroll into view (smooth over millions of records), a detail panel with the
 * carrier's raw record, and "Export CSV" of the whole filtered range in this computer's zone.
 *
 * Keyboard: rows are focusable; ↑/↓ move, Enter opens the detail.
 */
import { Alert, Button, Code, Drawer, Group, Paper, Stack, Table, Text } from '@mantine/core'
import { IconFileExport } from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { CdrRange, CdrStats } from '../../../../shared/cdrs'
import type { CdrRecord } from '../../../../shared/domain'
import { zonedTime } from '../../../../shared/zoned-time'
import { call } from '../../bridge'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { formatCount, formatPhoneNumber } from '../../format'
import { notifyError } from '../../notify'
import { accountName, useAccountsStore } from '../../stores/accounts'
import { useSyncStore } from '../../stores/sync'
import { CdrCharts, formatCost, KpiCards } from './cdr-kpis'
import { CdrQueryBar } from './cdr-query-bar'
import { localZone, rangeOf, useCdrQueryStore } from './cdr-query-store'

const pageSize = 200
const rowHeight = 28
const columns = '150px 92px 140px 140px 140px 70px 76px 96px 180px 80px 120px'

function useRecordPages(range: CdrRange | undefined, key: string) {
  const [pages, setPages] = useState<Map<number, CdrRecord[]>>(new Map())
  const asked = useRef(new Set<number>())
  useEffect(() => {
    asked.current = new Set()
    setPages(new Map())
  }, [key])
  const ensure = useCallback(
    (first: number, last: number) => {
      if (!range) return
      for (let page = Math.floor(first / pageSize); page <= Math.floor(last / pageSize); page += 1) {
        if (asked.current.has(page)) continue
        asked.current.add(page)
        const askedFor = asked.current
        call('cdrs.records', { range, order: 'newest', offset: page * pageSize, limit: pageSize }).then(
          ({ rows }) => {
            if (askedFor === asked.current) setPages((current) => new Map(current).set(page, rows))
          },
          (error: unknown) => {
            askedFor.delete(page)
            notifyError('Could not load call records', error)
          },
        )
      }
    },
    [range],
  )
  const row = (index: number): CdrRecord | undefined => pages.get(Math.floor(index / pageSize))?.[index % pageSize]
  return { ensure, row }
}

function RecordDetail({ target, onClose }: { target: { accountId: string; id: string; startedAt: number } | undefined; onClose: () => void }) {
  const [record, setRecord] = useState<CdrRecord | undefined>()
  const [error, setError] = useState<unknown>()
  useEffect(() => {
    setRecord(undefined)
    setError(undefined)
    if (!target) return
    call('cdrs.record', target).then(setRecord, setError)
  }, [target])
  const time = zonedTime(localZone())
  const when = (at: number | undefined): string => (at === undefined ? '—' : `${time.minuteLabel(at)}:${String(Math.floor((at / 1000) % 60)).padStart(2, '0')}`)
  return (
    <Drawer opened={target !== undefined} onClose={onClose} position="right" size="lg" title="Call record" closeButtonProps={{ 'aria-label': 'Close call record' }}>
      {error !== undefined && <LoadErrorAlert title="Could not load the call record" error={String((error as Error).message ?? error)} />}
      {record && (
        <Stack gap="xs" aria-label="Call record detail">
          <Table fz="sm" verticalSpacing={2}>
            <Table.Tbody>
              {(
                [
                  [`Start (${localZone()})`, when(record.startedAt)],
                  ['Answer', when(record.answeredAt)],
                  ['End', when(record.endedAt)],
                  ['Direction', record.direction],
                  ['From', record.from],
                  ['To', record.to],
                  ['Our number', record.ourNumber ?? '—'],
                  ['Trunk', record.trunk ?? '—'],
                  ['Duration', `${record.durationSeconds} s`],
                  ['Billed', `${record.billedSeconds} s`],
                  ['Disposition', record.disposition],
                  ['Cause', [record.causeCode, record.causeText].filter(Boolean).join(' ') || '—'],
                  ['Cost', record.cost === undefined ? '—' : formatCost(record.cost)],
                  ['Carrier id', record.id],
                ] as const
              ).map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w={140}>{label}</Table.Th>
                  <Table.Td className="cd-mono">{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" fw={600}>
            Raw carrier record
          </Text>
          <Code block data-testid="cdr-raw">
            {JSON.stringify(record.raw, null, 2)}
          </Code>
        </Stack>
      )}
    </Drawer>
  )
}

export function CallRecords() {
  const accounts = useAccountsStore((state) => state.accounts)
  const dataVersion = useSyncStore((state) => state.dataVersion)
  const form = useCdrQueryStore((state) => state.form)
  const now = useCdrQueryStore((state) => state.now)
  const version = useCdrQueryStore((state) => state.version)
  const zone = localZone()
  const built = useMemo(() => rangeOf(form, now, zone), [form, now, zone])
  const range = 'range' in built ? built.range : undefined
  const rangeKey = `${JSON.stringify(range)}:${dataVersion}:${version}`
  const [total, setTotal] = useState<number | undefined>()
  const [totals, setTotals] = useState<CdrStats | undefined>()
  const [loadError, setLoadError] = useState<string | undefined>()
  const [detail, setDetail] = useState<{ accountId: string; id: string; startedAt: number } | undefined>()
  const [exporting, setExporting] = useState(false)
  const [exported, setExported] = useState<{ file: string; rows: number } | undefined>()
  const loadTotals = useCallback((r: CdrRange) => call('cdrs.stats', { range: r, limit: 1 }), [])
  useEffect(() => {
    setTotal(undefined)
    if (!range) return
    let current = true
    loadTotals(range).then(
      (stats) => {
        if (!current) return
        setTotals(stats)
        setTotal(stats.total.attempts)
        setLoadError(undefined)
      },
      (error: unknown) => current && setLoadError(String((error as Error).message ?? error)),
    )
    return () => {
      current = false
    }
    // rangeKey covers the range and the cache's version.
  }, [rangeKey, loadTotals])
  const pages = useRecordPages(range, rangeKey)
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 10 })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0
  const { ensure } = pages
  useEffect(() => {
    if (total) ensure(first, Math.min(total - 1, last + 50))
  }, [first, last, total, ensure])
  const time = zonedTime(zone)

  const exportCsv = async (): Promise<void> => {
    if (!range) return
    setExporting(true)
    setExported(undefined)
    try {
      setExported(await call('cdrs.export', { range, timeZone: zone }))
    } catch (error) {
      notifyError('Could not export the call records', error)
    } finally {
      setExporting(false)
    }
  }

  const onRowKey = (event: KeyboardEvent<HTMLDivElement>, index: number, record: CdrRecord | undefined): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const target = Math.max(0, Math.min((total ?? 1) - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))
      virtualizer.scrollToIndex(target)
      requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus())
    } else if (event.key === 'Enter' && record) {
      event.preventDefault()
      setDetail({ accountId: record.accountId, id: record.id, startedAt: record.startedAt })
    }
  }

  return (
    <Stack gap="xs">
      <CdrQueryBar problem={'problem' in built ? built.problem : undefined} />
      {loadError && <LoadErrorAlert title="Could not load call records" error={loadError} />}
      {totals && <KpiCards total={totals.total} />}
      <CdrCharts range={range} rangeKey={rangeKey} />
      <Group justify="space-between">
        <Text size="sm" fw={600} aria-live="polite" data-testid="cdr-records-total">
          {total === undefined ? 'Loading…' : `${formatCount(total)} call record${total === 1 ? '' : 's'}`}
        </Text>
        <Button size="xs" variant="default" leftSection={<IconFileExport size={14} />} loading={exporting} disabled={!total} onClick={() => void exportCsv()}>
          Export CSV
        </Button>
      </Group>
      {exported && (
        <div role="status" aria-label="Export result">
          <Alert color="teal" variant="light" withCloseButton onClose={() => setExported(undefined)} closeButtonLabel="Dismiss export result" title="Export finished">
            <Text size="sm">
              {formatCount(exported.rows)} rows written to{' '}
              <span className="cd-mono" data-testid="cdr-export-file">
                {exported.file}
              </span>{' '}
              (times in {zone})
            </Text>
          </Alert>
        </div>
      )}
      {total === 0 ? (
        <Paper withBorder radius="sm" p="lg">
          <Text size="sm" c="dimmed" ta="center" role="status">
            No cached call records in this range. Widen the range or the filters, or fetch call records from the carriers above.
          </Text>
        </Paper>
      ) : (
        <Paper withBorder radius="sm">
          <div role="table" aria-label="Call records" aria-rowcount={(total ?? 0) + 1} style={{ fontSize: 13 }}>
            <div role="row" className="cd-grid-row cd-grid-header" style={{ display: 'grid', gridTemplateColumns: columns, height: rowHeight }}>
              {[`Start (${zone})`, 'Direction', 'From', 'To', 'Our number', 'Billed', 'Trunk', 'Disposition', 'Cause', 'Cost', 'Account'].map((label) => (
                <div role="columnheader" className="cd-grid-cell" key={label} style={{ fontWeight: 600, padding: '4px 6px' }}>
                  {label}
                </div>
              ))}
            </div>
            <div ref={scrollRef} style={{ height: 420, overflow: 'auto' }}>
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {items.map((item) => {
                  const record = pages.row(item.index)
                  return (
                    <div
                      key={item.index}
                      role="row"
                      aria-rowindex={item.index + 2}
                      aria-label={record ? `Call ${record.from} to ${record.to} ${time.minuteLabel(record.startedAt)}` : 'Loading'}
                      tabIndex={0}
                      data-index={item.index}
                      className="cd-grid-row cd-grid-body-row"
                      style={{ display: 'grid', gridTemplateColumns: columns, position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)`, cursor: 'pointer' }}
                      onClick={() => record && setDetail({ accountId: record.accountId, id: record.id, startedAt: record.startedAt })}
                      onKeyDown={(event) => onRowKey(event, item.index, record)}
                    >
                      {record ? (
                        [
                          time.minuteLabel(record.startedAt),
                          record.direction === 'origination' ? 'in' : 'out',
                          formatPhoneNumber(record.from),
                          formatPhoneNumber(record.to),
                          record.ourNumber ? formatPhoneNumber(record.ourNumber) : '—',
                          `${record.billedSeconds} s`,
                          record.trunk ?? '—',
                          record.disposition,
                          [record.causeCode, record.causeText].filter(Boolean).join(' ') || '—',
                          record.cost === undefined ? '—' : formatCost(record.cost),
                          accountName(accounts, record.accountId),
                        ].map((value, column) => (
                          <div role="cell" key={column} className="cd-mono cd-nowrap" style={{ padding: '4px 6px', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                            {value}
                          </div>
                        ))
                      ) : (
                        <div role="cell" style={{ padding: '4px 6px', color: 'var(--mantine-color-dimmed)' }}>
                          Loading…
                        </div>
                      )}
                    </div>
                  )
                })}
              </div>
            </div>
          </div>
        </Paper>
      )}
      <RecordDetail target={detail} onClose={() => setDetail(undefined)} />
    </Stack>
  )
}
