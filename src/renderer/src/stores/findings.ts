/**
 * The findings as main last computed them (after each sync, each change to numbers, or on demand), kept
 * current by `findings.changed`; the navigation's count reads `open` from here.
 */
import { create } from 'zustand'
import type { Finding, FindingsReport } from '../../../shared/findings'
import { call, subscribe } from '../bridge'

interface FindingsState {
  report: FindingsReport | undefined
  open: number
  /** Why the last load failed, in words. */
  error: string | undefined
  load(): Promise<void>
  refresh(): Promise<void>
  dismiss(id: string, reason: string): Promise<Finding>
  reopen(id: string): Promise<Finding>
}

export const useFindingsStore = create<FindingsState>((set, get) => ({
  report: undefined,
  open: 0,
  error: undefined,
  async load() {
    try {
      const report = await call('findings.list', {})
      set({ report, open: report.open, error: undefined })
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) })
    }
  },
  async refresh() {
    const report = await call('findings.refresh', {})
    set({ report, open: report.open, error: undefined })
  },
  async dismiss(id, reason) {
    const finding = await call('findings.dismiss', { id, reason })
    await get().load()
    return finding
  },
  async reopen(id) {
    const finding = await call('findings.reopen', { id })
    await get().load()
    return finding
  },
}))

/** Follows main's computations (a sync's end, a change from another screen or the CLI in this app). */
export function followFindings(): () => void {
  return subscribe('findings.changed', (summary) => {
    useFindingsStore.setState({ open: summary.open })
    void useFindingsStore.getState().load()
  })
}
