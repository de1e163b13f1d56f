/** `carrierdesk accounts balance`: balances read now from the carriers that report one (the billing cache takes them too). */
import type { Command } from 'commander'
import type { CommandContext } from '../context'

export function balanceCommand(accounts: Command, cli: CommandContext): void {
  const { io, openDesk, out, print } = cli
  accounts
    .command('balance')
    .description('balances read now from the carriers that report one (VoIP Innovations, Vitcom); the billing cache takes them too')
    .option('--account <name>', 'only this account')
    .action(async (options: { account?: string }) => {
      const desk = openDesk()
      const accountIds = options.account ? [desk.accounts.find(options.account).id] : undefined
      const view = await desk.balance.balances({ accountIds }, new AbortController().signal)
      print(view, () => {
        for (const row of view.rows) out(`${row.accountName}\t${row.carrier}\t${row.decimal} ${row.currency}\tas of ${new Date(row.asOf).toISOString()}`)
        for (const failure of view.failures) io.stderr.write(`${failure.accountName}: ${failure.message}\n`)
        if (view.rows.length === 0 && view.failures.length === 0) out('no account reports a balance')
      })
    })
}
