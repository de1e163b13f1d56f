/** Shared setup for the Call48 client tests: a Call48-only Sandbox and a client on its seeded account. */
import { Call48Client } from '../../../src/main/carriers/call48/client'
import { CarrierError } from '../../../src/main/lib/carrier-error'
import { startSandbox, type Sandbox, type SandboxCarrier } from '../../../src/main/sandbox/index'
import type { FaultSettingsInput } from '../../../src/main/sandbox/kit/faults'
import type { LedgerEntry } from '../../../src/main/sandbox/kit/ledger'

export interface Call48Bench {
  sandbox: Sandbox
  carrier: SandboxCarrier
  client(options?: { password?: string; loginMode?: 'customer' | 'sp-admin' }): Call48Client
  ledger(operation: string): LedgerEntry[]
  /** Replaces the fault settings (scripted faults: `match` is the simulator's operation name). */
  faults(settings: FaultSettingsInput): void
  stop(): Promise<void>
}

export async function startCall48(options: { numbers?: number; seed?: number } = {}): Promise<Call48Bench> {
  const sandbox = await startSandbox({ carriers: ['call48'], numbers: options.numbers ?? 500, seed: options.seed ?? 11, callsPerDay: 200, historyDays: 5 })
  const carrier = sandbox.carriers.call48!
  return {
    sandbox,
    carrier,
    client: (overrides = {}) =>
      new Call48Client({
        settings: { baseUrl: carrier.baseUrl, username: carrier.account.username },
        secrets: { password: overrides.password ?? carrier.account.secrets.password },
        loginMode: overrides.loginMode,
      }),
    ledger: (operation) => sandbox.ledger.entries({ carrier: 'call48', operation }),
    faults: (settings) => {
      carrier.faults.configure(settings)
    },
    stop: () => sandbox.stop(),
  }
}

export const signal = (): AbortSignal => new AbortController().signal

/** The CarrierError a promise rejects with (fails the test when it resolves or rejects otherwise). */
export async function carrierError(promise: Promise<unknown>): Promise<CarrierError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof CarrierError) return error
    throw error
  }
  throw new Error('Expected a CarrierError, but the call succeeded')
}
