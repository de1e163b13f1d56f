/**
 * The typed Nexogy DNA client: every documented operation (carrier-docs/nexogy-dna-api.md) as one method
 * taking an options object with an AbortSignal, answers validated before use.
 *
 * Auth: OAuth2 password grant, Bearer token kept in memory by a TokenKeeper. The token lives 1200 s; it is
 * renewed before it expires with the refresh_token grant (falling back to a new password grant when the
 * refresh is refused), and on a 401 a new token is obtained once and the call retried once.
 */
import type { AxiosInstance, AxiosResponse } from 'axios'
import { z } from 'zod'
import type { AccountSecrets } from '../../../shared/domain'
import { AppError } from '../../lib/app-error'
import { expectAnswer } from '../kit/answer'
import { TokenKeeper, type IssuedToken } from '../kit/auth'
import { createCarrierHttp, send } from '../kit/http'
import { CarrierError } from '../../lib/carrier-error'
import {
  ClientIdSchema,
  createClientForm,
  DomainSchema,
  ExtensionSchema,
  NewResidentialClientSchema,
  validateInput,
  type NewResidentialClient,
} from './inputs'
import {
  CreatedClientSchema,
  DeviceSchema,
  DidSearchSchema,
  DomainStatusSchema,
  ErrorBodySchema,
  TimestampSchema,
  TokenAnswerSchema,
} from './schemas'

export const nexogyCarrier = 'nexogy' as const

/** Scopes the sandbox grants and the doc's operations need: `residential` (clients, devices) and `dids`. */
export const defaultNexogyScope = 'residential dids'

/** The extension "Create a Client" makes and the device method creates when no `ext` is sent (doc, Device). */
export const defaultExtension = '1000'

/** The service answers at most this many numbers per search (the doc documents no paging). */
export const maxSearchQuantity = 50

const timeouts = { token: 20_000, read: 30_000, mutation: 45_000, search: 90_000 }

export interface NexogyClientOptions {
  account: { baseUrl: string; username?: string | undefined; clientId?: string | undefined; scope?: string | undefined }
  secrets: AccountSecrets
  /** Clock for token expiry (tests pass the Sandbox's simulated clock). */
  now?: () => number
}

interface NexogyToken {
  accessToken: string
  refreshToken?: string | undefined
}

export interface NexogyTimestamp {
  /** When Nexogy applied the change, epoch ms. */
  at: number
}

export interface CreatedResidentialClient {
  id: number
  /** `ns_domain`: needed for status and device calls. */
  domain: string
}

export type DomainStatus = 'active' | 'locked'

export interface RegistrationServer {
  name: string
  address: string
  port: number
}

/** A device as Nexogy answers it, including its SIP secret: handle `authenticationKey` as a secret. */
export interface NexogyDevice {
  extension: string
  aor: string
  domain: string
  /** gpg-encrypted, base64 SIP password. Never log, cache or put it in `raw`; the keychain only. */
  authenticationKey: string
  registrationServers: RegistrationServer[]
  at?: number | undefined
}

export interface DidSearchResult {
  npas: string[]
  numbers: { digits: string; category?: string | undefined }[]
}

/** Which client a device call is about: "You can pass the domain or the client_id, no need to pass both." */
export type DeviceTarget = { clientId: number; domain?: string | undefined } | { clientId?: undefined; domain: string }

interface CallSpec<S extends z.ZodType> {
  operation: string
  method: 'GET' | 'POST'
  path: string
  form?: Record<string, string> | undefined
  /** `read`s are retried on network errors, 429 and 5xx; `mutation`s never, and their unclear ends are ambiguous. */
  kind: 'read' | 'mutation'
  timeoutMs: number
  schema: S
  signal: AbortSignal
}

export class NexogyClient {
  private readonly http: AxiosInstance
  private readonly tokens: TokenKeeper<NexogyToken>
  private readonly account: NexogyClientOptions['account']
  private readonly secrets: AccountSecrets
  private readonly now: () => number
  private passwordGrants = 0
  private refreshGrants = 0

  constructor(options: NexogyClientOptions) {
    this.account = options.account
    this.secrets = options.secrets
    this.now = options.now ?? Date.now
    this.http = createCarrierHttp({ baseUrl: options.account.baseUrl, timeoutMs: timeouts.read })
    this.tokens = new TokenKeeper<NexogyToken>({
      login: ({ signal, previous }) => this.login(signal, previous),
      // Renew two minutes before the 1200 s expiry, so a slow search never starts with a dying token.
      renewEarlyMs: 120_000,
      now: this.now,
    })
  }

