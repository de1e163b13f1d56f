/**
 * A traffic report as a chart (processed and completed calls, @mantine/charts) with its table beside it:
 * ASR, ACD, minutes of use and peak. A figure the carrier did not give shows as "unknown", never as 0.
 */
import { BarChart } from '@mantine/charts'
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import { useCallback, useEffect, useState } from 'react'
import type { TrafficQuery, TrafficReport } from '../../../shared/ipc-shared'
import type { TrafficRow } from '../../../shared/trunks'
import { call, toErrorShape } from '../bridge'
import { formatCount } from '../format'
import { useOffline } from '../stores/connectivity'
import { DataAge } from './data-age'

const unknown = (
  <Text span size="xs" c="dimmed" fs="italic">
    unknown
  </Text>
)

export const formatAsr = (asr: number | null): string | undefined => (asr === null ? undefined : `${Math.round(asr * 1000) / 10}%`)

/** Seconds as "2:05" (minutes:seconds), or "1:02:05" past the hour. */
export function formatAcd(seconds: number | null): string | undefined {
  if (seconds === null) return undefined
  const whole = Math.round(seconds)
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = String(whole % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

const shown = (value: string | undefined) => value ?? unknown
const count = (value: number | null) => (value === null ? unknown : formatCount(value))

export function TrafficTable({ rows, labelOf, label }: { rows: TrafficRow[]; labelOf: (row: TrafficRow) => string; label: string }) {
  return (
    <Table aria-label={label} fz="xs" verticalSpacing={2} className="cd-table" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Subject</Table.Th>
          <Table.Th>Direction</Table.Th>
          <Table.Th>Period</Table.Th>
          <Table.Th ta="right">Processed</Table.Th>
          <Table.Th ta="right">Completed</Table.Th>
          <Table.Th ta="right">ASR</Table.Th>
          <Table.Th ta="right">ACD</Table.Th>
          <Table.Th ta="right">Minutes</Table.Th>
          <Table.Th ta="right">Peak</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={`${row.subject} ${row.direction} ${row.period}`} aria-label={`Traffic ${labelOf(row)} ${row.direction} ${row.period}`}>
            <Table.Td className="cd-mono">{labelOf(row)}</Table.Td>
            <Table.Td>
              <Badge size="xs" variant="light" color={row.direction === 'origination' ? 'blue' : 'grape'}>
                {row.direction}
              </Badge>
            </Table.Td>
            <Table.Td>{row.period === 'overall' ? 'to date' : row.period}</Table.Td>
            <Table.Td ta="right">{count(row.processed)}</Table.Td>
            <Table.Td ta="right">{count(row.completed)}</Table.Td>
            <Table.Td ta="right">{shown(formatAsr(row.asr))}</Table.Td>
            <Table.Td ta="right">{shown(formatAcd(row.acdSeconds))}</Table.Td>
            <Table.Td ta="right">{row.minutes === null ? unknown : formatCount(Math.round(row.minutes))}</Table.Td>
            <Table.Td ta="right">{count(row.peak)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/** Calls per subject or period as bars; a count the carrier did not give is left out of the bar, not drawn as 0. */
export function TrafficChart({ rows, labelOf, label }: { rows: TrafficRow[]; labelOf: (row: TrafficRow) => string; label: string }) {
  const data = rows.map((row) => ({
    key: `${labelOf(row)}${row.period === 'overall' ? '' : ` ${row.period}`}${rows.some((other) => other.direction !== row.direction) ? ` (${row.direction.slice(0, 4)}.)` : ''}`,
    Processed: row.processed,
    Completed: row.completed,
  }))
  return (
    <Paper withBorder radius="sm" p="xs" role="img" aria-label={label} data-testid="traffic-chart">
      <BarChart
        h={220}
        data={data}
        dataKey="key"
        series={[
          { name: 'Processed', color: 'blue.5' },
          { name: 'Completed', color: 'teal.5' },
        ]}
        withLegend
        tickLine="y"
        valueFormatter={(value) => formatCount(value)}
      />
    </Paper>
  )
}

export function TrafficView({ rows, labelOf, label }: { rows: TrafficRow[]; labelOf: (row: TrafficRow) => string; label: string }) {
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No traffic report cached yet: use “Refresh from carrier”.
      </Text>
    )
  }
  return (
    <Stack gap="sm">
      <TrafficChart rows={rows} labelOf={labelOf} label={`${label} chart`} />
      <TrafficTable rows={rows} labelOf={labelOf} label={label} />
    </Stack>
  )
}

/**
 * A report's panel: the cached report first (offline review), "Refresh from carrier" to ask the carrier
 * now; a refresh that fails keeps the cached rows and says why.
 */
export function TrafficReportPanel({
  query,
  label,
  labelOf,
  refreshOnOpen = false,
}: {
  query: Omit<TrafficQuery, 'refresh'>
  label: string
  labelOf: (row: TrafficRow) => string
  /** Ask the carrier at once when nothing is cached. */
  refreshOnOpen?: boolean
}) {
  const offline = useOffline()
  const [report, setReport] = useState<TrafficReport>()
  const [error, setError] = useState<string>()
  const [loading, setLoading] = useState(false)
  const key = JSON.stringify(query)
  const load = useCallback(
    async (refresh: boolean): Promise<TrafficReport | undefined> => {
      setLoading(true)
      setError(undefined)
      try {
        const answer = await call('trunks.traffic', { ...(JSON.parse(key) as Omit<TrafficQuery, 'refresh'>), refresh })
        setReport(answer)
        return answer
      } catch (failure) {
        setError(toErrorShape(failure).message)
        return undefined
      } finally {
        setLoading(false)
      }
    },
    [key],
  )
  useEffect(() => {
    setReport(undefined)
    void load(false).then((answer) => {
      if (refreshOnOpen && answer && answer.rows.length === 0 && !offline) void load(true)
    })
    // Offline is read once per query: going offline later does not reload.
  }, [load, refreshOnOpen])
  return (
    <Stack gap="xs" role="region" aria-label={label}>
      <Group justify="space-between">
        <DataAge asOf={report?.asOf} testId="traffic-data-age" />
        <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} loading={loading} disabled={offline} onClick={() => void load(true)}>
          Refresh from carrier
        </Button>
      </Group>
      {report?.failure && (
        <Alert color="yellow" title="Showing the cached report" role="alert">
          The carrier could not be asked: {report.failure}
        </Alert>
      )}
      {error && (
        <Alert color="red" title="Could not load the traffic report" role="alert">
          {error}
        </Alert>
      )}
      {report === undefined ? loading && <Loader size="sm" aria-label="Loading traffic" /> : <TrafficView rows={report.rows} labelOf={labelOf} label={label} />}
    </Stack>
  )
}
