/** Activity: the audit log of every mutation (who, what, when, result), newest first, live via `activity.added`. */
import { Badge, Button, Center, Group, Paper, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core'
import { IconRefresh, IconSearch } from '@tabler/icons-react'
import { useDeferredValue, useState } from 'react'
import type { ActivityEntry, ActivityResult } from '../../../shared/domain'
import { ScreenHeader } from '../components/screen-header'
import { formatAge, formatTimestamp } from '../format'
import { accountName, useAccountsStore } from '../stores/accounts'
import { useActivityStore } from '../stores/activity'
import { carrierName, useCarriersStore } from '../stores/carriers'
import { useNow } from '../use-now'

const resultColors: Record<ActivityResult, string> = { succeeded: 'teal', failed: 'red', unknown: 'yellow' }

function matches(entry: ActivityEntry, account: string, query: string): boolean {
  if (!query) return true
  const haystack = [entry.actor, account, entry.action, entry.target, entry.result, entry.message]
    .filter(Boolean)
    .join(' ')
    .toLowerCase()
  return haystack.includes(query)
}

export function ActivityScreen() {
  const entries = useActivityStore((state) => state.entries)
  const loaded = useActivityStore((state) => state.loaded)
  const reload = useActivityStore((state) => state.load)
  const accounts = useAccountsStore((state) => state.accounts)
  const carriers = useCarriersStore((state) => state.carriers)
  const [filter, setFilter] = useState('')
  const query = useDeferredValue(filter.trim().toLowerCase())
  const now = useNow()

  const accountLabel = (entry: ActivityEntry): string => {
    if (entry.accountId) return accountName(accounts, entry.accountId)
    return entry.carrier ? carrierName(carriers, entry.carrier) : '—'
  }
  const shown = entries.filter((entry) => matches(entry, accountLabel(entry), query))

  return (
    <Stack p="lg" gap={0}>
      <ScreenHeader
        title="Activity"
        description="Every change CarrierDesk made or tried to make, with its result. Secrets are never recorded."
        actions={
          <>
            <TextInput
              aria-label="Filter activity"
              placeholder="Filter…"
              leftSection={<IconSearch size={14} />}
              value={filter}
              onChange={(event) => setFilter(event.currentTarget.value)}
              w={240}
            />
            <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => void reload()}>
              Refresh
            </Button>
          </>
        }
      />
      <Paper withBorder radius="sm">
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label="Activity" highlightOnHover className="cd-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Actor</Table.Th>
                <Table.Th>Account</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th>Result</Table.Th>
                <Table.Th>Message</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td className="cd-nowrap">
                    <Tooltip label={formatAge(entry.at, now)}>
                      <Text size="sm" className="cd-mono">
                        {formatTimestamp(entry.at)}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td className="cd-nowrap">{entry.actor}</Table.Td>
                  <Table.Td>{accountLabel(entry)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" className="cd-mono">
                      {entry.action}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="cd-mono">
                      {entry.target ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={resultColors[entry.result]}>
                      {entry.result}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={entry.result === 'failed' ? 'red' : undefined}>
                      {entry.message ?? ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {loaded && shown.length === 0 && (
          <Center p="xl">
            <Text c="dimmed" size="sm">
              {entries.length === 0
                ? 'No activity yet. Changes made through CarrierDesk (adding accounts, syncs, orders) appear here.'
                : 'No activity matches the filter.'}
            </Text>
          </Center>
        )}
        {loaded && entries.length > 0 && (
          <Group justify="flex-end" px="sm" py={6}>
            <Text size="xs" c="dimmed">
              Showing {shown.length.toLocaleString()} of the latest {entries.length.toLocaleString()} entries
            </Text>
          </Group>
        )}
      </Paper>
    </Stack>
  )
}
