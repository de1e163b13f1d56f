/**
 * A number's settings beyond its cached fields, read from its carrier on demand (forwarding, failover,
 * fax to e-mail, number group, whether it is a conference line), the account's number groups, and the
 * conference line. A conference PIN is a secret: no answer carries it but `features.revealConferencePin`,
 * the technician's explicit request; it is typed only into `features.setConference`.
 */
import { z } from 'zod'
import type { NumberFeatures, NumberGroup } from '../domain'
import { AccountId, channel, Confirmed, NumberKeySchema, type AreaChannels } from './kit'
import type { featuresChannels } from './names/features'

/** What a carrier answered for a number just now. */
export interface NumberFeaturesView extends NumberFeatures {
  /** When the carrier was read (epoch ms). */
  asOf: number
}

/** A number group with how many of the account's cached numbers are in it. */
export interface NumberGroupView extends NumberGroup {
  cached: number
}

export interface NumberGroupsView {
  accountId: string
  groups: NumberGroupView[]
  asOf: number
}

/** How a single-number mutation ended: `checkedAfterFailure` when its answer was lost and read back. */
export interface SettledView {
  checkedAfterFailure: boolean
}

export const ConferencePin = z.string().trim().regex(/^\d{4,8}$/, 'A conference PIN is 4 to 8 digits')

export const featuresContract = {
  'features.get': channel<NumberFeaturesView>()(NumberKeySchema),
  'features.groups': channel<NumberGroupsView>()(z.object({ accountId: AccountId }).strict()),
  'features.groupMembers': channel<{ accountId: string; groupId: string; numbers: string[]; asOf: number }>()(
    z.object({ accountId: AccountId, groupId: z.string().trim().min(1).max(40) }).strict(),
  ),
  /** Whether the number is a conference line; never its PIN. */
  'features.conference': channel<{ enabled: boolean; asOf: number }>()(NumberKeySchema),
  /** The PIN, on the technician's explicit request (logged, without the PIN). */
  'features.revealConferencePin': channel<{ enabled: boolean; pin?: string | undefined }>()(NumberKeySchema),
  'features.setConference': channel<SettledView>()(NumberKeySchema.extend({ pin: ConferencePin, confirmed: Confirmed }).strict()),
  'features.removeConference': channel<SettledView>()(NumberKeySchema.extend({ confirmed: Confirmed }).strict()),
} satisfies AreaChannels<(typeof featuresChannels)[number]>
