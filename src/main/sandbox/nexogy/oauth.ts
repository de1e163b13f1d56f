/**
 * OAuth2 of the simulated Nexogy DNA API: the password and refresh_token grants at `/oauth/token`, and the
 * Bearer-token and scope check every other operation goes through (401 wrong or expired, 403 scope).
 *
 * The service issues Laravel Passport tokens (the doc's example access token is a JWT whose header carries
 * `jti`), so token-endpoint errors use the OAuth shape of league/oauth2-server of that era (2017):
 * `invalid_client` and `invalid_credentials` are 401, malformed requests 400.
 */
import { randomBytes } from 'node:crypto'
import type { SimClock } from '../kit/clock'
import type { FaultInjector } from '../kit/faults'
import { faultOf, json, SimHttpError, type SimRequest, type SimResponse } from '../kit/http'
import { hash32 } from '../kit/random'
import { createTokenIssuer } from '../kit/tokens'
import { inputOf, present, unixSeconds } from './protocol'

/** `expires_in` of the documented token answer. */
export const documentedTokenLifetimeSeconds = 1200
/** Passport's refresh tokens outlive access tokens by far; 30 days is its common configuration. */
const refreshTokenLifetimeSeconds = 30 * 24 * 3600

/**
 * The doc only says a scope is "provided" with the credentials. The sandbox grants two: `residential`
 * (clients and devices) and `dids` (number search), so a token asked for with fewer scopes can be refused (403).
 */
export const nexogyScopes = ['residential', 'dids'] as const
export type NexogyScope = (typeof nexogyScopes)[number]

export interface NexogyCredentials {
  username: string
  password: string
  clientId: string
  clientSecret: string
  scopes: NexogyScope[]
}

/** The seeded account's credentials: derived from the seed so a sandbox can be restarted with the same account. */
export function nexogyCredentialsFor(seed: number): NexogyCredentials {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  const derived = (salt: number, length: number): string =>
    Array.from({ length }, (_, index) => alphabet[hash32(seed, salt, index) % alphabet.length]).join('')
  return {
    username: `sandbox-reseller-${hash32(seed, 0x4e58) % 1000}`,
    password: derived(0x9a55, 20),
    // Passport client ids of that era are small integers.
    clientId: String(2 + (hash32(seed, 0xc11e) % 97)),
    clientSecret: derived(0x5ec7, 40),
    scopes: [...nexogyScopes],
  }
}

interface AccessGrant {
  username: string
  scopes: NexogyScope[]
  refreshToken: string
}

interface RefreshGrant {
  username: string
  scopes: NexogyScope[]
  accessToken: string
  expiresAt: number
}

export interface NexogyAuth {
  /** `/oauth/token`, GET or POST. */
  token(request: SimRequest): SimResponse
  /** Throws 401 unless the request carries a live Bearer token, 403 unless that token has `scope`. */
  authorize(request: SimRequest, scope: NexogyScope): void
}

function oauthError(status: number, error: string, message: string, hint = ''): SimHttpError {
  // Both the 2017 shape (`message`, `hint`) and the RFC 6749 field (`error_description`), so either reader works.
  return new SimHttpError(status, message, json(status, { error, error_description: message, hint, message }))
}

const missingParameter = (name: string): SimHttpError =>
  oauthError(
    400,
    'invalid_request',
    'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.',
    `Check the \`${name}\` parameter`,
  )

/** Parses a space- or comma-separated scope list; `*` asks for everything the client was granted. */
function requestedScopes(text: string | undefined, granted: readonly NexogyScope[]): NexogyScope[] {
  if (text === undefined) return []
  const asked = text.split(/[\s,]+/).filter((scope) => scope !== '')
  if (asked.includes('*')) return [...granted]
  for (const scope of asked) {
    if (!granted.includes(scope as NexogyScope)) {
      throw oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, or malformed', `Check the \`${scope}\` scope`)
    }
  }
  return [...new Set(asked as NexogyScope[])]
}

/** A Passport-looking JWT: header with `jti` (as in the doc's example), claims with scopes, an opaque signature. */
function passportToken(id: string, expiresAt: number, clientId: string, username: string, scopes: NexogyScope[], now: number): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  const header = encode({ typ: 'JWT', alg: 'RS256', jti: id })
  const claims = encode({ aud: clientId, jti: id, iat: unixSeconds(now), nbf: unixSeconds(now), exp: unixSeconds(expiresAt), sub: username, scopes })
  return `${header}.${claims}.${randomBytes(64).toString('base64url')}`
}

