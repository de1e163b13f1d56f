/**
 * Ports: every number port order at every carrier in one lifecycle (draft → submitted → pending → FOC set
 * → completed, or rejected / cancelled), from the local cache. Rejections show their reason in the row.
 */
import { Alert, Badge, Button, Center, Group, Loader, Paper, Select, Stack, Table, Text, Tooltip } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState } from 'react'
import type { PortOrder, PortStatus } from '../../../shared/domain'
import { call } from '../bridge'
import { HorizontalBarChart } from '../components/bar-chart'
import { CacheEmptyState } from '../components/cache-empty-state'
import { LoadErrorAlert } from '../components/load-error-alert'
import { DataAge, oldestAsOf } from '../components/data-age'
import { ScreenHeader } from '../components/screen-header'
import { SyncNowButton } from '../components/sync-now-button'
import { SyncProgressPanel } from '../components/sync-progress-panel'
import { formatAge, formatCount, formatPhoneNumber, formatTimestamp } from '../format'
import { accountName, useAccountsStore } from '../stores/accounts'
import { carrierName, useCarriersStore } from '../stores/carriers'
import { useCached } from '../use-cached'
import { useNow } from '../use-now'
import { OfflineBanner } from '../components/offline-banner'

const portStatuses: PortStatus[] = ['draft', 'submitted', 'pending', 'foc-set', 'completed', 'rejected', 'cancelled', 'unknown']

export const portStatusLabels: Record<PortStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  pending: 'Pending',
  'foc-set': 'FOC set',
  completed: 'Completed',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  unknown: 'Unknown',
}

const portStatusColors: Record<PortStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  pending: 'yellow',
  'foc-set': 'cyan',
  completed: 'teal',
  rejected: 'red',
  cancelled: 'dark',
  unknown: 'gray',
}

/** SVG fills matching the badge colours. */
const chartFill = (status: PortStatus): string => `var(--mantine-color-${portStatusColors[status] === 'dark' ? 'gray' : portStatusColors[status]}-filled)`

const shownNumbers = 3

const loadPorts = (): Promise<PortOrder[]> => call('ports.list', {})

function PortStatusBadge({ status }: { status: PortStatus }) {
  return (
    <Badge size="sm" variant={status === 'rejected' ? 'filled' : 'light'} color={portStatusColors[status]}>
      {portStatusLabels[status]}
    </Badge>
  )
}

function Numbers({ numbers }: { numbers: string[] }) {
  if (numbers.length === 0) return <Text size="sm" c="dimmed">none listed</Text>
  const rest = numbers.length - shownNumbers
  return (
    <Stack gap={0}>
      {numbers.slice(0, shownNumbers).map((e164) => (
        <Text key={e164} size="sm" className="cd-mono cd-nowrap">
          {formatPhoneNumber(e164)}
        </Text>
      ))}
      {rest > 0 && (
        <Tooltip label={numbers.slice(shownNumbers).map(formatPhoneNumber).join(', ')} multiline maw={420}>
          <Text size="xs" c="dimmed">
            +{formatCount(rest)} more
          </Text>
        </Tooltip>
      )}
    </Stack>
  )
}

