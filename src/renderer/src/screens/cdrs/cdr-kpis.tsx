/**
 * KPIs of the filtered range (the README's definitions, computed once in the core: attempts, answered, ASR,
 * ACD, MOU, cost), a chart of attempts and answered calls by hour or day, failures by cause, and KPIs grouped
 * by account, trunk, number or destination.
 */
import { BarChart } from '@mantine/charts'
import { Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text } from '@mantine/core'
import { useCallback, useState } from 'react'
import type { CdrGrouping, CdrKpis, CdrRange, CdrStats } from '../../../../shared/cdrs'
import { call } from '../../bridge'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { formatCount } from '../../format'
import { useCached } from '../../use-cached'
import { localZone } from './cdr-query-store'

export const formatAsr = (asr: number | null): string => (asr === null ? '—' : `${(asr * 100).toFixed(1)}%`)
export const formatAcd = (seconds: number | null): string => (seconds === null ? '—' : `${seconds.toFixed(1)} s`)
export const formatCost = (cost: number): string => `$${cost.toFixed(4)}`

function Kpi({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder radius="sm" p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  )
}

export function KpiCards({ total }: { total: CdrKpis }) {
  return (
    <SimpleGrid cols={6} spacing="xs" role="group" aria-label="KPIs of the range">
      <Kpi label="Attempts" value={formatCount(total.attempts)} testId="kpi-attempts" />
      <Kpi label="Answered" value={formatCount(total.answered)} testId="kpi-answered" />
      <Kpi label="ASR" value={formatAsr(total.asr)} testId="kpi-asr" />
      <Kpi label="ACD" value={formatAcd(total.acdSeconds)} testId="kpi-acd" />
      <Kpi label="MOU" value={total.minutes.toFixed(1)} testId="kpi-mou" />
      <Kpi label="Cost" value={formatCost(total.cost)} testId="kpi-cost" />
    </SimpleGrid>
  )
}

/** Stats of the range for one grouping, reloaded when the range or the cache changes. */
function useStats(range: CdrRange | undefined, groupBy: CdrGrouping | undefined, key: string) {
  const load = useCallback(
    (): Promise<CdrStats> => (range ? call('cdrs.stats', { range, groupBy, timeZone: localZone(), limit: 50 }) : Promise.resolve({ rows: [], total: emptyKpis, source: 'records' })),
    [range, groupBy],
  )
  return useCached(load, key)
}

const emptyKpis: CdrKpis = { attempts: 0, answered: 0, billedSeconds: 0, cost: 0, asr: null, acdSeconds: null, minutes: 0 }

const groupLabels: Record<'account' | 'trunk' | 'number' | 'destination', string> = {
  account: 'Account',
  trunk: 'Trunk',
  number: 'Our number',
  destination: 'Destination',
}

export function CdrCharts({ range, rangeKey }: { range: CdrRange | undefined; rangeKey: string }) {
  const span = range ? range.to - range.from : 0
  const bucket: CdrGrouping = span <= 2 * 86_400_000 ? 'hour' : 'day'
  const series = useStats(range, bucket, rangeKey)
  const failureRange = range ? { ...range, filters: { ...range.filters, dispositions: range.filters.dispositions?.filter((d) => d !== 'answered') ?? ['busy', 'no-answer', 'failed', 'cancelled', 'other'] } } : undefined
  const causes = useStats(failureRange && (failureRange.filters.dispositions?.length ?? 0) > 0 ? failureRange : undefined, 'cause', rangeKey)
  const [grouping, setGrouping] = useState<keyof typeof groupLabels>('account')
  const groups = useStats(range, grouping, rangeKey)
  const data = (series.data?.rows ?? []).map((row) => ({ bucket: bucket === 'hour' ? row.group.slice(5) : row.group, Answered: row.answered, Unanswered: row.attempts - row.answered }))
  return (
    <Stack gap="xs">
      {series.error && <LoadErrorAlert title="Could not load the KPIs" error={series.error} />}
      <Group align="flex-start" grow wrap="nowrap">
        <Paper withBorder radius="sm" p="xs" style={{ flex: 3 }}>
          <Text size="xs" c="dimmed" data-testid="cdr-chart-caption">
            Calls per {bucket} ({localZone()})
          </Text>
          {data.length === 0 ? (
            <Text size="sm" c="dimmed" ta="center" py="lg">
              No calls in this range
            </Text>
          ) : (
            <div role="img" aria-label={`Calls per ${bucket}: answered and unanswered`}>
              <BarChart
                h={180}
                data={data}
                dataKey="bucket"
                type="stacked"
                withLegend
                series={[
                  { name: 'Answered', color: 'teal.6' },
                  { name: 'Unanswered', color: 'red.4' },
                ]}
              />
            </div>
          )}
        </Paper>
        <Paper withBorder radius="sm" p="xs" style={{ flex: 2 }}>
          <Text size="xs" c="dimmed" mb={4}>
            Failures by cause
          </Text>
          <Table aria-label="Failures by cause" fz="xs" verticalSpacing={1}>
            <Table.Tbody>
              {(causes.data?.rows ?? []).slice(0, 8).map((row) => (
                <Table.Tr key={row.group}>
                  <Table.Td>{row.group || '(none)'}</Table.Td>
                  <Table.Td ta="right">{formatCount(row.attempts)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {(causes.data?.rows.length ?? 0) === 0 && (
            <Text size="xs" c="dimmed">
              No failed calls
            </Text>
          )}
        </Paper>
      </Group>
      <Paper withBorder radius="sm" p="xs">
        <Group justify="space-between" mb={4}>
          <Text size="xs" c="dimmed">
            KPIs by {groupLabels[grouping].toLowerCase()} (largest 50)
          </Text>
          <SegmentedControl
            size="xs"
            aria-label="Group KPIs by"
            value={grouping}
            onChange={(value) => setGrouping(value as keyof typeof groupLabels)}
            data={Object.entries(groupLabels).map(([value, label]) => ({ value, label }))}
          />
        </Group>
        <div style={{ maxHeight: 220, overflow: 'auto' }}>
          <Table aria-label={`KPIs by ${groupLabels[grouping].toLowerCase()}`} fz="xs" verticalSpacing={1} stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{groupLabels[grouping]}</Table.Th>
                <Table.Th ta="right">Attempts</Table.Th>
                <Table.Th ta="right">Answered</Table.Th>
                <Table.Th ta="right">ASR</Table.Th>
                <Table.Th ta="right">ACD</Table.Th>
                <Table.Th ta="right">MOU</Table.Th>
                <Table.Th ta="right">Cost</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(groups.data?.rows ?? []).map((row) => (
                <Table.Tr key={row.group}>
                  <Table.Td className="cd-mono">{row.group || '(none)'}</Table.Td>
                  <Table.Td ta="right">{formatCount(row.attempts)}</Table.Td>
                  <Table.Td ta="right">{formatCount(row.answered)}</Table.Td>
                  <Table.Td ta="right">{formatAsr(row.asr)}</Table.Td>
                  <Table.Td ta="right">{formatAcd(row.acdSeconds)}</Table.Td>
                  <Table.Td ta="right">{row.minutes.toFixed(1)}</Table.Td>
                  <Table.Td ta="right">{formatCost(row.cost)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Paper>
    </Stack>
  )
}
