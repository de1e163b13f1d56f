/**
 * End customers an account keeps at its carrier and their devices (Nexogy's residential clients), as
 * CarrierDesk knows them: the carrier cannot list them, so these are the ones created through CarrierDesk or
 * adopted. Never a device's SIP key: that stays in the keychain and is read only on an explicit reveal.
 */
import { z } from 'zod'

export const clientStatuses = ['created', 'active', 'suspended', 'cancelled'] as const
export type ClientStatus = (typeof clientStatuses)[number]

export type ClientStatusAction = 'activate' | 'suspend' | 'cancel'

export interface RegistrationServer {
  name: string
  address: string
  port: number
}

/** A device as seen: everything but its key, and whether the key is in the keychain. */
export interface DeviceView {
  clientId?: number | undefined
  extension: string
  aor: string
  domain: string
  registrationServers: RegistrationServer[]
  keyStored: boolean
  seenAt: number
}

export interface ClientView {
  accountId: string
  /** Unknown only when a creation's answer was lost and the client was found by its domain. */
  id?: number | undefined
  domain?: string | undefined
  /** The client's main number, 10 digits, and as E.164. */
  didNumber: string
  e164: string
  status: ClientStatus
  /** How CarrierDesk came to know it: created here, adopted, or found after a lost answer. */
  origin: 'created' | 'adopted' | 'found-after-failure'
  name?: string | undefined
  startBillingDate?: string | undefined
  rememberedAt: number
  statusCheckedAt?: number | undefined
  devices: DeviceView[]
}

/** A client with its account's name, as lists show it. */
export type ClientListRow = ClientView & { accountName: string }

/** What creating a client came to; after an ambiguous failure, what looking it up found. */
export interface ClientCreation {
  created: boolean
  client?: ClientView | undefined
  checkedAfterFailure?: boolean | undefined
  /** The look-up failed too: nobody knows. Do not create it again before checking with the carrier. */
  outcomeUnknown?: boolean | undefined
  message?: string | undefined
}

const Field = (max: number) => z.string().trim().max(max)

/**
 * A new residential client as a form sends it. Only shapes are checked here; the carrier's adapter checks
 * its document's rules (required fields, zip codes, MM/DD/YYYY dates, billing address when it differs)
 * before anything is sent and names each field it refuses.
 */
export const NewClientFieldsSchema = z
  .object({
    email: Field(255),
    firstName: Field(255),
    lastName: Field(255),
    address: Field(255),
    zipcode: Field(10),
    sameBillingAddress: z.boolean(),
    billingAddress: Field(255).optional(),
    billingZipcode: Field(10).optional(),
    /** MM/DD/YYYY. */
    startBillingDate: Field(10),
    subresellerId: Field(64).optional(),
    customerId: Field(64).optional(),
  })
  .strict()
export type NewClientFields = z.output<typeof NewClientFieldsSchema>

/** The fields above with the client's main number and whether it is being ported in. */
export const NewClientInputSchema = NewClientFieldsSchema.extend({
  didNumber: Field(20),
  didPorting: z.boolean().default(false),
}).strict()
export type NewClientInput = z.output<typeof NewClientInputSchema>

/** MM/DD/YYYY of a day, the form Nexogy's dates take. */
export function billingDateText(date: Date): string {
  const two = (value: number): string => String(value).padStart(2, '0')
  return `${two(date.getMonth() + 1)}/${two(date.getDate())}/${date.getFullYear()}`
}
