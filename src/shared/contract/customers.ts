/**
 * Customers (sub-accounts) of an account at its carrier (Call48): the cached list, create, one settings
 * change at a time, discount plans and subscriptions; and opening a new carrier account (sign-up), whose
 * password goes straight to the keychain of the CarrierDesk account it becomes.
 */
import { z } from 'zod'
import { baseUrlProblem } from '../base-url'
import {
  CustomerChangeSchema,
  NewCustomerSchema,
  SignupSchema,
  type CustomerCreation,
  type CustomerRow,
  type DiscountPlan,
  type SignupOutcome,
  type Subscription,
} from '../customers'
import { CarrierIdSchema, EnvironmentSchema } from '../domain'
import { AccountId, channel, Confirmed, type AreaChannels } from './kit'
import type { customersChannels } from './names/customers'

const CustomerId = z.number().int().positive()

export const customersContract = {
  'customers.list': channel<{ rows: CustomerRow[]; asOf?: number | undefined }>()(z.object({ accountId: AccountId.optional() }).strict()),
  'customers.create': channel<CustomerCreation>()(z.object({ accountId: AccountId, customer: NewCustomerSchema, confirmed: Confirmed }).strict()),
  'customers.update': channel<{ message: string }>()(
    z.object({ accountId: AccountId, customerId: CustomerId, change: CustomerChangeSchema, confirmed: Confirmed }).strict(),
  ),
  'customers.discountPlans': channel<DiscountPlan[]>()(z.object({ accountId: AccountId }).strict()),
  'customers.subscriptions': channel<Subscription[]>()(z.object({ accountId: AccountId, customerId: CustomerId }).strict()),
  'customers.signup': channel<SignupOutcome>()(
    z
      .object({
        carrier: CarrierIdSchema,
        name: z.string().trim().min(1, 'Name is required').max(80),
        baseUrl: z
          .string()
          .trim()
          .max(2000)
          .superRefine((value, context) => {
            const problem = baseUrlProblem(value)
            if (problem) context.addIssue({ code: 'custom', message: problem })
          }),
        environment: EnvironmentSchema.default('production'),
        signup: SignupSchema,
        confirmed: Confirmed,
      })
      .strict(),
  ),
} satisfies AreaChannels<(typeof customersChannels)[number]>
