/**
 * The Change sets screen's state: the set shown (its items), its last dry run, and the apply flow
 * (confirmation with the dry run's counts → job with progress and Cancel → per-number result). The list of
 * sets itself is the shared stores/change-sets.ts.
 */
import { create } from 'zustand'
import type { ChangeSetApplyResult, ChangeSetCheck, ChangeSetDetail, JobProgress, RevertResult } from '../../../../shared/ipc-shared'
import { call, subscribe, toErrorShape } from '../../bridge'
import { notifyError, notifySuccess } from '../../notify'
import { useChangeSetsStore } from '../../stores/change-sets'

type ApplyStep = 'confirm' | 'running' | 'done'

interface ApplyState {
  open: boolean
  step: ApplyStep
  jobId: string | undefined
  progress: { done: number; total: number; failed: number }
  cancelling: boolean
  result: ChangeSetApplyResult | undefined
  error: string | undefined
}

interface ChangesScreenState {
  selectedId: string | undefined
  detail: ChangeSetDetail | undefined
  loading: boolean
  /** The last dry run of the shown set, until its items change. */
  check: ChangeSetCheck | undefined
  checking: boolean
  apply: ApplyState
  /** What the revert that made the shown set could not undo. */
  revertNotes: RevertResult['notRevertible'] | undefined
  lastExport: { file: string; rows: number } | undefined
  select(id: string | undefined): Promise<void>
  reload(): Promise<void>
  runCheck(): Promise<void>
  openApply(): void
  confirmApply(): Promise<void>
  cancelApply(): Promise<void>
  closeApply(): void
  revert(): Promise<void>
  exportCsv(): Promise<void>
  importCsv(csv: string, into: { setId: string } | { name: string }): Promise<void>
  unstage(items: { accountId: string; e164: string; field: string }[]): Promise<void>
  remove(): Promise<void>
  create(name: string): Promise<void>
  rename(name: string): Promise<void>
}

const idleApply: ApplyState = { open: false, step: 'confirm', jobId: undefined, progress: { done: 0, total: 0, failed: 0 }, cancelling: false, result: undefined, error: undefined }

export const useChangesScreenStore = create<ChangesScreenState>()((set, get) => ({
  selectedId: undefined,
  detail: undefined,
  loading: false,
  check: undefined,
  checking: false,
  apply: idleApply,
  revertNotes: undefined,
  lastExport: undefined,

  async select(id) {
    if (id !== get().selectedId) set({ selectedId: id, detail: undefined, check: undefined, revertNotes: undefined, lastExport: undefined })
    await get().reload()
  },
  async reload() {
    const id = get().selectedId
    if (!id) return
    set({ loading: true })
    try {
      const detail = await call('changes.get', { id })
      if (get().selectedId !== id) return
      // A dry run is about the items it saw: once they change, it no longer speaks for the set.
      const stale = get().detail?.updatedAt !== detail.updatedAt
      set({ detail, ...(stale ? { check: undefined } : {}) })
    } catch (error) {
      if (toErrorShape(error).code === 'not-found') set({ selectedId: undefined, detail: undefined, check: undefined })
      else notifyError('Could not load the change set', error)
    } finally {
      set({ loading: false })
    }
  },
  async runCheck() {
    const id = get().selectedId
    if (!id) return
    set({ checking: true })
    try {
      set({ check: await call('changes.check', { id }) })
    } catch (error) {
      notifyError('The dry run did not run', error)
    } finally {
      set({ checking: false })
    }
  },
  openApply() {
    set({ apply: { ...idleApply, open: true } })
    void get().runCheck()
  },
  async confirmApply() {
    const id = get().selectedId
    if (!id) return
    const jobId = crypto.randomUUID()
    set({ apply: { ...get().apply, step: 'running', jobId, error: undefined } })
    const unsubscribe = subscribe('jobs.progress', (event: JobProgress) => {
      if (event.jobId === jobId) set({ apply: { ...get().apply, progress: { done: event.done, total: event.total, failed: event.failed } } })
    })
    try {
      const result = await call('changes.apply', { id, jobId, confirmed: true })
      set({ apply: { ...get().apply, step: 'done', result } })
    } catch (error) {
      set({ apply: { ...get().apply, step: 'done', error: `${toErrorShape(error).code}: ${toErrorShape(error).message}` } })
    } finally {
      unsubscribe()
      set({ apply: { ...get().apply, cancelling: false } })
      set({ check: undefined })
      await get().reload()
    }
  },
  async cancelApply() {
    const { jobId } = get().apply
    set({ apply: { ...get().apply, cancelling: true } })
    if (!jobId) return
    try {
      await call('jobs.cancel', { jobId })
    } catch {
      // Best effort: an apply finishing first is fine, its result is shown either way.
    }
  },
  closeApply() {
    if (get().apply.step === 'running') return
    set({ apply: idleApply })
  },
  async revert() {
    const id = get().selectedId
    if (!id) return
    try {
      const result = await call('changes.revert', { id })
      notifySuccess('Revert staged', `${result.staged} change(s) in “${result.set.name}”: review and apply it`)
      await useChangeSetsStore.getState().load()
      await get().select(result.set.id)
      set({ revertNotes: result.notRevertible })
    } catch (error) {
      notifyError('Could not revert this set', error)
    }
  },
  async exportCsv() {
    const id = get().selectedId
    if (!id) return
    try {
      set({ lastExport: await call('changes.export', { id }) })
    } catch (error) {
      notifyError('Could not export the change set', error)
    }
  },
  async importCsv(csv, into) {
    try {
      const { set: changeSet, staged } = await call('changes.import', { ...into, csv })
      notifySuccess('CSV imported', `${staged} change(s) staged in “${changeSet.name}”`)
      await useChangeSetsStore.getState().load()
      await get().select(changeSet.id)
    } catch (error) {
      notifyError('The CSV was not imported (nothing was staged)', error)
    }
  },
  async unstage(items) {
    const id = get().selectedId
    if (!id) return
    try {
      await call('changes.unstage', { id, items })
      await get().reload()
    } catch (error) {
      notifyError('Could not take the change out', error)
    }
  },
  async remove() {
    const id = get().selectedId
    if (!id) return
    try {
      await call('changes.delete', { id })
      set({ selectedId: undefined, detail: undefined, check: undefined })
      await useChangeSetsStore.getState().load()
    } catch (error) {
      notifyError('Could not delete the change set', error)
    }
  },
  async create(name) {
    try {
      const created = await call('changes.create', { name })
      await useChangeSetsStore.getState().load()
      await get().select(created.id)
    } catch (error) {
      notifyError('Could not create the change set', error)
    }
  },
  async rename(name) {
    const id = get().selectedId
    if (!id) return
    try {
      await call('changes.rename', { id, name })
      await useChangeSetsStore.getState().load()
      await get().reload()
    } catch (error) {
      notifyError('Could not rename the change set', error)
    }
  },
}))
