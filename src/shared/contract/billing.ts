/** Payments to a carrier: by a card typed for this payment, or on the card the carrier keeps on file. */
import { z } from 'zod'
import { AccountId, channel, Confirmed, Text, type AreaChannels } from './kit'
import type { billingChannels } from './names/billing'

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
  'billing.pay': channel<{ message: string; reference?: string | undefined }>()(
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
} satisfies AreaChannels<(typeof billingChannels)[number]>
