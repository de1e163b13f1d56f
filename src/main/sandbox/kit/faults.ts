/**
 * Fault injection for one simulator: rates for random faults (drawn from a seeded PRNG, so a run can be
 * repeated) and a script of exact faults for the next matching requests, which is what tests use to put
 * a failure at a precise moment, e.g. "the purchase is committed, then the connection drops".
 */
import { z } from 'zod'
import { createRandom } from './random'

export const faultKinds = [
  /** 500 before the request is handled. */
  'server-error',
  /** 429 with Retry-After before the request is handled. */
  'rate-limit',
  /** The connection is reset before the request is handled. */
  'reset',
  /** A 502 HTML error page (as a proxy in front of the carrier would answer). */
  'html-error',
  /** The request is handled, then the body is replaced by something that does not parse. */
  'malformed',
  /** The request is handled, then the body is cut short and the connection closed. */
  'truncated',
  /** The request is handled (a mutation is committed), then the connection is reset: an ambiguous failure. */
  'reset-after-commit',
  /** The request is handled (a mutation is committed), then a 500 is answered: an ambiguous failure. */
  'server-error-after-commit',
  /** The caller's token is treated as expired for this request. */
  'token-expired',
] as const
export type FaultKind = (typeof faultKinds)[number]

const Rate = z.number().min(0).max(1)

export const FaultScriptEntrySchema = z.object({
  fault: z.enum(faultKinds),
  /** Applies to requests whose path or operation (SOAP action, form endpoint) contains this text. */
  match: z.string().optional(),
  count: z.number().int().min(1).max(10_000).default(1),
})
export type FaultScriptEntry = z.infer<typeof FaultScriptEntrySchema>

export const FaultSettingsSchema = z.object({
  latencyMs: z.number().int().min(0).max(120_000).default(0),
  serverErrorRate: Rate.default(0),
  rateLimitRate: Rate.default(0),
  retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  resetRate: Rate.default(0),
  htmlErrorRate: Rate.default(0),
  malformedRate: Rate.default(0),
  truncatedRate: Rate.default(0),
  /** Tokens stop working after this many authenticated requests each. */
  tokenExpiryAfterRequests: z.number().int().min(1).optional(),
  /** Tokens live this many (simulated) seconds instead of the carrier's documented lifetime. */
  tokenLifetimeSeconds: z.number().int().min(1).optional(),
  script: z.array(FaultScriptEntrySchema).default([]),
})
export type FaultSettings = z.output<typeof FaultSettingsSchema>
export type FaultSettingsInput = z.input<typeof FaultSettingsSchema>

export interface FaultInjector {
  settings(): FaultSettings
  /** Replaces the settings (validated); unknown keys are rejected so typos do not silently do nothing. */
  configure(input: FaultSettingsInput): FaultSettings
  /** Decides the fault for one request, consuming a scripted entry if one matches. */
  draw(operation: string): FaultKind | undefined
}

export function createFaultInjector(seed: number, initial: FaultSettingsInput = {}): FaultInjector {
  const random = createRandom(seed ^ 0x5eed_fa17)
  let current = FaultSettingsSchema.strict().parse(initial)
  return {
    settings: () => current,
    configure(input) {
      current = FaultSettingsSchema.strict().parse(input)
      return current
    },
    draw(operation) {
      const scripted = current.script.find((entry) => entry.match === undefined || operation.includes(entry.match))
      if (scripted) {
        scripted.count -= 1
        if (scripted.count <= 0) current.script.splice(current.script.indexOf(scripted), 1)
        return scripted.fault
      }
      const rates: [FaultKind, number][] = [
        ['reset', current.resetRate],
        ['rate-limit', current.rateLimitRate],
        ['server-error', current.serverErrorRate],
        ['html-error', current.htmlErrorRate],
        ['malformed', current.malformedRate],
        ['truncated', current.truncatedRate],
      ]
      for (const [kind, rate] of rates) {
        if (rate > 0 && random() < rate) return kind
      }
      return undefined
    },
  }
}
