/**
 * "Stage" beside "Confirm change": puts the change into a change set instead of sending it, for review, a
 * dry run and a later apply on the Change sets screen. The set is picked from those not applied yet (the
 * one staged into last comes first), or a new one is named.
 */
import { Button, Group, NativeSelect, Popover, Stack, Text, TextInput } from '@mantine/core'
import { IconStack2 } from '@tabler/icons-react'
import { useState } from 'react'
import { formatCount, formatTimestamp } from '../../format'
import { useChangeSetsStore } from '../../stores/change-sets'

const newSet = '__new__'

export function StageControl({ disabled, busy, onStage }: { disabled: boolean; busy: boolean; onStage: (target: { setId: string } | { name: string }) => void }) {
  const sets = useChangeSetsStore((state) => state.sets)
  const lastStagedId = useChangeSetsStore((state) => state.lastStagedId)
  const open = sets.filter((set) => set.state === 'draft' || set.state === 'partly applied')
  const ordered = [...open].sort((a, b) => Number(b.id === lastStagedId) - Number(a.id === lastStagedId))
  const [opened, setOpened] = useState(false)
  const [choice, setChoice] = useState<string>()
  const [name, setName] = useState('')
  const selected = choice ?? ordered[0]?.id ?? newSet
  const submit = (): void => {
    if (selected !== newSet) onStage({ setId: selected })
    else if (name.trim()) onStage({ name: name.trim() })
  }
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="top-end"
      withArrow
      trapFocus
      onOpen={() => {
        void useChangeSetsStore.getState().load().catch(() => undefined)
        setName(`Changes ${formatTimestamp(Date.now()).slice(0, 16)}`)
      }}
    >
      <Popover.Target>
        <Button variant="default" leftSection={<IconStack2 size={16} />} disabled={disabled} onClick={() => setOpened((value) => !value)}>
          Stage
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          aria-label="Stage into a change set"
          onSubmit={(event) => {
            event.preventDefault()
            submit()
          }}
        >
          <Stack gap="xs" w={300}>
            <Text size="xs" c="dimmed">
              Nothing is sent now: review, dry-run and apply the set on the Change sets screen.
            </Text>
            <NativeSelect
              label="Change set"
              value={selected}
              onChange={(event) => setChoice(event.currentTarget.value)}
              data={[
                ...ordered.map((set) => ({ value: set.id, label: `${set.name} (${formatCount(set.itemCount)})` })),
                { value: newSet, label: 'New change set…' },
              ]}
            />
            {selected === newSet && <TextInput label="New set name" value={name} maxLength={80} onChange={(event) => setName(event.currentTarget.value)} data-autofocus />}
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={busy} disabled={selected === newSet && !name.trim()}>
                Stage change
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  )
}

export function StagedNotice({ setName, count, total, onOpen, onClose }: { setName: string; count: number; total: number; onOpen: () => void; onClose: () => void }) {
  return (
    <Stack gap="sm" role="region" aria-label="Staged">
      <Text size="sm" fw={600} data-testid="staged-summary">
        Staged {formatCount(count)} change{count === 1 ? '' : 's'} in “{setName}” ({formatCount(total)} in the set). Nothing was sent.
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onOpen}>
          Open change sets
        </Button>
        <Button onClick={onClose}>Close</Button>
      </Group>
    </Stack>
  )
}
