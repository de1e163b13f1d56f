/**
 * One customer's settings: simultaneous-call limit, call parking, paging, RTP proxy, discount plans (list and
 * add) and subscriptions, each change confirmed and sent once; the changes made from CarrierDesk so far,
 * from the activity log (the carrier has no read of these settings).
 */
import { Badge, Button, Divider, Drawer, Group, NumberInput, Select, Stack, Switch, Table, Text, Title } from '@mantine/core'
import { modals } from '@mantine/modals'
import { useCallback, useState } from 'react'
import { describeCustomerChange, rtpModes, type CustomerChange, type CustomerRow } from '../../../../shared/customers'
import { call } from '../../bridge'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { formatMoney, formatTimestamp } from '../../format'
import { notifyError, notifySuccess } from '../../notify'
import { useActivityStore } from '../../stores/activity'
import { useOffline } from '../../stores/connectivity'
import { useCached } from '../../use-cached'

function useApply(customer: CustomerRow): (change: CustomerChange) => void {
  return (change) => {
    const what = describeCustomerChange(change)
    modals.openConfirmModal({
      title: 'Change the customer',
      centered: true,
      children: (
        <Text size="sm" data-testid="customer-change-confirmation">
          {what} for <b>{customer.login}</b> at {customer.accountName}? Sent once to the carrier.
        </Text>
      ),
      labels: { confirm: 'Apply', cancel: 'Cancel' },
      confirmProps: { color: 'orange' },
      onConfirm: () => {
        void call('customers.update', { accountId: customer.accountId, customerId: customer.id, change, confirmed: true }).then(
          (result) => notifySuccess(`${customer.login}: ${what}`, result.message),
          (error: unknown) => notifyError(`${customer.login}: not changed`, error),
        )
      },
    })
  }
}

function CallLimit({ apply }: { apply: (change: CustomerChange) => void }) {
  const [enabled, setEnabled] = useState(true)
  const [max, setMax] = useState<number | string>(10)
  const [maxIn, setMaxIn] = useState<number | string>(5)
  const [maxOut, setMaxOut] = useState<number | string>(5)
  const offline = useOffline()
  const total = Number(max)
  const invalid = enabled && (Number(maxIn) > total || Number(maxOut) > total)
  return (
    <Stack gap="xs" role="group" aria-label="Simultaneous calls">
      <Switch label="Limit simultaneous calls" checked={enabled} onChange={(event) => setEnabled(event.currentTarget.checked)} />
      <Group grow>
        <NumberInput label="Total" min={0} max={10_000} allowDecimal={false} value={max} onChange={setMax} disabled={!enabled} />
        <NumberInput label="Inbound" min={0} max={10_000} allowDecimal={false} value={maxIn} onChange={setMaxIn} disabled={!enabled} error={invalid ? 'At most the total' : undefined} />
        <NumberInput label="Outbound" min={0} max={10_000} allowDecimal={false} value={maxOut} onChange={setMaxOut} disabled={!enabled} error={invalid ? 'At most the total' : undefined} />
      </Group>
      <Group justify="flex-end">
        <Button
          size="xs"
          disabled={offline || invalid}
          onClick={() => apply(enabled ? { kind: 'callLimit', enabled, max: total, maxIn: Number(maxIn), maxOut: Number(maxOut) } : { kind: 'callLimit', enabled: false, max: 0, maxIn: 0, maxOut: 0 })}
        >
          Apply call limit
        </Button>
      </Group>
    </Stack>
  )
}

function Toggles({ apply }: { apply: (change: CustomerChange) => void }) {
  const offline = useOffline()
  const [rtp, setRtp] = useState<string | null>('N')
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm">Call parking</Text>
        <Group gap={6}>
          <Button size="compact-xs" variant="default" disabled={offline} onClick={() => apply({ kind: 'callParking', enabled: true })}>
            Enable
          </Button>
          <Button size="compact-xs" variant="default" disabled={offline} onClick={() => apply({ kind: 'callParking', enabled: false })}>
            Disable
          </Button>
        </Group>
      </Group>
      <Group justify="space-between">
        <Text size="sm">Paging</Text>
        <Group gap={6}>
          <Button size="compact-xs" variant="default" disabled={offline} onClick={() => apply({ kind: 'paging', enabled: true })}>
            Enable
          </Button>
          <Button size="compact-xs" variant="default" disabled={offline} onClick={() => apply({ kind: 'paging', enabled: false })}>
            Disable
          </Button>
        </Group>
      </Group>
      <Group justify="space-between" align="flex-end">
        <Select size="xs" label="RTP proxy" data={Object.entries(rtpModes).map(([value, label]) => ({ value, label }))} value={rtp} onChange={setRtp} allowDeselect={false} w={180} />
        <Button size="compact-xs" variant="default" disabled={offline || !rtp} onClick={() => rtp && apply({ kind: 'rtp', rtp: rtp as keyof typeof rtpModes })}>
          Set RTP
        </Button>
      </Group>
    </Stack>
  )
}

