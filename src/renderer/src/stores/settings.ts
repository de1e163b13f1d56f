/** The app's own settings, loaded once and kept current by `settings.changed` (a change from the CLI too). */
import { create } from 'zustand'
import type { AppSettings } from '../../../shared/settings'
import { call, subscribe } from '../bridge'

interface SettingsState {
  settings: AppSettings | undefined
  load(): Promise<void>
  update(values: Partial<AppSettings>): Promise<AppSettings>
}

export const useSettingsStore = create<SettingsState>((set) => ({
  settings: undefined,
  async load() {
    set({ settings: await call('settings.get', {}) })
  },
  async update(values) {
    const settings = await call('settings.update', values)
    set({ settings })
    return settings
  },
}))

/** Follows changes announced by main (from any screen or window of this app). */
export function followSettings(): () => void {
  return subscribe('settings.changed', (settings) => useSettingsStore.setState({ settings }))
}
