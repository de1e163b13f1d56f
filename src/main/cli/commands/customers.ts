/**
 * `carrierdesk customers ...`: an account's customers (sub-accounts; Call48): the cached list, create (the
 * customer's password on stdin or prompted, never in argv), one settings change, discount plans and
 * subscriptions. Mutations ask for confirmation (`--yes`) and can be checked without sending (`--dry-run`).
 */
import type { Command } from 'commander'
import { CustomerChangeSchema, describeCustomerChange, NewCustomerSchema, type CustomerChange } from '../../../shared/customers'
import { AppError } from '../../lib/app-error'
import { confirmMutation } from '../confirm'
import type { CommandContext } from '../context'
import { readOneSecret } from '../secrets-input'
import { fieldsError, wholeNumberOption } from '../usage'

/** `customers create`'s option for each field of the customer. */
const createFlags: Record<string, string> = {
  portaClass: '--porta-class',
  username: '--username',
  password: '--password-stdin',
  creditLimit: '--credit-limit',
  creditLimitWarning: '--credit-limit-warning',
  email: '--email',
  salutation: '--salutation',
  firstName: '--first-name',
  lastName: '--last-name',
  address: '--address',
  address2: '--address2',
  city: '--city',
  zip: '--zip',
  state: '--state',
  country: '--country',
  companyName: '--company',
  currency: '--currency',
  bcc: '--bcc',
  phone: '--phone',
}

const amountOption = (flag: string, value: string): number => {
  if (!/^\d+(\.\d{1,2})?$/.test(value.trim())) throw new AppError('validation', `${flag}: dollars, e.g. 50 or 50.00`)
  return Number(value)
}

const onOff = (flag: string, value: string): boolean => {
  const word = value.trim().toLowerCase()
  if (word === 'on' || word === 'yes') return true
  if (word === 'off' || word === 'no') return false
  throw new AppError('validation', `${flag}: on or off`)
}

