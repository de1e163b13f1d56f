/**
 * Call48 authentication: `POST /login` and `POST /admin_login` issue a JWT-shaped token (HS512 header,
 * payload with `iat`/`exp`) valid 24 h of simulated time; every other call sends it raw in `Authorization`.
 */
import { createHmac } from 'node:crypto'
import { z } from 'zod'
import { faultOf, type Router, type SimHandler, type SimRequest } from '../kit/http'
import { hash32 } from '../kit/random'
import type { SimulatorContext } from '../kit/simulator'
import { createTokenIssuer } from '../kit/tokens'
import { bare, jsonBody, parseWith, refused, unauthorized } from './envelope'

/** The doc's sample token has `exp - iat` = 86,400 s. */
const tokenLifetimeSeconds = 86_400

export interface Call48User {
  userId: number
  userName: string
  password: string
  /** SP admins may also use `/admin_login`. */
  spAdmin: boolean
}

export interface Call48Auth {
  seededUser: Call48User
  /** Wraps a handler so it only runs for a valid token; the handler receives the user. */
  guard(handler: (request: SimRequest, user: Call48User) => ReturnType<SimHandler>): SimHandler
  addUser(userName: string, password: string): Call48User
  hasUser(userName: string): boolean
  register(router: Router): void
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')

const LoginSchema = z.object({ user_name: z.string().min(1), password: z.string().min(1) })

export function createCall48Auth(context: SimulatorContext): Call48Auth {
  const tokens = createTokenIssuer(context.clock, context.faults)
  const users = new Map<string, Call48User>()
  const signingKey = `call48-sandbox-${context.seed}`
  const seededUser: Call48User = {
    userId: 129,
    userName: 'sandbox_c48',
    password: `c48-${(hash32(context.seed, 48) % 0xffffff).toString(16).padStart(6, '0')}-pass`,
    spAdmin: true,
  }
  users.set(seededUser.userName, seededUser)
  let nextUserId = 500

  function jwt(user: Call48User, accountType: 'account' | 'admin', id: string, expiresAt: number): string {
    const header = base64url({ alg: 'HS512', typ: 'JWT' })
    const payload = base64url({
      userId: user.userId,
      uuid: `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-a${id.slice(17, 20)}-${id.slice(20, 32)}`,
      userType: 'accounts',
      accountType,
      iat: Math.floor(context.clock.now() / 1000),
      exp: Math.floor(expiresAt / 1000),
    })
    const signature = createHmac('sha512', signingKey).update(`${header}.${payload}`).digest('base64url')
    return `${header}.${payload}.${signature}`
  }

  function login(accountType: 'account' | 'admin'): SimHandler {
    return (request) => {
      const credentials = parseWith(LoginSchema, jsonBody(request))
      const user = users.get(credentials.user_name)
      // Not documented; a wrong password is answered as a refusal, not as 401, so a client that
      // re-logs in on 401 does not loop on bad credentials.
      if (!user || user.password !== credentials.password) throw refused('Invalid user name or password')
      if (accountType === 'admin' && !user.spAdmin) throw refused('User is not an SP admin')
      const issued = tokens.issue(user.userName, tokenLifetimeSeconds, (id, expiresAt) =>
        jwt(user, accountType, Buffer.from(id, 'base64url').toString('hex').padEnd(32, '0'), expiresAt),
      )
      // The doc's login sample has no `message`.
      return bare({ error: null, data: { token: issued.token }, code: 200 })
    }
  }

  return {
    seededUser,
    guard(handler) {
      return (request) => {
        const header = request.headers.authorization
        // The token is sent raw; `Bearer <jwt>` is not the documented form and does not verify.
        const token = Array.isArray(header) ? header[0] : header
        if (faultOf(request) === 'token-expired') throw unauthorized()
        const subject = tokens.verify(token?.trim())
        const user = subject === undefined ? undefined : users.get(subject)
        if (!user) throw unauthorized()
        return handler(request, user)
      }
    },
    addUser(userName, password) {
      nextUserId += 1
      const user: Call48User = { userId: nextUserId, userName, password, spAdmin: false }
      users.set(userName, user)
      return user
    },
    hasUser: (userName) => users.has(userName),
    register(router) {
      router.add('POST', '/api/v4/login', login('account'))
      router.add('POST', '/api/v4/admin_login', login('admin'))
    },
  }
}
