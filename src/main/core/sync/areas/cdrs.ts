/** The CDR area: the last days' listing of daily files and/or call records, each replaced for its range. */
import type { CdrRecord } from '../../../../shared/domain'
import { throwIfAborted } from '../../../lib/app-error'
import type { SyncAreaModule } from '../area'

/** How many days of CDR listings a sync refreshes. */
const cdrSyncDays = 7

export const cdrsArea: SyncAreaModule = (client, { store, now }) => {
  const syncCdrFiles = client.syncCdrFiles?.bind(client)
  const syncCdrRecords = client.syncCdrRecords?.bind(client)
  if (!syncCdrFiles && !syncCdrRecords) return undefined
  return async (account, signal, progress) => {
    const to = new Date(now())
    const from = new Date(to.getTime() - cdrSyncDays * 86_400_000)
    const day = (date: Date): string => date.toISOString().slice(0, 10)
    const range = { from: day(from), to: day(to) }
    let rows = 0
    if (syncCdrFiles) {
      const files = await syncCdrFiles({ ...range, signal })
      throwIfAborted(signal)
      store.cdrs.replaceFilesFor(account.id, files)
      rows += files.length
      progress(rows, 1)
    }
    if (syncCdrRecords) {
      const records: CdrRecord[] = []
      let pages = 0
      await syncCdrRecords({
        ...range,
        signal,
        onPage: (page) => {
          throwIfAborted(signal)
          records.push(...page)
          pages += 1
          progress(rows + records.length, pages)
        },
      })
      throwIfAborted(signal)
      const fromMs = Date.parse(`${range.from}T00:00:00Z`)
      const toMs = Date.parse(`${range.to}T00:00:00Z`) + 86_400_000
      rows += store.cdrs.replaceRecordsFor(account.id, { fromMs, toMs }, records)
    }
    return rows
  }
}
