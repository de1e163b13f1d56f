/**
 * Typed inputs of the Nexogy DNA operations, validated here BEFORE anything is sent: a technician learns
 * which field is wrong from CarrierDesk instead of from a 406, and a request that cannot succeed never
 * reaches the carrier. The rules are the doc's: billing address and zip required when the billing address
 * differs, dates in MM/DD/YYYY, 0/1 flags (typed as booleans here, so nothing else can be sent).
 */
import { z } from 'zod'
import { AppError } from '../../lib/app-error'
import { nationalDigits, toE164 } from '../kit/phone'
import { nanpDigitsPattern } from './schemas'

const maxText = 255
const zipcodePattern = /^\d{5}(-\d{4})?$/
const identifierPattern = /^[A-Za-z0-9_-]{1,64}$/

/** Whether `text` is a real calendar date written MM/DD/YYYY (two-digit month and day, as the doc's examples). */
export function isBillingDate(text: string): boolean {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text)
  if (!match) return false
  const [month, day, year] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** MM/DD/YYYY of a Date (UTC), for callers holding a date rather than the doc's text form. */
export function billingDateOf(date: Date): string {
  const two = (value: number): string => String(value).padStart(2, '0')
  return `${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${date.getUTCFullYear()}`
}

const text = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(maxText, `${label} may not be longer than ${maxText} characters`)
const zipcode = (label: string) => text(label).regex(zipcodePattern, `${label} must be a 5-digit zip code`)
const billingDate = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .refine(isBillingDate, `${label} must be a date written MM/DD/YYYY (e.g. 06/08/2017)`)

/** A US number in any usual form (10 digits, +1..., punctuation), reduced to the 10 digits Nexogy takes. */
const didNumber = z
  .string({ error: 'the DID number is required' })
  .transform((value, context) => {
    const e164 = toE164(value)
    const digits = e164?.startsWith('+1') ? nationalDigits(e164) : undefined
    if (digits === undefined || !nanpDigitsPattern.test(digits)) {
      context.addIssue({ code: 'custom', message: 'the DID number must be a 10-digit US number' })
      return z.NEVER
    }
    return digits
  })

/** What "Create a Client" needs, in CarrierDesk's words; the wire names are in `wireNames`. */
export const NewResidentialClientSchema = z
  .object({
    email: text('email').pipe(z.email('email must be a valid email address')),
    firstName: text('first name'),
    lastName: text('last name'),
    address: text('address'),
    zipcode: zipcode('zip code'),
    /** `sameBillingAddress` 1/0 on the wire. When false, `billingAddress` and `billingZipcode` are required. */
    sameBillingAddress: z.boolean({ error: 'say whether the billing address is the service address' }),
    billingAddress: z.string().trim().optional(),
    billingZipcode: z.string().trim().optional(),
    /** Start of billing, MM/DD/YYYY. */
    startBillingDate: billingDate('start billing date'),
    /** The client's main number: from a DID search, or a number being ported in (`didPorting`). */
    didNumber,
    /** `did_porting` 1/0 on the wire. */
    didPorting: z.boolean().default(false),
    /** Groups the client under a subreseller; `has_subreseller_id` is 1 exactly when this is given. */
    subresellerId: z.string().trim().regex(identifierPattern, 'subreseller id may hold letters, digits, - and _ only').optional(),
    /** "Customer id you use on your side." */
    customerId: z.string().trim().regex(identifierPattern, 'customer id may hold letters, digits, - and _ only').optional(),
  })
  .superRefine((client, context) => {
    if (client.sameBillingAddress) return
    // "when 0 billing_address and billing_zipcode are required" (doc, Create a Client).
    const address = text('billing address').safeParse(client.billingAddress ?? '')
    if (!address.success) {
      context.addIssue({ code: 'custom', path: ['billingAddress'], message: 'billing address is required when it differs from the service address' })
    }
    const zip = zipcode('billing zip code').safeParse(client.billingZipcode ?? '')
    if (!zip.success) {
      context.addIssue({
        code: 'custom',
        path: ['billingZipcode'],
        message: client.billingZipcode ? 'billing zip code must be a 5-digit zip code' : 'billing zip code is required when the billing address differs',
      })
    }
  })
export type NewResidentialClient = z.input<typeof NewResidentialClientSchema>
export type ValidNewResidentialClient = z.output<typeof NewResidentialClientSchema>

/** CarrierDesk field → the doc's parameter, so a validation message names both. */
export const wireNames: Record<string, string> = {
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  address: 'address',
  zipcode: 'zipcode',
  sameBillingAddress: 'sameBillingAddress',
  billingAddress: 'billing_address',
  billingZipcode: 'billing_zipcode',
  startBillingDate: 'start_billing_date',
  didNumber: 'did_number',
  didPorting: 'did_porting',
  subresellerId: 'subreseller_id',
  customerId: 'customer_id',
  clientId: 'client_id',
  domain: 'domain',
  extension: 'ext',
  npa: 'npa',
  state: 'state',
  quantity: 'quantity',
}

/**
 * Parses `value` with `schema` or throws a `validation` AppError whose message names every failing field
 * (CarrierDesk's name and the doc's parameter) and whose details map field → message, for the form.
 */
export function validateInput<S extends z.ZodType>(schema: S, value: unknown, operation: string): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const fields: Record<string, string> = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'input'
    fields[field] ??= issue.message
  }
  const listed = Object.entries(fields)
    .map(([field, message]) => `${field}${wireNames[field] && wireNames[field] !== field ? ` (${wireNames[field]})` : ''}: ${message}`)
    .join('; ')
  throw new AppError('validation', `Nexogy ${operation}: ${listed}`, { fields })
}

/** The form fields "Create a Client" sends, flags as 1/0 and the early draft's `same_billing_address` beside. */
export function createClientForm(client: ValidNewResidentialClient): Record<string, string> {
  const form: Record<string, string> = {
    email: client.email,
    first_name: client.firstName,
    last_name: client.lastName,
    zipcode: client.zipcode,
    address: client.address,
    sameBillingAddress: client.sameBillingAddress ? '1' : '0',
    // The early draft named the flag `same_billing_address` (true/false); a service still reading that name
    // gets the same answer (carrier-docs README, Nexogy). Unknown inputs are ignored by the service.
    same_billing_address: client.sameBillingAddress ? 'true' : 'false',
    has_subreseller_id: client.subresellerId ? '1' : '0',
    start_billing_date: client.startBillingDate,
    did_porting: client.didPorting ? '1' : '0',
    did_number: client.didNumber,
  }
  if (!client.sameBillingAddress) {
    form.billing_address = client.billingAddress ?? ''
    form.billing_zipcode = client.billingZipcode ?? ''
  }
  if (client.subresellerId) form.subreseller_id = client.subresellerId
  if (client.customerId) form.customer_id = client.customerId
  return form
}

export const ClientIdSchema = z.coerce.number({ error: 'client id must be a number' }).int('client id must be a whole number').positive('client id must be positive')
export const ExtensionSchema = z.string().trim().regex(/^\d{3,7}$/, 'extension must be 3 to 7 digits')
export const DomainSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'domain must be a domain name such as kerryking.com')
