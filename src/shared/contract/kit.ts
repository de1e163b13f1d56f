/**
 * What every area of the IPC contract is made of: a channel's spec (its input schema, its output type),
 * the check that an area declares exactly the names it lists, and the schema pieces areas share.
 */
import { z } from 'zod'
import type { NumberKey } from '../domain'

/** Output types are carried by a phantom field so the contract stays one plain object. */
export interface ChannelSpec<I extends z.ZodType, O> {
  input: I
  output?: O
}

/** `channel<Output>()(InputSchema)`: a channel taking what the schema accepts and answering `Output`. */
export function channel<O>() {
  return <I extends z.ZodType>(input: I): ChannelSpec<I, O> => ({ input })
}

/** The channel specs of one area, for exactly the channel names it lists (checked with `satisfies`). */
export type AreaChannels<C extends string> = { [K in C]: ChannelSpec<z.ZodType, unknown> }

/**
 * `Spec` itself, when it has an entry for each of `Names` and no other: a missing or a stray entry is a
 * compile error. Events are declared with it (a payload type per event name).
 */
export type ExactlyFor<
  Names extends PropertyKey,
  Spec extends { [N in Names]: unknown } & { [K in Exclude<keyof Spec, Names>]: never },
> = Spec

export const AccountId = z.string().min(1).max(64)
export const JobId = z.string().uuid()
export const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'Numbers are E.164, like +13055550100')
export const NumberKeySchema = z.object({ accountId: AccountId, e164: E164 }).strict() satisfies z.ZodType<NumberKey>
/** Money and routing changes must say they were confirmed by the person at the keyboard. */
export const Confirmed = z.literal(true, { message: 'This change must be confirmed' })
export const Text = (max: number) => z.string().trim().max(max)
/** An IANA zone for times in exports, e.g. America/New_York. */
export const TimeZone = z.string().min(1).max(64)
export const NoInput = z.object({}).strict()
