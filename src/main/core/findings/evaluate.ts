/**
 * Every rule run over the cache, each one's drafts or why it could not run: the part of computing findings
 * that reads the whole cache, so it can run on the calling thread or in the findings worker alike (its
 * answer is plain data). Fingerprints and dismissals are applied afterwards by the service.
 */
import { createHash } from 'node:crypto'
import type { Capability } from '../../../shared/domain'
import { findingKinds, maxFindingSubjects, summedMonthlyCost, type FindingKind } from '../../../shared/findings'
import type { AppSettings } from '../../../shared/settings'
import type { CarrierRegistry } from '../../carriers/registry'
import type { Store } from '../../store/store'
import type { FindingDraft, RuleContext } from './rule'
import { findingRules } from './rules'

/**
 * A rule's drafts, each with the fingerprint of its facts (the facts stay here: only the hash is kept), its
 * subjects cut to `maxSubjects`, their count and their summed cost.
 */
export interface RuleOutcome {
  kind: FindingKind
  drafts: (Omit<FindingDraft, 'facts'> & { fingerprint: string; subjectCount: number; monthlyCost: number | undefined })[]
  notes: string[]
}

const fingerprintOf = (facts: unknown): string => createHash('sha256').update(JSON.stringify(facts)).digest('hex').slice(0, 20)

export function evaluateRules(options: {
  store: Store
  registry: CarrierRegistry
  settings: AppSettings
  now: number
  /** How many subjects each finding keeps (default `maxFindingSubjects`; the CLI's `findings show` keeps all). */
  maxSubjects?: number | undefined
}): RuleOutcome[] {
  const { store, registry, settings, now, maxSubjects = maxFindingSubjects } = options
  const accounts = store.accounts.list().map((a) => ({ id: a.id, name: a.name, carrier: a.carrier }))
  const capabilityCache = new Map<string, Set<Capability>>()
  const capabilitiesOf = (carrier: string): Set<Capability> => {
    let known = capabilityCache.get(carrier)
    if (!known) {
      known = new Set(registry.ids().includes(carrier) ? registry.get(carrier).capabilities : [])
      capabilityCache.set(carrier, known)
    }
    return known
  }
  const context: RuleContext = {
    store,
    accounts,
    settings,
    now,
    can: (carrier, capability) => capabilitiesOf(carrier).has(capability),
    factsOf: (carrier) => (registry.ids().includes(carrier) ? registry.get(carrier).cachedFacts : undefined),
  }
  return findingKinds.map((kind) => {
    try {
      const result = findingRules[kind].evaluate(context)
      const drafts = result.findings.map(({ facts, subjects, ...draft }) => ({
        ...draft,
        subjects: subjects.length > maxSubjects ? subjects.slice(0, maxSubjects) : subjects,
        subjectCount: subjects.length,
        monthlyCost: summedMonthlyCost(subjects),
        fingerprint: fingerprintOf(facts),
      }))
      return { kind, drafts, notes: result.notes ?? [] }
    } catch (error) {
      return { kind, drafts: [], notes: [`This rule could not run: ${error instanceof Error ? error.message : String(error)}`] }
    }
  })
}
