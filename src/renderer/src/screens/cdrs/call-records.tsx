/**
 * Cached call records: a paged table (times in this computer's zone), "Export CSV" of all of them through
 * the core, and a small chart of calls per day over the most recent records.
 */
import { Alert, Button, Center, Group, Loader, Pagination, Paper, Select, Stack, Table, Text } from '@mantine/core'
import { IconFileExport } from '@tabler/icons-react'
import { useCallback, useState } from 'react'
import type { CdrRecord } from '../../../../shared/domain'
import { call } from '../../bridge'
import { ColumnChart } from '../../components/bar-chart'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { formatCount, formatPhoneNumber, formatTimestamp } from '../../format'
import { notifyError } from '../../notify'
import { accountName, useAccountsStore } from '../../stores/accounts'
import { useCached } from '../../use-cached'

const pageSize = 100
/** How many of the newest records the per-day chart looks at (one `cdrs.records` page at most). */
const chartRecords = 1000

const timeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone

function formatSeconds(seconds: number): string {
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return minutes > 0 ? `${minutes}m ${String(rest).padStart(2, '0')}s` : `${rest}s`
}

const localDay = (at: number): string => formatTimestamp(at).slice(0, 10)

function CallsPerDay({ rows }: { rows: CdrRecord[] }) {
  if (rows.length === 0) return null
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(localDay(row.startedAt), (counts.get(localDay(row.startedAt)) ?? 0) + 1)
  const days = [...counts.keys()].sort()
  return (
    <Stack gap={2} align="flex-end">
      <Text size="xs" c="dimmed" data-testid="cdr-chart-caption">
        Calls per day, last {formatCount(rows.length)} records
      </Text>
      <ColumnChart label={`Calls per day, last ${rows.length} records`} bars={days.map((day) => ({ key: day, label: day, value: counts.get(day) ?? 0 }))} />
    </Stack>
  )
}

export function CallRecords() {
  const accounts = useAccountsStore((state) => state.accounts)
  const [accountId, setAccountId] = useState<string | null>(null)
  const [page, setPage] = useState(1)
  const [exporting, setExporting] = useState(false)
  const [exported, setExported] = useState<{ file: string; rows: number } | undefined>()
  const scope = accountId ?? undefined
  const loadPage = useCallback(() => call('cdrs.records', { accountId: scope, offset: (page - 1) * pageSize, limit: pageSize }), [scope, page])
  const loadRecent = useCallback(() => call('cdrs.records', { accountId: scope, offset: 0, limit: chartRecords }), [scope])
  const records = useCached(loadPage)
  const recent = useCached(loadRecent)
  const total = records.data?.total
  const rows = records.data?.rows ?? []
  const pages = Math.max(1, Math.ceil((total ?? 0) / pageSize))

  const exportCsv = async (): Promise<void> => {
    setExporting(true)
    setExported(undefined)
    try {
      setExported(await call('cdrs.export', { accountId: scope, timeZone: timeZone() }))
    } catch (error) {
      notifyError('Could not export the call records', error)
    } finally {
      setExporting(false)
    }
  }

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={6}>
          <Group gap="md" wrap="nowrap">
            <Text size="sm" fw={600} aria-live="polite" data-testid="cdr-records-total">
              {total === undefined ? 'Loading…' : `${formatCount(total)} call record${total === 1 ? '' : 's'}`}
            </Text>
            <Button size="xs" variant="default" leftSection={<IconFileExport size={14} />} loading={exporting} disabled={!total} onClick={() => void exportCsv()}>
              Export CSV
            </Button>
          </Group>
          <Select
            label="Account"
            placeholder="All accounts"
            size="xs"
            w={240}
            clearable
            data={accounts.map((account) => ({ value: account.id, label: account.name }))}
            value={accountId}
            onChange={(value) => {
              setAccountId(value)
              setPage(1)
            }}
          />
        </Stack>
        <CallsPerDay rows={recent.data?.rows ?? []} />
      </Group>
      {exported && (
        <div role="status" aria-label="Export result">
          <Alert color="teal" variant="light" withCloseButton onClose={() => setExported(undefined)} closeButtonLabel="Dismiss export result" title="Export finished">
            <Text size="sm">
              {formatCount(exported.rows)} rows written to{' '}
              <span className="cd-mono" data-testid="cdr-export-file">
                {exported.file}
              </span>
            </Text>
          </Alert>
        </div>
      )}
      {records.error && (
        <LoadErrorAlert title="Could not load call records" error={records.error} />
      )}
      {records.data === undefined && records.loading ? (
        <Center py="md">
          <Loader size="sm" aria-label="Loading call records" />
        </Center>
      ) : total === 0 ? (
        <Paper withBorder radius="sm" p="lg">
          <Text size="sm" c="dimmed" ta="center" role="status">
            No cached call records{scope ? ' for this account' : ''}. Sync to fetch call records (carriers that list them do so for recent days).
          </Text>
        </Paper>
      ) : (
        <>
          <Paper withBorder radius="sm">
            <Table aria-label="Call records" className="cd-table" highlightOnHover fz="sm" verticalSpacing={2}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Start ({timeZone()})</Table.Th>
                  <Table.Th>From</Table.Th>
                  <Table.Th>To</Table.Th>
                  <Table.Th ta="right">Duration</Table.Th>
                  <Table.Th>Disposition</Table.Th>
                  <Table.Th ta="right">Cost</Table.Th>
                  <Table.Th>Account</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((record) => (
                  <Table.Tr key={`${record.accountId}:${record.id}`}>
                    <Table.Td className="cd-mono cd-nowrap">{formatTimestamp(record.startedAt)}</Table.Td>
                    <Table.Td className="cd-mono cd-nowrap">{formatPhoneNumber(record.from)}</Table.Td>
                    <Table.Td className="cd-mono cd-nowrap">{formatPhoneNumber(record.to)}</Table.Td>
                    <Table.Td ta="right" className="cd-nowrap">
                      {formatSeconds(record.durationSeconds)}
                    </Table.Td>
                    <Table.Td>{record.disposition}</Table.Td>
                    <Table.Td ta="right" className="cd-nowrap">
                      {record.cost === undefined ? '—' : `$${record.cost.toFixed(4)}`}
                    </Table.Td>
                    <Table.Td>{accountName(accounts, record.accountId)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {total !== undefined && `Rows ${formatCount((page - 1) * pageSize + 1)}–${formatCount(Math.min(page * pageSize, total))} of ${formatCount(total)}, newest first`}
            </Text>
            <Pagination size="sm" total={pages} value={Math.min(page, pages)} onChange={setPage} aria-label="Call record pages" />
          </Group>
        </>
      )}
    </Stack>
  )
}
