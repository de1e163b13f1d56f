/**
 * A number's E911 beyond its address (which is a number change): its locations (add, provision, remove),
 * its provisioning history and its 911 alerts (who is e-mailed when it dials 911), read from the carrier
 * on demand. Every mutation is confirmed, sent once and logged.
 */
import { z } from 'zod'
import type { E911Alerts, E911Location } from '../domain'
import { channel, Confirmed, NumberKeySchema, type AreaChannels } from './kit'
import type { e911Channels } from './names/e911'
import { E911AddressSchema } from './numbers'
import type { SettledView } from './features'

export interface E911LocationsView {
  locations: E911Location[]
  asOf: number
}

export interface E911AlertsView extends E911Alerts {
  asOf: number
}

const LocationId = z.string().trim().min(1).max(64)
const Email = z.string().trim().max(254).pipe(z.email('Not an e-mail address'))

export const e911Contract = {
  'e911.locations': channel<E911LocationsView>()(NumberKeySchema),
  'e911.addLocation': channel<E911Location & SettledView>()(NumberKeySchema.extend({ address: E911AddressSchema, confirmed: Confirmed }).strict()),
  'e911.provisionLocation': channel<SettledView>()(NumberKeySchema.extend({ locationId: LocationId, confirmed: Confirmed }).strict()),
  'e911.removeLocation': channel<SettledView>()(NumberKeySchema.extend({ locationId: LocationId, confirmed: Confirmed }).strict()),
  'e911.history': channel<E911LocationsView>()(NumberKeySchema),
  'e911.alerts': channel<E911AlertsView>()(NumberKeySchema),
  'e911.addAlert': channel<E911AlertsView & SettledView>()(NumberKeySchema.extend({ email: Email, confirmed: Confirmed }).strict()),
  'e911.removeAlert': channel<E911AlertsView & SettledView>()(NumberKeySchema.extend({ email: Email, confirmed: Confirmed }).strict()),
} satisfies AreaChannels<(typeof e911Channels)[number]>
