/** The buying area's channels (src/shared/contract/buying.ts) bound to the core. */
import type { buyingChannels } from '../../../shared/contract/names/buying'
import type { AreaHandlers, HandlerDeps } from './handler'

export const buyingHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof buyingChannels> => ({
  'numbers.search': (input, signal) => desk.buying.search(input, signal),
  'numbers.reserve': (input, signal) => desk.buying.reserve(input, signal),
  'numbers.purchase': (input, signal) => desk.buying.purchase(input, signal),
  'numbers.bulkOrder': ({ confirmed: _confirmed, ...input }, signal) => desk.buying.bulkOrder(input, signal),
  'numbers.bulkOrderStatus': (input, signal) => desk.buying.bulkOrderStatus(input, signal),
  'numbers.countries': (input, signal) => desk.buying.countries(input, signal),
})
