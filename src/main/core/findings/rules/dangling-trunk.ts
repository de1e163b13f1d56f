/**
 * Numbers routed to a trunk that no longer exists or is disabled, judged at accounts whose trunks were
 * synced successfully (a trunk is matched by its id or its name; forwards are not trunks).
 */
import type { FactNumber } from '../../../store/repositories/findings'
import { byAccount, numberSubject, oldestAsOf, type FindingRule } from '../rule'

export const danglingTrunkRule: FindingRule = {
  kind: 'dangling-trunk',
  severity: 'risk',
  evaluate({ store, accounts }) {
    const trunksOf = byAccount(store.trunks.list())
    // Asked before the numbers are read: the read below runs one row at a time and cannot query meanwhile.
    const judged = new Set(accounts.filter((a) => store.findings.lastSucceededSync(a.id, 'trunks') !== undefined).map((a) => a.id))
    const problemOf = (n: FactNumber): string | undefined => {
      if (!judged.has(n.accountId)) return undefined
      const trunk = (trunksOf.get(n.accountId) ?? []).find((t) => t.id === n.trunk || t.name === n.trunk)
      if (!trunk) return `trunk ${n.trunk} no longer exists`
      if (trunk.status === 'disabled') return `trunk ${trunk.name} (${trunk.id}) is disabled`
      return undefined
    }
    const flagged = store.findings.routedToTrunk((n) => problemOf(n) !== undefined).map((n) => ({ ...n, why: problemOf(n)! }))
    return {
      findings: [...byAccount(flagged)].map(([accountId, numbers]) => ({
        scope: accountId,
        why: 'Calls to these numbers are sent to a trunk that is gone or disabled, so they fail: route them to a working trunk.',
        subjects: numbers.map((n) => numberSubject(n, n.why)),
        facts: numbers.map((n) => [n.e164, n.why]),
        actions: ['route', 'open-trunks'],
        asOf: oldestAsOf(numbers),
      })),
    }
  },
}
