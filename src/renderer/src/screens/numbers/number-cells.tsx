/** How one cached number shows in each column of the grid. */
import { Badge, Group, Tooltip } from '@mantine/core'
import type { NumberStatus, PhoneNumberRecord } from '../../../../shared/domain'
import { formatAge, formatMoney, formatPhoneNumber, formatTimestamp } from '../../format'
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

const dash = '—'

/** The grid's row label ("+1 (305) 555-0100"), formatted once per fetched row rather than per render. */
const labels = new WeakMap<PhoneNumberRecord, string>()
export function rowLabel(record: PhoneNumberRecord): string {
  let label = labels.get(record)
  if (label === undefined) {
    label = formatPhoneNumber(record.e164)
    labels.set(record, label)
  }
  return label
}

interface CellProps {
  column: ColumnId
  record: PhoneNumberRecord
  carrierLabel: string
  now: number
}

/**
 * One grid cell, the gridcell element itself: a plain element styled by app.css (`cd-cell*`), not Mantine
 * components. A scrolled million-row grid mounts a dozen of these per row on every frame; Mantine's
 * per-component style resolution, and a wrapper element per cell, cost more than the frame budget.
 */
export function NumberCell({ column, record, carrierLabel, now }: CellProps) {
  switch (column) {
    case 'number':
      return <TextCell className="cd-cell cd-mono" title={record.e164} text={rowLabel(record)} />
    case 'carrier':
      return <TextCell text={carrierLabel} />
    case 'account':
      return <TextCell title={record.accountName} text={record.accountName ?? record.accountId} />
    case 'type':
      return <TextCell text={record.type} />
    case 'status':
      return (
        <div role="gridcell" className="cd-cell cd-cell-badges">
          <span className={`cd-cell-badge cd-cell-badge-${statusColors[record.status]}`}>{record.status}</span>
          {record.goneAt !== undefined && (
            <span className="cd-cell-badge cd-cell-badge-gone" title={`Missing from the carrier's answer since ${formatTimestamp(record.goneAt)}`}>
              gone
            </span>
          )}
        </div>
      )
    case 'state':
      return <TextCell text={record.state ?? dash} />
    case 'rateCenter':
      return <TextCell text={record.rateCenter ?? dash} />
    case 'trunk':
      return <TextCell className="cd-cell cd-mono" title={record.trunk} text={record.trunk ?? dash} />
    case 'cnam':
      return <TextCell text={record.cnam ?? dash} />
    case 'e911':
      return <TextCell className={record.e911 ? 'cd-cell' : 'cd-cell cd-cell-dimmed'} title={record.e911} text={record.e911 ?? 'none'} />
    case 'group':
      return <TextCell text={record.group ?? dash} />
    case 'failover':
      return <TextCell className="cd-cell cd-mono" title={record.failover} text={record.failover ? formatPhoneNumber(record.failover) : dash} />
    case 'monthlyCost':
      return <TextCell className="cd-cell cd-cell-right" text={formatMoney(record.monthlyCost)} />
    case 'tags':
      return <TextCell className="cd-cell cd-cell-dimmed" text={(record.tags ?? []).join(', ') || dash} />
    case 'asOf':
      return <TextCell className="cd-cell cd-cell-dimmed" title={formatTimestamp(record.asOf)} text={formatAge(record.asOf, now)} />
  }
}

function TextCell({ text, title, className = 'cd-cell' }: { text: string; title?: string | undefined; className?: string }) {
  return (
    <div role="gridcell" className={className} title={title}>
      {text}
    </div>
  )
}
