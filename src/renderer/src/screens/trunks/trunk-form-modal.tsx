/**
 * Creating and editing a trunk group: the carrier's own form (its fields and rules come from the adapter,
 * checked here by the same function the core uses, so a wrong field is named before anything is sent), then
 * a confirmation (the new trunk's settings, or each change before → after), then the carrier's answer.
 */
import { Alert, Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { TrunkChangeOutcome, TrunkListRow } from '../../../../shared/ipc-shared'
import {
  checkNewTrunk,
  checkTrunkChanges,
  type TrunkDirection,
  type TrunkDirectionForm,
  type TrunkField,
  type TrunkFieldKey,
  type TrunkProblems,
  type TrunkValues,
} from '../../../../shared/trunks'
import { call, toErrorShape } from '../../bridge'
import { notifySuccess } from '../../notify'

export type TrunkFormTarget =
  | { mode: 'create'; accountId: string; accountName: string; direction: TrunkDirection; form: TrunkDirectionForm }
  | { mode: 'edit'; trunk: TrunkListRow; accountName: string; form: TrunkDirectionForm }

function FieldInput({ field, value, error, disabled, onChange }: { field: TrunkField; value: string; error?: string | undefined; disabled: boolean; onChange: (value: string) => void }) {
  const label = `${field.label}${field.required ? '' : ' (optional)'}`
  if (field.rule.kind === 'choice') {
    return (
      <NativeSelect
        label={label}
        description={field.hint}
        error={error}
        disabled={disabled}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        data={[...(field.required ? [] : [{ value: '', label: '—' }]), ...field.rule.options]}
      />
    )
  }
  return <TextInput label={label} description={field.hint} error={error} disabled={disabled} value={value} onChange={(event) => onChange(event.currentTarget.value)} />
}

const labelOf = (form: TrunkDirectionForm, key: string): string => form.fields.find((field) => field.key === key)?.label ?? key

export function TrunkFormModal({ target, onClose, onDone }: { target: TrunkFormTarget | undefined; onClose: () => void; onDone: (outcome: TrunkChangeOutcome) => void }) {
  return (
    <Modal
      opened={target !== undefined}
      onClose={onClose}
      title={target?.mode === 'edit' ? `Edit ${target.trunk.name}` : `New ${target?.direction ?? ''} trunk group`}
      size="lg"
      closeOnClickOutside={false}
    >
      {target && <TrunkFormSteps key={target.mode === 'edit' ? target.trunk.id : target.direction} target={target} onClose={onClose} onDone={onDone} />}
    </Modal>
  )
}

function TrunkFormSteps({ target, onClose, onDone }: { target: TrunkFormTarget; onClose: () => void; onDone: (outcome: TrunkChangeOutcome) => void }) {
  const current: TrunkValues = target.mode === 'edit' ? (target.trunk.settings ?? {}) : {}
  const initial: TrunkValues =
    target.mode === 'edit'
      ? current
      : Object.fromEntries(target.form.fields.filter((field) => field.required && field.rule.kind === 'choice').map((field) => [field.key, field.rule.kind === 'choice' ? field.rule.options[0]?.value : ''])) as TrunkValues
  const [values, setValues] = useState<TrunkValues>(initial)
  const [problems, setProblems] = useState<TrunkProblems>({})
  const [step, setStep] = useState<'form' | 'confirm' | 'sending'>('form')
  const [checked, setChecked] = useState<{ values: TrunkValues; before?: TrunkValues }>()
  const [failure, setFailure] = useState<string>()

  const review = (): void => {
    if (target.mode === 'create') {
      const result = checkNewTrunk(target.form, values)
      setProblems(result.problems)
      if (Object.keys(result.problems).length === 0) {
        setChecked({ values: result.values })
        setStep('confirm')
      }
      return
    }
    // Only what differs from the trunk's own settings is sent.
    const changes = Object.fromEntries(target.form.fields.map((field) => [field.key, values[field.key] ?? ''])) as TrunkValues
    const result = checkTrunkChanges(target.form, current, changes)
    const found: TrunkProblems = { ...result.problems }
    if (Object.keys(found).length === 0 && Object.keys(result.changes).length === 0) found.input = 'Nothing to change: these are the trunk’s own settings'
    setProblems(found)
    if (Object.keys(found).length === 0) {
      setChecked({ values: result.changes, before: Object.fromEntries(Object.keys(result.changes).map((key) => [key, current[key as TrunkFieldKey] ?? ''])) as TrunkValues })
      setStep('confirm')
    }
  }

  const send = async (): Promise<void> => {
    if (!checked) return
    setStep('sending')
    setFailure(undefined)
    try {
      const outcome =
        target.mode === 'create'
          ? await call('trunks.create', { accountId: target.accountId, direction: target.direction, values: checked.values, confirmed: true })
          : await call('trunks.update', { accountId: target.trunk.accountId, trunkId: target.trunk.id, changes: checked.values, confirmed: true })
      if (outcome.outcome === 'succeeded') notifySuccess(target.mode === 'create' ? 'Trunk group created' : 'Trunk group changed', outcome.message)
      onDone(outcome)
    } catch (error) {
      const shape = toErrorShape(error)
      const fields = (shape.details as { fields?: TrunkProblems } | undefined)?.fields
      if (fields) setProblems(fields)
      setFailure(shape.message)
      setStep(fields ? 'form' : 'confirm')
    }
  }

  if (step !== 'form' && checked) {
    const rows = Object.entries(checked.values) as [TrunkFieldKey, string][]
    return (
      <Stack gap="sm">
        <Text size="sm">
          {target.mode === 'create'
            ? `Create this ${target.direction} trunk group at ${target.accountName}. It changes routing at the carrier and is sent once.`
            : `Change ${target.trunk.name} (${target.trunk.id}) at ${target.accountName}: ${target.trunk.numbers} cached number${target.trunk.numbers === 1 ? '' : 's'} route to it.`}
        </Text>
        <Table fz="sm" aria-label={target.mode === 'create' ? 'New trunk settings' : 'Changes before and after'} verticalSpacing={2}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Setting</Table.Th>
              {checked.before && <Table.Th>Before</Table.Th>}
              <Table.Th>{checked.before ? 'After' : 'Value'}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(([key, value]) => (
              <Table.Tr key={key}>
                <Table.Td>{labelOf(target.form, key)}</Table.Td>
                {checked.before && <Table.Td className="cd-mono">{checked.before[key] || '—'}</Table.Td>}
                <Table.Td className="cd-mono">{value === '' ? '(removed)' : value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {failure && (
          <Alert color="red" title="The carrier refused the change" role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="space-between">
          <Button variant="default" disabled={step === 'sending'} onClick={() => setStep('form')}>
            Back
          </Button>
          <Button color="orange" loading={step === 'sending'} onClick={() => void send()}>
            {target.mode === 'create' ? 'Create trunk group' : 'Apply changes'}
          </Button>
        </Group>
      </Stack>
    )
  }

  return (
    <form
      aria-label={target.mode === 'create' ? 'New trunk group' : 'Edit trunk group'}
      onSubmit={(event) => {
        event.preventDefault()
        review()
      }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="xs">
          {target.form.fields.map((field) => (
            <FieldInput
              key={field.key}
              field={field}
              value={values[field.key] ?? ''}
              error={problems[field.key]}
              disabled={target.mode === 'edit' && !field.editable}
              onChange={(value) => setValues((before) => ({ ...before, [field.key]: value }))}
            />
          ))}
        </SimpleGrid>
        {(problems.input || failure) && (
          <Text size="sm" c="red" role="alert">
            {problems.input ?? failure}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">Review</Button>
        </Group>
      </Stack>
    </form>
  )
}
