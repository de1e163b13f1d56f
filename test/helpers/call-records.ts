/** Hand-built call records put into a store through the one ingest boundary, as a carrier's would be. */
import type { CdrRecord } from '../../src/shared/domain'
import type { Store } from '../../src/main/store/store'

/** Defaults for a record: an answered minute from a Miami caller to one of ours. */
export function callRecord(accountId: string, id: string, fields: Partial<CdrRecord> = {}): CdrRecord {
  return {
    accountId,
    carrier: 'call48',
    id,
    direction: 'origination',
    startedAt: Date.UTC(2026, 10, 20, 14, 0),
    from: '+13055550100',
    to: '+13055550199',
    ourNumber: '+13055550199',
    durationSeconds: 60,
    billedSeconds: 60,
    disposition: 'answered',
    cost: 0.0042,
    raw: { id },
    ...fields,
  }
}

/** Ingests the records of one account as one source; returns how many were new. */
export function putCallRecords(store: Store, records: readonly CdrRecord[], source = 'test'): number {
  const first = records[0]
  if (!first) return 0
  const session = store.callRecords.beginIngest(first.accountId, first.carrier, { source })
  try {
    for (let i = 0; i < records.length; i += 1000) session.write(records.slice(i, i + 1000))
    return session.commit({ startedAt: 0, finishedAt: 0 }, { read: records.length, rejected: 0, problems: [] }).added
  } finally {
    session.dispose()
  }
}
