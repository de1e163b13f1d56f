/**
 * CDR file downloads: one job per file (`cdrs.download`), with byte progress from `jobs.progress`, Cancel
 * (`jobs.cancel`) and the saved path. Kept in a store so a download survives leaving the screen.
 */
import { create } from 'zustand'
import type { CdrFile } from '../../../../shared/domain'
import { call, subscribe, toErrorShape } from '../../bridge'

export interface Download {
  jobId: string
  state: 'running' | 'done' | 'failed' | 'cancelled'
  /** Bytes so far, and the size when the carrier tells it (0 if unknown). */
  done: number
  total: number
  cancelling: boolean
  file?: string | undefined
  bytes?: number | undefined
  error?: string | undefined
}

export const cdrFileKey = (file: Pick<CdrFile, 'accountId' | 'day' | 'direction' | 'kind'>): string =>
  `${file.accountId}:${file.day}:${file.direction}:${file.kind}`

interface DownloadsState {
  downloads: Record<string, Download>
  start: (file: CdrFile) => Promise<void>
  cancel: (key: string) => Promise<void>
  dismiss: (key: string) => void
}

export const useDownloadsStore = create<DownloadsState>()((set, get) => {
  const patch = (key: string, change: Partial<Download>): void =>
    set((state) => {
      const current = state.downloads[key]
      return current ? { downloads: { ...state.downloads, [key]: { ...current, ...change } } } : state
    })
  return {
    downloads: {},
    start: async (file) => {
      const key = cdrFileKey(file)
      if (get().downloads[key]?.state === 'running') return
      const jobId = crypto.randomUUID()
      set((state) => ({ downloads: { ...state.downloads, [key]: { jobId, state: 'running', done: 0, total: 0, cancelling: false } } }))
      const unsubscribe = subscribe('jobs.progress', (event) => {
        if (event.jobId === jobId && get().downloads[key]?.state === 'running') patch(key, { done: event.done, total: event.total })
      })
      try {
        const { file: path, bytes } = await call('cdrs.download', {
          jobId,
          accountId: file.accountId,
          day: file.day,
          kind: file.kind,
          direction: file.direction,
        })
        patch(key, { state: 'done', file: path, bytes, done: bytes, total: bytes })
      } catch (error) {
        const shape = toErrorShape(error)
        if (shape.code === 'cancelled' || get().downloads[key]?.cancelling) patch(key, { state: 'cancelled', error: shape.message })
        else patch(key, { state: 'failed', error: `${shape.code}: ${shape.message}` })
      } finally {
        unsubscribe()
        patch(key, { cancelling: false })
      }
    },
    cancel: async (key) => {
      const download = get().downloads[key]
      if (!download || download.state !== 'running') return
      patch(key, { cancelling: true })
      try {
        await call('jobs.cancel', { jobId: download.jobId })
      } catch {
        // Best effort: a download that finishes first is shown as finished.
      }
    },
    dismiss: (key) =>
      set((state) => {
        const rest = { ...state.downloads }
        delete rest[key]
        return { downloads: rest }
      }),
  }
})
