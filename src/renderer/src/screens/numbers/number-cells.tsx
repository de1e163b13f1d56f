/** How one cached number shows in each column of the grid. */
import { Badge, Group, Text, Tooltip } from '@mantine/core'
import type { NumberStatus, PhoneNumberRecord } from '../../../../shared/domain'
import { formatAge, formatPhoneNumber, formatTimestamp } from '../../format'
import type { ColumnId } from './columns'

export const statusColors: Record<NumberStatus, string> = {
  active: 'teal',
  reserved: 'violet',
  pending: 'yellow',
  suspended: 'orange',
  porting: 'cyan',
  released: 'gray',
  unknown: 'gray',
}

export function StatusBadges({ record }: { record: Pick<PhoneNumberRecord, 'status' | 'goneAt'> }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge size="sm" variant="light" color={statusColors[record.status]}>
        {record.status}
      </Badge>
      {record.goneAt !== undefined && (
        <Tooltip label={`Missing from the carrier's answer since ${formatTimestamp(record.goneAt)}`}>
          <Badge size="sm" variant="outline" color="red">
            gone
          </Badge>
        </Tooltip>
      )}
    </Group>
  )
}

export function formatMoney(value: number | undefined): string {
  return value === undefined ? '—' : `$${value.toFixed(2)}`
}

const dash = '—'

interface CellProps {
  column: ColumnId
  record: PhoneNumberRecord
  carrierLabel: string
  now: number
}

export function NumberCell({ column, record, carrierLabel, now }: CellProps) {
  switch (column) {
    case 'number':
      return (
        <Text size="sm" className="cd-mono" title={record.e164} truncate>
          {formatPhoneNumber(record.e164)}
        </Text>
      )
    case 'carrier':
      return <Text size="sm" truncate>{carrierLabel}</Text>
    case 'account':
      return (
        <Text size="sm" truncate title={record.accountName}>
          {record.accountName ?? record.accountId}
        </Text>
      )
    case 'type':
      return <Text size="sm">{record.type}</Text>
    case 'status':
      return <StatusBadges record={record} />
    case 'state':
      return <Text size="sm">{record.state ?? dash}</Text>
    case 'rateCenter':
      return <Text size="sm" truncate>{record.rateCenter ?? dash}</Text>
    case 'trunk':
      return (
        <Text size="sm" className="cd-mono" truncate title={record.trunk}>
          {record.trunk ?? dash}
        </Text>
      )
    case 'cnam':
      return <Text size="sm" truncate>{record.cnam ?? dash}</Text>
    case 'e911':
      return (
        <Text size="sm" truncate title={record.e911} c={record.e911 ? undefined : 'dimmed'}>
          {record.e911 ?? 'none'}
        </Text>
      )
    case 'monthlyCost':
      return <Text size="sm">{formatMoney(record.monthlyCost)}</Text>
    case 'tags':
      return (
        <Text size="sm" truncate c="dimmed">
          {(record.tags ?? []).join(', ') || dash}
        </Text>
      )
    case 'asOf':
      return (
        <Text size="sm" c="dimmed" title={formatTimestamp(record.asOf)}>
          {formatAge(record.asOf, now)}
        </Text>
      )
  }
}