  /** How the token was obtained so far (diagnostics and tests): logins, and by which grant. */
  get authStats(): { logins: number; passwordGrants: number; refreshGrants: number } {
    return { logins: this.tokens.loginCount, passwordGrants: this.passwordGrants, refreshGrants: this.refreshGrants }
  }

  /** Obtains a token (or reuses the one in memory): the cheapest proof that the account's credentials work. */
  async connect(options: { signal: AbortSignal }): Promise<{ scope: string }> {
    await this.tokens.token(options.signal)
    return { scope: this.scope }
  }

  /** Forgets the token in memory (credentials changed, or the user logs out). */
  forgetToken(): void {
    this.tokens.forget()
  }

  // ---- Residential clients -------------------------------------------------------------------------------

  /**
   * "Create a Client": validates the input first (a `validation` AppError names each failing field), then
   * POSTs the form. Never retried: an unclear end is a CarrierError with `ambiguous: true`, and the caller
   * must find out whether the client exists before trying again (the adapter does).
   */
  async createClient(options: { client: NewResidentialClient; signal: AbortSignal }): Promise<CreatedResidentialClient> {
    const client = validateInput(NewResidentialClientSchema, options.client, 'create client')
    const data = await this.call({
      operation: 'clients.create',
      method: 'POST',
      path: 'residential/client',
      form: createClientForm(client),
      kind: 'mutation',
      timeoutMs: timeouts.mutation,
      schema: CreatedClientSchema,
      signal: options.signal,
    })
    return { id: data.client.id, domain: data.client.ns_domain }
  }

  /** "Activate a Client" (also re-activates a cancelled client, per the doc). */
  activateClient(options: { clientId: number; signal: AbortSignal }): Promise<NexogyTimestamp> {
    return this.clientAction('activate', options)
  }

  /** "Suspend a Client": locks the domain; billing is untouched. */
  suspendClient(options: { clientId: number; signal: AbortSignal }): Promise<NexogyTimestamp> {
    return this.clientAction('suspend', options)
  }

  /** "Cancel a Client": locks the domain and suspends billing. */
  cancelClient(options: { clientId: number; signal: AbortSignal }): Promise<NexogyTimestamp> {
    return this.clientAction('cancel', options)
  }

  /** "Update": only `start_billing_date` can be changed (MM/DD/YYYY, validated before sending). */
  async updateStartBillingDate(options: { clientId: number; startBillingDate: string; signal: AbortSignal }): Promise<NexogyTimestamp> {
    const input = validateInput(
      z.object({ clientId: ClientIdSchema, startBillingDate: NewResidentialClientSchema.shape.startBillingDate }),
      { clientId: options.clientId, startBillingDate: options.startBillingDate },
      'update start billing date',
    )
    const data = await this.call({
      operation: 'clients.update',
      method: 'POST',
      path: `residential/client/${input.clientId}`,
      form: { start_billing_date: input.startBillingDate },
      kind: 'mutation',
      timeoutMs: timeouts.mutation,
      schema: TimestampSchema,
      signal: options.signal,
    })
    return { at: data.timestamp * 1000 }
  }

  /** "Get Status" of a client's domain: `active` or `locked` (suspended and cancelled clients are both locked). */
  async domainStatus(options: { domain: string; signal: AbortSignal }): Promise<{ status: DomainStatus; at?: number | undefined }> {
    const domain = validateInput(DomainSchema, options.domain, 'domain status')
    const data = await this.call({
      operation: 'clients.status',
      method: 'GET',
      path: `residential/domain/${encodeURIComponent(domain)}`,
      kind: 'read',
      timeoutMs: timeouts.read,
      schema: DomainStatusSchema,
      signal: options.signal,
    })
    return { status: data.status, at: data.timestamp === undefined ? undefined : data.timestamp * 1000 }
  }

  // ---- Devices -------------------------------------------------------------------------------------------

