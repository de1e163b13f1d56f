/**
 * Customers: the sub-accounts of every account whose carrier keeps them (Call48), from the cache the billing
 * sync fills, with search; "New customer", and per customer its settings (drawer).
 */
import { Badge, Button, Center, Group, Loader, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core'
import { IconPlus, IconSearch, IconSettings } from '@tabler/icons-react'
import { useCallback, useState } from 'react'
import type { CustomerRow } from '../../../../shared/customers'
import { call } from '../../bridge'
import { CacheEmptyState } from '../../components/cache-empty-state'
import { DataAge } from '../../components/data-age'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { OfflineBanner } from '../../components/offline-banner'
import { ScreenHeader } from '../../components/screen-header'
import { SyncNowButton } from '../../components/sync-now-button'
import { SyncProgressPanel } from '../../components/sync-progress-panel'
import { formatCount, formatMoney } from '../../format'
import { useAccountsStore } from '../../stores/accounts'
import { useCarriersStore } from '../../stores/carriers'
import { useOffline } from '../../stores/connectivity'
import { useCached } from '../../use-cached'
import { CustomerDrawer } from './customer-drawer'
import { NewCustomerModal } from './new-customer-modal'

export function CustomersScreen() {
  const accounts = useAccountsStore((state) => state.accounts)
  const carriers = useCarriersStore((state) => state.carriers)
  const offline = useOffline()
  const managed = accounts.filter((account) => carriers.find((carrier) => carrier.id === account.carrier)?.capabilities.includes('customers.manage'))
  const [accountId, setAccountId] = useState<string | null>(null)
  const [search, setSearch] = useState('')
  const [creating, setCreating] = useState(false)
  const [openKey, setOpenKey] = useState<string | undefined>()
  const load = useCallback(() => call('customers.list', accountId ? { accountId } : {}), [accountId])
  const { data, error, loading, reload } = useCached(load)
  const needle = search.trim().toLowerCase()
  const rows = (data?.rows ?? []).filter(
    (customer) => !needle || [customer.login, customer.name, customer.company, customer.email, String(customer.id)].some((value) => value?.toLowerCase().includes(needle)),
  )
  const key = (customer: CustomerRow): string => `${customer.accountId}:${customer.id}`
  const opened = data?.rows.find((customer) => key(customer) === openKey)
  const createFor = managed.find((account) => account.id === accountId) ?? (managed.length === 1 ? managed[0] : undefined)
  return (
    <Stack p="lg" gap={0}>
      {creating && createFor && <NewCustomerModal account={createFor} onClose={() => setCreating(false)} onCreated={reload} />}
      {opened && <CustomerDrawer customer={opened} onClose={() => setOpenKey(undefined)} />}
      <ScreenHeader
        title="Customers"
        description="Sub-accounts your carrier accounts keep (Call48 customers), from the local cache"
        actions={
          <Group gap="xs" wrap="nowrap">
            <Select size="xs" aria-label="Account" placeholder="All accounts" clearable data={managed.map((account) => ({ value: account.id, label: account.name }))} value={accountId} onChange={setAccountId} w={200} />
            <SyncNowButton areas={['billing']} tooltip="Fetch the customers (and billing) of every account again" />
            <Button
              size="xs"
              leftSection={<IconPlus size={14} />}
              disabled={!createFor || offline}
              title={!createFor ? 'Choose the account to create it under' : offline ? 'Offline' : undefined}
              onClick={() => setCreating(true)}
            >
              New customer
            </Button>
          </Group>
        }
      />
      <SyncProgressPanel />
      <OfflineBanner />
      {error && <LoadErrorAlert mb="xs" title="Could not load customers" error={error} onRetry={reload} />}
      <Group gap="md" mb="xs">
        <TextInput size="xs" leftSection={<IconSearch size={14} />} placeholder="Search login, name, company, email, id" aria-label="Search customers" value={search} onChange={(event) => setSearch(event.currentTarget.value)} w={320} />
        <Text size="sm" fw={600} data-testid="customers-total" aria-live="polite">
          {data === undefined ? 'Loading…' : `${formatCount(rows.length)} customer${rows.length === 1 ? '' : 's'}`}
        </Text>
        <DataAge asOf={data?.asOf} testId="customers-data-age" />
      </Group>
      {data === undefined && loading ? (
        <Center py="xl">
          <Loader aria-label="Loading customers" />
        </Center>
      ) : (data?.rows.length ?? 0) === 0 ? (
        !error && (
          <CacheEmptyState
            title={managed.length === 0 ? 'No account keeps customers' : 'No customers cached yet'}
            hint={managed.length === 0 ? 'Customers are sub-accounts of carriers that have them (Call48).' : 'Use “Sync now” to fetch them, or create one.'}
          />
        )
      ) : (
        <Paper withBorder radius="sm">
          <Table aria-label="Customers" className="cd-table" fz="sm" verticalSpacing={4} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Login</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Company</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Account</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th ta="right">Credit limit</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((customer) => (
                <Table.Tr key={key(customer)} aria-label={`Customer ${customer.login}`}>
                  <Table.Td className="cd-mono">{customer.login}</Table.Td>
                  <Table.Td>{customer.name ?? '—'}</Table.Td>
                  <Table.Td>{customer.company ?? '—'}</Table.Td>
                  <Table.Td>{customer.email ?? '—'}</Table.Td>
                  <Table.Td>{customer.accountName}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={customer.active === false ? 'gray' : 'teal'}>
                      {customer.status ?? (customer.active === false ? 'inactive' : 'active')}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right" className="cd-mono">
                    {formatMoney(customer.creditLimit)}
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="default" leftSection={<IconSettings size={12} />} onClick={() => setOpenKey(key(customer))} aria-label={`Settings ${customer.login}`}>
                      Settings
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  )
}
