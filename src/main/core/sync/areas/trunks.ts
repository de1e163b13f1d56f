/** The trunks area: the account's trunk groups, replaced as a whole. */
import { throwIfAborted } from '../../../lib/app-error'
import type { SyncAreaModule } from '../area'

export const trunksArea: SyncAreaModule = (client, { store }) => {
  const syncTrunks = client.syncTrunks?.bind(client)
  if (!syncTrunks) return undefined
  return async (account, signal, progress) => {
    const trunks = await syncTrunks({ signal })
    throwIfAborted(signal)
    store.trunks.replaceFor(account.id, trunks)
    progress(trunks.length, 1)
    return trunks.length
  }
}
