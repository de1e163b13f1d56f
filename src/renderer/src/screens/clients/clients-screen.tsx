/**
 * Clients: the end customers of the accounts whose carrier keeps them (Nexogy's residential clients), which
 * the carrier cannot list: those created here or adopted. New client (from a number found by search), adopt,
 * and per client its lifecycle, billing date and devices (drawer).
 */
import { Badge, Button, Center, Group, Loader, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core'
import { IconPlus, IconSearch, IconSettings, IconUserPlus } from '@tabler/icons-react'
import { useCallback, useState } from 'react'
import type { ClientListRow } from '../../../../shared/clients'
import { call } from '../../bridge'
import { CacheEmptyState } from '../../components/cache-empty-state'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { OfflineBanner } from '../../components/offline-banner'
import { ScreenHeader } from '../../components/screen-header'
import { SyncNowButton } from '../../components/sync-now-button'
import { SyncProgressPanel } from '../../components/sync-progress-panel'
import { formatAge, formatCount, formatPhoneNumber, formatTimestamp } from '../../format'
import { useAccountsStore } from '../../stores/accounts'
import { useCarriersStore } from '../../stores/carriers'
import { useOffline } from '../../stores/connectivity'
import { useCached } from '../../use-cached'
import { useNow } from '../../use-now'
import { AdoptModal } from './adopt-modal'
import { ClientDrawer } from './client-drawer'
import { clientStatusColors } from './client-status'
import { NewClientModal } from './new-client-modal'

const keyOf = (client: ClientListRow): string => `${client.accountId}:${client.didNumber}`

export function ClientsScreen() {
  const accounts = useAccountsStore((state) => state.accounts)
  const carriers = useCarriersStore((state) => state.carriers)
  const offline = useOffline()
  const now = useNow(15_000)
  const managed = accounts.filter((account) => carriers.find((carrier) => carrier.id === account.carrier)?.capabilities.includes('clients.manage'))
  const [accountId, setAccountId] = useState<string | null>(null)
  const [search, setSearch] = useState('')
  const [dialog, setDialog] = useState<'create' | 'adopt' | undefined>()
  const [openKey, setOpenKey] = useState<string | undefined>()
  const [version, setVersion] = useState(0)
  const load = useCallback(() => call('clients.list', accountId ? { accountId } : {}), [accountId])
  const { data, error, loading, reload } = useCached(load, String(version))
  const changed = (): void => setVersion((value) => value + 1)
  const needle = search.trim().toLowerCase().replace(/[\s()+-]/g, '')
  const rows = (data ?? []).filter(
    (client) => !needle || [client.didNumber, client.name, client.domain, String(client.id ?? '')].some((value) => value?.toLowerCase().replace(/\s/g, '').includes(needle)),
  )
  const opened = data?.find((client) => keyOf(client) === openKey)
  const target = managed.find((account) => account.id === accountId) ?? (managed.length === 1 ? managed[0] : undefined)
  return (
    <Stack p="lg" gap={0}>
      {dialog === 'create' && target && <NewClientModal account={target} onClose={() => setDialog(undefined)} onCreated={changed} />}
      {dialog === 'adopt' && target && <AdoptModal account={target} onClose={() => setDialog(undefined)} onAdopted={changed} />}
      {opened && <ClientDrawer client={opened} onClose={() => setOpenKey(undefined)} onChanged={changed} />}
      <ScreenHeader
        title="Clients"
        description="End customers your accounts keep at their carrier (Nexogy residential clients): those created here or adopted"
        actions={
          <Group gap="xs" wrap="nowrap">
            <Select size="xs" aria-label="Account" placeholder="All accounts" clearable data={managed.map((account) => ({ value: account.id, label: account.name }))} value={accountId} onChange={setAccountId} w={200} />
            <SyncNowButton areas={['numbers']} tooltip="Read every known client's state again (the numbers sync)" />
            <Button size="xs" variant="default" leftSection={<IconUserPlus size={14} />} disabled={!target || offline} onClick={() => setDialog('adopt')}>
              Adopt client
            </Button>
            <Button size="xs" leftSection={<IconPlus size={14} />} disabled={!target || offline} title={!target ? 'Choose the account first' : undefined} onClick={() => setDialog('create')}>
              New client
            </Button>
          </Group>
        }
      />
      <SyncProgressPanel />
      <OfflineBanner />
      {error && <LoadErrorAlert mb="xs" title="Could not load clients" error={error} onRetry={reload} />}
      <Group gap="md" mb="xs">
        <TextInput size="xs" leftSection={<IconSearch size={14} />} placeholder="Search number, name, domain, id" aria-label="Search clients" value={search} onChange={(event) => setSearch(event.currentTarget.value)} w={300} />
        <Text size="sm" fw={600} data-testid="clients-total" aria-live="polite">
          {data === undefined ? 'Loading…' : `${formatCount(rows.length)} client${rows.length === 1 ? '' : 's'}`}
        </Text>
      </Group>
      {data === undefined && loading ? (
        <Center py="xl">
          <Loader aria-label="Loading clients" />
        </Center>
      ) : (data?.length ?? 0) === 0 ? (
        !error && (
          <CacheEmptyState
            title={managed.length === 0 ? 'No account keeps clients' : 'No clients known yet'}
            hint={managed.length === 0 ? 'Clients belong to carriers that keep them (Nexogy).' : 'Create one (or buy a Nexogy number in Buy numbers), or adopt one made in Nexogy’s portal.'}
          />
        )
      ) : (
        <Paper withBorder radius="sm">
          <Table aria-label="Clients" className="cd-table" fz="sm" verticalSpacing={4} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Domain</Table.Th>
                <Table.Th>Client id</Table.Th>
                <Table.Th>Devices</Table.Th>
                <Table.Th>Account</Table.Th>
                <Table.Th>State read</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((client) => (
                <Table.Tr key={keyOf(client)} aria-label={`Client ${formatPhoneNumber(client.e164)}`}>
                  <Table.Td className="cd-mono cd-nowrap">{formatPhoneNumber(client.e164)}</Table.Td>
                  <Table.Td>{client.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={clientStatusColors[client.status]}>
                      {client.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="cd-mono">{client.domain ?? '—'}</Table.Td>
                  <Table.Td className="cd-mono">{client.id ?? '—'}</Table.Td>
                  <Table.Td>{client.devices.length}</Table.Td>
                  <Table.Td>{client.accountName}</Table.Td>
                  <Table.Td className="cd-nowrap" title={client.statusCheckedAt ? formatTimestamp(client.statusCheckedAt) : undefined}>
                    {client.statusCheckedAt ? formatAge(client.statusCheckedAt, now) : 'never'}
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="default" leftSection={<IconSettings size={12} />} onClick={() => setOpenKey(keyOf(client))} aria-label={`Manage ${formatPhoneNumber(client.e164)}`}>
                      Manage
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
