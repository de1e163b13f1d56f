/**
 * Accounts: every carrier account with its environment, stored secret names and last sync, and the
 * actions on it (edit, test connection, remove). With no accounts, it offers the Sandbox first.
 */
import { ActionIcon, Badge, Button, Center, Group, Loader, Paper, Stack, Table, Text, ThemeIcon, Title, Tooltip, VisuallyHidden } from '@mantine/core'
import { modals } from '@mantine/modals'
import { IconCreditCard, IconFlask, IconPencil, IconPlugConnected, IconPlus, IconRefresh, IconTrash, IconUserPlus } from '@tabler/icons-react'
import { useState } from 'react'
import type { AccountView, CarrierInfo, SyncSummary } from '../../../../shared/domain'
import type { BalanceView } from '../../../../shared/ipc-shared'
import { call } from '../../bridge'
import { EnvironmentBadge } from '../../components/environment-badge'
import { ScreenHeader } from '../../components/screen-header'
import { formatAge, formatDuration, formatMoney, formatTimestamp } from '../../format'
import { notifyError, notifyFailure, notifySuccess } from '../../notify'
import { useAccountEditorStore } from '../../stores/account-editor'
import { useAccountsStore } from '../../stores/accounts'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useSandboxStore } from '../../stores/sandbox'
import { useSyncStore } from '../../stores/sync'
import { useCached } from '../../use-cached'
import { useNow } from '../../use-now'
import { PaymentModal } from '../../components/payment-modal'
import { BalanceReading } from './balance-reading'
import { SignupModal } from './signup-modal'

const loadOverview = () => call('billing.overview', {})

/** The account's balance where its carrier reports one, with how old it is. */
function Balance({ balance, now }: { balance: BalanceView | undefined; now: number }) {
  if (!balance?.supported) return <Text size="sm" c="dimmed">—</Text>
  if (balance.amount === undefined) {
    return (
      <Text size="sm" c="dimmed">
        not synced
      </Text>
    )
  }
  return (
    <Stack gap={0}>
      <Text size="sm" className="cd-mono" c={balance.amount < 0 ? 'red' : undefined}>
        {formatMoney(balance.amount)}
      </Text>
      {balance.asOf !== undefined && (
        <Text size="xs" c="dimmed" title={formatTimestamp(balance.asOf)}>
          {formatAge(balance.asOf, now)}
        </Text>
      )}
    </Stack>
  )
}

const outcomeColors: Record<SyncSummary['outcome'], string> = {
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'gray',
  running: 'blue',
}

function LastSync({ lastSync, now }: { lastSync: SyncSummary | undefined; now: number }) {
  if (!lastSync) {
    return (
      <Text size="sm" c="dimmed">
        never
      </Text>
    )
  }
  const at = lastSync.finishedAt ?? lastSync.startedAt
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <Badge size="sm" variant="light" color={outcomeColors[lastSync.outcome]} style={{ flexShrink: 0 }}>
          {lastSync.outcome}
        </Badge>
        <Tooltip label={formatTimestamp(at)}>
          <Text size="sm" className="cd-nowrap">
            {formatAge(at, now)}
          </Text>
        </Tooltip>
      </Group>
      {(lastSync.message || lastSync.rows > 0) && (
        <Text size="xs" c={lastSync.outcome === 'failed' ? 'red' : 'dimmed'} lineClamp={2} title={lastSync.message}>
          {lastSync.message ?? `${lastSync.rows.toLocaleString()} rows`}
        </Text>
      )}
    </Stack>
  )
}

function StoredSecrets({ account, carrier }: { account: AccountView; carrier: CarrierInfo | undefined }) {
  if (account.storedSecrets.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        none
      </Text>
    )
  }
  return (
    <Group gap={4}>
      {account.storedSecrets.map((key) => (
        <Tooltip key={key} label={`${carrier?.secretFields.find((field) => field.key === key)?.label ?? key} is stored in the keychain`}>
          <Badge size="sm" variant="outline" color="teal" radius="sm" tt="none">
            {key} ✓
          </Badge>
        </Tooltip>
      ))}
    </Group>
  )
}

