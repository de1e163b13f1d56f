/**
 * `carrierdesk nexogy ...`: Nexogy's clients and devices, which Nexogy cannot list itself: adopt, list,
 * create, activate / suspend / cancel, start billing date, status, devices, and a device's SIP key on explicit
 * request. Changes ask for confirmation (`--yes`).
 */
import type { Command } from 'commander'
import { NewClientInputSchema, type ClientStatusAction, type ClientView } from '../../../shared/clients'
import { AppError } from '../../lib/app-error'
import { confirmMutation } from '../confirm'
import type { CommandContext } from '../context'
import { fieldsError, relabelFields, wholeNumberOption } from '../usage'

/** `nexogy client create`'s option for each field of the client. */
const createFlags: Record<string, string> = {
  didNumber: '--number',
  email: '--email',
  firstName: '--first-name',
  lastName: '--last-name',
  address: '--address',
  zipcode: '--zip',
  billingAddress: '--billing-address',
  billingZipcode: '--billing-zip',
  sameBillingAddress: '--billing-address',
  startBillingDate: '--start-billing-date',
  didPorting: '--porting',
  subresellerId: '--subreseller-id',
  customerId: '--customer-id',
}

const line = (client: ClientView): string =>
  [client.id ?? '?', client.e164, client.status, client.domain ?? '', client.name ?? '', `${client.devices.length} device(s)`].join('\t')

