/**
 * The app's own settings (not a carrier's): one list of descriptors, each a whole number with its bounds and
 * default, from which the schema, the Settings screen and `carrierdesk settings` are all made. An area adds
 * its settings here, one entry each; the store keeps only values the user changed.
 */
import { z } from 'zod'

export interface SettingDescriptor {
  key: string
  label: string
  description: string
  /** What the number counts, for display ("minutes", "days"). */
  unit: string
  min: number
  max: number
  default: number
}

export const settingDescriptors = [
  {
    key: 'portsSyncMinutes',
    label: 'Refresh port orders every',
    description: 'While the app is open and online, port orders are synced in the background this often (0 turns it off).',
    unit: 'minutes',
    min: 0,
    max: 1440,
    default: 15,
  },
  {
    key: 'cdrRetentionDays',
    label: 'Keep call records for',
    description: 'Cached call records older than this are pruned; the carriers keep theirs for much less.',
    unit: 'days',
    min: 1,
    max: 3650,
    default: 400,
  },
  {
    key: 'idleNumberDays',
    label: 'A number is idle after',
    description: 'Numbers with no call records for this long (while the call-record cache covers it) are listed as release candidates.',
    unit: 'days',
    min: 1,
    max: 365,
    default: 30,
  },
] as const satisfies readonly SettingDescriptor[]

export type SettingKey = (typeof settingDescriptors)[number]['key']
export type AppSettings = Record<SettingKey, number>

/** Each setting's own schema: a whole number within its bounds. */
export const settingSchemas = Object.fromEntries(
  settingDescriptors.map((d) => [d.key, z.number().int(`${d.label} is a whole number`).min(d.min).max(d.max)]),
) as Record<SettingKey, z.ZodNumber>

/** A change to some settings: known keys only, each within its bounds. */
export const SettingsUpdateSchema = z.object(settingSchemas).partial().strict()

export const defaultSettings: AppSettings = Object.fromEntries(settingDescriptors.map((d) => [d.key, d.default])) as AppSettings

export const isSettingKey = (key: string): key is SettingKey => settingDescriptors.some((d) => d.key === key)