function confirmRemove(account: AccountView): void {
  modals.openConfirmModal({
    title: 'Remove account',
    centered: true,
    children: (
      <Stack gap="xs">
        <Text size="sm">
          Remove <b>{account.name}</b>? Its keychain entries
          {account.storedSecrets.length > 0 ? ` (${account.storedSecrets.join(', ')})` : ''} are deleted from this
          computer, and CarrierDesk stops showing its data.
        </Text>
        <Text size="sm" c="dimmed">
          Nothing changes at the carrier. You can add the account again later with its credentials.
        </Text>
      </Stack>
    ),
    labels: { confirm: 'Remove account', cancel: 'Cancel' },
    confirmProps: { color: 'red' },
    onConfirm: () => {
      void (async () => {
        try {
          await call('accounts.remove', { id: account.id })
          notifySuccess('Account removed', `${account.name} and its keychain entries were removed.`)
        } catch (error) {
          notifyError(`Could not remove ${account.name}`, error)
        } finally {
          await useAccountsStore.getState().load()
        }
      })()
    },
  })
}

function AccountRow({
  account,
  carriers,
  now,
  onPay,
  balance,
}: {
  account: AccountView
  carriers: CarrierInfo[]
  now: number
  onPay: (accountId: string) => void
  balance: BalanceView | undefined
}) {
  const openEdit = useAccountEditorStore((state) => state.openEdit)
  const [testing, setTesting] = useState(false)
  const carrier = carriers.find((info) => info.id === account.carrier)

  const testConnection = async (): Promise<void> => {
    setTesting(true)
    try {
      const result = await call('accounts.test', { id: account.id })
      const detail = `${result.message} (${formatDuration(result.latencyMs)})`
      if (result.ok) notifySuccess(`Connection OK — ${account.name}`, detail)
      else notifyFailure(`Connection failed — ${account.name}`, detail)
    } catch (error) {
      notifyError(`Connection test failed — ${account.name}`, error)
    } finally {
      setTesting(false)
    }
  }

  return (
    <Table.Tr>
      <Table.Td miw={140}>
        <Text size="sm" fw={600}>
          {account.name}
        </Text>
        {carrier?.capabilities.includes('billing.balance') && <BalanceReading account={account} now={now} />}
      </Table.Td>
      <Table.Td>{carrierName(carriers, account.carrier)}</Table.Td>
      <Table.Td>
        <EnvironmentBadge environment={account.environment} />
      </Table.Td>
      <Table.Td>
        <Text className="cd-mono" size="sm" truncate="end" maw={220} title={account.baseUrl}>
          {account.baseUrl}
        </Text>
      </Table.Td>
      <Table.Td>
        <StoredSecrets account={account} carrier={carrier} />
      </Table.Td>
      <Table.Td miw={200}>
        <LastSync lastSync={account.lastSync} now={now} />
      </Table.Td>
      <Table.Td>
        <Balance balance={balance} now={now} />
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap" justify="flex-end">
          {/* Icon actions keep the row inside 1400 px, so the account name never scrolls out of view. */}
          <Tooltip label="Test connection">
            <ActionIcon variant="default" loading={testing} onClick={() => void testConnection()} aria-label={`Test connection ${account.name}`}>
              <IconPlugConnected size={16} />
            </ActionIcon>
          </Tooltip>
          {carrier?.capabilities.includes('billing.payments') && (
            <Tooltip label="Make a payment">
              <ActionIcon variant="default" onClick={() => onPay(account.id)} aria-label={`Make a payment ${account.name}`}>
                <IconCreditCard size={16} />
              </ActionIcon>
            </Tooltip>
          )}
          <Tooltip label="Edit">
            <ActionIcon variant="default" onClick={() => openEdit(account.id)} aria-label={`Edit ${account.name}`}>
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Remove">
            <ActionIcon
              variant="light"
              color="red"
              onClick={() => confirmRemove(account)}
              aria-label={`Remove ${account.name}`}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Table.Td>
    </Table.Tr>
  )
}

