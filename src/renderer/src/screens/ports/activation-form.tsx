/**
 * How and when one number of a port goes live once its FOC date comes (Auto, Manual or Scheduled, and the
 * date), prefilled from the number's current activation and checked by the contract's schema before the
 * change is confirmed.
 */
import { Group, Select, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { portsContract } from '../../../../shared/ipc-shared'
import type { PortLine } from '../../../../shared/ports'
import { formatPhoneNumber, formatTimestamp } from '../../format'
import { PortFormButtons } from './port-form-buttons'

const activationTypes = ['Auto', 'Manual', 'Scheduled'] as const
export type ActivationType = (typeof activationTypes)[number]

export interface ActivationChange {
  activationType: ActivationType
  activationDate: string
}

const typeHelp: Record<ActivationType, string> = {
  Auto: 'Auto: the number goes live on its FOC date.',
  Manual: 'Manual: the number waits for “Activate”.',
  Scheduled: 'Scheduled: the number goes live at the activation date.',
}

/** A number's activation as the numbers table shows it: the type over the carrier's time, to the minute. */
export function ActivationCell({ line }: { line: PortLine }) {
  const at = line.activationDate && /T/.test(line.activationDate) ? Date.parse(line.activationDate) : Number.NaN
  const date = Number.isNaN(at) ? line.activationDate : formatTimestamp(at).slice(0, 16)
  if (!line.activationType && !date) return <>—</>
  return (
    <Stack gap={0}>
      {line.activationType && <Text size="sm">{line.activationType}</Text>}
      {date && (
        <Text size="xs" c="dimmed" className="cd-nowrap">
          {date}
        </Text>
      )}
    </Stack>
  )
}

export function ActivationForm({
  orderRef,
  line,
  dateHelp,
  onSend,
  onClose,
}: {
  orderRef: { accountId: string; orderId: string }
  line: PortLine
  /** What the carrier makes of a bare date (its form's help for the field). */
  dateHelp?: string | undefined
  /** Confirms and sends the change; resolves true once the carrier took it. */
  onSend: (change: ActivationChange) => Promise<boolean>
  onClose: () => void
}) {
  const current = activationTypes.find((type) => type === line.activationType)
  const [type, setType] = useState<ActivationType>(current ?? 'Auto')
  const [date, setDate] = useState((line.activationDate ?? line.focDate ?? '').slice(0, 10))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [sending, setSending] = useState(false)

  const review = async (): Promise<void> => {
    const change = { activationType: type, activationDate: date.trim() }
    const parsed = portsContract['ports.updateActivation'].input.safeParse({ ...orderRef, number: line.e164, ...change, confirmed: true })
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? 'activationDate'), issue.message])))
      return
    }
    setErrors({})
    setSending(true)
    try {
      if (await onSend(change)) onClose()
    } finally {
      setSending(false)
    }
  }

  const name = formatPhoneNumber(line.e164)
  return (
    <Stack gap="xs" aria-label={`Activation of ${line.e164}`} role="form">
      <Title order={5}>Activation of {name}</Title>
      <Group gap="xs" align="flex-start">
        <Select
          size="xs"
          w={180}
          label="Activation type"
          data={activationTypes.map((value) => ({ value, label: value }))}
          value={type}
          allowDeselect={false}
          onChange={(value) => setType((value as ActivationType | null) ?? 'Auto')}
          error={errors.activationType}
        />
        <TextInput size="xs" w={180} type="date" label="Activation date" value={date} onChange={(event) => setDate(event.currentTarget.value)} error={errors.activationDate} />
      </Group>
      <Text size="xs" c="dimmed">
        {typeHelp[type]} {dateHelp ? `Activation date: ${dateHelp.charAt(0).toLowerCase()}${dateHelp.slice(1)}.` : ''}
      </Text>
      <PortFormButtons review="Review and change activation" onReview={() => void review()} onClose={onClose} sending={sending} />
    </Stack>
  )
}
