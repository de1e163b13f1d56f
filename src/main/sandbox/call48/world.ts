/**
 * What every Call48 route module shares: the simulator context, authentication, the DID inventory,
 * the trunk groups, the ledger and the hooks that move time-driven work (bulk orders, ports) forward.
 */
import type { SimulatorContext } from '../kit/simulator'
import type { Call48Auth } from './auth'
import type { Call48Inventory } from './inventory'

export const carrierName = 'call48'
export const apiBase = '/api/v4'

export interface Call48World {
  context: SimulatorContext
  auth: Call48Auth
  inventory: Call48Inventory
  /** OD trunk groups' external ids (`ext_tgid`), which `fwd_trunk_grpid` must name. */
  trunkGroupExists(extTgid: number): boolean
  /** Records an accepted mutation in the ledger. */
  record(operation: string, details: Record<string, unknown>): void
  /** Registers work that catches up with the simulated clock before any request is answered. */
  onRefresh(step: () => void): void
  refresh(): void
}

export function createWorld(parts: Omit<Call48World, 'record' | 'onRefresh' | 'refresh'>): Call48World {
  const steps: (() => void)[] = []
  return {
    ...parts,
    record(operation, details) {
      parts.context.ledger.record(carrierName, operation, details)
    },
    onRefresh(step) {
      steps.push(step)
    },
    refresh() {
      for (const step of steps) step()
    },
  }
}
