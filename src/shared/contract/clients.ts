/**
 * End customers an account keeps at its carrier (Nexogy's residential clients) and their devices: the ones
 * known, create (from a number found by search), adopt, lifecycle, start billing date, status, devices, and
 * a device's SIP key on an explicit reveal (the one answer that carries a secret to the renderer). Buying a
 * number from such a carrier goes through the cart: `clients.offerDetails` gives a search result the client
 * its purchase will create.
 */
import { z } from 'zod'
import {
  NewClientFieldsSchema,
  NewClientInputSchema,
  type ClientCreation,
  type ClientListRow,
  type ClientView,
  type DeviceView,
} from '../clients'
import { AccountId, channel, Confirmed, type AreaChannels } from './kit'
import type { clientsChannels } from './names/clients'

const ClientId = z.number().int().positive('A client id is a positive whole number')
const Extension = z.string().trim().regex(/^\d{3,7}$/, 'An extension is 3 to 7 digits')

export const clientsContract = {
  'clients.list': channel<ClientListRow[]>()(z.object({ accountId: AccountId.optional() }).strict()),
  'clients.adopt': channel<ClientView>()(
    z
      .object({
        accountId: AccountId,
        clientId: ClientId,
        number: z.string().trim().min(10, 'The main number is 10 digits or E.164').max(20),
        domain: z.string().trim().min(3).max(200).optional(),
      })
      .strict(),
  ),
  'clients.create': channel<ClientCreation>()(z.object({ accountId: AccountId, client: NewClientInputSchema, confirmed: Confirmed }).strict()),
  'clients.setStatus': channel<ClientView>()(
    z.object({ accountId: AccountId, clientId: ClientId, action: z.enum(['activate', 'suspend', 'cancel']), confirmed: Confirmed }).strict(),
  ),
  'clients.setBillingDate': channel<ClientView>()(
    z
      .object({
        accountId: AccountId,
        clientId: ClientId,
        startBillingDate: z.string().trim().regex(/^\d{2}\/\d{2}\/\d{4}$/, 'The date is MM/DD/YYYY'),
        confirmed: Confirmed,
      })
      .strict(),
  ),
  'clients.refresh': channel<ClientView>()(z.object({ accountId: AccountId, clientId: ClientId }).strict()),
  'clients.device': channel<DeviceView>()(
    z.object({ accountId: AccountId, clientId: ClientId, extension: Extension.optional(), confirmed: Confirmed }).strict(),
  ),
  'clients.revealKey': channel<{ key: string }>()(z.object({ accountId: AccountId, clientId: ClientId, extension: Extension }).strict()),
  'clients.offerDetails': channel<{ offerId: string; e164: string }>()(
    z.object({ offerId: z.string().min(1).max(64), client: NewClientFieldsSchema }).strict(),
  ),
} satisfies AreaChannels<(typeof clientsChannels)[number]>
