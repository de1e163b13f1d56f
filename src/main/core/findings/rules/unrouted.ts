/**
 * Billed but not routed: active numbers with no trunk, endpoint group or forwarding. A carrier whose raw
 * record routes otherwise (Call48's Porta numbers go to the account's SIP product) says so through its
 * adapter's `cachedFacts.routedBy`; numbers of carriers that do not route numbers are not judged.
 */
import { byAccount, numberSubject, oldestAsOf, type FindingRule } from '../rule'

export const unroutedRule: FindingRule = {
  kind: 'unrouted',
  severity: 'waste',
  evaluate({ store, can, factsOf }) {
    const unrouted = store.findings.activeWithoutTrunk(
      (n) => can(n.carrier, 'numbers.routing') && factsOf(n.carrier)?.routedBy?.({ status: n.status as never, trunk: n.trunk, raw: n.raw }) === undefined,
    )
    return {
      findings: [...byAccount(unrouted)].map(([accountId, numbers]) => ({
        scope: accountId,
        why: `${numbers.length === 1 ? 'This number is' : `These ${numbers.length} numbers are`} billed every month but calls to ${numbers.length === 1 ? 'it' : 'them'} go nowhere: route ${numbers.length === 1 ? 'it' : 'them'} to a trunk or release ${numbers.length === 1 ? 'it' : 'them'}.`,
        subjects: numbers.map((n) => numberSubject(n, 'no trunk, endpoint group or forwarding')),
        facts: numbers.map((n) => n.e164),
        actions: ['route', 'release'],
        asOf: oldestAsOf(numbers),
      })),
    }
  },
}
