/**
 * Trunks: every SIP trunk group at every carrier, from the local cache, with its IPs, status, how many
 * numbers route to it and its age; search and filters; "New trunk group" where a carrier lets CarrierDesk
 * manage trunks; a trunk's panel (settings, numbers, traffic, edit, disable); and each account's traffic
 * month by month.
 */
import { Badge, Button, Center, Group, Loader, Menu, NativeSelect, Paper, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core'
import { IconChevronDown, IconPlus, IconSearch } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import type { TrunkGroup } from '../../../../shared/domain'
import type { TrunkChangeOutcome, TrunkListRow } from '../../../../shared/ipc-shared'
import type { TrunkDirection } from '../../../../shared/trunks'
import { call } from '../../bridge'
import { CacheEmptyState } from '../../components/cache-empty-state'
import { DataAge, oldestAsOf } from '../../components/data-age'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { OfflineBanner } from '../../components/offline-banner'
import { ScreenHeader } from '../../components/screen-header'
import { SyncNowButton } from '../../components/sync-now-button'
import { SyncProgressPanel } from '../../components/sync-progress-panel'
import { TrafficReportPanel } from '../../components/traffic-view'
import { formatAge, formatCount, formatTimestamp } from '../../format'
import { notifyFailure } from '../../notify'
import { accountName, useAccountsStore } from '../../stores/accounts'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useOffline } from '../../stores/connectivity'
import { useCached } from '../../use-cached'
import { useNow } from '../../use-now'
import { formDirectionOf, TrunkDetailDrawer } from './trunk-detail'
import { TrunkFormModal, type TrunkFormTarget } from './trunk-form-modal'

const statusColors: Record<TrunkGroup['status'], string> = { active: 'teal', disabled: 'gray', unknown: 'yellow' }
const directionLabels: Record<TrunkGroup['direction'], string> = {
  origination: 'Origination',
  termination: 'Termination',
  both: 'Both ways',
}

const loadTrunks = (): Promise<TrunkListRow[]> => call('trunks.list', {})

