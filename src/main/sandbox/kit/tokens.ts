/**
 * Access tokens for the simulators that log in (Call48, Nexogy): issued against the simulated clock,
 * expiring after their lifetime or after a number of uses when fault injection asks for it.
 */
import { randomBytes } from 'node:crypto'
import type { SimClock } from './clock'
import type { FaultInjector } from './faults'

interface IssuedToken {
  subject: string
  expiresAt: number
  uses: number
}

export interface TokenIssuer {
  /** Issues a token for `subject`; `format` shapes it (e.g. a JWT-looking string). */
  issue(subject: string, lifetimeSeconds: number, format?: (id: string, expiresAt: number) => string): {
    token: string
    expiresAt: number
    lifetimeSeconds: number
  }
  /** The token's subject when it is valid now, counting this as one use; undefined when unknown or expired. */
  verify(token: string | undefined): string | undefined
  revoke(token: string): void
}

export function createTokenIssuer(clock: SimClock, faults: FaultInjector): TokenIssuer {
  const tokens = new Map<string, IssuedToken>()
  return {
    issue(subject, documentedLifetime, format) {
      const lifetimeSeconds = faults.settings().tokenLifetimeSeconds ?? documentedLifetime
      const expiresAt = clock.now() + lifetimeSeconds * 1000
      const id = randomBytes(24).toString('base64url')
      const token = format ? format(id, expiresAt) : id
      tokens.set(token, { subject, expiresAt, uses: 0 })
      return { token, expiresAt, lifetimeSeconds }
    },
    verify(token) {
      if (!token) return undefined
      const issued = tokens.get(token)
      if (!issued) return undefined
      if (clock.now() >= issued.expiresAt) return undefined
      const limit = faults.settings().tokenExpiryAfterRequests
      issued.uses += 1
      if (limit !== undefined && issued.uses > limit) return undefined
      return issued.subject
    },
    revoke(token) {
      tokens.delete(token)
    },
  }
}
