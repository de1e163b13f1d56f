/** Toll-free numbers without CNAM, at carriers that offer CNAM. */
import { byAccount, numberSubject, oldestAsOf, type FindingRule } from '../rule'

export const noCnamRule: FindingRule = {
  kind: 'no-cnam',
  severity: 'risk',
  evaluate({ store, can }) {
    const missing = store.findings.tollFreeWithoutCnam().filter((n) => can(n.carrier, 'numbers.cnam'))
    return {
      findings: [...byAccount(missing)].map(([accountId, numbers]) => ({
        scope: accountId,
        why: 'Calls from a toll-free number without CNAM show no caller name and are more often ignored or flagged as spam.',
        subjects: numbers.map((n) => numberSubject(n)),
        facts: numbers.map((n) => n.e164),
        actions: ['open-numbers'],
        asOf: oldestAsOf(numbers),
      })),
    }
  },
}
