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
