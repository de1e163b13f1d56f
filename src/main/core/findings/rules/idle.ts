/**
 * Numbers with no call records in the last N days (the `idleNumberDays` setting), judged only at accounts
 * whose call-record cache covers those days (its first record at or before their start, and records or a
 * call-record sync within the last day): candidates for release, their monthly cost summed.
 */
import { numberSubject, oldestAsOf, type FindingRule } from '../rule'

const dayMs = 86_400_000

export const idleRule: FindingRule = {
  kind: 'idle',
  severity: 'waste',
  evaluate({ store, accounts, settings, now, can }) {
    const days = settings.idleNumberDays
    const since = now - days * dayMs
    const findings = []
    const notes: string[] = []
    for (const account of accounts) {
      if (!can(account.carrier, 'cdrs.records')) continue
      const span = store.findings.cdrSpan(account.id)
      if (!span) {
        notes.push(`${account.name}: no call records cached, so idle numbers cannot be told (sync its call records)`)
        continue
      }
      const lastSync = store.findings.lastSucceededSync(account.id, 'cdrs') ?? 0
      if (span.first > since) {
        const covered = Math.floor((now - span.first) / dayMs)
        notes.push(`${account.name}: call records cover ${covered} of the ${days} idle days, so its idle numbers are not judged yet`)
        continue
      }
      if (Math.max(span.last, lastSync) < now - dayMs) {
        notes.push(`${account.name}: call records end ${new Date(Math.max(span.last, lastSync)).toISOString().slice(0, 10)}; sync them to judge idle numbers`)
        continue
      }
      const called = store.findings.numbersInCallsSince(account.id, since)
      const idle = store.findings.activeOf(account.id).filter((n) => !called.has(n.e164))
      if (idle.length === 0) continue
      findings.push({
        scope: account.id,
        why: `No call to or from ${idle.length === 1 ? 'this number' : `these ${idle.length} numbers`} in the last ${days} days while the call records cover them: candidates for release.`,
        subjects: idle.map((n) => numberSubject(n, `no calls in ${days} days`)),
        facts: { days, numbers: idle.map((n) => n.e164) },
        actions: ['release' as const, 'open-numbers' as const],
        asOf: oldestAsOf(idle),
      })
    }
    return { findings, notes }
  },
}
