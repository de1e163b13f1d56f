/**
 * Above the grid: how old the shown data is (the oldest "as of" in the whole filtered result), a small
 * bar chart of the result by carrier. Each is one cheap `numbers.list` with
 * `limit: 1`, re-asked when the query or the data changes.
 */
import { Group, Text, Tooltip } from '@mantine/core'
import { IconClock } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import type { CarrierId } from '../../../../shared/domain'
import { call } from '../../bridge'
import { formatAge, formatCount, formatTimestamp } from '../../format'
import { useAppStatusStore } from '../../stores/app-status'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useNow } from '../../use-now'
import { currentQuery, useNumbersStore } from './numbers-store'

interface Summary {
  oldestAsOf: number | undefined
  byCarrier: { carrier: CarrierId; count: number }[]
}

function useResultSummary(): Summary | undefined {
  const generation = useNumbersStore((state) => state.generation)
  const carriers = useCarriersStore((state) => state.carriers)
  // Asked only once the grid has its first page of this query: the main process answers in order, and
  // these counts over the whole cache must not hold up the rows.
  const ready = useNumbersStore((state) => state.total !== undefined)
  const [summary, setSummary] = useState<Summary | undefined>()
  useEffect(() => {
    if (!ready) return
    let current = true
    const state = useNumbersStore.getState()
    const query = currentQuery(state)
    const wanted = carriers.map((carrier) => carrier.id).filter((id) => !state.filters.carriers?.length || state.filters.carriers.includes(id))
    void (async () => {
      try {
        const [oldest, ...counts] = await Promise.all([
          call('numbers.list', { ...query, sort: { column: 'asOf', direction: 'asc' }, limit: 1 }),
          ...wanted.map((carrier) => call('numbers.list', { ...query, filters: { ...query.filters, carriers: [carrier] }, limit: 1 })),
        ])
        if (!current) return
        setSummary({
          oldestAsOf: oldest?.rows[0]?.asOf,
          byCarrier: wanted.map((carrier, index) => ({ carrier, count: counts[index]?.total ?? 0 })),
        })
      } catch {
        // The summary is a convenience; the grid reports errors loading the numbers themselves.
      }
    })()
    return () => {
      current = false
    }
  }, [generation, carriers, ready])
  return summary
}

const chartWidth = 220
const barHeight = 12

function CarrierChart({ byCarrier }: { byCarrier: Summary['byCarrier'] }) {
  const carriers = useCarriersStore((state) => state.carriers)
  const max = Math.max(1, ...byCarrier.map((entry) => entry.count))
  const labelWidth = 110
  const height = byCarrier.length * (barHeight + 4)
  return (
    <svg width={chartWidth + labelWidth + 60} height={height} role="img" aria-label="Numbers by carrier">
      {byCarrier.map((entry, index) => {
        const y = index * (barHeight + 4)
        const name = carrierName(carriers, entry.carrier)
        return (
          <g key={entry.carrier}>
            <title>{`${name}: ${formatCount(entry.count)}`}</title>
            <text x={0} y={y + barHeight - 2} fontSize={11} fill="var(--mantine-color-dimmed)">
              {name}
            </text>
            <rect x={labelWidth} y={y} height={barHeight} rx={2} width={Math.max(1, (entry.count / max) * chartWidth)} fill="var(--mantine-color-blue-filled)" opacity={entry.count ? 0.85 : 0.2} />
            <text x={labelWidth + Math.max(1, (entry.count / max) * chartWidth) + 4} y={y + barHeight - 2} fontSize={11} fill="var(--mantine-color-text)">
              {formatCount(entry.count)}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

export function ResultSummary() {
  const summary = useResultSummary()
  const total = useNumbersStore((state) => state.total)
  const fallbackAsOf = useAppStatusStore((state) => state.status?.oldestDataAsOf)
  const now = useNow(15_000)
  const asOf = summary?.oldestAsOf ?? fallbackAsOf
  return (
    <Group justify="space-between" align="center" mb="xs" wrap="nowrap">
      <Group gap="md" wrap="nowrap">
        <Text size="sm" fw={600} aria-live="polite" data-testid="numbers-total">
          {total === undefined ? 'Loading…' : `${formatCount(total)} number${total === 1 ? '' : 's'}`}
        </Text>
        <Tooltip label={asOf === undefined ? 'Nothing cached yet' : `Oldest record in this result fetched ${formatTimestamp(asOf)}`}>
          <Group gap={4} wrap="nowrap" data-testid="numbers-data-age">
            <IconClock size={14} aria-hidden />
            <Text size="sm" c={asOf !== undefined && now - asOf > 86_400_000 ? 'yellow' : 'dimmed'}>
              {asOf === undefined ? 'No cached data' : `Data as of ${formatAge(asOf, now)}`}
            </Text>
          </Group>
        </Tooltip>
      </Group>
      {summary && summary.byCarrier.length > 0 && total !== 0 && <CarrierChart byCarrier={summary.byCarrier} />}
    </Group>
  )
}
