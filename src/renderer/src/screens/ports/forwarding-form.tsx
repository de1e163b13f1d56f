/**
 * Where calls to an order's numbers go while they port: up to three destinations tried in turn, or "the
 * forwarding is preconfigured". Prefilled from the order's current forwarding and checked by the contract's
 * own schema before the change is confirmed, each problem shown beside its field.
 */
import { Alert, Button, Group, NumberInput, Radio, Select, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { portsContract, type ChannelParsedInput } from '../../../../shared/ipc-shared'
import type { PortOrderDetail } from '../../../../shared/ports'
import { PortFormButtons } from './port-form-buttons'

const methods = [
  { value: 'NUM', label: 'Number' },
  { value: 'IP', label: 'IP address' },
  { value: 'URI', label: 'SIP URI' },
  { value: 'TRUNK', label: 'Trunk group' },
]
const maxEntries = 3
/** A new destination's defaults: Call48's documented example (type 2, 30 seconds). */
const blankEntry = { method: 'NUM', value: '', timeoutSeconds: 30 as number | string, forwardingTypeId: 2 as number | string }
type EntryDraft = typeof blankEntry

/** What the order's forwarding becomes, as the contract took it. */
export type ForwardingChange = Pick<ChannelParsedInput<'ports.updateForwarding'>, 'entries' | 'preconfigured'>

function draftsOf(detail: PortOrderDetail): EntryDraft[] {
  return [...(detail.forwarding?.entries ?? [])]
    .sort((a, b) => a.sequence - b.sequence)
    .slice(0, maxEntries)
    .map((entry) => ({ method: entry.method, value: entry.value, timeoutSeconds: entry.timeoutSeconds, forwardingTypeId: entry.forwardingTypeId }))
}

const asNumber = (value: number | string): number => (typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value))

/** A contract problem in the form's words (zod's own speak of "expected number to be <=300"). */
function messageOf(issue: { code: string; message: string; origin?: unknown; minimum?: unknown; maximum?: unknown }): string {
  if (issue.code === 'too_big' && issue.origin === 'number') return `At most ${String(issue.maximum)}`
  if (issue.code === 'too_small' && issue.origin === 'number') return `At least ${String(issue.minimum)}`
  if (issue.code === 'invalid_type') return 'A whole number'
  return issue.message
}

/** The change as the contract takes it, or the problems by field (`entries.0.value`, `form`). */
function checked(orderRef: { accountId: string; orderId: string }, mode: string, drafts: EntryDraft[]): { change?: ForwardingChange; errors: Record<string, string> } {
  if (mode === 'entries' && drafts.length === 0) return { errors: { form: 'Add a destination, or choose “Preconfigured”' } }
  const change =
    mode === 'preconfigured'
      ? { preconfigured: true }
      : {
          preconfigured: false,
          entries: drafts.map((draft, index) => ({
            sequence: index + 1,
            method: draft.method,
            value: draft.value.trim(),
            timeoutSeconds: asNumber(draft.timeoutSeconds),
            forwardingTypeId: asNumber(draft.forwardingTypeId),
          })),
        }
  const parsed = portsContract['ports.updateForwarding'].input.safeParse({ ...orderRef, ...change, confirmed: true })
  if (parsed.success) return { change: { entries: parsed.data.entries, preconfigured: parsed.data.preconfigured }, errors: {} }
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) {
    const key = issue.path.length > 1 ? issue.path.join('.') : 'form'
    errors[key] ??= messageOf(issue)
  }
  return { errors }
}

export function ForwardingForm({
  detail,
  onSend,
  onClose,
}: {
  detail: PortOrderDetail
  /** Confirms and sends the change; resolves true once the carrier took it. */
  onSend: (change: ForwardingChange) => Promise<boolean>
  onClose: () => void
}) {
  const preconfigured = detail.forwarding?.fields.find((field) => field.key === 'fwd_preconfigured')?.value === 'yes'
  const [mode, setMode] = useState(preconfigured ? 'preconfigured' : 'entries')
  const [drafts, setDrafts] = useState<EntryDraft[]>(() => {
    const current = draftsOf(detail)
    return current.length > 0 ? current : [{ ...blankEntry }]
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [sending, setSending] = useState(false)
  const set = (index: number, patch: Partial<EntryDraft>): void => setDrafts((all) => all.map((draft, at) => (at === index ? { ...draft, ...patch } : draft)))

  const review = async (): Promise<void> => {
    const { change, errors: found } = checked({ accountId: detail.order.accountId, orderId: detail.order.id }, mode, drafts)
    setErrors(found)
    if (!change) return
    setSending(true)
    try {
      if (await onSend(change)) onClose()
    } finally {
      setSending(false)
    }
  }

  return (
    <Stack gap="xs" aria-label="Update forwarding" role="form">
      <Title order={5}>Update forwarding</Title>
      <Radio.Group label="While the numbers port, calls go" value={mode} onChange={setMode}>
        <Group gap="md" mt={4}>
          <Radio value="entries" label="To these destinations, in turn" />
          <Radio value="preconfigured" label="As preconfigured at the carrier" />
        </Group>
      </Radio.Group>
      {mode === 'entries' &&
        drafts.map((draft, index) => (
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap" aria-label={`Destination ${index + 1}`} role="group">
            <Text size="sm" fw={600} mt={28} w={16}>
              {index + 1}.
            </Text>
            <Select size="xs" w={130} label={`Method ${index + 1}`} data={methods} value={draft.method} allowDeselect={false} onChange={(value) => set(index, { method: value ?? 'NUM' })} error={errors[`entries.${index}.method`]} />
            <TextInput
              size="xs"
              w={220}
              label={`Destination ${index + 1}`}
              placeholder={draft.method === 'NUM' ? '12025550143' : draft.method === 'IP' ? '203.0.113.7' : draft.method === 'URI' ? 'sip:noc@example.com' : 'Trunk group id'}
              value={draft.value}
              onChange={(event) => set(index, { value: event.currentTarget.value })}
              error={errors[`entries.${index}.value`]}
            />
            <NumberInput size="xs" w={110} label={`Timeout ${index + 1} (s)`} min={1} max={300} allowDecimal={false} clampBehavior="none" value={draft.timeoutSeconds} onChange={(value) => set(index, { timeoutSeconds: value })} error={errors[`entries.${index}.timeoutSeconds`]} />
            <NumberInput size="xs" w={120} label={`Forwarding type ${index + 1}`} min={0} max={1000} allowDecimal={false} clampBehavior="none" value={draft.forwardingTypeId} onChange={(value) => set(index, { forwardingTypeId: value })} error={errors[`entries.${index}.forwardingTypeId`]} />
            <Button size="compact-xs" variant="subtle" color="red" mt={26} aria-label={`Remove destination ${index + 1}`} onClick={() => setDrafts((all) => all.filter((_, at) => at !== index))}>
              Remove
            </Button>
          </Group>
        ))}
      {errors.form && (
        <Alert color="red" p="xs" role="alert">
          {errors.form}
        </Alert>
      )}
      <Group justify="space-between">
        {mode === 'entries' ? (
          <Button size="xs" variant="default" disabled={drafts.length >= maxEntries} onClick={() => setDrafts((all) => [...all, { ...blankEntry }])}>
            Add a destination{drafts.length >= maxEntries ? ` (at most ${maxEntries})` : ''}
          </Button>
        ) : (
          <span />
        )}
        <PortFormButtons review="Review and update forwarding" onReview={() => void review()} onClose={onClose} sending={sending} />
      </Group>
    </Stack>
  )
}
