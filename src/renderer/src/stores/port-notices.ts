/**
 * Notices of port changes between syncs (FOC set or moved, completed, rejected) and how many the user has
 * not seen: the badge on the Ports item of the navigation. Kept current by `ports.notice`, from any sync
 * (the background refresh, a sync by hand, the CLI's when the app next loads).
 */
import { create } from 'zustand'
import type { PortNotice } from '../../../shared/ports'
import { call, subscribe } from '../bridge'

interface PortNoticesState {
  unseen: number
  notices: PortNotice[]
  load(): Promise<void>
  markSeen(): Promise<void>
}

export const usePortNoticesStore = create<PortNoticesState>((set) => ({
  unseen: 0,
  notices: [],
  async load() {
    set(await call('ports.notices', {}))
  },
  async markSeen() {
    const { unseen } = await call('ports.markNoticesSeen', {})
    set((state) => ({ unseen, notices: state.notices.map((notice) => ({ ...notice, seenAt: notice.seenAt ?? Date.now() })) }))
  },
}))

export function followPortNotices(): () => void {
  void usePortNoticesStore.getState().load()
  return subscribe('ports.notice', () => void usePortNoticesStore.getState().load())
}