export function nexogyCommands(program: Command, cli: CommandContext): void {
  const { io, openDesk, out, print } = cli
  // Named for the one carrier that keeps clients today; `clients` says the same for any other.
  const nexogy = program.command('nexogy').alias('clients').description('Nexogy clients and devices (Nexogy cannot list them itself)')
  const clientId = (value: string): number => wholeNumberOption('--client-id', value, 1)
  const signal = (): AbortSignal => {
    const controller = new AbortController()
    void io.stopSignal.then(() => controller.abort())
    return controller.signal
  }
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
        signal(),
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
        if (clients.length === 0) out('No clients known yet: create one or adopt one.')
        for (const c of clients) out(line(c))
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

  const client = nexogy.command('client').description('one Nexogy client')
  client
    .command('create')
    .description('create a residential client with its main number (a number found by `numbers search`, or one being ported with --porting)')
    .requiredOption('--account <name>')
    .requiredOption('--number <number>', "the client's main number")
    .requiredOption('--first-name <name>')
    .requiredOption('--last-name <name>')
    .requiredOption('--email <email>')
    .requiredOption('--address <address>', 'service address')
    .requiredOption('--zip <zip>', 'service zip code')
    .option('--billing-address <address>', 'when billing goes elsewhere (with --billing-zip)')
    .option('--billing-zip <zip>')
    .requiredOption('--start-billing-date <MM/DD/YYYY>')
    .option('--porting', 'the number is being ported in')
    .option('--subreseller-id <id>')
    .option('--customer-id <id>', 'your own id for the client')
    .option('--dry-run', 'check the fields; send nothing')
    .option('--yes', 'confirm without asking')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const text = (key: string): string | undefined => (typeof options[key] === 'string' ? (options[key] as string) : undefined)
      const parsed = NewClientInputSchema.safeParse({
        didNumber: text('number'),
        email: text('email'),
        firstName: text('firstName'),
        lastName: text('lastName'),
        address: text('address'),
        zipcode: text('zip'),
        sameBillingAddress: text('billingAddress') === undefined && text('billingZip') === undefined,
        billingAddress: text('billingAddress'),
        billingZipcode: text('billingZip'),
        startBillingDate: text('startBillingDate'),
        didPorting: options.porting === true,
        subresellerId: text('subresellerId'),
        customerId: text('customerId'),
      })
      if (!parsed.success) throw fieldsError(parsed.error, createFlags)
      const summary = `Create the Nexogy client ${parsed.data.firstName} ${parsed.data.lastName} on ${parsed.data.didNumber}${parsed.data.didPorting ? ' (porting)' : ''}, billing from ${parsed.data.startBillingDate}, at ${String(options.account)}`
      if (options.dryRun) {
        print({ dryRun: true, summary }, () => out(`Dry run, nothing sent: ${summary}`))
        return
      }
      await confirmMutation(io, { summary, yes: options.yes === true })
      const created = await openDesk()
        .clients.create({ account: String(options.account), client: parsed.data }, signal())
        .catch((error: unknown) => {
          throw error instanceof AppError ? relabelFields(error, createFlags) : error
        })
      print(created, () => out(created.created ? `Created client ${created.client?.id ?? '(id not known)'} on ${created.client?.e164 ?? parsed.data.didNumber}${created.message ? `: ${created.message}` : ''}` : created.message ?? 'Not created'))
      if (!created.created) throw new AppError('carrier', created.message ?? 'The client was not created')
    })

  const lifecycle: [ClientStatusAction, string][] = [
    ['activate', 'activate the client (also re-activates a cancelled one)'],
    ['suspend', "suspend the client (locks its domain; billing goes on)"],
    ['cancel', 'cancel the client (locks its domain and stops billing)'],
  ]
  for (const [action, description] of lifecycle) {
    client
      .command(action)
      .description(description)
      .requiredOption('--account <name>')
      .requiredOption('--client-id <id>')
      .option('--yes', 'confirm without asking')
      .action(async (options: { account: string; clientId: string; yes?: boolean }) => {
        const id = clientId(options.clientId)
        await confirmMutation(io, { summary: `${action[0]!.toUpperCase()}${action.slice(1)} Nexogy client ${id} of ${options.account}`, yes: options.yes })
        const after = await openDesk().clients.setStatus({ account: options.account, clientId: id, action }, signal())
        print(after, () => out(`Client ${id} is now ${after.status}`))
      })
  }
  client
    .command('billing-date')
    .description("change the client's start billing date")
    .requiredOption('--account <name>')
    .requiredOption('--client-id <id>')
    .requiredOption('--date <MM/DD/YYYY>')
    .option('--yes', 'confirm without asking')
    .action(async (options: { account: string; clientId: string; date: string; yes?: boolean }) => {
      const id = clientId(options.clientId)
      if (!/^\d{2}\/\d{2}\/\d{4}$/.test(options.date.trim())) throw new AppError('validation', '--date: MM/DD/YYYY, e.g. 06/08/2027')
      await confirmMutation(io, { summary: `Start billing Nexogy client ${id} on ${options.date}`, yes: options.yes })
      const after = await openDesk()
        .clients.setStartBillingDate({ account: options.account, clientId: id, startBillingDate: options.date }, signal())
        .catch((error: unknown) => {
          throw error instanceof AppError ? relabelFields(error, { startBillingDate: '--date' }) : error
        })
      print(after, () => out(`Client ${id} starts billing on ${after.startBillingDate ?? options.date}`))
    })
  client
    .command('status')
    .description("read the client's domain status at Nexogy now")
    .requiredOption('--account <name>')
    .requiredOption('--client-id <id>')
    .action(async (options: { account: string; clientId: string }) => {
      const seen = await openDesk().clients.refresh({ account: options.account, clientId: clientId(options.clientId) }, signal())
      print(seen, () => out(line(seen)))
    })

  const device = nexogy.command('device').description("a client's devices")
  device
    .command('list')
    .description('the devices CarrierDesk has seen for the client (never their keys)')
    .requiredOption('--account <name>')
    .requiredOption('--client-id <id>')
    .action(async (options: { account: string; clientId: string }) => {
      const devices = await openDesk().clients.devices({ account: options.account, clientId: clientId(options.clientId) })
      print(devices, () => {
        if (devices.length === 0) out('No device seen yet: `nexogy device create` reads the default extension 1000.')
        for (const d of devices) out(`${d.extension}\t${d.aor}\t${d.registrationServers.map((s) => `${s.address}:${s.port}`).join(',')}`)
      })
    })
  device
    .command('create')
    .description('create another extension (or read the default 1000); its SIP key goes to the keychain only')
    .requiredOption('--account <name>')
    .requiredOption('--client-id <id>')
    .option('--extension <ext>', 'the extension to create (3 to 7 digits); the default device when left out')
    .option('--yes', 'confirm without asking')
    .action(async (options: { account: string; clientId: string; extension?: string; yes?: boolean }) => {
      const id = clientId(options.clientId)
      await confirmMutation(io, { summary: `Create extension ${options.extension ?? '1000 (default)'} for Nexogy client ${id}`, yes: options.yes })
      const made = await openDesk().clients.device({ account: options.account, clientId: id, extension: options.extension }, signal())
      print(made, () => out(`Device ${made.extension} (${made.aor}); its SIP key is in the keychain (\`nexogy device-key\`)`))
    })
}
