/**
 * Buying a number from a carrier that sells it only with a client (Nexogy): the cart's new-client form for
 * that number. The details go to main with `clients.offerDetails`, checked there as the carrier's document
 * says, and ride with the offer to the order, which creates the client; the renderer keeps only the name.
 */
import { Alert, Button, Modal, Text } from '@mantine/core'
import { useState } from 'react'
import type { NewClientFields } from '../../../../shared/clients'
import { call } from '../../bridge'
import { formErrorsOf } from '../../components/form-errors'
import { clientFieldNames, NewClientForm } from '../../components/new-client-form'
import { formatPhoneNumber } from '../../format'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useCartStore, type CartItem } from './cart-store'

function ClientForm({ item }: { item: CartItem }) {
  const carriers = useCarriersStore((state) => state.carriers)
  const close = useCartStore((state) => state.openClientForm)
  const given = useCartStore((state) => state.clientGiven)
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [general, setGeneral] = useState<string | undefined>()
  const number = formatPhoneNumber(item.offer.e164)
  const submit = async (fields: NewClientFields): Promise<void> => {
    setBusy(true)
    setGeneral(undefined)
    try {
      await call('clients.offerDetails', { offerId: item.offer.offerId, client: fields })
      given(item.offer.offerId, `${fields.firstName} ${fields.lastName}`.trim())
    } catch (error) {
      const placed = formErrorsOf(error, clientFieldNames, 'client')
      setErrors(placed.byField)
      setGeneral(placed.general)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal opened onClose={() => !busy && close(undefined)} title={`New client for ${number}`} size="lg" closeOnClickOutside={false}>
      <NewClientForm
        header={
          <Alert color="blue" variant="light">
            <Text size="sm">
              {carrierName(carriers, item.offer.carrier)} sells {number} with a residential client: ordering it creates this client ({item.offer.accountName}), and
              the number shows in Numbers once the order is through.
            </Text>
          </Alert>
        }
        errors={errors}
        general={general}
        submitLabel="Use these details"
        busy={busy}
        onSubmit={(fields) => void submit(fields)}
        onCancel={() => close(undefined)}
      />
    </Modal>
  )
}

/** The open client form, if any (mounted while open, so nothing typed outlives it). */
export function CartClientForm() {
  const offerId = useCartStore((state) => state.clientFormFor)
  const item = useCartStore((state) => state.items.find((candidate) => candidate.offer.offerId === offerId))
  return item ? <ClientForm key={item.offer.offerId} item={item} /> : null
}

/** In the cart row: whose client the number will be, or the button that asks. */
export function CartItemClient({ item }: { item: CartItem }) {
  const open = useCartStore((state) => state.openClientForm)
  const label = formatPhoneNumber(item.offer.e164)
  return item.client ? (
    <Text size="xs" c="dimmed">
      Client: {item.client.name}{' '}
      <Button size="compact-xs" variant="subtle" onClick={() => open(item.offer.offerId)} aria-label={`Change the client for ${label}`}>
        change
      </Button>
    </Text>
  ) : (
    <Button size="compact-xs" color="orange" variant="light" onClick={() => open(item.offer.offerId)} aria-label={`Client details for ${label}`}>
      Client details…
    </Button>
  )
}
