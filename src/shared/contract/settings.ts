/** The app's own settings (shared/settings.ts): read them all, change some. */
import { SettingsUpdateSchema, type AppSettings } from '../settings'
import { channel, NoInput, type AreaChannels, type ExactlyFor } from './kit'
import type { settingsChannels, settingsEvents } from './names/settings'

export const settingsContract = {
  'settings.get': channel<AppSettings>()(NoInput),
  'settings.update': channel<AppSettings>()(SettingsUpdateSchema),
} satisfies AreaChannels<(typeof settingsChannels)[number]>

export type SettingsEvents = ExactlyFor<(typeof settingsEvents)[number], { 'settings.changed': AppSettings }>
