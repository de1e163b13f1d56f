/** The ports area: every page of port orders, replaced as a whole once all have come. */
import type { PortOrder } from '../../../../shared/domain'
import { throwIfAborted } from '../../../lib/app-error'
import type { SyncAreaModule } from '../area'

export const portsArea: SyncAreaModule = (client, { store }) => {
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
    store.ports.replaceFor(account.id, orders)
    return orders.length
  }
}
