/**
 * The sync run this window follows: its progress from `sync.progress` events, its end from the core's own
 * `sync.finished` (which says how every account and area ended, those a carrier cannot sync included).
 *
 * `sync.start` only answers a run id, so which accounts and areas a run covers is learnt from the events.
 * Runs started elsewhere (another window of this process) are adopted from their first event. A run is a
 * job: Cancel is `jobs.cancel` with its run id.
 */
import { create } from 'zustand'
import type { SyncArea, SyncProgress } from '../../../shared/domain'
import type { SyncFinished } from '../../../shared/ipc-shared'
import { call } from '../bridge'
import { notifyError, notifyFailure, notifyInfo, notifySuccess } from '../notify'
import { useAccountsStore } from './accounts'

export interface SyncRun {
  runId: string
  startedAt: number
  expectedAccountIds: string[]
  /** Latest event per `${accountId}:${area}`. */
  progress: Record<string, SyncProgress>
  lastEventAt: number
  cancelling: boolean
  finished: boolean
  /** The core's per account/area outcomes, once `sync.finished` told them. */
  results?: SyncFinished['results'] | undefined
}

interface SyncState {
  run: SyncRun | undefined
  starting: boolean
  /** Bumped whenever an area finishes, so screens showing cached data know to reload. */
  dataVersion: number
  start: (options?: { accountIds?: string[]; areas?: SyncArea[] }) => Promise<void>
  cancel: () => Promise<void>
  receive: (event: SyncProgress) => void
  /** The core's own word that a run is over (`sync.finished`). */
  receiveFinished: (event: SyncFinished) => void
  /** Forgets a finished run so its progress panel goes away. */
  dismiss: () => void
}

export const progressKey = (event: Pick<SyncProgress, 'accountId' | 'area'>): string => `${event.accountId}:${event.area}`

function newRun(runId: string, expectedAccountIds: string[]): SyncRun {
  const now = Date.now()
  return { runId, startedAt: now, expectedAccountIds, progress: {}, lastEventAt: now, cancelling: false, finished: false }
}

function summarise(run: SyncRun, report: SyncFinished | undefined): void {
  const results = report?.results
  if (results && results.length > 0 && results.every((result) => result.outcome === 'unsupported')) {
    notifyInfo('Nothing to sync', 'None of these accounts\' carriers can refresh the areas asked for yet.')
    return
  }
  const events = Object.values(run.progress)
  const rows = results ? results.reduce((total, result) => total + result.rows, 0) : events.reduce((total, event) => total + event.rows, 0)
  const failures = results ? results.filter((result) => result.outcome === 'failed') : []
  const cancelled = results ? results.some((result) => result.outcome === 'cancelled') : run.cancelling
  const accounts = new Set((results ?? events).map((entry) => entry.accountId)).size
  const detail = `${rows.toLocaleString()} rows from ${accounts} account${accounts === 1 ? '' : 's'}`
  if (cancelled) notifyInfo('Sync cancelled', detail)
  else if (failures.length > 0) {
    const firstFailure = failures[0]?.message
    const reason = firstFailure ? ` First failure: ${firstFailure}` : ''
    notifyFailure('Sync finished with errors', `${failures.length} area(s) failed; ${detail}.${reason}`)
  } else notifySuccess('Sync finished', detail)
}

/** Runs whose `sync.finished` arrived before `sync.start` answered with their id. */
const pendingFinished = new Map<string, SyncFinished>()

export const useSyncStore = create<SyncState>()((set, get) => {
  const finish = (report?: SyncFinished): void => {
    const run = get().run
    if (!run || run.finished) return
    set((state) => ({ run: { ...run, finished: true, results: report?.results }, dataVersion: state.dataVersion + 1 }))
    summarise(run, report)
  }

  return {
    run: undefined,
    starting: false,
    dataVersion: 0,
    start: async (options = {}) => {
      const current = get().run
      if (current && !current.finished) {
        notifyInfo('A sync is already running', 'Wait for it to finish or cancel it first.')
        return
      }
      const expectedAccountIds = options.accountIds ?? useAccountsStore.getState().accounts.map((account) => account.id)
      set({ starting: true })
      try {
        const input: { accountIds?: string[]; areas?: SyncArea[] } = {}
        if (options.accountIds) input.accountIds = options.accountIds
        if (options.areas) input.areas = options.areas
        const { runId } = await call('sync.start', input)
        set((state) => {
          // Events may have arrived before the answer; keep what they told us.
          if (state.run?.runId === runId) return { run: { ...state.run, expectedAccountIds } }
          return { run: newRun(runId, expectedAccountIds) }
        })
        const early = pendingFinished.get(runId)
        pendingFinished.clear()
        if (early) finish(early)
      } catch (error) {
        notifyError('Could not start the sync', error)
      } finally {
        set({ starting: false })
      }
    },
    cancel: async () => {
      const run = get().run
      if (!run || run.finished) return
      set({ run: { ...run, cancelling: true } })
      try {
        // The run is a job; its end still comes as `sync.finished`, with the areas it cancelled.
        await call('jobs.cancel', { jobId: run.runId })
      } catch (error) {
        set((state) => (state.run ? { run: { ...state.run, cancelling: false } } : state))
        notifyError('Could not cancel the sync', error)
      }
    },
    receiveFinished: (event) => {
      const run = get().run
      if (run?.runId === event.runId) finish(event)
      // Possibly ours before sync.start answered (a run whose areas are all unsupported sends no progress).
      else if (get().starting) pendingFinished.set(event.runId, event)
      else set((state) => ({ dataVersion: state.dataVersion + 1 }))
    },
    dismiss: () => set((state) => (state.run?.finished ? { run: undefined } : state)),
    receive: (event) => {
      set((state) => {
        const base = state.run?.runId === event.runId ? state.run : newRun(event.runId, [])
        const run: SyncRun = {
          ...base,
          lastEventAt: Date.now(),
          progress: { ...base.progress, [progressKey(event)]: event },
        }
        const areaDone = event.phase === 'finished'
        return { run, dataVersion: areaDone ? state.dataVersion + 1 : state.dataVersion }
      })
    },
  }
})
