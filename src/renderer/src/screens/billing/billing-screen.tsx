/**
 * Billing: per account and across accounts, from the cache the `billing` sync fills: balances and the
 * monthly cost of the inventory, the ledger with charts, payments (the carrier's beside CarrierDesk's) and
 * invoices with their PDFs. "Make a payment" opens the shared payment form.
 */
import '@mantine/charts/styles.css'
import { Group, Select, Stack, Tabs } from '@mantine/core'
import { useCallback, useState } from 'react'
import { call } from '../../bridge'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { OfflineBanner } from '../../components/offline-banner'
import { PaymentModal } from '../../components/payment-modal'
import { ScreenHeader } from '../../components/screen-header'
import { SyncNowButton } from '../../components/sync-now-button'
import { SyncProgressPanel } from '../../components/sync-progress-panel'
import { useAccountsStore } from '../../stores/accounts'
import { useCarriersStore } from '../../stores/carriers'
import { useCached } from '../../use-cached'
import { InvoicesTab } from './invoices-tab'
import { LedgerTab } from './ledger-tab'
import { OverviewTab } from './overview-tab'
import { PaymentsTab } from './payments-tab'

type Tab = 'overview' | 'ledger' | 'payments' | 'invoices'

export function BillingScreen() {
  const accounts = useAccountsStore((state) => state.accounts)
  const carriers = useCarriersStore((state) => state.carriers)
  const [accountId, setAccountId] = useState<string | null>(null)
  const [tab, setTab] = useState<Tab>('overview')
  const [payingId, setPayingId] = useState<string | undefined>()
  const paying = accounts.find((account) => account.id === payingId)
  const scope = accountId ?? undefined
  const loadOverview = useCallback(() => call('billing.overview', scope ? { accountId: scope } : {}), [scope])
  const overview = useCached(loadOverview, payingId ?? '')
  return (
    <Stack p="lg" gap={0}>
      {paying && (
        <PaymentModal key={paying.id} account={paying} carrier={carriers.find((carrier) => carrier.id === paying.carrier)} onClose={() => setPayingId(undefined)} />
      )}
      <ScreenHeader
        title="Billing"
        description="Balances, the ledger, payments and invoices from your carriers, from the local cache"
        actions={
          <Group gap="xs" wrap="nowrap">
            <Select
              size="xs"
              aria-label="Account"
              placeholder="All accounts"
              clearable
              data={accounts.map((account) => ({ value: account.id, label: account.name }))}
              value={accountId}
              onChange={setAccountId}
              w={220}
            />
            <SyncNowButton areas={['billing']} tooltip="Fetch balances, ledgers, payments, invoices and customers again" />
          </Group>
        }
      />
      <SyncProgressPanel />
      <OfflineBanner />
      <Tabs value={tab} onChange={(value) => setTab((value as Tab | null) ?? 'overview')} keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="ledger">Ledger</Tabs.Tab>
          <Tabs.Tab value="payments">Payments</Tabs.Tab>
          <Tabs.Tab value="invoices">Invoices</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          {overview.error && <LoadErrorAlert mb="xs" title="Could not load billing" error={overview.error} onRetry={overview.reload} />}
          {overview.data && <OverviewTab overview={overview.data} onPay={setPayingId} onShowPayments={() => setTab('payments')} />}
        </Tabs.Panel>
        <Tabs.Panel value="ledger">
          <LedgerTab accountId={scope} />
        </Tabs.Panel>
        <Tabs.Panel value="payments">
          <PaymentsTab accountId={scope} />
        </Tabs.Panel>
        <Tabs.Panel value="invoices">
          <InvoicesTab accountId={scope} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
