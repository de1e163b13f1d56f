/** The numbers area: pages staged in a sync session and swapped in with one transaction at the end. */
import { throwIfAborted } from '../../../lib/app-error'
import type { SyncAreaModule } from '../area'

export const numbersArea: SyncAreaModule = (client, { store, now }) => {
  const syncNumbers = client.syncNumbers?.bind(client)
  if (!syncNumbers) return undefined
  return async (account, signal, progress) => {
    const session = store.numbers.beginSync(account.id)
    let pages = 0
    try {
      await syncNumbers({
        signal,
        onPage: (rows) => {
          throwIfAborted(signal)
          session.writePage(rows)
          pages += 1
          progress(session.rowCount, pages)
        },
      })
      throwIfAborted(signal)
      session.commit(now())
      return session.rowCount
    } catch (error) {
      try {
        session.dispose()
      } catch {
        // The stage is a temporary table: it goes with the connection if it cannot be dropped now.
      }
      throw error
    }
  }
}
