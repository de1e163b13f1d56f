/** The trunks area's channels (src/shared/contract/trunks.ts) bound to the core. */
import type { trunksChannels } from '../../../shared/contract/names/trunks'
import type { AreaHandlers, HandlerDeps } from './handler'

export const trunksHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof trunksChannels> => ({
  'trunks.list': (input) => desk.store.trunks.list(input.accountId),
})
