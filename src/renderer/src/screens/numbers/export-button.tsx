/**
 * "Export CSV": the whole filtered result (not the loaded pages) written by the core, streamed, with
 * times in this computer's zone. The result (file and row count) stays on screen until dismissed.
 */
import { Alert, Button, Text } from '@mantine/core'
import { IconFileExport } from '@tabler/icons-react'
import { create } from 'zustand'
import { call } from '../../bridge'
import { formatCount } from '../../format'
import { notifyError } from '../../notify'
import { currentQuery, useNumbersStore } from './numbers-store'

interface ExportState {
  running: boolean
  last: { file: string; rows: number } | undefined
  run: () => Promise<void>
  dismiss: () => void
}

export const useExportStore = create<ExportState>()((set) => ({
  running: false,
  last: undefined,
  run: async () => {
    const state = useNumbersStore.getState()
    set({ running: true, last: undefined })
    try {
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
      // Export what the grid shows, plus notes (never a grid column, but a technician wants them in the file).
      const last = await call('numbers.export', { query: currentQuery(state), timeZone, columns: [...state.columns, 'notes'] })
      set({ last })
    } catch (error) {
      notifyError('Could not export the numbers', error)
    } finally {
      set({ running: false })
    }
  },
  dismiss: () => set({ last: undefined }),
}))

export function ExportButton() {
  const running = useExportStore((state) => state.running)
  const run = useExportStore((state) => state.run)
  const total = useNumbersStore((state) => state.total)
  return (
    <Button size="xs" variant="default" leftSection={<IconFileExport size={14} />} loading={running} disabled={!total} onClick={() => void run()}>
      Export CSV
    </Button>
  )
}

export function ExportResult() {
  const last = useExportStore((state) => state.last)
  const dismiss = useExportStore((state) => state.dismiss)
  if (!last) return null
  return (
    <div role="status" aria-label="Export result">
      <Alert color="teal" variant="light" mb="xs" withCloseButton onClose={dismiss} closeButtonLabel="Dismiss export result" title="Export finished">
        <Text size="sm">
          {formatCount(last.rows)} rows written to <span className="cd-mono" data-testid="export-file">{last.file}</span>
        </Text>
      </Alert>
    </div>
  )
}
