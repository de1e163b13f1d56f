/**
 * A started VoIP Innovations simulator and a VoipInnovationsClient logged in to it, for the client
 * tests: the ledger of mutations by operation, faults, and owned numbers handed out one per test so
 * tests do not disturb each other's numbers.
 */
import { VoipInnovationsClient, type VoipInnovationsClientOptions } from '../../../src/main/carriers/voip-innovations/client'
import { startSandbox, type Sandbox, type SandboxCarrier } from '../../../src/main/sandbox'

export { carrierError } from '../../helpers/carrier-error'

export interface ViClientHarness {
  sandbox: Sandbox
  vi: SandboxCarrier
  client: VoipInnovationsClient
  makeClient(overrides?: Partial<VoipInnovationsClientOptions>): VoipInnovationsClient
  /** How many mutations of `operation` the simulator accepted. */
  ledger(operation: string): number
  /** An owned number without 911, forwarding, failover or DID group (as auditDIDs shows), never handed out before. */
  freshNumber(): string
  stop(): Promise<void>
}

export const signal = new AbortController().signal

export async function startViClient(options: { seed: number; numbers: number }): Promise<ViClientHarness> {
  const sandbox = await startSandbox({ carriers: ['voip-innovations'], numbers: options.numbers, seed: options.seed })
  const vi = sandbox.carriers['voip-innovations'] as SandboxCarrier
  const makeClient = (overrides: Partial<VoipInnovationsClientOptions> = {}): VoipInnovationsClient =>
    new VoipInnovationsClient({ baseUrl: vi.baseUrl, login: vi.account.username ?? '', secret: vi.account.secrets.secret ?? '', ...overrides })
  const client = makeClient()
  const pool = (await client.auditDIDs({ signal }))
    .filter((did) => !did.has911 && !did.forward && !did.failover && !did.didGroupId)
    .map((did) => did.tn)
  return {
    sandbox,
    vi,
    client,
    makeClient,
    ledger: (operation) => sandbox.ledger.entries({ carrier: 'voip-innovations', operation }).length,
    freshNumber() {
      const tn = pool.shift()
      if (!tn) throw new Error('The sandbox has no plain owned number left: start it with more numbers')
      return tn
    },
    stop: () => sandbox.stop(),
  }
}
