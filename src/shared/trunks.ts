/**
 * Trunk groups as a technician manages them: the fields each carrier's trunk forms take (declared by its
 * adapter, checked by the same function in the renderer, the CLI and the core, so every door names the
 * wrong field the same way before anything is sent), the trunks a number can be routed to, and traffic
 * figures with "unknown" kept apart from zero.
 */

/** Every setting a trunk form may have; a carrier's adapter says which of them it takes, per direction. */
export const trunkFieldKeys = [
  'name',
  'ip',
  'secondaryIp',
  'extraIps',
  'prefix',
  'port',
  'secondaryPrefix',
  'secondaryPort',
  'billing',
  'sessions',
  'unlimitedMou',
  'callForwarding',
  'ports',
  'cps',
  'routeType',
  'numFormat',
  'cliType',
] as const
export type TrunkFieldKey = (typeof trunkFieldKeys)[number]

/** A trunk's settings as typed: trimmed strings under the field keys; absent (or '') means "not given". */
export type TrunkValues = Partial<Record<TrunkFieldKey, string>>

export type TrunkDirection = 'origination' | 'termination'

/** How a field's value is checked. */
export type TrunkFieldRule =
  | { kind: 'text'; maxLength: number }
  /** One IPv4 address, with `:port` when `withPort`. */
  | { kind: 'ipv4'; withPort?: boolean }
  /** IPv4 addresses separated by commas or spaces. */
  | { kind: 'ipv4List'; withPort?: boolean; max: number }
  | { kind: 'digits'; minLength: number; maxLength: number }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'choice'; options: { value: string; label: string }[] }
  /** A carrier-specific shape (a regular expression's source), with an example for the message. */
  | { kind: 'pattern'; pattern: string; example: string }

export interface TrunkField {
  key: TrunkFieldKey
  label: string
  rule: TrunkFieldRule
  required?: boolean | undefined
  /** Required when another field has this value (Vitcom: sessions when billing is unmetered). */
  requiredWhen?: { key: TrunkFieldKey; value: string } | undefined
  /** Whether an edit may change it (Vitcom's update_trunk takes no billing type). */
  editable: boolean
  /** Whether an edit may empty it (Vitcom keeps a value that is not sent, so it cannot). */
  clearable?: boolean | undefined
  hint?: string | undefined
}

/** What one direction's trunks take at a carrier. */
export interface TrunkDirectionForm {
  fields: TrunkField[]
  /** Whether an existing trunk can be edited, and disabled. */
  canUpdate: boolean
  canDisable: boolean
}

export type TrunkForms = Partial<Record<TrunkDirection, TrunkDirectionForm>>

/** How a free-typed trunk id for routing looks at a carrier, so "other" can be checked before sending. */
export interface RoutingTrunkFormat {
  /** What the carrier calls it ("Origination trunk group", "Endpoint group"). */
  label: string
  /** A regular expression's source the id must match whole. */
  pattern: string
  example: string
}

export type TrunkProblems = Partial<Record<TrunkFieldKey | 'input', string>>

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

function ipv4Problem(value: string, withPort: boolean | undefined): string | undefined {
  const [address = '', port, ...rest] = value.split(':')
  if (rest.length > 0 || (port !== undefined && !withPort)) return `"${value.slice(0, 40)}" is not an IPv4 address like 203.0.113.10`
  if (!ipv4.test(address)) return `"${value.slice(0, 40)}" is not an IPv4 address like 203.0.113.10${withPort ? ' (or 203.0.113.10:5060)' : ''}`
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65_535)) return `"${value.slice(0, 40)}" has no valid port after the colon`
  return undefined
}

/** The list items of an ipv4List value. */
export const ipListOf = (value: string | undefined): string[] => (value ?? '').split(/[\s,]+/).filter((item) => item !== '')

