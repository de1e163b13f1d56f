/**
 * `carrierdesk numbers groups|features|conference|countries`: the account's number groups, a number's
 * settings read from its carrier now, its conference line and the countries sold by city. (Changes of
 * forwarding, failover, fax to e-mail, group and E911 removal are options of `numbers change`, in
 * change-flags.ts.)
 *
 * A conference PIN is a secret: typed on standard input (`--pin-stdin`), never on the command line, and
 * printed only by `conference --reveal`.
 */
import type { Command } from 'commander'
import { E164 } from '../../../shared/contract/kit'
import { ConferencePin } from '../../../shared/ipc-shared'
import { AppError } from '../../lib/app-error'
import { confirmMutation } from '../confirm'
import type { CommandContext } from '../context'

/** The E.164 arguments, checked. */
function numbersOf(args: string[]): string[] {
  const bad = args.filter((arg) => !E164.safeParse(arg).success)
  if (args.length === 0) throw new AppError('validation', '<E164...>: give at least one number, like +13055550100')
  if (bad.length > 0) throw new AppError('validation', `<E164...>: ${bad.slice(0, 3).join(', ')} is not E.164 (like +13055550100)`)
  return [...new Set(args)]
}

async function readPin(cli: CommandContext): Promise<string> {
  cli.readSecrets()
  const chunks: Buffer[] = []
  for await (const chunk of cli.io.stdin) {
    chunks.push(Buffer.from(chunk as Buffer))
    if (chunks.reduce((size, each) => size + each.length, 0) > 64) throw new AppError('validation', '--pin-stdin: a PIN is 4 to 8 digits')
  }
  const parsed = ConferencePin.safeParse(Buffer.concat(chunks).toString('utf8'))
  // The message never quotes the input: it is a secret.
  if (!parsed.success) throw new AppError('validation', '--pin-stdin: a PIN is 4 to 8 digits')
  return parsed.data
}

export function numberChangeCommands(numbers: Command, cli: CommandContext): void {
  const { io, openDesk, out, print } = cli
  numbers
    .command('groups')
    .description("the account's number groups (VoIP Innovations DID groups), read now, with cached counts")
    .requiredOption('--account <name>')
    .option('--members <id>', "list one group's numbers as the carrier has them")
    .action(async (options: { account: string; members?: string }) => {
      const desk = openDesk()
      const accountId = desk.accounts.find(options.account).id
      const signal = new AbortController().signal
      if (options.members !== undefined) {
        const members = await desk.features.groupMembers({ accountId, groupId: options.members.trim() }, signal)
        print(members, () => {
          for (const e164 of members.numbers) out(e164)
          out(`${members.numbers.length} numbers in group ${members.groupId}`)
        })
        return
      }
      const view = await desk.features.groups({ accountId }, signal)
      print(view, () => {
        for (const group of view.groups) out(`${group.id}\t${group.name}\t${group.cached} cached`)
      })
    })

  numbers
    .command('features')
    .description("a number's forwarding, failover, fax to e-mail, group and conference line, read from its carrier now")
    .argument('<E164>')
    .requiredOption('--account <name>')
    .action(async (e164: string, options: { account: string }) => {
      const [number] = numbersOf([e164])
      const desk = openDesk()
      const features = await desk.features.get({ accountId: desk.accounts.find(options.account).id, e164: number! }, new AbortController().signal)
      print(features, () => {
        out(`forward\t${features.forward ?? '-'}`)
        out(`failover\t${features.failover ?? '-'}`)
        out(`fax to e-mail\t${features.faxEmail ?? '-'}`)
        out(`group\t${features.group ? `${features.group.id} ${features.group.name}` : '-'}`)
        out(`conference line\t${features.conferenceLine?.enabled ? 'yes' : 'no'}`)
      })
    })

  numbers
    .command('conference')
    .description('a conference line: show, set its PIN (--pin-stdin), remove it, or --reveal the PIN')
    .argument('<E164>')
    .requiredOption('--account <name>')
    .option('--pin-stdin', 'make it a conference line with the PIN read from standard input (4 to 8 digits)')
    .option('--remove', 'stop it being a conference line')
    .option('--reveal', 'print the PIN (logged, without the PIN)')
    .option('--yes', 'send without asking')
    .action(async (e164: string, options: { account: string; pinStdin?: boolean; remove?: boolean; reveal?: boolean; yes?: boolean }) => {
      const [number] = numbersOf([e164])
      if ([options.pinStdin, options.remove, options.reveal].filter(Boolean).length > 1) {
        throw new AppError('validation', 'give at most one of --pin-stdin, --remove, --reveal')
      }
      const desk = openDesk()
      const account = desk.accounts.find(options.account)
      const key = { accountId: account.id, e164: number! }
      const signal = new AbortController().signal
      if (options.reveal) {
        const line = await desk.features.revealConferencePin(key, signal)
        print(line, () => out(line.enabled ? `PIN ${line.pin ?? '(none)'}` : 'not a conference line'))
      } else if (options.pinStdin || options.remove) {
        // The PIN is read before asking: with it on stdin there is no terminal to confirm on, so --yes is needed.
        const pin = options.pinStdin ? await readPin(cli) : undefined
        await confirmMutation(io, { summary: `${account.name}: ${pin ? 'set the conference line PIN of' : 'remove the conference line'} ${key.e164}`, yes: options.yes })
        const result = pin ? await desk.features.setConference({ ...key, pin }, signal) : await desk.features.removeConference(key, signal)
        print({ e164: key.e164, enabled: pin !== undefined, ...result }, () =>
          out(`${key.e164}: ${pin ? 'conference line set' : 'conference line removed'}${result.checkedAfterFailure ? ' (confirmed after an unclear answer)' : ''}`),
        )
      } else {
        const line = await desk.features.conference(key, signal)
        print(line, () => out(line.enabled ? 'conference line (PIN hidden; --reveal to show it)' : 'not a conference line'))
      }
    })

  numbers
    .command('countries')
    .description('the countries and cities where the accounts\' carriers sell numbers by city (for `numbers search --type international`)')
    .option('--account <name>', 'only this account')
    .action(async (options: { account?: string }) => {
      const desk = openDesk()
      const accountIds = options.account ? [desk.accounts.find(options.account).id] : undefined
      const result = await desk.buying.countries({ accountIds }, new AbortController().signal)
      print(result, () => {
        for (const account of result.accounts) {
          for (const country of account.countries) out(`${account.accountName}\t${country.code}\t${country.name}\t${country.cities.map((c) => `${c.id}:${c.name}`).join(', ')}`)
        }
        for (const failure of result.failures) io.stderr.write(`${failure.accountName}: ${failure.message}\n`)
      })
    })
}

