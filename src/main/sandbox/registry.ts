/**
 * The simulators the Sandbox can start, one line per simulated carrier (those of simulated-carriers.ts, in
 * its order). A carrier without a simulator is simply not here.
 */
import type { CarrierId } from '../../shared/domain'
import type { SimulatorFactory } from './kit/simulator'
import { simulatedCarriers, type SimulatedCarrier } from './simulated-carriers'
import { createCall48Simulator } from './call48/simulator'
import { createNexogySimulator } from './nexogy/simulator'
import { createVitcomSimulator } from './vitcom/simulator'
import { createVoipInnovationsSimulator } from './voip-innovations/simulator'

export interface SimulatorEntry {
  create: SimulatorFactory
  /** This carrier's share of the owned numbers asked for (0 for a carrier that lists no inventory). */
  numberShare: number
}

const entries = {
  call48: { create: createCall48Simulator, numberShare: 0.4 },
  vitcom: { create: createVitcomSimulator, numberShare: 0.3 },
  'voip-innovations': { create: createVoipInnovationsSimulator, numberShare: 0.3 },
  nexogy: { create: createNexogySimulator, numberShare: 0 },
} satisfies Record<SimulatedCarrier, SimulatorEntry>

/** Each carrier's simulator, where it has one. */
export const simulators: Partial<Record<CarrierId, SimulatorEntry>> = entries

/** The simulated carriers, in start order. */
export const simulatedCarrierIds: readonly [CarrierId, ...CarrierId[]] = simulatedCarriers
