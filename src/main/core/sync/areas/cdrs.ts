/**
 * The CDR area: the last days of call records into the store (cdrs/fetch.ts): Vitcom's listed daily files
 * not ingested yet are downloaded and ingested, Call48's XDR days re-read until they are complete (so the
 * recent window stays fresh), then records older than the retention setting are pruned. Older ranges are
 * fetched on request (`carrierdesk cdrs sync --from`, the screen's "Fetch call records").
 */
import { AppError } from '../../../lib/app-error'
import { fetchCallRecords, fetchesCallRecords, utcDay } from '../../cdrs/fetch'
import { applyRetention } from '../../cdrs/retention'
import type { SyncAreaModule } from '../area'

/** How many days back a sync fetches. */
export const cdrSyncDays = 7

export const cdrsArea: SyncAreaModule = (client, deps) => {
  if (!fetchesCallRecords(client)) return undefined
  return async (account, signal, progress) => {
    const now = deps.now()
    const range = { from: utcDay(now - cdrSyncDays * 86_400_000), to: utcDay(now) }
    const result = await fetchCallRecords(client, account, range, deps, signal, (p) => progress(p.rows, p.done))
    applyRetention(deps.store, now)
    const failed = result.sources.filter((source) => source.error !== undefined)
    if (failed.length > 0 && failed.length === result.sources.length) {
      throw new AppError('carrier', `No call records could be fetched: ${failed[0]!.source}: ${failed[0]!.error}`)
    }
    return result.read
  }
}
