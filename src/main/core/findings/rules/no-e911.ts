/** Active local numbers without an E911 address, at carriers that keep one (others cannot say: not judged). */
import { byAccount, numberSubject, oldestAsOf, type FindingRule } from '../rule'

export const noE911Rule: FindingRule = {
  kind: 'no-e911',
  severity: 'risk',
  evaluate({ store, can }) {
    const missing = store.findings.activeLocalWithoutE911().filter((n) => can(n.carrier, 'numbers.e911'))
    return {
      findings: [...byAccount(missing)].map(([accountId, numbers]) => ({
        scope: accountId,
        why: 'A 911 call from a number without a registered address reaches no local dispatcher with a location: set the address or confirm the number never places calls.',
        subjects: numbers.map((n) => numberSubject(n)),
        facts: numbers.map((n) => n.e164),
        actions: ['open-numbers'],
        asOf: oldestAsOf(numbers),
      })),
    }
  },
}
