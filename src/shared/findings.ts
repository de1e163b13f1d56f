/**
 * Findings: what is wrong across the carriers, computed from the cache (waste, risk, things about to
 * happen). Each finding groups the numbers or objects one rule flags at one account (or one number, for
 * numbers listed twice), with why it matters and its monthly cost where there is one. A dismissal is kept
 * with who and why and holds while the finding's facts (its fingerprint) stay the same.
 */
import { maxBatchTargets } from './domain'

/** The rules, one module each in main's core/findings/rules/. */
export const findingKinds = [
  'unrouted',
  'no-e911',
  'no-cnam',
  'idle',
  'dangling-trunk',
  'duplicate',
  'expiring-hold',
  'foc-soon',
  'gone-annotated',
] as const
export type FindingKind = (typeof findingKinds)[number]

/** Waste costs money every month; risk can hurt someone (no 911 address); attention is time-bound. */
export type FindingSeverity = 'waste' | 'risk' | 'attention'

/** What a technician can do about a finding from the Findings screen (besides dismissing it). */
export type FindingAction = 'route' | 'release' | 'open-numbers' | 'open-ports' | 'open-trunks'

/** One number or object a finding is about. */
export interface FindingSubject {
  accountId: string
  accountName: string
  carrier: string
  /** The number, for findings about numbers. */
  e164?: string | undefined
  /** The object's id for findings about other things (a port order's id). */
  objectId?: string | undefined
  /** One line of facts about this subject ("trunk orig-109 (not cached)", "FOC 2026-12-04"). */
  detail?: string | undefined
  monthlyCost?: number | undefined
}

export interface FindingDismissal {
  by: string
  reason: string
  at: number
}

/**
 * The most subjects a finding carries to the front doors: as many as one numbers change or release takes at
 * once (the contract's limit), so its card's actions reach every listed number. A finding over 300,000
 * numbers sent whole would cost the window seconds and hundreds of megabytes; its count and cost still
 * cover all of them, and the Numbers screen's filters reach the rest.
 */
export const maxFindingSubjects = maxBatchTargets

/** Subjects' monthly costs summed to the cent, or undefined when none of them has a known cost. */
export function summedMonthlyCost(subjects: readonly { monthlyCost?: number | undefined }[]): number | undefined {
  let sum = 0
  let known = false
  for (const { monthlyCost } of subjects) {
    if (monthlyCost === undefined) continue
    sum += monthlyCost
    known = true
  }
  return known ? Math.round(sum * 100) / 100 : undefined
}

export interface Finding {
  /** Stable while the finding concerns the same rule and scope: `<kind>:<account id or number>`. */
  id: string
  kind: FindingKind
  severity: FindingSeverity
  title: string
  /** Why it matters, in a sentence. */
  why: string
  /** The first `maxFindingSubjects` of the numbers or objects it concerns (all of them, mostly). */
  subjects: FindingSubject[]
  /** How many numbers or objects it concerns: more than `subjects` lists when the finding is that large. */
  subjectCount: number
  /** Every subject's monthly cost summed (the unlisted too), when at least one has a known cost. */
  monthlyCost?: number | undefined
  /** A hash of the facts: a dismissal holds while it stays the same. */
  fingerprint: string
  status: 'open' | 'dismissed'
  /** The dismissal in force (status 'dismissed'), or the earlier one the facts have outgrown (status 'open'). */
  dismissal?: FindingDismissal | undefined
  /** Set with an outgrown dismissal: the finding was dismissed, then its facts changed. */
  reopened?: boolean | undefined
  actions: FindingAction[]
  /** The oldest "as of" of the cached data the finding rests on. */
  asOf?: number | undefined
}

/** A rule that could not judge (its data is not cached, or does not cover the period it needs). */
export interface FindingRuleNote {
  kind: FindingKind
  message: string
}

export interface FindingsReport {
  computedAt: number
  findings: Finding[]
  open: number
  dismissed: number
  notes: FindingRuleNote[]
}

/** The nav badge's facts, sent after each computation. */
export interface FindingsSummary {
  computedAt: number
  open: number
  dismissed: number
}

export const findingTitles: Record<FindingKind, string> = {
  unrouted: 'Billed but not routed',
  'no-e911': 'Active local numbers without an E911 address',
  'no-cnam': 'Toll-free numbers without CNAM',
  idle: 'No calls in the idle period',
  'dangling-trunk': 'Routed to a missing or disabled trunk',
  duplicate: 'Listed at two accounts',
  'expiring-hold': 'Reservation about to expire',
  'foc-soon': 'Port FOC date within 48 hours',
  'gone-annotated': 'Gone from the carrier, still tagged or noted',
}
