/**
 * `carrierdesk accounts signup`: opens a new account at a carrier that allows it (Call48) and adds it to
 * CarrierDesk. The password is read from stdin or prompted, goes to the carrier once and then straight to
 * the keychain; argv never holds it.
 */
import { Option, type Command } from 'commander'
import { environments, type Environment } from '../../../shared/domain'
import { SignupSchema } from '../../../shared/customers'
import { knownCarriers } from '../../core/carriers'
import { AppError } from '../../lib/app-error'
import { confirmMutation } from '../confirm'
import type { CommandContext } from '../context'
import { readOneSecret } from '../secrets-input'
import { fieldsError } from '../usage'

const signupFlags: Record<string, string> = {
  firstName: '--first-name',
  lastName: '--last-name',
  company: '--company',
  address: '--address',
  city: '--city',
  state: '--state',
  country: '--country',
  username: '--username',
  password: '--password-stdin',
  email: '--email',
  phone: '--phone',
}

export function signupCommand(accounts: Command, cli: CommandContext): void {
  const { io, openDesk, out, print } = cli
  const carriers = knownCarriers().filter((carrier) => carrier.capabilities.includes('accounts.signup'))
  const signup = accounts
    .command('signup')
    .description('open a new account at the carrier and add it here; its password from stdin (--password-stdin) or prompted')
    .addOption(new Option('--carrier <carrier>').choices(carriers.map((carrier) => carrier.id)).makeOptionMandatory())
    .requiredOption('--name <name>', 'the name the account gets in CarrierDesk')
    .requiredOption('--base-url <url>', 'the API base URL')
    .addOption(new Option('--environment <environment>').choices([...environments]).default('production'))
  for (const [field, flag] of Object.entries(signupFlags)) if (field !== 'password') signup.option(`${flag} <value>`)
  signup
    .option('--password-stdin', 'read the new password from standard input')
    .option('--yes', 'confirm without asking')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const text = (key: string): string | undefined => (typeof options[key] === 'string' ? (options[key] as string) : undefined)
      cli.readSecrets()
      const password = await readOneSecret(io, { flag: '--password-stdin', name: 'password', fromStdin: options.passwordStdin === true })
      const parsed = SignupSchema.safeParse({ ...Object.fromEntries(Object.keys(signupFlags).map((key) => [key, text(key)])), password })
      if (!parsed.success) throw fieldsError(parsed.error, signupFlags)
      const carrier = String(options.carrier)
      await confirmMutation(io, { summary: `Open the ${carrier} account ${parsed.data.username} (${parsed.data.company}) and add it as "${String(options.name)}"`, yes: options.yes === true })
      const outcome = await openDesk().customers.signup(
        { carrier, name: String(options.name), baseUrl: String(options.baseUrl), environment: options.environment as Environment, signup: parsed.data },
        new AbortController().signal,
      )
      print(outcome, () => out(outcome.account ? `${outcome.message}; added as ${outcome.account.name}` : outcome.message))
      if (!outcome.created) throw new AppError('carrier', outcome.message)
    })
}
