/**
 * The retention setting (`cdrRetentionDays`, default 400): cached call records that started before the UTC
 * day that many days ago are pruned, after every CDR sync and on the technician's request.
 */
import type { Store } from '../../store/store'
import { readAppSettings } from '../settings-service'

const dayMs = 86_400_000

/** The moment before which records are past the retention setting. */
export const retentionCutoff = (store: Store, now: number): number => now - readAppSettings(store.settings).cdrRetentionDays * dayMs

export function applyRetention(store: Store, now: number): { deleted: number; cutoff: number } {
  return store.callRecords.prune(retentionCutoff(store, now))
}
