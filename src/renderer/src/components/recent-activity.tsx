/** A subject's recent activity-log entries (a number's, a trunk's): when, what, its outcome, the message. */
import { Badge, Table, Text } from '@mantine/core'
import type { ActivityEntry } from '../../../shared/domain'
import { formatAge, formatTimestamp } from '../format'

export function RecentActivity({ entries, now, empty }: { entries: ActivityEntry[]; now: number; empty: string }) {
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    )
  }
  return (
    <Table aria-label="Recent activity" fz="xs" verticalSpacing={2}>
      <Table.Tbody>
        {entries.map((entry) => (
          <Table.Tr key={entry.id}>
            <Table.Td className="cd-nowrap" title={formatTimestamp(entry.at)}>
              {formatAge(entry.at, now)}
            </Table.Td>
            <Table.Td>{entry.action}</Table.Td>
            <Table.Td>
              <Badge size="xs" variant="light" color={entry.result === 'succeeded' ? 'teal' : entry.result === 'failed' ? 'red' : 'yellow'}>
                {entry.result}
              </Badge>
            </Table.Td>
            <Table.Td>{entry.message ?? ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