function PortsTable({ ports }: { ports: PortOrder[] }) {
  const accounts = useAccountsStore((state) => state.accounts)
  const carriers = useCarriersStore((state) => state.carriers)
  const now = useNow()
  return (
    <Paper withBorder radius="sm">
      <Table aria-label="Port orders" className="cd-table" highlightOnHover fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Order</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Numbers</Table.Th>
            <Table.Th>FOC date</Table.Th>
            <Table.Th>Carrier / account</Table.Th>
            <Table.Th>As of</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ports.map((port) => (
            <Table.Tr key={`${port.accountId}:${port.id}`} aria-label={`Port order ${port.id}`} data-status={port.status}>
              <Table.Td className="cd-mono cd-nowrap">{port.id}</Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <PortStatusBadge status={port.status} />
                  {port.status === 'rejected' && (
                    <Group gap={4} wrap="nowrap" align="flex-start">
                      <IconAlertTriangle size={14} color="var(--mantine-color-red-filled)" aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
                      <Text size="sm" c="red" fw={600} maw={360} data-testid="port-rejection">
                        {port.rejectionReason ?? 'The carrier gave no reason'}
                      </Text>
                    </Group>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Numbers numbers={port.numbers} />
              </Table.Td>
              <Table.Td className="cd-nowrap">{port.focDate ?? <Text span size="sm" c="dimmed">—</Text>}</Table.Td>
              <Table.Td>
                <Text size="sm">{carrierName(carriers, port.carrier)}</Text>
                <Text size="xs" c="dimmed">
                  {accountName(accounts, port.accountId)}
                </Text>
              </Table.Td>
              <Table.Td className="cd-nowrap" title={formatTimestamp(port.asOf)}>
                {formatAge(port.asOf, now)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

export function PortsScreen() {
  const { data, error, loading, reload } = useCached(loadPorts)
  const [status, setStatus] = useState<PortStatus | null>(null)
  const ports = data ?? []
  const counts = portStatuses
    .map((each) => ({ status: each, count: ports.filter((port) => port.status === each).length }))
    .filter((entry) => entry.count > 0 || entry.status !== 'unknown')
  const shown = status ? ports.filter((port) => port.status === status) : ports
  const rejected = ports.filter((port) => port.status === 'rejected').length
  return (
    <Stack p="lg" gap={0}>
      <ScreenHeader
        title="Ports"
        description="Number port orders with their status, FOC dates and rejections, from the local cache"
        actions={<SyncNowButton areas={['ports']} tooltip="Fetch the port orders of every account again" />}
      />
      <SyncProgressPanel />
      <OfflineBanner />
      {error && (
        <LoadErrorAlert mb="xs" title="Could not load port orders" error={error} onRetry={reload} />
      )}
      {data === undefined && loading ? (
        <Center py="xl">
          <Loader aria-label="Loading port orders" />
        </Center>
      ) : ports.length === 0 ? (
        <>
          <Group mb="xs">
            <DataAge asOf={undefined} testId="ports-data-age" />
          </Group>
          {!error && <CacheEmptyState title="No cached port orders yet" hint="Sync to fetch port orders: use “Sync now” to fetch them from the carriers." />}
        </>
      ) : (
        <>
          {rejected > 0 && (
            <Alert color="red" variant="light" mb="xs" icon={<IconAlertTriangle size={18} />} title={`${rejected} port order${rejected === 1 ? ' was' : 's were'} rejected`}>
              <Group justify="space-between">
                <Text size="sm">Each rejection’s reason is shown in its row; fix the order at the carrier and resubmit.</Text>
                {status !== 'rejected' && (
                  <Button size="xs" variant="default" onClick={() => setStatus('rejected')}>
                    Show rejected
                  </Button>
                )}
              </Group>
            </Alert>
          )}
          <Group justify="space-between" align="flex-end" mb="xs" wrap="nowrap">
            <Stack gap={6}>
              <Group gap="md" wrap="nowrap">
                <Text size="sm" fw={600} aria-live="polite" data-testid="ports-total">
                  {status ? `${formatCount(shown.length)} of ${formatCount(ports.length)} port orders` : `${formatCount(ports.length)} port order${ports.length === 1 ? '' : 's'}`}
                </Text>
                <DataAge asOf={oldestAsOf(ports)} testId="ports-data-age" />
              </Group>
              <Select
                label="Status"
                placeholder="Any status"
                size="xs"
                w={200}
                clearable
                data={counts.map((entry) => ({ value: entry.status, label: `${portStatusLabels[entry.status]} (${entry.count})` }))}
                value={status}
                onChange={(value) => setStatus(value as PortStatus | null)}
              />
            </Stack>
            <HorizontalBarChart
              label="Port orders by status"
              bars={counts.map((entry) => ({ key: entry.status, label: portStatusLabels[entry.status], value: entry.count, color: chartFill(entry.status) }))}
              onSelect={(key) => setStatus((current) => (current === key ? null : (key as PortStatus)))}
            />
          </Group>
          {shown.length === 0 ? (
            <Paper withBorder radius="sm" p="lg">
              <Text size="sm" c="dimmed" ta="center" role="status">
                No cached port orders with this status.
              </Text>
            </Paper>
          ) : (
            <PortsTable ports={shown} />
          )}
        </>
      )}
    </Stack>
  )
}
