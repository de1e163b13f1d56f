/**
 * Numbers (first version): a paged table of cached numbers from `numbers.list`, filterable by account and
 * carrier, with "Sync now" and live sync progress. The virtualised, editable grid replaces this later.
 */
import {
  Badge,
  Button,
  Center,
  Group,
  Loader,
  LoadingOverlay,
  NativeSelect,
  Pagination,
  Paper,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core'
import { IconAddressBook, IconRefresh } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import type { CarrierId, NumberStatus, PhoneNumberRecord } from '../../../shared/domain'
import type { NumbersPage } from '../../../shared/ipc-shared'
import { call } from '../bridge'
import { ScreenHeader } from '../components/screen-header'
import { SyncProgressPanel } from '../components/sync-progress-panel'
import { formatAge, formatCount, formatPhoneNumber, formatTimestamp } from '../format'
import { notifyError } from '../notify'
import { accountName, useAccountsStore } from '../stores/accounts'
import { carrierName, useCarriersStore } from '../stores/carriers'
import { useNavigationStore } from '../stores/navigation'
import { useSyncStore } from '../stores/sync'
import { useNow } from '../use-now'

const pageSizes = ['25', '50', '100', '250']

const statusColors: Record<NumberStatus, string> = {
  active: 'teal',
  reserved: 'violet',
  pending: 'yellow',
  suspended: 'orange',
  porting: 'cyan',
  released: 'gray',
  unknown: 'gray',
}

function NumberRow({ record, now }: { record: PhoneNumberRecord; now: number }) {
  const accounts = useAccountsStore((state) => state.accounts)
  const carriers = useCarriersStore((state) => state.carriers)
  return (
    <Table.Tr style={record.goneAt ? { opacity: 0.55 } : undefined}>
      <Table.Td className="cd-nowrap">
        <Text size="sm" className="cd-mono" title={record.e164}>
          {formatPhoneNumber(record.e164)}
        </Text>
      </Table.Td>
      <Table.Td className="cd-nowrap">{carrierName(carriers, record.carrier)}</Table.Td>
      <Table.Td>{accountName(accounts, record.accountId)}</Table.Td>
      <Table.Td className="cd-nowrap">{record.type}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Badge size="sm" variant="light" color={statusColors[record.status]}>
            {record.status}
          </Badge>
          {record.goneAt && (
            <Tooltip label={`Missing from the carrier's answer since ${formatTimestamp(record.goneAt)}`}>
              <Badge size="sm" variant="outline" color="red">
                gone
              </Badge>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{record.state ?? '—'}</Table.Td>
      <Table.Td>{record.rateCenter ?? '—'}</Table.Td>
      <Table.Td>
        <Text size="sm" className="cd-mono">
          {record.trunk ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>{record.cnam ?? '—'}</Table.Td>
      <Table.Td className="cd-nowrap">
        <Tooltip label={formatTimestamp(record.asOf)}>
          <Text size="sm" c="dimmed">
            {formatAge(record.asOf, now)}
          </Text>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  )
}

export function NumbersScreen() {
  const accounts = useAccountsStore((state) => state.accounts)
  const carriers = useCarriersStore((state) => state.carriers)
  const go = useNavigationStore((state) => state.go)
  const startSync = useSyncStore((state) => state.start)
  const syncing = useSyncStore((state) => state.starting || (state.run !== undefined && !state.run.finished))
  const dataVersion = useSyncStore((state) => state.dataVersion)
  const now = useNow()

  const [accountId, setAccountId] = useState('')
  const [carrier, setCarrier] = useState<CarrierId | ''>('')
  const [pageSize, setPageSize] = useState(50)
  const [page, setPage] = useState(1)
  const [data, setData] = useState<NumbersPage | undefined>()
  const [loading, setLoading] = useState(false)
  const latestRequest = useRef(0)

  // `accounts` is a dependency so removing an account, or its sync finishing, refreshes the page.
  useEffect(() => {
    const request = ++latestRequest.current
    setLoading(true)
    const input: { accountId?: string; carrier?: CarrierId; offset: number; limit: number } = {
      offset: (page - 1) * pageSize,
      limit: pageSize,
    }
    if (accountId) input.accountId = accountId
    if (carrier) input.carrier = carrier
    call('numbers.list', input)
      .then((result) => {
        if (request === latestRequest.current) setData(result)
      })
      .catch((error: unknown) => {
        if (request === latestRequest.current) notifyError('Could not load numbers', error)
      })
      .finally(() => {
        if (request === latestRequest.current) setLoading(false)
      })
  }, [accountId, carrier, page, pageSize, dataVersion, accounts])

  const total = data?.total ?? 0
  const pageCount = Math.max(1, Math.ceil(total / pageSize))

  // The cache can shrink under the open page (account removed, numbers released); step back to the last page.
  useEffect(() => {
    if (data && page > pageCount) setPage(pageCount)
  }, [data, page, pageCount])
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1
  const last = Math.min(total, page * pageSize)
  const filtered = accountId !== '' || carrier !== ''

  const syncTargets = accounts
    .filter((account) => (accountId ? account.id === accountId : true))
    .filter((account) => (carrier ? account.carrier === carrier : true))
    .map((account) => account.id)

  const syncNow = (): void => {
    void startSync({ areas: ['numbers'], ...(filtered ? { accountIds: syncTargets } : {}) })
  }

  return (
    <Stack p="lg" gap={0} h="100%">
      <ScreenHeader
        title="Numbers"
        description={
          data
            ? `${formatCount(total)} cached number${total === 1 ? '' : 's'}${filtered ? ' match the filters' : ''}`
            : 'Cached phone numbers from every account'
        }
        actions={
          <>
            <NativeSelect
              aria-label="Account"
              value={accountId}
              onChange={(event) => {
                setAccountId(event.currentTarget.value)
                setPage(1)
              }}
              data={[
                { value: '', label: 'All accounts' },
                ...accounts.map((account) => ({ value: account.id, label: account.name })),
              ]}
              w={200}
            />
            <NativeSelect
              aria-label="Carrier"
              value={carrier}
              onChange={(event) => {
                setCarrier(event.currentTarget.value as CarrierId | '')
                setPage(1)
              }}
              data={[
                { value: '', label: 'All carriers' },
                ...carriers.map((info) => ({ value: info.id, label: info.name })),
              ]}
              w={170}
            />
            <Tooltip
              label={filtered ? 'Fetch the numbers of the filtered accounts again' : 'Fetch the numbers of every account again'}
            >
              <Button
                leftSection={syncing ? <Loader size={14} color="white" /> : <IconRefresh size={16} />}
                disabled={syncing || accounts.length === 0 || syncTargets.length === 0}
                onClick={syncNow}
              >
                Sync now
              </Button>
            </Tooltip>
          </>
        }
      />
      <SyncProgressPanel />
      {data && total === 0 && !filtered ? (
        <Paper withBorder radius="sm" p="xl">
          <Center>
            <Stack align="center" gap="xs" ta="center" maw={520}>
              <Text fw={600}>No cached numbers yet</Text>
              <Text size="sm" c="dimmed">
                {accounts.length === 0
                  ? 'Add a carrier account (or open the Sandbox) first; its numbers appear here after a sync.'
                  : 'Numbers appear here after a sync. Use “Sync now” to fetch them from the carriers.'}
              </Text>
              {accounts.length === 0 && (
                <Button variant="default" leftSection={<IconAddressBook size={16} />} onClick={() => go('accounts')}>
                  Go to Accounts
                </Button>
              )}
            </Stack>
          </Center>
        </Paper>
      ) : (
        // The table scrolls inside the panel so the header row and the pager stay in view.
        <Paper withBorder radius="sm" pos="relative" style={{ flex: 1, minHeight: 240, display: 'flex', flexDirection: 'column' }}>
          <LoadingOverlay visible={loading && data === undefined} overlayProps={{ blur: 1 }} />
          <div style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
            <Table miw={1000} aria-label="Numbers" highlightOnHover striped className="cd-table" aria-busy={loading}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Number</Table.Th>
                  <Table.Th>Carrier</Table.Th>
                  <Table.Th>Account</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Rate center</Table.Th>
                  <Table.Th>Trunk</Table.Th>
                  <Table.Th>CNAM</Table.Th>
                  <Table.Th>As of</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data?.rows.map((record) => (
                  <NumberRow key={`${record.accountId}:${record.e164}`} record={record} now={now} />
                ))}
              </Table.Tbody>
            </Table>
          </div>
          {data && total === 0 && (
            <Center p="lg">
              <Text size="sm" c="dimmed">
                No cached numbers match the filters.
              </Text>
            </Center>
          )}
          <Group justify="space-between" px="sm" py={8} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
            <Group gap="xs">
              <Text size="sm" c="dimmed" aria-live="polite">
                {total === 0 ? 'No rows' : `${formatCount(first)}–${formatCount(last)} of ${formatCount(total)}`}
              </Text>
              <NativeSelect
                aria-label="Rows per page"
                size="xs"
                value={String(pageSize)}
                data={pageSizes.map((size) => ({ value: size, label: `${size} per page` }))}
                onChange={(event) => {
                  setPageSize(Number(event.currentTarget.value))
                  setPage(1)
                }}
              />
            </Group>
            <Pagination
              total={pageCount}
              value={Math.min(page, pageCount)}
              onChange={setPage}
              size="sm"
              withEdges
              aria-label="Numbers pages"
              getControlProps={(control) => ({ 'aria-label': `${control} page` })}
              getItemProps={(pageNumber) => ({ 'aria-label': `Page ${pageNumber}` })}
            />
          </Group>
        </Paper>
      )}
    </Stack>
  )
}
