/**
 * The routing form's trunk picker: the cached trunk groups of the selected numbers' accounts by name, with
 * their IPs, direction and how many numbers each carries (VoIP Innovations: the endpoint groups seen on the
 * account's numbers), and "Other…" for a trunk id typed by hand, checked against the carrier's format.
 */
import { Select, Text, TextInput } from '@mantine/core'
import { useEffect, useMemo, useState } from 'react'
import { routingTrunkProblem } from '../../../../shared/trunks'
import { choiceLabel, useTrunkChoices } from '../../components/trunk-choices'
import { useCarriersStore } from '../../stores/carriers'

export const otherTrunk = '__other__'

/**
 * A trunk picked for numbers of `accountIds`; `onChange` gets the trunk id (or the typed one) and whether
 * it is valid. Choices are grouped per account when the numbers span several.
 */
export function TrunkPicker({
  accountIds,
  initial,
  error,
  onChange,
}: {
  accountIds: string[]
  initial: string | undefined
  error?: string | undefined
  onChange: (trunk: string, problem: string | undefined) => void
}) {
  const { choices, error: loadError } = useTrunkChoices(accountIds)
  const carriers = useCarriersStore((state) => state.carriers)
  const [picked, setPicked] = useState<string | null>(null)
  const [typed, setTyped] = useState('')
  const offered = useMemo(() => (choices ?? []).flatMap((account) => account.choices.map((choice) => choice.trunkId)), [choices])
  const formats = (choices ?? []).map((account) => carriers.find((info) => info.id === account.carrier)?.routingTrunk)
  // The current trunk is preselected when it is offered, else typed under "Other…".
  useEffect(() => {
    if (!choices) return
    if (initial && offered.includes(initial)) setPicked(initial)
    else if (initial) {
      setPicked(otherTrunk)
      setTyped(initial)
    }
  }, [choices, initial, offered])
  const typedProblem = picked === otherTrunk ? formats.map((format) => routingTrunkProblem(format, typed)).find((problem) => problem !== undefined) : undefined
  useEffect(() => {
    if (picked === null) onChange('', 'Pick a trunk')
    else if (picked === otherTrunk) onChange(typed.trim(), typedProblem)
    else onChange(picked, undefined)
  }, [picked, typed, typedProblem, onChange])
  const many = (choices?.length ?? 0) > 1
  const data = [
    ...(choices ?? []).map((account) => ({
      group: many ? account.accountName : 'Trunk groups',
      items: account.choices.map((choice) => ({ value: choice.trunkId, label: choiceLabel(choice), disabled: choice.status === 'disabled' })),
    })),
    { group: 'Other', items: [{ value: otherTrunk, label: 'Other… (type a trunk id)' }] },
  ].filter((group) => group.items.length > 0)
  const format = formats.find((candidate) => candidate !== undefined)
  return (
    <>
      <Select
        label="Trunk"
        placeholder={choices === undefined ? 'Loading trunk groups…' : 'Pick a trunk group'}
        data={data}
        value={picked}
        onChange={setPicked}
        searchable
        nothingFoundMessage="No trunk group matches"
        error={picked === otherTrunk ? undefined : error}
        data-autofocus
        comboboxProps={{ withinPortal: true }}
      />
      {choices !== undefined && offered.length === 0 && (
        <Text size="xs" c="dimmed">
          No trunk groups are cached for these accounts: sync trunks, or type one under “Other…”.
        </Text>
      )}
      {loadError && (
        <Text size="xs" c="red">
          Could not load the trunk groups: {loadError}
        </Text>
      )}
      {picked === otherTrunk && (
        <TextInput
          label={format ? `${format.label} id` : 'Trunk id'}
          description={format ? `e.g. ${format.example}` : undefined}
          value={typed}
          error={typed ? typedProblem : error}
          onChange={(event) => setTyped(event.currentTarget.value)}
        />
      )}
    </>
  )
}