  /**
   * "Device method": without `extension` it creates (or answers) the default extension 1000; with one, it
   * answers the existing device or creates it. The answer carries the SIP secret (`authenticationKey`).
   *
   * Sent as a retryable read: the doc makes the call idempotent (an existing extension is only read back),
   * so repeating it after a lost answer can never make a second device.
   */
  async device(options: DeviceTarget & { extension?: string | undefined; signal: AbortSignal }): Promise<NexogyDevice> {
    const input = validateInput(
      z
        .object({ clientId: ClientIdSchema.optional(), domain: DomainSchema.optional(), extension: ExtensionSchema.optional() })
        .refine((value) => value.clientId !== undefined || value.domain !== undefined, { message: 'give the client id or the domain', path: ['clientId'] }),
      { clientId: options.clientId, domain: options.domain, extension: options.extension },
      'device',
    )
    const form: Record<string, string> = {}
    if (input.clientId !== undefined) form.client_id = String(input.clientId)
    if (input.domain !== undefined) form.domain = input.domain
    if (input.extension !== undefined) form.ext = input.extension
    const data = await this.call({
      operation: 'devices.create',
      method: 'POST',
      path: 'residential/device',
      form,
      kind: 'read',
      timeoutMs: timeouts.mutation,
      schema: DeviceSchema,
      signal: options.signal,
    })
    const servers = Array.isArray(data.regservers)
      ? data.regservers.map((server, index) => ({ name: `server${index + 1}`, ...server }))
      : Object.entries(data.regservers).map(([name, server]) => ({ name, ...server }))
    return {
      extension: data.subscriber_name,
      aor: data.aor,
      domain: data.domain,
      authenticationKey: data.authentication_key,
      registrationServers: servers,
      at: data.timestamp === undefined ? undefined : data.timestamp * 1000,
    }
  }

  // ---- DIDs ----------------------------------------------------------------------------------------------

  /** "Search Dids" by area code and/or state (two-letter code or name); at most `quantity` numbers (≤ 50). */
  async searchDids(options: { npa?: string | undefined; state?: string | undefined; quantity?: number | undefined; signal: AbortSignal }): Promise<DidSearchResult> {
    const input = validateInput(
      z
        .object({
          npa: z.string().trim().regex(/^[2-9]\d{2}$/, 'area code must be 3 digits').optional(),
          state: z.string().trim().min(2, 'state must be a state code or name').optional(),
          quantity: z.number().int().min(1).max(maxSearchQuantity, `at most ${maxSearchQuantity} numbers per search`).optional(),
        })
        .refine((value) => value.npa !== undefined || value.state !== undefined, { message: 'give an area code or a state', path: ['npa'] }),
      { npa: options.npa, state: options.state, quantity: options.quantity },
      'DID search',
    )
    const form: Record<string, string> = {}
    if (input.npa) form.npa = input.npa
    if (input.state) form.state = input.state
    // `quantity` is not a documented parameter, but the answer carries it; the service may honour it.
    if (input.quantity) form.quantity = String(input.quantity)
    const data = await this.call({
      operation: 'dids.search',
      method: 'POST',
      path: 'dids/search',
      form,
      kind: 'read',
      timeoutMs: timeouts.search,
      schema: DidSearchSchema.refine(
        ({ return: found }) => found.tnCount === undefined || found.tnCount === found.result.length,
        { message: 'tnCount does not match the numbers listed', path: ['return', 'tnCount'] },
      ),
      signal: options.signal,
    })
    return {
      npas: data.return.npas ?? (input.npa ? [input.npa] : []),
      numbers: data.return.result.map((tn) => ({ digits: tn.number, category: tn.category })),
    }
  }

  // ---- Plumbing ------------------------------------------------------------------------------------------

  private get scope(): string {
    return this.account.scope?.trim() || defaultNexogyScope
  }

  private async clientAction(action: 'activate' | 'suspend' | 'cancel', options: { clientId: number; signal: AbortSignal }): Promise<NexogyTimestamp> {
    const clientId = validateInput(ClientIdSchema, options.clientId, `${action} client`)
    const spec = {
      operation: `clients.${action}`,
      path: `residential/client/${clientId}/${action}`,
      kind: 'mutation' as const,
      timeoutMs: timeouts.mutation,
      schema: TimestampSchema,
      signal: options.signal,
    }
    try {
      const data = await this.call({ ...spec, method: 'POST' })
      return { at: data.timestamp * 1000 }
    } catch (error) {
      // The early draft made activate and suspend GET routes (carrier-docs README, Nexogy). A 405 means the
      // POST was not processed at all, so asking again with GET cannot apply the change twice.
      const notAllowed = error instanceof CarrierError && error.info.httpStatus === 405
      if (!notAllowed || action === 'cancel') throw error
      const data = await this.call({ ...spec, method: 'GET' })
      return { at: data.timestamp * 1000 }
    }
  }