export function createNexogyAuth(credentials: NexogyCredentials, clock: SimClock, faults: FaultInjector): NexogyAuth {
  const issuer = createTokenIssuer(clock, faults)
  const accessGrants = new Map<string, AccessGrant>()
  const refreshGrants = new Map<string, RefreshGrant>()

  function issue(username: string, scopes: NexogyScope[]): SimResponse {
    const now = clock.now()
    const access = issuer.issue(username, documentedTokenLifetimeSeconds, (id, expiresAt) =>
      passportToken(id, expiresAt, credentials.clientId, username, scopes, now),
    )
    // Standard base64 with `+`, `/` and `=` like the doc's example: a client must URL-encode it when it refreshes.
    const refreshToken = randomBytes(72).toString('base64')
    accessGrants.set(access.token, { username, scopes, refreshToken })
    refreshGrants.set(refreshToken, {
      username,
      scopes,
      accessToken: access.token,
      expiresAt: now + refreshTokenLifetimeSeconds * 1000,
    })
    // The doc shows the token object wrapped in a JSON array; the simulator answers exactly that.
    return json(200, [
      {
        token_type: 'Bearer',
        // The kit's issuer may shorten the lifetime (fault setting); the answer tells the truth about it.
        expires_in: access.lifetimeSeconds,
        access_token: access.token,
        refresh_token: refreshToken,
      },
    ])
  }

  function checkClient(input: Map<string, string>): void {
    const clientId = present(input, 'client_id')
    if (clientId === undefined) throw missingParameter('client_id')
    const clientSecret = present(input, 'client_secret')
    if (clientSecret === undefined) throw missingParameter('client_secret')
    if (clientId !== credentials.clientId || clientSecret !== credentials.clientSecret) {
      throw oauthError(401, 'invalid_client', 'Client authentication failed')
    }
  }

  function passwordGrant(input: Map<string, string>): SimResponse {
    checkClient(input)
    const username = present(input, 'username')
    if (username === undefined) throw missingParameter('username')
    const password = input.get('password')
    if (password === undefined || password === '') throw missingParameter('password')
    if (username !== credentials.username || password !== credentials.password) {
      throw oauthError(401, 'invalid_credentials', 'The user credentials were incorrect.')
    }
    // Passport issues a token without scopes when none is asked for; such a token is refused everywhere (403).
    return issue(username, requestedScopes(present(input, 'scope'), credentials.scopes))
  }

  function refreshTokenGrant(input: Map<string, string>): SimResponse {
    checkClient(input)
    const refreshToken = input.get('refresh_token')
    if (refreshToken === undefined || refreshToken === '') throw missingParameter('refresh_token')
    const grant = refreshGrants.get(refreshToken)
    if (!grant) throw oauthError(401, 'invalid_request', 'The refresh token is invalid.', 'Token has been revoked')
    if (clock.now() >= grant.expiresAt) {
      refreshGrants.delete(refreshToken)
      throw oauthError(401, 'invalid_request', 'The refresh token is invalid.', 'Token has expired')
    }
    // A narrower scope may be asked for on refresh, never a wider one (RFC 6749 section 6).
    const scopeText = present(input, 'scope')
    const scopes = scopeText === undefined ? grant.scopes : requestedScopes(scopeText, grant.scopes)
    // Passport rotates: the used refresh token and the access token it came with are revoked.
    refreshGrants.delete(refreshToken)
    accessGrants.delete(grant.accessToken)
    issuer.revoke(grant.accessToken)
    return issue(grant.username, scopes)
  }

  return {
    token(request) {
      const input = inputOf(request)
      const grantType = present(input, 'grant_type')
      if (grantType === undefined) throw missingParameter('grant_type')
      if (grantType === 'password') return passwordGrant(input)
      if (grantType === 'refresh_token') return refreshTokenGrant(input)
      throw oauthError(
        400,
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server.',
        'Check the `grant_type` parameter',
      )
    },

    authorize(request, scope) {
      const header = request.headers.authorization
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(typeof header === 'string' ? header : '')
      if (!bearer?.[1]) throw new SimHttpError(401, 'Unauthenticated.')
      const token = bearer[1]
      if (faultOf(request) === 'token-expired') throw new SimHttpError(401, 'The access token has expired.')
      const grant = accessGrants.get(token)
      if (!grant || issuer.verify(token) === undefined) {
        throw new SimHttpError(401, 'The access token is invalid or has expired.')
      }
      if (!grant.scopes.includes(scope)) throw new SimHttpError(403, 'Invalid scope(s) provided.')
    },
  }
}