function NoAccounts() {
  const openSandbox = useSandboxStore((state) => state.open)
  const opening = useSandboxStore((state) => state.opening)
  const openAdd = useAccountEditorStore((state) => state.openAdd)
  return (
    <Center py={48}>
      <Paper withBorder p="xl" radius="md" maw={620}>
        <Stack align="center" gap="md" ta="center">
          <ThemeIcon size={56} radius="xl" variant="light" color="orange">
            <IconFlask size={30} />
          </ThemeIcon>
          <Title order={3}>No carrier accounts yet</Title>
          <Text c="dimmed">
            Try CarrierDesk safely first: the Sandbox starts carrier simulators on this computer and adds a
            sandbox account connected to each. Nothing is sent to a real carrier.
          </Text>
          <Group>
            <Button
              size="md"
              color="orange"
              leftSection={<IconFlask size={18} />}
              loading={opening}
              onClick={() => void openSandbox()}
            >
              Open the Sandbox
            </Button>
            <Button size="md" variant="default" leftSection={<IconPlus size={18} />} onClick={openAdd}>
              Add account
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            Have real credentials? Add an account; its secrets are kept in the system keychain.
          </Text>
        </Stack>
      </Paper>
    </Center>
  )
}

export function AccountsScreen() {
  const accounts = useAccountsStore((state) => state.accounts)
  const loaded = useAccountsStore((state) => state.loaded)
  const carriers = useCarriersStore((state) => state.carriers)
  const openAdd = useAccountEditorStore((state) => state.openAdd)
  const openSandbox = useSandboxStore((state) => state.open)
  const opening = useSandboxStore((state) => state.opening)
  const startSync = useSyncStore((state) => state.start)
  const syncing = useSyncStore((state) => state.starting || (state.run !== undefined && !state.run.finished))
  const now = useNow()
  const [payingId, setPayingId] = useState<string | undefined>()
  const [signingUp, setSigningUp] = useState(false)
  const paying = accounts.find((account) => account.id === payingId)
  const overview = useCached(loadOverview, payingId ?? '')
  const balanceOf = new Map(overview.data?.balances.map((balance) => [balance.accountId, balance]) ?? [])
  const signupCarriers = carriers.filter((carrier) => carrier.capabilities.includes('accounts.signup'))

  return (
    <Stack p="lg" gap={0}>
      {/* Mounted only while open: closing (or the account going away) drops everything typed into it. */}
      {signingUp && <SignupModal carriers={signupCarriers} onClose={() => setSigningUp(false)} />}
      {paying && (
        <PaymentModal
          key={paying.id}
          account={paying}
          carrier={carriers.find((carrier) => carrier.id === paying.carrier)}
          onClose={() => setPayingId(undefined)}
        />
      )}
      <ScreenHeader
        title="Accounts"
        description="Carrier API accounts. Secrets stay in the system keychain; only their names are shown here."
        actions={
          accounts.length > 0 && (
            <>
              {/* Always offered: simulators get new ports at every start, and opening re-points sandbox accounts. */}
              <Button
                variant="default"
                leftSection={<IconFlask size={16} />}
                loading={opening}
                onClick={() => void openSandbox()}
              >
                Open the Sandbox
              </Button>
              <Button
                variant="default"
                leftSection={syncing ? <Loader size={14} /> : <IconRefresh size={16} />}
                disabled={syncing}
                onClick={() => void startSync()}
              >
                Sync all
              </Button>
              {signupCarriers.length > 0 && (
                <Button variant="default" leftSection={<IconUserPlus size={16} />} onClick={() => setSigningUp(true)}>
                  Create a {signupCarriers.length === 1 ? signupCarriers[0]!.name : 'carrier'} account
                </Button>
              )}
              <Button leftSection={<IconPlus size={16} />} onClick={openAdd}>
                Add account
              </Button>
            </>
          )
        }
      />
      {!loaded ? (
        <Center py="xl">
          <Loader aria-label="Loading accounts" />
        </Center>
      ) : accounts.length === 0 ? (
        <NoAccounts />
      ) : (
        <Paper withBorder radius="sm">
          <Table.ScrollContainer minWidth={980}>
            <Table aria-label="Accounts" highlightOnHover className="cd-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Carrier</Table.Th>
                  <Table.Th>Environment</Table.Th>
                  <Table.Th>Base URL</Table.Th>
                  <Table.Th>Stored secrets</Table.Th>
                  <Table.Th>Last sync</Table.Th>
                  <Table.Th>Balance</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {accounts.map((account) => (
                  <AccountRow key={account.id} account={account} carriers={carriers} now={now} onPay={setPayingId} balance={balanceOf.get(account.id)} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  )
}
