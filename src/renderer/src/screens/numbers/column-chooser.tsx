/** Which columns the grid shows; the number column always stays so every row keeps its name. */
import { Button, Checkbox, Popover, Stack } from '@mantine/core'
import { IconColumns } from '@tabler/icons-react'
import { numberColumns } from '../../../../shared/numbers-query'
import { columnSpecs, type ColumnId } from './columns'
import { useNumbersStore } from './numbers-store'

export function ColumnChooser() {
  const columns = useNumbersStore((state) => state.columns)
  const setColumns = useNumbersStore((state) => state.setColumns)
  const toggle = (id: ColumnId, on: boolean): void =>
    // Keep the canonical order whatever order they are ticked in.
    setColumns(numberColumns.filter((each) => (each === id ? on : columns.includes(each))))
  return (
    <Popover position="bottom-end" shadow="md" withArrow trapFocus>
      <Popover.Target>
        <Button size="xs" variant="default" leftSection={<IconColumns size={14} />}>
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6} role="group" aria-label="Visible columns">
          {numberColumns.map((id) => (
            <Checkbox
              key={id}
              size="xs"
              label={columnSpecs[id].label}
              checked={columns.includes(id)}
              disabled={id === 'number'}
              onChange={(event) => toggle(id, event.currentTarget.checked)}
            />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
