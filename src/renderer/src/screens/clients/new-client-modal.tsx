/**
 * "New client": pick the client's main number (found by a search of this account's carrier, or one being
 * ported in), fill in the client, confirm, and `clients.create` sends it once. The outcome says whether
 * Nexogy created it, even when its answer was lost and CarrierDesk had to look it up.
 */
import { Alert, Button, Checkbox, Group, Modal, Radio, ScrollArea, Stack, Text, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import type { ClientCreation, NewClientFields } from '../../../../shared/clients'
import type { AccountView } from '../../../../shared/domain'
import type { SearchOffer } from '../../../../shared/ipc-shared'
import { call, toErrorShape } from '../../bridge'
import { formErrorsOf } from '../../components/form-errors'
import { clientFieldNames, NewClientForm } from '../../components/new-client-form'
import { formatPhoneNumber } from '../../format'
import { CreationOutcome } from '../../components/creation-outcome'

function NumberPicker({ account, value, onChange }: { account: AccountView; value: string; onChange: (number: string) => void }) {
  const [npa, setNpa] = useState('')
  const [state, setState] = useState('')
  const [offers, setOffers] = useState<SearchOffer[] | undefined>()
  const [searching, setSearching] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const search = async (): Promise<void> => {
    setSearching(true)
    setError(undefined)
    try {
      const query = { type: 'local' as const, limit: 20, ...(npa.trim() ? { npa: npa.trim() } : {}), ...(state.trim() ? { state: state.trim().toUpperCase() } : {}) }
      const result = await call('numbers.search', { query, accountIds: [account.id] })
      setOffers(result.offers)
      if (result.failures[0]) setError(result.failures[0].message)
    } catch (failure) {
      setError(toErrorShape(failure).message)
    } finally {
      setSearching(false)
    }
  }
  return (
    <Stack gap="xs" role="group" aria-label="Main number">
      <Group align="flex-end" gap="xs">
        <TextInput size="xs" label="Area code" placeholder="305" value={npa} onChange={(event) => setNpa(event.currentTarget.value)} w={100} />
        <TextInput size="xs" label="State" placeholder="FL" value={state} onChange={(event) => setState(event.currentTarget.value)} w={80} />
        <Button size="xs" variant="default" leftSection={<IconSearch size={14} />} loading={searching} disabled={!npa.trim() && !state.trim()} onClick={() => void search()}>
          Find numbers
        </Button>
        <TextInput size="xs" label="or the number" placeholder="+1 305 555 0123" value={value} onChange={(event) => onChange(event.currentTarget.value)} w={180} />
      </Group>
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
      {offers && (
        <ScrollArea.Autosize mah={140}>
          <Radio.Group value={value} onChange={onChange} aria-label="Numbers found">
            <Group gap="sm">
              {offers.length === 0 ? (
                <Text size="xs" c="dimmed">
                  No numbers found there.
                </Text>
              ) : (
                offers.map((offer) => <Radio key={offer.offerId} value={offer.e164} label={formatPhoneNumber(offer.e164)} size="xs" />)
              )}
            </Group>
          </Radio.Group>
        </ScrollArea.Autosize>
      )}
    </Stack>
  )
}

export function NewClientModal({ account, onClose, onCreated }: { account: AccountView; onClose: () => void; onCreated: () => void }) {
  const [number, setNumber] = useState('')
  const [porting, setPorting] = useState(false)
  const [pending, setPending] = useState<NewClientFields | undefined>()
  const [sending, setSending] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [general, setGeneral] = useState<string | undefined>()
  const [outcome, setOutcome] = useState<ClientCreation | undefined>()

  const create = async (fields: NewClientFields): Promise<void> => {
    setSending(true)
    setGeneral(undefined)
    try {
      const result = await call('clients.create', { accountId: account.id, client: { ...fields, didNumber: number, didPorting: porting }, confirmed: true })
      setOutcome(result)
      if (result.created) onCreated()
    } catch (error) {
      const placed = formErrorsOf(error, [...clientFieldNames, 'didNumber'], 'client')
      setErrors(placed.byField)
      setGeneral(placed.byField.didNumber ? `Main number: ${placed.byField.didNumber}` : placed.general)
    } finally {
      setSending(false)
      setPending(undefined)
    }
  }

  return (
    <Modal opened onClose={() => !sending && onClose()} title={`New client — ${account.name}`} size="xl" closeOnClickOutside={false}>
      {outcome ? (
        <Stack gap="sm">
          <CreationOutcome outcome={outcome} createdTitle="Client created">
            {outcome.created
              ? `${formatPhoneNumber(outcome.client?.e164 ?? number)} belongs to client ${outcome.client?.id ?? '(id not known)'}${outcome.client?.domain ? ` (${outcome.client.domain})` : ''}. ${outcome.message ?? ''}`
              : outcome.message}
          </CreationOutcome>
          <Group justify="flex-end">
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      ) : pending ? (
        <Stack gap="sm">
          <Alert color="orange" variant="light" title="Confirm the new client">
            <Text fw={600} data-testid="client-confirmation">
              Create {pending.firstName} {pending.lastName} at {account.name} with the number {formatPhoneNumber(number.trim())}
              {porting ? ' (being ported in)' : ''}, billing from {pending.startBillingDate}?
            </Text>
            <Text size="sm" c="dimmed" mt={4}>
              Nexogy starts the client&apos;s service and billing; sent once.
            </Text>
          </Alert>
          <Group justify="space-between">
            <Button variant="subtle" disabled={sending} onClick={() => setPending(undefined)}>
              Back
            </Button>
            <Button color="orange" loading={sending} onClick={() => void create(pending)}>
              Create client
            </Button>
          </Group>
        </Stack>
      ) : (
        <NewClientForm
          header={
            <Stack gap="xs">
              <NumberPicker account={account} value={number} onChange={setNumber} />
              <Checkbox size="xs" label="The number is being ported in (not from Nexogy's stock)" checked={porting} onChange={(event) => setPorting(event.currentTarget.checked)} />
            </Stack>
          }
          errors={errors}
          general={general}
          submitLabel="Review"
          busy={sending}
          onSubmit={(fields) => {
            if (!number.trim()) {
              setGeneral('Choose the main number first: find one, or type the number being ported in')
              return
            }
            setGeneral(undefined)
            setPending(fields)
          }}
          onCancel={onClose}
        />
      )}
    </Modal>
  )
}
