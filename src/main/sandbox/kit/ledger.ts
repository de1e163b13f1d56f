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
  /**
   * Calls `listener` with each entry as it is recorded, before the simulator answers the request, so a
   * test can act at the exact moment a mutation commits (e.g. cancel a job while its call is in flight).
   * Returns the function that stops listening.
   */
  onRecord(listener: (entry: LedgerEntry) => void): () => void
  clear(): void
}

export function createLedger(now: () => number): Ledger {
  const all: LedgerEntry[] = []
  const listeners = new Set<(entry: LedgerEntry) => void>()
  let seq = 0
  return {
    record(carrier, operation, details) {
      seq += 1
      const entry = { seq, at: now(), carrier, operation, details }
      all.push(entry)
      for (const listener of listeners) listener(entry)
      return entry
    },
    onRecord(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
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
