/**
 * One flow for every action on numbers, single or bulk: form → confirmation with before/after → job with
 * progress and Cancel → per-number result. The detail panel and the bulk bar both start it; the modal
 * (change-flow-modal.tsx) renders whichever step it is at.
 *
 * Targets whose carrier lacks the needed capability are set aside before confirmation and named, rather
 * than sent to fail at the carrier. From the confirmation, the change can also be staged into a change set
 * instead of sent (reviewed, dry-run and applied later on the Change sets screen).
 */
import { create } from 'zustand'
import { changeCapability, type Capability, type CarrierInfo, type NumberChange } from '../../../../shared/domain'
import type { BatchLine, BatchResult, ChangeSetSummary, JobProgress } from '../../../../shared/ipc-shared'
import { normaliseTag, type NumberEdit } from '../../../../shared/number-edits'
import { call, subscribe, toErrorShape } from '../../bridge'
import { useChangeSetsStore } from '../../stores/change-sets'
import { useNumbersStore, type SelectedNumber } from './numbers-store'

export type ChangeKind = NumberChange['kind']
export type TagEdit = { mode: 'add' | 'remove'; tag: string }
export type FlowAction = { type: 'change'; kind: ChangeKind } | { type: 'release' } | { type: 'tags' }
export type FlowDraft = { type: 'change'; change: NumberChange } | { type: 'release' } | { type: 'tags'; edit: TagEdit }

export const actionTitles: Record<ChangeKind | 'release' | 'tags', string> = {
  routing: 'Change routing',
  cnam: 'Change CNAM',
  e911: 'Change E911 address',
  listing411: 'Change 411 listing',
  fax: 'Change fax settings',
  status: 'Change status',
  failover: 'Change failover',
  stopForwarding: 'Stop forwarding',
  group: 'Move to a number group',
  e911Remove: 'Remove E911 address',
  release: 'Release numbers',
  tags: 'Edit tags',
}

export function capabilityFor(action: FlowAction): Capability | undefined {
  if (action.type === 'change') return changeCapability[action.kind]
  if (action.type === 'release') return 'numbers.release'
  return undefined // tags are local to CarrierDesk
}

/** Which targets a carrier will take for this action, given the carrier catalogue's capabilities. */
export function partitionByCapability(
  action: FlowAction,
  targets: SelectedNumber[],
  carriers: CarrierInfo[],
): { eligible: SelectedNumber[]; skipped: SelectedNumber[] } {
  const capability = capabilityFor(action)
  if (!capability) return { eligible: targets, skipped: [] }
  const can = new Set(carriers.filter((carrier) => carrier.capabilities.includes(capability)).map((carrier) => carrier.id))
  return { eligible: targets.filter((t) => can.has(t.carrier)), skipped: targets.filter((t) => !can.has(t.carrier)) }
}

type Step = 'form' | 'confirm' | 'running' | 'done' | 'staged'

/** The edit a draft stands for, as a change set stages it. */
export function editOfDraft(draft: FlowDraft): NumberEdit {
  if (draft.type === 'change') return { kind: 'change', change: draft.change }
  if (draft.type === 'release') return { kind: 'release' }
  const tag = normaliseTag(draft.edit.tag)
  return { kind: 'tags', add: draft.edit.mode === 'add' ? [tag] : [], remove: draft.edit.mode === 'remove' ? [tag] : [] }
}

interface FlowState {
  open: boolean
  action: FlowAction
  targets: SelectedNumber[]
  skipped: SelectedNumber[]
  /** For forms that ask the carrier (E911 address verification): whether it can. */
  canVerifyAddress: boolean
  step: Step
  draft: FlowDraft | undefined
  jobId: string | undefined
  progress: { done: number; total: number; failed: number }
  cancelling: boolean
  result: BatchResult | undefined
  error: string | undefined
  /** Where the change was staged, once it was. */
  staged: { set: ChangeSetSummary; count: number } | undefined
  staging: boolean
  start: (options: { action: FlowAction; targets: SelectedNumber[]; carriers: CarrierInfo[]; canVerifyAddress?: boolean }) => void
  submitForm: (draft: FlowDraft) => void
  back: () => void
  confirm: () => Promise<void>
  /** Stages the change into the set `setId`, or a new (or same-named) set `name`, instead of sending it. */
  stage: (target: { setId: string } | { name: string }) => Promise<void>
  cancel: () => Promise<void>
  close: () => void
}

