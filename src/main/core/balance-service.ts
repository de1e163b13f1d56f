/**
 * Balances of the accounts whose carrier reports one ('billing.balance'), read now from each concurrently
 * through the same call the billing sync uses; each reading replaces the cached balance, so the Billing
 * screen shows the same figure. An account that cannot be read is named apart rather than shown with a
 * stale amount. Nothing is logged: a reading changes nothing at the carrier.
 */
import type { AccountBalancesView } from '../../shared/ipc-shared'
import { throwIfAborted } from '../lib/app-error'
import type { CarrierRegistry } from '../carriers/registry'
import type { Store } from '../store/store'
import type { AccountsService } from './accounts-service'
import { messageOf } from './numbers/carrier-actions'

export class BalanceService {
  constructor(private readonly deps: { accounts: AccountsService; registry: CarrierRegistry; store: Store }) {}

  async balances(input: { accountIds?: string[] | undefined }, signal: AbortSignal): Promise<AccountBalancesView> {
    const accounts = (input.accountIds?.map((id) => this.deps.accounts.find(id)) ?? this.deps.store.accounts.list()).filter((account) =>
      this.deps.registry.get(account.carrier).capabilities.includes('billing.balance'),
    )
    const view: AccountBalancesView = { rows: [], failures: [] }
    await Promise.all(
      accounts.map(async (account) => {
        try {
          const client = await this.deps.accounts.connect(account)
          if (!client.billing?.balance) return
          const balance = await client.billing.balance({ signal })
          this.deps.store.billing.replaceFor(account.id, { balance }, balance.asOf)
          const { amount, decimal, currency, asOf } = balance
          view.rows.push({ accountId: account.id, accountName: account.name, carrier: account.carrier, amount, decimal: decimal ?? amount.toFixed(2), currency, asOf })
        } catch (error) {
          view.failures.push({ accountId: account.id, accountName: account.name, message: messageOf(error) })
        }
      }),
    )
    throwIfAborted(signal)
    view.rows.sort((a, b) => a.accountName.localeCompare(b.accountName))
    return view
  }
}
