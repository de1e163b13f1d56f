/**
 * The billing area: what the account's carrier tells of its money (balance, ledger, payments, the last
 * thirteen months of invoices) and its customers (sub-accounts), each where the carrier gives it. Every part
 * is fetched first and all are stored in one transaction, so a failure leaves the previous billing as it was.
 */
import { throwIfAborted } from '../../../lib/app-error'
import type { BillingSnapshot } from '../../../store/repositories/billing'
import type { SyncAreaModule } from '../area'

/** How far back invoices are listed: a year and the month before it, for year-on-year comparisons. */
const invoiceDays = 400

export const billingArea: SyncAreaModule = (client, { store, now }) => {
  const billing = client.billing
  const balance = billing?.balance?.bind(billing)
  const ledger = billing?.ledger?.bind(billing)
  const payments = billing?.payments?.bind(billing)
  const invoices = billing?.invoices?.bind(billing)
  const customers = client.customers
  if (!balance && !ledger && !payments && !invoices && !customers) return undefined
  return async (account, signal, progress) => {
    const snapshot: BillingSnapshot = {}
    let rows = 0
    let pages = 0
    const counted = <T>(value: T, count: number): T => {
      throwIfAborted(signal)
      rows += count
      pages += 1
      progress(rows, pages)
      return value
    }
    if (balance) snapshot.balance = counted(await balance({ signal }), 1)
    if (ledger) {
      const entries = await ledger({ signal })
      snapshot.ledger = counted(entries, entries.length)
    }
    if (payments) {
      const list = await payments({ signal })
      snapshot.payments = counted(list, list.length)
    }
    if (invoices) {
      const today = new Date(now())
      const from = new Date(today.getTime() - invoiceDays * 86_400_000)
      const list = await invoices({ from: from.toISOString().slice(0, 10), to: today.toISOString().slice(0, 10), signal })
      snapshot.invoices = counted(list, list.length)
    }
    if (customers) {
      const list = await customers.list({ signal })
      snapshot.customers = counted(list, list.length)
    }
    throwIfAborted(signal)
    store.billing.replaceFor(account.id, snapshot, now())
    return rows
  }
}
