/**
 * Raw-HTTP helpers shared by the Vitcom simulator contract tests: a form POST with the seeded account's
 * `token` + `accountno`, and the started Sandbox. No CarrierDesk client code is used, only fetch.
 */
import { startSandbox, type Sandbox, type SandboxCarrier } from '../../src/main/sandbox/index'

export interface VitcomAnswer {
  httpStatus: number
  contentType: string
  body: Record<string, unknown>
}

export interface VitcomHarness {
  sandbox: Sandbox
  carrier: SandboxCarrier
  /** POSTs `fields` (plus the account's token and accountno unless `auth` is false) to `<baseUrl>/<endpoint>`. */
  post(endpoint: string, fields?: Record<string, string>, auth?: boolean): Promise<VitcomAnswer>
  /** The same with a multipart body (LNP uploads). */
  postMultipart(endpoint: string, form: FormData): Promise<VitcomAnswer>
  credentials(): { token: string; accountno: string }
  ledger(operation?: string): { operation: string; details: Record<string, unknown> }[]
}

export async function startVitcomHarness(
  options: { numbers?: number; callsPerDay?: number; historyDays?: number; seed?: number; portRejectionRate?: number } = {},
): Promise<VitcomHarness> {
  const sandbox = await startSandbox({
    carriers: ['vitcom'],
    numbers: options.numbers ?? 300,
    seed: options.seed ?? 7,
    callsPerDay: options.callsPerDay ?? 240,
    historyDays: options.historyDays ?? 5,
    ...(options.portRejectionRate === undefined ? {} : { portRejectionRate: options.portRejectionRate }),
  })
  const carrier = sandbox.carriers.vitcom!
  const credentials = () => ({ token: carrier.account.secrets.token ?? '', accountno: carrier.account.accountNo ?? '' })
  const answerOf = async (response: Response): Promise<VitcomAnswer> => {
    const text = await response.text()
    return { httpStatus: response.status, contentType: response.headers.get('content-type') ?? '', body: JSON.parse(text) as Record<string, unknown> }
  }
  return {
    sandbox,
    carrier,
    credentials,
    async post(endpoint, fields = {}, auth = true) {
      const body = new URLSearchParams({ ...(auth ? credentials() : {}), ...fields })
      const response = await fetch(`${carrier.baseUrl}/${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      })
      return answerOf(response)
    },
    async postMultipart(endpoint, form) {
      const { token, accountno } = credentials()
      form.set('token', token)
      form.set('accountno', accountno)
      return answerOf(await fetch(`${carrier.baseUrl}/${endpoint}`, { method: 'POST', body: form }))
    },
    ledger: (operation) =>
      sandbox.ledger.entries({ carrier: 'vitcom', ...(operation ? { operation } : {}) }).map((entry) => ({ operation: entry.operation, details: entry.details })),
  }
}

/** The `data` array of an answer, typed loosely for field checks. */
export function dataOf(answer: VitcomAnswer, key = 'data'): Record<string, unknown>[] {
  const value = answer.body[key]
  if (!Array.isArray(value)) throw new Error(`answer has no ${key} array: ${JSON.stringify(answer.body).slice(0, 300)}`)
  return value as Record<string, unknown>[]
}

/** The fields of one CSV line; a quoted field may hold commas and doubled quotes. */
export function csvFields(line: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!
    if (quoted && char === '"' && line[i + 1] === '"') {
      field += '"'
      i += 1
    } else if (char === '"') {
      quoted = !quoted
    } else if (char === ',' && !quoted) {
      fields.push(field)
      field = ''
    } else {
      field += char
    }
  }
  fields.push(field)
  return fields
}
