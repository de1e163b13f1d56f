/**
 * Cached numbers: the Numbers query and its facets, one number's detail, local tags and notes, changes and
 * releases in bulk (jobs with per-number results), address checks for E911, and CSV export.
 */
import { z } from 'zod'
import { maxBatchTargets, type ActivityEntry, type AddressCheck, type Capability, type OrderLine, type PhoneNumberRecord } from '../domain'
import { NumbersQuerySchema, type NumberFacets } from '../numbers-query'
import { AccountId, channel, Confirmed, E164, JobId, NoInput, NumberKeySchema, Text, TimeZone, type AreaChannels, type ExactlyFor } from './kit'
import type { numbersChannels, numbersEvents } from './names/numbers'

export interface NumbersPage {
  rows: PhoneNumberRecord[]
  total: number
}

export interface NumberDetail {
  number: PhoneNumberRecord
  /** What this number's carrier lets a technician change. */
  capabilities: Capability[]
  /** Recent activity-log entries about this number. */
  activity: ActivityEntry[]
}

/** One number's outcome in a batch, with the account it belongs to. */
export interface BatchLine extends OrderLine {
  accountId: string
}

export interface BatchResult {
  jobId: string
  lines: BatchLine[]
  succeeded: number
  /** Lines that are neither done nor not sent: refused, failed, or of unknown outcome. */
  failed: number
  /** Lines never sent to the carrier (code `not-sent`), because the user cancelled first. */
  notSent: number
  /** True when the user cancelled the job. */
  cancelled: boolean
}

export const E911AddressSchema = z
  .object({
    callerName: Text(60).min(1, 'Caller name is required'),
    street: Text(100).min(1, 'Street is required'),
    unit: Text(30).optional(),
    city: Text(60).min(1, 'City is required'),
    state: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'State is two letters'),
    zip: z.string().trim().regex(/^\d{5}(-\d{4})?$/, 'ZIP is 5 digits (or ZIP+4)'),
  })
  .strict()

export const NumberChangeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('routing'),
      routing: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('trunk'), trunk: Text(100).min(1, 'Trunk is required') }).strict(),
        z
          .object({
            kind: z.literal('forward'),
            destination: E164,
            mode: Text(40).optional(),
            method: Text(40).optional(),
          })
          .strict(),
      ]),
    })
    .strict(),
  z.object({ kind: z.literal('cnam'), cnam: Text(15).nullable() }).strict(),
  z.object({ kind: z.literal('e911'), address: E911AddressSchema }).strict(),
  z
    .object({
      kind: z.literal('listing411'),
      listing: z
        .object({ listed: z.boolean(), name: Text(60).optional(), address: E911AddressSchema.optional() })
        .strict(),
    })
    .strict(),
  z
    .object({ kind: z.literal('fax'), fax: z.object({ enabled: z.boolean(), email: z.string().max(254).pipe(z.email()).optional() }).strict() })
    .strict(),
  z.object({ kind: z.literal('status'), status: z.enum(['active', 'suspended']) }).strict(),
  z.object({ kind: z.literal('failover'), destination: E164.nullable() }).strict(),
  z.object({ kind: z.literal('stopForwarding') }).strict(),
  z
    .object({
      kind: z.literal('group'),
      groupId: z.string().trim().min(1, 'Choose a group').max(40).nullable(),
      groupName: Text(100).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('e911Remove') }).strict(),
])

const Targets = z.array(NumberKeySchema).min(1).max(maxBatchTargets)

export const numbersContract = {
  'numbers.list': channel<NumbersPage>()(NumbersQuerySchema),
  'numbers.get': channel<NumberDetail>()(NumberKeySchema),
  'numbers.facets': channel<NumberFacets>()(NoInput),
  'numbers.setNotes': channel<PhoneNumberRecord>()(
    NumberKeySchema.extend({ tags: z.array(Text(40)).max(50), notes: Text(4000) }).strict(),
  ),
  'numbers.tag': channel<{ updated: number }>()(
    z
      .object({
        targets: Targets,
        add: z.array(Text(40).min(1)).max(20).default([]),
        remove: z.array(Text(40).min(1)).max(20).default([]),
      })
      .strict(),
  ),
  'numbers.change': channel<BatchResult>()(
    z.object({ jobId: JobId, targets: Targets, change: NumberChangeSchema, confirmed: Confirmed }).strict(),
  ),
  'numbers.release': channel<BatchResult>()(z.object({ jobId: JobId, targets: Targets, confirmed: Confirmed }).strict()),
  'numbers.verifyAddress': channel<AddressCheck>()(z.object({ accountId: AccountId, address: E911AddressSchema }).strict()),
  'numbers.export': channel<{ file: string; rows: number }>()(
    z
      .object({
        query: NumbersQuerySchema.omit({ offset: true, limit: true }),
        /** IANA zone for the "as of" column, e.g. America/New_York. */
        timeZone: TimeZone,
        columns: z.array(z.string().min(1).max(40)).max(30).optional(),
      })
      .strict(),
  ),
} satisfies AreaChannels<(typeof numbersChannels)[number]>

export type NumbersEvents = ExactlyFor<(typeof numbersEvents)[number], { 'numbers.changed': { accountIds: string[] } }>
