/**
 * Every write of port orders into the cache (a sync's listing, an order read back after a change) goes
 * through here: the previous rows are read, the new ones written and the changes between them recorded as
 * notices, all in one immediate transaction, so a change is noticed once whichever process saw it first.
 * Once committed, each notice is announced (`ports.notice`) and the board told to reload (`ports.changed`).
 */
import type { PortOrder } from '../../../shared/domain'
import type { PortNotice } from '../../../shared/ports'
import type { Store } from '../../store/store'
import type { EventHub } from '../events'
import { portChanges } from './notices'

export interface PortCacheDeps {
  store: Store
  events: EventHub
  now: () => number
}

/** Which rows the new ones replace: all of an account's (a sync), or one order's (`orderId`: itself or its sub orders). */
export type PortWriteScope = { account: true } | { orderId: string }

export function writePortOrders(deps: PortCacheDeps, account: { id: string; name: string }, orders: readonly PortOrder[], scope: PortWriteScope): PortNotice[] {
  const { store } = deps
  const notices = store.ports.transaction(() => {
    const previous = 'account' in scope ? store.ports.list(account.id) : store.ports.ofOrder(account.id, scope.orderId)
    if ('account' in scope) store.ports.replaceFor(account.id, orders)
    else store.ports.replaceOrder(account.id, scope.orderId, orders)
    return portChanges(account.name, previous, orders, deps.now()).map((notice) => store.portNotices.add(notice))
  })
  for (const notice of notices) deps.events.emit('ports.notice', notice)
  deps.events.emit('ports.changed', { accountId: account.id })
  return notices
}
