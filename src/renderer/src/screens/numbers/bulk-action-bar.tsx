/** The selection bar: how many are selected, "select all matching", and the bulk actions on them. */
import { Button, Group, Paper, Text, Tooltip } from '@mantine/core'
import { IconFolders, IconRoute, IconSelectAll, IconTag, IconTrash, IconUserCircle, IconToggleLeft, IconX } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { formatCount } from '../../format'
import { useCarriersStore } from '../../stores/carriers'
import { useOffline } from '../../stores/connectivity'
import { capabilityFor, useChangeFlowStore, type FlowAction } from './change-flow-store'
import { maxSelection, useNumbersStore } from './numbers-store'

interface BulkButtonProps {
  action: FlowAction
  label: string
  icon: ReactNode
  color?: string
}

function BulkButton({ action, label, icon, color }: BulkButtonProps) {
  const selected = useNumbersStore((state) => state.selected)
  const carriers = useCarriersStore((state) => state.carriers)
  const start = useChangeFlowStore((state) => state.start)
  const offline = useOffline()
  const capability = capabilityFor(action)
  const selectedCarriers = new Set([...selected.values()].map((target) => target.carrier))
  const supported = !capability || carriers.some((carrier) => selectedCarriers.has(carrier.id) && carrier.capabilities.includes(capability))
  // Tags are local, so they stay available offline; everything else reaches a carrier.
  const blockedOffline = offline && capability !== undefined
  const reason = blockedOffline ? 'Offline: read-only' : !supported ? 'None of the selected numbers’ carriers offer this' : undefined
  const button = (
    <Button
      size="xs"
      variant="light"
      color={color}
      leftSection={icon}
      disabled={selected.size === 0 || !supported || blockedOffline}
      onClick={() => start({ action, targets: [...selected.values()], carriers })}
    >
      {label}
    </Button>
  )
  return reason && selected.size > 0 ? <Tooltip label={reason}>{button}</Tooltip> : button
}

export function BulkActionBar() {
  const selected = useNumbersStore((state) => state.selected)
  const total = useNumbersStore((state) => state.total) ?? 0
  const selectingAll = useNumbersStore((state) => state.selectingAll)
  const selectAllMatching = useNumbersStore((state) => state.selectAllMatching)
  const clearSelection = useNumbersStore((state) => state.clearSelection)
  return (
    <Paper withBorder radius="sm" px="sm" py={6} mb="xs" role="toolbar" aria-label="Bulk actions">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={600} data-testid="selection-count" className="cd-nowrap">
            {formatCount(selected.size)} selected
          </Text>
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconSelectAll size={14} />}
            loading={selectingAll}
            disabled={total === 0}
            onClick={() => void selectAllMatching()}
          >
            Select all {formatCount(Math.min(total, maxSelection))} matching
          </Button>
          {selected.size > 0 && (
            <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={clearSelection}>
              Clear selection
            </Button>
          )}
        </Group>
        <Group gap={6} wrap="nowrap">
          <BulkButton action={{ type: 'change', kind: 'routing' }} label="Routing" icon={<IconRoute size={14} />} />
          <BulkButton action={{ type: 'change', kind: 'failover' }} label="Failover" icon={<IconRoute size={14} />} />
          <BulkButton action={{ type: 'change', kind: 'group' }} label="Group" icon={<IconFolders size={14} />} />
          <BulkButton action={{ type: 'change', kind: 'cnam' }} label="CNAM" icon={<IconUserCircle size={14} />} />
          <BulkButton action={{ type: 'change', kind: 'status' }} label="Status" icon={<IconToggleLeft size={14} />} />
          <BulkButton action={{ type: 'tags' }} label="Tags" icon={<IconTag size={14} />} />
          <BulkButton action={{ type: 'release' }} label="Release" icon={<IconTrash size={14} />} color="red" />
        </Group>
      </Group>
    </Paper>
  )
}
