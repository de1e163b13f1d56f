/** Live progress of the followed sync run: per account and area, pages, rows and rate, with Cancel. */
import { Badge, Button, CloseButton, Group, Paper, Progress, Table, Text } from '@mantine/core'
import { IconPlayerStop } from '@tabler/icons-react'
import type { SyncProgress } from '../../../shared/domain'
import { formatCount, formatRate } from '../format'
import { accountName, useAccountsStore } from '../stores/accounts'
import { useSyncStore } from '../stores/sync'

const phaseColors: Record<SyncProgress['phase'], string> = {
  started: 'blue',
  page: 'blue',
  finished: 'teal',
  failed: 'red',
  cancelled: 'gray',
}
const phaseLabels: Record<SyncProgress['phase'], string> = {
  started: 'starting',
  page: 'fetching',
  finished: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
}

export function SyncProgressPanel() {
  const run = useSyncStore((state) => state.run)
  const cancel = useSyncStore((state) => state.cancel)
  const dismiss = useSyncStore((state) => state.dismiss)
  const accounts = useAccountsStore((state) => state.accounts)
  if (!run) return null

  const events = Object.values(run.progress).sort(
    (a, b) => accountName(accounts, a.accountId).localeCompare(accountName(accounts, b.accountId)) || a.area.localeCompare(b.area),
  )
  const totalRows = events.reduce((total, event) => total + event.rows, 0)
  const totalRate = events
    .filter((event) => event.phase === 'page' || event.phase === 'started')
    .reduce((total, event) => total + event.rowsPerSecond, 0)
  const waitingFor = run.expectedAccountIds.filter((id) => !events.some((event) => event.accountId === id))
  const doneAreas = events.filter((event) => event.phase !== 'page' && event.phase !== 'started').length
  const expectedAreas = Math.max(events.length + waitingFor.length, 1)

  return (
    <Paper withBorder radius="sm" p="sm" mb="md" aria-label="Sync progress" role="region">
      <Group justify="space-between" mb={6}>
        <Group gap="xs">
          <Text fw={600} size="sm">
            {run.finished ? 'Sync finished' : run.cancelling ? 'Cancelling sync…' : 'Sync in progress'}
          </Text>
          <Text size="sm" c="dimmed">
            {formatCount(totalRows)} rows{run.finished ? '' : ` · ${formatRate(totalRate)}`}
          </Text>
        </Group>
        {run.finished ? (
          <CloseButton size="sm" aria-label="Dismiss sync progress" onClick={dismiss} />
        ) : (
          <Button
            size="compact-sm"
            color="red"
            variant="light"
            leftSection={<IconPlayerStop size={14} />}
            loading={run.cancelling}
            onClick={() => void cancel()}
          >
            Cancel sync
          </Button>
        )}
      </Group>
      <Progress
        value={run.finished ? 100 : Math.max(5, (doneAreas / expectedAreas) * 100)}
        animated={!run.finished}
        striped={!run.finished}
        size="sm"
        mb="xs"
        aria-label="Sync completion"
        color={run.finished && events.some((event) => event.phase === 'failed') ? 'red' : undefined}
      />
      <Table aria-label="Sync progress by account" withRowBorders={false} verticalSpacing={2} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Account</Table.Th>
            <Table.Th>Area</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th ta="right">Pages</Table.Th>
            <Table.Th ta="right">Rows</Table.Th>
            <Table.Th ta="right">Rate</Table.Th>
            <Table.Th>Message</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={`${event.accountId}:${event.area}`}>
              <Table.Td>{accountName(accounts, event.accountId)}</Table.Td>
              <Table.Td>{event.area}</Table.Td>
              <Table.Td>
                <Badge size="xs" variant="light" color={phaseColors[event.phase]}>
                  {phaseLabels[event.phase]}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{formatCount(event.pages)}</Table.Td>
              <Table.Td ta="right">{formatCount(event.rows)}</Table.Td>
              <Table.Td ta="right" className="cd-nowrap">
                {event.phase === 'page' || event.phase === 'started' ? formatRate(event.rowsPerSecond) : '—'}
              </Table.Td>
              <Table.Td>
                <Text size="xs" c={event.phase === 'failed' ? 'red' : 'dimmed'} lineClamp={1} title={event.message}>
                  {event.message ?? ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
          {!run.finished &&
            waitingFor.map((id) => (
              <Table.Tr key={`waiting:${id}`}>
                <Table.Td>{accountName(accounts, id)}</Table.Td>
                <Table.Td>—</Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="outline" color="gray">
                    queued
                  </Badge>
                </Table.Td>
                <Table.Td />
                <Table.Td />
                <Table.Td />
                <Table.Td />
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}
