/** The findings rules, one module each, in the order the Findings screen lists their kinds. */
import type { FindingKind } from '../../../shared/findings'
import type { FindingRule } from './rule'
import { danglingTrunkRule } from './rules/dangling-trunk'
import { duplicateRule } from './rules/duplicate'
import { expiringHoldRule } from './rules/expiring-hold'
import { focSoonRule } from './rules/foc-soon'
import { goneAnnotatedRule } from './rules/gone-annotated'
import { idleRule } from './rules/idle'
import { noCnamRule } from './rules/no-cnam'
import { noE911Rule } from './rules/no-e911'
import { unroutedRule } from './rules/unrouted'

export const findingRules = {
  unrouted: unroutedRule,
  'no-e911': noE911Rule,
  'no-cnam': noCnamRule,
  idle: idleRule,
  'dangling-trunk': danglingTrunkRule,
  duplicate: duplicateRule,
  'expiring-hold': expiringHoldRule,
  'foc-soon': focSoonRule,
  'gone-annotated': goneAnnotatedRule,
} as const satisfies Record<FindingKind, FindingRule>
