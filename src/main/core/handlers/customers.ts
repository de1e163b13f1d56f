/** The customers area's channels (src/shared/contract/customers.ts) bound to the core. */
import type { customersChannels } from '../../../shared/contract/names/customers'
import type { AreaHandlers, HandlerDeps } from './handler'

export const customersHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof customersChannels> => ({
  'customers.list': (input) => desk.customers.list(input),
  'customers.create': ({ accountId, customer }, signal) => desk.customers.create({ account: accountId, customer }, signal),
  'customers.update': ({ accountId, confirmed: _confirmed, ...input }, signal) => desk.customers.change({ account: accountId, ...input }, signal),
  'customers.discountPlans': ({ accountId }, signal) => desk.customers.discountPlans({ account: accountId }, signal),
  'customers.subscriptions': ({ accountId, customerId }, signal) => desk.customers.subscriptions({ account: accountId, customerId }, signal),
  'customers.signup': ({ confirmed: _confirmed, ...input }, signal) => desk.customers.signup(input, signal),
})
