/**
 * The app's settings: defaults from shared/settings.ts, overridden by what the user stored. A stored value a
 * newer or older CarrierDesk wrote that no longer fits its descriptor is ignored (the default applies), so a
 * bad row never breaks a screen.
 */
import { defaultSettings, settingDescriptors, settingSchemas, type AppSettings } from '../../shared/settings'
import type { SettingsRepository } from '../store/repositories/settings'
import type { ActivityLog } from './activity-log'
import type { EventHub } from './events'

/** The settings in force: the defaults, overridden by each stored value that fits its descriptor. */
export function readAppSettings(repository: Pick<SettingsRepository, 'all'>): AppSettings {
  const stored = repository.all()
  const settings: AppSettings = { ...defaultSettings }
  for (const descriptor of settingDescriptors) {
    const parsed = settingSchemas[descriptor.key].safeParse(stored[descriptor.key])
    if (parsed.success) settings[descriptor.key] = parsed.data
  }
  return settings
}

export class SettingsService {
  constructor(
    private readonly deps: { settings: SettingsRepository; activity: ActivityLog; events: EventHub; now: () => number },
  ) {}

  get(): AppSettings {
    return readAppSettings(this.deps.settings)
  }

  /** Stores the given (already validated) values, logs what changed and tells the front doors. */
  update(values: Partial<AppSettings>): AppSettings {
    const before = this.get()
    const changed = Object.entries(values).filter(([key, value]) => before[key as keyof AppSettings] !== value)
    if (changed.length === 0) return before
    this.deps.settings.set(Object.fromEntries(changed), this.deps.now())
    const after = this.get()
    this.deps.activity.record({
      action: 'settings.update',
      result: 'succeeded',
      details: Object.fromEntries(changed.map(([key, value]) => [key, { before: before[key as keyof AppSettings], after: value }])),
    })
    this.deps.events.emit('settings.changed', after)
    return after
  }
}
