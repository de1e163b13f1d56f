/** What a channel's handler is: the channel's parsed input and the invoke's signal in, its output out. */
import type { Channel, ChannelOutput, ChannelParsedInput } from '../../../shared/ipc-shared'
import type { CarrierDesk } from '../carrierdesk'

export type Handler<C extends Channel> = (input: ChannelParsedInput<C>, signal: AbortSignal) => Promise<ChannelOutput<C>> | ChannelOutput<C>

/** The handlers of one area, for exactly the channels it lists in src/shared/contract/names/<area>.ts. */
export type AreaHandlers<Names extends readonly Channel[]> = { [C in Names[number]]: Handler<C> }

/** What every area's handlers are made from. */
export interface HandlerDeps {
  desk: CarrierDesk
  /** Where an error nobody awaits is reported (name and message only). */
  log: (error: unknown) => void
}

/**
 * What a channel's input must also satisfy that the contract cannot know (a carrier id is one the carrier
 * registry has): checked on the plain input beside the schema, its problems reported with the schema's.
 */
export type InputCheck = (input: unknown) => Record<string, string>

export type AreaChecks<Names extends readonly Channel[]> = Partial<{ [C in Names[number]]: InputCheck }>

/** The problem with a carrier id at `path` of an input, if it names no known carrier. */
export function carrierIdProblems(deps: HandlerDeps, ids: { path: string; id: unknown }[]): Record<string, string> {
  const problems: Record<string, string> = {}
  const known = deps.desk.registry.ids()
  for (const { path, id } of ids) {
    if (typeof id === 'string' && !known.includes(id)) problems[path] = `"${id.slice(0, 40)}" is not a carrier CarrierDesk knows (${known.join(', ')})`
  }
  return problems
}

/** A property of a plain input object, or undefined. */
export const field = (input: unknown, key: string): unknown =>
  typeof input === 'object' && input !== null && Object.hasOwn(input, key) ? (input as Record<string, unknown>)[key] : undefined
