/**
 * Billing: balances, the ledger, payments (the carrier's and those made from CarrierDesk, side by side),
 * invoices and their PDFs, all read from the cache the `billing` sync area fills; and payments to a carrier,
 * by a card typed for this payment or on the card the carrier keeps on file.
 */
import { z } from 'zod'
import type { Invoice, LedgerEntry } from '../billing'
import type { ActivityResult, CarrierId } from '../domain'
import { AccountId, channel, Confirmed, JobId, Text, type AreaChannels } from './kit'
import type { billingChannels } from './names/billing'

/** An account's balance, or that its carrier reports none (`supported: false`). */
export interface BalanceView {
  accountId: string
  accountName: string
  carrier: CarrierId
  supported: boolean
  amount?: number | undefined
  currency?: string | undefined
  asOf?: number | undefined
}

/** The monthly cost of an account's cached numbers in service. */
export interface InventoryCostView {
  accountId: string
  accountName: string
  carrier: CarrierId
  numbers: number
  /** Numbers with a known monthly cost; the total is "at least" when fewer than `numbers`. */
  priced: number
  monthly: number
  asOf?: number | undefined
}

export interface BillingOverview {
  balances: BalanceView[]
  inventory: InventoryCostView[]
  /** Payments made from CarrierDesk whose outcome is still unknown. */
  unsettled: number
}

export type LedgerView = LedgerEntry & { accountName: string }

/** Spend (debits) and credits summed per month (YYYY-MM) or per activity type, for the charts. */
export interface LedgerTotal {
  key: string
  debit: number
  credit: number
}

export interface LedgerResult {
  rows: LedgerView[]
  /** How many entries match (rows holds at most `limit` of them). */
  total: number
  byMonth: LedgerTotal[]
  byActivity: LedgerTotal[]
  /** Every activity type cached, for the filter. */
  activities: string[]
  /** When the oldest ledger shown was fetched. */
  asOf?: number | undefined
}

/** How a payment of unknown outcome was settled: found in the carrier's own list, or checked by a person. */
export interface PaymentSettlement {
  how: 'seen-at-carrier' | 'checked'
  wentThrough: boolean
  reference?: string | undefined
  at: number
}

/** One payment, from the carrier's list or made from CarrierDesk (its activity entry). */
export interface PaymentView {
  key: string
  source: 'carrier' | 'carrierdesk'
  accountId: string
  accountName: string
  carrier: CarrierId
  at: number
  reference?: string | undefined
  method: string
  amount: number
  /** The carrier's status, or the CarrierDesk payment's outcome in words. */
  status: string
  charges?: number | undefined
  credited?: number | undefined
  /** CarrierDesk payments: the activity entry and its outcome. */
  activityId?: number | undefined
  outcome?: ActivityResult | undefined
  message?: string | undefined
  settlement?: PaymentSettlement | undefined
  /** A CarrierDesk payment of unknown outcome that nothing has settled yet: do not pay again before checking. */
  unsettled: boolean
  /** Carrier payments: the CarrierDesk payment it is (same reference, or the same amount soon after an unknown one). */
  madeFromCarrierDesk?: boolean | undefined
  asOf?: number | undefined
}

export interface PaymentsResult {
  rows: PaymentView[]
  unsettled: PaymentView[]
  /** When the oldest carrier list shown was fetched; undefined when none is cached. */
  asOf?: number | undefined
}

export type InvoiceView = Invoice & {
  accountName: string
  /** Where the PDF was saved on this computer, while it is still there. */
  file?: string | undefined
  bytes?: number | undefined
  downloadedAt?: number | undefined
}

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are YYYY-MM-DD')

/** A card typed for one payment: checked for shape here, then passed straight through to the carrier. */
export const PaymentCardSchema = z
  .object({
    firstName: Text(60).min(1, 'First name is required'),
    lastName: Text(60).min(1, 'Last name is required'),
    cardNumber: z
      .string()
      .transform((value) => value.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^\d{12,19}$/, 'Card number is 12 to 19 digits')),
    expMonth: z.number().int().min(1).max(12),
    expYear: z.number().int().min(2000).max(2100),
    cvv: z.string().regex(/^\d{3,4}$/, 'CVV is 3 or 4 digits'),
    address: Text(100).optional(),
    city: Text(60).optional(),
    state: Text(30).optional(),
    zipcode: Text(12).optional(),
  })
  .strict()

export const billingContract = {
  'billing.pay': channel<{ message: string; reference?: string | undefined; checkedAfterFailure?: boolean | undefined }>()(
    z
      .object({
        accountId: AccountId,
        /** Dollars; shown to the technician in the confirmation before this is sent. */
        amount: z.number().positive('Amount must be more than 0').max(100_000).multipleOf(0.01, 'Amount is in dollars and cents'),
        card: PaymentCardSchema.optional(),
        confirmed: Confirmed,
      })
      .strict(),
  ),
  'billing.overview': channel<BillingOverview>()(z.object({ accountId: AccountId.optional() }).strict()),
  'billing.ledger': channel<LedgerResult>()(
    z
      .object({
        accountId: AccountId.optional(),
        activity: Text(80).min(1).optional(),
        from: Day.optional(),
        to: Day.optional(),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
  ),
  'billing.payments': channel<PaymentsResult>()(z.object({ accountId: AccountId.optional(), from: Day.optional(), to: Day.optional() }).strict()),
  /** Records what a person found at the carrier about a payment of unknown outcome. */
  'billing.checkPayment': channel<PaymentView>()(
    z.object({ activityId: z.number().int().positive(), wentThrough: z.boolean(), confirmed: Confirmed }).strict(),
  ),
  'billing.invoices': channel<InvoiceView[]>()(z.object({ accountId: AccountId.optional(), from: Day.optional(), to: Day.optional() }).strict()),
  'billing.downloadInvoice': channel<{ file: string; bytes: number }>()(z.object({ jobId: JobId, accountId: AccountId, date: Day }).strict()),
  /** Opens a downloaded invoice with the system's PDF viewer (the main process finds the file; the renderer names only the invoice). */
  'billing.openInvoice': channel<{ file: string }>()(z.object({ accountId: AccountId, date: Day }).strict()),
} satisfies AreaChannels<(typeof billingChannels)[number]>
