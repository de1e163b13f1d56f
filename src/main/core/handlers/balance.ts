/** The account balance area's channels (src/shared/contract/balance.ts) bound to the core. */
import type { balanceChannels } from '../../../shared/contract/names/balance'
import type { AreaHandlers, HandlerDeps } from './handler'

export const balanceHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof balanceChannels> => ({
  'accounts.balance': (input, signal) => desk.balance.balances(input, signal),
})
