/**
 * `carrierdesk e911 locations|history|alerts ...`: a number's E911 beyond its address (which `numbers
 * change` sets): its locations (add, provision, remove), its provisioning history, and its 911 alerts (who
 * is e-mailed when it dials 911). Reads come from the carrier now; every mutation is confirmed (`--yes`),
 * sent once and logged with its true outcome by the same core as the number detail.
 */
import type { Command } from 'commander'
import type { E911Location, NumberKey } from '../../../shared/domain'
import { E164 } from '../../../shared/contract/kit'
import { E911AddressSchema } from '../../../shared/ipc-shared'
import { AppError } from '../../lib/app-error'
import { confirmMutation } from '../confirm'
import type { CommandContext } from '../context'
import { fieldsError } from '../usage'

const locationLine = (location: E911Location): string =>
  `${location.id}\t${location.status}${location.provisioned ? ' (provisioned)' : ''}\t${location.callerName ?? ''}\t${location.address}`

export function e911Commands(program: Command, cli: CommandContext): void {
  const { io, openDesk, out, print } = cli
  const e911 = program.command('e911').description("a number's E911 locations, provisioning history and 911 alerts")
  const keyOf = (account: string, e164: string): { key: NumberKey; accountName: string } => {
    if (!E164.safeParse(e164).success) throw new AppError('validation', `<E164>: ${e164} is not E.164 (like +13055550100)`)
    const row = openDesk().accounts.find(account)
    return { key: { accountId: row.id, e164 }, accountName: row.name }
  }
  const signal = (): AbortSignal => new AbortController().signal

  const locations = e911.command('locations').description("a number's E911 locations (list; add, provision, remove)")
  locations
    .command('list', { isDefault: true })
    .argument('<E164>')
    .requiredOption('--account <name>')
    .action(async (e164: string, options: { account: string }) => {
      const view = await openDesk().e911.locations(keyOf(options.account, e164).key, signal())
      print(view, () => {
        for (const location of view.locations) out(locationLine(location))
        if (view.locations.length === 0) out('no locations')
      })
    })
  locations
    .command('add')
    .description('add a location (the carrier checks and geocodes it; provision it to use it)')
    .argument('<E164>')
    .requiredOption('--account <name>')
    .requiredOption('--caller-name <name>')
    .requiredOption('--street <street>')
    .option('--unit <unit>')
    .requiredOption('--city <city>')
    .requiredOption('--state <XX>')
    .requiredOption('--zip <zip>')
    .option('--yes', 'send without asking')
    .action(async (e164: string, options: { account: string; callerName: string; street: string; unit?: string; city: string; state: string; zip: string; yes?: boolean }) => {
      const { key, accountName } = keyOf(options.account, e164)
      const parsed = E911AddressSchema.safeParse({
        callerName: options.callerName,
        street: options.street,
        unit: options.unit,
        city: options.city,
        state: options.state,
        zip: options.zip,
      })
      if (!parsed.success) {
        throw fieldsError(parsed.error, { callerName: '--caller-name', street: '--street', unit: '--unit', city: '--city', state: '--state', zip: '--zip' })
      }
      await confirmMutation(io, { summary: `${accountName}: add an E911 location to ${e164}`, yes: options.yes })
      const location = await openDesk().e911.addLocation({ ...key, address: parsed.data }, signal())
      print(location, () => out(locationLine(location)))
    })
  for (const [name, description] of [
    ['provision', 'make a location the one 911 calls from the number use'],
    ['remove', 'remove a location'],
  ] as const) {
    locations
      .command(name)
      .description(description)
      .argument('<E164>')
      .requiredOption('--account <name>')
      .requiredOption('--location <id>')
      .option('--yes', 'send without asking')
      .action(async (e164: string, options: { account: string; location: string; yes?: boolean }) => {
        const { key, accountName } = keyOf(options.account, e164)
        const locationId = options.location.trim()
        await confirmMutation(io, { summary: `${accountName}: ${name} E911 location ${locationId} of ${e164}`, yes: options.yes })
        const desk = openDesk()
        const result =
          name === 'provision' ? await desk.e911.provisionLocation({ ...key, locationId }, signal()) : await desk.e911.removeLocation({ ...key, locationId }, signal())
        print({ e164, locationId, ...result }, () => out(`${e164}: location ${locationId} ${name === 'provision' ? 'provisioned' : 'removed'}`))
      })
  }

  e911
    .command('history')
    .description('the locations a number was provisioned with')
    .argument('<E164>')
    .requiredOption('--account <name>')
    .action(async (e164: string, options: { account: string }) => {
      const view = await openDesk().e911.history(keyOf(options.account, e164).key, signal())
      print(view, () => {
        for (const location of view.locations) out(`${location.activatedAt ?? location.updatedAt ?? ''}\t${locationLine(location)}`)
        if (view.locations.length === 0) out('no provisioning history')
      })
    })

  e911
    .command('alerts')
    .description('who is e-mailed when the number dials 911; --add / --remove one recipient')
    .argument('<E164>')
    .requiredOption('--account <name>')
    .option('--add <email>')
    .option('--remove <email>')
    .option('--yes', 'send without asking')
    .action(async (e164: string, options: { account: string; add?: string; remove?: string; yes?: boolean }) => {
      const { key, accountName } = keyOf(options.account, e164)
      if (options.add !== undefined && options.remove !== undefined) throw new AppError('validation', 'give --add or --remove, not both')
      const email = (options.add ?? options.remove)?.trim()
      if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
        throw new AppError('validation', `${options.add !== undefined ? '--add' : '--remove'}: not an e-mail address`)
      }
      const desk = openDesk()
      if (email === undefined) {
        const view = await desk.e911.alerts(key, signal())
        print(view, () => {
          if (!view.enabled) out(`${e164} has no 911 service: no alerts`)
          for (const recipient of view.recipients) out(recipient)
          if (view.enabled && view.recipients.length === 0) out('no recipients')
        })
        return
      }
      const adding = options.add !== undefined
      await confirmMutation(io, { summary: `${accountName}: ${adding ? 'add' : 'remove'} 911 alert recipient ${email} ${adding ? 'to' : 'from'} ${e164}`, yes: options.yes })
      const view = adding ? await desk.e911.addAlert({ ...key, email }, signal()) : await desk.e911.removeAlert({ ...key, email }, signal())
      print(view, () => {
        out(`${e164}: ${view.recipients.length} recipients`)
        for (const recipient of view.recipients) out(recipient)
      })
    })
}
