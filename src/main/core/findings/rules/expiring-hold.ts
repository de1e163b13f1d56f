/**
 * Reservations about to expire (within a day): reserved numbers whose carrier writes when the hold ends in
 * its record (`cachedFacts.holdExpiresAt`); reserved numbers whose record does not say are noted.
 */
import { byAccount, numberSubject, oldestAsOf, type FindingRule } from '../rule'

/** How far ahead a hold's end is flagged. */
export const holdWarningMs = 24 * 3_600_000

export const expiringHoldRule: FindingRule = {
  kind: 'expiring-hold',
  severity: 'attention',
  evaluate({ store, now, factsOf }) {
    const reserved = store.findings.reserved()
    let unknown = 0
    const expiring = reserved.flatMap((n) => {
      const expiresAt = factsOf(n.carrier)?.holdExpiresAt?.({ status: n.status as never, trunk: n.trunk, raw: n.raw })
      if (expiresAt === undefined) {
        unknown += 1
        return []
      }
      return expiresAt > now && expiresAt <= now + holdWarningMs ? [{ ...n, expiresAt }] : []
    })
    return {
      findings: [...byAccount(expiring)].map(([accountId, numbers]) => ({
        scope: accountId,
        why: 'A held number is released back to the carrier when its reservation ends: buy it or let it go on purpose.',
        subjects: numbers.map((n) => numberSubject(n, `hold ends ${new Date(n.expiresAt).toISOString().replace('.000Z', 'Z')}`)),
        facts: numbers.map((n) => [n.e164, n.expiresAt]),
        actions: ['open-numbers'],
        asOf: oldestAsOf(numbers),
      })),
      notes: unknown > 0 ? [`${unknown} reserved number${unknown === 1 ? '' : 's'} whose carrier record does not say when the hold ends`] : [],
    }
  },
}
