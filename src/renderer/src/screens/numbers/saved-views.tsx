/** Saved views of the Numbers screen (filters, search, sort and columns under a name), kept by the core. */
import { ActionIcon, Button, Group, NativeSelect, TextInput, Tooltip } from '@mantine/core'
import { modals } from '@mantine/modals'
import { IconDeviceFloppy, IconTrash } from '@tabler/icons-react'
import { useCallback, useEffect, useState } from 'react'
import type { SavedView } from '../../../../shared/ipc-shared'
import { call } from '../../bridge'
import { notifyError, notifySuccess } from '../../notify'
import { useNumbersStore, type NumbersViewSettings } from './numbers-store'

const screen = 'numbers'

function SaveViewForm({ onSave }: { onSave: (name: string) => void }) {
  const [name, setName] = useState('')
  return (
    <form
      aria-label="Save view"
      onSubmit={(event) => {
        event.preventDefault()
        if (name.trim()) onSave(name.trim())
      }}
    >
      <TextInput label="View name" value={name} onChange={(event) => setName(event.currentTarget.value)} maxLength={60} data-autofocus />
      <Group justify="flex-end" mt="md">
        <Button type="submit" disabled={!name.trim()}>
          Save view
        </Button>
      </Group>
    </form>
  )
}

export function SavedViews() {
  const [views, setViews] = useState<SavedView[]>([])
  const [chosen, setChosen] = useState('')
  const applySettings = useNumbersStore((state) => state.applySettings)

  const load = useCallback(async () => {
    try {
      setViews(await call('views.list', { screen }))
    } catch (error) {
      notifyError('Could not load saved views', error)
    }
  }, [])
  useEffect(() => void load(), [load])

  const save = (name: string): void => {
    const { filters, search, sort, columns } = useNumbersStore.getState()
    const view: NumbersViewSettings = { filters, search, sort, columns }
    void (async () => {
      try {
        const saved = await call('views.save', { screen, name, view: { ...view } })
        notifySuccess('View saved', `“${saved.name}” keeps these filters, sort and columns.`)
        await load()
        setChosen(String(saved.id))
      } catch (error) {
        notifyError('Could not save the view', error)
      }
    })()
  }

  const openSave = (): void => {
    const id = modals.open({
      title: 'Save the current view',
      children: (
        <SaveViewForm
          onSave={(name) => {
            modals.close(id)
            save(name)
          }}
        />
      ),
    })
  }

  const remove = async (): Promise<void> => {
    const view = views.find((each) => String(each.id) === chosen)
    if (!view) return
    try {
      await call('views.remove', { id: view.id })
      notifySuccess('View deleted', `“${view.name}” was deleted.`)
      setChosen('')
      await load()
    } catch (error) {
      notifyError('Could not delete the view', error)
    }
  }

  return (
    <Group gap={4} wrap="nowrap">
      <NativeSelect
        size="xs"
        w={170}
        aria-label="Saved view"
        value={chosen}
        onChange={(event) => {
          const id = event.currentTarget.value
          setChosen(id)
          const view = views.find((each) => String(each.id) === id)
          if (view) applySettings(view.view)
        }}
        data={[{ value: '', label: views.length ? 'Saved views…' : 'No saved views' }, ...views.map((view) => ({ value: String(view.id), label: view.name }))]}
      />
      <Tooltip label="Save the current filters, sort and columns as a view">
        <ActionIcon variant="default" size="md" onClick={openSave} aria-label="Save view">
          <IconDeviceFloppy size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Delete the chosen view">
        <ActionIcon variant="default" size="md" onClick={() => void remove()} disabled={!chosen} aria-label="Delete view">
          <IconTrash size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  )
}
