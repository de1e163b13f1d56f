/** Trunks: every SIP trunk group at every carrier, from the local cache, with its IPs, status and age. */
import { Badge, Center, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core'
import type { TrunkGroup } from '../../../shared/domain'
import { call } from '../bridge'
import { CacheEmptyState } from '../components/cache-empty-state'
import { LoadErrorAlert } from '../components/load-error-alert'
import { DataAge, oldestAsOf } from '../components/data-age'
import { ScreenHeader } from '../components/screen-header'
import { SyncNowButton } from '../components/sync-now-button'
import { SyncProgressPanel } from '../components/sync-progress-panel'
import { formatAge, formatCount, formatTimestamp } from '../format'
import { accountName, useAccountsStore } from '../stores/accounts'
import { carrierName, useCarriersStore } from '../stores/carriers'
import { useCached } from '../use-cached'
import { useNow } from '../use-now'
import { OfflineBanner } from '../components/offline-banner'

const statusColors: Record<TrunkGroup['status'], string> = { active: 'teal', disabled: 'gray', unknown: 'yellow' }
const directionLabels: Record<TrunkGroup['direction'], string> = {
  origination: 'Origination',
  termination: 'Termination',
  both: 'Both ways',
}

const loadTrunks = (): Promise<TrunkGroup[]> => call('trunks.list', {})

function TrunksTable({ trunks }: { trunks: TrunkGroup[] }) {
  const accounts = useAccountsStore((state) => state.accounts)
  const carriers = useCarriersStore((state) => state.carriers)
  const now = useNow()
  const sorted = [...trunks].sort(
    (a, b) => accountName(accounts, a.accountId).localeCompare(accountName(accounts, b.accountId)) || a.name.localeCompare(b.name),
  )
  return (
    <Paper withBorder radius="sm">
      <Table aria-label="Trunk groups" className="cd-table" highlightOnHover fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Carrier</Table.Th>
            <Table.Th>Account</Table.Th>
            <Table.Th>Direction</Table.Th>
            <Table.Th>IP addresses</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>As of</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((trunk) => (
            <Table.Tr key={`${trunk.accountId}:${trunk.id}`} aria-label={`Trunk ${trunk.name}`}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {trunk.name}
                </Text>
                {trunk.id !== trunk.name && (
                  <Text size="xs" c="dimmed" className="cd-mono">
                    {trunk.id}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{carrierName(carriers, trunk.carrier)}</Table.Td>
              <Table.Td>{accountName(accounts, trunk.accountId)}</Table.Td>
              <Table.Td>{directionLabels[trunk.direction]}</Table.Td>
              <Table.Td>
                {trunk.ips.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    none listed
                  </Text>
                ) : (
                  <Group gap={4}>
                    {trunk.ips.map((ip) => (
                      <Badge key={ip} size="sm" variant="outline" color="gray" radius="sm" tt="none" className="cd-mono">
                        {ip}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={statusColors[trunk.status]}>
                  {trunk.status}
                </Badge>
              </Table.Td>
              <Table.Td className="cd-nowrap" title={formatTimestamp(trunk.asOf)}>
                {formatAge(trunk.asOf, now)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

export function TrunksScreen() {
  const { data, error, loading, reload } = useCached(loadTrunks)
  const trunks = data ?? []
  return (
    <Stack p="lg" gap={0}>
      <ScreenHeader
        title="Trunks"
        description="SIP trunk groups and their IP addresses across your carrier accounts, from the local cache"
        actions={<SyncNowButton areas={['trunks']} tooltip="Fetch the trunk groups of every account again" />}
      />
      <SyncProgressPanel />
      <OfflineBanner />
      {error && (
        <LoadErrorAlert mb="xs" title="Could not load trunk groups" error={error} onRetry={reload} />
      )}
      <Group gap="md" mb="xs">
        <Text size="sm" fw={600} aria-live="polite" data-testid="trunks-total">
          {data === undefined ? 'Loading…' : `${formatCount(trunks.length)} trunk group${trunks.length === 1 ? '' : 's'}`}
        </Text>
        <DataAge asOf={oldestAsOf(trunks)} testId="trunks-data-age" />
      </Group>
      {data === undefined && loading ? (
        <Center py="xl">
          <Loader aria-label="Loading trunk groups" />
        </Center>
      ) : trunks.length === 0 ? (
        !error && <CacheEmptyState title="No cached trunk groups yet" hint="Sync to fetch trunk groups: use “Sync now” to fetch them from the carriers." />
      ) : (
        <TrunksTable trunks={trunks} />
      )}
    </Stack>
  )
}
