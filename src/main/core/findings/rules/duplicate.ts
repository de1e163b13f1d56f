/**
 * The same number listed at two accounts (two carriers, or twice at one): a port in flight when a port order
 * not yet completed, rejected or cancelled names it, else most likely paid for twice.
 */
import { numberSubject, oldestAsOf, type FindingDraft, type FindingRule } from '../rule'
import type { FactNumber } from '../../../store/repositories/findings'

const closedPorts = new Set(['completed', 'rejected', 'cancelled'])

export const duplicateRule: FindingRule = {
  kind: 'duplicate',
  severity: 'waste',
  evaluate({ store }) {
    const portsByNumber = new Map<string, string[]>()
    for (const port of store.ports.list()) {
      if (closedPorts.has(port.status)) continue
      for (const e164 of port.numbers) portsByNumber.set(e164, [...(portsByNumber.get(e164) ?? []), `port ${port.id} (${port.status})`])
    }
    const byNumber = new Map<string, FactNumber[]>()
    for (const n of store.findings.listedTwice()) byNumber.set(n.e164, [...(byNumber.get(n.e164) ?? []), n])
    const findings: FindingDraft[] = []
    for (const [e164, listings] of byNumber) {
      const ports = portsByNumber.get(e164) ?? []
      findings.push({
        scope: e164,
        title: ports.length > 0 ? 'Listed at two accounts, port in flight' : 'Listed at two accounts',
        why:
          ports.length > 0
            ? `A port in flight (${ports.join(', ')}): release the number at the losing carrier once the port completes, or it keeps being billed there.`
            : 'The number is listed (and likely billed) at more than one account: keep the one that routes it and release the other.',
        subjects: listings.map((n) => numberSubject(n, `${n.status}${n.trunk ? `, trunk ${n.trunk}` : ''}`)),
        facts: { accounts: listings.map((n) => n.accountId).sort(), ports },
        actions: ['open-numbers', 'open-ports'],
        asOf: oldestAsOf(listings),
      })
    }
    return { findings }
  },
}
