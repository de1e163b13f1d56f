/**
 * Shared set-up of the Vitcom client tests: a Sandbox with only the Vitcom simulator (small inventory,
 * short call history) and a VitcomClient pointed at it with the seeded account's settings and token.
 */
import { startSandbox, type Sandbox, type SandboxCarrier } from '../../../src/main/sandbox/index'
import { VitcomClient } from '../../../src/main/carriers/vitcom/client'

export interface VitcomFixture {
  sandbox: Sandbox
  carrier: SandboxCarrier
  client: VitcomClient
  /** A fresh client (its own token keeper), e.g. with a different token. */
  newClient(token?: string): VitcomClient
  ledger(operation?: string): { operation: string; details: Record<string, unknown> }[]
  /** Requests the simulator served for one endpoint. */
  requests(endpoint: string): number
  stop(): Promise<void>
}

export async function startVitcom(options: { numbers?: number; historyDays?: number; callsPerDay?: number } = {}): Promise<VitcomFixture> {
  const sandbox = await startSandbox({
    carriers: ['vitcom'],
    // The Vitcom simulator gets 30% of the Sandbox's numbers.
    numbers: options.numbers ?? 1000,
    seed: 11,
    callsPerDay: options.callsPerDay ?? 200,
    historyDays: options.historyDays ?? 5,
    faults: { vitcom: { retryAfterSeconds: 0 } },
  })
  const carrier = sandbox.carriers.vitcom!
  const newClient = (token = carrier.account.secrets.token): VitcomClient =>
    new VitcomClient({ baseUrl: carrier.baseUrl, accountNo: carrier.account.accountNo, secrets: { token } })
  return {
    sandbox,
    carrier,
    client: newClient(),
    newClient,
    ledger: (operation) =>
      sandbox.ledger.entries({ carrier: 'vitcom', ...(operation ? { operation } : {}) }).map((entry) => ({ operation: entry.operation, details: entry.details })),
    requests: (endpoint) => carrier.server.requestCount(`/api/did/${endpoint}`),
    stop: () => sandbox.stop(),
  }
}

export const signal = (): AbortSignal => new AbortController().signal

/** Scripts faults for the next matching requests (match is a substring of the endpoint name). */
export function script(fixture: VitcomFixture, entries: { fault: 'server-error' | 'rate-limit' | 'reset' | 'html-error' | 'malformed' | 'truncated' | 'reset-after-commit' | 'server-error-after-commit' | 'token-expired'; match: string; count?: number }[]): void {
  fixture.carrier.faults.configure({ retryAfterSeconds: 0, script: entries.map((entry) => ({ count: 1, ...entry })) })
}
