/**
 * The cart: items grouped by carrier with setup and monthly totals, "Reserve" where the carrier holds
 * numbers, and "Order" → confirmation with the total cost → purchase (which can be stopped between
 * numbers) → every number bought, failed, of unknown outcome or not sent.
 */
import { ActionIcon, Alert, Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { IconLock, IconShoppingCart, IconX } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import type { CarrierId } from '../../../../shared/domain'
import { defaultPurchaseTrunk } from '../../../../shared/trunks'
import { choiceLabel, useTrunkChoices } from '../../components/trunk-choices'
import { OutcomeBadge, outcomeSummary } from '../../components/batch-outcome'
import { formatPhoneNumber } from '../../format'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useOffline } from '../../stores/connectivity'
import { formatMoney } from '../../format'
import { missingClients, needsClient, totalsOf, useCartStore, type CartItem, type CartTotals } from './cart-store'
import { CartClientForm, CartItemClient } from './client-details'

function Totals({ totals, label }: { totals: CartTotals; label: string }) {
  return (
    <Text size="sm" fw={600} aria-label={label}>
      Setup {formatMoney(totals.setup)} · Monthly {formatMoney(totals.monthly)}
      {totals.unpriced > 0 ? ` (+${totals.unpriced} unpriced)` : ''}
    </Text>
  )
}

/**
 * Where each account's new numbers land: its trunk groups (or endpoint groups seen on its numbers), the
 * remembered choice or the most used one preselected; "carrier's default" leaves it to the carrier.
 */
function PurchaseTrunks({ accountIds }: { accountIds: string[] }) {
  const { choices } = useTrunkChoices(accountIds)
  const trunks = useCartStore((state) => state.trunks)
  const setTrunk = useCartStore((state) => state.setTrunk)
  useEffect(() => {
    for (const account of choices ?? []) {
      const preset = defaultPurchaseTrunk(account)
      if (!(account.accountId in useCartStore.getState().trunks) && preset !== undefined) setTrunk(account.accountId, preset)
    }
  }, [choices, setTrunk])
  return (
    <>
      {(choices ?? [])
        .filter((account) => account.choices.length > 0)
        .map((account) => (
          <NativeSelect
            key={account.accountId}
            size="xs"
            label={`${account.accountName}: new numbers land on`}
            value={trunks[account.accountId] ?? ''}
            onChange={(event) => setTrunk(account.accountId, event.currentTarget.value || undefined)}
            data={[
              { value: '', label: 'The carrier’s default' },
              ...account.choices.filter((choice) => choice.status !== 'disabled').map((choice) => ({ value: choice.trunkId, label: choiceLabel(choice) })),
            ]}
          />
        ))}
    </>
  )
}

