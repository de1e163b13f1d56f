/**
 * The ledger records every mutation a simulator accepted, so a test can prove that a purchase, order,
 * release or payment happened exactly once no matter how many faults were injected around it.
 */
export interface LedgerEntry {
  seq: number
  at: number
  carrier: string
  operation: string
  /** What was changed (numbers, ids, amounts); never a secret. */
  details: Record<string, unknown>
}

export interface Ledger {
  record(carrier: string, operation: string, details: Record<string, unknown>): LedgerEntry
  entries(filter?: { carrier?: string; operation?: string }): LedgerEntry[]
  clear(): void
}

export function createLedger(now: () => number): Ledger {
  const all: LedgerEntry[] = []
  let seq = 0
  return {
    record(carrier, operation, details) {
      seq += 1
      const entry = { seq, at: now(), carrier, operation, details }
      all.push(entry)
      return entry
    },
    entries(filter = {}) {
      return all.filter(
        (entry) =>
          (filter.carrier === undefined || entry.carrier === filter.carrier) &&
          (filter.operation === undefined || entry.operation === filter.operation),
      )
    },
    clear() {
      all.length = 0
    },
  }
}
