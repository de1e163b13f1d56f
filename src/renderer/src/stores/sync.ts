/**
 * The sync run this window follows, built from `sync.progress` events.
 *
 * `sync.start` only answers a run id, so which accounts and areas a run covers is learnt from the events.
 * A run counts as over when every account it was asked for has a final event for each area it started and
 * nothing moved for a short quiet period (an account may start its next area right after finishing one),
 * or as soon as every such account reports this run as its finished `lastSync`.
 * Runs started elsewhere (the CLI, another window) are adopted from their first event.
 */
import { create } from 'zustand'
import type { SyncArea, SyncProgress } from '../../../shared/domain'
import type { SyncFinished } from '../../../shared/ipc-shared'
import { call } from '../bridge'
import { notifyError, notifyFailure, notifyInfo, notifySuccess } from '../notify'
import { useAccountsStore } from './accounts'

const quietPeriodMs = 1500
/** If an expected account never reports (e.g. the core skipped it), stop waiting after this long quiet. */
const giveUpQuietMs = 10_000
const finalPhases: ReadonlySet<SyncProgress['phase']> = new Set(['finished', 'failed', 'cancelled'])

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
  /** The core's own word that a run is over (`sync.finished`); areas a carrier cannot sync send no progress. */
  receiveFinished: (event: SyncFinished) => void
  /** Forgets a finished run so its progress panel goes away. */
  dismiss: () => void
}

export const progressKey = (event: Pick<SyncProgress, 'accountId' | 'area'>): string => `${event.accountId}:${event.area}`

function newRun(runId: string, expectedAccountIds: string[]): SyncRun {
  const now = Date.now()
  return { runId, startedAt: now, expectedAccountIds, progress: {}, lastEventAt: now, cancelling: false, finished: false }
}

function allSeenFinal(run: SyncRun): boolean {
  const events = Object.values(run.progress)
  return events.length > 0 && events.every((event) => finalPhases.has(event.phase))
}

function looksComplete(run: SyncRun): boolean {
  if (!allSeenFinal(run)) return false
  const events = Object.values(run.progress)
  const seenAccounts = new Set(events.map((event) => event.accountId))
  return run.expectedAccountIds.every((id) => seenAccounts.has(id))
}

function reportedByAccounts(run: SyncRun): boolean {
  if (run.expectedAccountIds.length === 0) return false
  const accounts = useAccountsStore.getState().accounts
  return run.expectedAccountIds.every((id) => {
    const lastSync = accounts.find((account) => account.id === id)?.lastSync
    // An account removed mid-run will never report; do not wait for it.
    if (!accounts.some((account) => account.id === id)) return true
    return lastSync?.runId === run.runId && lastSync.outcome !== 'running'
  })
}

function summarise(run: SyncRun, report?: SyncFinished): void {
  if (report && report.results.every((result) => result.outcome === 'unsupported')) {
    notifyInfo('Nothing to sync', 'None of these accounts\' carriers can refresh the areas asked for yet.')
    return
  }
  const events = Object.values(run.progress)
  const rows = events.reduce((total, event) => total + event.rows, 0)
  const failed = events.filter((event) => event.phase === 'failed').length
  const cancelled = events.some((event) => event.phase === 'cancelled') || run.cancelling
  const accounts = new Set(events.map((event) => event.accountId)).size
  const detail = `${rows.toLocaleString()} rows from ${accounts} account${accounts === 1 ? '' : 's'}`
  if (cancelled) notifyInfo('Sync cancelled', detail)
  else if (failed > 0) {
    const firstFailure = events.find((event) => event.phase === 'failed')?.message
    const reason = firstFailure ? ` First failure: ${firstFailure}` : ''
    notifyFailure('Sync finished with errors', `${failed} area(s) failed; ${detail}.${reason}`)
  } else notifySuccess('Sync finished', detail)
}

let quietTimer: ReturnType<typeof setTimeout> | undefined
/** Runs whose `sync.finished` arrived before `sync.start` answered with their id. */
const pendingFinished = new Map<string, SyncFinished>()

export const useSyncStore = create<SyncState>()((set, get) => {
  const finish = (report?: SyncFinished): void => {
    const run = get().run
    if (!run || run.finished) return
    set((state) => ({ run: { ...run, finished: true, results: report?.results }, dataVersion: state.dataVersion + 1 }))
    summarise(run, report)
  }

  const scheduleCompletionCheck = (): void => {
    const run = get().run
    if (!run || run.finished || !allSeenFinal(run)) return
    const wait = looksComplete(run) ? quietPeriodMs : giveUpQuietMs
    if (quietTimer) clearTimeout(quietTimer)
    quietTimer = setTimeout(() => {
      const latest = get().run
      if (latest?.runId === run.runId && !latest.finished && allSeenFinal(latest) && Date.now() - latest.lastEventAt >= wait - 50) {
        finish()
      }
    }, wait)
  }

  useAccountsStore.subscribe(() => {
    const run = get().run
    if (run && !run.finished && reportedByAccounts(run)) finish()
  })

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
        else scheduleCompletionCheck()
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
        const { cancelled } = await call('sync.cancel', { runId: run.runId })
        if (!cancelled) finish()
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
      scheduleCompletionCheck()
    },
  }
})
