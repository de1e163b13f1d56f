/** The status bar's word on the background port refresh: when port orders were last synced, and its interval. */
import { Group, Text, Tooltip } from '@mantine/core'
import { IconArrowsExchange } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import type { PortSyncStatus } from '../../../shared/ports'
import { call, isBridgeAvailable, subscribe } from '../bridge'
import { formatAge, formatTimestamp } from '../format'
import { useNow } from '../use-now'

export function PortsRefreshStatus() {
  const [status, setStatus] = useState<PortSyncStatus | undefined>()
  const now = useNow(15_000)
  useEffect(() => {
    if (!isBridgeAvailable()) return undefined
    call('ports.syncStatus', {}).then(setStatus, () => undefined)
    return subscribe('ports.syncStatus', setStatus)
  }, [])
  if (!status) return null
  const every = status.intervalMinutes === 0 ? 'Background refresh off' : `Refreshed every ${status.intervalMinutes} min${status.paused === 'offline' ? ' (paused while offline)' : ''}`
  const last = status.lastRunAt === undefined ? 'Ports never synced' : `Ports synced ${formatAge(status.lastRunAt, now)}${status.lastOutcome && status.lastOutcome !== 'succeeded' ? ` (${status.lastOutcome})` : ''}`
  return (
    <Tooltip label={`${every}${status.lastRunAt !== undefined ? ` · last ${formatTimestamp(status.lastRunAt)}` : ''}`}>
      <Group gap={5} data-testid="status-ports" wrap="nowrap">
        <IconArrowsExchange size={14} color="var(--mantine-color-dimmed)" aria-hidden />
        <Text size="xs">{status.running ? 'Refreshing ports…' : last}</Text>
      </Group>
    </Tooltip>
  )
}
