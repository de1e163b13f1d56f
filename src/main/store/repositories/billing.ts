/**
 * SQL for the billing cache: per account its balance, ledger, the carrier's payments and invoices (each
 * part replaced whole by a sync, in one transaction with the others, so a failed sync leaves the previous
 * data intact), when each part was fetched, the invoices downloaded here, and the monthly cost of the cached
 * inventory.
 */
import type { AccountBalance, CarrierPayment, Invoice, LedgerEntry } from '../../../shared/billing'
import type { Customer } from '../../../shared/customers'
import type { CarrierId } from '../../../shared/domain'
import type { Db } from '../database'
import type { CustomersRepository } from './customers'

export type BillingPart = 'balance' | 'ledger' | 'payments' | 'invoices' | 'customers'

/** What one sync fetched for an account; a part left out was not fetched and keeps its previous rows. */
export interface BillingSnapshot {
  balance?: AccountBalance | undefined
  ledger?: LedgerEntry[] | undefined
  payments?: CarrierPayment[] | undefined
  invoices?: Invoice[] | undefined
  customers?: Customer[] | undefined
}

export interface InventoryCost {
  accountId: string
  carrier: CarrierId
  /** Numbers in service (not released, not gone). */
  numbers: number
  /** How many of them have a monthly cost: the total is "at least" when fewer. */
  priced: number
  /** Dollars per month, summed in cents. */
  monthly: number
  asOf: number | undefined
}

export interface InvoiceDownload {
  accountId: string
  date: string
  file: string
  bytes: number
  downloadedAt: number
}

interface LedgerRow {
  account_id: string
  seq: number
  carrier: CarrierId
  at: number
  activity: string
  debit: number
  credit: number
  balance: number
  as_of: number
}

interface PaymentRow {
  account_id: string
  seq: number
  carrier: CarrierId
  at: number
  reference: string
  method: string
  amount: number
  charges: number | null
  credited: number | null
  status: string
  as_of: number
}

interface InvoiceRow {
  account_id: string
  date: string
  carrier: CarrierId
  invoice_no: string | null
  amount: number | null
  url: string
  as_of: number
}

const ledgerOf = (row: LedgerRow): LedgerEntry => ({
  accountId: row.account_id,
  carrier: row.carrier,
  seq: row.seq,
  at: row.at,
  activity: row.activity,
  debit: row.debit,
  credit: row.credit,
  balance: row.balance,
  asOf: row.as_of,
})

const paymentOf = (row: PaymentRow): CarrierPayment => ({
  accountId: row.account_id,
  carrier: row.carrier,
  at: row.at,
  reference: row.reference,
  method: row.method,
  amount: row.amount,
  charges: row.charges ?? undefined,
  credited: row.credited ?? undefined,
  status: row.status,
  asOf: row.as_of,
})

const invoiceOf = (row: InvoiceRow): Invoice => ({
  accountId: row.account_id,
  carrier: row.carrier,
  date: row.date,
  invoiceNo: row.invoice_no ?? undefined,
  amount: row.amount ?? undefined,
  url: row.url,
  asOf: row.as_of,
})

/** `WHERE` clauses and their values from optional filters, ANDed. */
function where(filters: [string, unknown][]): { sql: string; values: unknown[] } {
  const given = filters.filter(([, value]) => value !== undefined)
  return { sql: given.length === 0 ? '' : `WHERE ${given.map(([clause]) => clause).join(' AND ')}`, values: given.map(([, value]) => value) }
}

export class BillingRepository {
  constructor(
    private readonly db: Db,
    private readonly customers: CustomersRepository,
  ) {}

