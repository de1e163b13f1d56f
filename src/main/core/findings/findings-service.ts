/**
 * Findings: every rule (rules.ts) run over the cache after each sync, after local changes to numbers and on
 * demand; the last computation kept for the screens and the navigation's count. The computations that
 * follow changes run in the findings worker where the desk has one (a 200,000-number cache takes seconds of
 * rules), so the thread that answers the window stays free. A dismissal is stored with
 * who and why against the finding's fingerprint (a hash of its facts): while the facts stay the same the
 * finding stays dismissed; when they change it opens again, showing the outgrown dismissal.
 */
import { findingTitles, type Finding, type FindingsReport, type FindingsSummary } from '../../../shared/findings'
import type { CarrierRegistry } from '../../carriers/registry'
import { AppError } from '../../lib/app-error'
import type { Store } from '../../store/store'
import type { ActivityLog } from '../activity-log'
import type { EventHub } from '../events'
import type { SettingsService } from '../settings-service'
import { evaluateAway } from './evaluate-away'
import { evaluateRules, type RuleOutcome } from './evaluate'
import { findingRules } from './rules'

export interface FindingsDeps {
  store: Store
  registry: CarrierRegistry
  settings: SettingsService
  activity: ActivityLog
  events: EventHub
  actor: string
  now: () => number
  /** The findings worker's built script and the database it reads; without it, rules run on this thread. */
  worker?: { script: string; databasePath: string } | undefined
}

/** How long after the last change in a burst the findings are computed again. */
export const recomputeDelayMs = 150

export class FindingsService {
  private last: FindingsReport | undefined
  /** Set when the cache changed since `last` (a computation is scheduled). */
  private stale = false
  /** Counts the changes announced, so a computation knows whether one came while it ran. */
  private generation = 0
  /** The computation running in the findings worker, if one is, and how to end it. */
  private away: Promise<void> | undefined
  private stopAway: (() => void) | undefined
  /** The computation waiting out a burst of changes, and who waits for it to start. */
  private scheduled: ReturnType<typeof setTimeout> | undefined
  private onStarted: Array<() => void> = []

  constructor(private readonly deps: FindingsDeps) {}

  /**
   * Recomputes when the cache changes: a sync's end, a change to numbers, the idle period's setting. Events
   * that come in a burst (notes saved one after another, accounts finishing a sync) make one computation a
   * moment after the last, off the path of the work that announced them. The returned stop cancels it.
   */
  follow(): () => void {
    const started = (): void => {
      this.scheduled = undefined
      for (const resolve of this.onStarted.splice(0)) resolve()
    }
    const schedule = (): void => {
      this.stale = true
      this.generation += 1
      if (this.scheduled !== undefined) clearTimeout(this.scheduled)
      this.scheduled = setTimeout(() => {
        started()
        try {
          this.refresh()
        } catch {
          // The database closed or refused: the next event or request computes again.
        }
      }, recomputeDelayMs)
      this.scheduled.unref?.()
    }
    const offs = [
      this.deps.events.on('sync.finished', schedule),
      this.deps.events.on('numbers.changed', schedule),
      this.deps.events.on('settings.changed', schedule),
    ]
    return () => {
      if (this.scheduled !== undefined) clearTimeout(this.scheduled)
      started()
      offs.forEach((off) => off())
      // Closing: a computation under way is not waited for; its answer would be dropped.
      this.generation += 1
      this.stopAway?.()
    }
  }

  /**
   * Resolves once no computation is waiting out a burst or running in the worker, so whoever must see the
   * cache at rest (a script reading findings after a batch, a test asserting that nothing fires) can wait.
   */
  async quiet(): Promise<void> {
    while (this.scheduled !== undefined || this.away !== undefined) {
      if (this.away) await this.away
      else await new Promise<void>((resolve) => this.onStarted.push(resolve))
    }
  }

  /** The last computation, or a fresh one when none was made in this process or the cache changed since. */
  list(): FindingsReport {
    return this.last && !this.stale ? this.last : this.compute()
  }

  /** Runs every rule over the cache now, on this thread, and tells the front doors how many findings are open. */
  compute(): FindingsReport {
    const now = this.deps.now()
    return this.assemble(this.evaluateHere(now), now)
  }

  /**
   * One finding as it stands now with every subject, however many (`findings show` in the CLI, which
   * prints them all). Not kept as the last computation, nor announced: the screens get the listed ones.
   */
  withAllSubjects(id: string): Finding | undefined {
    return this.findingsOf(this.evaluateHere(this.deps.now(), Infinity)).find((finding) => finding.id === id)
  }

  /** Every rule over the cache, on this thread. */
  private evaluateHere(now: number, maxSubjects?: number): RuleOutcome[] {
    return evaluateRules({ store: this.deps.store, registry: this.deps.registry, settings: this.deps.settings.get(), now, maxSubjects })
  }