function TrunksTable({ trunks, onOpen }: { trunks: TrunkListRow[]; onOpen: (trunk: TrunkListRow) => void }) {
  const accounts = useAccountsStore((state) => state.accounts)
  const carriers = useCarriersStore((state) => state.carriers)
  const now = useNow()
  return (
    <Paper withBorder radius="sm">
      <Table aria-label="Trunk groups" className="cd-table" highlightOnHover fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Carrier</Table.Th>
            <Table.Th>Account</Table.Th>
            <Table.Th>Direction</Table.Th>
            <Table.Th>IP addresses</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Numbers</Table.Th>
            <Table.Th>As of</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {trunks.map((trunk) => (
            <Table.Tr
              key={`${trunk.accountId}:${trunk.id}`}
              aria-label={`Trunk ${trunk.name}`}
              tabIndex={0}
              style={{ cursor: 'pointer' }}
              onClick={() => onOpen(trunk)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault()
                  onOpen(trunk)
                }
              }}
            >
              <Table.Td>
                <Text size="sm" fw={600}>
                  {trunk.name}
                </Text>
                {trunk.id !== trunk.name && (
                  <Text size="xs" c="dimmed" className="cd-mono">
                    {trunk.id}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{carrierName(carriers, trunk.carrier)}</Table.Td>
              <Table.Td>{accountName(accounts, trunk.accountId)}</Table.Td>
              <Table.Td>{directionLabels[trunk.direction]}</Table.Td>
              <Table.Td>
                {trunk.ips.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    none listed
                  </Text>
                ) : (
                  <Group gap={4}>
                    {trunk.ips.map((ip) => (
                      <Badge key={ip} size="sm" variant="outline" color="gray" radius="sm" tt="none" className="cd-mono">
                        {ip}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={statusColors[trunk.status]}>
                  {trunk.status}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{formatCount(trunk.numbers)}</Table.Td>
              <Table.Td className="cd-nowrap" title={formatTimestamp(trunk.asOf)}>
                {formatAge(trunk.asOf, now)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

/** "New trunk group": one entry per account and direction its carrier lets CarrierDesk create. */
function NewTrunkMenu({ onPick }: { onPick: (target: TrunkFormTarget) => void }) {
  const accounts = useAccountsStore((state) => state.accounts)
  const carriers = useCarriersStore((state) => state.carriers)
  const offline = useOffline()
  const entries = accounts.flatMap((account) => {
    const carrier = carriers.find((info) => info.id === account.carrier)
    if (!carrier?.capabilities.includes('trunks.manage')) return []
    return (['origination', 'termination'] as TrunkDirection[]).flatMap((direction) => {
      const form = carrier.trunkForms?.[direction]
      return form ? [{ key: `${account.id} ${direction}`, label: `${account.name}: ${direction}`, target: { mode: 'create' as const, accountId: account.id, accountName: account.name, direction, form } }] : []
    })
  })
  if (entries.length === 0) return null
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="sm" leftSection={<IconPlus size={14} />} rightSection={<IconChevronDown size={14} />} disabled={offline}>
          New trunk group
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {entries.map((entry) => (
          <Menu.Item key={entry.key} onClick={() => onPick(entry.target)}>
            {entry.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}

/** One account's traffic, month by month for a year or one month. */
function AccountTraffic() {
  const accounts = useAccountsStore((state) => state.accounts)
  const carriers = useCarriersStore((state) => state.carriers)
  const reporting = accounts.filter((account) => carriers.find((info) => info.id === account.carrier)?.capabilities.includes('trunks.traffic'))
  const [accountId, setAccountId] = useState<string>()
  const thisYear = new Date().getFullYear()
  const [year, setYear] = useState(thisYear)
  const [month, setMonth] = useState('')
  const chosen = reporting.find((account) => account.id === accountId) ?? reporting[0]
  if (!chosen) {
    return (
      <Text size="sm" c="dimmed">
        No account here has a carrier that reports traffic.
      </Text>
    )
  }
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end">
        <NativeSelect label="Account" value={chosen.id} onChange={(event) => setAccountId(event.currentTarget.value)} data={reporting.map((account) => ({ value: account.id, label: account.name }))} />
        <NativeSelect label="Year" value={String(year)} onChange={(event) => setYear(Number(event.currentTarget.value))} data={[0, 1, 2].map((back) => String(thisYear - back))} />
        <NativeSelect
          label="Month"
          value={month}
          onChange={(event) => setMonth(event.currentTarget.value)}
          data={[{ value: '', label: 'Whole year' }, ...Array.from({ length: 12 }, (_, index) => ({ value: String(index + 1), label: new Date(Date.UTC(2000, index, 1)).toLocaleString(undefined, { month: 'long', timeZone: 'UTC' }) }))]}
        />
      </Group>
      <TrafficReportPanel
        query={{ accountId: chosen.id, scope: 'account', year, ...(month ? { month: Number(month) } : {}) }}
        label={`Traffic of ${chosen.name}`}
        labelOf={() => chosen.name}
      />
    </Stack>
  )
}

export function TrunksScreen() {
  const { data, error, loading, reload } = useCached(loadTrunks)
  const accounts = useAccountsStore((state) => state.accounts)
  const [view, setView] = useState<'trunks' | 'traffic'>('trunks')
  const [search, setSearch] = useState('')
  const [direction, setDirection] = useState('')
  const [accountFilter, setAccountFilter] = useState('')
  const [openKey, setOpenKey] = useState<{ accountId: string; id: string }>()
  const [formTarget, setFormTarget] = useState<TrunkFormTarget>()
  const carriers = useCarriersStore((state) => state.carriers)
  const trunks = useMemo(() => data ?? [], [data])
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase()
    return trunks
      .filter((trunk) => (direction ? trunk.direction === direction : true))
      .filter((trunk) => (accountFilter ? trunk.accountId === accountFilter : true))
      .filter((trunk) => !needle || [trunk.name, trunk.id, ...trunk.ips].some((text) => text.toLowerCase().includes(needle)))
      .sort((a, b) => accountName(accounts, a.accountId).localeCompare(accountName(accounts, b.accountId)) || a.name.localeCompare(b.name))
  }, [trunks, search, direction, accountFilter, accounts])
  const opened = openKey ? trunks.find((trunk) => trunk.accountId === openKey.accountId && trunk.id === openKey.id) : undefined

  const afterChange = (outcome: TrunkChangeOutcome): void => {
    setFormTarget(undefined)
    if (outcome.outcome === 'unknown') notifyFailure('Outcome unknown', outcome.message)
    if (outcome.trunk) setOpenKey({ accountId: outcome.trunk.accountId, id: outcome.trunk.id })
    reload()
  }
  const edit = (trunk: TrunkListRow): void => {
    const form = carriers.find((info) => info.id === trunk.carrier)?.trunkForms?.[formDirectionOf(trunk)]
    if (form) setFormTarget({ mode: 'edit', trunk, accountName: accountName(accounts, trunk.accountId), form })
  }

  return (
    <Stack p="lg" gap={0}>
      <ScreenHeader
        title="Trunks"
        description="SIP trunk groups, their IP addresses, the numbers they carry and their traffic, across your carrier accounts"
        actions={
          <>
            <NewTrunkMenu onPick={setFormTarget} />
            <SyncNowButton areas={['trunks']} tooltip="Fetch the trunk groups of every account again" />
          </>
        }
      />
      <SyncProgressPanel />
      <OfflineBanner />
      <SegmentedControl
        mb="xs"
        w="fit-content"
        value={view}
        onChange={(value) => setView(value as 'trunks' | 'traffic')}
        data={[
          { value: 'trunks', label: 'Trunk groups' },
          { value: 'traffic', label: 'Account traffic' },
        ]}
        aria-label="Trunks view"
      />
      {view === 'traffic' ? (
        <AccountTraffic />
      ) : (
        <>
          {error && <LoadErrorAlert mb="xs" title="Could not load trunk groups" error={error} onRetry={reload} />}
          <Group gap="md" mb="xs" align="flex-end">
            <TextInput
              size="xs"
              leftSection={<IconSearch size={14} />}
              placeholder="Name, id or IP"
              aria-label="Search trunks"
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
            />
            <NativeSelect
              size="xs"
              aria-label="Direction"
              value={direction}
              onChange={(event) => setDirection(event.currentTarget.value)}
              data={[{ value: '', label: 'Any direction' }, ...Object.entries(directionLabels).map(([value, label]) => ({ value, label }))]}
            />
            <NativeSelect
              size="xs"
              aria-label="Account"
              value={accountFilter}
              onChange={(event) => setAccountFilter(event.currentTarget.value)}
              data={[{ value: '', label: 'Every account' }, ...accounts.map((account) => ({ value: account.id, label: account.name }))]}
            />
            <Text size="sm" fw={600} aria-live="polite" data-testid="trunks-total">
              {data === undefined
                ? 'Loading…'
                : `${shown.length === trunks.length ? '' : `${formatCount(shown.length)} of `}${formatCount(trunks.length)} trunk group${trunks.length === 1 ? '' : 's'}`}
            </Text>
            <DataAge asOf={oldestAsOf(trunks)} testId="trunks-data-age" />
          </Group>
          {data === undefined && loading ? (
            <Center py="xl">
              <Loader aria-label="Loading trunk groups" />
            </Center>
          ) : trunks.length === 0 ? (
            !error && <CacheEmptyState title="No cached trunk groups yet" hint="Sync to fetch trunk groups: use “Sync now” to fetch them from the carriers." />
          ) : shown.length === 0 ? (
            <Text size="sm" c="dimmed">
              No trunk group matches these filters.
            </Text>
          ) : (
            <TrunksTable trunks={shown} onOpen={(trunk) => setOpenKey({ accountId: trunk.accountId, id: trunk.id })} />
          )}
        </>
      )}
      <TrunkDetailDrawer trunk={opened} onClose={() => setOpenKey(undefined)} onEdit={edit} onChanged={afterChange} />
      <TrunkFormModal target={formTarget} onClose={() => setFormTarget(undefined)} onDone={afterChange} />
    </Stack>
  )
}