function DiscountPlans({ customer, apply }: { customer: CustomerRow; apply: (change: CustomerChange) => void }) {
  const load = useCallback(() => call('customers.discountPlans', { accountId: customer.accountId }), [customer.accountId])
  const plans = useCached(load)
  const [planId, setPlanId] = useState<string | null>(null)
  const offline = useOffline()
  return (
    <Stack gap="xs">
      {plans.error && <LoadErrorAlert title="Could not load discount plans" error={plans.error} onRetry={plans.reload} />}
      <Group align="flex-end">
        <Select
          size="xs"
          label="Discount plan"
          placeholder={plans.loading ? 'Loading…' : 'Choose a plan'}
          data={(plans.data ?? []).map((plan) => ({ value: String(plan.id), label: `${plan.name}${plan.description ? ` — ${plan.description}` : ''}` }))}
          value={planId}
          onChange={setPlanId}
          style={{ flex: 1 }}
        />
        <Button size="xs" variant="default" disabled={offline || !planId} onClick={() => planId && apply({ kind: 'discountPlan', planId: Number(planId) })}>
          Add plan
        </Button>
      </Group>
    </Stack>
  )
}

function Subscriptions({ customer }: { customer: CustomerRow }) {
  const load = useCallback(() => call('customers.subscriptions', { accountId: customer.accountId, customerId: customer.id }), [customer.accountId, customer.id])
  const subscriptions = useCached(load)
  if (subscriptions.error) return <LoadErrorAlert title="Could not load subscriptions" error={subscriptions.error} onRetry={subscriptions.reload} />
  const list = subscriptions.data ?? []
  if (list.length === 0) return <Text size="sm" c="dimmed">{subscriptions.loading ? 'Loading…' : 'No subscriptions.'}</Text>
  return (
    <Table fz="xs" aria-label="Subscriptions" verticalSpacing={2}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>From</Table.Th>
          <Table.Th>To</Table.Th>
          <Table.Th ta="right">Fee</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.map((subscription) => (
          <Table.Tr key={subscription.id}>
            <Table.Td>{subscription.name}</Table.Td>
            <Table.Td>
              <Badge size="xs" variant="light" color={subscription.status === 'open' ? 'teal' : 'gray'}>
                {subscription.status}
              </Badge>
            </Table.Td>
            <Table.Td>{subscription.startDate ?? '—'}</Table.Td>
            <Table.Td>{subscription.finishDate ?? '—'}</Table.Td>
            <Table.Td ta="right">{formatMoney(subscription.fee)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function RecentChanges({ customer }: { customer: CustomerRow }) {
  const entries = useActivityStore((state) => state.entries).filter((entry) => entry.accountId === customer.accountId && entry.target === `customer:${customer.login}`)
  if (entries.length === 0) return <Text size="sm" c="dimmed">No change made from CarrierDesk yet.</Text>
  return (
    <Stack gap={4} aria-label="Changes made from CarrierDesk">
      {entries.slice(0, 10).map((entry) => (
        <Group key={entry.id} gap="xs" wrap="nowrap">
          <Badge size="xs" variant="light" color={entry.result === 'succeeded' ? 'teal' : entry.result === 'failed' ? 'red' : 'yellow'}>
            {entry.result}
          </Badge>
          <Text size="xs" c="dimmed" className="cd-nowrap">
            {formatTimestamp(entry.at)}
          </Text>
          <Text size="xs" lineClamp={1}>
            {entry.message ?? entry.action}
          </Text>
        </Group>
      ))}
    </Stack>
  )
}

export function CustomerDrawer({ customer, onClose }: { customer: CustomerRow; onClose: () => void }) {
  const apply = useApply(customer)
  return (
    <Drawer opened onClose={onClose} position="right" size="lg" title={`${customer.login} — ${customer.accountName}`}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {customer.name ?? ''} {customer.company ? `· ${customer.company}` : ''} · id {customer.id} · credit limit {formatMoney(customer.creditLimit)}
        </Text>
        <Title order={4} size="h6">
          Simultaneous calls
        </Title>
        <CallLimit apply={apply} />
        <Divider />
        <Toggles apply={apply} />
        <Divider />
        <Title order={4} size="h6">
          Discount plans
        </Title>
        <DiscountPlans customer={customer} apply={apply} />
        <Divider />
        <Title order={4} size="h6">
          Subscriptions
        </Title>
        <Subscriptions customer={customer} />
        <Divider />
        <Title order={4} size="h6">
          Changes from CarrierDesk
        </Title>
        <RecentChanges customer={customer} />
      </Stack>
    </Drawer>
  )
}
