/**
 * The ledger: every money movement the carriers list (Vitcom's financial summary), filtered by activity type
 * and date range, with debit, credit and the running balance, and charts of spend by month and by type.
 */
import { BarChart } from '@mantine/charts'
import { Center, Group, Loader, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useCallback, useState } from 'react'
import type { LedgerResult } from '../../../../shared/ipc-shared'
import { call } from '../../bridge'
import { DataAge } from '../../components/data-age'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { formatCount, formatMoney, formatTimestamp } from '../../format'
import { useCached } from '../../use-cached'
import { DateRange, noRange, rangeInput, type DayRange } from './date-range'

const rowLimit = 500

function LedgerCharts({ ledger }: { ledger: LedgerResult }) {
  if (ledger.total === 0) return null
  return (
    <SimpleGrid cols={2} spacing="sm">
      <Paper withBorder radius="sm" p="sm" role="img" aria-label="Spend by month chart">
        <Text size="sm" fw={600} mb={4}>
          Spend by month
        </Text>
        <BarChart
          h={220}
          data={ledger.byMonth.map((month) => ({ month: month.key, Spent: month.debit, Paid: month.credit }))}
          dataKey="month"
          withLegend
          valueFormatter={(value) => formatMoney(value)}
          series={[
            { name: 'Spent', color: 'red.6' },
            { name: 'Paid', color: 'teal.6' },
          ]}
        />
      </Paper>
      <Paper withBorder radius="sm" p="sm" role="img" aria-label="Spend by activity type chart">
        <Text size="sm" fw={600} mb={4}>
          Spend by activity type
        </Text>
        <BarChart
          h={220}
          data={ledger.byActivity.filter((type) => type.debit > 0).map((type) => ({ activity: type.key, Spent: type.debit }))}
          dataKey="activity"
          orientation="vertical"
          yAxisProps={{ width: 130 }}
          valueFormatter={(value) => formatMoney(value)}
          series={[{ name: 'Spent', color: 'orange.6' }]}
        />
      </Paper>
    </SimpleGrid>
  )
}

export function LedgerTab({ accountId }: { accountId: string | undefined }) {
  const [activity, setActivity] = useState<string | null>(null)
  const [range, setRange] = useState<DayRange>(noRange)
  const load = useCallback(
    () => call('billing.ledger', { ...(accountId ? { accountId } : {}), ...(activity ? { activity } : {}), ...rangeInput(range), limit: rowLimit }),
    [accountId, activity, range],
  )
  const { data, error, loading, reload } = useCached(load)
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="md">
        <Select
          size="xs"
          label="Activity type"
          placeholder="All activity"
          clearable
          data={data?.activities ?? []}
          value={activity}
          onChange={setActivity}
          w={220}
        />
        <DateRange value={range} onChange={setRange} label="Ledger dates" />
        <Text size="sm" fw={600} data-testid="ledger-total" aria-live="polite">
          {data === undefined ? 'Loading…' : `${formatCount(data.total)} entr${data.total === 1 ? 'y' : 'ies'}`}
        </Text>
        <DataAge asOf={data?.asOf} testId="ledger-data-age" />
      </Group>
      {error && <LoadErrorAlert title="Could not load the ledger" error={error} onRetry={reload} />}
      {data === undefined && loading ? (
        <Center py="md">
          <Loader size="sm" aria-label="Loading the ledger" />
        </Center>
      ) : data && data.total === 0 ? (
        <Text size="sm" c="dimmed" role="status">
          {data.asOf === undefined ? 'No ledger cached yet: carriers that list money movements (Vitcom) fill it on “Sync now”.' : 'No entries match these filters.'}
        </Text>
      ) : (
        data && (
          <>
            <LedgerCharts ledger={data} />
            <Title order={3} size="h6">
              Entries{data.total > data.rows.length ? ` (newest ${formatCount(data.rows.length)} of ${formatCount(data.total)})` : ''}
            </Title>
            <Paper withBorder radius="sm" style={{ maxHeight: 420, overflow: 'auto' }}>
              <Table aria-label="Ledger" className="cd-table" fz="sm" verticalSpacing={3} stickyHeader highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Date</Table.Th>
                    <Table.Th>Account</Table.Th>
                    <Table.Th>Activity</Table.Th>
                    <Table.Th ta="right">Debit</Table.Th>
                    <Table.Th ta="right">Credit</Table.Th>
                    <Table.Th ta="right">Balance</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rows.map((entry) => (
                    <Table.Tr key={`${entry.accountId}:${entry.seq}`}>
                      <Table.Td className="cd-mono cd-nowrap">{formatTimestamp(entry.at)}</Table.Td>
                      <Table.Td>{entry.accountName}</Table.Td>
                      <Table.Td>{entry.activity}</Table.Td>
                      <Table.Td ta="right" className="cd-mono" c={entry.debit > 0 ? 'red' : 'dimmed'}>
                        {entry.debit > 0 ? formatMoney(entry.debit) : '—'}
                      </Table.Td>
                      <Table.Td ta="right" className="cd-mono" c={entry.credit > 0 ? 'teal' : 'dimmed'}>
                        {entry.credit > 0 ? formatMoney(entry.credit) : '—'}
                      </Table.Td>
                      <Table.Td ta="right" className="cd-mono">
                        {formatMoney(entry.balance)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          </>
        )
      )}
    </Stack>
  )
}