/** What is wrong with one given (non-empty, trimmed) value under its rule; undefined when it is fine. */
function ruleProblem(rule: TrunkFieldRule, value: string): string | undefined {
  switch (rule.kind) {
    case 'text':
      return value.length > rule.maxLength ? `at most ${rule.maxLength} characters` : undefined
    case 'ipv4':
      return ipv4Problem(value, rule.withPort)
    case 'ipv4List': {
      const items = ipListOf(value)
      if (items.length > rule.max) return `at most ${rule.max} addresses`
      for (const item of items) {
        const problem = ipv4Problem(item, rule.withPort)
        if (problem) return problem
      }
      return new Set(items).size === items.length ? undefined : 'an address is listed twice'
    }
    case 'digits':
      if (!/^\d+$/.test(value) || value.length < rule.minLength || value.length > rule.maxLength) {
        return rule.minLength === rule.maxLength ? `${rule.minLength} digits` : `${rule.minLength} to ${rule.maxLength} digits`
      }
      return undefined
    case 'integer':
      return /^\d+$/.test(value) && Number(value) >= rule.min && Number(value) <= rule.max ? undefined : `a whole number from ${rule.min} to ${rule.max}`
    case 'choice':
      return rule.options.some((option) => option.value === value) ? undefined : `one of ${rule.options.map((option) => option.value).join(', ')}`
    case 'pattern':
      return new RegExp(`^(?:${rule.pattern})$`).test(value) ? undefined : `like ${rule.example}`
  }
}

/** A value as the rule keeps it: choices matched without regard to case, numbers without leading zeros. */
function normalised(rule: TrunkFieldRule, value: string): string {
  if (rule.kind === 'choice') return rule.options.find((option) => option.value.toLowerCase() === value.toLowerCase())?.value ?? value
  if (rule.kind === 'integer' && /^\d+$/.test(value)) return String(Number(value))
  if (rule.kind === 'ipv4List') return ipListOf(value).join(', ')
  return value
}

const given = (value: string | undefined): value is string => value !== undefined && value !== ''

/**
 * Checks a new trunk's settings against its form: required fields, each rule, and a field the form does
 * not have. Answers the settings as kept (trimmed, normalised) and each wrong field's problem, worded
 * "<label>: <what it must be>".
 */
export function checkNewTrunk(form: TrunkDirectionForm, input: TrunkValues): { values: TrunkValues; problems: TrunkProblems } {
  const values: TrunkValues = {}
  const problems: TrunkProblems = {}
  for (const [key, raw] of Object.entries(input) as [TrunkFieldKey, string | undefined][]) {
    if (given(raw?.trim()) && !form.fields.some((field) => field.key === key)) problems[key] = `${key}: this carrier's trunk has no such setting`
  }
  for (const field of form.fields) {
    const raw = input[field.key]?.trim()
    if (given(raw)) values[field.key] = normalised(field.rule, raw)
  }
  for (const field of form.fields) {
    const value = values[field.key]
    const needed = field.required === true || (field.requiredWhen !== undefined && values[field.requiredWhen.key] === field.requiredWhen.value)
    if (!given(value)) {
      if (needed) problems[field.key] = `${field.label}: required${field.requiredWhen && field.required !== true ? ` when ${labelOf(form, field.requiredWhen.key)} is ${field.requiredWhen.value}` : ''}`
      continue
    }
    const problem = ruleProblem(field.rule, value)
    if (problem) problems[field.key] = `${field.label}: ${problem}`
  }
  return { values, problems }
}

/**
 * Checks an edit: `changes` holds only what changes ('' empties a field). A field the form cannot edit,
 * or cannot empty, is refused by name; the result is the same settings after the change as `checkNewTrunk`
 * would have them, so a required field cannot be emptied either.
 */
