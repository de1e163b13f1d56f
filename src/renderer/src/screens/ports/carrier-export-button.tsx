/**
 * The carrier's own CSV export of its port orders (Call48's export-list: the requests, one request's sub
 * orders or one sub order's numbers), saved with the other downloads; where the file went is said in a
 * notification, and by the note its caller places under its actions until the next export.
 */
import { Button, Menu, Text } from '@mantine/core'
import { IconChevronDown } from '@tabler/icons-react'
import { useState } from 'react'
import { call } from '../../bridge'
import { formatCount } from '../../format'
import { notifyError, notifySuccess } from '../../notify'

export interface CarrierExportTarget {
  key: string
  /** What the menu item says (an account's name, "This sub order's numbers"). */
  label: string
  accountId: string
  orderId?: string | undefined
}

export interface SavedExport {
  file: string
  rows: number
}

/** Where the last carrier export went, in full (a path to open or copy). */
export function SavedExportNote({ saved }: { saved: SavedExport | undefined }) {
  if (!saved) return null
  return (
    <Text size="xs" c="dimmed" role="status" data-testid="carrier-export-file" mb={4} style={{ wordBreak: 'break-all' }}>
      Carrier&apos;s CSV: {formatCount(saved.rows)} rows saved to {saved.file}
    </Text>
  )
}

export function CarrierExportButton({ targets, label = 'Carrier CSV', onSaved }: { targets: CarrierExportTarget[]; label?: string; onSaved: (saved: SavedExport) => void }) {
  const [busy, setBusy] = useState(false)
  if (targets.length === 0) return null

  const exportOf = async (target: CarrierExportTarget): Promise<void> => {
    setBusy(true)
    try {
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
      const result = await call('ports.export', { source: 'carrier', accountId: target.accountId, orderId: target.orderId, timeZone })
      onSaved(result)
      notifySuccess("Carrier's port export saved", `${formatCount(result.rows)} rows to ${result.file}`)
    } catch (failure) {
      notifyError("The carrier's export failed", failure)
    } finally {
      setBusy(false)
    }
  }

  const [only] = targets
  return targets.length === 1 && only ? (
    <Button size="xs" variant="default" loading={busy} onClick={() => void exportOf(only)} title={`The carrier's own CSV export: ${only.label}`}>
      {label}
    </Button>
  ) : (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" loading={busy} rightSection={<IconChevronDown size={14} />}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown aria-label={label}>
        <Menu.Label>The carrier&apos;s own CSV export</Menu.Label>
        {targets.map((target) => (
          <Menu.Item key={target.key} onClick={() => void exportOf(target)}>
            {target.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}
