/** `carrierdesk accounts ...`: add, list, remove and test carrier accounts. */
import { Option, type Command } from 'commander'
import { carrierIds, environments, type AccountSecrets, type AccountView } from '../../../shared/domain'
import { AccountInputSchema } from '../../../shared/ipc-shared'
import { AppError } from '../../lib/app-error'
import type { CliIo, CommandContext } from '../context'
import { readSecretsJson } from '../secrets-input'
import { fieldsError, relabelFields } from '../usage'

/** The options of `accounts add`, by the account field each one fills. */
const accountFlags = {
  carrier: '--carrier',
  name: '--name',
  baseUrl: '--base-url',
  environment: '--environment',
  username: '--username',
  accountNo: '--account-no',
  clientId: '--client-id',
  scope: '--scope',
  secrets: '--secrets-stdin',
} as const


/** Asks for each secret on the terminal without echoing it. */
async function promptSecrets(io: CliIo, keys: string[]): Promise<Record<string, string>> {
  const { createInterface } = await import('node:readline/promises')
  const secrets: Record<string, string> = {}
  for (const key of keys) {
    const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true })
    const muted = rl as unknown as { _writeToOutput?: (text: string) => void }
    io.stderr.write(`${key}: `)
    muted._writeToOutput = () => undefined
    secrets[key] = (await rl.question('')).trim()
    rl.close()
    io.stderr.write('\n')
  }
  return secrets
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
  accounts
    .command('add')
    .description('add a carrier account; secrets as one JSON object on stdin, or prompted')
    .addOption(new Option('--carrier <carrier>').choices([...carrierIds]).makeOptionMandatory())
    .requiredOption('--name <name>', 'a unique name for the account')
    .requiredOption('--base-url <url>', 'the API base URL (production, staging or sandbox)')
    .addOption(new Option('--environment <environment>').choices([...environments]))
    .option('--username <username>')
    .option('--account-no <accountNo>')
    .option('--client-id <clientId>')
    .option('--scope <scope>')
    .option('--secrets-stdin', 'read secrets as a JSON object from standard input')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const desk = openDesk()
      const adapter = desk.registry.get(options.carrier as (typeof carrierIds)[number])
      let secrets: AccountSecrets
      if (options.secretsStdin) {
        cli.readSecrets()
        secrets = await readSecretsJson(io.stdin)
      } else if (io.stdin.isTTY) {
        cli.readSecrets()
        secrets = await promptSecrets(io, adapter.secretFields.map((field) => field.key))
      } else {
        throw new AppError('validation', '--secrets-stdin: give secrets as a JSON object on standard input')
      }
      const input = AccountInputSchema.safeParse({
        carrier: options.carrier,
        name: options.name,
        baseUrl: options.baseUrl,
        environment: options.environment,
        username: options.username,
        accountNo: options.accountNo,
        clientId: options.clientId,
        scope: options.scope,
        secrets,
      })
      if (!input.success) throw fieldsError(input.error, accountFlags)
      const account = await desk.accounts.add(input.data).catch((error: unknown) => {
        throw error instanceof AppError ? relabelFields(error, accountFlags) : error
      })
      print(account, () => out(`Added ${account.name} (${account.carrier}, id ${account.id})`))
    })
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
