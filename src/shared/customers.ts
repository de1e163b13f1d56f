/**
 * Customers (sub-accounts) an account keeps at its carrier (Call48's `GET /customers`), their settings, and
 * opening a new carrier account (Call48's sign-up). The schemas hold the documented fields and rules, checked
 * before anything is sent: at the IPC edge, in the CLI and again in the carrier's adapter.
 */
import { z } from 'zod'
import type { AccountView, CarrierId } from './domain'

/** A customer as cached: the carrier's ids and what a technician recognises it by. Never a password. */
export interface Customer {
  accountId: string
  carrier: CarrierId
  /** The id the customer's settings calls take (Call48's `account_id`). */
  id: number
  /** The carrier's other id (Call48's `i_customer`), which its answers name. */
  ref?: number | undefined
  login: string
  name?: string | undefined
  company?: string | undefined
  email?: string | undefined
  status?: string | undefined
  active?: boolean | undefined
  creditLimit?: number | undefined
  creditLimitWarning?: number | undefined
  createdAt?: string | undefined
  asOf: number
  raw: unknown
}

/** A customer with its account's name, as lists show it. */
export type CustomerRow = Customer & { accountName: string }

/** What creating a customer came to; after an ambiguous failure, what re-reading the customers found. */
export interface CustomerCreation {
  created: boolean
  customer?: Customer | undefined
  checkedAfterFailure?: boolean | undefined
  /** The re-read failed too: nobody knows. Do not create it again before checking with the carrier. */
  outcomeUnknown?: boolean | undefined
  message?: string | undefined
}

/** What opening a carrier account came to, and the CarrierDesk account added for it (its password in the keychain). */
export interface SignupOutcome {
  created: boolean
  message: string
  checkedAfterFailure?: boolean | undefined
  outcomeUnknown?: boolean | undefined
  account?: AccountView | undefined
}

export interface DiscountPlan {
  id: number
  name: string
  description?: string | undefined
  currency?: string | undefined
  resetPeriod?: string | undefined
}

export interface Subscription {
  id: number
  name: string
  status: string
  startDate?: string | undefined
  finishDate?: string | undefined
  fee?: number | undefined
  currency?: string | undefined
}

const text = (label: string, max = 100) => z.string().trim().min(1, `${label} is required`).max(max, `${label} is at most ${max} characters`)
const optionalText = (max = 100) => z.string().trim().max(max).optional().transform((value) => (value === '' ? undefined : value))
const Email = z.string().trim().pipe(z.email('Enter a valid email address'))
const Money = z.number().min(0, 'Must be 0 or more').max(1_000_000)

/** "Create Customer" (`PUT /customers`): the documented fields; `password` is the customer's own login, sent once and never kept. */
export const NewCustomerSchema = z
  .object({
    portaClass: z.number().int('Whole number').positive('Customer class is required'),
    username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,60}$/, 'User name is 3 to 60 letters, digits, _ . or -'),
    password: z.string().min(6, 'Password is at least 6 characters').max(128),
    creditLimit: Money,
    creditLimitWarning: Money,
    email: Email,
    salutation: text('Salutation', 20),
    firstName: text('First name'),
    lastName: text('Last name'),
    address: text('Address', 200),
    address2: optionalText(200),
    city: text('City'),
    zip: z.string().trim().regex(/^[A-Za-z0-9 -]{3,12}$/, 'ZIP is 3 to 12 letters or digits'),
    state: optionalText(40),
    country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Country is a two-letter code, e.g. US'),
    companyName: optionalText(),
    currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'Currency is a three-letter code, e.g. USD'),
    /** Where copies of the customer's invoices go: one or more addresses, comma-separated. */
    bcc: z
      .string()
      .trim()
      .min(1, 'At least one address is required')
      .max(500)
      .refine((value) => value.split(',').every((part) => z.email().safeParse(part.trim()).success), 'Addresses separated by commas'),
    phone: z
      .string()
      .trim()
      .regex(/^\d{10,15}$/, 'Phone is 10 to 15 digits')
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .strict()
  .superRefine((customer, context) => {
    if (customer.creditLimitWarning > customer.creditLimit) {
      context.addIssue({ code: 'custom', path: ['creditLimitWarning'], message: 'The warning is at most the credit limit' })
    }
  })
export type NewCustomer = z.input<typeof NewCustomerSchema>
export type ValidNewCustomer = z.output<typeof NewCustomerSchema>

/** One change to a customer's settings; each is its own carrier call. */
export const CustomerChangeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('callLimit'),
      enabled: z.boolean(),
      maxIn: z.number().int().min(0).max(10_000),
      maxOut: z.number().int().min(0).max(10_000),
      max: z.number().int().min(0).max(10_000),
    })
    .strict()
    .refine((change) => !change.enabled || (change.maxIn <= change.max && change.maxOut <= change.max), {
      message: 'Inbound and outbound limits are at most the total',
      path: ['max'],
    }),
  z.object({ kind: z.literal('callParking'), enabled: z.boolean() }).strict(),
  z.object({ kind: z.literal('paging'), enabled: z.boolean() }).strict(),
  /** N default, 0 direct, 1 optimal, 2 on NAT, 3 always (Call48's RTP proxy modes). */
  z.object({ kind: z.literal('rtp'), rtp: z.enum(['N', '0', '1', '2', '3']) }).strict(),
  z.object({ kind: z.literal('discountPlan'), planId: z.number().int().positive() }).strict(),
])
export type CustomerChange = z.output<typeof CustomerChangeSchema>

export const rtpModes: Record<'N' | '0' | '1' | '2' | '3', string> = {
  N: 'Default',
  '0': 'Direct',
  '1': 'Optimal',
  '2': 'On NAT',
  '3': 'Always',
}

/** What a change does, in a line for confirmations and the activity log. */
export function describeCustomerChange(change: CustomerChange): string {
  switch (change.kind) {
    case 'callLimit':
      return change.enabled ? `Limit simultaneous calls to ${change.max} (in ${change.maxIn}, out ${change.maxOut})` : 'Remove the simultaneous-call limit'
    case 'callParking':
      return `${change.enabled ? 'Enable' : 'Disable'} call parking`
    case 'paging':
      return `${change.enabled ? 'Enable' : 'Disable'} paging`
    case 'rtp':
      return `Set RTP proxy to ${rtpModes[change.rtp]}`
    case 'discountPlan':
      return `Add discount plan ${change.planId}`
  }
}

/** "Sign up" (`POST /signup`): a new carrier account. Its password goes to the keychain of the account it becomes. */
export const SignupSchema = z
  .object({
    firstName: text('First name'),
    lastName: text('Last name'),
    company: text('Company'),
    address: text('Address', 200),
    city: text('City'),
    state: text('State', 40),
    country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Country is a two-letter code, e.g. US'),
    username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,60}$/, 'User name is 3 to 60 letters, digits, _ . or -'),
    password: z.string().min(8, 'Password is at least 8 characters').max(128),
    email: Email,
    phone: z.string().trim().regex(/^\d{10,15}$/, 'Phone is 10 to 15 digits'),
  })
  .strict()
export type SignupInput = z.output<typeof SignupSchema>
