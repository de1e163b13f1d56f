/**
 * A store of file downloads run as jobs: one job per item, with byte progress from `jobs.progress`, Cancel
 * (`jobs.cancel`) and the saved path. Kept in a store so a download survives leaving its screen. Each
 * screen makes its own with the key of its items and the call that downloads one.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand'
import { call, subscribe, toErrorShape } from '../bridge'

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

export interface DownloadJobsState<Item> {
  downloads: Record<string, Download>
  start: (item: Item) => Promise<void>
  cancel: (key: string) => Promise<void>
  dismiss: (key: string) => void
}

export function createDownloadJobs<Item>(
  keyOf: (item: Item) => string,
  download: (item: Item, jobId: string) => Promise<{ file: string; bytes: number }>,
): UseBoundStore<StoreApi<DownloadJobsState<Item>>> {
  return create<DownloadJobsState<Item>>()((set, get) => {
    const patch = (key: string, change: Partial<Download>): void =>
      set((state) => {
        const current = state.downloads[key]
        return current ? { downloads: { ...state.downloads, [key]: { ...current, ...change } } } : state
      })
    return {
      downloads: {},
      start: async (item) => {
        const key = keyOf(item)
        if (get().downloads[key]?.state === 'running') return
        const jobId = crypto.randomUUID()
        set((state) => ({ downloads: { ...state.downloads, [key]: { jobId, state: 'running', done: 0, total: 0, cancelling: false } } }))
        const unsubscribe = subscribe('jobs.progress', (event) => {
          if (event.jobId === jobId && get().downloads[key]?.state === 'running') patch(key, { done: event.done, total: event.total })
        })
        try {
          const { file, bytes } = await download(item, jobId)
          patch(key, { state: 'done', file, bytes, done: bytes, total: bytes })
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
        const current = get().downloads[key]
        if (!current || current.state !== 'running') return
        patch(key, { cancelling: true })
        try {
          await call('jobs.cancel', { jobId: current.jobId })
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
}
