/**
 * The form step of each change. Each form turns what was typed into a NumberChange (validated here with
 * the contract's own schemas, so errors show beside the field before anything is confirmed).
 */
import { Button, Checkbox, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useCallback, useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react'
import type { E911Address, NumberChange, NumberGroup } from '../../../../shared/domain'
import { E911AddressSchema, NumberChangeSchema } from '../../../../shared/ipc-shared'
import { call, toErrorShape } from '../../bridge'
import type { ChangeKind, FlowDraft, TagEdit } from './change-flow-store'
import type { SelectedNumber } from './numbers-store'
import { TrunkPicker } from './trunk-picker'

interface FormProps {
  first: SelectedNumber | undefined
  /** Every number the change is for (the routing picker offers their accounts' trunks). */
  targets?: SelectedNumber[] | undefined
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

function RoutingForm({ first, targets, onSubmit }: FormProps) {
  const [mode, setMode] = useState<'trunk' | 'forward'>('trunk')
  const initialTrunk = first?.trunk && !first.trunk.startsWith('forward ') ? first.trunk : undefined
  const [trunk, setTrunk] = useState(initialTrunk ?? '')
  const [trunkProblem, setTrunkProblem] = useState<string>()
  const [destination, setDestination] = useState('')
  const [error, setError] = useState<string>()
  const accountIds = useMemo(() => (targets ?? (first ? [first] : [])).map((target) => target.accountId), [targets, first])
  const pickTrunk = useCallback((value: string, problem: string | undefined) => {
    setTrunk(value)
    setTrunkProblem(problem)
  }, [])
  const submit = (): void => {
    if (mode === 'trunk' && trunkProblem) {
      setError(trunkProblem)
      return
    }
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
        <TrunkPicker accountIds={accountIds} initial={initialTrunk} onChange={pickTrunk} />
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

export function AddressFields({ address, onChange }: { address: E911Address; onChange: (address: E911Address) => void }) {
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

function FailoverForm({ first, onSubmit }: FormProps) {
  const [destination, setDestination] = useState(first?.failover ?? '')
  const [clear, setClear] = useState(false)
  const [error, setError] = useState<string>()
  const submit = (): void => {
    const result = validate({ kind: 'failover', destination: clear ? null : destination.replace(/[\s()-]/g, '') })
    if (result.change) onSubmit({ type: 'change', change: result.change })
    else setError(result.error)
  }
  return (
    <FormShell label="Failover" error={error} onSubmit={submit}>
      <TextInput
        label="Fail over to"
        description="Where calls go when the trunk does not answer: E.164, e.g. +13055550100"
        value={destination}
        disabled={clear}
        onChange={(event) => setDestination(event.currentTarget.value)}
        data-autofocus
      />
      <Checkbox label="Remove failover" checked={clear} onChange={(event) => setClear(event.currentTarget.checked)} />
    </FormShell>
  )
}

function StopForwardingForm({ first, onSubmit }: FormProps) {
  return (
    <FormShell label="Stop forwarding" onSubmit={() => onSubmit({ type: 'change', change: { kind: 'stopForwarding' } })}>
      <Text size="sm">
        Calls stop being forwarded and go to the number’s own trunk again{first?.trunk ? ` (now: ${first.trunk})` : ''}.
      </Text>
    </FormShell>
  )
}

/** The account's number groups, read from the carrier when the form opens (groups are made in its portal). */
function GroupForm({ first, onSubmit }: FormProps) {
  const [groups, setGroups] = useState<NumberGroup[]>()
  const [groupId, setGroupId] = useState('')
  const [error, setError] = useState<string>()
  useEffect(() => {
    if (!first) return
    let live = true
    call('features.groups', { accountId: first.accountId })
      .then((answer) => {
        if (!live) return
        setGroups(answer.groups)
        setGroupId((chosen) => chosen || (answer.groups.find((group) => group.name !== first.group)?.id ?? ''))
      })
      .catch((failure: unknown) => live && setError(`Could not read the groups: ${toErrorShape(failure).message}`))
    return () => {
      live = false
    }
  }, [first])
  const submit = (): void => {
    const group = groups?.find((each) => each.id === groupId)
    const result = validate(groupId === 'none' ? { kind: 'group', groupId: null } : { kind: 'group', groupId, groupName: group?.name })
    if (result.change && (groupId === 'none' || group)) onSubmit({ type: 'change', change: result.change })
    else setError(result.error ?? 'Choose a group')
  }
  return (
    <FormShell label="Number group" error={error} onSubmit={submit}>
      <NativeSelect
        label="Move to group"
        description={groups ? 'Groups are made in the carrier’s portal' : 'Reading the account’s groups…'}
        value={groupId}
        disabled={!groups}
        onChange={(event) => setGroupId(event.currentTarget.value)}
        data={[
          ...(groups ?? []).map((group) => ({ value: group.id, label: group.name })),
          { value: 'none', label: '(no group: take them out)' },
        ]}
        data-autofocus
      />
    </FormShell>
  )
}

function E911RemoveForm({ first, onSubmit }: FormProps) {
  return (
    <FormShell label="Remove E911" onSubmit={() => onSubmit({ type: 'change', change: { kind: 'e911Remove' } })}>
      <Text size="sm" c="red">
        The E911 address is removed: 911 calls from {first ? 'this number' : 'these numbers'} no longer carry a dispatchable address.
      </Text>
      {first?.e911 && (
        <Text size="sm" c="dimmed">
          Current: {first.e911}
        </Text>
      )}
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
  failover: FailoverForm,
  stopForwarding: StopForwardingForm,
  group: GroupForm,
  e911Remove: E911RemoveForm,
}

export function ChangeForm({ kind, ...props }: FormProps & { kind: ChangeKind }) {
  const Form = forms[kind]
  return <Form {...props} />
}
