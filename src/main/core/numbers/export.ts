/**
 * The numbers export: the whole filtered result (not the visible page) as CSV, streamed row by row from a
 * snapshot of its own, with times in the user's zone.
 */
import type { PhoneNumberRecord } from '../../../shared/domain'
import type { NumberColumn, NumbersQuery } from '../../../shared/numbers-query'
import type { Store } from '../../store/store'
import { writeCsvExport, zonedTimeFormat } from '../csv-export'

export class NumbersExport {
  constructor(private readonly deps: { store: Store; dataDir: string; now: () => number }) {}

  /**
   * Writes the whole filtered result (not the visible page) as CSV, streamed row by row, with times in the
   * user's zone. Written to a `.part` file and renamed, so a failed export never looks complete.
   */
  async export(
    input: { query: Omit<NumbersQuery, 'offset' | 'limit'>; timeZone: string; columns?: string[] | undefined },
    signal: AbortSignal,
  ): Promise<{ file: string; rows: number }> {
    const time = zonedTimeFormat(input.timeZone)
    // The table's columns (shared with the grid and saved views) and the notes.
    const all: Record<NumberColumn | 'notes', (n: PhoneNumberRecord) => string> = {
      number: (n) => n.e164,
      carrier: (n) => n.carrier,
      account: (n) => n.accountName ?? n.accountId,
      type: (n) => n.type,
      status: (n) => (n.goneAt ? `${n.status} (gone)` : n.status),
      state: (n) => n.state ?? '',
      rateCenter: (n) => n.rateCenter ?? '',
      trunk: (n) => n.trunk ?? '',
      cnam: (n) => n.cnam ?? '',
      e911: (n) => n.e911 ?? '',
      group: (n) => n.group ?? '',
      failover: (n) => n.failover ?? '',
      monthlyCost: (n) => (n.monthlyCost === undefined ? '' : n.monthlyCost.toFixed(2)),
      tags: (n) => (n.tags ?? []).join(' '),
      notes: (n) => n.notes ?? '',
      asOf: (n) => time(n.asOf),
    }
    const columns = (input.columns ?? Object.keys(all)).filter((column): column is keyof typeof all => Object.hasOwn(all, column))
    const numbers = this.deps.store.numbers.iterate(input.query)
    function* records(): Generator<Record<string, string>> {
      for (const number of numbers) {
        yield Object.fromEntries(columns.map((column) => [column, all[column](number)]))
      }
    }
    return writeCsvExport({ dataDir: this.deps.dataDir, name: 'numbers', now: this.deps.now(), columns, rows: records(), signal })
  }
}
