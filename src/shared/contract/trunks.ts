/**
 * SIP trunk groups: the cached list (with how many numbers route to each), one trunk's detail, the trunks
 * a number can be routed to (routing picker, cart), creating, editing and disabling trunks (confirmed, sent
 * once, settled by re-reading the carrier), and traffic reports cached with their "as of".
 */
import { z } from 'zod'
import type { ActivityEntry, TrunkGroup } from '../domain'
import { trunkFieldKeys, type AccountTrunkChoices, type TrafficRow, type TrunkValues } from '../trunks'
import { AccountId, channel, Confirmed, type AreaChannels } from './kit'
import type { trunksChannels } from './names/trunks'

/** A cached trunk group with how many of the account's cached numbers route to it. */
export interface TrunkListRow extends TrunkGroup {
  numbers: number
}

export interface TrunkDetail {
  trunk: TrunkListRow
  /** Recent activity-log entries about this trunk. */
  activity: ActivityEntry[]
}

/** How a trunk change ended (a definite refusal is an error instead). */
export interface TrunkChangeOutcome {
  /** `unknown`: the answer was lost and re-reading the carrier could not tell; check before trying again. */
  outcome: 'succeeded' | 'unknown'
  message: string
  /** The trunk as the carrier lists it now (cached); absent when it could not be read back. */
  trunk?: TrunkListRow | undefined
  checkedAfterFailure?: boolean | undefined
}

export interface TrafficReport {
  rows: TrafficRow[]
  /** When the rows shown were fetched (the oldest of them). */
  asOf?: number | undefined
  /** Why a refresh asked for could not be done: the cached rows are shown instead. */
  failure?: string | undefined
}

export const TrunkId = z.string().trim().min(1).max(100)

/** A trunk's settings as typed, under the form's keys (shared/trunks.ts); other keys are refused. */
export const TrunkValuesSchema = z
  .object(Object.fromEntries(trunkFieldKeys.map((key) => [key, z.string().max(400).optional()])) as Record<(typeof trunkFieldKeys)[number], z.ZodOptional<z.ZodString>>)
  .strict() satisfies z.ZodType<TrunkValues>

export const TrafficQuerySchema = z
  .object({
    accountId: AccountId,
    scope: z.enum(['account', 'trunk', 'number']),
    /** Trunk ids or E.164 numbers; for `trunk` without them, every trunk of the account. */
    subjects: z.array(z.string().trim().min(1).max(100)).max(1000).optional(),
    year: z.number().int().min(2000).max(2100).optional(),
    month: z.number().int().min(1).max(12).optional(),
    /** Ask the carrier now (else only the cache is read). */
    refresh: z.boolean().default(false),
  })
  .strict()
export type TrafficQuery = z.output<typeof TrafficQuerySchema>

export const trunksContract = {
  'trunks.list': channel<TrunkListRow[]>()(z.object({ accountId: AccountId.optional() }).strict()),
  'trunks.detail': channel<TrunkDetail>()(z.object({ accountId: AccountId, trunkId: TrunkId }).strict()),
  'trunks.choices': channel<AccountTrunkChoices[]>()(z.object({ accountIds: z.array(AccountId).max(100).optional() }).strict()),
  'trunks.create': channel<TrunkChangeOutcome>()(
    z.object({ accountId: AccountId, direction: z.enum(['origination', 'termination']), values: TrunkValuesSchema, confirmed: Confirmed }).strict(),
  ),
  'trunks.update': channel<TrunkChangeOutcome>()(
    z.object({ accountId: AccountId, trunkId: TrunkId, changes: TrunkValuesSchema, confirmed: Confirmed }).strict(),
  ),
  'trunks.disable': channel<TrunkChangeOutcome>()(z.object({ accountId: AccountId, trunkId: TrunkId, confirmed: Confirmed }).strict()),
  'trunks.traffic': channel<TrafficReport>()(TrafficQuerySchema),
} satisfies AreaChannels<(typeof trunksChannels)[number]>
