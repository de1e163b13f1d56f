/**
 * Vitcom's billing onto the shared model: the balance is `financial_summary`'s running balance after its
 * latest movement, the ledger its every movement, payments `get_payments`, invoices `get_invoices` with
 * their PDFs streamed to disk, and card payments (`make_payment`), the card passed straight through.
 */
import type { AccountBalance, CarrierPayment, Invoice, LedgerEntry } from '../../../shared/billing'
import type { BillingActions } from '../adapter'
import { AppError } from '../../lib/app-error'
import type { VitcomClient } from './client'
import type { FinancialActivity, Payment } from './schemas'

const carrier = 'vitcom'

/** Vitcom writes a payment's status as "1" (completed) or "0"; anything else is shown as written. */
export function paymentStatusOf(status: string): string {
  if (status === '1') return 'completed'
  if (status === '0') return 'not completed'
  return status
}

export function ledgerEntryOf(row: FinancialActivity, seq: number, accountId: string, asOf: number): LedgerEntry {
  return { accountId, carrier, seq, at: Date.parse(row.date), activity: row.activity, debit: row.debit, credit: row.credit, balance: row.balance, asOf }
}

export function carrierPaymentOf(row: Payment, accountId: string, asOf: number): CarrierPayment {
  return {
    accountId,
    carrier,
    at: Date.parse(row.date),
    reference: row.referenceNo,
    method: row.method,
    amount: row.fundedAmount,
    charges: row.charges,
    credited: row.amount,
    status: paymentStatusOf(row.status),
    asOf,
  }
}

/** The ledger in time order (the listing's own order breaks ties), numbered from 1. */
function ledgerOf(rows: FinancialActivity[], accountId: string, asOf: number): LedgerEntry[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => Date.parse(a.row.date) - Date.parse(b.row.date) || a.index - b.index)
    .map(({ row }, index) => ledgerEntryOf(row, index + 1, accountId, asOf))
}

export function vitcomBillingActions(client: VitcomClient, accountId: string): BillingActions {
  return {
    async pay({ amount, card, signal }) {
      if (!card) throw new AppError('validation', 'A Vitcom payment needs a card', { fields: { card: 'Card details are required' } })
      const { message, referenceNo } = await client.makePayment({ amount: amount.toFixed(2), card, signal })
      return { message, reference: referenceNo }
    },

    async balance({ signal }): Promise<AccountBalance> {
      const ledger = ledgerOf(await client.financialSummary({ signal }), accountId, client.now())
      // A new account has no movement yet, hence nothing to its credit.
      return { accountId, carrier, amount: ledger.at(-1)?.balance ?? 0, currency: 'USD', asOf: client.now() }
    },

    async ledger({ signal }) {
      return ledgerOf(await client.financialSummary({ signal }), accountId, client.now())
    },

    async payments({ from, to, signal }) {
      const rows = await client.getPayments({
        signal,
        ...(from ? { from: `${from} 00:00:00` } : {}),
        ...(to ? { to: `${to} 23:59:59` } : {}),
      })
      const asOf = client.now()
      return rows.map((row) => carrierPaymentOf(row, accountId, asOf))
    },

    async invoices({ from, to, signal }): Promise<Invoice[]> {
      const rows = await client.getInvoices({ from: `${from} 00:00:00`, to: `${to} 23:59:59`, signal })
      const asOf = client.now()
      return rows.map((row) => ({ accountId, carrier, date: row.date.slice(0, 10), invoiceNo: row.invoiceNo, amount: row.amount, url: row.url, asOf }))
    },

    async downloadInvoice({ invoice, file, signal, onProgress }) {
      const { bytes } = await client.downloadInvoice({ url: invoice.url, file, signal, onProgress })
      return { file, bytes }
    },
  }
}
