/** "Adopt a client": a client that exists at Nexogy (made in its portal) brought into CarrierDesk by its id and main number. */
import { Alert, Button, Group, Modal, NumberInput, Stack, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { AccountView } from '../../../../shared/domain'
import { call, toErrorShape } from '../../bridge'
import { notifySuccess } from '../../notify'

export function AdoptModal({ account, onClose, onAdopted }: { account: AccountView; onClose: () => void; onAdopted: () => void }) {
  const [clientId, setClientId] = useState<number | string>('')
  const [number, setNumber] = useState('')
  const [domain, setDomain] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const adopt = async (): Promise<void> => {
    setBusy(true)
    setError(undefined)
    try {
      const adopted = await call('clients.adopt', { accountId: account.id, clientId: Number(clientId), number: number.trim(), ...(domain.trim() ? { domain: domain.trim() } : {}) })
      notifySuccess('Client adopted', `Client ${adopted.id ?? ''} (${adopted.status}) is now known; its number shows in Numbers.`)
      onAdopted()
      onClose()
    } catch (failure) {
      const shape = toErrorShape(failure)
      setError(`${shape.code}: ${shape.message}`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal opened onClose={onClose} title={`Adopt a client — ${account.name}`}>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void adopt()
        }}
      >
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert" title="Not adopted">
              {error}
            </Alert>
          )}
          <NumberInput label="Client id" required min={1} allowDecimal={false} value={clientId} onChange={setClientId} />
          <TextInput label="Main number" required placeholder="+1 305 555 0123" value={number} onChange={(event) => setNumber(event.currentTarget.value)} />
          <TextInput label="Domain (optional, checked against the id)" placeholder="kerryking.com" value={domain} onChange={(event) => setDomain(event.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!clientId || !number.trim()}>
              Adopt
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
