/**
 * "Export CSV": the whole filtered result (not the loaded pages) written by the core, streamed, with
 * times in this computer's zone. The result (file and row count) stays on screen until dismissed. A long
 * export can be cancelled while it runs; nothing half-written is left (the core writes a `.part` file).
 */
import { Alert, Button, Text } from '@mantine/core'
import { IconFileExport, IconPlayerStop } from '@tabler/icons-react'
import { create } from 'zustand'
import { call, isCancelled } from '../../bridge'
import { formatCount } from '../../format'
import { notifyError, notifyInfo } from '../../notify'
import { currentQuery, useNumbersStore } from './numbers-store'

interface ExportState {
  running: boolean
  last: { file: string; rows: number } | undefined
  run: () => Promise<void>
  cancel: () => void
  dismiss: () => void
}

let exporting: AbortController | undefined

export const useExportStore = create<ExportState>()((set) => ({
  running: false,
  last: undefined,
  run: async () => {
    const state = useNumbersStore.getState()
    const controller = new AbortController()
    exporting = controller
    set({ running: true, last: undefined })
    try {
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
      // Export what the grid shows, plus notes (never a grid column, but a technician wants them in the file).
      const last = await call('numbers.export', { query: currentQuery(state), timeZone, columns: [...state.columns, 'notes'] }, { signal: controller.signal })
      set({ last })
    } catch (error) {
      if (isCancelled(error)) notifyInfo('Export cancelled', 'No file was written.')
      else notifyError('Could not export the numbers', error)
    } finally {
      exporting = undefined
      set({ running: false })
    }
  },
  cancel: () => exporting?.abort(),
  dismiss: () => set({ last: undefined }),
}))

export function ExportButton() {
  const running = useExportStore((state) => state.running)
  const run = useExportStore((state) => state.run)
  const cancel = useExportStore((state) => state.cancel)
  const total = useNumbersStore((state) => state.total)
  return (
    <>
      <Button size="xs" variant="default" leftSection={<IconFileExport size={14} />} loading={running} disabled={!total} onClick={() => void run()}>
        Export CSV
      </Button>
      {running && (
        <Button size="xs" variant="subtle" leftSection={<IconPlayerStop size={14} />} onClick={cancel}>
          Cancel export
        </Button>
      )}
    </>
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
