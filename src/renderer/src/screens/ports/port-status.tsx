/** How a port's state looks everywhere on the Ports screen: its label, its colour and its badge. */
import { Badge } from '@mantine/core'
import type { PortStatus } from '../../../../shared/domain'

export const portStatuses: PortStatus[] = ['draft', 'submitted', 'pending', 'foc-set', 'completed', 'rejected', 'cancelled', 'unknown']

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

export const portStatusColors: Record<PortStatus, string> = {
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
export const chartFill = (status: PortStatus): string => `var(--mantine-color-${portStatusColors[status] === 'dark' ? 'gray' : portStatusColors[status]}-filled)`

export function PortStatusBadge({ status }: { status: PortStatus }) {
  return (
    <Badge size="sm" variant={status === 'rejected' ? 'filled' : 'light'} color={portStatusColors[status]}>
      {portStatusLabels[status]}
    </Badge>
  )
}
