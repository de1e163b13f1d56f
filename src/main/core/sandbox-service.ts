/**
 * The Sandbox inside the app: starts the simulators in this process and adds (or re-points) one sandbox
 * account per carrier. Simulator ports change at every start, so existing sandbox accounts are updated
 * rather than duplicated. The simulators are loaded only when the Sandbox is opened (a dynamic import, its
 * own chunk in the build), so the app's main chunk does not carry them.
 */
import type { z } from 'zod'
import type { AccountView } from '../../shared/domain'
import type { SandboxStatus } from '../../shared/ipc-shared'
import type { Sandbox, SandboxAccount, SandboxOptions } from '../sandbox'
import type { AccountsService } from './accounts-service'

// Re-exported for the CLI, whose one door into main is the core (the fences of eslint.config.mjs).
export { maxSandboxCallsPerDay, maxSandboxNumbers } from '../sandbox/limits'

/** Fault settings per simulated carrier (see sandbox/kit/faults.ts). */
export type SandboxFaults = NonNullable<SandboxOptions['faults']>

/** The simulators started on their own (`carrierdesk sandbox start`), outside any CarrierDesk instance. */
export interface StandaloneSandbox {
  seed: number
  carriers: { carrier: string; baseUrl: string; controlUrl: string; account: SandboxAccount }[]
  stop(): Promise<void>
}

/** The simulated carriers and the schema of their fault settings, loaded with the simulators. */
export async function sandboxFaultsSchema(): Promise<{ carriers: readonly string[]; schema: z.ZodType<SandboxFaults> }> {
  const { FaultsByCarrierSchema, simulatedCarrierIds } = await import('../sandbox')
  return { carriers: simulatedCarrierIds, schema: FaultsByCarrierSchema as z.ZodType<SandboxFaults> }
}

export async function startStandaloneSandbox(options: {
  seed: number
  numbers: number
  /** Call records per carrier per day (the Sandbox's default when absent). */
  callsPerDay?: number | undefined
  faults?: SandboxFaults | undefined
}): Promise<StandaloneSandbox> {
  const { startSandbox } = await import('../sandbox')
  const running = await startSandbox(options)
  return {
    seed: running.seed,
    carriers: running.list().map((entry) => ({
      carrier: entry.carrier,
      baseUrl: entry.baseUrl,
      controlUrl: `${entry.origin}/_sandbox`,
      account: entry.account,
    })),
    stop: () => running.stop(),
  }
}

export class SandboxService {
  private sandbox: Sandbox | undefined
  private starting: Promise<Sandbox> | undefined

  constructor(
    private readonly accounts: AccountsService,
    private readonly defaults: SandboxOptions = {},
  ) {}

  status(): SandboxStatus {
    return {
      running: this.sandbox !== undefined,
      carriers: this.sandbox?.list().map((entry) => ({ carrier: entry.carrier, baseUrl: entry.baseUrl })) ?? [],
    }
  }

  /** The running Sandbox (its ledger, clock and fault switches), if open. */
  get running(): Sandbox | undefined {
    return this.sandbox
  }

  async open(options: { seed?: number | undefined }): Promise<{ accounts: AccountView[] }> {
    this.starting ??= import('../sandbox').then(({ startSandbox }) =>
      startSandbox({ ...this.defaults, ...(options.seed === undefined ? {} : { seed: options.seed }) }),
    )
    this.sandbox = await this.starting
    const accounts: AccountView[] = []
    const existingByName = new Map(this.accounts.list().map((view) => [view.name.toLowerCase(), view]))
    for (const { account } of this.sandbox.list()) {
      const { secrets, ...settings } = account
      const existing = existingByName.get(settings.name.toLowerCase())
      accounts.push(
        existing
          ? await this.accounts.update({ id: existing.id, ...settings, secrets })
          : await this.accounts.add({ ...settings, secrets }),
      )
    }
    return { accounts }
  }

  async close(): Promise<void> {
    const sandbox = this.sandbox
    this.sandbox = undefined
    this.starting = undefined
    await sandbox?.stop()
  }
}
