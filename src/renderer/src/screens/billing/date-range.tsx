/** A From / To pair of day inputs (YYYY-MM-DD) for the billing lists; an empty field means no bound. */
import { Group, TextInput } from '@mantine/core'

export interface DayRange {
  from: string
  to: string
}

export const noRange: DayRange = { from: '', to: '' }

/** The range as a channel input: only the bounds given. */
export function rangeInput(range: DayRange): { from?: string; to?: string } {
  return { ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) }
}

export function DateRange({ value, onChange, label }: { value: DayRange; onChange: (range: DayRange) => void; label: string }) {
  return (
    <Group gap="xs" role="group" aria-label={label} wrap="nowrap">
      <TextInput size="xs" type="date" label="From" value={value.from} onChange={(event) => onChange({ ...value, from: event.currentTarget.value })} w={150} />
      <TextInput size="xs" type="date" label="To" value={value.to} onChange={(event) => onChange({ ...value, to: event.currentTarget.value })} w={150} />
    </Group>
  )
}
