/** Bottom status bar: online state, age of the cached data, a running sync, account count, version. */
import { Group, Loader, Text, Tooltip } from '@mantine/core'
import { IconClock, IconDatabase, IconWifi, IconWifiOff } from '@tabler/icons-react'
import { formatAge, formatCount, formatTimestamp } from '../format'
import { useAppStatusStore } from '../stores/app-status'
import { useSyncStore } from '../stores/sync'
import { useNow } from '../use-now'
import { PortsRefreshStatus } from './ports-refresh-status'

function Separator() {
  return (
    <Text size="xs" c="dimmed" aria-hidden>
      ·
    </Text>
  )
}

function OnlineIndicator() {
  const status = useAppStatusStore((state) => state.status)
  const unreachable = useAppStatusStore((state) => state.unreachable)
  if (unreachable || !status) {
    return (
      <Group gap={5} data-testid="status-online" wrap="nowrap" role="status">
        <IconWifiOff size={14} color="var(--mantine-color-dimmed)" aria-hidden />
        <Text size="xs" c="dimmed">
          {unreachable ? 'Status unavailable' : 'Checking…'}
        </Text>
      </Group>
    )
  }
  return (
    <Group gap={5} data-testid="status-online" wrap="nowrap" role="status">
      {status.online ? (
        <IconWifi size={14} color="var(--mantine-color-teal-filled)" aria-hidden />
      ) : (
        <IconWifiOff size={14} color="var(--mantine-color-red-filled)" aria-hidden />
      )}
      <Text size="xs" c={status.online ? undefined : 'red'} fw={status.online ? 400 : 600}>
        {status.online ? 'Online' : 'Offline — showing cached data'}
      </Text>
    </Group>
  )
}

function DataAge() {
  const asOf = useAppStatusStore((state) => state.status?.oldestDataAsOf)
  const now = useNow(15_000)
  const stale = asOf !== undefined && now - asOf > 24 * 60 * 60 * 1000
  return (
    <Tooltip label={asOf === undefined ? 'Nothing has been synced yet' : `Oldest cached record fetched ${formatTimestamp(asOf)}`}>
      <Group gap={5} data-testid="status-data-age" wrap="nowrap">
        <IconClock size={14} color="var(--mantine-color-dimmed)" aria-hidden />
        <Text size="xs" c={stale ? 'yellow' : undefined}>
          {asOf === undefined ? 'No cached data' : `Data as of ${formatAge(asOf, now)}`}
        </Text>
      </Group>
    </Tooltip>
  )
}

function SyncIndicator() {
  const run = useSyncStore((state) => state.run)
  if (!run || run.finished) return null
  const rows = Object.values(run.progress).reduce((total, event) => total + event.rows, 0)
  return (
    <>
      <Separator />
      <Group gap={5} data-testid="status-sync" wrap="nowrap">
        <Loader size={10} />
        <Text size="xs">{run.cancelling ? 'Cancelling sync…' : `Syncing — ${formatCount(rows)} rows`}</Text>
      </Group>
    </>
  )
}

export function StatusBar() {
  const status = useAppStatusStore((state) => state.status)
  return (
    <Group h="100%" justify="space-between" wrap="nowrap">
      <Group gap="xs" wrap="nowrap">
        <OnlineIndicator />
        <Separator />
        <DataAge />
        <Separator />
        <PortsRefreshStatus />
        <SyncIndicator />
      </Group>
      <Group gap="xs" wrap="nowrap">
        {status && (
          <>
            <Group gap={5} data-testid="status-accounts" wrap="nowrap">
              <IconDatabase size={14} color="var(--mantine-color-dimmed)" aria-hidden />
              <Text size="xs">
                {status.accounts === 1 ? '1 account' : `${formatCount(status.accounts)} accounts`}
              </Text>
            </Group>
            <Separator />
            <Text size="xs" c="dimmed" data-testid="status-version">
              CarrierDesk v{status.version}
            </Text>
          </>
        )}
      </Group>
    </Group>
  )
}