function CarrierGroup({ carrier, items }: { carrier: CarrierId; items: CartItem[] }) {
  const carriers = useCarriersStore((state) => state.carriers)
  const remove = useCartStore((state) => state.remove)
  const reserve = useCartStore((state) => state.reserve)
  const reserving = useCartStore((state) => state.reserving)
  const offline = useOffline()
  const name = carrierName(carriers, carrier)
  const canReserve = carriers.find((info) => info.id === carrier)?.capabilities.includes('numbers.reserve') ?? false
  const unreserved = items.filter((item) => !item.reserved).map((item) => item.offer.offerId)
  return (
    <Paper withBorder radius="sm" p="xs" role="region" aria-label={`Cart ${name}`}>
      <Group justify="space-between" mb={4}>
        <Text fw={600} size="sm">
          {name}
        </Text>
        {canReserve && (
          <Button size="compact-xs" variant="default" leftSection={<IconLock size={12} />} loading={reserving} disabled={offline || unreserved.length === 0} onClick={() => void reserve(unreserved)}>
            Reserve
          </Button>
        )}
      </Group>
      <Table fz="xs" verticalSpacing={2} withRowBorders={false}>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.offer.offerId} aria-label={`Cart item ${formatPhoneNumber(item.offer.e164)}`}>
              <Table.Td className="cd-mono cd-nowrap">{formatPhoneNumber(item.offer.e164)}</Table.Td>
              <Table.Td ta="right">{formatMoney(item.offer.setupCost)}</Table.Td>
              <Table.Td ta="right">{formatMoney(item.offer.monthlyCost)}</Table.Td>
              <Table.Td>
                {item.reserved && (
                  <Badge size="xs" variant="light" color="violet">
                    held
                  </Badge>
                )}
                {needsClient(item.offer) && <CartItemClient item={item} />}
                {item.problem && (
                  <Text size="xs" c="red">
                    {item.problem}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <ActionIcon size="sm" variant="subtle" color="gray" onClick={() => remove(item.offer.offerId)} aria-label={`Remove ${formatPhoneNumber(item.offer.e164)} from cart`}>
                  <IconX size={12} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <PurchaseTrunks accountIds={[...new Set(items.map((item) => item.offer.accountId))]} />
      <Totals totals={totalsOf(items)} label={`${name} totals`} />
    </Paper>
  )
}

function OrderConfirmation({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const items = useCartStore((state) => state.items)
  const order = useCartStore((state) => state.order)
  const carriers = useCarriersStore((state) => state.carriers)
  const trunks = useCartStore((state) => state.trunks)
  const totals = totalsOf(items)
  const accounts = [...new Map(items.map((item) => [item.offer.accountId, item.offer.accountName])).entries()]
  return (
    <Modal opened={opened} onClose={onClose} title="Confirm the order" size="lg">
      <Stack gap="sm">
        <Text size="sm">
          Buy <b>{items.length}</b> number{items.length === 1 ? '' : 's'}. This spends money at the carriers and cannot be undone from here.
        </Text>
        <Stack gap={0} aria-label="Where new numbers land">
          {accounts.map(([accountId, name]) => (
            <Text key={accountId} size="sm">
              {name}: new numbers land on <b className="cd-mono">{trunks[accountId] ?? 'the carrier’s default'}</b>
            </Text>
          ))}
        </Stack>
        <Table fz="sm" aria-label="Order lines" verticalSpacing={2}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Number</Table.Th>
              <Table.Th>Carrier</Table.Th>
              <Table.Th ta="right">Setup</Table.Th>
              <Table.Th ta="right">Monthly</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.offer.offerId}>
                <Table.Td className="cd-mono">{formatPhoneNumber(item.offer.e164)}</Table.Td>
                <Table.Td>
                  {carrierName(carriers, item.offer.carrier)} · {item.offer.accountName}
                  {item.client ? ` · new client ${item.client.name}` : ''}
                </Table.Td>
                <Table.Td ta="right">{formatMoney(item.offer.setupCost)}</Table.Td>
                <Table.Td ta="right">{formatMoney(item.offer.monthlyCost)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Totals totals={totals} label="Order total" />
          <Button
            color="orange"
            onClick={() => {
              onClose()
              void order()
            }}
          >
            Buy {items.length} number{items.length === 1 ? '' : 's'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

function OrderResult() {
  const lastOrder = useCartStore((state) => state.lastOrder)
  const dismiss = useCartStore((state) => state.dismissOrder)
  if (!lastOrder) return null
  // Mantine's Alert always has role="alert"; the wrapper names the result for assistive tech and tests.
  return (
    <div role="region" aria-label="Order result">
    <Alert
      color={lastOrder.failed === 0 && lastOrder.notSent === 0 ? 'teal' : lastOrder.succeeded === 0 && lastOrder.failed > 0 ? 'red' : 'yellow'}
      title={`Order: ${outcomeSummary(lastOrder, 'bought')}`}
      withCloseButton
      onClose={dismiss}
      closeButtonLabel="Dismiss order result"
    >
      <Table fz="xs" verticalSpacing={1} withRowBorders={false}>
        <Table.Tbody>
          {lastOrder.lines.map((line) => (
            <Table.Tr key={`${line.accountId} ${line.e164}`} aria-label={formatPhoneNumber(line.e164)}>
              <Table.Td className="cd-mono">{formatPhoneNumber(line.e164)}</Table.Td>
              <Table.Td>
                <OutcomeBadge line={line} done="bought" size="xs" />
              </Table.Td>
              <Table.Td>{line.message ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Alert>
    </div>
  )
}

export function CartPanel() {
  const items = useCartStore((state) => state.items)
  const ordering = useCartStore((state) => state.ordering)
  const stopping = useCartStore((state) => state.stopping)
  const stopOrder = useCartStore((state) => state.stopOrder)
  const offline = useOffline()
  const [confirming, setConfirming] = useState(false)
  const groups = new Map<CarrierId, CartItem[]>()
  for (const item of items) groups.set(item.offer.carrier, [...(groups.get(item.offer.carrier) ?? []), item])
  return (
    <Stack gap="xs" role="complementary" aria-label="Cart">
      <Group justify="space-between">
        <Group gap={6}>
          <IconShoppingCart size={18} aria-hidden />
          <Title order={3} size="h5">
            Cart ({items.length})
          </Title>
        </Group>
        <Group gap={6}>
          {ordering && (
            <Button size="xs" color="red" variant="light" loading={stopping} onClick={() => void stopOrder()} title="Numbers already sent are bought; the rest are not sent">
              Stop ordering
            </Button>
          )}
          <Button
            size="xs"
            color="orange"
            disabled={items.length === 0 || offline || missingClients(items).length > 0}
            title={missingClients(items).length > 0 ? 'Give the client details of every number that needs them first' : undefined}
            loading={ordering}
            onClick={() => setConfirming(true)}
          >
            Order
          </Button>
        </Group>
      </Group>
      <OrderResult />
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          The cart is empty. Add numbers from the search results.
        </Text>
      ) : (
        <>
          {[...groups].map(([carrier, groupItems]) => (
            <CarrierGroup key={carrier} carrier={carrier} items={groupItems} />
          ))}
          <Totals totals={totalsOf(items)} label="Cart total" />
        </>
      )}
      <OrderConfirmation opened={confirming} onClose={() => setConfirming(false)} />
      <CartClientForm />
    </Stack>
  )
}
