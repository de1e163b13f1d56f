/** Shared set-up of the Nexogy client tests: a Sandbox with only the Nexogy simulator, and client details. */
import { startSandbox, type Sandbox, type SandboxCarrier } from '../../../src/main/sandbox'
import { NexogyClient } from '../../../src/main/carriers/nexogy/client'
import type { NewResidentialClient } from '../../../src/main/carriers/nexogy/inputs'
import type { FaultSettingsInput } from '../../../src/main/sandbox/kit/faults'

export interface NexogySandbox {
  sandbox: Sandbox
  nexogy: SandboxCarrier
  /** A new typed client for the sandbox account (its own token), optionally on the simulated clock. */
  client(options?: { scope?: string; password?: string; simulatedClock?: boolean }): NexogyClient
  faults(settings: FaultSettingsInput): void
  ledger(operation: string): Record<string, unknown>[]
}

export async function startNexogySandbox(seed: number): Promise<NexogySandbox> {
  const sandbox = await startSandbox({ carriers: ['nexogy'], seed, numbers: 0 })
  const nexogy = sandbox.carriers.nexogy
  if (!nexogy) throw new Error('the Nexogy simulator did not start')
  return {
    sandbox,
    nexogy,
    client: (options = {}) =>
      new NexogyClient({
        account: { ...nexogy.account, ...(options.scope === undefined ? {} : { scope: options.scope }) },
        secrets: { ...nexogy.account.secrets, ...(options.password === undefined ? {} : { password: options.password }) },
        ...(options.simulatedClock ? { now: sandbox.clock.now } : {}),
      }),
    faults: (settings) => {
      nexogy.faults.configure(settings)
    },
    ledger: (operation) => sandbox.ledger.entries({ carrier: 'nexogy', operation }).map((entry) => entry.details),
  }
}

let serial = 0

/** Valid details of a new residential client (the number to give comes from a DID search). */
export function clientDetails(didNumber: string, overrides: Partial<NewResidentialClient> = {}): NewResidentialClient {
  serial += 1
  return {
    email: `tester${serial}@example.com`,
    firstName: 'Kerry',
    lastName: 'King',
    address: '126 Mendoza avenue apartment 7A',
    zipcode: '33134',
    sameBillingAddress: true,
    startBillingDate: '06/08/2017',
    didNumber,
    didPorting: false,
    ...overrides,
  }
}

export const signal = (): AbortSignal => new AbortController().signal
