/**
 * Raw-HTTP helpers shared by the Call48 simulator contract tests: JSON and multipart calls with the JWT in
 * `Authorization`, logging in again once on `code: 401` as a client does (tokens live 24 simulated hours and
 * these tests jump days), the ledger and scripted faults. No CarrierDesk client code is used, only fetch.
 */
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/main/sandbox/index'
import type { FaultSettingsInput } from '../../src/main/sandbox/kit/faults'

export type Body = Record<string, any>

export interface Call48Answer {
  status: number
  body: Body
  text: string
  headers: Headers
}

export interface CallOptions {
  query?: Record<string, string>
  body?: unknown
  form?: FormData
  /** Another `Authorization` value, or null for none (then a `code: 401` is answered as it comes). */
  auth?: string | null
}

export interface Call48Harness {
  sandbox: Sandbox
  /** Calls `<baseUrl><path>` as the seeded account. */
  call(method: string, path: string, options?: CallOptions): Promise<Call48Answer>
  /** Ledger entries of one operation, as `GET /_sandbox/ledger` shows them. */
  ledger(operation: string): Promise<Body[]>
  /** Replaces the fault settings over the control endpoint. */
  faults(settings: FaultSettingsInput): Promise<void>
  stop(): Promise<void>
}

export async function startCall48Harness(options: Omit<SandboxOptions, 'carriers'> = {}): Promise<Call48Harness> {
  const sandbox = await startSandbox({ numbers: 1_000, seed: 7, ...options, carriers: ['call48'] })
  const carrier = sandbox.carriers.call48!
  let token = ''

  async function send(method: string, path: string, options: CallOptions): Promise<Call48Answer> {
    const url = new URL(`${carrier.baseUrl}${path}`)
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value)
    const headers: Record<string, string> = options.form ? {} : { 'content-type': 'application/json' }
    const auth = options.auth === undefined ? token : options.auth
    if (auth !== null) headers.authorization = auth
    const body = options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) })
    const text = await response.text()
    let parsed: Body = {}
    try {
      parsed = JSON.parse(text) as Body
    } catch {
      parsed = { raw: text }
    }
    return { status: response.status, body: parsed, text, headers: response.headers }
  }

  async function login(): Promise<void> {
    const { username, secrets } = carrier.account
    const answer = await send('POST', '/login', { body: { user_name: username, password: secrets.password } })
    token = answer.body.data.token as string
  }

  await login()
  return {
    sandbox,
    async call(method, path, options = {}) {
      const answer = await send(method, path, options)
      if (answer.body.code !== 401 || options.auth !== undefined) return answer
      await login()
      return send(method, path, options)
    },
    async ledger(operation) {
      const entries = (await (await fetch(`${carrier.origin}/_sandbox/ledger`)).json()) as Body[]
      return entries.filter((entry) => entry.operation === operation)
    },
    async faults(settings) {
      const response = await fetch(`${carrier.origin}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) })
      if (response.status !== 200) throw new Error(`faults refused: ${await response.text()}`)
    },
    stop: () => sandbox.stop(),
  }
}

/** The reason code of a Call48 rejection (`... Rejection reason ADDR : ...`), or ''. */
export const reasonCode = (reason: string): string => /Rejection reason (\w+) :/.exec(reason)?.[1] ?? ''

/** Detail fields that answer a rejection reason, as a user's edit would: the field(s) it names get new values. */
export function correction(reason: string): Record<string, unknown> {
  const fixes: Record<string, Record<string, unknown>> = {
    ACCN: { cust_acc_number: '77120099' },
    PIN: { cust_acc_pin: '8812' },
    NAME: { cust_authorized_name: 'Dana R. Whitfield' },
    ADDR: { address_number: '412' },
    BTN: { btn: '7013205099' },
  }
  const fix = fixes[reasonCode(reason)]
  if (!fix) throw new Error(`no correction for "${reason}"`)
  return fix
}
