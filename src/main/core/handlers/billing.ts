/** The billing area's channels (src/shared/contract/billing.ts) bound to the core. */
import type { billingChannels } from '../../../shared/contract/names/billing'
import type { AreaHandlers, HandlerDeps } from './handler'

export const billingHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof billingChannels> => ({
  'billing.pay': ({ confirmed: _confirmed, ...input }, signal) => desk.billing.pay(input, signal),
})
