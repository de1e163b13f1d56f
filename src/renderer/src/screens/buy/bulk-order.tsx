/** Bulk orders by quantity, for carriers that take them: the carrier picks the numbers. */
import { Button, Group, Modal, NativeSelect, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import type { BulkOrderView } from '../../../../shared/ipc-shared'
import { call } from '../../bridge'
import { notifyError } from '../../notify'
import { useAccountsStore } from '../../stores/accounts'
import { useCarriersStore } from '../../stores/carriers'
import { useOffline } from '../../stores/connectivity'

interface BulkRequest {
  accountId: string
  quantity: number
  state?: string
  npa?: string
  rateCenter?: string
}

function OrderStatus({ order, onRefresh, refreshing }: { order: BulkOrderView; onRefresh: () => void; refreshing: boolean }) {
  return (
    <Paper withBorder p="xs" role="status" aria-label="Bulk order status">
      <Text size="sm">
        Order {order.orderId}: <b>{order.state}</b>, {order.fulfilled} of {order.requested} numbers
        {order.message ? ` — ${order.message}` : ''}
      </Text>
      {order.numbers.length > 0 && (
        <Text size="xs" c="dimmed" className="cd-mono">
          {order.numbers.slice(0, 50).join(', ')}
          {order.numbers.length > 50 ? ' …' : ''}
        </Text>
      )}
      {order.state === 'pending' && (
        <Button size="compact-xs" variant="default" mt={4} loading={refreshing} onClick={onRefresh}>
          Refresh status
        </Button>
      )}
    </Paper>
  )
}

export function BulkOrder() {
  const carriers = useCarriersStore((state) => state.carriers)
  const accounts = useAccountsStore((state) => state.accounts)
  const offline = useOffline()
  const eligible = accounts.filter((account) => carriers.find((carrier) => carrier.id === account.carrier)?.capabilities.includes('numbers.bulkOrder'))
  const [accountId, setAccountId] = useState('')
  const [quantity, setQuantity] = useState<number>(10)
  const [state, setState] = useState('')
  const [npa, setNpa] = useState('')
  const [rateCenter, setRateCenter] = useState('')
  const [confirming, setConfirming] = useState<BulkRequest>()
  const [busy, setBusy] = useState(false)
  const [order, setOrder] = useState<BulkOrderView>()

  if (eligible.length === 0) return null
  const chosen = accountId || eligible[0]?.id || ''

  const place = async (request: BulkRequest): Promise<void> => {
    setConfirming(undefined)
    setBusy(true)
    try {
      setOrder(await call('numbers.bulkOrder', { ...request, confirmed: true }))
    } catch (error) {
      notifyError('The bulk order did not go through', error)
    } finally {
      setBusy(false)
    }
  }
  const refresh = async (): Promise<void> => {
    if (!order) return
    setBusy(true)
    try {
      setOrder(await call('numbers.bulkOrderStatus', { accountId: order.accountId, orderId: order.orderId }))
    } catch (error) {
      notifyError('Could not read the bulk order', error)
    } finally {
      setBusy(false)
    }
  }
  const request: BulkRequest = {
    accountId: chosen,
    quantity,
    ...(state.trim() ? { state: state.trim() } : {}),
    ...(npa.trim() ? { npa: npa.trim() } : {}),
    ...(rateCenter.trim() ? { rateCenter: rateCenter.trim() } : {}),
  }
  return (
    <Stack gap="xs" role="region" aria-label="Bulk order">
      <Title order={3} size="h5">
        Bulk order by quantity
      </Title>
      <Group align="flex-end" gap="xs">
        <NativeSelect label="Bulk account" size="xs" value={chosen} onChange={(e) => setAccountId(e.currentTarget.value)} data={eligible.map((a) => ({ value: a.id, label: a.name }))} />
        <NumberInput label="Quantity" size="xs" w={90} min={1} max={10_000} value={quantity} onChange={(v) => setQuantity(typeof v === 'number' ? v : 1)} />
        <TextInput label="Bulk state" size="xs" w={70} maxLength={2} value={state} onChange={(e) => setState(e.currentTarget.value.toUpperCase())} />
        <TextInput label="Bulk NPA" size="xs" w={70} maxLength={3} value={npa} onChange={(e) => setNpa(e.currentTarget.value)} />
        <TextInput label="Bulk rate center" size="xs" w={130} value={rateCenter} onChange={(e) => setRateCenter(e.currentTarget.value)} />
        <Button size="xs" variant="default" loading={busy} disabled={offline || !chosen} onClick={() => setConfirming(request)}>
          Place bulk order
        </Button>
      </Group>
      {order && <OrderStatus order={order} onRefresh={() => void refresh()} refreshing={busy} />}
      <Modal opened={confirming !== undefined} onClose={() => setConfirming(undefined)} title="Confirm the bulk order">
        {confirming && (
          <Stack gap="sm">
            <Text size="sm">
              Order <b>{confirming.quantity}</b> numbers from <b>{eligible.find((a) => a.id === confirming.accountId)?.name}</b>
              {confirming.state ? ` in ${confirming.state}` : ''}
              {confirming.npa ? `, NPA ${confirming.npa}` : ''}
              {confirming.rateCenter ? `, rate center ${confirming.rateCenter}` : ''}. The carrier picks the numbers and charges for them.
            </Text>
            <Group justify="flex-end">
              <Button color="orange" onClick={() => void place(confirming)}>
                Place the order
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  )
}
