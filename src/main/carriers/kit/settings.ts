/**
 * An adapter's account settings, declared once: each key with its label and whether it is required. From
 * that come the zod schema the core checks an account's settings with (strict: a key the carrier does not
 * take is refused) and the fields the account form and the CLI's options show.
 */
import { z } from 'zod'
import type { CarrierField } from '../../../shared/domain'

export interface SettingSpec {
  label: string
  required?: boolean
  /** What is wrong with a value, or undefined when it is fine (e.g. a time zone that must exist). */
  check?: (value: string) => string | undefined
}

/** The parsed settings: required keys are strings, the others may be absent. */
export type SettingsOf<T extends Record<string, SettingSpec>> = {
  [K in keyof T as T[K]['required'] extends true ? K : never]: string
} & {
  [K in keyof T as T[K]['required'] extends true ? never : K]?: string | undefined
}

export interface AccountSettingsSpec<S> {
  schema: z.ZodType<S>
  fields: CarrierField[]
}

/** The settings an `accountSettings(...)` declaration parses to. */
export type SettingsIn<T> = T extends AccountSettingsSpec<infer S> ? S : never

const settingValue = z.string().trim().min(1).max(200)

export function accountSettings<const T extends Record<string, SettingSpec>>(specs: T): AccountSettingsSpec<SettingsOf<T>> {
  const shape: Record<string, z.ZodType> = {}
  const fields: CarrierField[] = []
  for (const [key, spec] of Object.entries(specs)) {
    const required = spec.required === true
    const checked = spec.check
      ? settingValue.superRefine((value, context) => {
          const problem = spec.check?.(value)
          if (problem !== undefined) context.addIssue({ code: 'custom', message: problem })
        })
      : settingValue
    shape[key] = required ? checked : checked.optional()
    fields.push({ key, label: spec.label, required })
  }
  return { schema: z.object(shape).strict() as unknown as z.ZodType<SettingsOf<T>>, fields }
}
