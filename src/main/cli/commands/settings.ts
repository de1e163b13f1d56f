/** `carrierdesk settings`: the app's own settings (shared/settings.ts), read and changed like in the app. */
import type { Command } from 'commander'
import { isSettingKey, settingDescriptors, SettingsUpdateSchema } from '../../../shared/settings'
import { AppError } from '../../lib/app-error'
import { validationError } from '../../core/dispatcher'
import type { CommandContext } from '../context'

export function settingsCommands(program: Command, cli: CommandContext): void {
  const { openDesk, out, print } = cli
  const settings = program.command('settings').description("the app's own settings (background port refresh, call-record retention, ...)")
  const show = (values: Record<string, number>): void => {
    for (const d of settingDescriptors) out(`${d.key}\t${values[d.key]} ${d.unit}\t${d.label} (${d.min}–${d.max}, default ${d.default})`)
  }
  settings
    .command('get')
    .description('every setting with its value')
    .action(() => {
      const values = openDesk().settings.get()
      print(values, () => show(values))
    })
  settings
    .command('set <key=value...>')
    .description('change settings, e.g. `settings set portsSyncMinutes=30`')
    .action((pairs: string[]) => {
      const update: Record<string, unknown> = {}
      for (const pair of pairs) {
        const [key, value, ...rest] = pair.split('=')
        if (!key || value === undefined || rest.length > 0) throw new AppError('validation', `${pair}: write key=value`)
        if (!isSettingKey(key)) throw new AppError('validation', `${key}: not a setting (${settingDescriptors.map((d) => d.key).join(', ')})`)
        update[key] = value.trim() === '' ? Number.NaN : Number(value)
      }
      const parsed = SettingsUpdateSchema.safeParse(update)
      if (!parsed.success) throw validationError(parsed.error)
      const values = openDesk().settings.update(parsed.data)
      print(values, () => show(values))
    })
}