  private async call<S extends z.ZodType>(spec: CallSpec<S>): Promise<z.output<S>> {
    return this.tokens.run(spec.signal, async (token) => {
      const response = await send(
        this.http,
        {
          method: spec.method,
          url: spec.path,
          timeout: spec.timeoutMs,
          headers: {
            Accept: 'application/json',
            Authorization: `Bearer ${token.accessToken}`,
            ...(spec.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
          },
          ...(spec.form ? { data: new URLSearchParams(spec.form).toString() } : {}),
        },
        { carrier: nexogyCarrier, operation: spec.operation, signal: spec.signal, kind: spec.kind },
      )
      return this.answerOf(response, spec)
    })
  }

  /** The `data` of a success answer, validated; anything else a CarrierError with Nexogy's own words. */
  private answerOf<S extends z.ZodType>(response: AxiosResponse<string>, spec: Pick<CallSpec<S>, 'operation' | 'kind' | 'schema'>): z.output<S> {
    const info = { carrier: nexogyCarrier, operation: spec.operation, httpStatus: response.status }
    // A mutation that may have been applied but whose answer is unusable is ambiguous (brief, kit/http NOTE).
    const ambiguousIfMutation = spec.kind === 'mutation' ? { ambiguous: true } : {}
    const body = this.bodyOf(response)
    if (response.status < 200 || response.status >= 300) throw this.errorOf(response, body, spec)
    if (body === undefined) {
      throw new CarrierError('carrier', {
        ...info,
        ...ambiguousIfMutation,
        message: `Nexogy answered HTTP ${response.status} with a body that is not JSON (${String(response.headers['content-type'] ?? 'unknown')})`,
        retryable: false,
      })
    }
    const envelope = envelopeOf(body)
    if (envelope === undefined || envelope.result !== 'OK') {
      // A 200 that is not `result: OK` is a refusal in Nexogy's words when it says ERROR, else not understood.
      if (envelope?.result === 'ERROR') throw this.errorOf(response, body, spec)
      throw new CarrierError('carrier', {
        ...info,
        ...ambiguousIfMutation,
        message: 'Nexogy answered without `"result":"OK"`; the answer was not understood',
        retryable: false,
      })
    }
    try {
      return expectAnswer(spec.schema, envelope.data, info)
    } catch (error) {
      if (error instanceof CarrierError && spec.kind === 'mutation') {
        throw new CarrierError('carrier', { ...error.info, ambiguous: true })
      }
      throw error
    }
  }

  private bodyOf(response: AxiosResponse<string>): unknown {
    if (typeof response.data !== 'string' || response.data.trim() === '') return undefined
    try {
      return JSON.parse(response.data) as unknown
    } catch {
      return undefined
    }
  }

  /** Turns an error answer into a CarrierError keeping Nexogy's message and, for 406, each field's complaint. */
  private errorOf(response: AxiosResponse<string>, body: unknown, spec: Pick<CallSpec<z.ZodType>, 'operation' | 'kind'>): CarrierError {
    const status = response.status
    const parsed = ErrorBodySchema.safeParse(Array.isArray(body) && body.length === 1 ? body[0] : body)
    const errorBody = parsed.success ? parsed.data : undefined
    const own = errorBody?.message ?? errorBody?.error_description ?? errorBody?.error
    const fields = errorBody?.errors
      ? Object.entries(errorBody.errors)
          .map(([field, messages]) => `${field}: ${(Array.isArray(messages) ? messages : [messages]).join(' ')}`)
          .join('; ')
      : ''
    const described = own ?? `HTTP ${status} (${String(response.headers['content-type'] ?? 'no content type')})`
    let message = fields ? `${described} [${fields}]` : described
    if (status === 403) message = `${message} (the token's scope "${this.scope}" does not allow ${spec.operation}; check the account's Scope)`
    const carrierCode = errorBody?.code !== undefined ? String(errorBody.code) : errorBody?.error
    const info = {
      carrier: nexogyCarrier,
      operation: spec.operation,
      httpStatus: status,
      carrierCode,
      message: this.scrub(message).slice(0, 1000),
      retryable: status === 429 || status >= 500,
      // A 5xx to a mutation may come after the change was made.
      ...(spec.kind === 'mutation' && status >= 500 ? { ambiguous: true } : {}),
    }
    // 401: the token is wrong or expired; TokenKeeper renews once and retries once. A 403 is the scope the
    // account was granted: a new token would have the same scope, so it is not an auth failure to renew on.
    return new CarrierError(status === 401 ? 'auth' : 'carrier', info)
  }

  /** Removes any of this account's secrets a carrier message might echo. */
  private scrub(text: string): string {
    let clean = text
    for (const secret of [this.secrets.password, this.secrets.clientSecret]) {
      if (secret && secret.length >= 4) clean = clean.split(secret).join('[redacted]')
    }
    return clean
  }

  /** One token request: the refresh grant when a refresh token is at hand, else (or if refused) the password grant. */
  private async login(signal: AbortSignal, previous: IssuedToken<NexogyToken> | undefined): Promise<IssuedToken<NexogyToken>> {
    const refreshToken = previous?.value.refreshToken
    if (refreshToken) {
      try {
        const token = await this.tokenRequest(signal, { grant_type: 'refresh_token', refresh_token: refreshToken, scope: this.scope })
        this.refreshGrants += 1
        return token
      } catch (error) {
        // A refused refresh (revoked, expired, rotated away) is replaced by a password grant; a network
        // failure or cancellation is not something a second grant would fix.
        if (!(error instanceof CarrierError) || error.code === 'network') throw error
      }
    }
    const token = await this.tokenRequest(signal, {
      grant_type: 'password',
      username: this.account.username ?? '',
      password: this.secrets.password ?? '',
      scope: this.scope,
    })
    this.passwordGrants += 1
    return token
  }

  private async tokenRequest(signal: AbortSignal, grant: Record<string, string>): Promise<IssuedToken<NexogyToken>> {
    const operation = grant.grant_type === 'refresh_token' ? 'oauth.token.refresh' : 'oauth.token'
    if (!this.account.clientId || !this.secrets.clientSecret) {
      throw new AppError('validation', 'Nexogy needs the OAuth client id and client secret of the account')
    }
    const requestedAt = Date.now()
    // Passport's token route is POST; the form body keeps the password out of URLs and server logs.
    const response = await send(
      this.http,
      {
        method: 'POST',
        url: 'oauth/token',
        timeout: timeouts.token,
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        data: new URLSearchParams({ ...grant, client_id: this.account.clientId, client_secret: this.secrets.clientSecret }).toString(),
      },
      // A token request changes nothing that matters if repeated: retried like a read.
      { carrier: nexogyCarrier, operation, signal, kind: 'read' },
    )
    const body = this.bodyOf(response)
    if (response.status !== 200) {
      const error = this.errorOf(response, body, { operation, kind: 'read' })
      // Wrong credentials (401) or a refused grant/scope (400) are credential failures for the technician.
      if (response.status === 400 || response.status === 401 || response.status === 403) {
        throw new CarrierError('auth', { ...error.info, retryable: false })
      }
      throw error
    }
    const token = expectAnswer(TokenAnswerSchema, body, { carrier: nexogyCarrier, operation, httpStatus: response.status })
    const now = this.now()
    // Expiry counted from when the request left, so network time never makes a token look younger than it is.
    const expiresAt = now - (Date.now() - requestedAt) + token.expires_in * 1000
    return { value: { accessToken: token.access_token, refreshToken: token.refresh_token }, expiresAt }
  }

}

/**
 * The success envelope: `{"result":"OK","data":{...}}` (the doc), or the early draft's answer wrapped in an
 * array with its payload beside `result` instead of under `data` (carrier-docs README, Nexogy).
 */
function envelopeOf(body: unknown): { result: string; data: unknown } | undefined {
  const unwrapped = Array.isArray(body) && body.length === 1 ? (body[0] as unknown) : body
  if (unwrapped === null || typeof unwrapped !== 'object' || Array.isArray(unwrapped)) return undefined
  const record = unwrapped as Record<string, unknown>
  if (typeof record.result !== 'string') return undefined
  const result = record.result.toUpperCase()
  if ('data' in record) return { result, data: record.data }
  const { result: _result, ...rest } = record
  return { result, data: rest }
}
