/**
 * The form step of each change. Each form turns what was typed into a NumberChange (validated here with
 * the contract's own schemas, so errors show beside the field before anything is confirmed).
 */
import { Button, Checkbox, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent, type ReactNode } from 'react'
import type { E911Address, NumberChange } from '../../../../shared/domain'
import { E911AddressSchema, NumberChangeSchema } from '../../../../shared/ipc-shared'
import { call, toErrorShape } from '../../bridge'
import type { ChangeKind, FlowDraft, TagEdit } from './change-flow-store'
import type { SelectedNumber } from './numbers-store'

interface FormProps {
  first: SelectedNumber | undefined
  canVerifyAddress: boolean
  onSubmit: (draft: FlowDraft) => void
}

function FormShell({ label, error, onSubmit, children }: { label: string; error?: string | undefined; onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      aria-label={label}
      onSubmit={(event: FormEvent) => {
        event.preventDefault()
        onSubmit()
      }}
    >
      <Stack gap="sm">
        {children}
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit">Review change</Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Checks a change against the contract; answers the first message, or the parsed change. */
function validate(change: unknown): { change?: NumberChange; error?: string } {
  const parsed = NumberChangeSchema.safeParse(change)
  if (parsed.success) return { change: parsed.data as NumberChange }
  return { error: parsed.error.issues[0]?.message ?? 'Check the form' }
}

function RoutingForm({ first, onSubmit }: FormProps) {
  const [mode, setMode] = useState<'trunk' | 'forward'>('trunk')
  const [trunk, setTrunk] = useState(first?.trunk && !first.trunk.startsWith('forward ') ? first.trunk : '')
  const [destination, setDestination] = useState('')
  const [error, setError] = useState<string>()
  const submit = (): void => {
    const routing = mode === 'trunk' ? { kind: 'trunk', trunk } : { kind: 'forward', destination: destination.replace(/[\s()-]/g, '') }
    const result = validate({ kind: 'routing', routing })
    if (result.change) onSubmit({ type: 'change', change: result.change })
    else setError(result.error)
  }
  return (
    <FormShell label="Routing" error={error} onSubmit={submit}>
      <Radio.Group label="Send calls" value={mode} onChange={(value) => setMode(value as 'trunk' | 'forward')}>
        <Group mt={4}>
          <Radio value="trunk" label="To a trunk" />
          <Radio value="forward" label="Forward to a number" />
        </Group>
      </Radio.Group>
      {mode === 'trunk' ? (
        <TextInput label="Trunk" value={trunk} onChange={(event) => setTrunk(event.currentTarget.value)} data-autofocus />
      ) : (
        <TextInput
          label="Forward to"
          description="E.164, e.g. +13055550100"
          value={destination}
          onChange={(event) => setDestination(event.currentTarget.value)}
          data-autofocus
        />
      )}
    </FormShell>
  )
}

function CnamForm({ first, onSubmit }: FormProps) {
  const [cnam, setCnam] = useState(first?.cnam ?? '')
  const [remove, setRemove] = useState(false)
  const [error, setError] = useState<string>()
  const submit = (): void => {
    const result = validate({ kind: 'cnam', cnam: remove ? null : cnam })
    if (result.change && (remove || cnam.trim())) onSubmit({ type: 'change', change: result.change })
    else setError(result.error ?? 'Type a CNAM or tick “Remove CNAM”')
  }
  return (
    <FormShell label="CNAM" error={error} onSubmit={submit}>
      <TextInput label="CNAM" description="Up to 15 characters" maxLength={15} value={cnam} disabled={remove} onChange={(event) => setCnam(event.currentTarget.value)} data-autofocus />
      <Checkbox label="Remove CNAM" checked={remove} onChange={(event) => setRemove(event.currentTarget.checked)} />
    </FormShell>
  )
}

const emptyAddress: E911Address = { callerName: '', street: '', unit: '', city: '', state: '', zip: '' }

function AddressFields({ address, onChange }: { address: E911Address; onChange: (address: E911Address) => void }) {
  const field = (key: keyof E911Address, label: string) => (
    <TextInput label={label} value={address[key] ?? ''} onChange={(event) => onChange({ ...address, [key]: event.currentTarget.value })} />
  )
  return (
    <SimpleGrid cols={2} spacing="xs">
      {field('callerName', 'Caller name')}
      {field('street', 'Street')}
      {field('unit', 'Unit')}
      {field('city', 'City')}
      {field('state', 'State (2 letters)')}
      {field('zip', 'ZIP')}
    </SimpleGrid>
  )
}

function withoutEmptyUnit(address: E911Address): E911Address {
  const { unit, ...rest } = address
  return unit?.trim() ? { ...rest, unit } : rest
}

function E911Form({ first, canVerifyAddress, onSubmit }: FormProps) {
  const [address, setAddress] = useState<E911Address>(emptyAddress)
  const [error, setError] = useState<string>()
  const [verdict, setVerdict] = useState<string>()
  const [verifying, setVerifying] = useState(false)
  const verify = async (): Promise<void> => {
    const parsed = E911AddressSchema.safeParse(withoutEmptyUnit(address))
    if (!parsed.success || !first) {
      setError(parsed.error?.issues[0]?.message ?? 'Check the address')
      return
    }
    setVerifying(true)
    try {
      const check = await call('numbers.verifyAddress', { accountId: first.accountId, address: parsed.data })
      if (check.suggestion) setAddress({ ...emptyAddress, ...check.suggestion })
      setVerdict(check.valid ? `Address verified${check.suggestion ? ' (corrected as the carrier suggests)' : ''}` : `Not valid: ${check.message ?? 'the carrier refused it'}`)
    } catch (failure) {
      setVerdict(`Could not verify: ${toErrorShape(failure).message}`)
    } finally {
      setVerifying(false)
    }
  }
  const submit = (): void => {
    const result = validate({ kind: 'e911', address: withoutEmptyUnit(address) })
    if (result.change) onSubmit({ type: 'change', change: result.change })
    else setError(result.error)
  }
  return (
    <FormShell label="E911 address" error={error} onSubmit={submit}>
      {first?.e911 && (
        <Text size="sm" c="dimmed">
          Current: {first.e911}
        </Text>
      )}
      <AddressFields address={address} onChange={setAddress} />
      {canVerifyAddress && (
        <Group>
          <Button variant="default" size="xs" loading={verifying} onClick={() => void verify()}>
            Verify address
          </Button>
          {verdict && (
            <Text size="sm" role="status">
              {verdict}
            </Text>
          )}
        </Group>
      )}
    </FormShell>
  )
}

function Listing411Form({ onSubmit }: FormProps) {
  const [listed, setListed] = useState(true)
  const [name, setName] = useState('')
  const [error, setError] = useState<string>()
  const submit = (): void => {
    const result = validate({ kind: 'listing411', listing: { listed, ...(listed && name.trim() ? { name } : {}) } })
    if (result.change) onSubmit({ type: 'change', change: result.change })
    else setError(result.error)
  }
  return (
    <FormShell label="411 listing" error={error} onSubmit={submit}>
      <Checkbox label="Listed in 411 directory assistance" checked={listed} onChange={(event) => setListed(event.currentTarget.checked)} />
      <TextInput label="Listing name" value={name} disabled={!listed} onChange={(event) => setName(event.currentTarget.value)} />
    </FormShell>
  )
}

function FaxForm({ onSubmit }: FormProps) {
  const [enabled, setEnabled] = useState(true)
  const [email, setEmail] = useState('')
  const [error, setError] = useState<string>()
  const submit = (): void => {
    const result = validate({ kind: 'fax', fax: { enabled, ...(enabled && email.trim() ? { email: email.trim() } : {}) } })
    if (result.change) onSubmit({ type: 'change', change: result.change })
    else setError(result.error)
  }
  return (
    <FormShell label="Fax" error={error} onSubmit={submit}>
      <Checkbox label="Fax enabled" checked={enabled} onChange={(event) => setEnabled(event.currentTarget.checked)} />
      <TextInput label="Fax to email" type="email" value={email} disabled={!enabled} onChange={(event) => setEmail(event.currentTarget.value)} />
    </FormShell>
  )
}

function StatusForm({ first, onSubmit }: FormProps) {
  const [status, setStatus] = useState<'active' | 'suspended'>(first?.status === 'active' ? 'suspended' : 'active')
  return (
    <FormShell label="Status" onSubmit={() => onSubmit({ type: 'change', change: { kind: 'status', status } })}>
      <NativeSelect
        label="New status"
        value={status}
        onChange={(event) => setStatus(event.currentTarget.value as 'active' | 'suspended')}
        data={[
          { value: 'active', label: 'Active' },
          { value: 'suspended', label: 'Suspended' },
        ]}
      />
    </FormShell>
  )
}

export function TagsForm({ onSubmit }: FormProps) {
  const [mode, setMode] = useState<TagEdit['mode']>('add')
  const [tag, setTag] = useState('')
  const [error, setError] = useState<string>()
  const submit = (): void => {
    if (!tag.trim() || tag.length > 40) setError('A tag is 1 to 40 characters')
    else onSubmit({ type: 'tags', edit: { mode, tag: tag.trim() } })
  }
  return (
    <FormShell label="Tags" error={error} onSubmit={submit}>
      <Radio.Group label="Tag action" value={mode} onChange={(value) => setMode(value as TagEdit['mode'])}>
        <Group mt={4}>
          <Radio value="add" label="Add tag" />
          <Radio value="remove" label="Remove tag" />
        </Group>
      </Radio.Group>
      <TextInput label="Tag" value={tag} onChange={(event) => setTag(event.currentTarget.value)} data-autofocus />
      <Text size="xs" c="dimmed">
        Tags are kept in CarrierDesk only; nothing is sent to the carrier.
      </Text>
    </FormShell>
  )
}

const forms: Record<ChangeKind, (props: FormProps) => ReactNode> = {
  routing: RoutingForm,
  cnam: CnamForm,
  e911: E911Form,
  listing411: Listing411Form,
  fax: FaxForm,
  status: StatusForm,
}

export function ChangeForm({ kind, ...props }: FormProps & { kind: ChangeKind }) {
  const Form = forms[kind]
  return <Form {...props} />
}