  /** Replaces the parts the snapshot holds for the account, all in one transaction, and records when. */
  replaceFor(accountId: string, snapshot: BillingSnapshot, asOf: number): void {
    const db = this.db
    const fetched = (part: BillingPart): void =>
      void db
        .prepare('INSERT INTO billing_parts (account_id, part, as_of) VALUES (?, ?, ?) ON CONFLICT (account_id, part) DO UPDATE SET as_of = excluded.as_of')
        .run(accountId, part, asOf)
    db.transaction(() => {
      if (snapshot.balance) {
        const { carrier, amount, currency } = snapshot.balance
        db.prepare(
          `INSERT INTO billing_balances (account_id, carrier, amount, currency, as_of) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (account_id) DO UPDATE SET carrier = excluded.carrier, amount = excluded.amount, currency = excluded.currency, as_of = excluded.as_of`,
        ).run(accountId, carrier, amount, currency, snapshot.balance.asOf)
        fetched('balance')
      }
      if (snapshot.ledger) {
        db.prepare('DELETE FROM billing_ledger WHERE account_id = ?').run(accountId)
        const insert = db.prepare(
          'INSERT INTO billing_ledger (account_id, seq, carrier, at, activity, debit, credit, balance, as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        for (const entry of snapshot.ledger) insert.run(accountId, entry.seq, entry.carrier, entry.at, entry.activity, entry.debit, entry.credit, entry.balance, entry.asOf)
        fetched('ledger')
      }
      if (snapshot.payments) {
        db.prepare('DELETE FROM billing_payments WHERE account_id = ?').run(accountId)
        const insert = db.prepare(
          `INSERT INTO billing_payments (account_id, seq, carrier, at, reference, method, amount, charges, credited, status, as_of)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        snapshot.payments.forEach((payment, index) =>
          insert.run(accountId, index + 1, payment.carrier, payment.at, payment.reference, payment.method, payment.amount, payment.charges ?? null, payment.credited ?? null, payment.status, payment.asOf),
        )
        fetched('payments')
      }
      if (snapshot.invoices) {
        db.prepare('DELETE FROM billing_invoices WHERE account_id = ?').run(accountId)
        const insert = db.prepare(
          `INSERT INTO billing_invoices (account_id, date, carrier, invoice_no, amount, url, as_of) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (account_id, date) DO UPDATE SET invoice_no = excluded.invoice_no, amount = excluded.amount, url = excluded.url, as_of = excluded.as_of`,
        )
        for (const invoice of snapshot.invoices) insert.run(accountId, invoice.date, invoice.carrier, invoice.invoiceNo ?? null, invoice.amount ?? null, invoice.url, invoice.asOf)
        fetched('invoices')
      }
      if (snapshot.customers) {
        this.customers.replaceFor(accountId, snapshot.customers)
        fetched('customers')
      }
    })()
  }

  /** When each part was last fetched, per account. */
  partsAsOf(accountId?: string): { accountId: string; part: BillingPart; asOf: number }[] {
    const filter = where([['account_id = ?', accountId]])
    const rows = this.db.prepare(`SELECT account_id, part, as_of FROM billing_parts ${filter.sql}`).all(...filter.values) as {
      account_id: string
      part: BillingPart
      as_of: number
    }[]
    return rows.map((row) => ({ accountId: row.account_id, part: row.part, asOf: row.as_of }))
  }

  balances(accountId?: string): AccountBalance[] {
    const filter = where([['account_id = ?', accountId]])
    const rows = this.db.prepare(`SELECT * FROM billing_balances ${filter.sql}`).all(...filter.values) as {
      account_id: string
      carrier: CarrierId
      amount: number
      currency: string
      as_of: number
    }[]
    return rows.map((row) => ({ accountId: row.account_id, carrier: row.carrier, amount: row.amount, currency: row.currency, asOf: row.as_of }))
  }

  /** Ledger entries newest first, filtered by account, activity type and `[fromMs, toMs)`. */
  ledger(options: { accountId?: string | undefined; activity?: string | undefined; fromMs?: number | undefined; toMs?: number | undefined; limit: number }): LedgerEntry[] {
    const filter = where([
      ['account_id = ?', options.accountId],
      ['activity = ?', options.activity],
      ['at >= ?', options.fromMs],
      ['at < ?', options.toMs],
    ])
    const rows = this.db
      .prepare(`SELECT * FROM billing_ledger ${filter.sql} ORDER BY at DESC, seq DESC LIMIT ?`)
      .all(...filter.values, options.limit) as LedgerRow[]
    return rows.map(ledgerOf)
  }

  /** The activity types the cached ledger holds, for the filter. */
  activities(accountId?: string): string[] {
    const filter = where([['account_id = ?', accountId]])
    const rows = this.db.prepare(`SELECT DISTINCT activity FROM billing_ledger ${filter.sql} ORDER BY activity`).all(...filter.values) as { activity: string }[]
    return rows.map((row) => row.activity)
  }

  payments(options: { accountId?: string | undefined; fromMs?: number | undefined; toMs?: number | undefined }): CarrierPayment[] {
    const filter = where([
      ['account_id = ?', options.accountId],
      ['at >= ?', options.fromMs],
      ['at < ?', options.toMs],
    ])
    const rows = this.db.prepare(`SELECT * FROM billing_payments ${filter.sql} ORDER BY at DESC, seq DESC`).all(...filter.values) as PaymentRow[]
    return rows.map(paymentOf)
  }

  /** Invoices newest first, dated in `[from, to]` (YYYY-MM-DD). */
  invoices(options: { accountId?: string | undefined; from?: string | undefined; to?: string | undefined }): Invoice[] {
    const filter = where([
      ['account_id = ?', options.accountId],
      ['date >= ?', options.from],
      ['date <= ?', options.to],
    ])
    const rows = this.db.prepare(`SELECT * FROM billing_invoices ${filter.sql} ORDER BY date DESC`).all(...filter.values) as InvoiceRow[]
    return rows.map(invoiceOf)
  }

  invoice(accountId: string, date: string): Invoice | undefined {
    const row = this.db.prepare('SELECT * FROM billing_invoices WHERE account_id = ? AND date = ?').get(accountId, date) as InvoiceRow | undefined
    return row === undefined ? undefined : invoiceOf(row)
  }

  recordDownload(download: InvoiceDownload): void {
    this.db
      .prepare(
        `INSERT INTO invoice_downloads (account_id, date, file, bytes, downloaded_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, date) DO UPDATE SET file = excluded.file, bytes = excluded.bytes, downloaded_at = excluded.downloaded_at`,
      )
      .run(download.accountId, download.date, download.file, download.bytes, download.downloadedAt)
  }

  downloads(accountId?: string): InvoiceDownload[] {
    const filter = where([['account_id = ?', accountId]])
    const rows = this.db.prepare(`SELECT * FROM invoice_downloads ${filter.sql}`).all(...filter.values) as {
      account_id: string
      date: string
      file: string
      bytes: number
      downloaded_at: number
    }[]
    return rows.map((row) => ({ accountId: row.account_id, date: row.date, file: row.file, bytes: row.bytes, downloadedAt: row.downloaded_at }))
  }

  /** The monthly cost of the numbers in service, per account and carrier (summed in whole cents). */
  inventoryCost(): InventoryCost[] {
    const rows = this.db
      .prepare(
        `SELECT account_id, carrier, COUNT(*) AS numbers, COUNT(monthly_cost) AS priced,
                SUM(CAST(ROUND(monthly_cost * 100) AS INTEGER)) AS cents, MIN(as_of) AS as_of
         FROM numbers WHERE gone_at IS NULL AND status <> 'released'
         GROUP BY account_id, carrier ORDER BY account_id`,
      )
      .all() as { account_id: string; carrier: CarrierId; numbers: number; priced: number; cents: number | null; as_of: number | null }[]
    return rows.map((row) => ({
      accountId: row.account_id,
      carrier: row.carrier,
      numbers: row.numbers,
      priced: row.priced,
      monthly: (row.cents ?? 0) / 100,
      asOf: row.as_of ?? undefined,
    }))
  }
}
