/** `carrierdesk nexogy ...`: Nexogy's clients and devices, which Nexogy cannot list itself. */
import type { Command } from 'commander'
import { AppError } from '../../lib/app-error'
import type { CommandContext } from '../context'
import { wholeNumberOption } from '../usage'

export function nexogyCommands(program: Command, cli: CommandContext): void {
  const { openDesk, out, print } = cli
  // Named for the one carrier that keeps clients today; `clients` says the same for any other.
  const nexogy = program.command('nexogy').alias('clients').description('Nexogy clients and devices (Nexogy cannot list them itself)')
  const clientId = (value: string): number => wholeNumberOption('--client-id', value, 1)
  nexogy
    .command('adopt')
    .description('bring an existing Nexogy client (and its main number) into CarrierDesk')
    .requiredOption('--account <name>')
    .requiredOption('--client-id <id>')
    .requiredOption('--number <e164>', "the client's main number")
    .option('--domain <domain>')
    .action(async (options: { account: string; clientId: string; number: string; domain?: string }) => {
      const adopted = await openDesk().clients.adopt(
        { account: options.account, clientId: clientId(options.clientId), number: options.number, domain: options.domain },
        new AbortController().signal,
      )
      print(adopted, () => out(`Adopted client ${options.clientId}; run \`carrierdesk sync --account "${options.account}"\``))
    })
  nexogy
    .command('clients')
    .description('the Nexogy clients this account knows')
    .requiredOption('--account <name>')
    .action(async (options: { account: string }) => {
      const clients = await openDesk().clients.known({ account: options.account })
      print(clients, () => {
        for (const c of clients) out(JSON.stringify(c))
      })
    })
  nexogy
    .command('device-key')
    .description("print a device's SIP key (gpg-encrypted, base64) from the keychain, on explicit request")
    .requiredOption('--account <name>')
    .requiredOption('--client-id <id>')
    .option('--extension <ext>', 'extension', '1000')
    .action(async (options: { account: string; clientId: string; extension: string }) => {
      const key = await openDesk().clients.deviceKey({
        account: options.account,
        clientId: clientId(options.clientId),
        extension: options.extension,
      })
      if (key === undefined) throw new AppError('not-found', 'No key stored for that device; create or read the device first')
      print({ key }, () => out(key))
    })
}
