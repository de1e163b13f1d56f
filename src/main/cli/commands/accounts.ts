/** `carrierdesk accounts ...`: add, list, remove and test carrier accounts. */
import { Option, type Command } from 'commander'
import { environments, type AccountSecrets, type AccountView, type CarrierField } from '../../../shared/domain'
import { AccountInputSchema } from '../../../shared/ipc-shared'
import { knownCarriers } from '../../core/carriers'
import { AppError } from '../../lib/app-error'
import type { CommandContext } from '../context'
import { promptSecrets, readSecretsJson } from '../secrets-input'
import { fieldsError, relabelFields } from '../usage'
import { signupCommand } from './signup'
import { balanceCommand } from './balance'

/** The options of `accounts add` for the account's own fields, by the field each one fills. */
const accountFlags: Record<string, string> = {
  carrier: '--carrier',
  name: '--name',
  baseUrl: '--base-url',
  environment: '--environment',
  secrets: '--secrets-stdin',
}

/** A setting's own option: its key in kebab case (`accountNo` is `--account-no`). */
const settingFlag = (key: string): string => `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`

/** Every carrier's settings, each once (carriers share some: `username`), with the carriers that take it. */
function settingOptions(): { field: CarrierField; carriers: string[] }[] {
  const byKey = new Map<string, { field: CarrierField; carriers: string[] }>()
  for (const carrier of knownCarriers()) {
    for (const field of carrier.fields) {
      const entry = byKey.get(field.key) ?? { field, carriers: [] }
      entry.carriers.push(carrier.id)
      byKey.set(field.key, entry)
    }
  }
  return [...byKey.values()]
}

/** `--set key=value` (repeatable): any carrier setting by its key. */
function collectSetting(text: string, previous: [string, string][]): [string, string][] {
  const at = text.indexOf('=')
  if (at <= 0) throw new AppError('validation', '--set: takes key=value, e.g. --set accountNo=1001')
  return [...previous, [text.slice(0, at).trim(), text.slice(at + 1)]]
}

function formatAccount(account: AccountView): string {
  const last = account.lastSync
    ? `${account.lastSync.outcome} ${new Date(account.lastSync.startedAt).toISOString()}`
    : 'never synced'
  return `${account.name}\t${account.carrier}\t${account.environment}\t${account.baseUrl}\t${last}`
}

export function accountsCommands(program: Command, cli: CommandContext): void {
  const { io, openDesk, out, print } = cli
  const accounts = program.command('accounts').description('carrier accounts')
  balanceCommand(accounts, cli)
  const carriers = knownCarriers()
  const settings = settingOptions()
  const add = accounts
    .command('add')
    .description('add a carrier account; secrets as one JSON object on stdin, or prompted')
    .addOption(new Option('--carrier <carrier>').choices(carriers.map((carrier) => carrier.id)).makeOptionMandatory())
    .requiredOption('--name <name>', 'a unique name for the account')
    .requiredOption('--base-url <url>', 'the API base URL (production, staging or sandbox)')
    .addOption(new Option('--environment <environment>').choices([...environments]))
  for (const { field, carriers: takers } of settings) {
    add.option(`${settingFlag(field.key)} <${field.key}>`, `${field.label} (${takers.join(', ')})`)
  }
  add
    .option('--set <key=value>', "any of the carrier's settings by its key (repeatable)", collectSetting, [])
    .option('--secrets-stdin', 'read secrets as a JSON object from standard input')
    .action(async (options: Record<string, unknown>) => {
      const desk = openDesk()
      const adapter = desk.registry.require(String(options.carrier))
      const secretNames = adapter.secretFields.map((field) => field.key)
      let secrets: AccountSecrets
      if (options.secretsStdin) {
        cli.readSecrets()
        secrets = await readSecretsJson(io.stdin, secretNames)
      } else if (io.stdin.isTTY) {
        cli.readSecrets()
        secrets = await promptSecrets(io, secretNames)
      } else {
        throw new AppError('validation', '--secrets-stdin: give secrets as a JSON object on standard input')
      }
      const given: Record<string, unknown> = {}
      const flags = { ...accountFlags }
      for (const { field } of settings) {
        if (options[field.key] !== undefined) given[field.key] = options[field.key]
        flags[field.key] = settingFlag(field.key)
      }
      for (const [key, value] of options.set as [string, string][]) {
        given[key] = value
        flags[key] ??= `--set ${key}`
      }
      const input = AccountInputSchema.safeParse({
        ...given,
        carrier: options.carrier,
        name: options.name,
        baseUrl: options.baseUrl,
        environment: options.environment,
        secrets,
      })
      if (!input.success) throw fieldsError(input.error, flags)
      const account = await desk.accounts.add(input.data).catch((error: unknown) => {
        throw error instanceof AppError ? relabelFields(error, flags) : error
      })
      print(account, () => out(`Added ${account.name} (${account.carrier}, id ${account.id})`))
    })
  signupCommand(accounts, cli)
  accounts
    .command('list')
    .description('list accounts with their last sync')
    .action(() => {
      const list = openDesk().accounts.list()
      print(list, () => (list.length === 0 ? out('No accounts.') : list.forEach((a) => out(formatAccount(a)))))
    })
  accounts
    .command('remove <name>')
    .description('remove an account and its keychain entries')
    .action(async (name: string) => {
      const result = await openDesk().accounts.remove({ id: name })
      print(result, () => out(`Removed ${name}`))
    })
  accounts
    .command('test <name>')
    .description('test the connection to the carrier')
    .action(async (name: string) => {
      const result = await openDesk().accounts.test({ id: name, signal: new AbortController().signal })
      print(result, () => out(`${result.ok ? 'OK' : 'FAILED'} (${result.latencyMs} ms): ${result.message}`))
      if (!result.ok) throw new AppError('carrier', result.message)
    })
}