/**
 * Tags are local: one `numbers.tag` call adds or removes the tag on every target in one transaction. The
 * core answers how many of them it still had cached; the rest (gone since they were selected) are reported
 * as failed, not named, since the answer does not say which they were.
 */
async function runTagEdit(targets: SelectedNumber[], edit: TagEdit): Promise<BatchResult> {
  const tag = normaliseTag(edit.tag)
  const keys = targets.map(({ accountId, e164 }) => ({ accountId, e164 }))
  const { updated } = await call('numbers.tag', { targets: keys, add: edit.mode === 'add' ? [tag] : [], remove: edit.mode === 'remove' ? [tag] : [] })
  const missing = Math.max(0, targets.length - updated)
  const lines: BatchLine[] = targets.map(({ accountId, e164 }) => ({
    accountId,
    e164,
    ok: true,
    message: missing > 0 ? `${missing} of the selected numbers were no longer cached and were not tagged` : undefined,
  }))
  return { jobId: 'local', lines, succeeded: updated, failed: missing, notSent: 0, cancelled: false }
}

const idle = { done: 0, total: 0, failed: 0 }

export const useChangeFlowStore = create<FlowState>()((set, get) => ({
  open: false,
  action: { type: 'release' },
  targets: [],
  skipped: [],
  canVerifyAddress: false,
  step: 'form',
  draft: undefined,
  jobId: undefined,
  progress: idle,
  cancelling: false,
  result: undefined,
  error: undefined,
  staged: undefined,
  staging: false,

  start: ({ action, targets, carriers, canVerifyAddress = false }) => {
    const { eligible, skipped } = partitionByCapability(action, targets, carriers)
    set({
      open: true,
      action,
      targets: eligible,
      skipped,
      canVerifyAddress,
      // Release needs no form: what is released is the whole question.
      step: action.type === 'release' ? 'confirm' : 'form',
      draft: action.type === 'release' ? { type: 'release' } : undefined,
      jobId: undefined,
      progress: { ...idle, total: eligible.length },
      cancelling: false,
      result: undefined,
      error: undefined,
      staged: undefined,
      staging: false,
    })
  },
  submitForm: (draft) => set({ draft, step: 'confirm' }),
  back: () => set((state) => (state.action.type === 'release' ? state : { step: 'form' })),
  confirm: async () => {
    const { draft, targets } = get()
    if (!draft || targets.length === 0) return
    const jobId = crypto.randomUUID()
    set({ step: 'running', jobId, progress: { ...idle, total: targets.length }, error: undefined })
    const keys = targets.map(({ accountId, e164 }) => ({ accountId, e164 }))
    const unsubscribe = subscribe('jobs.progress', (event: JobProgress) => {
      if (event.jobId === jobId) set({ progress: { done: event.done, total: event.total, failed: event.failed } })
    })
    try {
      let result: BatchResult
      if (draft.type === 'change') result = await call('numbers.change', { jobId, targets: keys, change: draft.change, confirmed: true })
      else if (draft.type === 'release') result = await call('numbers.release', { jobId, targets: keys, confirmed: true })
      else result = await runTagEdit(targets, draft.edit)
      set({ result, step: 'done' })
    } catch (error) {
      set({ error: `${toErrorShape(error).code}: ${toErrorShape(error).message}`, step: 'done' })
    } finally {
      unsubscribe()
      set({ cancelling: false })
      useNumbersStore.getState().refresh()
    }
  },
  stage: async (target) => {
    const { draft, targets } = get()
    if (!draft || targets.length === 0) return
    set({ staging: true, error: undefined })
    try {
      const keys = targets.map(({ accountId, e164 }) => ({ accountId, e164 }))
      const { set: changeSet, staged } = await call('changes.stage', { ...target, targets: keys, edit: editOfDraft(draft) })
      useChangeSetsStore.getState().setLastStaged(changeSet.id)
      set({ staged: { set: changeSet, count: staged }, step: 'staged' })
    } catch (error) {
      set({ error: `${toErrorShape(error).code}: ${toErrorShape(error).message}` })
    } finally {
      set({ staging: false })
    }
  },
  cancel: async () => {
    const { jobId, draft } = get()
    set({ cancelling: true })
    if (!jobId || draft?.type === 'tags') return
    try {
      await call('jobs.cancel', { jobId })
    } catch {
      // Cancelling is best effort: the job finishing first is fine, its result is shown either way.
    }
  },
  close: () => {
    if (get().step === 'running') return
    set({ open: false })
  },
}))