  /**
   * The findings, current: what the screens ask for. A request arriving while the worker computes after a
   * change waits for its answer instead of computing again on this thread.
   */
  async settled(): Promise<FindingsReport> {
    if (this.last && !this.stale) return this.last
    await this.away
    return this.list()
  }

  /**
   * A computation in the findings worker (when there is one), else here. A change that comes while it runs
   * schedules another, and the older answer is not taken as current.
   */
  private refresh(): void {
    const worker = this.deps.worker
    if (!worker) {
      this.compute()
      return
    }
    const generation = this.generation
    const now = this.deps.now()
    const evaluation = evaluateAway(worker.script, { databasePath: worker.databasePath, settings: this.deps.settings.get(), now })
    this.stopAway = evaluation.stop
    const away = evaluation.outcomes
      .then((outcomes) => {
        if (generation === this.generation) this.assemble(outcomes, now)
      })
      .catch(() => {
        // The worker could not answer (the database closed, the thread died): compute here instead.
        if (generation === this.generation) this.compute()
      })
      .catch(() => undefined)
    this.away = away
    void away.finally(() => {
      if (this.away !== away) return
      this.away = undefined
      this.stopAway = undefined
    })
  }

  /** The report from the rules' outcomes, kept as the last; the count sent out. */
  private assemble(outcomes: RuleOutcome[], now: number): FindingsReport {
    const findings = this.findingsOf(outcomes)
    const notes = outcomes.flatMap(({ kind, notes: ruleNotes }) => ruleNotes.map((message) => ({ kind, message })))
    const open = findings.filter((f) => f.status === 'open').length
    const report: FindingsReport = { computedAt: now, findings, open, dismissed: findings.length - open, notes }
    this.last = report
    this.stale = false
    const summary: FindingsSummary = { computedAt: now, open, dismissed: report.dismissed }
    this.deps.events.emit('findings.changed', summary)
    return report
  }

  /** Each draft of the rules' outcomes as a finding, with its dismissal (held while its fingerprint is). */
  private findingsOf(outcomes: RuleOutcome[]): Finding[] {
    const dismissals = new Map(this.deps.store.findings.dismissals().map((d) => [d.findingId, d]))
    const findings: Finding[] = []
    for (const { kind, drafts } of outcomes) {
      const rule = findingRules[kind]
      for (const draft of drafts) {
        const id = `${kind}:${draft.scope}`
        const { fingerprint } = draft
        const dismissal = dismissals.get(id)
        const held = dismissal !== undefined && dismissal.fingerprint === fingerprint
        findings.push({
          id,
          kind,
          severity: rule.severity,
          title: draft.title ?? findingTitles[kind],
          why: draft.why,
          subjects: draft.subjects,
          subjectCount: draft.subjectCount,
          monthlyCost: draft.monthlyCost,
          fingerprint,
          status: held ? 'dismissed' : 'open',
          dismissal: dismissal ? { by: dismissal.by, reason: dismissal.reason, at: dismissal.at } : undefined,
          reopened: dismissal !== undefined && !held ? true : undefined,
          actions: draft.actions,
          asOf: draft.asOf,
        })
      }
    }
    return findings
  }

  /** Dismisses a finding as it stands now, with who (this instance's actor) and why; logged. */
  dismiss(input: { id: string; reason: string }): Finding {
    const finding = this.current(input.id)
    this.deps.store.findings.dismiss({
      findingId: finding.id,
      kind: finding.kind,
      fingerprint: finding.fingerprint,
      by: this.deps.actor,
      reason: input.reason,
      at: this.deps.now(),
    })
    this.deps.activity.record({
      action: 'finding.dismiss',
      result: 'succeeded',
      target: finding.id,
      message: input.reason,
      details: { kind: finding.kind, subjects: finding.subjects.length, fingerprint: finding.fingerprint },
    })
    return this.after(finding.id)
  }

  /** Opens a dismissed finding again (its dismissal is removed); logged. */
  reopen(input: { id: string }): Finding {
    const finding = this.current(input.id)
    if (!this.deps.store.findings.undismiss(finding.id)) throw new AppError('validation', `${finding.id} is not dismissed`)
    this.deps.activity.record({ action: 'finding.reopen', result: 'succeeded', target: finding.id, details: { kind: finding.kind } })
    return this.after(finding.id)
  }

  private current(id: string): Finding {
    const finding = this.compute().findings.find((f) => f.id === id)
    if (!finding) throw new AppError('not-found', `No finding ${id} now (the facts may have changed: list the findings again)`)
    return finding
  }

  private after(id: string): Finding {
    const finding = this.compute().findings.find((f) => f.id === id)
    if (!finding) throw new AppError('not-found', `No finding ${id}`)
    return finding
  }
}
