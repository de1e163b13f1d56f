/**
 * Money as the carriers report it, cached per account by the `billing` sync area: balances, the ledger
 * (every money movement with its running balance), the carrier's list of payments, and invoices. Amounts
 * are dollars as numbers, exactly as the carrier wrote them; times are epoch milliseconds; every record
 * says when it was fetched (`asOf`).
 */
import type { CarrierId } from './domain'

/** An account's balance at the carrier (credit available; negative when the account owes). */
export interface AccountBalance {
  accountId: string
  carrier: CarrierId
  amount: number
  /** The amount exactly as the carrier wrote it, where it writes one (VoIP Innovations' xs:decimal). */
  decimal?: string | undefined
  currency: string
  /** When the carrier's figure was read. */
  asOf: number
}

/** One money movement: a charge (debit) or a payment or credit (credit), with the balance after it. */
export interface LedgerEntry {
  accountId: string
  carrier: CarrierId
  /** Order within the account's ledger, as the carrier listed it. */
  seq: number
  at: number
  activity: string
  debit: number
  credit: number
  balance: number
  asOf: number
}

/** A payment as the carrier lists it. `amount` is what was paid; `credited` what reached the balance after fees. */
export interface CarrierPayment {
  accountId: string
  carrier: CarrierId
  at: number
  reference: string
  method: string
  amount: number
  charges?: number | undefined
  credited?: number | undefined
  /** The carrier's status in words ("completed", "not completed", or its own word). */
  status: string
  asOf: number
}

/** An invoice the carrier lists, by its date (YYYY-MM-DD), with the address its PDF is downloaded from. */
export interface Invoice {
  accountId: string
  carrier: CarrierId
  date: string
  invoiceNo?: string | undefined
  amount?: number | undefined
  url: string
  asOf: number
}