export function checkTrunkChanges(
  form: TrunkDirectionForm,
  current: TrunkValues,
  changes: TrunkValues,
): { changes: TrunkValues; after: TrunkValues; problems: TrunkProblems } {
  const problems: TrunkProblems = {}
  const kept: TrunkValues = {}
  for (const [key, raw] of Object.entries(changes) as [TrunkFieldKey, string | undefined][]) {
    if (raw === undefined) continue
    const field = form.fields.find((candidate) => candidate.key === key)
    const value = raw.trim()
    if (!field) {
      if (given(value)) problems[key] = `${key}: this carrier's trunk has no such setting`
      continue
    }
    const next = given(value) ? normalised(field.rule, value) : ''
    if (next === (current[key] ?? '')) continue
    if (!field.editable) problems[key] = `${field.label}: cannot be changed once the trunk exists`
    else if (next === '' && field.clearable !== true) problems[key] = `${field.label}: cannot be removed at this carrier, only changed`
    else kept[key] = next
  }
  const merged: TrunkValues = { ...current }
  for (const [key, value] of Object.entries(kept) as [TrunkFieldKey, string][]) {
    if (value === '') delete merged[key]
    else merged[key] = value
  }
  const checked = checkNewTrunk(form, merged)
  for (const [key, problem] of Object.entries(checked.problems) as [TrunkFieldKey, string][]) {
    // Only what this edit touches is judged: a value the carrier already holds is its business.
    const dependsOn = form.fields.find((field) => field.key === key)?.requiredWhen?.key
    if (key in kept || (dependsOn !== undefined && dependsOn in kept)) problems[key] ??= problem
  }
  return { changes: kept, after: checked.values, problems }
}

const labelOf = (form: TrunkDirectionForm, key: TrunkFieldKey): string => form.fields.find((field) => field.key === key)?.label ?? key

/** The problems as one message, the first field's first. */
export function problemsMessage(problems: TrunkProblems): string {
  return Object.values(problems).join('; ')
}

/** Whether a free-typed routing trunk id has the carrier's shape. */
export function routingTrunkProblem(format: RoutingTrunkFormat | undefined, value: string): string | undefined {
  const text = value.trim()
  if (text === '') return 'Type a trunk id'
  if (!format) return text.length > 100 ? 'At most 100 characters' : undefined
  return new RegExp(`^(?:${format.pattern})$`).test(text) ? undefined : `${format.label}: like ${format.example}`
}

// ---- Routing choices ----------------------------------------------------------------------------------------

/** A trunk a number can be routed to, as the routing picker and the cart offer it. */
export interface TrunkChoice {
  /** What routing takes (`Routing.trunk`). */
  trunkId: string
  name: string
  ips: string[]
  /** Absent for a value only seen on the account's numbers (VoIP Innovations' endpoint groups). */
  direction?: 'origination' | 'termination' | 'both' | undefined
  status?: 'active' | 'disabled' | 'unknown' | undefined
  /** How many of the account's cached numbers route to it now. */
  numbers: number
  source: 'trunk' | 'seen'
}

export interface AccountTrunkChoices {
  accountId: string
  accountName: string
  carrier: string
  choices: TrunkChoice[]
  /** The trunk most of the account's numbers use. */
  mostUsed?: string | undefined
  /** The trunk last chosen for new numbers of this account (remembered by the cart). */
  remembered?: string | undefined
  /** How old the trunk list is. */
  asOf?: number | undefined
}

/** The trunk the cart should preselect: the remembered choice if still offered, else the most used. */
export function defaultPurchaseTrunk(account: AccountTrunkChoices): string | undefined {
  const offered = (id: string | undefined): id is string => id !== undefined && account.choices.some((choice) => choice.trunkId === id && choice.status !== 'disabled')
  if (offered(account.remembered)) return account.remembered
  if (offered(account.mostUsed)) return account.mostUsed
  return account.choices.find((choice) => choice.status !== 'disabled')?.trunkId
}

// ---- Traffic --------------------------------------------------------------------------------------------------

export type TrafficScope = 'account' | 'trunk' | 'number'

/**
 * Traffic figures as a carrier's report gives them, each `null` when the report did not give it or gave
 * something unreadable: unknown is never shown as 0.
 */
export interface TrafficFigures {
  /** A trunk id (as the trunk list names it), an E.164 number, or '' for the whole account. */
  subject: string
  direction: TrunkDirection
  /** 'overall' for the carrier's running totals, 'YYYY-MM' for a month. */
  period: string
  processed: number | null
  completed: number | null
  /** Answer-seizure ratio as a fraction (0.57). */
  asr: number | null
  acdSeconds: number | null
  minutes: number | null
  /** Peak concurrent sessions. */
  peak: number | null
}

export interface TrafficRow extends TrafficFigures {
  accountId: string
  scope: TrafficScope
  /** When CarrierDesk fetched this report. */
  asOf: number
}
