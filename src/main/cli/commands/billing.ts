/**
 * `carrierdesk billing ...`: balances, the ledger, payments (the carrier's and CarrierDesk's), invoices and
 * their PDFs, the monthly cost of the inventory, and payments. Lists read the cache the `billing` sync area
 * fills (`--refresh` syncs it first); amounts are numbers of dollars, dates ISO 8601.
 */
import type { Command } from 'commander'
import { PaymentCardSchema } from '../../../shared/ipc-shared'
import { AppError } from '../../lib/app-error'
import type { CarrierDesk } from '../../core/carrierdesk'
import { confirmMutation } from '../confirm'
import type { CommandContext } from '../context'
import { readJsonObject } from '../secrets-input'
import { optionValueError, wholeNumberOption } from '../usage'

const dayPattern = /^\d{4}-\d{2}-\d{2}$/

function day(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  if (!dayPattern.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new AppError('validation', `${flag}: a date written YYYY-MM-DD`)
  return value
}

const iso = (at: number | undefined): string | undefined => (at === undefined ? undefined : new Date(at).toISOString())

interface ListOptions {
  account?: string
  from?: string
  to?: string
  refresh?: boolean
}

export function billingCommands(program: Command, cli: CommandContext): void {
  const { io, openDesk, out, print } = cli
  const billing = program.command('billing').description('balances, ledger, payments and invoices (from the cache; --refresh syncs first)')

  /** The account's id (or every account), after a billing sync when `--refresh` asks for one. */
  async function prepared(desk: CarrierDesk, options: ListOptions): Promise<string | undefined> {
    const accountId = options.account === undefined ? undefined : desk.accounts.find(options.account).id
    if (options.refresh) {
      const controller = new AbortController()
      void io.stopSignal.then(() => controller.abort())
      const results = await desk.sync.start({ accountIds: accountId ? [accountId] : undefined, areas: ['billing'] }, controller.signal).done
      for (const result of results) {
        if (result.outcome === 'failed' || result.outcome === 'cancelled') io.stderr.write(`${result.accountName}: billing ${result.outcome}: ${result.message ?? ''}\n`)
      }
    }
    return accountId
  }

  const listCommand = (name: string, description: string) =>
    billing
      .command(name)
      .description(description)
      .option('--account <name>', 'only this account')
      .option('--from <date>', 'from this day (YYYY-MM-DD)')
      .option('--to <date>', 'up to this day, included (YYYY-MM-DD)')
      .option('--refresh', 'sync the billing area from the carriers first')

  listCommand('balance', 'the balance of every account whose carrier reports one').action(async (options: ListOptions) => {
    const desk = openDesk()
    const accountId = await prepared(desk, options)
    const rows = desk.billing
      .overview({ accountId })
      .balances.filter((balance) => balance.supported)
      .map((balance) => ({ accountName: balance.accountName, carrier: balance.carrier, balance: balance.amount ?? null, currency: balance.currency ?? 'USD', asOf: iso(balance.asOf) ?? null }))
    print({ rows }, () => {
      if (rows.length === 0) out('No account reports a balance.')
      for (const row of rows) {
        out(`${row.accountName}\t${row.carrier}\t${row.balance === null ? 'not synced yet' : `${row.balance.toFixed(2)} ${row.currency}`}\t${row.asOf ? `as of ${row.asOf}` : ''}`)
      }
    })
  })

  listCommand('ledger', 'every money movement, newest first')
    .option('--activity <type>', 'only this activity type (e.g. "Call Charges")')
    .option('--limit <n>', 'at most this many rows', '1000')
    .action(async (options: ListOptions & { activity?: string; limit: string }) => {
      const desk = openDesk()
      const limit = wholeNumberOption('--limit', options.limit, 1, 5000)
      const accountId = await prepared(desk, options)
      const result = desk.billing.ledger({ accountId, activity: options.activity, from: day('--from', options.from), to: day('--to', options.to), limit })
      const rows = result.rows.map((entry) => ({
        accountName: entry.accountName,
        date: iso(entry.at)!,
        activity: entry.activity,
        debit: entry.debit,
        credit: entry.credit,
        balance: entry.balance,
      }))
      print({ rows, total: result.total, asOf: iso(result.asOf) ?? null }, () => {
        for (const row of rows) out(`${row.date}\t${row.accountName}\t${row.activity}\t-${row.debit.toFixed(2)}\t+${row.credit.toFixed(2)}\t${row.balance.toFixed(2)}`)
        out(`${rows.length} of ${result.total} entries${result.asOf ? `, as of ${iso(result.asOf)}` : ''}`)
      })
    })

  listCommand('payments', "the carrier's payments beside those made from CarrierDesk (unknown outcomes flagged)").action(async (options: ListOptions) => {
    const desk = openDesk()
    const accountId = await prepared(desk, options)
    const result = desk.billing.payments({ accountId, from: day('--from', options.from), to: day('--to', options.to) })
    const rows = result.rows.map((payment) => ({
      accountName: payment.accountName,
      date: iso(payment.at)!,
      reference: payment.reference ?? null,
      method: payment.method,
      amount: payment.amount,
      status: payment.status,
      source: payment.source,
      ...(payment.source === 'carrierdesk' ? { activityId: payment.activityId, unsettled: payment.unsettled, settlement: payment.settlement ?? null } : {}),
    }))
    print({ rows, unsettled: result.unsettled.length, asOf: iso(result.asOf) ?? null }, () => {
      for (const row of rows) {
        out(`${row.date}\t${row.accountName}\t${row.source}\t${row.reference ?? '-'}\t${row.method}\t${row.amount.toFixed(2)}\t${row.status}${'unsettled' in row && row.unsettled ? '\tUNSETTLED: check the carrier before paying again' : ''}`)
      }
    })
  })

  listCommand('invoices', 'invoices listed by the carriers, with the file when downloaded').action(async (options: ListOptions) => {
    const desk = openDesk()
    const accountId = await prepared(desk, options)
    const rows = desk.invoices
      .list({ accountId, from: day('--from', options.from), to: day('--to', options.to) })
      .map((invoice) => ({ accountName: invoice.accountName, date: invoice.date, invoiceNo: invoice.invoiceNo ?? null, amount: invoice.amount ?? null, url: invoice.url, ...(invoice.file ? { file: invoice.file } : {}) }))
    print({ rows }, () => {
      for (const row of rows) out(`${row.date}\t${row.accountName}\t${row.invoiceNo ?? '-'}\t${row.amount === null ? '-' : row.amount.toFixed(2)}\t${row.file ?? row.url}`)
    })
  })

  billing
    .command('cost')
    .description('the monthly cost of the cached numbers in service, per account')
    .action(() => {
      const rows = openDesk()
        .billing.overview({})
        .inventory.map((row) => ({ accountName: row.accountName, carrier: row.carrier, numbers: row.numbers, priced: row.priced, monthly: row.monthly, asOf: iso(row.asOf) ?? null }))
      print({ rows }, () => {
        for (const row of rows) out(`${row.accountName}\t${row.carrier}\t${row.numbers} numbers\t${row.monthly.toFixed(2)}/month${row.priced < row.numbers ? ` (${row.numbers - row.priced} unpriced)` : ''}`)
      })
    })

  const invoice = billing.command('invoice').description('one invoice')
  invoice
    .command('download <date>')
    .description("download an invoice's PDF (by its date, YYYY-MM-DD) to the downloads folder; progress on stderr")
    .requiredOption('--account <name>')
    .action(async (date: string, options: { account: string }) => {
      const desk = openDesk()
      const account = desk.accounts.find(options.account)
      const jobId = crypto.randomUUID()
      const stop = desk.events.on('jobs.progress', (progress) => {
        if (progress.jobId === jobId) io.stderr.write(`downloaded ${progress.done}${progress.total ? ` of ${progress.total}` : ''} bytes\n`)
      })
      const controller = new AbortController()
      void io.stopSignal.then(() => controller.abort())
      try {
        const result = await desk.invoices.download({ jobId, accountId: account.id, date: day('<date>', date)! }, controller.signal)
        print({ accountName: account.name, date, ...result }, () => out(`Saved ${result.bytes} bytes to ${result.file}`))
      } finally {
        stop()
      }
    })

  billing
    .command('pay')
    .description('pay a carrier (Vitcom by card: the card as a JSON object on stdin; Call48 on the card on file)')
    .requiredOption('--account <name>')
    .requiredOption('--amount <dollars>', 'e.g. 50.00')
    .option('--card-stdin', 'read the card as JSON on stdin: {firstName, lastName, cardNumber, expMonth, expYear, cvv, zipcode?}')
    .option('--dry-run', 'check everything and say what would be charged; send nothing')
    .option('--yes', 'confirm without asking')
    .action(async (options: { account: string; amount: string; cardStdin?: boolean; dryRun?: boolean; yes?: boolean }) => {
      const desk = openDesk()
      const account = desk.accounts.find(options.account)
      const adapter = desk.registry.get(account.carrier)
      if (!/^\d+(\.\d{1,2})?$/.test(options.amount.trim()) || Number(options.amount) <= 0 || Number(options.amount) > 100_000) {
        throw new AppError('validation', '--amount: dollars and cents, more than 0 and at most 100000, e.g. 50.00')
      }
      const amount = Number(options.amount)
      let card
      if (adapter.paymentMethod === 'card') {
        if (!options.cardStdin) throw new AppError('validation', `--card-stdin: ${adapter.name} takes payments by card`)
        cli.readSecrets()
        const parsed = PaymentCardSchema.safeParse(await readJsonObject(io.stdin, '--card-stdin'))
        // Field names only: the values are card data.
        if (!parsed.success) throw optionValueError('--card-stdin', parsed.error)
        card = parsed.data
      }
      const unsettled = desk.billing.payments({ accountId: account.id }).unsettled
      for (const payment of unsettled) {
        io.stderr.write(`warning: a payment of $${payment.amount.toFixed(2)} on ${iso(payment.at)} has an unknown outcome; check ${adapter.name}'s payments first (billing payments --refresh)\n`)
      }
      const summary = `Pay $${amount.toFixed(2)} to ${adapter.name} from ${account.name}${card ? ` with the card ending ${card.cardNumber.slice(-4)}` : ' (card on file)'}`
      if (options.dryRun) {
        print({ dryRun: true, summary, unsettled: unsettled.length }, () => out(`Dry run, nothing sent: ${summary}`))
        return
      }
      await confirmMutation(io, { summary, yes: options.yes })
      try {
        const result = await desk.billing.pay({ accountId: account.id, amount, card }, new AbortController().signal)
        print(result, () => out(`${result.message}${result.reference ? ` (reference ${result.reference})` : ''}`))
      } finally {
        // The carrier's payment list read again, so `billing payments` shows this one beside it.
        await desk.sync.start({ accountIds: [account.id], areas: ['billing'] }).done
      }
    })

  billing
    .command('check-payment')
    .description('record what the carrier said about a payment of unknown outcome (its activity id from `billing payments`)')
    .requiredOption('--activity-id <id>')
    .option('--went-through', 'the carrier has the payment')
    .option('--did-not-go-through', 'the carrier has no such payment')
    .option('--yes', 'confirm without asking')
    .action(async (options: { activityId: string; wentThrough?: boolean; didNotGoThrough?: boolean; yes?: boolean }) => {
      if (options.wentThrough === options.didNotGoThrough) throw new AppError('validation', '--went-through: give exactly one of --went-through and --did-not-go-through')
      const activityId = wholeNumberOption('--activity-id', options.activityId, 1)
      await confirmMutation(io, { summary: `Record that payment ${activityId} ${options.wentThrough ? 'went through' : 'did not go through'}`, yes: options.yes })
      const settled = openDesk().billing.checkPayment({ activityId, wentThrough: options.wentThrough === true })
      print(settled, () => out(`Payment ${activityId}: ${settled.settlement?.wentThrough ? 'went through' : 'did not go through'} (settled)`))
    })
}