export function customersCommands(program: Command, cli: CommandContext): void {
  const { io, openDesk, out, print } = cli
  const customers = program.command('customers').description("an account's customers (sub-accounts; Call48)")

  customers
    .command('list')
    .description('the cached customers (--refresh syncs the billing area first)')
    .option('--account <name>', 'only this account')
    .option('--refresh', 'read the customers from the carrier first')
    .action(async (options: { account?: string; refresh?: boolean }) => {
      const desk = openDesk()
      const accountId = options.account === undefined ? undefined : desk.accounts.find(options.account).id
      if (options.refresh) await desk.sync.start({ accountIds: accountId ? [accountId] : undefined, areas: ['billing'] }).done
      const { rows, asOf } = desk.customers.list({ accountId })
      const shown = rows.map(({ raw: _raw, ...customer }) => customer)
      print({ rows: shown, asOf: asOf === undefined ? null : new Date(asOf).toISOString() }, () => {
        if (shown.length === 0) out('No customers cached; try --refresh.')
        for (const c of shown) out(`${c.id}\t${c.login}\t${c.name ?? ''}\t${c.company ?? ''}\t${c.status ?? ''}\t${c.accountName}`)
      })
    })

  const create = customers
    .command('create')
    .description("create a customer; its password from stdin (--password-stdin) or prompted, never from argv")
    .requiredOption('--account <name>')
  for (const [field, flag] of Object.entries(createFlags)) {
    if (field === 'password') continue
    create.option(`${flag} <value>`)
  }
  create
    .option('--password-stdin', "read the customer's password from standard input")
    .option('--dry-run', 'check the customer as the carrier documents it; send nothing')
    .option('--yes', 'confirm without asking')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const desk = openDesk()
      const account = desk.accounts.find(String(options.account))
      const text = (key: string): string | undefined => (typeof options[key] === 'string' ? (options[key] as string) : undefined)
      const number = (key: string, flag: string): number | undefined => (text(key) === undefined ? undefined : amountOption(flag, text(key)!))
      cli.readSecrets()
      const password = options.dryRun && !options.passwordStdin ? 'dry-run-password' : await readOneSecret(io, { flag: '--password-stdin', name: 'password', fromStdin: options.passwordStdin === true })
      const parsed = NewCustomerSchema.safeParse({
        portaClass: text('portaClass') === undefined ? undefined : wholeNumberOption('--porta-class', text('portaClass')!, 1),
        username: text('username'),
        password,
        creditLimit: number('creditLimit', '--credit-limit'),
        creditLimitWarning: number('creditLimitWarning', '--credit-limit-warning'),
        email: text('email'),
        salutation: text('salutation'),
        firstName: text('firstName'),
        lastName: text('lastName'),
        address: text('address'),
        address2: text('address2'),
        city: text('city'),
        zip: text('zip'),
        state: text('state'),
        country: text('country'),
        companyName: text('companyName'),
        currency: text('currency'),
        bcc: text('bcc'),
        phone: text('phone'),
      })
      if (!parsed.success) throw fieldsError(parsed.error, createFlags)
      const summary = `Create the customer ${parsed.data.username} (${parsed.data.firstName} ${parsed.data.lastName}, credit limit ${parsed.data.creditLimit.toFixed(2)} ${parsed.data.currency}) at ${account.name}`
      if (options.dryRun) {
        print({ dryRun: true, summary }, () => out(`Dry run, nothing sent: ${summary}`))
        return
      }
      await confirmMutation(io, { summary, yes: options.yes === true })
      const created = await desk.customers.create({ account: account.id, customer: parsed.data }, new AbortController().signal)
      const shown = { ...created, customer: created.customer ? { ...created.customer, raw: undefined } : undefined }
      print(shown, () => out(created.created ? `Created ${parsed.data.username}${created.customer ? ` (id ${created.customer.id})` : ''}` : created.message ?? 'Not created'))
      if (!created.created) throw new AppError('carrier', created.message ?? 'The customer was not created')
    })

  customers
    .command('update')
    .description("change one setting of a customer: --call-limit, --no-call-limit, --call-parking, --paging, --rtp or --discount-plan")
    .requiredOption('--account <name>')
    .requiredOption('--customer-id <id>', 'the customer id `customers list` shows')
    .option('--call-limit <max>', 'limit simultaneous calls to this many (with --max-in and --max-out)')
    .option('--max-in <n>', 'inbound calls at most (with --call-limit)')
    .option('--max-out <n>', 'outbound calls at most (with --call-limit)')
    .option('--no-call-limit', 'remove the simultaneous-call limit')
    .option('--call-parking <on|off>')
    .option('--paging <on|off>')
    .option('--rtp <mode>', 'N (default), 0 direct, 1 optimal, 2 on NAT, 3 always')
    .option('--discount-plan <id>', 'add this discount plan (`customers plans`)')
    .option('--dry-run', 'check the change; send nothing')
    .option('--yes', 'confirm without asking')
    .action(async (options: {
      account: string
      customerId: string
      callLimit?: string | boolean
      maxIn?: string
      maxOut?: string
      callParking?: string
      paging?: string
      rtp?: string
      discountPlan?: string
      dryRun?: boolean
      yes?: boolean
    }) => {
      const desk = openDesk()
      const account = desk.accounts.find(options.account)
      const customerId = wholeNumberOption('--customer-id', options.customerId, 1)
      const changes: unknown[] = []
      if (typeof options.callLimit === 'string') {
        const max = wholeNumberOption('--call-limit', options.callLimit, 0, 10_000)
        changes.push({
          kind: 'callLimit',
          enabled: true,
          max,
          maxIn: options.maxIn === undefined ? max : wholeNumberOption('--max-in', options.maxIn, 0, 10_000),
          maxOut: options.maxOut === undefined ? max : wholeNumberOption('--max-out', options.maxOut, 0, 10_000),
        })
      }
      if (options.callLimit === false) changes.push({ kind: 'callLimit', enabled: false, max: 0, maxIn: 0, maxOut: 0 })
      if (options.callParking !== undefined) changes.push({ kind: 'callParking', enabled: onOff('--call-parking', options.callParking) })
      if (options.paging !== undefined) changes.push({ kind: 'paging', enabled: onOff('--paging', options.paging) })
      if (options.rtp !== undefined) changes.push({ kind: 'rtp', rtp: options.rtp.toUpperCase() })
      if (options.discountPlan !== undefined) changes.push({ kind: 'discountPlan', planId: wholeNumberOption('--discount-plan', options.discountPlan, 1) })
      if (changes.length !== 1) throw new AppError('validation', '--call-limit: give exactly one change (--call-limit, --no-call-limit, --call-parking, --paging, --rtp or --discount-plan)')
      const parsed = CustomerChangeSchema.safeParse(changes[0])
      if (!parsed.success) throw fieldsError(parsed.error, { max: '--call-limit', maxIn: '--max-in', maxOut: '--max-out', rtp: '--rtp' })
      const change: CustomerChange = parsed.data
      const known = desk.customers.list({ accountId: account.id }).rows.find((customer) => customer.id === customerId)
      const summary = `${describeCustomerChange(change)} for customer ${known?.login ?? customerId} at ${account.name}`
      if (options.dryRun) {
        print({ dryRun: true, summary }, () => out(`Dry run, nothing sent: ${summary}`))
        return
      }
      await confirmMutation(io, { summary, yes: options.yes })
      const result = await desk.customers.change({ account: account.id, customerId, change }, new AbortController().signal)
      print(result, () => out(result.message))
    })

  customers
    .command('plans')
    .description('the discount plans the carrier offers')
    .requiredOption('--account <name>')
    .action(async (options: { account: string }) => {
      const plans = await openDesk().customers.discountPlans({ account: options.account }, new AbortController().signal)
      print(plans, () => plans.forEach((plan) => out(`${plan.id}\t${plan.name}\t${plan.description ?? ''}`)))
    })

  customers
    .command('subscriptions')
    .description("a customer's subscriptions")
    .requiredOption('--account <name>')
    .requiredOption('--customer-id <id>')
    .action(async (options: { account: string; customerId: string }) => {
      const list = await openDesk().customers.subscriptions(
        { account: options.account, customerId: wholeNumberOption('--customer-id', options.customerId, 1) },
        new AbortController().signal,
      )
      print(list, () => list.forEach((s) => out(`${s.id}\t${s.name}\t${s.status}\t${s.startDate ?? ''}\t${s.finishDate ?? ''}\t${s.fee ?? ''}`)))
    })
}
