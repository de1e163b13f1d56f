/**
 * Ports: one board of every port order at every carrier in one lifecycle (draft → submitted → pending → FOC
 * set → completed, or rejected / cancelled), from the local cache, filtered by state and searched by number
 * or order id; a row opens its detail panel with the actions its carrier offers. New ports are checked and
 * submitted from here, VoIP Innovations ports tracked by id, the board exported to CSV (or a carrier's own
 * CSV export of its orders); notices of changes
 * found by syncs are listed here and cleared from the navigation's badge once seen.
 */
import { Alert, Button, Center, Group, Loader, Modal, Paper, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core'
import { IconAlertTriangle, IconBell, IconSearch } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import type { PortOrder, PortStatus } from '../../../../shared/domain'
import { call, subscribe } from '../../bridge'
import { HorizontalBarChart } from '../../components/bar-chart'
import { CacheEmptyState } from '../../components/cache-empty-state'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { DataAge, oldestAsOf } from '../../components/data-age'
import { ScreenHeader } from '../../components/screen-header'
import { SyncNowButton } from '../../components/sync-now-button'
import { SyncProgressPanel } from '../../components/sync-progress-panel'
import { formatAge, formatCount, formatPhoneNumber, formatTimestamp } from '../../format'
import { notifyError, notifySuccess } from '../../notify'
import { accountName, useAccountsStore } from '../../stores/accounts'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { usePortNoticesStore } from '../../stores/port-notices'
import { useCached } from '../../use-cached'
import { useNow } from '../../use-now'
import { OfflineBanner } from '../../components/offline-banner'
import { CarrierExportButton, SavedExportNote, type SavedExport } from './carrier-export-button'
import { NewPortModal } from './new-port-modal'
import { PortDetailDrawer, type PortRef } from './port-detail'
import { chartFill, portStatuses, portStatusLabels, PortStatusBadge } from './port-status'

const shownNumbers = 3


function Numbers({ numbers }: { numbers: string[] }) {
  if (numbers.length === 0) return <Text size="sm" c="dimmed">none listed</Text>
  const rest = numbers.length - shownNumbers
  return (
    <Stack gap={0}>
      {numbers.slice(0, shownNumbers).map((e164) => (
        <Text key={e164} size="sm" className="cd-mono cd-nowrap">
          {formatPhoneNumber(e164)}
        </Text>
      ))}
      {rest > 0 && (
        <Tooltip label={numbers.slice(shownNumbers).map(formatPhoneNumber).join(', ')} multiline maw={420}>
          <Text size="xs" c="dimmed">
            +{formatCount(rest)} more
          </Text>
        </Tooltip>
      )}
    </Stack>
  )
}

function PortsTable({ ports, onOpen }: { ports: PortOrder[]; onOpen: (ref: PortRef) => void }) {
  const accounts = useAccountsStore((state) => state.accounts)
  const carriers = useCarriersStore((state) => state.carriers)
  const now = useNow()
  return (
    <Paper withBorder radius="sm">
      <Table aria-label="Port orders" className="cd-table" highlightOnHover fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Order</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Numbers</Table.Th>
            <Table.Th>FOC date</Table.Th>
            <Table.Th>Carrier / account</Table.Th>
            <Table.Th>As of</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ports.map((port) => (
            <Table.Tr
              key={`${port.accountId}:${port.id}`}
              aria-label={`Port order ${port.id}`}
              data-status={port.status}
              tabIndex={0}
              style={{ cursor: 'pointer' }}
              onClick={() => onOpen({ accountId: port.accountId, orderId: port.id })}
              onKeyDown={(event) => {
                if (event.key === 'Enter') onOpen({ accountId: port.accountId, orderId: port.id })
              }}
            >
              <Table.Td className="cd-mono cd-nowrap">{port.id}</Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <PortStatusBadge status={port.status} />
                  {port.status === 'rejected' && (
                    <Group gap={4} wrap="nowrap" align="flex-start">
                      <IconAlertTriangle size={14} color="var(--mantine-color-red-filled)" aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
                      <Text size="sm" c="red" fw={600} maw={360} data-testid="port-rejection">
                        {port.rejectionReason ?? 'The carrier gave no reason'}
                      </Text>
                    </Group>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Numbers numbers={port.numbers} />
              </Table.Td>
              <Table.Td className="cd-nowrap">{port.focDate ?? <Text span size="sm" c="dimmed">—</Text>}</Table.Td>
              <Table.Td>
                <Text size="sm">{carrierName(carriers, port.carrier)}</Text>
                <Text size="xs" c="dimmed">
                  {accountName(accounts, port.accountId)}
                </Text>
              </Table.Td>
              <Table.Td className="cd-nowrap" title={formatTimestamp(port.asOf)}>
                {formatAge(port.asOf, now)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

/** Follows a VoIP Innovations port by its id (VI cannot list ports); sync refreshes it from then on. */
function TrackPortModal({ opened, onClose, onTracked }: { opened: boolean; onClose: () => void; onTracked: (ref: PortRef) => void }) {
  const carriers = useCarriersStore((state) => state.carriers)
  const trackers = useAccountsStore((state) => state.accounts).filter((account) => carriers.find((carrier) => carrier.id === account.carrier)?.capabilities.includes('ports.track'))
  const [accountId, setAccountId] = useState<string | null>(null)
  const [portId, setPortId] = useState('')
  const [busy, setBusy] = useState(false)
  const chosen = accountId ?? trackers[0]?.id ?? null
  const track = async (): Promise<void> => {
    if (!chosen) return
    setBusy(true)
    try {
      const order = await call('ports.track', { accountId: chosen, portId: portId.trim() })
      notifySuccess(`Tracking port ${order.id}`, `${portStatusLabels[order.status]}${order.focDate ? `, FOC ${order.focDate}` : ''}`)
      onTracked({ accountId: chosen, orderId: order.id })
      onClose()
    } catch (failure) {
      notifyError('The port cannot be tracked', failure)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title="Track a port" aria-label="Track a port">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">VoIP Innovations cannot list ports: give the port id it sent you, and every sync reads it again.</Text>
        <Select label="Account" data={trackers.map((account) => ({ value: account.id, label: account.name }))} value={chosen} onChange={setAccountId} />
        <TextInput label="Port id" value={portId} onChange={(event) => setPortId(event.currentTarget.value)} error={portId !== '' && !/^\d{1,12}$/.test(portId.trim()) ? 'A port id is a whole number' : undefined} />
        <Group justify="flex-end">
          <Button onClick={() => void track()} loading={busy} disabled={!chosen || !/^\d{1,12}$/.test(portId.trim())}>
            Track
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

/** Notices of changes found by syncs; the screen marks them seen (the navigation's badge clears). */
function PortNotices() {
  const { notices, unseen, markSeen } = usePortNoticesStore()
  const [shownAsNew] = useState(() => new Set(usePortNoticesStore.getState().notices.filter((notice) => !notice.seenAt).map((notice) => notice.id)))
  useEffect(() => {
    if (unseen > 0) void markSeen()
  }, [unseen, markSeen])
  if (notices.length === 0) return null
  return (
    <Paper withBorder radius="sm" p="xs" mb="xs" aria-label="Port notices">
      <Group gap={6} mb={4}>
        <IconBell size={16} aria-hidden />
        <Text size="sm" fw={600}>Latest changes</Text>
      </Group>
      <Stack gap={2}>
        {notices.slice(0, 5).map((notice) => (
          <Text key={notice.id} size="xs" fw={shownAsNew.has(notice.id) ? 700 : 400} data-testid="port-notice" data-kind={notice.kind}>
            {formatTimestamp(notice.at)} · {notice.title} — {notice.message}
          </Text>
        ))}
      </Stack>
    </Paper>
  )
}

export function PortsScreen() {
  const [search, setSearch] = useState('')
  const [opened, setOpened] = useState<PortRef | undefined>()
  const [creating, setCreating] = useState(false)
  const [tracking, setTracking] = useState(false)
  const [exporting, setExporting] = useState(false)
  const [carrierExported, setCarrierExported] = useState<SavedExport | undefined>()
  const carriers = useCarriersStore((state) => state.carriers)
  const query = search.trim()
  const [load, setLoad] = useState(() => () => call('ports.list', {}))
  useEffect(() => {
    const timer = setTimeout(() => setLoad(() => () => call('ports.list', query === '' ? {} : { search: query })), 200)
    return () => clearTimeout(timer)
  }, [query])
  const { data, error, loading, reload } = useCached(load)
  useEffect(() => subscribe('ports.changed', reload), [reload])
  const [status, setStatus] = useState<PortStatus | null>(null)
  const ports = data ?? []
  const counts = portStatuses
    .map((each) => ({ status: each, count: ports.filter((port) => port.status === each).length }))
    .filter((entry) => entry.count > 0 || entry.status !== 'unknown')
  const shown = status ? ports.filter((port) => port.status === status) : ports
  const rejected = ports.filter((port) => port.status === 'rejected').length
  const canSubmit = carriers.some((carrier) => carrier.capabilities.includes('ports.submit'))
  const canTrack = carriers.some((carrier) => carrier.capabilities.includes('ports.track'))
  const accounts = useAccountsStore((state) => state.accounts)
  const carrierExports = accounts
    .filter((account) => carriers.find((carrier) => carrier.id === account.carrier)?.capabilities.includes('ports.export'))
    .map((account) => ({ key: account.id, label: `Every order at ${account.name}`, accountId: account.id }))
  const exportBoard = async (): Promise<void> => {
    setExporting(true)
    try {
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
      const result = await call('ports.export', { source: 'board', status: status ?? undefined, search: query === '' ? undefined : query, timeZone })
      notifySuccess('Port orders exported', `${formatCount(result.rows)} rows to ${result.file}`)
    } catch (failure) {
      notifyError('Export failed', failure)
    } finally {
      setExporting(false)
    }
  }
  const actions = (
    <Group gap="xs">
      {canSubmit && (
        <Button size="xs" onClick={() => setCreating(true)}>
          New port
        </Button>
      )}
      {canTrack && (
        <Button size="xs" variant="default" onClick={() => setTracking(true)}>
          Track a port
        </Button>
      )}
      <Button size="xs" variant="default" onClick={() => void exportBoard()} loading={exporting} disabled={ports.length === 0}>
        Export CSV
      </Button>
      <CarrierExportButton targets={carrierExports} label="Carrier CSV" onSaved={setCarrierExported} />
      <SyncNowButton areas={['ports']} tooltip="Fetch the port orders of every account again" />
    </Group>
  )
  return (
    <Stack p="lg" gap={0}>
      <ScreenHeader
        title="Ports"
        description="Number port orders with their status, FOC dates and rejections, from the local cache"
        actions={actions}
      />
      <SavedExportNote saved={carrierExported} />
      <SyncProgressPanel />
      <OfflineBanner />
      <PortNotices />
      <TextInput
        mb="xs"
        w={360}
        size="xs"
        leftSection={<IconSearch size={14} />}
        placeholder="Search by number, order id, account or rejection"
        aria-label="Search port orders"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      <NewPortModal opened={creating} onClose={() => setCreating(false)} onSubmitted={(orderId) => { reload(); setSearch(orderId) }} />
      <TrackPortModal opened={tracking} onClose={() => setTracking(false)} onTracked={(ref) => { reload(); setOpened(ref) }} />
      <PortDetailDrawer target={opened} onClose={() => setOpened(undefined)} onOpen={setOpened} onChanged={reload} />
      {error && (
        <LoadErrorAlert mb="xs" title="Could not load port orders" error={error} onRetry={reload} />
      )}
      {data === undefined && loading ? (
        <Center py="xl">
          <Loader aria-label="Loading port orders" />
        </Center>
      ) : ports.length === 0 ? (
        <>
          <Group mb="xs">
            <DataAge asOf={undefined} testId="ports-data-age" />
          </Group>
          {!error && query !== '' ? (
            <Text size="sm" c="dimmed" role="status">
              No cached port order matches “{query}”.
            </Text>
          ) : (
            !error && <CacheEmptyState title="No cached port orders yet" hint="Sync to fetch port orders: use “Sync now” to fetch them from the carriers." />
          )}
        </>
      ) : (
        <>
          {rejected > 0 && (
            <Alert color="red" variant="light" mb="xs" icon={<IconAlertTriangle size={18} />} title={`${rejected} port order${rejected === 1 ? ' was' : 's were'} rejected`}>
              <Group justify="space-between">
                <Text size="sm">Each rejection’s reason is shown in its row; open the order to fix it and resubmit.</Text>
                {status !== 'rejected' && (
                  <Button size="xs" variant="default" onClick={() => setStatus('rejected')}>
                    Show rejected
                  </Button>
                )}
              </Group>
            </Alert>
          )}
          <Group justify="space-between" align="flex-end" mb="xs" wrap="nowrap">
            <Stack gap={6}>
              <Group gap="md" wrap="nowrap">
                <Text size="sm" fw={600} aria-live="polite" data-testid="ports-total">
                  {status ? `${formatCount(shown.length)} of ${formatCount(ports.length)} port orders` : `${formatCount(ports.length)} port order${ports.length === 1 ? '' : 's'}`}
                </Text>
                <DataAge asOf={oldestAsOf(ports)} testId="ports-data-age" />
              </Group>
              <Select
                label="Status"
                placeholder="Any status"
                size="xs"
                w={200}
                clearable
                data={counts.map((entry) => ({ value: entry.status, label: `${portStatusLabels[entry.status]} (${entry.count})` }))}
                value={status}
                onChange={(value) => setStatus(value as PortStatus | null)}
              />
            </Stack>
            <HorizontalBarChart
              label="Port orders by status"
              bars={counts.map((entry) => ({ key: entry.status, label: portStatusLabels[entry.status], value: entry.count, color: chartFill(entry.status) }))}
              onSelect={(key) => setStatus((current) => (current === key ? null : (key as PortStatus)))}
            />
          </Group>
          {shown.length === 0 ? (
            <Paper withBorder radius="sm" p="lg">
              <Text size="sm" c="dimmed" ta="center" role="status">
                No cached port orders with this status.
              </Text>
            </Paper>
          ) : (
            <PortsTable ports={shown} onOpen={setOpened} />
          )}
        </>
      )}
    </Stack>
  )
}
