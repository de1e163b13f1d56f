/** Numbers gone from their carrier (marked by a sync) that are still tagged or noted here. */
import { byAccount, numberSubject, oldestAsOf, type FindingRule } from '../rule'

export const goneAnnotatedRule: FindingRule = {
  kind: 'gone-annotated',
  severity: 'attention',
  evaluate({ store }) {
    const gone = store.findings.goneWithNotes()
    return {
      findings: [...byAccount(gone)].map(([accountId, numbers]) => ({
        scope: accountId,
        why: 'These numbers are no longer at the carrier, but local tags or notes still treat them as yours (a release nobody recorded, or a number lost).',
        subjects: numbers.map((n) =>
          numberSubject(n, [n.tags ? `tags: ${n.tags}` : '', n.notes ? `notes: ${n.notes.slice(0, 60)}` : ''].filter(Boolean).join('; ')),
        ),
        facts: numbers.map((n) => [n.e164, n.goneAt, n.tags, n.notes]),
        actions: ['open-numbers'],
        asOf: oldestAsOf(numbers),
      })),
    }
  },
}
