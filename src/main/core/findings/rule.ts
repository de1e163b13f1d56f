/**
 * What a findings rule is: one module per kind under rules/, reading the cache through the findings
 * repository and returning what it flags, grouped (by account, number or port order), with the facts a
 * dismissal is held against. A rule that cannot judge part of the cache says so in a note.
 */
import type { Capability } from '../../../shared/domain'
import type { FindingAction, FindingKind, FindingSeverity, FindingSubject } from '../../../shared/findings'
import type { AppSettings } from '../../../shared/settings'
import type { CachedNumberFacts } from '../../carriers/adapter'
import type { FactNumber } from '../../store/repositories/findings'
import type { Store } from '../../store/store'

export interface RuleAccount {
  id: string
  name: string
  carrier: string
}

export interface RuleContext {
  store: Store
  accounts: RuleAccount[]
  settings: AppSettings
  now: number
  /** Whether the account's carrier declares a capability. */
  can(carrier: string, capability: Capability): boolean
  /** The carrier's reading of its raw number records, if it has one. */
  factsOf(carrier: string): CachedNumberFacts | undefined
}

export interface FindingDraft {
  /** The account id, the number or `account/port` the finding is about (the id's part after the kind). */
  scope: string
  title?: string | undefined
  why: string
  subjects: FindingSubject[]
  /** What a dismissal is held against: when these change, a dismissed finding opens again. */
  facts: unknown
  actions: FindingAction[]
  asOf?: number | undefined
}

export interface RuleResult {
  findings: FindingDraft[]
  notes?: string[] | undefined
}

export interface FindingRule {
  kind: FindingKind
  severity: FindingSeverity
  evaluate(context: RuleContext): RuleResult
}

/** A cached number as a finding's subject. */
export const numberSubject = (n: FactNumber, detail?: string): FindingSubject => ({
  accountId: n.accountId,
  accountName: n.accountName,
  carrier: n.carrier,
  e164: n.e164,
  detail,
  monthlyCost: n.monthlyCost ?? undefined,
})

/** Numbers grouped by account, in the order given. */
export function byAccount<T extends { accountId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const group = groups.get(item.accountId)
    if (group) group.push(item)
    else groups.set(item.accountId, [item])
  }
  return groups
}

/** The oldest "as of" of some cached rows. */
export function oldestAsOf(rows: readonly { asOf: number }[]): number | undefined {
  // A loop, not Math.min(...): spread into a call's arguments, 200,000 rows overflow the stack.
  let oldest: number | undefined
  for (const { asOf } of rows) if (oldest === undefined || asOf < oldest) oldest = asOf
  return oldest
}

/** Carriers' names for a note, once each. */
export const accountNames = (accounts: readonly RuleAccount[]): string => [...new Set(accounts.map((a) => a.name))].join(', ')
