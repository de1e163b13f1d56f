/**
 * The cart: items grouped by carrier with setup and monthly totals, "Reserve" where the carrier holds
 * numbers, and "Order" → confirmation with the total cost → purchase (which can be stopped between
 * numbers) → every number bought, failed, of unknown outcome or not sent.
 */
import { ActionIcon, Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { IconLock, IconShoppingCart, IconX } from '@tabler/icons-react'
import { useState } from 'react'
import type { CarrierId } from '../../../../shared/domain'
import { OutcomeBadge, outcomeSummary } from '../../components/batch-outcome'
import { formatPhoneNumber } from '../../format'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useOffline } from '../../stores/connectivity'
import { formatMoney } from '../../format'
import { totalsOf, useCartStore, type CartItem, type CartTotals } from './cart-store'

function Totals({ totals, label }: { totals: CartTotals; label: string }) {
  return (
    <Text size="sm" fw={600} aria-label={label}>
      Setup {formatMoney(totals.setup)} · Monthly {formatMoney(totals.monthly)}
      {totals.unpriced > 0 ? ` (+${totals.unpriced} unpriced)` : ''}
    </Text>
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
      <Totals totals={totalsOf(items)} label={`${name} totals`} />
    </Paper>
  )
}

function OrderConfirmation({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const items = useCartStore((state) => state.items)
  const order = useCartStore((state) => state.order)
  const carriers = useCarriersStore((state) => state.carriers)
  const totals = totalsOf(items)
  return (
    <Modal opened={opened} onClose={onClose} title="Confirm the order" size="lg">
      <Stack gap="sm">
        <Text size="sm">
          Buy <b>{items.length}</b> number{items.length === 1 ? '' : 's'}. This spends money at the carriers and cannot be undone from here.
        </Text>
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
          <Button size="xs" color="orange" disabled={items.length === 0 || offline} loading={ordering} onClick={() => setConfirming(true)}>
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
    </Stack>
  )
}
