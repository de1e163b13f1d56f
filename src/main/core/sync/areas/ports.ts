/**
 * The ports area: every page of port orders, replaced as a whole once all have come, through the port cache
 * (port-cache.ts), which records and announces what changed since the last sync (FOC set, completed,
 * rejected) exactly once.
 */
import type { PortOrder } from '../../../../shared/domain'
import { throwIfAborted } from '../../../lib/app-error'
import { writePortOrders } from '../../ports/port-cache'
import type { SyncAreaModule } from '../area'

export const portsArea: SyncAreaModule = (client, deps) => {
  const syncPorts = client.syncPorts?.bind(client)
  if (!syncPorts) return undefined
  return async (account, signal, progress) => {
    const orders: PortOrder[] = []
    let pages = 0
    await syncPorts({
      signal,
      onPage: (rows) => {
        throwIfAborted(signal)
        orders.push(...rows)
        pages += 1
        progress(orders.length, pages)
      },
    })
    throwIfAborted(signal)
    writePortOrders(deps, account, orders, { account: true })
    return orders.length
  }
}
