/**
 * Port orders with a FOC date in the next 48 hours (a date only: the day counts from its start, UTC, until
 * its end), not yet completed, rejected or cancelled: the cut-over needs someone ready for it.
 */
import type { FindingDraft, FindingRule } from '../rule'

const dayMs = 86_400_000
export const focWindowMs = 48 * 3_600_000
const closed = new Set(['completed', 'rejected', 'cancelled'])

export const focSoonRule: FindingRule = {
  kind: 'foc-soon',
  severity: 'attention',
  evaluate({ store, accounts, now }) {
    const names = new Map(accounts.map((a) => [a.id, a.name]))
    const findings: FindingDraft[] = []
    for (const port of store.ports.list()) {
      if (!port.focDate || closed.has(port.status)) continue
      const day = Date.parse(`${port.focDate.slice(0, 10)}T00:00:00Z`)
      if (!Number.isFinite(day) || day > now + focWindowMs || day + dayMs <= now) continue
      findings.push({
        scope: `${port.accountId}/${port.id}`,
        why: `Port ${port.id} cuts over on ${port.focDate.slice(0, 10)}: have routing ready at the new carrier and someone watching the first calls.`,
        subjects: [
          {
            accountId: port.accountId,
            accountName: names.get(port.accountId) ?? port.accountId,
            carrier: port.carrier,
            objectId: port.id,
            detail: `FOC ${port.focDate.slice(0, 10)}, ${port.status}, ${port.numbers.length} number${port.numbers.length === 1 ? '' : 's'}: ${port.numbers.slice(0, 5).join(', ')}${port.numbers.length > 5 ? '…' : ''}`,
          },
        ],
        facts: { focDate: port.focDate, status: port.status, numbers: port.numbers },
        actions: ['open-ports'],
        asOf: port.asOf,
      })
    }
    return { findings }
  },
}
